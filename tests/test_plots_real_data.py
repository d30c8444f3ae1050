"""The real-data figure draws what its alt text says.

The expected line is least squares in float64 NumPy on Galton's table typed out cell by
cell (tests/reference.py), not linreg's closed form on linreg's file.
"""

import numpy as np
import pytest

from linreg import galton_heights
from linreg.plots import regression_to_the_mean
from tests.reference import default_figure, galton_rows


def test_regression_to_the_mean_matches_its_alt_text() -> None:
    """real-data.md: "Galton's 928 children, their heights against their mid-parents'
    heights in inches, each point spread within its one-inch class. The least-squares
    line, slope 0.65, passes through the cross that marks the means and is flatter than
    the dashed line y = x"."""
    (ax,) = default_figure("regression_to_the_mean").axes
    (points,) = ax.collections
    fitted, diagonal, means = ax.get_lines()
    parent, child = galton_rows()

    # 928 points, each within half an inch of its recorded pair: inside its class.
    offsets = np.asarray(points.get_offsets())
    assert offsets.shape == (928, 2)
    x, y = (t.double().numpy().ravel() for t in galton_heights())
    assert (abs(offsets[:, 0] - x) <= 0.5).all() and (abs(offsets[:, 1] - y) <= 0.5).all()
    assert len(np.unique(offsets, axis=0)) == 928  # spread: no two points on one spot

    # The least-squares line of the heights as recorded (not of the jittered points).
    slope, intercept = np.polyfit(parent, child, deg=1)
    assert slope == pytest.approx(0.6463, abs=1e-4)
    line_x, line_y = (np.asarray(v, dtype=float).ravel() for v in fitted.get_data())
    np.testing.assert_allclose(line_y, slope * line_x + intercept, rtol=1e-6)
    assert fitted.get_label() == f"least squares: slope {slope:.2f}" == "least squares: slope 0.65"

    # y = x, dashed, steeper than the fitted line; the cross at the means, on the line.
    diagonal_x, diagonal_y = (np.asarray(v, dtype=float).ravel() for v in diagonal.get_data())
    np.testing.assert_array_equal(diagonal_x, diagonal_y)
    assert diagonal.get_linestyle() == "--" and fitted.get_linestyle() == "-"
    assert slope < 1
    (mean_x,), (mean_y,) = (np.asarray(v, dtype=float).ravel() for v in means.get_data())
    assert (mean_x, mean_y) == pytest.approx((parent.mean(), child.mean()), abs=1e-5)
    assert mean_y == pytest.approx(slope * mean_x + intercept, abs=1e-5)  # float32 means
    assert means.get_marker() == "X"

    # Equal scales: y = x is drawn at 45 degrees, so the flatter line looks flatter.
    assert ax.get_aspect() == 1.0
    assert ax.get_xlim() == ax.get_ylim() == (61.0, 75.0)
    assert ax.get_xlabel() == "mid-parent height (inches)"
    assert ax.get_ylabel() == "child's height (inches)"


def test_regression_to_the_mean_jitter_is_seeded() -> None:
    def offsets(seed: int) -> np.ndarray:
        return np.asarray(regression_to_the_mean(seed).axes[0].collections[0].get_offsets())

    np.testing.assert_array_equal(offsets(0), offsets(0))
    assert not np.array_equal(offsets(0), offsets(1))

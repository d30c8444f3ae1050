"""linreg.plots: each figure draws what its page says, from linreg's own data."""

import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure

from linreg import exam_scores, plots
from linreg.plots import residuals


def test_every_listed_figure_draws_without_arguments() -> None:
    for name in plots.__all__:
        fig = getattr(plots, name)()
        assert isinstance(fig, Figure)
        assert fig.patch.get_alpha() == 0.0, "figures are transparent for the dark palette"


def test_residuals_draws_the_data_the_line_and_each_error() -> None:
    fig = residuals()
    (ax,) = fig.axes
    hours, scores = exam_scores()
    x, y = hours.flatten().numpy(), scores.flatten().numpy()
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("hours studied", "exam score")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "H(x) = 13x + 1",
        "actual scores",
        "error = y - H(x)",
    ]
    (line,) = ax.get_lines()
    line_x, line_y = (np.asarray(a, dtype=float) for a in line.get_data())
    np.testing.assert_allclose(line_y, 13 * line_x + 1, rtol=1e-6)
    points, errors = ax.collections
    assert isinstance(points, PathCollection) and isinstance(errors, LineCollection)
    np.testing.assert_array_equal(points.get_offsets(), np.column_stack([x, y]))
    segments = np.array(errors.get_segments())  # (4, 2 ends, xy)
    np.testing.assert_array_equal(segments[:, 0], np.column_stack([x, 13 * x + 1]))
    np.testing.assert_array_equal(segments[:, 1], np.column_stack([x, y]))
    # The errors the cost page computes: -2, 10, -11, -5.
    assert (segments[:, 1, 1] - segments[:, 0, 1]).tolist() == [-2.0, 10.0, -11.0, -5.0]


@pytest.mark.parametrize(("weight", "bias"), [(10.0, 9.5), (2.0, -1.0)])
def test_residuals_follows_its_arguments(weight: float, bias: float) -> None:
    (ax,) = residuals(weight, bias).axes
    line_x, line_y = (np.asarray(a, dtype=float) for a in ax.get_lines()[0].get_data())
    np.testing.assert_allclose(line_y, weight * line_x + bias, rtol=1e-6)
    assert ax.get_legend().get_texts()[0].get_text() == f"H(x) = {weight:g}x + {bias:g}"

"""linreg.plots: the chapter's first figures draw what their alt text says.

Each test names the page and quotes the alt text it checks. Expected values are
worked out by hand in the test, never taken from linreg.
"""

from pathlib import Path

import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from linreg import plots
from linreg.plots import residuals
from tests.reference import OKABE_ITO, default_figure


def test_every_listed_figure_draws_without_arguments() -> None:
    for name in plots.__all__:
        fig = default_figure(name)
        assert isinstance(fig, Figure)
        assert fig.patch.get_alpha() == 0.0, "figures are transparent for the dark palette"


def test_every_listed_figure_has_a_test_of_what_its_page_says() -> None:
    """A figure's alt text (or a lab's text) states facts; a test must check them."""
    tests = "".join(path.read_text() for path in Path(__file__).parent.glob("test_*.py"))
    untested = [
        name
        for name in plots.__all__
        if f"def test_{name}_matches_its_alt_text(" not in tests
        and f"def test_{name}_matches_the_lab(" not in tests
    ]
    assert untested == []


def test_train_points_matches_its_alt_text() -> None:
    """training-data.md: "Three blue points at (1, 2), (2, 4) and (3, 6), hours studied
    against score, all lying on the dotted line y = 2x through the origin"."""
    (ax,) = default_figure("train_points").axes
    (points,) = ax.collections
    assert isinstance(points, PathCollection)
    assert points.get_offsets().tolist() == [[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]
    assert to_hex(points.get_facecolor()[0]) == OKABE_ITO["blue"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("hours studied", "score")

    (line,) = ax.get_lines()
    assert line.get_label() == "y = 2x" and line.get_linestyle() == ":"  # dotted
    line_x, line_y = (np.asarray(a, dtype=float) for a in line.get_data())
    np.testing.assert_array_equal(line_y, 2 * line_x)  # every vertex on y = 2x: exact
    # The drawn line passes through the origin and through each point.
    assert np.interp(0.0, line_x, line_y) == 0.0
    assert [np.interp(x, line_x, line_y) for x in (1.0, 2.0, 3.0)] == [2.0, 4.0, 6.0]
    assert "y = 2x" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_residuals_matches_its_alt_text() -> None:
    """hypothesis-and-cost.md: "Four blue points for the exam scores at 2, 3, 4 and 5
    hours, the vermilion line y = 13x + 1 passing near them, and a dashed green vertical
    segment from each point to the line, labelled with its error: -2, +10, -11 and -5"."""
    (ax,) = default_figure("residuals").axes
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("hours studied", "exam score")
    points, errors = ax.collections
    assert isinstance(points, PathCollection) and isinstance(errors, LineCollection)
    assert points.get_offsets().tolist() == [[2.0, 25.0], [3.0, 50.0], [4.0, 42.0], [5.0, 61.0]]
    assert to_hex(points.get_facecolor()[0]) == OKABE_ITO["blue"]

    (line,) = ax.get_lines()
    assert to_hex(line.get_color()) == OKABE_ITO["vermilion"]
    line_x, line_y = (np.asarray(a, dtype=float) for a in line.get_data())
    np.testing.assert_allclose(line_y, 13 * line_x + 1, rtol=1e-6)
    assert line_x.min() < 2.0 and line_x.max() > 5.0, "the line spans every point"

    # 13x + 1 at x = 2, 3, 4, 5 is 27, 40, 53, 66: each segment runs from there to the point.
    # (dash lengths scale with the line's width)
    dashed = LineCollection([], linestyles="dashed", linewidths=errors.get_linewidth())
    assert errors.get_linestyle() == dashed.get_linestyle()
    assert to_hex(errors.get_color()[0]) == OKABE_ITO["bluish green"]
    assert [segment.tolist() for segment in errors.get_segments()] == [
        [[2.0, 27.0], [2.0, 25.0]],
        [[3.0, 40.0], [3.0, 50.0]],
        [[4.0, 53.0], [4.0, 42.0]],
        [[5.0, 66.0], [5.0, 61.0]],
    ]
    # Labels: 25 - 27, 50 - 40, 42 - 53, 61 - 66, each beside its own segment.
    assert [label.get_text() for label in ax.texts] == ["-2", "+10", "-11", "-5"]
    for label, (hour, low, high) in zip(
        ax.texts, [(2, 25, 27), (3, 40, 50), (4, 42, 53), (5, 61, 66)], strict=True
    ):
        x, y = label.xy
        assert x == hour and low <= y <= high
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "H(x) = 13x + 1",
        "actual scores",
        "error = y - H(x)",
    ]


@pytest.mark.parametrize(
    ("weight", "bias", "label", "errors"),
    [
        # 10x + 9.5 at x = 2..5 is 29.5, 39.5, 49.5, 59.5; the scores minus those:
        (10.0, 9.5, "H(x) = 10x + 9.5", ["-4.5", "+10.5", "-7.5", "+1.5"]),
        # 12x + 0.5 is 24.5, 36.5, 48.5, 60.5:
        (12.0, 0.5, "H(x) = 12x + 0.5", ["+0.5", "+13.5", "-6.5", "+0.5"]),
    ],
)
def test_residuals_follows_its_arguments(
    weight: float, bias: float, label: str, errors: list[str]
) -> None:
    (ax,) = residuals(weight, bias).axes
    line_x, line_y = (np.asarray(a, dtype=float) for a in ax.get_lines()[0].get_data())
    np.testing.assert_allclose(line_y, weight * line_x + bias, rtol=1e-6)
    assert ax.get_legend().get_texts()[0].get_text() == label
    assert [text.get_text() for text in ax.texts] == errors

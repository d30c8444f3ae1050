"""linreg.plots.descent: the bowl's tangents and the descent paths are the page's algebra.

On x = 1, 2, 3, y = 2, 4, 6 with b = 0 the cost is (14/3)(W - 2)^2, its slope
(28/3)(W - 2), and one update multiplies W - 2 by (1 - lr * 28/3).
"""

import math

import pytest
from matplotlib.lines import Line2D

from linreg.plots import cost_curve, descent_steps


def lines_with_gid(fig, gid: str) -> list[Line2D]:
    return [line for ax in fig.axes for line in ax.get_lines() if line.get_gid() == gid]


def test_tangents_touch_the_bowl_with_the_derivative_as_slope() -> None:
    points = [-1.0, 0.5, 2.0, 6.0]
    tangents = lines_with_gid(cost_curve(tangent_at=points), "tangent")
    assert len(tangents) == len(points)
    for w, line in zip(points, tangents, strict=True):
        (w0, w1), (c0, c1) = line.get_data()
        assert (w0 + w1) / 2 == pytest.approx(w)
        assert (c0 + c1) / 2 == pytest.approx(14 / 3 * (w - 2) ** 2, rel=1e-5)
        assert (c1 - c0) / (w1 - w0) == pytest.approx(28 / 3 * (w - 2), abs=1e-4)


def test_the_curve_reaches_every_tangent() -> None:
    ax = cost_curve(tangent_at=[8.0]).axes[0]
    low, high = ax.get_lines()[0].get_xdata()[[0, -1]]
    assert low <= -0.5 and high >= 8.0


@pytest.mark.parametrize("lr", [0.01, 0.05, 0.2, 0.22, 0.3])
def test_each_step_scales_the_distance_to_the_minimum(lr: float) -> None:
    (path,) = lines_with_gid(descent_steps(lrs=[lr], steps=5), "steps")
    distances = [w - 2 for w in path.get_xdata()]
    assert distances[0] == -2
    for before, after in zip(distances, distances[1:], strict=False):
        assert after == pytest.approx((1 - lr * 28 / 3) * before, rel=1e-4)


def test_one_panel_per_learning_rate() -> None:
    fig = descent_steps(lrs=[0.01, 0.1, 0.2], steps=3)
    assert [ax.get_title() for ax in fig.axes] == ["lr = 0.01", "lr = 0.1", "lr = 0.2"]
    assert all(len(line.get_xdata()) == 4 for line in lines_with_gid(fig, "steps"))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: cost_curve(tangent_at=1.0), TypeError, "tangent_at must be a sequence"),
        (lambda: cost_curve(tangent_at="12"), TypeError, "tangent_at must be a sequence"),
        (lambda: cost_curve(tangent_at=[1, "2"]), TypeError, "tangent_at must hold real"),
        (lambda: cost_curve(tangent_at=[True]), TypeError, "tangent_at must hold real"),
        (lambda: cost_curve(tangent_at=[math.nan]), ValueError, "finite numbers, got nan"),
        (lambda: descent_steps(lrs=[]), ValueError, "at least one learning rate"),
        (lambda: descent_steps(lrs=[0.1, 0.0]), ValueError, "must be positive"),
        (lambda: descent_steps(lrs=[math.inf]), ValueError, "lrs must hold finite"),
        (lambda: descent_steps(steps=2.0), TypeError, "steps must be an int, got float"),
        (lambda: descent_steps(steps=0), ValueError, "steps must be at least 1, got 0"),
    ],
)
def test_bad_arguments_are_named(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()

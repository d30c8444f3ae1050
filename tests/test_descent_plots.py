"""linreg.plots.descent: the bowl's tangents and the descent paths are the page's algebra.

On x = 1, 2, 3, y = 2, 4, 6 with b = 0 the cost is (14/3)(W - 2)^2, its slope
(28/3)(W - 2), and one update multiplies W - 2 by (1 - lr * 28/3).
"""

import math

import numpy as np
import pytest
from matplotlib.lines import Line2D

from linreg.plots import cost_curve, descent_steps
from tests.reference import default_figure


def lines_with_gid(fig, gid: str) -> list[Line2D]:
    return [line for ax in fig.axes for line in ax.get_lines() if line.get_gid() == gid]


def bowl(w: np.ndarray | float) -> np.ndarray:
    """The cost with b = 0 on x = 1, 2, 3 and y = 2x, by hand:
    mean((W x - 2 x)^2) = (W - 2)^2 (1 + 4 + 9) / 3 = (14/3)(W - 2)^2."""
    return 14 / 3 * (np.asarray(w, dtype=float) - 2) ** 2


def test_cost_curve_matches_its_alt_text() -> None:
    """gradient-descent.md: "The cost curve 14/3 (W - 2) squared for W from -0.5 to 4.5,
    a bowl with its lowest point at W = 2. Tangent lines touch it at W = 0.5 with slope
    -14, at W = 2 with slope 0 (flat), and at W = 3.5 with slope 14."""
    (ax,) = default_figure("cost_curve").axes
    (curve,) = [line for line in ax.get_lines() if line.get_label() == "cost(W)"]
    ws, costs = (np.asarray(a, dtype=float) for a in curve.get_data())
    assert (ws[0], ws[-1]) == pytest.approx((-0.5, 4.5), abs=1e-6)
    np.testing.assert_allclose(costs, bowl(ws), rtol=1e-5, atol=1e-5)  # float32 cost
    assert ws[np.argmin(costs)] == pytest.approx(2.0, abs=1e-6)

    # (28/3)(W - 2) at 0.5, 2, 3.5 is -14, 0, 14; (14/3)(W - 2)^2 there is 10.5, 0, 10.5.
    tangents = lines_with_gid(ax.figure, "tangent")
    assert len(tangents) == 3
    for line, (w, height, slope) in zip(
        tangents, [(0.5, 10.5, -14.0), (2.0, 0.0, 0.0), (3.5, 10.5, 14.0)], strict=True
    ):
        (w0, w1), (c0, c1) = line.get_data()
        assert (w0 + w1) / 2 == pytest.approx(w)
        assert (c0 + c1) / 2 == pytest.approx(height, abs=1e-5)
        assert (c1 - c0) / (w1 - w0) == pytest.approx(slope, abs=1e-4)
    offsets = np.concatenate([c.get_offsets() for c in ax.collections])
    np.testing.assert_allclose(offsets, [[0.5, 10.5], [2.0, 0.0], [3.5, 10.5]], atol=1e-5)
    assert [text.get_text() for text in ax.texts] == ["slope -14", "slope 0", "slope 14"]


def test_descent_steps_matches_its_alt_text() -> None:
    """gradient-descent.md: "Four panels, one per learning rate, each showing the cost
    bowl and eight gradient descent steps from W = 0. With lr = 0.01 the steps creep down
    the left side and stop short of the minimum; with lr = 0.05 they reach the bottom in
    a few steps; with lr = 0.2 they zigzag across the bowl and settle toward the bottom;
    with lr = 0.22 they zigzag outward, climbing higher each time."

    Each update multiplies the distance W - 2 by r = 1 - lr * 28/3, so after k steps from
    W = 0 the distance is -2 r^k."""
    fig = default_figure("descent_steps")
    assert [ax.get_title() for ax in fig.axes] == [
        "lr = 0.01",
        "lr = 0.05",
        "lr = 0.2",
        "lr = 0.22",
    ]
    distances, heights = {}, {}
    for ax, lr in zip(fig.axes, (0.01, 0.05, 0.2, 0.22), strict=True):
        (curve,) = [line for line in ax.get_lines() if line.get_label() == "cost(W)"]
        curve_w, curve_cost = (np.asarray(a, dtype=float) for a in curve.get_data())
        np.testing.assert_allclose(curve_cost, bowl(curve_w), rtol=1e-5, atol=1e-5)
        (path,) = [line for line in ax.get_lines() if line.get_gid() == "steps"]
        ws, costs = (np.asarray(a, dtype=float) for a in path.get_data())
        d = -2 * (1 - lr * 28 / 3) ** np.arange(9)
        np.testing.assert_allclose(ws - 2, d, rtol=1e-4, atol=1e-6)  # W = 0 and 8 steps
        np.testing.assert_allclose(costs, bowl(ws), rtol=1e-5, atol=1e-5)  # on the bowl
        assert curve_w.min() <= ws.min() and ws.max() <= curve_w.max()
        distances[lr], heights[lr] = ws - 2, costs

    creep = distances[0.01]
    assert (creep < 0).all() and (np.diff(creep) > 0).all(), "down the left side"
    assert creep[-1] < -0.5, "stops short of the minimum"
    arrive = distances[0.05]
    assert (arrive < 0).all() and heights[0.05][4] < 0.01 * heights[0.05][0]
    for lr in (0.2, 0.22):
        sides = np.sign(distances[lr])
        assert (sides[1:] == -sides[:-1]).all(), f"lr = {lr} zigzags across the minimum"
    assert (np.diff(abs(distances[0.2])) < 0).all(), "lr = 0.2 settles"
    assert (np.diff(abs(distances[0.22])) > 0).all(), "lr = 0.22 goes outward"
    assert (np.diff(heights[0.22]) > 0).all(), "climbing higher each time"


def test_tangents_touch_the_bowl_with_the_derivative_as_slope() -> None:
    points = [-1.0, 0.5, 2.0, 6.0]
    tangents = lines_with_gid(cost_curve(tangent_at=points), "tangent")
    assert len(tangents) == len(points)
    for w, line in zip(points, tangents, strict=True):
        (w0, w1), (c0, c1) = line.get_data()
        assert (w0 + w1) / 2 == pytest.approx(w)
        assert (c0 + c1) / 2 == pytest.approx(bowl(w), rel=1e-5)
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

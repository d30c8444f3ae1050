"""The labs' figures draw what the labs' text says, draw what they are given, and refuse
what they cannot draw.

Called with no arguments each figure draws the run the lab "Watching gradient descent"
makes (lr = 0.01 from W = b = 0 on x = 1, 2, 3, y = 2x, 1000 epochs) or, for
cost_panels, the three runs of the lab "Learning rate"; the tests compare those with
gradient descent written again by hand in float64 NumPy (tests/reference.py).
"""

import math

import numpy as np
import pytest
import torch
from matplotlib.colors import to_hex, to_rgb

from linreg.plots import cost_history, cost_panels, fit_snapshots, path_on_contours
from linreg.plots._style import DATA
from linreg.plots.labs import first_below
from tests.colours import lightness
from tests.reference import (
    TRAIN_X,
    TRAIN_Y,
    assert_contours_on_cost,
    contour_set,
    default_figure,
    descend,
    hessian,
)

X = torch.tensor([[1.0], [2.0], [3.0]])
Y = torch.tensor([[3.0], [5.0], [7.0]])
SNAPSHOT_EPOCHS = (0, 10, 50, 200, 1000)


def test_fit_snapshots_matches_the_lab() -> None:
    """watching-gradient-descent.py: "The first steps are large: the line swings up from
    y = 0 towards the points within ten epochs. After that it only tilts and slides a
    little"."""
    (ax,) = default_figure("fit_snapshots").axes
    (points,) = ax.collections
    assert points.get_offsets().tolist() == [[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == [f"epoch {e}" for e in SNAPSHOT_EPOCHS]
    shades = [lightness(to_rgb(line.get_color())) for line in lines]
    assert shades == sorted(shades, reverse=True), "from light to dark"

    params, _ = descend(TRAIN_X, TRAIN_Y, lr=0.01, epochs=1000)
    heights = []
    for line, epoch in zip(lines, SNAPSHOT_EPOCHS, strict=True):
        xs, ys = (np.asarray(a, dtype=float) for a in line.get_data())
        np.testing.assert_allclose(xs, [0.5, 3.5])  # the data's x, 1 to 3, and half a unit
        W, b = params[epoch]
        np.testing.assert_allclose(ys, W * xs + b, atol=1e-5)
        heights.append(ys)
    assert (heights[0] == 0).all(), "epoch 0 is the line y = 0"

    def gap(ys: np.ndarray) -> float:
        """Root mean square vertical gap between the drawn line and the three points."""
        return float(np.sqrt(np.mean((np.interp(TRAIN_X, [0.5, 3.5], ys) - TRAIN_Y) ** 2)))

    assert (heights[1] > 0).all() and gap(heights[1]) < gap(heights[0]) / 3, "swings up"
    moves = [
        abs(after - before).max() for before, after in zip(heights[:-1], heights[1:], strict=True)
    ]
    assert max(moves[1:]) < moves[0], "after that, smaller moves"
    assert [gap(ys) for ys in heights] == sorted((gap(ys) for ys in heights), reverse=True)


def test_cost_history_matches_the_lab() -> None:
    """watching-gradient-descent.py: "On a log axis two phases show: a fast drop while W
    catches up with the data, then a straight line, the slow but steady shrinking of the
    error in b"."""
    (ax,) = default_figure("cost_history").axes
    assert ax.get_yscale() == "log"
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), np.arange(1001))
    _, expected = descend(TRAIN_X, TRAIN_Y, lr=0.01, epochs=1000)
    np.testing.assert_allclose(line.get_ydata(), expected, rtol=1e-4)
    costs = np.asarray(line.get_ydata())
    assert costs[10] < 0.2 * costs[0], "fast drop"
    # A straight line on a log scale is a constant factor per epoch. Along the flattest
    # direction of the bowl (curvature lambda_min) a step multiplies the error by
    # (1 - lr lambda_min), so the cost by its square; that direction is mostly b.
    curvatures, axes = np.linalg.eigh(hessian(TRAIN_X))
    factor = (1 - 0.01 * curvatures[0]) ** 2
    np.testing.assert_allclose(costs[201:] / costs[200:-1], factor, atol=1e-4)
    w_part, b_part = abs(axes[:, 0])
    assert b_part > 2 * w_part


def test_cost_panels_matches_the_lab() -> None:
    """learning-rate.py: "Too small (0.001): every step goes the right way, but after 1000
    epochs the cost is still far above the threshold. Good (0.1): the cost falls by a
    constant factor per epoch, a straight line on the log scale, and passes the threshold
    early. Too large (0.2): each step overshoots the bottom of the valley by more than it
    started, so the cost grows by a constant factor instead, until it is no longer a
    finite number." The lab's threshold is 1e-3, as the default."""
    fig = default_figure("cost_panels")
    runs = {lr: descend(TRAIN_X, TRAIN_Y, lr=lr, epochs=1000)[1] for lr in (0.001, 0.1, 0.2)}
    assert not (runs[0.001] < 1e-3).any() and not (runs[0.2] < 1e-3).any()
    assert np.argmax(runs[0.1] < 1e-3) == 90
    assert [ax.get_title() for ax in fig.axes] == [
        "lr = 0.001: not yet",
        "lr = 0.1: epoch 90",
        "lr = 0.2: diverged",
    ]
    curves = {}
    for ax, lr in zip(fig.axes, runs, strict=True):
        assert ax.get_yscale() == "log"
        curve, threshold = ax.get_lines()
        assert threshold.get_linestyle() == "--" and list(threshold.get_ydata()) == [1e-3, 1e-3]
        # A run that blows up stops at its first non-finite cost (linreg.fit raises there).
        np.testing.assert_array_equal(curve.get_xdata(), np.arange(len(curve.get_xdata())))
        assert len(curve.get_xdata()) == 1001 or lr == 0.2
        curves[lr] = np.asarray(curve.get_ydata())
        # float32 and float64 agree while the cost is not vanishing or overflowing
        np.testing.assert_allclose(curves[lr][:200], runs[lr][:200], rtol=1e-3)

    small, good, large = curves[0.001], curves[0.1], curves[0.2]
    assert (np.diff(small) < 0).all() and small[-1] > 10 * 1e-3, "far above the threshold"
    curvatures = np.linalg.eigvalsh(hessian(TRAIN_X))
    # Good: the factor is (1 - lr lambda_min)², that of the slowest direction.
    np.testing.assert_allclose(good[21:81] / good[20:80], (1 - 0.1 * curvatures[0]) ** 2, atol=1e-4)
    # Too large: (1 - lr lambda_max)² > 1 along the steepest direction.
    growth = (1 - 0.2 * curvatures[1]) ** 2
    assert growth > 1.4
    np.testing.assert_allclose(large[51:201] / large[50:200], growth, rtol=1e-4)
    # Not finite: float32 overflows once the sum of the three squared errors passes its
    # largest number, and the curve stops there.
    biggest = float(np.finfo(np.float32).max)
    first_nan = int(np.argmax(np.isnan(large)))
    assert first_nan == len(large) - 1 < 1000, "the curve ends where the cost overflowed"
    assert np.isfinite(large[:first_nan]).all()
    assert np.argmax(runs[0.2] > biggest / 3) <= first_nan <= np.argmax(runs[0.2] > biggest)


def test_path_on_contours_matches_the_lab() -> None:
    """watching-gradient-descent.py: "Each contour joins the (W, b) that have the same
    cost. The surface is a long, narrow valley: gradient descent runs down the steep side
    first, then creeps along the valley floor towards W = 2, b = 0"."""
    (ax,) = default_figure("path_on_contours").axes
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("W", "b")
    # The smallest contours, near the minimum, span few grid cells: linear interpolation
    # between grid points puts their vertices up to ~1e-3 off in cost.
    drawn = assert_contours_on_cost(contour_set(ax), TRAIN_X, TRAIN_Y, rel=1e-2, abs_=2e-3)
    assert drawn >= 10
    path, start, end = ax.get_lines()
    assert [line.get_label() for line in (path, start, end)] == ["path of (W, b)", "start", "end"]
    params, _ = descend(TRAIN_X, TRAIN_Y, lr=0.01, epochs=1000)
    ws, bs = (np.asarray(a, dtype=float) for a in path.get_data())
    np.testing.assert_allclose(ws, params[:, 0], atol=1e-5)
    np.testing.assert_allclose(bs, params[:, 1], atol=1e-5)
    assert start.get_marker() == "o" and start.get_xydata().tolist() == [[0.0, 0.0]]
    assert end.get_marker() == "*" and end.get_xydata().tolist() == [[ws[-1], bs[-1]]]

    curvatures, axes = np.linalg.eigh(hessian(TRAIN_X))
    assert curvatures[1] / curvatures[0] > 40, "long and narrow"
    offsets = np.column_stack([ws - 2.0, bs])
    distances = np.hypot(offsets[:, 0], offsets[:, 1])
    across_floor = abs(offsets @ axes[:, 1]) / distances
    assert across_floor[0] > 0.9 and across_floor[100] < np.sin(np.radians(1)), "steep first"
    steps = np.hypot(np.diff(ws), np.diff(bs))
    assert steps[200:].max() < 0.01 * steps[0], "then creeps"
    assert (np.diff(distances) < 0).all() and distances[-1] < 0.1, "towards W = 2, b = 0"


def test_fit_snapshots_draws_one_line_per_epoch_in_epoch_order() -> None:
    ax = fit_snapshots(X, Y, {100: (2.0, 1.0), 0: (0.0, 0.0)}).axes[0]
    early, late = ax.get_lines()
    assert [early.get_label(), late.get_label()] == ["epoch 0", "epoch 100"]
    assert lightness(to_rgb(early.get_color())) > lightness(to_rgb(late.get_color()))
    # x spans the data, 1 to 3, half a unit beyond: 0.5 and 3.5, where 2x + 1 is 2 and 8.
    np.testing.assert_allclose(late.get_xydata(), [[0.5, 2.0], [3.5, 8.0]], rtol=1e-6)
    [points] = ax.collections
    assert points.get_offsets().tolist() == [[1.0, 3.0], [2.0, 5.0], [3.0, 7.0]]
    assert to_hex(points.get_facecolor()[0]) == DATA


def test_cost_history_is_log_scaled_with_one_line_per_run() -> None:
    ax = cost_history([4.0, 2.0, 1.0], threshold=0.5).axes[0]
    cost, threshold = ax.get_lines()
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "epoch"
    assert cost.get_label() == "cost" and list(cost.get_xdata()) == [0, 1, 2]
    assert list(threshold.get_ydata()) == [0.5, 0.5]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["cost", "threshold 0.5"]


def test_cost_history_draws_each_named_run_as_given() -> None:
    """As the mini-batches lab calls it: one line per run, named, costs unchanged."""
    runs = {"full batch (5)": [9.0, 3.0, 1.0], "stochastic (1)": [9.0, 0.5, 0.75, 0.25]}
    ax = cost_history(runs).axes[0]
    assert ax.get_yscale() == "log"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(runs)
    for line, costs in zip(ax.get_lines(), runs.values(), strict=True):
        assert list(line.get_xdata()) == list(range(len(costs)))
        assert list(line.get_ydata()) == costs


def test_cost_panels_titles_say_when_each_run_gets_below_the_threshold() -> None:
    runs = {"a": [1.0, 0.1, 0.01], "b": [1.0, 10.0, math.inf], "c": [1.0, 0.5, 0.4]}
    fig = cost_panels(runs, threshold=0.05)
    assert [ax.get_title() for ax in fig.axes] == ["a: epoch 2", "b: diverged", "c: not yet"]
    assert all(ax.get_yscale() == "log" for ax in fig.axes)
    assert math.isnan(fig.axes[1].get_lines()[0].get_ydata()[-1]), "inf is cut off, not drawn"


def test_path_on_contours_draws_the_path_over_the_cost_surface() -> None:
    path = [(0.0, 0.0), (1.5, 0.5), (2.0, 1.0)]
    ax = path_on_contours(X, Y, path).axes[0]
    line, start, end = ax.get_lines()
    assert list(zip(line.get_xdata(), line.get_ydata(), strict=True)) == path
    assert (start.get_xdata()[0], end.get_xdata()[0]) == (0.0, 2.0)
    # y = 2x + 1 on x = 1, 2, 3: each contour lies at its level of mean((W x + b - y)²).
    assert assert_contours_on_cost(contour_set(ax), [1.0, 2.0, 3.0], [3.0, 5.0, 7.0], 1e-2, 2e-3)
    low_w, high_w = ax.get_xlim()
    assert low_w <= 0.0 and high_w >= 2.0


def test_first_below_counts_from_epoch_zero() -> None:
    assert first_below([0.5], threshold=1.0) == 0
    assert first_below([2.0, math.nan, 0.5], threshold=1.0) == 2
    assert first_below([], threshold=1.0) is None


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: fit_snapshots(X, None), TypeError, "give both x and y"),
        (lambda: fit_snapshots(X, Y[:2]), ValueError, "same shape"),
        (lambda: fit_snapshots(X.long(), Y), TypeError, "x must be a floating point"),
        (lambda: fit_snapshots(X, Y, {}), TypeError, "snapshots must be a non-empty mapping"),
        (lambda: fit_snapshots(X, Y, {0: (1.0, math.nan)}), ValueError, "finite"),
        (lambda: cost_history("cost"), TypeError, "costs must be a non-empty mapping"),
        (lambda: cost_history([1.0, -1.0]), ValueError, "must not be negative"),
        (lambda: cost_history({"a": []}), ValueError, "must not be empty"),
        (lambda: cost_history([1.0, "2"]), TypeError, "must hold real numbers, got str"),
        (lambda: cost_panels({"a": [1.0]}, threshold=0), ValueError, "threshold must be"),
        (lambda: path_on_contours(X, Y, [(0.0, 0.0, 1.0)]), ValueError, "must be a pair"),
        (lambda: path_on_contours(X, Y, []), TypeError, "path must be a non-empty sequence"),
        (lambda: path_on_contours(X, Y, [(math.inf, 0.0)]), ValueError, "path[0]"),
    ],
)
def test_bad_input_names_the_argument(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message.replace("[", r"\[")):
        call()

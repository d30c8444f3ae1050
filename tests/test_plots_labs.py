"""The labs' figures draw what they are given, and refuse what they cannot draw."""

import math

import pytest
import torch
from matplotlib.colors import to_hex

from linreg.plots import cost_history, cost_panels, fit_snapshots, path_on_contours
from linreg.plots._style import DATA, MODEL
from linreg.plots.labs import first_below

X = torch.tensor([[1.0], [2.0], [3.0]])
Y = torch.tensor([[3.0], [5.0], [7.0]])


def test_fit_snapshots_draws_one_line_per_epoch_in_epoch_order() -> None:
    ax = fit_snapshots(X, Y, {100: (2.0, 1.0), 0: (0.0, 0.0)}).axes[0]
    early, late = ax.get_lines()
    assert [early.get_label(), late.get_label()] == ["epoch 0", "epoch 100"]
    assert early.get_alpha() < late.get_alpha() == 1
    assert list(late.get_ydata()) == pytest.approx([2.0 * x + 1.0 for x in late.get_xdata()])
    [points] = ax.collections
    assert points.get_offsets().tolist() == [[1.0, 3.0], [2.0, 5.0], [3.0, 7.0]]
    assert to_hex(points.get_facecolor()[0]) == DATA and late.get_color() == MODEL


def test_fit_snapshots_default_run_ends_near_the_perfect_line() -> None:
    last = fit_snapshots().axes[0].get_lines()[-1]
    assert last.get_label() == "epoch 1000"
    assert list(last.get_ydata()) == pytest.approx([2 * x for x in last.get_xdata()], abs=0.1)


def test_cost_history_is_log_scaled_with_one_line_per_run() -> None:
    ax = cost_history([4.0, 2.0, 1.0], threshold=0.5).axes[0]
    cost, threshold = ax.get_lines()
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "epoch"
    assert cost.get_label() == "cost" and list(cost.get_xdata()) == [0, 1, 2]
    assert list(threshold.get_ydata()) == [0.5, 0.5]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["cost", "threshold 0.5"]


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
    assert ax.collections, "contours drawn"
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

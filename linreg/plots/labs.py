"""Figures of the labs: they draw what the reader's own training loop recorded.

The labs (docs/labs/) run the training loop the chapter teaches and keep a record:
(W, b) every few epochs, the cost after every epoch. These functions turn such a
record into a figure, so a lab's code is the loop plus one call. Called with no
arguments, each draws a default run on the chapter's training data (x = 1, 2, 3;
y = 2, 4, 6), which is what the site's figure hook renders.
"""

import functools
import itertools
import math
from collections.abc import Mapping, Sequence

import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from linreg.checks import real_numbers
from linreg.data import train_data
from linreg.plots._style import (
    DATA,
    GUIDE,
    INK,
    MODEL,
    SERIES,
    cost_axes,
    new_figure,
    ramp,
    styled,
)
from linreg.train import DivergenceError, fit

__all__ = ["cost_history", "cost_panels", "fit_snapshots", "path_on_contours"]

DEFAULT_LR = 0.01
DEFAULT_EPOCHS = 1000
DEFAULT_THRESHOLD = 1e-3


@functools.cache  # the default figures share one run; the build draws them all
def _descend(
    lr: float = DEFAULT_LR, nb_epochs: int = DEFAULT_EPOCHS
) -> tuple[tuple[float, float, float], ...]:
    """(W, b, cost) before training and after every epoch of full-batch gradient
    descent, the record a lab's loop keeps; a run that blows up ends with its first inf
    cost."""
    x_train, y_train = train_data()
    try:
        model = fit(x_train, y_train, lr=lr, epochs=nb_epochs + 1, record="epoch")
    except DivergenceError as error:
        # A lab shows divergence: keep the costs until then.
        return tuple((math.nan, math.nan, cost) for cost in error.history)
    return tuple(
        (W, b, cost)
        for (W, b), cost in zip(model.path[:-1].tolist(), model.history, strict=True)
    )


def _tensor_pair(
    function: str, x: torch.Tensor | None, y: torch.Tensor | None
) -> tuple[torch.Tensor, ...]:
    """x and y (default: the chapter's training data) as flat float tensors of one
    feature and equal length, or a clear error."""
    if x is None and y is None:
        x, y = train_data()
    if x is None or y is None:
        raise TypeError(
            f"{function}: give both x and y, or neither for the default data"
        )
    for name, value in (("x", x), ("y", y)):
        if not isinstance(value, torch.Tensor) or not value.is_floating_point():
            raise TypeError(
                f"{function}: {name} must be a floating point torch.Tensor, "
                f"got {type(value).__name__}"
            )
    if (
        x.shape != y.shape
        or x.numel() == 0
        or x.dim() > 2
        or x.shape[-1:] not in ((1,), x.shape)
    ):
        raise ValueError(
            f"{function}: x and y must have the same shape, (samples,) or "
            f"(samples, 1), got x {tuple(x.shape)} and y {tuple(y.shape)}"
        )
    return x.flatten(), y.flatten()


def _numbers(function: str, name: str, values: object, *, finite: bool) -> list[float]:
    """The values as a non-empty list of floats, or an error that names them."""
    numbers = real_numbers(function, name, values, finite=finite)
    if not numbers:
        raise ValueError(f"{function}: {name} must not be empty")
    return numbers


def _pair(function: str, name: str, value: object) -> tuple[float, float]:
    """A (W, b) pair of finite floats, or an error naming the argument."""
    numbers = _numbers(function, name, value, finite=True)
    if len(numbers) != 2:
        raise ValueError(
            f"{function}: {name} must be a pair (W, b), got {len(numbers)} numbers"
        )
    return numbers[0], numbers[1]


def _runs(function: str, runs: object) -> dict[str, list[float]]:
    """A mapping of run name -> costs per epoch, checked; costs may be inf or nan."""
    if not isinstance(runs, Mapping) or not runs:
        raise TypeError(
            f"{function}: costs must be a non-empty mapping of name -> costs per "
            f"epoch, got {type(runs).__name__}"
        )
    checked = {}
    for name, costs in runs.items():
        numbers = _numbers(function, f"costs[{name!r}]", costs, finite=False)
        if any(cost < 0 for cost in numbers):
            raise ValueError(f"{function}: costs[{name!r}] must not be negative")
        checked[str(name)] = numbers
    return checked


def first_below(costs: Sequence[float], threshold: float) -> int | None:
    """The first epoch whose cost is below threshold, or None if no epoch gets there.

    ```py
    from linreg.plots.labs import first_below

    print(first_below([8.0, 2.0, 0.5, 0.1], threshold=1.0))
    #> 2
    print(first_below([8.0, 80.0, float("inf")], threshold=1.0))
    #> None
    ```
    """
    return next((epoch for epoch, cost in enumerate(costs) if cost < threshold), None)


def _outcome(costs: Sequence[float], reached: int | None) -> str:
    if reached is not None:
        return f"epoch {reached}"
    if not math.isfinite(costs[-1]) or costs[-1] > costs[0]:
        return "diverged"
    return "not yet"


@styled
def fit_snapshots(
    x: torch.Tensor | None = None,
    y: torch.Tensor | None = None,
    snapshots: Mapping[int, tuple[float, float]] | None = None,
) -> Figure:
    """The data and the line y = W x + b at each recorded epoch, from light to dark.

    `snapshots` maps an epoch to the (W, b) the loop had then. By default: the
    chapter's training data and a run with lr = 0.01, seen at epochs 0, 10, 50, 200 and
    1000.

    ```py
    from linreg.plots import fit_snapshots

    fig = fit_snapshots()
    ax = fig.axes[0]
    print(ax.get_xlabel(), "|", ax.get_ylabel())
    #> x | y
    print([line.get_label() for line in ax.get_lines()])
    #> ['epoch 0', 'epoch 10', 'epoch 50', 'epoch 200', 'epoch 1000']
    ```

    Raises:
        TypeError: if x or y is not a float tensor, or snapshots is not a mapping.
        ValueError: if x and y differ in shape or snapshots is empty.
    """
    xs, ys = _tensor_pair("fit_snapshots", x, y)
    if snapshots is None:
        record = _descend()
        snapshots = {epoch: record[epoch][:2] for epoch in (0, 10, 50, 200, 1000)}
    if not isinstance(snapshots, Mapping) or not snapshots:
        raise TypeError(
            "fit_snapshots: snapshots must be a non-empty mapping of epoch -> (W, b), "
            f"got {type(snapshots).__name__}"
        )
    fig = new_figure()
    ax = fig.axes[0]
    ax.scatter(xs, ys, color=DATA, zorder=3, label="data")
    line_x = torch.linspace(float(xs.min()) - 0.5, float(xs.max()) + 0.5, 2)
    epochs = sorted(snapshots)
    for color, epoch in zip(ramp(len(epochs)), epochs, strict=True):
        W, b = _pair("fit_snapshots", f"snapshots[{epoch}]", snapshots[epoch])
        ax.plot(line_x, W * line_x + b, color=color, label=f"epoch {epoch}")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("The line moves onto the data")
    ax.legend(loc="upper left")
    return fig


@styled
def cost_history(
    costs: Mapping[str, Sequence[float]] | Sequence[float] | None = None,
    *,
    threshold: float | None = None,
) -> Figure:
    """Cost per epoch (log scale): a line per run, and a dashed threshold if given.

    `costs` is one run's costs (a sequence) or several runs by name. On a log scale
    a steady rate of improvement is a straight line, and the last digits of a
    vanishing cost stay visible. By default: a run on the chapter's data, lr = 0.01.

    ```py
    from linreg.plots import cost_history

    ax = cost_history({"fast": [4.0, 1.0, 0.25], "slow": [4.0, 2.0, 1.0]}).axes[0]
    print(ax.get_yscale(), [line.get_label() for line in ax.get_lines()])
    #> log ['fast', 'slow']
    print(cost_history(threshold=1e-3).axes[0].get_lines()[-1].get_label())
    #> threshold 0.001
    ```

    Raises:
        TypeError: if costs is not a sequence of numbers or a mapping of them.
        ValueError: if a cost is negative or a run is empty.
    """
    if costs is None:
        costs = [cost for _, _, cost in _descend()]
    if isinstance(costs, Sequence) and not isinstance(costs, str | bytes):
        costs = {"cost": costs}
    runs = _runs("cost_history", costs)
    fig = new_figure()
    ax = fig.axes[0]
    for (color, style), (name, run) in zip(itertools.cycle(SERIES), runs.items()):
        ax.plot(range(len(run)), run, color=color, linestyle=style, label=name)
    if threshold is not None:
        ax.axhline(
            threshold, color=GUIDE, linestyle="dashed", label=f"threshold {threshold:g}"
        )
    cost_axes(ax, "epoch", "cost (log scale)")
    ax.set_title("Cost per epoch")
    ax.legend(loc="upper right")
    return fig


@styled
def cost_panels(
    costs: Mapping[str, Sequence[float]] | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> Figure:
    """One panel per run, side by side, each titled with the epoch its cost first drops
    below `threshold`, "diverged" if the cost ends above where it started (or blows
    up to inf or nan, where the curve stops), or "not yet".

    By default: lr = 0.001, 0.1 and 0.2 on the chapter's data for 1000 epochs.

    ```py
    from linreg.plots import cost_panels

    fig = cost_panels()
    print([ax.get_title() for ax in fig.axes])
    #> ['lr = 0.001: not yet', 'lr = 0.1: epoch 90', 'lr = 0.2: diverged']
    ```

    Raises:
        TypeError: if costs is not a non-empty mapping of name -> costs.
        ValueError: if a cost is negative, a run is empty or threshold is not positive.
    """
    if costs is None:
        costs = {
            f"lr = {lr:g}": [cost for _, _, cost in _descend(lr=lr)]
            for lr in (0.001, 0.1, 0.2)
        }
    runs = _runs("cost_panels", costs)
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not threshold > 0
    ):
        raise ValueError(
            f"cost_panels: threshold must be a positive number, got {threshold!r}"
        )
    # One panel under another, so that each is as wide as a phone's screen.
    fig = new_figure(height=0.6 + 2.0 * len(runs))
    fig.delaxes(fig.axes[0])
    axes = fig.subplots(len(runs), 1, sharex=True, squeeze=False)[:, 0]
    for ax, (name, run) in zip(axes, runs.items(), strict=True):
        ax.set_facecolor("none")
        ax.grid(True, alpha=0.3)
        ax.plot(
            range(len(run)),
            [c if math.isfinite(c) else math.nan for c in run],
            color=MODEL,
        )
        ax.axhline(threshold, color=GUIDE, linestyle="dashed")
        reached = first_below(run, threshold)
        ax.set_title(f"{name}: {_outcome(run, reached)}")
        cost_axes(ax, "epoch", "cost (log scale)")
        ax.label_outer()
    return fig


def cost_contours(
    ax: Axes,
    xs: torch.Tensor,
    ys: torch.Tensor,
    ws: Sequence[float],
    bs: Sequence[float],
) -> None:
    """Contours of the cost of one-feature data (xs, ys) over (W, b), on a grid that
    spans the points (ws, bs) with a margin: levels spaced evenly on a log scale, dark
    at the bottom of the valley and lighter uphill, every other one labelled."""
    w_pad = max(1.0, 0.3 * (max(ws) - min(ws)))
    b_pad = max(1.0, 0.3 * (max(bs) - min(bs)))
    grid_w, grid_b = torch.meshgrid(
        torch.linspace(min(ws) - w_pad, max(ws) + w_pad, 150),
        torch.linspace(min(bs) - b_pad, max(bs) + b_pad, 150),
        indexing="ij",
    )
    surface = ((grid_w[..., None] * xs + grid_b[..., None] - ys) ** 2).mean(-1)
    low = math.log10(max(float(surface.min()), 1e-4))
    levels = torch.logspace(low, math.log10(float(surface.max())), 12)
    contours = ax.contour(
        grid_w, grid_b, surface, levels=levels, colors=ramp(len(levels))[::-1]
    )
    ax.clabel(contours, contours.levels[::2], fmt="%.2g")


@styled
def path_on_contours(
    x: torch.Tensor | None = None,
    y: torch.Tensor | None = None,
    path: Sequence[tuple[float, float]] | None = None,
) -> Figure:
    """Contours of the cost over (W, b) for one-feature data, and the loop's path.

    `path` is the (W, b) the loop recorded, in order; the plot spans the path with a
    margin. By default: the chapter's data, lr = 0.01 from (0, 0) for 1000 epochs.

    ```py
    from linreg.plots import path_on_contours

    ax = path_on_contours().axes[0]
    print(ax.get_xlabel(), "|", ax.get_ylabel())
    #> W | b
    print([line.get_label() for line in ax.get_lines()])
    #> ['path of (W, b)', 'start', 'end']
    ```

    Raises:
        TypeError: if x or y is not a float tensor or path is not a sequence of pairs.
        ValueError: if x and y differ in shape or path holds non-finite numbers.
    """
    xs, ys = _tensor_pair("path_on_contours", x, y)
    if path is None:
        path = [(W, b) for W, b, _ in _descend()]
    if isinstance(path, str | bytes) or not isinstance(path, Sequence) or not path:
        raise TypeError(
            f"path_on_contours: path must be a non-empty sequence of (W, b), "
            f"got {type(path).__name__}"
        )
    points = [
        _pair("path_on_contours", f"path[{i}]", point) for i, point in enumerate(path)
    ]
    ws, bs = zip(*points, strict=True)
    fig = new_figure()
    ax = fig.axes[0]
    cost_contours(ax, xs, ys, ws, bs)
    ax.plot(ws, bs, color=MODEL, marker=".", markersize=4, label="path of (W, b)")
    ax.plot(ws[:1], bs[:1], color=DATA, marker="o", linestyle="none", label="start")
    ax.plot(
        ws[-1:],
        bs[-1:],
        color=INK,
        marker="*",
        markersize=14,
        linestyle="none",
        label="end",
    )
    ax.set_xlabel("W")
    ax.set_ylabel("b")
    ax.set_title("Down the slope of the cost surface")
    ax.legend(loc="upper right")
    return fig

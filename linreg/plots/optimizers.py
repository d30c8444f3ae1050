"""Figures of the optimizers page: plain SGD, SGD with momentum and Adam, side by side.

Every run is a `linreg.fit` with `optimizer=...` and `record="epoch"`: the figures
draw the path of (W, b) and the cost that the package's one training loop recorded
(the pages keep their own loops, which teach the PyTorch lines). Called with no
arguments, `optimizer_paths` races the three on the chapter's bowl and
`optimizer_costs` on the raw quiz scores of the multivariable page; the lab
"Optimizers side by side" passes runs of its own.
"""

import functools
import itertools
from collections.abc import Mapping

import torch
from matplotlib.figure import Figure

from linreg.data import quiz_scores, train_data
from linreg.plots._style import GUIDE, INK, SERIES, cost_axes, new_figure, styled
from linreg.plots.labs import _outcome, _tensor_pair, cost_contours, first_below
from linreg.train import Fit, closed_form, fit

__all__ = ["optimizer_costs", "optimizer_paths"]

# Each optimizer's name in a figure, by fit's name for it.
NAMES = {"sgd": "SGD", "momentum": "momentum", "adam": "Adam"}
# The page's two races: the same lr for all three on the bowl (its meaning differs, which
# is the point), and on the raw quiz scores the largest round lr that SGD survives for
# SGD and momentum, and Adam's step of 0.1.
BOWL_LR = {"sgd": 0.01, "momentum": 0.01, "adam": 0.01}
BOWL_EPOCHS = 1000
RAW_LR = {"sgd": 1e-5, "momentum": 1e-5, "adam": 0.1}
RAW_EPOCHS = 2000
RAW_THRESHOLD = 0.5


@functools.cache  # the build draws each default figure in two languages: race once
def _race(data: str, lr: tuple[tuple[str, float], ...], epochs: int) -> dict[str, Fit]:
    """One fit per optimizer on the named data set, every epoch's (W, b) recorded,
    labelled as the figures show them: "SGD, lr = 0.01"."""
    x, y = train_data() if data == "bowl" else quiz_scores()
    return {
        f"{NAMES[name]}, lr = {rate:g}": fit(
            x, y, lr=rate, epochs=epochs, optimizer=name, record="epoch"
        )
        for name, rate in lr
    }


def _fits(function: str, fits: object, *, paths: bool) -> dict[str, Fit]:
    """The runs as a dict of label -> Fit (with a recorded path, if `paths`), or an
    error naming what is wrong."""
    if not isinstance(fits, Mapping) or not fits:
        raise TypeError(
            f"{function}: fits must be a non-empty mapping of name -> Fit, "
            f"got {type(fits).__name__}"
        )
    for name, run in fits.items():
        if not isinstance(run, Fit) or not run.history:
            raise TypeError(
                f"{function}: fits[{name!r}] must be a Fit returned by linreg.fit"
            )
        if paths and (run.path is None or run.path.shape[1] != 2):
            raise ValueError(
                f"{function}: fits[{name!r}] needs the path of (W, b) of one-feature data;\n"
                f'train it with fit(..., record="epoch")'
            )
    return {str(name): run for name, run in fits.items()}


@styled
def optimizer_paths(
    x: torch.Tensor | None = None,
    y: torch.Tensor | None = None,
    fits: Mapping[str, Fit] | None = None,
) -> Figure:
    """Contours of the cost over (W, b) and the path each optimizer's run took on them.

    `fits` maps a label to a `Fit` of one-feature data trained with
    `record="epoch"`. By default: the chapter's data (x = 1, 2, 3; y = 2x), and SGD,
    momentum and Adam with lr = 0.01 each, for 1000 epochs from (0, 0).

    ```py
    from linreg.plots import optimizer_paths

    ax = optimizer_paths().axes[0]
    print(ax.get_xlabel(), "|", ax.get_ylabel())
    #> W | b
    print([line.get_label() for line in ax.get_lines()])
    #> ['SGD, lr = 0.01', 'momentum, lr = 0.01', 'Adam, lr = 0.01', 'start', 'minimum']
    ```

    Raises:
        TypeError: if x or y is not a float tensor, or fits is not a mapping of Fits.
        ValueError: if x and y differ in shape, or a Fit has no path of (W, b).
    """
    xs, ys = _tensor_pair("optimizer_paths", x, y)
    if fits is None:
        fits = _race("bowl", tuple(BOWL_LR.items()), BOWL_EPOCHS)
    paths = {
        name: run.path
        for name, run in _fits("optimizer_paths", fits, paths=True).items()
    }
    # Where every path is headed: the bottom of the bowl, solved in one step.
    best = closed_form(xs[:, None], ys[:, None])
    minimum = (best.weight.item(), best.bias.item())
    every_point = torch.cat([*paths.values(), torch.tensor([minimum])])
    fig = new_figure(height=4.8)  # room for the legend under the plot, off the paths
    ax = fig.axes[0]
    cost_contours(ax, xs, ys, every_point[:, 0].tolist(), every_point[:, 1].tolist())
    for (color, style), (name, path) in zip(itertools.cycle(SERIES), paths.items()):
        ax.plot(path[:, 0], path[:, 1], color=color, linestyle=style, label=name)
    ax.plot(0.0, 0.0, color=INK, marker="o", linestyle="none", label="start")
    ax.plot(
        *minimum,
        color=INK,
        marker="*",
        markersize=14,
        linestyle="none",
        label="minimum",
    )
    ax.set_xlabel("W")
    ax.set_ylabel("b")
    ax.set_title("Where each optimizer goes")
    fig.legend(loc="outside lower center", ncols=2)
    return fig


@styled
def optimizer_costs(
    fits: Mapping[str, Fit] | None = None, *, threshold: float | None = None
) -> Figure:
    """Cost per epoch of each run, on a log scale, each labelled with the epoch its cost
    first drops below `threshold` (a dashed line), "diverged" or "not yet".

    By default: the raw quiz scores of the multivariable page (three features around
    85), SGD and momentum with lr = 1e-5 and Adam with lr = 0.1, for 2000 epochs, and
    threshold 0.5.

    ```py
    from linreg.plots import optimizer_costs

    ax = optimizer_costs().axes[0]
    print(ax.get_yscale())
    #> log
    for line in ax.get_lines():
        print(line.get_label())
        #> SGD, lr = 1e-05: not yet
        #> momentum, lr = 1e-05: epoch 350
        #> Adam, lr = 0.1: epoch 777
        #> threshold 0.5
    ```

    Raises:
        TypeError: if fits is not a mapping of Fits.
        ValueError: if threshold is not a positive number.
    """
    if fits is None:
        fits = _race("raw", tuple(RAW_LR.items()), RAW_EPOCHS)
        threshold = RAW_THRESHOLD if threshold is None else threshold
    runs = _fits("optimizer_costs", fits, paths=False)
    if threshold is not None and (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not threshold > 0
    ):
        raise ValueError(
            f"optimizer_costs: threshold must be a positive number, got {threshold!r}"
        )
    fig = new_figure()
    ax = fig.axes[0]
    for (color, style), (name, run) in zip(itertools.cycle(SERIES), runs.items()):
        # The legend says when each run gets there, so no one has to read it off the axis.
        label = (
            name
            if threshold is None
            else f"{name}: {_outcome(run.history, first_below(run.history, threshold))}"
        )
        ax.plot(run.history, color=color, linestyle=style, label=label)
    if threshold is not None:
        ax.axhline(
            threshold, color=GUIDE, linestyle="dashed", label=f"threshold {threshold:g}"
        )
    cost_axes(ax, "epoch", "cost (log scale)")
    ax.set_title("Cost per epoch")
    ax.legend(loc="upper right")
    return fig

"""Figures of the gradient-descent page: the cost bowl, its tangents, and steps down it.

Both figures use the chapter's training data (x = 1, 2, 3; y = 2, 4, 6) with the
bias fixed at b = 0, so the cost depends on W alone. Costs and slopes are computed
with `linreg.mse` and autograd, not from a formula, so the figures check the page's
algebra instead of repeating it.
"""

import math
from collections.abc import Sequence

import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from linreg.checks import real_numbers
from linreg.data import train_data
from linreg.loss import mse
from linreg.plots._style import DATA, ERROR, MODEL, new_figure, styled

__all__ = ["cost_curve", "descent_steps"]

TANGENT_HALF_WIDTH = 0.9  # how far a tangent reaches either side of its point
DEFAULT_RANGE = (-0.5, 4.5)  # the W axis always shows at least this much of the bowl


def _cost_and_slope(weight: float) -> tuple[float, float]:
    """cost(W) with b = 0 on the training data, and its slope d cost / dW (autograd)."""
    x_train, y_train = train_data()
    W = torch.tensor([weight], requires_grad=True)
    cost = mse(x_train * W, y_train)
    cost.backward()
    assert W.grad is not None
    return cost.item(), W.grad.item()


def _draw_bowl(ax: Axes, low: float, high: float) -> None:
    """The cost curve over [low, high], with axis labels."""
    weights = torch.linspace(low, high, 161).tolist()
    ax.plot(
        weights, [_cost_and_slope(w)[0] for w in weights], color=MODEL, label="cost(W)"
    )
    ax.set_xlabel("W")
    ax.set_ylabel("cost(W), b = 0")


@styled
def cost_curve(tangent_at: Sequence[float] = (0.5, 2.0, 3.5)) -> Figure:
    """The cost as a function of W (b = 0): a bowl, with its tangent at each W given.

    Each tangent is a line with gid "tangent", labelled with its slope; the slope
    comes from autograd, so a page can read it back from the figure.

    ```py
    from linreg.plots import cost_curve

    fig = cost_curve()
    ax = fig.axes[0]
    print(ax.get_xlabel(), "|", ax.get_ylabel())
    #> W | cost(W), b = 0
    print(sum(line.get_gid() == "tangent" for line in ax.get_lines()), "tangents")
    #> 3 tangents
    ```

    Raises:
        TypeError: if tangent_at is not a sequence of real numbers.
        ValueError: if a value in tangent_at is NaN or infinite.
    """
    points = real_numbers("cost_curve", "tangent_at", tangent_at)
    low = min([DEFAULT_RANGE[0], *(w - TANGENT_HALF_WIDTH for w in points)])
    high = max([DEFAULT_RANGE[1], *(w + TANGENT_HALF_WIDTH for w in points)])
    fig = new_figure()
    ax = fig.axes[0]
    _draw_bowl(ax, low, high)
    for w in points:
        cost, slope = _cost_and_slope(w)
        ends = [w - TANGENT_HALF_WIDTH, w + TANGENT_HALF_WIDTH]
        tangent = [cost + slope * (end - w) for end in ends]
        ax.plot(ends, tangent, color=ERROR, linestyle="dashed", gid="tangent")
        ax.scatter([w], [cost], color=DATA, zorder=3)
        ax.annotate(
            f"slope {slope:.3g}", (w, cost), xytext=(0, 10), textcoords="offset points"
        )
    ax.set_title("The cost is a bowl;\nthe tangent's slope says which way is down")
    return fig


@styled
def descent_steps(
    lrs: Sequence[float] = (0.01, 0.05, 0.2, 0.22), steps: int = 8
) -> Figure:
    """Gradient descent on the bowl from W = 0, one panel per learning rate.

    Each panel's path is a line with gid "steps" whose x data are the successive
    values of W, from W = 0 through `steps` updates W := W - lr * slope.

    ```py
    from linreg.plots import descent_steps

    fig = descent_steps(lrs=[0.1], steps=2)
    path = fig.axes[0].get_lines()[1]
    print(path.get_gid(), ", ".join(f"{w:.3f}" for w in path.get_xdata()))
    #> steps 0.000, 1.867, 1.991
    ```

    Raises:
        TypeError: if lrs is not a sequence of real numbers or steps is not an int.
        ValueError: if lrs is empty or holds a value that is not positive and finite,
            or steps is less than 1.
    """
    rates = real_numbers("descent_steps", "lrs", lrs)
    if not rates:
        raise ValueError(
            "descent_steps: lrs must hold at least one learning rate, got none"
        )
    if any(lr <= 0 for lr in rates):
        raise ValueError(
            f"descent_steps: every learning rate must be positive, got {rates}"
        )
    if isinstance(steps, bool) or not isinstance(steps, int):
        raise TypeError(
            f"descent_steps: steps must be an int, got {type(steps).__name__}"
        )
    if steps < 1:
        raise ValueError(f"descent_steps: steps must be at least 1, got {steps}")
    paths = []
    for lr in rates:
        path = [0.0]
        for _ in range(steps):
            path.append(path[-1] - lr * _cost_and_slope(path[-1])[1])
        paths.append(path)
    low = min([DEFAULT_RANGE[0], *(min(path) - 0.5 for path in paths)])
    high = max([DEFAULT_RANGE[1], *(max(path) + 0.5 for path in paths)])
    ncols = min(len(rates), 2)
    nrows = math.ceil(len(rates) / ncols)
    fig = new_figure(width=5.0, height=0.6 + 2.2 * nrows)
    fig.clear()
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).flatten()
    for ax in axes[len(rates) :]:
        ax.remove()
    for ax, lr, path in zip(axes, rates, paths, strict=False):
        ax.set_facecolor("none")
        ax.grid(True, alpha=0.3)
        _draw_bowl(ax, low, high)
        costs = [_cost_and_slope(w)[0] for w in path]
        ax.plot(path, costs, color=DATA, marker="o", markersize=4, gid="steps")
        ax.set_title(f"lr = {lr:g}")
        ax.label_outer()
    return fig

"""Figures of the "Beyond the notes" pages: many features, nn.Linear, mini-batches, closed form.

Each figure trains its own small model with plain `torch.optim.SGD`, the loop the
pages teach, and draws what the run recorded.
"""

import itertools
from collections.abc import Callable, Iterable
from typing import TypeVar

import torch
from matplotlib.figure import Figure
from torch import nn

from linreg.data import exam_scores, noisy_line, quiz_scores, train_data
from linreg.plots._style import DATA, MODEL, SERIES, cost_axes, new_figure, ramp, styled
from linreg.train import closed_form

__all__ = ["batch_sizes", "descent_path", "learning_rates", "module_vs_hand"]

Batches = Callable[[], Iterable[tuple[torch.Tensor, torch.Tensor]]]
T = TypeVar("T")


def _descend(
    params: list[torch.Tensor],
    predict: Callable[[torch.Tensor], torch.Tensor],
    batches: Batches,
    lr: float,
    epochs: int,
    after_step: Callable[[], T],
) -> list[T]:
    """Run SGD over `batches()` for `epochs` epochs; record `after_step()` after every step."""
    optimizer = torch.optim.SGD(params, lr=lr)
    record = [after_step()]
    for _ in range(epochs):
        for x_batch, y_batch in batches():
            cost = torch.mean((predict(x_batch) - y_batch) ** 2)
            optimizer.zero_grad()
            cost.backward()
            optimizer.step()
            record.append(after_step())
    return record


def _hand_model(features: int) -> tuple[list[torch.Tensor], Callable[[torch.Tensor], torch.Tensor]]:
    """W and b at zero, and the hypothesis x @ W + b."""
    W = torch.zeros((features, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    return [W, b], lambda x: x.matmul(W) + b


def _full_cost(
    predict: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor, y: torch.Tensor
) -> Callable[[], float]:
    def cost() -> float:
        with torch.no_grad():
            return torch.mean((predict(x) - y) ** 2).item()

    return cost


def _cost_axes(
    fig: Figure, title: str, xlabel: str = "epoch", ylabel: str = "cost (mean squared error)"
) -> Figure:
    """Label a figure of cost curves, with the cost on a log scale."""
    ax = fig.axes[0]
    cost_axes(ax, xlabel, ylabel)
    ax.set_title(title)
    ax.legend()
    return fig


@styled
def learning_rates(rates: tuple[float, ...] = (1e-5, 4e-5, 5e-5), epochs: int = 30) -> Figure:
    """Cost per epoch on the raw quiz scores for a few learning rates, on a log scale.

    ```py
    from linreg.plots import learning_rates

    ax = learning_rates().axes[0]
    print([line.get_label() for line in ax.get_lines()])
    #> ['lr = 1e-05', 'lr = 4e-05', 'lr = 5e-05']
    print(ax.get_yscale())
    #> log
    ```
    """
    x_train, y_train = quiz_scores()
    fig = new_figure()
    ax = fig.axes[0]
    for lr, (color, style) in zip(rates, itertools.cycle(SERIES)):
        params, predict = _hand_model(x_train.shape[1])
        record = _full_cost(predict, x_train, y_train)
        history = _descend(params, predict, lambda: [(x_train, y_train)], lr, epochs, record)
        ax.plot(history, color=color, linestyle=style, label=f"lr = {lr:g}")
    return _cost_axes(fig, "Raw quiz scores: one notch too large\nand the cost explodes")


@styled
def module_vs_hand(epochs: int = 2000, lr: float = 0.01) -> Figure:
    """Cost per epoch of the hand-written W, b and of nn.Linear(1, 1), both from zero.

    ```py
    from linreg.plots import module_vs_hand

    ax = module_vs_hand().axes[0]
    hand, module = ax.get_lines()
    print(hand.get_label(), "|", module.get_label())
    #> hand-written W, b | nn.Linear(1, 1)
    # addmm (nn.Linear) and multiply-then-add round differently on some CPUs
    print(abs(module.get_ydata() / hand.get_ydata() - 1).max() < 1e-3)
    #> True
    ```
    """
    x_train, y_train = train_data()
    params, predict = _hand_model(1)
    hand = _descend(
        params,
        predict,
        lambda: [(x_train, y_train)],
        lr,
        epochs,
        _full_cost(predict, x_train, y_train),
    )
    model = nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.zero_()
    module = _descend(
        list(model.parameters()),
        model,
        lambda: [(x_train, y_train)],
        lr,
        epochs,
        _full_cost(model, x_train, y_train),
    )
    fig = new_figure()
    ax = fig.axes[0]
    ax.plot(hand, color=DATA, linewidth=6, label="hand-written W, b")
    ax.plot(module, color=MODEL, linestyle="dashed", label="nn.Linear(1, 1)")
    return _cost_axes(fig, "Same start, same updates:\nthe two curves are one")


@styled
def batch_sizes(sizes: tuple[int, ...] = (1000, 100, 10), epochs: int = 5) -> Figure:
    """Cost on all 1000 samples of `noisy_line()` after every update, for a few batch sizes.

    The x axis counts epochs, so a batch size of 10 makes 100 updates per unit.

    ```py
    from linreg.plots import batch_sizes

    ax = batch_sizes().axes[0]
    print([line.get_label() for line in ax.get_lines()])
    #> ['batch_size = 1000', 'batch_size = 100', 'batch_size = 10']
    print([len(line.get_xdata()) for line in ax.get_lines()])
    #> [6, 51, 501]
    ```
    """
    x_train, y_train = noisy_line(1000, seed=0)
    n = len(x_train)
    fig = new_figure()
    ax = fig.axes[0]
    for size, (color, style) in zip(sizes, itertools.cycle(SERIES)):
        generator = torch.Generator().manual_seed(0)

        def shuffled(size: int = size, generator: torch.Generator = generator) -> Iterable:
            order = torch.randperm(n, generator=generator)
            return ((x_train[i], y_train[i]) for i in order.split(size))

        params, predict = _hand_model(1)
        record = _full_cost(predict, x_train, y_train)
        history = _descend(params, predict, shuffled, 0.01, epochs, record)
        steps = torch.arange(len(history)) / ((len(history) - 1) / epochs)
        ax.plot(steps, history, color=color, linestyle=style, label=f"batch_size = {size}")
    title = "Smaller batches: more, noisier steps per pass"
    return _cost_axes(fig, title, "epoch (one pass over all 1000 samples)", "cost on all samples")


@styled
def descent_path(lr: float = 0.01, epochs: int = 2000) -> Figure:
    """Cost contours over (W, b) for the exam scores, the gradient descent path from (0, 0),
    and the closed-form solution where the path ends.

    ```py
    from linreg.plots import descent_path

    ax = descent_path().axes[0]
    path, solution = ax.get_lines()
    print(path.get_label(), "|", solution.get_label())
    #> gradient descent, lr = 0.01 | closed form (lstsq)
    print(len(path.get_xdata()), "points on the path")
    #> 2001 points on the path
    ```
    """
    hours, scores = exam_scores()
    params, predict = _hand_model(1)
    W, b = params
    path = _descend(
        params,
        predict,
        lambda: [(hours, scores)],
        lr,
        epochs,
        lambda: (W.item(), b.item()),
    )
    solution = closed_form(hours, scores)
    w_star, b_star = solution.weight.item(), solution.bias.item()
    grid_w, grid_b = torch.meshgrid(
        torch.linspace(-2, 18, 200), torch.linspace(-20, 25, 200), indexing="ij"
    )
    costs = (
        (grid_w[..., None] * hours.flatten() + grid_b[..., None] - scores.flatten()) ** 2
    ).mean(-1)
    fig = new_figure()
    ax = fig.axes[0]
    levels = torch.logspace(1.6, 3.4, 12)
    # Dark at the bottom of the valley, lighter uphill; every other level labelled.
    contours = ax.contour(grid_w, grid_b, costs, levels=levels, colors=ramp(len(levels))[::-1])
    ax.clabel(contours, contours.levels[::2], fmt="%.0f")
    ws, bs = zip(*path, strict=True)
    ax.plot(ws, bs, color=MODEL, marker=".", markersize=3, label=f"gradient descent, lr = {lr:g}")
    ax.plot(
        [w_star], [b_star], color=DATA, marker="*", markersize=16, linestyle="none",
        label="closed form (lstsq)",
    )  # fmt: skip
    ax.set_xlabel("W")
    ax.set_ylabel("b")
    ax.set_title("Gradient descent walks\nto where the closed form jumps")
    ax.legend(loc="upper left")
    return fig

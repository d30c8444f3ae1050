"""Figures of "Beyond the notes": many features, nn.Linear, mini-batches, closed form.

Each figure trains its model with `linreg.fit` (the pages' loop, kept in one place)
and draws what the run recorded: the cost of every epoch, or the path of (W, b).
"""

import itertools

import torch
from matplotlib.figure import Figure
from torch import nn

from linreg.data import exam_scores, noisy_line, quiz_scores, train_data
from linreg.plots._style import DATA, MODEL, SERIES, cost_axes, new_figure, ramp, styled
from linreg.train import closed_form, descend, fit

__all__ = ["batch_sizes", "descent_path", "learning_rates", "module_vs_hand"]


def _cost_axes(
    fig: Figure,
    title: str,
    xlabel: str = "epoch",
    ylabel: str = "cost (mean squared error)",
) -> Figure:
    """Label a figure of cost curves, with the cost on a log scale."""
    ax = fig.axes[0]
    cost_axes(ax, xlabel, ylabel)
    ax.set_title(title)
    ax.legend()
    return fig


@styled
def learning_rates(
    rates: tuple[float, ...] = (1e-5, 4e-5, 5e-5), epochs: int = 30
) -> Figure:
    """Cost per epoch on the raw quiz scores for a few learning rates (log scale).

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
        # One epoch more than drawn: history[k] is the cost after k updates.
        history = fit(x_train, y_train, lr=lr, epochs=epochs + 1).history
        ax.plot(history, color=color, linestyle=style, label=f"lr = {lr:g}")
    return _cost_axes(
        fig, "Raw quiz scores: one notch too large\nand the cost explodes"
    )


@styled
def module_vs_hand(epochs: int = 2000, lr: float = 0.01) -> Figure:
    """Cost per epoch of hand-written W, b and of nn.Linear(1, 1), both from zero.

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
    hand = fit(x_train, y_train, lr=lr, epochs=epochs + 1).history
    # The same loop, training an nn.Linear(1, 1) started at zero instead of W and b.
    model = nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.zero_()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    parameters = (model.weight, model.bias)
    module, _ = descend(
        parameters, model, x_train, y_train, optimizer, lr=lr, epochs=epochs + 1
    )
    fig = new_figure()
    ax = fig.axes[0]
    ax.plot(hand, color=DATA, linewidth=6, label="hand-written W, b")
    ax.plot(module, color=MODEL, linestyle="dashed", label="nn.Linear(1, 1)")
    return _cost_axes(fig, "Same start, same updates:\nthe two curves are one")


@styled
def batch_sizes(sizes: tuple[int, ...] = (1000, 100, 10), epochs: int = 5) -> Figure:
    """Cost on all 1000 samples of `noisy_line()` after every update, per batch size.

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
    fig = new_figure()
    ax = fig.axes[0]
    for size, (color, style) in zip(sizes, itertools.cycle(SERIES)):
        path = fit(
            x_train, y_train, epochs=epochs, batch_size=size, seed=0, record="step"
        ).path
        # The cost on all samples at each point of the path: a row of W, b per update.
        W, b = path[:, :1], path[:, 1:]
        history = torch.mean((x_train.T * W + b - y_train.T) ** 2, dim=1)
        steps = torch.arange(len(history)) / ((len(history) - 1) / epochs)
        ax.plot(
            steps, history, color=color, linestyle=style, label=f"batch_size = {size}"
        )
    title = "Smaller batches: more, noisier steps per pass"
    return _cost_axes(
        fig, title, "epoch (one pass over all 1000 samples)", "cost on all samples"
    )


@styled
def descent_path(lr: float = 0.01, epochs: int = 2000) -> Figure:
    """Cost contours over (W, b) for the exam scores, the gradient descent path from
    (0, 0), and the closed-form solution where the path ends.

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
    path = fit(hours, scores, lr=lr, epochs=epochs, record="epoch").path
    solution = closed_form(hours, scores)
    w_star, b_star = solution.weight.item(), solution.bias.item()
    grid_w, grid_b = torch.meshgrid(
        torch.linspace(-2, 18, 200), torch.linspace(-20, 25, 200), indexing="ij"
    )
    costs = (
        (grid_w[..., None] * hours.flatten() + grid_b[..., None] - scores.flatten())
        ** 2
    ).mean(-1)
    fig = new_figure()
    ax = fig.axes[0]
    levels = torch.logspace(1.6, 3.4, 12)
    # Dark at the bottom of the valley, lighter uphill; every other level labelled.
    contours = ax.contour(
        grid_w, grid_b, costs, levels=levels, colors=ramp(len(levels))[::-1]
    )
    ax.clabel(contours, contours.levels[::2], fmt="%.0f")
    ws, bs = path[:, 0], path[:, 1]
    ax.plot(
        ws,
        bs,
        color=MODEL,
        marker=".",
        markersize=3,
        label=f"gradient descent, lr = {lr:g}",
    )
    ax.plot(
        [w_star], [b_star], color=DATA, marker="*", markersize=16, linestyle="none",
        label="closed form (lstsq)",
    )  # fmt: skip
    ax.set_xlabel("W")
    ax.set_ylabel("b")
    ax.set_title("Gradient descent walks\nto where the closed form jumps")
    ax.legend(loc="upper left")
    return fig

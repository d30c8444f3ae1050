"""Figures of "Generalisation": polynomials of growing degree on a small sample.

Both figures fit the same data as the page: `noisy_curve(20, seed=15)` in float64,
shuffled with a generator seeded 15 and split into 10 training, 5 validation and 5 test
samples. Each model is a polynomial in x scaled to [-1, 1), solved by `closed_form`;
no figure trains by gradient descent, and none looks at the test samples.
"""

import itertools

import torch
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

from linreg.data import noisy_curve
from linreg.loss import mse
from linreg.plots._style import DATA, GUIDE, INK, SERIES, new_figure, styled
from linreg.train import Fit, closed_form

__all__ = ["degree_costs", "polynomial_fits"]

NOISE = 0.5  # noisy_curve's default: the noise's standard deviation


def _split(seed: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """The page's sample, and the rows of its training and validation samples."""
    x, y = noisy_curve(20, seed=seed, dtype=torch.float64)
    order = torch.randperm(20, generator=torch.Generator().manual_seed(seed))
    return x, y, order[:10], order[10:15]  # order[15:], the test rows, stay unused


def _features(x: torch.Tensor, degree: int) -> torch.Tensor:
    """x, x², ..., x^degree, one column each, of x scaled from [0, 10) to [-1, 1).

    Scaled, every column stays between -1 and 1; raw, x^9 would reach 10^9 next to x.
    """
    return (x / 5 - 1) ** torch.arange(1, degree + 1)


def _polynomial(x: torch.Tensor, y: torch.Tensor, degree: int) -> Fit:
    """The least-squares polynomial of `degree`: linear regression on its features."""
    return closed_form(_features(x, degree), y)


@styled
def degree_costs(max_degree: int = 9, seed: int = 15) -> Figure:
    """Training and validation cost of the least-squares polynomial of each degree
    from 1 to `max_degree`, fitted to the 10 training samples of the page.

    ```py
    from linreg.plots import degree_costs

    ax = degree_costs().axes[0]
    training, validation = ax.get_lines()[:2]
    print(training.get_label(), "|", validation.get_label())
    #> training (10 samples) | validation (5 samples)
    degrees = training.get_xdata()
    print(f"degrees {degrees[0]} to {degrees[-1]}")
    #> degrees 1 to 9
    ```
    """
    x, y, train, val = _split(seed)
    degrees = list(range(1, max_degree + 1))
    sets = {"training": train, "validation": val}
    costs: dict[str, list[float]] = {name: [] for name in sets}
    for degree in degrees:
        model = _polynomial(x[train], y[train], degree)
        for name, rows in sets.items():
            y_hat = model.predict(_features(x[rows], degree))
            costs[name].append(mse(y_hat, y[rows]).item())
    fig = new_figure()
    ax = fig.axes[0]
    for name, (color, style) in zip(sets, SERIES[:2], strict=True):
        ax.plot(degrees, costs[name], color=color, linestyle=style, marker="o",
                label=f"{name} ({len(sets[name])} samples)")  # fmt: skip
    # No model can expect to beat the noise on new samples: its variance is the floor.
    ax.axhline(
        NOISE**2, color=GUIDE, linestyle="dotted", label=f"noise variance {NOISE**2:g}"
    )
    # Log-like, to show the training cost still falling tenfold a degree, but linear
    # below 0.001, so that degree 9's training cost, 0 up to rounding, has a place.
    ax.set_yscale("symlog", linthresh=1e-3, linscale=0.5)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:g}"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("polynomial degree")
    ax.set_ylabel("cost (mean squared error)")
    ax.set_title("Training cost falls;\nvalidation cost turns up")
    ax.legend(loc="lower left")
    return fig


@styled
def polynomial_fits(degrees: tuple[int, ...] = (1, 3, 9), seed: int = 15) -> Figure:
    """The page's training and validation samples, and the least-squares polynomial of
    each of `degrees`, fitted to the training samples alone.

    ```py
    from linreg.plots import polynomial_fits

    ax = polynomial_fits().axes[0]
    print([line.get_label() for line in ax.get_lines()])
    #> ['training samples', 'validation samples', 'degree 1', 'degree 3', 'degree 9']
    ```
    """
    x, y, train, val = _split(seed)
    grid = torch.linspace(0, 10, 401, dtype=torch.float64).unsqueeze(1)
    fig = new_figure(height=4.0)
    ax = fig.axes[0]
    ax.plot(
        x[train], y[train], color=DATA, marker="o", markersize=8, linestyle="none",
        label="training samples",
    )  # fmt: skip
    ax.plot(
        x[val], y[val], color=INK, marker="s", markersize=8, markerfacecolor="none",
        markeredgewidth=1.5, linestyle="none", label="validation samples",
    )  # fmt: skip
    for degree, (color, style) in zip(degrees, itertools.cycle(SERIES)):
        model = _polynomial(x[train], y[train], degree)
        y_hat = model.predict(_features(grid, degree))
        ax.plot(grid, y_hat, color=color, linestyle=style, label=f"degree {degree}")
    # A curve may leave the frame: the frame is set by the data, not by the curves.
    top = y.abs().max().item() + 1.0
    ax.set_ylim(-top, top)
    ax.set_xlim(0, 10)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("Low degree misses the wave;\nhigh degree chases the noise")
    # Below the axes: inside, every corner holds a sample or a curve.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=3)
    return fig

"""Figures of the probabilistic-view page: the noise model picks the cost, and a
penalty on the weights needs a strength chosen on data the fit has not seen.

No figure here trains: least squares and ridge regression come from `closed_form`,
and the line of least absolute error from a search over lines through two points.
"""

import math

import torch
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, StrMethodFormatter

from linreg.data import many_features, noisy_line
from linreg.loss import mse
from linreg.plots._style import DATA, ERROR, GUIDE, MODEL, new_figure, styled
from linreg.train import closed_form

__all__ = ["noise_densities", "outlier_fits", "validation_curve"]


@styled
def noise_densities() -> Figure:
    """Gaussian and Laplace noise densities, both of variance 1, on a log scale.

    On a log scale a density is minus the cost it stands for, up to a constant: the
    Gaussian's log density is a parabola (squared error), the Laplace's a V (absolute
    error), whose tails fall far more slowly.

    ```py
    from linreg.plots import noise_densities

    ax = noise_densities().axes[0]
    print([line.get_label() for line in ax.get_lines()])
    #> ['Gaussian (squared error)', 'Laplace (absolute error)']
    print(ax.get_yscale())
    #> log
    ```
    """
    errors = torch.linspace(-5, 5, 401)
    # Same variance for a fair comparison: a Laplace of scale s has variance 2 s².
    gaussian = torch.distributions.Normal(0.0, 1.0).log_prob(errors).exp()
    laplace = torch.distributions.Laplace(0.0, 1 / math.sqrt(2)).log_prob(errors).exp()
    fig = new_figure()
    ax = fig.axes[0]
    ax.plot(errors, gaussian, color=MODEL, label="Gaussian (squared error)")
    ax.plot(
        errors,
        laplace,
        color=DATA,
        linestyle="dashed",
        label="Laplace (absolute error)",
    )
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(numticks=5))
    ax.yaxis.set_major_formatter(
        StrMethodFormatter("{x:g}")
    )  # 0.001, not 10 to a power
    ax.set_xlabel("error ε = y - H(x)")
    ax.set_ylabel("density (log scale)")
    ax.set_title("Large errors are far likelier\nunder Laplace noise")
    ax.legend(loc="lower center")
    return fig


def _least_absolute_line(x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    """(W, b) of the line with the smallest mean absolute error, for one feature.

    The mean absolute error is piecewise linear in (W, b), so its minimum lies on a
    corner, where two residuals are zero: some line through two of the points is a
    best line. Trying every pair finds it, exactly, without a training loop.
    """
    x, y = x.double().flatten(), y.double().flatten()
    first, second = torch.triu_indices(len(x), len(x), offset=1)  # every pair, once
    sloped = x[first] != x[second]  # two points at one x give no line
    first, second = first[sloped], second[sloped]
    slopes = (y[second] - y[first]) / (x[second] - x[first])
    intercepts = y[first] - slopes * x[first]
    errors = y - (slopes[:, None] * x + intercepts[:, None])  # one row per pair's line
    best = errors.abs().mean(dim=1).argmin()
    return slopes[best].item(), intercepts[best].item()


@styled
def outlier_fits() -> Figure:
    """Thirty noisy points around y = 2x + 1, one of them lost (recorded as 0), with the
    line of least squared error (`closed_form`) and of least absolute error.

    ```py
    from linreg.plots import outlier_fits

    ax = outlier_fits().axes[0]
    print([line.get_label() for line in ax.get_lines()])
    #> ['lost reading', 'least squares (MSE)', 'least absolute error (MAE)']
    ```
    """
    x, y = noisy_line(30, seed=1)
    lost = x.argmax()
    y[lost] = 0.0  # the reading at the largest x was lost and recorded as 0
    kept = torch.arange(len(x)) != lost
    squares = closed_form(x, y)
    W, b = _least_absolute_line(x, y)
    ends = torch.tensor([0.0, 10.0])  # noisy_line's x range
    fig = new_figure()
    ax = fig.axes[0]
    ax.scatter(x[kept], y[kept], color=DATA, zorder=3, label="samples")
    ax.plot(x[lost], y[lost], color=ERROR, marker="X", markersize=10, linestyle="none",
            zorder=3, label="lost reading")  # fmt: skip
    squares_y = squares.predict(ends.unsqueeze(1)).flatten()
    ax.plot(
        ends, squares_y, color=MODEL, linestyle="dashed", label="least squares (MSE)"
    )
    ax.plot(ends, W * ends + b, color=MODEL, label="least absolute error (MAE)")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("One bad point pulls the squared error,\nnot the absolute error")
    ax.legend(loc="upper left")
    return fig


@styled
def validation_curve() -> Figure:
    """Training and validation cost of ridge regression (`closed_form` with
    `weight_decay`) on `many_features`, 30 samples and 20 features, against the
    strength of the penalty on a log scale from 0.001 to 100.

    ```py
    from linreg.plots import validation_curve

    ax = validation_curve().axes[0]
    print([line.get_label() for line in ax.get_lines()][:2])
    #> ['training cost', 'validation cost']
    print(ax.get_xscale())
    #> log
    ```
    """
    x, y = many_features(230, seed=0)
    x_train, y_train = x[:30], y[:30]  # 30 samples to fit 20 weights and a bias
    x_valid, y_valid = x[30:], y[30:]  # 200 the fit never sees
    strengths = torch.logspace(
        -3, 2, 31
    ).tolist()  # six a decade, so 0.01, 0.1, 1 among them
    training, validation = [], []
    for weight_decay in strengths:
        model = closed_form(x_train, y_train, weight_decay=weight_decay)
        training.append(mse(model.predict(x_train), y_train).item())
        validation.append(mse(model.predict(x_valid), y_valid).item())
    best = validation.index(min(validation))
    fig = new_figure()
    ax = fig.axes[0]
    ax.plot(strengths, training, color=DATA, linestyle="dashed", label="training cost")
    ax.plot(strengths, validation, color=MODEL, label="validation cost")
    ax.axvline(strengths[best], color=GUIDE, linestyle="dotted",
               label=f"lowest validation cost, λ = {strengths[best]:.3g}")  # fmt: skip
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:g}"))
    ax.set_xlabel("weight decay λ (log scale)")
    ax.set_ylabel("cost (mean squared error)")
    ax.set_title(
        "Too weak a penalty fits the noise,\ntoo strong a one flattens the fit"
    )
    ax.legend(loc="upper left")
    return fig

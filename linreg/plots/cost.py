"""Figures of the cost page: how far a line is from the data."""

import torch
from matplotlib.figure import Figure

from linreg.data import exam_scores
from linreg.plots._style import DATA, ERROR, MODEL, new_figure, styled

__all__ = ["residuals"]


@styled
def residuals(weight: float = 13.0, bias: float = 1.0) -> Figure:
    """The exam scores, the line y = weight * x + bias, each residual a segment.

    Args:
        weight: slope of the line drawn (the cost page's W = 13).
        bias: intercept of the line drawn (the cost page's b = 1).

    Returns:
        A transparent `Figure` with one set of axes: the line, the four points and
        the four residuals as dashed segments, with a legend.

    ```py
    from linreg.plots import residuals

    fig = residuals()
    ax = fig.axes[0]
    print(ax.get_xlabel(), "|", ax.get_ylabel())
    #> hours studied | exam score
    print(len(ax.collections[1].get_segments()), "residual segments")
    #> 4 residual segments
    print([label.get_text() for label in ax.texts])
    #> ['-2', '+10', '-11', '-5']
    ```
    """
    hours, scores = exam_scores()
    x, y = hours.flatten(), scores.flatten()
    y_hat = weight * x + bias
    fig = new_figure()
    ax = fig.axes[0]
    line_x = torch.linspace(float(x.min()) - 0.5, float(x.max()) + 0.5, 2)
    ax.plot(
        line_x,
        weight * line_x + bias,
        color=MODEL,
        label=f"H(x) = {weight:g}x + {bias:g}",
    )
    ax.scatter(x, y, color=DATA, zorder=3, label="actual scores")
    ax.vlines(x, y_hat, y, colors=ERROR, linestyles="dashed", label="error = y - H(x)")
    errors, middles = (y - y_hat).tolist(), ((y + y_hat) / 2).tolist()
    for hour, middle, error in zip(x.tolist(), middles, errors, strict=True):
        ax.annotate(
            f"{error:+g}",
            (hour, middle),
            xytext=(6, 0),
            textcoords="offset points",
            color=ERROR,
            verticalalignment="center",
        )
    ax.set_xticks(x.tolist())
    ax.set_xlabel("hours studied")
    ax.set_ylabel("exam score")
    ax.set_title("Each error is the vertical gap\nbetween a point and the line")
    ax.legend(loc="upper left")
    return fig

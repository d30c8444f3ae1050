"""Figures of "A real data set, end to end": Galton's family heights."""

import torch
from matplotlib.figure import Figure

from linreg.data import galton_heights
from linreg.plots._style import DATA, INK, MODEL, new_figure, styled
from linreg.train import closed_form

__all__ = ["regression_to_the_mean"]


@styled
def regression_to_the_mean(seed: int = 0) -> Figure:
    """Galton's 928 children against their mid-parents, least squares and y = x.

    Galton recorded heights in one-inch classes, so the 928 points fall on only 102
    spots. Each point is moved by a random amount within its class (`seed` seeds the
    jitter), so that a crowded spot looks crowded. The least-squares line comes from
    `linreg.closed_form` on the heights as recorded, without the jitter.

    ```py
    from linreg.plots import regression_to_the_mean

    ax = regression_to_the_mean().axes[0]
    print([text.get_text() for text in ax.get_legend().get_texts()])
    #> ['928 children (jittered)', 'least squares: slope 0.65', 'y = x', 'the means']
    ```
    """
    parent, child = galton_heights()
    fitted = closed_form(parent, child)
    slope = fitted.weight.item()

    # Jitter: up to half an inch either way, which keeps each point inside its class.
    generator = torch.Generator().manual_seed(seed)
    x = parent + torch.rand(parent.shape, generator=generator) - 0.5
    y = child + torch.rand(child.shape, generator=generator) - 0.5

    fig = new_figure(width=5.0, height=5.8)
    # Made for equal-aspect axes: "constrained" fits them only by a second draw, so a
    # figure saved once lost its title and its legend's last row.
    fig.set_layout_engine("compressed")
    ax = fig.axes[0]
    ax.scatter(
        x, y, s=5, color=DATA, linewidths=0, label=f"{len(x)} children (jittered)"
    )
    ends = torch.tensor([[61.0], [75.0]])
    ax.plot(
        ends,
        fitted.predict(ends),
        color=MODEL,
        label=f"least squares: slope {slope:.2f}",
    )
    # y = x: each child exactly as tall as their mid-parent.
    ax.plot(ends, ends, color=INK, linestyle="dashed", label="y = x")
    ax.plot(
        parent.mean(), child.mean(), "X", color=INK, markersize=10, label="the means"
    )
    # Equal scales: y = x is at 45 degrees, the fitted line visibly flatter.
    ax.set_xlim(61.0, 75.0)
    ax.set_ylim(61.0, 75.0)
    ax.set_aspect("equal")
    ax.set_xlabel("mid-parent height (inches)")
    ax.set_ylabel("child's height (inches)")
    ax.set_title("Children of tall parents are tall,\nbut less so")
    # Below the axes: inside, it would hide the points behind it.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2)
    return fig

"""Figures of the training-data page: the samples before any model sees them."""

from matplotlib.figure import Figure

from linreg.data import train_data
from linreg.plots._style import DATA, MODEL, new_figure, styled

__all__ = ["train_points"]


@styled
def train_points() -> Figure:
    """The three training samples, hours against score, on the line y = 2x.

    ```py
    from linreg.plots import train_points

    fig = train_points()
    ax = fig.axes[0]
    print(ax.get_xlabel(), "|", ax.get_ylabel())
    #> hours studied | score
    print(ax.collections[0].get_offsets().tolist())
    #> [[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]
    ```
    """
    x_train, y_train = train_data()
    x, y = x_train.flatten(), y_train.flatten()
    fig = new_figure(width=5.0, height=3.5)
    ax = fig.axes[0]
    ax.scatter(x, y, color=DATA, zorder=3, label="training samples (x_train, y_train)")
    ax.plot([0.0, 3.5], [0.0, 7.0], color=MODEL, linestyle="dotted", label="y = 2x")
    ax.set_xlim(0.0, 3.5)
    ax.set_xticks([0, 1, 2, 3])
    ax.set_ylim(0.0, 7.5)
    ax.set_xlabel("hours studied")
    ax.set_ylabel("score")
    ax.set_title("Three samples, one feature each")
    ax.legend(loc="upper left")
    return fig

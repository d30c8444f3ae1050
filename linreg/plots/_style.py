"""The look every figure shares: transparent, readable in light and dark palettes.

Figures are drawn dark-on-transparent; the site's dark palette inverts them with a
CSS filter (docs/assets/stylesheets/extra.css), so one SVG serves both palettes.
"""

from matplotlib.figure import Figure

DATA = "#1f77b4"  # points: the samples
MODEL = "#d62728"  # lines: the hypothesis
ERROR = "#2ca02c"  # residuals and tangents


def new_figure(width: float = 6.0, height: float = 4.0) -> Figure:
    """A transparent figure with one set of axes, not attached to any GUI backend."""
    fig = Figure(figsize=(width, height), layout="constrained")
    fig.patch.set_alpha(0.0)
    ax = fig.subplots()
    ax.set_facecolor("none")
    ax.grid(True, alpha=0.3)
    return fig

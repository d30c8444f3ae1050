"""The look every figure shares: transparent, readable in light and dark palettes.

Figures are drawn dark-on-transparent; the site's dark palette inverts them with a
CSS filter (docs/assets/stylesheets/extra.css), so one SVG serves both palettes.

Colours come from the Okabe-Ito palette, which stays distinct to readers with any
common colour-vision deficiency, and only its members dark enough for 3:1 contrast
on the white page and, inverted, on the dark one. Series that must be told apart also
differ in line style (`SERIES`) or in lightness (`ramp`), never in hue alone.

Type is sized for a phone: a figure 5 inches wide (360 pt) is drawn about 320 to 360
px wide in a 390 px screen, so 11 pt text stays above 9 px. Every plot function is
wrapped in `styled`, which sets the sizes while the figure is drawn and puts its text
in the language chosen (linreg/plots/_language.py).

Hangul comes from a font shipped in the package (fonts/, Noto Sans KR, OFL), registered
with matplotlib's font manager on import and listed after the current font: Latin
text and math look as they would without it, and a character the current font lacks
is drawn from it. It is there in English too, so a figure drawn in English can be
translated afterwards, and a reader's own Korean labels need no font of their own.
"""

import functools
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec

import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, MaxNLocator, NullFormatter, StrMethodFormatter

from linreg.plots._language import current_language, translate

KOREAN_FONT = Path(__file__).parent / "fonts" / "NotoSansKR-Hangul.otf"
font_manager.fontManager.addfont(KOREAN_FONT)
KOREAN_FAMILY = font_manager.FontProperties(
    fname=KOREAN_FONT
).get_name()  # "Noto Sans KR"

DATA = "#0072b2"  # points: the samples (Okabe-Ito blue)
MODEL = "#d55e00"  # lines: the hypothesis (Okabe-Ito vermilion)
ERROR = "#009e73"  # residuals and tangents (Okabe-Ito bluish green)
INK = "#000000"  # Okabe-Ito black
GUIDE = "#666666"  # thresholds and other reference lines
# Lines to tell apart by style as well as by colour: one per run or setting (a fifth
# run would repeat the first).
SERIES = ((MODEL, "solid"), (DATA, "dashed"), (ERROR, "dotted"), (INK, "dashdot"))

TEXT_PT = 11
STYLE = {
    "font.size": TEXT_PT,
    "axes.titlesize": TEXT_PT + 1,
    "axes.labelsize": TEXT_PT,
    "xtick.labelsize": TEXT_PT,
    "ytick.labelsize": TEXT_PT,
    "legend.fontsize": TEXT_PT,
    "legend.title_fontsize": TEXT_PT,
    "figure.titlesize": TEXT_PT + 1,
    "lines.linewidth": 2.0,
    "axes.prop_cycle": matplotlib.cycler(color=[color for color, _ in SERIES]),
}

P = ParamSpec("P")


def styled(plot: Callable[P, Figure]) -> Callable[P, Figure]:
    """Run a plot function with the shared sizes, colours and fonts in effect, and put
    the figure's text in the current language (`LINREG_LANG`, `language(...)`)."""

    @functools.wraps(plot)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
        lang = current_language()
        fonts = {"font.family": [*matplotlib.rcParams["font.family"], KOREAN_FAMILY]}
        with matplotlib.rc_context(STYLE), matplotlib.rc_context(fonts):
            fig = plot(*args, **kwargs)
        return translate(fig, lang)

    return wrapper


def ramp(n: int) -> list[str]:
    """n colours from light to dark, for an ordered series (epochs, contour levels).

    A stretch of cividis, a colour map made for colour-vision deficiency: from its
    darkest end to 0.6, near the lightest that keeps 3:1 contrast on the white page and,
    inverted, on the dark one. Five colours differ by 8.7 or more in lightness (CIE
    L*) in either palette.
    """
    cividis = matplotlib.colormaps["cividis"]
    return [
        to_hex(cividis(t)) for t in np.linspace(0.0, 0.6, n)[::-1]
    ]  # one: the darkest


def cost_axes(ax: Axes, xlabel: str, ylabel: str) -> None:
    """Cost against epochs: the cost on a log scale, a few whole epochs on x.

    The y axis is labelled by decade as Python prints numbers (0.001, 1, 1e+05):
    matplotlib's default writes 10 to a power, the power in type too small for a phone.
    """
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(numticks=6))
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def new_figure(width: float = 5.0, height: float = 3.6) -> Figure:
    """A transparent figure with one set of axes, not attached to any GUI backend."""
    fig = Figure(figsize=(width, height), layout="constrained")
    fig.patch.set_alpha(0.0)
    ax = fig.subplots()
    ax.set_facecolor("none")
    ax.grid(True, alpha=0.3)
    return fig

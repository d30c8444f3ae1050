"""What a figure's colours look like on the page, in the light and the dark palette.

The site shows each figure on Material's page background. In the dark palette,
docs/assets/stylesheets/extra.css puts a CSS filter on figures (invert, then
hue-rotate); a CSS filter function works on sRGB values in 0..1 (Filter Effects 1,
"color-interpolation-filters ... has no effect on filter functions, which operate in the
sRGB color space") and clamps after each function. The filter and the backgrounds are
read from the CSS the site ships, so this follows the stylesheets when they change.

- `backgrounds()`: Material's --md-default-bg-color in each palette, as sRGB.
- `filter_css()`, `figure_filter()`: the dark palette's filter on figures, as written
  and as a function on a colour.
- `on_page(rgba, palette)`: what a colour with alpha becomes on the page.
- `contrast`, `lightness`: WCAG 2 contrast ratio, CIE L*.
- `marks(fig)`: every line, marker, text and filled region a figure draws, with the
  colour behind it.
"""

import functools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import material
import numpy as np
import tinycss2
import tinycss2.color4
from matplotlib.artist import Artist
from matplotlib.collections import Collection
from matplotlib.colors import to_rgba, to_rgba_array
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from tests.support import DOCS

RGB = tuple[float, float, float]
RGBA = tuple[float, float, float, float]
PALETTES = {"light": "default", "dark": "slate"}  # Material's scheme names
MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
EXTRA_CSS = DOCS / "assets" / "stylesheets" / "extra.css"
FIGURE_SELECTOR = '[data-md-color-scheme="slate"] img[src*="figures/"]'


def _rules(css: Path) -> Iterator[tuple[list[str], dict[str, str]]]:
    """(selectors, declarations) of each rule of a stylesheet that holds on any screen:
    top-level, or inside `@media screen` (Material's palette sheet is all inside one)."""

    def walk(rules: list) -> Iterator[tuple[list[str], dict[str, str]]]:
        for rule in rules:
            if rule.type == "at-rule" and rule.lower_at_keyword == "media":
                if tinycss2.serialize(rule.prelude).strip() == "screen":
                    yield from walk(tinycss2.parse_rule_list(rule.content, True, True))
            elif rule.type == "qualified-rule":
                prelude = tinycss2.serialize(rule.prelude)
                selectors = [" ".join(s.replace('"', "").split()) for s in prelude.split(",")]
                declarations = tinycss2.parse_blocks_contents(rule.content, True, True)
                yield (
                    selectors,
                    {
                        d.name: tinycss2.serialize(d.value).strip()
                        for d in declarations
                        if d.type == "declaration"
                    },
                )

    yield from walk(tinycss2.parse_stylesheet(css.read_text("utf-8"), True, True))


def _stylesheets() -> list[Path]:
    """Material's stylesheets, then the site's own, in the order a page loads them."""
    material_css = [*MATERIAL_CSS.glob("main.*.min.css"), *MATERIAL_CSS.glob("palette.*.min.css")]
    return [*material_css, EXTRA_CSS]


@functools.cache
def backgrounds() -> dict[str, RGB]:
    """The page background of each palette: --md-default-bg-color on <body>, where the
    scheme's own rule overrides what :root sets, custom properties (--md-hue) resolved."""
    found = {}
    for palette, scheme in PALETTES.items():
        applies = {":root", f"[data-md-color-scheme={scheme}]"}
        properties: dict[str, str] = {}
        for css in _stylesheets():
            for selectors, declarations in _rules(css):
                if applies & set(selectors):
                    properties.update(declarations)
        value = properties["--md-default-bg-color"]
        while match := re.search(r"var\((--[\w-]+)\)", value):
            value = value.replace(match.group(0), properties[match.group(1)])
        color = tinycss2.color4.parse_color(value)
        assert color is not None and color.alpha == 1, f"{palette}: background {value!r}"
        found[palette] = tuple(color.to("srgb").coordinates)
    return found


def _invert(amount: float) -> Callable[[np.ndarray], np.ndarray]:
    # Filter Effects 1, invert(): feComponentTransfer, table [amount, 1 - amount].
    return lambda c: amount + c * (1 - 2 * amount)


# Filter Effects 1, hue-rotate(): feColorMatrix type="hueRotate", the matrix
# LUMA + cos(angle) COS + sin(angle) SIN.
LUMA = np.array([[0.213, 0.715, 0.072]] * 3)
COS = np.array([[0.787, -0.715, -0.072], [-0.213, 0.285, -0.072], [-0.213, -0.715, 0.928]])
SIN = np.array([[-0.213, -0.715, 0.928], [0.143, 0.140, -0.283], [-0.787, 0.715, 0.072]])


def _hue_rotate(degrees: float) -> Callable[[np.ndarray], np.ndarray]:
    angle = math.radians(degrees)
    matrix = LUMA + math.cos(angle) * COS + math.sin(angle) * SIN
    return lambda c: matrix @ c


FILTER_FUNCTIONS = {"invert": _invert, "hue-rotate": _hue_rotate}


def filter_css() -> str:
    """The `filter` extra.css gives figures in the dark palette, as written there."""
    (value,) = [
        declarations["filter"]
        for selectors, declarations in _rules(EXTRA_CSS)
        if FIGURE_SELECTOR.replace('"', "") in selectors
    ]
    return value


@functools.cache
def figure_filter() -> Callable[[RGB], RGB]:
    """The dark palette's filter on figures, as a function on sRGB."""
    value = filter_css()
    steps = []
    for token in tinycss2.parse_component_value_list(value, skip_comments=True):
        if token.type == "whitespace":
            continue
        assert token.type == "function" and token.lower_name in FILTER_FUNCTIONS, value
        (argument,) = [t for t in token.arguments if t.type != "whitespace"]
        if argument.type == "dimension":
            assert argument.lower_unit == "deg", value
        number = argument.value / 100 if argument.type == "percentage" else argument.value
        steps.append(FILTER_FUNCTIONS[token.lower_name](number))

    def apply(rgb: RGB) -> RGB:
        c = np.asarray(rgb, dtype=float)
        for step in steps:
            c = np.clip(step(c), 0.0, 1.0)
        return tuple(float(v) for v in c)

    return apply


def on_page(rgba: RGBA, palette: str, behind: RGBA | None = None) -> RGB:
    """A colour with alpha as the page shows it: filtered in the dark palette, then laid
    over what is behind it (`behind`, itself on the page; by default the page)."""
    background = backgrounds()[palette] if behind is None else on_page(behind, palette)
    *rgb, alpha = rgba
    if palette == "dark":
        rgb = figure_filter()(tuple(rgb))
    return tuple(alpha * c + (1 - alpha) * b for c, b in zip(rgb, background, strict=True))


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2's relative luminance of an sRGB colour in 0..1."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio of two opaque colours, 1 to 21."""
    lighter, darker = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def lightness(rgb: RGB) -> float:
    """CIE L* (0 black to 100 white) of an sRGB colour: how light it looks."""
    y = relative_luminance(rgb)
    return 116 * y ** (1 / 3) - 16 if y > (6 / 29) ** 3 else y * (29 / 3) ** 3


@dataclass
class Mark:
    """One colour a figure draws: what draws it, the colour, and the colour behind it."""

    what: str
    rgba: RGBA
    behind: RGBA | None  # None: the page; else a legend's box, itself on the page

    def contrast(self, palette: str) -> float:
        """Contrast on the page with what is behind it, in `palette`."""
        behind = backgrounds()[palette] if self.behind is None else on_page(self.behind, palette)
        return contrast(on_page(self.rgba, palette, self.behind), behind)


def _name(artist: Artist) -> str:
    if isinstance(artist, Text):
        return f"text {artist.get_text()!r}"
    label = artist.get_label() if not artist.get_label().startswith("_") else ""
    return f"{type(artist).__name__} {label or artist.get_gid() or ''}".strip()


def _colours(artist: Artist) -> Iterator[tuple[str, RGBA]]:
    """The colours an artist paints with: (part, rgba), transparent ones left out."""
    if isinstance(artist, Text):
        if artist.get_text().strip():
            yield "text", to_rgba(artist.get_color(), artist.get_alpha())
    elif isinstance(artist, Line2D):
        alpha = artist.get_alpha()
        if artist.get_linestyle() not in ("None", "", " ") and artist.get_linewidth() > 0:
            yield "line", to_rgba(artist.get_color(), alpha)
        if artist.get_marker() not in (None, "None", "", " "):
            yield "marker face", to_rgba(artist.get_markerfacecolor(), alpha)
            yield "marker edge", to_rgba(artist.get_markeredgecolor(), alpha)
    elif isinstance(artist, Collection):
        for colour in to_rgba_array(artist.get_facecolor()):
            yield "fill", tuple(colour)
        if np.any(np.asarray(artist.get_linewidth()) > 0):
            for colour in to_rgba_array(artist.get_edgecolor()):
                yield "edge", tuple(colour)
    elif isinstance(artist, Patch):
        if artist.get_fill():
            yield "fill", to_rgba(artist.get_facecolor())
        if artist.get_linewidth() > 0:
            yield "edge", to_rgba(artist.get_edgecolor())


def marks(fig: Figure) -> list[Mark]:
    """Every colour the figure paints a line, marker, text or region with.

    Left out, because no reader needs them to read the figure: the transparent figure
    and axes backgrounds, the grid (drawn faint on purpose), and a legend's box, which
    is instead what its entries are drawn on.
    """
    backgrounds_: dict[Artist, RGBA] = {}
    faint: set[Artist] = {fig.patch}
    for ax in fig.axes:
        faint.update([ax.patch, *ax.xaxis.get_gridlines(), *ax.yaxis.get_gridlines()])
        legend = ax.get_legend()
        if legend is not None:
            box = legend.get_frame()
            faint.add(box)
            for child in legend.findobj():
                backgrounds_[child] = to_rgba(box.get_facecolor())
    found = []
    for artist in fig.findobj(lambda a: a.get_visible() and a not in faint):
        for part, rgba in _colours(artist):
            if rgba[3] > 0:
                found.append(Mark(f"{_name(artist)}: {part}", rgba, backgrounds_.get(artist)))
    return found

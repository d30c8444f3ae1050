"""Every text in every figure is at least 9 px tall where the page shows it, on a phone
(390 px wide) and on a laptop (1280 px).

A figure's text size on screen is its font size in the SVG times the scale at which the
page draws the SVG. Matplotlib writes each text as a group `g#text_N` of glyph outlines
(`<use>`), 100 units to the em (`TextToPath.FONT_SCALE`), under the transforms that
size it; mathtext glyphs (a log axis's exponents) carry their own smaller scale. The
browser composes those transforms: a glyph's `getScreenCTM()` maps its em to CSS px.
A figure is an <img>: a page's links figures/<name>.svg, a lab's carries its SVG in a
data: URL (mkdocs-jupyter). Its SVG is fetched and laid out, hidden, at the size the
img is drawn, to be measured: the page's visit does it at each width
(conftest.TEXT_SIZES_JS), its collapsed blocks open, so a figure in a solution counts too.
"""

import io
from pathlib import Path

import pytest
from matplotlib.colors import to_hex, to_rgba
from PIL import Image

from linreg.plots._style import DATA, ERROR, GUIDE, INK, MODEL, ramp
from tests.colours import backgrounds, filter_css, on_page
from tests.support import FIGURE_PAGES, SITE_PAGES, url_path

MIN_TEXT_PX = 9
# Pages that show figures, in both editions (the Korean figures are drawn with Korean
# text): the labs draw them in cells, other pages link figures/*.svg.
SHOWN_FIGURES = [page for page in SITE_PAGES if page.suffix == ".py" or page in FIGURE_PAGES]


@pytest.mark.parametrize("source", SHOWN_FIGURES, ids=lambda p: url_path(p).strip("/"))
def test_figure_text_is_at_least_9_px(source: Path, visit) -> None:
    found = visit(source).figures  # conftest.TEXT_SIZES_JS, at this test's width
    assert found["rasters"] == [], "raster figures: draw SVG so their text can be measured"
    assert found["figures"], "no figure found on a page that shows figures"
    small = [
        f"{figure['figure']} at {figure['width']} px: {text['text']!r} {text['px']:.1f} px"
        for figure in found["figures"]
        for text in figure["texts"]
        if text["px"] < MIN_TEXT_PX
    ]
    assert all(figure["width"] > 0 for figure in found["figures"]), "a figure not drawn"
    assert all(figure["texts"] for figure in found["figures"]), "a figure without text?"
    assert small == [], f"text under {MIN_TEXT_PX} px:\n" + "\n".join(small)


def test_the_dark_filter_maths_is_chromiums(browser) -> None:
    """tests/colours.py computes what the dark palette's filter makes of a colour; here
    Chromium paints the figures' colours through that filter on the dark background,
    and each pixel must be what the maths says, to 8-bit rounding."""
    colours = [DATA, MODEL, ERROR, INK, GUIDE, *ramp(2), "#ff0000", "#ffffff"]
    swatches = [to_rgba(c) for c in colours] + [to_rgba(MODEL, 0.5), to_rgba(DATA, 0.2)]
    dark = ", ".join(f"{round(c * 255)}" for c in backgrounds()["dark"])
    cells = "".join(
        f'<div style="width: 20px; height: 20px; filter: {filter_css()}; '
        f'background: rgba({r * 255}, {g * 255}, {b * 255}, {a})"></div>'
        for r, g, b, a in swatches
    )
    page = browser.new_page(viewport={"width": 100, "height": 40 * len(swatches)})
    try:
        page.set_content(f'<body style="margin: 0; background: rgb({dark})">{cells}</body>')
        shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    finally:
        page.close()
    off = []
    for i, rgba in enumerate(swatches):
        painted = shot.getpixel((10, 20 * i + 10))
        expected = [round(c * 255) for c in on_page(rgba, "dark")]
        if max(abs(p - e) for p, e in zip(painted, expected, strict=True)) > 2:
            off.append(f"{to_hex(rgba, keep_alpha=True)}: Chromium {painted}, maths {expected}")
    assert off == [], "\n".join(off)

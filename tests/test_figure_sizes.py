"""Every figure on a built page reserves its box: its `<img>` carries width and height
in the SVG's aspect ratio, so the page does not shift when the figure arrives.

Figures are the site's drawn figures (`figures/<name>.svg`) and the ones a lab draws,
which mkdocs-jupyter inlines as `data:image/svg+xml;base64,` images. The aspect ratio
is read here from each SVG's viewBox; hooks/figures.py sizes the tags from the SVG's
width and height attributes.
"""

import base64
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.support import KO_PAGES, PAGES, ROOT, SITE_PAGES, built_soup, page_html

INLINE_SVG = "data:image/svg+xml;base64,"


def svg_aspect(svg: bytes) -> float:
    """Width over height of an SVG's viewBox."""
    _, _, width, height = map(float, ET.fromstring(svg).attrib["viewBox"].split())
    return width / height


def figure_images(html: Path) -> list[tuple[str, dict, bytes]]:
    """(src, attributes, SVG bytes) of each figure `<img>` on a built page."""
    soup = built_soup(html)
    found = []
    for img in soup.find_all("img"):
        src = img.get("src", "")
        if src.startswith(INLINE_SVG):
            found.append((src[:40], img.attrs, base64.b64decode(src.removeprefix(INLINE_SVG))))
        elif "figures/" in src and src.endswith(".svg"):
            found.append((src, img.attrs, (html.parent / src).resolve().read_bytes()))
    return found


@pytest.mark.parametrize("page", SITE_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_figures_carry_width_and_height(page: Path, built_site: Path) -> None:
    for src, attrs, svg in figure_images(page_html(built_site, page)):
        assert "width" in attrs and "height" in attrs, f"{src}: no width/height on its <img>"
        width, height = int(attrs["width"]), int(attrs["height"])
        # Whole pixels: the ratio may be off by half a pixel on either side.
        low, high = (width - 0.5) / (height + 0.5), (width + 0.5) / (height - 0.5)
        assert low <= svg_aspect(svg) <= high, f"{src}: {width}x{height} vs the SVG's viewBox"
        assert attrs.get("decoding") == "async", src


@pytest.mark.parametrize("pages", [PAGES, KO_PAGES], ids=["en", "ko"])
def test_the_site_has_figures_to_check(pages: list[Path], built_site: Path) -> None:
    """The check above is not vacuous: each edition shows drawn figures and lab figures."""
    images = [image for page in pages for image in figure_images(page_html(built_site, page))]
    assert sum(src.startswith("data:") for src, _, _ in images) >= 3
    assert sum("figures/" in src for src, _, _ in images) >= 8

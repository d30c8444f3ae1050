"""Every page as a reader's browser gets it, in both editions: offline, silent, math
rendered, figures drawn and described, readable in both palettes, no serious axe findings."""

from pathlib import Path

import pytest

from tests.support import DESKTOP, RAW_TEX, SITE_PAGES, formulas_in_source, url_path

# Every page of both editions: English at the root, Korean under ko/.
pytestmark = pytest.mark.parametrize("source", SITE_PAGES, ids=lambda p: url_path(p) or "index")

LIGHT_SCHEME, DARK_SCHEME = "default", "slate"
MIN_CONTRAST = 4.5  # WCAG AA for body text


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in {"serious", "critical"}]


def test_page_is_offline(source: Path, visit) -> None:
    page = visit(source)
    elsewhere = [url for url in page.traffic.requests if not url.startswith(page.site_url)]
    assert elsewhere == [], "requests to other hosts:\n" + "\n".join(elsewhere)


def test_no_console_errors_or_failed_requests(source: Path, visit) -> None:
    traffic = visit(source).traffic
    assert traffic.console_errors == []
    assert traffic.failures == []


def test_every_formula_is_rendered_math(source: Path, visit) -> None:
    math = visit(source).math  # as the browser shows the build's output: no math JS ran
    assert math["unrendered"] == [], "formulas the build did not render"
    assert math["errors"] == [], "formulas KaTeX could not parse"
    assert RAW_TEX.findall(math["prose"]) == [], "TeX left as text in the article"
    assert math["formulas"] >= len(formulas_in_source(source))
    assert math["scripts"] == [], "the page loads math JavaScript"


def test_figures_load_and_are_described(source: Path, visit) -> None:
    images = visit(source).light.images
    assert [image["src"] for image in images if image["width"] == 0] == [], "images not drawn"
    assert [image["src"] for image in images if not image["alt"]] == [], "images without alt"


def test_no_serious_accessibility_violations(source: Path, visit) -> None:
    violations = serious(visit(source).light.violations)
    assert violations == [], "axe-core, serious or critical:\n" + "\n".join(map(str, violations))


def test_no_contrast_violations_in_the_dark_palette(source: Path, visits) -> None:
    """axe's colour rules in the dark palette, at the laptop's width (conftest.AXE_RUNS
    says why there only)."""
    violations = serious(visits(source, DESKTOP).dark.violations)
    listed = "\n".join(map(str, violations))
    assert violations == [], "axe-core, dark palette, serious or critical:\n" + listed


def test_dark_palette_keeps_math_and_figures_visible(source: Path, visit) -> None:
    page = visit(source)
    assert (page.light.scheme, page.dark.scheme) == (LIGHT_SCHEME, DARK_SCHEME)
    for palette in (page.light, page.dark):
        faint = [
            (text, round(ratio, 2))
            for text, ratio in palette.katex_contrast
            if ratio < MIN_CONTRAST
        ]
        assert faint == [], f"{palette.scheme}: formulas below {MIN_CONTRAST}:1 contrast"
    figures = [image for image in page.dark.images if "figures/" in image["src"]]
    assert [image["src"] for image in figures if "invert" not in image["filter"]] == []
    assert all(image["filter"] == "none" for image in page.light.images)

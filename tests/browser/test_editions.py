"""The language switcher takes the reader to the same page and section of the other
edition (overrides/partials/alternate.html, assets/javascripts/editions.js), also after
instant navigation has changed the page under a header it keeps; Korean pages are set
in Korean system fonts and break lines between words (extra.css).

The switcher is the same partial and script on every page (tests/test_editions.py
checks every page's links in the built HTML), so it is clicked on short pages, which
load in a fraction of the CPU the longest take (gradient-descent: 11,600 elements).
"""

from pathlib import Path

import pytest

from tests.support import SITE_PAGES, edition_of, url_path

SWITCH = "a.md-select__link[hreflang={}]"


def switch(page, language: str, expected: str) -> None:
    """Click the switcher's link to `language` (its menu opens on hover; the click is
    the reader's either way) and wait for the page at `expected`. (Not expect_navigation:
    Material's history.replaceState on scrolling counts as one for Playwright.)"""
    page.locator(SWITCH.format(language)).evaluate("link => link.click()")
    page.wait_for_url(expected, wait_until="load", timeout=30_000)


@pytest.mark.parametrize(("start", "language", "twin"), [("", "ko", "ko/"), ("ko/", "en", "")])
def test_the_switcher_keeps_the_page_and_section(open_page, start: str, language: str, twin: str):
    page, traffic = open_page(start + "training-data/")
    anchor = page.locator("article h2[id]").nth(1).get_attribute("id")
    page.evaluate(f"location.hash = '{anchor}'")
    switch(page, language, open_page.site_url + f"{twin}training-data/#{anchor}")
    assert page.evaluate("document.documentElement.lang") == language
    assert traffic.console_errors == [] and traffic.failures == []


@pytest.mark.parametrize(("start", "language", "twin"), [("", "ko", "ko/"), ("ko/", "en", "")])
def test_the_switcher_follows_instant_navigation(open_page, start: str, language: str, twin: str):
    """Instant navigation replaces the article and the address, not the header: the
    switcher must go by the address. Changing the address alone does the same to it."""
    page, _ = open_page(start + "training-data/")
    page.evaluate(f"history.pushState(null, '', '{open_page.site_url}{start}under-the-hood/')")
    switch(page, language, open_page.site_url + f"{twin}under-the-hood/")


KOREAN_FONTS = [
    "Apple SD Gothic Neo",
    "Malgun Gothic",
    "Noto Sans KR",
    "Noto Sans CJK KR",
    "NanumGothic",
]


@pytest.mark.parametrize("source", SITE_PAGES, ids=lambda p: url_path(p) or "index")
def test_korean_pages_are_set_in_korean_system_fonts_between_words(source: Path, visit):
    """extra.css on :lang(ko): the Korean system fonts, no web font, and line breaks
    between words only (word-break: keep-all); English pages as they were. Every page of
    both editions at both widths, from its visit (conftest.TYPOGRAPHY_JS)."""
    visited = visit(source)
    typography, traffic = visited.typography, visited.traffic
    korean = edition_of(source).name == "ko"
    assert typography["lang"] == ("ko" if korean else "en")
    for font in KOREAN_FONTS:
        assert (font in typography["font"]) is korean, (font, typography["font"])
    assert typography["wordBreak"] == ("keep-all" if korean else "normal")
    assert not [
        url
        for url in traffic.requests
        if url.endswith((".woff", ".woff2", ".ttf")) and "katex" not in url
    ], "a web font besides KaTeX's"

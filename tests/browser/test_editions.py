"""The language switcher takes the reader to the same page and section of the other
edition (overrides/partials/alternate.html, assets/javascripts/editions.js), also after
instant navigation has changed the page under a header it keeps."""

import pytest

SWITCH = "a.md-select__link[hreflang={}]"


def switch(page, language: str, expected: str) -> None:
    """Click the switcher's link to `language` (its menu opens on hover; the click is
    the reader's either way) and wait for the page at `expected`. (Not expect_navigation:
    Material's history.replaceState on scrolling counts as one for Playwright.)"""
    page.locator(SWITCH.format(language)).evaluate("link => link.click()")
    page.wait_for_url(expected, wait_until="load", timeout=30_000)


@pytest.mark.parametrize(("start", "language", "twin"), [("", "ko", "ko/"), ("ko/", "en", "")])
def test_the_switcher_keeps_the_page_and_section(open_page, start: str, language: str, twin: str):
    page, traffic = open_page(start + "gradient-descent/")
    anchor = page.locator("article h2[id]").nth(1).get_attribute("id")
    page.evaluate(f"location.hash = '{anchor}'")
    switch(page, language, open_page.site_url + f"{twin}gradient-descent/#{anchor}")
    assert page.evaluate("document.documentElement.lang") == language
    assert traffic.console_errors == [] and traffic.failures == []


@pytest.mark.parametrize(("start", "language", "twin"), [("", "ko", "ko/"), ("ko/", "en", "")])
def test_the_switcher_follows_instant_navigation(open_page, start: str, language: str, twin: str):
    """Instant navigation replaces the article and the address, not the header: the
    switcher must go by the address. Changing the address alone does the same to it."""
    page, _ = open_page(start + "gradient-descent/")
    page.evaluate(f"history.pushState(null, '', '{open_page.site_url}{start}training-loop/')")
    switch(page, language, open_page.site_url + f"{twin}training-loop/")

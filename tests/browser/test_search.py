"""The site as a whole: every built page is one the suite visits, and search finds pages."""

from pathlib import Path

import pytest

from tests.support import PAGES, url_path


def test_suite_visits_every_built_page(built_site: Path) -> None:
    built = {
        html.relative_to(built_site).as_posix().removesuffix("index.html")
        for html in built_site.rglob("*.html")
        if html.name != "404.html"
    }
    assert built == {url_path(page) for page in PAGES}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("gradient", "gradient-descent/", id="en"),
        pytest.param(
            "경사 하강법",
            "ko/gradient-descent/",
            id="ko",
            marks=pytest.mark.skip(reason="no Korean edition yet"),
        ),
    ],
)
def test_search_lists_the_page(query: str, expected: str, open_page, site_url: str) -> None:
    page, _ = open_page("")
    search = page.locator("input.md-search__input")  # in the header at this width
    search.click()
    search.press_sequentially(query, delay=20)  # typed, as a reader types
    page.locator(".md-search-result__item").first.wait_for()
    found = page.eval_on_selector_all(
        ".md-search-result__item > a",
        "links => links.map(link => link.origin + link.pathname)",  # no ?h=query
    )
    assert site_url + expected in found

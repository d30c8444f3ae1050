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


# Resolves once the result list has not changed for `quiet` ms. Material searches on
# every keystroke in a worker and redraws the list for each answer, so the list is
# the full query's only once the answers stop.
SETTLED = """quiet => new Promise(resolve => {
  const list = document.querySelector(".md-search-result__list");
  let timer = setTimeout(resolve, quiet);
  new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(resolve, quiet);
  }).observe(list, { childList: true, subtree: true });
})"""


# A term's own page comes first (hooks/search.py, "Ranking", says how). zero_grad's page
# is under-the-hood: its "zero_grad" section shows what the call does and what training
# does without it; training-loop uses it as one of three lines and links there for why.
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("gradient", ["gradient-descent/"], id="en"),
        pytest.param(
            "경사 하강법",
            ["ko/gradient-descent/"],
            id="ko",
            marks=pytest.mark.skip(reason="no Korean edition yet"),
        ),
        pytest.param("zero_grad", ["under-the-hood/"], id="zero_grad"),
        pytest.param("MSE", ["hypothesis-and-cost/"], id="MSE"),
        pytest.param(
            "learning rate", ["gradient-descent/", "labs/learning-rate/"], id="learning-rate"
        ),
        pytest.param("DataLoader", ["mini-batches/"], id="DataLoader"),
        pytest.param("normal equation", ["closed-form/"], id="normal-equation"),
    ],
)
def test_search_lists_the_page(query: str, expected: list, open_page, site_url: str) -> None:
    found = search(open_page, query)
    assert found[0] in [site_url + page for page in expected], found[:3]


def search(open_page, query: str) -> list[str]:
    """The pages the search box lists for `query`, typed as a reader types, in order."""
    page, _ = open_page("")
    box = page.locator("input.md-search__input")  # in the header at this width
    box.click()
    box.press_sequentially(query, delay=20)
    items = page.locator(".md-search-result__item")
    items.first.wait_for()
    page.evaluate(SETTLED, 1000)
    # Material draws ten results, then four more each time the list is scrolled to its end.
    total = int(page.locator(".md-search-result__meta").inner_text().split()[0])
    for _ in range(total):
        if items.count() >= total:
            break
        items.last.scroll_into_view_if_needed()
        page.evaluate(SETTLED, 1000)
    return page.eval_on_selector_all(
        ".md-search-result__item > a",
        "links => links.map(link => link.origin + link.pathname)",  # no ?h=query
    )


@pytest.mark.parametrize("name", ["zero_grad", "nn.Linear", "DataLoader", "manual_seed"])
def test_search_finds_a_name_on_every_page_that_uses_it(
    name: str, open_page, site_url: str
) -> None:
    using = {site_url + url_path(page) for page in PAGES if name in page.read_text("utf-8")}
    assert len(using) >= 3
    assert using <= set(search(open_page, name))

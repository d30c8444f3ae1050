"""The site as a whole: every built page, of both editions, is one the suite visits, and
search finds pages, in English and in Korean.

The queries are typed into one page per edition and worker (`search_box`): loading a
page has its search worker fetch and index the whole site again, which costs more CPU
than the query. A search is a function of the query and the index, and each query
starts from an emptied box, so each test's answer is the one a freshly loaded page
gives.
"""

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import PAGES, SITE_PAGES, url_path


def test_suite_visits_every_built_page(built_site: Path) -> None:
    built = {
        html.relative_to(built_site).as_posix().removesuffix("index.html")
        for html in built_site.rglob("*.html")
        if html.name != "404.html"
    }
    assert built == {url_path(page) for page in SITE_PAGES}


# Resolves once the result list has not changed for `quiet` ms: Material draws the
# answer's results into it in steps.
SETTLED = """quiet => new Promise(resolve => {
  const list = document.querySelector(".md-search-result__list");
  let timer = setTimeout(resolve, quiet);
  new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(resolve, quiet);
  }).observe(list, { childList: true, subtree: true });
})"""


# True once the box is empty and the list says so ("Type to start searching"): the
# previous query's answer is gone.
EMPTIED = """() => {
  const meta = document.querySelector(".md-search-result__meta").textContent;
  const { translations } = JSON.parse(document.querySelector("#__config").textContent);
  return meta === translations["search.result.placeholder"]
    && !document.querySelector(".md-search-result__item");
}"""


# True once the worker has answered a query: the result count ("7 matching documents",
# "7개의 일치하는 문서"), or the page language's "no match", instead of "Initializing
# search" or "Type to start searching".
ANSWERED = """() => {
  const meta = document.querySelector(".md-search-result__meta").textContent;
  const { translations } = JSON.parse(document.querySelector("#__config").textContent);
  return /\\d/.test(meta) || meta === translations["search.result.none"];
}"""


# A term's own page comes first (hooks/search.py, "Ranking", says how). zero_grad's page
# is under-the-hood: its "zero_grad" section shows what the call does and what training
# does without it; training-loop uses it as one of three lines and links there for why.
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("gradient", ["gradient-descent/"], id="en"),
        pytest.param("zero_grad", ["under-the-hood/"], id="zero_grad"),
        pytest.param("MSE", ["hypothesis-and-cost/"], id="MSE"),
        pytest.param(
            "learning rate", ["gradient-descent/", "labs/learning-rate/"], id="learning-rate"
        ),
        pytest.param("DataLoader", ["mini-batches/"], id="DataLoader"),
        pytest.param("normal equation", ["closed-form/"], id="normal-equation"),
    ],
)
def test_search_lists_the_page(query: str, expected: list, search, site_url: str) -> None:
    found = search(query)
    assert found[0] in [site_url + page for page in expected], found[:3]


# The Korean edition (ko/): each term's own page first, by the same logic as above. 회귀
# and 선형회귀: the home page, whose title names linear regression (as "regression"
# lists the English home page first; TERMS.md: introduced there). 학습률 and 미니 배치:
# the page that introduces the term, or the lab named after it, as "learning rate" in
# English. The index holds the pages' words split by hooks/search.py ("선형 회귀를" as
# 선형, 회귀, 를); the query is split the same way in the browser (hooks/search_worker_ko.js),
# so a compound typed whole (선형회귀, 경사하강법) finds the words written apart.
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("회귀", [""], id="regression"),
        pytest.param("선형회귀", [""], id="linear-regression-joined"),
        pytest.param("경사 하강법", ["gradient-descent/"], id="gradient-descent"),
        pytest.param("경사하강법", ["gradient-descent/"], id="gradient-descent-joined"),
        pytest.param("학습률", ["gradient-descent/", "labs/learning-rate/"], id="learning-rate"),
        pytest.param("비용 함수", ["hypothesis-and-cost/"], id="cost-function"),
        pytest.param("텐서", ["training-data/"], id="tensor"),
        pytest.param("미니 배치", ["mini-batches/", "labs/mini-batches/"], id="mini-batch"),
        pytest.param("MSE", ["hypothesis-and-cost/"], id="MSE"),
        pytest.param("zero_grad", ["under-the-hood/"], id="zero_grad"),
    ],
)
def test_korean_search_lists_the_page(query: str, expected: list, search, site_url: str) -> None:
    found = search(query, start="ko/")
    assert found[:1] in [[site_url + "ko/" + page] for page in expected], found[:3]


@pytest.fixture(scope="session")
def search(open_page_for_session) -> Callable[..., list[str]]:
    """search(query, start="") -> the pages the search box of page `start` (an edition's
    home page) lists for `query`, in order; one page a `start` for the session."""
    pages = {}

    def search_(query: str, start: str = "") -> list[str]:
        if start not in pages:
            pages[start], _ = open_page_for_session(start)
        return search_on(pages[start], query)

    return search_


# Scrolls the search results up from the bottom, then to it. Material samples the
# wrapper's scroll position once per animation frame, so each move waits out two
# frames: its results see "not at the end", then "at the end".
TO_THE_END = """async wrap => {
  const frames = () => new Promise(resolve =>
    requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const bottom = wrap.scrollHeight - wrap.clientHeight;
  if (bottom <= 0) return;
  wrap.scrollTo(0, Math.max(0, bottom - 64));
  await frames();
  wrap.scrollTo(0, wrap.scrollHeight);
  await frames();
}"""


def search_on(page, query: str) -> list[str]:
    """The pages the search box of `page` lists for `query`, in order."""
    box = page.locator("input.md-search__input")  # in the header at this width
    box.click()
    # Material reads the box on `keyup` and searches for what it holds then. Typed a
    # key at a time, each key is a search whose answer redraws the list, and on a busy
    # machine an answer can come after the list has been quiet for a second (SETTLED):
    # the list read would be a prefix's. So the query goes in whole, and one key press
    # (End: the caret stays put) has Material read it: one search, one answer. (Typed,
    # Hangul would need it too: Playwright inserts a character its keyboard lacks with
    # no key events, where a reader's input method sends them.) The box is emptied the
    # same way first, and the list seen empty, so no answer read is a previous query's.
    box.fill("")
    box.press("End")
    page.wait_for_function(EMPTIED)
    box.fill(query)
    box.press("End")
    page.wait_for_function(ANSWERED)
    page.evaluate(SETTLED, 1000)
    # Material draws ten results, then four more each time the list is scrolled to its
    # end: each time `.md-search__scrollwrap` goes from short of its bottom to at it, as
    # a reader's wheel takes it. (Scrolling the last item into view can leave the
    # wrapper short of its end, or not move it, and then no more are drawn.)
    count = re.search(r"\d+", page.locator(".md-search-result__meta").inner_text())
    total = int(count[0]) if count else 0
    items = page.locator(".md-search-result__item")
    for _ in range(total):
        if items.count() >= total:
            break
        page.eval_on_selector(".md-search__scrollwrap", TO_THE_END)
        page.evaluate(SETTLED, 1000)
    assert items.count() == total, f"{query!r}: {items.count()} results drawn of {total}"
    return page.eval_on_selector_all(
        ".md-search-result__item > a",
        "links => links.map(link => link.origin + link.pathname)",  # no ?h=query
    )


@pytest.mark.parametrize("name", ["zero_grad", "nn.Linear", "DataLoader", "manual_seed"])
def test_search_finds_a_name_on_every_page_that_uses_it(name: str, search, site_url: str) -> None:
    using = {site_url + url_path(page) for page in PAGES if name in page.read_text("utf-8")}
    assert len(using) >= 3
    assert using <= set(search(name))

"""Two editions, one site: English at the root, Korean under ko/ (hooks/edition.py).

Read from the built site: every Korean page is there under ko/ with lang="ko", each
edition's sitemap lists its pages with hreflang alternates to both editions, the
language switcher on every page points at the same page in the other edition, and the
Korean pages have their own notebooks. The hooks' parts are tested on small inputs: a
lab executed once for both editions (hooks/labs.py), the Korean build's site moved
under ko/ and its failure failing the English build (hooks/edition.py).
"""

import asyncio
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

import jupytext
import nbformat
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from tests.support import (
    EDITIONS,
    KO_DOCS,
    KO_PAGES,
    PAGES,
    ROOT,
    built_soup,
    load_hook,
    url_path,
)

KOREAN = EDITIONS[1].url  # where the Korean edition is published in the site: "ko/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ENGLISH_URL = load_config(str(ROOT / "mkdocs.yml")).site_url
KOREAN_URL = urljoin(ENGLISH_URL, KOREAN)
ANY_HOST = "http://site/"

edition = load_hook("edition")
labs = load_hook("labs")
notebooks = load_hook("notebooks")


ENGLISH = {url_path(page) for page in PAGES}
KOREAN_URLS = {url_path(page).removeprefix(KOREAN) for page in KO_PAGES}  # within ko/


def html_pages(site: Path) -> set[str]:
    """The URLs of the pages a site folder holds (not the 404 page)."""
    return {
        html.relative_to(site).as_posix().removesuffix("index.html")
        for html in site.rglob("index.html")
    }


def soup(site: Path, url: str) -> BeautifulSoup:
    return built_soup(site / url / "index.html")


def resolve(url: str, href: str) -> str:
    """A link on the page at `url` (a path in the site) as a path in the site."""
    return urljoin(ANY_HOST + url, href).removeprefix(ANY_HOST)


# --- the built site -----------------------------------------------------------------


def test_every_korean_page_is_built_under_ko_in_korean(built_site: Path) -> None:
    assert KO_PAGES, "no Korean pages in docs-ko/"
    assert html_pages(built_site / KOREAN) == KOREAN_URLS
    assert html_pages(built_site) - {KOREAN + url for url in KOREAN_URLS} == ENGLISH
    for url in KOREAN_URLS:
        assert soup(built_site, KOREAN + url).html["lang"] == "ko", url
    for url in ENGLISH:
        assert soup(built_site, url).html["lang"] == "en", url


def test_no_page_names_another_page_as_its_alternate_in_its_head(built_site: Path) -> None:
    """Material's links to each edition's home page are taken out (overrides/main.html):
    a page's hreflang alternates are its twins, and those are in the sitemaps."""
    for url in ENGLISH | {KOREAN + url for url in KOREAN_URLS}:
        assert soup(built_site, url).head.select("link[rel=alternate][hreflang]") == [], url


@pytest.mark.parametrize(
    ("folder", "root", "pages"), [("", ENGLISH_URL, ENGLISH), (KOREAN, KOREAN_URL, KOREAN_URLS)]
)
def test_each_sitemap_lists_its_pages_with_both_editions(
    built_site: Path, folder: str, root: str, pages: set[str]
) -> None:
    entries = ET.parse(built_site / folder / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    urls = [entry.findtext(f"{SITEMAP}loc", "").removeprefix(root) for entry in entries]
    assert sorted(urls) == sorted(pages)
    for entry, url in zip(entries, urls, strict=True):
        links = entry.iter(f"{XHTML}link")
        alternates = {link.get("hreflang"): link.get("href", "") for link in links}
        english, korean = ENGLISH_URL + url, KOREAN_URL + url
        assert alternates == {"en": english, "ko": korean, "x-default": english}, url
        for href in alternates.values():
            page = built_site / href.removeprefix(ENGLISH_URL) / "index.html"
            assert page.exists(), href


def switcher(site: Path, url: str) -> dict[str, tuple[str, str]]:
    """The switcher's links on a page, by language: the page each goes to and the
    edition root it names (for assets/javascripts/editions.js), as paths in the site."""
    return {
        link["hreflang"]: (resolve(url, link["href"]), resolve(url, link["data-edition-root"]))
        for link in soup(site, url).select("a.md-select__link[hreflang]")
    }


@pytest.mark.parametrize("url", sorted(ENGLISH))
def test_the_switcher_on_an_english_page_points_at_its_twin(built_site: Path, url: str) -> None:
    assert switcher(built_site, url) == {"en": (url, ""), "ko": (KOREAN + url, KOREAN)}


@pytest.mark.parametrize("url", sorted(KOREAN_URLS))
def test_the_switcher_on_a_korean_page_points_at_its_twin(built_site: Path, url: str) -> None:
    assert switcher(built_site, KOREAN + url) == {"en": (url, ""), "ko": (KOREAN + url, KOREAN)}


def notebook_pages(items: list, inside: bool = False) -> list[str]:
    """src paths of a config's nav pages under the sections that get notebooks."""
    pages = []
    for item in items:
        [(title, value)] = item.items() if isinstance(item, dict) else [(None, item)]
        if isinstance(value, list):
            pages += notebook_pages(value, inside or title in notebooks.NOTEBOOK_SECTIONS)
        elif inside:
            pages.append(value)
    return pages


def test_korean_pages_have_their_own_notebooks_and_links(built_site: Path) -> None:
    korean = notebook_pages(load_config(str(ROOT / "mkdocs.ko.yml"))["nav"])
    assert korean == notebook_pages(load_config(str(ROOT / "mkdocs.yml"))["nav"])
    built = (built_site / KOREAN).rglob("*.ipynb")
    assert sorted(KOREAN + p.relative_to(built_site / KOREAN).as_posix() for p in built) == sorted(
        KOREAN + notebooks.notebook_path(page) for page in korean
    )
    for page in korean:
        url, path = url_path(KO_DOCS / page), notebooks.notebook_path(page)
        links = soup(built_site, url).select("p.notebook-links a")
        hrefs = {link.get_text(strip=True): link["href"] for link in links}
        assert resolve(url, hrefs["노트북 내려받기"]) == KOREAN + path
        assert hrefs["Colab에서 열기"].endswith(f"/blob/gh-pages/{KOREAN}{path}")


# --- hooks/labs.py: one execution, both editions -------------------------------------

LAB = '''\
# %% [markdown]
# # A lab

# %%
import os

from IPython.display import SVG


def draw():
    """An image that says which language it was drawn in."""
    language = os.environ.get("LINREG_LANG", "en")
    return SVG(f'<svg xmlns="http://www.w3.org/2000/svg"><text>{language}</text></svg>')

# %%
print("no figure here")

# %%
draw()

# %%
print(os.environ.get("LINREG_LANG", "en"))

# %%
print(os.nice(0))
'''
# Its Korean twin: Korean prose, Korean comments, the same code.
KOREAN_LAB = (
    LAB.replace("# # A lab", "# # 실습 { #a-lab }")
    .replace("# %%\ndraw()", "# %%\n# 그림\ndraw()")
    .replace("def draw():", "def draw():  # 언어를 그리는 그림")
)


def run_lab(english: str, korean: str) -> labs.LabClient:
    client = labs.LabClient(
        jupytext.reads(english, "py:percent"), jupytext.reads(korean, "py:percent")
    )
    # In a thread of its own: a browser test before it on the same xdist worker leaves
    # Playwright's event loop running in this one, where asyncio.run() refuses to start.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, client.async_execute()).result()
    return client


def figure_text(cell: nbformat.NotebookNode) -> str:
    [svg] = [output["data"]["image/svg+xml"] for output in cell.outputs if "data" in output]
    return BeautifulSoup(svg, "html.parser").text


def test_a_lab_runs_once_and_its_korean_twin_gets_its_outputs_with_korean_figures() -> None:
    client = run_lab(LAB, KOREAN_LAB)
    english, korean = labs.code_cells(client.nb), labs.code_cells(client.korean_notebook())
    assert [cell.execution_count for cell in english] == [1, 2, 3, 4, 5]  # re-run not counted
    assert [cell.execution_count for cell in korean] == [1, 2, 3, 4, 5]
    assert figure_text(english[2]) == "en"
    assert figure_text(korean[2]) == "ko"
    assert korean[2].source.startswith("# 그림")  # the Korean lab's cells, its comments
    for ours, theirs in [(english[1], korean[1]), (english[3], korean[3])]:
        assert theirs.outputs == ours.outputs
    assert english[3].outputs[0]["text"] == "en\n"  # the language is English again after
    assert english[4].outputs[0]["text"] == f"{labs.KERNEL_NICENESS}\n"  # yields the CPU


def test_a_figure_cell_that_does_more_than_draw_fails_the_build() -> None:
    lab = LAB.replace("# %%\ndraw()", "# %%\nx = 1\ndraw()")
    with pytest.raises(PluginError, match="code cell 3 shows a figure and does more"):
        run_lab(lab, lab)


def test_labs_whose_code_differs_fail_the_build() -> None:
    english, korean = jupytext.reads(LAB, "py:percent"), jupytext.reads(KOREAN_LAB, "py:percent")
    labs.check_twins(english, korean, "docs-ko/labs/x.py")  # comments differ: fine
    changed = jupytext.reads(KOREAN_LAB.replace('print("no', 'print("NO'), "py:percent")
    with pytest.raises(PluginError, match="code cell 2 differs"):
        labs.check_twins(english, changed, "docs-ko/labs/x.py")


@pytest.mark.parametrize(
    ("source", "draws"),
    [
        ("from linreg.plots import cost_history\n\ncost_history(costs)", True),
        ("cost_panels(runs, threshold=1e-3)", True),
        ("cost_history(train(0.1))", False),  # would train again
        ("costs = train(0.1)\ncost_history(costs)", False),
        ("%matplotlib inline\ncost_history(costs)", False),
    ],
)
def test_only_a_cell_that_just_draws_is_run_again(source: str, draws: bool) -> None:
    assert labs.only_draws(source) is draws


def test_a_lab_heading_takes_its_attr_list_anchor_as_its_id() -> None:
    link = '<a class="anchor-link" href="#a-section">¶</a>'
    html = f'<h2 id="a-section">학습률 {{ #a-section }}{link}</h2>'
    assert labs.anchored_headings(html) == f'<h2 id="a-section">학습률{link}</h2>'
    # Where Hangul leaves mkdocs-jupyter's slug empty, the anchor still wins.
    html = '<h3 id="">비용 {#the-cost}<a class="anchor-link" href="#">¶</a></h3>'
    assert labs.anchored_headings(html) == (
        '<h3 id="the-cost">비용<a class="anchor-link" href="#the-cost">¶</a></h3>'
    )


# --- hooks/edition.py: the Korean build beside the English one ------------------------


def korean_config(folder: Path, nav_page: str) -> Path:
    """A tiny stand-in for mkdocs.ko.yml: one page, and a nav naming `nav_page`."""
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# 한국어\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(f"site_name: x\ndocs_dir: docs\nnav:\n  - {nav_page}\n", encoding="utf-8")
    return config


def test_the_korean_site_goes_under_ko(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(edition, "KOREAN_CONFIG", korean_config(tmp_path, "index.md"))
    build = edition._KoreanBuild(strict=True, site_url="http://site/ko/")
    try:
        build.finish(str(tmp_path / "site"))
    finally:
        build.discard()
    assert "한국어" in (tmp_path / "site" / "ko" / "index.html").read_text("utf-8")


def test_a_failing_korean_build_fails_the_english_build(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(edition, "KOREAN_CONFIG", korean_config(tmp_path, "missing.md"))
    build = edition._KoreanBuild(strict=True, site_url="http://site/ko/")
    try:
        with pytest.raises(PluginError, match="(?s)Korean edition.*missing.md"):
            build.finish(str(tmp_path / "site"))
    finally:
        build.discard()
    assert not (tmp_path / "site" / "ko").exists()

"""The notebooks: one per chapter page and lab, built from the page, and each one runs,
in both editions (English under notebooks/, Korean under ko/notebooks/).

hooks/notebooks.py writes them during `mkdocs build`; these tests read them from the
built site (what a reader downloads or opens in Colab) and execute every chapter
notebook, English and Korean, in a fresh kernel (forked from a process that has
imported ipykernel, torch, matplotlib and linreg: hooks/kernels.py). The Korean
notebooks hold the English code (tests/test_translations.py) with Korean prose and
comments; they run here all the same, because a reader runs the notebook, not the
page. Lab notebooks are not executed again here: the strict build already executed
every lab of both editions with mkdocs-jupyter's `allow_errors: false`, so a failing
lab cell fails the `built_site` fixture; here we check that a lab's notebook is its
source plus the install cell.
"""

import json
import re
from pathlib import Path

import jupytext
import nbformat
import pytest
from mkdocs.config import load_config
from nbclient import NotebookClient
from traitlets.config import Config

from tests.support import (
    EDITIONS,
    Edition,
    built_soup,
    load_hook,
    output_strings,
    page_html,
    shown_output,
)

hook = load_hook("notebooks")


def section_pages(items: list, inside: bool = False) -> list[str]:
    """src paths of the nav pages under the sections that get notebooks, in nav order."""
    pages = []
    for item in items:
        if isinstance(item, dict):
            [(title, value)] = item.items()
            if isinstance(value, list):
                pages += section_pages(value, inside or title in hook.NOTEBOOK_SECTIONS)
            elif inside:
                pages.append(value)
        elif inside:
            pages.append(item)
    return pages


# The editions that are here to build (docs-ko/ and mkdocs.ko.yml exist), with their
# configuration (nav, repo_url, theme.language).
BUILT = [edition for edition in EDITIONS if edition.docs.exists() and edition.config.exists()]
CONFIGS = {edition: load_config(str(edition.config)) for edition in BUILT}
ENGLISH = EDITIONS[0]
CONFIG = CONFIGS[ENGLISH]


def params(kind: str) -> list:
    """(edition, page) of every notebook page of every edition: kind "" (all), ".md"
    (chapter pages) or ".py" (labs); ids like `ko/labs/learning-rate.py`."""
    return [
        pytest.param(edition, page, id=edition.url + page)
        for edition in BUILT
        for page in section_pages(CONFIGS[edition]["nav"])
        if page.endswith(kind)
    ]


PAGES, CHAPTERS, LABS = params(""), params(".md"), params(".py")


def setup_cells(edition: Edition) -> list[str]:
    """The cells a notebook of this edition starts with: the install cell, then the
    edition's language cell if it has one (Korean: `%env LINREG_LANG=ko`)."""
    config = CONFIGS[edition]
    install = hook.INSTALL_CELL.format(repo_url=config["repo_url"]).strip()
    language = hook.LANGUAGE_CELL.get(config["theme"]["language"])
    return [install] if language is None else [install, language]


def notebooks_folder(site: Path, edition: Edition) -> Path:
    return site / edition.url / hook.NOTEBOOK_DIR


def built_notebook(site: Path, edition: Edition, page: str) -> nbformat.NotebookNode:
    return nbformat.read(site / edition.url / hook.notebook_path(page), as_version=4)


@pytest.mark.parametrize("edition", BUILT, ids=lambda edition: edition.name)
def test_every_chapter_page_and_lab_gets_a_notebook(edition: Edition, built_site: Path) -> None:
    pages = section_pages(CONFIGS[edition]["nav"])
    chapters = [page for page in pages if page.endswith(".md")]
    labs = [page for page in pages if page.startswith("labs/")]
    assert len(chapters) >= 9 and len(labs) >= 3, (chapters, labs)
    folder = built_site / edition.url
    built = sorted(
        p.relative_to(folder).as_posix()
        for p in notebooks_folder(built_site, edition).rglob("*")
        if p.is_file()
    )
    assert built == sorted(hook.notebook_path(page) for page in pages)
    assert "notebooks/index.ipynb" not in built


def test_notebooks_are_only_where_an_edition_puts_them(built_site: Path) -> None:
    folders = [notebooks_folder(built_site, edition) for edition in BUILT]
    stray = [
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.ipynb")
        if not any(p.is_relative_to(folder) for folder in folders)
    ]
    assert stray == []


@pytest.mark.parametrize(("edition", "page"), PAGES)
def test_page_links_to_its_notebook_and_to_colab(
    edition: Edition, page: str, built_site: Path
) -> None:
    html = page_html(built_site, edition.docs / page)
    soup = built_soup(html)
    words = hook.LINK_TEXT[edition.name]
    links = {a.get_text(): a["href"] for a in soup.select("p.notebook-links a")}
    download = (html.parent / links[words["download"]]).resolve()
    assert download == (built_site / edition.url / hook.notebook_path(page)).resolve()
    assert links[words["colab"]] == (
        "https://colab.research.google.com/github/linreg-docs/linreg-docs/blob/gh-pages/"
        + edition.url
        + hook.notebook_path(page)
    )
    if page.startswith("labs/"):  # mkdocs-jupyter's include_source: the lab as written
        source = html.parent / links[words["source"]]
        assert source.read_text("utf-8") == (edition.docs / page).read_text("utf-8")
    title = soup.select_one("article h1")
    assert title is not None and title.find_next_sibling() == soup.select_one("p.notebook-links")


@pytest.mark.parametrize(("edition", "page"), CHAPTERS)
def test_chapter_notebook_runs_in_a_fresh_kernel(
    edition: Edition, page: str, built_site: Path, tmp_path: Path, kernel_manager_class: type
) -> None:
    notebook = built_notebook(built_site, edition, page)
    setup = setup_cells(edition)
    assert [cell.source for cell in notebook.cells[: len(setup)]] == setup
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        kernel_manager_class=kernel_manager_class,  # forked warm: hooks/kernels.py
        timeout=300,
        resources={"metadata": {"path": str(tmp_path)}},
        config=Config({"KernelManager": {"transport_encryption": "auto"}}),
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    assert notebook.cells[0].outputs == [], "linreg is installed here: the install cell is a no-op"
    if len(setup) == 2:  # the figures of this kernel are drawn in the edition's language
        assert notebook.cells[1].outputs[0].text == "env: LINREG_LANG=ko\n"


@pytest.mark.parametrize(("edition", "page"), LABS)
def test_lab_notebook_is_the_lab_after_the_setup_cells(
    edition: Edition, page: str, built_site: Path
) -> None:
    lab = jupytext.read(edition.docs / page)
    for cell in lab.cells:  # a heading's `{ #anchor }` is the site's, not the notebook's
        if cell.cell_type == "markdown":
            cell.source = hook.HEADING_ATTRIBUTES.sub(r"\1", cell.source)
    notebook = built_notebook(built_site, edition, page)
    setup = setup_cells(edition)
    assert [c.source for c in notebook.cells] == setup + [c.source for c in lab.cells]
    assert all("outputs" not in c or c.outputs == [] for c in notebook.cells), "no outputs shipped"


PAGE = """---
title: A page
---
# Title { #the-title }

Prose with $x^2$ and a [link](other.md#part) and ![a figure](figures/residuals.svg).

```py
print(1)
#> 1
```

??? success "Solution"
    Some words.

    ```py
    print(2)
    ```

!!! note
    A note.

```{.py test="skip: needs the network"}
print(3)
```

```bash
pip install linreg
```
"""


def test_a_page_becomes_prose_and_code_cells_in_order() -> None:
    notebook = hook.markdown_notebook(
        PAGE, repo_url="https://github.com/o/r", resolve=lambda target: f"https://site/{target}"
    )
    cells = [(cell.cell_type, cell.source) for cell in notebook.cells]
    assert cells[0][1].startswith("# Colab or a fresh kernel")
    assert "git+https://github.com/o/r" in cells[0][1]
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in cells[0][1]
    assert cells[1:] == [
        (
            "markdown",
            "# Title\n\nProse with $x^2$ and a [link](https://site/other.md#part) and "
            "![a figure](https://site/figures/residuals.svg).",
        ),
        ("code", "print(1)\n#> 1"),
        ("markdown", "**Solution**\n\nSome words."),
        ("code", "print(2)"),
        (
            "markdown",
            '**Note**\n\nA note.\n\n```{.py test="skip: needs the network"}\nprint(3)\n```',
        ),
        ("markdown", "```bash\npip install linreg\n```"),
    ]
    assert [cell.id for cell in notebook.cells] == [f"cell-{i}" for i in range(len(cells))]
    assert notebook.metadata.kernelspec.name == "python3"


def test_output_strings_become_output_comments() -> None:
    source = (
        'print("a\\nb")\n"""\na\nb\n"""\n'
        'for i in range(2):\n    print(f"{i}\\n")\n    """\n    0\n\n    """\n'
        'note = """\nnot output"""\nprint(note)\n"""not output either"""\n'
        'x = 1; """\nshares a line"""'
    )
    assert hook.output_strings_as_comments(source) == (
        'print("a\\nb")\n#> a\n#> b\n'
        'for i in range(2):\n    print(f"{i}\\n")\n    #> 0\n    #>\n'
        'note = """\nnot output"""\nprint(note)\n"""not output either"""\n'
        'x = 1; """\nshares a line"""'
    )
    assert hook.output_strings_as_comments("%pip install x") == "%pip install x"


def test_notebook_cells_show_the_pages_output_as_comments_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    converted = 0
    for edition, page in (chapter.values for chapter in CHAPTERS):
        source = (edition.docs / page).read_text("utf-8")
        notebook = hook.markdown_notebook(source, repo_url="https://github.com/o/r")
        with monkeypatch.context() as patch:
            patch.setattr(hook, "output_strings_as_comments", lambda code: code)
            as_written = hook.markdown_notebook(source, repo_url="https://github.com/o/r")
        for cell, written in zip(notebook.cells[1:], as_written.cells[1:], strict=True):
            if cell.cell_type != "code":
                assert cell.source == written.source
                continue
            assert output_strings(cell.source) == [], (page, cell.source)
            assert shown_output(cell.source) == shown_output(written.source), page
            converted += bool(output_strings(written.source))
    assert converted >= 2 * len(BUILT), "training-loop and nn-module show multi-line output"


def test_colab_url_comes_from_repo_url() -> None:
    assert hook.colab_url("https://github.com/o/r.git/", "notebooks/a.ipynb") == (
        "https://colab.research.google.com/github/o/r/blob/gh-pages/notebooks/a.ipynb"
    )


# A page must not make the reader's browser fetch anything from another host (no CDN),
# nor request itself through an empty src (what nbconvert leaves for MathJax).
LOADS = {"script": "src", "img": "src", "link": "href", "iframe": "src", "source": "src"}
FOREIGN = re.compile(r"^(https?:)?//|^$")
NOT_LOADED = {"canonical", "alternate"}
URL = re.compile(r"https?://[^\s'\")]+")
NAMESPACE = "http://www.w3.org/"  # xmlns of inline SVG in CSS data: URLs, never fetched


def test_no_built_page_loads_anything_from_another_host(built_site: Path) -> None:
    offending = []
    for html in sorted(built_site.rglob("*.html")):
        soup = built_soup(html)
        for tag in soup.find_all(LOADS):
            url = tag.get(LOADS[tag.name])
            if tag.name == "link" and NOT_LOADED & set(tag.get("rel", [])):
                continue
            if url is not None and FOREIGN.match(url.strip()):
                offending.append(f"{html.relative_to(built_site)}: <{tag.name}> {url!r}")
        for tag in soup.find_all(["script", "style"]):
            urls = [url for url in URL.findall(tag.text) if not url.startswith(NAMESPACE)]
            if urls:
                offending.append(f"{html.relative_to(built_site)}: <{tag.name}> with {urls}")
    assert offending == []


def test_built_notebooks_are_valid_and_stable(built_site: Path) -> None:
    for path in built_site.rglob("*.ipynb"):
        notebook = json.loads(path.read_text("utf-8"))
        nbformat.validate(nbformat.from_dict(notebook))
        assert notebook["metadata"] == hook.KERNEL_METADATA

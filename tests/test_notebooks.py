"""The notebooks: one per chapter page and lab, built from the page, and each one runs.

hooks/notebooks.py writes them during `mkdocs build`; these tests read them from the
built site (what a reader downloads or opens in Colab) and execute every chapter
notebook in a fresh kernel. Lab notebooks are not executed again here: the strict
build already executed every lab with mkdocs-jupyter's `allow_errors: false`, so a
failing lab cell fails the `built_site` fixture; here we check that a lab's notebook
is its source plus the install cell.
"""

import json
import re
from pathlib import Path

import jupytext
import nbformat
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from nbclient import NotebookClient
from traitlets.config import Config

from tests.support import DOCS, ROOT, load_hook, output_strings, page_html, shown_output

hook = load_hook("notebooks")
CONFIG = load_config(str(ROOT / "mkdocs.yml"))


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


PAGES = section_pages(CONFIG["nav"])
CHAPTERS = [page for page in PAGES if page.endswith(".md")]
LABS = [page for page in PAGES if page.startswith("labs/")]


def built_notebook(site: Path, page: str) -> nbformat.NotebookNode:
    return nbformat.read(site / hook.notebook_path(page), as_version=4)


def test_every_chapter_page_and_lab_gets_a_notebook(built_site: Path) -> None:
    assert len(CHAPTERS) >= 9 and len(LABS) >= 3, (CHAPTERS, LABS)
    english = [p for p in built_site.rglob("*.ipynb") if not p.is_relative_to(built_site / "ko")]
    built = sorted(p.relative_to(built_site).as_posix() for p in english)  # ko/: test_editions
    assert built == sorted(hook.notebook_path(page) for page in PAGES)
    assert "notebooks/index.ipynb" not in built


@pytest.mark.parametrize("page", PAGES)
def test_page_links_to_its_notebook_and_to_colab(page: str, built_site: Path) -> None:
    html = page_html(built_site, DOCS / page)
    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select("p.notebook-links a")}
    download = (html.parent / links["Download notebook"]).resolve()
    assert download == (built_site / hook.notebook_path(page)).resolve()
    assert links["Open in Colab"] == (
        "https://colab.research.google.com/github/linreg-docs/linreg-docs/blob/gh-pages/"
        + hook.notebook_path(page)
    )
    if page in LABS:  # mkdocs-jupyter's include_source: the lab as written
        source = html.parent / links["Source (.py)"]
        assert source.read_text("utf-8") == (DOCS / page).read_text("utf-8")
    title = soup.select_one("article h1")
    assert title is not None and title.find_next_sibling() == soup.select_one("p.notebook-links")


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_notebook_runs_in_a_fresh_kernel(
    page: str, built_site: Path, tmp_path: Path
) -> None:
    notebook = built_notebook(built_site, page)
    assert notebook.cells[0].source == hook.INSTALL_CELL.format(repo_url=CONFIG["repo_url"]).strip()
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=300,
        resources={"metadata": {"path": str(tmp_path)}},
        config=Config({"KernelManager": {"transport_encryption": "auto"}}),
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    assert notebook.cells[0].outputs == [], "linreg is installed here: the install cell is a no-op"


@pytest.mark.parametrize("page", LABS)
def test_lab_notebook_is_the_lab_plus_the_install_cell(page: str, built_site: Path) -> None:
    lab = jupytext.read(DOCS / page)
    notebook = built_notebook(built_site, page)
    assert [c.source for c in notebook.cells[1:]] == [c.source for c in lab.cells]
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
    for page in CHAPTERS:
        source = (ROOT / "docs" / page).read_text("utf-8")
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
    assert converted >= 2, "training-loop and nn-module show multi-line output"


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
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
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

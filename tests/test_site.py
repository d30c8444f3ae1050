"""The built site, read as a reader gets it.

The build is strict and silent; every Python block on a page is one that
test_docs.py runs; and every block, copied from the built HTML and run alone in a
clean interpreter, prints exactly the output the page shows.

A page may render docstrings with mkdocstrings (`::: linreg.fit`): its Python blocks
are then also the examples in those objects' docstrings, which test_docs.py runs too.
"""

import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pytest_examples import CodeExample, find_examples

from tests.snippets import run_alone, shown_output, skip_reason

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
PYTHON = {"py", "python"}
# Every code block names its language, so a Python block cannot hide as untested text.
LANGUAGES = PYTHON | {"bash", "console", "text", "toml", "yaml"}


def page_html(site: Path, page: Path) -> Path:
    """Where MkDocs writes a page (directory URLs): docs/a/b.md -> site/a/b/index.html."""
    relative = page.relative_to(DOCS).with_suffix("")
    if relative.name == "index":
        return site / relative.parent / "index.html"
    return site / relative / "index.html"


def code_blocks(html: Path) -> list[tuple[str, str]]:
    """(language, text) of each highlighted block, the text being what a copy button copies."""
    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    blocks = []
    for div in soup.select("div.highlight"):
        if "doc-signature" in div["class"]:
            continue  # a signature mkdocstrings renders, not a program to copy
        languages = [c.removeprefix("language-") for c in div["class"] if c.startswith("language-")]
        blocks.append((languages[0] if languages else "", div.select_one("pre > code").get_text()))
    return blocks


def docstring_examples(name: str) -> list[CodeExample]:
    """The examples in the source of the object `name` (a class includes its methods)."""
    lines, start = inspect.getsourcelines(pkgutil.resolve_name(name))
    source = Path(inspect.getsourcefile(pkgutil.resolve_name(name)) or "")
    return [e for e in find_examples(source) if start <= e.start_line < start + len(lines)]


def page_examples(page: Path) -> list[CodeExample]:
    """The Python blocks of a page in the order it shows them, `::: object` ones included."""
    keyed = [((example.start_line, 0), example) for example in find_examples(page)]
    for number, line in enumerate(page.read_text("utf-8").splitlines(), start=1):
        if directive := re.match(r"::: (\S+)", line):
            examples = docstring_examples(directive[1])
            keyed += [((number, example.start_line), example) for example in examples]
    return [example for _, example in sorted(keyed, key=lambda item: item[0])]


def python_blocks() -> list:
    """One test case per Python block: its page, its position there, its source."""
    return [
        pytest.param(page, index, example, id=str(example))
        for page in PAGES
        for index, example in enumerate(page_examples(page))
    ]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_python_block_is_collected(page: Path, built_site: Path) -> None:
    blocks = code_blocks(page_html(built_site, page))
    unnamed = [text[:60] for language, text in blocks if language not in LANGUAGES]
    assert unnamed == [], f"code blocks without a known language: {unnamed}"
    python_blocks = [text for language, text in blocks if language in PYTHON]
    assert python_blocks == [example.source for example in page_examples(page)]


@pytest.mark.parametrize(("page", "index", "example"), python_blocks())
def test_copied_block_prints_what_page_shows(
    page: Path, index: int, example: CodeExample, built_site: Path
) -> None:
    reason = skip_reason(example)
    if reason is not None:
        pytest.skip(reason)
    blocks = code_blocks(page_html(built_site, page))
    copied = [text for language, text in blocks if language in PYTHON][index]
    result = run_alone(copied)
    assert result.returncode == 0, result.stderr
    assert result.stdout == shown_output(copied)

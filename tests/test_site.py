"""The built site, read as a reader gets it.

The build is strict and silent; every Python block on a page is one that
test_docs.py runs; and every block, copied from the built HTML and run alone in a
clean interpreter, prints exactly the output the page shows, on each CPU path of
`support.CPU_PATHS` (CONTRIBUTING.md, "Portable output"). So do the docstring
examples no page shows, run from their source. One page's blocks on every path:

    .venv/bin/pytest tests/test_site.py -k multivariable

A page may render docstrings with mkdocstrings (`::: linreg.fit`): its Python blocks
are then also the examples in those objects' docstrings, which test_docs.py runs too.
"""

from pathlib import Path

import pytest
from pytest_examples import CodeExample

from tests.support import (
    CPU_PATHS,
    MARKDOWN_PAGES,
    ROOT,
    SITE_PAGES,
    CpuPath,
    check_prints_shown,
    code_blocks,
    doc_examples,
    page_examples,
    page_html,
    python_blocks,
    skip_reason,
    unsupported,
)

PYTHON = {"py", "python"}
# Every code block names its language, so a Python block cannot hide as untested text.
LANGUAGES = PYTHON | {"bash", "console", "text", "toml", "yaml"}
SITE_MARKDOWN = [page for page in SITE_PAGES if page.suffix == ".md"]  # both editions


@pytest.mark.parametrize("page", SITE_MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_code_block_names_its_language(page: Path, built_site: Path) -> None:
    blocks = code_blocks(page_html(built_site, page))
    unnamed = [text[:60] for language, text in blocks if language not in LANGUAGES]
    assert unnamed == [], f"code blocks without a known language: {unnamed}"


@pytest.mark.parametrize("page", MARKDOWN_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_python_block_is_collected(page: Path, built_site: Path) -> None:
    """The Korean twins' blocks are these, comments aside (tests/test_translations.py)."""
    blocks = code_blocks(page_html(built_site, page))
    python_blocks = [text for language, text in blocks if language in PYTHON]
    assert python_blocks == [example.source for example in page_examples(page)]


def matrix_cases() -> list:
    """Every block on a page, copied from the built HTML, then every example test_docs.py
    runs that no page shows (a helper's docstring), from its source."""
    on_pages = python_blocks()
    shown = {str(case.values[2]) for case in on_pages}
    return on_pages + [
        pytest.param(None, None, example, id=str(example))
        for example in doc_examples()
        if str(example) not in shown
    ]


@pytest.mark.parametrize("cpu", CPU_PATHS, ids=lambda cpu: cpu.name)
@pytest.mark.parametrize(("page", "index", "example"), matrix_cases())
def test_copied_block_prints_what_page_shows(
    page: Path | None, index: int | None, example: CodeExample, cpu: CpuPath, built_site: Path
) -> None:
    reason = skip_reason(example) or unsupported(cpu)
    if reason is not None:
        pytest.skip(reason)
    if page is None:
        check_prints_shown(f"{example} (on no page, run from its source)", example.source, cpu)
        return
    blocks = code_blocks(page_html(built_site, page))
    copied = [text for language, text in blocks if language in PYTHON][index]
    check_prints_shown(f"{example}, copied from the built page,", copied, cpu)

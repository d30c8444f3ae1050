"""Copy works end to end: a reader clicks a Python block's copy button, pastes what
the clipboard holds into a clean interpreter, and sees the output the page shows.

The first test on a page clicks every copy button there; each block's test runs
its own text (the same text once a session). pytest-xdist spreads the runs over
the cores.
"""

import functools
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytest_examples import CodeExample

from tests.browser.conftest import Opener, url_path
from tests.snippets import run_alone, shown_output, skip_reason
from tests.test_site import page_examples, python_blocks

if TYPE_CHECKING:
    from playwright.sync_api import Browser

COPY_BUTTONS = ":is(div.language-py, div.language-python) button[data-md-type=copy]"


@pytest.fixture(scope="session")
def copied(browser: "Browser", site_url: str) -> Iterator[Callable[[Path], list[str]]]:
    """copied(docs/page.md) -> what each Python block's copy button put on the clipboard."""
    opener = Opener(browser, site_url)
    pages: dict[Path, list[str]] = {}

    def copied_(source: Path) -> list[str]:
        if source not in pages:
            page, _ = opener(url_path(source))
            pages[source] = []
            for button in page.locator(COPY_BUTTONS).all():
                page.evaluate("navigator.clipboard.writeText('')")
                button.click()
                pages[source].append(page.evaluate("navigator.clipboard.readText()"))
            opener.close()
        return pages[source]

    yield copied_
    opener.close()


@functools.cache
def run_copied(text: str) -> subprocess.CompletedProcess[str]:
    """Run pasted text in a clean interpreter in an empty directory, once per text."""
    with tempfile.TemporaryDirectory() as cwd:
        return run_alone(text, cwd=Path(cwd))


@pytest.mark.parametrize(("source", "index", "example"), python_blocks())
def test_copied_block_prints_what_page_shows(
    source: Path, index: int, example: CodeExample, copied
) -> None:
    reason = skip_reason(example)
    if reason is not None:
        pytest.skip(reason)
    blocks = copied(source)
    assert len(blocks) == len(page_examples(source)), "a Python block has no copy button"
    text = blocks[index]
    assert text, "the copy button put nothing on the clipboard"
    result = run_copied(text)
    assert result.returncode == 0, result.stderr
    assert result.stdout == shown_output(text)

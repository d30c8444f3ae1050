"""Copy works end to end: a reader clicks a Python block's copy button, pastes what
the clipboard holds into a clean interpreter, and sees the output the page shows.

The first test on a page opens its collapsed solutions and clicks every copy
button; each block's test runs its own text, a run that test_site.py's test of the
same block shares when both land in one process (tests.snippets.run_alone).
"""

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

# Python blocks, not the signatures mkdocstrings renders on the API page.
COPY_BUTTONS = (
    ":is(div.language-py, div.language-python):not(.doc-signature) button[data-md-type=copy]"
)


@pytest.fixture(scope="session")
def copied(browser: "Browser", site_url: str) -> Iterator[Callable[[Path], list[str]]]:
    """copied(docs/page.md) -> what each Python block's copy button put on the clipboard."""
    opener = Opener(browser, site_url)
    pages: dict[Path, list[str]] = {}

    def copied_(source: Path) -> list[str]:
        if source not in pages:
            page, _ = opener(url_path(source))
            # Open every collapsed block (exercise solutions), outermost first.
            while (closed := page.locator("details:not([open]) > summary")).count():
                closed.first.click()
            texts = []
            for button in page.locator(COPY_BUTTONS).all():
                page.evaluate("navigator.clipboard.writeText('')")
                button.click()
                texts.append(page.evaluate("navigator.clipboard.readText()"))
            pages[source] = texts
            opener.close()
        return pages[source]

    yield copied_
    opener.close()


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
    result = run_alone(text)
    assert result.returncode == 0, result.stderr
    assert result.stdout == shown_output(text)

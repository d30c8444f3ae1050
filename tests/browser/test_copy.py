"""Copy works end to end: a reader clicks a Python block's copy button, pastes what
the clipboard holds into a clean interpreter, and sees the output the page shows.

The first test on a page clicks every copy button there and starts running what it
copied, two at a time (the machine's two cores), each distinct text once a session;
each block's test then waits for its own run.
"""

import subprocess
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from pytest_examples import CodeExample

from tests.browser.conftest import Opener, url_path
from tests.snippets import run_alone, shown_output, skip_reason
from tests.test_site import page_examples, python_blocks

COPY_BUTTONS = ":is(div.language-py, div.language-python) button[data-md-type=copy]"


def run_in_tmp(text: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as cwd:
        return run_alone(text, cwd=Path(cwd))


@pytest.fixture(scope="session")
def copied(browser, site_url: str) -> Iterator[Callable[[Path], list]]:
    """copied(docs/page.md) -> [(clipboard text, Future of its run)] per Python block."""
    opener = Opener(browser, site_url)
    runs: dict[str, Future] = {}
    pages: dict[Path, list] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:

        def copied_(source: Path) -> list:
            if source not in pages:
                page, _ = opener(url_path(source))
                examples = page_examples(source)
                blocks = []
                for index, button in enumerate(page.locator(COPY_BUTTONS).all()):
                    page.evaluate("navigator.clipboard.writeText('')")
                    button.click()
                    text = page.evaluate("navigator.clipboard.readText()")
                    skipped = index < len(examples) and skip_reason(examples[index])
                    if text and not skipped and text not in runs:
                        runs[text] = pool.submit(run_in_tmp, text)
                    blocks.append((text, runs.get(text)))
                pages[source] = blocks
                opener.close()
            return pages[source]

        yield copied_
        for run in runs.values():
            run.cancel()


@pytest.mark.parametrize(("source", "index", "example"), python_blocks())
def test_copied_block_prints_what_page_shows(
    source: Path, index: int, example: CodeExample, copied
) -> None:
    reason = skip_reason(example)
    if reason is not None:
        pytest.skip(reason)
    blocks = copied(source)
    assert len(blocks) == len(page_examples(source)), "a Python block has no copy button"
    text, run = blocks[index]
    assert text, "the copy button put nothing on the clipboard"
    result = run.result()
    assert result.returncode == 0, result.stderr
    assert result.stdout == shown_output(text)

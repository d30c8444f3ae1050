"""Copy works end to end: a reader clicks a Python block's copy button, pastes what
the clipboard holds into a clean interpreter, and sees the output the page shows.

The `copied` fixture (conftest.py) clicks every copy button of a page once; each
block's test runs its own text on the reader's CPU path, a run that test_site.py's
test of the same block shares, whichever worker runs them (support.run_alone).
"""

from pathlib import Path

import pytest
from pytest_examples import CodeExample

from tests.support import check_prints_shown, page_examples, python_blocks, skip_reason


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
    check_prints_shown(f"{example}, pasted from its copy button,", text)

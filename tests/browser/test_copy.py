"""Copy works end to end: a reader clicks a Python block's copy button, pastes what
the clipboard holds into a clean interpreter, and sees the output the page shows.

The `copied` fixture (conftest.py) clicks every copy button of a page once; each
block's test runs its own text on the reader's CPU path, a run that test_site.py's
test of the same block shares, whichever worker runs them (support.run_alone).

A Korean page's copy buttons copy the English block's code: the same code tokens and
output lines (support.code_tokens), with comments that may be Korean. Proven equal, the
Korean text is not run again.

The code under a figure (hooks/figure_code.py) has a copy button too: it copies the
listing the page shows, in both editions (tests/test_figure_code.py runs that listing).
"""

from pathlib import Path

import pytest
from pytest_examples import CodeExample

from tests.support import (
    DOCS,
    FIGURE_CODE_BUTTONS,
    FIGURE_PAGES,
    KO_DOCS,
    KO_PAGES,
    ROOT,
    check_prints_shown,
    code_tokens,
    figure_code_blocks,
    page_examples,
    page_html,
    python_blocks,
    skip_reason,
)


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


# Named by the Korean page: its `::: object` examples are linreg's docstrings.
KOREAN_BLOCKS = [
    pytest.param(*case.values, id=f"{case.values[0].relative_to(ROOT)}:{case.id}")
    if case.values[2].path != case.values[0]
    else case
    for case in python_blocks(KO_PAGES)
]


@pytest.mark.parametrize(("source", "index", "example"), KOREAN_BLOCKS)
def test_korean_copy_is_the_english_code(
    source: Path, index: int, example: CodeExample, copied
) -> None:
    english = page_examples(DOCS / source.relative_to(KO_DOCS))
    blocks = copied(source)
    assert len(blocks) == len(english), "the Korean page has other Python blocks than the English"
    text = blocks[index]
    assert text, "the copy button put nothing on the clipboard"
    pasted, written = code_tokens(text), code_tokens(english[index].source)
    differs = next(
        (i for i, (a, b) in enumerate(zip(pasted, written, strict=False)) if a != b),
        min(len(pasted), len(written)),
    )
    assert pasted == written, (
        f"{example}, pasted from its copy button, is not the code of {english[index]}: "
        f"first difference at token {differs + 1}\n"
        f"  English: {written[differs] if differs < len(written) else '(ends)'}\n"
        f"  copied:  {pasted[differs] if differs < len(pasted) else '(ends)'}\n"
        f"copied:\n{text}"
    )


@pytest.mark.parametrize("source", FIGURE_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_figure_code_copies_its_listing(source: Path, copied, built_site: Path) -> None:
    listings = [block.code for block in figure_code_blocks(page_html(built_site, source))]
    pasted = copied(source, FIGURE_CODE_BUTTONS)
    assert len(pasted) == len(listings) > 0, "a figure's code has no copy button"
    assert [text.rstrip("\n") for text in pasted] == [code.rstrip("\n") for code in listings]

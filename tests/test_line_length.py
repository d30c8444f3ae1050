"""Every line a reader sees in a code block fits in 88 columns: the code and the output
the tests wrote under it (`#>` lines, `\"\"\"` blocks) of every Python block on the pages,
and the labs' code cells and their outputs, in both editions.

ruff holds a block's code to 88 columns (E501); this holds what it printed too, and the
Korean edition, whose blocks ruff never sees (they are the English code, with comments
that may be Korean). A wider line does not fit the column on a laptop: its end is out
of sight until the reader scrolls the block sideways. Print less per line, or wrap
(CONTRIBUTING.md). Columns are display columns: a Hangul syllable takes two.
"""

from pathlib import Path

import jupytext
import pytest
from pytest_examples import CodeExample, find_examples

from tests.support import (
    KO_PAGES,
    LINE_LENGTH,
    PAGES,
    ROOT,
    built_soup,
    display_width,
    page_html,
    python_blocks,
)

LABS = [page for page in PAGES + KO_PAGES if page.suffix == ".py"]
# A Korean page's own blocks; its `::: object` examples are the English page's, once.
KOREAN_BLOCKS = [
    pytest.param(page, index, example, id=str(example))
    for page in KO_PAGES
    if page.suffix == ".md"
    for index, example in enumerate(find_examples(page))
]


def too_wide(lines: list[str], first: int = 1) -> list[str]:
    """'line <n>, <width> columns: <line>' for each line wider than LINE_LENGTH."""
    return [
        f"line {number}, {display_width(line)} columns: {line}"
        for number, line in enumerate(lines, start=first)
        if display_width(line) > LINE_LENGTH
    ]


@pytest.mark.parametrize(("source", "index", "example"), python_blocks() + KOREAN_BLOCKS)
def test_block_lines_fit(source: Path, index: int, example: CodeExample) -> None:
    # A block's first line is the one after its opening fence.
    wide = too_wide(example.source.splitlines(), first=example.start_line + 1)
    assert wide == [], f"{example}: lines over {LINE_LENGTH} columns\n" + "\n".join(wide)


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.relative_to(ROOT).as_posix())
def test_lab_cells_fit(lab: Path) -> None:
    notebook = jupytext.read(lab)
    wide = [
        f"cell {number}, {line}"
        for number, cell in enumerate(notebook.cells, start=1)
        if cell.cell_type == "code"
        for line in too_wide(cell.source.splitlines())
    ]
    assert wide == [], f"{lab.name}: code lines over {LINE_LENGTH} columns\n" + "\n".join(wide)


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.relative_to(ROOT).as_posix())
def test_lab_outputs_fit(lab: Path, built_site: Path) -> None:
    """What the lab's cells printed when the build ran them (mkdocs-jupyter)."""
    page = built_soup(page_html(built_site, lab))
    outputs = page.select(".jp-OutputArea-output pre")
    assert outputs, "no printed output found: has mkdocs-jupyter's markup changed?"
    wide = [line for output in outputs for line in too_wide(output.get_text().splitlines())]
    assert wide == [], f"{lab.name}: output lines over {LINE_LENGTH} columns\n" + "\n".join(wide)


def test_width_counts_hangul_twice() -> None:
    assert display_width("x = 1  # 하나") == len("x = 1  # ") + 4
    assert too_wide(["# " + "가" * 43]) == []
    assert too_wide(["# " + "가" * 44]) == [f"line 1, 90 columns: # {'가' * 44}"]

"""Every line a reader sees in a code block fits in 88 columns: the code and the output
the tests wrote under it (`#>` lines, `\"\"\"` blocks) of every Python block on the pages,
and the labs' code cells and their outputs.

ruff holds a block's code to 88 columns (E501); this holds what it printed too. A wider
line does not fit the column on a laptop: its end is out of sight until the reader
scrolls the block sideways. Print less per line, or wrap (CONTRIBUTING.md).
"""

from pathlib import Path

import jupytext
import pytest
from bs4 import BeautifulSoup
from pytest_examples import CodeExample

from tests.support import DOCS, LINE_LENGTH, page_html, python_blocks

LABS = sorted((DOCS / "labs").glob("*.py"))


def too_wide(lines: list[str], first: int = 1) -> list[str]:
    """'line <n>, <width> columns: <line>' for each line wider than LINE_LENGTH."""
    return [
        f"line {number}, {len(line)} columns: {line}"
        for number, line in enumerate(lines, start=first)
        if len(line) > LINE_LENGTH
    ]


@pytest.mark.parametrize(("source", "index", "example"), python_blocks())
def test_block_lines_fit(source: Path, index: int, example: CodeExample) -> None:
    # A block's first line is the one after its opening fence.
    wide = too_wide(example.source.splitlines(), first=example.start_line + 1)
    assert wide == [], f"{example}: lines over {LINE_LENGTH} columns\n" + "\n".join(wide)


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.stem)
def test_lab_cells_fit(lab: Path) -> None:
    notebook = jupytext.read(lab)
    wide = [
        f"cell {number}, {line}"
        for number, cell in enumerate(notebook.cells, start=1)
        if cell.cell_type == "code"
        for line in too_wide(cell.source.splitlines())
    ]
    assert wide == [], f"{lab.name}: code lines over {LINE_LENGTH} columns\n" + "\n".join(wide)


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.stem)
def test_lab_outputs_fit(lab: Path, built_site: Path) -> None:
    """What the lab's cells printed when the build ran them (mkdocs-jupyter)."""
    page = BeautifulSoup(page_html(built_site, lab).read_text("utf-8"), "html.parser")
    outputs = page.select(".jp-OutputArea-output pre")
    assert outputs, "no printed output found: has mkdocs-jupyter's markup changed?"
    wide = [line for output in outputs for line in too_wide(output.get_text().splitlines())]
    assert wide == [], f"{lab.name}: output lines over {LINE_LENGTH} columns\n" + "\n".join(wide)

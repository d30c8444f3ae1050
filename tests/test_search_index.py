"""What search indexes: `search/search_index.json`, written by Material's search plugin
from the search view that hooks/search.py gives it. Every entry reads as text (no raw
TeX, no notebook prompts or buttons, no permalink signs), and a lab is indexed like a
page: each code cell once, in the section of the heading above it. The ranking a
reader sees is tested in the browser (tests/browser/test_search.py).
"""

import json
import re
from pathlib import Path

import jupytext
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from tests.support import DOCS, load_hook, url_path

hook = load_hook("search")
LABS = sorted((DOCS / "labs").glob("*.py"))

# TeX a reader would see as is: \( \) \[ \] delimiters, $...$, and any \command.
RAW_TEX = re.compile(r"\\[()\[\]]|\$[^$\n]+\$|\\[A-Za-z]+")
NOISE = ("In [", "Out[", "Copied!", "¶")


@pytest.fixture(scope="module")
def entries(built_site: Path) -> list[dict]:
    return json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))["docs"]


def plain(markup: str, keep_code: bool = True) -> str:
    """An entry's title or text (HTML, Material keeps <code> and <pre>) as words."""
    soup = BeautifulSoup(markup, "html.parser")
    if not keep_code:
        for code in soup.find_all(["pre", "code"]):
            code.decompose()
    return " ".join(soup.get_text().split())


def test_prose_holds_no_raw_tex(entries: list[dict]) -> None:
    raw = [
        f"{entry['location']} {field}: {match[0]!r} in ...{prose[match.start() - 30 :][:80]}..."
        for entry in entries
        for field in ("title", "text")
        for prose in [plain(entry[field], keep_code=False)]
        for match in RAW_TEX.finditer(prose)
    ]
    assert raw == []


def test_no_prompts_buttons_or_permalink_signs(entries: list[dict]) -> None:
    noisy = [
        f"{entry['location']} {field}: {noise!r}"
        for entry in entries
        for field in ("title", "text")
        for noise in NOISE
        if noise in entry[field]
    ]
    assert noisy == []


def test_math_is_indexed_as_readable_text(entries: list[dict]) -> None:
    text = {entry["location"]: plain(entry["text"]) for entry in entries}
    # pymdownx.arithmatex's inline \(...\) and display \[...\] on a Markdown page
    assert "from W = 0 with α = 0.01" in text["gradient-descent/#the-update-rule"]
    assert "W := W - α∂/(∂ W) cost(W)" in text["gradient-descent/#the-update-rule"]
    # Jupyter's $...$ in a lab's Markdown cell
    assert "the line H(x) = Wx + b every few epochs" in text["labs/watching-gradient-descent/"]


def headings(markdown: str) -> list[str]:
    """The text of each heading in `markdown`, in order."""
    tokens = MarkdownIt().parse(markdown)
    return [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.stem)
def test_each_lab_code_cell_is_indexed_once_under_its_heading(
    lab: Path, entries: list[dict]
) -> None:
    page = url_path(lab)
    sections = {
        plain(entry["title"]): plain(entry["text"])
        for entry in entries
        if entry["location"].split("#")[0] == page
    }
    heading, checked = None, 0
    for cell in jupytext.read(lab).cells:
        if cell.cell_type == "markdown":
            heading = (headings(cell.source) or [heading])[-1]
            continue
        code = " ".join(cell.source.split())
        assert sum(text.count(code) for text in sections.values()) == 1, (lab.name, code[:60])
        assert code in sections[heading], f"{lab.name}: cell {code[:40]!r} not under {heading!r}"
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize(
    ("html", "text"),
    [
        pytest.param(
            '<p>With <span class="arithmatex">\\(\\alpha = 0.01\\)</span>:</p>',
            "<p>With α = 0.01:</p>",
            id="arithmatex-inline",
        ),
        pytest.param(
            '<div class="arithmatex">\\[\n0 < \\alpha < \\frac{2}{28/3}\n\\]</div>',
            "<p>0 &lt; α &lt; 2/(28/3)</p>",
            id="arithmatex-display",
        ),
        pytest.param(  # math already rendered by KaTeX when the hook runs: read its TeX
            '<p>cost <span class="arithmatex"><span class="katex"><span class="katex-mathml">'
            "<math><semantics><mrow><mfrac><mn>1</mn><mi>n</mi></mfrac></mrow>"
            '<annotation encoding="application/x-tex">\\frac{1}{n}</annotation></semantics>'
            '</math></span><span aria-hidden="true" class="katex-html">1n</span></span>'
            "</span> of</p>",
            "<p>cost 1/n of</p>",
            id="katex",
        ),
    ],
)
def test_search_view_reads_math_in_each_form_the_pages_may_hold(html: str, text: str) -> None:
    assert hook.for_search(html) == text

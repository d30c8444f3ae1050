"""What search indexes: `search/search_index.json`, written by Material's search plugin
from the search view that hooks/search.py gives it. Every entry reads as text (no raw
TeX, no notebook prompts or buttons, no permalink signs), and a lab is indexed like a
page: each code cell once, in the section of the heading above it. The Korean edition's
index (ko/search/search_index.json) holds its words apart: a compound's words and a
noun's particles are separate words, at U+200B, which only its separator splits at.
The ranking a reader sees is tested in the browser (tests/browser/test_search.py).
"""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import jupytext
import material
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from tests.support import DOCS, load_hook, url_path

hook = load_hook("search")
LABS = sorted((DOCS / "labs").glob("*.py"))

# TeX a reader would see as is: \( \) \[ \] delimiters, $...$, and any \command.
RAW_TEX = re.compile(r"\\[()\[\]]|\$[^$\n]+\$|\\[A-Za-z]+")
NOISE = ("In [", "Out[", "Copied!", "¶")


def search_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def entries(built_site: Path) -> list[dict]:
    return search_index(built_site)["docs"]


@pytest.fixture(scope="module")
def korean_index(built_site: Path) -> dict:
    return search_index(built_site / "ko")


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


def test_search_view_is_made_ahead_and_only_used_for_the_html_it_was_made_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Made when the page's HTML is (on_page_content), used when the search plugin reads
    it (on_page_context) if the HTML is still the same, made anew if it is not."""
    made: list[str] = []
    monkeypatch.setattr(hook, "for_search", lambda html: made.append(html) or f"view of {html}")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="page.md"))
    for html, views_made in [
        ("<p>first</p>", ["<p>first</p>"]),
        ("<p>later</p>", ["<p>first</p>", "<p>later</p>"]),
    ]:
        made.clear()
        hook.on_page_content("<p>first</p>", page, None, None)
        page.content = html
        hook._show_search_view({}, page, None, None)  # what the search plugin reads
        assert (page.content, made) == (f"view of {html}", views_made)
        hook._restore_page({}, page, None, None)
        assert page.content == html


# --- The Korean edition's index (hooks/search.py, "Korean") ----------------------------

WORD_BREAK = "\u200b"
# Nouns of the browser test's queries, and particles (and the copula) readers write
# after them; "mse" as Material's tokenizer lowercases it.
NOUNS = ["회귀", "하강법", "학습률", "함수", "텐서", "배치", "mse"]
ENDINGS = "을 를 이 가 은 는 의 에 에서 으로 로 와 과 도 입니다".split()


def words(index: dict, text: str) -> set[str]:
    """The words Material's tokenizer cuts an entry's `text` into: at its tags and at
    `index`'s separator, lowercased."""
    separator = index["config"]["separator"]
    return {word.lower() for word in re.split(separator, re.sub("<[^>]*>", " ", text)) if word}


def test_korean_separator_is_the_english_one_that_splits_at_the_word_break(
    built_site: Path, korean_index: dict
) -> None:
    english = search_index(built_site)["config"]["separator"]
    korean = korean_index["config"]["separator"]
    assert korean.replace("\\u200b", "", 1) == english
    assert re.split(korean, f"선형{WORD_BREAK}회귀를 (MSE)") == ["선형", "회귀를", "MSE", ""]


def test_word_breaks_are_only_inside_words_before_hangul(
    entries: list[dict], korean_index: dict
) -> None:
    fields = [doc[field] for doc in korean_index["docs"] for field in ("title", "text")]
    misplaced = [
        field[match.start() - 20 : match.end() + 20]
        for field in fields
        for match in re.finditer(f"(?<!\\w){WORD_BREAK}|{WORD_BREAK}(?![가-힣])", field)
    ]
    assert misplaced == []
    assert sum(field.count(WORD_BREAK) for field in fields) > 1000
    assert not any(WORD_BREAK in entry["title"] + entry["text"] for entry in entries)


def test_korean_index_holds_nouns_apart_from_their_particles(korean_index: dict) -> None:
    """A page's "하강법을" is the words 하강법 and 을 in the index, so that 하강법 is found
    as itself: Material's query 하강법* would find 하강법을 too, but would score it as
    a word of its own, rarer than 하강법 and so ranked above it."""
    docs = korean_index["docs"]
    fields = [doc[field] for doc in docs for field in ("title", "text")]
    indexed = set().union(*(words(korean_index, field) for field in fields))
    read = set().union(*(words(korean_index, field.replace(WORD_BREAK, "")) for field in fields))
    written = {noun + ending for noun in NOUNS for ending in ENDINGS} & read
    assert len(written) >= 10, written  # the pages write them: the test has work to do
    assert written & indexed == set()
    assert set(NOUNS) <= indexed


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("선형회귀를 배웁니다", "선형|회귀|를 배웁니다"),  # a compound's words, a particle
        ("경사하강법으로", "경사|하강법|으로"),  # 하강 + 법: one word, 법 one syllable
        ("미니배치마다 학습률이", "미니|배치|마다 학습률|이"),  # 률 a suffix
        ("데이터셋을 텐서입니다.", "데이터셋|을 텐서|입니다."),  # the copula
        ("값을 계산합니다", "값|을 계산|합니다"),  # 하다 making a verb of a noun
        ("MSE의 기울기, 3차원", "MSE|의 기울기, 3|차원"),
        ("임계값 (학습률의)", "임계값 (학습률|의)"),  # alone in brackets: not a name to Kiwi
        # Latin words, code and what follows a sign or a tag stay as they are: the
        # separator cuts there, and Kiwi's reading of zero_grad (zero, _, grad) is no word.
        ("평균 제곱 오차(MSE)는", "평균 제곱 오차(MSE)는"),
        (
            "<code>optimizer.zero_grad()</code>를 x &lt; 3",
            "<code>optimizer.zero_grad()</code>를 x &lt; 3",
        ),
    ],
)
def test_break_words(text: str, broken: str) -> None:
    assert hook.break_words([text]) == [broken.replace("|", WORD_BREAK)]


def test_korean_build_breaks_the_index_it_wrote(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    index = {
        "config": {"lang": ["ko"], "separator": "[\\s\\u200b\\-]+"},
        "docs": [{"location": "", "title": "선형회귀", "text": "<p>경사 하강법을</p>"}],
    }
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), "utf-8")
    korean = SimpleNamespace(theme={"language": "ko"}, site_dir=str(tmp_path))
    hook.on_post_build(korean)
    written = search_index(tmp_path)
    assert written["docs"] == [
        {"location": "", "title": "선형\u200b회귀", "text": "<p>경사 하강법\u200b을</p>"}
    ]
    assert written["config"] == index["config"]


def test_korean_build_fails_if_its_separator_keeps_words_whole(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    index = {"config": {"lang": ["ko"], "separator": "[\\s\\-]+"}, "docs": []}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), "utf-8")
    with pytest.raises(hook.PluginError, match="U\\+200B"):
        hook.on_post_build(SimpleNamespace(theme={"language": "ko"}, site_dir=str(tmp_path)))


def test_korean_edition_searches_with_the_query_splitting_worker(built_site: Path) -> None:
    """Each edition's pages name Material's worker file; in ko/ it is search_worker_ko.js,
    which loads Material's from beside it, unchanged; in English it is Material's."""
    workers = Path(material.__file__).parent / "templates/assets/javascripts/workers"
    (worker,) = workers.glob("search.*.min.js")
    folder = "assets/javascripts/workers"
    assert (built_site / folder / worker.name).read_bytes() == worker.read_bytes()
    assert (built_site / "ko" / folder / f"material.{worker.name}").read_bytes() == (
        worker.read_bytes()
    )
    wrapper = hook.WORKER.read_text("utf-8")
    assert 'const MATERIAL_WORKER = "{material_worker}"' in wrapper
    assert (built_site / "ko" / folder / worker.name).read_text("utf-8") == wrapper.replace(
        "{material_worker}", f"material.{worker.name}"
    )

"""The Korean edition is the English edition's code in another language (issue 11).

- Twins: every English page (docs/*.md, docs/labs/*.py) has a Korean twin of the same
  name in docs-ko/, and every Korean page an English one.
- Parity: a twin's code blocks (a lab's code cells) are the English ones, in order, with
  the same fence settings (```` ```{.py test="skip: ..."} ````; a cell's metadata): the
  same code tokens once comments are removed, and the same `#>` lines and output strings.
  Comments may be Korean; printed text may not change, because the code is run once, in
  English (tests/test_docs.py). The blocks are read with the site's own parser: Python-
  Markdown with the extensions of the edition's MkDocs configuration, so a block counts
  exactly when the site shows it as code, in an admonition or a list item too.
- Anchors: every heading of a Korean page has an explicit `{ #id }`, the id of the
  English heading in the same place (Material's slugify drops Hangul), so links and the
  language switcher land on the same section; the built pages carry the same ids.
- Staleness: a twin records the version of the English page it translates
  (`translation_of`, tools/translations.py); an English page changed since fails here,
  with the command that records the review.
- The Korean blocks are parity-checked, never executed.
"""

import copy
import functools
import itertools
import tokenize
from dataclasses import dataclass
from pathlib import Path

import jupytext
import markdown
import pygments.lexers
import pygments.token
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data
from pygments.util import ClassNotFound
from pymdownx.superfences import highlight_validator
from pytest_examples import find_examples

from tests.support import (
    DOCS,
    EDITIONS,
    KO_DOCS,
    KO_PAGES,
    PAGES,
    ROOT,
    Edition,
    built_soup,
    code_tokens,
    doc_examples,
    edition_of,
    page_html,
)
from tools import translations

ENGLISH, KOREAN = EDITIONS
PYTHON = {"py", "python", "python3"}
# What a Korean heading's id is when it has no `{ #id }`: the Korean pages are read with
# this as toc's slugify, so a heading that relies on a slug shows as this.
NO_ID = "no-explicit-id"


def twin(page: Path) -> Path:
    """docs/x.md -> docs-ko/x.md and back."""
    edition = edition_of(page)
    other = KOREAN if edition is ENGLISH else ENGLISH
    return other.docs / page.relative_to(edition.docs)


def name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


TWINS = [page for page in PAGES if twin(page).exists()]
MARKDOWN_TWINS = [page for page in TWINS if page.suffix == ".md"]
LABS = [page for page in TWINS if page.suffix == ".py"]


def english_ids(pages: list[Path]) -> list:
    return [pytest.param(page, id=page.relative_to(DOCS).as_posix()) for page in pages]


# --- reading a page as the site does ----------------------------------------------


@dataclass(frozen=True)
class Block:
    """A code block as the site shows it, or a lab's code cell."""

    page: Path
    number: int  # on its page, from 1
    fence: tuple  # what its opening fence sets (a cell: its metadata), as the parser read it
    code: str
    line: int | None  # where it starts on the page (its fence or `# %%` line), from 1

    def where(self, line_in_block: int | None = None) -> str:
        """`docs-ko/x.md block 3 (line 40)`, or with a block line, its page line."""
        if self.line is None:
            return f"{name(self.page)} block {self.number}"
        if line_in_block is None:
            return f"{name(self.page)} block {self.number} (line {self.line})"
        at = self.line + line_in_block
        return f"{name(self.page)}:{at}, line {line_in_block} of block {self.number}"

    def opening(self) -> str:
        """The block's first line as written: its fence, or its cell marker."""
        if dict(self.fence).get("indented code block"):
            return "(an indented code block: is a fence indented other than its neighbours?)"
        if self.line is None:
            return f"(a fence the parser read as {dict(self.fence)})"
        return self.page.read_text("utf-8").splitlines()[self.line - 1].strip()

    def shown(self) -> str:
        """The block with page line numbers, to show in a failure."""
        first = (self.line or 0) + 1
        numbered = (f"  {n:4} | {text}" for n, text in enumerate(self.code.splitlines(), first))
        return f"  {self.opening()}\n" + "\n".join(numbered)


@dataclass(frozen=True)
class Rendered:
    """What Python-Markdown makes of a page: its code blocks and its headings' ids."""

    blocks: tuple[Block, ...]
    headings: tuple[tuple[str, str], ...]  # (id, heading text), in page order


@functools.cache
def markdown_settings(edition: Edition) -> tuple[list, dict]:
    """The Markdown extensions and their settings of an edition's MkDocs configuration
    (the English one while the Korean configuration does not exist yet)."""
    config_file = edition.config if edition.config.exists() else ENGLISH.config
    config = load_config(str(config_file))
    return config["markdown_extensions"], config["mdx_configs"]


def no_slug(value: str, separator: str) -> str:
    return NO_ID


def render(page: Path, text: str) -> Rendered:
    """Convert a page's Markdown as its edition's build does, keeping each code block.

    Every fenced block goes through one superfences formatter ("*"), which records it
    and leaves a numbered <pre> in its place; a <pre> without a number is an indented
    code block. Korean headings get `no_slug` as their slug: only `{ #id }` gives an id.
    """
    edition = edition_of(page)
    extensions, settings = markdown_settings(edition)
    settings = copy.deepcopy(settings)
    fenced: list[tuple[str, tuple]] = []

    def keep(src: str, language: str, class_name: str, options: dict, md, **kwargs) -> str:
        fence = (
            ("language", language),
            ("classes", tuple(kwargs["classes"])),
            ("id", kwargs["id_value"]),
            ("attributes", tuple(sorted(kwargs["attrs"].items()))),
            ("options", tuple(sorted(options.items()))),
        )
        fenced.append((src, fence))
        return f'<pre data-block="{len(fenced) - 1}"></pre>'

    settings.setdefault("pymdownx.superfences", {})["custom_fences"] = [
        {"name": "*", "class": "", "format": keep, "validator": highlight_validator}
    ]
    if edition is KOREAN:
        settings.setdefault("toc", {})["slugify"] = no_slug
    md = markdown.Markdown(extensions=extensions, extension_configs=settings)
    html = BeautifulSoup(md.convert(text), "html.parser")
    lines = page.read_text("utf-8").splitlines()
    blocks, after = [], 0
    for number, pre in enumerate(html.find_all("pre"), start=1):
        if pre.has_attr("data-block"):
            code, fence = fenced[int(pre["data-block"])]
        else:
            code, fence = pre.get_text(), (("indented code block", True),)
        line = fence_line(lines, code, after)
        blocks.append(Block(page, number, fence, code, line))
        after = line or after
    headings = tuple(
        (token["id"], token["name"])
        for token in flatten(md.toc_tokens)  # type: ignore[attr-defined]
    )
    return Rendered(tuple(blocks), headings)


def flatten(tokens: list[dict]) -> list[dict]:
    return [t for token in tokens for t in [token, *flatten(token["children"])]]


def fence_line(lines: list[str], code: str, after: int) -> int | None:
    """The line (from 1) of the fence that opens a block of `code`, after line `after`.

    Only to say where a block is: the block itself comes from the parser. A fence line
    whose following lines, less its indentation, are the code."""
    wanted = code.splitlines()
    for index in range(after, len(lines)):
        stripped = lines[index].lstrip()
        if stripped.startswith(("```", "~~~")):
            indent = len(lines[index]) - len(stripped)
            following = [line[indent:] for line in lines[index + 1 : index + 1 + len(wanted)]]
            if following == wanted:
                return index + 1
    return None


@functools.cache
def read(page: Path) -> Rendered:
    """A page's code blocks and headings: a Markdown page through Python-Markdown, a lab
    (jupytext) as its code cells and, through Python-Markdown, its Markdown cells."""
    if page.suffix == ".md":
        body, _ = get_data(page.read_text("utf-8"))  # front matter off, as MkDocs does
        return render(page, body)
    notebook = jupytext.read(page)
    # Each cell starts at a `# %%` line (percent format): where a cell is, for messages.
    lines = page.read_text("utf-8").splitlines()
    markers = [number for number, line in enumerate(lines, start=1) if line.startswith("# %%")]
    if len(markers) != len(notebook.cells):
        markers = [None] * len(notebook.cells)  # type: ignore[list-item]
    blocks = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            fence = tuple(sorted((key, str(value)) for key, value in cell.metadata.items()))
            blocks.append(Block(page, len(blocks) + 1, fence, cell.source, markers[index]))
    prose = "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    return Rendered(tuple(blocks), render(page, prose).headings)


# --- comparing two blocks ---------------------------------------------------------


def is_python(block: Block) -> bool:
    return block.page.suffix == ".py" or dict(block.fence).get("language") in PYTHON


def tokens(block: Block) -> list[tuple[str, str, int]]:
    """What must be equal in two editions' blocks: (kind, text, line in the block).

    Python: its tokens less comments (`#>` output lines kept: support.code_tokens).
    Other languages: Pygments' tokens less comments and whitespace; a language Pygments
    does not know, or plain text: the whole text."""
    if is_python(block):
        return [(t.kind, t.text, t.line) for t in code_tokens(block.code)]
    try:
        lexer = pygments.lexers.get_lexer_by_name(dict(block.fence).get("language") or "text")
    except ClassNotFound:
        lexer = pygments.lexers.TextLexer()
    found, line = [], 1
    for kind, text in lexer.get_tokens(block.code):
        if kind not in pygments.token.Comment and text.strip():
            found.append((str(kind), text, line))
        line += text.count("\n")
    return found


def difference(english: Block, korean: Block) -> str | None:
    """Why two blocks are not the same code, showing both; None when they are."""
    both = f"English:\n{english.shown()}\nKorean:\n{korean.shown()}"
    if english.fence != korean.fence:
        return (
            f"{korean.where()}: its fence is not the English one ({english.where()}):\n"
            f"  English: {english.opening()}\n  Korean:  {korean.opening()}\n{both}"
        )
    try:
        korean_tokens = tokens(korean)
    except (tokenize.TokenError, SyntaxError) as error:
        return f"{korean.where()}: not Python that tokenize can read ({error})\n{both}"
    english_tokens = tokens(english)
    pairs = itertools.zip_longest(english_tokens, korean_tokens)
    for index, (want, have) in enumerate(pairs):
        if want is not None and have is not None and want[:2] == have[:2]:
            continue
        return (
            f"{where_token(korean, have)}: the code differs from "
            f"{where_token(english, want)} (token {index + 1}: English "
            f"{want[1] if want else 'ends'!r}, Korean {have[1] if have else 'ends'!r})\n"
            f"  English: {line_of(english, want)}\n  Korean:  {line_of(korean, have)}\n{both}"
        )
    return None


def where_token(block: Block, token: tuple | None) -> str:
    return block.where(token[2] if token else None)


def line_of(block: Block, token: tuple | None) -> str:
    if token is None:
        return "(the block ends)"
    lines = block.code.splitlines()
    return lines[token[2] - 1] if token[2] <= len(lines) else ""


# --- the tests -----------------------------------------------------------------------


@pytest.mark.parametrize("english", english_ids(PAGES))
def test_every_english_page_has_a_korean_twin(english: Path) -> None:
    korean = twin(english)
    assert korean.exists(), (
        f"{name(english)} has no Korean twin: write {name(korean)} (CONVENTIONS: same code"
        f" blocks, English anchors, `{translations.KEY}: TODO` in its front matter)"
    )


def test_every_korean_page_has_an_english_twin() -> None:
    orphans = [name(page) for page in KO_PAGES if not twin(page).exists()]
    assert orphans == [], "Korean pages with no English page of that name in docs/"


@pytest.mark.parametrize("english", english_ids(TWINS))
def test_korean_code_is_the_english_code(english: Path) -> None:
    korean = twin(english)
    ours, theirs = read(english).blocks, read(korean).blocks
    problems = [
        problem
        for english_block, korean_block in zip(ours, theirs, strict=False)
        if (problem := difference(english_block, korean_block))
    ]
    if len(ours) != len(theirs):
        count = (
            f"{name(korean)} has {len(theirs)} code blocks, {name(english)} {len(ours)}:"
            " blocks must be the same, in the same order"
        )
        problems = [count, *problems[:1]]  # after a missing block, the rest is shifted
    assert not problems, "\n\n".join(problems)


# Markdown pages only: a lab's cells are read by jupytext, by the parity test as by the
# build, and pytest-examples reads no lab.
@pytest.mark.parametrize("page", [p for p in [*PAGES, *KO_PAGES] if p.suffix == ".md"], ids=name)
def test_parity_reads_every_block_the_doc_tests_read(page: Path) -> None:
    """The parser the parity test uses and pytest-examples (which runs the English
    blocks and finds the blocks the copy test clicks) see the same Python blocks."""
    python = [block.code for block in read(page).blocks if is_python(block)]
    assert python == [example.source.removesuffix("\n") for example in find_examples(page)]


@pytest.mark.parametrize("english", english_ids(MARKDOWN_TWINS + LABS))
def test_korean_headings_carry_the_english_anchors(english: Path) -> None:
    korean = twin(english)
    ours, theirs = read(english).headings, read(korean).headings
    wrong = []
    for number, (want, have) in enumerate(itertools.zip_longest(ours, theirs), start=1):
        if want is not None and have is not None and want[0] == have[0]:
            continue
        if have is None:
            wrong.append(f"heading {number}: {want[1]!r} {{ #{want[0]} }} has no Korean heading")
        elif want is None:
            wrong.append(f"heading {number}: {have[1]!r} has no English heading")
        elif have[0].startswith(NO_ID):
            wrong.append(f"heading {number}: write {have[1]!r} as `{have[1]} {{ #{want[0]} }}`")
        else:
            wrong.append(f"heading {number}: {have[1]!r} has id {have[0]!r}, English {want[0]!r}")
    assert wrong == [], (
        f"{name(korean)}: each heading needs the id of the English heading in its place"
        f" ({name(english)}), in order:\n  " + "\n  ".join(wrong)
    )


@pytest.mark.parametrize("english", english_ids(TWINS))
def test_built_korean_page_has_the_english_heading_ids(english: Path, built_site: Path) -> None:
    """What a link or the language switcher lands on: the ids of the built pages'
    headings (mkdocstrings' and mkdocs-jupyter's included), in order."""
    korean = page_html(built_site, twin(english))
    assert korean.exists(), f"the built site has no {korean.relative_to(built_site)}"
    ours, theirs = headings(page_html(built_site, english)), headings(korean)
    wrong = [
        f"heading {number}: English {want}, Korean {have}"
        for number, (want, have) in enumerate(itertools.zip_longest(ours, theirs), start=1)
        if want is None or have is None or want[0] != have[0]
    ]
    assert wrong == [], (
        f"{korean.relative_to(built_site)}: heading ids differ from the English page's:\n  "
        + "\n  ".join(wrong)
    )


def headings(html: Path) -> list[tuple[str, str]]:
    """(id, text) of each heading of a built page's article that has an id."""
    found = built_soup(html).select("article :is(h1, h2, h3, h4, h5, h6)[id]")
    return [(h["id"], h.get_text(" ", strip=True).removesuffix("¶").strip()) for h in found]


@pytest.mark.parametrize("english", english_ids(TWINS))
def test_korean_page_translates_the_current_english_page(english: Path) -> None:
    [state] = [t for t in translations.twins(DOCS, KO_DOCS) if t.english == english]
    assert state.state == "current", translations.explain(state)


def test_korean_blocks_are_parity_checked_not_run() -> None:
    """pytest-examples runs the English blocks once (tests/test_docs.py): no Korean block
    is among them, and every Korean page is a twin whose blocks the parity test reads."""
    run = {example.path.resolve() for example in doc_examples()}
    assert any(path.is_relative_to(DOCS) for path in run), "the doc tests find no English block"
    korean = sorted(name(path) for path in run if path.is_relative_to(KO_DOCS))
    assert korean == [], "the doc tests would run Korean blocks: they read docs/ only"
    [parity] = test_korean_code_is_the_english_code.pytestmark  # type: ignore[attr-defined]
    checked = {twin(param.values[0]) for param in parity.args[1]}
    assert checked == {page for page in KO_PAGES if twin(page).exists()}


# --- the reader and the comparison, on known text ---------------------------------

KNOWN = """# Title { #the-title }

```{.py test="skip: needs the network"}
print(1)
```

??? success "Solution"

    ```py
    print(2)  # two
    ```

1. A step:

    !!! note
        ```bash
        pip install linreg  # quietly
        ```
"""


def known_blocks(text: str, edition: Edition = ENGLISH) -> tuple[Block, ...]:
    return render(edition.docs / "index.md", text).blocks


def test_the_reader_finds_fences_where_the_site_shows_code() -> None:
    rendered = render(DOCS / "index.md", KNOWN)
    fences = [dict(block.fence) for block in rendered.blocks]
    assert [block.code for block in rendered.blocks] == [
        "print(1)",
        "print(2)  # two",
        "pip install linreg  # quietly",
    ]
    assert [fence["language"] for fence in fences] == ["py", "py", "bash"]
    assert fences[0]["attributes"] == (("test", "skip: needs the network"),)
    assert rendered.headings == (("the-title", "Title"),)
    korean = render(KO_DOCS / "index.md", KNOWN.replace(" { #the-title }", ""))
    assert korean.headings == ((NO_ID, "Title"),), "a heading without { #id } has no id"


@pytest.mark.parametrize(
    ("change", "same"),
    [
        (("print(2)  # two", "print(2)  # 둘\n    # 한 줄 더"), True),
        (("pip install linreg  # quietly", "pip install linreg  # 조용히"), True),
        (("print(2)  # two", "print(3)  # two"), False),
        (("print(1)", "print(1)\n#> 1"), False),
        (("skip: needs the network", "skip: 네트워크가 필요합니다"), False),
        (("pip install linreg", "pip install linreg torch"), False),
        (("```bash", "```sh"), False),
    ],
    ids=str,
)
def test_comments_may_change_nothing_else(change: tuple[str, str], same: bool) -> None:
    english, korean = known_blocks(KNOWN), known_blocks(KNOWN.replace(*change), KOREAN)
    problems = [difference(a, b) for a, b in zip(english, korean, strict=True)]
    assert (problems == [None] * 3) == same, problems


# --- tools/translations.py ----------------------------------------------------------

BODY = "# 제목 { #title }\n\n```py\nprint(1)  # 하나\n#> 1\n```\n"
LAB_BODY = "# %% [markdown]\n# # 제목\n\n# %%\nprint(1)\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "---\ntranslation_of: TODO\n# why: a comment\nsearch:\n  boost: 2\n---\n" + BODY,
            "---\ntranslation_of: 0123456789ab\n# why: a comment\nsearch:\n  boost: 2\n---\n"
            + BODY,
            id="md-todo",
        ),
        pytest.param(BODY, "---\ntranslation_of: 0123456789ab\n---\n" + BODY, id="md-none"),
        pytest.param(
            "---\nsearch:\n  boost: 2\n---\n" + BODY,
            "---\ntranslation_of: 0123456789ab\nsearch:\n  boost: 2\n---\n" + BODY,
            id="md-no-key",
        ),
        pytest.param(
            "---\r\ntranslation_of: 'ffffffffffff'\r\n---\r\n" + BODY.replace("\n", "\r\n"),
            "---\r\ntranslation_of: 0123456789ab\r\n---\r\n" + BODY.replace("\n", "\r\n"),
            id="md-crlf-quoted",
        ),
        pytest.param(
            "# ---\n# jupyter:\n#   translation_of: TODO\n# ---\n\n" + LAB_BODY,
            "# ---\n# jupyter:\n#   translation_of: 0123456789ab\n# ---\n\n" + LAB_BODY,
            id="lab-todo",
        ),
        pytest.param(
            LAB_BODY,
            "# ---\n# jupyter:\n#   translation_of: 0123456789ab\n# ---\n\n" + LAB_BODY,
            id="lab-none",
        ),
        pytest.param(
            "# ---\n# jupyter:\n#     language_info:\n#       name: python\n# ---\n\n" + LAB_BODY,
            "# ---\n# jupyter:\n#     translation_of: 0123456789ab\n#     language_info:\n"
            "#       name: python\n# ---\n\n" + LAB_BODY,
            id="lab-other-metadata",
        ),
        pytest.param(
            "# ---\n# title: x\n# ---\n\n" + LAB_BODY,
            "# ---\n# jupyter:\n#   translation_of: 0123456789ab\n# title: x\n# ---\n\n" + LAB_BODY,
            id="lab-no-jupyter",
        ),
    ],
)
def test_reviewed_changes_translation_of_and_nothing_else(
    before: str, after: str, tmp_path: Path
) -> None:
    page = tmp_path / ("page.py" if "# %%" in before else "page.md")
    page.write_bytes(before.encode())
    translations.record(page, "0123456789ab")
    assert page.read_bytes().decode() == after
    assert translations.recorded(page) == "0123456789ab"
    if page.suffix == ".py":  # jupytext reads it as notebook metadata, not as a cell
        notebook = jupytext.read(page)
        assert notebook.metadata["translation_of"] == "0123456789ab"
        assert [cell.source for cell in notebook.cells if cell.cell_type == "code"] == ["print(1)"]
    else:
        assert get_data(page.read_text("utf-8"))[1]["translation_of"] == "0123456789ab"


def test_a_hash_of_digits_stays_a_string(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("---\ntranslation_of: TODO\n---\n" + BODY)
    translations.record(page, "012345678901")
    assert translations.recorded(page) == "012345678901"
    assert get_data(page.read_text("utf-8"))[1]["translation_of"] == "012345678901"


def test_status_names_each_twins_state(tmp_path: Path) -> None:
    english, korean = tmp_path / "docs", tmp_path / "docs-ko"
    (english / "labs").mkdir(parents=True)
    (korean / "labs").mkdir(parents=True)
    for page in ("current.md", "stale.md", "todo.md", "missing.md", "labs/lab.py"):
        (english / page).write_text(f"# {page}\n")
    for page in ("current.md", "stale.md", "todo.md", "orphan.md", "labs/lab.py"):
        (korean / page).write_text(f"---\ntranslation_of: TODO\n---\n# {page}\n")
    for page in ("current.md", "stale.md", "labs/lab.py"):
        translations.record(korean / page, translations.digest(english / page))
    (english / "stale.md").write_text("# stale, changed\n")
    states = {
        twin.korean.relative_to(korean).as_posix(): twin.state
        for twin in translations.twins(english, korean)
    }
    assert states == {
        "current.md": "current",
        "labs/lab.py": "current",
        "missing.md": "missing",
        "stale.md": "stale",
        "todo.md": "unreviewed",
        "orphan.md": "orphan",
    }

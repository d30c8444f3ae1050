"""Under every figure, its code: hooks/figure_code.py puts a collapsed "Code for this
figure" block ("이 그림의 코드") after each `![...](figures/<name>.svg)` of a Markdown
page, in both editions, showing linreg's source as it is now.

- Every figure of every built page is followed by its block, and no block stands
  anywhere else; each is collapsed, its summary in the edition's language.
- Its listing is the source: the figure's function exactly as `inspect.getsource` gives
  it, its docstring cut to the first paragraph (the API reference has the rest), then
  what it uses from its module, each piece as written there, in 88 columns. Pasted into
  a clean interpreter, the listing runs, and calling the function draws a Figure.
- It is a listing, not one of the page's examples: written in no page (the doc tests
  never collect it), not among the Python blocks the site tests copy and run
  (`support.code_blocks`), not in the search index, and the Korean page shows the
  English page's listing.
"""

import ast
import inspect
import json
import re
import textwrap
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

import linreg.plots
from tests.support import (
    EDITIONS,
    FIGURE_PAGES,
    KO_DOCS,
    MARKDOWN_PAGES,
    ROOT,
    SITE_PAGES,
    code_blocks,
    display_width,
    edition_of,
    figure_code_blocks,
    figures_shown,
    load_hook,
    page_html,
    run_alone,
)

hook = load_hook("figure_code")
SUMMARY = {"en": "Code for this figure", "ko": "이 그림의 코드"}
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def page_id(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def figure_module(name: str) -> ModuleType:
    """The module that defines linreg.plots.<name> (under the `styled` wrapper)."""
    module = inspect.getmodule(inspect.unwrap(getattr(linreg.plots, name)))
    assert module is not None
    return module


def first_paragraph_only(source: str) -> str:
    """A def's source with its docstring cut to the first paragraph, written the way a
    reader checks it: the docstring literal, up to its first blank line, closed."""
    tree = ast.parse(textwrap.dedent(source))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docstring = body[0] if isinstance(body[0], ast.Expr) else None
    if docstring is None or not isinstance(docstring.value, ast.Constant):
        return source
    literal = ast.get_source_segment(textwrap.dedent(source), docstring)
    assert literal is not None and literal in source
    parts = PARAGRAPH_BREAK.split(literal, maxsplit=1)
    if len(parts) == 1:
        return source
    return source.replace(literal, parts[0].rstrip() + literal[-3:], 1)


def check_listing(code: str, name: str) -> None:
    """The listing under figure `name` is linreg's source, piece by piece."""
    module = figure_module(name)
    module_source = inspect.getsource(module)
    lines = code.splitlines()
    tree = ast.parse(code)
    definitions = [node for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)]
    assert definitions and definitions[0].name == name, "the figure's function comes first"
    for node in tree.body:
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        shown = "\n".join(lines[first - 1 : node.end_lineno]) + "\n"
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            real = inspect.getsource(getattr(module, node.name))
            assert shown == first_paragraph_only(real), f"{node.name} is not shown as written"
        else:  # an import, a constant: whole lines of the module
            assert f"\n{shown}" in f"\n{module_source}", f"not in {module.__name__}:\n{shown}"


# --- without a build: the listing and the insertion -------------------------------


@pytest.mark.parametrize("name", linreg.plots.__all__)
def test_listing_is_the_source(name: str) -> None:
    check_listing(hook.listing(name).code, name)
    assert Path(figure_module(name).__file__ or "") == hook.listing(name).module


@pytest.mark.parametrize("name", linreg.plots.__all__)
def test_listing_fits_the_column(name: str) -> None:
    """Shown on a page, the source is held to a block's 88 columns (linreg/plots/ruff.toml
    sets them for ruff): past that a line's end is out of sight on a laptop."""
    wide = [line for line in hook.listing(name).code.splitlines() if display_width(line) > 88]
    assert wide == [], f"{name}'s listing has lines over 88 columns: ruff format linreg/plots"


def test_a_docstring_keeps_its_first_paragraph() -> None:
    code = hook.listing("cost_curve").code
    assert '    """The cost as a function of W (b = 0): a bowl, with its tangent at each' in code
    assert "Raises:" not in code and "```" not in code, "the API reference's part is shown"
    source = textwrap.dedent('''\
        def f():
            """One line,
            two lines.

            More.
            """
            return 1
        ''')
    lines = source.splitlines()
    short = hook.short_docstring(lines, ast.parse(source).body[0])
    assert short == ["def f():", '    """One line,', '    two lines."""', "    return 1"]


CONFIG = SimpleNamespace(
    theme={"language": "en"}, repo_url="https://github.com/o/r", config_file_path=str(ROOT / "x")
)
PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="page.md"))


def inserted(markdown: str, language: str = "en") -> str:
    config = SimpleNamespace(**{**vars(CONFIG), "theme": {"language": language}})
    return hook.with_figure_code(markdown, PAGE, config)


def test_the_block_follows_the_figures_paragraph() -> None:
    markdown = "Text.\n\n![A figure](figures/train_points.svg)\nstill its paragraph\n\nNext.\n"
    out = inserted(markdown)
    figure, block = out.split("still its paragraph\n\n", 1)
    assert block.startswith('??? example figure-code "Code for this figure"\n\n    ```py\n')
    assert "    def train_points() -> Figure:\n" in block
    assert "(https://github.com/o/r/blob/main/linreg/plots/data.py)" in block
    assert block.endswith("\n\nNext.\n")
    assert '"이 그림의 코드"' in inserted(markdown, "ko")


def test_figures_in_an_admonition_and_in_code() -> None:
    markdown = (
        '!!! note "A note"\n    ![A figure](figures/residuals.svg)\n\n'
        "````md\n![Not a figure, an example](figures/cost_curve.svg)\n\n````\n"
        "![Last line](figures/train_points.svg)"
    )
    out = inserted(markdown)
    assert '\n\n    ??? example figure-code "Code for this figure"\n\n        ```py\n' in out
    assert "def cost_curve" not in out, "a figure in a code block is code"
    assert out.count("??? example figure-code") == 2 and "def train_points" in out


def test_a_fence_longer_than_the_code_s_backticks() -> None:
    assert hook.fence_for("x = 1\n") == "```"
    assert hook.fence_for('"""\n```py\n```\n"""\n') == "````"


# --- the built site -----------------------------------------------------------------


@pytest.mark.parametrize("page", FIGURE_PAGES, ids=page_id)
def test_every_figure_is_followed_by_its_code(page: Path, built_site: Path) -> None:
    html = page_html(built_site, page)
    blocks = figure_code_blocks(html)
    assert [block.figure for block in blocks] == figures_shown(html)
    language = edition_of(page).name
    for block in blocks:
        assert block.summary == SUMMARY[language]
        assert not block.open, "the figure's code is collapsed until the reader opens it"
        assert block.figure is not None
        check_listing(block.code, block.figure)


@pytest.mark.parametrize("page", MARKDOWN_PAGES, ids=page_id)
def test_figure_code_is_a_listing_not_an_example(page: Path, built_site: Path) -> None:
    assert "figure-code" not in page.read_text("utf-8"), "pasted into the page, not inserted"
    korean = KO_DOCS / page.relative_to(EDITIONS[0].docs)
    for source in (page, korean):
        html = page_html(built_site, source)
        listings = {block.code for block in figure_code_blocks(html)}
        copied = {text for _, text in code_blocks(html)}
        assert not listings & copied, "a figure's code is among the blocks the site tests run"
    english, ko = (figure_code_blocks(page_html(built_site, p)) for p in (page, korean))
    assert [b.code for b in ko] == [b.code for b in english], "Korean shows other code"


def test_pages_without_figures_have_no_figure_code(built_site: Path) -> None:
    others = [page for page in SITE_PAGES if page.suffix == ".md" and page not in FIGURE_PAGES]
    assert others and not any(figure_code_blocks(page_html(built_site, p)) for p in others)


def test_search_does_not_index_figure_code(built_site: Path) -> None:
    for edition in EDITIONS:
        index = (built_site / edition.url / "search" / "search_index.json").read_text("utf-8")
        texts = " ".join(doc["text"] for doc in json.loads(index)["docs"])
        assert "_cost_and_slope" not in texts.replace("\u200b", "")


@pytest.mark.parametrize(
    "name",
    sorted(
        {
            n
            for page in FIGURE_PAGES
            for n in re.findall(r"figures/(\w+)\.svg", page.read_text("utf-8"))
        }
    ),
)
def test_the_listing_runs_and_draws(name: str, built_site: Path) -> None:
    """Copied alone into a clean interpreter, the listing defines the function, and
    calling it draws the figure."""
    page = next(p for p in FIGURE_PAGES if f"figures/{name}.svg" in p.read_text("utf-8"))
    code = next(b.code for b in figure_code_blocks(page_html(built_site, page)) if b.figure == name)
    run = run_alone(f"{code}\nprint(type({name}()).__name__)\n")
    assert (run.returncode, run.stdout) == (0, "Figure\n"), run.stderr

"""What the tests share: the pages, their Python blocks, and running a block alone.

The site, doc, notebook and browser tests and benchmarks/page_weight.py import
from here; no test module imports another.

- Pages: `PAGES` (English), `KO_PAGES` (their Korean twins), `SITE_PAGES` (both),
  `EDITIONS`, `page_html`, `url_path`, `built_soup` (a built page, parsed once a
  test process); their formulas: `formulas_in_source`,
  and `RAW_TEX`, what a formula left unrendered looks like; their blocks: `page_examples` (from the
  Markdown, docstring examples of `::: object` pages included), `code_blocks` (from
  the built HTML), `shown_output`, `skip_reason`, `check_example` (test_docs' check);
  the source listing under each figure (hooks/figure_code.py), which is none of these:
  `figure_code_blocks`, `figures_shown`.
- Running a copied block as a reader would, on each CPU path of `CPU_PATHS`:
  `run_alone` and `check_prints_shown`. See `_serve` for how, and CONTRIBUTING.md,
  "Portable output", for why.
- Comparing code across editions: `code_tokens`, what must be equal when comments
  may differ (tests/test_translations.py, tests/browser/test_copy.py); and
  `display_width`, a line's width in columns with Hangul counted double.
"""

import ast
import builtins
import functools
import hashlib
import importlib.util
import inspect
import io
import json
import os
import pkgutil
import re
import shutil
import sys
import tempfile
import tokenize
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple
from unittest import mock

import jupytext
import pytest
from bs4 import BeautifulSoup
from filelock import FileLock
from pytest_examples import CodeExample, EvalExample, find_examples

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
# Every page of the site: the Markdown pages, and the labs (jupytext .py files that
# mkdocs-jupyter renders). Known before the site is built; tests check the build has no other.
MARKDOWN_PAGES = sorted(DOCS.rglob("*.md"))
PAGES = MARKDOWN_PAGES + sorted((DOCS / "labs").glob("*.py"))
# The Korean edition (issue 11): docs-ko/ mirrors docs/ page for page, same file names,
# built by mkdocs.ko.yml and published under ko/. Its code is the English code, proven
# equal by tests/test_translations.py and never run again: the doc tests read docs/ only.
KO_DOCS = ROOT / "docs-ko"
KO_PAGES = sorted(KO_DOCS.rglob("*.md")) + sorted((KO_DOCS / "labs").glob("*.py"))
SITE_PAGES = PAGES + KO_PAGES  # every page the built site has, both editions
# The Markdown pages, of both editions, that show a figure the build draws (figures/*.svg).
FIGURE_PAGES = [
    page for page in SITE_PAGES if page.suffix == ".md" and "](figures/" in page.read_text("utf-8")
]


@dataclass(frozen=True)
class Edition:
    """One language of the site: where its pages are written and where they are published."""

    name: str  # in test ids and messages: "en", "ko"
    docs: Path
    url: str  # the edition's folder in the built site, "" for the root
    config: Path  # its MkDocs configuration


EDITIONS = (
    Edition("en", DOCS, "", ROOT / "mkdocs.yml"),
    Edition("ko", KO_DOCS, "ko/", ROOT / "mkdocs.ko.yml"),
)

# The widths every browser check runs at: a phone's and a laptop's.
VIEWPORTS = {"390px": {"width": 390, "height": 844}, "1280px": {"width": 1280, "height": 900}}
DESKTOP = "1280px"  # the laptop's, of VIEWPORTS
PHONE = "390px"  # the phone's
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

# --- pages and blocks -------------------------------------------------------------


def edition_of(page: Path) -> Edition:
    """The edition a page belongs to: the one whose docs folder holds it."""
    for edition in EDITIONS:
        if page.is_relative_to(edition.docs):
            return edition
    raise ValueError(f"{page} is in no edition's folder")


def page_html(site: Path, page: Path) -> Path:
    """Where MkDocs writes a page (directory URLs): docs/a/b.md -> site/a/b/index.html,
    docs-ko/a/b.md -> site/ko/a/b/index.html."""
    edition = edition_of(page)
    relative = page.relative_to(edition.docs).with_suffix("")
    folder = site / edition.url
    if relative.name == "index":
        return folder / relative.parent / "index.html"
    return folder / relative / "index.html"


def load_hook(name: str) -> ModuleType:
    """hooks/<name>.py, imported as MkDocs imports it: the hooks are no package, and
    hooks/ is on the path while one is imported (so it can import hooks/kernels.py)."""
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    return module


# The JSON-lines child process and the forked notebook kernels, shared with the build.
kernels = load_hook("kernels")


def url_path(page: Path) -> str:
    """docs/index.md -> "", docs/a/b.md -> "a/b/", docs-ko/a/b.md -> "ko/a/b/" (MkDocs'
    directory URLs)."""
    folder = page_html(Path(), page).parent.as_posix()
    return "" if folder == "." else folder + "/"


@functools.cache  # a built page does not change during a run
def built_soup(html: Path) -> BeautifulSoup:
    """A built HTML file, parsed once a test process for every test that reads it (each
    page is read by a dozen tests, and the site takes seconds to parse). Shared: read it,
    never change it (copy.copy a part to change)."""
    return BeautifulSoup(html.read_text("utf-8"), "html.parser")


@functools.cache  # a built page does not change during a run; each block's test reads it
def code_blocks(html: Path) -> tuple[tuple[str, str], ...]:
    """(language, text) of each highlighted block, the text being what a copy button copies."""
    soup = built_soup(html)
    blocks = []
    for div in soup.select("div.highlight"):
        if "doc-signature" in div["class"]:
            continue  # a signature mkdocstrings renders, not a program to copy
        if div.find_parent(class_=FIGURE_CODE) is not None:
            continue  # a figure's source listing, inserted at build: `figure_code_blocks`
        languages = [c.removeprefix("language-") for c in div["class"] if c.startswith("language-")]
        blocks.append((languages[0] if languages else "", div.select_one("pre > code").get_text()))
    return tuple(blocks)


FIGURE_CODE = "figure-code"  # the class of the block hooks/figure_code.py puts under a figure
FIGURE_CODE_BUTTONS = f"details.{FIGURE_CODE} button[data-md-type=copy]"  # their copy buttons
FIGURE_SRC = re.compile(r"(?:^|/)figures/(\w+)\.svg$")


class FigureCode(NamedTuple):
    """A collapsed "Code for this figure" block of a built page (hooks/figure_code.py)."""

    figure: str | None  # <name> of the figures/<name>.svg in the paragraph just before it
    summary: str
    open: bool  # whether it is open when the page loads
    code: str  # its listing, as its copy button copies it


@functools.cache
def figure_code_blocks(html: Path) -> tuple[FigureCode, ...]:
    """Every figure-code block of a built page, in order.

    These are not the page's Python blocks (`code_blocks` leaves them out): linreg's source,
    inserted at build under each figure, to read. Not written in the page, the doc tests
    never collect them; they are not snippets with output to check, so the site tests
    do not run them; tests/test_figure_code.py checks them against the source instead.
    """
    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    blocks = []
    for details in soup.select(f"details.{FIGURE_CODE}"):
        before = details.find_previous_sibling()
        images = before.select("img") if before is not None and before.name == "p" else []
        names = [m[1] for img in images if (m := FIGURE_SRC.search(img.get("src", "")))]
        summary = details.find("summary")
        blocks.append(
            FigureCode(
                figure=names[-1] if names else None,
                summary=summary.get_text().strip() if summary else "",
                open=details.has_attr("open"),
                code=details.select_one("div.highlight pre > code").get_text(),
            )
        )
    return tuple(blocks)


def figures_shown(html: Path) -> list[str]:
    """<name> of each figures/<name>.svg a built page shows, in order."""
    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    article = soup.select_one("article") or soup
    found = (FIGURE_SRC.search(img.get("src", "")) for img in article.select("img"))
    return [match[1] for match in found if match]


def doc_examples() -> list[CodeExample]:
    """Every example the doc tests run: the blocks in docs/ and in linreg's docstrings."""
    return list(find_examples(DOCS, ROOT / "linreg"))


def docstring_examples(name: str) -> list[CodeExample]:
    """The examples in the source of the object `name` (a class includes its methods).

    A decorated function is read where it is written, not where its wrapper is:
    getsourcelines unwraps `__wrapped__` but getsourcefile does not."""
    obj = inspect.unwrap(pkgutil.resolve_name(name))
    lines, start = inspect.getsourcelines(obj)
    source = Path(inspect.getsourcefile(obj) or "")
    return [e for e in find_examples(source) if start <= e.start_line < start + len(lines)]


def page_examples(page: Path) -> list[CodeExample]:
    """The Python blocks of a page in the order it shows them, `::: object` ones included."""
    keyed = [((example.start_line, 0), example) for example in find_examples(page)]
    for number, line in enumerate(page.read_text("utf-8").splitlines(), start=1):
        if directive := re.match(r"::: (\S+)", line):
            examples = docstring_examples(directive[1])
            keyed += [((number, example.start_line), example) for example in examples]
    return [example for _, example in sorted(keyed, key=lambda item: item[0])]


def python_blocks(pages: list[Path] = MARKDOWN_PAGES) -> list:
    """One test case per Python block on a page: the page, its position there, its source."""
    return [
        pytest.param(page, index, example, id=str(example))
        for page in pages
        if page.suffix == ".md"
        for index, example in enumerate(page_examples(page))
    ]


# --- formulas ---------------------------------------------------------------------

# Formulas as written in Markdown, code removed first: $$...$$, \[...\], \(...\), $...$.
FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.M | re.S)
INLINE_CODE = re.compile(r"(`+).+?\1", re.S)
FORMULA = re.compile(
    r"\$\$.+?\$\$|\\\[.+?\\\]|\\\(.+?\\\)|(?<![\\$])\$[^\s$][^$\n]*?(?<!\s)\$", re.S
)
# TeX left as text: what a formula that KaTeX never saw looks like to a reader.
RAW_TEX = re.compile(r"\$\$|\\\(|\\\[|\\begin\{|(?<!\\)\$[^\s$][^$\n]*\$")


def page_markdown(page: Path) -> str:
    """A page's Markdown: the file, or a lab's Markdown cells (its code cells are code)."""
    if page.suffix == ".py":
        cells = jupytext.read(page).cells
        return "\n\n".join(cell.source for cell in cells if cell.cell_type == "markdown")
    return page.read_text("utf-8")


def formulas_in_source(page: Path) -> list[str]:
    """The formulas a page's author wrote, outside code."""
    return FORMULA.findall(INLINE_CODE.sub("", FENCE.sub("", page_markdown(page))))


# --- what a block shows -----------------------------------------------------------

OUTPUT_PREFIX = "#>"
SKIP_PREFIX = "skip: "


def output_strings(source: str) -> list[ast.Expr]:
    """The bare strings starting with a newline: pytest-examples' multi-line output."""
    return [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        and node.value.value.startswith("\n")
    ]


def _output_comments(source: str) -> list[tokenize.TokenInfo]:
    return [
        token
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT and token.string.startswith(OUTPUT_PREFIX)
    ]


def shown_output(source: str) -> str:
    """The stdout a block shows: its `#>` lines and bare `\"\"\"` strings, in order.

    pytest-examples writes a block's printed output after each `print` as `#> ` comment
    lines, or, for multi-line output, as a bare triple-quoted string. Both are no-ops
    when the block runs, so a copied block still runs; here they are read back.
    """
    pieces: list[tuple[int, str]] = []
    for token in _output_comments(source):
        text = token.string[len(OUTPUT_PREFIX) :]
        pieces.append((token.start[0], text[1:] if text.startswith(" ") else text))
    for node in output_strings(source):
        # Under a `for` or `except`, pytest-examples indents the string like its code.
        indent = " " * node.col_offset
        text = node.value.value[1:].removesuffix("\n" + indent)  # type: ignore[attr-defined]
        lines = (line.removeprefix(indent) for line in text.split("\n"))
        pieces.append((node.lineno, "\n".join(lines)))
    return "".join(text + "\n" for _, text in sorted(pieces))


def without_output(source: str) -> str:
    """The block with its shown output emptied, line for line: the code a writer wrote.

    Lint judges this, so that the line-length rule applies to code and comments, not
    to what Python printed (a tensor's repr is as wide as PyTorch makes it).
    """
    lines = source.split("\n")
    for token in _output_comments(source):
        row, column = token.start
        lines[row - 1] = lines[row - 1][:column] + OUTPUT_PREFIX
    for node in output_strings(source):
        for row in range(node.lineno, (node.end_lineno or node.lineno) - 1):
            lines[row] = ""  # inside the quotes; the quotes stay, so the code is the same
    return "\n".join(lines)


def skip_reason(example: CodeExample) -> str | None:
    """The written reason a block is not run (`{.py test="skip: <why>"}`), or None."""
    setting = example.prefix_settings().get("test")
    if setting is None:
        return None
    if not setting.startswith(SKIP_PREFIX) or not setting.removeprefix(SKIP_PREFIX).strip():
        pytest.fail(f'{example}: use test="skip: <reason>", got test="{setting}"')
    return setting.removeprefix(SKIP_PREFIX)


# --- the same code in two editions -------------------------------------------------


@dataclass(frozen=True)
class CodeToken:
    """A token of a Python block: what it is and its text; its line only tells where."""

    kind: str  # tokenize's name for its type: NAME, OP, STRING, COMMENT (an output line)...
    text: str
    line: int = field(compare=False)  # in the block, from 1


def code_tokens(source: str) -> list[CodeToken]:
    """A Python block as the interpreter and a reader of its output see it: its tokens
    without comments and without the line breaks that only comments and blank lines
    make, but with its `#>` output lines (and its output strings, which are tokens).

    Two blocks with equal tokens run the same code and show the same output, whatever
    their comments say: the Korean edition may comment in Korean. Raises
    tokenize.TokenError or SyntaxError on what is not Python. A block is read as ending
    in one newline: a copy button copies the last line without it, the page has it.
    """
    text = source.rstrip("\n") + "\n"
    return [
        CodeToken(tokenize.tok_name[token.type], token.string, token.start[0])
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type != tokenize.NL
        and not (token.type == tokenize.COMMENT and not token.string.startswith(OUTPUT_PREFIX))
    ]


def display_width(line: str) -> int:
    """How many columns a line takes in a monospaced code block: East Asian wide and
    full-width characters (Hangul syllables, CJK) take two, a combining mark none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in line
    )


# --- the doc tests' check (tests/test_docs.py) ------------------------------------

LINE_LENGTH = 88
# ruff on a block: pyflakes, pycodestyle (E501 at 88 columns), bugbear, pyupgrade, and
# isort order (isort=True). Rewriting with --update-examples uses the same rules
# without E501, which ruff cannot fix and which a rewrite must not trip on output.
RUFF = {"line_length": LINE_LENGTH, "target_version": "py311", "isort": True}
LINT = {**RUFF, "ruff_select": ["E", "F", "B", "UP"], "ruff_line_length": LINE_LENGTH}
FORMAT = {**RUFF, "ruff_select": ["E", "F", "B", "UP"]}


def verbatim_print(*args: Any, sep: str = " ", end: str = "\n", file: Any = None) -> None:
    """`print` for doc blocks: hand pytest-examples one string, exactly as Python prints it.

    pytest-examples re-formats non-string arguments with black, which would show a
    tensor in a shape Python never prints; joining them first keeps the check verbatim.
    """
    if end != "\n" or file not in (None, sys.stdout):
        raise TypeError("doc blocks print whole lines to stdout: drop end= and file=")
    builtins.print(sep.join(str(arg) for arg in args))


def _counts_as_block_print(path: Path, frame: inspect.FrameInfo, args: Any) -> bool:
    """Record prints made through `verbatim_print` or directly in the block's own file."""
    return frame.function == verbatim_print.__name__ or path.samefile(frame.filename)


def check_example(example: CodeExample, eval_example: EvalExample) -> None:
    """Lint a block, run it, and check (or, with --update-examples, rewrite) its output.

    A block that raises fails the test with the exception and the block's line, as
    an ordinary failure: pytest cannot format the traceback pytest-examples makes for
    code it ran (the frames' line tables do not match on Python 3.11).
    """
    reason = skip_reason(example)
    if reason is not None:
        pytest.skip(reason)
    eval_example.include_print = _counts_as_block_print
    printed: list[str] = []  # every line the block printed, in the order it printed them

    def recording_print(*args: Any, sep: str = " ", **kwargs: Any) -> None:
        line = sep.join(str(arg) for arg in args)
        verbatim_print(line, **kwargs)
        printed.append(line + "\n")

    module_globals = {"print": recording_print}
    if eval_example.update_examples:
        eval_example.set_config(**FORMAT)
        eval_example.format_ruff(example)
    else:
        eval_example.set_config(**LINT)
        # concise: the form in which pytest-examples turns ruff's line numbers into the page's
        with mock.patch.dict(os.environ, RUFF_OUTPUT_FORMAT="concise"):
            eval_example.lint_ruff(replace(example, source=without_output(example.source)))
    try:
        if eval_example.update_examples:
            eval_example.run_print_update(example, module_globals=module_globals)
        else:
            eval_example.run_print_check(example, module_globals=module_globals)
    except Exception as error:  # the block's own; pytest's failures are not Exceptions
        message = _raised(example, error)
    else:
        # pytest-examples checks each print's lines after that print; a loop's second
        # print can lose lines there unseen. A reader's stdout is every line in order.
        shown = shown_output(example.source)
        if eval_example.update_examples or "".join(printed) == shown:
            return
        message = (
            f"{example}: what it shows is not its output in the order printed (a loop with"
            " two prints shows each print's lines apart: print once a pass); "
            + first_difference(shown, "".join(printed))
        )
    pytest.fail(message, pytrace=False)  # outside `except`: no chained broken traceback


def _raised(example: CodeExample, error: Exception) -> str:
    """`<block>: the block raised <Error>: <message>`, with the block's lines it ran through."""
    lines = example.source.splitlines()
    numbers, tb = [], error.__traceback__
    while tb is not None:  # pytest-examples keeps the block's frames, at page line numbers
        if tb.tb_frame.f_code.co_filename == str(example.path):
            numbers.append(tb.tb_lineno - example.start_line)
        tb = tb.tb_next
    if isinstance(error, SyntaxError) and error.lineno:
        numbers = [error.lineno]
    where = "".join(
        f"\n  line {n} of the block ({example.path.name}:{n + example.start_line}): "
        f"{lines[n - 1].strip() if 0 < n <= len(lines) else '?'}"
        for n in numbers
    )
    return f"{example}: the block raised {type(error).__name__}: {error}{where}"


# --- running a copied block alone, on several CPU paths ---------------------------


@dataclass(frozen=True)
class CpuPath:
    """Settings that choose how the CPU computes, read once when a process starts."""

    name: str  # in test ids: pytest tests/test_site.py -k "multivariable and default"
    env: dict[str, str] = field(hash=False)
    why: str = field(hash=False)
    needs: str | None = None  # the CPU capability PyTorch must find here to run it

    def __str__(self) -> str:
        settings = " ".join(f"{k}={v}" for k, v in self.env.items()) or "nothing set"
        return f"{self.name} ({settings})"


# The paths every copied block must print the page's output on. Float32 digits of an
# ill-conditioned computation depend on PyTorch's kernels (ATEN_CPU_CAPABILITY), MKL's
# code path (MKL_CBWR) and how many threads split a reduction (OMP_NUM_THREADS).
# Together these cover ATEN_CPU_CAPABILITY unset/default/avx2/avx512, MKL_CBWR
# unset/COMPATIBLE/AVX2, and one thread; four of them run on a CPU without AVX-512.
CPU_PATHS = (
    CpuPath("auto", {}, "the reader's default: PyTorch and MKL pick the CPU's best paths"),
    CpuPath(
        "default",
        {"ATEN_CPU_CAPABILITY": "default", "MKL_CBWR": "COMPATIBLE"},
        "a CPU without AVX2 (old x86, most of what is not x86): PyTorch's plain kernels,"
        " MKL's most compatible path",
    ),
    CpuPath(
        "avx2-1thread",
        {"ATEN_CPU_CAPABILITY": "avx2", "MKL_CBWR": "AVX2", "OMP_NUM_THREADS": "1"},
        "a one-core runner or notebook: AVX2 kernels, no reduction split across threads",
    ),
    CpuPath(
        "default-1thread",
        {"ATEN_CPU_CAPABILITY": "default", "OMP_NUM_THREADS": "1"},
        "plain kernels with MKL left to choose, on one thread: the fourth path that runs"
        " on a CPU without AVX-512",
    ),
    CpuPath(
        "avx512",
        {"ATEN_CPU_CAPABILITY": "avx512", "MKL_CBWR": "AVX2"},
        "a server CPU with AVX-512: PyTorch's AVX-512 kernels, MKL held to AVX2",
        needs="AVX512",  # PyTorch obeys the setting on any CPU: without AVX-512, SIGILL
    ),
)
READER = CPU_PATHS[0]


def unsupported(cpu: CpuPath) -> str | None:
    """Why `cpu` cannot be run on this machine, or None when it can."""
    if cpu.needs is None:
        return None
    probe = "import torch\nprint(torch.backends.cpu.get_cpu_capability())\n"
    best = run_alone(probe).stdout.strip()  # what PyTorch picks when nothing is set
    if best == cpu.needs:
        return None
    return (
        f"this CPU lacks {cpu.needs} (PyTorch's best here: {best}): with {cpu}, PyTorch "
        "would run instructions the CPU does not have and die of SIGILL"
    )


def block_env(cpu: CpuPath, home: Path) -> dict[str, str]:
    """The whole environment of a copied block; nothing else of the test run's leaks in.

    MPLBACKEND=Agg: no screen, `plt.show()` does nothing. LC_ALL=C.UTF-8: the same
    encoding whatever the host's locale. HOME: a throwaway home, so matplotlib's and
    torch's caches and settings are not the developer's. And the CPU path's settings.
    """
    return {"MPLBACKEND": "Agg", "LC_ALL": "C.UTF-8", "HOME": str(home), **cpu.env}


class Run(NamedTuple):
    returncode: int
    stdout: str
    stderr: str
    server_threads: int  # threads of the server when it forked this run (see _serve)
    cpu_seconds: float  # user + system time of the block's process


TIMEOUT = 300  # seconds a block may run before it is killed


def _serve() -> None:  # pragma: no cover - runs in the server process, by source
    """The block server: `python -I -c <this function's source>` runs it.

    It says where `import linreg` will find linreg (so that a venv installed from
    another clone is refused before seconds of imports), imports what blocks import
    (torch, linreg, matplotlib.pyplot) once and says so, then for each request (a JSON
    line on stdin: source, timeout) forks a child that runs the block as `python -I -c`
    would: `__main__` a fresh module, stdout and stderr captured from the file
    descriptors, an empty working directory, random generators freshly seeded. It
    answers one JSON line (a `Run`). Every state a block sets
    (seeds, default dtype, print options, rcParams) dies with it. What a child still
    shares with its server: the modules already imported (a block must import what it
    names, its namespace is fresh, but `import matplotlib` alone would find
    `matplotlib.pyplot` loaded), and the hash seed of `str` (set order).

    Fork-safe because the server computes nothing: importing torch starts no OpenMP
    or MKL thread pool (they start at the first parallel operation), so each child
    starts its own. The one thread besides the main one is OpenBLAS's, started when
    numpy is imported, which OpenBLAS stops before every fork (pthread_atfork).
    Stdlib only until the imports below: this function runs on its own.
    """
    import json
    import os
    import random
    import shutil
    import signal
    import sys
    import tempfile
    import time
    import traceback
    import types

    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")  # the protocol channel
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # stray prints cannot corrupt it

    def threads() -> int:  # 0 where there is no /proc to count them in (not Linux)
        return len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 0

    # Where `import linreg` will load it from, before seconds of imports: a venv
    # installed from another clone is refused at once (BlockServer).
    import importlib.util

    spec = importlib.util.find_spec("linreg")
    answers.write(json.dumps({"linreg": spec and spec.origin}) + "\n")
    answers.flush()
    environ = dict(os.environ)  # torch._dynamo's import sets TORCHINDUCTOR_CACHE_DIR
    import numpy  # matplotlib imports it: first, to count OpenBLAS's thread

    after_numpy = threads()
    import matplotlib.pyplot  # noqa: F401
    import torch
    import torch._dynamo  # noqa: F401  an optimizer's first step imports it: 1.3 s a block

    import linreg

    os.environ.clear()  # a block starts with the allowlisted environment, no more
    os.environ.update(environ)
    answers.write(json.dumps({"linreg": linreg.__file__, "threads": [after_numpy, threads()]}))
    answers.write("\n")
    answers.flush()

    def run_block(source: str) -> int:
        """In the child: what `python -c source` does, returning its exit status."""
        # Random generators start from fresh entropy, as in a new interpreter, not from
        # the state the server's children share: an unseeded block prints other numbers.
        random.seed()
        numpy.random.seed()
        torch.seed()
        main = types.ModuleType("__main__")
        sys.modules["__main__"] = main
        try:
            exec(compile(source, "<string>", "exec"), main.__dict__)
        except SystemExit as exit_:
            if exit_.code is None or isinstance(exit_.code, int):
                return exit_.code or 0
            print(exit_.code, file=sys.stderr)
            return 1
        except BaseException as error:
            # The traceback from the block's first frame on, as the interpreter prints it.
            traceback.print_exception(type(error), error, error.__traceback__.tb_next)
            return 1
        return 0

    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        workdir = tempfile.mkdtemp(prefix="block-")
        threads_at_fork = threads()
        pid = os.fork()
        if pid == 0:  # the child
            status = 70
            try:
                os.setpgid(0, 0)  # its own group, so a timeout also ends what it started
                answers.close()
                os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # not the server's requests
                sys.stdin = open(os.devnull)  # noqa: SIM115
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                os.chdir(workdir)
                status = run_block(request["source"])
                sys.stdout.flush()
                sys.stderr.flush()
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(status)
        try:
            os.setpgid(pid, pid)  # as the child does: whichever runs first
        except OSError:
            pass  # the child did it, or has exited already
        deadline = time.monotonic() + request["timeout"]
        while (waited := os.wait4(pid, os.WNOHANG))[0] == 0:
            if time.monotonic() > deadline:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    os.kill(pid, signal.SIGKILL)  # not yet its own group
                waited = os.wait4(pid, 0)
                err.write(f"\nkilled after {request['timeout']} s".encode())
                break
            time.sleep(0.002)
        shutil.rmtree(workdir, ignore_errors=True)
        captured = []
        for file in (out, err):
            file.seek(0)
            captured.append(file.read().decode("utf-8", "replace"))
            file.close()
        answer = {
            "returncode": os.waitstatus_to_exitcode(waited[1]),
            "stdout": captured[0],
            "stderr": captured[1],
            "server_threads": threads_at_fork,
            "cpu_seconds": waited[2].ru_utime + waited[2].ru_stime,
        }
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


SERVER_PROGRAM = inspect.getsource(_serve) + "\n_serve()\n"


class BlockServer(kernels.JsonLineProcess):
    """One `_serve` process for a CPU path, started in an empty directory."""

    def __init__(self, cpu: CpuPath, home: Path) -> None:
        self.cpu = cpu
        self.workdir = Path(tempfile.mkdtemp(prefix="block-server-"))
        super().__init__(
            f"block server for {cpu}",
            [sys.executable, "-I", "-c", SERVER_PROGRAM],
            cwd=self.workdir,
            log=self.workdir.parent / f"{self.workdir.name}.log",
            env=block_env(cpu, home),
        )
        found = self.receive(timeout=120)["linreg"]  # before the server's imports
        if found is not None:
            self._check_linreg(Path(found).resolve(), early=True)
        hello = self.receive(timeout=120)
        self.threads_after_numpy, self.threads_after_imports = hello["threads"]
        self.linreg = Path(hello["linreg"]).resolve()
        self._check_linreg(self.linreg)

    def _check_linreg(self, linreg: Path, early: bool = False) -> None:
        if not linreg.is_relative_to(ROOT):
            if early:
                self.process.kill()  # not worth the imports it is busy with
            self.stop()
            raise RuntimeError(
                f"a copied block imports linreg from {linreg.parent}, not from this "
                f"checkout ({ROOT}): this venv's linreg is installed from another clone. "
                f"Fix: `{sys.executable} -m pip install -e .` in {ROOT}"
            )

    def run(self, source: str, timeout: float = TIMEOUT) -> Run:
        return Run(**self.request({"source": source, "timeout": timeout}, timeout + 60))

    def stop(self) -> None:
        super().stop()
        Path(self.log.name).unlink(missing_ok=True)
        shutil.rmtree(self.workdir, ignore_errors=True)


_servers: dict[CpuPath, BlockServer | Exception] = {}
_home: list[Path] = []  # one throwaway HOME per test process, shared by its servers


def server(cpu: CpuPath) -> BlockServer:
    """The running server for `cpu`, started at first use; one per test process."""
    if cpu not in _servers:
        if not _home:
            _home.append(Path(tempfile.mkdtemp(prefix="block-home-")))
        try:
            _servers[cpu] = BlockServer(cpu, _home[0])
        except RuntimeError as error:
            _servers[cpu] = error  # reported by every test that needs it, started once
    started = _servers[cpu]
    if isinstance(started, Exception):
        pytest.fail(str(started), pytrace=False)
    return started


def stop_servers() -> None:
    """End every server this process started (tests/conftest.py, at the session's end)."""
    while _servers:
        _, started = _servers.popitem()
        if isinstance(started, BlockServer):
            started.stop()
    while _home:
        shutil.rmtree(_home.pop(), ignore_errors=True)


def run_alone(source: str, cpu: CpuPath = READER) -> Run:
    """Run a copied block as a reader would: alone, in a clean interpreter (`python -I`)
    in an empty directory, no screen, on the CPU path `cpu`.

    Once per test run for the same program and path: text copied by a button and
    text read out of the HTML differ at most in the final newline, so the site test
    and the copy-button test of a block share one run, whichever worker runs them.
    """
    program = source.rstrip("\n") + "\n"
    if (program, cpu) not in _runs:
        _runs[program, cpu] = _shared_run(program, cpu)
    return _runs[program, cpu]


_runs: dict[tuple[str, CpuPath], Run] = {}
shared_runs: list[Path] = []  # a directory the test run's workers share (tests/conftest.py)


def _shared_run(program: str, cpu: CpuPath) -> Run:
    if not shared_runs:
        return server(cpu).run(program)
    digest = hashlib.sha256(f"{cpu}\n{program}".encode()).hexdigest()[:32]
    saved = shared_runs[0] / f"{digest}.json"
    with FileLock(saved.with_suffix(".lock")):
        if not saved.exists():
            saved.write_text(json.dumps(server(cpu).run(program)._asdict()), "utf-8")
        return Run(**json.loads(saved.read_text("utf-8")))


def first_difference(expected: str, got: str) -> str:
    """Where two outputs part: the first differing line, numbered from 1."""
    expected_lines, got_lines = expected.splitlines(), got.splitlines()
    for number, (want, have) in enumerate(zip(expected_lines, got_lines, strict=False), 1):
        if want != have:
            return f"output line {number}:\n  page shows: {want!r}\n  block printed: {have!r}"
    number = min(len(expected_lines), len(got_lines)) + 1
    if len(expected_lines) > len(got_lines):
        more, other = f"the page shows {expected_lines[number - 1]!r}", "the block printed"
    else:
        more, other = f"the block printed {got_lines[number - 1]!r}", "the page shows"
    return f"output line {number}: {more}, {other} nothing more"


def check_prints_shown(where: str, source: str, cpu: CpuPath = READER) -> None:
    """Fail unless `source`, run alone on `cpu`, exits 0 and prints what it shows."""
    result = run_alone(source, cpu)
    expected = shown_output(source)
    if result.returncode == 0 and result.stdout == expected:
        return
    if result.returncode != 0:
        problem = f"exited with status {result.returncode}"
    else:
        problem = "printed other output than the page shows"
    message = f"{where} on CPU path {cpu} {problem}"
    if result.stdout != expected:
        message += "; first difference at " + first_difference(expected, result.stdout)
    if result.stderr:
        message += f"\nstderr:\n{result.stderr}"
    pytest.fail(message, pytrace=False)

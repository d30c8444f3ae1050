"""MkDocs hook: under every figure, a collapsed block with the code that draws it.

A page shows a figure as `![alt](figures/<name>.svg)`, drawn by `linreg.plots.<name>()`
(hooks/figures.py). Right after that paragraph this hook inserts, into the Markdown the
build renders (never into the page's file), a collapsed pymdownx.details block

    ??? example figure-code "Code for this figure"

        ````py
        <the listing>
        ````

        <where it comes from: the module on GitHub, the API entry, the shared style>

whose summary is in the edition's language (SUMMARY, by `theme.language`). The listing
is read from linreg's source at each build, so it is the code that drew the figure:

- the figure's function as `inspect.getsource` gives it (its decorator included), with
  its docstring cut to the first paragraph: the rest (arguments, raises, the tested
  example, which inspects the figure's artists) is the API reference's, linked below;
- then what it uses from its own module, in the module's order: functions (each cut
  the same way), and constants and type aliases; and the module's imports that bring
  in a name the listing uses. So the listing is a program: pasted into a Python with
  linreg installed, it defines the function, and calling it draws the figure.
- Not shown, linked instead: what other modules hold, above all the shared look
  (`styled`, `new_figure`, the colours: linreg/plots/_style.py).

The source is read with `ast`, not imported: importing linreg.plots would import torch
and matplotlib into the build (seconds of CPU; the drawing process does that, beside
the build), and under `mkdocs serve` a module imported once would be shown as it was
then. Reading and parsing the plot modules costs milliseconds a build.

The block is a source listing, not a runnable example: it is not in the page's file,
so the doc tests never see it; the class `figure-code` on its `<details>` tells the
site's other readers apart: the site tests and the copy-button tests leave its code
out of the page's blocks (tests/support.py, `code_blocks`), hooks/search.py keeps it out
of the search index, and tests/test_figure_code.py checks every figure has its block
and that the block shows the source as it is.
"""

import ast
import importlib.util
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

CLASS = "figure-code"  # on the <details>: what the tests and the search hook look for
KIND = "example"  # Material's admonition type: its icon and colour
# The block's words, by the edition's language (theme.language); {module} etc. are links.
SUMMARY = {"en": "Code for this figure", "ko": "이 그림의 코드"}
SOURCES = {
    "en": "From {module}, with docstrings cut to their first paragraph{api}. "
    "The shared look (`styled`, `new_figure`, the colours): {style}.",
    "ko": "{module}에서 가져온 코드이며, 독스트링(docstring)은 첫 문단만 보입니다{api}. "
    "모든 그림이 함께 쓰는 모양(`styled`, `new_figure`, 색)은 {style}에 있습니다. "
    "그림 속 영어 글자는 `styled`가 {language}의 목록을 보고 한국어로 바꿉니다.",
}
API = {"en": " (in full: [API reference]({url}))", "ko": "(전체는 [API 레퍼런스]({url}))"}
FIGURE = re.compile(r"^( *)!\[[^\n]*\]\(figures/(\w+)\.svg\)")
FENCE = re.compile(r"^ *(`{3,}|~{3,})")
DOCUMENTED = re.compile(r"^::: linreg\.plots\.(\w+)\s*$", re.M)  # an API entry (mkdocstrings)
BRANCH = "main"  # the branch the site is published from (edit_uri names it too)


@dataclass(frozen=True)
class Listing:
    """The code shown under a figure, and the file it comes from."""

    code: str
    module: Path  # the .py file that defines the figure's function


def plots_folder() -> Path:
    """linreg/plots of the linreg Python would import, found without importing it."""
    spec = importlib.util.find_spec("linreg")  # a top-level name: nothing is executed
    if spec is None or not spec.submodule_search_locations:
        raise PluginError("figure code: cannot find the linreg package")
    return Path(list(spec.submodule_search_locations)[0]) / "plots"


def _parse(path: Path) -> tuple[list[str], ast.Module]:
    text = path.read_text("utf-8")
    return text.splitlines(), ast.parse(text, filename=str(path))


def defining_module(name: str, plots: Path) -> Path:
    """The file that defines `linreg.plots.<name>`: linreg/plots/__init__.py itself, or
    the module it imports the name from (`from linreg.plots.beyond import batch_sizes`)."""
    init = plots / "__init__.py"
    for node in _parse(init)[1].body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return init
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("linreg.plots."):
            if any((alias.asname or alias.name) == name for alias in node.names):
                return plots.joinpath(*node.module.split(".")[2:]).with_suffix(".py")
    raise PluginError(f"figure code: linreg.plots has no function {name}")


def _names_used(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _bound_names(node: ast.stmt) -> set[str]:
    """The names a top-level statement binds."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {node.name}
    if isinstance(node, ast.Import | ast.ImportFrom):
        return {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    if isinstance(node, ast.Assign):
        return {
            n.id for target in node.targets for n in ast.walk(target) if isinstance(n, ast.Name)
        }
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return {node.target.id}
    return set()


def _first_line(node: ast.stmt) -> int:
    """Where a statement's source starts: at its first decorator, as inspect.getsource."""
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])


def short_docstring(lines: list[str], node: ast.stmt) -> list[str]:
    """A def's (or class's) source lines with its docstring cut to the first paragraph."""
    first, last = _first_line(node), node.end_lineno or node.lineno
    source = lines[first - 1 : last]
    body = getattr(node, "body", [])
    if not (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        return source
    start, end = body[0].lineno - first, (body[0].end_lineno or body[0].lineno) - first
    blank = next((i for i in range(start + 1, end) if not source[i].strip()), None)
    if blank is None:
        return source  # one paragraph already
    quote = '"""' if '"""' in source[start] else "'''"
    return [*source[: blank - 1], source[blank - 1].rstrip() + quote, *source[end + 1 :]]


def _together(lines: list[str], statements: list[ast.stmt]) -> str:
    """Statements one after the other, a blank line between two that the source keeps
    apart with one (import groups stay grouped, as isort wrote them)."""
    out: list[str] = []
    for before, node in zip([None, *statements], statements, strict=False):
        first = _first_line(node)
        if before is not None and not all(
            lines[i].strip() for i in range(before.end_lineno or 0, first - 1)
        ):
            out.append("")
        out += lines[first - 1 : node.end_lineno]
    return "\n".join(out)


def listing(name: str, plots: Path | None = None) -> Listing:
    """The code shown under the figure `name` (the module docstring says what it holds)."""
    path = defining_module(name, plots or plots_folder())
    lines, module = _parse(path)
    statements = [node for node in module.body if _bound_names(node)]
    binder = {bound: node for node in statements for bound in _bound_names(node)}
    if not isinstance(binder.get(name), ast.FunctionDef):
        raise PluginError(f"figure code: {path} defines no function {name}")
    shown: set[int] = set()  # indices in `statements`
    todo = [binder[name]]
    while todo:  # what the figure's function uses, and what that uses, in its module
        node = todo.pop()
        if statements.index(node) in shown:
            continue
        shown.add(statements.index(node))
        if isinstance(node, ast.Import | ast.ImportFrom):
            continue  # another module's: linked, not shown
        todo += [binder[used] for used in _names_used(node) if used in binder]
    figure = statements.index(binder[name])
    order = [figure] + [i for i in sorted(shown) if i != figure]
    imports = [i for i in order if isinstance(statements[i], ast.Import | ast.ImportFrom)]
    constants = [i for i in order if isinstance(statements[i], ast.Assign | ast.AnnAssign)]
    definitions = [i for i in order if i not in imports and i not in constants]
    groups = [_together(lines, [statements[i] for i in group]) for group in (imports, constants)]
    groups += ["\n".join(short_docstring(lines, statements[i])) for i in definitions]
    return Listing("\n\n\n".join(group for group in groups if group) + "\n", path)


def fence_for(code: str) -> str:
    """A backtick fence longer than any run of backticks in the code."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _github(config: MkDocsConfig, path: Path) -> str | None:
    """The file on GitHub (repo_url, branch BRANCH), if it is in this repository."""
    root = Path(config.config_file_path).resolve().parent
    if not config.repo_url or not path.resolve().is_relative_to(root):
        return None
    relative = path.resolve().relative_to(root).as_posix()
    return f"{config.repo_url.rstrip('/')}/blob/{BRANCH}/{relative}"


def _file_link(config: MkDocsConfig, path: Path, plots: Path) -> str:
    shown = f"`linreg/plots/{path.relative_to(plots).as_posix()}`"
    url = _github(config, path)
    return f"[{shown}]({url})" if url else shown


_api_pages: dict[str, str] = {}  # figure name -> the page (src_uri) that documents it
_listings: dict[str, Listing] = {}  # this build's, read once for both uses of a figure


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Forget the last build's listings (`mkdocs serve`); find each figure's API entry."""
    _listings.clear()
    _api_pages.clear()
    for file in files.documentation_pages():
        if file.src_uri.endswith(".md"):
            for name in DOCUMENTED.findall(file.content_string):
                _api_pages.setdefault(name, file.src_uri)
    return files


def code_block(name: str, page: Page, config: MkDocsConfig, indent: str = "") -> str:
    """The Markdown of the collapsed block for the figure `name` on `page`."""
    language = config.theme["language"] if "language" in config.theme else "en"
    language = language if language in SUMMARY else "en"
    plots = plots_folder()
    if name not in _listings:
        _listings[name] = listing(name, plots)
    shown = _listings[name]
    api = ""
    if name in _api_pages:
        here = posixpath.dirname(page.file.src_uri)
        url = posixpath.relpath(_api_pages[name], here or ".") + f"#linreg.plots.{name}"
        api = API[language].format(url=url)
    sources = SOURCES[language].format(
        module=_file_link(config, shown.module, plots),
        api=api,
        style=_file_link(config, plots / "_style.py", plots),
        language=_file_link(config, plots / "_language.py", plots),
    )
    fence = fence_for(shown.code)
    body = [f"{fence}py", *shown.code.rstrip("\n").split("\n"), fence, "", sources]
    block = [f'??? {KIND} {CLASS} "{SUMMARY[language]}"', ""]
    block += [f"    {line}" if line else "" for line in body]
    return "\n".join(f"{indent}{line}" if line else "" for line in block)


def with_figure_code(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """The page's Markdown with a code block after each figure's paragraph."""
    out: list[str] = []
    fence: str | None = None  # the open code fence's backticks or tildes
    pending: list[tuple[str, str]] = []  # figures whose paragraph has not ended yet
    for line in markdown.split("\n"):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                if not line.strip().strip(fence[0]):
                    fence = None
            out.append(line)
            continue
        if pending and (opened or not line.strip()):  # the figure's paragraph has ended
            for indent, name in pending:
                out += ["", code_block(name, page, config, indent), ""]
            pending = []
        if opened:
            fence = opened[1]
        elif figure := FIGURE.match(line):
            pending.append((figure[1], figure[2]))
        out.append(line)
    for indent, name in pending:
        out += ["", code_block(name, page, config, indent), ""]
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.file.src_uri.endswith(".md") or "figures/" not in markdown:
        return markdown
    return with_figure_code(markdown, page, config)

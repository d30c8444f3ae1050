"""MkDocs hook: execute every lab at once, while the rest of the site builds, once for
both editions.

mkdocs-jupyter executes a lab when MkDocs renders the lab's page, so the labs run one
after another and the build waits for each kernel (each imports torch and trains):
about half of a cold build. Here each lab starts executing in its own kernel as soon
as the build knows its files (`on_files`), all of them concurrently, driven by an
event loop in a background thread; meanwhile the main thread renders the other pages.
The kernels are forked from one warm process (hooks/kernels.py) that imported torch,
matplotlib, linreg and ipykernel once for all of them, and the figure drawing
(hooks/figures.py) is forked from it too: about 5 s of CPU each saved. When MkDocs
reaches a lab's page, mkdocs-jupyter renders it as before (its template, its
options) from the notebook this hook executed: during that render, nbconvert's
execute step hands over the executed notebook instead of starting a kernel of its own.

Both editions, one execution. A Korean lab (docs-ko/labs/<lab>.py) has the English
lab's code cells, in order (its comments may be Korean; the parity test holds the code
to that), so it prints what the English lab prints: only its figures differ, drawn with
Korean text. So when the English build builds the Korean edition beside it
(hooks/edition.py sets KOREAN_LABS to a folder both builds see), the English build's
kernel runs each lab once and, right after each cell that shows a figure, runs the
Korean twin of that cell again with `LINREG_LANG=ko` set in the kernel (linreg.plots
reads it at each call), so it draws the same data with Korean text. The Korean
notebook is the Korean lab's cells with the English run's outputs and those Korean
figures; it is written to the KOREAN_LABS folder, and the Korean build renders its lab
pages from there instead of starting kernels. That holds two rules, checked here (a
lab that breaks one fails the build, saying which cell):
- the Korean lab's code cells are the English lab's, comments aside;
- a cell that shows a figure only draws it: imports, and calls with no call in their
  arguments (`cost_history(costs)`), so running it again changes nothing.
Built alone (`mkdocs build -f mkdocs.ko.yml`), the Korean build executes its labs itself.

Every build still executes every lab, with mkdocs-jupyter's `allow_errors` and
`kernel_name` and the Jupyter config the build uses (hooks/jupyter): a failing cell
raises nbclient's CellExecutionError from the lab page's render and fails the build,
as before. With mkdocs-jupyter's cache on (MKDOCS_JUPYTER_CACHE=true while editing
a lab), this hook stays out of the way in both builds and the plugin does as it
always did.

Headings: a lab's Markdown heading may carry an attr_list anchor, `## 제목 { #anchor }`
(every Korean heading does: it keeps the English twin's anchor). nbconvert does not
read attr_list, so on a lab's page the anchor becomes the heading's id (and its table
of contents entry's) and leaves the heading's text.
"""

import ast
import asyncio
import contextlib
import copy
import io
import os
import re
import threading
import time
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import jupytext
import kernels  # hooks/kernels.py: kernels forked from a warm process
import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from nbclient import NotebookClient
from nbconvert.nbconvertapp import NbConvertApp
from nbconvert.preprocessors import ExecutePreprocessor

PLUGIN = "mkdocs-jupyter"
ROOT = Path(__file__).resolve().parent.parent
ENGLISH_DOCS, KOREAN_DOCS = ROOT / "docs", ROOT / "docs-ko"  # the two configs' docs_dir
# The folder where the English build leaves the Korean labs it executed
# (hooks/edition.py sets it in both builds' environment); unset, each build runs its own.
KOREAN_LABS = "LINREG_KOREAN_LABS"
LANGUAGE_VARIABLE = "LINREG_LANG"
FIGURE_TYPES = ("image/svg+xml", "image/png")
HANDOFF_TIMEOUT = 900  # s: a Korean build waits this long at most for the English one
# The lab kernels yield the CPU to the figure-drawing process (hooks/figures.py) and the
# builds: every page waits for the figures, only the lab pages for the labs, and the labs
# have the most work; drawn first, the figures are no longer the last thing the build
# waits for (README, "Build time": a cold build of both editions 41-47 s -> 38-40 s).
KERNEL_NICENESS = 10
# A heading as mkdocs-jupyter renders it, its text ending in an attr_list anchor.
ANCHORED_HEADING = re.compile(
    r'<h([1-6]) id="[^"]*">(.*?)\s*\{:?\s*#([\w-]+)\s*\}(<a class="anchor-link" href=")#[^"]*"'
)
ANCHOR = re.compile(r"\s*\{:?\s*#([\w-]+)\s*\}\s*$")


class _Run(Protocol):
    def result(self) -> nbformat.NotebookNode: ...


_loop: asyncio.AbstractEventLoop | None = None
_runs: dict[str, _Run] = {}  # lab's abs_src_path -> its run


def _jupyter_options(config: MkDocsConfig) -> dict | None:
    """mkdocs-jupyter's options when it executes labs on every build, else None."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not plugin.config["execute"] or plugin.config["cache"]:
        return None
    return plugin.config


def code_tokens(source: str) -> list[str] | None:
    """A cell's code as Python tokens without comments and line breaks (None if it does
    not tokenize): two cells that differ only in comments have the same tokens."""
    skipped = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT}
    skipped |= {tokenize.DEDENT, tokenize.ENDMARKER}
    try:
        tokens = tokenize.generate_tokens(io.StringIO(source).readline)
        return [token.string for token in tokens if token.type not in skipped]
    except (tokenize.TokenError, SyntaxError):
        return None


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def check_twins(english: nbformat.NotebookNode, korean: nbformat.NotebookNode, name: str) -> None:
    """Raise PluginError unless the two labs' code cells match, comments aside."""
    ours, theirs = code_cells(english), code_cells(korean)
    if len(ours) != len(theirs):
        raise PluginError(
            f"{name}: the Korean lab has {len(theirs)} code cells, the English {len(ours)}"
        )
    for number, (a, b) in enumerate(zip(ours, theirs, strict=True), start=1):
        english_tokens = code_tokens(a.source)
        if english_tokens is None or english_tokens != code_tokens(b.source):
            raise PluginError(f"{name}: code cell {number} differs between the editions")


def only_draws(source: str) -> bool:
    """Whether a cell only imports and calls, with no call in a call's arguments: running
    it a second time draws the figure again and changes nothing else."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython syntax (magics): not a plain drawing cell
        return False
    for statement in tree.body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            continue
        if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
            return False
        call = statement.value
        arguments = [*call.args, *(keyword.value for keyword in call.keywords)]
        if any(isinstance(node, ast.Call) for arg in arguments for node in ast.walk(arg)):
            return False
    return True


def shows_figure(cell: nbformat.NotebookNode) -> bool:
    return any(
        figure in output.get("data", {})
        for output in cell.get("outputs", [])
        for figure in FIGURE_TYPES
    )


def _set_language(language: str | None) -> nbformat.NotebookNode:
    """A cell that sets LINREG_LANG in the kernel (unsets it for None), binding no name."""
    environ = '__import__("os").environ'
    if language is None:
        return nbformat.v4.new_code_cell(f'{environ}.pop("{LANGUAGE_VARIABLE}", None)')
    return nbformat.v4.new_code_cell(f'{environ}["{LANGUAGE_VARIABLE}"] = "{language}"')


class LabClient(NotebookClient):
    """Executes a lab; given its Korean twin, also draws the twin's figures in Korean.

    After each cell that shows a figure, the twin of that cell runs again in the same
    kernel with LINREG_LANG=ko, not counted in the execution count, and its outputs are
    kept for the Korean notebook (`korean_outputs`, by code cell number)."""

    def __init__(self, nb: nbformat.NotebookNode, korean: nbformat.NotebookNode | None, **kw):
        super().__init__(nb, **kw)
        self.korean = korean
        self.korean_outputs: dict[int, list] = {}
        self.on_notebook_start = self._yield_cpu

    def _yield_cpu(self, **_) -> None:
        """Lower the kernel's CPU priority (KERNEL_NICENESS), before any cell runs.

        jupyter_client starts each kernel in a session of its own, and where Linux
        schedules by session (autogroup, the default on desktop and Ubuntu kernels) a
        process's nice value only counts against its own session: the session's,
        /proc/<pid>/autogroup, is lowered as well, where there is one."""
        pid = getattr(getattr(self.km, "provisioner", None), "pid", None)
        if pid is None:
            return
        os.setpriority(os.PRIO_PROCESS, pid, KERNEL_NICENESS)
        with contextlib.suppress(OSError):  # no autogroups here
            Path(f"/proc/{pid}/autogroup").write_text(str(KERNEL_NICENESS))

    async def async_execute_cell(
        self, cell, cell_index, execution_count=None, store_history=True
    ) -> nbformat.NotebookNode:
        cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if self.korean is None or not store_history or not shows_figure(cell):
            return cell
        number = sum(c.cell_type == "code" for c in self.nb.cells[:cell_index])  # 0-based
        if not only_draws(cell.source):
            raise PluginError(
                f"code cell {number + 1} shows a figure and does more than draw it: the Korean"
                " edition runs it again to draw its figure in Korean (hooks/labs.py). Draw"
                " the figure in a cell of its own, from names computed before it."
            )
        twin = copy.deepcopy(code_cells(self.korean)[number])
        executed = self.code_cells_executed
        for step in (_set_language("ko"), twin, _set_language(None)):
            await super().async_execute_cell(step, cell_index, store_history=False)
        self.code_cells_executed = executed
        self.nb.cells[cell_index] = cell
        for output in twin.outputs:
            if "execution_count" in output:
                output["execution_count"] = cell.execution_count
        self.korean_outputs[number] = twin.outputs
        return cell

    def korean_notebook(self) -> nbformat.NotebookNode:
        """The Korean twin with this run's outputs: the English ones, Korean figures."""
        assert self.korean is not None
        korean = copy.deepcopy(self.korean)
        korean.metadata["language_info"] = self.nb.metadata.get("language_info", {})
        pairs = zip(code_cells(self.nb), code_cells(korean), strict=True)
        for number, (ours, theirs) in enumerate(pairs):
            theirs.execution_count = ours.execution_count
            theirs.outputs = self.korean_outputs.get(number, copy.deepcopy(ours.outputs))
        return korean


def _client(path: str, options: dict, korean: nbformat.NotebookNode | None) -> LabClient:
    """A client that executes the lab at `path` as nbconvert would for mkdocs-jupyter."""
    app = NbConvertApp()
    app.load_config_file()  # the Jupyter config path: hooks/jupyter (see hooks/notebooks.py)
    return LabClient(
        jupytext.read(path),
        korean,
        config=app.config,
        kernel_name=options["kernel_name"],
        allow_errors=options["allow_errors"],
        store_widget_state=True,
        kernel_manager_class=kernels.ForkedKernelManager,
    )


async def _execute(client: LabClient, name: str, korean_target: Path | None):
    """Execute the lab; write its Korean notebook (or why there is none) for the Korean build."""
    try:
        notebook = await client.async_execute()
        if korean_target is not None:
            _write(korean_target, nbformat.writes(client.korean_notebook()))
        return notebook
    except Exception as error:
        if korean_target is not None:
            _write(korean_target.with_suffix(".failed"), f"{name}: {error}")
        if isinstance(error, PluginError):
            raise PluginError(f"{name}: {error}") from None
        raise


def _write(path: Path, text: str) -> None:
    """Write all at once: the Korean build sees the whole file or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


class _Handoff:
    """The Korean build's run of a lab: the notebook the English build writes for it."""

    def __init__(self, path: Path) -> None:
        self.path, self.parent = path, os.getppid()

    def result(self) -> nbformat.NotebookNode:
        failed = self.path.with_suffix(".failed")
        deadline = time.monotonic() + HANDOFF_TIMEOUT
        while not self.path.exists():
            if failed.exists():
                raise PluginError(f"The English build's run failed: {failed.read_text('utf-8')}")
            if os.getppid() != self.parent or time.monotonic() > deadline:
                raise PluginError(f"No English build wrote {self.path}")
            time.sleep(0.05)
        return nbformat.read(self.path, as_version=4)


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    loop.run_forever()
    loop.close()


def on_pre_build(config: MkDocsConfig) -> None:
    kernels.stop_zygote()  # one left by a build that ended early: it has the old linreg


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _loop
    options = _jupyter_options(config)
    if options is None:
        return files
    plugin = config.plugins[PLUGIN]
    labs = [f for f in files.documentation_pages() if plugin.should_include(f)]
    if not labs:
        return files
    handoff = os.environ.get(KOREAN_LABS)
    korean_build = config.theme["language"] == "ko"
    if handoff and korean_build:  # the English build runs the labs that have an English twin
        for lab in [lab for lab in labs if (ENGLISH_DOCS / lab.src_uri).exists()]:
            _runs[lab.abs_src_path] = _Handoff(Path(handoff, lab.src_uri + ".ipynb"))
            labs.remove(lab)
    if not labs:
        return files
    kernels.zygote()  # starts importing now (the figure hook may have started it already)
    _loop = asyncio.new_event_loop()
    threading.Thread(target=_run_loop, args=(_loop,), name="labs", daemon=True).start()
    for lab in labs:
        korean, target, twin = None, None, KOREAN_DOCS / lab.src_uri
        if handoff and not korean_build and twin.exists():
            korean = jupytext.read(twin)
            check_twins(jupytext.read(lab.abs_src_path), korean, f"docs-ko/{lab.src_uri}")
            target = Path(handoff, lab.src_uri + ".ipynb")
        client = _client(lab.abs_src_path, options, korean)
        run = _execute(client, lab.src_uri, target)
        _runs[lab.abs_src_path] = asyncio.run_coroutine_threadsafe(run, _loop)
    return files


@contextlib.contextmanager
def _executed(notebook: nbformat.NotebookNode) -> Iterator[None]:
    """While inside, nbconvert's execute step returns `notebook` instead of running one."""

    def preprocess(self, nb, resources=None, km=None):
        return notebook, resources

    original = ExecutePreprocessor.preprocess
    ExecutePreprocessor.preprocess = preprocess
    try:
        yield
    finally:
        ExecutePreprocessor.preprocess = original


def anchored_headings(html: str) -> str:
    """Each heading whose text ends in `{ #anchor }` with that anchor as its id."""
    return ANCHORED_HEADING.sub(r'<h\1 id="\3">\2\4#\3"', html)


def _anchor_toc(items: list[AnchorLink]) -> None:
    for item in items:
        match = ANCHOR.search(item.title)
        if match is not None:
            item.title, item.id = item.title[: match.start()], match.group(1)
        _anchor_toc(item.children)


def _anchor_page(page: Page) -> None:
    """A lab page's headings, table of contents and title without attr_list text."""
    page.content = anchored_headings(page.content or "")
    _anchor_toc(list(page.toc))
    if page.title and (match := ANCHOR.search(page.title)):
        page.title = page.title[: match.start()]


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not plugin.should_include(page.file):
        return page
    run = _runs.pop(page.file.abs_src_path or "", None)
    jupyter_render = page.render  # mkdocs-jupyter's: its on_pre_page ran (plugins before hooks)

    def render(config: MkDocsConfig, files: Files) -> None:
        if run is None:
            jupyter_render(config, files)
        else:
            with _executed(run.result()):  # a failed cell raises here and fails the build
                jupyter_render(config, files)
        _anchor_page(page)

    page.render = render  # type: ignore[method-assign]
    return page


async def _cancel_all() -> None:
    """Cancel the runs still going and wait for them: each shuts its kernel down."""
    tasks = asyncio.all_tasks() - {asyncio.current_task()}
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _stop() -> None:
    """After the build, or a failure: no run left behind, the loop and its thread ended."""
    global _loop
    _runs.clear()
    if _loop is not None:
        asyncio.run_coroutine_threadsafe(_cancel_all(), _loop).result(timeout=60)
        _loop.call_soon_threadsafe(_loop.stop)
        _loop = None
    kernels.stop_zygote()


def on_post_build(config: MkDocsConfig) -> None:
    _stop()


def on_build_error(error: Exception) -> None:
    _stop()

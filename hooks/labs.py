"""MkDocs hook: execute every lab at once, while the rest of the site builds.

mkdocs-jupyter executes a lab when MkDocs renders the lab's page, so the labs run one
after another and the build waits for each kernel (each imports torch and trains):
about half of a cold build. Here each lab starts executing in its own kernel as soon
as the build knows its files (`on_files`), all of them concurrently, driven by an
event loop in a background thread; meanwhile the main thread draws the figures and
renders the other pages. When MkDocs reaches a lab's page, mkdocs-jupyter renders it
as before (its template, its options) from the notebook this hook executed: during
that render, nbconvert's execute step hands over the executed notebook instead of
starting a kernel of its own.

Every build still executes every lab, with mkdocs-jupyter's `allow_errors` and
`kernel_name` and the Jupyter config the build uses (hooks/jupyter): a failing cell
raises nbclient's CellExecutionError from the lab page's render and fails the build,
as before. With mkdocs-jupyter's cache on (MKDOCS_JUPYTER_CACHE=true while editing
a lab), this hook stays out of the way and the plugin does as it always did.
"""

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from concurrent.futures import Future

import jupytext
import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from nbclient import NotebookClient
from nbconvert.nbconvertapp import NbConvertApp
from nbconvert.preprocessors import ExecutePreprocessor

PLUGIN = "mkdocs-jupyter"

_loop: asyncio.AbstractEventLoop | None = None
_runs: dict[str, Future[nbformat.NotebookNode]] = {}  # lab's abs_src_path -> its run


def _jupyter_options(config: MkDocsConfig) -> dict | None:
    """mkdocs-jupyter's options when it executes labs on every build, else None."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not plugin.config["execute"] or plugin.config["cache"]:
        return None
    return plugin.config


def _client(path: str, options: dict) -> NotebookClient:
    """A client that executes the lab at `path` as nbconvert would for mkdocs-jupyter."""
    app = NbConvertApp()
    app.load_config_file()  # the Jupyter config path: hooks/jupyter (see hooks/notebooks.py)
    return NotebookClient(
        jupytext.read(path),
        config=app.config,
        kernel_name=options["kernel_name"],
        allow_errors=options["allow_errors"],
        store_widget_state=True,
    )


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    loop.run_forever()
    loop.close()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _loop
    options = _jupyter_options(config)
    if options is None:
        return files
    plugin = config.plugins[PLUGIN]
    labs = [f for f in files.documentation_pages() if plugin.should_include(f)]
    if not labs:
        return files
    _loop = asyncio.new_event_loop()
    threading.Thread(target=_run_loop, args=(_loop,), name="labs", daemon=True).start()
    for lab in labs:
        client = _client(lab.abs_src_path, options)
        _runs[lab.abs_src_path] = asyncio.run_coroutine_threadsafe(client.async_execute(), _loop)
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


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    run = _runs.pop(page.file.abs_src_path or "", None)
    if run is None:
        return page
    jupyter_render = page.render  # mkdocs-jupyter's: its on_pre_page ran (plugins before hooks)

    def render(config: MkDocsConfig, files: Files) -> None:
        with _executed(run.result()):  # a failed cell raises here and fails the build
            jupyter_render(config, files)

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


def on_post_build(config: MkDocsConfig) -> None:
    _stop()


def on_build_error(error: Exception) -> None:
    _stop()

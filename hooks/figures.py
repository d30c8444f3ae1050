"""MkDocs hook: draw every figure in `linreg.plots` at build time.

Each public plotting function is called with no arguments and saved as
`figures/<name>.svg` among the site's files, so pages reference figures like any
other image and `mkdocs build --strict` fails on a figure that does not exist.
Nothing drawn here is ever committed.

Under `mkdocs serve`, an edit to linreg/ triggers a rebuild (mkdocs.yml `watch`), and
each build draws with linreg as it is then (`on_pre_build`): MkDocs keeps this module,
and with it the linreg it imported, from one build to the next.
"""

import importlib
import io
import sys

import matplotlib

matplotlib.use("Agg")  # the build has no screen

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from linreg import plots  # noqa: E402


def render_svg(name: str) -> str:
    """Draw `linreg.plots.<name>()` and return it as SVG text without a timestamp."""
    fig = getattr(plots, name)()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def on_pre_build(config: MkDocsConfig) -> None:
    """Forget every linreg module imported so far and import linreg.plots afresh."""
    global plots
    for name in [name for name in sys.modules if name.partition(".")[0] == "linreg"]:
        del sys.modules[name]
    plots = importlib.import_module("linreg.plots")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for name in plots.__all__:
        files.append(File.generated(config, f"figures/{name}.svg", content=render_svg(name)))
    return files

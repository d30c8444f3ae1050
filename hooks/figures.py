"""MkDocs hook: draw the pages' figures with `linreg.plots` at build time, beside the build.

A page shows `figures/<name>.svg`; the build draws it by calling
`linreg.plots.<name>()` with no arguments and saves it among the site's files, so
`mkdocs build --strict` fails on a figure that linreg.plots cannot draw. Nothing
drawn here is ever committed.

Drawing takes seconds of CPU (several figures train a model first), so it does not
hold up the build: `on_files` registers each figure's file and starts this script
in a process of its own (as `python hooks/figures.py <folder> <name>...`, but forked
from the warm process of hooks/kernels.py, which has imported torch and linreg.plots
already), which draws them into a temporary folder while MkDocs renders the pages;
`on_env`, the step before MkDocs copies files, waits for it, and a figure that fails
fails the build with the script's traceback. The warm process is new each build (it
is stopped at the build's end), so the figures are drawn with the `linreg` on disk
now, not the one imported when `mkdocs serve` started.

Each figure's `<img>` then gets `width` and `height` from its SVG (the figure's size
in CSS pixels; the theme scales it down with `max-width: 100%; height: auto`), so
the browser reserves its box before the image arrives and the page does not shift,
and `decoding="async"`, so decoding a figure does not hold up the page's text. The
figures a lab draws (mkdocs-jupyter inlines them as `data:image/svg+xml;base64,`
images) get the same attributes, their size read from the inlined SVG. Figures are
not `loading="lazy"`: a few kilobytes each, and a deferred image is not `complete`
until it is scrolled to, which the browser tests wait for.

Language: `linreg.plots` reads the environment variable `LINREG_LANG` at each call, so
the figures are drawn in the language of the build's environment, which the drawing
process inherits: a build run with `LINREG_LANG=ko` (the Korean edition's) draws
Korean figures, one without it English ones. Glyphs are written as outlines
(`svg.fonttype: path`): a reader needs no Korean font.

Two editions, one drawing: the Korean figures are the English ones with their words
translated (`linreg.plots.translate`), so one process can draw each figure once and
save it in both languages. Give both builds of one run the same new, empty folder in
`LINREG_FIGURES_SHARED`: the English build (no LINREG_LANG) draws its figures and also
saves their Korean SVGs there, then writes `done` (or `failed.txt`, the traceback);
the Korean build (LINREG_LANG=ko) draws nothing and, where it would wait for its own
drawing, waits for that folder instead. Without the variable each build draws its own.
"""

import argparse
import base64
import contextlib
import io
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import kernels  # hooks/kernels.py: the warm process the drawing is forked from
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

SHOWN_FIGURE = re.compile(r"figures/(\w+)\.svg")
FIGURE_SRC = re.compile(r"(?:^|/)figures/(\w+)\.svg$")
INLINE_SVG = "data:image/svg+xml;base64,"
SVG_UNITS_PX = {"pt": 4 / 3, "px": 1.0, "": 1.0}  # CSS pixels per unit
LANGUAGE = "LINREG_LANG"  # read by linreg.plots: the language the figures are drawn in
SHARED = "LINREG_FIGURES_SHARED"  # a folder where the English build leaves Korean figures
SHARED_DONE, SHARED_FAILED = "done", "failed.txt"
SHARED_TIMEOUT = 600  # seconds the Korean build waits for the English build's drawing


def _svg(fig: object) -> str:
    """A figure as SVG text without a timestamp, its glyphs as outlines."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def render_svgs(name: str, also: tuple[str, ...] = ()) -> list[str]:
    """Draw `linreg.plots.<name>()` once, in the language of LINREG_LANG, and return its
    SVG; then, for each language in `also`, the same figure translated from English."""
    import matplotlib

    matplotlib.use("Agg")  # the drawing process has no screen
    from linreg import plots

    fig = getattr(plots, name)()
    svgs = [_svg(fig)]
    for lang in also:
        svgs.append(_svg(plots.translate(fig, lang)))
    return svgs


def render_svg(name: str) -> str:
    """Draw `linreg.plots.<name>()` and return it as SVG text without a timestamp."""
    return render_svgs(name)[0]


def svg_size(svg: str | bytes) -> tuple[int, int]:
    """An SVG's width and height in whole CSS pixels, from its root's attributes."""
    root = ET.fromstring(svg)
    size = []
    for attribute in ("width", "height"):
        value, unit = re.fullmatch(r"([\d.]+)(\w*)", root.attrib[attribute]).groups()
        size.append(round(float(value) * SVG_UNITS_PX[unit]))
    return size[0], size[1]


class _FigureImages(HTMLParser):
    """Finds each `<img>` that shows a figure (a figure file, or an SVG inlined by a lab):
    the offset of its tag's end, its size, and the attributes it has."""

    def __init__(self, html: str, sizes: dict[str, tuple[int, int]]) -> None:
        super().__init__(convert_charrefs=True)
        self.sizes, self.found = sizes, []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        src = (dict(attrs).get("src") or "") if tag == "img" else ""
        match = FIGURE_SRC.search(src)
        if match is not None:
            size = self.sizes[match.group(1)]
        elif src.startswith(INLINE_SVG):
            size = svg_size(base64.b64decode(src.removeprefix(INLINE_SVG)))
        else:
            return
        line, column = self.getpos()
        end = self.line_starts[line - 1] + column + len(self.get_starttag_text() or "")
        self.found.append((end, size, {name for name, _ in attrs}))

    handle_startendtag = handle_starttag


def sized_figures(html: str, sizes: dict[str, tuple[int, int]]) -> str:
    """`html` with width, height and decoding="async" on each figure's `<img>`
    (attributes the tag already has are left as they are)."""
    for end, (width, height), present in reversed(_FigureImages(html, sizes).found):
        extra = {"width": width, "height": height, "decoding": "async"}
        added = "".join(f' {k}="{v}"' for k, v in extra.items() if k not in present)
        close = end - 2 if html[end - 2 : end] == "/>" else end - 1  # at "/>" or ">"
        space = " " if html[close] == "/" else ""
        html = html[:close].rstrip() + added + space + html[close:]
    return html


class _Drawing:
    """The figures of one build: the folder they are drawn into, and the drawing process.

    The process is this script, forked from the warm process the labs' kernels are
    forked from (hooks/kernels.py), which has imported `linreg.plots`, torch and what
    an optimizer's first step imports: the build itself need not import them, and the
    drawing does not import them a second time. It draws the figures the pages show
    (`shown_figures`): a page that names a figure linreg.plots does not have fails the
    build with the process's error. With `shared`, it also saves each figure in Korean
    there, for the Korean build. The fork waits for the warm process to be ready, so it
    is asked for from a thread of its own while MkDocs goes on."""

    def __init__(self, names: list[str], shared: Path | None = None) -> None:
        self.names = names
        self.folder = Path(tempfile.mkdtemp(prefix="linreg-figures-"))
        self.output = Path(f"{self.folder}.log")
        also = ["--also-korean", str(shared)] if shared is not None else []
        args = [*also, str(self.folder), *names]
        self.starting = ThreadPoolExecutor(max_workers=1, thread_name_prefix="figures")
        self.process = self.starting.submit(kernels.zygote().run, Path(__file__), args, self.output)
        self.sizes: dict[str, tuple[int, int]] = {}

    def wait(self) -> None:
        code = self.process.result().wait()
        if code != 0:
            output = self.output.read_text("utf-8", errors="replace")
            raise PluginError(f"Drawing the figures failed:\n{output}")
        self.sizes = {name: svg_size(self.svg(name).read_bytes()) for name in self.names}

    def svg(self, name: str) -> Path:
        return self.folder / f"{name}.svg"

    def discard(self) -> None:
        self.starting.shutdown()
        with contextlib.suppress(Exception):  # it never started: the error says why
            self.process.result().kill()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.output.unlink(missing_ok=True)


class _SharedDrawing(_Drawing):
    """The Korean build's figures when the English build draws them (LINREG_FIGURES_SHARED):
    no process of its own, the folder the English build's drawing process fills."""

    def __init__(self, names: list[str], shared: Path) -> None:
        self.names, self.folder, self.sizes = names, shared, {}

    def wait(self) -> None:
        deadline = time.monotonic() + SHARED_TIMEOUT
        while not (self.folder / SHARED_DONE).exists():
            if (self.folder / SHARED_FAILED).exists():
                failure = (self.folder / SHARED_FAILED).read_text("utf-8")
                raise PluginError(f"Drawing the figures (English build) failed:\n{failure}")
            if time.monotonic() > deadline:
                raise PluginError(f"{SHARED}: no figures in {self.folder} after {SHARED_TIMEOUT} s")
            time.sleep(0.05)
        missing = [name for name in self.names if not self.svg(name).exists()]
        if missing:
            raise PluginError(f"{SHARED}: the English build drew no {', '.join(missing)}")
        self.sizes = {name: svg_size(self.svg(name).read_bytes()) for name in self.names}

    def discard(self) -> None:
        pass  # the folder is the English build's to remove


_drawing: _Drawing | None = None


def shown_figures(files: Files) -> list[str]:
    """The figures the pages show: each `figures/<name>.svg` a Markdown page names.

    Only these are drawn: a lab draws its own figures when it runs, and drawing ones
    no page shows would only lengthen the build."""
    names: set[str] = set()
    for file in files.documentation_pages():
        if file.src_uri.endswith(".md"):
            names.update(SHOWN_FIGURE.findall(file.content_string))
    return sorted(names)


def start_drawing(names: list[str]) -> _Drawing:
    """This build's drawing: its own process, which with LINREG_FIGURES_SHARED also
    saves the Korean figures there, or, in the Korean build, that folder."""
    shared = Path(os.environ[SHARED]) if os.environ.get(SHARED) else None
    if shared is None:
        return _Drawing(names)
    if (os.environ.get(LANGUAGE) or "en") == "ko":
        return _SharedDrawing(names, shared)
    return _Drawing(names, shared)


def on_pre_build(config: MkDocsConfig) -> None:
    kernels.stop_zygote()  # one left by a build that ended early: it has the old linreg


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _drawing
    if _drawing is not None:  # a build that failed before its end
        _drawing.discard()
    _drawing = start_drawing(shown_figures(files))
    for name in _drawing.names:
        path = _drawing.svg(name)
        files.append(File.generated(config, f"figures/{name}.svg", abs_src_path=str(path)))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    assert _drawing is not None
    _drawing.wait()
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    assert _drawing is not None
    return sized_figures(output, _drawing.sizes)


def on_post_build(config: MkDocsConfig) -> None:
    global _drawing
    if _drawing is not None:
        _drawing.discard()
        _drawing = None
    kernels.stop_zygote()  # each build its own, with the linreg on disk then


def on_build_error(error: Exception) -> None:
    on_post_build(None)  # type: ignore[arg-type]


def main(argv: list[str]) -> None:
    """The drawing process: `python hooks/figures.py [--also-korean <folder>] <folder> <name>...`
    draws each figure into `<folder>/<name>.svg` and, with --also-korean, its Korean
    translation into that folder, which then gets `done` (or `failed.txt`)."""
    parser = argparse.ArgumentParser(prog="hooks/figures.py")
    parser.add_argument("--also-korean", type=Path, metavar="FOLDER")
    parser.add_argument("folder", type=Path)
    parser.add_argument("names", nargs="*")
    args = parser.parse_args(argv)
    try:
        for name in args.names:
            svgs = render_svgs(name, also=("ko",) if args.also_korean else ())
            (args.folder / f"{name}.svg").write_text(svgs[0], encoding="utf-8")
            if args.also_korean:
                (args.also_korean / f"{name}.svg").write_text(svgs[1], encoding="utf-8")
    except BaseException:
        if args.also_korean:
            (args.also_korean / SHARED_FAILED).write_text(traceback.format_exc(), "utf-8")
        raise
    if args.also_korean:
        (args.also_korean / SHARED_DONE).touch()


if __name__ == "__main__":  # the drawing process
    main(sys.argv[1:])

"""The built site, served on 127.0.0.1 and opened in headless Chromium.

One server and one browser a session (a pytest-xdist worker). Each page is
visited once a run (`visit`): everything the browser saw while loading it, what KaTeX and the
figures became, and what axe-core reports in the light and the dark palette, is
recorded in a `Visit`, and the tests in this folder assert on it. Tests that must
click (copy buttons, search) open pages of their own.

Chromium comes from Debian (/usr/bin/chromium) and axe-core from npm
(tests/browser/package.json); `.ci/run` installs both. Without them the tests
skip with the reason, except in CI (the CI variable is set), where they fail.
"""

import functools
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from filelock import FileLock

from tests.support import CHROMIUM, CHROMIUM_ARGS, ROOT, url_path

if TYPE_CHECKING:  # playwright is imported only once Chromium is known to be there
    from playwright.sync_api import Browser, Page

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def missing(what: str) -> None:
    """Skip for want of `what` on a developer's machine; in CI, fail."""
    message = f"{what} (see README, 'Browser tests')"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the browser tests must run: {message}", pytrace=False)
    pytest.skip(message)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site on http://127.0.0.1:<free port>/, served from a background thread."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator["Browser"]:
    if shutil.which(CHROMIUM) is None:
        missing(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    if not AXE.exists():
        missing(f"axe-core not found at {AXE.relative_to(ROOT)}: npm ci --prefix tests/browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Traffic:
    """What a page asked for and said while it was open."""

    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def watch(self, page: "Page") -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", self.on_request_failed)
        page.on("response", self.on_response)
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))

    def on_request_failed(self, request) -> None:
        self.failures.append(f"{request.url}: {request.failure}")

    def on_response(self, response) -> None:
        if response.status >= 400:
            self.failures.append(f"{response.url}: HTTP {response.status}")

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location})")


class Opener:
    """Opens pages of the served site, each in a fresh browser context (light palette,
    clipboard allowed), loaded until the network is idle and every image decoded."""

    def __init__(self, browser: "Browser", site_url: str) -> None:
        self.browser, self.site_url, self.contexts = browser, site_url, []

    def __call__(self, path: str) -> tuple["Page", Traffic]:
        context = self.browser.new_context(
            color_scheme="light",
            viewport={"width": 1280, "height": 900},
            permissions=["clipboard-read", "clipboard-write"],
        )
        self.contexts.append(context)
        page = context.new_page()
        traffic = Traffic()
        traffic.watch(page)
        page.goto(self.site_url + path, wait_until="networkidle")
        page.wait_for_function("[...document.images].every(image => image.complete)")
        return page, traffic

    def close(self) -> None:
        while self.contexts:
            self.contexts.pop().close()


@pytest.fixture
def open_page(browser: "Browser", site_url: str) -> Iterator[Opener]:
    """open_page(path) -> (page, traffic), closed after the test."""
    opener = Opener(browser, site_url)
    yield opener
    opener.close()


# The article's math as the build left it (hooks/formulas.py: no math JavaScript runs):
# its formulas (every one, a lab's too, is an .arithmatex element holding KaTeX's
# markup), those without rendered math in them, KaTeX's error boxes, and the prose
# text, without code and without KaTeX's hidden MathML copy (whose TeX annotation
# would look like raw TeX).
MATH_JS = """() => {
  const article = document.querySelector("article");
  const formulas = [...article.querySelectorAll(".arithmatex")];
  const prose = article.cloneNode(true);
  prose.querySelectorAll(".katex-mathml, pre, code, script, style")
    .forEach(e => e.remove());
  return {
    formulas: article.querySelectorAll(".katex").length,
    unrendered: formulas.filter(f => !f.querySelector(".katex")).map(f => f.textContent),
    errors: [...article.querySelectorAll(".katex-error")].map(e => e.textContent),
    prose: prose.textContent,
    scripts: [...document.scripts].map(s => s.src)
      .filter(src => /katex|auto-render/.test(src)),
  };
}"""
IMAGES_JS = """() => [...document.images].map(image => ({
  src: image.getAttribute("src"),
  width: image.naturalWidth,
  alt: (image.getAttribute("alt") || "").trim(),
  filter: getComputedStyle(image).filter,
}))"""
# Each rendered formula's text colour and the colour behind it: the first
# ancestor with a background that is not transparent (the page's, in the end).
KATEX_COLOURS_JS = """() => [...document.querySelectorAll("article .katex")].map(katex => {
  let node = katex, background = "rgba(0, 0, 0, 0)";
  while (node && background === "rgba(0, 0, 0, 0)") {
    background = getComputedStyle(node).backgroundColor;
    node = node.parentElement;
  }
  return {text: katex.textContent, color: getComputedStyle(katex).color, background};
})"""
AXE_JS = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(
  v => ({id: v.id, impact: v.impact, help: v.help,
         targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))"""


def rgba(css: str) -> tuple[float, float, float, float]:
    """Parse "rgb(1, 2, 3)" or "rgba(1, 2, 3, 0.5)" -> (1, 2, 3, 0.5)."""
    numbers = [float(n) for n in css[css.index("(") + 1 : css.index(")")].split(",")]
    return (*numbers[:3], numbers[3] if len(numbers) == 4 else 1.0)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of a (possibly translucent) text colour on a background."""

    def luminance(rgb: tuple[float, ...]) -> float:
        linear = [c / 255 / 12.92 if c <= 10.3 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    *fg, alpha = rgba(foreground)
    bg = rgba(background)[:3]
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True)]
    lighter, darker = sorted((luminance(blended), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass
class Palette:
    """A page in one palette: its scheme, axe's violations, math colours, images."""

    scheme: str
    violations: list[dict]
    katex_contrast: list[tuple[str, float]]
    images: list[dict]


@dataclass
class Visit:
    """Everything one load of a page showed, in the light and then the dark palette."""

    site_url: str  # the server of the worker that recorded it (xdist: one server each)
    path: str
    traffic: Traffic
    math: dict
    light: Palette
    dark: Palette


def look(page: "Page", name: str) -> Palette:
    """Record the page as it is now, and save a full-page screenshot."""
    page.wait_for_function("[...document.images].every(image => image.complete)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    colours = page.evaluate(KATEX_COLOURS_JS)
    return Palette(
        scheme=page.evaluate("document.body.dataset.mdColorScheme"),
        violations=page.evaluate(AXE_JS),
        katex_contrast=[(c["text"], contrast(c["color"], c["background"])) for c in colours],
        images=page.evaluate(IMAGES_JS),
    )


def toggle_palette(page: "Page") -> None:
    """Click the palette toggle in the header, as a reader would."""
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label").locator("visible=true").click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== {before!r}")


def record(opener: Opener, source: Path) -> Visit:
    """Load a page, record it in the light palette, toggle, record it in the dark."""
    path = url_path(source)
    page, traffic = opener(path)
    page.add_script_tag(path=AXE)
    name = path.strip("/").replace("/", "-") or "index"
    math = page.evaluate(MATH_JS)
    light = look(page, f"{name}-light")
    toggle_palette(page)
    dark = look(page, f"{name}-dark")
    opener.close()
    return Visit(opener.site_url, path, traffic, math, light, dark)


@pytest.fixture(scope="session")
def visit(
    browser: "Browser", site_url: str, tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> Iterator[Callable[[Path], Visit]]:
    """visit(docs/page.md) -> Visit, each page loaded once per test run.

    Under pytest-xdist a page's tests may land on different workers; the first to
    take the page's lock records it, and the others read what it wrote.
    """
    if worker_id == "master":
        store = tmp_path_factory.mktemp("visits")
    else:
        store = tmp_path_factory.getbasetemp().parent / "visits"  # common to all workers
        store.mkdir(exist_ok=True)
    opener = Opener(browser, site_url)

    def visit_(source: Path) -> Visit:
        saved = store / (url_path(source).replace("/", "-") + "index.json")
        with FileLock(saved.with_suffix(".lock")):
            if not saved.exists():
                saved.write_text(json.dumps(asdict(record(opener, source))), "utf-8")
            data = json.loads(saved.read_text("utf-8"))
        return Visit(
            site_url=data["site_url"],
            path=data["path"],
            traffic=Traffic(**data["traffic"]),
            math=data["math"],
            light=Palette(**data["light"]),
            dark=Palette(**data["dark"]),
        )

    yield visit_
    opener.close()


# Python blocks, not the signatures mkdocstrings renders on the API page.
COPY_BUTTONS = (
    ":is(div.language-py, div.language-python):not(.doc-signature) button[data-md-type=copy]"
)


@pytest.fixture(scope="session")
def copied(browser: "Browser", site_url: str) -> Iterator[Callable[[Path], list[str]]]:
    """copied(docs/page.md) -> what each Python block's copy button put on the clipboard.

    The first call for a page opens its collapsed solutions and clicks every copy button.
    """
    opener = Opener(browser, site_url)
    pages: dict[Path, list[str]] = {}

    def copied_(source: Path) -> list[str]:
        if source not in pages:
            page, _ = opener(url_path(source))
            # Open every collapsed block (exercise solutions), outermost first.
            while (closed := page.locator("details:not([open]) > summary")).count():
                closed.first.click()
            texts = []
            for button in page.locator(COPY_BUTTONS).all():
                page.evaluate("navigator.clipboard.writeText('')")
                button.click()
                texts.append(page.evaluate("navigator.clipboard.readText()"))
            pages[source] = texts
            opener.close()
        return pages[source]

    yield copied_
    opener.close()

"""The built site, served on 127.0.0.1 and opened in headless Chromium.

One server and one browser a session (a pytest-xdist worker). The tests run over
both editions (support.SITE_PAGES: English at the root, Korean under ko/), which
the English build builds together (hooks/edition.py). Each page is loaded once a
run at each width of `VIEWPORTS`, a phone's and a laptop's (`visit`), and
everything the browser checks read off it is recorded in a `Visit`: what the browser
saw while loading it, what KaTeX and the figures became, what overflows its box, what
axe-core reports in the light palette (every rule) and the dark one (`AXE_RUNS`),
each figure's text size on screen, the page's typography, and (at the laptop's width)
what each Python block's copy button puts on the clipboard. The tests in this folder
assert on it; a test that takes `visit` runs at both widths. A page load costs several
seconds of CPU (axe-core as much again), so checks that only read a page share its
visit rather than load it again. Tests that must act on a page (the language switcher,
search) open pages of their own.

Chromium comes from Debian (/usr/bin/chromium) and axe-core from npm
(tests/browser/package.json); `.ci/run` installs both. Without them the tests
skip with the reason, except in CI (the CI variable is set), where they fail.
"""

import functools
import io
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
from matplotlib.textpath import TextToPath
from PIL import Image

from tests import colours
from tests.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    FIGURE_CODE_BUTTONS,
    PHONE,
    ROOT,
    VIEWPORTS,
    url_path,
)

if TYPE_CHECKING:  # playwright is imported only once Chromium is known to be there
    from playwright.sync_api import Browser, Page

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


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
    clipboard allowed, a width of `VIEWPORTS`), loaded until the network is idle and
    every image decoded."""

    def __init__(self, browser: "Browser", site_url: str, width: str = DESKTOP) -> None:
        self.browser, self.site_url, self.contexts = browser, site_url, []
        self.viewport = VIEWPORTS[width]

    def __call__(self, path: str) -> tuple["Page", Traffic]:
        context = self.browser.new_context(
            color_scheme="light",
            viewport=self.viewport,
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


@pytest.fixture(scope="session")
def open_page_for_session(browser: "Browser", site_url: str) -> Iterator[Opener]:
    """open_page_for_session(path) -> (page, traffic), closed when the session ends: for
    a page that several tests use in turn (test_search.py's search box)."""
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
# The colour behind an element: the first ancestor with a background that is not
# transparent (the page's, in the end). A function for the scripts below.
BACKGROUND_JS = """const backgroundOf = node => {
  let background = "rgba(0, 0, 0, 0)";
  for (; node && background === "rgba(0, 0, 0, 0)"; node = node.parentElement) {
    background = getComputedStyle(node).backgroundColor;
  }
  return background;
};"""
# Each rendered formula's text colour and the colour behind it.
KATEX_COLOURS_JS = (
    "() => {"
    + BACKGROUND_JS
    + """return [...document.querySelectorAll("article .katex")].map(katex => ({
  text: katex.textContent, color: getComputedStyle(katex).color, background: backgroundOf(katex),
}))}"""
)
# What is wider than its box, in the article: the document's width against the
# window's (the page must not scroll sideways); each box that scrolls sideways and
# hides part of its own text past its right edge (not only padding, nor text that a
# box inside it scrolls), with where
# its cue must show (2 px inside its right edge, 3 px below its top, in page
# coordinates) and the colour behind it; and what runs out of sight with no box that
# scrolls to it: past the window's edge, cut by an ancestor that clips, or left of
# the start of the box that scrolls it (a box scrolls right, never left of its start).
# Measured once the fonts are in. Skipped: what is not shown, KaTeX's MathML copy
# for screen readers (visually hidden by design), the inside of SVGs, and what KaTeX
# itself clips (glyph boxes).
LAYOUT_JS = (
    "async () => {await document.fonts.ready;"  # KaTeX's fonts change its layout
    + BACKGROUND_JS
    + """
  const root = document.documentElement, article = document.querySelector("article");
  const style = e => getComputedStyle(e);
  const scrolls = e => ["auto", "scroll"].includes(style(e).overflowX);
  const name = e => e.tagName.toLowerCase() + [...e.classList].map(c => "." + c).join("");
  const where = e => `${name(e.parentElement)} > ${name(e)}: ${e.textContent.trim().slice(0, 60)}`;
  const clipper = e => {  // the nearest box that scrolls or clips e's content
    while (e !== root && style(e).overflowX === "visible") e = e.parentElement;
    return e;
  };
  const hides = box => {
    const edge = box.getBoundingClientRect().left + box.clientLeft + box.clientWidth;
    const texts = document.createTreeWalker(box, NodeFilter.SHOW_TEXT), range = new Range();
    for (let text; (text = texts.nextNode()); ) {
      if (!text.data.trim() || clipper(text.parentElement) !== box) continue;
      range.selectNodeContents(text);
      if (range.getBoundingClientRect().right > edge + 1) return true;
    }
    return false;
  };
  const scrollers = [...article.querySelectorAll("*")]
    .filter(e => scrolls(e) && e.scrollWidth > e.clientWidth + 1 && e.checkVisibility() && hides(e))
    .map(e => {
      const box = e.getBoundingClientRect();
      return {
        where: where(e),
        x: Math.floor(box.right + scrollX) - 2,
        y: Math.floor(box.top + scrollY) + 3,
        background: backgroundOf(e),
      };
    });
  const cut = [];
  for (const e of article.querySelectorAll("*")) {
    if (e.closest(".katex-mathml, svg") || !e.checkVisibility()) continue;
    const box = e.getBoundingClientRect();
    if (box.width === 0) continue;
    const clip = clipper(e.parentElement);
    if (clip.closest(".katex")) continue;
    const edge = clip === root ? {left: 0, right: root.clientWidth} : clip.getBoundingClientRect();
    const right = scrolls(clip) ? Infinity : edge.right;
    if (box.left < edge.left - 1 || box.right > right + 1) cut.push(where(e));
  }
  return {scrollWidth: root.scrollWidth, width: root.clientWidth, scrollers, cut};
}"""
)
# axe-core's violations on the page: of every rule, or `only` these, or all but the
# rules to `skip`.
AXE_JS = """async ({only = null, skip = null}) => (await axe.run(document, {
  resultTypes: ["violations"],
  ...(only && {runOnly: {type: "rule", values: only}}),
  ...(skip && {rules: Object.fromEntries(skip.map(id => [id, {enabled: false}]))}),
})).violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                          targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))"""
# The rules that read colours: three quarters of an axe run's time (highlighted code's
# and KaTeX's thousands of spans).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# What axe runs in each palette at each width: AXE_JS's arguments, a dict a run. The
# light palette gets every rule at both widths, but its colour rules run at the laptop's
# width only: at the phone's they see the same elements minus what the phone hides, and
# give each the same verdict (measured on six pages of both editions, every element:
# the one whose selector differs is the header's site name, which Material titles when
# the phone cuts it short). The palette toggle changes colours and nothing else a rule
# reads, so the dark palette is checked by the colour rules, at the laptop's width too.
# axe is a third of a visit's CPU: this keeps two runs of the colour rules of four.
AXE_RUNS = {
    ("light", DESKTOP): [{}],
    ("light", PHONE): [{"skip": COLOUR_RULES}],
    ("dark", DESKTOP): [{"only": COLOUR_RULES}],
    ("dark", PHONE): [],
}
# Full-page screenshots are for people (the Pages workflow uploads them) and cost a
# fifth of a visit's CPU: taken when this is set, into it.
SCREENSHOTS = os.environ.get("LINREG_SCREENSHOTS")


# Each figure's texts and the size they are drawn at, in CSS px (test_figures.py says
# how): a figure is an <img>, a page's links figures/<name>.svg, a lab's carries its
# SVG in a data: URL (mkdocs-jupyter). Its SVG is fetched and laid out, hidden, at the
# size the img is drawn, and each glyph's `getScreenCTM()` maps its em (`em`, the SVG
# units matplotlib draws an em in) to CSS px. Raster figures are named: their text
# cannot be measured.
TEXT_SIZES_JS = """async (em) => {
  const texts = svg => [...svg.querySelectorAll('g[id^="text_"]')].map(group => {
    const comment = [...group.childNodes].find(n => n.nodeType === Node.COMMENT_NODE);
    const sizes = [...group.querySelectorAll("use")].map(use => {
      const m = use.getScreenCTM();
      return em * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    });
    return {text: comment ? comment.textContent.trim() : group.id, px: Math.min(...sizes)};
  });
  const figures = [], rasters = [];
  const images = [...document.querySelectorAll("article img")].filter(img =>
    img.getAttribute("src").includes("figures/") || img.closest(".jp-OutputArea-output"));
  for (const [i, img] of images.entries()) {
    const name = img.closest(".jp-OutputArea-output") ? `lab figure ${i + 1}` : img.src;
    if (!img.src.startsWith("data:image/svg+xml") && !img.src.endsWith(".svg")) {
      rasters.push(name);
      continue;
    }
    const source = await (await fetch(img.src)).text();
    const parsed = new DOMParser().parseFromString(source, "image/svg+xml");
    const svg = document.importNode(parsed.documentElement, true);
    const holder = document.createElement("div");
    holder.style.cssText = "position: absolute; top: 0; left: 0; visibility: hidden";
    svg.style.width = img.clientWidth + "px";
    svg.style.height = img.clientHeight + "px";
    holder.append(svg);
    document.body.append(holder);
    figures.push({figure: name, width: img.clientWidth, texts: texts(svg)});
    holder.remove();
  }
  return {figures, rasters};
}"""
# The page's language, the body's fonts, and how the article's first paragraph breaks
# lines (null if it has none).
TYPOGRAPHY_JS = """() => {
  const paragraph = document.querySelector("article p");
  return {
    lang: document.documentElement.lang,
    font: getComputedStyle(document.body).fontFamily,
    wordBreak: paragraph && getComputedStyle(paragraph).wordBreak,
  };
}"""
# Python blocks, not the signatures mkdocstrings renders on the API page, nor the source
# listed under a figure (hooks/figure_code.py), which FIGURE_CODE_BUTTONS selects.
COPY_BUTTONS = (
    ":is(div.language-py, div.language-python):not(.doc-signature, .figure-code *)"
    " button[data-md-type=copy]"
)


def rgba(css: str) -> tuple[float, float, float, float]:
    """Parse "rgb(1, 2, 3)" or "rgba(1, 2, 3, 0.5)" -> (1, 2, 3, 0.5)."""
    numbers = [float(n) for n in css[css.index("(") + 1 : css.index(")")].split(",")]
    return (*numbers[:3], numbers[3] if len(numbers) == 4 else 1.0)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of a (possibly translucent) CSS colour on a CSS background."""
    *fg, alpha = rgba(foreground)
    bg = rgba(background)[:3]
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True)]
    return colours.contrast(
        tuple(c / 255 for c in blended),
        tuple(c / 255 for c in bg),  # type: ignore[arg-type]
    )


@dataclass
class Palette:
    """A page in one palette: its scheme, axe's violations, math colours, images, and
    the contrast of each sideways-scrolling box's cue (LAYOUT_JS) on its background."""

    scheme: str
    violations: list[dict] | None  # None: axe not run (the dark palette on a phone)
    katex_contrast: list[tuple[str, float]]
    images: list[dict]
    scroll_cues: list[tuple[str, float]]


@dataclass
class Visit:
    """Everything one load of a page at one width showed, in the light and then the dark
    palette; its layout (LAYOUT_JS) is the light palette's, the same in both."""

    site_url: str  # the server of the worker that recorded it (xdist: one server each)
    path: str
    width: str  # a key of VIEWPORTS
    traffic: Traffic
    math: dict
    typography: dict  # TYPOGRAPHY_JS
    layout: dict
    light: Palette
    dark: Palette
    figures: dict  # TEXT_SIZES_JS: each figure's texts and their size on screen
    copied: list[str] | None  # at DESKTOP: each Python block's copy button, clicked
    figure_code_copied: list[str] | None  # at DESKTOP: each figure code's copy button


def pixels(page: "Page", points: list[tuple[int, int]]) -> list[str]:
    """The colour shown at each (x, y), in page coordinates, as "rgb(r, g, b)": read off
    one lossless screenshot of the smallest rectangle that holds them all."""
    if not points:
        return []
    left, top = min(x for x, _ in points), min(y for _, y in points)
    right, bottom = max(x for x, _ in points), max(y for _, y in points)
    clip = {"x": left, "y": top, "width": right - left + 1, "height": bottom - top + 1}
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True, clip=clip))).convert("RGB")
    return ["rgb({}, {}, {})".format(*shot.getpixel((x - left, y - top))) for x, y in points]


def look(page: "Page", name: str, axe_runs: list[dict]) -> Palette:
    """Record the page as it is now, with axe's violations in `axe_runs` (AXE_RUNS; none:
    `violations` None), and, with SCREENSHOTS set, save a full-page screenshot for
    people to look at (JPEG: a third of PNG's time); read each sideways-scrolling box's
    cue off the screen, where LAYOUT_JS says it shows."""
    page.wait_for_function("[...document.images].every(image => image.complete)")
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SCREENSHOTS) / f"{name}.jpeg", full_page=True, quality=85)
    boxes = page.evaluate(LAYOUT_JS)["scrollers"]
    shown = pixels(page, [(box["x"], box["y"]) for box in boxes])
    cues = [
        (box["where"], contrast(colour, box["background"]))
        for box, colour in zip(boxes, shown, strict=True)
    ]
    colours = page.evaluate(KATEX_COLOURS_JS)
    violations = [v for run in axe_runs for v in page.evaluate(AXE_JS, run)]
    return Palette(
        scheme=page.evaluate("document.body.dataset.mdColorScheme"),
        violations=violations if axe_runs else None,
        katex_contrast=[(c["text"], contrast(c["color"], c["background"])) for c in colours],
        images=page.evaluate(IMAGES_JS),
        scroll_cues=cues,
    )


def toggle_palette(page: "Page") -> None:
    """Click the palette toggle in the header, as a reader would."""
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label").locator("visible=true").click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== {before!r}")


# Clicks each button `selector` selects, in the page's order, after checking that a
# reader could: scrolled into view, the button is what is on top at its centre (not
# hidden, not covered). Returns what each click put on the clipboard, or, for a
# button a reader could not click, what covers it (which no block equals: the copy
# tests fail on it). One script for all of a page's buttons: a Playwright click per
# button costs a dozen round trips to the browser.
CLICK_COPY_JS = """async selector => {
  const texts = [];
  for (const button of document.querySelectorAll(selector)) {
    button.scrollIntoView({block: "center"});
    const box = button.getBoundingClientRect();
    const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    if (!top || !button.contains(top)) {
      texts.push(`(not clickable: covered by ${top ? top.outerHTML.slice(0, 120) : "nothing"})`);
      continue;
    }
    await navigator.clipboard.writeText("");
    button.click();
    texts.push(await navigator.clipboard.readText());
  }
  return texts;
}"""


def click_copy_buttons(page: "Page", buttons: str = COPY_BUTTONS) -> list[str]:
    """Click each copy button `buttons` selects (by default each Python block's), as a
    reader would: what each put on the clipboard, in the page's order."""
    return page.evaluate(CLICK_COPY_JS, buttons)


def record(opener: Opener, source: Path, width: str) -> Visit:
    """Load a page, record it in the light palette, toggle, record it in the dark; then
    measure its figures' text and, at DESKTOP, click its copy buttons (last, since both
    touch the page: a hidden copy of each figure, a tooltip)."""
    path = url_path(source)
    page, traffic = opener(path)
    # Open every collapsed block (exercise solutions), so that what they hold is checked
    # too (and their copy buttons can be clicked).
    page.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")
    page.add_script_tag(path=AXE)
    name = f"{path.strip('/').replace('/', '-') or 'index'}-{width}"
    math = page.evaluate(MATH_JS)
    typography = page.evaluate(TYPOGRAPHY_JS)
    layout = page.evaluate(LAYOUT_JS)
    light = look(page, f"{name}-light", AXE_RUNS["light", width])
    toggle_palette(page)
    dark = look(page, f"{name}-dark", AXE_RUNS["dark", width])
    figures = page.evaluate(TEXT_SIZES_JS, TextToPath.FONT_SCALE)
    copied = click_copy_buttons(page) if width == DESKTOP else None
    listings = click_copy_buttons(page, FIGURE_CODE_BUTTONS) if width == DESKTOP else None
    opener.close()
    return Visit(
        opener.site_url,
        path,
        width,
        traffic,
        math,
        typography,
        layout,
        light,
        dark,
        figures,
        copied,
        listings,
    )


@pytest.fixture(scope="session")
def visits(
    browser: "Browser", site_url: str, tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> Iterator[Callable[[Path, str], Visit]]:
    """visits(docs/page.md or docs-ko/page.md, width) -> Visit, each page loaded once
    per width per test run (`record`).

    Under pytest-xdist a page's tests may land on different workers; the first to
    take the page's lock records it, and the others read what it wrote.
    """
    if worker_id == "master":
        store = tmp_path_factory.mktemp("visits")
    else:
        store = tmp_path_factory.getbasetemp().parent / "visits"  # common to all workers
        store.mkdir(exist_ok=True)
    openers = {width: Opener(browser, site_url, width) for width in VIEWPORTS}
    read: dict[tuple[Path, str], Visit] = {}  # by this worker: a visit does not change

    def visit_(source: Path, width: str) -> Visit:
        if (source, width) in read:
            return read[source, width]
        saved = store / (url_path(source).replace("/", "-") + f"index-{width}.json")
        with FileLock(saved.with_suffix(".lock")):
            if not saved.exists():
                visit = record(openers[width], source, width)
                saved.write_text(json.dumps(asdict(visit)), "utf-8")
            data = json.loads(saved.read_text("utf-8"))
        traffic, light, dark = (data.pop(key) for key in ("traffic", "light", "dark"))
        read[source, width] = Visit(
            **data, traffic=Traffic(**traffic), light=Palette(**light), dark=Palette(**dark)
        )
        return read[source, width]

    yield visit_
    for opener in openers.values():
        opener.close()


@pytest.fixture(params=list(VIEWPORTS))
def width(request: pytest.FixtureRequest) -> str:
    """Each width of VIEWPORTS in turn: a test that takes `visit` runs at every one."""
    return request.param


@pytest.fixture
def visit(visits: Callable[[Path, str], Visit], width: str) -> Callable[[Path], Visit]:
    """visit(docs/page.md) -> Visit at this test's width (`width`)."""
    return functools.partial(visits, width=width)


@pytest.fixture
def copied(visits: Callable[[Path, str], Visit]) -> Callable[..., list[str]]:
    """copied(docs/page.md or docs-ko/page.md) -> what each Python block's copy button
    put on the clipboard, clicked at DESKTOP width in the page's visit (`record`), its
    collapsed solutions open; copied(page, FIGURE_CODE_BUTTONS): what each figure
    code's copy button put there."""

    def copied_(source: Path, buttons: str = COPY_BUTTONS) -> list[str]:
        visit = visits(source, DESKTOP)
        copied = visit.copied if buttons == COPY_BUTTONS else visit.figure_code_copied
        assert buttons in (COPY_BUTTONS, FIGURE_CODE_BUTTONS) and copied is not None
        return copied

    return copied_

"""MkDocs hook: every formula rendered to HTML at build time, with the site's own KaTeX.

Pages then load no math JavaScript: KaTeX's stylesheet and fonts (docs/assets/katex)
are all a reader's browser needs, nothing shifts after load, and Material's instant
navigation swaps in pages whose math is already laid out.

- Where the formulas are: pymdownx.arithmatex (generic mode) writes each as
  `<span class="arithmatex">\\(...\\)</span>` or
  `<div class="arithmatex">\\[...\\]</div>`, its TeX HTML-escaped. A lab
  (mkdocs-jupyter) keeps Jupyter's `$...$` and `$$...$$` in its rendered Markdown
  cells; only there, and not in their code, a dollar sign opens a formula:
  elsewhere (the site's prose, code, cell output) it stays a dollar.
  The lab's formulas are first wrapped the way arithmatex wraps the pages' ones, so
  from then on a formula is an `.arithmatex` element on every page.
- What replaces it: the element stays (CSS targets `.arithmatex`, and KaTeX's
  `.katex-display` inside it), its TeX becomes `katex.renderToString`'s HTML, the
  same bytes node's KaTeX writes (checked over every formula of the site), and the
  same markup the browser's auto-render used to write, MathML copy included.
- When: in on_post_page, on the final HTML. The search index is built from
  `page.content`, which keeps the TeX (the search hook makes it readable text).
- Errors: a formula KaTeX cannot parse, or that strict mode rejects (what used to be
  a console warning in the browser), fails the build, naming the page and the TeX.

KaTeX runs in V8 through mini-racer (PyPI; no node): katex.min.js is read from
docs/assets/katex, next to the CSS and fonts of the same version, and is not
published (`exclude_docs` in mkdocs.yml). V8's context must be closed or the
interpreter can hang at exit: it is closed after each build (on_post_build, or
on_build_error when the build fails), when `mkdocs serve` stops, and at exit.
"""

import atexit
import html
import re
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from py_mini_racer import MiniRacer

KATEX_JS = Path(__file__).parent.parent / "docs/assets/katex/katex.min.js"
# KaTeX's own errors come back as a value: a thrown one would carry V8's whole
# source line in its message, the minified library.
RENDER_JS = """
function renderFormula(tex, displayMode) {
  try {
    const options = {displayMode, throwOnError: true, strict: "error"};
    return {html: katex.renderToString(tex, options)};
  } catch (error) {
    return {error: String(error.message || error)};
  }
}
"""
# An element as arithmatex writes it (and as wrap_lab_formulas does): its TeX is
# escaped, so it holds no "<" and the first closing tag of its name ends it.
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">([^<]*)</\1>')
# The labs (mkdocs-jupyter's `include` in mkdocs.yml), their Markdown cells as
# nbconvert renders them, and a formula in the text of one.
LABS = "labs/"
LAB_MARKDOWN = ".jupyter-wrapper .jp-MarkdownOutput"
DOLLARS = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$|(?<!\\)\$(.+?)(?<!\\)\$", re.S)

_katex: MiniRacer | None = None


def katex() -> MiniRacer:
    """The V8 context with KaTeX loaded, made on first use in each build."""
    global _katex
    if _katex is None:
        _katex = MiniRacer()
        _katex.eval(KATEX_JS.read_text("utf-8"))
        _katex.eval(RENDER_JS)
    return _katex


def close() -> None:
    """Close the V8 context, if one is open (the next build makes a new one)."""
    global _katex
    if _katex is not None:
        _katex.close()
        _katex = None


atexit.register(close)  # the safety net: whatever ended the build, close it


def render(tex: str, display: bool, where: str) -> str:
    """KaTeX's HTML for one formula; if KaTeX fails, a PluginError naming `where`
    (the page) and the TeX."""
    result = katex().call("renderFormula", tex, display)
    if "error" in result:
        raise PluginError(f"{where}: KaTeX cannot render {tex!r}: {result['error']}")
    return result["html"]


def formula_tex(text: str) -> tuple[str, bool]:
    """The TeX of an arithmatex element's text, and whether it is display math."""
    if text.startswith("\\(") and text.endswith("\\)"):
        return text[2:-2], False
    if text.startswith("\\[") and text.endswith("\\]"):
        return text[2:-2], True
    return text, True  # a display environment, \begin{...}...\end{...}, stands alone


def wrap_lab_formulas(output: str) -> str:
    """The page with each `$...$`/`$$...$$` of its Markdown cells as an arithmatex span.

    Code in a cell is left as it is. A display formula gets a span too, not a div:
    it may sit inside a paragraph, and KaTeX's `.katex-display` is a block anyway.
    """
    soup = BeautifulSoup(output, "html.parser")
    for cell in soup.select(LAB_MARKDOWN):
        for text in cell.find_all(string=DOLLARS):
            if text.find_parent(["code", "pre"]) is not None:
                continue
            pieces, start = [], 0
            for match in DOLLARS.finditer(text):
                display, inline = match.groups()
                span = soup.new_tag("span", attrs={"class": "arithmatex"})
                tex = rf"\[{display}\]" if display is not None else rf"\({inline}\)"
                span.string = tex
                pieces += [text[start : match.start()], span]
                start = match.end()
            text.replace_with(*filter(None, [*pieces, text[start:]]))
    return str(soup)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.file.src_uri.startswith(LABS):
        output = wrap_lab_formulas(output)
    where = f"docs/{page.file.src_uri}"

    def rendered(match: re.Match[str]) -> str:
        tag, text = match.groups()
        tex, display = formula_tex(html.unescape(text))
        return f'<{tag} class="arithmatex">{render(tex, display, where)}</{tag}>'

    return ARITHMATEX.sub(rendered, output)


def on_post_build(config: MkDocsConfig) -> None:
    close()


def on_build_error(error: Exception) -> None:
    close()


def on_shutdown() -> None:
    close()

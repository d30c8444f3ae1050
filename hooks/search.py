"""MkDocs hook: Material's search indexes each page as a reader reads it.

Material's search plugin builds `search/search_index.json` from `page.content` in
its `on_page_context` handler (priority 0). This hook hands it a search view of
that HTML just before (priority 100) and puts the page's own HTML back just after
(priority -100), so the pages themselves are untouched. The search view differs in:

- Math reads as text: `\\(\\alpha = 0.01\\)` becomes "α = 0.01", `\\frac{1}{n}` "1/n"
  (pylatexenc's LatexNodes2Text). Expected input, whichever way the pages render
  math: pymdownx.arithmatex's wrappers, `<span class="arithmatex">\\(...\\)</span>`
  and `<div class="arithmatex">\\[...\\]</div>`; in a lab's Markdown cells,
  Jupyter's `$...$` and `$$...$$` as text; or, if math is already KaTeX markup
  when this runs, `.katex` elements, read from their TeX annotation.
- A lab (mkdocs-jupyter: nbconvert's `.jp-Notebook`) becomes plain page HTML: each
  Markdown cell's HTML, each code cell's source once as `<pre><code>`, each text
  output as `<pre>`, in notebook order, with no "In [n]:", "Out[n]:" or copy-button
  "Copied!" text. Its headings are then the page's top-level elements, so each
  section holds the cells under its heading, as on a Markdown page.
- No permalink "¶" (Markdown's `a.headerlink`, nbconvert's `a.anchor-link`) and no
  notebook download links (`p.notebook-links`, hooks/notebooks.py), which every
  page has and no query is looking for.

- No `<script>`, `<style>` or comments, and nothing before the title (a lab's page
  opens with mkdocs-jupyter's): Material skips their text anyway, but a tag or even
  blank text before the title opens a first section with no text of its own.

Tokenising code (`optimizer.zero_grad()` as "optimizer", "zero_grad") is the
search plugin's `separator` in mkdocs.yml.

Ranking. lunr, as Material sets it up, scores a word in a title 1000 times a word in
the text, and Material ranks a page whose own title matches above a section that does
(x5 against x2). So the page or section whose title names the query comes first, and
headings name what they define ("The mean squared error (MSE)"). Where several titles
match, Material's per-page `search: boost:` front matter decides. The chapter is read
in order and defines each term before later pages reuse it, so boosts fall along it:
training-data and hypothesis-and-cost 3, gradient-descent 2, training-loop and
under-the-hood 1.5, the Beyond pages and labs 1 (the default). The API reference
has 0.5: it names every function the pages teach, so a reader who types a concept
gets the page that teaches it first and the reference after it.
"""

import re

from bs4 import BeautifulSoup, Comment, Tag
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pymdownx.arithmatex import RE_DOLLAR_BLOCK, RE_DOLLAR_INLINE

# A lab's Markdown cells hold their formulas between $$...$$ and $...$ (hooks/formulas.py
# renders them); these are pymdownx.arithmatex's patterns for the same two, display first.
DOLLAR_MATH = re.compile(f"{RE_DOLLAR_BLOCK}|{RE_DOLLAR_INLINE}")
SEVERAL_TERMS = re.compile(r"[\s+\-/=<>·×]")
# Markdown's permalinks (a.headerlink) Material leaves out itself; nbconvert's it doesn't.
NOT_INDEXED = {"anchor-link", "notebook-links"}
MARKED = [*NOT_INDEXED, "arithmatex", "katex", "jp-Notebook"]
CELL_PARTS = ["jp-RenderedMarkdown", "jp-InputArea-editor", "jp-RenderedText"]  # nbconvert's


def fraction(node, l2tobj: LatexNodes2Text) -> str:
    """`\\frac{a}{b}` as "a/b", with parentheses around a part of several terms:
    `\\frac{2}{28/3}` reads "2/(28/3)", not "2/28/3"."""
    parts = [l2tobj.nodelist_to_text([arg]).strip() for arg in node.nodeargd.argnlist[-2:]]
    return "/".join(f"({part})" if SEVERAL_TERMS.search(part) else part for part in parts)


def math_to_text() -> LatexNodes2Text:
    context = get_default_latex_context_db()  # a new one each call, ours to extend
    fractions = [MacroTextSpec(name, simplify_repl=fraction) for name in ("frac", "dfrac", "tfrac")]
    context.add_context_category("readable-fractions", macros=fractions, prepend=True)
    # Keep the spaces the TeX has between symbols ("α = 0.01", not LaTeX's "α= 0.01").
    spaces = {"between-macro-and-chars": False, "between-latex-constructs": True}
    return LatexNodes2Text(latex_context=context, math_mode="text", strict_latex_spaces=spaces)


MATH = math_to_text()


def readable(tex: str) -> str:
    """TeX with its delimiters (`\\(W\\)`, `\\[...\\]`, `$...$`) as one line of text."""
    return " ".join(MATH.latex_to_text(tex).split())


def formula_text(formula: Tag) -> str:
    """A formula's readable text: from KaTeX's TeX annotation if it is rendered already,
    else from arithmatex's `\\(...\\)` or `\\[...\\]`."""
    annotation = formula.find("annotation", encoding="application/x-tex")
    return readable(f"\\({annotation.get_text()}\\)" if annotation else formula.get_text())


def dollar_math(match: re.Match) -> str:
    # RE_DOLLAR_INLINE also matches an escaped `\\` before a `$`: that is no math.
    return readable(match[0]) if match[0].endswith("$") else match[0]


def markdown_cell(cell: Tag) -> list[Tag]:
    """A rendered Markdown cell's HTML, its $...$ math as text."""
    for string in cell.find_all(string=DOLLAR_MATH):
        if string.find_parent(["code", "pre"]) is None:
            string.replace_with(DOLLAR_MATH.sub(dollar_math, str(string)))
    return [child for child in cell.children if isinstance(child, Tag)]


def flat_notebook(soup: BeautifulSoup, notebook: Tag) -> list[Tag]:
    """A notebook's cells in order as page HTML: Markdown cells' HTML, each code cell's
    source once as <pre><code>, each text output as <pre>; no prompts, no buttons."""
    flat: list[Tag] = []
    for element in notebook.find_all(class_=CELL_PARTS):
        if "jp-RenderedMarkdown" in element["class"]:
            flat.extend(markdown_cell(element))
            continue
        source = element.find("pre")  # Pygments' highlighted copy, or the output text
        if source is None:
            continue
        block = soup.new_tag("pre")
        if "jp-InputArea-editor" in element["class"]:
            block.append(soup.new_tag("code", string=source.get_text().strip("\n")))
        else:
            block.string = source.get_text().strip("\n")
        flat.append(block)
    return flat


def for_search(html: str) -> str:
    """The search view of a page's HTML (module docstring)."""
    if not any(name in html for name in MARKED):
        return html  # nothing to change: spare the parse
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(["script", "style"]):
        element.decompose()
    for comment in soup.find_all(string=lambda string: isinstance(string, Comment)):
        comment.extract()
    for element in soup.find_all(class_=MARKED):  # in document order
        classes = set(element["class"])
        if element.find_parent(class_=["arithmatex", "katex"]) is not None:
            continue  # a part of a formula, read with the formula
        if classes & NOT_INDEXED:
            element.decompose()
        elif "arithmatex" in classes and element.name == "div":  # display: a paragraph
            element.replace_with(soup.new_tag("p", string=formula_text(element)))
        elif classes & {"arithmatex", "katex"}:
            element.replace_with(formula_text(element))
        elif "jp-Notebook" in classes:
            wrapper = element.find_parent(class_="jupyter-wrapper") or element
            wrapper.replace_with(*flat_notebook(soup, element))
    return str(soup).lstrip()  # text before the title, even blank, opens a section


page_html: dict[str, str] = {}


@event_priority(100)  # before Material's search plugin (0) reads page.content
def _show_search_view(context: dict, page: Page, config: MkDocsConfig, nav: Navigation):
    page_html[page.file.src_uri] = page.content or ""
    page.content = for_search(page.content or "")
    return context


@event_priority(-100)  # after it: the page renders from its own HTML
def _restore_page(context: dict, page: Page, config: MkDocsConfig, nav: Navigation):
    page.content = page_html.pop(page.file.src_uri)
    return context


on_page_context = CombinedEvent(_show_search_view, _restore_page)

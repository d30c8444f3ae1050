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
- No figure code (`details.figure-code`, hooks/figure_code.py): linreg's source under a
  figure, collapsed, not what the page says.

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
gets the page that teaches it first and the reference after it. The Korean pages
keep the same front matter, so the same ranking holds there.

Korean (the Korean edition's build only: theme.language "ko", mkdocs.ko.yml). lunr
finds a query term as the start of an index word (Material appends `*`), and its
Korean support (lunr.ko, `search: lang: ko`) does not split words; a Korean word is a
noun with its particles written on, and compounds are written with or without spaces.
So "회귀" missed "선형회귀", "선형회귀" missed "선형 회귀", and "MSE" ranked the section
"MSE의 ..." first (mse의 a rarer word than mse). As Material does for Chinese (jieba
at build time, its `segment` in the search worker), both sides split words:

- The index. After Material's plugin has written `search/search_index.json`
  (`on_post_build`), each title and text gets U+200B (zero-width space: nothing to see
  in a result) where Kiwi (kiwipiepy) finds a word starting inside a run of letters:
  a compound's next noun, or what is written on a noun (particles, 이다, 하다):
  "선형회귀를" becomes 선형|회귀|를, "MSE의" MSE|의. mkdocs.ko.yml's separator splits at
  U+200B (the build fails otherwise). Latin words and code are never split ("zero_grad"
  stays whole), and a noun of one syllable stays with the noun before it (하강법).
  A compound Kiwi knows as one word stays whole (경사하강법 written without spaces is
  found as 경사하강법 or 경사, not as 하강법).
- The query. The Korean edition's search worker is search_worker_ko.js (`on_files`
  publishes it under the name of Material's worker, and Material's beside it): it
  splits each run of Hangul a reader types into the index's own words, the longest
  from the left ("선형회귀" -> 선형 회귀, "경사하강법을" -> 경사 하강법 을), then hands
  the query to Material's worker.
"""

import functools
import itertools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Comment, Tag
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pymdownx.arithmatex import RE_DOLLAR_BLOCK, RE_DOLLAR_INLINE

if TYPE_CHECKING:
    from kiwipiepy import Kiwi, Token

# A lab's Markdown cells hold their formulas between $$...$$ and $...$ (hooks/formulas.py
# renders them); these are pymdownx.arithmatex's patterns for the same two, display first.
DOLLAR_MATH = re.compile(f"{RE_DOLLAR_BLOCK}|{RE_DOLLAR_INLINE}")
SEVERAL_TERMS = re.compile(r"[\s+\-/=<>·×]")
# Markdown's permalinks (a.headerlink) Material leaves out itself; nbconvert's it doesn't.
# A figure's code (hooks/figure_code.py) is linreg's source, shown for reading, not the
# page's text: its names and strings would make every plotting word find that page.
NOT_INDEXED = {"anchor-link", "notebook-links", "figure-code"}
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
views: dict[str, tuple[str, str]] = {}  # a page's HTML and its search view, made ahead


@event_priority(-100)  # after the other hooks: the page's HTML as it will be
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Make the search view now: MkDocs renders the pages' Markdown while the figures
    are drawn and the labs run, and uses them only after, to write the pages. Done
    here, the view's seconds of HTML parsing fill that wait, not the build's last stretch."""
    views[page.file.src_uri] = (html, for_search(html))
    return html


@event_priority(100)  # before Material's search plugin (0) reads page.content
def _show_search_view(context: dict, page: Page, config: MkDocsConfig, nav: Navigation):
    html = page.content or ""
    page_html[page.file.src_uri] = html
    made, view = views.pop(page.file.src_uri, (None, ""))
    page.content = view if made == html else for_search(html)  # changed since: made anew
    return context


@event_priority(-100)  # after it: the page renders from its own HTML
def _restore_page(context: dict, page: Page, config: MkDocsConfig, nav: Navigation):
    page.content = page_html.pop(page.file.src_uri)
    return context


on_page_context = CombinedEvent(_show_search_view, _restore_page)


# --- Korean: words apart in the index, and in the query (the module docstring, "Korean") ---

WORD_BREAK = "\u200b"  # ZERO WIDTH SPACE: invisible in results, a separator in mkdocs.ko.yml
HANGUL = re.compile(r"[\uac00-\ud7a3]")  # a Hangul syllable
MARKUP = re.compile(r"<[^>]*>|&\w+;")  # what Material keeps in an entry besides text
NOT_SPACE = re.compile(r"\S+")
BRACKETS = re.compile(r"[()\[\]{}\"'“”‘’]")
NOUNS = {"NNG", "NNP", "NR", "NP"}  # Kiwi's (Sejong) tags: common, proper, numeral, pronoun
# A noun's attachments that are not part of it: particles (J*), the copula 이다, and the
# 하다/되다 that makes a verb of a noun ("계산합니다").
ATTACHED = {"VCP", "XSV", "XSA"}
WORKER = Path(__file__).with_name("search_worker_ko.js")
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.\w+\.min\.js")


def is_korean(config: MkDocsConfig) -> bool:
    """Whether this build is the Korean edition (mkdocs.ko.yml: theme.language ko)."""
    return config.theme["language"] == "ko"


@functools.cache
def kiwi() -> "Kiwi":
    """Kiwi, the Korean morphological analyser, loaded once per build. Without its
    multi-word and typo dictionaries: it reads the site's index the same without them
    (every break in the same place), and is ready in half the CPU time (2.3 s, not 5)."""
    from kiwipiepy import Kiwi  # the Korean build's only: English builds never load it

    return Kiwi(load_multi_dict=False, load_typo_dict=False)


def starts_a_word(text: str, before: "Token", token: "Token") -> bool:
    """Whether `token` starts a word of its own inside a run of letters: a noun of two
    or more syllables after what it is written against ("선형회귀" -> 회귀), or a
    particle, the copula or a verb-making 하다 after a noun ("회귀를" -> 를).
    A noun of one syllable stays with the noun before it: 하강법 (하강 + 법),
    데이터셋, 손실값 are words readers type whole."""
    at = token.start
    if at != before.start + before.len or not text[at - 1].isalnum():
        return False  # after a space or a sign, or inside a contraction ("했" = 하 + 었)
    if not HANGUL.match(text[at]):
        return False  # Latin and digits: zero_grad is one word, whatever Kiwi says
    if token.tag in NOUNS:
        return token.len >= 2
    return token.tag.startswith("J") or token.tag in ATTACHED


def blank(match: re.Match) -> str:
    return " " * len(match[0])


def for_kiwi(text: str) -> str:
    """An index entry's title or text (text, Material's few tags and entities: <p>,
    <code>, &lt; ...) as Kiwi reads it: only the space-separated runs that hold Hangul,
    without brackets and quotes, the rest blanked out at the same length, so Kiwi's
    positions are the text's. Code and Latin words are no work for Kiwi (a quarter of
    the time for the whole index). A word alone in brackets, Kiwi takes for a name
    ("(학습률의)" as one proper noun); without them, it reads 학습률 + 의."""
    text = BRACKETS.sub(" ", MARKUP.sub(blank, text))
    return NOT_SPACE.sub(lambda run: run[0] if HANGUL.search(run[0]) else blank(run), text)


def break_words(texts: list[str]) -> list[str]:
    """Each text with U+200B where a word starts inside a run of letters (`starts_a_word`)."""
    broken = []
    for text, tokens in zip(texts, kiwi().tokenize([for_kiwi(t) for t in texts]), strict=True):
        starts = [
            token.start
            for before, token in itertools.pairwise(tokens)
            if starts_a_word(text, before, token)
        ]
        pieces = [text[i:j] for i, j in itertools.pairwise([0, *starts, len(text)])]
        broken.append(WORD_BREAK.join(pieces))
    return broken


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Korean build: publish search_worker_ko.js as Material's search worker, whose URL
    the theme's pages name, and Material's worker beside it as material.<name>, which
    search_worker_ko.js loads once it has taken over the worker's messages."""
    if not is_korean(config):
        return files
    (material,) = [file for file in files if MATERIAL_WORKER.fullmatch(file.src_uri)]
    folder, name = material.src_uri.rsplit("/", 1)
    wrapper = WORKER.read_text("utf-8").replace("{material_worker}", f"material.{name}")
    files.remove(material)
    files.append(File.generated(config, material.src_uri, content=wrapper))
    files.append(
        File.generated(config, f"{folder}/material.{name}", abs_src_path=material.abs_src_path)
    )
    return files


@event_priority(-100)  # after Material's search plugin (0) has written the index
def on_post_build(config: MkDocsConfig) -> None:
    """Korean build: break the index's words apart (`break_words`), in every title and
    text; the index must split at U+200B, as mkdocs.ko.yml's separator says."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not is_korean(config) or not path.exists():  # English, or a build without search
        return
    index = json.loads(path.read_text("utf-8"))
    if re.split(index["config"]["separator"], f"a{WORD_BREAK}b") != ["a", "b"]:
        raise PluginError(
            "The Korean search index must split words at U+200B: add \\u200b to the "
            "search plugin's separator in mkdocs.ko.yml (hooks/search.py, 'Korean')."
        )
    docs = index["docs"]
    texts = break_words([doc[field] for doc in docs for field in ("title", "text")])
    for doc, title, text in zip(docs, texts[0::2], texts[1::2], strict=True):
        doc["title"], doc["text"] = title, text
    # As Material writes it: compact, non-ASCII as \u escapes.
    path.write_text(json.dumps(index, separators=(",", ":")), "utf-8")

"""MkDocs hook: every chapter page and lab as a Jupyter notebook, built from its own source.

For each page in the nav sections of NOTEBOOK_SECTIONS, the build writes
`notebooks/<page>.ipynb` next to the site's files and puts two links under the
page's title: "Download notebook" and "Open in Colab". Nothing is written by hand:

- A Markdown page is read by jupytext. MkDocs-only syntax is first turned into
  plain CommonMark, which is all this hook converts itself: ```` ```py ```` fences
  become ```` ```python ```` (jupytext's Python cells), admonitions become a bold
  title over their body with the four-space indent removed (so the code in a
  `??? success "Solution"` is a cell too), and relative links point at the
  published site. Blocks the doc tests skip (```` ```{.py test="skip: ..."} ````)
  and non-Python blocks stay Markdown text; `#>` output comments stay as comments.
  A heading's anchor (`## Title { #anchor }`, attr_list) is dropped.
  Multi-line output, which a page shows as a bare triple-quoted string after the `print`
  (pytest-examples' format), becomes `#>` comment lines too: in a notebook a bare
  string that ends a cell is echoed as the cell's `Out[]` value, a second copy of
  what the `print` already printed.
- A lab (a jupytext percent-format `.py` under docs/labs/) is read by jupytext.

Every notebook starts with INSTALL_CELL: it installs linreg from the repository
only when the kernel cannot import it, so it does so in Colab or a bare Jupyter
and is a no-op where linreg is installed (the tests, a developer's venv). A Korean
notebook's next cell sets `%env LINREG_LANG=ko` (LANGUAGE_CELL), so its figures are
drawn in Korean, in Colab as on the site.

Colab opens notebooks from GitHub, so "Open in Colab" points at the copy the Pages
workflow publishes with the rest of the site: the `gh-pages` branch of repo_url
(see README, "Notebooks").

The Korean edition (mkdocs.ko.yml) gets its own notebooks from its own pages, with
Korean link text (LINK_TEXT, by theme.language); its site is published under ko/
(`extra.edition_dir`), so its Colab links point at `ko/notebooks/...` on gh-pages.
"""

import ast
import os
import posixpath
import re
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

import jupytext
import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

# mkdocs-jupyter runs the labs through nbconvert, which reads Jupyter's config path: ours
# asks for an encrypted kernel connection, which also keeps ipykernel from printing a
# "WARNING" about plain TCP into the strict build's output.
JUPYTER_CONFIG = Path(__file__).parent / "jupyter"
os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
    filter(None, [str(JUPYTER_CONFIG), os.environ.get("JUPYTER_CONFIG_PATH")])
)

# The nav sections whose pages get a notebook, by their titles in mkdocs.yml and in
# mkdocs.ko.yml (the Korean edition's nav).
NOTEBOOK_SECTIONS = (
    *("The chapter", "Beyond the notes", "Does it generalise?", "Labs"),
    *("본문", "더 나아가기", "일반화와 실전", "실습"),
)
NOTEBOOK_DIR = "notebooks"
PUBLISHED_BRANCH = "gh-pages"  # where .github/workflows/pages.yml pushes the built site
# The links' words, by the edition's language (theme.language).
LINK_TEXT = {
    "en": {"download": "Download notebook", "colab": "Open in Colab", "source": "Source (.py)"},
    "ko": {"download": "노트북 내려받기", "colab": "Colab에서 열기", "source": "소스 (.py)"},
}

INSTALL_CELL = """\
# Colab or a fresh kernel: install linreg (the package this notebook imports) unless it is here.
# Colab already has PyTorch. A bare Jupyter on Linux without it would get PyTorch's CUDA build
# from PyPI (several GB): for the CPU build, which is all this notebook needs, add
# --extra-index-url https://download.pytorch.org/whl/cpu to the %pip line below.
import importlib.util

if importlib.util.find_spec("linreg") is None:
    %pip install --quiet "linreg @ git+{repo_url}"
"""

ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?) *([\w-]+)(?: +"([^"]*)")? *$')
PY_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}) *(?:py|python)\b[^{\n]*$", re.MULTILINE)
LINK = re.compile(r"(!?\[[^\]]*\]\()([^)\s]+)(\))")
CELL_MAGIC = re.compile(r"^%%(\w+)\n")
HEADING_ATTRIBUTES = re.compile(r"^(#{1,6} .*?) *\{:? *#[\w-]+ *\} *$", re.MULTILINE)
# A notebook of another edition than English draws its figures in that language:
# linreg.plots reads LINREG_LANG at every call (the site's build sets it the same way).
LANGUAGE_CELL = {
    "ko": "# 그림의 글자를 한국어로 (linreg.plots가 LINREG_LANG을 읽습니다)\n%env LINREG_LANG=ko",
}
KERNEL_METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def plain_admonitions(markdown: str) -> str:
    """Admonitions as a bold title line over their body, dedented (nested ones too)."""
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = ADMONITION.match(lines[i])
        if match is None:
            out.append(lines[i])
            i += 1
            continue
        kind, title = match.groups()
        body = []
        i += 1
        while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
            body.append(lines[i])
            i += 1
        out += [f"**{title if title is not None else kind.capitalize()}**", ""]
        out += plain_admonitions(textwrap.dedent("\n".join(body))).split("\n")
    return "\n".join(out)


def absolute_links(markdown: str, resolve: Callable[[str], str]) -> str:
    """Every relative link or image target replaced by `resolve(target)`."""

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        if urlsplit(target).scheme or target.startswith(("#", "/")):
            return match.group(0)
        return match.group(1) + resolve(target) + match.group(3)

    return LINK.sub(replace, markdown)


def output_strings_as_comments(source: str) -> str:
    """Each bare string statement that starts with a newline, as `#>` comment lines.

    That is how pytest-examples writes multi-line output under a `print` (and how
    tests/snippets.py reads it back): the string's lines, less the newline it opens
    with and the indent of its statement, are the printed lines. A statement that
    shares a line with other code, and source that does not parse, stay as they are.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    lines = source.split("\n")
    for node in sorted(ast.walk(tree), key=lambda n: getattr(n, "lineno", 0), reverse=True):
        if not (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            and node.value.value.startswith("\n")
            and node.end_lineno is not None
            and node.end_col_offset is not None
        ):
            continue
        first, last = node.lineno - 1, node.end_lineno - 1
        before = lines[first].encode()[: node.col_offset]  # ast offsets count UTF-8 bytes
        after = lines[last].encode()[node.end_col_offset :].strip()
        if before.strip() or (after and not after.startswith(b"#")):
            continue
        indent = " " * node.col_offset
        text = node.value.value[1:].removesuffix("\n" + indent)
        comments = [
            (f"{indent}#> {line}" if line else f"{indent}#>")
            for line in (line.removeprefix(indent) for line in text.split("\n"))
        ]
        lines[first : last + 1] = comments
    return "\n".join(lines)


def finish(
    notebook: nbformat.NotebookNode, repo_url: str, language: str = "en"
) -> nbformat.NotebookNode:
    """The install cell first (then the edition's language cell, if it has one), stable
    cell ids, kernel metadata only; validated."""
    setup = [INSTALL_CELL.format(repo_url=repo_url).rstrip("\n")]
    setup += [LANGUAGE_CELL[language]] if language in LANGUAGE_CELL else []
    notebook.cells[:0] = [nbformat.v4.new_code_cell(source) for source in setup]
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"
        cell.metadata = {}
    notebook.metadata = nbformat.from_dict(KERNEL_METADATA)
    nbformat.validate(notebook)
    return notebook


def markdown_notebook(
    markdown: str,
    *,
    repo_url: str,
    resolve: Callable[[str], str] = lambda target: target,
    language: str = "en",
) -> nbformat.NotebookNode:
    """The notebook of a MkDocs Markdown page: its prose and its Python blocks, in order."""
    body, _ = get_data(markdown)  # drop YAML front matter, as MkDocs does
    body = HEADING_ATTRIBUTES.sub(r"\1", body)
    text = PY_FENCE.sub(r"\1\2python", absolute_links(plain_admonitions(body), resolve))
    notebook = jupytext.reads(text, fmt="md")
    for index, cell in enumerate(notebook.cells):
        magic = CELL_MAGIC.match(cell.source) if cell.cell_type == "code" else None
        if magic is not None:  # another language's block: text to read, never to run
            code = cell.source[magic.end() :]
            notebook.cells[index] = nbformat.v4.new_markdown_cell(
                f"```{magic.group(1)}\n{code}\n```"
            )
        elif cell.cell_type == "code":
            cell.source = output_strings_as_comments(cell.source)
    return finish(notebook, repo_url, language)


def lab_notebook(source: str, *, repo_url: str, language: str = "en") -> nbformat.NotebookNode:
    """The notebook of a lab written in jupytext's percent format (heading anchors,
    which a Korean lab gives its headings, dropped as on a Markdown page)."""
    notebook = jupytext.reads(source, fmt="py:percent")
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = HEADING_ATTRIBUTES.sub(r"\1", cell.source)
    return finish(notebook, repo_url, language)


def published_dir(config: MkDocsConfig) -> str:
    """Where the edition sits in the published site: "" for English (the root), "ko/"
    for Korean (`extra.edition_dir` in mkdocs.ko.yml)."""
    return config.extra.get("edition_dir", "")


def notebook_path(page_src_uri: str) -> str:
    """docs/<dir>/<name>.md or .py -> notebooks/<dir>/<name>.ipynb."""
    return posixpath.join(NOTEBOOK_DIR, posixpath.splitext(page_src_uri)[0] + ".ipynb")


def colab_url(repo_url: str, path: str) -> str:
    """Colab's URL for a notebook at `path` on the published branch of repo_url's repository."""
    owner_repo = urlsplit(repo_url).path.strip("/").removesuffix(".git")
    return f"https://colab.research.google.com/github/{owner_repo}/blob/{PUBLISHED_BRANCH}/{path}"


def notebook_pages(items: Iterable[object], in_section: bool = False) -> list[Page]:
    """The pages under the nav sections named in NOTEBOOK_SECTIONS, in nav order."""
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Section):
            inside = in_section or item.title in NOTEBOOK_SECTIONS
            pages += notebook_pages(item.children, inside)
        elif in_section and isinstance(item, Page):
            pages.append(item)
    return pages


def _resolver(page: Page, files: Files, site_url: str) -> Callable[[str], str]:
    """Turn a link relative to the page's source into a URL on the published site."""

    def resolve(target: str) -> str:
        path, _, anchor = target.partition("#")
        src = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path))
        linked = files.get_file_from_path(src)
        url = linked.url if linked is not None else src
        return site_url + url + (f"#{anchor}" if anchor else "")

    return resolve


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    site_url = config.site_url or "/"
    site_url += "" if site_url.endswith("/") else "/"
    repo_url = config.repo_url or ""
    language = config.theme["language"]
    for page in notebook_pages(nav.items):
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        if page.file.src_uri.endswith(".py"):
            notebook = lab_notebook(source, repo_url=repo_url, language=language)
        else:
            resolve = _resolver(page, files, site_url)
            notebook = markdown_notebook(
                source, repo_url=repo_url, resolve=resolve, language=language
            )
        path = notebook_path(page.file.src_uri)
        files.append(File.generated(config, path, content=nbformat.writes(notebook) + "\n"))
        page.notebook_path = path  # type: ignore[attr-defined]
    return nav


# mkdocs-jupyter renders a lab with nbconvert's template, which would load MathJax from
# the (empty) custom_mathjax_url and Mermaid from a CDN; the site has its own KaTeX.
FOREIGN_SCRIPTS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r"|<script type=\"module\">\s*document\.addEventListener\(\"DOMContentLoaded\", async"
    r".*?</script>",
    re.DOTALL,
)


def notebook_links(page: Page, repo_url: str, published: str = "", language: str = "en") -> str:
    """The row of links under a page's title: download, Colab, and a lab's .py source,
    in the edition's language; `published` is the edition's folder in the site."""
    path = page.notebook_path  # type: ignore[attr-defined]
    text = LINK_TEXT[language]
    links = [
        f'<a class="md-button" href="{get_relative_url(path, page.url)}" download>'
        f"{text['download']}</a>",
        f'<a class="md-button" href="{colab_url(repo_url, published + path)}">{text["colab"]}</a>',
    ]
    if getattr(page, "nb_url", None):  # set by mkdocs-jupyter's include_source
        source = posixpath.basename(page.file.src_uri)
        links.append(f'<a class="md-button" href="{source}" download>{text["source"]}</a>')
    return '<p class="notebook-links">' + "\n".join(links) + "</p>"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = FOREIGN_SCRIPTS.sub("", html)
    # A lab's code cells scroll sideways; a keyboard can only scroll what takes focus.
    html = html.replace('<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb')
    if not hasattr(page, "notebook_path"):
        return html
    language = config.theme["language"]
    links = notebook_links(page, config.repo_url or "", published_dir(config), language)
    head, h1_end, rest = html.partition("</h1>")
    return head + h1_end + links + rest if h1_end else links + html

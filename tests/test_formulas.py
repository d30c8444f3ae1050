"""Math rendered at build time (hooks/formulas.py), read from the built site.

Every formula a page's Markdown (a lab's Markdown cells) holds is KaTeX markup in
the built HTML, inside its `.arithmatex` element, and no page loads math JavaScript.
The hook itself: bad TeX fails naming the page and the TeX; a lab's `$` is math in
its Markdown cells only; the V8 context is closed however a build ends.
"""

import copy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from py_mini_racer import MiniRacer

from tests.support import (
    RAW_TEX,
    ROOT,
    SITE_PAGES,
    built_soup,
    formulas_in_source,
    load_hook,
    page_html,
    url_path,
)

HOOK = ROOT / "hooks/formulas.py"
KATEX = ROOT / "docs/assets/katex"


@pytest.fixture
def hook():
    module = load_hook("formulas")
    yield module
    module.close()


def page(src_uri: str) -> SimpleNamespace:
    """What on_post_page reads of a page: its source path."""
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


@pytest.mark.parametrize("source", SITE_PAGES, ids=lambda p: url_path(p) or "index")
def test_every_formula_became_katex_markup(source: Path, built_site: Path) -> None:
    article = built_soup(page_html(built_site, source)).select_one("article")
    assert article is not None
    formulas = article.select(".arithmatex")
    assert [f.get_text()[:80] for f in formulas if f.select_one(".katex") is None] == []
    assert [e.get_text() for e in article.select(".katex-error")] == []
    assert len(article.select(".katex")) >= len(formulas_in_source(source))
    article = copy.copy(article)  # the shared parse stays whole
    for hidden in article.select(".katex-mathml, pre, code, script, style"):
        hidden.decompose()  # code, and KaTeX's MathML copy with its TeX annotation
    assert RAW_TEX.findall(article.get_text()) == [], "TeX left as text in the article"


def test_no_page_loads_math_javascript(built_site: Path) -> None:
    scripts = {
        str(html.relative_to(built_site)): [
            script["src"]
            for script in built_soup(html).select("script[src]")
            if "katex" in script["src"] or "auto-render" in script["src"]
        ]
        for html in built_site.rglob("*.html")
    }
    assert {page: found for page, found in scripts.items() if found} == {}
    published = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*")}
    assert not {p for p in published if "katex" in p and p.endswith(".js")}
    # What shows the pre-rendered math stays: KaTeX's stylesheet and its fonts.
    assert "assets/katex/katex.min.css" in published
    assert any(p.startswith("assets/katex/fonts/") for p in published)


def test_katex_at_build_is_the_version_of_the_css(hook) -> None:
    version = hook.katex().eval("katex.version")
    assert version == (KATEX / "VERSION").read_text().strip()
    # The stylesheet names its version in the rule KaTeX's version element shows.
    css = (KATEX / "katex.min.css").read_text("utf-8")
    assert f'.katex-version:after{{content:"{version}"}}' in css


def test_bad_tex_fails_naming_the_page_and_the_tex(hook) -> None:
    with pytest.raises(PluginError) as error:
        hook.render(r"\frac{1}{", False, "docs/gradient-descent.md")
    assert "docs/gradient-descent.md" in str(error.value)
    assert r"\frac{1}{" in str(error.value)
    assert "KaTeX parse error" in str(error.value)


def test_bad_tex_on_a_page_fails_its_build(hook) -> None:
    output = r'<p>a <span class="arithmatex">\(x^{\)</span></p>'
    with pytest.raises(PluginError, match=r"docs/closed-form\.md: .*'x\^\{'"):
        hook.on_post_page(output, page("closed-form.md"), None)


def test_what_strict_katex_rejects_fails_too(hook) -> None:
    # In the browser this was a console warning; at build time it is an error.
    with pytest.raises(PluginError, match="strict"):
        hook.render("café", False, "docs/index.md")


def test_formula_keeps_its_arithmatex_element(hook) -> None:
    output = (
        r'<p><span class="arithmatex">\(a &lt; b\)</span></p>'
        r'<div class="arithmatex">\[\sum_i x_i\]</div>'
    )
    built = hook.on_post_page(output, page("index.md"), None)
    soup = BeautifulSoup(built, "html.parser")
    inline, display = soup.select(".arithmatex")
    assert inline.name == "span" and inline.select_one(".katex-display") is None
    assert display.name == "div" and display.select_one(".katex-display .katex")
    annotations = [a.get_text() for a in soup.select("annotation")]
    assert annotations == ["a < b", r"\sum_i x_i"]


def test_lab_dollars_are_math_only_in_markdown_cells(hook) -> None:
    output = """
<p>Prose of the site: it costs $5 and $6.</p>
<div class="jupyter-wrapper">
<div class="jp-MarkdownOutput"><p>A line $H(x) = Wx + b$, and
$$\\frac{a}{b}$$ <code>$W$ in code</code></p></div>
<div class="jp-OutputArea"><pre>printed: $1 and $2</pre></div>
</div>"""
    built = hook.on_post_page(output, page("labs/lab.py"), None)
    soup = BeautifulSoup(built, "html.parser")
    cell = soup.select_one(".jp-MarkdownOutput")
    formulas = [a.get_text() for a in cell.select("annotation")]
    assert formulas == [r"H(x) = Wx + b", r"\frac{a}{b}"]
    assert len(cell.select(".arithmatex > .katex-display")) == 1
    assert cell.code.get_text() == "$W$ in code"
    assert soup.pre.get_text() == "printed: $1 and $2"
    assert soup.p.get_text() == "Prose of the site: it costs $5 and $6."


@pytest.mark.parametrize(
    "end",
    [
        lambda hook: hook.on_post_build(config=None),
        lambda hook: hook.on_build_error(error=PluginError("a failed build")),
        lambda hook: hook.on_shutdown(),
    ],
    ids=["after a build", "after a failed build", "when serve stops"],
)
def test_engine_is_closed_when_a_build_ends(hook, end) -> None:
    hook.render("x^2", False, "docs/index.md")
    engine = hook._katex
    closing = mock.patch.object(MiniRacer, "close", autospec=True, side_effect=MiniRacer.close)
    with closing as close:
        end(hook)
    close.assert_called_once_with(engine)
    assert hook._katex is None
    hook.render("x^2", False, "docs/index.md")  # the next build (serve) opens a new one
    assert hook._katex is not None and hook._katex is not engine


def test_interpreter_exits_even_if_no_build_end_closed_the_engine() -> None:
    # Left open, V8's context can hang the interpreter at exit (3 runs in 4 here):
    # the hook closes it at exit too.
    program = f"""
import importlib.util
spec = importlib.util.spec_from_file_location("formulas_hook", {str(HOOK)!r})
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)
print(hook.render("x^2", False, "docs/index.md")[:22])
"""
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, timeout=60
        )
        assert (done.returncode, done.stdout) == (0, '<span class="katex"><s\n')

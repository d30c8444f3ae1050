"""The figures of the Korean edition (issue 11): with LINREG_LANG=ko, every figure is the
English one with its words in Korean, drawn from the font linreg ships.

- No English word is left in any text a Korean figure shows (titles, axis labels,
  legends, annotations, tick labels) or in its artists' labels: only numbers, symbols
  the pages use (W, b, x, y, H, lr) and code (`nn.Linear`, `batch_size`, `cost(W)`).
- The catalogue (linreg/plots/_language.py) has no entry that no figure shows.
- Drawing a Korean figure, to SVG or PNG, warns of no missing glyph: no tofu.
- Its SVG draws every glyph as an outline (no `<text>`, so a reader needs no font),
  the Hangul ones from Noto Sans KR, and is the size of the English SVG, so the page
  scales its text as much as the English one's (tests/browser/test_figures.py).
- A Korean figure holds the English figure's lines, points, colours and text sizes,
  each text being the catalogue's translation of the English one: what the tests of
  the alt text (test_plots*.py) and of colours (test_figure_colours.py) prove of the
  English figure holds for it. Translating a figure drawn in English gives the same.
- Every text lies inside the figure, in both languages (Hangul is wider than Latin).
- LINREG_LANG is read at each call and a wrong value is refused; a lab executed with
  LINREG_LANG=ko in its kernel's environment draws Korean figures.
"""

import functools
import io
import os
import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from unittest import mock

import jupytext
import numpy as np
import pytest
from matplotlib.artist import Artist
from matplotlib.axis import Tick
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from nbclient import NotebookClient

from linreg import plots
from linreg.plots import _language
from linreg.plots._style import KOREAN_FONT
from tests.reference import MINI_BATCHES_LAB_RUNS, default_figure, mini_batches_lab_figure
from tests.support import DOCS, ROOT


def _cost_history_with_threshold(lang: str) -> Figure:
    """The one text no page's figure shows: cost_history's threshold line."""
    with plots.language(lang):
        return plots.cost_history([4.0, 1.0, 0.25], threshold=0.5)


# The figures the site shows (pages and labs), and a call for each other text the plot
# functions write: a reader's own call shows no text these do not.
FIGURES: dict[str, Callable[[str], Figure]] = {
    **{name: lambda lang, name=name: default_figure(name, lang) for name in plots.__all__},
    "cost_history (mini-batches lab)": mini_batches_lab_figure,
    "cost_history (threshold)": _cost_history_with_threshold,
}
# The same figures, each call a new one (FIGURES shares one drawing a test process).
NEW_FIGURES: dict[str, Callable[[str], Figure]] = {
    **{
        name: lambda lang, name=name: default_figure.__wrapped__(name, lang)
        for name in plots.__all__
    },
    "cost_history (mini-batches lab)": mini_batches_lab_figure.__wrapped__,
    "cost_history (threshold)": _cost_history_with_threshold,
}

HANGUL = re.compile("[\uac00-\ud7a3]")
NUMBER = re.compile(r"[-+\u2212]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?")
# What a Korean figure may still show in Latin letters: the symbols and names of code
# the pages show in both editions: torch.optim.SGD and torch.optim.Adam are written so
# in Korean as well.
SYMBOLS = {"lr", "lstsq", "SGD", "Adam"}
WORD = re.compile(r"[A-Za-z][A-Za-z_.]*(?P<call>\()?")


def english_words(text: str) -> list[str]:
    """The words of `text` that are English: not a number, a letter standing for a
    quantity (W, b, x), code (a name with _ or ., or called: `cost(W)`) or in SYMBOLS."""
    text = re.sub(r"\$[^$]*\$", " ", text)  # mathtext: tick labels such as $10^{3}$
    text = NUMBER.sub(" ", text)
    return [
        word.group()
        for word in WORD.finditer(text)
        if len(word.group()) > 1
        and not word.group("call")
        and not re.search(r"[_.]", word.group())
        and word.group() not in SYMBOLS
    ]


def test_english_words_are_found_and_code_is_not() -> None:
    assert english_words("cost (log scale)") == ["cost", "log", "scale"]
    assert english_words("lr = 0.1: epoch 90") == ["epoch"]
    assert english_words("에포크 1e-05 nn.Linear(1, 1) cost(W), b = 0 batch_size") == []
    assert english_words("$\\mathdefault{10^{3}}$ lr = 5e-05 (lstsq) H(x) = 13x + 1") == []


def shown_texts(fig: Figure) -> list[str]:
    """Every text the figure shows once drawn (tick labels exist only then), and every
    artist's label (what a legend drawn later would show)."""
    FigureCanvasAgg(fig).draw()
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    labels = [a.get_label() for a in fig.findobj() if not isinstance(a, Text)]
    # (an Axis's "label" is its label's Text, found above)
    return texts + [s for s in labels if isinstance(s, str) and s and not s.startswith("_")]


@pytest.mark.parametrize("figure", FIGURES)
def test_a_korean_figure_has_no_english_word(figure: str) -> None:
    left = {text: english_words(text) for text in shown_texts(FIGURES[figure]("ko"))}
    assert {text: words for text, words in left.items() if words} == {}


def test_the_catalogue_has_no_unused_entry() -> None:
    """Each entry matches a text some English figure shows; the Korean figures show
    Hangul (the catalogue is used at all)."""
    english = {text for figure in FIGURES.values() for text in shown_texts(figure("en"))}
    patterns = dict(zip(_language.KOREAN, _language._patterns("ko"), strict=True))
    unused = [
        key
        for key, (pattern, _) in patterns.items()
        if not any(pattern.fullmatch(text) for text in english)
    ]
    assert unused == []
    assert any(HANGUL.search(text) for text in shown_texts(default_figure("train_points", "ko")))


def test_the_lab_names_the_runs_as_the_tests_do() -> None:
    """MINI_BATCHES_LAB_RUNS stands for the lab's own runs in these tests."""
    lab = (DOCS / "labs" / "mini-batches.py").read_text("utf-8")
    assert all(f'"{name}":' in lab for name in MINI_BATCHES_LAB_RUNS)


def test_translate_fills_in_numbers_and_names() -> None:
    ko = _language.translate_text
    assert ko("epoch 1000", "ko") == "에포크 1000"
    assert ko("threshold 0.001", "ko") == "기준값 0.001"
    assert ko("full batch (5): diverged", "ko") == "전체 배치 (5): 발산"
    assert ko("epoch (one pass over all 1000 samples)", "ko").startswith("에포크 (")
    assert ko("epoch many", "ko") == "epoch many", "{n} is a number, nothing else"
    assert ko("my run", "ko") == "my run" and ko("epoch 3", "en") == "epoch 3"


def _saved_with_glyph_warnings(fig: Figure, fmt: str) -> tuple[str, list[str]]:
    """The figure saved as `fmt` (SVG text; "" for PNG), and the missing-glyph warnings
    drawing it gave."""
    buffer = io.StringIO() if fmt == "svg" else io.BytesIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    return (buffer.getvalue() if fmt == "svg" else ""), missing


@functools.cache
def korean_svg(figure: str) -> tuple[str, list[str]]:
    """FIGURES[figure] in Korean as SVG, and its missing-glyph warnings: drawn once a test
    process for the two tests that read it."""
    return _saved_with_glyph_warnings(FIGURES[figure]("ko"), "svg")


@pytest.mark.parametrize("figure", FIGURES)
def test_a_korean_figure_misses_no_glyph(figure: str) -> None:
    png_warnings = _saved_with_glyph_warnings(FIGURES[figure]("ko"), "png")[1]
    assert korean_svg(figure)[1] + png_warnings == []


def test_a_missing_glyph_is_caught() -> None:
    """The check above sees tofu: a glyph no font has (Linear B) warns, in both formats."""
    fig = Figure()
    fig.text(0.5, 0.5, "\U00010000")
    for fmt in ("svg", "png"):
        assert any("Glyph 65536" in m for m in _saved_with_glyph_warnings(fig, fmt)[1]), fmt


def test_the_font_has_every_hangul_syllable() -> None:
    """A reader's own Korean labels draw too, not just the catalogue's."""
    assert findfont(FontProperties(family="Noto Sans KR"), fallback_to_default=False) == str(
        KOREAN_FONT
    )
    charmap = FT2Font(str(KOREAN_FONT)).get_charmap()
    assert all(code in charmap for code in range(0xAC00, 0xD7A4))
    assert (KOREAN_FONT.parent / "OFL.txt").read_text("utf-8").count("SIL Open Font License")


def svg_of(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


@pytest.mark.parametrize("figure", FIGURES)
def test_a_korean_svg_draws_glyphs_as_outlines(figure: str) -> None:
    ko, en = korean_svg(figure)[0], svg_of(FIGURES[figure]("en"))
    root = ET.fromstring(ko)
    assert root.findall(".//{http://www.w3.org/2000/svg}text") == []
    # Hangul only in the comments matplotlib writes above each text's outlines
    assert not HANGUL.search(re.sub(r"<!--.*?-->", "", ko, flags=re.S))
    hangul_texts = re.findall(r"<!-- (.*?) -->", ko, flags=re.S)
    if any(HANGUL.search(text) for text in hangul_texts):
        assert re.search(r'<path id="NotoSansKR-Regular-[0-9a-f]+"', ko), "from Noto Sans KR"
    size = [root.attrib[key] for key in ("width", "height", "viewBox")]
    assert size == [ET.fromstring(en).attrib[key] for key in ("width", "height", "viewBox")]


def content(artist: Artist) -> Iterator[Artist]:
    """An artist and all it holds, but the axes' ticks: where ticks fall and how many
    there are depends on the room the axes get, which longer labels take from them."""
    yield artist
    for child in artist.get_children():
        if not isinstance(child, Tick):
            yield from content(child)


def _data(values: object) -> str:
    """Array values as text, where NaN (a diverged run's end) equals NaN."""
    return str(np.asarray(values).tolist())


def _drawn(artist: Artist) -> tuple:
    """What an artist draws besides its words: data, colours, styles, text size."""
    if isinstance(artist, Text):
        return (type(artist).__name__, artist.get_fontsize(), _data(artist.get_color()))
    if isinstance(artist, Line2D):
        return (
            "Line2D",
            _data(artist.get_xydata()),
            _data(artist.get_color()),
            artist.get_linestyle(),
            artist.get_marker(),
            _data(artist.get_linewidth()),
        )
    if isinstance(artist, Collection):
        return (
            type(artist).__name__,
            [_data(path.vertices) for path in artist.get_paths()],
            _data(artist.get_offsets()),
            _data(artist.get_facecolor()),
            _data(artist.get_edgecolor()),
        )
    return (type(artist).__name__,)


def _texts(fig: Figure) -> list[str]:
    return [a.get_text() for a in content(fig) if isinstance(a, Text)]


def _views(fig: Figure) -> list[tuple]:
    return [(ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale()) for ax in fig.axes]


def same_but_words(ko: Figure, en: Figure) -> None:
    """`ko` draws what `en` draws, and each of its texts is the translation of en's."""
    assert [_drawn(a) for a in content(ko)] == [_drawn(a) for a in content(en)]
    assert _views(ko) == _views(en)
    assert _texts(ko) == [_language.translate_text(text, "ko") for text in _texts(en)]


@pytest.mark.parametrize("figure", FIGURES)
def test_a_korean_figure_is_the_english_one_in_other_words(figure: str) -> None:
    same_but_words(FIGURES[figure]("ko"), FIGURES[figure]("en"))


def test_translating_a_drawn_english_figure_gives_the_korean_one() -> None:
    """One drawing serves both editions (hooks/figures.py): draw and save in English,
    translate, save again."""
    fig = plots.cost_panels()
    svg_of(fig)
    plots.translate(fig, "ko")
    same_but_words(fig, default_figure("cost_panels", "en"))
    assert _texts(fig) == _texts(default_figure("cost_panels", "ko"))
    assert shown_texts(fig) == shown_texts(default_figure("cost_panels", "ko"))


def drawn_texts(fig: Figure) -> list[tuple[Text, Bbox]]:
    """Each text drawing the figure draws, with its box in pixels.

    Not every Text of a figure is drawn: an axis keeps tick labels beyond its limits."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    drawn = []
    draw_text = Text.draw

    def draw(text: Text, renderer: RendererBase) -> None:
        if text.get_visible() and text.get_text():
            drawn.append((text, text.get_window_extent(renderer)))
        draw_text(text, renderer)

    with mock.patch.object(Text, "draw", draw):
        fig.draw(renderer)
    return drawn


def outside(fig: Figure) -> list[str]:
    """Each text drawn beyond the figure's edges (by more than half a pixel)."""
    width, height = fig.bbox.width, fig.bbox.height
    return [
        f"{text.get_text()!r}: {box.bounds} in {width:g} x {height:g}"
        for text, box in drawn_texts(fig)
        if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5
    ]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("figure", FIGURES)
def test_every_text_lies_inside_the_figure(figure: str, lang: str) -> None:
    """On a new figure, drawn once, as the build saves it: one drawn before (FIGURES')
    may have been laid out again by then."""
    assert outside(NEW_FIGURES[figure](lang)) == []


def test_a_text_beyond_the_edge_is_found() -> None:
    fig = plots.train_points()
    fig.axes[0].set_title("a title far too long for a figure five inches wide, " * 2)
    assert len(outside(fig)) == 1


def test_the_language_comes_from_the_environment_at_each_call(monkeypatch) -> None:
    monkeypatch.setenv("LINREG_LANG", "ko")
    assert plots.cost_history([1.0, 0.5]).axes[0].get_title() == "에포크별 비용"
    with plots.language("en"):
        assert plots.cost_history([1.0, 0.5]).axes[0].get_title() == "Cost per epoch"
    monkeypatch.setenv("LINREG_LANG", "")
    assert plots.cost_history([1.0, 0.5]).axes[0].get_title() == "Cost per epoch"
    monkeypatch.setenv("LINREG_LANG", "kr")
    with pytest.raises(ValueError, match="LINREG_LANG must be one of en, ko, got 'kr'"):
        plots.cost_history([1.0, 0.5])
    with pytest.raises(ValueError, match="lang must be one of en, ko, got 'fr'"):
        with plots.language("fr"):
            pass


def test_importing_linreg_plots_changes_no_matplotlib_setting() -> None:
    """The font is registered, not imposed: a reader's own figures are as before."""
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams); import linreg.plots; "
        "print(dict(matplotlib.rcParams) == before)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr


def lab_figure_texts(lab: str, env: dict[str, str], manager: type) -> list[list[str]]:
    """Execute a lab as the build does, in a kernel with `env` (launched by the kernel
    manager class `manager`): each figure's texts."""
    notebook = jupytext.read(DOCS / "labs" / lab)
    NotebookClient(
        notebook,
        kernel_name="python3",
        kernel_manager_class=manager,
        resources={"metadata": {"path": str(ROOT)}},
    ).execute(env=env)
    return [
        re.findall(r"<!-- (.*?) -->", output["data"]["image/svg+xml"], flags=re.S)
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if "image/svg+xml" in output.get("data", {})
    ]


def test_a_lab_run_with_linreg_lang_ko_draws_korean_figures(kernel_manager_class: type) -> None:
    """The mini-batches lab: its own run names, and cost_history's labels, in Korean."""
    env = {**os.environ, "LINREG_LANG": "ko"}
    (texts,) = lab_figure_texts("mini-batches.py", env, kernel_manager_class)
    assert {"에포크별 비용", "전체 배치 (5)", "미니 배치 (2)", "확률적 (1)"} <= set(texts)
    assert [text for text in texts if english_words(text)] == []

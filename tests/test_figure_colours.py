"""Every figure reads in both palettes: each line, marker, text and filled region has
3:1 contrast with what is behind it (WCAG 2, 1.4.11 non-text contrast), on the light
page and, through the dark palette's filter, on the dark one; and series told apart by
colour are also told apart by line style, marker, or lightness, not by hue alone.

The colours are the figure's artists' own (tests/colours.py); the figures are those
the site shows: each page's default figure, and each lab's call where it differs, in
English and in Korean (the Korean edition's figures, LINREG_LANG=ko: the same artists,
other words; tests/test_figure_language.py).
"""

import itertools
from collections.abc import Callable

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import Collection, LineCollection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure

from linreg import plots
from tests.colours import (
    backgrounds,
    contrast,
    figure_filter,
    lightness,
    marks,
    on_page,
)
from tests.reference import default_figure, mini_batches_lab_figure

MIN_CONTRAST = 3.0  # WCAG 2.1, 1.4.11: graphical objects needed to understand content
# Two same-style series must differ this much in CIE L* (0-100) in each palette. A
# ramp of five lines between the darkest colour and the lightest that still has 3:1
# on both pages can differ by at most about 9 in the dark one.
MIN_LIGHTNESS_STEP = 8.0


FIGURES: dict[str, Callable[[str], Figure]] = {
    **{name: lambda lang, name=name: default_figure(name, lang) for name in plots.__all__},
    "cost_history (mini-batches lab)": mini_batches_lab_figure,
}
LANGUAGES = ["en", "ko"]


def test_the_backgrounds_are_materials() -> None:
    # Material 9: the light page is #fff; the dark one hsla(var(--md-hue), 15%, 14%, 1)
    # with --md-hue 225deg. By hand: chroma C = (1 - |2 * 0.14 - 1|) * 0.15 = 0.042,
    # m = 0.14 - C / 2 = 0.119; hue 225 lies in the sextant (0, X, C) with
    # X = C * (1 - |3.75 mod 2 - 1|) = 0.0105: rgb = (0.119, 0.1295, 0.161).
    light, dark = backgrounds()["light"], backgrounds()["dark"]
    assert light == (1.0, 1.0, 1.0)
    np.testing.assert_allclose(dark, (0.119, 0.1295, 0.161), atol=1e-9)


def test_the_dark_filter_is_invert_then_hue_rotate() -> None:
    # invert(0.92): c -> 0.92 - 0.84 c; hue-rotate(180deg): LUMA - COS (cos = -1,
    # sin = 0), whose rows are (-0.574, 1.43, 0.144), (0.426, 0.43, 0.144),
    # (0.426, 1.43, -0.856). Greys stay grey: white -> 0.08, black -> 0.92. Red
    # (1, 0, 0) -> (0.08, 0.92, 0.92) -> (1.402 clamped to 1, 0.56216, 0.56216).
    dark = figure_filter()
    np.testing.assert_allclose(dark((1.0, 1.0, 1.0)), (0.08, 0.08, 0.08), atol=1e-9)
    np.testing.assert_allclose(dark((0.0, 0.0, 0.0)), (0.92, 0.92, 0.92), atol=1e-9)
    np.testing.assert_allclose(dark((1.0, 0.0, 0.0)), (1.0, 0.56216, 0.56216), atol=1e-9)


def test_contrast_blends_alpha_on_the_page() -> None:
    # WCAG's own extremes, and black at half alpha on white: 0.5 grey (luminance 0.214).
    white, black = (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)
    assert contrast(white, black) == pytest.approx(21.0)
    half = on_page((0.0, 0.0, 0.0, 0.5), "light")
    assert half == (0.5, 0.5, 0.5)
    assert contrast(half, white) == pytest.approx(1.05 / (0.21404 + 0.05), rel=1e-4)
    assert lightness(white) == pytest.approx(100.0) and lightness(black) == 0.0


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("figure", FIGURES)
def test_every_mark_has_3_to_1_contrast(figure: str, lang: str, palette: str) -> None:
    found = marks(FIGURES[figure](lang))
    assert found, "a figure that draws nothing?"
    faint = sorted(
        {
            f"{mark.what}: {mark.contrast(palette):.2f}:1"
            for mark in found
            if mark.contrast(palette) < MIN_CONTRAST
        }
    )
    assert faint == [], f"{palette} palette, below {MIN_CONTRAST}:1:\n" + "\n".join(faint)


def test_a_faint_mark_is_found() -> None:
    """The contrast test sees alpha, markers and collections: what the figures used to
    draw (epoch 0 in red at alpha 0.2, a yellow contour) fails it."""
    fig = Figure()
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1], color="#d62728", alpha=0.2, label="faint line")
    ax.scatter([0.5], [0.5], color="#fde725", label="yellow point")
    worst = {mark.what: mark.contrast("light") for mark in marks(fig)}
    assert worst["Line2D faint line: line"] < 1.5
    assert worst["PathCollection yellow point: fill"] < 1.5


def _style(artist: object) -> tuple[str, str]:
    """What tells a series apart besides colour: its line style and its marker."""
    if isinstance(artist, LineCollection):
        _, dashes = artist.get_linestyle()[0]
        return ("-" if dashes is None else "--", "None")  # solid or broken
    if isinstance(artist, PathCollection):
        return ("None", "scatter")
    return (artist.get_linestyle(), str(artist.get_marker()))


def _colour(artist: object) -> tuple[float, ...]:
    if isinstance(artist, LineCollection):
        return tuple(artist.get_edgecolor()[0])
    if isinstance(artist, Collection):
        return tuple(artist.get_facecolor()[0])
    return to_rgba(artist.get_color(), artist.get_alpha())


def series(ax: Axes) -> list:
    """The lines, scatters and segment sets of an axes; a contour set is one series,
    its levels told apart by their labels."""
    return [*ax.get_lines(), *(c for c in ax.collections if not isinstance(c, ContourSet))]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("figure", FIGURES)
def test_series_differ_in_more_than_hue(figure: str, lang: str) -> None:
    same_style = []
    for ax in FIGURES[figure](lang).axes:
        for a, b in itertools.combinations(series(ax), 2):
            if _colour(a) == _colour(b) or _style(a) != _style(b):
                continue  # one series drawn in pieces, or told apart by style
            for palette in ("light", "dark"):
                step = abs(
                    lightness(on_page(_colour(a), palette))
                    - lightness(on_page(_colour(b), palette))
                )
                if step < MIN_LIGHTNESS_STEP:
                    same_style.append(f"{a.get_label()} / {b.get_label()}, {palette}: {step:.1f}")
    assert same_style == [], "series apart by hue only (L* difference):\n" + "\n".join(same_style)

"""Every page of both editions at a phone's width and a laptop's (conftest.VIEWPORTS): nothing makes
the page scroll sideways or runs out of sight; what is wider than its box (a display
formula, a code block, a lab's code cell, a table) scrolls inside that box and shows
that it does, with a cue that keeps 3:1 contrast in both palettes."""

from pathlib import Path

import pytest

from tests.support import SITE_PAGES, url_path

pytestmark = pytest.mark.parametrize("source", SITE_PAGES, ids=lambda p: url_path(p) or "index")

MIN_CUE_CONTRAST = 3.0  # WCAG 2.1, 1.4.11: non-text contrast


def test_page_does_not_scroll_sideways(source: Path, visit) -> None:
    layout = visit(source).layout
    assert layout["scrollWidth"] <= layout["width"], "the page is wider than the window"


def test_nothing_runs_out_of_sight(source: Path, visit) -> None:
    cut = visit(source).layout["cut"]
    assert cut == [], "past the window's edge or cut by a box that does not scroll:\n" + "\n".join(
        cut
    )


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_wide_boxes_show_that_they_scroll(source: Path, palette: str, visit) -> None:
    visited = visit(source)
    cues = getattr(visited, palette).scroll_cues
    assert [where for where, _ in cues] == [box["where"] for box in visited.layout["scrollers"]]
    faint = [(where, round(ratio, 2)) for where, ratio in cues if ratio < MIN_CUE_CONTRAST]
    assert faint == [], f"boxes that scroll sideways without a visible cue ({palette} palette)"

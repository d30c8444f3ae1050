"""hooks/figures.py draws the figures in the language of the build's environment, and
can draw each figure once for both editions.

- A build run with LINREG_LANG=ko (the Korean edition's) draws Korean figures, their
  glyphs as outlines even where the reader's matplotlibrc says otherwise.
- With LINREG_FIGURES_SHARED, the English build's drawing process saves each figure in
  English for itself and in Korean into the shared folder, then marks it `done`, or
  writes `failed.txt` with the traceback; the Korean build starts no process and takes
  its figures from that folder, failing with the English build's error if it failed.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from tests.support import ROOT, load_hook

figures = load_hook("figures")
HANGUL = re.compile("[\uac00-\ud7a3]")


def draw(folder: Path, names: list[str], *options: str, env: dict[str, str] | None = None):
    """Run the drawing process as the hook starts it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "hooks" / "figures.py"), *options, str(folder), *names],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def texts(svg: Path) -> list[str]:
    """The texts of a figure drawn by matplotlib: each outline group's comment."""
    return re.findall(r"<!-- (.*?) -->", svg.read_text("utf-8"), flags=re.S)


def test_a_build_with_linreg_lang_ko_draws_korean_outlines(tmp_path: Path) -> None:
    config = tmp_path / "matplotlib"
    config.mkdir()
    (config / "matplotlibrc").write_text("svg.fonttype: none\n")  # <text>, font needed
    drawn = draw(tmp_path, ["train_points"], env={"LINREG_LANG": "ko", "MPLCONFIGDIR": str(config)})
    assert drawn.returncode == 0, drawn.stdout + drawn.stderr
    svg = tmp_path / "train_points.svg"
    assert "공부한 시간" in texts(svg) and "hours studied" not in texts(svg)
    assert "<text" not in svg.read_text("utf-8")


def test_one_drawing_serves_both_builds(tmp_path: Path) -> None:
    english, shared = tmp_path / "en", tmp_path / "shared"
    english.mkdir(), shared.mkdir()
    drawn = draw(english, ["train_points", "no_such_figure"], "--also-korean", str(shared))
    assert drawn.returncode != 0
    assert "hours studied" in texts(english / "train_points.svg")
    assert "공부한 시간" in texts(shared / "train_points.svg")
    assert not (shared / "done").exists()
    assert "no_such_figure" in (shared / "failed.txt").read_text("utf-8")

    korean = figures._SharedDrawing(["train_points"], shared)
    with pytest.raises(PluginError, match=r"(?s)English build.*no_such_figure"):
        korean.wait()
    (shared / "failed.txt").unlink()
    (shared / "done").touch()
    korean.wait()
    assert korean.sizes == {"train_points": (480, 336)}  # 5 x 3.5 in: 360 x 252 pt
    with pytest.raises(PluginError, match="the English build drew no residuals"):
        figures._SharedDrawing(["train_points", "residuals"], shared).wait()


def test_each_build_chooses_its_drawing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(figures, "_Drawing", lambda names, shared=None: ("draws", shared))
    monkeypatch.delenv("LINREG_FIGURES_SHARED", raising=False)
    monkeypatch.delenv("LINREG_LANG", raising=False)
    assert figures.start_drawing(["a"]) == ("draws", None)
    monkeypatch.setenv("LINREG_FIGURES_SHARED", str(tmp_path))
    assert figures.start_drawing(["a"]) == ("draws", tmp_path), "English: draws for both"
    monkeypatch.setenv("LINREG_LANG", "ko")
    korean = figures.start_drawing(["a"])
    assert isinstance(korean, figures._SharedDrawing) and korean.folder == tmp_path


def test_the_build_draws_in_a_process_forked_from_the_warm_one(tmp_path: Path) -> None:
    """The hook's own drawing (not the script run alone, as above): the figures it
    draws, their sizes, and a figure linreg.plots does not have failing with the
    drawing's own output."""
    try:
        drawing = figures._Drawing(["train_points"])
        drawing.wait()
        assert drawing.sizes == {"train_points": (480, 336)}
        assert "hours studied" in texts(drawing.svg("train_points"))
        drawing.discard()
        failing = figures._Drawing(["no_such_figure"])
        with pytest.raises(PluginError, match=r"(?s)Drawing the figures failed.*no_such_figure"):
            failing.wait()
        failing.discard()
    finally:
        figures.kernels.stop_zygote()

"""Authoring with `mkdocs serve`: an edit to linreg/ rebuilds the site, and the rebuilt
figures, their code and the API page show the edit.

MkDocs' serve reloads mkdocs.yml for each rebuild, and with it the plugins
(mkdocstrings reads linreg's source afresh), but keeps the hook modules: a hook that
imported linreg once would draw with the old code forever (hooks/figures.py draws in
a fresh process each build instead). The test builds a small site twice in one
interpreter, as serve does, with the real figure hook and mkdocstrings, around a
stand-in `linreg` whose plot and docstring change in between. It runs in a child
interpreter whose PYTHONPATH puts the stand-in first (as an editable install puts the
checkout), so that the stand-in never meets this one's linreg.
"""

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from tests.support import ROOT

PLOTS = '''
from matplotlib.figure import Figure

__all__ = ["marker"]


def marker() -> Figure:
    """{doc}"""
    figure = Figure()
    figure.text(0.5, 0.5, "x", gid="{gid}")
    return figure
'''
# Build, edit the stand-in's plot and docstring, build again; keep both sites.
TWO_BUILDS = """
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

here = Path.cwd()  # on PYTHONPATH: the stand-in linreg, before the installed one
build(load_config(str(here / "mkdocs.yml"), site_dir=str(here / "first")))
plots = here / "linreg" / "plots" / "__init__.py"
plots.write_text(plots.read_text().replace("drawn-first", "drawn-second")
                 .replace("Written first.", "Written second."))
build(load_config(str(here / "mkdocs.yml"), site_dir=str(here / "second")))
"""


def test_mkdocs_serve_watches_linreg() -> None:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as config:
        assert "linreg" in yaml_load(config)["watch"]


def test_each_build_uses_linreg_as_it_is_then(tmp_path: Path) -> None:
    (tmp_path / "linreg" / "plots").mkdir(parents=True)
    (tmp_path / "linreg" / "__init__.py").write_text("")
    plots = PLOTS.format(doc="Written first.", gid="drawn-first")
    (tmp_path / "linreg" / "plots" / "__init__.py").write_text(plots)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "![A marker](figures/marker.svg)\n\n::: linreg.plots.marker\n"
    )
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
            site_name: reload
            hooks: [{ROOT / "hooks" / "figures.py"}, {ROOT / "hooks" / "figure_code.py"}]
            markdown_extensions: [pymdownx.details, pymdownx.superfences]
            plugins:
              - mkdocstrings:
                  handlers:
                    python:
                      paths: [.]
            """)
    )
    built = subprocess.run(
        [sys.executable, "-c", TWO_BUILDS],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    for site, gid, doc in [
        ("first", "drawn-first", "Written first."),
        ("second", "drawn-second", "Written second."),
    ]:
        assert f'id="{gid}"' in (tmp_path / site / "figures" / "marker.svg").read_text()
        page = (tmp_path / site / "index.html").read_text()
        assert doc in page
        # The figure's code (hooks/figure_code.py) is the source as it is at this build.
        (code,) = re.findall(r'<details class="example figure-code">.*?</details>', page, re.S)
        other = "drawn-second" if gid == "drawn-first" else "drawn-first"
        assert gid in code and other not in code

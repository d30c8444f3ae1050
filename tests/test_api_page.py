"""The API reference documents every public name, so nothing public goes unexplained."""

import re
from pathlib import Path

import linreg
import linreg.plots

API_PAGE = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def documented() -> set[str]:
    return set(re.findall(r"^::: (\S+)$", API_PAGE.read_text("utf-8"), flags=re.MULTILINE))


def test_every_public_name_has_a_reference_entry() -> None:
    public = {f"linreg.{name}" for name in linreg.__all__}
    public |= {f"linreg.plots.{name}" for name in linreg.plots.__all__}
    assert public - documented() == set()

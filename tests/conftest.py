"""Fixtures shared by the doc tests and the unit tests.

Determinism lives here, in one place: every test starts from PyTorch's default
print options and dtype, and with no open figures. Snippets seed their own random
generators, because a reader who copies one has no fixture. At the end of the
session, the block servers this process started (tests/support.py) are stopped.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from filelock import FileLock  # noqa: E402

from tests.support import ROOT, stop_servers  # noqa: E402


def pytest_sessionfinish(session: pytest.Session) -> None:
    stop_servers()


@pytest.fixture(autouse=True)
def pristine_torch() -> Iterator[None]:
    torch.set_printoptions(profile="default")
    torch.set_default_dtype(torch.float32)
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site as `mkdocs build --strict` writes it, built once per test run.

    Under pytest-xdist the workers share one build: the first to take the lock builds.
    """
    if worker_id == "master":
        return build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent  # this run's dir, common to all workers
    with FileLock(shared / "site.lock"):
        if not (shared / "site" / "index.html").exists():
            build_site(shared / "site")
    return shared / "site"


def build_site(site_dir: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert warnings == [], "mkdocs build printed warnings:\n" + "\n".join(warnings)
    return site_dir

"""Fixtures shared by the doc tests and the unit tests.

Determinism lives here, in one place: every test starts from PyTorch's default
print options and dtype, and with no open figures. Snippets seed their own random
generators, because a reader who copies one has no fixture. At the end of the
session, the block servers this process started (tests/support.py) are stopped, and
so is the process it forked notebook kernels from (hooks/kernels.py).
"""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from filelock import FileLock  # noqa: E402

from tests import support  # noqa: E402
from tests.support import ROOT  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need the built site last, so that the build (`site_build`) runs while
    the others do: under pytest-xdist, no worker starts by waiting for it."""
    items.sort(key=lambda item: "built_site" in getattr(item, "fixturenames", ()))


def shared_folder(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A folder of this test run that all its pytest-xdist workers share."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@pytest.fixture(scope="session", autouse=True)
def block_runs(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[None]:
    """Copied blocks' runs, kept once per test run for all workers (support.run_alone);
    and at the end, the block servers this process started are stopped."""
    runs = shared_folder(tmp_path_factory, worker_id) / "runs"
    runs.mkdir(exist_ok=True)
    support.shared_runs.append(runs)
    yield
    support.shared_runs.clear()
    support.stop_servers()


@pytest.fixture(scope="session")
def kernel_manager_class() -> Iterator[type]:
    """nbclient's `kernel_manager_class` for a fresh kernel forked from a warm process
    (hooks/kernels.py); that process is stopped at the session's end."""
    yield support.kernels.ForkedKernelManager
    support.kernels.stop_zygote()


@pytest.fixture(autouse=True)
def pristine_torch() -> Iterator[None]:
    torch.set_printoptions(profile="default")
    torch.set_default_dtype(torch.float32)
    yield
    plt.close("all")


class SiteBuild:
    """`mkdocs build --strict` of this test run, in the background, shared by its workers.

    Started as soon as a session that needs the site begins (`site_build`), so it runs
    while tests that do not need it do, instead of holding up a worker; the first
    worker to take the lock starts it, and `built_site` waits for it to finish.

    It goes to a folder of the test run's, or to LINREG_SITE_DIR when that is set:
    .ci/run sets it to site/, so the site CI publishes is the one its tests checked,
    and is not built a second time.
    """

    def __init__(self, folder: Path) -> None:
        self.site = Path(os.environ.get("LINREG_SITE_DIR") or folder / "site").resolve()
        self.log, self.done = folder / "site.log", folder / "site.done"
        self.lock = FileLock(folder / "site.lock")
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.lock:
            if self.log.exists():
                return  # started by another worker
            self.log.touch()  # now, under the lock: the mark that it is started
            build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
            # Build, logging its output, then write its exit status to `done` at once (mv).
            script = 'l=$1 d=$2; shift 2; "$@" >"$l" 2>&1; echo $? >"$d.tmp"; mv "$d.tmp" "$d"'
            self.process = subprocess.Popen(
                ["sh", "-c", script, "sh", str(self.log), str(self.done), *build, str(self.site)],
                cwd=ROOT,
                # Material's end-of-life banner about MkDocs 2 is not a build warning, but
                # it contains the word; outside CI it is printed at every build.
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                start_new_session=True,  # it finishes even if the worker that started it ends
            )

    def wait(self, timeout: float = 900) -> Path:
        deadline = time.monotonic() + timeout
        while not self.done.exists():
            assert time.monotonic() < deadline, f"mkdocs build took over {timeout} s"
            time.sleep(0.2)
        output = self.log.read_text("utf-8")
        assert self.done.read_text().strip() == "0", f"mkdocs build --strict failed:\n{output}"
        warnings = [line for line in output.splitlines() if "WARNING" in line]
        assert warnings == [], "mkdocs build printed warnings:\n" + "\n".join(warnings)
        return self.site


@pytest.fixture(scope="session", autouse=True)
def site_build(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> Iterator[SiteBuild]:
    build = SiteBuild(shared_folder(tmp_path_factory, worker_id))
    if any("built_site" in getattr(item, "fixturenames", ()) for item in request.session.items):
        build.start()
    yield build
    if build.process is not None:
        build.process.wait()  # the worker that started it: others may still be waiting


@pytest.fixture(scope="session")
def built_site(site_build: SiteBuild) -> Path:
    """The site as `mkdocs build --strict` writes it, built once per test run."""
    site_build.start()  # already started, unless this session did not know it needs it
    return site_build.wait()

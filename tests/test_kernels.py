"""hooks/kernels.py: children forked from one warm process, for the build (the labs'
kernels, the figure drawing) and the tests (the notebooks' kernels).

A script forked from the zygote runs as `python <script> <args>` would, its output in
a file and its exit status reported; stopping the zygote ends what it forked that is
still running, so a build that stops early leaves no kernel or drawing behind.
"""

import os
import signal
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import kernels


@pytest.fixture
def zygote() -> Iterator[kernels.Zygote]:
    started = kernels.Zygote()
    yield started
    started.stop()


def test_a_forked_script_runs_with_its_arguments_and_exit_status(
    zygote: kernels.Zygote, tmp_path: Path
) -> None:
    script = tmp_path / "script.py"
    script.write_text(
        textwrap.dedent("""
            import sys
            import torch  # imported already: the fork has it
            print("args", sys.argv[1:], "name", __name__)
            print("oops", file=sys.stderr)
            sys.exit(3)
        """)
    )
    output = tmp_path / "output.txt"
    child = zygote.run(script, ["a", "b c"], output)
    assert child.wait(timeout=60) == 3
    assert output.read_text().splitlines() == ["args ['a', 'b c'] name __main__", "oops"]


def test_stopping_the_zygote_ends_what_it_forked(zygote: kernels.Zygote, tmp_path: Path) -> None:
    script = tmp_path / "sleeps.py"
    script.write_text("import time\ntime.sleep(600)\n")
    child = zygote.run(script, [], tmp_path / "output.txt")
    assert child.poll() is None
    zygote.stop()
    assert child.poll() == -signal.SIGKILL
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)  # ended and reaped: no such process any more

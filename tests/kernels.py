"""Fresh Jupyter kernels, forked from a warm process: what test_notebooks.py runs the
notebooks in.

A kernel that jupyter_client starts is a new interpreter (`python -m ipykernel_launcher
-f <connection file>`) that imports ipykernel, then torch, matplotlib and linreg at the
notebook's first cell: about 5 s of CPU before the notebook computes anything, for
each of the 18 chapter notebooks. Here one process a test run's worker (`Zygote`)
imports all of that once, computes nothing, and forks a child per kernel that starts
the kernel as ipykernel_launcher does, with the connection file, environment and
working directory that jupyter_client chose (`ForkedKernelManager`: jupyter_client's
own manager, which writes the connection file, connects, interrupts, shuts down and
kills as usual; only the launch differs). A notebook's kernel is still a process of its
own, in a session of its own, with a fresh namespace and freshly seeded random
generators. What it shares with the zygote is what tests/support.py's block server
shares with a block: the modules already imported (a cell must import what it names,
but the import costs nothing), and the hash seed of `str`.

Fork-safe for the block server's reason: importing torch starts no thread pool, and
nothing is computed before the fork.
"""

import asyncio
import inspect
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from tests.support import JsonLineProcess


def _zygote() -> None:  # pragma: no cover - runs in the zygote, by source
    """The zygote: `python -c <this function's source> <status folder>` runs it.

    After the imports it answers `{"ready": ...}`, then for each request (a JSON line:
    argv, env, cwd) forks a kernel and answers its pid once the kernel has its own
    session. When a kernel exits, the zygote, its parent, reaps it and writes its exit
    status to `<status folder>/<pid>`, which is how `ForkedKernel.poll` knows it ended.
    """
    import json
    import os
    import random
    import signal
    import sys
    import traceback

    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")  # the protocol channel
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # stray prints cannot corrupt it
    status = sys.argv[1]

    import matplotlib.pyplot  # noqa: F401
    import numpy
    import torch
    import torch._dynamo  # noqa: F401  an optimizer's first step imports it
    from ipykernel import kernelapp

    import linreg.plots  # noqa: F401

    def reap(signum: int, frame: object) -> None:
        while True:
            try:
                pid, waited = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            path = os.path.join(status, str(pid))
            with open(path + ".tmp", "w") as file:
                file.write(str(os.waitstatus_to_exitcode(waited)))
            os.replace(path + ".tmp", path)  # whole, or not there

    signal.signal(signal.SIGCHLD, reap)
    answers.write(json.dumps({"ready": sys.executable}) + "\n")
    answers.flush()

    for line in sys.stdin:
        request = json.loads(line)
        ready, started = os.pipe()
        pid = os.fork()
        if pid == 0:  # the kernel
            code = 1
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                os.setsid()  # as jupyter_client starts a kernel: a session of its own
                os.close(ready)
                os.close(started)  # the zygote may answer now
                answers.close()
                os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
                sys.stdin = open(os.devnull)  # noqa: SIM115
                os.chdir(request["cwd"])
                os.environ.clear()
                os.environ.update(request["env"])
                # Fresh entropy, as in a new interpreter, not the state every child shares.
                random.seed()
                numpy.random.seed()
                torch.seed()
                sys.argv = request["argv"]
                kernelapp.launch_new_instance()  # what `python -m ipykernel_launcher` runs
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        os.close(started)
        os.read(ready, 1)  # EOF: the kernel has its session (or is gone)
        os.close(ready)
        answers.write(json.dumps({"pid": pid}) + "\n")
        answers.flush()


ZYGOTE_PROGRAM = inspect.getsource(_zygote) + "\n_zygote()\n"


class ForkedKernel:
    """A forked kernel as jupyter_client's provisioner sees a Popen: poll, wait, signal.
    Not this process's child: its exit status comes from the file the zygote writes."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, status: Path) -> None:
        self.pid, self.status = pid, status / str(pid)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and self.status.exists():
            self.returncode = int(self.status.read_text())
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
            time.sleep(0.05)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:  # its pid is not yet anyone else's
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class Zygote(JsonLineProcess):
    """The warm process kernels are forked from, started in an empty directory."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kernel-zygote-"))
        self.status = self.folder / "status"
        self.status.mkdir()
        super().__init__(
            "kernel zygote",  # its log holds the kernels' stray output too
            [sys.executable, "-c", ZYGOTE_PROGRAM, str(self.status)],
            cwd=self.folder,
            log=self.folder / "zygote.log",
        )
        self.receive(timeout=300)

    def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> ForkedKernel:
        """A kernel for `argv` (`python -m ipykernel_launcher -f <file>`), as if launched."""
        answer = self.request({"argv": argv, "env": env, "cwd": cwd}, timeout=60)
        return ForkedKernel(answer["pid"], self.status)

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.folder, ignore_errors=True)


_zygotes: list[Zygote] = []


def zygote() -> Zygote:
    """This process's zygote, started at first use."""
    if not _zygotes:
        _zygotes.append(Zygote())
    return _zygotes[0]


def stop_zygote() -> None:
    """End this process's zygote, if it started one (tests/conftest.py, at the end)."""
    while _zygotes:
        _zygotes.pop().stop()


class ForkedKernelManager(AsyncKernelManager):
    """jupyter_client's kernel manager, launching its kernel from the zygote (nbclient's
    `kernel_manager_class`) when the kernel spec's command is this interpreter's
    ipykernel launcher, as ipykernel's own python3 spec has it; any other command (a
    kernel spec installed for another Python) is launched as jupyter_client does."""

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        assert self.provisioner is not None
        executable, *argv = kernel_cmd
        if executable != sys.executable or argv[:2] != ["-m", "ipykernel_launcher"]:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        cwd = str(kw.get("cwd") or os.getcwd())
        env = dict(kw.get("env") or os.environ)
        kernel = await asyncio.to_thread(zygote().fork, argv[1:], env, cwd)
        # What LocalProvisioner.launch_kernel records of a Popen; the kernel leads its
        # own session, so its process group is its pid.
        self.provisioner.process = kernel  # type: ignore[attr-defined]
        self.provisioner.pid = self.provisioner.pgid = kernel.pid  # type: ignore[attr-defined]
        self.provisioner.cwd = cwd  # type: ignore[attr-defined]
        self._reconcile_connection_info(self.provisioner.connection_info)

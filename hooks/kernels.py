"""Fresh Jupyter kernels, forked from a warm process: what the build runs the labs in
(hooks/labs.py) and the tests run the notebooks in (tests/test_notebooks.py). Not a
hook: a module the hooks import (MkDocs puts hooks/ on the path while it loads one).

A kernel that jupyter_client starts is a new interpreter (`python -m ipykernel_launcher
-f <connection file>`) that imports ipykernel, then torch, matplotlib and linreg at the
notebook's first cell: about 5 s of CPU before the notebook computes anything, for
each lab of a build and each of the chapter notebooks of a test run. Here one process
(`Zygote`) imports all of that once, computes nothing, and forks a child per kernel
that starts the kernel as ipykernel_launcher does, with the connection file,
environment and working directory that jupyter_client chose (`ForkedKernelManager`:
jupyter_client's own manager, which writes the connection file, connects, interrupts,
shuts down and kills as usual; only the launch differs). A kernel is still a process
of its own, in a session of its own, with a fresh namespace and freshly seeded random
generators. What it shares with the zygote is what tests/support.py's block server
shares with a block: the modules already imported (a cell must import what it names,
but the import costs nothing), and the hash seed of `str`.

Fork-safe for the block server's reason: importing torch starts no thread pool, and
nothing is computed before the fork. A build starts its own zygote and stops it at its
end, so `mkdocs serve` runs each rebuild's labs with the `linreg` on disk then.
"""

import asyncio
import inspect
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager


class JsonLineProcess:
    """A child process spoken to in JSON lines: a request a line on its stdin, an answer
    a line on its stdout, its stderr in `log`. The kernels' zygote is one, and the tests'
    block server (tests/support.py) another."""

    def __init__(self, name: str, argv: list[str], cwd: Path, log: Path, **popen: Any) -> None:
        self.name, self.log = name, log.open("w+")
        self.process = subprocess.Popen(
            argv,
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            **popen,
        )

    def receive(self, timeout: float) -> dict:
        """The next answer; if none comes within `timeout` s, stop and say what it logged."""
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            self.log.seek(0)
            said = self.log.read()
            self.stop()
            raise RuntimeError(f"the {self.name} stopped answering:\n{said}")
        return json.loads(line)

    def request(self, message: dict, timeout: float) -> dict:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        return self.receive(timeout)

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()  # end of requests: the process returns
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.log.close()


def _zygote() -> None:  # pragma: no cover - runs in the zygote, by source
    """The zygote: `python -c <this function's source> <status folder>` runs it.

    After the imports it answers `{"ready": ...}`, then for each request (a JSON line:
    argv, env, cwd) forks a kernel and answers its pid once the kernel has its own
    session. A request that names a `script` forks a child that runs that script as
    `python <script> <args>` would (argv is the script's), its output into the file
    `output`. When a child exits, the zygote, its parent, reaps it and writes its exit
    status to `<status folder>/<pid>`, which is how `ForkedProcess.poll` knows it ended.
    """
    import json
    import os
    import random
    import runpy
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

    running: set[int] = set()

    def reap(signum: int, frame: object, *, block: bool = False) -> None:
        while True:
            try:
                pid, waited = os.waitpid(-1, 0 if block else os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            running.discard(pid)
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
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})  # reaped once counted
        pid = os.fork()
        if pid == 0:  # the kernel
            code = 1
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
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
                if request.get("script"):
                    output = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                    os.dup2(output, 1)
                    os.dup2(output, 2)
                    sys.path.insert(0, os.path.dirname(request["script"]))
                    runpy.run_path(request["script"], run_name="__main__")
                else:
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
        running.add(pid)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        os.close(started)
        os.read(ready, 1)  # EOF: the kernel has its session (or is gone)
        os.close(ready)
        answers.write(json.dumps({"pid": pid}) + "\n")
        answers.flush()

    # No more requests: the zygote stops, and ends what it forked that is still running
    # (each in a session of its own, with whatever it started), so nothing outlives it.
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for pid in running:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    reap(0, None, block=True)
    answers.close()
    os._exit(0)  # no interpreter teardown: with torch loaded, that takes seconds


ZYGOTE_PROGRAM = inspect.getsource(_zygote) + "\n_zygote()\n"


class ForkedProcess:
    """A forked child as jupyter_client's provisioner sees a Popen: poll, wait, signal.
    Not this process's child: its exit status comes from the file the zygote writes.
    A zygote that has stopped has ended its children: then one without a status was
    killed (-SIGKILL)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, zygote: "Zygote") -> None:
        self.pid, self.zygote = pid, zygote
        self.status = zygote.status / str(pid)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and self.status.exists():
            self.returncode = int(self.status.read_text())
        elif self.returncode is None and self.zygote.process.poll() is not None:
            self.returncode = -signal.SIGKILL
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
    """The warm process kernels (and scripts) are forked from, started in an empty
    directory. It imports while its starter goes on: the first fork waits for it to be
    ready. Forks may be asked for from several threads."""

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
        self.lock, self.ready = threading.Lock(), False

    def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> ForkedProcess:
        """A kernel for `argv` (`python -m ipykernel_launcher -f <file>`), as if launched."""
        return self._fork({"argv": argv, "env": env, "cwd": cwd})

    def run(self, script: Path, args: list[str], output: Path) -> ForkedProcess:
        """`python <script> <args>` with this process's environment and working directory,
        its output (stdout and stderr) into the file `output`."""
        argv = [str(script), *args]
        request = {"argv": argv, "env": dict(os.environ), "cwd": os.getcwd()}
        return self._fork({**request, "script": str(script), "output": str(output)})

    def _fork(self, request: dict) -> ForkedProcess:
        with self.lock:  # one request on the pipe at a time
            if not self.ready:
                self.receive(timeout=300)
                self.ready = True
            answer = self.request(request, timeout=60)
        return ForkedProcess(answer["pid"], self)

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.folder, ignore_errors=True)


_zygotes: list[Zygote] = []
_starting = threading.Lock()


def zygote() -> Zygote:
    """This process's zygote, started at first use."""
    with _starting:
        if not _zygotes:
            _zygotes.append(Zygote())
        return _zygotes[0]


def stop_zygote() -> None:
    """End this process's zygote, if it started one (at the end of a build or a test run)."""
    with _starting:
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

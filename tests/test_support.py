"""The test support itself: reading shown output, the doc check, and the block runner.

The runner must behave as a fresh `python -I` would for each block (what one block
does is invisible to the next), fail what a reader's interpreter fails, see only
its allowlisted environment, and run on the CPU path it is asked for.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import support
from tests.support import (
    CPU_PATHS,
    READER,
    ROOT,
    block_env,
    check_prints_shown,
    run_alone,
    server,
    shown_output,
    without_output,
)

BLOCK = '''print("a")
#> a
print("b\\n c")
"""
b
 c
"""
try:
    raise ValueError("long")
except ValueError as error:
    print(error)
    """
    long
      indented
    """
'''


def test_top_level_and_indented_outputs_are_read_verbatim() -> None:
    assert shown_output(BLOCK) == "a\nb\n c\nlong\n  indented\n"


def test_without_output_keeps_the_code_line_for_line() -> None:
    code = without_output(BLOCK)
    assert code.split("\n") == [
        'print("a")',
        "#>",
        'print("b\\n c")',
        '"""',
        "",
        "",
        '"""',
        "try:",
        '    raise ValueError("long")',
        "except ValueError as error:",
        "    print(error)",
        '    """',
        "",
        "",
        '    """',
        "",
    ]
    assert shown_output(code).strip() == ""  # output emptied, but still where it was


# --- the doc tests' check, in a pytest of its own ---------------------------------

PAGE = '''# A page

```py
x = 1
raise ValueError("boom")
```

```py
print("the next line of code is 101 characters long")
#> the next line of code is 101 characters long
long_name = "<DOTS>"
```

```py
print("the output below is 120 characters wide, not the writer's to shorten")
#> the output below is 120 characters wide, not the writer's to shorten
print("-" * 60, "-" * 59)
"""
<WIDE>
"""
```

```py
for i in range(2):
    print(f"a {i}")
    #> a 0
    print(f"b {i}")
    #> b 0
```
'''.replace("<DOTS>", "." * 87).replace("<WIDE>", "-" * 60 + " " + "-" * 59)
DOC_TEST = """
import pytest
from pytest_examples import find_examples

from tests.support import check_example


@pytest.mark.parametrize("example", list(find_examples("docs")), ids=str)
def test_block(example, eval_example):
    check_example(example, eval_example)
"""


@pytest.fixture(scope="module")
def doc_check_run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """test_docs.py's check, run by pytest on a page of three blocks."""
    folder = tmp_path_factory.mktemp("doc_check")
    (folder / "docs").mkdir()
    (folder / "docs" / "page.md").write_text(PAGE, "utf-8")
    (folder / "test_blocks.py").write_text(DOC_TEST, "utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_blocks.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def test_a_block_that_raises_is_an_ordinary_failure_naming_it(doc_check_run) -> None:
    output = doc_check_run.stdout + doc_check_run.stderr
    assert "INTERNALERROR" not in output
    assert doc_check_run.returncode == 1, output  # tests failed; 3 would be pytest crashing
    assert "docs/page.md:3-6: the block raised ValueError: boom" in output
    assert "line 2 of the block (page.md:5): raise ValueError" in output


def test_lint_judges_code_lines_by_length_but_not_output(doc_check_run) -> None:
    output = doc_check_run.stdout
    assert "docs/page.md:11:89: E501 Line too long (101 > 88)" in output  # its page line
    assert "3 failed, 1 passed" in output, output


def test_a_loop_that_shows_only_its_first_pass_fails(doc_check_run) -> None:
    """pytest-examples alone passes this block: each print shows one line of the two it
    printed. A reader running it sees four lines."""
    output = doc_check_run.stdout
    assert "docs/page.md:23-29: what it shows is not its output in the order printed" in output
    assert "output line 3: the block printed 'a 1', the page shows nothing more" in output


# --- the block runner ---------------------------------------------------------------


def test_a_block_missing_an_import_fails() -> None:
    loaded = run_alone('import sys\nprint("torch" in sys.modules)\n')
    assert loaded.stdout == "True\n"  # the server imported torch, but not for the block:
    result = run_alone('x = torch.ones(2)\nprint("unreachable")\n')
    assert result.returncode == 1
    assert result.stdout == ""
    assert "NameError: name 'torch' is not defined" in result.stderr


def test_a_block_that_raises_fails_with_its_traceback() -> None:
    result = run_alone('print("before")\n\n\nraise ValueError("boom")\n')
    assert (result.returncode, result.stdout) == (1, "before\n")
    assert result.stderr == (
        "Traceback (most recent call last):\n"
        '  File "<string>", line 4, in <module>\n'
        "ValueError: boom\n"
    )


def test_exit_status_and_timeout() -> None:
    assert run_alone("import sys\nsys.exit(3)\n").returncode == 3
    result = server(READER).run("while True:\n    pass\n", timeout=1)
    assert result.returncode == -9
    assert result.stderr.endswith("killed after 1 s")


# What a block sees of the interpreter's state. Printed by a fresh `python -I` and by
# the server after a block that changed all of it: the two must agree.
STATE = """import os
import sys

import matplotlib as mpl
import torch

print(__name__, sys.argv, sys.flags.isolated, os.listdir())
print(torch.get_default_dtype(), torch.initial_seed() != 1)
print(torch.tensor([1 / 3]), mpl.rcParams["lines.linewidth"], mpl.get_backend())
print(torch.get_num_threads(), torch.backends.cpu.get_cpu_capability())
"""
MUTATE = """import os

import matplotlib as mpl
import torch

torch.manual_seed(1)
torch.set_default_dtype(torch.float64)
torch.set_printoptions(precision=8)
torch.set_num_threads(1)
mpl.rcParams["lines.linewidth"] = 9
open("left-behind.txt", "w").close()
print(torch.tensor([1 / 3]))
"""


def test_a_block_sees_a_fresh_interpreter_whatever_ran_before(tmp_path: Path) -> None:
    (tmp_path / "cwd").mkdir()
    fresh = subprocess.run(
        [sys.executable, "-I", "-c", STATE],
        cwd=tmp_path / "cwd",
        env=block_env(READER, tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert fresh.returncode == 0, fresh.stderr
    assert fresh.stdout.startswith("__main__ ['-c'] 1 []\n")
    reader = server(READER)  # one server, MUTATE's run then STATE's
    assert reader.run(MUTATE).stdout == "tensor([0.33333333])\n"
    assert reader.run(STATE).stdout == fresh.stdout


def test_unseeded_random_numbers_differ_from_run_to_run() -> None:
    """As in a fresh interpreter each time, so a block that forgot its seed fails."""
    block = "import random\n\nimport torch\n\nprint(random.random(), torch.rand(1))\n"
    first, second = server(READER).run(block), server(READER).run(block)
    assert first.returncode == second.returncode == 0
    assert first.stdout != second.stdout


def test_the_server_forks_without_thread_pools_started() -> None:
    """Fork-safe: the server imported torch but ran nothing, so no OpenMP/MKL pool exists.

    Its only other thread is OpenBLAS's (numpy's, which OpenBLAS stops before a fork);
    importing torch, linreg and matplotlib started none; a child's own pool works.
    """
    if not Path("/proc/self/task").is_dir():
        pytest.skip("the server counts its threads in /proc/self/task, which only Linux has")
    reader = server(READER)
    assert reader.threads_after_imports == reader.threads_after_numpy <= 2
    result = run_alone(
        "import torch\nx = torch.randn(600, 600)\nprint((x @ x).shape, (x * 2).sum() != 0)\n"
    )
    assert result.stdout == "torch.Size([600, 600]) tensor(True)\n", result.stderr
    assert reader.run("pass\n").server_threads <= reader.threads_after_numpy
    assert reader.run("pass\n").server_threads == 1  # OpenBLAS's, stopped at the last fork


@pytest.mark.parametrize("cpu", CPU_PATHS, ids=lambda cpu: cpu.name)
def test_a_block_sees_only_the_allowlisted_environment(cpu: support.CpuPath) -> None:
    result = run_alone("import os\nprint(sorted(os.environ.items()))\n", cpu)
    seen = ast.literal_eval(result.stdout)
    assert seen == sorted(block_env(cpu, Path(dict(seen)["HOME"])).items())


@pytest.mark.parametrize("cpu", CPU_PATHS, ids=lambda cpu: cpu.name)
def test_each_cpu_path_is_the_one_asked_for(cpu: support.CpuPath) -> None:
    block = "import torch\nprint(torch.backends.cpu.get_cpu_capability(), torch.get_num_threads())"
    capability, threads = run_alone(block, cpu).stdout.split()
    # What was asked, even AVX512 on a CPU without it (see support.unsupported).
    assert capability == cpu.env.get("ATEN_CPU_CAPABILITY", capability).upper()
    if "OMP_NUM_THREADS" in cpu.env:
        assert threads == cpu.env["OMP_NUM_THREADS"]


def test_blocks_import_linreg_from_this_checkout() -> None:
    result = run_alone("import linreg\nprint(linreg.__file__)\n")
    assert Path(result.stdout.strip()).resolve() == ROOT / "linreg" / "__init__.py"


def test_a_linreg_from_another_clone_fails_saying_how_to_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(support, "ROOT", tmp_path / "another-clone")
    with pytest.raises(RuntimeError) as error:
        support.BlockServer(READER, tmp_path)
    message = str(error.value)
    assert f"imports linreg from {ROOT / 'linreg'}, not from this checkout" in message
    assert "pip install -e ." in message


def test_a_wrong_digit_fails_naming_the_block_the_path_and_the_line() -> None:
    block = 'print("W:")\nprint(0.1 + 0.2)\n"""\nW:\n0.3\n"""\n'
    with pytest.raises(pytest.fail.Exception) as failure:
        check_prints_shown("docs/page.md:3-10", block, CPU_PATHS[1])
    assert str(failure.value) == (
        "docs/page.md:3-10 on CPU path default (ATEN_CPU_CAPABILITY=default"
        " MKL_CBWR=COMPATIBLE) printed other output than the page shows;"
        " first difference at output line 2:\n"
        "  page shows: '0.3'\n"
        "  block printed: '0.30000000000000004'"
    )


def test_a_block_missing_an_import_fails_with_its_stderr() -> None:
    with pytest.raises(pytest.fail.Exception) as failure:
        check_prints_shown("docs/page.md:3-5", "print(torch.ones(1))\n#> tensor([1.])\n")
    message = str(failure.value)
    assert message.startswith(
        "docs/page.md:3-5 on CPU path auto (nothing set) exited with status 1; "
        "first difference at output line 1: the page shows 'tensor([1.])', "
        "the block printed nothing more\nstderr:\nTraceback"
    )
    assert message.endswith("NameError: name 'torch' is not defined\n")


def test_a_server_that_dies_says_why(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(support, "SERVER_PROGRAM", "raise SystemExit('no server today')")
    with pytest.raises(RuntimeError, match="stopped answering:\nno server today"):
        support.BlockServer(READER, tmp_path)

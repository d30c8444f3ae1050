"""Every Python block in docs/ and in linreg's docstrings runs and prints what it shows.

One parametrised test over every example, named by file and line range. A block
may opt out only with a written reason: ```{.py test="skip: <why>"}```.
Run `pytest --update-examples` to rewrite the shown output from a real run.
"""

import builtins
import inspect
import sys
from pathlib import Path
from typing import Any

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from tests.snippets import skip_reason

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = list(find_examples(ROOT / "docs", ROOT / "linreg"))


def verbatim_print(*args: Any, sep: str = " ", end: str = "\n", file: Any = None) -> None:
    """`print` for doc blocks: hand pytest-examples one string, exactly as Python prints it.

    pytest-examples re-formats non-string arguments with black, which would show a
    tensor in a shape Python never prints; joining them first keeps the check verbatim.
    """
    if end != "\n" or file not in (None, sys.stdout):
        raise TypeError("doc blocks print whole lines to stdout: drop end= and file=")
    builtins.print(sep.join(str(arg) for arg in args))


def counts_as_block_print(path: Path, frame: inspect.FrameInfo, args: Any) -> bool:
    """Record prints made through `verbatim_print` or directly in the block's own file."""
    return frame.function == verbatim_print.__name__ or path.samefile(frame.filename)


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_example_prints_what_it_shows(example: CodeExample, eval_example: EvalExample) -> None:
    reason = skip_reason(example)
    if reason is not None:
        pytest.skip(reason)
    eval_example.set_config(
        line_length=88, target_version="py311", isort=True, ruff_select=["B", "UP"]
    )
    eval_example.include_print = counts_as_block_print
    module_globals = {"print": verbatim_print}
    if eval_example.update_examples:
        eval_example.format_ruff(example)
        eval_example.run_print_update(example, module_globals=module_globals)
    else:
        eval_example.lint_ruff(example)
        eval_example.run_print_check(example, module_globals=module_globals)

"""What a code block shows as its output, read the way a reader reads it.

pytest-examples writes a block's printed output after each `print` as `#> ` comment
lines, or, for multi-line output, as a bare triple-quoted string. Both are no-ops
when the block runs, so a copied block still runs; here they are read back, in
source order, to give the exact stdout the page promises.
"""

import ast
import functools
import io
import subprocess
import sys
import tempfile
import tokenize

import pytest
from pytest_examples import CodeExample

OUTPUT_PREFIX = "#>"
SKIP_PREFIX = "skip: "


def shown_output(source: str) -> str:
    """The stdout a block shows: its `#>` lines and bare `\"\"\"` strings, in order."""
    pieces: list[tuple[int, str]] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and token.string.startswith(OUTPUT_PREFIX):
            text = token.string[len(OUTPUT_PREFIX) :]
            pieces.append((token.start[0], text[1:] if text.startswith(" ") else text))
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            and node.value.value.startswith("\n")
        ):
            # Under a `for` or `except`, pytest-examples indents the string like its code.
            indent = " " * node.col_offset
            text = node.value.value[1:].removesuffix("\n" + indent)
            lines = (line.removeprefix(indent) for line in text.split("\n"))
            pieces.append((node.lineno, "\n".join(lines)))
    return "".join(text + "\n" for _, text in sorted(pieces))


def skip_reason(example: CodeExample) -> str | None:
    """The written reason a block is not run (`{.py test="skip: <why>"}`), or None."""
    setting = example.prefix_settings().get("test")
    if setting is None:
        return None
    if not setting.startswith(SKIP_PREFIX) or not setting.removeprefix(SKIP_PREFIX).strip():
        pytest.fail(f'{example}: use test="skip: <reason>", got test="{setting}"')
    return setting.removeprefix(SKIP_PREFIX)


def run_alone(source: str) -> subprocess.CompletedProcess[str]:
    """Run a copied block as a reader would: a clean interpreter (`python -I`) in an
    empty directory, no screen. Once per process for the same program, so the site
    test and the copy-button test of one block share the run: text copied by a
    button and text read out of the HTML differ at most in the final newline."""
    return _run_program(source.rstrip("\n") + "\n")


@functools.cache
def _run_program(program: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as cwd:
        return subprocess.run(
            [sys.executable, "-I", "-c", program],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=300,
            env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"},
        )

"""The README's promise: two set-up commands, and CI runs the test one verbatim."""

import itertools
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]


def setup_commands() -> list[str]:
    """The bash blocks of the README's "Set-up on a fresh machine" section."""
    tokens = MarkdownIt().parse((ROOT / "README.md").read_text("utf-8"))
    commands, in_setup = [], False
    for previous, token in itertools.pairwise(tokens):
        if previous.type == "heading_open" and token.type == "inline":
            in_setup = token.content.startswith("Set-up on a fresh machine")
        elif in_setup and token.type == "fence" and token.info == "bash":
            commands.append(token.content.strip())
    return commands


def test_readme_has_two_setup_commands_serve_then_test() -> None:
    serve, test = setup_commands()
    assert serve.endswith("mkdocs serve")
    assert test.endswith("pytest -n auto")
    for command in (serve, test):
        assert "-c constraints.txt" in command, "torch must come from the CPU pin"


def test_ci_runs_the_readme_test_command() -> None:
    _, test = setup_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert test in ci_lines

"""Which Korean pages are behind their English twins, and marking one reviewed.

Every page of the English edition (`docs/`: its Markdown pages and its labs, jupytext
percent-format `.py` files) has a Korean twin of the same name in `docs-ko/`. The twin
records which version of the English page it translates, as the first 12 hex digits of
the sha256 of the English file's bytes, under the key `translation_of`: in a Markdown
page's front matter, and in a lab's jupytext header, where jupytext reads it as notebook
metadata (no cell):

    ---                              # ---
    translation_of: 3f2a9c01b7de     # jupyter:
    ---                              #   translation_of: 3f2a9c01b7de
                                     # ---

A new translation says `translation_of: TODO`. When the English page changes, its hash
no longer matches and tests/test_translations.py fails, naming the twin. Bring the
translation up to date (`git diff <commit> -- docs/<page>` shows what changed; `status`
prints the commit), then record that it now translates the English page as it is:

    python tools/translations.py reviewed docs-ko/<page>
    python tools/translations.py status      # every twin: current, stale, unreviewed,
                                             # missing; exits 1 unless all are current

`reviewed` changes the value of `translation_of` and nothing else: the YAML is read with
PyYAML to find where the value is written, and only those characters are replaced (or
the one line added), so comments, key order and the rest of the file stay byte for byte.
Needs only PyYAML (a dependency of MkDocs) and, for the commit in `status`, git.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ROOT / "docs"
KOREAN = ROOT / "docs-ko"
KEY = "translation_of"
TODO = "TODO"
DIGITS = 12  # of the sha256: enough to tell versions of one page apart
LAB_PREFIX = "# "  # a lab's header is YAML commented out line by line (jupytext)


def pages(docs: Path) -> list[Path]:
    """An edition's pages: its Markdown pages, then its labs (as tests/support.py's PAGES)."""
    return sorted(docs.rglob("*.md")) + sorted((docs / "labs").glob("*.py"))


def digest(english: Path) -> str:
    """The version of an English page that a twin records: sha256 of its bytes, 12 digits."""
    return hashlib.sha256(english.read_bytes()).hexdigest()[:DIGITS]


# --- the YAML block at the top of a page ------------------------------------------


@dataclass
class Header:
    """A page's lines and, if it has one, its YAML header: front matter between `---`
    lines (Markdown), or a jupytext header between `# ---` lines (a lab)."""

    lines: list[str]  # the whole file, line ends kept
    prefix: str  # "" for Markdown, "# " for a lab
    end: int | None  # index of the closing line; None when there is no header

    @classmethod
    def read(cls, page: Path) -> Header:
        # Bytes, not read_text: universal newlines would turn \r\n into \n on write.
        lines = page.read_bytes().decode("utf-8").splitlines(keepends=True)
        prefix = LAB_PREFIX if page.suffix == ".py" else ""
        fence = prefix + "---"
        closing = {fence} if prefix else {fence, "..."}  # YAML's end of document, for Markdown
        end = None
        if lines and lines[0].rstrip() == fence:
            end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closing), None)
        return cls(lines, prefix, end)

    def yaml(self) -> str:
        """The header's YAML, uncommented; its line n is the file's line n + 1."""
        body = self.lines[1 : self.end] if self.end is not None else []
        if not self.prefix:
            return "".join(body)
        # "# key: value" -> "key: value", and a bare "#" (an empty line) -> ""
        return "".join(line.removeprefix("#").removeprefix(" ") for line in body)

    def root(self) -> yaml.Node | None:
        """The header's YAML as PyYAML composes it: nodes that know where they are written."""
        return yaml.compose(self.yaml(), Loader=yaml.SafeLoader)


def value_of(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    """The node under `key` in a YAML mapping node, or None."""
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((value for name, value in mapping.value if name.value == key), None)


def holder(header: Header) -> yaml.Node | None:
    """The mapping that holds `translation_of`: the front matter, or a lab's `jupyter:`."""
    root = header.root()
    return value_of(root, "jupyter") if header.prefix else root


def scalar(value: str) -> str:
    """`value` as YAML writes it: bare, or quoted when bare would read as another type
    (a hash of digits only, such as 012345678901, would read as a number)."""
    return yaml.safe_dump(value).removesuffix("\n...\n").strip()


def recorded(korean: Path) -> str | None:
    """The `translation_of` a Korean page records (maybe TODO), or None if it has none.

    The value as written, not as YAML would type it: a hash of digits stays a string."""
    node = value_of(holder(Header.read(korean)), KEY)
    if node is None or node.value == "":
        return None
    if not isinstance(node, yaml.ScalarNode):
        raise ValueError(f"{korean}: {KEY} is not a single value ({node.start_mark})")
    return node.value


def record(korean: Path, value: str) -> None:
    """Write `translation_of: value` into a Korean page, changing nothing else."""
    header = Header.read(korean)
    lines, prefix, entry = header.lines, header.prefix, f"{KEY}: {scalar(value)}\n"
    if header.end is None:  # no header yet: one on top
        if prefix:
            lines[:0] = ["# ---\n", "# jupyter:\n", f"#   {entry}", "# ---\n", "\n"]
        else:
            lines[:0] = ["---\n", entry, "---\n"]
    elif (node := value_of(holder(header), KEY)) is not None:  # replace the value only
        start, end = node.start_mark, node.end_mark
        if start.line != end.line:
            raise ValueError(f"{korean}: write {KEY} on one line ({start})")
        row, left, right = start.line + 1, len(prefix) + start.column, len(prefix) + end.column
        text = scalar(value)
        if node.value == "" and not lines[row][:left].endswith(" "):
            text = " " + text  # `translation_of:` with no value
        lines[row] = lines[row][:left] + text + lines[row][right:]
    elif not prefix:  # front matter without the key: first, after the opening `---`
        if header.root() is not None and not isinstance(header.root(), yaml.MappingNode):
            raise ValueError(f"{korean}: the front matter is not a YAML mapping")
        lines[1:1] = [entry]
    elif (jupyter := holder(header)) is None:  # a lab header without `jupyter:`
        lines[1:1] = ["# jupyter:\n", f"#   {entry}"]
    elif isinstance(jupyter, yaml.MappingNode) and not jupyter.flow_style and jupyter.value:
        first = jupyter.value[0][0]  # the key goes before it, as indented
        lines[first.start_mark.line + 1 : first.start_mark.line + 1] = [
            prefix + " " * first.start_mark.column + entry
        ]
    else:
        raise ValueError(f"{korean}: write `{KEY}: {scalar(value)}` under `jupyter:` by hand")
    korean.write_bytes("".join(lines).encode("utf-8"))


# --- the twins ----------------------------------------------------------------------


@dataclass(frozen=True)
class Twin:
    """An English page, its Korean twin, and how they stand."""

    english: Path | None  # None: a Korean page with no English page of that name
    korean: Path
    state: str  # current | stale | unreviewed | missing | orphan
    recorded: str | None = None  # what the Korean page records
    current: str | None = None  # the English page's digest now


def twins(english_docs: Path = ENGLISH, korean_docs: Path = KOREAN) -> list[Twin]:
    """Every English page with its Korean twin, then Korean pages without an English one."""
    found = []
    for english in pages(english_docs):
        korean = korean_docs / english.relative_to(english_docs)
        if not korean.exists():
            found.append(Twin(english, korean, "missing"))
            continue
        now, said = digest(english), recorded(korean)
        state = "unreviewed" if said in (None, TODO) else "current" if said == now else "stale"
        found.append(Twin(english, korean, state, said, now))
    for korean in pages(korean_docs):
        if not (english_docs / korean.relative_to(korean_docs)).exists():
            found.append(Twin(None, korean, "orphan"))
    return found


def reviewed_command(korean: Path) -> str:
    """The command that records a Korean page as translating its English page as it is."""
    return f"python tools/translations.py reviewed {shown(korean)}"


def shown(path: Path) -> str:
    """A path as a writer types it: relative to the repository when inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def commit_of(english: Path, version: str) -> str | None:
    """The latest commit in which `english` had the digest `version` (None: git does not
    know it), so that `git diff <commit> -- <page>` shows what the translation misses."""
    try:
        where = english.resolve().relative_to(ROOT)
        log = git("log", "--format=%H", "-n", "200", "--", str(where))
        for commit in log.split():
            blob = subprocess.run(
                ["git", "show", f"{commit}:{where.as_posix()}"], cwd=ROOT, capture_output=True
            )
            if blob.returncode == 0 and hashlib.sha256(blob.stdout).hexdigest()[:DIGITS] == version:
                return commit[:DIGITS]
    except (OSError, ValueError, subprocess.CalledProcessError):
        pass
    return None


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def explain(twin: Twin) -> str:
    """One paragraph: what is wrong with a twin, and the commands that fix it."""
    korean = shown(twin.korean)
    if twin.state == "missing":
        return f"{shown(twin.english)} has no Korean twin: write {korean}"  # type: ignore[arg-type]
    if twin.state == "orphan":
        return f"{korean} has no English page of that name in docs/: rename or remove it"
    english = shown(twin.english)  # type: ignore[arg-type]
    if twin.state == "unreviewed":
        said = "translation_of: TODO" if twin.recorded == TODO else f"no {KEY}"
        return (
            f"{korean} records {said}. Once it translates {english} as it is now, run:\n"
            f"  {reviewed_command(twin.korean)}"
        )
    if twin.state == "stale":
        commit = commit_of(twin.english, twin.recorded)  # type: ignore[arg-type]
        what = f"git diff {commit} -- {english}" if commit else f"git log -p -- {english}"
        return (
            f"{english} changed after {korean} was reviewed ({KEY}: {twin.recorded}, "
            f"{english} is now {twin.current}).\n  What changed: {what}\n"
            f"  Update the translation, then run: {reviewed_command(twin.korean)}"
        )
    return f"{korean}: current"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("status", help="every twin's state; exit status 1 unless all current")
    mark = commands.add_parser(
        "reviewed", help="record that docs-ko/<page> translates docs/<page> as it is now"
    )
    mark.add_argument("pages", nargs="+", type=Path, metavar="docs-ko/<page>")
    options = parser.parse_args(argv)

    if options.command == "status":
        found = twins()
        for twin in found:
            if twin.state != "current":
                print(f"{twin.state}: {explain(twin)}")
        current = sum(twin.state == "current" for twin in found)
        print(f"{current} of {len(found)} Korean pages current")
        return 0 if current == len(found) else 1

    for page in options.pages:
        korean = page.resolve()
        if not korean.is_relative_to(KOREAN) or not korean.exists():
            parser.error(f"{page}: not a page in {shown(KOREAN)}/")
        english = ENGLISH / korean.relative_to(KOREAN)
        if not english.exists():
            parser.error(f"{page}: no English page {shown(english)}")
        try:
            before, now = recorded(korean), digest(english)
            record(korean, now)
        except (ValueError, yaml.YAMLError) as error:
            parser.error(f"{page}: cannot read its header's YAML: {error}")
        print(f"{shown(korean)}: {KEY} {before} -> {now} ({shown(english)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

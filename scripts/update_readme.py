"""Rewrite the README's example outputs from the CLI as it is now.

    python scripts/update_readme.py

Each example is a ``<!-- oftl ARGS -->`` marker followed by a fenced block; the block is
replaced by what ``oftl ARGS`` prints at 80 columns without colour (``ARGS | sed -n A,Bp``
keeps lines A to B; CRLF line ends and the CSV's byte-order mark are not shown).
tests/test_readme.py fails when a block differs, so the README cannot drift from the tool.
"""

import contextlib
import os
import pathlib
import re
import shlex
import shutil
import tempfile

from typer.testing import CliRunner

# Outputs as a fresh install writes them: no bank-holiday feed stored by `oftl holidays --update`.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="oftl-no-feed-")

from ofsted_timeline.cli import app

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"
EXAMPLE = re.compile(r"(<!-- oftl (?P<args>.+?) -->\n```text\n)(?P<output>.*?)(```)", re.DOTALL)
COPIED = ("examples", "tests/data")  # the folders examples read files from
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}  # what a terminal and a pipe default to


def run(args: str) -> str:
    command, _, lines_wanted = args.partition(" | sed -n ")
    # Examples name files relative to the repository; each runs in a fresh copy of the files it may
    # read or change (oftl record edits a record in place), so every example stands alone.
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        for part in COPIED:
            shutil.copytree(README.parent / part, part)
        result = CliRunner().invoke(app, shlex.split(command), env=ENV)
    if result.exit_code != 0:
        raise SystemExit(f"oftl {args} failed: {result.output}")
    lines = result.stdout.removeprefix("\ufeff").replace("\r\n", "\n").splitlines(keepends=True)
    if lines_wanted:
        first, last = lines_wanted.removesuffix("p").split(",")
        lines = lines[int(first) - 1 : int(last)]
    return "".join(lines)


def examples(text: str) -> list[tuple[str, str]]:
    """(args, output in the README) for every example."""
    return [(m["args"], m["output"]) for m in EXAMPLE.finditer(text)]


def main() -> None:
    text = README.read_text(encoding="utf-8")
    README.write_text(EXAMPLE.sub(lambda m: m[1] + run(m["args"]) + m[4], text), encoding="utf-8")
    print(f"updated {len(examples(text))} examples in {README}")


if __name__ == "__main__":
    main()

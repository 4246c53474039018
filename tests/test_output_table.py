"""The one output table: every command's --format choices, their help and -o's extension rule
come from it, and nothing in it is imported before a command renders."""

import subprocess
import sys
from typing import get_args

import pytest

from ofsted_timeline.render.registry import EXTENSIONS, FORMATS_BY_EXTENSION, OUTPUTS, Format, What, formats

from .conftest import run

PLAN = "examples/barnet-plan.toml"

COMMANDS = {
    ("deadlines", "--received", "2017-07-07"): "timeline",
    ("batch", "examples/authorities.csv"): "batch",
    ("check", PLAN): "check",
    ("history",): "history",
    ("rules",): "rules",
    ("frameworks",): "frameworks",
    ("holidays", "2017"): "holidays",
}


@pytest.mark.parametrize(("command", "what"), COMMANDS.items(), ids=lambda c: c[0] if isinstance(c, tuple) else c)
def test_format_choices_and_help_come_from_the_table(command, what):
    text = " ".join(run(command[0], "--help").stdout.split())
    assert f"-f, --format <{'|'.join(formats(what))}>" in text
    named = " ".join(EXTENSIONS[form][0] for form in formats(what) if form is not Format.table)
    assert f"[default: from the --output file's extension ({named} .txt), else table]" in text


def test_every_format_has_an_extension_and_every_extension_one_format():
    assert set(EXTENSIONS) == set(Format)
    assert FORMATS_BY_EXTENSION[".htm"] is Format.html and FORMATS_BY_EXTENSION[".markdown"] is Format.markdown
    assert len(FORMATS_BY_EXTENSION) == sum(len(extensions) for extensions in EXTENSIONS.values())


def test_a_command_writes_every_format_of_its_entry_and_no_other(tmp_path):
    """frameworks and holidays offer table and json only: xlsx is refused by the choices
    (exit 2, one line), and by the extension rule for -o."""
    assert formats("frameworks") == (Format.table, Format.json)
    refused = run("frameworks", "--format", "xlsx")
    assert refused.exit_code == 2 and "'xlsx' is not one of 'table', 'json'" in refused.output
    by_name = run("holidays", "2017", "-o", str(tmp_path / "h.xlsx"))
    assert by_name.exit_code == 2 and "no output format writes .xlsx files: end the file name with .txt, .json" in (
        by_name.output
    )
    assert not (tmp_path / "h.xlsx").exists()


def test_check_writes_a_workbook_by_its_extension(tmp_path):
    target = tmp_path / "check.xlsx"
    result = run("check", PLAN, "--as-of", "2017-10-20", "-o", str(target))
    assert result.exit_code in (0, 1) and target.read_bytes()[:2] == b"PK"


def test_the_table_imports_no_renderer():
    """Start-up: the table names its renderers; each is imported when a command calls it."""
    code = (
        "import sys, ofsted_timeline.render.registry as r; "
        "print(sorted(m for m in sys.modules if m.startswith('ofsted_timeline.render.') and m != r.__name__))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_every_entry_renders_what_the_command_writes():
    assert set(OUTPUTS) == set(get_args(What))
    assert formats("timeline") == formats("batch") == tuple(Format)
    assert set(formats("authority")) < set(formats("history"))


def test_every_named_renderer_is_found():
    """A renderer named in the table exists where it is named (a module moved is caught here)."""
    import importlib

    from ofsted_timeline.render.registry import Named

    named = [r for entry in OUTPUTS.values() for r in entry.values() if isinstance(r, Named)]
    assert named
    for renderer in named:
        module = importlib.import_module(f"ofsted_timeline.render.{renderer.module}")
        assert callable(getattr(module, renderer.function)), (renderer.module, renderer.function)


def test_each_format_help_names_every_format_the_command_writes():
    """The prose of --format is written by hand: it may not leave out a format the table lists."""
    import re

    from ofsted_timeline.cli.options import FORMAT_HELP

    for what, said in FORMAT_HELP.items():
        if said != "Output format.":
            assert all(re.search(rf"\b{form}\b", said) for form in formats(what)), what

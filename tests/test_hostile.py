"""Hostile and broken input (issue 12): nothing destroyed, nothing injected, never a traceback.

Each reproduction of the red-team pass is a test here: files that are not files, paths that
leave the plan's folder, -o targets that must not be replaced, formulas in CSV cells, control
characters in messages, format strings in rule text, and inputs that used to raise.
"""

import os
import pathlib
import stat

import pytest

from ofsted_timeline import reading
from ofsted_timeline.reading import FILE_LIMIT, MIB

from .test_cli import run

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


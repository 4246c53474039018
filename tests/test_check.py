"""`oftl check PLAN`: every exit code, each finding one line naming date, rule, limit and source."""

import json
import pathlib

import pytest

from .conftest import BOARD_RULES, run

EXAMPLE = pathlib.Path(__file__).resolve().parent.parent / "examples" / "barnet-plan.toml"
WSOA_SOURCE = "(Handbook 6, 7, 19, 49; Cover report 1.19, 2.1; SI 2007/462 reg. 3)"


def plan(tmp_path, text: str) -> str:
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def lines(result) -> list[str]:
    return result.stdout.splitlines()


def test_barnet_plan_with_submission_on_13_october_passes():
    result = run("check", str(EXAMPLE), "--as-of", "2017-10-20")
    assert result.exit_code == 0, result.output
    assert (
        "ok    wsoa: done Fri 13 Oct 2017, 1 working day early (rule: statutory deadline Mon 16 Oct 2017; "
        + WSOA_SOURCE[1:]
    ) in lines(result)
    assert (
        "ok    apv-window: done Mon 21 Aug 2017, in the window (rule: Fri 11 Aug – Fri 25 Aug 2017; " in result.stdout
    )
    # Handbook 23: the first visit within four weeks of the deadline, by Mon 13 Nov 2017; planned a day later.
    # Ofsted sets it, so it is a note, not a warning: a plan fails only for the authority's duties.
    assert (
        "NOTE  mv1: set for Tue 14 Nov 2017 (in 17 working days), 1 working day later than the usual window "
        "(Ofsted sets this date) (rule: Tue 17 Oct – Mon 13 Nov 2017; Handbook 23)"
    ) in lines(result)
    # After a visit given, the next falls 11–15 weeks later: Tue 30 Jan – Tue 27 Feb 2018 (sif-2017.toml).
    mv2 = "ok    mv2: set for Tue 6 Feb 2018 (in 74 working days), in the window (rule: Tue 30 Jan – Tue 27 Feb 2018;"
    assert mv2 in result.stdout
    assert lines(result)[-1] == "check passed: 0 failures, 0 warnings, 1 note, 6 dates checked"


def test_late_statement_fails_naming_the_deadline(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("wsoa = 2017-10-13", "wsoa = 2017-10-20")
    result = run("check", plan(tmp_path, text), "--as-of", "2017-10-20")
    assert result.exit_code == 1
    assert (
        "FAIL  wsoa: LATE: done Fri 20 Oct 2017, 4 working days late (rule: statutory deadline Mon 16 Oct 2017; "
        + WSOA_SOURCE[1:]
    ) in lines(result)
    assert lines(result)[-1] == "check FAILED: 1 failure, 0 warnings, 1 note, 6 dates checked"


def test_strict_turns_ofsteds_date_off_its_pattern_into_a_failure():
    result = run("check", str(EXAMPLE), "--as-of", "2017-10-20", "--strict")
    assert result.exit_code == 1
    assert (
        "FAIL  mv1: set for Tue 14 Nov 2017 (in 17 working days), 1 working day later than the usual window "
        "(Ofsted sets this date) (rule: Tue 17 Oct – Mon 13 Nov 2017; Handbook 23)"
    ) in lines(result)


PUBLISHED_ONLY = 'authority = "Barnet"\nreceived = 2017-07-07\n[dates]\npublish-report = 2017-07-10\n'


@pytest.mark.parametrize(
    ("as_of", "extra", "code", "line"),
    [
        (
            "2017-10-20",
            [],
            1,
            "FAIL  wsoa: no date given, and the statutory deadline Mon 16 Oct 2017 passed 4 working days ago",
        ),
        ("2017-10-10", [], 0, None),
        (
            "2017-10-10",
            ["--due-within", "5"],
            1,
            "FAIL  wsoa: no date given, and the statutory deadline Mon 16 Oct 2017 is in 4 working days",
        ),
        ("2017-10-10", ["--due-within", "3"], 0, None),
        (
            "2017-10-16",
            ["--due-within", "0"],
            1,
            "FAIL  wsoa: no date given, and the statutory deadline Mon 16 Oct 2017 is today",
        ),
    ],
)
def test_missing_statutory_date(tmp_path, as_of, extra, code, line):
    result = run("check", plan(tmp_path, PUBLISHED_ONLY), "--as-of", as_of, *extra)
    assert result.exit_code == code, result.output
    if line:
        assert f"{line} {WSOA_SOURCE}" in lines(result)
    else:
        assert not any(text.startswith("FAIL") for text in lines(result))


def test_ofsteds_window_date_too_early_is_a_note_without_blame(tmp_path):
    text = PUBLISHED_ONLY + "apv-window = 2017-08-01\n"
    result = run("check", plan(tmp_path, text), "--as-of", "2017-08-02")
    assert result.exit_code == 0
    assert (
        "NOTE  apv-window: done Tue 1 Aug 2017, 8 working days earlier than the usual window (Ofsted sets this "
        "date) (rule: Fri 11 Aug – Fri 25 Aug 2017; Handbook 10, Annex A)"
    ) in lines(result)


def test_the_authoritys_own_window_date_too_early_is_a_warning(tmp_path):
    """A council's own rule is the authority's: 10–20 working days after Fri 7 Jul 2017 is
    Fri 21 Jul – Fri 4 Aug 2017; Tue 18 Jul is 3 working days before it."""
    rules = tmp_path / "local.toml"
    rules.write_text(BOARD_RULES, encoding="utf-8")
    text = PUBLISHED_ONLY + "board = 2017-07-18\n"
    result = run("check", plan(tmp_path, text), "--as-of", "2017-08-02", "--rules", str(rules))
    assert result.exit_code == 0
    assert (
        "WARN  board: EARLY: done Tue 18 Jul 2017, 3 working days before the window "
        "(rule: Fri 21 Jul – Fri 4 Aug 2017; Terms of reference 2) [local rule]"
    ) in lines(result)


def test_json_report(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("wsoa = 2017-10-13", "wsoa = 2017-10-20")
    result = run("check", plan(tmp_path, text), "--as-of", "2017-10-20", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["exit_code"] == 1 and document["authority"] == "Barnet"
    wsoa = next(f for f in document["findings"] if f["milestone"] == "wsoa")
    assert {k: wsoa[k] for k in ("level", "fails", "kind", "date", "latest")} == {
        "level": "violation",
        "fails": True,
        "kind": "statutory",
        "date": "2017-10-20",
        "latest": "2017-10-16",
    }


def test_persistent_failure_is_a_note(tmp_path):
    text = PUBLISHED_ONLY.replace(
        "received = 2017-07-07\n", "received = 2017-07-07\nprevious_inadequate = [2014-03-01]\n"
    )
    result = run("check", plan(tmp_path, text), "--as-of", "2017-07-20")
    assert result.exit_code == 0
    assert "NOTE  Persistent failure (PCF 121, key): 2 inadequate judgements within 5 years" in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("received = 2017-07-07\nwsoa = 2017-10-13\n", "unknown key 'wsoa': the plan's keys are authority, received"),
        ("received = 2017-02-30\n", "not valid TOML"),
        ("received = 2017-07-07\n[dates\n", "not valid TOML"),
        ('received = "30/02/2017"\n', "received: '30/02/2017' is not a real date"),
        ("authority = 'Barnet'\n", "'received' is missing"),
        ("received = 2017-07-07T10:00:00\n", "received is a date and time: give the date alone, e.g. 2017-07-07"),
        ("received = 2017-07-07\n[dates]\nwsoaa = 2017-10-13\n", "no milestone 'wsoaa' in sif-2017"),
        ("received = 2017-07-07\n[dates]\nvisits = 2017-11-14\n", "[dates] visits must be a list of dates"),
        ("received = 2017-07-07\n[dates]\nvisits = [2017-11-14, 'soon']\n", "[dates] visits[2]: 'soon' is not a date"),
        (
            "received = 2017-07-07\n[dates]\nmv1 = 2017-11-14\nvisits = [2017-11-14]\n",
            "mv1 is given twice, also by visits",
        ),
        ("received = 2017-07-07\nprevious_inadequate = [2018-01-01]\n", "is not before this report"),
        ("received = 2017-07-07\nframework = 'ilacs'\n", "unknown framework 'ilacs'"),
        ("received = 2017-07-07\nauthority = 3\n", "'authority' must be text"),
        ("received = 2017-07-07\ndates = 3\n", "'dates' must be a table"),
    ],
)
def test_malformed_plan_exits_2_naming_the_problem(tmp_path, text, message):
    path = plan(tmp_path, text)
    result = run("check", path)
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"oftl: error: {path}: ") and message in line, line


def test_unreadable_plans(tmp_path):
    for path, message in (
        (tmp_path / "missing.toml", "cannot read plan file"),
        (tmp_path, "is a folder"),
    ):
        result = run("check", str(path))
        assert result.exit_code == 2 and message in result.output
    binary = tmp_path / "latin1.toml"
    binary.write_bytes("authority = 'Ynys Môn'\n".encode("latin-1"))
    result = run("check", str(binary))
    assert result.exit_code == 2 and "is not UTF-8 text" in result.output


def test_check_knows_the_authority_from_the_inspection_history(tmp_path):
    """Bradford: inadequate, published Mon 29 Oct 2018 and Tue 31 Jan 2023 (Ofsted reports): two within
    five years is persistent failure (PCF 121, key), found in the history without previous_inadequate."""
    text = 'authority = "Bradford"\nreceived = 2023-01-31\n'
    result = run("check", plan(tmp_path, text), "--as-of", "2023-02-01")
    assert (
        "NOTE  Persistent failure (PCF 121, key): 2 inadequate judgements within 5 years, compared by "
        "publication day (Mon 29 Oct 2018, Tue 31 Jan 2023)"
    ) in result.stdout
    assert "Mon 29 Oct 2018 is from the inspection history" in result.stdout


@pytest.mark.parametrize("suffix", ["html", "json", "svg", "xlsx", "txt"])
def test_report_to_a_file_still_tells_the_ci_log_what_failed(tmp_path, suffix):
    """-o check.html on a failing plan: each FAIL and the summary on stderr, the report in the file (issue 22)."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("wsoa = 2017-10-13", "wsoa = 2017-10-20")
    report = tmp_path / f"check.{suffix}"
    args = ("--format", "table") if suffix == "txt" else ()
    result = run("check", plan(tmp_path, text), "--as-of", "2017-10-20", *args, "-o", str(report))
    assert result.exit_code == 1
    assert result.stdout == "" and report.stat().st_size > 0
    log = result.stderr.splitlines()
    assert log[0].startswith("FAIL  wsoa: LATE: done Fri 20 Oct 2017, 4 working days late")
    assert log[-1] == "check FAILED: 1 failure, 0 warnings, 1 note, 6 dates checked"
    assert len(log) == 2


def test_passing_report_to_a_file_says_passed_on_stderr(tmp_path):
    result = run("check", str(EXAMPLE), "--as-of", "2017-10-20", "-o", str(tmp_path / "check.json"))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "check passed: 0 failures, 0 warnings, 1 note, 6 dates checked\n"

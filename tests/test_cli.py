"""The oftl commands end to end: output, exit codes, and one-line errors on bad input."""

import json
import subprocess
import sys

import pytest

from ofsted_timeline import __version__
from ofsted_timeline.cli import app

from .conftest import RUNNER, run

BARNET = ["--received", "2017-07-07", "--as-of", "2017-09-01"]


def test_deadlines_view_at_a_glance_fits_80_columns_and_40_lines():
    """Issue 14: the next statutory deadline (Mon 16 Oct 2017, Cover report 1.19) within six lines."""
    result = RUNNER.invoke(app, ["deadlines", *BARNET], env={"COLUMNS": "80", "NO_COLOR": "1"})
    lines = result.stdout.splitlines()
    assert len(lines) <= 40 and max(map(len, lines)) <= 80
    head = "\n".join(lines[:6])
    assert "OVERDUE        Fri 18 Aug 2017 Report's publication: overdue by 9 working days" in head
    assert "Next statutory Mon 16 Oct 2017 Written statement of action: due in 31 working" in head
    assert any(line.startswith("11–25 Aug 2017") and line.rstrip().endswith("passed") for line in lines)
    assert "Undated until --reinspection DATE is given: the planning days, the notice, the" in result.stdout


def test_upcoming_leaves_out_what_is_done_or_passed():
    result = run("deadlines", *BARNET, "--upcoming")
    assert "Action planning visit" not in result.stdout  # passed on Fri 25 Aug 2017
    assert "OVERDUE 9 wd" in result.stdout  # an overdue statutory deadline stays


def test_deadlines_table_shows_the_verified_anchors():
    result = run("deadlines", *BARNET, "--details")
    assert result.exit_code == 0, result.output
    assert "Fri 11 Aug –" in result.stdout and "Fri 25 Aug 2017" in result.stdout  # Handbook 10
    assert "Mon 16 Oct 2017" in result.stdout  # Cover report 1.19
    assert "STATUTORY" in result.stdout
    assert "Not dated: Notice of the re-inspection" in result.stdout


def test_deadlines_json_schema():
    result = run("deadlines", *BARNET, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert {"received", "framework", "calendar", "as_of", "milestones"} <= set(document)
    assert (document["received"], document["framework"], document["as_of"]) == ("2017-07-07", "sif-2017", "2017-09-01")
    wsoa = next(m for m in document["milestones"] if m["id"] == "wsoa")
    assert wsoa == {
        "id": "wsoa",
        "rule": "wsoa",
        "title": "Written statement of action to the Secretary of State and HMCI",
        "kind": "statutory",
        "by": "authority",
        "earliest": "2017-10-16",
        "latest": "2017-10-16",
        "earliest_time": None,
        "latest_time": None,
        "actual": None,
        "basis": "70 working days after receipt",
        "source": "Handbook 6, 7, 19, 49; Cover report 1.19, 2.1; SI 2007/462 reg. 3",
        "status": "due",
        "status_text": "due in 31 working days",
        "projected": False,
        "unverified": False,
        "local": None,
        "practice": None,
        "notes": [
            "Due after every inspection, whatever the judgement (Handbook 19); "
            "the duty to prepare it is EIA 2006 s.137(3)."
        ],
    }
    apv = next(m for m in document["milestones"] if m["id"] == "apv-window")
    assert (apv["earliest"], apv["latest"]) == ("2017-08-11", "2017-08-25")
    assert document["calendar"]["name"] == "England and Wales bank holidays"


def test_actual_dates_from_options():
    result = run(
        "deadlines",
        *BARNET,
        "--format",
        "json",
        "--apv",
        "21/08/2017",
        "--wsoa-submitted",
        "13 October 2017",
        "--visit",
        "2017-11-14",
        "--visit",
        "2018-02-06",
        "--reinspection",
        "2019-05-13",
    )
    assert result.exit_code == 0, result.output
    by_id = {m["id"]: m for m in json.loads(result.stdout)["milestones"]}
    assert by_id["apv-window"]["actual"] == "2017-08-21"
    assert by_id["wsoa"]["actual"] == "2017-10-13"
    assert by_id["mv2"]["actual"] == "2018-02-06"
    assert by_id["mv3"]["latest"] == "2018-05-22"  # 15 weeks after visit 2 (Handbook 23; sif-2017.toml)
    assert by_id["reinspection-notice"]["latest"] == "2019-05-09"


def test_explain_lists_each_day_counted_and_skipped():
    result = run("explain", "wsoa", *BARNET)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  Fri 7 Jul 2017   day 0    receipt" in lines
    assert "  Sat 8 Jul 2017   -        skipped: Saturday" in lines
    assert "  Mon 10 Jul 2017  day 1" in lines
    assert "  Mon 28 Aug 2017  -        skipped: Late Summer Bank Holiday" in lines
    assert "  Mon 16 Oct 2017  day 70   <- the date" in lines
    assert lines[-3] == (
        "  Counted 70 working days after Fri 7 Jul 2017; skipped 30 weekend days and 1 bank holiday "
        "(Mon 28 Aug 2017 Late Summer Bank Holiday)."
    )
    assert lines[-1] == "Calendar: England and Wales bank holidays, holidays 0.109 (bundled data 2000–2040)."


def test_explain_a_window_marks_both_ends():
    result = run("explain", "apv-window", *BARNET)
    assert "  Fri 11 Aug 2017  day 25   <- earliest" in result.stdout.splitlines()
    assert "  Fri 25 Aug 2017  day 35   <- latest" in result.stdout.splitlines()


def test_explain_a_calendar_rule_shows_the_roll():
    result = run("explain", "dfe-improvement-plan", *BARNET)
    assert (
        "  Fri 7 Jul 2017 + 3 months (calendar arithmetic) = Sat 7 Oct 2017; "
        "not a working day (Saturday): moved to Fri 6 Oct 2017."
    ) in result.stdout.splitlines()


def test_explain_a_chained_rule_names_its_anchor():
    result = run("explain", "mv1", *BARNET)
    assert "From the written statement of action deadline, Mon 16 Oct 2017 (see `oftl explain wsoa`):" in result.stdout


def test_rules_lists_sources():
    result = run("rules")
    assert result.exit_code == 0
    assert "Handbook 10, Annex A" in result.stdout and "apv-window" in result.stdout
    document = json.loads(run("rules", "--framework", "sif-2017", "--format", "json").stdout)
    assert document["framework"] == "sif-2017"
    assert [r["id"] for r in document["rules"]][:4] == ["publish-report", "apv-window", "apv-agenda", "wsoa"]


def test_holidays_lists_the_year_and_its_source():
    result = run("holidays", "2022")
    assert result.exit_code == 0
    assert "Mon 19 Sep 2022" in result.stdout and "State Funeral of Queen Elizabeth II" in result.stdout
    assert "holidays" in result.stdout
    document = json.loads(run("holidays", "2017", "--format", "json").stdout)
    assert {"date": "2017-08-28", "title": "Late Summer Bank Holiday"} in document["holidays"]


def test_holidays_file_adds_a_proclaimed_holiday(tmp_path):
    path = tmp_path / "bank-holidays.json"
    path.write_text(json.dumps({"england-and-wales": {"events": [{"title": "Proclaimed", "date": "2017-09-01"}]}}))
    result = run("deadlines", *BARNET, "--format", "json", "--holidays-file", str(path))
    wsoa = next(m for m in json.loads(result.stdout)["milestones"] if m["id"] == "wsoa")
    assert wsoa["latest"] == "2017-10-17"
    assert str(path) in json.loads(result.stdout)["calendar"]["source"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["deadlines", "--received", "31/02/2017"], "'31/02/2017' is not a real date"),
        (["deadlines", "--received", "soon"], "'soon' is not a date: write it as 2017-07-07"),
        (["deadlines", "--received", "1890-01-01"], "01/01/1890 is outside the bank-holiday calendar"),
        (
            ["deadlines", "--received", "2098-01-01"],
            "/2100 is outside the bank-holiday calendar, which covers 2000–2099",
        ),
        (["deadlines", "--received", "2017-07-07", "--framework", "x"], "unknown framework 'x'"),
        (["explain", "nope", "--received", "2017-07-07"], "no milestone 'nope' in this timeline"),
        (["explain", "mv-quarterly", "--received", "2017-07-07"], "'mv-quarterly' is a series: explain one of mv2"),
        (["explain", "reinspection-notice", "--received", "2017-07-07"], "needs the first day of re-inspection"),
        (
            ["deadlines", "--received", "2017-07-07", "--holidays-file", "/nonexistent.json"],
            "cannot read holidays file",
        ),
        (["holidays", "1900"], "no bank holidays for 1900: oftl's calendar covers 1972–2099"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert result.stderr.startswith("oftl: error: ")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON (line 1"),
        ('{"scotland": {"events": []}}', 'no "england-and-wales"'),
        ('{"england-and-wales": {"events": [{"title": "x", "date": "2017-13-01"}]}}', "event 1 has date '2017-13-01'"),
        ('{"england-and-wales": {"events": []}}', "events list is empty"),
    ],
)
def test_malformed_holidays_file(tmp_path, content, message):
    path = tmp_path / "h.json"
    path.write_text(content)
    result = run("deadlines", "--received", "2017-07-07", "--holidays-file", str(path))
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_holidays_file_that_is_a_folder_or_not_utf8(tmp_path):
    assert "is a folder" in run("holidays", "2017", "--holidays-file", str(tmp_path)).stderr
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"england-and-wales": {"events": [{"title": "\xe9", "date": "2017-09-01"}]}}')
    assert "not UTF-8 text" in run("holidays", "2017", "--holidays-file", str(path)).stderr


def test_a_timeline_without_a_receipt_is_an_input_error():
    result = run("deadlines")
    assert result.exit_code == 2 and result.stderr == (
        "oftl: error: give --received DATE (the day the report arrived), or --plan FILE, the council's record\n"
    )


def test_help_names_the_date_forms():
    result = run("--help")
    assert result.exit_code == 0 and "07/07/2017 (day first)" in result.stdout


def test_version_and_module_entry_point():
    assert run("--version").stdout == f"oftl {__version__}\n"
    completed = subprocess.run(
        [sys.executable, "-m", "ofsted_timeline", "deadlines", *BARNET, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(completed.stdout)["milestones"]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["deadlines"],
            "oftl: error: give --received DATE (the day the report arrived), or --plan FILE, the council's record",
        ),
        (
            ["deadlines", "--received", "2017-07-07", "--format", "xml"],
            "oftl: error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv', "
            "'markdown', 'ics', 'svg', 'html', 'xlsx'. See `oftl deadlines --help`.",
        ),
        (["nocommand"], "oftl: error: No such command 'nocommand'. See `oftl --help`."),
        (
            ["holidays", "1900"],
            "oftl: error: no bank holidays for 1900: oftl's calendar covers 1972–2099",
        ),
    ],
)
def test_the_console_script_gives_usage_errors_on_one_line(args, line):
    completed = subprocess.run([sys.executable, "-m", "ofsted_timeline", *args], capture_output=True, text=True)
    assert (completed.returncode, completed.stdout, completed.stderr) == (2, "", line + "\n")


def test_the_console_script_keeps_exit_code_1_for_check():
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "ofsted_timeline",
            "check",
            "examples/barnet-plan.toml",
            "--as-of",
            "2017-10-20",
            "--strict",
        ],
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 1 and completed.stdout.splitlines()[-1].startswith("check FAILED")

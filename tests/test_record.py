"""One record per council: --date for any milestone, --plan on every timeline view, init and record.

Barnet received its report Fri 7 Jul 2017 (Cover report 1.19): publication due Fri 18 Aug 2017
(SI 2007/462 reg. 2: 30 working days), the statement Mon 16 Oct 2017 (70 working days, Handbook 6,
7, 19, 49). Bradford's inadequate judgements were published Mon 29 Oct 2018 and Tue 31 Jan 2023
(Ofsted's reports, in the inspection history).
"""

import json

import pytest

from .conftest import run

BARNET = ("--received", "2017-07-07", "--as-of", "2017-09-01")


def milestones(result) -> dict[str, dict]:
    assert result.exit_code == 0, result.output
    return {m["id"]: m for m in json.loads(result.stdout)["milestones"]}


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    return line


def test_a_date_given_for_the_publication_ends_the_overdue_status():
    """From day 31 the publication showed OVERDUE although it was done: --date says it was."""
    before = milestones(run("deadlines", *BARNET, "-f", "json"))["publish-report"]
    assert (before["status"], before["status_text"]) == ("overdue", "overdue by 9 working days")
    after = milestones(run("deadlines", *BARNET, "--date", "publish-report=2017-08-10", "-f", "json"))
    assert after["publish-report"]["status"] == "met"
    assert after["publish-report"]["status_text"] == "done Thu 10 Aug 2017, 6 working days early"


@pytest.mark.parametrize(
    ("given", "status"),
    [
        ("dfe-improvement-plan=2017-10-06", "met"),  # PCF 121: three months after receipt, Fri 6 Oct 2017
        ("dfe-review-3=07/01/2019", "met"),  # PCF 121: every six months, the third Mon 7 Jan 2019
        ("mv-report-2=2018-03-15", "in-window"),  # Handbook 41, 42: day 23 of visit 2, 16 Feb – 15 Mar 2018
    ],
)
def test_a_date_for_any_milestone_id(given, status):
    key, _, _ = given.partition("=")
    found = milestones(
        run("deadlines", "--received", "2017-07-07", "--as-of", "2019-12-01", "--date", given, "-f", "json")
    )
    assert found[key]["status"] == status and found[key]["actual"] is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "wsoaa=2017-10-13"], "no milestone 'wsoaa' in sif-2017: did you mean wsoa?"),
        (["--date", "wsoa"], "--date 'wsoa': give ID=DATE, e.g. --date publish-report=2017-08-10"),
        (["--date", "wsoa=soon"], "--date wsoa: 'soon' is not a date"),
        (["--date", "wsoa=2017-10-13", "--wsoa-submitted", "2017-10-12"], "wsoa is given twice on the command line"),
        (
            ["--date", "publish-report=2017-07-06"],
            "publish-report is given as Thu 6 Jul 2017, before the day counted from (Report received Fri 7 Jul 2017)",
        ),
        (["--date", "dfe-review-5=2019-07-05"], "no dfe-review-5 in this timeline: the dates of 'dfe-review' are"),
    ],
)
def test_a_date_the_rules_refuse_is_one_line_exit_2(args, message):
    assert one_line_error(run("deadlines", *BARNET, *args)).startswith(f"oftl: error: {message}")


RECORD = """# Barnet's record
authority = "Barnet"  # the council
received = 2017-07-07

[dates]
publish-report = 2017-07-10   # published on the council's website
wsoa = 2017-10-13
visits = [2017-11-14]
"""


@pytest.fixture
def record(tmp_path):
    path = tmp_path / "barnet.toml"
    path.write_text(RECORD, encoding="utf-8")
    return path


def test_deadlines_reads_the_record(record):
    found = milestones(run("deadlines", "--plan", str(record), "--as-of", "2017-12-01", "-f", "json"))
    assert found["publish-report"]["actual"] == "2017-07-10" and found["mv1"]["actual"] == "2017-11-14"
    document = json.loads(run("deadlines", "--plan", str(record), "--as-of", "2017-12-01", "-f", "json").stdout)
    assert document["authority"] == "Barnet" and document["received"] == "2017-07-07"


def test_the_command_line_overrides_the_record(record):
    found = milestones(
        run(
            "deadlines",
            "--plan",
            str(record),
            "--as-of",
            "2017-12-01",
            "--date",
            "wsoa=2017-10-16",
            "--visit",
            "2017-11-07",
            "-f",
            "json",
        )
    )
    assert found["wsoa"]["actual"] == "2017-10-16"  # --date replaces the record's date for that id
    assert found["mv1"]["actual"] == "2017-11-07"  # --visit replaces the record's visits
    assert found["publish-report"]["actual"] == "2017-07-10"  # the rest of the record stays


def test_explain_and_every_format_read_the_record(record, tmp_path):
    explained = run("explain", "wsoa", "--plan", str(record), "--as-of", "2017-12-01")
    assert explained.exit_code == 0 and "done Fri 13 Oct 2017, 1 working day early" in explained.stdout
    calendar = tmp_path / "barnet.ics"
    assert run("deadlines", "--plan", str(record), "--as-of", "2017-12-01", "-o", str(calendar)).exit_code == 0
    assert "Barnet: Written statement of action" in calendar.read_text(encoding="utf-8")


def test_a_bad_date_in_the_record_names_the_file(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text("received = 2017-07-07\n[dates]\nwsoa = 2017-07-01\n", encoding="utf-8")
    line = one_line_error(run("deadlines", "--plan", str(path)))
    assert line.startswith(f"oftl: error: {path}: wsoa is given as Sat 1 Jul 2017, before the day counted from")


def test_a_record_names_its_own_rules_beside_it(tmp_path):
    """A council's own rule, in a file the record names: 10 working days after Fri 7 Jul 2017 is Fri 21 Jul."""
    (tmp_path / "local.toml").write_text(
        '[[rules]]\nid = "board"\ntitle = "Improvement board"\nshort = "the board"\nkind = "expected"\n'
        'date = { anchor = "receipt", offset = 10, unit = "working days" }\nsource = "Terms of reference 2"\n',
        encoding="utf-8",
    )
    path = tmp_path / "plan.toml"
    path.write_text('received = 2017-07-07\nrules = "local.toml"\n', encoding="utf-8")
    board = milestones(run("deadlines", "--plan", str(path), "--as-of", "2017-07-10", "-f", "json"))["board"]
    assert (board["latest"], board["by"], board["local"]) == ("2017-07-21", "authority", str(tmp_path / "local.toml"))


def test_explain_knows_the_authority():
    """Bradford's re-inspection began Mon 21 Nov 2022 (Ofsted's report of 31 Jan 2023, in the history)."""
    result = run(
        "explain", "reinspection", "--received", "2018-10-29", "--authority", "Bradford", "--as-of", "2026-11-26"
    )
    assert result.exit_code == 0 and "done Mon 21 Nov 2022" in result.stdout


def test_init_writes_a_commented_record_with_the_history(tmp_path):
    path = tmp_path / "bradford.toml"
    result = run(
        "init", "--authority", "Bradford", "--received", "2026-11-17", "--as-of", "2026-12-01", "-o", str(path)
    )
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert 'authority = "Bradford"' in text and "received = 2026-11-17" in text
    assert "previous_inadequate = [2018-10-29, 2023-01-31]" in text and "inspection history" in text
    assert "# wsoa = YYYY-MM-DD" in text and "# publish-report = YYYY-MM-DD" in text
    # The record is sound as written: a timeline reads it.
    assert run("deadlines", "--plan", str(path), "--as-of", "2026-12-01").exit_code == 0


def test_init_never_replaces_a_record_unasked(record):
    before = record.read_bytes()
    assert "exists" in one_line_error(
        run("init", "--authority", "Barnet", "--received", "2017-07-07", "-o", str(record))
    )
    assert record.read_bytes() == before
    assert run("init", "--authority", "Barnet", "--received", "2017-07-07", "-o", str(record), "--force").exit_code == 0


def test_init_needs_the_authority_and_the_receipt():
    assert "give --authority NAME and --received DATE" in one_line_error(run("init", "--authority", "Barnet"))


def test_record_sets_one_date_keeping_comments_and_layout(record):
    result = run("record", str(record), "dfe-improvement-plan", "2017-10-05", "--as-of", "2017-12-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{record}: dfe-improvement-plan = Thu 5 Oct 2017: done Thu 5 Oct 2017, 1 working day earlier than the "
        "usual date (the DfE sets this date)\n"
    )
    assert record.read_text(encoding="utf-8") == RECORD + "dfe-improvement-plan = 2017-10-05\n"


def test_record_replaces_a_date_in_place(record):
    assert run("record", str(record), "wsoa", "2017-10-16").exit_code == 0
    assert record.read_text(encoding="utf-8") == RECORD.replace("wsoa = 2017-10-13", "wsoa = 2017-10-16")


def test_record_adds_a_visit(record):
    result = run("record", str(record), "--visit", "2018-02-06", "--as-of", "2018-03-01")
    assert result.exit_code == 0, result.output
    # After a visit given, the next falls 11–15 weeks later (Handbook 23; sif-2017.toml): 30 Jan – 27 Feb 2018.
    assert result.stdout == f"{record}: mv2 = Tue 6 Feb 2018: done Tue 6 Feb 2018, in the window\n"
    assert "visits = [2017-11-14, 2018-02-06]" in record.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["wsoa", "2017-07-01"], "wsoa is given as Sat 1 Jul 2017, before the day counted from"),
        (["wsoaa", "2017-10-13"], "no milestone 'wsoaa' in sif-2017: did you mean wsoa?"),
        (["wsoa", "soon"], "'soon' is not a date"),
        (["--visit", "2017-07-01"], "before"),
        (["wsoa"], "give ID DATE (e.g. wsoa 2017-10-13), ID --clear, or --visit DATE"),
        (["visits", "2017-11-14"], "add a visit with --visit DATE, or set one by its id"),
    ],
)
def test_a_date_the_rules_refuse_leaves_the_record_byte_identical(record, args, message):
    before = record.read_bytes()
    assert message in one_line_error(run("record", str(record), *args))
    assert record.read_bytes() == before


def test_record_refuses_a_broken_record(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("received = 2017-07-07\n[dates\n", encoding="utf-8")
    assert "not valid TOML" in one_line_error(run("record", str(path), "wsoa", "2017-10-13"))
    assert path.read_text(encoding="utf-8") == "received = 2017-07-07\n[dates\n"


def test_a_visit_given_twice_is_refused(record):
    before = record.read_bytes()
    assert "the monitoring visit of Tue 14 Nov 2017 is given twice: keep one" in one_line_error(
        run("record", str(record), "--visit", "2017-11-14")
    )
    assert record.read_bytes() == before
    assert "given twice" in one_line_error(run("deadlines", *BARNET, "--visit", "2017-11-14", "--visit", "2017-11-14"))


def test_a_visit_is_set_or_removed_by_its_id(record):
    assert run("record", str(record), "--visit", "2018-02-06").exit_code == 0
    result = run("record", str(record), "mv1", "2017-11-07", "--as-of", "2018-03-01")
    assert (
        result.stdout == f"{record}: mv1 = Tue 7 Nov 2017: done Tue 7 Nov 2017, in the window (was Tue 14 Nov 2017)\n"
    )
    assert "visits = [2017-11-07, 2018-02-06]" in record.read_text(encoding="utf-8")
    assert run("record", str(record), "mv2", "--clear").stdout == f"{record}: mv2 removed (was Tue 6 Feb 2018)\n"
    assert "visits = [2017-11-07]" in record.read_text(encoding="utf-8")
    assert "the record has 1 visits" in one_line_error(run("record", str(record), "mv5", "2018-05-01"))


def test_a_date_is_removed_with_clear(record):
    result = run("record", str(record), "wsoa", "--clear", "--as-of", "2017-10-20")
    assert result.stdout == f"{record}: wsoa removed (was Fri 13 Oct 2017)\n"
    assert "wsoa =" not in record.read_text(encoding="utf-8")
    assert "no date is recorded for wsoa" in one_line_error(run("record", str(record), "wsoa", "--clear"))


def test_init_refuses_a_name_the_history_does_not_know_unless_forced(tmp_path):
    """A record lives for years: one written as 'Bradfrod' would lack Bradford's 2018 judgement for good."""
    path = tmp_path / "brad.toml"
    line = one_line_error(run("init", "--authority", "Bradfrod", "--received", "2023-01-31", "-o", str(path)))
    assert "did you mean Bradford? No record written: check the name, or give --force" in line
    assert not path.exists()
    forced = run("init", "--authority", "New Council", "--received", "2023-01-31", "--force", "-o", str(path))
    assert forced.exit_code == 0 and 'authority = "New Council"' in path.read_text(encoding="utf-8")


def test_an_error_in_a_date_on_the_command_line_does_not_blame_the_record(record, tmp_path):
    line = one_line_error(run("deadlines", "--plan", str(record), "--date", "wsoa=2017-07-01"))
    assert line.startswith("oftl: error: wsoa is given as Sat 1 Jul 2017, before the day counted from")
    bad = tmp_path / "bad.toml"
    bad.write_text("received = 2017-07-07\n[dates]\nwsoa = 2017-07-01\n", encoding="utf-8")
    line = one_line_error(run("deadlines", "--plan", str(bad), "--date", "apv-window=2017-08-21"))
    assert line.startswith(f"oftl: error: {bad}: wsoa is given as Sat 1 Jul 2017")


def test_a_record_with_windows_line_ends_keeps_them(tmp_path):
    path = tmp_path / "crlf.toml"
    path.write_bytes(RECORD.replace("\n", "\r\n").encode("utf-8"))
    assert run("record", str(path), "dfe-improvement-plan", "2017-10-06").exit_code == 0
    data = path.read_bytes()
    assert data.endswith(b"dfe-improvement-plan = 2017-10-06\r\n") and b"\n" not in data.replace(b"\r\n", b"")

"""`oftl visit`, `oftl reinspection` and `oftl meeting`: literal dates, times of day, notes."""

import datetime as dt
import json

import numpy as np
import pytest

from .conftest import run


def milestones(*args: str) -> dict[str, dict]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return {m["id"]: m for m in json.loads(result.stdout)["milestones"]}


def test_meeting_deadline_is_10am_three_working_days_before():
    # Agenda front page: meeting Tue 18 Jul 2017, deadline "Thursday 13th July at 10AM".
    by_id = milestones("meeting", "--date", "2017-07-18", "--as-of", "2017-07-10")
    questions = by_id["public-questions"]
    assert (questions["earliest"], questions["latest"], questions["latest_time"]) == (
        "2017-07-13",
        "2017-07-13",
        "10:00",
    )
    table = run("meeting", "--date", "2017-07-18", "--as-of", "2017-07-10").stdout
    assert "Thu 13 Jul 2017 10am" in table


def test_meeting_after_a_bank_holiday_counts_back_over_it():
    # Meeting Wed 30 Aug 2017: Tue 29 (1), Mon 28 Aug is the Late Summer Bank Holiday, Fri 25 (2), Thu 24 (3).
    assert milestones("meeting", "--date", "2017-08-30")["public-questions"]["latest"] == "2017-08-24"


# Visit with day 1 on Tue 14 Nov 2017 (Handbook 42's timeline, day N = N - 1 working days after day 1).
VISIT = [
    ("data-request", "2017-10-31", "2017-10-31", None),  # two weeks before
    ("audit-cases-named", "2017-11-02", "2017-11-02", None),  # eight working days before
    ("audit-files-due", "2017-11-09", "2017-11-09", None),  # at least three working days before
    ("preparation", "2017-11-10", "2017-11-13", None),  # two days before
    ("onsite-days", "2017-11-14", "2017-11-15", None),  # days 1 and 2
    ("draft-report", "2017-11-28", "2017-11-28", "16:00"),  # day 11 by 4pm
    ("accuracy-comments", "2017-12-04", "2017-12-04", "09:30"),  # day 15 by 9.30am
    ("pre-publication-report", "2017-12-12", "2017-12-12", None),  # day 21
    ("publication", "2017-12-14", "2017-12-14", None),  # day 23
]


@pytest.mark.parametrize(("milestone", "earliest", "latest", "time"), VISIT, ids=[row[0] for row in VISIT])
def test_visit_timeline(milestone, earliest, latest, time):
    found = milestones("visit", "--onsite", "2017-11-14", "--as-of", "2017-11-01")[milestone]
    assert (found["earliest"], found["latest"], found["latest_time"]) == (earliest, latest, time)


def test_visit_over_christmas_skips_both_bank_holidays():
    # Day 1 Tue 12 Dec 2017; Christmas Day and Boxing Day closed: day 11 is Thu 28 Dec 2017.
    by_id = milestones("visit", "--onsite", "2017-12-12")
    assert by_id["draft-report"]["latest"] == "2017-12-28"
    holidays = ["2017-12-25", "2017-12-26", "2018-01-01"]
    for milestone, offset in (("draft-report", 10), ("accuracy-comments", 14), ("publication", 22)):
        expected = str(np.busday_offset("2017-12-12", offset, holidays=holidays))
        assert by_id[milestone]["latest"] == expected


def test_first_visit_report_is_not_published():
    result = run("visit", "--onsite", "2017-11-14", "--first", "--format", "json")
    document = json.loads(result.stdout)
    assert "publication" not in {m["id"] for m in document["milestones"]}
    assert document["not_applicable"] == [
        {
            "id": "publication",
            "title": "Day 23: report published",
            "reason": "not for the first monitoring visit (Handbook 41, 42)",
        }
    ]
    table = run("visit", "--onsite", "2017-11-14", "--first").stdout
    assert "Not applicable: Day 23: report published (publication), not for the first monitoring visit" in table


def test_visit_ics_has_times_of_day():
    result = run("visit", "--onsite", "2017-11-14", "--as-of", "2017-11-01", "--format", "ics")
    assert b"DTSTART:20171128T160000\r\n" in result.stdout_bytes  # floating local time, day 11 4pm
    assert b"DTSTART:20171204T093000\r\n" in result.stdout_bytes
    assert b"DTSTART;VALUE=DATE:20171114\r\nDTEND;VALUE=DATE:20171116\r\n" in result.stdout_bytes  # days 1-2


REINSPECTION = [
    ("reinspection-planning", "2019-04-23", "2019-05-10"),  # 3 weeks before is Easter Monday 22 Apr
    ("reinspection-notice", "2019-05-09", "2019-05-09"),  # the Thursday before (Handbook 60)
    ("reinspection-fieldwork", "2019-05-13", "2019-05-24"),  # days 1-10, Monday to Friday twice
    ("fieldwork-day-5", "2019-05-17", "2019-05-17"),
    ("fieldwork-day-10", "2019-05-24", "2019-05-24"),
]


@pytest.mark.parametrize(("milestone", "earliest", "latest"), REINSPECTION, ids=[row[0] for row in REINSPECTION])
def test_reinspection_timeline(milestone, earliest, latest):
    found = milestones("reinspection", "--fieldwork", "2019-05-13", "--framework", "sif-2017")[milestone]
    assert (found["earliest"], found["latest"]) == (earliest, latest)


def test_reinspection_warns_when_fieldwork_does_not_start_on_a_monday():
    result = run("reinspection", "--fieldwork", "2019-05-14", "--framework", "sif-2017", "--format", "json")
    document = json.loads(result.stdout)
    assert document["notes"] == [
        "Framework sif-2017, as named by --framework.",
        "First day of fieldwork Tue 14 May 2019 is a Tuesday: it usually falls on a Monday "
        "(Handbook fieldwork timeline table; Annex F); check the date.",
    ]
    # Mon 27 May 2019 is the Spring bank holiday: day 10 is Tue 28 May.
    fieldwork = {m["id"]: m for m in document["milestones"]}["reinspection-fieldwork"]
    assert fieldwork["latest"] == "2019-05-28"
    assert (
        "usually falls on a Monday"
        in run("reinspection", "--fieldwork", "2019-05-14", "--framework", "sif-2017").stdout
    )


def test_a_weekend_visit_is_counted_as_given_and_said():
    result = run("visit", "--onsite", "2017-11-18", "--format", "json")
    assert json.loads(result.stdout)["notes"][1] == (
        "First on-site day Sat 18 Nov 2017 is not a working day (Saturday): "
        "the dates are counted from it as given, not from the next working day (Mon 20 Nov 2017); check the date."
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["visit", "--onsite", "2017-02-30"], "is not a real date"),
        (["visit", "--onsite", "2017-11-14", "--framework", "nope"], "unknown framework 'nope'"),
        (["deadlines", "--received", "2017-07-07", "--framework", "sif-2017-visit"], "unknown framework"),
        (["meeting", "--date", "1900-01-01"], "outside the bank-holiday calendar"),
    ],
)
def test_bad_input_is_one_line(args, message):
    result = run(*args)
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("oftl: error: ") and message in line


def test_previous_inadequate_flags_persistent_failure():
    args = ["deadlines", "--received", "2017-07-07", "--format", "json"]
    document = json.loads(run(*args, "--previous-inadequate", "2013-01-15").stdout)
    assert document["persistent_failure"] == (
        "Persistent failure (PCF 121, key): 2 inadequate judgements within 5 years, compared by publication day "
        "(Tue 15 Jan 2013, Fri 7 Jul 2017); the DfE may appoint a Commissioner (PCF 121). This report's receipt "
        "(Fri 7 Jul 2017) stands in for its publication day."
    )
    assert document["persistent_failure"] in document["notes"]
    # Exactly five years earlier is outside "a 5-year period" that also holds 7 Jul 2017.
    assert json.loads(run(*args, "--previous-inadequate", "2012-07-07").stdout)["persistent_failure"] is None
    later = run(*args, "--previous-inadequate", "2018-01-01")
    assert later.exit_code == 2 and "is not before this report" in later.output


def test_timelines_of_parts_do_not_depend_on_the_as_of_day():
    first = milestones("visit", "--onsite", "2017-11-14", "--as-of", "2017-01-01")
    second = milestones("visit", "--onsite", "2017-11-14", "--as-of", dt.date(2018, 6, 1).isoformat())
    assert {k: (v["earliest"], v["latest"]) for k, v in first.items()} == {
        k: (v["earliest"], v["latest"]) for k, v in second.items()
    }

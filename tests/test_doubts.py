"""Days that cannot be meant as they stand (issue 18, point 7): an as-of day before the report
was received, and a receipt more than a year after today, are said on stderr and the run goes
on with its usual exit code, in every timeline command that counts from a receipt."""

import datetime as dt
import json

import pytest

from ofsted_timeline.doubts import as_of_before_receipt, receipt_far_ahead

from .conftest import d, run

BEFORE = (
    "oftl: warning: as of Sat 1 Jul 2017, before the report was received (Fri 7 Jul 2017): every date is still "
    "to come and nothing can be late yet"
)


def test_as_of_before_the_receipt_boundaries():
    assert as_of_before_receipt(d("2017-07-07"), d("2017-07-06"))
    assert not as_of_before_receipt(d("2017-07-07"), d("2017-07-07"))  # day 0 itself: as of the receipt


@pytest.mark.parametrize(
    ("received", "today", "doubted"),
    [
        ("2027-12-02", "2026-12-02", False),  # a year to the day
        ("2027-12-03", "2026-12-02", True),
        ("2025-03-01", "2024-02-29", True),  # 29 Feb + 12 months = 28 Feb 2025; 1 Mar is past it
        ("2025-02-28", "2024-02-29", False),
        ("2017-07-07", "2026-12-02", False),  # the past is never doubted
    ],
)
def test_a_receipt_more_than_a_year_ahead(received, today, doubted):
    assert receipt_far_ahead(d(received), today=d(today)) is doubted


def test_deadlines_as_of_before_the_receipt_is_a_warning():
    result = run("deadlines", "--received", "2017-07-07", "--as-of", "2017-07-01", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == BEFORE + "\n"
    statuses = {m["status"] for m in json.loads(result.stdout)["milestones"]}
    assert not statuses & {"late", "overdue", "early", "met"}


def test_deadlines_as_of_on_the_receipt_says_nothing():
    result = run("deadlines", "--received", "2017-07-07", "--as-of", "2017-07-07")
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_receipt_years_ahead_is_a_warning_in_deadlines_and_explain():
    ahead = dt.date.today().replace(day=1) + dt.timedelta(days=3 * 366)
    said = f"is more than a year after today ({dt.date.today():%a} {dt.date.today().day} "
    result = run("deadlines", "--received", ahead.isoformat(), "--as-of", ahead.isoformat())
    assert result.exit_code == 0 and said in result.stderr and result.stderr.count("\n") == 1
    result = run("explain", "wsoa", "--received", ahead.isoformat(), "--as-of", ahead.isoformat())
    assert result.exit_code == 0 and said in result.stderr and "check the year" in result.stderr


def test_explain_as_of_before_the_receipt_is_a_warning():
    result = run("explain", "wsoa", "--received", "2017-07-07", "--as-of", "2017-07-01")
    assert (result.exit_code, result.stderr) == (0, BEFORE + "\n")


def test_check_as_of_before_the_receipt_is_a_warning(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('authority = "Barnet"\nreceived = 2017-07-07\n')
    result = run("check", str(plan), "--as-of", "2017-07-01")
    assert (result.exit_code, result.stderr) == (0, BEFORE + "\n")


def test_an_input_error_stays_one_line(tmp_path):
    result = run("deadlines", "--received", "2017-07-07", "--as-of", "2017-07-01", "--wsoa-submitted", "soon")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1


def test_batch_says_which_rows_once(tmp_path):
    path = tmp_path / "rows.csv"
    far = (dt.date.today() + dt.timedelta(days=800)).isoformat()
    path.write_text(
        f"authority,received\nBarnet,2017-07-07\nBradford,2017-07-20\nLeeds,2017-08-01\nHull,2017-09-01\nYork,{far}\n"
    )
    result = run("batch", str(path), "--as-of", "2017-07-10", "--format", "json")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "oftl: warning: rows 3, 4 and 2 more: received after the as-of day, Mon 10 Jul 2017: every date is still "
        "to come and nothing can be late yet"
    )
    assert lines[1].startswith("oftl: warning: row 6: received more than a year after today (")
    assert len(lines) == 2 and len(json.loads(result.stdout)["timelines"]) == 5

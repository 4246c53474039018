"""check.py on its own: one row per judgement, with the rule and the source that sets the limit.

Barnet, report received Fri 7 Jul 2017 (Cover report 1.19): the written statement of action is
due Mon 16 Oct 2017 (Handbook 6, 7, 19, 49; SI 2007/462 reg. 3), the report's publication Fri
18 Aug 2017 (SI 2007/462 reg. 2), the action planning visit between Fri 11 Aug and Fri 25 Aug
2017 (Handbook 10), the first monitoring visit between Tue 17 Oct and Mon 13 Nov 2017 (Handbook 23).
"""

import pytest

from ofsted_timeline.check import check_timeline
from ofsted_timeline.request import Request
from ofsted_timeline.timeline import build_timeline

from .conftest import d

BARNET = d("2017-07-07")


def findings(sif, calendar, actuals, as_of, due_within=None, strict=False, received=BARNET):
    timeline = build_timeline(Request(received, sif, d(as_of), {k: d(v) for k, v in actuals.items()}), calendar)
    return check_timeline(timeline, due_within, strict)


def one(result, milestone):
    found = [f for f in result.findings if f.milestone == milestone]
    return found[0] if found else None


@pytest.mark.parametrize(
    ("rule", "given", "as_of", "level", "message"),
    [
        # Handbook 6, 7, 19, 49: within 70 working days; on the deadline itself is in time.
        ("wsoa", "2017-10-16", "2017-10-20", "ok", "done Mon 16 Oct 2017, on the deadline (rule: statutory deadline"),
        ("wsoa", "2017-10-13", "2017-10-20", "ok", "1 working day early (rule: statutory deadline Mon 16 Oct 2017"),
        ("wsoa", "2017-10-17", "2017-10-20", "violation", "LATE: done Tue 17 Oct 2017, 1 working day late"),
        (
            "wsoa",
            "2017-10-17",
            "2017-10-02",
            "violation",
            "LATE: set for Tue 17 Oct 2017 (in 11 working days), 1 working day late",
        ),
        # As of the day itself, a date given is done, not planned.
        ("wsoa", "2017-10-13", "2017-10-13", "ok", "done Fri 13 Oct 2017"),
        ("wsoa", "2017-10-13", "2017-10-12", "ok", "set for Fri 13 Oct 2017 (in 1 working day)"),
        # SI 2007/462 reg. 2: 30 working days; a Saturday after a Friday deadline is late by a day.
        ("publish-report", "2017-08-19", "2017-08-21", "violation", "LATE: done Sat 19 Aug 2017, 1 day late"),
        # Handbook 10: a window, its first and last days inside it; outside it a note: Ofsted sets the visit.
        ("apv-window", "2017-08-11", "2017-09-01", "ok", "in the window (rule: Fri 11 Aug – Fri 25 Aug 2017"),
        ("apv-window", "2017-08-25", "2017-09-01", "ok", "in the window (rule: Fri 11 Aug – Fri 25 Aug 2017"),
        (
            "apv-window",
            "2017-08-10",
            "2017-09-01",
            "note",
            "done Thu 10 Aug 2017, 1 working day earlier than the usual window (Ofsted sets this date)",
        ),
        (
            "apv-window",
            "2017-08-29",
            "2017-09-01",
            "note",
            "done Tue 29 Aug 2017, 1 working day later than the usual window (Ofsted sets this date)",
        ),
        # Handbook 23: the first visit's window, first and last days and a day after it.
        ("mv1", "2017-10-17", "2017-12-01", "ok", "in the window (rule: Tue 17 Oct – Mon 13 Nov 2017"),
        ("mv1", "2017-11-13", "2017-12-01", "ok", "in the window (rule: Tue 17 Oct – Mon 13 Nov 2017"),
        ("mv1", "2017-11-14", "2017-12-01", "note", "done Tue 14 Nov 2017, 1 working day later than the usual window"),
    ],
)
def test_a_given_date(sif, calendar, rule, given, as_of, level, message):
    actuals = {rule: given} if rule == "wsoa" else {"wsoa": "2017-10-16", rule: given}
    finding = one(findings(sif, calendar, actuals, as_of), rule)
    assert finding is not None and finding.level == level
    assert message in finding.message and f"; {finding.detail.rule.source})" in finding.message


@pytest.mark.parametrize(
    ("as_of", "due_within", "level", "message"),
    [
        # SI 2007/462 reg. 2: publication due Fri 18 Aug 2017.
        ("2017-08-18", None, None, None),  # due today is not yet overdue
        ("2017-08-18", 0, "due-soon", "the statutory deadline Fri 18 Aug 2017 is today"),
        ("2017-08-21", None, "overdue", "the statutory deadline Fri 18 Aug 2017 passed 1 working day ago"),
        ("2017-08-11", 5, "due-soon", "is in 5 working days"),  # exactly N working days ahead
        ("2017-08-11", 4, None, None),
    ],
)
def test_a_statutory_deadline_with_no_date(sif, calendar, as_of, due_within, level, message):
    finding = one(findings(sif, calendar, {"wsoa": "2017-10-16"}, as_of, due_within), "publish-report")
    assert (finding.level if finding else None) == level
    if message:
        assert message in finding.message and "(SI 2007/462 reg. 2)" in finding.message


def test_expected_dates_with_no_date_are_not_findings(sif, calendar):
    result = findings(sif, calendar, {"publish-report": "2017-07-10", "wsoa": "2017-10-16"}, "2018-12-01")
    assert {f.level for f in result.findings} == {"ok"} and result.exit_code == 0


@pytest.mark.parametrize(("strict", "level", "code"), [(False, "note", 0), (True, "warning", 1)])
def test_strict_turns_ofsteds_dates_off_pattern_into_failing_warnings(sif, calendar, strict, level, code):
    actuals = {"publish-report": "2017-07-10", "wsoa": "2017-10-16", "apv-window": "2017-08-10"}
    result = findings(sif, calendar, actuals, "2017-10-20", strict=strict)
    assert one(result, "apv-window").level == level and result.exit_code == code


def test_strict_is_off_unless_asked(sif, calendar):
    actuals = {"publish-report": d("2017-07-10"), "wsoa": d("2017-10-16"), "apv-window": d("2017-08-10")}
    result = check_timeline(build_timeline(Request(BARNET, sif, d("2017-10-20"), actuals), calendar))
    assert result.exit_code == 0 and not result.strict and one(result, "apv-window").level == "note"


def test_a_violation_fails_and_sorts_first(sif, calendar):
    actuals = {"publish-report": "2017-07-10", "wsoa": "2017-10-17", "apv-window": "2017-08-21"}
    result = findings(sif, calendar, actuals, "2017-10-20")
    assert result.exit_code == 1 and result.findings[0].level == "violation"


def test_a_statutory_date_past_the_announced_holidays_warns(sif, calendar):
    """Received Mon 1 Nov 2027: the statement falls in 2028, after the last announced year (2027)."""
    result = findings(sif, calendar, {}, "2027-11-02", received=d("2027-11-01"))
    warning = [f for f in result.findings if f.level == "warning" and f.milestone == "wsoa"]
    assert warning and "falls after 2027, the last year with announced bank holidays" in warning[0].message


def test_persistent_failure_is_a_note(sif, calendar):
    """PCF 121, key: two inadequate judgements within five years."""
    timeline = build_timeline(Request(BARNET, sif, d("2017-07-10"), previous_inadequate=[d("2014-03-01")]), calendar)
    notes = [f for f in check_timeline(timeline).findings if f.level == "note"]
    assert len(notes) == 1 and notes[0].milestone == "persistent-failure"


def test_a_warning_fails_only_under_strict(sif, calendar):
    """Received Mon 1 Nov 2027: the statement (70 working days) falls in 2028, after the last announced
    year, a warning. By default (strict not given) it is listed and passes; under strict it fails."""
    timeline = build_timeline(Request(d("2027-11-01"), sif, d("2027-11-02")), calendar)
    default = check_timeline(timeline)
    assert not default.strict and [f.milestone for f in default.warnings] == ["wsoa"]
    assert default.failures == [] and default.exit_code == 0
    strict = check_timeline(timeline, strict=True)
    assert [f.milestone for f in strict.failures] == ["wsoa"] and strict.exit_code == 1

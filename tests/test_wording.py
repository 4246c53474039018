"""The timeline's words, row by row: bases, statuses at their boundaries, notes on the day counted
from, persistent failure, and given dates at the edge of what they follow."""

import pytest

from ofsted_timeline.calendar import england_and_wales
from ofsted_timeline.errors import InputError
from ofsted_timeline.request import Request
from ofsted_timeline.rules import load_rule_set
from ofsted_timeline.timeline import authority_name, build_timeline
from ofsted_timeline.timeline.wording import _basis_text

from .conftest import d

BARNET = d("2017-07-07")  # Cover report 1.19


@pytest.mark.parametrize(
    ("first", "second", "basis"),
    [
        (("receipt", 25, "working days"), ("receipt", 35, "working days"), "25–35 working days after receipt"),
        (("x", 0, "working days"), ("x", 5, "working days"), "0–5 working days after x"),
        (("x", -10, "working days"), ("x", -5, "working days"), "5–10 working days before x"),
        (("x", 1, "working days"), ("x", 4, "weeks"), "1 working day to 4 weeks after x"),
        (("x", -1, "weeks"), ("y", 2, "months"), "from 1 week before x to 2 months after y"),
        (("x", 0, "weeks"), ("x", 2, "weeks"), "0–2 weeks after x"),
        (("x", -2, "weeks"), ("x", 0, "weeks"), "from 2 weeks before x to on x"),
        (("x", 1, "weeks"), ("x", -1, "weeks"), "from 1 week after x to 1 week before x"),
        (("x", 0, "weeks"), None, "on x"),
        (("x", -3, "weeks"), None, "3 weeks before x"),
        (("x", 1, "weeks"), None, "1 week after x"),
    ],
)
def test_basis_in_words(first, second, basis):
    assert _basis_text(first, second) == basis


@pytest.mark.parametrize(
    ("as_of", "milestone", "given", "code", "text"),
    [
        # Handbook 10: the window opens Fri 11 Aug 2017; as of that day it is open, not upcoming.
        ("2017-08-11", "apv-window", None, "due", "open, closes in 10 working days"),
        ("2017-08-10", "apv-window", None, "upcoming", "opens in 1 working day"),
        # As of the day a date is given for, it is done (met), not scheduled.
        ("2017-10-13", "wsoa", "2017-10-13", "met", "done Fri 13 Oct 2017, 1 working day early"),
        (
            "2017-10-12",
            "wsoa",
            "2017-10-13",
            "scheduled",
            "set for Fri 13 Oct 2017 (in 1 working day), 1 working day early",
        ),
        ("2017-08-21", "apv-window", "2017-08-21", "in-window", "done Mon 21 Aug 2017, in the window"),
        (
            "2017-08-20",
            "apv-window",
            "2017-08-21",
            "scheduled",
            "set for Mon 21 Aug 2017 (in 1 working day), in the window",
        ),
        (
            "2017-09-01",
            "apv-window",
            "2017-08-10",
            "earlier",  # Ofsted sets the visit: off its usual window, not "early"
            "done Thu 10 Aug 2017, 1 working day earlier than the usual window (Ofsted sets this date)",
        ),
    ],
)
def test_status_at_its_boundaries(sif, calendar, as_of, milestone, given, code, text):
    actuals = {milestone: d(given)} if given else {}
    status = build_timeline(Request(BARNET, sif, d(as_of), actuals), calendar).milestone(milestone).status
    assert (status.code, status.text) == (code, text)


def test_a_closed_visit_day_says_check_the_date(calendar):
    """A visit's first on-site day on a Saturday is counted as given, and the output asks to check it;
    a report received on a Saturday is not questioned (RULES.md, day 0)."""
    visit = build_timeline(Request(d("2017-11-18"), load_rule_set("sif-2017-visit"), d("2017-11-18")), calendar)
    assert visit.notes[0].endswith("(Mon 20 Nov 2017); check the date.")
    report = build_timeline(Request(d("2017-07-08"), load_rule_set("sif-2017"), d("2017-07-08")), calendar)
    assert report.notes[0].endswith("(Mon 10 Jul 2017).")


def test_a_fieldwork_start_that_is_not_a_monday_is_said(calendar):
    """Handbook, fieldwork timeline: fieldwork starts on a Monday."""
    tuesday = build_timeline(
        Request(d("2019-05-14"), load_rule_set("sif-2017-reinspection"), d("2019-05-01")), calendar
    )
    assert "is a Tuesday: it usually falls on a Monday" in tuesday.notes[0]
    monday = build_timeline(Request(d("2019-05-13"), load_rule_set("sif-2017-reinspection"), d("2019-05-01")), calendar)
    assert not any("usually falls" in note for note in monday.notes)


@pytest.mark.parametrize(
    ("previous", "persistent"),
    [
        ("2012-07-07", False),  # exactly five years before the receipt: outside the period (PCF 121, key)
        ("2012-07-08", True),
        ("2016-01-01", True),
    ],
)
def test_persistent_failure_at_five_years(sif, calendar, previous, persistent):
    timeline = build_timeline(Request(BARNET, sif, BARNET, previous_inadequate=[d(previous)]), calendar)
    assert bool(timeline.persistent_failure) is persistent


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda sif, cal: build_timeline(Request(BARNET, sif, BARNET, previous_inadequate=[BARNET]), cal),
            "is not before",
        ),
        (
            lambda sif, cal: build_timeline(
                Request(BARNET, load_rule_set("sif-2017-visit"), BARNET, previous_inadequate=[d("2015-01-01")]), cal
            ),
            "has no definition of persistent failure",
        ),
        (
            lambda sif, cal: build_timeline(Request(BARNET, sif, BARNET, conditions=["first-visit"]), cal),
            "no condition",
        ),
        (lambda sif, cal: authority_name("  "), "the authority name is empty"),
        (lambda sif, cal: authority_name("Bar\nnet"), "line break or control character"),
        (
            lambda sif, cal: build_timeline(
                Request(
                    d("2017-11-14"),
                    load_rule_set("sif-2017-visit"),
                    BARNET,
                    {"publication": d("2017-12-14")},
                    conditions=["first-visit"],
                ),
                cal,
            ),
            "publication is given, but it does not apply",
        ),
        (
            lambda sif, cal: build_timeline(
                Request(BARNET, sif, BARNET, {"mv1": d("2017-11-14"), "mv2": d("2018-02-06"), "mv3": d("2018-02-05")}),
                cal,
            ),
            r"mv3 is given as Mon 5 Feb 2018, before mv2 \(given as Tue 6 Feb 2018\)",
        ),
    ],
)
def test_refused(sif, calendar, call, message):
    with pytest.raises(InputError, match=message):
        call(sif, calendar)


def test_a_date_on_the_day_it_follows_is_accepted(sif, calendar):
    """Only a date before what it follows is impossible: a statement submitted on the day of receipt is not."""
    timeline = build_timeline(
        Request(BARNET, sif, BARNET, {"wsoa": BARNET, "mv1": d("2017-11-14"), "mv2": d("2017-11-14")}), calendar
    )
    assert timeline.milestone("wsoa").status.code == "met"


def test_a_given_date_after_the_announced_holidays_is_projected(sif):
    calendar = england_and_wales()  # holidays announced to 2027
    timeline = build_timeline(Request(d("2026-11-02"), sif, d("2026-11-25"), {"wsoa": d("2028-01-05")}), calendar)
    assert timeline.milestone("wsoa").projected  # its deadline is in 2027, the date given in 2028
    assert not build_timeline(Request(d("2026-11-02"), sif, d("2026-11-25")), calendar).milestone("wsoa").projected


def test_a_rule_that_counts_past_the_calendar_is_named():
    """A date near the calendar's end: the rule whose offset ran past it is named, not the date given."""
    calendar = england_and_wales(2030, 2031)  # the bundled years and these: 2000–2040
    with pytest.raises(InputError, match=r"rule '(dfe-review|wsoa|reinspection|mv-quarterly|mv-report|publish-report)"):
        build_timeline(Request(d("2040-12-20"), load_rule_set("sif-2017"), d("2040-12-20")), calendar)

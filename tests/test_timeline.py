"""The timeline for Barnet's 2017 report, stated date by date, and how actual dates re-anchor it."""

import pytest

from ofsted_timeline.errors import InputError
from ofsted_timeline.request import Request
from ofsted_timeline.timeline import build_timeline, visits_as_actuals

from .conftest import d

BARNET = d("2017-07-07")  # Cover report 1.19: report received Fri 7 Jul 2017

# (milestone, earliest, latest, basis) for a report received Fri 7 Jul 2017, England calendar.
EXPECTED = [
    ("apv-agenda", "2017-08-04", "2017-08-18", "5 working days before the action planning visit"),
    ("apv-window", "2017-08-11", "2017-08-25", "25–35 working days after receipt"),  # RULES.md verified anchor
    ("publish-report", "2017-08-18", "2017-08-18", "30 working days after receipt"),
    ("dfe-improvement-plan", "2017-10-06", "2017-10-06", "3 months after receipt"),  # Sat 7 Oct -> Fri
    ("wsoa", "2017-10-16", "2017-10-16", "70 working days after receipt"),  # Cover report 1.19, 2.1
    # Handbook 23, RULES.md: a window from the working day after the deadline to four weeks after it.
    ("mv1", "2017-10-17", "2017-11-13", "1 working day to 4 weeks after the written statement of action deadline"),
    # Each later date keeps the first visit's window: its earliest from mv1's first day, its latest from mv1's last.
    ("mv1-report", "2017-11-14", "2017-12-11", "20 working days after monitoring visit 1"),
    ("dfe-review-1", "2018-01-05", "2018-01-05", "6 months after receipt"),  # Sun 7 Jan -> Fri
    ("mv2", "2018-01-17", "2018-02-13", "3 months after monitoring visit 1"),
    ("mv-report-2", "2018-02-16", "2018-03-15", "22 working days after monitoring visit 2"),
    ("mv3", "2018-04-17", "2018-05-11", "6 months after monitoring visit 1"),  # Sun 13 May -> Fri
    ("mv-report-3", "2018-05-18", "2018-06-13", "22 working days after monitoring visit 3"),  # Mon 7 May closed
    ("dfe-review-2", "2018-07-06", "2018-07-06", "12 months after receipt"),
    ("mv4", "2018-07-17", "2018-08-13", "9 months after monitoring visit 1"),
    (
        "reinspection",
        "2018-07-19",
        "2019-10-16",
        "from 2 working days after monitoring visit 4 to 2 years after the written statement of action deadline",
    ),
    ("mv-report-4", "2018-08-16", "2018-09-13", "22 working days after monitoring visit 4"),
    ("mv5", "2018-10-17", "2018-11-13", "12 months after monitoring visit 1"),
    ("mv-report-5", "2018-11-16", "2018-12-13", "22 working days after monitoring visit 5"),
    ("dfe-review-3", "2019-01-07", "2019-01-07", "18 months after receipt"),
    ("mv6", "2019-01-17", "2019-02-13", "15 months after monitoring visit 1"),
    ("mv-report-6", "2019-02-18", "2019-03-15", "22 working days after monitoring visit 6"),
    ("mv7", "2019-04-17", "2019-05-13", "18 months after monitoring visit 1"),
    ("mv-report-7", "2019-05-22", "2019-06-13", "22 working days after monitoring visit 7"),  # Easter, 6 May
    ("dfe-review-4", "2019-07-05", "2019-07-05", "24 months after receipt"),
    ("mv8", "2019-07-17", "2019-08-13", "21 months after monitoring visit 1"),
    ("mv-report-8", "2019-08-16", "2019-09-13", "22 working days after monitoring visit 8"),
]


@pytest.fixture
def barnet(sif, calendar):
    return build_timeline(Request(BARNET, sif, as_of=d("2017-09-01")), calendar)


def test_every_milestone_of_barnets_2017_timeline(barnet):
    got = [(m.id, m.earliest.isoformat(), m.latest.isoformat(), m.basis) for m in barnet.milestones]
    assert got == EXPECTED


def test_fieldwork_rules_wait_for_the_reinspection_date(barnet):
    assert [(u.id, u.needs) for u in barnet.undated] == [
        ("reinspection-planning", "reinspection"),
        ("reinspection-notice", "reinspection"),
        ("reinspection-fieldwork", "reinspection"),
    ]
    assert barnet.notes == ()


def test_rolled_dates_say_so(barnet):
    assert (
        "Sat 7 Oct 2017 is not a working day (Saturday): moved to Fri 6 Oct 2017."
        in barnet.milestone("dfe-improvement-plan").notes
    )


@pytest.mark.parametrize(
    ("as_of", "milestone", "code", "text"),
    [
        ("2017-09-01", "publish-report", "overdue", "overdue by 9 working days"),
        ("2017-09-01", "wsoa", "due", "due in 31 working days"),
        ("2017-10-16", "wsoa", "due-today", "due today"),
        ("2017-10-17", "wsoa", "overdue", "overdue by 1 working day"),
        ("2017-08-01", "apv-window", "upcoming", "opens in 8 working days"),
        ("2017-08-15", "apv-window", "due", "open, closes in 8 working days"),
        ("2017-08-28", "apv-window", "passed", "passed (no date given)"),
    ],
)
def test_status_as_of(sif, calendar, as_of, milestone, code, text):
    status = build_timeline(Request(BARNET, sif, as_of=d(as_of)), calendar).milestone(milestone).status
    assert (status.code, status.text) == (code, text)


def test_actual_submission_moves_the_reinspection_horizon_but_not_the_first_visit(sif, calendar):
    timeline = build_timeline(Request(BARNET, sif, as_of=d("2017-10-20"), actuals={"wsoa": d("2017-10-13")}), calendar)
    wsoa = timeline.milestone("wsoa")
    met = "done Fri 13 Oct 2017, 1 working day early"
    assert (wsoa.latest, wsoa.actual, wsoa.status.text) == (d("2017-10-16"), d("2017-10-13"), met)
    assert timeline.milestone("mv1").latest == d("2017-11-13")  # Handbook 23: from the deadline
    reinspection = timeline.milestone("reinspection")
    assert reinspection.latest == d("2019-10-11")  # Sun 13 Oct 2019 -> Fri 11 Oct 2019
    assert "2 years after the written statement of action (actual)" in reinspection.basis


def test_actual_visits_re_anchor_the_later_visits(sif, calendar):
    actuals = visits_as_actuals([d("2018-02-06"), d("2017-11-14")])  # any order
    assert actuals == {"mv1": d("2017-11-14"), "mv2": d("2018-02-06")}
    timeline = build_timeline(Request(BARNET, sif, as_of=d("2018-03-01"), actuals=actuals), calendar)
    assert timeline.milestone("mv1-report").latest == d("2017-12-12")
    assert timeline.milestone("mv-report-2").latest == d("2018-03-08")
    # Handbook 23 (quarterly, "may not be equally spaced"): after a visit given, the next is a window
    # 11–15 weeks later (sif-2017.toml): Tue 6 Feb 2018 + 77 days = Tue 24 Apr, + 105 days = Tue 22 May 2018.
    mv3 = timeline.milestone("mv3")
    assert (mv3.earliest, mv3.latest, mv3.basis) == (
        d("2018-04-24"),
        d("2018-05-22"),
        "11–15 weeks after monitoring visit 2 (actual)",
    )
    mv4 = timeline.milestone("mv4")  # two quarters on: + 154 days = Tue 10 Jul, + 210 days = Tue 4 Sep 2018
    assert (mv4.earliest, mv4.latest, mv4.basis) == (
        d("2018-07-10"),
        d("2018-09-04"),
        "22–30 weeks after monitoring visit 2 (actual)",
    )
    assert timeline.milestone("reinspection").earliest == d("2018-07-12")  # Handbook 49: 2 working days after mv4
    mv2 = timeline.milestone("mv2")  # Tue 14 Nov 2017 + 77 days = Tue 30 Jan, + 105 days = Tue 27 Feb 2018
    assert (mv2.earliest, mv2.latest, mv2.status.code) == (d("2018-01-30"), d("2018-02-27"), "in-window")


def test_actual_action_planning_visit_fixes_the_agenda_date(sif, calendar):
    timeline = build_timeline(
        Request(BARNET, sif, as_of=d("2017-08-01"), actuals={"apv-window": d("2017-08-21")}), calendar
    )
    agenda = timeline.milestone("apv-agenda")
    assert (agenda.earliest, agenda.latest) == (d("2017-08-14"), d("2017-08-14"))
    assert agenda.basis == "5 working days before the action planning visit (actual)"
    assert timeline.milestone("apv-window").status.text == (
        "set for Mon 21 Aug 2017 (in 14 working days), in the window"
    )


def test_reinspection_date_dates_the_fieldwork_rules(sif, calendar):
    timeline = build_timeline(
        Request(BARNET, sif, as_of=d("2019-01-01"), actuals={"reinspection": d("2019-05-13")}), calendar
    )
    assert timeline.undated == ()
    notice = timeline.milestone("reinspection-notice")
    assert notice.latest == d("2019-05-09")  # Handbook 60: usually the Thursday before a Monday start
    fieldwork = timeline.milestone("reinspection-fieldwork")
    assert (fieldwork.earliest, fieldwork.latest) == (d("2019-05-13"), d("2019-05-24"))
    planning = timeline.milestone("reinspection-planning")
    # Three weeks before Mon 13 May 2019 is Easter Monday, 22 Apr: the window opens on Tue 23 Apr.
    assert (planning.earliest, planning.latest) == (d("2019-04-23"), d("2019-05-10"))
    assert [m.id for m in timeline.milestones if m.rule.id in ("mv1", "mv-quarterly")][-1] == "mv7"


# RULES.md, "Day 0": the receipt day is day 0 whatever kind of day it is, never moved.
@pytest.mark.parametrize(
    ("received", "wsoa", "publish", "why"),
    [
        # RULES.md verified anchor: Sun 29 Oct 2017, Mon 30 Oct is day 1; not Thu 8 Feb 2018 (issue 11).
        ("2017-10-29", "2018-02-07", "2017-12-08", "Sunday"),
        ("2017-07-08", "2017-10-16", "2017-08-18", "Saturday"),  # the same deadlines as Fri 7 Jul
        ("2017-08-28", "2017-12-04", "2017-10-09", "Late Summer Bank Holiday"),  # as from Fri 25 Aug; numpy agrees
    ],
)
def test_a_receipt_on_a_closed_day_is_day_0_and_said(sif, calendar, received, wsoa, publish, why):
    timeline = build_timeline(Request(d(received), sif, as_of=d(received)), calendar)
    assert timeline.milestone("wsoa").latest == d(wsoa)
    assert timeline.milestone("publish-report").latest == d(publish)
    assert why in timeline.notes[0] and "counted from it as given, not from the next working day" in timeline.notes[0]


def test_stockton_on_tees_2023():
    """Stockton-on-Tees Borough Council minutes: published Tue 9 May 2023, action plan due Wed 16 Aug 2023
    (RULES.md verified anchor; Mon 29 May 2023 is a bank holiday)."""
    from ofsted_timeline.calendar import england_and_wales
    from ofsted_timeline.rules import load_rule_set

    timeline = build_timeline(
        Request(d("2023-05-09"), load_rule_set("ilacs-2018"), as_of=d("2023-05-09")), england_and_wales()
    )
    assert timeline.milestone("wsoa").latest == d("2023-08-16")


def test_dates_after_the_announced_holidays_are_flagged(sif, calendar):
    timeline = build_timeline(Request(d("2026-11-02"), sif, as_of=d("2026-11-25")), calendar)
    assert not timeline.milestone("wsoa").projected  # Feb 2027
    assert timeline.milestone("reinspection").projected  # 2029
    assert any("last year with announced bank holidays" in note for note in timeline.notes)


def test_unknown_actual_is_refused(sif, calendar):
    with pytest.raises(InputError, match="no milestone 'wsoa-submitted'"):
        build_timeline(Request(BARNET, sif, as_of=BARNET, actuals={"wsoa-submitted": BARNET}), calendar)

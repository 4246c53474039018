"""Day 0 is the day of receipt, whatever kind of day it is (RULES.md, "Counting conventions").

Every receipt day from 2015 to 2027, weekends and bank holidays included, gives the
statutory deadlines that an independent implementation (numpy.busday_offset) gives for
"the N-th working day after the receipt day": roll='backward' moves a closed receipt day
back to a working day that is not counted, which is the same count.
"""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ofsted_timeline.calendar import england_and_wales
from ofsted_timeline.request import Request
from ofsted_timeline.rules import load_rule_set
from ofsted_timeline.timeline import build_timeline

from .conftest import d

CALENDAR = england_and_wales()
STATUTORY = {"wsoa": 70, "publish-report": 30}  # SI 2007/462 reg. 2 and 3; Handbook 6, 7, 19, 49


@pytest.fixture(scope="module")
def holidays(calendar) -> list[str]:
    return [day.isoformat() for year in range(2014, 2030) for day, _ in calendar.holidays(year)]


def test_every_receipt_day_2015_to_2027_against_numpy(sif, calendar, holidays):
    receipts = np.arange("2015-01-01", "2028-01-01", dtype="datetime64[D]")
    timelines = [build_timeline(Request(day.item(), sif, as_of=day.item()), calendar) for day in receipts]
    for milestone, n in STATUTORY.items():
        expected = np.busday_offset(receipts, n, roll="backward", holidays=holidays)
        ours = np.array([timeline.milestone(milestone).latest for timeline in timelines], dtype="datetime64[D]")
        wrong = receipts[ours != expected]
        assert wrong.size == 0, f"{milestone}: first receipts that differ: {wrong[:3]}"


@given(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2027, 12, 31)))
def test_statutory_deadlines_count_exactly_n_working_days_after_receipt(day):
    timeline = build_timeline(Request(day, load_rule_set("sif-2017"), as_of=day), CALENDAR)
    calendar = CALENDAR
    for milestone, n in STATUTORY.items():
        deadline = timeline.milestone(milestone).latest
        assert calendar.is_working_day(deadline)
        assert calendar.count_working_days(day, deadline) == n
        # Never later than the withdrawn reading (day 0 = the next working day): the safe side.
        assert deadline <= calendar.add_working_days(calendar.on_or_after(day), n)


@pytest.mark.parametrize(
    ("received", "milestone", "expected", "source"),
    [
        ("2017-07-07", "wsoa", "2017-10-16", "Cover report 1.19, 2.1 (Barnet)"),
        ("2017-10-29", "wsoa", "2018-02-07", "RULES.md verified anchor: Mon 30 Oct is day 1"),
        ("2017-10-29", "publish-report", "2017-12-08", "SI 2007/462 reg. 2, counted from the Sunday"),
        ("2023-05-09", "wsoa", "2023-08-16", "Stockton-on-Tees Borough Council minutes"),
        ("2017-10-29", "dfe-improvement-plan", "2018-01-29", "PCF 121: 3 months from the Sunday itself"),
    ],
)
def test_verified_anchors(sif, calendar, received, milestone, expected, source):
    timeline = build_timeline(Request(d(received), sif, as_of=d(received)), calendar)
    assert timeline.milestone(milestone).latest == d(expected), source

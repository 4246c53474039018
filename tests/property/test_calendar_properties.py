"""Invariants of the working-day arithmetic, over any date and offset (hypothesis)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ofsted_timeline.calendar import OutsideCalendar, WorkingCalendar, england_and_wales
from ofsted_timeline.render.explain import trail as counting_trail

CALENDAR = england_and_wales()
DAYS = st.dates(min_value=dt.date(2000, 9, 1), max_value=dt.date(2040, 4, 1))  # 150 working days stay inside
STEPS = st.integers(min_value=-150, max_value=150)


@given(DAYS, STEPS)
def test_result_is_a_working_day(day, n):
    assert CALENDAR.is_working_day(CALENDAR.add_working_days(day, n))


@given(DAYS, st.integers(min_value=-150, max_value=149))
def test_result_grows_with_n(day, n):
    # n = 0 on a closed day is the next working day, the same as n = 1: strict growth elsewhere.
    earlier, later = CALENDAR.add_working_days(day, n), CALENDAR.add_working_days(day, n + 1)
    assert earlier < later or (n == 0 and not CALENDAR.is_working_day(day) and earlier == later)


@given(DAYS, STEPS.filter(lambda n: n != 0))
def test_adding_then_counting_round_trips(day, n):
    result = CALENDAR.add_working_days(day, n)
    assert CALENDAR.count_working_days(day, result) == (n if n > 0 else n + (0 if CALENDAR.is_working_day(day) else 1))


@given(DAYS, st.integers(min_value=1, max_value=150))
def test_forward_then_back_returns_to_a_working_start(day, n):
    start = CALENDAR.on_or_after(day)
    assert CALENDAR.add_working_days(CALENDAR.add_working_days(start, n), -n) == start


@given(DAYS, st.integers(min_value=1, max_value=40))
def test_trail_ends_on_the_result_and_counts_n_days(day, n):
    trail = list(counting_trail(CALENDAR, day, n))
    assert trail[-1].day == CALENDAR.add_working_days(day, n)
    assert sum(1 for entry in trail if entry.number is not None) == n


ANY_DAY = st.dates(min_value=dt.date(1998, 1, 1), max_value=dt.date(2042, 12, 31))  # the cover's edges and past
HOLIDAYS = {day: name for year in range(2000, 2041) for day, name in CALENDAR.holidays(year)}
QUESTIONS = (
    lambda cal, day, other, n: cal.add_working_days(day, n),
    lambda cal, day, other, n: cal.count_working_days(day, other),
    lambda cal, day, other, n: cal.is_working_day(day),
    lambda cal, day, other, n: cal.on_or_after(day),
    lambda cal, day, other, n: cal.on_or_before(day),
)


def _calendar(numbered: tuple[int, int] | None) -> WorkingCalendar:
    return WorkingCalendar(HOLIDAYS, 2000, 2040, source="", announced_through=2027, numbered=numbered)


def _answer(question, calendar, *asked):
    """What a question gives: its answer, or the error's text (the same error, said the same way)."""
    try:
        return question(calendar, *asked)
    except OutsideCalendar as error:
        return f"OutsideCalendar: {error}"


def _near_the_edges(first: int, last: int) -> st.SearchStrategy[dt.date]:
    """Any day, or one within three days of an end of the years numbered first or of the cover:
    where a calendar numbered in part must find that it has to number the rest."""
    ends = [dt.date(first, 1, 1), dt.date(last, 12, 31), dt.date(2000, 1, 1), dt.date(2040, 12, 31)]
    edges = st.builds(lambda end, by: end + dt.timedelta(days=by), st.sampled_from(ends), st.integers(-3, 3))
    return st.one_of(ANY_DAY, edges)


@given(st.integers(1995, 2045), st.integers(0, 12), st.data())
def test_a_calendar_numbered_first_for_some_years_answers_as_one_numbered_whole(first, span, data):
    """The years a request needs are numbered when the calendar is made, the rest on the first
    question outside them: every answer, and every refusal, is the whole calendar's, whether
    the question is the first one asked or comes after the others."""
    days = _near_the_edges(max(first, 2000), min(first + span, 2040))
    day, other = data.draw(days), data.draw(days)
    n = data.draw(st.one_of(st.integers(-400, 400), st.integers(-3, 3)))
    whole, after_the_others = _calendar(None), _calendar((first, first + span))
    for question in QUESTIONS:
        expected = _answer(question, whole, day, other, n)
        assert _answer(question, _calendar((first, first + span)), day, other, n) == expected
        assert _answer(question, after_the_others, day, other, n) == expected

"""Working-day arithmetic: literal dates from the source, and an independent cross-check."""

import datetime as dt

import numpy as np
import pytest

from ofsted_timeline.calendar import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    OutsideCalendar,
    WorkingCalendar,
    _year_ranges,
    england_and_wales,
)
from ofsted_timeline.render.explain import trail as counting_trail

from .conftest import d


@pytest.mark.parametrize(
    ("start", "n", "expected", "why"),
    [
        # Cover report 1.19 and 2.1: received Fri 7 Jul 2017, statement due Mon 16 Oct 2017.
        ("2017-07-07", 70, "2017-10-16", "Cover report 1.19, 2.1"),
        # Handbook 10 with day 0 = receipt: 25th and 35th working days.
        ("2017-07-07", 25, "2017-08-11", "Handbook 10"),
        ("2017-07-07", 35, "2017-08-25", "Handbook 10"),
        # Agenda front page: meeting Tue 18 Jul 2017, questions by Thu 13 Jul (3rd working day before).
        ("2017-07-18", -3, "2017-07-13", "agenda front page"),
        # Mon 28 Aug 2017 (Late Summer Bank Holiday) is skipped.
        ("2017-08-25", 1, "2017-08-29", "bank holiday"),
        # Christmas 2020: Fri 25 Dec, Sat 26 Dec with Boxing Day observed on Mon 28 Dec.
        ("2020-12-24", 1, "2020-12-29", "substitute day"),
        # One-off holidays: Platinum Jubilee (2-3 Jun 2022), State Funeral (19 Sep 2022), Coronation (8 May 2023).
        ("2022-06-01", 1, "2022-06-06", "Platinum Jubilee"),
        ("2022-09-16", 1, "2022-09-20", "State Funeral"),
        ("2023-05-05", 1, "2023-05-09", "Coronation"),
        # A weekend start: the 1st working day after Saturday is Monday.
        ("2017-07-08", 1, "2017-07-10", "weekend start"),
        ("2017-07-08", -1, "2017-07-07", "weekend start, backwards"),
        # n = 0 stays on a working day and moves a closed day forward.
        ("2017-07-07", 0, "2017-07-07", "working day"),
        ("2017-08-26", 0, "2017-08-29", "Saturday before a bank holiday Monday"),
    ],
)
def test_add_working_days(calendar, start, n, expected, why):
    assert calendar.add_working_days(d(start), n) == d(expected), why


def test_count_working_days(calendar):
    assert calendar.count_working_days(d("2017-07-07"), d("2017-10-16")) == 70
    assert calendar.count_working_days(d("2017-10-16"), d("2017-07-07")) == -70
    assert calendar.count_working_days(d("2017-08-25"), d("2017-08-29")) == 1
    assert calendar.count_working_days(d("2017-07-07"), d("2017-07-07")) == 0


def test_is_working_day_and_neighbours(calendar):
    assert calendar.is_working_day(d("2017-07-07"))
    assert not calendar.is_working_day(d("2017-07-08"))
    assert not calendar.is_working_day(d("2017-08-28"))
    assert calendar.next_working_day(d("2017-08-25")) == d("2017-08-29")
    assert calendar.previous_working_day(d("2017-08-29")) == d("2017-08-25")
    assert calendar.on_or_before(d("2017-08-28")) == d("2017-08-25")
    assert calendar.on_or_after(d("2017-08-28")) == d("2017-08-29")


def test_reasons_for_closed_days(calendar):
    assert calendar.why_closed(d("2017-07-08")) == "Saturday"
    assert calendar.why_closed(d("2017-08-28")) == "Late Summer Bank Holiday"
    assert calendar.why_closed(d("2022-01-01")) == "Saturday (New Year's Day)"
    assert calendar.why_closed(d("2017-07-07")) is None


def test_trail_counts_and_skips(calendar):
    trail = list(counting_trail(calendar, d("2017-08-24"), 3))
    assert [(t.day.isoformat(), t.number, t.reason) for t in trail] == [
        ("2017-08-25", 1, "working day"),
        ("2017-08-26", None, "Saturday"),
        ("2017-08-27", None, "Sunday"),
        ("2017-08-28", None, "Late Summer Bank Holiday"),
        ("2017-08-29", 2, "working day"),
        ("2017-08-30", 3, "working day"),
    ]


def test_dates_outside_the_calendar_are_refused(calendar):
    with pytest.raises(OutsideCalendar, match="outside the bank-holiday calendar"):
        calendar.add_working_days(d("1999-12-31"), 1)
    with pytest.raises(OutsideCalendar):
        calendar.add_working_days(d("2040-12-30"), 5)  # runs past 31 Dec 2040
    early = england_and_wales(1960, 1961)  # clamped to 1972, the first year of the 1971 Act
    assert early.first_year == 1972
    with pytest.raises(
        OutsideCalendar, match="01/01/1960 is outside the bank-holiday calendar, which covers 1972–2040"
    ):
        early.holidays(1960)


def test_years_outside_the_bundled_data_come_from_the_package():
    calendar = england_and_wales(1998, 2042)
    assert calendar.first_year == 1998 and calendar.last_year == 2042
    assert calendar.source.endswith("for 1998–1999, 2041–2042")
    assert calendar.add_working_days(d("1999-12-24"), 1) == d("1999-12-29")  # 27, 28 Dec 1999 closed
    assert calendar.add_working_days(d("2041-12-24"), 1) == d("2041-12-27")  # 25 Wed, 26 Thu 2041


def test_extra_holidays_move_dates():
    extra = {d("2017-09-01"): "A proclaimed holiday"}
    calendar = england_and_wales(extra=extra, extra_source="test.json")
    assert calendar.add_working_days(d("2017-07-07"), 70) == d("2017-10-17")
    assert "test.json" in calendar.source


def _numpy_holidays(calendar) -> list[str]:
    return [
        day.isoformat()
        for year in range(calendar.first_year, calendar.last_year + 1)
        for day, _ in calendar.holidays(year)
    ]


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 20, 22, 25, 30, 35, 70, 260, -1, -2, -3, -5, -8])
def test_cross_check_with_numpy_for_every_start_2015_to_2027(calendar, n):
    """numpy.busday_offset is an independent implementation of the same arithmetic.

    roll='backward' for n > 0 (and 'forward' for n < 0) makes a closed start count as
    day 0 without being counted, which is our convention.
    """
    starts = np.arange("2015-01-01", "2028-01-01", dtype="datetime64[D]")
    expected = np.busday_offset(starts, n, roll="backward" if n > 0 else "forward", holidays=_numpy_holidays(calendar))
    ours = np.array([calendar.add_working_days(day.item(), n) for day in starts], dtype="datetime64[D]")
    mismatches = starts[ours != expected]
    assert mismatches.size == 0, f"first mismatch from {mismatches[:3]}"


def test_count_cross_checks_with_numpy(calendar):
    starts = np.arange("2015-01-01", "2028-01-01", dtype="datetime64[D]")
    ends = starts + 97
    expected = np.busday_count(starts + 1, ends + 1, holidays=_numpy_holidays(calendar))
    ours = np.array([calendar.count_working_days(a.item(), b.item()) for a, b in zip(starts, ends, strict=True)])
    assert (ours == expected).all()


def test_weekday_walk_agrees_on_every_day_of_the_bundled_range(calendar):
    day = dt.date(2000, 1, 1)
    while day.year <= 2040:
        walked = day.weekday() < 5 and calendar.holiday_name(day) is None
        assert calendar.is_working_day(day) == walked, day
        day += dt.timedelta(days=1)


# A calendar of 2021 alone with New Year's Day (Fri 1 Jan 2021) closed: its first working day is
# Mon 4 Jan 2021, its last Fri 31 Dec 2021 (weekdays only, no other holiday, by construction).
SMALL = WorkingCalendar({d("2021-01-01"): "New Year's Day"}, 2021, 2021, source="2021 only", announced_through=2021)


def test_counting_back_onto_the_first_working_day():
    assert SMALL.add_working_days(d("2021-01-05"), -1) == d("2021-01-04")
    assert SMALL.add_working_days(d("2021-01-06"), -2) == d("2021-01-04")
    for start, n in (("2021-01-04", -1), ("2021-01-05", -2)):  # one step before the first
        with pytest.raises(OutsideCalendar, match="runs past the bank-holiday calendar, which covers 2021–2021"):
            SMALL.add_working_days(d(start), n)


def test_counting_onto_the_last_working_day_and_one_past_it():
    assert SMALL.add_working_days(d("2021-12-30"), 1) == d("2021-12-31")
    assert SMALL.add_working_days(d("2021-12-29"), 2) == d("2021-12-31")
    for start, n in (("2021-12-31", 1), ("2021-12-30", 2)):  # the calendar's own error, not IndexError
        with pytest.raises(OutsideCalendar, match="runs past the bank-holiday calendar"):
            SMALL.add_working_days(d(start), n)


def test_the_calendars_last_day_is_in_it_and_the_next_is_not():
    assert SMALL.is_working_day(d("2021-12-31"))
    assert SMALL.count_working_days(d("2021-12-30"), d("2021-12-31")) == 1
    assert [(t.day, t.number) for t in counting_trail(SMALL, d("2021-12-30"), 1)] == [(d("2021-12-31"), 1)]
    for closed in (
        lambda: SMALL.is_working_day(d("2022-01-01")),
        lambda: list(counting_trail(SMALL, d("2021-12-31"), 1)),
    ):
        with pytest.raises(OutsideCalendar, match="01/01/2022 is outside the bank-holiday calendar"):
            closed()


def test_holidays_outside_the_calendars_years_close_none_of_its_days():
    """A holidays file may list years the calendar does not cover: those days are outside it,
    not wrapped onto its last or first days (Thu 31 Dec 2020 is day -1 of a 2021 calendar)."""
    beyond = {d("2020-12-31"): "Before", d("2022-01-03"): "After", d("2021-01-01"): "New Year's Day"}
    calendar = WorkingCalendar(beyond, 2021, 2021, source="2021 only", announced_through=2021)
    assert calendar.is_working_day(d("2021-12-31")) and calendar.is_working_day(d("2021-01-04"))
    assert calendar.count_working_days(d("2021-01-01"), d("2021-12-31")) == 260  # 2021's 261 weekdays, less 1 Jan


def test_trail_backwards_counts_and_skips(calendar):
    """Counting back from Tue 3 Jan 2017 over Mon 2 Jan, New Year's Day observed (a Sunday in 2017)."""
    trail = list(counting_trail(calendar, d("2017-01-03"), -2))
    assert [(t.day.isoformat(), t.number, t.reason) for t in trail] == [
        ("2017-01-02", None, "New Year's Day (observed)"),
        ("2017-01-01", None, "Sunday (New Year's Day)"),
        ("2016-12-31", None, "Saturday"),
        ("2016-12-30", 1, "working day"),
        ("2016-12-29", 2, "working day"),
    ]
    assert trail[-1].day == calendar.add_working_days(d("2017-01-03"), -2)


@pytest.mark.parametrize(
    ("years", "said"),
    [
        ([1998, 1999, 2041, 2042, 2043], "1998–1999, 2041–2043"),
        ([1999], "1999"),
        ([1997, 1999, 2041], "1997, 1999, 2041"),  # years apart are not a run
        ([1999, 2041, 2042], "1999, 2041–2042"),
    ],
)
def test_year_ranges(years, said):
    assert _year_ranges(years) == said


def test_a_calendar_numbers_the_rest_of_its_years_when_asked_and_a_failed_try_changes_nothing(monkeypatch):
    """Numbered first for 2016–2024, it answers for 2003 by numbering the rest; a numbering cut
    short (here an error inside it) leaves the first one whole, answering as before."""
    import ofsted_timeline.calendar as module

    calendar = england_and_wales(2016, 2024)
    real = module.accumulate

    def failing(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(module, "accumulate", failing)
    with pytest.raises(MemoryError):
        calendar.add_working_days(d("2003-01-03"), 10)
    assert calendar.add_working_days(d("2017-08-25"), 1) == d("2017-08-29")  # Mon 28 Aug 2017 a holiday
    monkeypatch.setattr(module, "accumulate", real)
    assert calendar.add_working_days(d("2003-01-03"), 10) == d("2003-01-17")
    assert calendar.on_or_before(d("2002-01-01")) == d("2001-12-31")  # New Year's Day 2002 closed


@pytest.mark.parametrize(("first", "last"), [(0, 0), (-3, -1), (2017, 0), (10000, 10000)])
def test_years_that_cannot_be_dates_are_clamped_as_before(first, last):
    calendar = england_and_wales(first, last)
    assert EARLIEST_YEAR <= calendar.first_year <= 2000 and 2040 <= calendar.last_year <= LATEST_YEAR
    assert calendar.add_working_days(d("2017-08-25"), 1) == d("2017-08-29")


def test_a_calendar_of_no_years_refuses_every_day():
    calendar = WorkingCalendar({}, 2040, 2000, source="", announced_through=2027)
    with pytest.raises(OutsideCalendar, match="outside the bank-holiday calendar"):
        calendar.add_working_days(d("2017-07-07"), 1)


def test_threads_sharing_a_calendar_numbered_in_part_get_the_whole_calendars_answers():
    """Each question reads one numbering and asks again when another thread has numbered the
    rest meanwhile: no answer mixes the two (a date years out, an IndexError)."""
    import sys
    import threading

    whole = england_and_wales()
    days = [d("2001-08-20") + dt.timedelta(days=k) for k in range(0, 2_900, 7)]
    expected = [whole.add_working_days(day, 1) for day in days]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads change places as often as they can
    try:
        for _ in range(5):
            shared, got, errors, ready = england_and_wales(2016, 2024), {}, [], threading.Barrier(4)

            def ask(name, shared=shared, got=got, errors=errors, ready=ready):
                ready.wait()  # all four ask their first question together
                try:
                    got[name] = [shared.add_working_days(day, 1) for day in days]
                except Exception as error:  # noqa: BLE001  (any error is the finding)
                    errors.append(error)

            threads = [threading.Thread(target=ask, args=(k,)) for k in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert not errors and all(answers == expected for answers in got.values())
    finally:
        sys.setswitchinterval(switch)

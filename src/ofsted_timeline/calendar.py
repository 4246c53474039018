"""Working-day arithmetic over the bank holidays of England and Wales.

The counting convention, stated once (README, "Counting convention"):

* A **working day** is Monday to Friday that is not a bank holiday in England and Wales
  (SI 2007/462 reg. 1(2): not a Saturday, Sunday, Christmas Day, Good Friday or a bank
  holiday under the Banking and Financial Dealings Act 1971).
* ``add_working_days(start, n)`` for ``n > 0`` is the n-th working day *after* ``start``;
  ``start`` itself is day 0 and never counts, even when it is a working day.
  For ``n < 0`` it is the |n|-th working day *before* ``start``. For ``n == 0`` it is
  ``start`` when that is a working day, else the next working day.
* ``count_working_days(a, b)`` counts the working days in ``(a, b]``, so that
  ``add_working_days(a, count_working_days(a, b)) == b`` whenever ``b`` is a working day.

Every operation is O(1): the calendar numbers its working days once and then looks them up.
It covers the bundled years at least (2000–2040, some 15,000 days); a run numbers the years its
request needs when the calendar is made (a 2017 timeline, 2016–2024: 0.18 ms, where all of them
take 0.8), and the rest only if a date outside them is asked for. Nothing walks day by day
except ``render.explain.trail``, which is the explanation.

>>> import datetime as dt
>>> cal = england_and_wales()
>>> cal.add_working_days(dt.date(2017, 8, 25), 1)  # Fri; Mon 28 Aug 2017 is a bank holiday
datetime.date(2017, 8, 29)
>>> cal.count_working_days(dt.date(2017, 7, 7), dt.date(2017, 10, 16))
70
"""

import datetime as dt
from collections.abc import Mapping
from itertools import accumulate, compress

from .dates import WEEKDAYS
from .errors import InputError

# The Banking and Financial Dealings Act 1971 defines the holidays the Regulations count;
# the upper bound keeps the fallback to the holidays package to a sane range.
EARLIEST_YEAR = 1972
LATEST_YEAR = 2099
REGULAR_HOLIDAYS = 8  # bank holidays in England and Wales every year, before any one-off
CALENDAR_NAME = "England and Wales bank holidays"  # as every output names the calendar
WEEK = bytes((1, 1, 1, 1, 1, 0, 0))  # Monday to Friday open, Saturday and Sunday closed
DAY_OF_ORDINAL = dt.date.fromordinal  # bound once: a batch turns half a million ordinals into days


class OutsideCalendar(InputError):
    """A date the calendar has no bank holidays for: refused rather than computed without them."""


Numbering = tuple[int, int, list[int], list[int], tuple[int, int]]
"""The working days of a span of the calendar: its first day's ordinal; how many days;
``through[i]``, the working days among its first i days; ``working[k]``, the ordinal of its
working day k (0-based); and the span numbered (first and last ordinal)."""


class WorkingCalendar:
    """Working days between ``first_year`` and ``last_year`` with the given bank holidays,
    numbered first for the years ``numbered`` (first and last, inside those), if given."""

    def __init__(
        self,
        holidays: Mapping[dt.date, str],
        first_year: int,
        last_year: int,
        *,
        source: str,
        announced_through: int,
        numbered: tuple[int, int] | None = None,
    ) -> None:
        self.first_year = first_year
        self.last_year = last_year
        self.source = source
        self.announced_through = announced_through
        self._names = dict(holidays)
        self._cover = dt.date(first_year, 1, 1).toordinal(), dt.date(last_year, 12, 31).toordinal()
        first, last = numbered or (first_year, last_year)
        first, last = max(first, first_year), min(last, last_year)  # the years of those covered
        span = (dt.date(first, 1, 1).toordinal(), dt.date(last, 12, 31).toordinal()) if first <= last else (0, -1)
        # One attribute, replaced whole: a calendar shared by threads, or one whose numbering is
        # interrupted, never answers from one numbering's first day and another's lists.
        self._table = self._number(*span)

    def _number(self, first: int, last: int) -> Numbering:
        """The numbering of the days from ordinal ``first`` to ``last`` (none when last < first)."""
        days = max(last - first + 1, 0)
        # The week's pattern laid over the days, then each holiday closed: no test day by day.
        # Ordinal 1 (1 Jan 0001) is a Monday.
        monday = (first - 1) % 7
        is_open = bytearray(WEEK * (days // 7 + 2))[monday : monday + days]  # 1 open, 0 closed
        for day in self._names:
            if 0 <= (index := day.toordinal() - first) < days:
                is_open[index] = 0
        return (
            first,
            days,
            list(accumulate(is_open, initial=0)),
            list(compress(range(first, last + 1), is_open)),
            (first, last),
        )

    def _widen(self, table: Numbering) -> bool:
        """Whether a question asked of ``table`` about a day outside it is to be asked again: when
        ``table`` numbers only some of the days covered. Every day is then numbered, unless
        another question (another thread's) has numbered them since."""
        if table[4] == self._cover:
            return False
        if self._table is table:
            self._table = self._number(*self._cover)
        return True

    def holidays(self, year: int) -> list[tuple[dt.date, str]]:
        """The bank holidays of ``year`` in date order, weekend ones included."""
        self._check(dt.date(year, 1, 1))
        return sorted((day, name) for day, name in self._names.items() if day.year == year)

    def holiday_name(self, day: dt.date) -> str | None:
        return self._names.get(day)

    def is_working_day(self, day: dt.date) -> bool:
        table = self._table
        first, days, through, _, _ = table
        index = day.toordinal() - first
        if not 0 <= index < days:
            if self._widen(table):
                return self.is_working_day(day)
            self._check(day)
        return through[index + 1] != through[index]

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (before it when n < 0); see the module doc."""
        table = self._table  # read once: a batch adds a million times
        first, days, through, working, _ = table
        index = start.toordinal() - first
        if not 0 <= index < days:
            if self._widen(table):
                return self.add_working_days(start, n)
            self._check(start)
        # Working days up to and including start, then the 0-based number of the one wanted.
        target = through[index + 1] + n - 1 if n > 0 else through[index] + n
        if not 0 <= target < len(working):
            if self._widen(table):
                return self.add_working_days(start, n)
            raise OutsideCalendar(
                f"counting {n} working days from {start:%d/%m/%Y} runs past the bank-holiday calendar, "
                f"which covers {self.first_year}–{self.last_year}: use a date in that range"
            )
        return DAY_OF_ORDINAL(working[target])

    def count_working_days(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
        table = self._table
        first, days, through, _, _ = table
        before, after = start.toordinal() - first, end.toordinal() - first
        if not (0 <= before < days and 0 <= after < days):
            if self._widen(table):
                return self.count_working_days(start, end)
            self._check(start)
            self._check(end)
        return through[after + 1] - through[before + 1]

    def next_working_day(self, day: dt.date) -> dt.date:
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        return self.add_working_days(day, -1)

    def on_or_after(self, day: dt.date) -> dt.date:
        """``day`` when it is a working day, else the next one."""
        return day if self.is_working_day(day) else self.add_working_days(day, 0)

    def on_or_before(self, day: dt.date) -> dt.date:
        """``day`` when it is a working day, else the previous one."""
        return day if self.is_working_day(day) else self.add_working_days(day, -1)

    def why_closed(self, day: dt.date) -> str | None:
        """Why ``day`` is not a working day (``Saturday``, a holiday's name), or None."""
        name = self._names.get(day)
        if day.weekday() >= 5:
            weekday = WEEKDAYS[day.weekday()]
            return f"{weekday} ({name})" if name else weekday
        return name

    def _check(self, day: dt.date) -> None:
        if not self._cover[0] <= day.toordinal() <= self._cover[1]:
            raise OutsideCalendar(
                f"{day:%d/%m/%Y} is outside the bank-holiday calendar, which covers "
                f"{self.first_year}–{self.last_year}: use a date in that range"
            )


def england_and_wales(
    first_year: int | None = None,
    last_year: int | None = None,
    extra: Mapping[dt.date, str] | None = None,
    extra_source: str = "",
) -> WorkingCalendar:
    """England and Wales bank holidays for ``first_year .. last_year``.

    Years inside the generated ``holiday_data`` come from there (no import of the
    ``holidays`` package, which costs about 200 ms); years outside come from the package.
    ``extra`` adds holidays proclaimed after the data was made (``--holidays-file``).
    """
    from . import holiday_data

    # Clamp to the years with a legal basis; a date outside is then refused by name when used.
    # "is None", not "or": year 0 (a calendar around 1 Jan 0001) must clamp to EARLIEST_YEAR, not jump to 2000.
    first = max(
        EARLIEST_YEAR, min(holiday_data.FIRST_YEAR if first_year is None else first_year, holiday_data.FIRST_YEAR)
    )
    last = min(LATEST_YEAR, max(holiday_data.LAST_YEAR if last_year is None else last_year, holiday_data.LAST_YEAR))
    names = {dt.date.fromisoformat(day): name for day, name in holiday_data.HOLIDAYS.items()}
    source = (
        f"holidays {holiday_data.HOLIDAYS_VERSION} (bundled data {holiday_data.FIRST_YEAR}–{holiday_data.LAST_YEAR})"
    )
    outside = [y for y in range(first, last + 1) if not holiday_data.FIRST_YEAR <= y <= holiday_data.LAST_YEAR]
    if outside:
        names.update(package_holidays(outside))
        source += f"; holidays {_package_version()} for {_year_ranges(outside)}"
    announced = holiday_data.ANNOUNCED_THROUGH
    if extra:
        names.update(extra)
        announced = announced_through(extra, announced)
        source += f"; plus {extra_source or 'extra holidays'}"
    asked = None if first_year is None or last_year is None else (first_year, last_year)
    return WorkingCalendar(names, first, last, source=source, announced_through=announced, numbered=asked)


def announced_through(extra: Mapping[dt.date, str], announced: int) -> int:
    """The last year announced once ``extra`` is added: the years after ``announced`` that it
    lists completely, without a gap, move it on; one far-off holiday does not.

    A year is complete with at least the eight bank holidays England and Wales have every year
    (a weekend one is listed by its substitute day, so the count stays eight).

    >>> import datetime as dt
    >>> announced_through({dt.date(2040, 12, 25): "Christmas Day"}, 2027)
    2027
    """
    per_year: dict[int, int] = {}
    for day in extra:
        per_year[day.year] = per_year.get(day.year, 0) + 1
    while per_year.get(announced + 1, 0) >= REGULAR_HOLIDAYS:
        announced += 1
    return announced


def _year_ranges(years: list[int]) -> str:
    """``[1998, 1999, 2041, 2042, 2043]`` as ``1998–1999, 2041–2043``."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def package_holidays(years: list[int]) -> dict[dt.date, str]:
    """England's bank holidays from the ``holidays`` package (imported only when needed)."""
    import holidays

    return dict(holidays.country_holidays("GB", subdiv="ENG", years=years).items())


def _package_version() -> str:
    from importlib.metadata import version

    return version("holidays")

"""Reading dates the way English councils write them, and printing them back in UK style.

Accepted: ISO ``2017-07-07``; day-first ``07/07/2017``, ``7/7/2017``, ``7-7-2017``, ``7.7.2017``;
and words ``7 July 2017``, ``7 Jul 2017``, ``Fri 7 July 2017``, ``7th July 2017``.
A hand-written parser rather than ``dateutil.parser``: that one guesses (it fills a missing
year from the clock and reads ``07/08/2017`` month-first by default), and a guessed date
is a wrong deadline. For the same reason nothing doubtful passes: digits are ASCII only
(not ``２０１７`` or ``٢٠١٧``), and a weekday must be the date's own.

>>> parse_date("7 July 2017")
datetime.date(2017, 7, 7)
>>> format_day(parse_date("16/10/2017"))
'Mon 16 Oct 2017'
"""

import datetime as dt
import re

from .errors import InputError

ACCEPTED_FORMS = "2017-07-07, 07/07/2017 (day first) or 7 July 2017"
# The one month wherever a length is given in months (365.25 / 12 days): code, output and README.
DAYS_PER_MONTH = 30.4375
# Two days of one authority's inadequate judgements this close are one judgement: a council's own
# record of it (receipt, letter, committee date) is days off the publication day Ofsted's gives.
SAME_JUDGEMENT_DAYS = 10

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [("mon",), ("tue", "tues"), ("wed", "weds"), ("thu", "thur", "thurs"), ("fri",), ("sat",), ("sun",)]
    )
    for name in (*names, WEEKDAYS[number].lower())
}
# The other forms, as patterns compiled (and kept) by ``re`` when a date is not ISO: compiling
# them is some 0.6 ms that a run given ISO dates, nearly every run, need not pay at start-up.
# re.ASCII: \d is 0-9 only, where Python's default also takes fullwidth and Arabic-Indic digits.
_NUMERIC = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
_WORDS = r"(?:([a-z]+),?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+),?\s+(\d{4})"
_DIGITS = frozenset("0123456789")


def parse_date(text: str) -> dt.date:
    """Read one date; raise InputError naming the accepted forms when it is not one."""
    weekday = None
    cleaned = text  # YYYY-MM-DD as written, nearly every date read, is read without cleaning it first
    if _iso(cleaned) or _iso(cleaned := " ".join(text.strip().lower().split())):
        year, month, day = map(int, cleaned.split("-"))
    elif match := re.fullmatch(_NUMERIC, cleaned, re.ASCII):
        day, month, year = (int(part) for part in match.groups())
    elif (
        (match := re.fullmatch(_WORDS, cleaned, re.ASCII))
        and match.group(3) in _MONTHS
        and (match.group(1) is None or match.group(1) in _WEEKDAYS)
    ):
        day, month, year = int(match.group(2)), _MONTHS[match.group(3)], int(match.group(4))
        weekday = _WEEKDAYS.get(match.group(1) or "")
    else:
        raise InputError(f"'{text}' is not a date: write it as {ACCEPTED_FORMS}")
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise InputError(
            f"'{text}' is not a real date (day {day} of month {month} in {year}): check the day and month"
        ) from None
    if weekday is not None and weekday != date.weekday():
        raise InputError(
            f"'{text}': {day} {MONTH_NAMES[month - 1]} {year} is a {WEEKDAYS[date.weekday()]}, "
            f"not a {WEEKDAYS[weekday]}: check the day and the date"
        )
    return date


def _iso(text: str) -> bool:
    """Whether ``text`` is YYYY-MM-DD, the month and day of one or two digits (0-9)."""
    parts = text.split("-")
    return (
        len(parts) == 3
        and len(parts[0]) == 4
        and 0 < len(parts[1]) < 3
        and 0 < len(parts[2]) < 3
        and _DIGITS.issuperset(parts[0] + parts[1] + parts[2])
    )


DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's end: 31 Jan + 1 month = 28 (or 29) Feb.

    The same arithmetic as ``dateutil``'s ``relativedelta(months=...)`` (a property test
    checks that), written out because it runs for every calendar-unit rule of every
    timeline and ``relativedelta`` takes several microseconds.
    """
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise InputError(f"{months:+d} months from {format_day(day)} is outside the years 1–9999 that dates have")
    # February's length by the Gregorian rule: the calendar module (for isleap) is not imported at start-up.
    last = DAYS_IN_MONTH[month - 1] if month != 2 else 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28
    return dt.date(year, month, min(day.day, last))


def format_day(day: dt.date) -> str:
    """UK style with the weekday, as committee papers write it: ``Mon 16 Oct 2017``.

    English names from tables, not strftime: the same in any locale, and several times faster.
    """
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_time(time: str) -> str:
    """``16:00`` -> ``4pm``, ``09:30`` -> ``9.30am``, as the handbook writes times; "" stays ""."""
    if not time:
        return ""
    hours, minutes = (int(part) for part in time.split(":"))
    clock = f"{(hours - 1) % 12 + 1}" + (f".{minutes:02d}" if minutes else "")
    return clock + ("am" if hours < 12 else "pm")


def format_span(earliest: dt.date, latest: dt.date, times: tuple[str, str] = ("", "")) -> str:
    """One day, or an inclusive window ``Fri 11 Aug – Fri 25 Aug 2017`` (year once when shared).

    With times of day: ``Thu 13 Jul 2017 10am``, ``Mon 4 Dec 4pm – Fri 8 Dec 2017 9.30am``.
    """
    first, last = (f" {format_time(t)}" if t else "" for t in times)
    if earliest == latest and first == last:
        return format_day(earliest) + first
    if earliest.year == latest.year:
        day_and_month = format_day(earliest).rsplit(" ", 1)[0]
        return f"{day_and_month}{first} – {format_day(latest)}{last}"
    return f"{format_day(earliest)}{first} – {format_day(latest)}{last}"


def format_window(earliest: dt.date, latest: dt.date) -> str:
    """A window in few characters, for a one-line view: ``11–25 Aug 2017``, ``17 Oct–13 Nov 2017``,
    ``19 Jul 2018–16 Oct 2019``.

    >>> format_window(dt.date(2017, 10, 17), dt.date(2017, 11, 13))
    '17 Oct–13 Nov 2017'
    """
    last = f"{latest.day} {MONTH_NAMES[latest.month - 1]} {latest.year}"
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return f"{earliest.day}–{last}"
    first = f"{earliest.day} {MONTH_NAMES[earliest.month - 1]}"
    return f"{first}–{last}" if earliest.year == latest.year else f"{first} {earliest.year}–{last}"

"""The timeline's sentences: bases, statuses and notes, in the words every output shares."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from ..calendar import WorkingCalendar
from ..dates import format_day, format_span
from ..rules import PLACEHOLDER, RECEIPT, Kind, Owner, Rule, RuleSet
from .model import Code, Milestone, Status, Step, Timeline


def amount_text(amount: int, unit: str) -> str:
    size = abs(amount)
    return f"{size} {unit[:-1] if size == 1 else unit}"


def offset_words(amount: int, unit: str, label: str) -> str:
    """``70 working days after receipt``, ``3 working days before the meeting``; the label alone for 0."""
    if amount == 0:
        return label
    return f"{amount_text(amount, unit)} {'after' if amount > 0 else 'before'} {label}"


def _clause(label: str, amount: int, unit: str) -> str:
    return f"on {label}" if amount == 0 else offset_words(amount, unit, label)


def describe_basis(first: Step, second: Step | None) -> str:
    """``70 working days after receipt``; ``25–35 working days after receipt``; or from .. to .."""
    if second is None:
        return _basis_text((first.anchor_label, first.amount, first.unit), None)
    return _basis_text(
        (first.anchor_label, first.amount, first.unit), (second.anchor_label, second.amount, second.unit)
    )


@functools.lru_cache(maxsize=1024)
def _basis_text(first: tuple[str, int, str], second: tuple[str, int, str] | None) -> str:
    """The basis from the steps' labels, amounts and units: the same for every timeline of a batch."""
    if second is None:
        return _clause(*first)
    same_shape = (first[0], first[2]) == (second[0], second[2])
    if same_shape and first[1] >= 0 and second[1] > 0:
        return f"{first[1]}–{second[1]} {first[2]} after {first[0]}"
    if same_shape and first[1] < 0 and second[1] < 0:
        return f"{-second[1]}–{-first[1]} {first[2]} before {first[0]}"
    if first[0] == second[0] and first[1] > 0 and second[1] > 0:  # 1 working day to 4 weeks after ...
        return f"{amount_text(first[1], first[2])} to {amount_text(second[1], second[2])} after {first[0]}"
    return f"from {_clause(*first)} to {_clause(*second)}"


def judge_status(
    rule: Rule,
    earliest: dt.date,
    latest: dt.date,
    actual: dt.date | None,
    as_of: dt.date,
    calendar: WorkingCalendar,
) -> Status:
    if actual is not None:
        return _given_status(rule, earliest, latest, actual, as_of, calendar)
    if latest < as_of:
        if rule.kind is STATUTORY and rule.by is AUTHORITY:
            return _counted(OVERDUE, calendar.count_working_days(latest, as_of), (as_of - latest).days)
        # a window drawn from practice, gone by with nothing given: no deadline missed
        return PASSED_PRACTICE if rule.practice else PASSED
    if latest == as_of:
        return DUE_TODAY
    if earliest == latest:
        return _counted(DUE_IN, calendar.count_working_days(as_of, latest), (latest - as_of).days)
    if as_of < earliest:
        return _counted(OPENS_IN, calendar.count_working_days(as_of, earliest), (earliest - as_of).days)
    return _counted(CLOSES_IN, calendar.count_working_days(as_of, latest), (latest - as_of).days)


# The statuses of a date not given that count the gap to it, by number, as (code, text, short) with
# {} for the gap (a number is the cheapest key for ``_counted``'s cache); enum members looked up once
# (each ``Enum.MEMBER`` costs about 90 ns in Python 3.11, and a batch judges 300,000 dates).
STATUTORY, AUTHORITY = Kind.STATUTORY, Owner.AUTHORITY
OVERDUE, DUE_IN, OPENS_IN, CLOSES_IN = range(4)
COUNTED = (
    (Code.OVERDUE, "overdue by {}", "OVERDUE {}"),
    (Code.DUE, "due in {}", "in {}"),
    (Code.UPCOMING, "opens in {}", "opens in {}"),
    (Code.DUE, "open, closes in {}", "open, {} left"),
)
PASSED = Status(Code.PASSED, "passed (no date given)", "passed")
PASSED_PRACTICE = Status(Code.PASSED, "beyond the usual practice (no date given)", "beyond practice")
DUE_TODAY = Status(Code.DUE_TODAY, "due today", "DUE TODAY")


@functools.lru_cache(maxsize=16384)  # 10,000 timelines over 12 years count about 10,000 gaps
def _counted(words: int, count: int, days: int) -> Status:
    """A status that counts the gap to a date (``COUNTED[words]``), worded once per gap: a
    batch's timelines share them."""
    code, text, short = COUNTED[words]
    # tuple.__new__, not Status(...): the named tuple's own __new__ is a Python call, and counts vary
    # too much for the cache to hold them all
    return tuple.__new__(
        Status, (code, text.format(_gap_text(count, days)), short.format(_gap_text(count, days, short=True)))
    )


def _given_status(
    rule: Rule, earliest: dt.date, latest: dt.date, actual: dt.date, as_of: dt.date, calendar: WorkingCalendar
) -> Status:
    """A given date judged against its rule: late is late whether it is done or only planned.

    The text is short because every output shows the rule's date beside it; ``limit_text``
    names the limit where it is not (``oftl check``).
    """
    done = actual <= as_of
    given = f"done {format_day(actual)}" if done else f"set for {format_day(actual)}"
    if not done:
        given += f" (in {_gap(calendar, as_of, actual)})"
    tense = "" if done else "set, "
    window = earliest != latest  # a one-day rule anchored on a window is a window too
    if rule.by != Owner.AUTHORITY and (actual > latest or actual < earliest):
        return _off_pattern(rule, earliest, latest, actual, given, calendar, window)
    if actual > latest:
        late = f"{_gap(calendar, latest, actual)} {'after the window' if window else 'late'}"
        return Status(Code.LATE, f"LATE: {given}, {late}", f"LATE {tense}{_gap(calendar, latest, actual, short=True)}")
    if window and actual < earliest:
        early = _gap(calendar, actual, earliest, short=True)
        return Status(
            Code.EARLY, f"EARLY: {given}, {_gap(calendar, actual, earliest)} before the window", f"EARLY {tense}{early}"
        )
    if window:
        within, short = "in the window", "in window"
    elif actual == latest:
        within = "on the deadline" if rule.kind is Kind.STATUTORY else "on the expected date"
        short = "on the day"
    else:
        within, short = f"{_gap(calendar, actual, latest)} early", f"{_gap(calendar, actual, latest, short=True)} early"
    if not done:
        return Status(Code.SCHEDULED, f"{given}, {within}", f"set, {short}")
    return Status(
        Code.IN_WINDOW if window else Code.MET, f"{given}, {within}", f"{'done' if window else 'met'}, {short}"
    )


def _off_pattern(
    rule: Rule,
    earliest: dt.date,
    latest: dt.date,
    actual: dt.date,
    given: str,
    calendar: WorkingCalendar,
    window: bool,
) -> Status:
    """Ofsted's or the DfE's date outside its usual window: said plainly, without blame (they
    set it), never ``late`` or ``early``, which are the authority's."""
    usual = "the usual practice" if rule.practice else ("the usual window" if window else "the usual date")
    who = f"({rule.by.label} sets this date)"
    if actual > latest:
        gap, short = _gap(calendar, latest, actual), _gap(calendar, latest, actual, short=True)
        return Status(Code.LATER, f"{given}, {gap} later than {usual} {who}", f"later by {short}")
    gap, short = _gap(calendar, actual, earliest), _gap(calendar, actual, earliest, short=True)
    return Status(Code.EARLIER, f"{given}, {gap} earlier than {usual} {who}", f"earlier by {short}")


def short_title(milestone: Milestone) -> str:
    """The rule's short name as a title, for a line with little room: "Written statement of action"."""
    short = milestone.rule.short.removeprefix("the ")
    number = re.search(r"[0-9]+$", milestone.id)  # the occurrence: mv3, mv-report-3, dfe-review-3
    short = short.replace(PLACEHOLDER, number[0] if number else "")
    return short[:1].upper() + short[1:]


SOON_DAYS = 10  # working days: a date this close is due soon, in every view that colours urgency


def due_soon(timeline: Timeline, day: dt.date) -> bool:
    """``day`` is the as-of day or at most ``SOON_DAYS`` working days after it (a day more than
    three times as many calendar days away is surely not, and is never counted)."""
    if not 0 <= (day - timeline.as_of).days <= 3 * SOON_DAYS:
        return False
    return timeline.calendar.count_working_days(timeline.as_of, day) <= SOON_DAYS


def limit_text(milestone: Milestone) -> str:
    """The limit a given date is judged against: ``statutory deadline Mon 16 Oct 2017``, or a window's span."""
    if milestone.earliest != milestone.latest:
        return format_span(milestone.earliest, milestone.latest)
    deadline = "statutory deadline" if milestone.kind is Kind.STATUTORY else "expected date"
    return f"{deadline} {format_day(milestone.latest)}"


def _gap(calendar: WorkingCalendar, first: dt.date, last: dt.date, short: bool = False) -> str:
    """From ``first`` to a later ``last`` in working days; in days when only closed days lie between.

    ``short``: ``9 wd`` or ``2 d``, for a one-line view with a key.
    """
    return _gap_text(calendar.count_working_days(first, last), (last - first).days, short)


def _gap_text(count: int, days: int, short: bool = False) -> str:
    """``_gap``'s text for ``count`` working days, ``days`` calendar days."""
    if short:
        return f"{count} wd" if count else f"{days} d"
    return amount_text(count, "working days") if count else amount_text(days, "days")


def start_sentence(start: dt.date, rule_set: RuleSet, calendar: WorkingCalendar) -> str:
    """What the output must say when the root day is not a working day, or not the weekday it
    usually is ("" when neither). The day is never moved: it is day 0 whatever kind of day."""
    title = rule_set.root.title
    if not calendar.is_working_day(start):
        return (
            f"{title} {format_day(start)} is not a working day ({calendar.why_closed(start)}): "
            f"the dates are counted from it as given, not from the next working day "
            f"({format_day(calendar.next_working_day(start))})"
            + ("." if rule_set.root.id == RECEIPT else "; check the date.")
        )
    usual = rule_set.root.weekday
    if usual and f"{start:%A}" != usual:
        return (
            f"{title} {format_day(start)} is a {start:%A}: it usually falls on a {usual} "
            f"({rule_set.root.weekday_source}); check the date."
        )
    return ""


def after_announced(last_year: int) -> str:
    """Where a projected date falls, as every output says it."""
    return f"after {last_year}, the last year with announced bank holidays"


def projected_sentences(calendar: WorkingCalendar, milestones: Sequence[Milestone]) -> list[str]:
    if not any(m.projected for m in milestones):
        return []
    return [
        f"Dates marked * fall {after_announced(calendar.announced_through)}: they use the regular pattern, "
        "and a newly proclaimed holiday could move them."
    ]

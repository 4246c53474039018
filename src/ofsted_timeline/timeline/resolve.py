"""Resolving a rule's bounds through its anchors, on demand and memoised, as a docketing system does.

An actual date, when one is known, replaces the computed date it stands for in every rule
anchored on it. Plans (which day a bound counts from, how far, how it rolls) do not depend
on the dates, so a batch of thousands plans once per rule set and set of given ids.
"""

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import NamedTuple

from ..calendar import WorkingCalendar
from ..dates import add_months, format_day
from ..errors import InputError
from ..rules import Kind, Offset, Point, Roll, Rule, RuleSet, Unit
from .model import MAX_OCCURRENCES, Shape, Side, Step

PlanKey = tuple[str, int | None, Side]  # rule id, occurrence number, which bound
# Quarterly visits go on until the re-inspection: when its usual window has passed with no date
# given, they are still listed this far past the as-of day (monitoring has not stopped).
SERIES_MONTHS_AHEAD = 12


class Source(StrEnum):
    """Where a bound's day comes from: the root day, an actual date given, or another bound;
    or, for a latest bound, the earliest bound itself (``SAME``: planned alike, from the same day)."""

    ROOT = "root"
    ACTUAL = "actual"
    BOUND = "bound"
    SAME = "same"


class NeedsActual(Exception):
    """A bound needs the actual date of ``anchor``, which nobody gave: the rule is not dated."""

    def __init__(self, anchor: str) -> None:
        self.anchor = anchor


class Plan(NamedTuple):
    """How one bound is computed, independent of the dates: which day it counts from (the
    root, an actual date, or another bound), how far, and how it rolls. Plans are shared by
    every timeline with the same rule set and the same actual dates given, so a batch of
    thousands plans once and only does date arithmetic per row."""

    anchor: str
    label: str
    source: Source
    rule: Rule | None  # the anchor's rule when source is BOUND
    number: int | None
    amount: int
    unit: Unit
    roll: Roll
    above: PlanKey | None  # the bound counted from, when source is BOUND
    move: int  # WORKING_DAYS, DAYS or MONTHS
    by: int  # the amount in the move's measure
    delta: dt.timedelta  # DAYS: ``by`` days, made once (a timedelta takes longer to make than to add)


class Shared(NamedTuple):
    """What every timeline with one rule set and one set of ids given shares, made once: the
    bounds' plans, and what each milestone says the same in all of them (``build``'s shapes)."""

    plans: dict[PlanKey, Plan | str]
    shapes: dict[tuple[str, int | None], Shape]
    follows: dict[str, Rule | None]  # rule id -> the series whose occurrences it has (itself, its anchor's), or None


# Enum members looked up once: in Python 3.11 each ``Enum.MEMBER`` costs about 90 ns, and a batch
# of 10,000 timelines resolves about 900,000 bounds.
ROOT, ACTUAL, SAME = Source.ROOT, Source.ACTUAL, Source.SAME
EARLIEST, LATEST = Side.EARLIEST, Side.LATEST
NO_ROLL, PREVIOUS = Roll.NONE, Roll.PREVIOUS
# How a plan's amount moves a date (plain numbers: an enum class costs 0.2 ms of every start-up):
# working days, days (weeks in days), or months (years in months).
WORKING_DAYS, DAYS, MONTHS = 0, 1, 2
MOVES = {Unit.WORKING_DAYS: (WORKING_DAYS, 1), Unit.DAYS: (DAYS, 1), Unit.WEEKS: (DAYS, 7)}
MOVES |= {Unit.MONTHS: (MONTHS, 1), Unit.YEARS: (MONTHS, 12)}


class Resolver:
    """Resolves anchors on demand, memoised, so a series and a rule may refer to each other's bounds."""

    def __init__(
        self,
        rule_set: RuleSet,
        calendar: WorkingCalendar,
        start: dt.date,
        actuals: Mapping[str, dt.date],
        as_of: dt.date | None = None,
    ) -> None:
        self.rule_set, self.calendar, self.start, self.actuals = rule_set, calendar, start, actuals
        # A series runs on while its end has not happened: a year past the as-of day at least.
        self.runs_to = None if as_of is None else add_months(as_of, SERIES_MONTHS_AHEAD)
        self._memo: dict[PlanKey, Step] = {}
        shared = rule_set.plans.get(frozenset(actuals))
        if shared is None:
            shared = rule_set.plans[frozenset(actuals)] = Shared({}, {}, {})
        self._plans: dict[PlanKey, Plan | str] = shared.plans
        self.shapes, self._follows = shared.shapes, shared.follows
        self._numbers: dict[str, list[int | None]] = {}  # a series' occurrences, by its rule id

    def step(self, rule: Rule, number: int | None, side: Side) -> Step:
        """One bound of one rule (occurrence ``number`` for a series), memoised.

        Both bounds are resolved even for a one-offset rule: anchored on a window (the
        agenda on the action planning visit), each bound follows its side of the anchor.
        """
        key = (rule.id, number, side)
        memo = self._memo
        found = memo.get(key)
        if found is not None:
            return found
        plan = self._plans.get(key)
        if plan is None:
            plan = self._planned(rule, number, side)
        if isinstance(plan, str):
            raise NeedsActual(plan)
        # unpacked at once: a named tuple's fields one by one take a descriptor call each
        anchor, label, source, rule_above, number_above, amount, unit, roll, above, move, by, delta = plan
        if source is ROOT:
            base = self.start
        elif source is ACTUAL:
            base = self.actuals[anchor]
        elif source is SAME:  # the earliest bound's Step: the two are equal, so it is made once
            found = memo[key] = memo.get(above) or self.step(rule, number, EARLIEST)  # type: ignore[arg-type]
            return found
        else:
            found = memo.get(above)  # type: ignore[arg-type]
            base = (found or self.step(rule_above, number_above, side)).result  # type: ignore[arg-type]
        calendar = self.calendar
        if move == WORKING_DAYS:
            unrolled = calendar.add_working_days(base, by)
        elif move == DAYS:
            try:
                unrolled = base + delta
            except OverflowError:  # outside the years 1-9999: add_days says so
                unrolled = add_days(base, by)
        else:
            unrolled = add_months(base, by)
        if roll is NO_ROLL:
            result = unrolled
        else:
            result = calendar.on_or_before(unrolled) if roll is PREVIOUS else calendar.on_or_after(unrolled)
        # tuple.__new__, not Step(...): the named tuple's own __new__ is a Python call, twice the time
        found = memo[key] = tuple.__new__(Step, (anchor, label, base, amount, unit, unrolled, result))
        return found

    def _planned(self, rule: Rule, number: int | None, side: Side) -> Plan | str:
        """The plan of one bound, kept for every timeline that shares the plans. A latest bound
        planned as its earliest is (same anchor, amount and roll, counted from the same day) is
        ``SAME``: about one bound in eight of a batch, mostly one-day deadlines."""
        plan = self._plan(rule, number, side)
        if side is LATEST and isinstance(plan, Plan) and self._as_earliest(rule, number, plan):
            plan = plan._replace(source=SAME, above=(rule.id, number, EARLIEST))
        self._plans[rule.id, number, side] = plan
        return plan

    def _as_earliest(self, rule: Rule, number: int | None, latest: Plan) -> bool:
        """Whether a latest bound's plan is its earliest's, counted from the same day: the same
        root or actual date, or a latest bound that is itself its earliest."""
        earliest = self._plans.get((rule.id, number, EARLIEST)) or self._planned(rule, number, EARLIEST)
        if not isinstance(earliest, Plan) or earliest._replace(above=None) != latest._replace(above=None):
            return False
        if latest.rule is None:
            return True
        above = self._plans.get(latest.above) or self._planned(latest.rule, latest.number, LATEST)  # type: ignore[arg-type]
        return isinstance(above, Plan) and above.source is SAME

    def _plan(self, rule: Rule, number: int | None, side: Side) -> Plan | str:
        """The plan of one bound, or the id of the actual date it needs and nobody gave."""
        offset: Offset = rule.earliest if side is Side.EARLIEST else rule.latest
        multiple = 1
        anchor = offset.anchor
        if rule.repeat is not None and number is not None:
            multiple = number - rule.repeat.first + 1
            for earlier in range(number - 1, rule.repeat.first - 1, -1):  # the last known occurrence
                occurrence = numbered(rule.repeat.id, earlier)
                if occurrence in self.actuals:
                    label = f"{numbered(rule.short, earlier)} (actual)"
                    amount, unit = _after_given(rule, offset, side)
                    return _made(
                        side,
                        occurrence,
                        label,
                        Source.ACTUAL,
                        None,
                        None,
                        amount * (number - earlier),
                        unit,
                        offset.roll,
                    )
        else:
            series = self._series_rule(anchor)
            if series is not None and number is not None:
                anchor = numbered(series.repeat.id, number)  # type: ignore[union-attr]
        found = self._anchor(anchor, offset.point)
        if isinstance(found, str):
            return found
        source, anchor_rule, anchor_number, label = found
        amount, unit = _after_given(rule, offset, side) if source == Source.ACTUAL else (offset.offset, offset.unit)
        return _made(side, anchor, label, source, anchor_rule, anchor_number, amount * multiple, unit, offset.roll)

    def _anchor(self, anchor: str, point: Point) -> tuple[Source, Rule | None, int | None, str] | str:
        """Where an anchor's date comes from, and how a basis names it."""
        root = self.rule_set.root
        if anchor == root.id:
            return Source.ROOT, None, None, root.label
        rule, number = self.rule_set.rule_of(anchor)
        label = numbered(rule.short, number)
        if point != Point.COMPUTED and anchor in self.actuals:
            return Source.ACTUAL, None, None, f"{label} (actual)"
        if point == Point.ACTUAL:
            return anchor
        return Source.BOUND, rule, number, label + (" deadline" if rule.kind is Kind.STATUTORY else "")

    def day_of(self, anchor: str, side: Side) -> dt.date:
        """An anchor's date: the root, its actual date, or its computed bound."""
        found = self._anchor(anchor, Point.ACTUAL_OR_COMPUTED)
        assert not isinstance(found, str)  # ACTUAL_OR_COMPUTED never needs an actual date
        source, rule, number, _ = found
        if source is ROOT:
            return self.start
        if source is ACTUAL:
            return self.actuals[anchor]
        return self.step(rule, number, side).result  # type: ignore[arg-type]

    def numbers(self, rule: Rule) -> list[int | None]:
        """A rule's occurrences: one (None), a series' numbers, or one per anchor occurrence;
        a series' numbers worked out once, however many rules follow it."""
        follows = self._follows
        if rule.id in follows:
            series = follows[rule.id]
        else:
            series = follows[rule.id] = (
                rule
                if rule.repeat is not None
                else next((s for a in rule.anchors if (s := self._series_rule(a))), None)
            )
        if series is None:
            return [None]
        found = self._numbers.get(series.id)
        if found is None:
            found = self._numbers[series.id] = self._occurrences(series)
        return found

    def _occurrences(self, rule: Rule) -> list[int | None]:
        """The numbers of the series ``rule``: every one given, and those projected to its horizon."""
        repeat = rule.repeat
        assert repeat is not None
        numbers: list[int | None] = []
        limit = None
        # Every occurrence up to the last one given is listed, however far; projected ones stop
        # at the series' horizon, or MAX_OCCURRENCES after the last one given.
        given = max(self._given_numbers(rule), default=0)
        for number in range(repeat.first, max(given, repeat.first) + MAX_OCCURRENCES):
            count = number - repeat.first + 1
            if repeat.times is not None and count > repeat.times:
                break
            if number <= given:
                numbers.append(number)
                continue
            if repeat.until is not None and count > repeat.at_least:
                if limit is None:
                    limit = self.day_of(repeat.until, Side.LATEST)
                    if self.runs_to is not None and repeat.until not in self.actuals:
                        limit = max(limit, self.runs_to)
                if self.step(rule, number, Side.LATEST).result > limit:
                    break
            numbers.append(number)
        return numbers

    def _given_numbers(self, series: Rule) -> Iterator[int]:
        """The occurrence numbers of ``series`` that dates are given for, directly (``mv5``) or
        through a rule anchored on it (``mv-report-5``)."""
        for key in self.actuals:
            found = self.rule_set.series_of(key)
            if found is not None and (found[0] is series or series.id in found[0].anchors):
                yield found[1]

    def _series_rule(self, rule_id: str) -> Rule | None:
        """The series rule ``rule_id`` names, if it names one (``mv-quarterly``, not ``mv3``)."""
        if rule_id == self.rule_set.root.id or self.rule_set.series_of(rule_id):
            return None
        rule = self.rule_set.get(rule_id)
        return rule if rule.repeat is not None else None


def _after_given(rule: Rule, offset: Offset, side: Side) -> tuple[int, Unit]:
    """How far one occurrence of a series falls from a given one: its ``after_given`` window's
    side, so that the next visits stay windows after a visit is given; else the offset."""
    window = rule.repeat.after_given if rule.repeat is not None else None
    if window is None:
        return offset.offset, offset.unit
    return (window.earliest if side is Side.EARLIEST else window.latest), window.unit


def _made(
    side: Side,
    anchor: str,
    label: str,
    source: Source,
    rule: Rule | None,
    number: int | None,
    amount: int,
    unit: Unit,
    roll: Roll,
) -> Plan:
    """A plan of the ``side`` bound, with the key of the bound it counts from (the same side of
    its anchor) and its amount in the measure it moves by."""
    move, factor = MOVES[unit]
    above = None if rule is None else (rule.id, number, side)
    by = amount * factor
    try:
        delta = dt.timedelta(days=by if move == DAYS else 0)
    except OverflowError:  # more days than a timedelta holds: its furthest, which takes every date past 9999
        delta = dt.timedelta.max if by > 0 else dt.timedelta.min
    return Plan(anchor, label, source, rule, number, amount, unit, roll, above, move, by, delta)


def add_days(day: dt.date, amount: int) -> dt.date:
    """Calendar days (weeks in days); refused by name past the years dates have."""
    try:
        return day + dt.timedelta(days=amount)
    except OverflowError:
        outside = "is outside the years 1–9999 that dates have"
        raise InputError(f"{amount:+d} days from {format_day(day)} {outside}") from None


@functools.lru_cache(maxsize=4096)
def numbered(text: str, number: int | None) -> str:
    """``"monitoring visit {n}"`` with its number, each built once."""
    return text.format(n=number)

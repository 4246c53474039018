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
from .model import MAX_OCCURRENCES, Side, Step

PlanKey = tuple[str, int | None, Side]  # rule id, occurrence number, which bound
# Quarterly visits go on until the re-inspection: when its usual window has passed with no date
# given, they are still listed this far past the as-of day (monitoring has not stopped).
SERIES_MONTHS_AHEAD = 12


class Source(StrEnum):
    """Where a bound's day comes from: the root day, an actual date given, or another bound."""

    ROOT = "root"
    ACTUAL = "actual"
    BOUND = "bound"


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
        self._plans: dict[PlanKey, Plan | str] = rule_set.plans.setdefault(frozenset(actuals), {})

    def step(self, rule: Rule, number: int | None, side: Side) -> Step:
        """One bound of one rule (occurrence ``number`` for a series), memoised.

        Both bounds are resolved even for a one-offset rule: anchored on a window (the
        agenda on the action planning visit), each bound follows its side of the anchor.
        """
        key = (rule.id, number, side)
        found = self._memo.get(key)
        if found is not None:
            return found
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._plan(rule, number, side)
        if isinstance(plan, str):
            raise NeedsActual(plan)
        base = self._base(plan.source, plan.anchor, plan.rule, plan.number, side)
        if plan.unit == Unit.WORKING_DAYS:
            unrolled = self.calendar.add_working_days(base, plan.amount)
        else:
            unrolled = add_calendar(base, plan.unit, plan.amount)
        result = unrolled
        if plan.roll == Roll.PREVIOUS:
            result = self.calendar.on_or_before(unrolled)
        elif plan.roll == Roll.NEXT:
            result = self.calendar.on_or_after(unrolled)
        found = self._memo[key] = Step(plan.anchor, plan.label, base, plan.amount, plan.unit, unrolled, result)
        return found

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
                    return Plan(
                        occurrence, label, Source.ACTUAL, None, None, amount * (number - earlier), unit, offset.roll
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
        return Plan(anchor, label, source, anchor_rule, anchor_number, amount * multiple, unit, offset.roll)

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
        return self._base(source, anchor, rule, number, side)

    def _base(self, source: Source, anchor: str, rule: Rule | None, number: int | None, side: Side) -> dt.date:
        """The date a plan counts from: the root, an actual date, or another rule's bound."""
        if source == Source.ROOT:
            return self.start
        if source == Source.ACTUAL:
            return self.actuals[anchor]
        found = self._memo.get((rule.id, number, side))  # type: ignore[union-attr]
        return (found or self.step(rule, number, side)).result  # type: ignore[arg-type]

    def numbers(self, rule: Rule) -> list[int | None]:
        """A rule's occurrences: one (None), a series' numbers, or one per anchor occurrence."""
        if rule.repeat is None:
            series = next((s for a in rule.anchors if (s := self._series_rule(a))), None)
            return [None] if series is None else self.numbers(series)
        repeat = rule.repeat
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


def add_calendar(day: dt.date, unit: Unit, amount: int) -> dt.date:
    """Days, weeks, months and years by the calendar (31 Jan + 1 month = 28/29 Feb)."""
    if unit == Unit.DAYS:
        try:
            return day + dt.timedelta(days=amount)
        except OverflowError:
            outside = "is outside the years 1–9999 that dates have"
            raise InputError(f"{amount:+d} days from {format_day(day)} {outside}") from None
    if unit == Unit.WEEKS:
        return day + dt.timedelta(weeks=amount)
    return add_months(day, amount if unit == Unit.MONTHS else 12 * amount)


@functools.lru_cache(maxsize=4096)
def numbered(text: str, number: int | None) -> str:
    """``"monitoring visit {n}"`` with its number, each built once."""
    return text.format(n=number)

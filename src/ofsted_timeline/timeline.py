"""Apply a rule set to the day the report arrived: the pure core (no clock, no I/O).

``build_timeline`` resolves every rule's earliest and latest date through its anchors,
as a docketing system does: an actual date, when one is known, replaces the computed date
it stands for in every rule anchored on it. "Today" is the ``as_of`` parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from .calendar import WorkingCalendar
from .dates import format_day
from .errors import InputError
from .rules import RECEIPT, Offset, Rule, RuleSet

MAX_OCCURRENCES = 60
SIDES = ("earliest", "latest")


class Step(NamedTuple):
    """How one bound of a milestone was computed: ``result`` = ``anchor_date`` + ``amount`` units."""

    anchor: str
    anchor_label: str
    anchor_date: dt.date
    amount: int
    unit: str
    unrolled: dt.date
    result: dt.date


class Status(NamedTuple):
    """``code`` for scripts (done, scheduled, overdue, passed, due-today, due, upcoming), ``text`` for people."""

    code: str
    text: str


class Milestone(NamedTuple):
    id: str
    rule: Rule
    title: str
    earliest: dt.date
    latest: dt.date
    actual: dt.date | None
    basis: str
    status: Status
    steps: tuple[Step, ...]
    notes: tuple[str, ...] = ()
    projected: bool = False

    @property
    def kind(self) -> str:
        return self.rule.kind


class Undated(NamedTuple):
    """A rule that cannot be dated yet because it needs an actual date nobody has given."""

    id: str
    title: str
    needs: str


class Timeline(NamedTuple):
    received: dt.date
    counted_from: dt.date
    as_of: dt.date
    rule_set: RuleSet
    calendar: WorkingCalendar
    milestones: tuple[Milestone, ...]
    undated: tuple[Undated, ...] = ()
    notes: tuple[str, ...] = ()
    authority: str | None = None

    def milestone(self, milestone_id: str) -> Milestone:
        for milestone in self.milestones:
            if milestone.id == milestone_id:
                return milestone
        raise KeyError(milestone_id)


class _NeedsActual(Exception):
    def __init__(self, anchor: str) -> None:
        self.anchor = anchor


class _Point(NamedTuple):
    """An anchor's resolved date, and how to name it in a basis."""

    id: str
    day: dt.date
    label: str


class _Resolver:
    """Resolves anchors on demand, memoised, so a series and a rule may refer to each other's bounds."""

    def __init__(
        self, rule_set: RuleSet, calendar: WorkingCalendar, counted_from: dt.date, actuals: Mapping[str, dt.date]
    ) -> None:
        self.rule_set, self.calendar, self.counted_from, self.actuals = rule_set, calendar, counted_from, actuals
        self._memo: dict[tuple[str, int | None, str], Step] = {}

    def step(self, rule: Rule, number: int | None, side: str) -> Step:
        """One bound of one rule (occurrence ``number`` for a series), memoised.

        Both bounds are resolved even for a one-offset rule: anchored on a window (the
        agenda on the action planning visit), each bound follows its side of the anchor.
        """
        key = (rule.id, number, side)
        if key not in self._memo:
            self._memo[key] = self._compute(rule, number, side)
        return self._memo[key]

    def _compute(self, rule: Rule, number: int | None, side: str) -> Step:
        offset: Offset = getattr(rule, side)
        multiple = 1
        if rule.repeat is not None and number is not None:
            base, multiple = self._series_base(rule, number, offset, side)
        else:
            anchor = offset.anchor
            series = self._series_rule(anchor)
            if series is not None and number is not None:
                anchor = series.repeat.occurrence_id(number)  # type: ignore[union-attr]
            base = self.point(anchor, offset.point, side)
        amount = offset.offset * multiple
        unrolled = self._shift(base.day, amount, offset.unit)
        result = unrolled
        if offset.roll == "previous":
            result = self.calendar.on_or_before(unrolled)
        elif offset.roll == "next":
            result = self.calendar.on_or_after(unrolled)
        return Step(base.id, base.label, base.day, amount, offset.unit, unrolled, result)

    def numbers(self, rule: Rule) -> list[int | None]:
        """A rule's occurrences: one (None), a series' numbers, or one per anchor occurrence."""
        if rule.repeat is None:
            series = next((s for a in rule.anchors if (s := self._series_rule(a))), None)
            return [None] if series is None else self.numbers(series)
        repeat = rule.repeat
        numbers: list[int | None] = []
        limit = None
        for number in range(repeat.first, repeat.first + MAX_OCCURRENCES):
            count = number - repeat.first + 1
            if repeat.times is not None and count > repeat.times:
                break
            known = repeat.occurrence_id(number) in self.actuals
            if repeat.until is not None and count > repeat.at_least and not known:
                if limit is None:
                    limit = self.point(repeat.until, "actual-or-computed", "latest").day
                if self.step(rule, number, "latest").result > limit:
                    break
            numbers.append(number)
        return numbers

    def _series_base(self, rule: Rule, number: int, offset: Offset, side: str) -> tuple[_Point, int]:
        """The last known occurrence before ``number`` (an actual one, else the anchor)."""
        repeat = rule.repeat
        assert repeat is not None
        for earlier in range(number - 1, repeat.first - 1, -1):
            occurrence = repeat.occurrence_id(earlier)
            if occurrence in self.actuals:
                label = f"{rule.short.format(n=earlier)} (actual)"
                return _Point(occurrence, self.actuals[occurrence], label), number - earlier
        return self.point(offset.anchor, offset.point, side), number - repeat.first + 1

    def point(self, anchor: str, point: str, side: str) -> _Point:
        if anchor == RECEIPT:
            return _Point(RECEIPT, self.counted_from, "receipt")
        actual = self.actuals.get(anchor)
        rule, number = self._rule_of(anchor)
        label = rule.short.format(n=number)
        if point != "computed" and actual is not None:
            return _Point(anchor, actual, f"{label} (actual)")
        if point == "actual":
            raise _NeedsActual(anchor)
        if rule.kind == "statutory":
            label += " deadline"
        return _Point(anchor, self.step(rule, number, side).result, label)

    def _rule_of(self, milestone_id: str) -> tuple[Rule, int | None]:
        series = self.rule_set.series_of(milestone_id)
        return series if series else (self.rule_set.get(milestone_id), None)

    def _series_rule(self, rule_id: str) -> Rule | None:
        if rule_id == RECEIPT or self.rule_set.series_of(rule_id):
            return None
        rule = self.rule_set.get(rule_id)
        return rule if rule.repeat is not None else None

    def _shift(self, day: dt.date, amount: int, unit: str) -> dt.date:
        if unit == "working days":
            return self.calendar.add_working_days(day, amount)
        if unit == "weeks":
            return day + dt.timedelta(weeks=amount)
        if unit == "months":
            return day + relativedelta(months=amount)
        return day + relativedelta(years=amount)


def build_timeline(
    received: dt.date,
    rule_set: RuleSet,
    calendar: WorkingCalendar,
    as_of: dt.date,
    actuals: Mapping[str, dt.date] | None = None,
    authority: str | None = None,
) -> Timeline:
    """Every milestone of ``rule_set`` for a report received on ``received``.

    ``actuals`` maps milestone ids (``apv-window``, ``wsoa``, ``mv1``, ``mv2``, ...,
    ``reinspection``) to the dates they really happened or are fixed for. ``authority``
    only labels the timeline (titles, calendar event ids); it changes no date.
    """
    authority = None if authority is None else authority_name(authority)
    actuals = dict(actuals or {})
    rule_ids = {rule.id for rule in rule_set.rules}
    for key in actuals:
        if key not in rule_ids and rule_set.series_of(key) is None:
            raise InputError(f"no milestone '{key}' in {rule_set.id}: see `oftl rules` for the ids")
    counted_from = calendar.on_or_after(received)
    resolver = _Resolver(rule_set, calendar, counted_from, actuals)
    milestones: list[Milestone] = []
    undated: list[Undated] = []
    for rule in rule_set.rules:
        try:
            dated = [_milestone(resolver, rule, n, actuals, as_of) for n in resolver.numbers(rule)]
        except _NeedsActual as missing:
            undated.append(Undated(rule.id, rule.title, missing.anchor))
        else:
            milestones.extend(dated)
    milestones.sort(key=lambda m: (m.actual or m.earliest, m.latest))
    return Timeline(
        received=received,
        counted_from=counted_from,
        as_of=as_of,
        rule_set=rule_set,
        calendar=calendar,
        milestones=tuple(milestones),
        undated=tuple(undated),
        notes=tuple(_notes(received, counted_from, calendar, milestones)),
        authority=authority,
    )


def authority_name(text: str) -> str:
    """The council's name as given, trimmed; refused when empty or not on one line."""
    name = text.strip()
    if not name:
        raise InputError("the authority name is empty: give the council's name, e.g. Barnet")
    if not name.isprintable():
        raise InputError(f"the authority name {name!r} has a line break or control character: give it on one line")
    return name


def visits_as_actuals(visits: Sequence[dt.date]) -> dict[str, dt.date]:
    """Actual monitoring visits, first on-site day of each, as ``mv1``, ``mv2``, ... in date order."""
    return {f"mv{number}": day for number, day in enumerate(sorted(visits), start=1)}


def _milestone(
    resolver: _Resolver, rule: Rule, number: int | None, actuals: Mapping[str, dt.date], as_of: dt.date
) -> Milestone:
    steps = tuple(resolver.step(rule, number, side) for side in SIDES)
    earliest, latest = steps[0].result, steps[1].result
    if number is None:
        milestone_id = rule.id
    elif rule.repeat is not None:
        milestone_id = rule.repeat.occurrence_id(number)
    else:
        milestone_id = f"{rule.id}-{number}"
    actual = actuals.get(milestone_id)
    notes = [rule.note] if rule.note else []
    for step in dict.fromkeys(steps):
        if step.unrolled != step.result:
            notes.append(
                f"{format_day(step.unrolled)} is not a working day "
                f"({resolver.calendar.why_closed(step.unrolled)}): moved to {format_day(step.result)}."
            )
    if earliest > latest:
        notes.append("The earliest date falls after the latest: the anchors leave no window; check the dates given.")
    calendar = resolver.calendar
    return Milestone(
        id=milestone_id,
        rule=rule,
        title=rule.title.format(n=number),
        earliest=earliest,
        latest=latest,
        actual=actual,
        basis=_basis(steps[0], steps[1] if rule.is_window else None),
        status=_status(rule.kind, earliest, latest, actual, as_of, calendar),
        steps=steps if rule.is_window else steps[:1],
        notes=tuple(notes),
        projected=max(latest, actual or latest).year > calendar.announced_through,
    )


def _amount(amount: int, unit: str) -> str:
    size = abs(amount)
    return f"{size} {unit[:-1] if size == 1 else unit}"


def _clause(step: Step) -> str:
    if step.amount == 0:
        return f"on {step.anchor_label}"
    direction = "after" if step.amount > 0 else "before"
    return f"{_amount(step.amount, step.unit)} {direction} {step.anchor_label}"


def _basis(first: Step, second: Step | None) -> str:
    """``70 working days after receipt``; ``25–35 working days after receipt``; or from .. to .."""
    if second is None:
        return _clause(first)
    same_shape = (first.anchor_label, first.unit) == (second.anchor_label, second.unit)
    if same_shape and first.amount > 0 and second.amount > 0:
        return f"{first.amount}–{_clause(second)}"
    return f"from {_clause(first)} to {_clause(second)}"


def _status(
    kind: str,
    earliest: dt.date,
    latest: dt.date,
    actual: dt.date | None,
    as_of: dt.date,
    calendar: WorkingCalendar,
) -> Status:
    def working_days(start: dt.date, end: dt.date) -> str:
        return _amount(calendar.count_working_days(start, end), "working days")

    if actual is not None:
        if actual <= as_of:
            return Status("done", f"done {format_day(actual)}")
        return Status("scheduled", f"set for {format_day(actual)}, in {working_days(as_of, actual)}")
    if latest < as_of:
        if kind == "statutory":
            return Status("overdue", f"overdue by {working_days(latest, as_of)}")
        return Status("passed", "passed (no date given)")
    if latest == as_of:
        return Status("due-today", "due today")
    if earliest == latest:
        return Status("due", f"due in {working_days(as_of, latest)}")
    if as_of < earliest:
        return Status("upcoming", f"opens in {working_days(as_of, earliest)}")
    return Status("due", f"open, closes in {working_days(as_of, latest)}")


def _notes(
    received: dt.date, counted_from: dt.date, calendar: WorkingCalendar, milestones: Sequence[Milestone]
) -> list[str]:
    notes = []
    if counted_from != received:
        notes.append(
            f"Received {format_day(received)}, not a working day ({calendar.why_closed(received)}): "
            f"counting from {format_day(counted_from)} as day 0."
        )
    if any(m.projected for m in milestones):
        notes.append(
            f"Dates marked * fall after {calendar.announced_through}, the last year with announced bank "
            "holidays: they use the regular pattern, and a newly proclaimed holiday could move them."
        )
    return notes

"""Apply a rule set to the day the report arrived: the pure core (no clock, no I/O).

``build_timeline`` resolves every rule's earliest and latest date through its anchors,
as a docketing system does: an actual date, when one is known, replaces the computed date
it stands for in every rule anchored on it. "Today" is the ``as_of`` parameter.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import NamedTuple

from .calendar import WorkingCalendar
from .dates import add_months, format_day, format_span
from .errors import InputError
from .given import check_dated, check_given
from .rules import RECEIPT, Offset, Rule, RuleSet

MAX_OCCURRENCES = 60  # projected occurrences of a series; every given one is listed too
ALERT_CODES = ("late", "early", "overdue")


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
    """``code`` for scripts, ``text`` for people (README, "Statuses").

    With a date given: ``met`` (done on or before a deadline), ``in-window`` (done inside
    a window), ``scheduled`` (set for a day still ahead, inside the rule), ``late`` (after
    the deadline or the window, done or planned) and ``early`` (before a window opens).
    Without: ``overdue`` (a statutory deadline passed), ``passed`` (any other), ``due-today``,
    ``due`` (a deadline ahead, or a window open now) and ``upcoming`` (a window not open yet).
    """

    code: str
    text: str

    @property
    def alert(self) -> bool:
        """Late, early or overdue: what every output shows first and in red."""
        return self.code in ALERT_CODES


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

    @property
    def times(self) -> tuple[str, str]:
        """Times of day of the earliest and latest date ("16:00"), or "" when the rule gives none."""
        return self.rule.earliest.time, self.rule.latest.time


class Undated(NamedTuple):
    """A rule that cannot be dated yet because it needs an actual date nobody has given."""

    id: str
    title: str
    needs: str


class Skipped(NamedTuple):
    """A rule left out because a condition holds (the first visit's report is not published)."""

    id: str
    title: str
    reason: str


class Timeline(NamedTuple):
    """``start`` is the root day the rule set counts from (``rule_set.root``): for ``deadlines``
    the day the report was received, for ``visit`` the first on-site day, and so on."""

    start: dt.date
    as_of: dt.date
    rule_set: RuleSet
    calendar: WorkingCalendar
    milestones: tuple[Milestone, ...]
    undated: tuple[Undated, ...] = ()
    notes: tuple[str, ...] = ()
    authority: str | None = None
    not_applicable: tuple[Skipped, ...] = ()  # rules left out by a condition, said in the output
    start_note: str = ""  # also in notes: the root day (day 0) is not a working day
    persistent_failure: str = ""  # also in notes: the DfE's definition is met
    framework_reason: str = ""  # also in notes: why this rule set was chosen

    def milestone(self, milestone_id: str) -> Milestone:
        for milestone in self.milestones:
            if milestone.id == milestone_id:
                return milestone
        raise KeyError(milestone_id)


class _NeedsActual(Exception):
    def __init__(self, anchor: str) -> None:
        self.anchor = anchor


class _Plan(NamedTuple):
    """How one bound is computed, independent of the dates: which day it counts from (the
    root, an actual date, or another bound), how far, and how it rolls. Plans are shared by
    every timeline with the same rule set and the same actual dates given, so a batch of
    thousands plans once and only does date arithmetic per row."""

    anchor: str
    label: str
    source: str  # "root", "actual" or "bound"
    rule: Rule | None  # the anchor's rule when source is "bound"
    number: int | None
    amount: int
    unit: str
    roll: str


_PLANS: dict[tuple[int, frozenset[str]], tuple[RuleSet, dict[tuple[str, int | None, str], _Plan | str]]] = {}


class _Resolver:
    """Resolves anchors on demand, memoised, so a series and a rule may refer to each other's bounds."""

    def __init__(
        self, rule_set: RuleSet, calendar: WorkingCalendar, start: dt.date, actuals: Mapping[str, dt.date]
    ) -> None:
        self.rule_set, self.calendar, self.start, self.actuals = rule_set, calendar, start, actuals
        self._memo: dict[tuple[str, int | None, str], Step] = {}
        key = (id(rule_set), frozenset(actuals))
        cached = _PLANS.get(key)
        if cached is None or cached[0] is not rule_set:  # an id may be reused once a set is gone
            cached = _PLANS[key] = (rule_set, {})
        self._plans = cached[1]

    def step(self, rule: Rule, number: int | None, side: str) -> Step:
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
            raise _NeedsActual(plan)
        base = self._base(plan.source, plan.anchor, plan.rule, plan.number, side)
        if plan.unit == "working days":
            unrolled = self.calendar.add_working_days(base, plan.amount)
        else:
            unrolled = _add_calendar(base, plan.unit, plan.amount)
        result = unrolled
        if plan.roll == "previous":
            result = self.calendar.on_or_before(unrolled)
        elif plan.roll == "next":
            result = self.calendar.on_or_after(unrolled)
        found = self._memo[key] = Step(plan.anchor, plan.label, base, plan.amount, plan.unit, unrolled, result)
        return found

    def _plan(self, rule: Rule, number: int | None, side: str) -> _Plan | str:
        """The plan of one bound, or the id of the actual date it needs and nobody gave."""
        offset: Offset = rule.earliest if side == "earliest" else rule.latest
        multiple = 1
        anchor = offset.anchor
        if rule.repeat is not None and number is not None:
            multiple = number - rule.repeat.first + 1
            for earlier in range(number - 1, rule.repeat.first - 1, -1):  # the last known occurrence
                occurrence = _numbered(rule.repeat.id, earlier)
                if occurrence in self.actuals:
                    label = f"{_numbered(rule.short, earlier)} (actual)"
                    return _Plan(
                        occurrence,
                        label,
                        "actual",
                        None,
                        None,
                        offset.offset * (number - earlier),
                        offset.unit,
                        offset.roll,
                    )
        else:
            series = self._series_rule(anchor)
            if series is not None and number is not None:
                anchor = _numbered(series.repeat.id, number)  # type: ignore[union-attr]
        found = self._anchor(anchor, offset.point)
        if isinstance(found, str):
            return found
        source, anchor_rule, anchor_number, label = found
        return _Plan(
            anchor, label, source, anchor_rule, anchor_number, offset.offset * multiple, offset.unit, offset.roll
        )

    def _anchor(self, anchor: str, point: str) -> tuple[str, Rule | None, int | None, str] | str:
        """Where an anchor's date comes from, and how a basis names it."""
        root = self.rule_set.root
        if anchor == root.id:
            return "root", None, None, root.label
        rule, number = self.rule_set.rule_of(anchor)
        label = _numbered(rule.short, number)
        if point != "computed" and anchor in self.actuals:
            return "actual", None, None, f"{label} (actual)"
        if point == "actual":
            return anchor
        return "bound", rule, number, label + (" deadline" if rule.kind == "statutory" else "")

    def day_of(self, anchor: str, side: str) -> dt.date:
        """An anchor's date: the root, its actual date, or its computed bound."""
        found = self._anchor(anchor, "actual-or-computed")
        assert not isinstance(found, str)  # "actual-or-computed" never needs an actual date
        source, rule, number, _ = found
        return self._base(source, anchor, rule, number, side)

    def _base(self, source: str, anchor: str, rule: Rule | None, number: int | None, side: str) -> dt.date:
        """The date a plan counts from: the root, an actual date, or another rule's bound."""
        if source == "root":
            return self.start
        if source == "actual":
            return self.actuals[anchor]
        return self.step(rule, number, side).result  # type: ignore[arg-type]

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
                    limit = self.day_of(repeat.until, "latest")
                if self.step(rule, number, "latest").result > limit:
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


def _add_calendar(day: dt.date, unit: str, amount: int) -> dt.date:
    """Weeks, months and years by the calendar (31 Jan + 1 month = 28/29 Feb)."""
    if unit == "weeks":
        return day + dt.timedelta(weeks=amount)
    return add_months(day, amount if unit == "months" else 12 * amount)


@functools.lru_cache(maxsize=4096)
def _numbered(text: str, number: int | None) -> str:
    """``"monitoring visit {n}"`` with its number, each built once."""
    return text.format(n=number)


def build_timeline(
    start: dt.date,
    rule_set: RuleSet,
    calendar: WorkingCalendar,
    as_of: dt.date,
    actuals: Mapping[str, dt.date] | None = None,
    authority: str | None = None,
    conditions: Collection[str] = (),
    previous_inadequate: Sequence[dt.date] = (),
) -> Timeline:
    """Every milestone of ``rule_set`` counted from ``start``, the day its root names (for
    the inspection rule sets, the day the report was received).

    ``actuals`` maps milestone ids (``apv-window``, ``wsoa``, ``mv1``, ``mv2``, ...,
    ``reinspection``) to the dates they really happened or are fixed for. ``authority``
    only labels the timeline (titles, calendar event ids); it changes no date.
    ``conditions`` that hold (such as ``first-visit``) leave out the rules marked ``unless``.
    ``previous_inadequate`` judgements are checked against the rule set's definition of
    persistent failure, the receipt standing in for the current judgement's date.
    """
    authority = None if authority is None else authority_name(authority)
    actuals = dict(actuals or {})
    check_given(rule_set, start, actuals)
    for condition in conditions:
        if condition not in rule_set.conditions:
            raise InputError(f"no condition '{condition}' in {rule_set.id}")
    start_note = _start_note(start, rule_set, calendar)
    persistent = persistent_failure(rule_set, start, previous_inadequate)
    resolver = _Resolver(rule_set, calendar, start, actuals)
    milestones: list[Milestone] = []
    undated: list[Undated] = []
    left_out: list[Skipped] = []
    for rule in rule_set.rules:
        if rule.unless in conditions:
            reason = f"not for {rule_set.conditions[rule.unless]} ({rule.source})"
            left_out.append(Skipped(rule.id, rule.title, reason))
            continue
        try:
            dated = [_milestone(resolver, rule, n, actuals, as_of) for n in resolver.numbers(rule)]
        except _NeedsActual as missing:
            undated.append(Undated(rule.id, rule.title, missing.anchor))
        else:
            milestones.extend(dated)
    check_dated(
        rule_set,
        actuals,
        [milestone.id for milestone in milestones],
        {item.id: item.needs for item in undated},
        {item.id: item.reason for item in left_out},
    )
    milestones.sort(key=lambda m: (m.actual or m.earliest, m.latest, m.times))
    return Timeline(
        start=start,
        as_of=as_of,
        rule_set=rule_set,
        calendar=calendar,
        milestones=tuple(milestones),
        undated=tuple(undated),
        notes=tuple(filter(None, [start_note, persistent, *_projected_note(calendar, milestones)])),
        authority=authority,
        start_note=start_note,
        not_applicable=tuple(left_out),
        persistent_failure=persistent,
    )


def persistent_failure(rule_set: RuleSet, judgement: dt.date, previous: Sequence[dt.date]) -> str:
    """The sentence saying the DfE's definition of persistent failure is met, or ""."""
    if not previous:
        return ""
    definition = rule_set.persistent_failure
    if definition is None:
        raise InputError(f"{rule_set.id} has no definition of persistent failure: previous judgements do not apply")
    later = [day for day in previous if day >= judgement]
    if later:
        raise InputError(
            f"previous inadequate judgement {format_day(later[0])} is not before this report "
            f"({format_day(judgement)}): give earlier judgements only"
        )
    since = add_months(judgement, -12 * definition.years)
    within = sorted({day for day in previous if day > since} | {judgement})
    if len(within) < definition.judgements:
        return ""
    days = ", ".join(format_day(day) for day in within)
    return (
        f"Persistent failure ({definition.source}): {len(within)} inadequate judgements within "
        f"{definition.years} years ({days}); the DfE may appoint a Commissioner (PCF 121)."
    )


def visits_as_actuals(visits: Sequence[dt.date]) -> dict[str, dt.date]:
    """Actual monitoring visits, first on-site day of each, as ``mv1``, ``mv2``, ... in date order."""
    return {f"mv{number}": day for number, day in enumerate(sorted(visits), start=1)}


def authority_name(text: str) -> str:
    """The council's name as given, trimmed; refused when empty or not on one line."""
    name = text.strip()
    if not name:
        raise InputError("the authority name is empty: give the council's name, e.g. Barnet")
    if not name.isprintable():
        raise InputError(f"the authority name {name!r} has a line break or control character: give it on one line")
    return name


def _milestone(
    resolver: _Resolver, rule: Rule, number: int | None, actuals: Mapping[str, dt.date], as_of: dt.date
) -> Milestone:
    first, second = resolver.step(rule, number, "earliest"), resolver.step(rule, number, "latest")
    earliest, latest = first.result, second.result
    if number is None:
        milestone_id = rule.id
    elif rule.repeat is not None:
        milestone_id = _numbered(rule.repeat.id, number)
    else:
        milestone_id = f"{rule.id}-{number}"
    actual = actuals.get(milestone_id)
    notes = [rule.note] if rule.note else []
    for step in (first,) if first == second else (first, second):
        if step.unrolled != step.result:
            notes.append(
                f"{format_day(step.unrolled)} is not a working day "
                f"({resolver.calendar.why_closed(step.unrolled)}): moved to {format_day(step.result)}."
            )
    if earliest > latest:
        notes.append("The earliest date falls after the latest: the anchors leave no window; check the dates given.")
    calendar = resolver.calendar
    window = rule.is_window
    return Milestone(  # positional: a batch makes hundreds of thousands of these
        milestone_id,
        rule,
        _numbered(rule.title, number),
        earliest,
        latest,
        actual,
        _basis(first, second if window else None),
        _status(rule, earliest, latest, actual, as_of, calendar),
        (first, second) if window else (first,),
        tuple(notes),
        (actual or latest).year > calendar.announced_through or latest.year > calendar.announced_through,
    )


def _amount(amount: int, unit: str) -> str:
    size = abs(amount)
    return f"{size} {unit[:-1] if size == 1 else unit}"


def _clause(label: str, amount: int, unit: str) -> str:
    if amount == 0:
        return f"on {label}"
    return f"{_amount(amount, unit)} {'after' if amount > 0 else 'before'} {label}"


def _basis(first: Step, second: Step | None) -> str:
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
        return f"{_amount(first[1], first[2])} to {_amount(second[1], second[2])} after {first[0]}"
    return f"from {_clause(*first)} to {_clause(*second)}"


def _status(
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
        if rule.kind == "statutory":
            return Status("overdue", f"overdue by {_gap(calendar, latest, as_of)}")
        return Status("passed", "passed (no date given)")
    if latest == as_of:
        return Status("due-today", "due today")
    if earliest == latest:
        return Status("due", f"due in {_gap(calendar, as_of, latest)}")
    if as_of < earliest:
        return Status("upcoming", f"opens in {_gap(calendar, as_of, earliest)}")
    return Status("due", f"open, closes in {_gap(calendar, as_of, latest)}")


def _given_status(
    rule: Rule, earliest: dt.date, latest: dt.date, actual: dt.date, as_of: dt.date, calendar: WorkingCalendar
) -> Status:
    """A given date judged against its rule: late is late whether it is done or only planned.

    The text is short because every output shows the rule's date beside it; ``limit_text``
    names the limit where it is not (``oftl check``).
    """
    given = f"done {format_day(actual)}" if actual <= as_of else f"set for {format_day(actual)}"
    if actual > as_of:
        given += f" (in {_gap(calendar, as_of, actual)})"
    window = earliest != latest  # a one-day rule anchored on a window is a window too
    if actual > latest:
        late = f"{_gap(calendar, latest, actual)} {'after the window' if window else 'late'}"
        return Status("late", f"LATE: {given}, {late}")
    if window and actual < earliest:
        return Status("early", f"EARLY: {given}, {_gap(calendar, actual, earliest)} before the window")
    if window:
        within = "in the window"
    elif actual == latest:
        within = "on the deadline" if rule.kind == "statutory" else "on the expected date"
    else:
        within = f"{_gap(calendar, actual, latest)} early"
    code = "scheduled" if actual > as_of else "in-window" if window else "met"
    return Status(code, f"{given}, {within}")


def limit_text(milestone: Milestone) -> str:
    """The limit a given date is judged against: ``statutory deadline Mon 16 Oct 2017``, or a window's span."""
    if milestone.earliest != milestone.latest:
        return format_span(milestone.earliest, milestone.latest)
    deadline = "statutory deadline" if milestone.kind == "statutory" else "expected date"
    return f"{deadline} {format_day(milestone.latest)}"


def _gap(calendar: WorkingCalendar, first: dt.date, last: dt.date) -> str:
    """From ``first`` to a later ``last`` in working days; in days when only closed days lie between."""
    count = calendar.count_working_days(first, last)
    return _amount(count, "working days") if count else _amount((last - first).days, "days")


def _start_note(start: dt.date, rule_set: RuleSet, calendar: WorkingCalendar) -> str:
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


def _projected_note(calendar: WorkingCalendar, milestones: Sequence[Milestone]) -> list[str]:
    if not any(m.projected for m in milestones):
        return []
    return [
        f"Dates marked * fall after {calendar.announced_through}, the last year with announced bank "
        "holidays: they use the regular pattern, and a newly proclaimed holiday could move them."
    ]

"""Apply a rule set to the day the report arrived: the pure core (no clock, no I/O).

``build_timeline`` resolves every rule's earliest and latest date through its anchors
(``resolve``), judges each against "today", the ``as_of`` parameter, and words it
(``wording``); dates given are checked first (``given``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..calendar import OutsideCalendar, WorkingCalendar
from ..dates import SAME_JUDGEMENT_DAYS, add_months, format_day
from ..errors import InputError
from ..request import Request
from ..rules import Rule, RuleSet
from .given import check_dated, check_given
from .model import Milestone, Shape, Side, Skipped, Step, Timeline, Undated
from .practice import apply_history
from .resolve import NeedsActual, Resolver, numbered
from .wording import describe_basis, judge_status, projected_sentences, start_sentence

if TYPE_CHECKING:
    from ..history.context import AuthorityRecord


EARLIEST, LATEST = Side.EARLIEST, Side.LATEST  # looked up once: Enum.MEMBER costs ~90 ns in Python 3.11
PERSISTENT_CONSEQUENCE = "the DfE may appoint a Commissioner (PCF 121)"  # what persistent failure brings


def build_timeline(request: Request, calendar: WorkingCalendar) -> Timeline:
    """Every milestone of the request's rule set counted from its ``start``, the day its root
    names (for the inspection rule sets, the day the report was received).

    Of the request, ``actuals`` maps milestone ids (``apv-window``, ``wsoa``, ``mv1``, ``mv2``, ...,
    ``reinspection``) to the dates they really happened or are fixed for. ``authority``
    only labels the timeline (titles, calendar event ids); it changes no date.
    ``conditions`` that hold (such as ``first-visit``) leave out the rules marked ``unless``.
    ``previous_inadequate`` judgements are checked against the rule set's definition of
    persistent failure, the receipt standing in for the current judgement's date.
    ``framework_reason`` says why this rule set applies; it leads the notes.
    ``history`` is what the inspection history says (``practice.apply_history``): practice
    beside (or, where no source gives it, instead of) the re-inspection rule, the authority's
    earlier inadequate judgements, and the day its re-inspection really began.
    """
    start, rule_set, as_of, conditions = request.start, request.rule_set, request.as_of, request.conditions
    previous_inadequate, framework_reason, history = (
        request.previous_inadequate,
        request.framework_reason,
        request.history,
    )
    authority = None if request.authority is None else authority_name(request.authority)
    if not calendar.first_year <= as_of.year <= calendar.last_year:  # every status counts days to it
        raise InputError(
            f"statuses as of {format_day(as_of)} cannot be counted: the bank-holiday calendar covers "
            f"{calendar.first_year}–{calendar.last_year}, so give an as-of day in those years"
        )
    actuals = dict(request.actuals)
    from_history: tuple[dt.date, ...] = ()
    history_notes: tuple[str, ...] = ()
    glance: tuple[str, ...] = ()
    beside: Mapping[str, tuple[str, ...]] = {}
    if history is not None:
        applied = apply_history(rule_set, actuals, history)
        rule_set, actuals, beside = applied.rule_set, applied.actuals, applied.milestone_notes
        from_history, history_notes, glance = applied.earlier_inadequate, applied.notes, applied.glance
    check_given(rule_set, start, actuals)
    for condition in conditions:
        if condition not in rule_set.conditions:
            raise InputError(f"no condition '{condition}' in {rule_set.id}")
    start_note = start_sentence(start, rule_set, calendar)
    record = history.authority if history is not None else None
    published = record.judgement.published if record is not None and record.judgement is not None else None
    persistent = persistent_failure(rule_set, start, previous_inadequate, from_history, published)
    counted = persistent_judgements(rule_set, start, previous_inadequate, from_history, published) if persistent else ()
    if record is not None and record.name is not None and not persistent and rule_set.persistent_failure is not None:
        history_notes += (not_persistent(rule_set, published or start, from_history, record),)
    resolver = Resolver(rule_set, calendar, start, actuals, as_of)
    milestones: list[Milestone] = []
    undated: list[Undated] = []
    left_out: list[Skipped] = []
    for rule in rule_set.rules:
        if rule.unless in conditions:
            reason = f"not for {rule_set.conditions[rule.unless]} ({rule.source})"
            left_out.append(Skipped(rule.id, rule.title, reason))
            continue
        try:
            extra = beside.get(rule.id, ())
            dated = [_milestone(resolver, rule, n, actuals, as_of, extra) for n in resolver.numbers(rule)]
        except NeedsActual as missing:
            undated.append(Undated(rule.id, rule.title, missing.anchor))
        except OutsideCalendar as error:  # the rule's offset, not the date given, went past the calendar
            raise InputError(f"rule '{rule.id}' ({rule.source}): {error}") from None
        else:
            milestones.extend(dated)
    check_dated(
        rule_set,
        actuals,
        [milestone.id for milestone in milestones],
        {item.id: item.needs for item in undated},
        {item.id: item.reason for item in left_out},
    )
    milestones.sort(key=lambda m: (m.actual or m.earliest, m.latest, m.rule.earliest.time, m.rule.latest.time))
    return Timeline(
        start=start,
        as_of=as_of,
        rule_set=rule_set,
        calendar=calendar,
        milestones=tuple(milestones),
        undated=tuple(undated),
        notes=tuple(
            filter(
                None,
                [
                    framework_reason,
                    start_note,
                    persistent,
                    *history_notes,
                    *projected_sentences(calendar, milestones),
                ],
            )
        ),
        authority=authority,
        start_note=start_note,
        not_applicable=tuple(left_out),
        persistent_failure=persistent,
        persistent_judgements=counted,
        framework_reason=framework_reason,
        history=history,
        history_notes=history_notes,
        glance_notes=glance,
    )


def persistent_failure(
    rule_set: RuleSet,
    received: dt.date,
    previous: Sequence[dt.date],
    from_history: Sequence[dt.date] = (),
    published: dt.date | None = None,
) -> str:
    """The sentence saying the DfE's definition of persistent failure is met, or "".

    Judgements are compared by publication day, the one day the inspection history gives for
    every judgement: this report's own (``published``) when the history has it, else its
    receipt stands in, and the sentence says so. ``previous`` are earlier judgements given by
    hand; one within ``SAME_JUDGEMENT_DAYS`` of a day ``from_history`` is that judgement,
    counted once by its publication day."""
    within, same = _counted(rule_set, received, previous, from_history, published)
    definition = rule_set.persistent_failure
    if definition is None or len(within) < definition.judgements:
        return ""
    listed = ", ".join(format_day(day) for day in within)
    sentence = (
        f"Persistent failure ({definition.source}): {len(within)} inadequate judgements within "
        f"{definition.years} years, compared by publication day ({listed}); {PERSISTENT_CONSEQUENCE}."
    )
    taken = [day for day in from_history if day in within and day not in same.values()]
    if taken:
        verb = "is" if len(taken) == 1 else "are"
        sentence += f" {', '.join(format_day(day) for day in sorted(taken))} {verb} from the inspection history."
    for given, mine in sorted(same.items()):
        if mine != given and mine in within:
            sentence += (
                f" {format_day(given)} given and {format_day(mine)} in the inspection history are one judgement "
                f"(within {SAME_JUDGEMENT_DAYS} days): counted once, by its publication day."
            )
    if published is None:
        sentence += f" This report's receipt ({format_day(received)}) stands in for its publication day"
        ends = {day: add_months(day, 12 * definition.years) for day in within[:-1]}
        close = [day for day, end in ends.items() if (end - received).days <= CLOSE_DAYS]
        if close:
            inside = (ends[close[0]] - received).days
            sentence += (
                f", which comes later: {format_day(close[0])} is {inside} days inside the {definition.years} years "
                "of the receipt, and may fall outside them once this report is published"
            )
        sentence += "."
    return sentence


def persistent_judgements(
    rule_set: RuleSet,
    received: dt.date,
    previous: Sequence[dt.date],
    from_history: Sequence[dt.date] = (),
    published: dt.date | None = None,
) -> tuple[dt.date, ...]:
    """The judgements persistent failure counts, this one last, when it is met; else ()."""
    within, _ = _counted(rule_set, received, previous, from_history, published)
    definition = rule_set.persistent_failure
    return within if definition is not None and len(within) >= definition.judgements else ()


def _counted(
    rule_set: RuleSet,
    received: dt.date,
    previous: Sequence[dt.date],
    from_history: Sequence[dt.date],
    published: dt.date | None,
) -> tuple[tuple[dt.date, ...], dict[dt.date, dt.date]]:
    """The publication days within the definition's years of this report's (itself included),
    and each day given by hand with the day it stands for; refuses a day not before this report."""
    if not previous and not from_history:
        return (), {}
    definition = rule_set.persistent_failure
    if definition is None:
        raise InputError(f"{rule_set.id} has no definition of persistent failure: previous judgements do not apply")
    later = [day for day in sorted(previous) if day >= received]
    if later:
        raise InputError(
            f"previous inadequate judgement {format_day(later[0])} is not before this report "
            f"({format_day(received)}): give earlier judgements only"
        )
    same = {given: _same_judgement(given, from_history) or given for given in set(previous)}
    days = {*from_history, *same.values()}
    current = published or received
    since = add_months(current, -12 * definition.years)
    return tuple(sorted({day for day in days if since < day < current} | {current})), same


CLOSE_DAYS = 90  # a report is published within weeks of its receipt, rarely months: Devon's 2025 took 64 days


def _same_judgement(given: dt.date, from_history: Sequence[dt.date]) -> dt.date | None:
    """The history's publication day of the judgement a day given by hand names, if any."""
    near = [day for day in from_history if abs((day - given).days) <= SAME_JUDGEMENT_DAYS]
    return min(near, key=lambda day: abs((day - given).days)) if near else None


def not_persistent(
    rule_set: RuleSet, judgement: dt.date, from_history: Sequence[dt.date], record: AuthorityRecord
) -> str:
    """Why the inspection history does not make persistent failure of an authority it knows,
    and, where the definition's years reach back before the history starts, that it cannot say.
    ``judgement`` is this report's publication day, or its receipt where the history lacks it."""
    definition = rule_set.persistent_failure
    assert definition is not None
    rule = f"{definition.source}: {definition.judgements} inadequate judgements within {definition.years} years"
    mine = f"publication ({format_day(judgement)})" if record.judgement else f"receipt ({format_day(judgement)})"
    if not from_history:
        found = f"the inspection history has no earlier inadequate judgement of {record.name}"
    else:
        days = ", ".join(format_day(day) for day in from_history)
        found = (
            f"{record.name}'s earlier inadequate judgements in the inspection history (published {days}) "
            f"are too few or too long before this report's {mine}"
        )
    since = add_months(judgement, -12 * definition.years)
    if since < record.known_from:  # the years reach back before the history starts
        starts = format_day(record.known_from)
        return (
            f"Persistent failure ({rule}) not shown by the inspection history: {found}, but the "
            f"{definition.years} years began {format_day(since)} and the history starts {starts}."
        )
    return f"Not persistent failure ({rule}): {found}."


def authority_name(text: str) -> str:
    """The council's name as given, trimmed; refused when empty or not on one line."""
    name = text.strip()
    if not name:
        raise InputError("the authority name is empty: give the council's name, e.g. Barnet")
    if not name.isprintable():
        raise InputError(f"the authority name {name!r} has a line break or control character: give it on one line")
    return name


def _shape(rule: Rule, number: int | None, first: Step, second: Step) -> Shape:
    if number is None:
        milestone_id = rule.id
    elif rule.repeat is not None:
        milestone_id = numbered(rule.repeat.id, number)
    else:
        milestone_id = f"{rule.id}-{number}"
    # A series' occurrence counted from a given one (its ``after_given`` window) is a window too.
    window = rule.is_window or (first.amount, first.unit) != (second.amount, second.unit)
    basis = describe_basis(first, second if window else None)
    return Shape(milestone_id, numbered(rule.title, number), basis, window, (rule.note,) if rule.note else ())


def _milestone(
    resolver: Resolver,
    rule: Rule,
    number: int | None,
    actuals: Mapping[str, dt.date],
    as_of: dt.date,
    extra: tuple[str, ...] = (),
) -> Milestone:
    """One milestone of ``rule`` (occurrence ``number``), dated and judged.

    A window whose earliest day falls after its latest (re-inspection after a fourth visit that
    came after the two-year mark) cannot be kept both ways: it becomes its latest day alone,
    with a note naming the earliest. The latest is the limit the rule sets, so a deadline is
    never moved later by a late anchor, and no export shows an event ending before it starts.
    """
    first, second = resolver.step(rule, number, EARLIEST), resolver.step(rule, number, LATEST)
    shape = resolver.shapes.get((rule.id, number))
    if shape is None:
        shape = resolver.shapes[rule.id, number] = _shape(rule, number, first, second)
    milestone_id, title, basis, window, notes = shape
    earliest, latest, calendar = first.result, second.result, resolver.calendar
    actual = actuals.get(milestone_id)
    notes += extra
    if first.unrolled != earliest:
        notes += (_rolled(calendar, first.unrolled, earliest),)
    if second.unrolled != latest and second != first:
        notes += (_rolled(calendar, second.unrolled, latest),)
    if earliest > latest:
        notes += (
            f"Its earliest day, {format_day(earliest)}, falls after its latest, {format_day(latest)}: "
            "the window is its latest day alone.",
        )
        earliest = latest
    announced = calendar.announced_through
    # tuple.__new__, not Milestone(...): the named tuple's own __new__ is a Python call, and a batch
    # makes hundreds of thousands
    return tuple.__new__(
        Milestone,
        (
            milestone_id,
            rule,
            title,
            earliest,
            latest,
            actual,
            basis,
            judge_status(rule, earliest, latest, actual, as_of, calendar),
            (first, second) if window else (first,),
            notes,
            (actual or latest).year > announced or latest.year > announced,
        ),
    )


@functools.cache  # at most one a closed day of the calendar (about 4,700 in 41 years)
def _rolled(calendar: WorkingCalendar, unrolled: dt.date, result: dt.date) -> str:
    """Where a calendar-unit date that is not a working day was moved to: worded once per day
    (a batch's timelines roll off the same weekends and holidays)."""
    why = calendar.why_closed(unrolled)
    return f"{format_day(unrolled)} is not a working day ({why}): moved to {format_day(result)}."

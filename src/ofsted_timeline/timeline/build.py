"""Apply a rule set to the day the report arrived: the pure core (no clock, no I/O).

``build_timeline`` resolves every rule's earliest and latest date through its anchors
(``resolve``), judges each against "today", the ``as_of`` parameter, and words it
(``wording``); dates given are checked first (``given``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from ..calendar import OutsideCalendar, WorkingCalendar
from ..dates import add_months, format_day
from ..errors import InputError
from ..request import Request
from ..rules import Rule, RuleSet
from .given import check_dated, check_given
from .model import Milestone, Skipped, Timeline, Undated
from .practice import apply_history
from .resolve import NeedsActual, Resolver, numbered
from .wording import describe_basis, judge_status, projected_sentences, start_sentence

if TYPE_CHECKING:
    from ..history.context import AuthorityRecord, FromHistory


def build_timeline(
    start: dt.date,
    rule_set: RuleSet,
    calendar: WorkingCalendar,
    as_of: dt.date,
    actuals: Mapping[str, dt.date] | None = None,
    authority: str | None = None,
    conditions: Collection[str] = (),
    previous_inadequate: Sequence[dt.date] = (),
    framework_reason: str = "",
    history: FromHistory | None = None,
) -> Timeline:
    """Every milestone of ``rule_set`` counted from ``start``, the day its root names (for
    the inspection rule sets, the day the report was received).

    ``actuals`` maps milestone ids (``apv-window``, ``wsoa``, ``mv1``, ``mv2``, ...,
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
    authority = None if authority is None else authority_name(authority)
    if not calendar.first_year <= as_of.year <= calendar.last_year:  # every status counts days to it
        raise InputError(
            f"statuses as of {format_day(as_of)} cannot be counted: the bank-holiday calendar covers "
            f"{calendar.first_year}–{calendar.last_year}, so give an as-of day in those years"
        )
    actuals = dict(actuals or {})
    from_history: tuple[dt.date, ...] = ()
    history_notes: tuple[str, ...] = ()
    glance: tuple[str, ...] = ()
    beside: Mapping[str, tuple[str, ...]] = {}
    if history is not None:
        applied = apply_history(rule_set, start, actuals, history)
        rule_set, actuals, beside = applied.rule_set, applied.actuals, applied.milestone_notes
        from_history, history_notes, glance = applied.earlier_inadequate, applied.notes, applied.glance
    check_given(rule_set, start, actuals)
    for condition in conditions:
        if condition not in rule_set.conditions:
            raise InputError(f"no condition '{condition}' in {rule_set.id}")
    start_note = start_sentence(start, rule_set, calendar)
    persistent = persistent_failure(rule_set, start, previous_inadequate, from_history)
    record = history.authority if history is not None else None
    if record is not None and record.name is not None and not persistent and rule_set.persistent_failure is not None:
        history_notes += (not_persistent(rule_set, start, from_history, record),)
    resolver = Resolver(rule_set, calendar, start, actuals)
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
    milestones.sort(key=lambda m: (m.actual or m.earliest, m.latest, m.times))
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
        framework_reason=framework_reason,
        history=history,
        history_notes=history_notes,
        glance_notes=glance,
    )


def timeline_for(request: Request, calendar: WorkingCalendar) -> Timeline:
    """The timeline of one request, as every command and batch row asks for it."""
    return build_timeline(
        request.start,
        request.rule_set,
        calendar,
        request.as_of,
        request.actuals,
        request.authority,
        request.conditions,
        request.previous_inadequate,
        request.framework_reason,
        request.history,
    )


def persistent_failure(
    rule_set: RuleSet, judgement: dt.date, previous: Sequence[dt.date], from_history: Sequence[dt.date] = ()
) -> str:
    """The sentence saying the DfE's definition of persistent failure is met, or "".

    ``previous`` are the earlier judgements given; ``from_history`` those the inspection
    history has (publication days), which the sentence names as such."""
    taken = sorted(set(from_history) - set(previous))
    previous = sorted({*previous, *from_history})
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
    sentence = (
        f"Persistent failure ({definition.source}): {len(within)} inadequate judgements within "
        f"{definition.years} years ({days}); the DfE may appoint a Commissioner (PCF 121)."
    )
    counted = [day for day in taken if day in within]
    if counted:
        days = ", ".join(format_day(day) for day in counted)
        verb = "is" if len(counted) == 1 else "are"
        sentence += f" {days} {verb} from the inspection history (the report's publication day)."
    return sentence


def not_persistent(
    rule_set: RuleSet, judgement: dt.date, from_history: Sequence[dt.date], record: AuthorityRecord
) -> str:
    """Why the inspection history does not make persistent failure of an authority it knows,
    and, where the definition's years reach back before the history starts, that it cannot say."""
    definition = rule_set.persistent_failure
    assert definition is not None
    rule = f"{definition.source}: {definition.judgements} inadequate judgements within {definition.years} years"
    if not from_history:
        found = f"the inspection history has no earlier inadequate judgement of {record.name}"
    else:
        days = ", ".join(format_day(day) for day in from_history)
        found = (
            f"{record.name}'s earlier inadequate judgements in the inspection history (published {days}) "
            "are too few or too long before this report"
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
    first, second = resolver.step(rule, number, "earliest"), resolver.step(rule, number, "latest")
    earliest, latest = first.result, second.result
    if number is None:
        milestone_id = rule.id
    elif rule.repeat is not None:
        milestone_id = numbered(rule.repeat.id, number)
    else:
        milestone_id = f"{rule.id}-{number}"
    actual = actuals.get(milestone_id)
    notes = [rule.note, *extra] if rule.note else list(extra)
    for step in (first,) if first == second else (first, second):
        if step.unrolled != step.result:
            notes.append(
                f"{format_day(step.unrolled)} is not a working day "
                f"({resolver.calendar.why_closed(step.unrolled)}): moved to {format_day(step.result)}."
            )
    if earliest > latest:
        notes.append(
            f"Its earliest day, {format_day(earliest)}, falls after its latest, {format_day(latest)}: "
            "the window is its latest day alone."
        )
        earliest = latest
    calendar = resolver.calendar
    window = rule.is_window
    return Milestone(  # positional: a batch makes hundreds of thousands of these
        milestone_id,
        rule,
        numbered(rule.title, number),
        earliest,
        latest,
        actual,
        describe_basis(first, second if window else None),
        judge_status(rule, earliest, latest, actual, as_of, calendar),
        (first, second) if window else (first,),
        tuple(notes),
        (actual or latest).year > calendar.announced_through or latest.year > calendar.announced_through,
    )

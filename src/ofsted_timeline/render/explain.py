"""``oftl explain``: the trail behind one date, every day counted or skipped and why."""

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from ..calendar import CALENDAR_NAME, WorkingCalendar
from ..dates import format_day, format_span
from ..escape import visible
from ..rules import Unit
from ..timeline import Milestone, Side, Step, Timeline

DAY_WIDTH = len("Wed 30 Sep 2017")
COUNT_WIDTH = len("day 100  ")


class CalendarDay(NamedTuple):
    """One day of a counting trail: ``number`` is its working-day number, or None when skipped."""

    day: dt.date
    number: int | None
    reason: str


def trail(calendar: WorkingCalendar, start: dt.date, n: int) -> Iterator[CalendarDay]:
    """Every day from ``start`` (exclusive) to the n-th working day, counted or skipped.

    This one walks day by day on purpose: it is the explanation, not the arithmetic (which
    ``WorkingCalendar`` looks up). A day past the calendar's ends is its OutsideCalendar error.
    """
    step = dt.timedelta(days=1 if n >= 0 else -1)
    day, counted = start, 0
    while counted < abs(n):
        day += step
        if calendar.is_working_day(day):
            counted += 1
            yield CalendarDay(day, counted, "working day")
        else:
            yield CalendarDay(day, None, calendar.why_closed(day) or "")


def explain_text(timeline: Timeline, milestone: Milestone) -> str:
    lines = [
        f"{milestone.id}: {milestone.title}",
        f"  Date:   {format_span(milestone.earliest, milestone.latest, milestone.times)} ({milestone.kind})",
        f"  Basis:  {milestone.basis}",
        f"  Source: {milestone.rule.source}" + "".join(f" ({mark})" for mark in milestone.rule.marks),
        f"  Status: {milestone.status.text} (as of {format_day(timeline.as_of)})",
    ]
    lines += [f"  Note:   {note}" for note in milestone.notes]
    lines += [f"  {note}" for note in start_note(timeline, milestone)]
    steps = list(milestone.steps)
    marks: dict[dt.date, str] = {step.result: side for step, side in zip(steps, Side, strict=False)}
    if len(steps) == 2 and _same_count(*steps):
        steps = [steps[1]]
        marks = {milestone.earliest: Side.EARLIEST, milestone.latest: Side.LATEST}
    elif len(steps) == 1:
        marks = {milestone.latest: "the date"}
    for step in steps:
        lines.append("")
        lines += _explain_step(step, timeline.calendar, marks, timeline.rule_set.root.id)
    lines += ["", f"Calendar: {CALENDAR_NAME}, {timeline.calendar.source}."]
    return "\n".join(visible(line) for line in lines) + "\n"


def start_note(timeline: Timeline, milestone: Milestone) -> list[str]:
    """The note on a closed root day (a weekend receipt), for a milestone counted from it."""
    counted = any(step.anchor == timeline.rule_set.root.id for step in milestone.steps)
    return [timeline.start_note] if timeline.start_note and counted else []


def _row(day: dt.date, count: str, remark: str) -> str:
    return f"  {format_day(day):<{DAY_WIDTH}}  {count:<{COUNT_WIDTH}}{remark}".rstrip()


def _same_count(first: Step, second: Step) -> bool:
    """Both bounds count working days the same way from one anchor: one trail shows both."""
    return (
        first.anchor == second.anchor
        and first.unit is second.unit is Unit.WORKING_DAYS
        and 0 < first.amount <= second.amount
    )


def _explain_step(step: Step, calendar: WorkingCalendar, marks: dict[dt.date, str], root: str) -> list[str]:
    anchor = f"{step.anchor_label}, {format_day(step.anchor_date)}"
    if step.anchor != root:
        anchor += f" (see `oftl explain {step.anchor}`)"
    lines = [f"From {anchor}:"]
    if step.unit is not Unit.WORKING_DAYS:
        return [*lines, f"  {step_summary(step, calendar)}"]
    if step.amount == 0 and step.result == step.anchor_date:
        return [*lines, _row(step.result, "day 0", f"<- {marks.get(step.result, '')}")]
    lines.append(_row(step.anchor_date, "day 0", step.anchor_label))
    for entry in trail(calendar, step.anchor_date, step.amount or 1):
        if entry.number is None:
            lines.append(_row(entry.day, "-", f"skipped: {entry.reason}"))
            continue
        number = entry.number if step.amount >= 0 else -entry.number
        lines.append(_row(entry.day, f"day {number}", f"<- {marks[entry.day]}" if entry.day in marks else ""))
    return [*lines, f"  {step_summary(step, calendar)}"]


def step_summary(step: Step, calendar: WorkingCalendar) -> str:
    """One sentence on how a bound was counted and what was skipped, for explain and for ICS descriptions."""
    if step.unit is not Unit.WORKING_DAYS:
        sign = "+" if step.amount >= 0 else "-"
        text = (
            f"{format_day(step.anchor_date)} {sign} {abs(step.amount)} {step.unit} "
            f"(calendar arithmetic) = {format_day(step.unrolled)}"
        )
        if step.unrolled != step.result:
            text += f"; not a working day ({calendar.why_closed(step.unrolled)}): moved to {format_day(step.result)}"
        return text + "."
    if step.amount == 0 and step.result == step.anchor_date:
        return f"On {format_day(step.result)}, a working day: nothing to count."
    weekend = 0
    holidays = []
    for entry in trail(calendar, step.anchor_date, step.amount or 1):
        if entry.number is None and entry.day.weekday() >= 5:
            weekend += 1
        elif entry.number is None:
            holidays.append(f"{format_day(entry.day)} {entry.reason}")
    if step.amount == 0:
        text = f"Moved to the next working day, {format_day(step.result)}"
    else:
        direction = "after" if step.amount > 0 else "before"
        days = f"{abs(step.amount)} working day{'s' if abs(step.amount) != 1 else ''}"
        text = f"Counted {days} {direction} {format_day(step.anchor_date)}"
    text += f"; skipped {weekend} weekend days and {len(holidays)} bank holiday{'s' if len(holidays) != 1 else ''}"
    return text + (f" ({'; '.join(holidays)})." if holidays else ".")

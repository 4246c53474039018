"""An iCalendar file (RFC 5545) of all-day events, its lines written by ``ics_lines`` (the
``icalendar`` library reads them back in the tests).

Repeatable by design: the event UIDs are built from the authority, the framework, the day
the timeline counts from (the report's receipt) and the milestone id, so importing an updated timeline updates its
events instead of adding copies; DTSTAMP is the as-of day, never the clock.

A calendar stays true after it is imported, so it holds nothing that goes stale:

- Descriptions give what the rule says (kind, basis, counting, source) and the day the file
  was exported, never a status such as "due in 31 working days".
- ``SEQUENCE`` is the number of days from 1 Jan 2000 to the as-of day: a timeline exported
  again on a later day has a higher one, so clients take its events as updates (RFC 5545
  3.8.7.4), and the same inputs still give the same bytes.
- No ``METHOD``: the file is a calendar to import or subscribe to, not a scheduling message
  (RFC 5546). ``METHOD:PUBLISH`` would require an ``ORGANIZER`` in every event, and there is
  no one to name.
- A window longer than four weeks (the re-inspection's, 14 months) is two one-day events,
  when it opens and when it closes, instead of a block that fills every day of the calendar.
"""

import datetime as dt
import re
import unicodedata
from typing import Literal

from ..calendar import CALENDAR_NAME
from ..dates import format_day, format_span
from ..rules import Kind
from ..rules.checks import CLOSES_SUFFIX, GIVEN_SUFFIX, OPENS_SUFFIX  # no rule id ends so: UIDs stay unique
from ..timeline import Code, Milestone, Timeline, after_announced
from .explain import start_note, step_summary
from .ics_lines import component, content_line, datetime_value, duration_value, text, when_line

PRODID = "-//ofsted-timeline//oftl//EN"
UID_DOMAIN = "ofsted-timeline"
REMINDER_TIME = "09:00"
LONG_WINDOW = dt.timedelta(weeks=4)  # from the first day to the last: longer is split in two
SEQUENCE_EPOCH = dt.date(2000, 1, 1)  # SEQUENCE counts days from here to the as-of day

Part = Literal["rule", "opens", "closes", "given"]
SUFFIX: dict[Part, str] = {"rule": "", "opens": OPENS_SUFFIX, "closes": CLOSES_SUFFIX, "given": GIVEN_SUFFIX}
DEADLINE_KEPT = (Code.MET, Code.SCHEDULED)  # a statutory deadline with one of these needs no alarm


def authority_slug(name: str | None) -> str:
    """``London Borough of Barnet`` -> ``london-borough-of-barnet``; a name with no Latin letters gets a hash."""
    if name is None:
        return "unnamed"
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if slug:
        return slug
    import hashlib  # only here: its import (OpenSSL, ~3 ms) is most of what a calendar's start-up adds

    return hashlib.sha256(name.encode()).hexdigest()[:12]


def event_uid(timeline: Timeline, milestone_id: str) -> str:
    slug = authority_slug(timeline.authority)
    return f"{slug}.{timeline.rule_set.id}.{timeline.start:%Y%m%d}.{milestone_id}@{UID_DOMAIN}"


def timeline_ics(timeline: Timeline, remind: int | None = None) -> str:
    """One all-day event per dated milestone; ``remind`` adds an alarm that many working days
    before each statutory deadline not yet met, at 9:00 in the reader's time zone."""
    name = timeline.rule_set.heading
    title = f"{timeline.authority}: {name}" if timeline.authority else name
    return calendar_ics(title, _calendar_description(timeline), events_ics(timeline, remind))


def events_ics(timeline: Timeline, remind: int | None = None) -> str:
    """The VEVENTs of one timeline, so that ``oftl batch`` can put many timelines in one calendar
    (their UIDs differ by authority and receipt day)."""
    stamp = dt.datetime.combine(timeline.as_of, dt.time(), tzinfo=dt.UTC)
    sequence = export_sequence(timeline.as_of)
    return "".join(
        _event(timeline, milestone, part, stamp, sequence, remind)
        for milestone in timeline.milestones
        for part in event_parts(milestone)
    )


def export_sequence(as_of: dt.date) -> int:
    """Days from 1 Jan 2000 to the as-of day: grows with every later export, the same for the same day."""
    return max((as_of - SEQUENCE_EPOCH).days, 0)


def is_long_window(milestone: Milestone) -> bool:
    """Longer than four weeks from its first day to its last (Thu 16 Aug – Thu 13 Sep is four weeks)."""
    return milestone.latest - milestone.earliest > LONG_WINDOW


def event_parts(milestone: Milestone) -> tuple[Part, ...]:
    """The rule's date or window as one event, or a long window as two (opens, closes); then
    the date given, an event of its own beside the rule's, so the deadline never disappears."""
    parts: tuple[Part, ...] = ("opens", "closes") if is_long_window(milestone) else ("rule",)
    return parts + (("given",) if milestone.actual is not None else ())


def calendar_ics(title: str, description: str, events: str) -> str:
    """A VCALENDAR around events already written by ``events_ics``. No METHOD: see the module doc."""
    head, tail = calendar_frame(title, description)
    return f"{head}{events}{tail}"


def calendar_frame(title: str, description: str) -> tuple[str, str]:
    """A VCALENDAR's text before its events and after them, so that ``oftl batch`` can stream
    the events of many timelines between the two."""
    head = component(
        "VCALENDAR",
        [
            content_line("VERSION", "2.0"),
            content_line("PRODID", text(PRODID)),
            content_line("CALSCALE", "GREGORIAN"),
            content_line("X-WR-CALDESC", text(description)),
            content_line("X-WR-CALNAME", text(title)),
        ],
    )
    end = "END:VCALENDAR\r\n"
    return head.removesuffix(end), end


def _event(
    timeline: Timeline, milestone: Milestone, part: Part, stamp: dt.datetime, sequence: int, remind: int | None
) -> str:
    """One event of a milestone: its rule's date or window (``rule``), the day a long window
    ``opens`` or ``closes``, or the date ``given`` for it. Its properties in the order
    ``icalendar`` wrote them, which earlier calendars have."""
    start, when = _when(milestone, part)
    lines = [
        content_line("SUMMARY", text(_summary(timeline, milestone, part))),
        *when,
        content_line("DTSTAMP", datetime_value(stamp)),
        content_line("UID", text(event_uid(timeline, milestone.id + SUFFIX[part]))),
        content_line("SEQUENCE", str(sequence)),
        content_line("CATEGORIES", ",".join(map(text, (milestone.kind, milestone.rule.by.heading)))),
        content_line("DESCRIPTION", text(_description(timeline, milestone))),
        content_line("TRANSP", "TRANSPARENT"),
    ]
    holds_deadline = part in ("rule", "closes")
    if remind and holds_deadline and milestone.kind is Kind.STATUTORY and milestone.status.code not in DEADLINE_KEPT:
        lines.append(_alarm(timeline, milestone, remind, start))
    return component("VEVENT", lines)


def _when(milestone: Milestone, part: Part) -> tuple[dt.datetime, list[str]]:
    """All-day dates (DTEND the day after the last day), or local times of day when the rule
    gives them ("by 4pm"): a single time has no DTEND, which RFC 5545 reads as an instant.
    Returns the moment the event starts, for reminders, and the DTSTART (and DTEND) lines."""
    first, last, times = milestone.earliest, milestone.latest, milestone.times
    if part == "given":
        assert milestone.actual is not None
        first = last = milestone.actual
        times = ("", "")
    elif part == "opens":
        last, times = first, (times[0], times[0])
    elif part == "closes":
        first, times = last, (times[1], times[1])
    if not any(times):
        return _at(first, "00:00"), [when_line("DTSTART", first), when_line("DTEND", last + dt.timedelta(days=1))]
    first_time, last_time = times
    start = _at(first, first_time or "00:00")
    if (first, first_time) == (last, last_time):
        return start, [when_line("DTSTART", start)]
    return start, [when_line("DTSTART", start), when_line("DTEND", _at(last, last_time or "23:59"))]


def _at(day: dt.date, time: str) -> dt.datetime:
    """A floating local time: the reader's own clock, which for English councils is UK time."""
    return dt.datetime.combine(day, dt.time.fromisoformat(time))


def _summary(timeline: Timeline, milestone: Milestone, part: Part) -> str:
    """The rule's event: ``STATUTORY DEADLINE: ...``; a long window's: ``... (window opens)``; the
    given date's: ``LATE: ... (statutory, date given)``. Nothing that changes with the day it is read."""
    prefix = f"{timeline.authority}: " if timeline.authority else ""
    marks = []
    if part == "given":
        if milestone.status.alert:  # late or early: the date given against the rule, true on any day
            prefix += f"{milestone.status.code.upper()}: "
        if milestone.kind is Kind.STATUTORY:
            marks.append("statutory")
    elif milestone.kind is Kind.STATUTORY:
        prefix += "STATUTORY DEADLINE: "
    marks += milestone.rule.marks
    if part == "given":
        marks.append("date given")
    elif part in ("opens", "closes"):
        marks.append(f"window {part}")
    elif milestone.earliest != milestone.latest:
        marks.append("window")
    return prefix + milestone.title + (f" ({', '.join(marks)})" if marks else "")


def _description(timeline: Timeline, milestone: Milestone) -> str:
    span = format_span(milestone.earliest, milestone.latest, milestone.times)
    when = f"{'Window' if milestone.earliest != milestone.latest else 'Date'}: {span}"
    if milestone.actual is not None:
        when = f"Date given: {format_day(milestone.actual)} (by the rule: {span})"
    lines = [
        milestone.title,
        when,
        f"Kind: {milestone.kind}",
        f"Basis: {milestone.basis}",
        *_counting(timeline, milestone),
        *start_note(timeline, milestone),
        f"Source: {milestone.rule.source}",
        *_mark_lines(timeline, milestone),
        *(f"Note: {note}" for note in milestone.notes),
    ]
    if milestone.projected:
        lines.append(f"Projected: {after_announced(timeline.calendar.announced_through)}.")
    lines += [_exported(timeline), _provenance(timeline)]
    return "\n".join(lines)


def _mark_lines(timeline: Timeline, milestone: Milestone) -> list[str]:
    lines = []
    if milestone.rule.unverified:
        lines.append(f"UNVERIFIED: no public source proves this rule for {timeline.rule_set.id}.")
    if milestone.rule.local:
        lines.append(f"Local rule, from {milestone.rule.local}.")
    return lines


def _counting(timeline: Timeline, milestone: Milestone) -> list[str]:
    summaries = [step_summary(step, timeline.calendar) for step in milestone.steps]
    if len(summaries) == 1:
        return summaries
    return [f"{side}: {summary}" for side, summary in zip(("Earliest", "Latest"), summaries, strict=True)]


def _provenance(timeline: Timeline) -> str:
    return (
        f"{timeline.rule_set.root.title} {format_day(timeline.start)}; rules {timeline.rule_set.id}; "
        f"working days exclude weekends and {CALENDAR_NAME} ({timeline.calendar.source}). Computed by oftl."
    )


def _calendar_description(timeline: Timeline) -> str:
    lines = [f"{timeline.rule_set.title}."]
    lines += [f"Not dated yet: {undated.title} ({undated.id})." for undated in timeline.undated]
    lines += [f"Not applicable: {item.title} ({item.id}), {item.reason}." for item in timeline.not_applicable]
    lines += list(timeline.notes)
    lines += [_exported(timeline), _provenance(timeline)]
    return "\n".join(lines)


def _exported(timeline: Timeline) -> str:
    """The day the file was made (the as-of day), in place of statuses that would go stale."""
    return f"Exported on {format_day(timeline.as_of)}."


def _alarm(timeline: Timeline, milestone: Milestone, remind: int, start: dt.datetime) -> str:
    """At 9:00, ``remind`` working days before the deadline, relative to the event's start."""
    reminder_day = timeline.calendar.add_working_days(milestone.latest, -remind)
    description = (
        f"{milestone.title}: statutory deadline {format_day(milestone.latest)}, "
        f"in {remind} working day{'s' if remind != 1 else ''}"
    )
    return component(
        "VALARM",
        [
            content_line("ACTION", "DISPLAY"),
            content_line("DESCRIPTION", text(description)),
            content_line("TRIGGER", duration_value(_at(reminder_day, REMINDER_TIME) - start)),
        ],
    )

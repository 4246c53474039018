"""The JSON documents: a public interface (schema in the README), so field names are stable."""

import datetime as dt
import json
from typing import Any

from ..calendar import CALENDAR_NAME, WorkingCalendar
from ..rules import RuleSet
from ..timeline import Milestone, Timeline

MILESTONE_FIELDS = (
    "id",
    "rule",
    "title",
    "kind",
    "by",
    "earliest",
    "latest",
    "earliest_time",
    "latest_time",
    "actual",
    "basis",
    "source",
    "status",
    "status_text",
    "projected",
    "unverified",
    "local",
    "practice",
    "notes",
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def working_days_sentence(calendar: WorkingCalendar) -> str:
    """The sentence that names the calendar under a chart, a page or a summary."""
    return f"Working days exclude weekends and {CALENDAR_NAME} ({calendar.source})."


def calendar_summary(calendar: WorkingCalendar) -> dict[str, Any]:
    return {
        "name": CALENDAR_NAME,
        "source": calendar.source,
        "first_year": calendar.first_year,
        "last_year": calendar.last_year,
        "announced_through": calendar.announced_through,
    }


def milestone_record(milestone: Milestone) -> dict[str, Any]:
    """One milestone's fields, in the order of ``MILESTONE_FIELDS`` (the CSV columns too).
    A batch makes hundreds of thousands: the rule is looked up once, the times read once."""
    rule, status = milestone.rule, milestone.status
    earliest_time, latest_time = milestone.times
    return {
        "id": milestone.id,
        "rule": rule.id,
        "title": milestone.title,
        "kind": rule.kind,
        "by": rule.by,
        "earliest": milestone.earliest.isoformat(),
        "latest": milestone.latest.isoformat(),
        "earliest_time": earliest_time or None,
        "latest_time": latest_time or None,
        "actual": _iso(milestone.actual),
        "basis": milestone.basis,
        "source": rule.source,
        "status": status.code,
        "status_text": status.text,
        "projected": milestone.projected,
        "unverified": rule.unverified,
        "local": rule.local or None,
        "practice": rule.practice or None,
        "notes": list(milestone.notes),
    }


def timeline_json(timeline: Timeline) -> str:
    document = {
        "authority": timeline.authority,
        timeline.rule_set.root.field: _iso(timeline.start),
        "framework": timeline.rule_set.id,
        "framework_title": timeline.rule_set.title,
        "framework_reason": timeline.framework_reason or None,
        "calendar": calendar_summary(timeline.calendar),
        "as_of": _iso(timeline.as_of),
        "milestones": [milestone_record(m) for m in timeline.milestones],
        "undated": [{"id": u.id, "title": u.title, "needs": u.needs} for u in timeline.undated],
        "not_applicable": [item._asdict() for item in timeline.not_applicable],
        "persistent_failure": timeline.persistent_failure or None,
        "notes": list(timeline.notes),
    }
    if timeline.history is not None:
        from .as_history import from_history_record

        document |= from_history_record(timeline.history)
    return json.dumps(document, indent=2, ensure_ascii=False)


def rules_json(rule_set: RuleSet) -> str:
    rules = []
    for rule in rule_set.rules:
        bounds = {"date": rule.latest} if not rule.is_window else {"earliest": rule.earliest, "latest": rule.latest}
        rules.append(
            {
                "id": rule.id,
                "title": rule.title,
                "kind": rule.kind,
                "by": rule.by,
                **{
                    side: {"anchor": o.anchor, "offset": o.offset, "unit": o.unit, "point": o.point, "roll": o.roll}
                    for side, o in bounds.items()
                },
                "repeat": None if rule.repeat is None else rule.repeat._asdict(),
                "source": rule.source,
                "unverified": rule.unverified,
                "local": rule.local or None,
                "note": rule.note,
            }
        )
    return json.dumps(
        {"framework": rule_set.id, "title": rule_set.title, "sources": rule_set.sources, "rules": rules},
        indent=2,
        ensure_ascii=False,
    )


def holidays_json(calendar: WorkingCalendar, year: int, entries: list[tuple[dt.date, str]]) -> str:
    return json.dumps(
        {
            "year": year,
            "calendar": calendar_summary(calendar),
            "projected": year > calendar.announced_through,
            "holidays": [{"date": d.isoformat(), "title": name} for d, name in entries],
        },
        indent=2,
        ensure_ascii=False,
    )


def frameworks_json(rule_sets: list[RuleSet]) -> str:
    frameworks = []
    for rule_set in rule_sets:
        period = rule_set.period
        frameworks.append(
            {
                "id": rule_set.id,
                "title": rule_set.title,
                "start": _iso(period.start) if period else None,
                "end": _iso(period.end) if period else None,
                "period_source": period.source if period else None,
                "trigger": rule_set.trigger,
                "trigger_source": rule_set.trigger_source or None,
                "rules": len(rule_set.rules),
                "unverified_rules": sum(rule.unverified for rule in rule_set.rules),
                "sources": rule_set.sources,
            }
        )
    return json.dumps({"frameworks": frameworks}, indent=2, ensure_ascii=False)

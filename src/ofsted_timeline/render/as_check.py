"""``oftl check`` output: one line per finding for CI logs, or a JSON document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..calendar import CALENDAR_NAME
from ..check import CheckResult, Finding, Level
from ..dates import format_day
from ..escape import visible
from ..timeline import Timeline

if TYPE_CHECKING:
    from .chart.as_svg import Flag

LABEL = {Level.WARNING: "WARN", Level.NOTE: "NOTE", Level.OK: "ok"}  # every other level fails


def _label(result: CheckResult, finding: Finding) -> str:
    return "FAIL" if finding in result.failures else LABEL[finding.level]


def _summary(result: CheckResult) -> str:
    # A given date may have two findings (its rule, and a projected-holidays warning): count it once.
    checked = len({f.milestone for f in result.findings if f.detail is not None and f.detail.actual})
    failures, warnings = len(result.failures), len(result.warnings)
    # Ofsted's and the DfE's dates off their usual pattern: counted, never failing without --strict.
    notes = sum(1 for f in result.findings if f.level is Level.NOTE and f.detail is not None)
    verdict = "FAILED" if failures else "passed"
    return (
        f"check {verdict}: {failures} failure{'s' if failures != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}, "
        + (f"{notes} note{'s' if notes != 1 else ''}, " if notes else "")
        + f"{checked} date{'s' if checked != 1 else ''} checked"
        + (" (--strict: warnings fail)" if result.strict and warnings else "")
    )


def check_text(result: CheckResult, timeline: Timeline, plan: str) -> str:
    who = f"{timeline.authority} · " if timeline.authority else ""
    lines = [
        f"{who}{plan} · report received {format_day(timeline.start)} · "
        f"{timeline.rule_set.id} · as of {format_day(timeline.as_of)}"
    ]
    lines += [f"{_label(result, f):4}  {f.message}" for f in result.findings]
    lines += [f"note  {note}" for note in timeline.notes if note != timeline.persistent_failure]
    lines.append(f"note  Calendar: {CALENDAR_NAME}, {timeline.calendar.source}.")
    lines.append(_summary(result))
    return "\n".join(visible(line) for line in lines) + "\n"  # the plan's file name is echoed


def check_log(result: CheckResult) -> str:
    """Each FAIL and the one-line summary: what a CI log shows when the report goes to a file."""
    lines = [f"FAIL  {f.message}" for f in result.failures]
    lines.append(_summary(result))
    return "\n".join(visible(line) for line in lines)


def check_flags(result: CheckResult) -> list[Flag]:
    """The findings that fail or warn, for the chart and page of ``oftl check``."""
    from .chart.as_svg import Flag

    return [
        Flag(_label(result, f), f.milestone, f.message, f in result.failures)
        for f in result.findings
        if f.detail is not None and f.level not in (Level.OK, Level.NOTE)
    ]


def check_chart(result: CheckResult, timeline: Timeline, page: bool) -> str:
    """The plan's timeline as an SVG chart (``page`` False) or an HTML page, with the findings."""
    from .chart.as_html import timeline_html
    from .chart.as_svg import timeline_svg

    flags = check_flags(result)
    return timeline_html(timeline, flags) if page else timeline_svg(timeline, findings=flags)


def check_json(result: CheckResult, timeline: Timeline, plan: str) -> str:
    """The findings as JSON; json is imported here, not with the module: a check prints text
    unless asked, and json costs 1.5 ms of start-up."""
    import json

    from .as_json import calendar_summary

    findings = []
    for finding in result.findings:
        milestone = finding.detail
        findings.append(
            {
                "level": finding.level,
                "fails": finding in result.failures,
                "milestone": finding.milestone,
                "kind": milestone.kind if milestone else None,
                "date": milestone.actual.isoformat() if milestone and milestone.actual else None,
                "earliest": milestone.earliest.isoformat() if milestone else None,
                "latest": milestone.latest.isoformat() if milestone else None,
                "source": milestone.rule.source if milestone else None,
                "message": finding.message,
            }
        )
    document = {
        "plan": plan,
        "authority": timeline.authority,
        "framework": timeline.rule_set.id,
        "received": timeline.start.isoformat(),
        "as_of": timeline.as_of.isoformat(),
        "strict": result.strict,
        "calendar": calendar_summary(timeline.calendar),
        "findings": findings,
        "notes": list(timeline.notes),
        "summary": _summary(result),
        "exit_code": result.exit_code,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

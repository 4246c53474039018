"""Judge a timeline's given dates against their rules, for ``oftl check`` in CI (pure).

A date inside its rule passes. A single-date rule is a deadline ("within 70 working
days"): on or before it passes. A window ("between 25 and 35 working days") passes from
its first to its last day. Outside its rule a date is a violation when the rule is
statutory and a warning otherwise, when it is the authority's; Ofsted's and the DfE's dates
off their usual pattern are notes (warnings under ``strict``): they set them, and a plan
fails only for the authority's duties. A statutory milestone with no date is overdue once its
deadline has passed, and due soon when it falls within ``due_within`` working days. A date
that counts over years with no announced bank holidays yet is a warning too.
"""

from enum import StrEnum
from typing import NamedTuple

from .dates import format_day
from .rules import Kind
from .timeline import Code, Milestone, Timeline, after_announced, limit_text


class Level(StrEnum):
    """How much a finding weighs, most first: the findings are listed in this order."""

    VIOLATION = "violation"
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    WARNING = "warning"
    NOTE = "note"
    OK = "ok"


LEVELS = tuple(Level)
FAILING = (Level.VIOLATION, Level.OVERDUE, Level.DUE_SOON)
OUTSIDE_RULE = (Code.LATE, Code.EARLY)  # statuses of the authority's given date outside its rule
OFF_PATTERN = (Code.LATER, Code.EARLIER)  # Ofsted's or the DfE's given date outside its usual window


class Finding(NamedTuple):
    """One line of the check: ``message`` names the date, the rule, the limit and the source."""

    level: Level
    milestone: str
    message: str
    detail: Milestone | None = None  # the milestone judged; None for a note


class CheckResult(NamedTuple):
    findings: tuple[Finding, ...]
    strict: bool

    @property
    def failures(self) -> list[Finding]:
        failing = (*FAILING, Level.WARNING) if self.strict else FAILING
        return [finding for finding in self.findings if finding.level in failing]

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.level is Level.WARNING]

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


def check_timeline(timeline: Timeline, due_within: int | None = None, strict: bool = False) -> CheckResult:
    findings = [_judge(timeline, milestone, due_within, strict) for milestone in timeline.milestones]
    found = [finding for finding in findings if finding is not None]
    last = timeline.calendar.announced_through
    for milestone in timeline.milestones:
        if milestone.projected and (milestone.actual or milestone.kind is Kind.STATUTORY):
            day = milestone.actual or milestone.latest
            found.append(
                _found(
                    Level.WARNING,
                    milestone,
                    f"{format_day(day)} falls {after_announced(last)}: a holiday proclaimed later could move it",
                )
            )
    if timeline.persistent_failure:
        found.append(Finding(Level.NOTE, "persistent-failure", timeline.persistent_failure))
    found.sort(key=lambda finding: LEVELS.index(finding.level))
    return CheckResult(tuple(found), strict)


def _judge(timeline: Timeline, milestone: Milestone, due_within: int | None, strict: bool) -> Finding | None:
    """A given date is judged by its milestone's status, in the same words; a statutory
    deadline with no date given is overdue, due soon, or not yet a finding."""
    source = f"({milestone.rule.source})"
    statutory = milestone.kind is Kind.STATUTORY
    if milestone.actual is not None:
        code = milestone.status.code
        if code in OUTSIDE_RULE:
            level = Level.VIOLATION if statutory else Level.WARNING
        else:
            level = (Level.WARNING if strict else Level.NOTE) if code in OFF_PATTERN else Level.OK
        rule = f"(rule: {limit_text(milestone)}; {milestone.rule.source})"
        return _found(level, milestone, f"{milestone.status.text} {rule}")
    if not statutory:
        return None
    working_days = timeline.calendar.count_working_days
    deadline = f"the statutory deadline {format_day(milestone.latest)}"
    if milestone.status.code is Code.OVERDUE:
        late = _days(working_days(milestone.latest, timeline.as_of))
        return _found(Level.OVERDUE, milestone, f"no date given, and {deadline} passed {late} ago {source}")
    left = working_days(timeline.as_of, milestone.latest)
    if due_within is not None and left <= due_within:
        when = "is today" if left == 0 else f"is in {_days(left)}"
        return _found(Level.DUE_SOON, milestone, f"no date given, and {deadline} {when} {source}")
    return None


def _found(level: Level, milestone: Milestone, text: str) -> Finding:
    marks = "".join(f" [{mark} rule]" for mark in milestone.rule.marks)
    return Finding(level, milestone.id, f"{milestone.id}: {text}{marks}", milestone)


def _days(count: int) -> str:
    return f"{count} working day{'s' if count != 1 else ''}"

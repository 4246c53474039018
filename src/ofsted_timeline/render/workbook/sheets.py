"""XLSX workbooks for officers: real spreadsheets, where the CSV is for scripts.

Written with XlsxWriter, imported inside each function so that other formats do not load it.
Every function returns the workbook's bytes; the shell writes them.

- Dates are typed dates shown the UK way (``ddd d mmm yyyy``: Mon 16 Oct 2017), so they sort,
  filter and take arithmetic; statutory rows are bold; a late, early or overdue row (the
  milestone's ``status.alert``) or a failing check finding has a red fill.
- The header row is frozen and carries filters; columns are sized to their text up to a
  width per column, and longer text wraps; a printout is A4 landscape, one page wide, the
  header repeated on every page.
- A second sheet, "Sources", holds the rule set's sources, the counting rule and the
  calendar's provenance.
- Text cells are written as text, never as formulas, and neutralised as the CSV's are
  (``as_csv.as_text``: a leading ``'`` before ``=``, ``+``, ``-``, ``@``, tab or CR), so an
  authority named ``=HYPERLINK(...)`` stays text even when the sheet is saved as CSV.
- The same inputs give the same bytes: document properties are fixed and the created and
  modified times are the timeline's as-of day (midnight UTC), never the clock; XlsxWriter
  dates every part of the zip 1 Jan 1980.
- Papers carry no command-line words: frameworks by their titles, no option names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ...calendar import CALENDAR_NAME
from ...dates import format_day, format_time
from ...errors import InputError
from ...escape import as_text, visible
from ...rules import PLACEHOLDER, RECEIPT, Kind, Offset, Roll, Rule, RuleSet, any_number, period_text
from ...timeline import Milestone, Timeline
from ...timeline.practice import REINSPECTION, practice_sentence
from ...timeline.wording import offset_words
from ..paper import due_lines, findings, paper_notes, rules_sentence
from .book import SHEET_ROWS, Book, Row

if TYPE_CHECKING:
    from ...batch import RowError
    from ...check import CheckResult, Finding

AUTHOR = "ofsted-timeline"
FIXED_CREATED = dt.date(2000, 1, 1)  # rules have no as-of day: a fixed one keeps the bytes repeatable
PROJECTED_NOTE = (
    "Counts over years whose bank holidays are not announced yet: a holiday proclaimed later could move it."
)
NOTE_SEPARATOR = " | "

MILESTONE_COLUMNS = (
    "Milestone",
    "Kind",
    "By",
    "Earliest",
    "Latest",
    "Time",
    "Date given",
    "Status",
    "Basis",
    "Source",
    "In practice",
    "Notes",
)
BATCH_CONTEXT = ("Authority", "Report received", "Framework")
FINDING_COLUMNS = ("Result", "Level", "Milestone", "Kind", "Date given", "Earliest", "Latest", "Finding", "Source")
RULE_COLUMNS = ("Milestone", "Kind", "Date or window", "Repeats", "Source", "Note")
ERROR_COLUMNS = ("Row", "Column", "Problem")
SOURCE_COLUMNS = ("Source", "Reference")


def timeline_xlsx(timeline: Timeline) -> bytes:
    """One timeline: a "Timeline" sheet that starts with what is due next and the findings that
    matter, then one row per milestone (then those not dated yet and those that do not apply);
    and the "Sources" sheet."""
    book = Book(_properties(timeline.authority, timeline.rule_set, timeline.as_of))
    book.sheet("Timeline", _milestone_header(timeline.as_of), _timeline_rows(timeline), _preamble(timeline))
    book.sheet("Sources", SOURCE_COLUMNS, _source_rows([timeline.rule_set], [timeline]))
    return book.close()


def check_xlsx(result: CheckResult, timeline: Timeline, plan: str) -> bytes:
    """``oftl check``: a "Check" sheet with one row per finding (failing ones red), the plan's
    "Timeline", and the "Sources" with the plan's file name and the verdict."""
    book = Book(_properties(timeline.authority, timeline.rule_set, timeline.as_of, "check of a plan's dates"))
    book.sheet("Check", FINDING_COLUMNS, (_finding_row(finding, result) for finding in result.findings))
    book.sheet("Timeline", _milestone_header(timeline.as_of), _timeline_rows(timeline), _preamble(timeline))
    failures, warnings = len(result.failures), len(result.warnings)
    verdict = (
        f"{'failed' if failures else 'passed'}: {failures} failure{'s' if failures != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}" + (" (warnings fail)" if result.strict and warnings else "")
    )
    extra = [Row(("Plan", plan)), Row(("Check", verdict), alert=bool(failures))]
    book.sheet("Sources", SOURCE_COLUMNS, _source_rows([timeline.rule_set], [timeline], extra))
    return book.close()


def batch_xlsx(
    timelines: Iterable[tuple[Timeline, Sequence[str]]],
    errors: Sequence[RowError] = (),
    carried: Sequence[str] = (),
    as_of: dt.date | None = None,
) -> tuple[bytes, int]:
    """Many authorities: "Milestones", one row per authority and milestone (then the batch file's
    ``carried`` columns, untouched), on more sheets when Excel's row limit needs them; "Rows not
    computed" when ``errors`` has any (read once ``timelines`` is spent); the "Sources" of every
    framework used. Rows are written as the timelines come. Returns the bytes and the number
    of milestone sheets."""
    seen: dict[str, Timeline] = {}  # a timeline of each rule set and calendar, for the Sources
    days: set[dt.date] = set()
    count = 0

    def rows() -> Iterator[Row]:
        nonlocal count
        for timeline, cells in timelines:
            seen.setdefault(f"{timeline.rule_set.id} {timeline.calendar.source}", timeline)
            days.add(timeline.as_of)
            count += 1
            yield from _batch_rows(timeline, cells)

    book = Book({"title": "Ofsted inspection timelines", "author": AUTHOR}, large=True)
    columns = (*BATCH_CONTEXT, *_milestone_header(as_of), *carried)
    sheets = book.sheets("Milestones", columns, rows(), ("Report received", "Earliest", "Latest", "Date given"))
    latest = max(days, default=FIXED_CREATED)
    rule_sets = list({t.rule_set.id: t.rule_set for t in seen.values()}.values())
    book.workbook.set_properties(
        {
            "title": "Ofsted inspection timelines",
            "subject": ", ".join(rule_set.title for rule_set in rule_sets),
            "author": AUTHOR,
            "comments": _comment(latest),
            "created": _midnight(latest),
        }
    )
    if errors:
        # The message echoes the cell read: its control characters are shown escaped, as on the terminal.
        ordered = sorted(errors, key=lambda error: (error.row, error.field or "", error.message))
        rows_not = (Row((error.row, error.field or "", visible(error.message)), alert=True) for error in ordered)
        book.sheet("Rows not computed", ERROR_COLUMNS, rows_not)
    extra = [Row(("Milestones", f"on {sheets} sheets: Excel holds {SHEET_ROWS:,} rows a sheet"))] if sheets > 1 else []
    book.sheet("Sources", SOURCE_COLUMNS, _source_rows(rule_sets, list(seen.values()), extra, count))
    return book.close(), sheets


def rules_xlsx(rule_set: RuleSet) -> bytes:
    """A rule set: one row per rule (statutory ones bold), and its "Sources"."""
    book = Book(_properties(None, rule_set, FIXED_CREATED, "the rules"))
    book.sheet("Rules", RULE_COLUMNS, (_rule_row(rule, rule_set) for rule in rule_set.rules))
    book.sheet("Sources", SOURCE_COLUMNS, _source_rows([rule_set], []))
    return book.close()


# The rows.


def _milestone_header(as_of: dt.date | None) -> tuple[str, ...]:
    """The status goes stale: its column names the day it was judged on."""
    status = f"Status on {format_day(as_of)}" if as_of else "Status"
    return tuple(status if column == "Status" else column for column in MILESTONE_COLUMNS)


def _preamble(timeline: Timeline) -> list[Row]:
    """The heading, what is due next and the findings that matter, above the milestones."""
    lead = f"{timeline.rule_set.root.title} {format_day(timeline.start)}. {rules_sentence(timeline)}"
    rows = [
        Row((_title(timeline.authority, timeline.rule_set),)),
        Row(("", f"{lead} Status as of {format_day(timeline.as_of)}.")),
    ]
    for label, when, what, milestone in due_lines(timeline):
        alert = milestone is not None and milestone.status.alert
        rows.append(Row((label, f"{when}: {what}" if when else what), bold=True, alert=alert))
    for number, (text, alert) in enumerate(findings(timeline)):
        rows.append(Row(("Findings" if number == 0 else "", text), alert=alert))
    return [*rows, Row(())]


def _timeline_rows(timeline: Timeline) -> Iterator[Row]:
    rule_set = timeline.rule_set
    practice = timeline.history.practice if timeline.history is not None else None
    beside = practice_sentence(practice) if practice is not None else ""
    for milestone in timeline.milestones:
        yield _milestone_row(milestone, beside if milestone.id == REINSPECTION else "")
    for undated in timeline.undated:
        needs = f"not dated: needs the actual date of {_anchor_label(rule_set, undated.needs)}"
        yield _undated_row(rule_set, undated.id, undated.title, needs)
    for item in timeline.not_applicable:
        yield _undated_row(rule_set, item.id, item.title, f"not applicable: {item.reason}")


def _undated_row(rule_set: RuleSet, rule_id: str, title: str, status: str) -> Row:
    """A rule with no date in this timeline (not dated yet, or not applicable), with why."""
    kind = _kind_of(rule_set, rule_id)
    by = rule_set.get(rule_id).by.heading
    return Row((title, kind.label if kind else "", by, None, None, None, None, status), bold=kind is Kind.STATUTORY)


def _milestone_row(milestone: Milestone, beside: str = "") -> Row:
    """``beside``: what the inspection history says of the milestone in practice (the
    re-inspection's figures), shown in its own column and not again in the notes."""
    notes = ([PROJECTED_NOTE] if milestone.projected else []) + [n for n in milestone.notes if n != beside]
    practice = " ".join(
        text for text in (milestone.rule.practice and f"Window from {milestone.rule.practice}.", beside) if text
    )
    cells = (
        milestone.title,
        milestone.kind.label,
        milestone.rule.by.heading,
        milestone.earliest,
        milestone.latest,
        _times(milestone.times),
        milestone.actual,
        milestone.status.text,
        milestone.basis,
        _source(milestone.rule),
        practice,
        NOTE_SEPARATOR.join(notes),
    )
    return Row(cells, bold=milestone.kind is Kind.STATUTORY, alert=milestone.status.alert)


def _batch_rows(timeline: Timeline, carried: Sequence[str]) -> Iterator[Row]:
    # The title's name ("Single inspection framework", "ILACS"): the whole title is in the Sources.
    context = (timeline.authority or "", timeline.start, timeline.rule_set.title.split(": ")[0])
    for row in _timeline_rows(timeline):
        cells = [*row.cells, *[None] * (len(MILESTONE_COLUMNS) - len(row.cells))]
        yield row._replace(cells=(*context, *cells, *carried))


def _level_label(level: str) -> str:
    """A finding's level as the Level column shows it: ``Due soon`` for due-soon, ``OK`` for ok."""
    return "OK" if level == "ok" else level.replace("-", " ").capitalize()


def _finding_row(finding: Finding, result: CheckResult) -> Row:
    milestone = finding.detail
    fails = finding in result.failures
    level = _level_label(finding.level)
    result_word = "Fail" if fails else level
    # The message starts with the milestone's id, a word for scripts: the Milestone column names it.
    message = finding.message.removeprefix(f"{finding.milestone}: ")
    if milestone is None:
        return Row((result_word, level, None, None, None, None, None, message), alert=fails)
    cells = (
        result_word,
        level,
        milestone.title,
        milestone.kind.label,
        milestone.actual,
        milestone.earliest,
        milestone.latest,
        message,
        _source(milestone.rule),
    )
    return Row(cells, bold=milestone.kind is Kind.STATUTORY, alert=fails)


def _rule_row(rule: Rule, rule_set: RuleSet) -> Row:
    if rule.is_window:
        when = f"from {_offset_text(rule.earliest, rule_set)} to {_offset_text(rule.latest, rule_set)}"
    else:
        when = _offset_text(rule.latest, rule_set)
        when = f"on {when}" if rule.latest.offset == 0 else when
    repeats = ""
    if rule.repeat is not None:
        until = f" until {_anchor_label(rule_set, rule.repeat.until)}" if rule.repeat.until else ""
        times = f"{rule.repeat.times} times" if rule.repeat.times else "repeatedly"
        repeats = f"{times}{until}"
    title = any_number(rule.title)
    cells = (title, rule.kind.label, when, repeats, _source(rule), rule.note)
    return Row(cells, bold=rule.kind is Kind.STATUTORY)


def _source_rows(
    rule_sets: Sequence[RuleSet], timelines: Sequence[Timeline], extra: Sequence[Row] = (), count: int | None = None
) -> list[Row]:
    """Each rule set's sources, then what was counted and how; ``extra`` lines last. ``count``:
    the authorities of a batch, of which ``timelines`` holds one per rule set and calendar."""
    rows: list[Row] = []
    for rule_set in rule_sets:
        rows += [Row((short, full)) for short, full in rule_set.sources.items()]
    rows.append(Row(()))
    for root in dict.fromkeys(rule_set.root for rule_set in rule_sets):
        day = "the day of receipt" if root.id == RECEIPT else root.label
        rows.append(
            Row(
                (
                    "Counting",
                    f"Working days exclude weekends and {CALENDAR_NAME}; {day} is day 0 whatever kind of day it is.",
                ),
                bold=True,
            )
        )
    for calendar in {timeline.calendar.source: timeline.calendar for timeline in timelines}.values():
        rows.append(
            Row(
                (
                    "Bank holidays",
                    f"{CALENDAR_NAME}: {calendar.source}; announced through {calendar.announced_through}.",
                )
            )
        )
    for rule_set in rule_sets:
        rows.append(Row(("Framework", rule_set.title)))
        if rule_set.period is not None:
            rows.append(Row(("In force", f"for reports received {period_text(rule_set)}")))
        if rule_set.trigger:
            rows.append(Row(("Trigger", f"{rule_set.trigger} ({rule_set.trigger_source or 'unverified'})")))
    if count is None and len(timelines) == 1:
        (timeline,) = timelines
        if timeline.authority:
            rows.append(Row(("Authority", timeline.authority)))
        rows.append(Row((timeline.rule_set.root.title, timeline.start)))
        rows.append(Row(("Status as of", timeline.as_of)))
        rows += [Row(("Note", note)) for note in paper_notes(timeline)]
    elif timelines:
        rows.append(Row(("Authorities", len(timelines) if count is None else count)))
        rows.append(Row(("Status as of", max(timeline.as_of for timeline in timelines))))
    rows += extra
    rows.append(Row(("Computed with", f"{AUTHOR} (oftl)")))
    return rows


# Wording.


def _kind_of(rule_set: RuleSet, milestone_id: str) -> Kind | None:
    try:
        return rule_set.rule_of(milestone_id)[0].kind
    except (KeyError, InputError):
        return None


def _anchor_label(rule_set: RuleSet, anchor: str) -> str:
    """``receipt`` -> "receipt"; ``wsoa`` -> "the written statement of action"; ``mv4`` -> "monitoring visit 4"."""
    if anchor == rule_set.root.id:
        return rule_set.root.label
    try:
        rule, number = rule_set.rule_of(anchor)
    except (KeyError, InputError):
        return anchor
    return any_number(rule.short) if number is None else rule.short.replace(PLACEHOLDER, str(number))


def _offset_text(offset: Offset, rule_set: RuleSet) -> str:
    text = offset_words(offset.offset, offset.unit, _anchor_label(rule_set, offset.anchor))
    if offset.time:
        text += f", {format_time(offset.time)}"
    if offset.roll is Roll.PREVIOUS:
        text += " (the working day before when not one)"
    elif offset.roll is Roll.NEXT:
        text += " (the next working day when not one)"
    return text


def _source(rule: Rule) -> str:
    return rule.source + "".join(f" ({mark} rule)" for mark in rule.marks)


def _times(times: tuple[str, str]) -> str:
    first, last = (format_time(time) for time in times)
    return first if first == last else " – ".join(time for time in (first, last) if time)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _comment(as_of: dt.date) -> str:
    return f"Statuses as of {format_day(as_of)}. Computed with {AUTHOR}."


def _title(authority: str | None, rule_set: RuleSet) -> str:
    return f"{authority}: {rule_set.heading}" if authority else rule_set.heading


def _properties(authority: str | None, rule_set: RuleSet, as_of: dt.date, what: str = "") -> dict[str, Any]:
    title = _title(authority, rule_set)
    return {
        "title": as_text(title + (f", {what}" if what else "")),
        "subject": rule_set.title,
        "author": AUTHOR,
        "comments": _comment(as_of) if as_of != FIXED_CREATED else f"Computed with {AUTHOR}.",
        "created": _midnight(as_of),
    }

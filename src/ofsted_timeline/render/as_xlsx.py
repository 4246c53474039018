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
import io
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ..dates import format_day, format_time
from ..errors import InputError
from ..escape import visible
from ..rules import RECEIPT, Offset, Roll, Rule, RuleSet, period_text
from ..timeline import Milestone, Timeline
from ..timeline.wording import amount_text
from .as_csv import as_text
from .as_json import CALENDAR_NAME
from .paper import findings_first, paper_notes

if TYPE_CHECKING:
    from ..batch import RowError
    from ..check import CheckResult, Finding

DATE_FORMAT = "ddd d mmm yyyy"
RED_FILL = "#FFC7CE"  # Excel's own "Bad" cell style: light red fill, dark red text
RED_TEXT = "#9C0006"
HEADER_FILL = "#D9D9D9"
AUTHOR = "ofsted-timeline"
FIXED_CREATED = dt.date(2000, 1, 1)  # rules have no as-of day: a fixed one keeps the bytes repeatable
# Widest a column gets, in characters, by its title (or the title's first word); longer text
# wraps onto more lines. Narrow enough that a timeline prints one A4 landscape page wide at
# about three quarters of full size.
MAX_WIDTHS = {
    "Milestone": 30,
    "Kind": 10,
    "Time": 8,
    "Status": 28,
    "Basis": 26,
    "Source": 20,
    "Notes": 40,
    "Authority": 24,
    "Framework": 30,
    "Finding": 50,
    "Date or window": 40,
    "Note": 40,
    "Problem": 80,
    "Reference": 90,
}
MAX_WIDTH = 24
DATE_WIDTH = 16  # "Wed 27 Sep 2017" and a filter button
LINE_HEIGHT = 15  # points: one line of the default 11 pt font
WRAP_MARGIN = 2  # characters a wrapped line leaves spare, for bold and wide letters
A4 = 9  # XlsxWriter's paper code
KIND_LABEL = {"statutory": "Statutory", "expected": "Expected", "event": "Event"}
LEVEL_LABEL = {
    "violation": "Violation",
    "overdue": "Overdue",
    "due-soon": "Due soon",
    "warning": "Warning",
    "note": "Note",
    "ok": "OK",
}
PROJECTED_NOTE = (
    "Counts over years whose bank holidays are not announced yet: a holiday proclaimed later could move it."
)
NOTE_SEPARATOR = " | "

MILESTONE_COLUMNS = (
    "Milestone",
    "Kind",
    "Earliest",
    "Latest",
    "Time",
    "Date given",
    "Status",
    "Basis",
    "Source",
    "Notes",
)
BATCH_CONTEXT = ("Authority", "Report received", "Framework")
FINDING_COLUMNS = ("Result", "Level", "Milestone", "Kind", "Date given", "Earliest", "Latest", "Finding", "Source")
RULE_COLUMNS = ("Milestone", "Kind", "Date or window", "Repeats", "Source", "Note")
ERROR_COLUMNS = ("Row", "Column", "Problem")
SOURCE_COLUMNS = ("Source", "Reference")


class Row(NamedTuple):
    """One row of a sheet: its cells (text, date, number or None) and how it stands out."""

    cells: Sequence[Any]
    bold: bool = False
    alert: bool = False


def timeline_xlsx(timeline: Timeline) -> bytes:
    """One timeline: a "Timeline" sheet with one row per milestone (then those not dated yet and
    those that do not apply), and the "Sources" sheet."""
    book = _Book(_properties(timeline.authority, timeline.rule_set, timeline.as_of))
    book.sheet("Timeline", _milestone_header(timeline.as_of), _timeline_rows(timeline))
    book.sheet("Sources", SOURCE_COLUMNS, _source_rows([timeline.rule_set], [timeline]))
    return book.close()


def check_xlsx(result: CheckResult, timeline: Timeline, plan: str) -> bytes:
    """``oftl check``: a "Check" sheet with one row per finding (failing ones red), the plan's
    "Timeline", and the "Sources" with the plan's file name and the verdict."""
    book = _Book(_properties(timeline.authority, timeline.rule_set, timeline.as_of, "check of a plan's dates"))
    book.sheet("Check", FINDING_COLUMNS, (_finding_row(finding, result) for finding in result.findings))
    book.sheet("Timeline", _milestone_header(timeline.as_of), _timeline_rows(timeline))
    failures, warnings = len(result.failures), len(result.warnings)
    verdict = (
        f"{'failed' if failures else 'passed'}: {failures} failure{'s' if failures != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}" + (" (warnings fail)" if result.strict and warnings else "")
    )
    extra = [Row(("Plan", plan)), Row(("Check", verdict), alert=bool(failures))]
    book.sheet("Sources", SOURCE_COLUMNS, _source_rows([timeline.rule_set], [timeline], extra))
    return book.close()


def batch_xlsx(timelines: Iterable[Timeline], errors: Sequence[RowError] = ()) -> bytes:
    """Many authorities: a "Milestones" sheet with one row per authority and milestone, a
    "Rows not computed" sheet when ``errors`` has any, and the "Sources" of every framework used."""
    timelines = list(timelines)
    as_of = max((t.as_of for t in timelines), default=FIXED_CREATED)
    days = {t.as_of for t in timelines}
    header = (*BATCH_CONTEXT, *_milestone_header(days.pop() if len(days) == 1 else None))
    rule_sets = list({t.rule_set.id: t.rule_set for t in timelines}.values())
    book = _Book(
        {
            "title": "Ofsted inspection timelines",
            "subject": ", ".join(rule_set.title for rule_set in rule_sets),
            "author": AUTHOR,
            "comments": _comment(as_of),
            "created": _midnight(as_of),
        }
    )
    book.sheet("Milestones", header, _batch_rows(timelines))
    if errors:
        # The message echoes the cell read: its control characters are shown escaped, as on the terminal.
        ordered = sorted(errors, key=lambda error: (error.row, error.field or "", error.message))
        rows = (Row((error.row, error.field or "", visible(error.message)), alert=True) for error in ordered)
        book.sheet("Rows not computed", ERROR_COLUMNS, rows)
    book.sheet("Sources", SOURCE_COLUMNS, _source_rows(rule_sets, timelines))
    return book.close()


def rules_xlsx(rule_set: RuleSet) -> bytes:
    """A rule set: one row per rule (statutory ones bold), and its "Sources"."""
    book = _Book(_properties(None, rule_set, FIXED_CREATED, "the rules"))
    book.sheet("Rules", RULE_COLUMNS, (_rule_row(rule, rule_set) for rule in rule_set.rules))
    book.sheet("Sources", SOURCE_COLUMNS, _source_rows([rule_set], []))
    return book.close()


# The rows.


def _milestone_header(as_of: dt.date | None) -> tuple[str, ...]:
    """The status goes stale: its column names the day it was judged on."""
    status = f"Status on {format_day(as_of)}" if as_of else "Status"
    return tuple(status if column == "Status" else column for column in MILESTONE_COLUMNS)


def _timeline_rows(timeline: Timeline) -> Iterator[Row]:
    rule_set = timeline.rule_set
    for milestone in timeline.milestones:
        yield _milestone_row(milestone)
    for undated in timeline.undated:
        kind = _kind_of(rule_set, undated.id)
        status = f"not dated: needs the actual date of {_anchor_label(rule_set, undated.needs)}"
        yield Row((undated.title, kind, None, None, None, None, status), bold=kind == KIND_LABEL["statutory"])
    for item in timeline.not_applicable:
        kind = _kind_of(rule_set, item.id)
        status = f"not applicable: {item.reason}"
        yield Row((item.title, kind, None, None, None, None, status), bold=kind == KIND_LABEL["statutory"])


def _milestone_row(milestone: Milestone) -> Row:
    notes = ([PROJECTED_NOTE] if milestone.projected else []) + list(milestone.notes)
    cells = (
        milestone.title,
        KIND_LABEL[milestone.kind],
        milestone.earliest,
        milestone.latest,
        _times(milestone.times),
        milestone.actual,
        milestone.status.text,
        milestone.basis,
        _source(milestone.rule),
        NOTE_SEPARATOR.join(notes),
    )
    return Row(cells, bold=milestone.kind == "statutory", alert=milestone.status.alert)


def _batch_rows(timelines: Sequence[Timeline]) -> Iterator[Row]:
    for timeline in timelines:
        # The title's name ("Single inspection framework", "ILACS"): the whole title is in the Sources.
        context = (timeline.authority or "", timeline.start, timeline.rule_set.title.split(": ")[0])
        for row in _timeline_rows(timeline):
            yield row._replace(cells=(*context, *row.cells))


def _finding_row(finding: Finding, result: CheckResult) -> Row:
    milestone = finding.detail
    fails = finding in result.failures
    result_word = "Fail" if fails else LEVEL_LABEL[finding.level]
    # The message starts with the milestone's id, a word for scripts: the Milestone column names it.
    message = finding.message.removeprefix(f"{finding.milestone}: ")
    if milestone is None:
        return Row((result_word, LEVEL_LABEL[finding.level], None, None, None, None, None, message), alert=fails)
    cells = (
        result_word,
        LEVEL_LABEL[finding.level],
        milestone.title,
        KIND_LABEL[milestone.kind],
        milestone.actual,
        milestone.earliest,
        milestone.latest,
        message,
        _source(milestone.rule),
    )
    return Row(cells, bold=milestone.kind == "statutory", alert=fails)


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
    title = rule.title.replace("{n}", "N")
    cells = (title, KIND_LABEL[rule.kind], when, repeats, _source(rule), rule.note)
    return Row(cells, bold=rule.kind == "statutory")


def _source_rows(rule_sets: Sequence[RuleSet], timelines: Sequence[Timeline], extra: Sequence[Row] = ()) -> list[Row]:
    """Each rule set's sources, then what was counted and how; ``extra`` lines last."""
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
    if len(timelines) == 1:
        (timeline,) = timelines
        if timeline.authority:
            rows.append(Row(("Authority", timeline.authority)))
        rows.append(Row((timeline.rule_set.root.title, timeline.start)))
        rows.append(Row(("Status as of", timeline.as_of)))
        rows += [Row(("Persistent failure", finding)) for finding in findings_first(timeline)]
        rows += [Row(("Note", note)) for note in paper_notes(timeline)]
    elif timelines:
        rows.append(Row(("Authorities", len(timelines))))
        rows.append(Row(("Status as of", max(timeline.as_of for timeline in timelines))))
    rows += extra
    rows.append(Row(("Computed with", f"{AUTHOR} (oftl)")))
    return rows


# Wording.


def _kind_of(rule_set: RuleSet, milestone_id: str) -> str:
    try:
        return KIND_LABEL[rule_set.rule_of(milestone_id)[0].kind]
    except (KeyError, InputError):
        return ""


def _anchor_label(rule_set: RuleSet, anchor: str) -> str:
    """``receipt`` -> "receipt"; ``wsoa`` -> "the written statement of action"; ``mv4`` -> "monitoring visit 4"."""
    if anchor == rule_set.root.id:
        return rule_set.root.label
    try:
        rule, number = rule_set.rule_of(anchor)
    except (KeyError, InputError):
        return anchor
    return rule.short.replace("{n}", str(number) if number is not None else "N")


def _offset_text(offset: Offset, rule_set: RuleSet) -> str:
    label = _anchor_label(rule_set, offset.anchor)
    if offset.offset == 0:
        text = label
    else:
        text = f"{amount_text(offset.offset, offset.unit)} {'after' if offset.offset > 0 else 'before'} {label}"
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


def _properties(authority: str | None, rule_set: RuleSet, as_of: dt.date, what: str = "") -> dict[str, Any]:
    title = f"{authority}: {rule_set.heading}" if authority else rule_set.heading
    return {
        "title": as_text(title + (f", {what}" if what else "")),
        "subject": rule_set.title,
        "author": AUTHOR,
        "comments": _comment(as_of) if as_of != FIXED_CREATED else f"Computed with {AUTHOR}.",
        "created": _midnight(as_of),
    }


# The workbook.


class _Book:
    """An XlsxWriter workbook in memory, with the few cell styles every sheet shares."""

    def __init__(self, properties: dict[str, Any]) -> None:
        import xlsxwriter  # type: ignore[import-untyped]  # no type hints published

        self.buffer = io.BytesIO()
        # Strings stay strings: never read as formulas, numbers or links.
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
        self.workbook = xlsxwriter.Workbook(self.buffer, options | {"strings_to_urls": False})
        self.workbook.set_properties(properties)
        self.styles: dict[tuple[bool, bool, bool, bool], Any] = {}

    def style(self, bold: bool = False, alert: bool = False, date: bool = False, header: bool = False) -> Any:
        key = (bold, alert, date, header)
        if key not in self.styles:
            properties: dict[str, Any] = {"valign": "top", "text_wrap": not date}
            if bold or header:
                properties["bold"] = True
            if alert:
                properties |= {"bg_color": RED_FILL, "font_color": RED_TEXT}
            if date:
                properties |= {"num_format": DATE_FORMAT, "align": "left"}
            if header:
                properties |= {"bg_color": HEADER_FILL, "bottom": 1}
            self.styles[key] = self.workbook.add_format(properties)
        return self.styles[key]

    def sheet(self, name: str, header: Sequence[str], rows: Iterable[Row]) -> None:
        """A sheet with a frozen, filtered header row, columns sized to their text and rows tall
        enough for their wrapped text (set here: LibreOffice does not size them on opening)."""
        worksheet = self.workbook.add_worksheet(name)
        rows = list(rows)
        widths = [self._width(column, header, rows) for column in range(len(header))]
        for column, width in enumerate(widths):
            worksheet.set_column(column, column, width)
        self._row(worksheet, 0, Row(header), widths, self.style(header=True))
        for number, row in enumerate(rows, start=1):
            self._row(worksheet, number, row, widths)
        worksheet.freeze_panes(1, 0)
        worksheet.autofilter(0, 0, len(rows), len(header) - 1)
        worksheet.set_landscape()
        worksheet.set_paper(A4)
        worksheet.fit_to_pages(1, 0)
        worksheet.repeat_rows(0)

    @staticmethod
    def _width(column: int, header: Sequence[str], rows: Sequence[Row]) -> int:
        """Room for the longest text up to the column's limit (its title's), or for a date."""
        values = [row.cells[column] for row in rows if column < len(row.cells) and row.cells[column] is not None]
        if values and all(isinstance(value, dt.date) for value in values):
            return DATE_WIDTH
        title = header[column]
        widest = MAX_WIDTHS.get(title, MAX_WIDTHS.get(title.split()[0], MAX_WIDTH))
        longest = max((len(str(value)) for value in values), default=0)
        return min(max(len(title) + 3, longest + 1), widest)  # 3: room for the filter button

    def _row(self, worksheet: Any, number: int, row: Row, widths: Sequence[int], style: Any = None) -> None:
        lines = 1
        for column, width in enumerate(widths):
            value = row.cells[column] if column < len(row.cells) else None
            if isinstance(value, str) and len(value) > width - WRAP_MARGIN:
                lines = max(lines, len(textwrap.wrap(value, width - WRAP_MARGIN)))
            self._write(worksheet, number, column, value, row, style)
        if lines > 1:
            worksheet.set_row(number, LINE_HEIGHT * lines)

    def _write(self, worksheet: Any, number: int, column: int, value: Any, row: Row, style: Any = None) -> None:
        if isinstance(value, dt.date):
            worksheet.write_datetime(number, column, value, style or self.style(row.bold, row.alert, date=True))
        elif isinstance(value, str) and value:
            worksheet.write_string(number, column, as_text(value), style or self.style(row.bold, row.alert))
        elif isinstance(value, int):
            worksheet.write_number(number, column, value, style or self.style(row.bold, row.alert))
        elif row.bold or row.alert:
            worksheet.write_blank(number, column, None, self.style(row.bold, row.alert))

    def close(self) -> bytes:
        self.workbook.close()
        return self.buffer.getvalue()

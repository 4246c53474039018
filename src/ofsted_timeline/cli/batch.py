"""``oftl batch FILE.csv``: timelines for many authorities, computed in worker processes and
written as they come (json, csv, ics), or summed up one row an authority (table, markdown)."""

import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from ..dates import format_day
from ..errors import InputError
from ..escape import visible
from ..output import STDOUT
from ..render.registry import Format, Options, formats, render
from .options import AsOf, HolidaysFile, Output, Remind, RulesFile, TimelineOutputFormat
from .shell import (
    calendar,
    chosen_format,
    emit,
    emit_rich,
    emit_stream,
    input_errors,
    rules_extender,
    today,
    warn,
)
from .timelines import needs

if TYPE_CHECKING:
    from ..batch import BatchRow
    from ..calendar import WorkingCalendar
    from ..history.names import AuthorityMatch
    from ..rules import RuleSet
    from ..timeline import Timeline

BATCH_ERRORS_SHOWN = 20  # row errors echoed on stderr; the output lists them all, except csv, ics, svg and html
PROGRESS_FROM = 1000  # rows: smaller batches finish before a bar would help
BATCH_HINT = "choose another in the framework column"
HEADING = "Ofsted inspection timelines"
ERRORS_LISTED = {
    Format.json: "listed in the JSON output",
    Format.table: "listed in the table",
    Format.markdown: "listed in the Markdown output",
}
ERRORS_NOT_LISTED = "not shown: --format json lists every one"
NAME_SHOWN = 60  # characters of a column's name echoed
CARRIED = (Format.json, Format.csv, Format.xlsx)  # formats that carry the batch's other columns through


def batch(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="CSV (comma, semicolon or tab) or .xlsx with a header: authority,received (the day the "
            "pre-publication report arrived, day 0 whatever the day), and optionally framework, visits and "
            "previous_inadequate (dates separated by ;) and any milestone id (wsoa, apv-window, ...) with a "
            "known date. Names in any case; other columns are carried through to json, csv and xlsx.",
        ),
    ],
    as_of: AsOf = None,
    rules_file: RulesFile = None,
    holidays_file: HolidaysFile = None,
    output_format: TimelineOutputFormat = None,
    output: Output = STDOUT,
    remind: Remind = None,
) -> None:
    """Timelines for many authorities at once: json, csv or ics of every milestone, or a table or
    markdown summary (each authority's next statutory deadline). A bad row is reported with its
    row number and field, the others are still written, and the exit code is 1.

    Example: oftl batch examples/authorities.csv --as-of 2017-09-01 --format markdown
    """
    from ..batch import parse_batch, parse_records, years_of
    from ..reading import BATCH_LIMIT, read_sheet, read_text
    from ..render.as_batch import error_line
    from .pool import in_parallel, worker_count

    with input_errors():
        chosen = chosen_format(output_format, output, formats("batch"), remind)
        as_of_day = today(as_of)
        extend = rules_extender(rules_file)
        known, names = _known_columns(extend)
        if file.suffix.lower() == ".xlsx":
            parsed = parse_records(read_sheet(file, "batch file", BATCH_LIMIT), str(file), known, names)
        else:
            parsed = parse_batch(read_text(file, "batch file", BATCH_LIMIT), str(file), known, names)
        if parsed.extra_columns:  # said, so that a column meant as a date is not lost unnoticed
            columns = ", ".join(f"'{visible(name[:NAME_SHOWN])}'" for name in parsed.extra_columns)
            what = "carried through untouched" if chosen in CARRIED else "left out (json, csv and xlsx carry them)"
            typer.echo(f"oftl: note: columns not read, {what}: {columns}", err=True)
        in_use = calendar(holidays_file, years_of(parsed.rows, as_of_day))
        options = Options(needs(batch=True), remind, extra=tuple(parsed.extra_columns))
        fragment = render("batch", chosen)(options)
        from ..history.context import history_as_of

        history = history_as_of(as_of_day)  # read once, before the workers fork
        matches = {row.authority: history.match(row.authority) for row in parsed.rows}  # each name once, here
        work = functools.partial(
            _batch_work, calendar=in_use, as_of=as_of_day, extend=extend, render=fragment, history=history
        )
        workers = 1 if chosen is Format.xlsx else worker_count()  # a workbook takes the timelines themselves
        results = _progress(in_parallel(parsed.rows, work, workers), len(parsed.rows))
        errors = list(parsed.errors)
        written = _emit_batch(results, errors, chosen, output, as_of_day, in_use, parsed.extra_columns)
    for message in _doubts(parsed.rows, matches, as_of_day, today(None)):
        warn(message)
    errors.sort()
    for error in errors[:BATCH_ERRORS_SHOWN]:
        typer.echo(f"oftl: row error: {error_line(error)}", err=True)
    if errors:
        more = len(errors) - BATCH_ERRORS_SHOWN
        extra = f" (and {more} more errors, {ERRORS_LISTED.get(chosen, ERRORS_NOT_LISTED)})" if more > 0 else ""
        typer.echo(
            f"oftl: {len(errors)} of {len(errors) + written} rows not computed{extra}; "
            f"{written} timeline{'s' if written != 1 else ''} written.",
            err=True,
        )
        raise typer.Exit(1)


def _doubts(rows: list["BatchRow"], matches: dict[str, "AuthorityMatch"], as_of: dt.date, day: dt.date) -> list[str]:
    """What to say of the rows, a line each: each distinct authority name the history cannot
    match (at most ``BATCH_ERRORS_SHOWN``), the rows received after the as-of day, and those
    received more than a year after today. Their timelines are written all the same."""
    from ..doubts import BEFORE_RECEIPT, FAR_AHEAD, as_of_before_receipt, receipt_far_ahead, unmatched

    rows_of: dict[str, list[int]] = {}
    for row in rows:
        rows_of.setdefault(row.authority, []).append(row.row)
    missing = [(name, matched) for name, matched in matches.items() if not matched.matched]
    said = []
    for name, matched in missing[:BATCH_ERRORS_SHOWN]:
        said.append(f"{_rows(rows_of[name])}: {unmatched(matched.problem())}")
    if len(missing) > BATCH_ERRORS_SHOWN:
        said.append(f"and {len(missing) - BATCH_ERRORS_SHOWN} more authority names not found: each row's notes say so")
    early = [row.row for row in rows if as_of_before_receipt(row.received, as_of)]
    if early:
        said.append(f"{_rows(early)}: received after the as-of day, {format_day(as_of)}: {BEFORE_RECEIPT}")
    ahead = [row.row for row in rows if receipt_far_ahead(row.received, day)]
    if ahead:
        said.append(f"{_rows(ahead)}: received more than a year after today ({format_day(day)}): {FAR_AHEAD}")
    return said


def _rows(numbers: list[int]) -> str:
    """``row 4``, ``rows 4, 9``, ``rows 4, 9, 12``, ``rows 4, 9 and 3 more`` (never "and 1 more")."""
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    if len(numbers) <= 3:
        return "rows " + ", ".join(str(number) for number in numbers)
    return f"rows {numbers[0]}, {numbers[1]} and {len(numbers) - 2} more"


def _batch_work(
    rows: list[Any],
    calendar: "WorkingCalendar",
    as_of: dt.date,
    extend: Callable[["RuleSet"], "RuleSet"],
    render: Callable[["BatchRow", "Timeline"], Any],
    history: Callable[[str, str | None, dt.date], Any],
) -> Iterator[Any]:
    """Compute and render one chunk of a batch (in a worker process for a large batch)."""
    from ..batch import RowError, compute_batch

    computed = compute_batch(rows, calendar, as_of, extend, BATCH_HINT, history)
    for row, result in zip(rows, computed, strict=True):
        yield result if isinstance(result, RowError) else render(row, result)


def _known_columns(extend: Callable[["RuleSet"], "RuleSet"]) -> tuple[Callable[[str], bool], list[str]]:
    """Whether a batch column names a milestone of any framework (or of the user's rules), and
    the milestone ids a misspelt column is compared with."""
    from ..rules import frameworks, load_rule_set

    sets = [extend(load_rule_set(name)) for name in frameworks()]
    ids = {rule.id for rule_set in sets for rule in rule_set.rules}
    return lambda column: column in ids or any(rule_set.series_of(column) for rule_set in sets), sorted(ids)


def _progress(results: Iterator[Any], total: int) -> Iterator[Any]:
    """A progress bar on stderr for a large batch, when stderr is a terminal (never when piped)."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return results
    from rich.console import Console
    from rich.progress import track

    return iter(track(results, total=total, description="Computing", console=Console(stderr=True), transient=True))


class _Document(NamedTuple):
    """What a batch's document takes besides the authorities' parts."""

    chosen: Format
    output: str
    errors: list[Any]  # row errors, filled as the parts are read
    extra: list[str]  # the batch file's other columns
    as_of: dt.date
    calendar: "WorkingCalendar"


def _emit_batch(
    results: Iterator[Any],
    errors: list[Any],
    chosen: Format,
    output: str,
    as_of: dt.date,
    calendar: "WorkingCalendar",
    extra: list[str],
) -> int:
    """Write the authorities' parts in the format asked for, collecting row errors into
    ``errors``; json, csv and ics stream out as the parts arrive. Returns how many were written."""
    from ..batch import RowError

    count = 0

    def parts() -> Iterator[Any]:
        nonlocal count
        for item in results:
            if isinstance(item, RowError):
                errors.append(item)
            else:
                count += 1
                yield item

    DOCUMENTS[chosen](parts(), _Document(chosen, output, errors, extra, as_of, calendar))
    return count


def _json_document(parts: Iterator[bytes], document: _Document) -> None:
    from ..render.as_batch import batch_json
    from ..render.as_json import calendar_summary

    emit_stream(batch_json(parts, document.errors, calendar_summary(document.calendar)), document.output)


def _csv_document(parts: Iterator[bytes], document: _Document) -> None:
    from ..render.as_csv import csv_header

    emit_stream(_chain(csv_header("received", document.extra), parts), document.output)


def _ics_document(parts: Iterator[bytes], document: _Document) -> None:
    from ..render.as_ics import calendar_frame

    head, tail = calendar_frame(HEADING, f"{HEADING} as of {format_day(document.as_of)}. Computed by oftl.")
    emit_stream(_chain(head, parts, tail), document.output)


def _xlsx_document(parts: Iterator[Any], document: _Document) -> None:
    from ..render.workbook.sheets import batch_xlsx

    workbook, sheets = batch_xlsx(parts, document.errors, document.extra, document.as_of)  # as the timelines come
    if sheets > 1:
        typer.echo(
            f"oftl: note: the milestones fill {sheets} sheets (Milestones, Milestones 2, ...): "
            "Excel holds 1,048,576 rows a sheet",
            err=True,
        )
    emit(workbook, document.output)


def _chart_document(parts: Iterator[str], document: _Document) -> None:
    """One authority's chart or page: a batch of any other size is an error."""
    charts, errors, chosen = list(parts), document.errors, document.chosen
    if not charts and len(errors) == 1:  # the one row was bad: say why, not that none was drawn
        from ..render.as_batch import error_line

        raise InputError(
            f"--format {chosen} draws one authority, and its row was not computed: {error_line(errors[0])}"
        )
    if len(charts) != 1:
        raise InputError(
            f"--format {chosen} draws one authority and {len(charts)} were computed: "
            "give a file with one row, or use --format markdown for a summary"
        )
    emit(charts[0], document.output)


def _summary_document(parts: Iterator[Any], document: _Document) -> None:
    """A row an authority, with its next statutory deadline: a table or markdown."""
    from ..render.as_batch import SUMMARY_COLUMNS, batch_markdown, error_line
    from ..render.as_json import working_days_sentence

    rows, errors = list(parts), sorted(document.errors)
    count = len(rows)
    heading = f"{HEADING}: {count} authorit{'y' if count == 1 else 'ies'}, as of {format_day(document.as_of)}"
    days = working_days_sentence(document.calendar)
    if document.chosen is Format.markdown:
        emit(batch_markdown([cells for cells, _ in rows], errors, heading, days), document.output)
        return
    from ..render.as_table import batch_table

    lines = [error_line(e) for e in errors]
    emit_rich(batch_table(rows, SUMMARY_COLUMNS, lines, heading, days), document.output)


DOCUMENTS: dict[Format, Callable[[Iterator[Any], _Document], None]] = {
    Format.table: _summary_document,
    Format.json: _json_document,
    Format.csv: _csv_document,
    Format.markdown: _summary_document,
    Format.ics: _ics_document,
    Format.svg: _chart_document,
    Format.html: _chart_document,
    Format.xlsx: _xlsx_document,
}
"""How a batch's document is put together from the authorities' parts (``OUTPUTS["batch"]``)."""


def _chain(head: str, middle: Iterator[bytes], tail: str = "") -> Iterator[str | bytes]:
    yield head
    yield from middle
    yield tail


COMMANDS = {"batch": batch}

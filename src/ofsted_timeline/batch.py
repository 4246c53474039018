"""Many authorities at once (``oftl batch``): one row of a CSV file per authority (pure).

Columns: ``authority`` and ``received`` (required), ``framework`` (optional, else the one in
force on the receipt day), ``visits`` and ``previous_inadequate`` (dates separated by ``;``)
and any milestone id (``wsoa``, ``apv-window``, ``mv3``, ...) for a known date. An empty cell
gives nothing. A bad row becomes an error naming its row and field; every other row is still
computed. Rows are numbered as a spreadsheet shows them: the header is row 1. A quote
opened and never closed would swallow every later row into one cell: it is refused, naming
the row where it opened.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from .calendar import WorkingCalendar
from .dates import parse_date
from .errors import InputError
from .request import Request, calendar_years, given_dates

if TYPE_CHECKING:
    from .history.context import FromHistory
from .rules import RuleSet, choose
from .timeline import Timeline, authority_name, timeline_for

REQUIRED = ("authority", "received")
LISTS = ("visits", "previous_inadequate")
SEPARATOR = ";"


class BatchRow(NamedTuple):
    row: int
    authority: str
    received: dt.date
    framework: str | None
    dates: dict[str, dt.date]
    visits: tuple[dt.date, ...]
    previous_inadequate: tuple[dt.date, ...]


class RowError(NamedTuple):
    row: int
    field: str | None  # None when the row as a whole could not be computed
    message: str


class Batch(NamedTuple):
    rows: list[BatchRow]
    errors: list[RowError]
    columns: list[str]


def parse_batch(text: str, source: str, known: Callable[[str], bool]) -> Batch:
    """Read the rows; ``known(column)`` says whether a date column names a milestone.

    A problem with the file as a whole (no header, a required or unknown column) is an
    InputError; a problem with one row is a RowError, and the other rows go on.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise InputError(f"{source} is empty: give a header row, e.g. authority,received") from None
    except csv.Error as error:
        raise InputError(f"{source}: not valid CSV ({error})") from None
    _check_header(header, source, known)
    rows: list[BatchRow] = []
    errors: list[RowError] = []
    number, line = 1, reader.line_num + 1  # the row read last, and the line the next one starts on
    try:
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):  # blank lines, as spreadsheets leave them, are not rows
                parsed = _row(number, header, cells)
                if isinstance(parsed, RowError):
                    errors.append(parsed)
                else:
                    rows.append(parsed)
            line = reader.line_num + 1
    except csv.Error as error:
        if str(error) == "unexpected end of data":  # the end of the file inside a quoted cell
            raise InputError(
                f"{source}: row {number + 1} (line {line}) opens a quote that is never closed, so the rest of "
                f"the file, to line {reader.line_num}, was read as one cell: close the quote"
            ) from None
        raise InputError(f"{source}: not valid CSV at line {reader.line_num} ({error})") from None
    return Batch(rows, errors, header)


def _check_header(header: list[str], source: str, known: Callable[[str], bool]) -> None:
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputError(f"{source}: no '{missing[0]}' column: the header needs authority,received")
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise InputError(f"{source}: column '{name}' appears twice: keep one")
        seen.add(name)
        if name not in (*REQUIRED, "framework", *LISTS) and not known(name):
            raise InputError(
                f"{source}: unknown column '{name}': use authority, received, framework, visits, "
                "previous_inadequate or a milestone id of the rules"
            )


def _row(number: int, header: list[str], cells: list[str]) -> BatchRow | RowError:
    if len(cells) > len(header):
        return RowError(number, None, f"has {len(cells)} cells but the header has {len(header)} columns")
    values = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
    for name in REQUIRED:
        if not values.get(name):
            return RowError(number, name, f"{name} is empty")
    try:
        field = "received"
        received = parse_date(values["received"])
        dates = {}
        for field in header:
            if field not in (*REQUIRED, "framework", *LISTS) and values.get(field):
                dates[field] = parse_date(values[field])
        lists = {}
        for field in LISTS:
            items = [item.strip() for item in values.get(field, "").split(SEPARATOR)]
            lists[field] = tuple(parse_date(item) for item in items if item)
    except InputError as error:
        return RowError(number, field, str(error))
    try:
        authority = authority_name(values["authority"])  # the same check as every timeline's
    except InputError as error:
        return RowError(number, "authority", str(error))
    return BatchRow(
        row=number,
        authority=authority,
        received=received,
        framework=values.get("framework") or None,
        dates=dates,
        visits=lists["visits"],
        previous_inadequate=lists["previous_inadequate"],
    )


def compute_batch(
    rows: Iterable[BatchRow],
    calendar: WorkingCalendar,
    as_of: dt.date,
    extend: Callable[[RuleSet], RuleSet] = lambda rule_set: rule_set,
    hint: str = "",
    history: Callable[[str, str | None, dt.date], FromHistory] | None = None,
) -> Iterator[Timeline | RowError]:
    """A timeline for each row, or the error that stopped it; ``extend`` adds a user's rules,
    ``hint`` says how to choose another framework than the one in force, ``history`` says what
    Ofsted's inspection history says to a row's timeline (rule set id, authority, receipt)."""
    extended: dict[str, RuleSet] = {}
    for row in rows:
        try:
            rule_set, reason = choose(row.framework, row.received, named_by="the batch file", hint=hint)
        except InputError as error:
            yield RowError(row.row, "framework", str(error))
            continue
        if rule_set.id not in extended:  # outside the row's guard: a bad rules file stops the batch
            extended[rule_set.id] = extend(rule_set)
        try:
            actuals = given_dates(row.visits, row.dates)
        except InputError as error:
            yield RowError(row.row, "visits", str(error))
            continue
        request = Request(
            row.received,
            extended[rule_set.id],
            reason,
            as_of,
            actuals,
            row.authority,
            previous_inadequate=row.previous_inadequate,
            history=None if history is None else history(rule_set.id, row.authority, row.received),
        )
        try:
            yield timeline_for(request, calendar)
        except InputError as error:
            yield RowError(row.row, None, str(error))


def years_of(rows: Iterable[BatchRow], as_of: dt.date) -> tuple[int, int]:
    """The years a calendar for these rows must cover."""
    days = [as_of]
    for row in rows:
        days += [row.received, *row.dates.values(), *row.visits, *row.previous_inadequate]
    return calendar_years(days)

"""Many authorities at once (``oftl batch``): one row of a table per authority (pure).

Columns: ``authority`` and ``received`` (required), ``framework`` (optional, else the one in
force on the receipt day), ``visits`` and ``previous_inadequate`` (dates separated by ``;``)
and any milestone id (``wsoa``, ``apv-window``, ``mv3``, ...) for a known date. Header names
are matched without regard to case, spaces, ``_`` or ``-``, and the aliases analysts use
(``LA name``, ``Local authority``, ``Date received``); a name close to one of these is refused
with a suggestion, so a typo cannot hide a date. Any other column is carried through untouched
to the output. An empty cell gives nothing; blank lines are skipped.

A bad row becomes an error naming its row and field; every other row is still computed. Rows
are numbered as a spreadsheet shows them (the header is row 1 unless blank lines come first).
A CSV's delimiter (comma, semicolon or tab) is the one its header line uses most. A quote
opened and never closed would swallow every later row into one cell: it is refused, naming
the row where it opened.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .calendar import WorkingCalendar
from .dates import parse_date
from .errors import InputError
from .request import calendar_years, row_request

if TYPE_CHECKING:
    from .history.context import FromHistory
from .rules import RuleSet, choose
from .timeline import Timeline, authority_name, build_timeline

REQUIRED = ("authority", "received")
LISTS = ("visits", "previous_inadequate")
NAMED = (*REQUIRED, "framework", *LISTS)
SEPARATOR = ";"
DELIMITERS = (",", ";", "\t")
CELL_LIMIT = 131_072  # characters in one cell: the csv module's own default limit
# Header names analysts' sheets use, normalised (see ``header_key``), for the columns above.
ALIASES = {
    "la": "authority",
    "la_name": "authority",
    "local_authority": "authority",
    "local_authority_name": "authority",
    "authority_name": "authority",
    "council": "authority",
    "date_received": "received",
    "received_date": "received",
    "report_received": "received",
    "date_report_received": "received",
    "monitoring_visits": "visits",
    "previous_inadequate_judgements": "previous_inadequate",
}
SIMILAR = 0.8  # difflib's ratio from which an unknown column is taken for a typo


class BatchRow(NamedTuple):
    row: int
    authority: str
    received: dt.date
    framework: str | None
    dates: dict[str, dt.date]
    visits: tuple[dt.date, ...]
    previous_inadequate: tuple[dt.date, ...]
    extra: tuple[str, ...] = ()  # the cells of the batch's other columns, untouched


class RowError(NamedTuple):
    row: int
    field: str | None  # None when the row as a whole could not be computed
    message: str


class Batch(NamedTuple):
    rows: list[BatchRow]
    errors: list[RowError]
    columns: list[str]  # the header as read
    extra_columns: list[str]  # those carried through untouched


def header_key(name: str) -> str:
    """``" Date  Received"`` -> ``date_received``: case, spaces, ``_`` and ``-`` do not matter.

    >>> header_key(" Local authority "), header_key("APV-Window")
    ('local_authority', 'apv_window')
    """
    return re.sub(r"[\s_-]+", "_", name.strip().casefold()).strip("_")


def sniff_delimiter(text: str) -> str:
    """The delimiter the header line (the first line not blank) uses most; a comma when none.

    >>> sniff_delimiter("\\nAuthority;Received\\n"), sniff_delimiter("authority\\treceived"), sniff_delimiter("x")
    (';', '\\t', ',')
    """
    line = next((line for line in text.splitlines() if line.strip()), "")
    counts = [line.count(delimiter) for delimiter in DELIMITERS]
    return DELIMITERS[counts.index(max(counts))] if max(counts) else ","


def parse_batch(text: str, source: str, known: Callable[[str], bool], names: Sequence[str] = ()) -> Batch:
    """Read the rows of a CSV; ``known(column)`` says whether a date column names a milestone,
    ``names`` lists the milestone ids a typo is compared with."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    limit = csv.field_size_limit()
    csv.field_size_limit(len(text) + 1)  # a long cell is that row's error (CELL_LIMIT), not the file's
    try:
        return parse_records(_records(reader, source), source, known, names)
    finally:
        csv.field_size_limit(limit)


def _records(reader: Any, source: str) -> Iterator[list[str]]:
    """The CSV's records, one per spreadsheet row; a CSV error as an InputError."""
    number, line = 0, 1  # the record read last, and the line the next one starts on
    try:
        for number, cells in enumerate(reader, start=1):  # noqa: B007  (the handler reads it)
            yield cells
            line = reader.line_num + 1
    except csv.Error as error:
        if str(error) == "unexpected end of data":  # the end of the file inside a quoted cell
            raise InputError(
                f"{source}: row {number + 1} (line {line}) opens a quote that is never closed, so the rest of "
                f"the file, to line {reader.line_num}, was read as one cell: close the quote"
            ) from None
        raise InputError(f"{source}: not valid CSV at line {reader.line_num} ({error})") from None


def parse_records(
    records: Iterable[Sequence[str]], source: str, known: Callable[[str], bool], names: Sequence[str] = ()
) -> Batch:
    """The rows of a table (a CSV's records or a workbook's rows), the header first.

    A problem with the table as a whole (no header, a required column missing, a column twice,
    a name like a known one) is an InputError; a problem with one row is a RowError, and the
    other rows go on.
    """
    numbered = enumerate(records, start=1)
    for _number, cells in numbered:
        if "".join(cells).strip():  # blank lines before the header are skipped
            header = [cell.strip() for cell in cells]
            break
    else:
        raise InputError(f"{source} is empty: give a header row, e.g. authority,received")
    header = [name or f"column {number}" for number, name in enumerate(header, start=1)]  # carried, named
    columns = _columns(header, source, known, names)
    extra_columns = [name for name, column in zip(header, columns, strict=True) if column is None]
    rows: list[BatchRow] = []
    errors: list[RowError] = []
    for number, cells in numbered:
        if "".join(cells).strip():  # blank lines, as spreadsheets leave them, are not rows (one join: 10,000 rows)
            parsed = _row(number, header, columns, cells)
            if isinstance(parsed, RowError):
                errors.append(parsed)
            else:
                rows.append(parsed)
    return Batch(rows, errors, header, extra_columns)


def _columns(header: list[str], source: str, known: Callable[[str], bool], names: Sequence[str]) -> list[str | None]:
    """Each header name's column (``authority``, ``wsoa``, ...), or None for one carried through."""
    if any(len(name) > CELL_LIMIT for name in header):
        raise InputError(f"{source}: a header name is longer than {CELL_LIMIT:,} characters: is it the right file?")
    columns: list[str | None] = []
    for name in header:
        key = header_key(name)
        key = ALIASES.get(key, key)
        milestone = key.replace("_", "-")
        column = key if key in NAMED else milestone if key and known(milestone) else None
        if column is None and key:
            close = difflib.get_close_matches(milestone, [*NAMED, *names], n=1, cutoff=SIMILAR)
            if close or any(char.isnumeric() and not char.isascii() for char in key):  # mv³, mv١
                guess = f"did you mean '{close[0]}'?" if close else "write its number with the digits 0-9"
                raise InputError(
                    f"{source}: unknown column '{name}': {guess} (a column named unlike authority, received, "
                    "framework, visits, previous_inadequate and the milestone ids is carried through untouched)"
                )
        if column is not None and column in columns:
            raise InputError(f"{source}: column '{name}' appears twice (as '{column}'): keep one")
        if column is None and name in header[: len(columns)]:
            raise InputError(f"{source}: column '{name}' appears twice: keep one")
        columns.append(column)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        found = ", ".join(f"'{name}'" for name in header[:5])
        raise InputError(
            f"{source}: no '{missing[0]}' column (the header read was {found}): the header needs authority,received"
        )
    return columns


def _row(number: int, header: list[str], columns: list[str | None], cells: Sequence[str]) -> BatchRow | RowError:
    if len(cells) > len(header):
        return RowError(number, None, f"has {len(cells)} cells but the header has {len(header)} columns")
    if cells and max(map(len, cells)) > CELL_LIMIT:  # one pass in C for the 10,000 rows that fit
        for name, cell in zip(header, cells, strict=False):
            if len(cell) > CELL_LIMIT:
                return RowError(number, name, f"a cell of {len(cell):,} characters: the limit is {CELL_LIMIT:,}")
    values: dict[str, str] = {}
    extra: list[str] = []
    for column, cell in zip(columns, [*cells, *[""] * (len(columns) - len(cells))], strict=True):
        if column is None:
            extra.append(cell)
        else:
            values[column] = cell.strip()
    for name in REQUIRED:
        if not values.get(name):
            return RowError(number, name, f"{name} is empty")
    try:
        field = "received"
        received = parse_date(values["received"])
        dates = {}
        for field, value in values.items():
            if field not in NAMED and value:
                dates[field] = parse_date(value)
        lists = {}
        for field in LISTS:
            items = [item.strip() for item in values.get(field, "").split(SEPARATOR)]
            lists[field] = tuple([parse_date(item) for item in items if item])
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
        extra=tuple(extra),
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
        said = None if history is None else history(rule_set.id, row.authority, row.received)
        try:
            request = row_request(row, extended[rule_set.id], reason, as_of, said)
        except InputError as error:
            yield RowError(row.row, "visits", str(error))
            continue
        try:
            yield build_timeline(request, calendar)
        except InputError as error:
            yield RowError(row.row, None, str(error))


def years_of(rows: Iterable[BatchRow], as_of: dt.date) -> tuple[int, int]:
    """The years a calendar for these rows must cover."""
    days = [as_of]
    for row in rows:
        days += [row.received, *row.dates.values(), *row.visits, *row.previous_inadequate]
    return calendar_years(days)

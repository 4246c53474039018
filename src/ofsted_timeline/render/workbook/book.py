"""The XlsxWriter workbook every sheet of ``sheets`` is written in: cell styles, column
widths, row heights and the A4 landscape printout they share.

XlsxWriter is imported when a workbook is made, so that other formats do not load it.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from ...escape import as_text

DATE_FORMAT = "ddd d mmm yyyy"
RED_FILL = "#FFC7CE"  # Excel's own "Bad" cell style: light red fill, dark red text
RED_TEXT = "#9C0006"
HEADER_FILL = "#D9D9D9"
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
    "Notes": 50,
    "In practice": 30,
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
# Characters of text a line holds per unit of column width (the width of "0"): about 1.17 for
# plain text in LibreOffice and 1.2 in Excel's Calibri; kept under both so that no row is too short.
PLAIN_PER_UNIT, BOLD_PER_UNIT = 1.15, 1.0
GRID = "#BFBFBF"  # the light lines between cells, so that one column's text does not run into the next
A4 = 9  # XlsxWriter's paper code
SHEET_ROWS = 1_048_576  # Excel's limit, the header row included


class Row(NamedTuple):
    """One row of a sheet: its cells (text, date, number or None) and how it stands out."""

    cells: Sequence[Any]
    bold: bool = False
    alert: bool = False


class Book:
    """An XlsxWriter workbook in memory, with the few cell styles every sheet shares."""

    def __init__(self, properties: dict[str, Any], large: bool = False) -> None:
        """``large``: rows are written to temporary files as they come (XlsxWriter's constant
        memory mode), for a batch of any size; otherwise the workbook is built in memory."""
        import xlsxwriter  # type: ignore[import-untyped]  # no type hints published

        self.buffer = io.BytesIO()
        # Strings stay strings: never read as formulas, numbers or links.
        memory = {"constant_memory": True} if large else {"in_memory": True}
        options = memory | {"strings_to_formulas": False, "strings_to_numbers": False}
        self.workbook = xlsxwriter.Workbook(self.buffer, options | {"strings_to_urls": False})
        self.workbook.set_properties(properties)
        self.styles: dict[tuple[bool, bool, bool, bool], Any] = {}
        self.plain: dict[tuple[str, bool, bool], Any] = {}

    def style(self, bold: bool = False, alert: bool = False, date: bool = False, header: bool = False) -> Any:
        key = (bold, alert, date, header)
        if key not in self.styles:
            properties: dict[str, Any] = {"valign": "top", "text_wrap": not date, "border": 1, "border_color": GRID}
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

    def sheet(self, name: str, header: Sequence[str], rows: Iterable[Row], preamble: Sequence[Row] = ()) -> None:
        """A sheet with a filtered header row, columns sized to their text and rows tall enough
        for their wrapped text (set here: LibreOffice does not size them on opening). The
        ``preamble`` rows come first (a label, then text across the other columns); without one
        the header row is frozen."""
        rows = list(rows)
        widths = [self._width(column, header, rows) for column in range(len(header))]
        worksheet = self._sheet(name, header, widths, len(preamble))
        for number, line in enumerate(preamble):
            self._line(worksheet, number, line, widths)
        top = len(preamble)
        for number, row in enumerate(rows, start=top + 1):
            self._row(worksheet, number, row, widths)
        worksheet.autofilter(top, 0, top + len(rows), len(header) - 1)

    def _line(self, worksheet: Any, number: int, line: Row, widths: Sequence[int]) -> None:
        """A preamble row: the title alone (larger, on one line over the columns beside it), or a
        bold label in column A and its text across the other columns."""
        if not line.cells:
            return
        label, *rest = line.cells
        if not rest:
            worksheet.write_string(number, 0, as_text(str(label)), self._plain("title", False, False))
            worksheet.set_row(number, LINE_HEIGHT * 1.4)
            return
        text = as_text(str(rest[0]))
        worksheet.write_string(number, 0, as_text(str(label)), self._plain("label", True, line.alert))
        worksheet.merge_range(number, 1, number, len(widths) - 1, text, self._plain("text", line.bold, line.alert))
        lines = max(_lines(text, sum(widths[1:]), line.bold), _lines(str(label), widths[0], True))
        worksheet.set_row(number, LINE_HEIGHT * lines)

    def _plain(self, kind: str, bold: bool, alert: bool) -> Any:
        """A preamble cell's style, without the table's grid lines: ``title``, ``label`` or ``text``."""
        key = (kind, bold, alert)
        if key not in self.plain:
            properties: dict[str, Any] = {"valign": "top", "text_wrap": kind != "title", "bold": bold or kind != "text"}
            if kind == "title":
                properties["font_size"] = 14
            if alert:
                properties |= {"bg_color": RED_FILL, "font_color": RED_TEXT}
            self.plain[key] = self.workbook.add_format(properties)
        return self.plain[key]

    def sheets(self, name: str, header: Sequence[str], rows: Iterable[Row], dates: Sequence[str]) -> int:
        """``rows`` written as they come, on as many sheets as Excel's row limit needs ("Milestones",
        "Milestones 2", ...); columns sized by their titles (``dates`` are the date columns).
        Returns the number of sheets."""
        widths = [
            DATE_WIDTH if title in dates else self._width(column, header, []) for column, title in enumerate(header)
        ]
        count, number = 1, 0
        worksheet = self._sheet(name, header, widths)
        for row in rows:
            if number == SHEET_ROWS - 1:
                worksheet.autofilter(0, 0, number, len(header) - 1)
                count, number = count + 1, 0
                worksheet = self._sheet(f"{name} {count}", header, widths)
            number += 1
            self._row(worksheet, number, row, widths)
        worksheet.autofilter(0, 0, number, len(header) - 1)
        return count

    def _sheet(self, name: str, header: Sequence[str], widths: Sequence[int], top: int = 0) -> Any:
        """A new sheet with its header row (on row ``top``) repeated on every printed page, and
        frozen when it is the first row; A4 landscape, one page wide."""
        worksheet = self.workbook.add_worksheet(name)
        for column, width in enumerate(widths):
            worksheet.set_column(column, column, width)
        self._row(worksheet, top, Row(header), widths, self.style(header=True))
        if top == 0:
            worksheet.freeze_panes(1, 0)
        worksheet.set_landscape()
        worksheet.set_paper(A4)
        worksheet.fit_to_pages(1, 0)
        worksheet.repeat_rows(top)
        return worksheet

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
            if isinstance(value, str):
                lines = max(lines, _lines(value, width, row.bold or style is not None))
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
        else:  # a styled blank: the grid lines and an alert's fill go across the whole row
            worksheet.write_blank(number, column, None, style or self.style(row.bold, row.alert))

    def close(self) -> bytes:
        self.workbook.close()
        return self.buffer.getvalue()


@functools.lru_cache(maxsize=8192)
def _lines(text: str, width: int, bold: bool) -> int:
    """The lines ``text`` wraps onto in a column ``width`` wide (see PLAIN_PER_UNIT): counted
    once for each text, as a batch's workbook writes the same rules' notes and bases thousands
    of times."""
    per_line = max(int(width * (BOLD_PER_UNIT if bold else PLAIN_PER_UNIT)) - WRAP_MARGIN, 1)
    # A line no longer than the column is one line, as textwrap would find (which widens only tabs)
    return sum(
        1 if len(part) <= per_line and "\t" not in part else max(1, len(textwrap.wrap(part, per_line)))
        for part in text.split("\n")
    )

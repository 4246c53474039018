"""``oftl history`` as an XLSX workbook, for analysts: every episode with the window drawn for
it, the figures per framework, and the notes.

As the timeline workbooks do: dates are typed dates shown the UK way, text is written as text
and neutralised (``as_csv.as_text``), the header row is frozen and filtered, and the same view
gives the same bytes (the created time is the as-of day, never the clock). XlsxWriter is
imported here only.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...dates import DAYS_PER_MONTH, format_day
from ...escape import as_text
from ...history.figures import HORIZON_WORDS
from ..as_history import national_notes, within_two_years
from .history_sheets import FIGURE_HEADER, figure_cells

if TYPE_CHECKING:
    from ...history import Episode, National, PracticeWindow

EPISODE_HEADER = (
    "Framework",
    "Authority",
    "URN",
    "Inadequate, published",
    "Status",
    "Re-inspection began (or counted to)",
    "Months",
    HORIZON_WORDS.capitalize(),
    "Window from (months)",
    "Window to (months)",
    "Window drawn",
    "Outcome",
    "Persistent failure",
    "Citation",
)
DATE_FORMAT = "ddd d mmm yyyy"


def _rows(view: National) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for family in view.families:
        tested = {id(trial.episode): trial for trial in family.backtest.trials}
        for episode in sorted((*family.figures.open, *family.figures.closed), key=lambda e: e.judgement.published):
            trial = tested.get(id(episode))
            window: PracticeWindow | None
            if trial is not None:
                window, drawn = trial.window, "as of its publication"
                outcome = {True: "held", False: "missed", None: "no window"}[trial.held]
            else:
                window, drawn = family.window, f"as of {format_day(family.known_to)}"
                outcome = "open, past the window" if window and (episode.days or 0) > window.high_days else "open"
            rows.append(_row(family.title, episode, window, drawn if window else "", outcome, view))
    return rows


def _row(
    title: str, episode: Episode, window: PracticeWindow | None, drawn: str, outcome: str, view: National
) -> list[Any]:
    within = within_two_years(episode)
    return [
        title,
        episode.authority,
        episode.judgement.urn,
        episode.judgement.published,
        episode.status,
        episode.end,
        None if episode.days is None else round(episode.days / DAYS_PER_MONTH, 1),
        {True: "yes", False: "no", None: "not yet known"}[within],
        None if window is None else round(window.low_months, 1),
        None if window is None else round(window.high_months, 1),
        drawn,
        outcome,
        "yes" if episode in view.persistent else "",
        episode.judgement.citation,
    ]


def national_xlsx(view: National) -> bytes:
    import xlsxwriter  # type: ignore[import-untyped]  # no type hints published

    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(buffer, options)
    as_of = view.data.as_of
    workbook.set_properties(
        {
            "title": "Re-inspection after an inadequate judgement, in practice",
            "author": "ofsted-timeline",
            "comments": f"As of {format_day(as_of)}. Computed with ofsted-timeline.",
            "created": dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC),
        }
    )
    formats = {
        "header": workbook.add_format({"bold": True, "bg_color": "#D9D9D9", "bottom": 1, "text_wrap": True}),
        "date": workbook.add_format({"num_format": DATE_FORMAT, "align": "left"}),
        "text": workbook.add_format({"text_wrap": True, "valign": "top"}),
    }
    _sheet(workbook, formats, "Episodes", EPISODE_HEADER, _rows(view))
    _sheet(workbook, formats, "Figures", FIGURE_HEADER, [list(figure_cells(family)) for family in view.families])
    _sheet(workbook, formats, "Notes", ("Note",), [[note] for note in national_notes(view)])
    workbook.close()
    return buffer.getvalue()


def _sheet(workbook: Any, formats: dict[str, Any], name: str, header: Sequence[str], rows: list[list[Any]]) -> None:
    sheet = workbook.add_worksheet(name)
    for column, title in enumerate(header):
        longest = max([len(title)] + [len(str(row[column])) for row in rows if row[column] is not None])
        sheet.set_column(column, column, min(max(longest + 2, 10), 60 if name == "Notes" else 40))
        sheet.write_string(0, column, title, formats["header"])
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(number, column, dt.datetime(value.year, value.month, value.day), formats["date"])
            elif isinstance(value, int | float):
                sheet.write_number(number, column, value)
            elif value:
                sheet.write_string(number, column, as_text(str(value)), formats["text"])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(header) - 1)

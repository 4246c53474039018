"""One table of every output: what is rendered (a timeline, a batch's row, a check, ...) and in
which format, to the renderer that writes it; and each format's file extensions.

Every command picks its output here, and its ``--format`` choices, their help and what
``-o FILE`` implies come from the same table. Renderers are named, not imported: each is
imported when first called, so a command pays for nothing it does not print (rich for tables,
XlsxWriter for workbooks).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ..batch import BatchRow
    from ..check import CheckResult
    from ..timeline import Timeline


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"
    svg = "svg"
    html = "html"
    xlsx = "xlsx"


EXTENSIONS = {
    Format.table: (".txt",),
    Format.json: (".json",),
    Format.csv: (".csv",),
    Format.markdown: (".md", ".markdown"),
    Format.ics: (".ics",),
    Format.svg: (".svg",),
    Format.html: (".html", ".htm"),
    Format.xlsx: (".xlsx",),
}
"""Each format's file extensions, the one help names first."""

FORMATS_BY_EXTENSION = {extension: form for form, extensions in EXTENSIONS.items() for extension in extensions}


What = Literal[
    "timeline",  # deadlines, visit, reinspection, meeting
    "batch",  # made once per batch from its Options: renders each authority's part where it was computed
    "check",  # a plan's findings
    "history",  # the national picture of inspections in practice
    "authority",  # one authority's record in the history
    "rules",
    "frameworks",
    "holidays",  # the bank holidays of a year
    "holiday-check",  # how they differ from gov.uk's list
]
"""What is rendered: each command's output, keyed in ``OUTPUTS``."""


class Options:
    """What some renderers of a timeline take besides the timeline (a plain class: a NamedTuple
    of nine fields costs start-up time every command pays)."""

    __slots__ = ("needs", "remind", "details", "hint", "more", "short_needs", "upcoming", "everything", "extra")

    def __init__(
        self,
        needs: Mapping[str, str] = MappingProxyType({}),
        remind: int | None = None,
        *,
        details: bool = False,
        hint: str = "",
        more: str = "",
        short_needs: Mapping[str, str] = MappingProxyType({}),
        upcoming: bool = False,
        everything: bool = False,
        extra: tuple[str, ...] = (),
    ) -> None:
        self.needs = needs  # what supplies each missing anchor, for "not dated" rows
        self.remind = remind  # calendar alarms, working days before each open statutory deadline
        self.details = details  # the table: every column, not the one-line view
        self.hint = hint  # the full table's closing hint
        self.more = more  # the one-line view's hint of what more there is
        self.short_needs = short_needs  # the one-line view's ``needs``
        self.upcoming = upcoming  # the one-line view leaves out what is done or passed
        self.everything = everything  # the one-line view shows every milestone
        self.extra = extra  # a batch's other columns, carried through by json, csv and xlsx


class Named:
    """A renderer named by its module under render/ and its function, imported when called."""

    def __init__(self, module: str, function: str) -> None:
        self.module, self.function = module, function

    def __call__(self, *arguments: Any) -> Any:
        return getattr(importlib.import_module(f"{__package__}.{self.module}"), self.function)(*arguments)


def _with_newline(module: str, function: str) -> Callable[..., str]:
    """A renderer of a JSON document, which ends with a newline on output."""
    named = Named(module, function)
    return lambda *arguments: f"{named(*arguments)}\n"


def _timeline_table(timeline: Timeline, options: Options) -> Any:
    """A rich table: every column with ``details``, else the one-line view."""
    if options.details:
        from .as_details import timeline_table

        return timeline_table(timeline, dict(options.needs), options.hint)
    from .as_summary import timeline_summary

    return timeline_summary(timeline, dict(options.short_needs), options.upcoming, options.more, options.everything)


def _timeline_json(timeline: Timeline, options: Options) -> str:
    from .as_json import timeline_json

    return timeline_json(timeline) + "\n"


def _timeline_csv(timeline: Timeline, options: Options) -> str:
    from .as_csv import timeline_csv

    return timeline_csv(timeline, dict(options.needs))


def _timeline_markdown(timeline: Timeline, options: Options) -> str:
    from .as_markdown import timeline_markdown

    return timeline_markdown(timeline)


def _timeline_ics(timeline: Timeline, options: Options) -> str:
    from .as_ics import timeline_ics

    return timeline_ics(timeline, options.remind)


def _timeline_svg(timeline: Timeline, options: Options) -> str:
    from .chart.as_svg import timeline_svg

    return timeline_svg(timeline)


def _timeline_html(timeline: Timeline, options: Options) -> str:
    from .chart.as_html import timeline_html

    return timeline_html(timeline)


def _timeline_xlsx(timeline: Timeline, options: Options) -> bytes:
    from .workbook.sheets import timeline_xlsx

    return timeline_xlsx(timeline)


TIMELINE: dict[Format, Callable[[Timeline, Options], Any]] = {
    Format.table: _timeline_table,
    Format.json: _timeline_json,
    Format.csv: _timeline_csv,
    Format.markdown: _timeline_markdown,
    Format.ics: _timeline_ics,
    Format.svg: _timeline_svg,
    Format.html: _timeline_html,
    Format.xlsx: _timeline_xlsx,
}


def _per_row(renderer: Callable[[BatchRow, Timeline, Options], Any]) -> Callable[[Options], Callable[..., Any]]:
    """A batch's renderer is made once per batch from its options, and renders each row's part."""
    return lambda options: lambda row, timeline: renderer(row, timeline, options)


def _carried(row: BatchRow, options: Options) -> dict[str, str]:
    return dict(zip(options.extra, row.extra, strict=True))


def _batch_json(options: Options) -> Callable[[BatchRow, Timeline], bytes]:
    """The parts streamed out (json, csv, ics) come back as UTF-8: a worker encodes its own, and the
    parent, which takes every part back and writes it, neither decodes nor encodes hundreds of megabytes."""
    from .as_batch import TimelineLines

    line = TimelineLines().line  # the batch's encoded pieces, in each worker's copy
    return lambda row, timeline: line(row.row, timeline, _carried(row, options))


def _batch_csv(options: Options) -> Callable[[BatchRow, Timeline], bytes]:
    from .as_batch import CsvRows

    rows = CsvRows(options.needs).rows  # the batch's quoted cells, in each worker's copy
    return lambda row, timeline: rows(timeline, _carried(row, options))


def _batch_ics(row: BatchRow, timeline: Timeline, options: Options) -> bytes:
    from .as_ics import events_ics

    return events_ics(timeline, options.remind).encode("utf-8")


def _batch_chart(row: BatchRow, timeline: Timeline, options: Options) -> Any:
    return TIMELINE[Format.svg](timeline, options)


def _batch_page(row: BatchRow, timeline: Timeline, options: Options) -> Any:
    return TIMELINE[Format.html](timeline, options)


def _batch_workbook(row: BatchRow, timeline: Timeline, options: Options) -> tuple[Timeline, tuple[str, ...]]:
    """A workbook takes the timelines themselves, and the row's other columns."""
    return timeline, row.extra


def _batch_summary(row: BatchRow, timeline: Timeline, options: Options) -> tuple[tuple[str, ...], bool]:
    """One row of the summary (table or markdown), and its alert."""
    from .as_batch import summary_alert, summary_row

    return summary_row(row.row, timeline), summary_alert(timeline)


def _check_chart(result: CheckResult, timeline: Timeline, plan: str) -> str:
    from .as_check import check_chart

    return check_chart(result, timeline, page=False)


def _check_page(result: CheckResult, timeline: Timeline, plan: str) -> str:
    from .as_check import check_chart

    return check_chart(result, timeline, page=True)


OUTPUTS: dict[What, dict[Format, Callable[..., Any]]] = {
    "timeline": dict(TIMELINE),
    "batch": {
        Format.table: _per_row(_batch_summary),
        Format.json: _batch_json,
        Format.csv: _batch_csv,
        Format.markdown: _per_row(_batch_summary),
        Format.ics: _per_row(_batch_ics),
        Format.svg: _per_row(_batch_chart),
        Format.html: _per_row(_batch_page),
        Format.xlsx: _per_row(_batch_workbook),
    },
    "check": {
        Format.table: Named("as_check", "check_text"),
        Format.json: Named("as_check", "check_json"),
        Format.svg: _check_chart,
        Format.html: _check_page,
        Format.xlsx: Named("workbook.sheets", "check_xlsx"),
    },
    "history": {
        Format.table: Named("history.history_table", "national_table"),
        Format.json: Named("as_history", "national_json"),
        Format.csv: Named("history.history_sheets", "national_csv"),
        Format.markdown: Named("history.history_sheets", "national_markdown"),
        Format.svg: Named("chart.history_chart", "national_svg"),
        Format.html: Named("chart.history_chart", "national_html"),
        Format.xlsx: Named("history.history_book", "national_xlsx"),
    },
    "authority": {
        Format.table: Named("history.history_table", "authority_table"),
        Format.json: Named("as_history", "authority_json"),
        Format.csv: Named("history.history_sheets", "authority_csv"),
        Format.markdown: Named("history.history_sheets", "authority_markdown"),
    },
    "rules": {
        Format.table: Named("as_table", "rules_table"),
        Format.json: _with_newline("as_json", "rules_json"),
        Format.xlsx: Named("workbook.sheets", "rules_xlsx"),
    },
    "frameworks": {
        Format.table: Named("as_table", "frameworks_table"),
        Format.json: lambda sets, periods: Named("as_json", "frameworks_json")(sets) + "\n",
    },
    "holidays": {
        Format.table: Named("as_table", "holidays_table"),
        Format.json: _with_newline("as_json", "holidays_json"),
    },
    "holiday-check": {
        Format.table: Named("as_holidays", "check_text"),
        Format.json: Named("as_holidays", "check_json"),
    },
}
"""What is rendered → format → renderer: a command writes only the formats its entry lists."""


def formats(what: What) -> tuple[Format, ...]:
    """The formats ``what`` is written in, in the table's order."""
    return tuple(OUTPUTS[what])


def render(what: What, form: Format) -> Callable[..., Any]:
    """The renderer of ``what`` in format ``form``."""
    return OUTPUTS[what][form]

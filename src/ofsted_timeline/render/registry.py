"""One table from output format to renderer, and from a file's extension to its format.

Every command picks its output here: ``FORMATS_BY_EXTENSION`` is what ``-o FILE`` implies,
``TIMELINE`` renders a timeline in any format but the terminal's table (text, or bytes for a
workbook). Renderers are imported only when used,
so a command pays for nothing it does not print (rich for tables, icalendar for calendars).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
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


FORMATS_BY_EXTENSION = {
    ".txt": Format.table,
    ".json": Format.json,
    ".csv": Format.csv,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".ics": Format.ics,
    ".svg": Format.svg,
    ".html": Format.html,
    ".htm": Format.html,
    ".xlsx": Format.xlsx,
}


class Options(NamedTuple):
    """What some renderers take besides the timeline."""

    needs: Mapping[str, str] = MappingProxyType({})  # what supplies each missing anchor, for "not dated" rows
    remind: int | None = None  # calendar alarms, working days before each open statutory deadline


def _json(timeline: Timeline, options: Options) -> str:
    from .as_json import timeline_json

    return timeline_json(timeline) + "\n"


def _csv(timeline: Timeline, options: Options) -> str:
    from .as_csv import timeline_csv

    return timeline_csv(timeline, dict(options.needs))


def _markdown(timeline: Timeline, options: Options) -> str:
    from .as_markdown import timeline_markdown

    return timeline_markdown(timeline)


def _ics(timeline: Timeline, options: Options) -> str:
    from .as_ics import timeline_ics

    return timeline_ics(timeline, options.remind)


def _svg(timeline: Timeline, options: Options) -> str:
    from .as_svg import timeline_svg

    return timeline_svg(timeline)


def _html(timeline: Timeline, options: Options) -> str:
    from .as_html import timeline_html

    return timeline_html(timeline)


def _xlsx(timeline: Timeline, options: Options) -> bytes:
    from .as_xlsx import timeline_xlsx

    return timeline_xlsx(timeline)


TIMELINE: dict[Format, Callable[[Timeline, Options], str | bytes]] = {
    Format.json: _json,
    Format.csv: _csv,
    Format.markdown: _markdown,
    Format.ics: _ics,
    Format.svg: _svg,
    Format.html: _html,
    Format.xlsx: _xlsx,
}

"""CSV for spreadsheets: one row per milestone with the JSON's fields and ISO dates.

The text is plain UTF-8 without a byte-order mark, lines ended with CRLF (RFC 4180): what
scripts and ``csv.DictReader`` read as they are. Spreadsheet users get a workbook (``-o
file.xlsx``), which Excel opens with "25–35" and accented names intact.

A text cell that a spreadsheet would take for a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) gets a leading ``'``, the OWASP rule against CSV
injection: an authority named ``=HYPERLINK(...)`` shows as text, not as a link. Dates (ISO,
starting with a digit) and numbers are never changed.
"""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..escape import as_text
from ..timeline import Milestone, Timeline
from .as_json import MILESTONE_FIELDS, milestone_record

NOTE_SEPARATOR = " | "
UNDATED_STATUS = "not-dated"
SKIPPED_STATUS = "not-applicable"


def timeline_csv(timeline: Timeline, needs: dict[str, str]) -> str:
    """Dated milestones in date order, then those not dated yet (status ``not-dated``) and
    those that do not apply (``not-applicable``), so that the sheet lists every rule."""
    return csv_header(timeline.rule_set.root.field) + csv_body(timeline, needs)


def csv_header(root_field: str, carried: Sequence[str] = ()) -> str:
    """The header line; ``root_field`` names the day counted from (``received`` for deadlines);
    ``carried``: a batch file's other columns, after the timeline's."""
    return ",".join(as_text(name) for name in fields(root_field, carried)) + "\r\n"


def fields(root_field: str, carried: Sequence[str] = ()) -> list[str]:
    """The columns; a carried column named like one of the timeline's is prefixed ``input_``."""
    names = ["authority", "framework", root_field, "calendar", "as_of", "persistent_failure", *MILESTONE_FIELDS]
    for name in carried:
        while name in names:
            name = f"input_{name}"
        names.append(name)
    return names


def csv_body(timeline: Timeline, needs: dict[str, str], carried: dict[str, str] | None = None) -> str:
    """One timeline's rows without the header, so that ``oftl batch`` can append many; each row
    ends with ``carried``'s cells, a batch file's other columns."""
    names = fields(timeline.rule_set.root.field, list(carried or {}))
    return written(csv_rows(timeline, needs), names, list((carried or {}).values()))


def written(rows: Iterable[dict[str, Any]], names: Sequence[str], carried: Sequence[str] = ()) -> str:
    """The rows' cells in the columns ``names``, each row ended with the ``carried`` cells (a batch
    file's other columns, the last of ``names``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    extra = [as_text(cell) for cell in carried]
    for row in rows:
        writer.writerow([as_text(row.get(name, "")) for name in names[: len(names) - len(extra)]] + extra)
    return buffer.getvalue()


def row_context(timeline: Timeline) -> dict[str, str]:
    return {
        "authority": timeline.authority or "",
        "framework": timeline.rule_set.id,
        timeline.rule_set.root.field: timeline.start.isoformat(),
        "calendar": timeline.calendar.source,
        "as_of": timeline.as_of.isoformat(),
        "persistent_failure": timeline.persistent_failure,
    }


def csv_rows(timeline: Timeline, needs: dict[str, str]) -> Iterator[dict[str, Any]]:
    context = row_context(timeline)
    for milestone in timeline.milestones:
        yield context | milestone_cells(milestone)
    yield from undated_rows(timeline, needs, context)


def milestone_cells(milestone: Milestone) -> dict[str, Any]:
    """A milestone's cells: the JSON's fields, flags as ``true``/``false``, notes joined."""
    record = milestone_record(milestone)
    record["projected"] = str(record["projected"]).lower()
    record["unverified"] = str(record["unverified"]).lower()
    record["local"] = record["local"] or ""
    record["practice"] = record["practice"] or ""
    record["notes"] = NOTE_SEPARATOR.join(record["notes"])
    return record


def undated_rows(timeline: Timeline, needs: dict[str, str], context: dict[str, str]) -> Iterator[dict[str, Any]]:
    """The rows after the milestones: the rules not dated yet, then those that do not apply."""
    for undated in timeline.undated:
        needed = needs.get(undated.needs, undated.needs)
        yield (
            context
            | {"id": undated.id, "rule": undated.id, "title": undated.title, "status": UNDATED_STATUS}
            | {"by": timeline.rule_set.get(undated.id).by}
            | {"status_text": f"needs {needed}", "projected": "false"}
        )
    for item in timeline.not_applicable:
        yield (
            context
            | {"id": item.id, "rule": item.id, "title": item.title, "status": SKIPPED_STATUS}
            | {"by": timeline.rule_set.get(item.id).by}
            | {"status_text": item.reason, "projected": "false"}
        )

"""``oftl batch`` output: JSON of every timeline, or a summary per authority (table, Markdown)."""

import json
from collections.abc import Sequence

from ..batch import RowError
from ..dates import format_day
from ..timeline import Milestone, Timeline
from .as_json import milestone_record

SUMMARY_COLUMNS = ("Row", "Authority", "Received", "Framework", "Next statutory deadline", "Status")


def batch_json(timelines: Sequence[tuple[int, Timeline]], errors: Sequence[RowError]) -> str:
    document = {
        "timelines": [
            {
                "row": row,
                "authority": timeline.authority,
                "received": timeline.start.isoformat(),
                "framework": timeline.rule_set.id,
                "as_of": timeline.as_of.isoformat(),
                "milestones": [milestone_record(m) for m in timeline.milestones],
                "notes": list(timeline.notes),
            }
            for row, timeline in timelines
        ],
        "errors": [error._asdict() for error in errors],
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def next_statutory(timeline: Timeline) -> Milestone | None:
    """The statutory milestone to act on: the first overdue one, else the next one due."""
    open_ones = [m for m in timeline.milestones if m.kind == "statutory" and m.actual is None]
    overdue = [m for m in open_ones if m.status.code == "overdue"]
    ahead = [m for m in open_ones if m.latest >= timeline.as_of]
    return (overdue or ahead or [None])[0]


def summary_rows(timelines: Sequence[tuple[int, Timeline]]) -> list[tuple[str, ...]]:
    rows = []
    for row, timeline in timelines:
        milestone = next_statutory(timeline)
        deadline = f"{milestone.title}: {format_day(milestone.latest)}" if milestone else "none open"
        status = milestone.status.text if milestone else "every statutory date given"
        rows.append(
            (str(row), timeline.authority or "", format_day(timeline.start), timeline.rule_set.id, deadline, status)
        )
    return rows


def batch_markdown(timelines: Sequence[tuple[int, Timeline]], errors: Sequence[RowError], as_of: str) -> str:
    lines = [
        f"## Ofsted inspection timelines: {len(timelines)} authorities, as of {as_of}",
        "",
        "| " + " | ".join(SUMMARY_COLUMNS) + " |",
        "|" + "---|" * len(SUMMARY_COLUMNS),
    ]
    for cells in summary_rows(timelines):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    if errors:
        lines += ["", f"Rows not computed ({len(errors)}):", ""]
        lines += [f"- {error_line(error)}" for error in errors]
    return "\n".join(lines) + "\n"


def error_line(error: RowError) -> str:
    field = f", {error.field}" if error.field else ""
    return f"row {error.row}{field}: {error.message}"

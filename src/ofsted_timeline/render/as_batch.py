"""``oftl batch`` output: JSON of every timeline, or a summary per authority (table, Markdown).

Each authority's part is rendered where it was computed (in a worker process for a large
batch) and the parts are put together here.
"""

import json
from collections.abc import Iterator, Sequence

from ..batch import RowError
from ..dates import format_day
from ..escape import visible
from ..rules import Kind
from ..timeline import Milestone, Timeline, short_title
from .as_json import milestone_record

SUMMARY_COLUMNS = (
    "Row",
    "Authority",
    "Received",
    "Framework",
    "Persistent failure",
    "Next statutory deadline",
    "Status",
)


def timeline_line(row: int, timeline: Timeline, carried: dict[str, str] | None = None) -> str:
    """One authority's timeline as one line of JSON, an element of ``timelines``; ``carried``:
    the batch file's other columns, untouched, as ``"input": {column: cell}``."""
    record: dict[str, object] = {
        "row": row,
        "authority": timeline.authority,
        "received": timeline.start.isoformat(),
        "framework": timeline.rule_set.id,
        "as_of": timeline.as_of.isoformat(),
        "milestones": [milestone_record(m) for m in timeline.milestones],
        "notes": list(timeline.notes),
    }
    if carried:
        record["input"] = carried
    return json.dumps(record, ensure_ascii=False)


def batch_json(lines: Iterator[bytes], errors: list[RowError], calendar: dict[str, object]) -> Iterator[bytes]:
    """``{"calendar": ..., "timelines": [...], "errors": [...]}`` in UTF-8 pieces, one timeline
    (``timeline_line``, encoded) a line so that large files stay greppable. ``errors`` is read
    at the end, once ``lines`` has filled it."""
    yield ('{"calendar": ' + json.dumps(calendar, ensure_ascii=False) + ',\n"timelines": [\n').encode("utf-8")
    for number, line in enumerate(lines):
        yield (b",\n" if number else b"") + line
    errors_json = json.dumps([error._asdict() for error in sorted(errors)], ensure_ascii=False)
    yield f'\n],\n"errors": {errors_json}}}\n'.encode()


def next_statutory(timeline: Timeline) -> Milestone | None:
    """The statutory milestone to act on: the first late or overdue one, else the next one due."""
    statutory = [m for m in timeline.milestones if m.kind is Kind.STATUTORY]
    alerts = [m for m in statutory if m.status.alert]
    ahead = [m for m in statutory if m.actual is None and m.latest >= timeline.as_of]
    return next(iter(alerts or ahead), None)


def summary_alert(timeline: Timeline) -> bool:
    """Whether the summary's statutory milestone is late, early or overdue."""
    milestone = next_statutory(timeline)
    return milestone is not None and milestone.status.alert


def summary_row(row: int, timeline: Timeline) -> tuple[str, ...]:
    milestone = next_statutory(timeline)
    deadline = f"{short_title(milestone)}: {format_day(milestone.latest)}" if milestone else "none open"
    status = milestone.status.text if milestone else "every statutory date given"
    counted = timeline.persistent_judgements
    definition = timeline.rule_set.persistent_failure
    persistent = f"MET: {len(counted)} within {definition.years} years" if counted and definition else ""
    return (
        str(row),
        timeline.authority or "",
        format_day(timeline.start),
        timeline.rule_set.id,
        persistent,
        deadline,
        status,
    )


def batch_markdown(
    rows: Sequence[tuple[str, ...]], errors: Sequence[RowError], heading: str, calendar_sentence: str
) -> str:
    from .as_markdown import literal

    lines = [f"## {literal(heading)}", ""]
    lines += ["| " + " | ".join(SUMMARY_COLUMNS) + " |", "|" + "---|" * len(SUMMARY_COLUMNS)]
    lines += ["| " + " | ".join(literal(cell) for cell in cells) + " |" for cells in rows]
    if errors:
        lines += ["", f"Rows not computed ({len(errors)}):", ""]
        lines += [f"- {literal(error_line(error))}" for error in errors]
    lines += ["", literal(calendar_sentence)]
    return "\n".join(lines) + "\n"


def error_line(error: RowError) -> str:
    """``row 3, received: ...``; the message echoes the cell, so its control characters are escaped."""
    field = f", {error.field}" if error.field else ""
    return visible(f"row {error.row}{field}: {error.message}")

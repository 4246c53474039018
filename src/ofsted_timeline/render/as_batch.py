"""``oftl batch`` output: JSON of every timeline, or a summary per authority (table, Markdown).

Each authority's part is rendered where it was computed (in a worker process for a large
batch) and the parts are put together here.
"""

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ..batch import RowError
from ..dates import format_day
from ..escape import as_text, visible
from ..rules import Kind, Rule
from ..timeline import Milestone, Timeline, short_title
from .as_csv import NOTE_SEPARATOR, fields, milestone_cells, row_context, undated_rows, written
from .as_json import MILESTONE_FIELDS, milestone_record

SUMMARY_COLUMNS = (
    "Row",
    "Authority",
    "Received",
    "Framework",
    "Persistent failure",
    "Next statutory deadline",
    "Status",
)


VARYING = ("earliest", "latest", "actual", "basis", "status", "status_text", "projected", "notes")
"""The fields of ``milestone_record`` that differ from one authority's milestone to the next."""


_dumps = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(value, ensure_ascii=False), its encoder made once


class _Encoded(dict[Any, bytes]):
    """Each key's encoding, made on its first use and looked up once on every other."""

    def __init__(self, encode: Callable[[Any], bytes]) -> None:
        super().__init__()
        self._encode = encode

    def __missing__(self, key: Any) -> bytes:
        encoded = self[key] = self._encode(key)
        return encoded


class _Pieces:
    """A batch's milestones written from pieces each encoded once per batch, byte for byte as the
    format's own writer writes them, in UTF-8. A batch writes hundreds of thousands of milestones
    whose fixed fields (a rule's id, title, kind, owner, source and marks) and texts (bases,
    statuses, notes) recur from one authority to the next. One is made per batch (in each worker
    process), so what it keeps lives as long as the batch. Bytes, not text: joining text that
    mixes ASCII with a dash or an accent widens every piece, and the whole is encoded again."""

    QUOTE = ""  # around a date
    NONE = b""  # an actual date not given

    def __init__(self) -> None:
        # (rule, milestone id, title) -> the milestone written, cut around the VARYING fields; the
        # rule is kept with its pieces, so that its id() names no other rule while they are kept
        self._pieces: dict[tuple[int, str, str], tuple[Rule, tuple[bytes, ...]]] = {}
        self._texts = _Encoded(lambda value: self._encode(value).encode())  # a text, or notes
        self._days = _Encoded(lambda day: f"{self.QUOTE}{day.isoformat()}{self.QUOTE}".encode())

    def _milestone(self, milestone: Milestone) -> tuple[bytes, ...]:
        """The milestone written, in pieces: joined once with the rest of its timeline's."""
        milestone_id, rule, title, earliest, latest, actual, basis, status, _, notes, projected = milestone
        found = self._pieces.get((id(rule), milestone_id, title))
        if found is None:
            cut = tuple(piece.encode() for piece in self._cut(milestone))
            found = self._pieces[id(rule), milestone_id, title] = rule, cut
        cut, texts, days = found[1], self._texts, self._days
        return (
            cut[0],
            days[earliest],
            cut[1],
            days[latest],
            cut[2],
            self.NONE if actual is None else days[actual],
            cut[3],
            texts[basis],
            cut[4],
            texts[status.code],
            cut[5],
            texts[status.text],
            cut[6],
            b"true" if projected else b"false",
            cut[7],
            texts[notes],
            cut[8],
        )

    def _cut(self, milestone: Milestone) -> tuple[str, ...]:
        """The milestone written, as the text before each VARYING field and after the last: the
        same for every milestone of its rule, id and title."""
        raise NotImplementedError

    def _encode(self, value: str | tuple[str, ...]) -> str:
        """A text (or notes) as the format writes it."""
        raise NotImplementedError


class TimelineLines(_Pieces):
    """Each authority's timeline as one line of JSON, an element of ``timelines``: byte for byte
    what ``json.dumps`` writes of the record, in UTF-8."""

    QUOTE = '"'
    NONE = b"null"

    def line(self, row: int, timeline: Timeline, carried: dict[str, str] | None = None) -> bytes:
        """``carried``: the batch file's other columns, untouched, as ``"input": {column: cell}``."""
        # {"row": ..., "authority": ..., "received": ..., "framework": ..., "as_of": ..., written as
        # json.dumps writes that dict (dates and a row number need no escaping)
        head = (
            f'{{"row": {row:d}, "authority": {_dumps(timeline.authority)}, "received": "{timeline.start.isoformat()}", '
            f'"framework": {_dumps(timeline.rule_set.id)}, "as_of": "{timeline.as_of.isoformat()}", "milestones": ['
        )
        tail = _dumps({"notes": list(timeline.notes)} | ({"input": carried} if carried else {}))
        pieces = [head.encode()]
        for milestone in timeline.milestones:
            pieces += self._milestone(milestone)
            pieces.append(b", ")
        if timeline.milestones:
            pieces.pop()  # no separator after the last milestone
        pieces += (b"], ", tail[1:].encode())
        return b"".join(pieces)  # once: each byte copied once

    def _cut(self, milestone: Milestone) -> tuple[str, ...]:
        record = milestone_record(milestone)
        if [name for name in record if name in VARYING] != list(VARYING):
            raise AssertionError(f"milestone_record's fields changed: {list(record)}")
        pieces, text = [], "{"
        for name, value in record.items():
            text += ("" if text == "{" else ", ") + _dumps(name) + ": "
            if name in VARYING:
                pieces.append(text)
                text = ""
            else:
                text += _dumps(value)
        return (*pieces, text + "}")

    def _encode(self, value: str | tuple[str, ...]) -> str:
        return _dumps(value)


class CsvRows(_Pieces):
    """Each authority's timeline as CSV rows: byte for byte what ``csv_body`` writes."""

    def __init__(self, needs: Mapping[str, str]) -> None:
        super().__init__()
        self._needs = dict(needs)
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")

    def rows(self, timeline: Timeline, carried: dict[str, str] | None = None) -> bytes:
        """``carried``: the batch file's other columns, untouched, at the end of each row."""
        context = row_context(timeline)
        extra = list((carried or {}).values())
        head = (self._joined(list(context.values())) + ",").encode()
        tail = (("," + self._joined(extra) if extra else "") + "\r\n").encode()
        lines = [b"".join((head, *self._milestone(milestone), tail)) for milestone in timeline.milestones]
        names = fields(timeline.rule_set.root.field, list(carried or {}))
        return b"".join(lines) + written(undated_rows(timeline, self._needs, context), names, extra).encode()

    def _cut(self, milestone: Milestone) -> tuple[str, ...]:
        record = milestone_cells(milestone)
        pieces, text = [], ""
        for number, name in enumerate(MILESTONE_FIELDS):
            comma = "," if number else ""
            if name in VARYING:
                pieces.append(text + comma)
                text = ""
            else:
                text += comma + self._joined([record[name]])
        if len(pieces) != len(VARYING):
            raise AssertionError(f"the CSV columns changed: {MILESTONE_FIELDS}")
        return (*pieces, text)

    def _encode(self, value: str | tuple[str, ...]) -> str:
        return self._joined([NOTE_SEPARATOR.join(value) if isinstance(value, tuple) else value])

    def _joined(self, cells: list[Any]) -> str:
        """Cells as a row of the CSV writes them, without the row's end (and never as a row of one
        empty cell, which the writer quotes)."""
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow([*(as_text(cell) for cell in cells), ""])
        return self._buffer.getvalue()[:-3]


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

"""What a timeline's user should be told but not stopped for (pure: "today" is a parameter).

Days that cannot be meant as they stand: a status day (as of) before the report was received,
where nothing can be due or late yet (it stands when a receipt is forecast, so it is said, not
refused); and a receipt more than a year after today, which no council has yet and is most
often a mistyped year. And an authority name the inspection history cannot match: the
timeline is still computed, without the authority's record. The shell says each on stderr,
one line each, and the exit code is what it would have been.

>>> import datetime as dt
>>> receipt_far_ahead(dt.date(2027, 12, 3), today=dt.date(2026, 12, 2))
True
>>> receipt_far_ahead(dt.date(2027, 12, 2), today=dt.date(2026, 12, 2))  # a year to the day: not yet
False
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .dates import add_months, format_day

if TYPE_CHECKING:
    from .timeline import Timeline

__all__ = ["as_of_before_receipt", "receipt_far_ahead", "timeline_doubts", "unmatched"]

AHEAD_MONTHS = 12  # a receipt further after today than this is doubted
BEFORE_RECEIPT = "every date is still to come and nothing can be late yet"
FAR_AHEAD = "check the year"


def as_of_before_receipt(received: dt.date, as_of: dt.date) -> bool:
    return as_of < received


def receipt_far_ahead(received: dt.date, today: dt.date) -> bool:
    return received > add_months(today, AHEAD_MONTHS)


def unmatched(problem: str) -> str:
    """An authority name the history cannot match (``AuthorityMatch.problem``), and what follows."""
    stop = "" if problem.endswith("?") else "."
    return f"{problem}{stop} Computed without its record (earlier inadequate judgements, re-inspection)."


def timeline_doubts(timeline: Timeline, today: dt.date) -> list[str]:
    """What to say of one timeline: its days, for a timeline counted from a report's receipt,
    and its authority's name."""
    said = []
    if timeline.rule_set.root.field == "received":
        received = timeline.start
        if as_of_before_receipt(received, timeline.as_of):
            said.append(
                f"as of {format_day(timeline.as_of)}, before the report was received ({format_day(received)}): "
                f"{BEFORE_RECEIPT}"
            )
        if receipt_far_ahead(received, today):
            said.append(
                f"the report's receipt, {format_day(received)}, is more than a year after today "
                f"({format_day(today)}): {FAR_AHEAD}"
            )
    record = timeline.history.authority if timeline.history is not None else None
    if record is not None and record.name is None:
        from .history.names import describe

        said.append(unmatched(describe(record.query, record.note, record.suggestions)))
    return said

"""``oftl holidays --check``: how the calendar in use differs from a gov.uk list, as text or JSON."""

import json
from collections.abc import Sequence

from ..calendar import WorkingCalendar
from ..dates import format_day
from ..escape import visible
from ..govuk import Difference


def check_text(source: str, calendar: WorkingCalendar, years: Sequence[int], found: Sequence[Difference]) -> str:
    """One line per day on one list only, then the verdict; ``source`` names the file compared."""
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    lines = [f"{'only in ' + source if d.published else 'only in oftl'}: {format_day(d.day)} {d.title}" for d in found]
    verdict = "differ" if found else "agree"
    lines.append(
        f"{source} and oftl's calendar ({calendar.source}) {verdict} for {span}"
        + (f": {len(found)} working day{'s differ' if len(found) != 1 else ' differs'}." if found else ".")
    )
    if any(d.published for d in found):
        lines.append(f"To count the published dates, pass the file: --holidays-file {source}")
    return "\n".join(visible(line) for line in lines) + "\n"  # the file's name and titles


def check_json(source: str, calendar: WorkingCalendar, years: Sequence[int], found: Sequence[Difference]) -> str:
    document = {
        "file": source,
        "calendar": calendar.source,
        "years": list(years),
        "agree": not found,
        "differences": [
            {"date": d.day.isoformat(), "title": d.title, "only_in": "file" if d.published else "oftl"} for d in found
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

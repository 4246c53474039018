"""Reading gov.uk's ``bank-holidays.json`` (the format of www.gov.uk/bank-holidays.json).

Shape: ``{"england-and-wales": {"division": ..., "events": [{"title", "date", "notes",
"bunting"}, ...]}, "scotland": ..., "northern-ireland": ...}``. Only England and Wales
counts for the Regulations' working day; the other divisions are ignored.
"""

import datetime as dt
import re
from typing import NamedTuple

from .calendar import WorkingCalendar
from .errors import InputError
from .escape import first_control
from .reading import parse_document

DIVISION = "england-and-wales"
ISO_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_bank_holidays(text: str, source: str) -> dict[dt.date, str]:
    """The England-and-Wales events of one file, as ``{date: title}``; InputError names the fault."""
    data = parse_document(text, source, "JSON", "use gov.uk's bank-holidays.json format")
    division = data.get(DIVISION) if isinstance(data, dict) else None
    events = division.get("events") if isinstance(division, dict) else None
    if not isinstance(events, list):
        raise InputError(
            f'{source}: no "{DIVISION}": {{"events": [...]}} list: use gov.uk\'s bank-holidays.json format'
        )
    found: dict[dt.date, str] = {}
    for number, event in enumerate(events, start=1):
        if not isinstance(event, dict) or not isinstance(event.get("date"), str):
            raise InputError(f'{source}: event {number} has no "date": give each event "title" and "date"')
        try:
            if not ISO_DATE.fullmatch(event["date"]):  # fromisoformat also takes 20271229 and 2027-W52-1
                raise ValueError
            day = dt.date.fromisoformat(event["date"])
        except ValueError:
            raise InputError(
                f"{source}: event {number} has date {event['date']!r}: write dates as YYYY-MM-DD"
            ) from None
        title = event.get("title")
        if isinstance(title, str) and (control := first_control(title)) is not None:
            raise InputError(f"{source}: event {number} has a control character ({control}) in its title")
        found[day] = title if isinstance(title, str) and title.strip() else "Bank holiday"
    if not found:
        raise InputError(f'{source}: the "{DIVISION}" events list is empty: add at least one event')
    return found


class Difference(NamedTuple):
    """A date on one list and not on the other: ``published`` True when only gov.uk has it."""

    day: dt.date
    title: str
    published: bool


def differences(calendar: WorkingCalendar, published: dict[dt.date, str]) -> tuple[list[int], list[Difference]]:
    """Compare the calendar in use with a published list for the years the list covers.

    Returns those years and the weekdays on one list only, in date order. Only dates that
    change working days count: names are not compared, and a holiday on a weekend (which
    gov.uk lists only by its substitute day) is left out on both sides.
    """
    years = sorted({day.year for day in published})
    published = {day: name for day, name in published.items() if day.weekday() < 5}
    ours = {day: name for year in years for day, name in calendar.holidays(year) if day.weekday() < 5}
    found = [Difference(day, published[day], True) for day in published.keys() - ours.keys()]
    found += [Difference(day, ours[day], False) for day in ours.keys() - published.keys()]
    return years, sorted(found)

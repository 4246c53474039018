"""RFC 5545 content lines, written here rather than by the ``icalendar`` library, whose import
(its time-zone machinery, dateutil, zoneinfo: about 30 ms) cost ``oftl --format ics`` more than
everything else it does. A calendar of all-day events with text needs little: TEXT escaping,
a few value types, folding at 75 octets and CRLF line ends.

The lines are the ones ``icalendar`` writes, byte for byte (its escaping, including a ``\\N``
read as a line break, and its folding, which never ends a line on a backslash or a caret); the
tests hold every calendar they make to that, by parsing it with ``icalendar`` and writing it
back (tests/conftest.py), and compare the escaping and folding of any text with its own.
"""

import datetime as dt
from collections.abc import Iterable

LINE_OCTETS = 75  # RFC 5545 3.1: lines "SHOULD NOT be longer than 75 octets"
FOLD = b"\r\n "
ESCAPE_KEPT_WHOLE = b"\\^"  # a fold never follows these, so an escape sequence stays on one line


def text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as ``\\n``."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def date_value(day: dt.date) -> str:
    """A DATE (3.3.4); its property says ``;VALUE=DATE``, as DATE-TIME is the default."""
    return f"{day:%Y%m%d}"


def datetime_value(moment: dt.datetime) -> str:
    """A DATE-TIME (3.3.5): floating (the reader's own clock) without a time zone, else UTC with ``Z``."""
    if moment.tzinfo is None:
        return f"{moment:%Y%m%dT%H%M%S}"
    return f"{moment.astimezone(dt.UTC):%Y%m%dT%H%M%S}Z"


def when_line(name: str, when: dt.date) -> str:
    """A DTSTART or DTEND line: a DATE-TIME, or a DATE with ``;VALUE=DATE``."""
    if isinstance(when, dt.datetime):
        return content_line(name, datetime_value(when))
    return content_line(name, date_value(when), ";VALUE=DATE")


def duration_value(span: dt.timedelta) -> str:
    """A DURATION (3.3.6) in days, hours, minutes and seconds: ``-P6DT15H``."""
    sign = "-" if span.days < 0 else ""
    span = abs(span)
    hours, rest = divmod(span.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    time = ""
    if span.seconds:
        time = "T" + (f"{hours}H" if hours else "")
        time += f"{minutes}M" if minutes or (hours and seconds) else ""
        time += f"{seconds}S" if seconds else ""
    return f"{sign}P{time}" if span.days == 0 and time else f"{sign}P{span.days}D{time}"


def content_line(name: str, value: str, parameters: str = "") -> str:
    """``NAME;PARAMETERS:value``, folded, with its CRLF; ``value`` is already in its type's form."""
    return fold(f"{name}{parameters}:{value}") + "\r\n"


def component(name: str, lines: Iterable[str]) -> str:
    """``BEGIN:name``, the content lines (and inner components) as given, ``END:name``."""
    return f"BEGIN:{name}\r\n{''.join(lines)}END:{name}\r\n"


def fold(line: str) -> str:
    """Split a long line between characters (never inside a UTF-8 sequence) into lines of at
    most 75 octets: 74 of text, the lines after the first starting with a space (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    pieces = []
    start = 0
    while len(data) - start >= LINE_OCTETS:
        end = start + LINE_OCTETS - 1
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation octet: cut before its character
            end -= 1
        if data[end - 1] in ESCAPE_KEPT_WHOLE and end - 1 > start:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return FOLD.join(pieces).decode("utf-8")

"""The hand-written iCalendar lines (render/ics_lines.py) against the ``icalendar`` library:
the same bytes for any text, and the text read back (hypothesis)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Alarm, Calendar, Event, vText

from ofsted_timeline.render.ics_lines import component, content_line, duration_value, fold, text, when_line

# Any text, with the characters escaping and folding turn on (backslash, N, caret, ; , CR LF) and
# some of several UTF-8 octets, so that folds fall beside and inside escapes and characters.
TEXT = st.text(st.sampled_from("aNn ;,:\\^\r\n–Môn😀") | st.characters(exclude_categories=["Cs"]), max_size=300)
LOCAL_TIMES = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 12, 31))


@given(TEXT, TEXT)
def test_text_lines_are_the_librarys(summary, description):
    event = Event()
    event.add("summary", summary)
    event.add("description", description)
    event.add("x-wr-calname", vText(summary))
    event.add("categories", [summary, description])
    ours = component(
        "VEVENT",
        [
            content_line("SUMMARY", text(summary)),
            content_line("CATEGORIES", ",".join(map(text, (summary, description)))),
            content_line("DESCRIPTION", text(description)),
            content_line("X-WR-CALNAME", text(summary)),
        ],
    )
    assert ours.encode("utf-8") == event.to_ical()


@given(TEXT.filter(lambda value: "\\n" not in value.lower() and "\r" not in value))
def test_text_reads_back(value):
    """Whatever the folds, the text comes back (but for ``\\N`` and CR, which are read as line breaks)."""
    line = content_line("SUMMARY", text(value))
    assert all(len(physical.encode("utf-8")) <= 75 for physical in line.split("\r\n"))
    event = Calendar.from_ical(component("VCALENDAR", [component("VEVENT", [line])])).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == value


@given(LOCAL_TIMES, LOCAL_TIMES, st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_dates_times_and_durations_are_the_librarys(start, end, day):
    alarm = Alarm()
    alarm.add("trigger", end - start)
    event = Event()
    event.add("dtstart", start)
    event.add("dtend", day)
    event.add("dtstamp", start.replace(tzinfo=dt.UTC))
    event.add_component(alarm)
    ours = component(
        "VEVENT",
        [
            when_line("DTSTART", start),
            when_line("DTEND", day),
            content_line("DTSTAMP", f"{start:%Y%m%dT%H%M%S}Z"),
            component("VALARM", [content_line("TRIGGER", duration_value(end - start))]),
        ],
    )
    assert ours.encode("utf-8") == event.to_ical()


def test_folds_at_74_octets_of_text_never_inside_a_character_or_after_a_backslash():
    assert fold("x" * 74) == "x" * 74
    assert fold("x" * 75) == "x" * 74 + "\r\n x"
    assert fold("x" * 73 + "–y") == "x" * 73 + "\r\n –y"  # the dash is 3 octets: 76 would not fit
    assert fold("x" * 73 + "\\;") == "x" * 73 + "\r\n \\;"  # the escape \; stays whole
    assert fold("x" * 73 + "^'") == "x" * 73 + "\r\n ^'"  # so does a parameter's ^'
    assert fold("x" * 200).split("\r\n ") == ["x" * 74, "x" * 74, "x" * 52]

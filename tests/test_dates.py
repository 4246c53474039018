import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsted_timeline import dates
from ofsted_timeline.dates import format_day, format_span, parse_date
from ofsted_timeline.errors import InputError


@pytest.mark.parametrize(
    "text",
    [
        "2017-07-07",
        "07/07/2017",
        "7/7/2017",
        "7.7.2017",
        "7-7-2017",
        "7 July 2017",
        "7 Jul 2017",
        "7th July 2017",
        "Fri 7 July 2017",
        "Friday, 7 July, 2017",
        "  7  JULY 2017 ",
    ],
)
def test_accepted_forms_all_mean_7_july_2017(text):
    assert parse_date(text) == dt.date(2017, 7, 7)


def test_numeric_dates_are_read_day_first():
    assert parse_date("08/07/2017") == dt.date(2017, 7, 8)
    assert parse_date("12/01/2018") == dt.date(2018, 1, 12)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2017", "not a real date"),
        ("2017-02-29", "not a real date"),
        ("32 July 2017", "not a real date"),
        ("7 Julyish 2017", "not a date"),
        ("07/07/17", "not a date"),
        ("next Friday", "not a date"),
        ("", "not a date"),
        ("2017-07-07T10:00", "not a date"),
    ],
)
def test_bad_dates_say_what_is_wrong(text, message):
    with pytest.raises(InputError, match=message):
        parse_date(text)


def test_leap_day_is_accepted():
    assert parse_date("29/02/2024") == dt.date(2024, 2, 29)


def test_uk_formatting():
    assert format_day(dt.date(2017, 10, 16)) == "Mon 16 Oct 2017"
    assert format_span(dt.date(2017, 8, 11), dt.date(2017, 8, 25)) == "Fri 11 Aug – Fri 25 Aug 2017"
    assert format_span(dt.date(2018, 8, 15), dt.date(2019, 10, 16)) == "Wed 15 Aug 2018 – Wed 16 Oct 2019"
    assert format_span(dt.date(2017, 10, 16), dt.date(2017, 10, 16)) == "Mon 16 Oct 2017"


@settings(max_examples=2000)
@given(
    st.lists(
        st.sampled_from(["2017", "07", "7", "-", "1", "0", "", "/", " ", "２", "٣", "a", "20170", "-07"]), max_size=6
    ).map("".join)
    | st.text(max_size=12)
)
def test_an_iso_date_is_told_without_a_pattern_as_the_pattern_tells_it(text):
    """``dates._iso`` (no pattern compiled at start-up) is the pattern it replaced, ASCII digits only."""
    assert dates._iso(text) == (re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text, re.ASCII) is not None)


@settings(max_examples=2000)
@given(
    st.lists(st.sampled_from(["2017", "0", "07", "7", "2", "9", "31", "-", "/", "٣", "a", " "]), max_size=6).map(
        "".join
    )
    | st.dates().map(dt.date.isoformat)
)
def test_a_date_written_yyyy_mm_dd_is_read_as_the_general_path_reads_it(text):
    """``parse_date`` reads YYYY-MM-DD as written without cleaning it first; a space in front
    takes the path that cleans it, which must give the same date or refuse it alike."""

    def outcome(written: str) -> object:
        try:
            return parse_date(written)
        except InputError as error:
            return str(error).split(":")[-1]  # the error's advice, without the text it quotes

    assert outcome(text) == outcome(" " + text)

"""ICS, CSV and Markdown exports: golden files byte for byte, and what each format promises.

Regenerate the golden files after an intended change: python scripts/update_golden.py
"""

import csv
import datetime as dt
import io
import json
import pathlib
import sys

import pytest
from icalendar import Calendar

from .conftest import reads_back, run

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import update_golden  # noqa: E402

BARNET = ["deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01", "--authority", "Barnet"]


@pytest.mark.parametrize("name", sorted(update_golden.CASES))
def test_golden_file_is_current(name):
    expected = (update_golden.GOLDEN / name).read_bytes()
    assert update_golden.run(update_golden.CASES[name]) == expected, (
        f"{name} differs: review the change, then run python scripts/update_golden.py"
    )
    reads_back(expected)  # a calendar (with alarms, with times of day) is one icalendar reads back as it is


def ics(*extra: str) -> bytes:
    result = run(*BARNET, "--format", "ics", *extra)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def events(data: bytes) -> dict[str, object]:
    """Events by milestone id (the UID's last dotted part before the @)."""
    calendar = Calendar.from_ical(data)
    return {str(e["UID"]).split("@")[0].rsplit(".", 1)[1]: e for e in calendar.walk("VEVENT")}


def test_ics_window_and_deadline_dates():
    by_id = events(ics())
    apv, wsoa = by_id["apv-window"], by_id["wsoa"]
    # Handbook 10: 25-35 working days -> Fri 11 Aug to Fri 25 Aug 2017; DTEND is the day after.
    assert (apv.decoded("DTSTART"), apv.decoded("DTEND")) == (dt.date(2017, 8, 11), dt.date(2017, 8, 26))
    # Cover report 1.19: the written statement of action is due Mon 16 Oct 2017.
    assert (wsoa.decoded("DTSTART"), wsoa.decoded("DTEND")) == (dt.date(2017, 10, 16), dt.date(2017, 10, 17))
    assert (
        str(wsoa["SUMMARY"])
        == "Barnet: STATUTORY DEADLINE: Written statement of action to the Secretary of State and HMCI"
    )
    assert wsoa["CATEGORIES"].cats == ["statutory", "Authority"]  # kind, and whose date it is
    description = str(wsoa["DESCRIPTION"])
    assert "Source: Handbook 6, 7, 19, 49; Cover report 1.19, 2.1; SI 2007/462 reg. 3" in description
    assert "skipped 30 weekend days and 1 bank holiday (Mon 28 Aug 2017 Late Summer Bank Holiday)" in description
    assert "Exported on Fri 1 Sep 2017." in description.splitlines()


def test_ics_says_nothing_that_goes_stale():
    """A status ("due in 31 working days") is false the day after import: no event carries one."""
    data = ics("--wsoa-submitted", "2017-10-13")
    calendar = Calendar.from_ical(data)
    statuses = [m["status_text"] for m in json.loads(run(*BARNET, "--format", "json").stdout)["milestones"]]
    for event in calendar.walk("VEVENT"):
        text = f"{event['SUMMARY']}\n{event['DESCRIPTION']}"
        assert "Status" not in text and "working days" not in str(event["SUMMARY"])
        assert not any(status in text for status in statuses if status != "passed (no date given)")
        assert "due in" not in text and "opens in" not in text and "overdue" not in text
        assert "planned" not in text and "done" not in text  # a date given, whatever day it is read
    assert "Exported on Fri 1 Sep 2017." in str(calendar["X-WR-CALDESC"])


def test_ics_has_no_method():
    # METHOD:PUBLISH makes the file an iTIP message, which must name an ORGANIZER (RFC 5546 3.2.1);
    # a plain calendar file has no METHOD (RFC 5545 3.7.2), and that is what clients import.
    data = ics()
    assert b"METHOD" not in data and b"ORGANIZER" not in data


def test_ics_sequence_grows_with_the_as_of_day():
    # Days from Sat 1 Jan 2000 to the as-of day: Fri 1 Sep 2017 is day 6453.
    first = Calendar.from_ical(ics())
    assert {int(event["SEQUENCE"]) for event in first.walk("VEVENT")} == {6453}
    later = run(*BARNET[:-3], "2017-10-20", "--authority", "Barnet", "--format", "ics").stdout_bytes
    assert {int(event["SEQUENCE"]) for event in Calendar.from_ical(later).walk("VEVENT")} == {6453 + 49}
    assert events(later).keys() == events(ics()).keys()  # same UIDs: the later file updates the earlier


def test_ics_splits_a_window_longer_than_four_weeks():
    by_id = events(ics())
    assert "reinspection" not in by_id  # 14 months: two one-day events, not a block over every day
    opens, closes = by_id["reinspection-opens"], by_id["reinspection-closes"]
    # Handbook 49, 50: from Thu 19 Jul 2018 to Wed 16 Oct 2019.
    assert (opens.decoded("DTSTART"), opens.decoded("DTEND")) == (dt.date(2018, 7, 19), dt.date(2018, 7, 20))
    assert (closes.decoded("DTSTART"), closes.decoded("DTEND")) == (dt.date(2019, 10, 16), dt.date(2019, 10, 17))
    assert str(opens["SUMMARY"]) == "Barnet: Re-inspection (window opens)"
    assert str(closes["SUMMARY"]) == "Barnet: Re-inspection (window closes)"
    assert str(opens["UID"]) == "barnet.sif-2017.20170707.reinspection-opens@ofsted-timeline"
    assert "Window: Thu 19 Jul 2018 – Wed 16 Oct 2019" in str(closes["DESCRIPTION"])
    # Four weeks from first to last day (Thu 16 Aug – Thu 13 Sep 2018) stays one event.
    report = by_id["mv-report-4"]
    assert (report.decoded("DTSTART"), report.decoded("DTEND")) == (dt.date(2018, 8, 16), dt.date(2018, 9, 14))


def test_ics_is_wire_clean():
    data = ics()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75  # RFC 5545 3.1: fold at 75 octets
    assert b"DTSTART;VALUE=DATE:20170811\r\n" in data
    assert data.count(b"DTSTAMP:20170901T000000Z\r\n") == data.count(b"BEGIN:VEVENT")  # from --as-of


def test_ics_escapes_text():
    data = run(*BARNET[:-1], "Barnet, London; North", "--format", "ics").stdout_bytes
    assert b"X-WR-CALNAME:Barnet\\, London\\; North: Ofsted inspection timeline\r\n" in data
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert all(s.startswith("Barnet, London; North: ") for s in summaries)


def test_ics_is_repeatable_and_uids_survive_an_update():
    first, second = ics(), ics()
    assert first == second
    before = events(first)
    updated = events(ics("--wsoa-submitted", "2017-10-13"))
    assert set(updated) == set(before) | {"wsoa-given"}  # same milestones, same UIDs: an import updates them
    # The statutory deadline stays an event of its own beside the date given (issue 11).
    assert str(updated["wsoa"]["UID"]) == "barnet.sif-2017.20170707.wsoa@ofsted-timeline"
    assert updated["wsoa"].decoded("DTSTART") == dt.date(2017, 10, 16)
    assert str(updated["wsoa"]["SUMMARY"]).startswith("Barnet: STATUTORY DEADLINE: ")
    assert str(updated["wsoa-given"]["UID"]) == "barnet.sif-2017.20170707.wsoa-given@ofsted-timeline"
    assert updated["wsoa-given"].decoded("DTSTART") == dt.date(2017, 10, 13)
    assert str(updated["wsoa-given"]["SUMMARY"]).endswith("(statutory, date given)")


def test_ics_says_late_in_the_summary():
    late = events(ics("--wsoa-submitted", "2017-10-17"))  # a day after Mon 16 Oct 2017 (Cover report 1.19)
    assert str(late["wsoa-given"]["SUMMARY"]) == (
        "Barnet: LATE: Written statement of action to the Secretary of State and HMCI (statutory, date given)"
    )
    assert late["wsoa"].decoded("DTSTART") == dt.date(2017, 10, 16)


def test_ics_uids_are_unique_and_differ_between_authorities():
    barnet = [str(e["UID"]) for e in Calendar.from_ical(ics()).walk("VEVENT")]
    assert len(barnet) == len(set(barnet)) == 27  # 26 milestones, the re-inspection window as two
    other = run(*BARNET[:-1], "Ynys Môn", "--format", "ics").stdout_bytes
    other_uids = {str(e["UID"]) for e in Calendar.from_ical(other).walk("VEVENT")}
    assert "ynys-mon.sif-2017.20170707.wsoa@ofsted-timeline" in other_uids
    assert not other_uids & set(barnet)


def test_a_name_without_latin_letters_gets_a_hash_in_its_uids():
    greek = run(*BARNET[:-1], "Κέρκυρα", "--format", "ics").stdout_bytes
    uids = {str(e["UID"]) for e in Calendar.from_ical(greek).walk("VEVENT")}
    # the first 12 hex digits of the SHA-256 of the name's UTF-8 (sha256sum gives f0a812c7ca67727d...)
    assert "f0a812c7ca67.sif-2017.20170707.wsoa@ofsted-timeline" in uids


def test_ics_reminders_only_on_open_statutory_deadlines():
    by_id = events(ics("--remind", "5"))
    with_alarms = {key for key, event in by_id.items() if event.walk("VALARM")}
    assert with_alarms == {"publish-report", "wsoa"}
    (alarm,) = by_id["wsoa"].walk("VALARM")
    # 5 working days before Mon 16 Oct 2017 is Mon 9 Oct 2017; 9:00 that day is 6 days 15 hours
    # before the all-day event starts at midnight.
    assert alarm.decoded("TRIGGER") == -dt.timedelta(days=6, hours=15)
    assert b"TRIGGER:-P6DT15H\r\n" in ics("--remind", "5")
    done = events(ics("--remind", "5", "--wsoa-submitted", "2017-08-30"))
    assert not done["wsoa"].walk("VALARM")


def test_ics_reminder_skips_a_bank_holiday():
    # Received Fri 19 May 2017: 70 working days, skipping the Spring (29 May) and Late Summer
    # (28 Aug) bank holidays, is Tue 29 Aug 2017. One working day before is Fri 25 Aug, four
    # days back: 9:00 that day is 3 days 15 hours before the event.
    data = run("deadlines", "--received", "2017-05-19", "--as-of", "2017-05-19", "-f", "ics", "--remind", "1")
    wsoa = events(data.stdout_bytes)["wsoa"]
    assert wsoa.decoded("DTSTART") == dt.date(2017, 8, 29)
    (alarm,) = wsoa.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -dt.timedelta(days=3, hours=15)
    assert str(alarm["DESCRIPTION"]).endswith("statutory deadline Tue 29 Aug 2017, in 1 working day")


def test_remind_needs_ics():
    result = run(*BARNET, "--remind", "5")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "oftl: error: --remind adds calendar alarms: use it with --format ics (or an -o file ending .ics)"
    ]


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_is_plain_utf8_for_scripts():
    """No byte-order mark: csv.DictReader on the text as read gives the key 'authority' (issue 22)."""
    data = run(*BARNET, "--format", "csv").stdout_bytes
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0]["authority"] == "Barnet" and rows[0]["calendar"].endswith("2000–2040)")


def test_batch_and_history_csv_have_no_byte_order_mark(tmp_path):
    path = tmp_path / "authorities.csv"
    path.write_text("authority,received\nBarnet,2017-07-07\n")
    for args in (("batch", str(path), "--as-of", "2017-09-01", "--format", "csv"), ("history", "--format", "csv")):
        data = run(*args).stdout_bytes
        assert data.startswith(b"a") or data.startswith(b"f"), data[:20]
        assert not data.startswith(b"\xef\xbb\xbf")


def test_csv_opens_in_excel_and_matches_the_json():
    data = run(*BARNET, "--format", "csv").stdout_bytes
    assert data.startswith(b"authority,framework,received,calendar,as_of,persistent_failure,id,")
    assert data.endswith(b"\r\n")
    rows = read_csv(data)
    by_id = {row["id"]: row for row in rows}
    assert by_id["wsoa"]["earliest"] == by_id["wsoa"]["latest"] == "2017-10-16"
    assert (by_id["apv-window"]["earliest"], by_id["apv-window"]["latest"]) == ("2017-08-11", "2017-08-25")
    assert by_id["apv-window"]["basis"] == "25–35 working days after receipt"
    assert by_id["wsoa"]["authority"] == "Barnet"
    assert by_id["reinspection-notice"]["status"] == "not-dated"
    milestones = json.loads(run(*BARNET, "--format", "json").stdout)["milestones"]
    assert [row["id"] for row in rows if row["status"] != "not-dated"] == [m["id"] for m in milestones]
    for row, milestone in zip(rows, milestones, strict=False):
        assert set(milestone) <= set(row)
        assert row["title"] == milestone["title"] and row["status_text"] == milestone["status_text"]


def test_csv_counts_a_weekend_receipt_as_day_0():
    rows = read_csv(run("deadlines", "--received", "2017-07-08", "--as-of", "2017-07-10", "-f", "csv").stdout_bytes)
    assert {row["received"] for row in rows} == {"2017-07-08"}
    # Sat 8 Jul 2017 is day 0, Mon 10 Jul day 1: 70 working days (Late Summer Bank Holiday skipped) is
    # Mon 16 Oct 2017, as for a receipt on Fri 7 Jul (RULES.md, "Day 0").
    assert next(row["latest"] for row in rows if row["id"] == "wsoa") == "2017-10-16"


def test_markdown_table_for_a_committee_paper():
    text = run(*BARNET, "--format", "markdown").stdout
    lines = text.splitlines()
    assert lines[0] == "## Barnet: Ofsted inspection timeline"
    assert "| Milestone | Date or window | Kind | By | Basis | Source | Status |" in lines
    assert (
        "| Written statement of action to the Secretary of State and HMCI | **Mon 16 Oct 2017** | **Statutory** "
        "| Authority | 70 working days after receipt | Handbook 6, 7, 19, 49; Cover report 1.19, 2.1; "
        "SI 2007/462 reg. 3 | due in 31 working days |"
    ) in lines
    assert "| Action planning visit | Fri 11 Aug – Fri 25 Aug 2017 | Expected |" in text
    rows = [line for line in lines if line.startswith("| ")]
    assert {line.count(" | ") for line in rows} == {6}  # every row has seven cells


def test_markdown_escapes_a_pipe_in_the_authority():
    text = run(*BARNET[:-1], "Barnet | Enfield", "--format", "markdown").stdout
    assert text.splitlines()[0] == "## Barnet \\| Enfield: Ofsted inspection timeline"


@pytest.mark.parametrize(
    ("name", "problem"),
    [("  ", "the authority name is empty"), ("Barnet\nEnfield", "has a line break or control character")],
)
def test_bad_authority_names(name, problem):
    result = run(*BARNET[:-1], name, "--format", "ics")
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("oftl: error: ") and problem in line


def test_authority_in_the_table_and_json():
    assert json.loads(run(*BARNET, "--format", "json").stdout)["authority"] == "Barnet"
    assert run(*BARNET).stdout.startswith("Barnet · Report received Fri 7 Jul 2017")


def test_every_calendar_event_is_free_time(tmp_path):
    """Windows of weeks must not fill a diary as busy time: TRANSP:TRANSPARENT on every event (issue 22)."""
    batch = tmp_path / "authorities.csv"
    batch.write_text("authority,received\nBarnet,2017-07-07\nDerby,2024-03-01\n")
    for args in (
        (*BARNET, "--wsoa-submitted", "2017-10-13"),
        ("visit", "--onsite", "2017-11-14", "--authority", "Barnet"),
        ("meeting", "--date", "2017-07-18"),
        ("batch", str(batch), "--as-of", "2024-04-01"),
    ):
        calendar = Calendar.from_ical(run(*args, "--format", "ics").stdout)
        events = calendar.walk("VEVENT")
        assert events and all(str(event["TRANSP"]) == "TRANSPARENT" for event in events), args

"""Hostile and broken input, second pass (issue 21): charts that took a minute, Markdown that ran
as HTML, -o and the owner of a file, tracebacks, calendars with inverted windows or clashing
event ids. The feed's own attacks are in test_feed_hostile.
"""

import csv
import io
import json
import os
import pathlib
import re
import time

import pytest

from .conftest import run
from .test_hostile import BARNET, PLAN, RULE, one_line_error

EXAMPLES = pathlib.Path(__file__).parents[1] / "examples"
LONG_WORD = "W" * 2000


# 1. Wrapping a long unbroken word in a chart is linear, not quadratic.


def rules_file(tmp_path: pathlib.Path, title: str) -> pathlib.Path:
    path = tmp_path / "rules.toml"
    path.write_text(RULE.format(title=title), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["svg", "html"])
@pytest.mark.parametrize("where", ["authority", "rule title", "plan"])
def test_a_long_word_in_a_chart_takes_under_a_second(tmp_path, fmt, where):
    args = {
        "authority": [*BARNET, "--authority", LONG_WORD],
        "rule title": [*BARNET, "--rules", str(rules_file(tmp_path, LONG_WORD))],
        "plan": ["check", str(tmp_path / "plan.toml"), "--as-of", "2017-09-01"],
    }[where]
    (tmp_path / "plan.toml").write_text(f'authority = "{LONG_WORD}"\n{PLAN}')
    started = time.monotonic()
    result = run(*args, "-f", fmt)
    assert time.monotonic() - started < 1.5, "a 2,000-letter word took 60 s to wrap"  # about 0.2 s
    assert result.exit_code in (0, 1), result.output
    assert LONG_WORD[:40] in result.stdout


def test_a_long_word_is_cut_into_lines_that_fit():
    from ofsted_timeline.render.chart.svg_text import text_width, wrap

    lines = wrap("Board " + LONG_WORD + " end", 244, 12.5)
    assert "".join(lines).replace(" ", "") == "Board" + LONG_WORD + "end"  # nothing left out
    assert all(text_width(line, 12.5) <= 244 for line in lines)


# 6. Markdown: input is text, never HTML, a link or an image.

IMG = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"
UNESCAPED_LINK = re.compile(r"(?<!\\)\]\(")


def test_markdown_shows_html_and_links_as_text(tmp_path):
    rules = rules_file(tmp_path, f"Board {LINK} *now*")
    result = run(*BARNET, "--authority", IMG, "--rules", str(rules), "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert "<img" not in result.stdout and not UNESCAPED_LINK.search(result.stdout) and "*now*" not in result.stdout
    assert "## &lt;img src=x onerror=alert(1)&gt;: " in result.stdout
    assert "| Board \\[x\\](javascript:alert(1)) \\*now\\* |" in result.stdout


def test_batch_markdown_shows_html_and_links_as_text(tmp_path):
    batch = tmp_path / "b.csv"
    batch.write_text(f'authority,received\n"{IMG}",2017-07-07\n"{LINK}",2017-07-07\n"# x",31/02/2017\n')
    result = run("batch", str(batch), "--as-of", "2017-09-01", "-f", "markdown")
    assert "<img" not in result.stdout and not UNESCAPED_LINK.search(result.stdout), result.stdout
    assert "| &lt;img src=x onerror=alert(1)&gt; |" in result.stdout
    assert "| \\[x\\](javascript:alert(1)) |" in result.stdout


def test_literal_markdown():
    from ofsted_timeline.render.as_markdown import literal

    assert literal("Brent & Harrow") == "Brent &amp; Harrow"
    assert literal("a\nb  c|d") == "a b c\\|d"
    assert literal("# heading") == "\\# heading" and literal("- item") == "\\- item"
    assert literal("Sainte-Hélène 21.3 (reg. 2)") == "Sainte-Hélène 21.3 (reg. 2)"  # plain text unchanged
    assert literal("`code` _em_ \\") == "\\`code\\` \\_em\\_ \\\\"


# 9. -o keeps the replaced file's owner and group.


@pytest.mark.skipif(os.geteuid() != 0, reason="only root gives a file to another user")
def test_a_file_replaced_by_root_keeps_its_owner_and_group(tmp_path):
    target = tmp_path / "t.json"
    target.write_text("{}")
    os.chown(target, 4321, 8765)
    target.chmod(0o640)
    assert run(*BARNET, "-f", "json", "-o", str(target)).exit_code == 0
    info = target.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (4321, 8765, 0o640)
    assert target.read_text().startswith("{\n")


def test_a_user_who_may_not_give_a_file_away_keeps_its_group(tmp_path, monkeypatch):
    """Not root: chown to another owner is refused, chgrp to a group the user is in is allowed."""
    from ofsted_timeline import output

    target = tmp_path / "t.json"
    target.write_text("{}")
    if os.geteuid() == 0:  # another user's file, as a member of its group would find it
        os.chown(target, 4321, 8765)
    owner = (target.stat().st_uid, target.stat().st_gid)
    calls = []

    def fchown(handle, uid, gid):
        calls.append((uid, gid))
        if uid != -1:
            raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(output.os, "fchown", fchown)
    assert run(*BARNET, "-f", "json", "-o", str(target)).exit_code == 0
    if owner != (os.geteuid(), os.getegid()):  # nothing to change when the writer owns it already
        assert calls == [owner, (-1, owner[1])]


def test_a_new_file_is_the_writers(tmp_path):
    target = tmp_path / "new.json"
    assert run(*BARNET, "-f", "json", "-o", str(target)).exit_code == 0
    assert (target.stat().st_uid, target.stat().st_gid) == (os.geteuid(), os.getegid())


# 10, 17 and the bidirectional marks: text no document or terminal can take is refused or escaped.

SURROGATE = '{"england-and-wales": {"events": [{"title": "X\\ud800", "date": "2017-07-10"}]}}'


@pytest.mark.parametrize(
    "args",
    [
        ["holidays", "2017", "--holidays-file"],
        ["explain", "wsoa", "--received", "2017-07-07", "--holidays-file"],
        ["deadlines", "--received", "2017-07-07", "-f", "ics", "--holidays-file"],
        ["holidays", "--check"],
    ],
)
def test_a_lone_surrogate_in_a_holiday_title_is_one_line(tmp_path, args):
    holidays = tmp_path / "h.json"
    holidays.write_text(SURROGATE)
    line = one_line_error(run(*args, str(holidays)))
    assert line.endswith("h.json: event 1 has a control character (\\ud800) in its title")


@pytest.mark.parametrize(
    ("text", "shown"), [("\\uFFFE", "\\ufffe"), ("\\uFFFF", "\\uffff"), ("\\U0010FFFF", "\\U0010ffff")]
)
def test_a_noncharacter_in_rule_text_is_refused(tmp_path, text, shown):
    line = one_line_error(run(*BARNET, "--rules", str(rules_file(tmp_path, f"Board {text}")), "-f", "svg"))
    assert line.endswith(f"rule 'board': title has a control character ({shown}): write it as plain text on one line")


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
def test_bidirectional_marks_are_shown_escaped(mark):
    from ofsted_timeline.escape import visible

    line = one_line_error(run("deadlines", "--received", f"2017-07-07{mark}"))
    assert mark not in line and f"'2017-07-07\\u{ord(mark):04x}' is not a date" in line
    assert visible(mark) == f"\\u{ord(mark):04x}"


# 12, 13 and an as-of beyond the calendar: one line, naming what is wrong.


def test_a_nul_in_a_plans_rules_path_is_one_line(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text(f'{PLAN}rules = "a\\u0000b"\n')
    line = one_line_error(run("check", str(plan)))
    assert line.endswith("rules file 'a\\x00b' has a control character (\\x00): give a plain file name")


@pytest.mark.parametrize(
    "args",
    [
        ["visit", "--onsite", "2017-11-14", "-f", "svg"],
        ["visit", "--onsite", "2017-11-14", "-f", "html"],
        ["reinspection", "--fieldwork", "2019-05-13", "-f", "svg"],
        ["meeting", "--date", "2017-07-18", "-f", "svg"],
        ["deadlines", "--received", "2017-07-07"],
    ],
)
def test_an_as_of_beyond_the_calendar_is_named_as_such(args):
    line = one_line_error(run(*args, "--as-of", "9999-12-01"))
    assert "statuses as of Wed 1 Dec 9999 cannot be counted: the bank-holiday calendar covers" in line
    assert "publish-report" not in line  # it was blamed on a rule


def test_the_last_day_of_the_calendar_is_still_an_as_of_day():
    assert run(*BARNET[:3], "--as-of", "2099-12-31").exit_code == 0


# Smaller: a year in plain digits.


@pytest.mark.parametrize("year", ["٢٠١٧", "2_017", "２０１７", " 2017", "9" * 5000])
def test_a_year_is_plain_digits(year):
    assert "is not a year: give a YEAR, e.g. oftl holidays 2017" in one_line_error(run("holidays", "--", year))


# 15. A window whose earliest day falls after its latest is its latest day alone, in every format.

LATE_FOURTH = [
    *("deadlines", "--received", "2017-07-07", "--wsoa-submitted", "2017-10-13", "--as-of", "2020-02-01"),
    *("--visit", "2017-11-14", "--visit", "2018-02-06", "--visit", "2018-05-01", "--visit", "2020-01-06"),
]


def test_an_inverted_window_is_its_latest_day_alone():
    document = json.loads(run(*LATE_FOURTH, "-f", "json").stdout)
    assert all(m["earliest"] <= m["latest"] for m in document["milestones"])
    reinspection = next(m for m in document["milestones"] if m["id"] == "reinspection")
    # Earliest: 2 working days after the fourth visit, Mon 6 Jan 2020 -> Wed 8 Jan 2020; latest: two
    # years after the statement was submitted, Sun 13 Oct 2019, moved back to Fri 11 Oct 2019 (Handbook 49, 50).
    assert (reinspection["earliest"], reinspection["latest"]) == ("2019-10-11", "2019-10-11")
    assert (
        "Its earliest day, Wed 8 Jan 2020, falls after its latest, Fri 11 Oct 2019: the window is its latest day alone."
        in reinspection["notes"]
    )
    rows = csv.DictReader(io.StringIO(run(*LATE_FOURTH, "-f", "csv").stdout.lstrip("\ufeff")))
    assert all(row["earliest"] <= row["latest"] for row in rows)


def test_no_calendar_event_ends_before_it_starts():
    from icalendar import Calendar

    calendar = Calendar.from_ical(run(*LATE_FOURTH, "-f", "ics").stdout)
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        if event.get("dtend") is not None:
            assert event.decoded("dtend") > event.decoded("dtstart"), event["uid"]
    reinspection = next(e for e in events if str(e["uid"]).endswith(".reinspection@ofsted-timeline"))
    assert str(reinspection.decoded("dtstart")) == "2019-10-11"  # it said DTSTART 20200108, DTEND 20191012


# 16. No rule id ends as the calendar's derived ids do, so no two events share a UID.


@pytest.mark.parametrize(
    ("rule_id", "series", "message"),
    [
        ("wsoa-given", "", "rule 'wsoa-given': id wsoa-given ends with '-given'"),
        ("reinspection-closes", "", "rule 'reinspection-closes': id reinspection-closes ends with '-closes'"),
        ("board-opens", "", "rule 'board-opens': id board-opens ends with '-opens'"),
        ("board", 'repeat = { id = "board{n}-given", first = 1, times = 2 }\n', "id board{n}-given ends with '-given'"),
    ],
)
def test_an_id_the_calendar_derives_is_refused(tmp_path, rule_id, series, message):
    text = RULE.format(title="Board {n}" if series else "Board").replace('id = "board"', f'id = "{rule_id}"') + series
    rules = tmp_path / "rules.toml"
    rules.write_text(text)
    line = one_line_error(run(*BARNET, "--rules", str(rules), "-f", "ics"))
    assert message in line and line.endswith("which calendars use for another event of a milestone: choose another id")


def test_every_uid_in_a_calendar_is_unique():
    from icalendar import Calendar

    for args in (LATE_FOURTH, [*BARNET, "--rules", str(EXAMPLES / "local-rules.toml"), "--visit", "2017-11-14"]):
        uids = [str(event["uid"]) for event in Calendar.from_ical(run(*args, "-f", "ics").stdout).walk("VEVENT")]
        assert len(uids) == len(set(uids))


# Smaller: a one-row chart whose row is bad; SIGTERM to a batch writing a file.


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_a_one_row_chart_says_why_its_row_was_not_computed(tmp_path, fmt):
    batch = tmp_path / "b.csv"
    batch.write_text("authority,received\nBarnet,31/02/2017\n")
    line = one_line_error(run("batch", str(batch), "--as-of", "2017-09-01", "-f", fmt))
    assert line == (
        f"oftl: error: --format {fmt} draws one authority, and its row was not computed: row 2, received: "
        "'31/02/2017' is not a real date (day 31 of month 2 in 2017): check the day and month"
    )


def test_sigterm_says_terminated_and_leaves_no_temporary_file(tmp_path):
    import signal
    import subprocess
    import sys

    batch = tmp_path / "big.csv"
    batch.write_text("authority,received\n" + "".join(f"A{n},2017-07-07\n" for n in range(40_000)))
    target = tmp_path / "o.json"
    command = [sys.executable, "-m", "ofsted_timeline", "batch", str(batch), "--as-of", "2017-09-01", "-o", str(target)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".o.json.*")) and time.monotonic() < deadline:  # writing by now
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=90)
    finally:  # a hung run must not outlive the test
        if process.poll() is None:
            process.kill()
    assert (process.returncode, stderr) == (143, "oftl: terminated\n")  # it was 143 and silent, with a 16 MB file
    assert sorted(path.name for path in tmp_path.iterdir()) == ["big.csv"]

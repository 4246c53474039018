"""Issue 11's defects, each a regression test: a weekend receipt counted a day late, a late
submission shown as done, impossible or lost input passing silently, the first visit as one day."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from ofsted_timeline.calendar import england_and_wales
from ofsted_timeline.errors import InputError
from ofsted_timeline.request import Request
from ofsted_timeline.rules import load_rule_set, parse_rule_set
from ofsted_timeline.timeline import build_timeline, visits_as_actuals

from .conftest import d, run

BARNET = ["deadlines", "--received", "2017-07-07", "--as-of", "2017-10-20", "--authority", "Barnet"]
LATE = [*BARNET, "--wsoa-submitted", "2017-10-17"]  # one day after Mon 16 Oct 2017 (Cover report 1.19)
LATE_TEXT = "LATE: done Tue 17 Oct 2017, 1 working day late"


def test_weekend_receipt_explained_from_the_sunday_itself():
    result = run("explain", "wsoa", "--received", "2017-10-29", "--as-of", "2017-10-30")
    assert result.exit_code == 0, result.output
    assert "Date:   Wed 7 Feb 2018 (statutory)" in result.stdout  # RULES.md verified anchor, not Thu 8 Feb
    assert "Sun 29 Oct 2017  day 0" in result.stdout and "Mon 30 Oct 2017  day 1" in result.stdout
    assert "is not a working day (Sunday)" in result.stdout


# --- a late submission is late in every format --------------------------------------------


def test_late_submission_in_json_and_csv():
    milestones = {m["id"]: m for m in json.loads(run(*LATE, "--format", "json").stdout)["milestones"]}
    assert (milestones["wsoa"]["status"], milestones["wsoa"]["status_text"]) == ("late", LATE_TEXT)
    assert milestones["wsoa"]["latest"] == "2017-10-16" and milestones["wsoa"]["actual"] == "2017-10-17"
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run(*LATE, "--format", "csv").stdout.lstrip("\ufeff")))}
    assert (rows["wsoa"]["status"], rows["wsoa"]["status_text"]) == ("late", LATE_TEXT)


def test_late_submission_in_the_table_comes_first_and_keeps_the_deadline():
    lines = run(*LATE, "--details").stdout.splitlines()
    first_row = next(number for number, line in enumerate(lines) if line.startswith("┏"))
    alert = next(number for number, line in enumerate(lines) if "LATE: done Tue 17 Oct 2017" in line)
    assert alert < first_row  # listed above the table
    assert lines[alert].startswith("! Written statement of action")
    assert any("given Tue 17 Oct 2017" in line for line in lines)  # beside the rule's Mon 16 Oct 2017


def test_late_submission_heads_the_view_at_a_glance():
    lines = run(*LATE).stdout.splitlines()
    assert (
        lines[2].startswith("LATE")
        and "Written statement of action: done Tue 17 Oct 2017, 1 working day late" in lines[2]
    )


def test_late_submission_in_markdown_is_bold():
    assert f"| **{LATE_TEXT}** |" in run(*LATE, "--format", "markdown").stdout


def test_late_submission_in_the_calendar_keeps_the_deadline_event():
    events = {
        str(e["UID"]).split(".")[-1].split("@")[0]: e
        for e in Calendar.from_ical(run(*LATE, "--format", "ics").stdout_bytes).walk("VEVENT")
    }
    assert str(events["wsoa-given"]["SUMMARY"]).startswith("Barnet: LATE: Written statement of action")
    assert events["wsoa"].decoded("DTSTART").isoformat() == "2017-10-16"
    assert str(events["wsoa"]["SUMMARY"]).startswith("Barnet: STATUTORY DEADLINE: ")


def test_late_submission_in_the_chart_is_red():
    svg = ET.fromstring(run(*LATE, "--format", "svg").stdout)
    ns = "{http://www.w3.org/2000/svg}"
    [triangle] = [p for p in svg.iter(f"{ns}polygon") if p.get("stroke")]  # the key's sample has none
    assert triangle.get("fill") == "#D55E00"
    row = next(g for g in svg.iter(f"{ns}g") if g.get("data-milestone") == "wsoa")
    labels = {" ".join(t.itertext()): t.get("fill") for t in row.iter(f"{ns}text")}  # wrapped lines joined
    assert "Mon 16 Oct 2017" in labels and labels[LATE_TEXT] == "#D55E00"


@pytest.mark.parametrize("form", ["svg", "html"])
def test_check_chart_shows_its_findings(tmp_path, form):
    plan = tmp_path / "plan.toml"
    plan.write_text('authority = "Barnet"\nreceived = 2017-07-07\n[dates]\nwsoa = 2017-10-17\n', encoding="utf-8")
    result = run("check", str(plan), "--as-of", "2017-10-20", "--format", form)
    assert result.exit_code == 1
    finding = f"FAIL  wsoa: {LATE_TEXT} (rule: statutory deadline Mon 16 Oct 2017; Handbook 6"
    assert finding in result.stdout or finding.replace("  ", " ") in result.stdout
    assert ("Check findings" if form == "svg" else "<h2>Findings</h2>") in result.stdout
    assert 'data-milestone="wsoa"' in result.stdout and ">FAIL ·" in result.stdout  # the milestone's row is marked


def test_batch_summary_names_a_late_statement(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text(
        "authority,received,publish-report,wsoa\nBarnet,2017-07-07,2017-07-10,2017-10-17\n", encoding="utf-8"
    )
    result = run("batch", str(path), "--as-of", "2017-10-20", "--format", "markdown")
    assert LATE_TEXT in result.stdout


# --- impossible or lost input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("actuals", "message"),
    [
        (
            {"wsoa": "2001-01-01"},
            "wsoa is given as Mon 1 Jan 2001, before the day counted from (Report received Fri 7 Jul 2017)",
        ),
        (
            {"mv1": "2017-11-14", "mv2": "2017-11-01"},
            "mv2 is given as Wed 1 Nov 2017, before mv1 (given as Tue 14 Nov 2017)",
        ),
        ({"mv1": "2017-11-14", "mv1-report": "2017-11-13"}, "mv1-report is given as Mon 13 Nov 2017, before mv1"),
        ({"mv3": "2018-05-01", "mv-report-3": "2018-04-30"}, "mv-report-3 is given as Mon 30 Apr 2018, before mv3"),
        ({"reinspection": "2019-05-13", "reinspection-fieldwork": "2019-05-10"}, "before reinspection (given as"),
        ({"mv1": "2017-07-06"}, "mv1 is given as Thu 6 Jul 2017, before the day counted from"),
    ],
)
def test_a_date_before_what_it_follows_is_refused(sif, calendar, actuals, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build_timeline(Request(d("2017-07-07"), sif, d("2017-10-20"), {k: d(v) for k, v in actuals.items()}), calendar)


def test_an_agenda_before_its_visit_is_fine(sif, calendar):
    """apv-agenda counts back from the visit (Handbook 14): a date before the visit is its rule."""
    timeline = build_timeline(
        Request(d("2017-07-07"), sif, d("2017-10-20"), {"apv-window": d("2017-08-21"), "apv-agenda": d("2017-08-14")}),
        calendar,
    )
    assert timeline.milestone("apv-agenda").status.code == "met"


def test_a_submission_before_receipt_is_an_error_on_the_command_line():
    result = run("check", "examples/barnet-plan.toml", "--as-of", "2017-10-20")
    assert result.exit_code == 0
    bad = run("deadlines", "--received", "2017-07-07", "--wsoa-submitted", "2001-01-01")
    assert bad.exit_code == 2
    assert "wsoa is given as Mon 1 Jan 2001, before the day counted from (Report received Fri 7 Jul 2017)" in bad.output


def _visits(count: int) -> list[str]:
    days = [d("2017-11-14")]
    for _ in range(count - 1):
        days.append(england_and_wales().add_working_days(days[-1], 5))
    return [day.isoformat() for day in days]


def test_seventy_visits_are_all_listed(sif, calendar):
    visits = [d(day) for day in _visits(70)]
    timeline = build_timeline(Request(d("2017-07-07"), sif, d("2019-01-01"), visits_as_actuals(visits)), calendar)
    assert timeline.milestone("mv70").actual == visits[-1]
    assert timeline.milestone("mv-report-70").earliest == calendar.add_working_days(visits[-1], 22)


def test_seventy_visits_on_the_command_line_and_in_a_plan(tmp_path):
    days = _visits(70)
    result = run(
        "deadlines",
        "--received",
        "2017-07-07",
        "--as-of",
        "2019-01-01",
        "-f",
        "json",
        *[arg for day in days for arg in ("--visit", day)],
    )
    ids = [m["id"] for m in json.loads(result.stdout)["milestones"]]
    assert "mv70" in ids and "mv71" in ids  # every given visit, then the next expected one
    plan = tmp_path / "plan.toml"
    plan.write_text(f"received = 2017-07-07\n[dates]\nvisits = [{', '.join(days)}]\n", encoding="utf-8")
    assert "mv70:" in run("check", str(plan), "--as-of", "2019-01-01").stdout


def test_visits_past_the_stated_limit_are_an_error_not_a_drop(tmp_path):
    path = tmp_path / "b.csv"
    cell = ";".join(_visits(1000))
    path.write_text(f"authority,received,visits\nA,2017-07-07,{cell}\n", encoding="utf-8")
    result = run("batch", str(path), "--as-of", "2019-01-01", "--format", "json")
    assert result.exit_code == 1
    assert "'mv1000': occurrences of mv{n} are numbered up to 999" in result.output


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (
            "dfe-review-5",
            "no dfe-review-5 in this timeline: the dates of 'dfe-review' are dfe-review-1, dfe-review-2, "
            "dfe-review-3, dfe-review-4",
        ),
        ("mv-report-1", "no milestone 'mv-report-1' in sif-2017: did you mean"),
        ("reinspection-notice", "reinspection-notice is given, but it has no date until reinspection is given"),
    ],
)
def test_an_occurrence_that_does_not_exist_is_refused(sif, calendar, key, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        build_timeline(Request(d("2017-07-07"), sif, d("2017-10-20"), {key: d("2018-03-01")}), calendar)


def test_every_printed_occurrence_id_is_accepted_as_a_key(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text(
        "received = 2017-07-07\n[dates]\npublish-report = 2017-07-10\nwsoa = 2017-10-13\n"
        "mv-report-3 = 2018-06-01\ndfe-review-4 = 2019-07-05\n",
        encoding="utf-8",
    )
    result = run("check", str(plan), "--as-of", "2019-08-01")
    assert result.exit_code == 0, result.output
    assert "mv-report-3: done Fri 1 Jun 2018, in the window (rule: Fri 18 May – Wed 13 Jun 2018" in result.stdout
    batch = tmp_path / "b.csv"
    batch.write_text("authority,received,mv-report-3\nA,2017-07-07,2018-06-01\n", encoding="utf-8")
    assert run("batch", str(batch), "--as-of", "2019-08-01", "--format", "json").exit_code == 0
    explained = run("explain", "mv-report-3", "--received", "2017-07-07", "--as-of", "2017-09-01")
    assert explained.exit_code == 0 and "22 working days after monitoring visit 3" in explained.stdout


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            'id = "extra-visits"\nrepeat = { id = "mv{n}", first = 2, times = 3 }',
            "rule 'extra-visits' numbers its dates mv{n}, which rule 'mv-quarterly' (mv{n}) uses too",
        ),
        ('id = "mv5"', "rule 'mv5' has the id of an occurrence of rule 'mv-quarterly' (mv{n})"),
        ('id = "mv-report-3"', "rule 'mv-report-3' has the id of an occurrence of rule 'mv-report'"),
        (
            'id = "board"\nrepeat = { id = "dfe-review-{n}", first = 9, times = 2 }',
            "rule 'dfe-review' (dfe-review-{n})",
        ),
    ],
)
def test_local_rules_may_not_take_shipped_occurrence_ids(rule, message):
    text = (
        f'[[rules]]\n{rule}\ntitle = "T {{n}}"\nshort = "t {{n}}"\nkind = "expected"\n'
        'date = { anchor = "receipt", offset = 1, unit = "months" }\nsource = "x"\n'
    )
    with pytest.raises(
        InputError, match=message.replace("(", r"\(").replace(")", r"\)").replace("{", r"\{").replace("}", r"\}")
    ):
        parse_rule_set(text, "local.toml", load_rule_set("sif-2017"))


def test_an_anchor_past_the_series_limit_is_refused_at_once():
    text = (
        '[[rules]]\nid = "x"\ntitle = "T"\nshort = "t"\nkind = "expected"\nsource = "s"\n'
        'date = { anchor = "mv99999999999999999999999", offset = 1, unit = "months" }\n'
    )
    with pytest.raises(InputError, match="local.toml: rule 'x' is anchored on 'mv99999999999999999999999'"):
        parse_rule_set(text, "local.toml", load_rule_set("sif-2017"))


def test_one_far_future_holiday_does_not_clear_the_projected_marks(sif):
    calendar = england_and_wales(extra={d("2040-06-01"): "A proclaimed holiday"}, extra_source="x.json")
    assert calendar.announced_through == 2027
    timeline = build_timeline(Request(d("2026-11-02"), sif, as_of=d("2026-11-25")), calendar)
    assert timeline.milestone("reinspection").projected  # 2029 is still not announced


def test_a_complete_later_year_moves_the_announced_year():
    regular = ["01-01", "03-24", "03-27", "05-01", "05-29", "08-28", "12-25", "12-26"]  # 2028's eight
    extra = {d(f"2028-{day}"): "holiday" for day in regular}
    assert england_and_wales(extra=extra).announced_through == 2028
    assert england_and_wales(extra=dict(list(extra.items())[:7])).announced_through == 2027


# --- the first monitoring visit is a window ------------------------------------------------


def test_first_visit_is_a_window_and_a_visit_inside_it_is_in_window(sif, calendar):
    """Handbook 23: usually within four weeks of the deadline Mon 16 Oct 2017 (Cover report 1.19)."""
    timeline = build_timeline(Request(d("2017-07-07"), sif, d("2017-11-20"), {"mv1": d("2017-10-17")}), calendar)
    mv1 = timeline.milestone("mv1")
    assert (mv1.earliest, mv1.latest) == (d("2017-10-17"), d("2017-11-13"))
    assert mv1.status.code == "in-window"
    assert mv1.basis == "1 working day to 4 weeks after the written statement of action deadline"

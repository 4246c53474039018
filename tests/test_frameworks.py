"""Frameworks after 2017, unverified marks, user rule files and holiday provenance (issue 5)."""

import json
import pathlib

import pytest
from icalendar import Calendar

from .conftest import run

ROOT = pathlib.Path(__file__).resolve().parent.parent
LOCAL_RULES = str(ROOT / "examples" / "local-rules.toml")
GOVUK_2023 = ROOT / "tests" / "data" / "bank-holidays-2023.json"


def document(*args: str) -> dict:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_ilacs_rule_has_a_source_or_is_marked_unverified():
    rules = document("rules", "--framework", "ilacs-2018")["rules"]
    assert {rule["id"] for rule in rules} >= {"wsoa", "publish-report", "reinspection", "mv-quarterly"}
    for rule in rules:
        assert rule["source"] and isinstance(rule["unverified"], bool)
    by_id = {rule["id"]: rule for rule in rules}
    assert not by_id["wsoa"]["unverified"] and not by_id["publish-report"]["unverified"]  # statute, unchanged
    assert by_id["mv-quarterly"]["unverified"] and by_id["apv-window"]["unverified"]
    assert "Carried over from sif-2017: no public source found for ILACS." in by_id["mv-quarterly"]["note"]
    assert "the May 2017 handbook's window, with no public source for ILACS" in by_id["mv1"]["note"]
    assert not by_id["reinspection-fieldwork"]["unverified"]  # two weeks on site: CYP Now 2018-09
    assert "CYP Now 2018-09" in by_id["reinspection"]["source"]
    ilacs_2026 = {rule["id"]: rule for rule in document("rules", "--framework", "ilacs-2026")["rules"]}
    assert not ilacs_2026["wsoa"]["unverified"] and ilacs_2026["reinspection-fieldwork"]["unverified"]


@pytest.mark.parametrize(
    ("received", "framework", "reason"),
    [
        ("2017-07-07", "sif-2017", "Framework sif-2017: in force on Fri 7 Jul 2017 (until Sun 31 Dec 2017)"),
        ("2017-12-31", "sif-2017", "Framework sif-2017: in force on Sun 31 Dec 2017 (until Sun 31 Dec 2017)"),
        (
            "2018-01-01",
            "ilacs-2018",
            "Framework ilacs-2018: in force on Mon 1 Jan 2018 (from Mon 1 Jan 2018 to Tue 31 Mar 2026)",
        ),
        (
            "2019-01-10",
            "ilacs-2018",
            "Framework ilacs-2018: in force on Thu 10 Jan 2019 (from Mon 1 Jan 2018 to Tue 31 Mar 2026)",
        ),
        ("2026-03-31", "ilacs-2018", "Framework ilacs-2018: in force on Tue 31 Mar 2026"),
        ("2026-06-01", "ilacs-2026", "Framework ilacs-2026: in force on Mon 1 Jun 2026 (from Wed 1 Apr 2026)"),
    ],
)
def test_the_framework_in_force_on_the_receipt_day_is_chosen_and_said(received, framework, reason):
    found = document("deadlines", "--received", received, "--as-of", received)
    assert found["framework"] == framework
    assert found["framework_reason"].startswith(reason)
    assert found["notes"][0] == found["framework_reason"]
    table = run("deadlines", "--received", received, "--as-of", received).stdout
    assert f"Framework {framework}" in table


def test_ilacs_2026_says_its_trigger_is_unverified():
    reason = document("deadlines", "--received", "2026-06-01")["framework_reason"]
    assert "Its trigger is unverified: An inadequate grade for a key judgement" in reason


def test_unverified_marks_show_in_every_output():
    args = ["deadlines", "--received", "2019-01-10", "--as-of", "2019-01-10"]
    milestones = {m["id"]: m for m in document(*args)["milestones"]}
    assert milestones["mv1"]["unverified"] and not milestones["wsoa"]["unverified"]
    assert "unverified" in run(*args).stdout
    assert "| Expected (unverified) |" in run(*args, "--format", "markdown").stdout
    csv_text = run(*args, "--format", "csv").stdout
    assert ",true,," in csv_text.splitlines()[1] or ",true,," in csv_text
    events = {
        str(e["UID"]).split(".")[-1].split("@")[0]: e
        for e in Calendar.from_ical(run(*args, "-f", "ics").stdout_bytes).walk("VEVENT")
    }
    assert "UNVERIFIED: no public source proves this rule for ilacs-2018." in str(events["mv1"]["DESCRIPTION"])
    assert "UNVERIFIED" not in str(events["wsoa"]["DESCRIPTION"])
    assert "unverified" in str(events["mv1"]["SUMMARY"])


def test_ilacs_2018_dates_match_the_statute():
    # Received Thu 10 Jan 2019: the 70th working day is Thu 18 Apr 2019, the day before Good Friday
    # (counted by hand week by week); the 30th is Thu 21 Feb 2019.
    milestones = {m["id"]: m for m in document("deadlines", "--received", "2019-01-10")["milestones"]}
    assert milestones["wsoa"]["latest"] == "2019-04-18"
    assert milestones["publish-report"]["latest"] == "2019-02-21"


def test_frameworks_command():
    frameworks = document("frameworks")["frameworks"]
    assert [f["id"] for f in frameworks] == ["sif-2017", "ilacs-2018", "ilacs-2026"]
    assert (frameworks[1]["start"], frameworks[1]["end"]) == ("2018-01-01", "2026-03-31")
    assert frameworks[2]["trigger_source"] is None and frameworks[2]["unverified_rules"] > 0
    assert "Ofsted 2025-11-27" in frameworks[2]["sources"]
    assert "ilacs-2026" in run("frameworks").stdout


LOCAL = [
    ("committee-draft-plan", "2017-09-25"),  # 15 working days before Mon 16 Oct 2017
    ("board-before-mv1", "2017-11-06"),  # 5 working days before Mon 13 Nov 2017
    ("board-before-visit-2", "2018-02-06"),  # 5 working days before Tue 13 Feb 2018
]


def test_user_rules_join_deadlines_marked_local():
    found = document("deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01", "--rules", LOCAL_RULES)
    milestones = {m["id"]: m for m in found["milestones"]}
    for milestone, day in LOCAL:
        assert milestones[milestone]["latest"] == day
        assert milestones[milestone]["local"] == LOCAL_RULES
    assert milestones["wsoa"]["local"] is None
    table = run("deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01", "--rules", LOCAL_RULES).stdout
    assert "Draft action plan to the committee" in table and "local" in table


def test_user_rules_in_ics():
    data = run("deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01", "--rules", LOCAL_RULES, "-f", "ics")
    events = {
        str(e["UID"]).split(".")[-1].split("@")[0]: e for e in Calendar.from_ical(data.stdout_bytes).walk("VEVENT")
    }
    draft = events["committee-draft-plan"]
    assert str(draft["DTSTART"].to_ical().decode()) == "20170925"
    assert f"Local rule, from {LOCAL_RULES}." in str(draft["DESCRIPTION"])


def test_user_rules_in_check(tmp_path):
    (tmp_path / "local-rules.toml").write_text(pathlib.Path(LOCAL_RULES).read_text(encoding="utf-8"), encoding="utf-8")
    plan = tmp_path / "plan.toml"
    plan.write_text(
        'received = 2017-07-07\nrules = "local-rules.toml"\n[dates]\npublish-report = 2017-07-10\n'
        "committee-draft-plan = 2017-09-28\n",
        encoding="utf-8",
    )
    result = run("check", str(plan), "--as-of", "2017-10-01")
    assert result.exit_code == 0
    assert (
        "WARN  committee-draft-plan: LATE: done Thu 28 Sep 2017, 3 working days late "
        "(rule: expected date Mon 25 Sep 2017; Governance timetable) [local rule]"
    ) in result.stdout.splitlines()
    assert run("check", str(plan), "--as-of", "2017-10-01", "--strict").exit_code == 1


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ('date = { anchor = "nowhere", offset = 1, unit = "working days" }', "rule 'x' is anchored on 'nowhere'"),
        ('date = { anchor = "wsoa", offset = 1, unit = "fortnights" }', "rule 'x': date.unit is 'fortnights'"),
        ('date = { anchor = "wsoa", unit = "working days" }', "rule 'x': date.offset is missing"),
        ('date = { anchor = "y", offset = 1, unit = "working days" }', r"anchored in a circle \(x -> y -> x\)"),
    ],
)
def test_bad_user_rule_files(tmp_path, rule, message):
    import re

    text = f'[[rules]]\nid = "x"\ntitle = "X"\nshort = "x"\nkind = "expected"\nsource = "Us"\n{rule}\n'
    text += '[[rules]]\nid = "y"\ntitle = "Y"\nshort = "y"\nkind = "expected"\nsource = "Us"\n'
    text += 'date = { anchor = "x", offset = 1, unit = "working days" }\n'
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    result = run("deadlines", "--received", "2017-07-07", "--rules", str(path))
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"oftl: error: {path}: ") and re.search(message, line), line


def test_a_user_rule_may_not_redefine_a_shipped_one(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[rules]]\nid = "wsoa"\ntitle = "W"\nshort = "w"\nkind = "statutory"\nsource = "Us"\n'
        'date = { anchor = "receipt", offset = 60, unit = "working days" }\n',
        encoding="utf-8",
    )
    result = run("deadlines", "--received", "2017-07-07", "--rules", str(path))
    assert result.exit_code == 2 and "rule 'wsoa' is defined twice" in result.output


def test_holidays_check_agrees_with_a_real_govuk_file():
    result = run("holidays", "--check", str(GOVUK_2023))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].endswith("agree for 2023.")


def test_holidays_check_names_an_extra_proclaimed_holiday(tmp_path):
    data = json.loads(GOVUK_2023.read_text(encoding="utf-8"))
    data["england-and-wales"]["events"].append({"title": "Extra bank holiday", "date": "2023-06-05"})
    extra = tmp_path / "bank-holidays.json"
    extra.write_text(json.dumps(data), encoding="utf-8")
    result = run("holidays", "--check", str(extra))
    assert result.exit_code == 1
    assert f"only in {extra}: Mon 5 Jun 2023 Extra bank holiday" in result.stdout.splitlines()
    assert json.loads(run("holidays", "--check", str(extra), "-f", "json").stdout)["differences"] == [
        {"date": "2023-06-05", "title": "Extra bank holiday", "only_in": "file"}
    ]
    # The same file as --holidays-file moves the deadline it affects: received Mon 20 Mar 2023,
    # the 70th working day is Mon 3 Jul 2023, and Tue 4 Jul 2023 with 5 June closed.
    args = ["deadlines", "--received", "2023-03-20"]
    before = {m["id"]: m["latest"] for m in document(*args)["milestones"]}
    after = document(*args, "--holidays-file", str(extra))
    moved = {m["id"]: m["latest"] for m in after["milestones"]}
    assert (before["wsoa"], moved["wsoa"]) == ("2023-07-03", "2023-07-04")
    assert before["publish-report"] == moved["publish-report"] == "2023-05-04"
    assert after["calendar"]["source"].endswith(f"plus {extra}")


def test_holidays_without_year_or_check_is_a_usage_error():
    result = run("holidays")
    assert result.exit_code == 2 and "give a YEAR" in result.output


def test_every_output_names_its_calendar():
    args = ["deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01"]
    source = "holidays 0.109 (bundled data 2000–2040)"
    assert source in run(*args).stdout
    assert source in run(*args, "-f", "markdown").stdout
    assert source in run(*args, "-f", "csv").stdout.splitlines()[1]
    assert document(*args)["calendar"]["source"] == source
    assert source.replace("–", "–") in run(*args, "-f", "ics").stdout.replace("\r\n ", "")


def test_check_strict_fails_on_a_date_past_the_announced_holidays(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text("received = 2027-11-01\n", encoding="utf-8")
    result = run("check", str(plan), "--as-of", "2027-11-02")
    assert result.exit_code == 0
    # 70 working days after Mon 1 Nov 2027 falls in February 2028, after 2027.
    assert "falls after 2027, the last year with announced bank holidays" in result.stdout
    assert run("check", str(plan), "--as-of", "2027-11-02", "--strict").exit_code == 1


def test_check_takes_the_framework_from_the_plan_or_the_option(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('received = 2019-01-10\nframework = "sif-2017"\n', encoding="utf-8")
    as_plan = json.loads(run("check", str(plan), "--as-of", "2019-01-11", "-f", "json").stdout)
    assert (as_plan["framework"], as_plan["notes"][0]) == ("sif-2017", "Framework sif-2017, as named by the plan.")
    overridden = json.loads(
        run("check", str(plan), "--as-of", "2019-01-11", "-f", "json", "--framework", "ilacs-2018").stdout
    )
    assert overridden["framework"] == "ilacs-2018"


def test_a_projected_date_given_is_counted_once(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text("received = 2027-11-01\n[dates]\nwsoa = 2028-02-01\n", encoding="utf-8")
    result = run("check", str(plan), "--as-of", "2027-11-02")
    lines = result.stdout.splitlines()
    assert any(line.startswith("WARN  wsoa: Tue 1 Feb 2028 falls after 2027") for line in lines)
    assert lines[-1].endswith(", 1 date checked")


def test_the_rules_quote_and_cite_what_ofsted_and_the_statute_say():
    """Issue 19: each public source is quoted and cited with its address, as checked against the
    public texts (legislation.gov.uk, zoomlaw.co.uk's copy of SI 2007/462, CYP Now, wired-gov.net)."""
    frameworks = {f["id"]: f for f in document("frameworks")["frameworks"]}
    sif, ilacs, ilacs_2026 = (frameworks[name]["sources"] for name in ("sif-2017", "ilacs-2018", "ilacs-2026"))
    assert '"must, within 30 working days of receiving the report, publish it"' in sif["SI 2007/462"]
    assert "https://www.legislation.gov.uk/uksi/2007/462" in sif["SI 2007/462"]
    assert "the period within which they propose to take that action" in sif["EIA 2006"]
    assert "https://www.legislation.gov.uk/ukpga/2006/40/section/137" in sif["EIA 2006"]
    cyp = ilacs["CYP Now 2018-09"]
    assert '"We will re-inspect using a standard inspection under this [ILACS] framework"' in cyp
    assert "https://www.cypnow.co.uk/news/article/ofsted-relaxes-inspections-for-struggling-inadequate-councils" in cyp
    focused = "focused visits that find areas for priority action, not on inadequate judgements"
    assert focused in ilacs["CYP Now 2018-08"]
    assert "27 November 2025" in ilacs_2026["Ofsted 2025-11-27"]
    assert (
        '"From April 2026, the inspectorate will remove the overall effectiveness judgement in ILACS"'
        in (ilacs_2026["Ofsted 2025-11-27"])
    )
    assert "September 2018" in frameworks["ilacs-2018"]["period_source"]
    assert "27 November 2025" in frameworks["ilacs-2026"]["period_source"]


def test_rule_notes_carry_no_fixed_practice_figures():
    """Practice comes from the inspection history as of the day, never from a note written once."""
    import re

    for name in ("sif-2017", "ilacs-2018", "ilacs-2026"):
        for rule in document("rules", "--framework", name)["rules"]:
            assert not re.search(r"\d+\s*[–-]\s*\d+ months", rule["note"] or ""), (name, rule["id"])


def test_a_2017_journeys_reinspection_after_september_2018_is_an_ilacs_standard_inspection():
    rules = {rule["id"]: rule for rule in document("rules", "--framework", "sif-2017")["rules"]}
    assert (
        "From September 2018 Ofsted re-inspects with an ILACS standard inspection, not under this framework "
        "(CYP Now 2018-09)" in rules["reinspection"]["note"]
    )


@pytest.mark.parametrize(
    ("fieldwork", "rules", "fieldwork_title"),
    [
        ("2018-06-11", "sif-2017-reinspection", "Re-inspection fieldwork (days 1–10)"),  # Torbay's, a SIF re-inspection
        ("2018-08-31", "sif-2017-reinspection", "Re-inspection fieldwork (days 1–10)"),
        ("2018-09-03", "ilacs-2018-reinspection", "Standard inspection fieldwork (two weeks on site)"),
        ("2018-10-29", "ilacs-2018-reinspection", "Standard inspection fieldwork (two weeks on site)"),  # Dudley's
    ],
)
def test_ilacs_reinspection_rules_from_september_2018(fieldwork, rules, fieldwork_title):
    """Issue 19: inadequate authorities were re-inspected under the SIF until the ILACS update of
    September 2018 (CYP Now, 17 Sep 2018), with an ILACS standard inspection after it."""
    document = json.loads(
        run("reinspection", "--fieldwork", fieldwork, "--as-of", "2018-01-01", "--format", "json").stdout
    )
    assert document["framework"] == rules
    assert next(m for m in document["milestones"] if m["id"] == "reinspection-fieldwork")["title"] == fieldwork_title
    named = json.loads(
        run("reinspection", "--fieldwork", "2018-06-11", "--framework", "ilacs-2018", "--format", "json").stdout
    )
    assert named["framework"] == "ilacs-2018-reinspection"  # a framework named is taken as named

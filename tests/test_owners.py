"""Whose date it is: only the authority's duties can be late, early or overdue; Ofsted's and the
DfE's dates off their usual pattern are said without blame, and never in red.

Barnet received its report Fri 7 Jul 2017 (Cover report 1.19). The authority's: publication by
Fri 18 Aug 2017 (SI 2007/462 reg. 2), the statement by Mon 16 Oct 2017 (Handbook 6, 7, 19, 49),
and a council's own rules. Ofsted's: the action planning visit Fri 11 – Fri 25 Aug 2017
(Handbook 10), the first monitoring visit Tue 17 Oct – Mon 13 Nov 2017 (Handbook 23). The DfE's:
the improvement plan Fri 6 Oct 2017 and its reviews (PCF 121).
"""

import pytest

from ofsted_timeline.calendar import england_and_wales
from ofsted_timeline.request import Request
from ofsted_timeline.rules import load_rule_set, parse_rule_set
from ofsted_timeline.timeline import build_timeline

from .conftest import BOARD_RULES, d, run

BARNET = d("2017-07-07")


def status(milestone, given, as_of, local=False):
    rules = load_rule_set("sif-2017")
    if local:
        rules = parse_rule_set(BOARD_RULES, "local.toml", base=rules)
    actuals = {milestone: d(given)} if given else {}
    found = build_timeline(Request(BARNET, rules, d(as_of), actuals), england_and_wales(2016, 2022)).milestone(
        milestone
    )
    return found.rule.by, found.status.code, found.status.text, found.status.alert


@pytest.mark.parametrize(
    ("milestone", "given", "as_of", "local", "expected"),
    [
        # The authority's statutory deadline: late, met, overdue, all its own.
        (
            "wsoa",
            "2017-10-17",
            "2017-10-20",
            False,
            ("authority", "late", "LATE: done Tue 17 Oct 2017, 1 working day late", True),
        ),
        (
            "wsoa",
            "2017-10-16",
            "2017-10-20",
            False,
            ("authority", "met", "done Mon 16 Oct 2017, on the deadline", False),
        ),
        ("publish-report", None, "2017-08-21", False, ("authority", "overdue", "overdue by 1 working day", True)),
        # A council's own rule is the authority's: its window can be early or late.
        (
            "board",
            "2017-07-20",
            "2017-08-21",
            True,
            ("authority", "early", "EARLY: done Thu 20 Jul 2017, 1 working day before the window", True),
        ),
        (
            "board",
            "2017-08-07",
            "2017-08-21",
            True,
            ("authority", "late", "LATE: done Mon 7 Aug 2017, 1 working day after the window", True),
        ),
        # Ofsted's: outside its usual window it is later or earlier, never late or early, never an alert.
        (
            "apv-window",
            "2017-08-29",
            "2017-09-01",
            False,
            (
                "ofsted",
                "later",
                "done Tue 29 Aug 2017, 1 working day later than the usual window (Ofsted sets this date)",
                False,
            ),
        ),
        (
            "apv-window",
            "2017-08-10",
            "2017-09-01",
            False,
            (
                "ofsted",
                "earlier",
                "done Thu 10 Aug 2017, 1 working day earlier than the usual window (Ofsted sets this date)",
                False,
            ),
        ),
        (
            "mv1",
            "2017-11-13",
            "2017-12-01",
            False,
            ("ofsted", "in-window", "done Mon 13 Nov 2017, in the window", False),
        ),
        ("mv1", None, "2017-12-01", False, ("ofsted", "passed", "passed (no date given)", False)),
        # The DfE's: the same.
        (
            "dfe-improvement-plan",
            "2017-10-09",
            "2017-10-20",
            False,
            (
                "dfe",
                "later",
                "done Mon 9 Oct 2017, 1 working day later than the usual date (the DfE sets this date)",
                False,
            ),
        ),
        (
            "dfe-improvement-plan",
            "2017-10-06",
            "2017-10-20",
            False,
            ("dfe", "met", "done Fri 6 Oct 2017, on the expected date", False),
        ),
        ("dfe-improvement-plan", None, "2017-10-20", False, ("dfe", "passed", "passed (no date given)", False)),
    ],
)
def test_statuses_by_owner(milestone, given, as_of, local, expected):
    assert status(milestone, given, as_of, local) == expected


def test_a_passed_practice_window_is_beyond_the_usual_practice_not_overdue():
    """ILACS re-inspection windows come from practice: 1,025–1,420 days after receipt for a report
    received Mon 29 Oct 2018 (Thu 19 Aug 2021 – Sun 18 Sep 2022, as the history stood on Thu 26 Nov
    2026); with no date given it is beyond the usual practice, which blames nobody."""
    result = run("deadlines", "--received", "2018-10-29", "--as-of", "2026-11-26", "-f", "json")
    import json

    reinspection = next(m for m in json.loads(result.stdout)["milestones"] if m["id"] == "reinspection")
    assert (reinspection["by"], reinspection["status"], reinspection["status_text"]) == (
        "ofsted",
        "passed",
        "beyond the usual practice (no date given)",
    )


def test_bcp_later_visit_is_not_blamed_and_later_visits_stay_windows():
    """BCP: report published Fri 11 Feb 2022, monitoring visits Tue 7 Jun and Tue 4 Oct 2022 (Ofsted's
    letters). After 7 Jun the next visit is expected 11–15 weeks later, Tue 23 Aug – Tue 20 Sep 2022:
    4 Oct is 10 working days later than that, said without blame; visit 3 is a window again."""
    result = run(
        "deadlines",
        "--received",
        "2022-02-11",
        "--date",
        "publish-report=2022-02-11",
        "--visit",
        "2022-06-07",
        "--visit",
        "2022-10-04",
        "--as-of",
        "2022-12-01",
        "-f",
        "json",
    )
    import json

    found = {m["id"]: m for m in json.loads(result.stdout)["milestones"]}
    mv2 = found["mv2"]
    assert (mv2["earliest"], mv2["latest"], mv2["status"]) == ("2022-08-23", "2022-09-20", "later")
    assert (
        mv2["status_text"] == "done Tue 4 Oct 2022, 10 working days later than the usual window (Ofsted sets this date)"
    )
    # Tue 4 Oct 2022 + 77 days = Tue 20 Dec 2022; + 105 days = Tue 17 Jan 2023.
    assert (found["mv3"]["earliest"], found["mv3"]["latest"]) == ("2022-12-20", "2023-01-17")
    assert found["publish-report"]["status"] == "met"
    assert not any(m["status"] in ("late", "early") for m in found.values() if m["by"] != "authority")


def test_check_fails_only_for_the_authoritys_duties(tmp_path):
    plan = tmp_path / "bcp.toml"
    plan.write_text(
        'authority = "BCP"\nreceived = 2022-02-11\n[dates]\npublish-report = 2022-02-11\nwsoa = 2022-05-20\n'
        "visits = [2022-06-07, 2022-10-04]\n",
        encoding="utf-8",
    )
    result = run("check", str(plan), "--as-of", "2022-12-01")
    assert result.exit_code == 0, result.stdout
    assert (
        "NOTE  mv2: done Tue 4 Oct 2022, 10 working days later than the usual window (Ofsted sets this date)"
        in result.stdout
    )
    strict = run("check", str(plan), "--as-of", "2022-12-01", "--strict")
    assert strict.exit_code == 1 and "FAIL  mv2:" in strict.stdout


@pytest.mark.parametrize(
    ("milestone", "given", "as_of", "local", "short"),
    [
        ("wsoa", "2017-10-17", "2017-10-20", False, "LATE 1 wd"),
        ("board", "2017-07-20", "2017-08-21", True, "EARLY 1 wd"),
        ("apv-window", "2017-08-29", "2017-09-01", False, "later by 1 wd"),
        ("apv-window", "2017-08-10", "2017-09-01", False, "earlier by 1 wd"),
        ("wsoa", "2017-10-13", "2017-10-20", False, "met, 1 wd early"),
    ],
)
def test_the_one_line_view_says_it_short(milestone, given, as_of, local, short):
    rules = load_rule_set("sif-2017")
    if local:
        rules = parse_rule_set(BOARD_RULES, "local.toml", base=rules)
    found = build_timeline(Request(BARNET, rules, d(as_of), {milestone: d(given)}), england_and_wales(2016, 2022))
    assert found.milestone(milestone).status.short == short

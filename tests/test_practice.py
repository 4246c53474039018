"""Issue 15, what users see in a timeline: practice beside the re-inspection rule, the window
from practice where no source gives one, and --authority knowing the authorities.

Figures are those of the bundled history (built 26 Nov 2026, last publication 18 Jun 2026).
"""

import datetime as dt
import json

import pytest

from ofsted_timeline.history import FromHistory, from_history, load
from ofsted_timeline.request import Request
from ofsted_timeline.rules import load_rule_set
from ofsted_timeline.timeline import build_timeline, persistent_failure

from .conftest import d, run

AS_OF = "2026-11-26"
BRADFORD_2018 = ["--received", "2018-10-29", "--authority", "Bradford", "--as-of", AS_OF, "--format", "json"]


def deadlines_json(*args: str) -> dict:
    result = run("deadlines", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def milestone(document: dict, wanted: str) -> dict:
    return next(m for m in document["milestones"] if m["id"] == wanted)


def test_ilacs_window_comes_from_practice_marked_as_such():
    """Bradford, inadequate, published 29 Oct 2018, as of 26 Nov 2026 (the data ends 18 Jun
    2026): 1025-1484 days after, the Kaplan-Meier 10th-90th percentiles of 21 closed and 13
    open ILACS episodes (19 of the 21 inside); 2018-10-29 + 1025 days = 2021-08-19, + 1484 days
    = 2022-11-21."""
    document = deadlines_json(*BRADFORD_2018)
    reinspection = milestone(document, "reinspection")
    assert (reinspection["earliest"], reinspection["latest"]) == ("2021-08-19", "2022-11-21")
    assert reinspection["basis"] == "1025–1484 days after receipt"
    assert reinspection["unverified"] is False
    assert reinspection["practice"] == (
        "10th–90th percentile (Kaplan–Meier) of 21 closed and 13 open ILACS episodes, known to Thu 18 Jun 2026"
    )
    assert reinspection["source"] == (
        "Practice: Ofsted inspection reports published to Thu 18 Jun 2026: Kaplan–Meier 10th–90th percentile of 21 "
        "closed and 13 open ILACS episodes"
    )
    assert "No public source gives the timing under ilacs-2018" in reinspection["notes"][0]
    window = document["in_practice"]["window"]
    assert (window["from_days"], window["to_days"], window["held"], window["of"], window["open"]) == (
        1025, 1484, 19, 21, 13
    )  # fmt: skip
    assert (window["from_months"], window["to_months"], window["years"]) == (33.7, 48.8, [2018, 2026])
    assert document["in_practice"]["backtest"] == {"held": 9, "of": 21, "without_window": 0}
    assert "held 9 of 21 later ILACS re-inspections (mean width 18.1 months)" in reinspection["notes"][1]


def test_the_window_from_practice_without_as_of():
    """The issue's own command: today is after the data's last publication, so the closed
    episodes, and the window drawn from them, are those of the whole history."""
    result = run("deadlines", "--received", "2018-10-29", "--authority", "Bradford", "--format", "json")
    reinspection = milestone(json.loads(result.stdout), "reinspection")
    assert (reinspection["earliest"], reinspection["latest"], reinspection["unverified"]) == (
        "2021-08-19",
        "2022-11-21",
        False,
    )
    assert "of 21 closed and 13 open ILACS episodes, known to Thu 18 Jun 2026" in reinspection["practice"]


def test_a_closed_episode_shows_when_the_reinspection_really_happened():
    document = deadlines_json(*BRADFORD_2018)
    reinspection = milestone(document, "reinspection")
    assert reinspection["actual"] == "2022-11-21"
    # 48.8 months: the window's 90th percentile, its last day. Ofsted sets it: never "late" (no blame).
    assert reinspection["status"] == "in-window" and reinspection["by"] == "ofsted"
    assert milestone(document, "reinspection-fieldwork")["earliest"] == "2022-11-21"
    assert document["inspection_history"]["reinspection"]["published"] == "2023-01-31"
    assert any(
        "Bradford's re-inspection began Mon 21 Nov 2022, 48.8 months after this report's publication" in note
        and "published 31 Jan 2023: inadequate); taken as its date." in note
        for note in document["notes"]
    )


def test_persistent_failure_only_where_the_history_supports_it():
    first = deadlines_json(*BRADFORD_2018)
    assert first["persistent_failure"] is None
    assert first["inspection_history"]["earlier_inadequate"] == []
    assert (
        "Persistent failure (PCF 121, key: 2 inadequate judgements within 5 years) not shown by the inspection "
        "history: the inspection history has no earlier inadequate judgement of Bradford, but the 5 years began "
        "Tue 29 Oct 2013 and the history starts Tue 11 Feb 2014." in first["notes"]
    )
    harrow = deadlines_json("--received", "2025-03-04", "--authority", "Harrow", "--as-of", AS_OF, "--format", "json")
    assert harrow["persistent_failure"] is None
    assert (
        "Not persistent failure (PCF 121, key: 2 inadequate judgements within 5 years): the inspection history "
        "has no earlier inadequate judgement of Harrow." in harrow["notes"]
    )
    second = deadlines_json("--received", "2023-01-31", "--authority", "Bradford", "--as-of", AS_OF, "--format", "json")
    assert second["inspection_history"]["earlier_inadequate"] == ["2018-10-29"]
    assert second["persistent_failure"] == (
        "Persistent failure (PCF 121, key): 2 inadequate judgements within 5 years, compared by publication day "
        "(Mon 29 Oct 2018, Tue 31 Jan 2023); the DfE may appoint a Commissioner (PCF 121). Mon 29 Oct 2018 is from "
        "the inspection history."
    )


def test_a_judgement_given_by_hand_and_in_the_history_counts_once():
    document = deadlines_json(
        "--received", "2023-01-31", "--authority", "Bradford", "--as-of", AS_OF, "--format", "json",
        "--previous-inadequate", "2018-10-29",
    )  # fmt: skip
    said = document["persistent_failure"]
    assert "within 5 years, compared by publication day (Mon 29 Oct 2018, Tue 31 Jan 2023)" in said
    assert "from the inspection history" not in said and "one judgement" not in said


def bradford_2023(*given: str) -> dict:
    return deadlines_json(
        "--received", "2023-01-31", "--authority", "Bradford", "--as-of", AS_OF, "--format", "json", *given
    )  # fmt: skip


def test_a_day_given_by_hand_near_one_in_the_history_is_that_judgement():
    """Issue 19: Bradford's 2018 judgement given as Fri 26 Oct 2018 (the history: published Mon
    29 Oct 2018) is one judgement, not two: 2 inadequate judgements within 5 years, not 3."""
    said = bradford_2023("--previous-inadequate", "2018-10-26")["persistent_failure"]
    assert said == (
        "Persistent failure (PCF 121, key): 2 inadequate judgements within 5 years, compared by publication day "
        "(Mon 29 Oct 2018, Tue 31 Jan 2023); the DfE may appoint a Commissioner (PCF 121). Fri 26 Oct 2018 given "
        "and Mon 29 Oct 2018 in the inspection history are one judgement (within 10 days): counted once, by its "
        "publication day."
    )
    eleven_days = bradford_2023("--previous-inadequate", "2018-10-18")["persistent_failure"]
    assert "3 inadequate judgements within 5 years, compared by publication day (Thu 18 Oct 2018, Mon 29 Oct" in (
        eleven_days
    )  # 11 days off: a different judgement, as given


@pytest.mark.parametrize("received", ["2025-03-10", "2025-04-01", "2025-05-13", "2025-05-23"])
def test_the_same_journey_gets_the_same_answer_whichever_receipt_day(received):
    """Issue 19: Devon, inadequate 17 Mar 2020 and again 13 May 2025 (fieldwork ended 11 Oct
    2024). Compared publication to publication the two are 5 years and 2 months apart, so not
    persistent failure, whether the timeline counts from the receipt (10 Mar 2025, inside five
    years of 17 Mar 2020) or from the publication day."""
    document = deadlines_json("--received", received, "--authority", "Devon", "--as-of", AS_OF, "--format", "json")
    assert document["persistent_failure"] is None
    assert (
        "Not persistent failure (PCF 121, key: 2 inadequate judgements within 5 years): Devon's earlier inadequate "
        "judgements in the inspection history (published Tue 17 Mar 2020) are too few or too long before this "
        "report's publication (Tue 13 May 2025)." in document["notes"]
    )
    assert document["inspection_history"]["judgement"]["published"] == "2025-05-13"


def test_without_the_history_the_receipt_stands_in_and_says_so():
    document = deadlines_json("--received", "2023-01-31", "--previous-inadequate", "2018-10-26", "--format", "json")
    assert document["persistent_failure"].endswith(
        "compared by publication day (Fri 26 Oct 2018, Tue 31 Jan 2023); the DfE may appoint a Commissioner (PCF "
        "121). This report's receipt (Tue 31 Jan 2023) stands in for its publication day."
    )


@pytest.mark.parametrize(
    "name", ["City of Bradford Metropolitan District Council", "bradford", "BRADFORD COUNCIL", "Bradford."]
)
def test_authority_matched_without_case_punctuation_or_council(name):
    document = deadlines_json("--received", "2023-01-31", "--authority", name, "--as-of", AS_OF, "--format", "json")
    assert document["authority"] == name  # the name as given labels the output
    assert document["inspection_history"]["authority"] == "Bradford"
    assert document["persistent_failure"] is not None


def test_a_near_miss_is_allowed_with_a_did_you_mean():
    result = run("deadlines", "--received", "2023-01-31", "--authority", "Bradfrod", "--as-of", AS_OF)
    assert result.exit_code == 0
    assert "Inspection history: no authority 'Bradfrod' (did you mean Bradford?)." in result.stdout
    document = deadlines_json(
        "--received", "2023-01-31", "--authority", "Bradfrod", "--as-of", AS_OF, "--format", "json"
    )
    assert document["authority"] == "Bradfrod" and document["persistent_failure"] is None
    assert document["inspection_history"]["suggestions"] == ["Bradford"]
    assert milestone(document, "reinspection")["actual"] is None


def test_a_name_not_in_the_history_stays_allowed():
    document = deadlines_json("--received", "2023-01-31", "--authority", "Narnia", "--as-of", AS_OF, "--format", "json")
    assert document["authority"] == "Narnia"
    assert (
        "Inspection history: no authority 'Narnia'; nothing is taken from it (earlier judgements, re-inspection)."
        in document["notes"]
    )


def test_a_reinspection_given_by_hand_wins_and_the_difference_is_said():
    document = deadlines_json(*BRADFORD_2018, "--reinspection", "2022-11-14")
    assert milestone(document, "reinspection")["actual"] == "2022-11-14"
    assert any(note.endswith("; the date given, Mon 14 Nov 2022, is used.") for note in document["notes"])


def test_sif_keeps_the_handbook_rule_with_practice_beside_it():
    """Barnet as of 1 Sep 2017: what was known then, 5 closed SIF episodes."""
    document = deadlines_json(
        "--received", "2017-07-07", "--as-of", "2017-09-01", "--authority", "Barnet", "--format", "json"
    )
    reinspection = milestone(document, "reinspection")
    assert (reinspection["source"], reinspection["practice"]) == ("Handbook 49, 50; Cover report 1.22", None)
    assert reinspection["notes"][-1].startswith(
        "In practice (5 SIF episodes, 2014–2017): re-inspection fieldwork began 21.3–35.5 months after the "
        "inadequate report's publication, median 27.7; 2 of 14 within two years; 28 open on Fri 1 Sep 2017"
    )
    assert reinspection["notes"][-1].endswith(
        "Source: Ofsted inspection reports published to Fri 1 Sep 2017 "
        "(oftl's inspection history, built Thu 26 Nov 2026)."
    )
    assert document["in_practice"]["closed_episodes"] == 5
    assert (
        "Persistent failure (PCF 121, key: 2 inadequate judgements within 5 years) not shown by the inspection "
        "history: the inspection history has no earlier inadequate judgement of Barnet, but the 5 years began "
        "Sat 7 Jul 2012 and the history starts Tue 11 Feb 2014." in document["notes"]
    )


def test_sif_practice_today():
    document = deadlines_json("--received", "2017-07-07", "--as-of", AS_OF, "--format", "json")
    note = milestone(document, "reinspection")["notes"][-1]
    assert note.startswith("In practice (39 SIF episodes, 2014–2022): re-inspection fieldwork began 21.3–55.9 months")
    assert "median 30.5; 4 of 39 within two years." in note


def test_a_young_framework_draws_on_its_predecessors_record_too():
    """Issue 19: as of 1 Jun 2019 no ILACS episode had closed. The window is not the rule
    carried over from 2017 (about 12-27 months, which every ILACS re-inspection overran) but
    drawn from the SIF and ILACS episodes known that day, the open ones censored: 738-1132
    days (24.2-37.2 months); 2019-01-10 + 738 days = 2021-01-17, + 1132 days = 2022-02-15."""
    document = deadlines_json("--received", "2019-01-10", "--as-of", "2019-06-01", "--format", "json")
    reinspection = milestone(document, "reinspection")
    assert reinspection["unverified"] is False
    assert (reinspection["earliest"], reinspection["latest"]) == ("2021-01-17", "2022-02-15")
    assert reinspection["practice"] == (
        "10th–90th percentile (Kaplan–Meier) of 25 closed and 22 open SIF and ILACS episodes, known to Sat 1 Jun 2019"
    )
    assert (
        "ILACS has too few closed episodes of its own, so the SIF record is drawn on too." in reinspection["notes"][0]
    )
    assert reinspection["notes"][1].startswith(
        "In practice (ILACS): no re-inspection after an inadequate judgement yet; 8 open on Sat 1 Jun 2019"
    )
    assert "No ILACS re-inspection has yet tested a window from practice." in reinspection["notes"][1]
    assert document["in_practice"]["window"]["basis"] == ["sif", "ilacs-2018"]


def test_no_window_from_fewer_than_five_closed_episodes():
    """As of 1 Jan 2016 no SIF episode had closed: no window, the handbook's rule alone."""
    document = deadlines_json("--received", "2015-10-01", "--as-of", "2016-01-01", "--format", "json")
    assert document["in_practice"]["closed_episodes"] == 0 and document["in_practice"]["window"] is None


def test_ilacs_2026_draws_its_window_from_every_ilacs_episode():
    document = deadlines_json("--received", "2026-05-01", "--as-of", AS_OF, "--format", "json")
    reinspection = milestone(document, "reinspection")
    assert (reinspection["earliest"], reinspection["latest"]) == ("2029-02-19", "2030-05-24")  # + 1025, + 1484 days
    assert reinspection["practice"].startswith(
        "10th–90th percentile (Kaplan–Meier) of 21 closed and 13 open ILACS and ILACS from April 2026 episodes"
    )
    assert (
        "ILACS from April 2026 has too few closed episodes of its own, so the ILACS record is drawn on too."
        in reinspection["notes"][0]
    )
    assert reinspection["notes"][1].startswith("In practice (21 ILACS episodes, 2018–2026; none yet under ILACS from")


def test_the_glance_view_says_it_in_a_line():
    result = run("deadlines", "--received", "2018-10-29", "--authority", "Bradford", "--as-of", AS_OF)
    line = " ".join(result.stdout.split())  # as wrapped to the terminal
    assert (
        "In practice to 18 Jun 2026: n=21 re-inspected in 28.5–54.5 months, 13 open; window (~) "
        "from ILACS episodes, such windows held 9 of 21." in line
    )
    assert "Re-inspection began Mon 21 Nov 2022: from the inspection history." in result.stdout
    assert "~ from practice" in result.stdout
    details = run("deadlines", "--received", "2018-10-29", "--as-of", AS_OF, "--details")
    assert "Re-inspection: Window from practice, 33.7–48.8 months (1025–1484 days)" in details.stdout


def test_markdown_names_practice_as_the_source():
    result = run("deadlines", "--received", "2018-10-29", "--as-of", AS_OF, "--format", "markdown")
    row = next(line for line in result.stdout.splitlines() if line.startswith("| Re-inspection"))
    assert (
        "| Expected (practice) | Ofsted | 1025–1484 days after receipt "
        "| Practice: Ofsted inspection reports published to" in row
    )
    assert row.endswith("| beyond the usual practice (no date given) |")  # the window passed, nothing given


def test_the_core_reads_no_data_file():
    """The history arrives in the request; without it the rules stand as written."""
    rule_set = load_rule_set("ilacs-2018")
    from ofsted_timeline.calendar import england_and_wales

    calendar = england_and_wales(2017, 2030)
    plain = build_timeline(Request(d("2018-10-29"), rule_set, d(AS_OF)), calendar)
    assert plain.milestone("reinspection").rule.unverified and plain.history is None
    history = from_history(load(), "ilacs-2018", None, d("2018-10-29"), d(AS_OF))
    request = Request(d("2018-10-29"), rule_set, d(AS_OF), history=history)
    with_history = build_timeline(request, calendar)
    assert with_history.milestone("reinspection").latest == d("2022-11-21")
    assert build_timeline(request, calendar).rule_set is with_history.rule_set  # one set per practice, shared
    assert rule_set.get("reinspection").unverified  # the shipped set is untouched


def test_history_as_of_a_past_day_knows_only_what_was_published():
    history = from_history(load(), "ilacs-2018", "Bradford", d("2018-10-29"), d("2022-12-01"))
    assert isinstance(history, FromHistory)
    assert history.authority is not None and history.authority.following is None  # published 31 Jan 2023
    assert history.practice is not None and history.practice.known_to == dt.date(2022, 12, 1)


def test_persistent_failure_sentence_names_history_days():
    rule_set = load_rule_set("ilacs-2018")
    sentence = persistent_failure(rule_set, d("2023-01-31"), [], [d("2018-10-29")])
    assert sentence.endswith(
        "Mon 29 Oct 2018 is from the inspection history. This report's receipt (Tue 31 Jan 2023) stands in for its "
        "publication day."
    )
    assert persistent_failure(rule_set, d("2023-01-31"), [], [d("2018-01-31")]) == ""  # exactly five years: outside


def test_a_rule_may_count_calendar_days():
    """The unit a window from practice is counted in is open to rule files too (FORMAT.md)."""
    from ofsted_timeline.calendar import england_and_wales
    from ofsted_timeline.rules import parse_rule_set

    text = """
[[rules]]
id = "board"
title = "Improvement board"
short = "the board"
kind = "event"
date = { anchor = "receipt", offset = 100, unit = "days" }
source = "local"
"""
    rule_set = parse_rule_set(text, "local.toml", load_rule_set("sif-2017"))
    timeline = build_timeline(Request(d("2017-07-07"), rule_set, d("2017-07-07")), england_and_wales(2016, 2020))
    board = timeline.milestone("board")
    assert (board.latest, board.basis) == (d("2017-10-15"), "100 days after receipt")  # a Sunday, not moved


def test_a_receipt_standing_in_says_when_publication_may_change_the_answer():
    """As of 1 Apr 2025 the history does not yet have Devon's 2025 report (published 13 May
    2025): its receipt, 10 Mar 2025, stands in, 7 days inside five years of 17 Mar 2020; the
    sentence says that the publication day, which comes later, may put it outside."""
    document = deadlines_json(
        "--received", "2025-03-10", "--authority", "Devon", "--as-of", "2025-04-01", "--format", "json"
    )
    assert document["persistent_failure"].endswith(
        "This report's receipt (Mon 10 Mar 2025) stands in for its publication day, which comes later: Tue 17 Mar "
        "2020 is 7 days inside the 5 years of the receipt, and may fall outside them once this report is published."
    )


def test_timelines_given_one_history_share_its_wording_which_is_no_part_of_a_value():
    """A batch's timelines share the words practice says and the rule set with the window from
    practice (so its resolution plans too), kept in the memo the history hands out beside the
    figures (``worded``), not in the figures: they are a value, hashable, and the memo never
    makes two answers unequal; a timeline without a memo says the same."""
    from ofsted_timeline.history.context import history_as_of
    from ofsted_timeline.history.model import Worded
    from ofsted_timeline.timeline.practice import apply_history

    history = history_as_of(d(AS_OF))
    first, second = history("ilacs-2018", None, d("2018-10-29")), history("ilacs-2018", "Bradford", d("2023-01-31"))
    assert first.practice is second.practice and first.worded is not None and first.worded is second.worded
    rule_set = load_rule_set("ilacs-2018")
    one, two = (apply_history(rule_set, {}, said) for said in (first, second))
    assert one.rule_set is two.rule_set and one.rule_set.rules != rule_set.rules  # the window from practice, once
    alone = apply_history(rule_set, {}, first._replace(worded=None))
    assert alone.rule_set is not one.rule_set and alone.rule_set.rules == one.rule_set.rules
    assert alone._replace(rule_set=one.rule_set) == one
    assert first._replace(worded=Worded()) == first and hash(first.practice) == hash(second.practice)

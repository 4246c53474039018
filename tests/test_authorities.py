"""The list of authorities (authorities.csv) against the inspection history, and authority names
as every command takes them (issue 18, point 6; issue 21, defect 20)."""

import json
import re
from collections import Counter

import pytest

from ofsted_timeline.history import load
from ofsted_timeline.history.authorities import load_authorities
from ofsted_timeline.history.names import AuthorityIndex

from .conftest import run

AUTHORITIES = load_authorities()
GSS = re.compile(r"E(06|08|09|10)\d{6}")  # unitary, metropolitan district, London borough, county


def test_one_row_for_each_authority_with_childrens_services():
    assert len(AUTHORITIES) == 153  # since Cumbria's split on 1 April 2023
    for field in ("name", "official", "gss", "urn", "la_code"):
        values = Counter(getattr(a, field) for a in AUTHORITIES)
        assert values.most_common(1)[0][1] == 1, field
    assert all(GSS.fullmatch(code) for a in AUTHORITIES for code in (a.gss, *a.former_gss))


def test_every_authority_of_the_history_is_one_row_with_its_urn_and_la_code():
    rows = {a.name: a for a in AUTHORITIES}
    for record in load().records:
        row = rows[record.authority]
        assert (row.urn, row.la_code) == (record.urn, record.la_code), record.authority
    assert set(rows) == {record.authority for record in load().records}


def test_codes_of_reorganised_and_renamed_authorities():
    by_gss = {a.gss: a.name for a in AUTHORITIES}
    assert by_gss["E06000058"] == "Bournemouth, Christchurch & Poole"  # 1 April 2019
    assert by_gss["E06000059"] == "Dorset"
    assert by_gss["E06000061"] == "North Northamptonshire"  # 1 April 2021
    assert by_gss["E06000062"] == "West Northamptonshire"
    assert by_gss["E06000063"] == "Cumberland"  # 1 April 2023
    assert by_gss["E06000064"] == "Westmorland and Furness"
    assert by_gss["E06000065"] == "North Yorkshire"  # a unitary council from 1 April 2023, once E10000023
    assert by_gss["E09000001"] == "London Corporation"


def test_no_name_or_code_belongs_to_two_authorities():
    index = AuthorityIndex.of(AUTHORITIES)
    for authority in AUTHORITIES:
        for name in authority.names:
            assert index.match(name).authority == authority.name, name
        for code in authority.codes:
            assert index.match(code).authority == authority.name, code


# -- on the command line -------------------------------------------------------------------------


def test_deadlines_warns_of_a_name_not_found_and_goes_on():
    result = run("deadlines", "--received", "2023-01-31", "--authority", "Bradfrod", "--as-of", "2026-12-01")
    assert result.exit_code == 0 and "Next statutory" in result.stdout
    assert result.stderr == (
        "oftl: warning: no authority 'Bradfrod' in the inspection history: did you mean Bradford? "
        "Computed without its record (earlier inadequate judgements, re-inspection).\n"
    )


def test_deadlines_refuses_an_ambiguous_name_with_the_candidates():
    result = run("deadlines", "--received", "2023-01-31", "--authority", "Kingston", "--as-of", "2026-12-01")
    assert result.exit_code == 0
    assert "'Kingston' fits more than one authority: Kingston upon Hull or Kingston upon Thames" in result.stderr


def test_deadlines_takes_the_name_people_use_and_shows_it_as_given():
    # Herefordshire: inadequate 2018 and 2022: the second counts the first for persistent failure.
    result = run(
        "deadlines", "--received", "2022-12-01", "--authority", "County of Herefordshire", "--as-of", "2023-01-02",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0 and result.stderr == ""
    document = json.loads(result.stdout)
    assert document["authority"] == "County of Herefordshire"
    assert document["inspection_history"]["authority"] == "Herefordshire"


def test_london_is_not_the_city_of_london_on_the_command_line():
    result = run("deadlines", "--received", "2023-01-31", "--authority", "London", "--as-of", "2026-12-01")
    assert "no authority 'London' in the inspection history: did you mean London Corporation?" in result.stderr
    assert run("history", "--authority", "London").exit_code == 2
    city = run("history", "--authority", "City of London", "--format", "json")
    assert city.exit_code == 0 and json.loads(city.stdout)["authority"] == "London Corporation"


def test_history_refuses_an_ambiguous_name():
    result = run("history", "--authority", "Kingston")
    assert result.exit_code == 2
    assert result.stderr == (
        "oftl: error: 'Kingston' fits more than one authority: Kingston upon Hull or Kingston upon Thames; "
        "give the full name or a code\n"
    )


def test_batch_says_each_name_not_found_once_and_goes_on(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text(
        "authority,received\nHull,2026-11-17\nBradfrod,2026-11-17\nBradfrod,2026-10-17\nKingston,2026-11-01\n"
        "Bradfrod,2026-10-18\nTelford,2026-11-02\n"
    )
    result = run("batch", str(path), "--as-of", "2026-12-01", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "oftl: warning: rows 3, 4, 6: no authority 'Bradfrod' in the inspection history: did you mean "
        "Bradford? Computed without its record (earlier inadequate judgements, re-inspection).",
        "oftl: warning: row 5: 'Kingston' fits more than one authority: Kingston upon Hull or Kingston upon "
        "Thames; give the full name or a code. Computed without its record (earlier inadequate judgements, "
        "re-inspection).",
    ]
    timelines = json.loads(result.stdout)["timelines"]
    assert [t["authority"] for t in timelines] == ["Hull", "Bradfrod", "Bradfrod", "Kingston", "Bradfrod", "Telford"]
    assert "Inspection history: 'Hull' is Kingston upon Hull." in timelines[0]["notes"]
    assert "Inspection history: 'Telford' is Telford & Wrekin." in timelines[5]["notes"]


@pytest.mark.parametrize("name", ["Bradfrod", "\x1b]0;x\x07Bradford"])
def test_a_name_not_found_is_echoed_escaped(name):
    result = run("deadlines", "--received", "2023-01-31", "--authority", name, "--as-of", "2026-12-01")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_check_warns_of_a_plan_authority_not_found(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('authority = "Bradfrod"\nreceived = 2017-07-07\n')
    result = run("check", str(plan), "--as-of", "2017-07-10")
    assert result.exit_code == 0
    assert result.stderr.startswith("oftl: warning: no authority 'Bradfrod' in the inspection history: did you mean")


def test_a_name_of_many_authorities_says_the_candidates_are_some_of_them():
    found = AuthorityIndex.of(AUTHORITIES).match("North")
    assert found.ambiguous and len(found.suggestions) == 5
    assert found.problem().startswith("'North' fits many authorities, such as Bath and North East Somerset or ")


def test_the_index_built_with_the_data_matches_as_the_list_does():
    """``as_built`` holds the name index worked out from authorities.csv (a lookup reads no file):
    it is the list's, and every name, code, near miss, ambiguous or replaced name matches alike."""
    from ofsted_timeline.history import as_built
    from ofsted_timeline.history.names import name_index

    assert name_index(AUTHORITIES) == (as_built.NAMES, as_built.CODES, as_built.URNS)
    built, listed = AuthorityIndex.bundled(), AuthorityIndex.of(AUTHORITIES)
    queries = [name for a in AUTHORITIES for name in (*a.names, *a.codes, a.name.lower(), f"{a.name} Council")]
    queries += ["Kingston", "North", "Bradfrod", "London", "City of London", "Northamptonshire", "Cumbria", "Dorset"]
    queries += ["E99999999", "12345", "", "  ", "St Helens", "Stoke on Trnet", "Westmorland", "Barking & Dagenham"]
    for query in queries:
        assert built.match(query) == listed.match(query), query

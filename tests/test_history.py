"""Inspection history: extraction from report texts, the bundled data, episodes, practice, names.

The report layouts below are the header and judgement table of real reports (facts only:
title, dates, grades), each cited, so that extraction is tested against every era's layout
without the report files being part of the project.
"""

import datetime as dt
import pathlib
import re
import sys
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ofsted_timeline.history import (
    ILACS_2018,
    ILACS_2026,
    OPEN,
    REINSPECTED,
    REORGANISED,
    SIF,
    Inspection,
    earlier_inadequate,
    episodes,
    find_episode,
    load,
    match_authority,
    normalise_name,
    parse,
    practice,
    practice_window,
    two_years_after,
)
from ofsted_timeline.history.episode import DAYS_PER_MONTH

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_history  # noqa: E402

SOURCE = pathlib.Path("/work/shared/ofsted-reports")


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# -- extraction from report texts ----------------------------------------------------------

REPORTS = {
    # Ofsted, inspection of services for children ...: Barnet, published 7 Jul 2017 (SIF, 2017 layout)
    "80487_barnet/07-july-2017.txt": """\
        London Borough of Barnet
        Inspection of services for children in need of help and
        protection, children looked after and care leavers
        and
        Review of the effectiveness of the Local Safeguarding Children
        Board1
        Inspection date: 25 April – 18 May 2017
        Report published: 7 July 2017


            Children’s services in Barnet are inadequate
            1. Children who need help and protection                            Inadequate

            2. Children looked after and achieving
                                                                                Inadequate
               permanence

                   2.1 Adoption performance                                     Requires improvement

                   2.2 Experiences and progress of care leavers                 Requires improvement

            3. Leadership, management and governance                            Inadequate
        """,
    # Ofsted, ...: Bradford, published 23 May 2014 (SIF, 2014: a grade wrapped around its label)
    "80449_bradford/23-may-2014.txt": """\
        City of Bradford Metropolitan District
        Council
        Inspection of services for children in need of help and
        protection, children looked after and care leavers
        and
        Review of the effectiveness of the local safeguarding children
        board1
        Inspection date: 18 Feb 2014 – 12 March 2014

        The overall judgement is requires improvement
        There are no widespread or serious failures that create or leave children being

                                                                                   Requires
        1. Children who need help and protection
                                                                                   Improvement

        2. Children looked after and achieving permanence                          Good

                    2.1 Adoption performance                                       Good

                    2.2 Experiences and progress of care leavers                   Good

        3. Leadership, management and governance                                   Good
        """,
    # Ofsted, inspection of Bradford local authority children's services, published 29 Oct 2018 (ILACS 2018)
    "80449_bradford/29-october-2018.txt": """\
        City of Bradford Metropolitan District
        Council
        Inspection of children’s social care services

        Inspection dates: 17 September to 28 September 2018

        Lead inspector: Neil Penswick HMI


        Judgement                                                 Grade


        The impact of leaders on social work practice with        Requires improvement to
        children and families                                     be good


        The experiences and progress of children who need         Inadequate
        help and protection


        The experiences and progress of children in care and      Requires improvement to
        care leavers                                              be good


        Overall effectiveness                                     Inadequate


        Services for children in Bradford have rapidly deteriorated since the last inspection,
        """,
    # Ofsted, re-inspection of services ...: Norfolk, published 19 Jan 2018 (SIF re-inspection)
    "80418_norfolk/19-january-2018.txt": """\
        Norfolk Council
        Re-inspection of services for children in need of help and
        protection, children looked after and care leavers

        Inspection date: 13 November 2017 to 24 November 2017
        Report published: 19 January 2018


        Children’s services in Norfolk requires improvement to be good
        1. Children who need help and protection               Requires improvement

        2. Children looked after and achieving
                                                               Requires improvement
           permanence

                2.1 Adoption performance                       Outstanding

                2.2 Experiences and progress of care leavers   Requires improvement

        3. Leadership, management and governance               Requires improvement
        """,
    # Ofsted, inspection of Tameside local authority children's services, published 1 Jul 2019
    # (ILACS 2019: the overall grade split above and below its label)
    "80569_tameside/01-july-2019.txt": """\
        Tameside metropolitan borough
        Inspection of local authority children’s social care
        services
        Inspection dates: 13 May 2019 to 24 May 2019

         Judgement                                                     Grade

         The impact of leaders on social work practice with children   Requires improvement
         and families                                                  to be good

         The experiences and progress of children who need help and    Requires improvement
         protection                                                    to be good

         The experiences and progress of children in care and care     Requires improvement
         leavers                                                       to be good

                                                                       Requires improvement
         Overall effectiveness
                                                                       to be good

        Since the time of the last inspection in 2016, when services for children in Tameside
        were judged to be inadequate, the experiences and progress of children in care and care
        leavers have improved.
        """,
    # Ofsted, inspection of Barnsley local authority children's services, published 27 Oct 2023
    # (ILACS 2023: care leavers judged apart)
    "80426_barnsley/27-october-2023.txt": """\
        Inspection of Barnsley local authority
        children’s services
        Inspection dates: 11 to 15 September 2023

         Judgement                                  Grade

         The impact of leaders on social work       Good
         practice with children and families

         The experiences and progress of            Requires improvement to be good
         children who need help and protection

         The experiences and progress of            Good
         children in care

         The experiences and progress of care       Good
         leavers

         Overall effectiveness                      Good
        """,
    # Ofsted, ...: Sheffield, published 21 Feb 2014 (fieldwork in two parts, wrapped)
    "80551_sheffield/21-february-2014.txt": """\
        Sheffield City Council
        Inspection of services for children in need of help and
        protection, children looked after and care leavers
        Inspection dates: 19 November-11 December 2013 and 28 – 30
        January 2014

        The overall judgement is requires improvement
        1. Children who need help and protection                   Requires improvement
        2. Children looked after and achieving permanence          Good
                2.1 Adoption performance                           Good
                2.2 Experiences and progress of care leavers       Requires improvement
        3. Leadership, management and governance                   Requires improvement
        """,
    # Ofsted, ...: Stoke-on-Trent, published 12 Aug 2015 (numeric dates; text says 10 Aug)
    "80564_stoke-on-trent/12-august-2015.txt": """\
        Stoke-on-Trent City Council
        Inspection of services for children in need of help and
        protection, children looked after and care leavers
        Inspection date: 1/06/2015 – 25/06/2015
        Report published: 10/08/2015

        Children’s services in Stoke-on-Trent require improvement to be
        good
        1. Children who need help and protection                   Requires improvement
        2. Children looked after and achieving permanence          Requires improvement
                2.1 Adoption performance                           Good
                2.2 Experiences and progress of care leavers       Requires improvement
        3. Leadership, management and governance                   Requires improvement
        """,
    # Ofsted, ...: Isles of Scilly, published 27 Jun 2016 (three judgements "Not Judged")
    "80455_isles-of-scilly/27-june-2016.txt": """\
        Isles of Scilly
        Inspection of services for children in need of help and
        protection, children looked after and care leavers
        Inspection date: 11 April 2016 – 28 April 2016
        Report published: 27 June 2016

            Children’s services in the Isles of Scilly are good
            1. Children who need help and protection                            Good
            2. Children looked after and achieving
                                                                                Not Judged
               permanence
                   2.1 Adoption performance                                     Not Judged
                   2.2 Experiences and progress of care leavers                 Not Judged
            3. Leadership, management and governance                            Good
        """,
    # Ofsted, inspection of looked after children services: Sandwell, published 2 Aug 2013 (not SIF/ILACS)
    "80549_sandwell/02-august-2013.txt": """\
        Inspection of looked after children services
        Sandwell Metropolitan Borough Council
        Inspection dates:   24 – 28 June 2013
        Reporting inspector Christopher Sands HMI
        Age group:   All
        Published:   2 August 2013
        The purpose of the inspection is to evaluate the contribution made by relevant services to the
        quality of service provision for looked after children and care leavers.
        """,
    # Deliberately broken: a date that is not one, the table cut off after one row.
    "80533_nottingham/14-may-2014.txt": """\
        Nottingham City Council
        Inspection of services for children in need of help and
        protection, children looked after and care leavers
        Inspection date: sometime in the spring
        1. Children who need help and protection                   Requires improvement
        """,
    # Deliberately broken: no text layer.
    "80533_nottingham/07-january-2019.txt": "\f\f\f\n",
    # Deliberately broken: not an inspection report at all.
    "80533_nottingham/05-september-2022.txt": "Minutes of the corporate parenting board\n" + "lorem ipsum " * 40,
}
LATEST = """\
urn,la_code,local_authority,inspection_framework,inspection_start_date,inspection_end_date,publication_date,overall_effectiveness_grade,impact_of_leaders_grade,help_and_protection_grade,in_care_grade,care_leavers_grade,inspection_link
80426,370,barnsley,short,2023-09-11,2023-09-15,2023-10-27,good,good,requires improvement,good,good,https://files.ofsted.gov.uk/v1/file/50231520
80449,380,bradford,standard,2026-01-12,2026-01-23,2026-05-21,requires improvement,good,requires improvement,requires improvement,good,https://files.ofsted.gov.uk/v1/file/50302265
80489,304,brent,short,2026-04-27,2026-05-01,2026-06-17,nan,good,good,good,good,https://files.ofsted.gov.uk/v1/file/50304386
80487,302,barnet,short,2024-06-10,2024-06-14,2024-07-23,good,good,good,outstanding,good,https://files.ofsted.gov.uk/v1/file/50253182
80418,926,norfolk,short,2026-02-23,2026-02-27,2026-05-18,outstanding,outstanding,outstanding,outstanding,outstanding,https://files.ofsted.gov.uk/v1/file/50301680
80569,357,tameside,standard,2023-12-04,2023-12-15,2024-02-13,inadequate,inadequate,inadequate,requires improvement,requires improvement,
80551,373,sheffield,short,2023-09-11,2023-09-22,2023-11-03,good,good,good,good,good,
80564,861,stoke-on-trent,standard,2025-05-12,2025-05-23,2025-07-15,requires improvement,requires improvement,requires improvement,good,requires improvement,
80455,420,isles of scilly,short,2023-07-11,2023-07-13,2023-08-25,inadequate,inadequate,inadequate,requires improvement,requires improvement,
80549,333,sandwell,standard,2025-10-13,2025-10-24,2025-12-02,good,good,good,good,requires improvement,
80533,892,nottingham,None,,,2022-09-05,inadequate,requires improvement,inadequate,requires improvement,inadequate,
"""  # noqa: E501


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ofsted-reports")
    for name, text in REPORTS.items():
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (folder / "latest-inspections.csv").write_text(LATEST, encoding="utf-8")
    text, outcome, _ = build_history.build(folder, d("2026-11-26"))
    return parse(text), outcome


def row(dataset, authority, published):
    (found,) = [r for r in dataset.records if r.authority == authority and r.published == d(published)]
    return found


@pytest.mark.parametrize(
    ("authority", "published", "framework", "fieldwork", "overall", "keys"),
    [
        ("Barnet", "2017-07-07", "sif", ("2017-04-25", "2017-05-18"), "inadequate",
         {"help_and_protection": "inadequate", "in_care": "inadequate", "adoption": "requires improvement",
          "care_leavers": "requires improvement", "leaders": "inadequate"}),
        ("Bradford", "2014-05-23", "sif", ("2014-02-18", "2014-03-12"), "requires improvement",
         {"help_and_protection": "requires improvement", "in_care": "good", "adoption": "good",
          "care_leavers": "good", "leaders": "good"}),
        ("Bradford", "2018-10-29", "ilacs-standard", ("2018-09-17", "2018-09-28"), "inadequate",
         {"leaders": "requires improvement", "help_and_protection": "inadequate", "in_care": "requires improvement"}),
        ("Norfolk", "2018-01-19", "sif-reinspection", ("2017-11-13", "2017-11-24"), "requires improvement",
         {"help_and_protection": "requires improvement", "in_care": "requires improvement",
          "adoption": "outstanding", "care_leavers": "requires improvement", "leaders": "requires improvement"}),
        ("Tameside", "2019-07-01", "ilacs-standard", ("2019-05-13", "2019-05-24"), "requires improvement",
         {"leaders": "requires improvement", "help_and_protection": "requires improvement",
          "in_care": "requires improvement"}),
        ("Barnsley", "2023-10-27", "ilacs-short", ("2023-09-11", "2023-09-15"), "good",
         {"leaders": "good", "help_and_protection": "requires improvement", "in_care": "good", "care_leavers": "good"}),
        ("Sheffield", "2014-02-21", "sif", ("2013-11-19", "2014-01-30"), "requires improvement",
         {"help_and_protection": "requires improvement", "in_care": "good", "adoption": "good",
          "care_leavers": "requires improvement", "leaders": "requires improvement"}),
        ("Stoke-on-Trent", "2015-08-12", "sif", ("2015-06-01", "2015-06-25"), "requires improvement",
         {"help_and_protection": "requires improvement", "in_care": "requires improvement", "adoption": "good",
          "care_leavers": "requires improvement", "leaders": "requires improvement"}),
        ("Isles of Scilly", "2016-06-27", "sif", ("2016-04-11", "2016-04-28"), "good",
         {"help_and_protection": "good", "leaders": "good"}),
    ],
)  # fmt: skip
def test_extraction_by_era(built, authority, published, framework, fieldwork, overall, keys):
    record = row(built[0], authority, published)
    assert record.framework == framework
    assert (record.fieldwork_start, record.fieldwork_end) == (d(fieldwork[0]), d(fieldwork[1]))
    assert record.overall == overall
    assert record.key_judgements == keys


def test_publication_day_is_the_file_name_and_a_differing_text_is_noted(built):
    record = row(built[0], "Stoke-on-Trent", "2015-08-12")
    assert "text says published 10 Aug 2015" in record.note


def test_not_judged_is_a_note_not_a_grade(built):
    assert "adoption not judged" in row(built[0], "Isles of Scilly", "2016-06-27").note


def test_citation_and_link(built):
    bradford = row(built[0], "Bradford", "2018-10-29")
    assert (
        bradford.citation == "Ofsted, inspection of Bradford local authority children's services, published 29 Oct 2018"
    )
    assert bradford.link == ""  # the CSV's link is to Bradford's latest report only
    barnsley = row(built[0], "Barnsley", "2023-10-27")
    assert (barnsley.source, barnsley.link) == ("text+csv", "https://files.ofsted.gov.uk/v1/file/50231520")
    assert row(built[0], "Barnet", "2017-07-07").citation.startswith(
        "Ofsted, inspection of services for children in need of help and protection"
    )


def test_latest_inspection_without_text_comes_from_the_csv(built):
    bradford = row(built[0], "Bradford", "2026-05-21")
    assert (bradford.source, bradford.framework, bradford.overall) == ("csv", "ilacs-standard", "requires improvement")
    assert bradford.link == "https://files.ofsted.gov.uk/v1/file/50302265"
    brent = row(built[0], "Brent", "2026-06-17")  # fieldwork from April 2026: no overall grade
    assert (brent.framework, brent.overall, brent.leaders) == ("ilacs-2026", "", "good")


def test_broken_reports_are_reported_not_invented(built):
    dataset, outcome = built
    assert any("07-january-2019.txt: no text layer" in line for line in outcome.unreadable)
    assert any("05-september-2022.txt: title not recognised" in line for line in outcome.unreadable)
    assert any("14-may-2014.txt: fieldwork dates" in line for line in outcome.missing)
    assert any("14-may-2014.txt: overall judgement" in line for line in outcome.missing)
    assert any("14-may-2014.txt: leaders judgement" in line for line in outcome.missing)
    broken = row(dataset, "Nottingham", "2014-05-14")
    assert (broken.fieldwork_start, broken.fieldwork_end, broken.overall, broken.leaders) == (None, None, "", "")
    assert broken.help_and_protection == "requires improvement"  # what it does say is kept


def test_other_publications_are_left_out_and_said(built):
    dataset, outcome = built
    (skipped,) = outcome.skipped
    assert skipped == "80549_sandwell/02-august-2013.txt: an inspection of looked after children services (before SIF)"
    assert not [r for r in dataset.records if r.published == d("2013-08-02")]


def test_header_says_when_and_from_what(built):
    dataset, _ = built
    assert dataset.built == d("2026-11-26")
    assert "latest-inspections.csv" in dataset.header and "report texts" in dataset.header


@pytest.mark.parametrize(
    ("said", "first", "last"),
    [
        ("25 April – 18 May 2017", "2017-04-25", "2017-05-18"),
        ("9–24 November 2017", "2017-11-09", "2017-11-24"),
        ("8 July 2019 to 12 July 2019 and 7 August 2019 to 8 August 2019", "2019-07-08", "2019-08-08"),
        ("1/06/2015 – 25/06/2015", "2015-06-01", "2015-06-25"),
        ("21 November to 2 December 2022", "2022-11-21", "2022-12-02"),
    ],
)
def test_date_ranges(said, first, last):
    days = build_history.parse_dates(build_history.clean(said))
    assert (days[0], days[-1]) == (d(first), d(last))


def test_a_date_without_month_or_year_is_an_error():
    with pytest.raises(ValueError, match="no month or year"):
        build_history.parse_dates("28 to 30")


# -- the bundled data -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    """The bundled data file, read from the CSV itself."""
    from ofsted_timeline.history.records import DATA_FILE

    return parse(DATA_FILE.read_text(encoding="utf-8"))


def test_the_records_built_with_the_data_are_the_csv_s(data):
    """``load`` gives the records read when the data was built (``as_built_records``, written by
    scripts/build_history.py): what ``parse`` reads from the CSV, and what the script writes now."""
    from ofsted_timeline.history.records import DATA_FILE

    assert load() == data and load().records[0].published == d("2014-07-07")
    written = (ROOT / "src/ofsted_timeline/history/as_built_records.py").read_text(encoding="utf-8")
    assert build_history.records_source(DATA_FILE.read_text(encoding="utf-8")) == written, (
        "run python scripts/build_history.py --figures-only"
    )


@pytest.mark.parametrize(
    ("authority", "published", "framework", "start", "end", "overall"),
    [
        ("Barnet", "2017-07-07", "sif", "2017-04-25", "2017-05-18", "inadequate"),
        ("Bradford", "2018-10-29", "ilacs-standard", "2018-09-17", "2018-09-28", "inadequate"),
        ("Bradford", "2023-01-31", "ilacs-standard", "2022-11-21", "2022-12-02", "inadequate"),
        ("Barnsley", "2023-10-27", "ilacs-short", "2023-09-11", "2023-09-15", "good"),
        ("Blackburn with Darwen", "2022-03-18", "ilacs-standard", "2022-01-24", "2022-02-04", "requires improvement"),
        ("Norfolk", "2018-01-19", "sif-reinspection", "2017-11-13", "2017-11-24", "requires improvement"),
        ("Brent", "2026-06-17", "ilacs-2026", "2026-04-27", "2026-05-01", ""),
    ],
)
def test_bundled_rows(data, authority, published, framework, start, end, overall):
    record = row(data, authority, published)
    assert (record.framework, record.fieldwork_start, record.fieldwork_end) == (framework, d(start), d(end))
    assert record.overall == overall


def test_bundled_data_has_provenance(data):
    assert data.built is not None and "scripts/build_history.py" in data.header
    assert all(r.citation.startswith("Ofsted, ") and f"{r.published:%Y}" in r.citation for r in data.records)
    assert {r.framework for r in data.records} <= {"sif", "sif-reinspection", "ilacs-standard", "ilacs-short",
                                                   "ilacs", "ilacs-2026"}  # fmt: skip


@pytest.mark.skipif(not SOURCE.is_dir(), reason="the report texts are not on this machine")
def test_bundled_data_is_what_the_script_builds(data):
    text, _, _ = build_history.build(SOURCE, data.built)
    assert text == (ROOT / "src/ofsted_timeline/history/inspections.csv").read_text(encoding="utf-8")


# -- episodes -----------------------------------------------------------------------------------


def rec(authority, published, overall, start=None, urn=None, framework="ilacs-standard", **keys):
    """A hand-made record; fieldwork starts 40 days before publication unless given."""
    day = d(published)
    first = d(start) if start else day - dt.timedelta(days=40)
    return Inspection(
        authority=authority, urn=urn or f"urn-{authority}", la_code="", framework=framework,
        fieldwork_start=first, fieldwork_end=first + dt.timedelta(days=11), published=day, overall=overall, **keys,
    )  # fmt: skip


def test_next_inspection_closes_an_episode_and_a_new_inadequate_opens_another():
    records = [
        rec("Bradford", "2014-05-23", "requires improvement", framework="sif"),
        rec("Bradford", "2018-10-29", "inadequate"),
        rec("Bradford", "2023-01-31", "inadequate", start="2022-11-21"),
        rec("Bradford", "2026-05-21", "requires improvement", start="2026-01-12"),
    ]
    first, second = episodes(records, as_of=d("2026-11-26"))
    assert (first.status, first.end, first.days) == (REINSPECTED, d("2022-11-21"), 1484)
    assert (second.status, second.end, second.following.published) == (REINSPECTED, d("2026-01-12"), d("2026-05-21"))


def test_open_episode_is_counted_to_as_of():
    (episode,) = episodes([rec("Nottingham", "2022-09-05", "inadequate")], as_of=d("2026-11-26"))
    assert (episode.status, episode.end, episode.days) == (OPEN, d("2026-11-26"), 1543)
    assert episode.months == pytest.approx(1543 / DAYS_PER_MONTH)


def test_reports_published_after_as_of_are_not_yet_known():
    records = [rec("Bury", "2021-12-17", "inadequate"), rec("Bury", "2025-07-29", "requires improvement")]
    (episode,) = episodes(records, as_of=d("2025-07-28"))
    assert episode.status == OPEN and episode.end == d("2025-07-28")
    assert episodes(records, as_of=d("2021-12-16")) == ()
    (episode,) = episodes(records, as_of=d("2025-07-29"))  # published on as_of: known
    assert episode.status == REINSPECTED


def test_new_authority_does_not_continue_its_predecessors_episode():
    records = [
        rec("Northamptonshire", "2019-08-06", "inadequate", urn="80531"),
        rec("North Northamptonshire", "2022-11-25", "requires improvement", urn="2637539"),
        rec("West Northamptonshire", "2022-11-25", "requires improvement", urn="2637548"),
    ]
    (episode,) = episodes(records, as_of=d("2026-11-26"))
    assert (episode.authority, episode.status, episode.end) == ("Northamptonshire", REORGANISED, d("2021-04-01"))
    assert "Northamptonshire (Structural Changes) Order 2020" in episode.reorganisation.source
    (before,) = episodes(records, as_of=d("2021-03-31"))  # not yet abolished: open
    assert before.status == OPEN


def test_reorganisation_splits_an_authority_that_keeps_its_name_and_urn():
    # A collection keeping old and new Dorset under one URN: the new council's first
    # inspection is not a re-inspection of the old county council's judgement.
    records = [rec("Dorset", "2018-06-01", "inadequate", urn="1"), rec("Dorset", "2021-11-19", "good", urn="1")]
    (episode,) = episodes(records, as_of=d("2026-11-26"))
    assert (episode.status, episode.end, episode.following) == (REORGANISED, d("2019-04-01"), None)
    assert earlier_inadequate(records, "Dorset", d("2024-01-01")) == ()
    assert earlier_inadequate(records, "Dorset", d("2019-03-01")) == (d("2018-06-01"),)


def test_ilacs_2026_inadequate_key_judgement_starts_an_episode():
    no_grade = rec("Somerset", "2026-06-17", "", framework="ilacs-2026", help_and_protection="inadequate")
    fine = rec("Brent", "2026-06-17", "", framework="ilacs-2026", help_and_protection="good")
    assert no_grade.inadequate and not fine.inadequate
    (episode,) = episodes([no_grade, fine], as_of=d("2026-11-26"))
    assert episode.family == ILACS_2026


def test_earlier_inadequate_for_a_persistent_failure_check(data):
    assert earlier_inadequate(data.records, "Bradford", d("2018-10-29")) == ()
    assert earlier_inadequate(data.records, "Bradford", d("2023-01-31")) == (d("2018-10-29"),)
    assert earlier_inadequate(data.records, "80449", d("2026-11-26")) == (d("2018-10-29"), d("2023-01-31"))


def test_find_episode_shows_when_the_reinspection_happened(data):
    found = episodes(data.records, as_of=d("2026-11-26"))
    episode = find_episode(found, "Bradford", d("2018-10-29"))
    assert (episode.status, episode.end) == (REINSPECTED, d("2022-11-21"))
    assert find_episode(found, "Bradford", d("2018-10-30")) is None


# -- practice -------------------------------------------------------------------------------------


def closed_after(days, published="2015-01-01", framework="sif", authority=None):
    """An inadequate record and the next inspection, its fieldwork ``days`` after publication."""
    start = d(published) + dt.timedelta(days=days)
    name = authority or f"A{days}"
    return [
        rec(name, published, "inadequate", framework=framework),
        rec(name, (start + dt.timedelta(days=50)).isoformat(), "good", start=start.isoformat(), framework=framework),
    ]


@pytest.fixture
def hand_made():
    """Six SIF episodes published 1 Jan 2015 (second anniversary: day 731) and closed after
    600, 700, 800, 900, 1000 and 1300 days; on as_of, 1 Jan 2019, one episode open for 800
    days and one for 300."""
    as_of = d("2019-01-01")
    records = [r for days in (600, 700, 800, 900, 1000, 1300) for r in closed_after(days)]
    for days in (800, 300):
        published = (as_of - dt.timedelta(days=days)).isoformat()
        records.append(rec(f"Open{days}", published, "inadequate", framework="sif"))
    return episodes(records, as_of=as_of)


def test_practice_quartiles_by_hand(hand_made):
    figures = practice(hand_made, "sif")
    assert figures.n == 6
    # Inclusive quartiles at positions (n - 1) x p: 1.25, 2.5, 3.75 of 0..5.
    months = figures.months
    assert months.minimum == pytest.approx(600 / DAYS_PER_MONTH)
    assert months.lower_quartile == pytest.approx(725 / DAYS_PER_MONTH)
    assert months.median == pytest.approx(850 / DAYS_PER_MONTH)
    assert months.upper_quartile == pytest.approx(975 / DAYS_PER_MONTH)
    assert months.maximum == pytest.approx(1300 / DAYS_PER_MONTH)


def test_share_within_two_years_counts_only_decided_episodes(hand_made):
    figures = practice(hand_made, "sif")
    assert [e.authority for e in figures.open] == ["Open800", "Open300"]
    assert [e.days for e in figures.open] == [800, 300]
    # 600 and 700 within; 800..1300 not; open for 800 days: past two years, so not; open for 300: undecided.
    assert (figures.within_two_years, figures.decided) == (2, 7)
    assert figures.share_within_two_years == pytest.approx(2 / 7)


def test_fieldwork_on_the_second_anniversary_is_within_two_years():
    assert two_years_after(d("2015-01-01")) == d("2017-01-01")
    on_the_day = episodes(closed_after(731), as_of=d("2020-01-01"))
    day_after = episodes(closed_after(732), as_of=d("2020-01-01"))
    assert practice(on_the_day, "sif").within_two_years == 1
    assert practice(day_after, "sif").within_two_years == 0


def test_practice_keeps_families_apart(hand_made):
    assert practice(hand_made, "ilacs-2018").n == 0 and practice(hand_made, "ilacs-2018").months is None
    assert practice(hand_made, "sif-reinspection").family == SIF


@pytest.mark.parametrize(("n", "low", "high", "held"), [(10, 100, 900, 9), (20, 200, 1800, 17), (5, 100, 500, 5)])
def test_practice_window_nearest_rank_holds_at_least_80_percent(n, low, high, held):
    records = [r for i in range(1, n + 1) for r in closed_after(100 * i, framework="ilacs-standard")]
    window = practice_window(episodes(records, as_of=d("2030-01-01")), "ilacs-standard", d("2030-01-01"))
    assert (window.low_days, window.high_days, window.held, window.n) == (low, high, held, n)
    assert window.held >= 0.8 * window.n and window.percentiles == (10, 90)
    assert window.opens(d("2015-01-01")) == d("2015-01-01") + dt.timedelta(days=low)


def test_ilacs_2026_window_is_drawn_from_ilacs_episodes():
    """Five closed ILACS episodes (400-800 days) and one open since 2019, counted to 1 Jan 2026
    (2557 days): the 90th percentile is not reached, so the window ends at that open wait."""
    waits = (400, 500, 600, 700, 800)
    records = [r for i in waits for r in closed_after(i, published="2019-01-01", framework="ilacs-standard")]
    records.append(rec("Late", "2019-01-01", "inadequate"))
    day = d("2026-01-01")
    window = practice_window(episodes(records, as_of=day), "ilacs-2026", day)
    assert window.basis == (ILACS_2018, ILACS_2026)
    assert (window.n, window.censored, window.years, window.open_beyond) == (5, 1, (2019, 2021), 0)
    assert (window.low_days, window.high_days, window.reached) == (400, 2557, False)
    assert window.source.endswith("of 5 closed and 1 open ILACS and ILACS from April 2026 episodes")
    assert practice_window(episodes(records, as_of=day), "sif", day) is None


def test_national_figures_as_of_the_build(data):
    found = episodes(data.records, as_of=data.built)
    sif, ilacs = practice(found, "sif"), practice(found, "ilacs-2018")
    assert sif.n > 30 and ilacs.n > 15
    assert sif.share_within_two_years < 0.5 and ilacs.within_two_years == 0
    assert ilacs.months.maximum > 48  # more than four years


# -- authority names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "matched"),
    [
        ("Bradford", "Bradford"),
        ("City of Bradford Metropolitan District Council", "Bradford"),
        ("BRADFORD COUNCIL", "Bradford"),
        ("London Borough of Barking & Dagenham", "Barking and Dagenham"),
        ("Royal Borough of Windsor and Maidenhead", "Windsor & Maidenhead"),
        ("Bournemouth Christchurch and Poole", "Bournemouth, Christchurch & Poole"),
        ("St. Helens", "St Helens"),
        ("Stoke on Trent City Council", "Stoke-on-Trent"),
        ("Wirral Metropolitan Borough Council", "Wirral"),
        ("City of London Corporation", "London Corporation"),
        ("City of London", "London Corporation"),
        # the names people use (issue 18, point 6; issue 21, defect 20)
        ("Hull", "Kingston upon Hull"),
        ("Southend", "Southend-on-Sea"),
        ("Telford", "Telford & Wrekin"),
        ("Richmond", "Richmond upon Thames"),
        ("BCP", "Bournemouth, Christchurch & Poole"),
        ("County Durham", "Durham"),
        ("County of Herefordshire", "Herefordshire"),
        ("Stoke", "Stoke-on-Trent"),
        ("NE Lincs", "North East Lincolnshire"),
        ("Windsor & Maidenhead", "Windsor & Maidenhead"),
        # codes: GSS (now and before), Ofsted URN, DfE LA code
        ("E08000032", "Bradford"),
        ("e06000010", "Kingston upon Hull"),
        ("E10000023", "North Yorkshire"),
        ("80449", "Bradford"),
        ("380", "Bradford"),
    ],
)
def test_match_authority(data, typed, matched):
    found = match_authority(typed)
    assert (found.authority, found.matched) == (matched, True)
    assert found.urn == next(r.urn for r in data.records if r.authority == matched)


@pytest.mark.parametrize(
    ("typed", "suggestions"),
    [
        ("Bradfrod", ("Bradford",)),
        ("Hul", ("Kingston upon Hull",)),
        ("Northamptonshire", ("North Northamptonshire", "West Northamptonshire")),
        ("London", ("London Corporation",)),
    ],
)
def test_did_you_mean(typed, suggestions):
    found = match_authority(typed)
    assert not found.matched and found.urn is None and not found.ambiguous
    assert set(suggestions) <= set(found.suggestions)


def test_london_is_not_the_city_of_london():
    found = match_authority("London")
    assert found.authority is None
    assert found.problem() == "no authority 'London' in the inspection history: did you mean London Corporation?"


def test_an_ambiguous_name_is_refused_with_the_candidates():
    found = match_authority("Kingston")
    assert (found.authority, found.ambiguous) == (None, True)
    assert found.suggestions == ("Kingston upon Hull", "Kingston upon Thames")
    assert found.problem() == (
        "'Kingston' fits more than one authority: Kingston upon Hull or Kingston upon Thames; "
        "give the full name or a code"
    )


def test_an_unknown_code_says_so():
    assert match_authority("E10000021").note == "no authority has the code E10000021"  # Northamptonshire, abolished


def test_unknown_and_abolished_authorities_say_why():
    assert match_authority("Atlantis").note == "not in the inspection history"
    assert match_authority("Cumbria County Council").note == (
        "Cumbria was replaced by Cumberland and Westmorland and Furness on 1 April 2023"
    )


def test_normalise_name():
    assert normalise_name("Kingston upon Hull City Council") == normalise_name("kingston upon hull")
    assert normalise_name("Telford & Wrekin") == normalise_name("Telford and Wrekin") == "telford and wrekin"


# The pattern normalise_name once compiled on every run: what it drops is the specification.
KIND_WORDS = re.compile(
    r"\b(?:london borough of|royal borough of|metropolitan borough of|borough of|city of|county of"
    r"|metropolitan borough(?: council)?|metropolitan district|county council|borough council|city council"
    r"|district council|council|corporation|the)\b"
)
PHRASES = ["london borough of", "royal borough of", "metropolitan borough of", "borough of", "city of", "county of",
           "metropolitan borough council", "metropolitan borough", "metropolitan district", "county council",
           "borough council", "city council", "district council", "council", "corporation", "the"]  # fmt: skip
WORDS = [*PHRASES, *{word for phrase in PHRASES for word in phrase.split()}, "Barnet", "hull",
         "upon", "&", "-", "'", "x_1", "THE", "\u00e9", "\u2019", ".", "boroughs", "London Borough Of"]  # fmt: skip


@given(st.lists(st.sampled_from(WORDS), max_size=8), st.sampled_from([" ", "", "  ", "-", ","]))
def test_kind_words_are_dropped_as_the_pattern_drops_them(words, between):
    """normalise_name drops kind words by looking each word up, as the pattern it replaces did."""
    from ofsted_timeline.history.names import _plain

    text = between.join(words)
    assert normalise_name(text) == " ".join(KIND_WORDS.sub(" ", _plain(text)).split())


@given(st.text(max_size=40))
def test_any_text_loses_its_kind_words_as_the_pattern_says(text):
    from ofsted_timeline.history.names import _plain

    assert normalise_name(text) == " ".join(KIND_WORDS.sub(" ", _plain(text)).split())


def test_readme_figures_are_the_computed_ones(data):
    """The README's national figures are what the bundled data gives on its last publication day."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = episodes(data.records, as_of=data.last_published)
    assert f"As of {data.last_published:%-d %B %Y}, the last publication in the data" in readme
    for label, family in (("SIF (2014–2018)", "sif"), ("ILACS (2018–2026)", "ilacs-2018")):
        figures, window = practice(found, family), practice_window(found, family, data.last_published)
        m = figures.months
        share = f"{figures.within_two_years} of {figures.decided}"
        cells = [str(figures.n), *(f"{x:.1f}" for x in (m.minimum, m.lower_quartile, m.median, m.upper_quartile,
                 m.maximum))]  # fmt: skip
        expected = f"| {label} | {' | '.join(cells)} | {share}"
        assert expected in readme, expected
        held = f"{window.low_months:.1f}–{window.high_months:.1f} months, held {window.held} of {window.n}"
        assert f"| {len(figures.open)} | {held} |" in readme


def test_quartiles_are_statistics_inclusive_quantiles():
    """figures.quartiles does what statistics.quantiles(method="inclusive") does, without its import."""
    import random
    import statistics

    from ofsted_timeline.history.figures import quartiles

    generator = random.Random(15)
    for size in range(2, 80):
        ordered = sorted(generator.uniform(0, 60) for _ in range(size))
        assert quartiles(ordered) == statistics.quantiles(ordered, n=4, method="inclusive")


# -- the history as built: what every timeline takes from it, worked out with the data --------


def test_the_figures_built_with_the_data_are_what_the_code_works_out_from_it(data):
    """``as_built.py`` (written by scripts/build_history.py) holds each framework's practice,
    window and back-test and every episode as of the data's last publication: they equal what
    the package works out from the CSV, and the file is what the script writes for it now."""
    from ofsted_timeline.history import as_built
    from ofsted_timeline.history.context import FAMILY_OF_RULE_SET, in_practice

    last = data.last_published
    found = episodes(data.records, last)
    assert (last, data.built) == (as_built.LAST_PUBLISHED, as_built.BUILT)
    assert min(r.published for r in data.records) == as_built.FIRST_PUBLISHED
    assert found == as_built.EPISODES
    assert set(as_built.PRACTICE) == set(FAMILY_OF_RULE_SET.values())
    for family_id, figures in as_built.PRACTICE.items():
        assert figures == in_practice(found, family_id, last, data.built)
    csv_text = (ROOT / "src/ofsted_timeline/history/inspections.csv").read_text(encoding="utf-8")
    authorities = (ROOT / "src/ofsted_timeline/history/authorities.csv").read_text(encoding="utf-8")
    written = (ROOT / "src/ofsted_timeline/history/as_built.py").read_text(encoding="utf-8")
    assert build_history.figures_source(csv_text, authorities) == written, (
        "run python scripts/build_history.py --figures-only"
    )


@pytest.mark.parametrize("as_of", ["2026-06-18", "2026-06-19", "2030-01-01", "2026-06-17", "2019-03-01"])
def test_the_history_as_of_a_day_is_the_same_built_or_worked_out(data, as_of):
    """From the data's last publication on, a timeline's history comes from ``as_built``;
    before it, from the CSV as it stood that day: either way what every authority's timeline
    and every framework's is told is what the CSV gives."""
    from ofsted_timeline.history import as_built
    from ofsted_timeline.history.context import HistoryAsOf, history_as_of

    day = d(as_of)
    fast, slow = history_as_of(day), HistoryAsOf(data, day)
    assert (fast.known_to, fast.known_from, fast.built) == (slow.known_to, slow.known_from, slow.built)
    assert (fast.found is as_built.EPISODES) == (day >= as_built.LAST_PUBLISHED)
    authorities = sorted({r.authority for r in data.records}) + ["Bradfrod", "Northamptonshire"]
    starts = [d(f"{year}-{month:02d}-15") for year in range(2014, 2027) for month in (1, 4, 7, 10)]
    starts += sorted({r.published - dt.timedelta(days=20) for r in data.records if r.inadequate})
    for rule_set in ("sif-2017", "ilacs-2018", "ilacs-2026", "sif-2017-visit"):
        assert fast(rule_set, None, starts[0]) == slow(rule_set, None, starts[0])
    for authority in authorities:
        for start in starts:
            assert fast.record(authority, start) == slow.record(authority, start), (authority, start)


def test_a_timeline_reads_the_history_as_built_and_imports_only_what_it_needs():
    """``oftl deadlines`` as of today takes the history from ``as_built``: it neither reads the
    CSV (``load``) nor imports the national report; every public name still resolves."""
    import subprocess

    import ofsted_timeline.history as history

    assert set(history._MODULE_OF) | set(history.MODEL_NAMES) == set(history.__all__)
    assert all(getattr(history, name) is not None for name in history.__all__)
    code = (
        "import sys; from ofsted_timeline.cli import build\n"
        "from ofsted_timeline.history import records\n"
        "records.load = None  # reading the CSV would fail\n"
        "args = ['deadlines', '--received', '2017-07-07', '--authority', 'Barnet', '-f', 'json']\n"
        "build(['deadlines'])(args, standalone_mode=False)\n"
        "print('ofsted_timeline.history.report' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert '"in_practice": {' in result.stdout and result.stderr == "False\n", result.stderr


@pytest.mark.parametrize(
    ("authority", "imported"),
    [
        ([], {"as_built", "context", "episode", "model"}),
        (["--authority", "Barnet"], {"as_built", "context", "episode", "model", "names"}),
        (
            ["--authority", "Barnet", "--as-of", "2017-10-20"],
            {"as_built", "context", "episode", "figures", "forecast", "model", "names"},
        ),
    ],
)
def test_a_timeline_imports_the_history_s_values_not_the_modules_that_work_them_out(authority, imported):
    """As of today, a timeline takes the history as built: its values (``model``) and, for an
    authority, the name index and the record's lookups; never the figures, the window's
    estimation or the list of authorities. As of an earlier day it works them out from the
    episodes as built, as known that day: no run reads the records, nor imports a CSV reader."""
    import subprocess

    code = (
        "import sys; from ofsted_timeline.cli import build\n"
        f"args = ['deadlines', '--received', '2017-07-07', *{authority!r}, '-f', 'json']\n"
        "build(['deadlines'])(args, standalone_mode=False)\n"
        "print(sorted(m.rpartition('.')[2] for m in sys.modules if m.startswith('ofsted_timeline.history.')),"
        " 'csv' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr == f"{sorted(imported)} False\n"

"""Inspection history: extraction from report texts, the bundled data, episodes, practice, names.

The report layouts below are the header and judgement table of real reports (facts only:
title, dates, grades), each cited, so that extraction is tested against every era's layout
without the report files being part of the project.
"""

import datetime as dt
import pathlib
import sys
import textwrap

import pytest

from ofsted_timeline.history import load, parse

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
    return load()


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

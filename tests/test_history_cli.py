"""Issue 15: ``oftl history``, the national picture and one authority's record, in every format.

Figures are those of the bundled history (built 26 Nov 2026, last publication 18 Jun 2026);
as of that last publication they are the README's ("Inspection history").
"""

import csv
import io
import json
import statistics

import pytest

from .conftest import run

LAST = "2026-06-18"


def history_json(*args: str) -> dict:
    result = run("history", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_national_figures_per_framework():
    document = history_json("--as-of", LAST)
    sif, ilacs, ilacs_2026 = document["frameworks"]
    assert (sif["framework"], sif["closed_episodes"], sif["years"]) == ("sif", 39, [2014, 2022])
    assert sif["months_from_publication"] == {
        "minimum": 21.3,
        "lower_quartile": 27.4,
        "median": 30.5,
        "upper_quartile": 35.3,
        "maximum": 55.9,
    }
    assert (sif["within_two_years"], sif["decided"], sif["open_episodes"]) == (4, 39, [])
    assert (sif["window"]["from_months"], sif["window"]["to_months"], sif["window"]["held"]) == (23.7, 44.1, 33)
    assert (ilacs["framework"], ilacs["closed_episodes"], ilacs["years"]) == ("ilacs-2018", 21, [2018, 2026])
    assert list(ilacs["months_from_publication"].values()) == [28.5, 37.5, 41.7, 44.2, 54.5]
    assert (ilacs["within_two_years"], ilacs["decided"]) == (0, 30)
    assert [(e["authority"], e["inadequate_published"], e["months"]) for e in ilacs["open_episodes"][:2]] == [
        ("Nottingham", "2022-09-05", 45.4),
        ("South Tyneside", "2023-05-10", 37.3),
    ]
    assert len(ilacs["open_episodes"]) == 13
    assert (ilacs["window"]["from_days"], ilacs["window"]["to_days"], ilacs["window"]["held"]) == (1025, 1484, 19)
    assert (ilacs_2026["closed_episodes"], ilacs_2026["months_from_publication"]) == (0, None)
    assert ilacs_2026["window"]["basis"] == ["ilacs-2018", "ilacs-2026"]
    assert len(document["episodes"]) == 39 + 21 + 13


def test_the_build_date_and_the_data_end_are_always_shown():
    document = history_json()
    assert document["data"] == {
        "built": "2026-11-26",
        "inspections": 479,
        "years": [2014, 2026],
        "last_published": "2026-06-18",
    }
    built = "oftl's inspection history, built Thu 26 Nov 2026"
    for output_format in ("table", "markdown"):
        assert built in " ".join(run("history", "--format", output_format).stdout.split())
    assert built in " ".join(run("history", "--authority", "Bradford").stdout.split())
    rows = list(csv.DictReader(io.StringIO(run("history", "--format", "csv").stdout.removeprefix("\ufeff"))))
    assert {row["data_built"] for row in rows} == {"2026-11-26"}


def test_open_episodes_counted_to_as_of_while_the_data_stops_at_its_last_publication():
    """Issue 19: the data cannot show an episode open past its last publication (Thu 18 Jun
    2026), so open episodes are counted to it, not to a later as-of day: Nottingham 45.4
    months, not 50.7; Halton (published 12 Jul 2024) is not yet past two years."""
    later = history_json("--as-of", "2026-11-26")
    ilacs = later["frameworks"][1]
    assert ilacs["open_episodes"][0]["months"] == 45.4  # Nottingham, 5 Sep 2022 to 18 Jun 2026: 1382 days
    assert ilacs["decided"] == 30
    assert later["notes"][1] == (
        "Open episodes are counted to the data's last publication, Thu 18 Jun 2026, not to Thu 26 Nov 2026: the "
        "data cannot show what happened since, and an episode open here may have closed."
    )
    halton = next(e for e in later["episodes"] if e["authority"] == "Halton")
    assert (halton["ended"], halton["within_two_years"]) == ("2026-06-18", None)
    earlier = history_json("--as-of", "2019-06-01")
    assert earlier["frameworks"][1]["closed_episodes"] == 0
    assert earlier["notes"][1] == "The history as it stood on Sat 1 Jun 2019: reports published later are left out."


def test_national_table():
    result = run("history", "--as-of", LAST)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Re-inspection after an inadequate judgement, in practice · as of Thu 18 Jun 2026"
    median = next(line for line in lines if "months: median" in line)
    assert median.split("│")[1].strip() == "30.5" and median.split("│")[2].strip() == "41.7"
    assert any("Nottingham" in line and "Mon 5 Sep 2022" in line and "45.4" in line for line in lines)


def test_national_table_says_none_where_a_family_has_no_window_yet():
    """As of 1 June 2019 no ILACS from April 2026 episode exists, and the window from practice is
    drawn for SIF and ILACS only: the table's cell says none (the figures: 21 of 25 held)."""
    lines = run("history", "--as-of", "2019-06-01").stdout.splitlines()
    window = [cell.strip() for cell in next(line for line in lines if "window from practice" in line).split("│")]
    assert window[1:] == ["24.2–37.2 months, 21 of 25", "24.2–37.2 months, 21 of 25 (SIF", "none"]


def test_national_csv_recomputes_to_the_figures():
    """One row per episode: a spreadsheet's QUARTILE.INC of the closed ones gives the figures."""
    result = run("history", "--as-of", LAST, "--format", "csv")
    assert not result.stdout_bytes.startswith("\ufeff".encode()) and b"\r\n" in result.stdout_bytes
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    sif = [
        int(row["days"]) / (365.25 / 12) for row in rows if row["family"] == "sif" and row["status"] == "re-inspected"
    ]
    assert len(sif) == 39
    quartiles = [round(q, 1) for q in statistics.quantiles(sif, n=4, method="inclusive")]
    assert quartiles == [27.4, 30.5, 35.3]
    nottingham = next(row for row in rows if row["authority"] == "Nottingham" and row["status"] == "open")
    assert (nottingham["inadequate_published"], nottingham["within_two_years"]) == ("2022-09-05", "false")


def test_national_markdown():
    result = run("history", "--as-of", LAST, "--format", "markdown")
    assert "| SIF | 39 | 21.3 | 27.4 | 30.5 | 35.3 | 55.9 | 4 of 39 (10%) | 0 | 23.7–44.1 months, held 33 of 39 |" in (
        result.stdout
    )
    assert "| ILACS | 21 | 28.5 | 37.5 | 41.7 | 44.2 | 54.5 | 0 of 30 (0%) | 13 |" in result.stdout


def test_bradford_lists_its_2018_and_2023_inadequate_judgements():
    result = run("history", "--authority", "Bradford", "--as-of", "2026-11-26")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("Bradford (URN 80449, LA 380) · Ofsted inspections as of Thu 26 Nov 2026")
    for published in ("Mon 29 Oct 2018", "Tue 31 Jan 2023"):
        assert any(line.startswith(f" {published}") and "inadequate" in line for line in text.splitlines())
    episode = next(line for line in text.splitlines() if "re-inspected" in line)
    assert [cell.strip() for cell in episode.split("│")] == [
        "Mon 29 Oct 2018",
        "re-inspected",
        "Mon 21 Nov 2022",
        "48.8",
        "no",
    ]
    assert "Persistent failure, 2 inadequate judgements within 5 years (PCF 121, key): met, by the judgements" in text


def test_bradford_json():
    document = history_json("--authority", "City of Bradford Metropolitan District Council", "--as-of", "2026-11-26")
    assert (document["authority"], document["urn"], document["la_code"]) == ("Bradford", "80449", "380")
    inadequate = [(r["published"], r["citation"]) for r in document["inspections"] if r["overall"] == "inadequate"]
    assert inadequate == [
        ("2018-10-29", "Ofsted, inspection of Bradford local authority children's services, published 29 Oct 2018"),
        ("2023-01-31", "Ofsted, inspection of Bradford local authority children's services, published 31 Jan 2023"),
    ]
    assert [(e["inadequate_published"], e["ended"], e["months"]) for e in document["episodes"]] == [
        ("2018-10-29", "2022-11-21", 48.8),
        ("2023-01-31", "2026-01-12", 35.4),
    ]
    assert document["persistent_failure"] == {
        "definition": {"judgements": 2, "years": 5, "source": "PCF 121, key"},
        "met": True,
        "runs": [["2018-10-29", "2023-01-31"]],
    }


def test_an_authority_that_does_not_meet_the_definition():
    document = history_json("--authority", "Barnet")
    assert document["persistent_failure"]["met"] is False
    assert document["notes"][0] == (
        "Persistent failure, 2 inadequate judgements within 5 years (PCF 121, key): not met in the history, which "
        "starts Tue 11 Feb 2014: a judgement before then, within 5 years of the one published Fri 7 Jul 2017, "
        "would not be in it."
    )
    harrow = history_json("--authority", "Harrow", "--as-of", LAST)  # inadequate 4 Mar 2025: five years covered
    assert harrow["notes"][0] == "Persistent failure, 2 inadequate judgements within 5 years (PCF 121, key): not met."
    markdown = run("history", "--authority", "Barnet", "--format", "markdown").stdout
    assert "| Fri 7 Jul 2017 | sif | Tue 25 Apr 2017 – Thu 18 May 2017 | inadequate |" in markdown


def test_authority_csv_one_row_per_inspection():
    result = run("history", "--authority", "Bradford", "--as-of", "2026-11-26", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert [(row["published"], row["overall"], row["persistent_failure"]) for row in rows] == [
        ("2014-05-23", "requires improvement", ""),
        ("2018-10-29", "inadequate", "false"),
        ("2023-01-31", "inadequate", "true"),
        ("2026-05-21", "requires improvement", ""),
    ]
    assert rows[1]["next_fieldwork"] == "2022-11-21" and rows[1]["months_to_next"] == "48.8"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Bradfrod", "oftl: error: no authority 'Bradfrod' in the inspection history: did you mean Bradford?"),
        (
            "Northamptonshire",
            "oftl: error: no authority 'Northamptonshire' in the inspection history (Northamptonshire was "
            "replaced by North Northamptonshire and West Northamptonshire on 1 April 2021): did you mean",
        ),
    ],
)
def test_an_authority_the_history_does_not_know(name, said):
    result = run("history", "--authority", name)
    assert result.exit_code == 2
    assert result.stderr.startswith(said)


def test_output_file_takes_its_format_from_the_extension(tmp_path):
    target = tmp_path / "history.json"
    assert run("history", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["data"]["built"] == "2026-11-26"
    result = run("history", "-o", str(tmp_path / "history.ics"))
    assert result.exit_code == 2 and "no output format writes .ics files" in result.stderr


# -- the national picture as a chart, a page and a workbook (issue 19) -------------------------


def test_the_national_chart_draws_every_episode_and_its_window(tmp_path):
    import xml.etree.ElementTree as ET

    path = tmp_path / "history.svg"
    result = run("history", "--as-of", LAST, "-o", str(path))
    assert result.exit_code == 0, result.output
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    document = history_json("--as-of", LAST)
    for episode in document["episodes"]:
        published = episode["inadequate_published"]
        assert any(t.startswith(f"{episode['authority']} · ") for t in texts), (episode["authority"], published)
    assert "ILACS: 13 open, 21 closed; windows as of publication held 9 of 21" in texts
    assert "open 45.4" in texts  # Nottingham, 5 Sep 2022 to 18 Jun 2026
    assert "54.5 missed" in texts and "35.4 held" in texts  # Devon 2020; Bradford 2023
    assert texts.count("PF") == 8  # judgements completing 2 within 5 years, e.g. Bradford 31 Jan 2023
    assert sum(1 for t in texts if " · " in t) == len(document["episodes"])  # one row each


def test_the_national_page_and_workbook(tmp_path):
    import openpyxl

    page = run("history", "--as-of", LAST, "--format", "html")
    assert page.exit_code == 0 and "<svg" in page.stdout and "<script" not in page.stdout
    assert "<caption>Figures per framework</caption>" in page.stdout
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (first, second):
        assert run("history", "--as-of", LAST, "-o", str(path)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()  # the same view, the same bytes
    book = openpyxl.load_workbook(first)
    assert book.sheetnames == ["Episodes", "Figures", "Notes"]
    rows = list(book["Episodes"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    by = {(row[1], row[3].date().isoformat()): dict(zip(header, row, strict=True)) for row in body}
    nottingham = by[("Nottingham", "2022-09-05")]
    assert (nottingham["Months"], nottingham["Window from (months)"], nottingham["Window to (months)"]) == (
        45.4, 33.7, 48.8
    )  # fmt: skip
    assert nottingham["Outcome"] == "open" and nottingham["Window drawn"] == "as of Thu 18 Jun 2026"
    assert by[("Devon", "2020-03-17")]["Outcome"] == "missed"
    assert by[("Bradford", "2023-01-31")]["Persistent failure"] == "yes"
    assert len(body) == 39 + 21 + 13


def test_the_chart_is_of_the_national_picture():
    result = run("history", "--authority", "Bradford", "--format", "svg")
    assert result.exit_code == 2
    assert "--format svg draws the national picture: leave out --authority" in result.output


def test_one_month_everywhere():
    """Issue 19: months are days / 30.4375 (365.25 / 12) in the code, the output and the README."""
    import pathlib

    from ofsted_timeline.dates import DAYS_PER_MONTH
    from ofsted_timeline.history.episode import DAYS_PER_MONTH as EPISODE_MONTH
    from ofsted_timeline.timeline import practice

    assert DAYS_PER_MONTH == EPISODE_MONTH == practice.DAYS_PER_MONTH == 365.25 / 12 == 30.4375
    assert any("(days / 30.4375)" in note for note in history_json("--as-of", LAST)["notes"])
    readme = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "days / 30.4375" in readme and "30.44" not in readme


@pytest.mark.parametrize("output_format", ["svg", "html", "xlsx"])
def test_a_chart_before_any_episode(tmp_path, output_format):
    """As of 1 Jan 2013 the history knows no inspection: an empty chart, not a traceback."""
    result = run("history", "--as-of", "2013-01-01", "-o", str(tmp_path / f"early.{output_format}"))
    assert result.exit_code == 0, result.output

"""`oftl meeting` for another council (issue 18, point 8): its rules are Barnet's standing orders,
an example; every format says so, and nothing of Barnet's is cited as the other council's."""

import csv
import io
import json

import openpyxl
import pytest

from .conftest import run

MEETING = ["meeting", "--date", "2027-01-18", "--as-of", "2026-12-01"]
TOLD = "Barnet's standing orders, an example, not Bradford's"


def test_for_another_council_the_rules_are_barnets_example_in_json():
    document = json.loads(run(*MEETING, "--authority", "Bradford", "--format", "json").stdout)
    assert TOLD in document["framework_reason"]
    assert document["framework_title"].startswith("Barnet's committee rule, an example, not Bradford's")
    (questions,) = document["milestones"]
    assert questions["latest"] == "2027-01-13"  # the date is still computed: 10am, 3 working days before
    assert questions["unverified"] is True
    assert questions["source"].startswith("none of Bradford's: Barnet's rule (")


@pytest.mark.parametrize("form", ["table", "markdown", "ics", "svg", "html"])
def test_every_text_format_says_so(form):
    text = run(*MEETING, "--authority", "Bradford", "--format", form).stdout.replace("\r\n ", "").replace("\\", "")
    assert "not Bradford's" in text.replace("&#x27;", "'")


def test_csv_and_workbook_say_so(tmp_path):
    rows = list(csv.DictReader(io.StringIO(run(*MEETING, "--authority", "Bradford", "--format", "csv").stdout)))
    assert rows[0]["unverified"] == "true" and "none of Bradford's" in rows[0]["source"]
    assert "give them with --rules" in rows[0]["notes"]
    target = tmp_path / "meeting.xlsx"
    assert run(*MEETING, "--authority", "Bradford", "-o", str(target)).exit_code == 0
    cells = [str(c) for ws in openpyxl.load_workbook(target) for row in ws.iter_rows(values_only=True) for c in row]
    assert any("none of Bradford's" in cell for cell in cells)


@pytest.mark.parametrize("barnet", ["Barnet", "London Borough of Barnet", "E09000003", None])
def test_for_barnet_or_no_council_the_rules_are_barnets_own(barnet):
    args = [*MEETING, "--format", "json"] + (["--authority", barnet] if barnet else [])
    document = json.loads(run(*args).stdout)
    assert document["framework_reason"].startswith("Rules barnet-committee: Barnet's; another council")
    assert document["milestones"][0]["unverified"] is False
    assert document["milestones"][0]["source"].startswith("Constitution")

"""`oftl batch` reads the lists analysts keep (issue 22; issue 21 #7, #8 and the leading blank line):
header names in any case and spacing, common aliases, semicolons and tabs, blank lines, extra columns
carried through untouched, a workbook as input, a cell too long for one row only, a workbook past
Excel's row limit split over sheets."""

import csv
import datetime as dt
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from ofsted_timeline.render.workbook import book as xlsx_book

from .conftest import run

AS_OF = ("--as-of", "2017-09-01")


def write(tmp_path, text: str, name: str = "batch.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def timelines(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["timelines"]


@pytest.mark.parametrize(
    "header",
    ["Authority,Received", " AUTHORITY , received ", "la_name,date_received", "Local authority,Date received"],
)
def test_header_names_in_any_case_spacing_and_aliases(tmp_path, header):
    [timeline] = timelines(run("batch", write(tmp_path, f"{header}\nBarnet,2017-07-07\n"), *AS_OF, "-f", "json"))
    assert (timeline["authority"], timeline["received"]) == ("Barnet", "2017-07-07")


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_files(tmp_path, delimiter):
    text = (
        delimiter.join(["Authority", "Received", "WSOA"])
        + "\n"
        + delimiter.join(["Barnet", "07/07/2017", "13/10/2017"])
    )
    [timeline] = timelines(run("batch", write(tmp_path, text + "\n"), *AS_OF, "-f", "json"))
    wsoa = next(m for m in timeline["milestones"] if m["id"] == "wsoa")
    assert wsoa["actual"] == "2017-10-13"


def test_leading_and_inner_blank_lines_are_skipped_rows_numbered_as_a_spreadsheet(tmp_path):
    path = write(tmp_path, "\n\r\nauthority,received\nBarnet,2017-07-07\n\nBrent,2017-02-30\n")
    result = run("batch", path, *AS_OF, "-f", "json")
    document = json.loads(result.stdout)
    assert [t["row"] for t in document["timelines"]] == [4]  # the header is row 3
    assert [(e["row"], e["field"]) for e in document["errors"]] == [(6, "received")]


def test_extra_columns_carried_through_untouched(tmp_path):
    text = 'Authority,Received,notes,Lead officer\nBarnet,2017-07-07,"=HYPERLINK(""x"")", A. Smith \n'
    path = write(tmp_path, text)
    result = run("batch", path, *AS_OF, "-f", "json")
    assert timelines(result)[0]["input"] == {"notes": '=HYPERLINK("x")', "Lead officer": " A. Smith "}
    assert "columns not read, carried through untouched: 'notes', 'Lead officer'" in result.stderr
    rows = list(csv.DictReader(io.StringIO(run("batch", path, *AS_OF, "-f", "csv").stdout, newline="")))
    assert {row["input_notes"] for row in rows} == {'\'=HYPERLINK("x")'}  # named apart, formula-neutralised
    assert {row["Lead officer"] for row in rows} == {" A. Smith "}
    assert rows[0]["notes"] != rows[0]["input_notes"]
    workbook_path = tmp_path / "out.xlsx"
    assert run("batch", path, *AS_OF, "-o", str(workbook_path)).exit_code == 0
    sheet = load_workbook(workbook_path)["Milestones"]
    header = [cell.value for cell in sheet[1]]
    assert header[-2:] == ["notes", "Lead officer"]
    assert {row[-2:] for row in sheet.iter_rows(min_row=2, values_only=True)} == {('\'=HYPERLINK("x")', " A. Smith ")}


def test_extra_columns_left_out_of_a_summary_are_said(tmp_path):
    result = run("batch", write(tmp_path, "authority,received,region\nBarnet,2017-07-07,London\n"), *AS_OF)
    assert result.exit_code == 0
    assert "columns not read, left out (json, csv and xlsx carry them): 'region'" in result.stderr


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("authority,received,visit", "unknown column 'visit': did you mean 'visits'?"),
        ("Authority,Received,WSOAA", "unknown column 'WSOAA': did you mean 'wsoa'?"),
        ("Authority,LA name,received", "column 'LA name' appears twice (as 'authority')"),
        ("authority,received,notes,notes", "column 'notes' appears twice"),
        ("authority;date", "no 'received' column (the header read was 'authority', 'date')"),
    ],
)
def test_header_problems_are_one_line(tmp_path, header, message):
    result = run("batch", write(tmp_path, header + "\n"))
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("oftl: error: ") and message in line


def workbook_file(tmp_path, rows, name="list.xlsx") -> str:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return str(path)


def test_a_workbook_is_read_as_a_batch(tmp_path):
    rows = [
        ["Local authority", "Date received", "WSOA", "Notes"],
        ["Barnet", dt.datetime(2017, 7, 7), dt.date(2017, 10, 13), 42],
        [None, None, None, None],
        ["Brent", "31/02/2017", None, "x"],
    ]
    result = run("batch", workbook_file(tmp_path, rows), *AS_OF, "-f", "json")
    document = json.loads(result.stdout)
    [barnet] = document["timelines"]
    assert (barnet["row"], barnet["received"], barnet["input"]) == (2, "2017-07-07", {"Notes": "42"})
    assert next(m for m in barnet["milestones"] if m["id"] == "wsoa")["actual"] == "2017-10-13"
    assert [(e["row"], e["field"]) for e in document["errors"]] == [(4, "received")]


def test_a_broken_workbook_is_one_line(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("batch", str(path))
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("oftl: error: ") and "is not a workbook openpyxl can read" in line


def test_a_workbook_named_csv_says_so(tmp_path):
    path = workbook_file(tmp_path, [["authority", "received"]], name="list.csv")
    assert "is not UTF-8 text: it is a workbook, name it .xlsx" in run("batch", path).output


def test_a_cell_over_the_csv_field_limit_is_that_rows_error(tmp_path):
    """Issue 21 #8: one cell of 131,073 characters rejected the whole batch; now its row only."""
    long = "x" * 131_073
    path = write(
        tmp_path, f"authority,received,notes\nBarnet,2017-07-07,\nBrent,2017-07-07,{long}\nEaling,2017-07-07,\n"
    )
    result = run("batch", path, *AS_OF, "-f", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert [t["authority"] for t in document["timelines"]] == ["Barnet", "Ealing"]
    [error] = document["errors"]
    assert (error["row"], error["field"]) == (3, "notes")
    assert "131,073 characters: the limit is 131,072" in error["message"]


def test_a_workbook_past_excels_row_limit_is_split_over_sheets(tmp_path, monkeypatch):
    """Issue 21 #7: rows past 1,048,576 were lost silently; now they go on "Milestones 2" and it is said.
    The limit is lowered here so that the test stays quick; the split is the same at the real one."""
    monkeypatch.setattr(xlsx_book, "SHEET_ROWS", 40)
    rows = "".join(f"A{n},2017-07-07\n" for n in range(5))  # 29 rows each (milestones, not dated, not applicable)
    out = tmp_path / "out.xlsx"
    result = run("batch", write(tmp_path, "authority,received\n" + rows), *AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "the milestones fill 4 sheets" in result.stderr
    workbook = load_workbook(out)
    assert workbook.sheetnames[:4] == ["Milestones", "Milestones 2", "Milestones 3", "Milestones 4"]
    sheets = [workbook[name] for name in workbook.sheetnames[:4]]
    assert [sheet.max_row for sheet in sheets] == [40, 40, 40, 29]  # 145 rows, each sheet with its header
    authorities = [r[0] for sheet in sheets for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(authorities) == 145 and authorities[-1] == "A4"
    sources = [r for r in workbook["Sources"].iter_rows(values_only=True) if r[0] == "Milestones"]
    assert sources == [("Milestones", "on 4 sheets: Excel holds 1,048,576 rows a sheet")]


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_read(tmp_path):
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (129 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    result = run("batch", str(path))
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "unpacks to 129 MiB, more than 128 MiB" in line


def test_an_old_excel_workbook_says_what_to_save_it_as(tmp_path):
    path = tmp_path / "list.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "old Excel workbook (.xls), save it as .xlsx or CSV UTF-8" in run("batch", str(path)).output

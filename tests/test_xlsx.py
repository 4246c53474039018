"""XLSX workbooks read back with openpyxl: typed dates, bold and red rows, frozen filtered headers,
neutralised text, the Sources sheet, and the same bytes for the same inputs (golden file).

Regenerate the golden workbook after an intended change: python scripts/update_golden.py
"""

import datetime as dt
import io
import pathlib
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ofsted_timeline import Timeline, build_timeline, england_and_wales, load_rule_set
from ofsted_timeline.batch import RowError
from ofsted_timeline.check import check_timeline
from ofsted_timeline.render.workbook.book import DATE_FORMAT, RED_FILL
from ofsted_timeline.render.workbook.sheets import batch_xlsx, check_xlsx, rules_xlsx, timeline_xlsx
from ofsted_timeline.request import Request

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import update_golden  # noqa: E402

from .conftest import run  # noqa: E402

Cell = Any  # openpyxl types a cell as Cell | MergedCell and its value as a union of ten types

RECEIVED, AS_OF = dt.date(2017, 7, 7), dt.date(2017, 9, 1)
COUNTING = (
    "Working days exclude weekends and England and Wales bank holidays; "
    "the day of receipt is day 0 whatever kind of day it is."
)
HOSTILE = ['=HYPERLINK("http://example.invalid","Barnet")', "+1+1", "-2+3", "@SUM(A1)"]


def barnet(authority: str | None = "Barnet", as_of: dt.date = AS_OF, **actuals: dt.date) -> Timeline:
    rules, calendar = load_rule_set("sif-2017"), england_and_wales()
    return build_timeline(Request(RECEIVED, rules, as_of, actuals, authority), calendar)


def read(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def header_row(sheet: Worksheet) -> int:
    """The header row's number: where the filter starts (under the Timeline sheet's preamble)."""
    return int("".join(c for c in str(sheet.auto_filter.ref).split(":")[0] if c.isdigit()) or 1)


def rows_by_title(sheet: Worksheet, title_column: str = "Milestone") -> dict[str, tuple[Cell, ...]]:
    """The sheet's data rows by the text in ``title_column`` (found in the header row)."""
    top = header_row(sheet)
    header = [cell.value for cell in sheet[top]]
    column = header.index(title_column)
    return {str(row[column].value): row for row in sheet.iter_rows(min_row=top + 1) if row[column].value}


def header_index(sheet: Worksheet) -> dict[str, int]:
    return {str(cell.value): index for index, cell in enumerate(sheet[header_row(sheet)])}


def every_cell(workbook: Workbook) -> Iterator[Cell]:
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from (cell for cell in row if cell.value is not None)


def width(sheet: Worksheet, column: int) -> int:
    """A column's width in characters, less the 0.71 XlsxWriter adds; openpyxl groups equal columns."""
    return next(int(d.width) for d in sheet.column_dimensions.values() if (d.min or 0) <= column <= (d.max or 0))


def is_red(cell: Cell) -> bool:
    return bool(cell.fill.fill_type == "solid" and str(cell.fill.fgColor.rgb).endswith(RED_FILL[1:]))


def test_golden_workbook_is_current_and_the_command_writes_it(tmp_path) -> None:
    """The golden workbook is what `oftl deadlines ... --format xlsx` writes (tests/test_exports.py
    compares every golden file); -o barnet.xlsx picks the format from the extension."""
    expected = (update_golden.GOLDEN / "barnet.xlsx").read_bytes()
    path = tmp_path / "barnet.xlsx"
    result = run(
        "deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01", "--authority", "Barnet", "-o", str(path)
    )
    assert result.exit_code == 0 and path.read_bytes() == expected
    sheet = load_workbook(path)["Timeline"]
    dates = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, dt.datetime)]
    assert dt.datetime(2017, 10, 16) in dates  # the written statement of action, Cover report 1.19


def test_an_extension_no_format_writes_is_refused(tmp_path) -> None:
    result = run("deadlines", "--received", "2017-07-07", "-o", str(tmp_path / "barnet.docx"))
    assert result.exit_code == 2 and "no output format writes .docx files" in result.output
    assert not (tmp_path / "barnet.docx").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["check", "examples/barnet-plan.toml", "--as-of", "2017-10-20"],
        ["rules", "--framework", "sif-2017"],
        ["batch", "examples/authorities.csv", "--as-of", "2023-06-01"],
    ],
)
def test_check_rules_and_batch_write_workbooks(tmp_path, args) -> None:
    path = tmp_path / "out.xlsx"
    result = run(*args, "-o", str(path))
    assert result.exit_code == 0, result.output
    assert load_workbook(path).sheetnames[-1] == "Sources"


def test_same_inputs_same_bytes_and_times_from_the_as_of_day() -> None:
    assert timeline_xlsx(barnet()) == timeline_xlsx(barnet())
    properties = read(timeline_xlsx(barnet())).properties
    assert properties.created == properties.modified == dt.datetime(2017, 9, 1)
    assert properties.title == "Barnet: Ofsted inspection timeline"
    assert properties.creator == "ofsted-timeline"
    assert read(timeline_xlsx(barnet(as_of=dt.date(2017, 9, 4)))).properties.created == dt.datetime(2017, 9, 4)


def test_dates_are_typed_dates_in_uk_format() -> None:
    sheet = read(timeline_xlsx(barnet()))["Timeline"]
    columns = header_index(sheet)
    wsoa = rows_by_title(sheet)["Written statement of action to the Secretary of State and HMCI"]
    latest = wsoa[columns["Latest"]]
    # Cover report 1.19: the written statement of action is due Mon 16 Oct 2017.
    assert latest.is_date and latest.value == dt.datetime(2017, 10, 16)
    assert latest.number_format == DATE_FORMAT == "ddd d mmm yyyy"
    apv = rows_by_title(sheet)["Action planning visit"]
    assert (apv[columns["Earliest"]].value, apv[columns["Latest"]].value) == (
        dt.datetime(2017, 8, 11),
        dt.datetime(2017, 8, 25),
    )
    assert wsoa[columns["Status on Fri 1 Sep 2017"]].value == "due in 31 working days"
    sources = rows_by_title(read(timeline_xlsx(barnet()))["Sources"], "Source")
    assert sources["Report received"][1].value == dt.datetime(2017, 7, 7)
    assert sources["Report received"][1].number_format == DATE_FORMAT


def test_statutory_rows_bold_and_alerts_red() -> None:
    sheet = read(timeline_xlsx(barnet()))["Timeline"]
    rows = rows_by_title(sheet)
    kind = header_index(sheet)["Kind"]
    for title, row in rows.items():
        statutory = row[kind].value == "Statutory"
        assert all(bool(cell.font.b) == statutory for cell in row), title
    # Not published 30 working days after receipt (SI 2007/462 reg. 2): overdue on 1 Sep 2017.
    overdue = rows["Authority publishes the inspection report"]
    assert all(is_red(cell) for cell in overdue)
    assert not any(is_red(cell) for title, row in rows.items() if row is not overdue for cell in row)


def test_a_late_date_given_is_red() -> None:
    late = barnet(as_of=dt.date(2017, 10, 20), wsoa=dt.date(2017, 10, 20))
    sheet = read(timeline_xlsx(late))["Timeline"]
    row = rows_by_title(sheet)["Written statement of action to the Secretary of State and HMCI"]
    columns = header_index(sheet)
    assert row[columns["Date given"]].value == dt.datetime(2017, 10, 20)
    assert row[columns["Status on Fri 20 Oct 2017"]].value.startswith("LATE")
    assert all(is_red(cell) and cell.font.b for cell in row)


def test_header_frozen_filtered_and_columns_sized() -> None:
    workbook = read(timeline_xlsx(barnet()))
    for sheet in workbook.worksheets:
        top = header_row(sheet)
        assert sheet.freeze_panes == ("A2" if top == 1 else None), sheet.title  # none under a preamble
        assert sheet.auto_filter.ref == f"A{top}:{get_column_letter(sheet.max_column)}{sheet.max_row}"
        assert all(cell.font.b for cell in sheet[top])
    sheet = workbook["Timeline"]
    top = header_row(sheet)
    assert sheet.auto_filter.ref == f"A{top}:L{top + 29}"  # 26 milestones and 3 not dated yet under the header
    widths = {str(cell.value): width(sheet, number) for number, cell in enumerate(sheet[top], start=1)}
    assert widths["Kind"] == 10 and widths["Latest"] == 16
    assert widths["Milestone"] == 30 and widths["Notes"] == 50  # the longest texts wrap at these widths
    rows = rows_by_title(sheet)
    wsoa = rows["Written statement of action to the Secretary of State and HMCI"]
    assert wsoa[0].alignment.wrap_text and not wsoa[3].alignment.wrap_text  # text wraps, dates do not
    # LibreOffice does not size rows to wrapped text on opening: the heights are written.
    assert sheet.row_dimensions[wsoa[0].row].height == 60  # the 66-character source: 4 lines of 18 at most
    assert sheet.row_dimensions[top].height is None  # the header, and a row of short texts, keep one line


def test_not_dated_rows_say_what_they_need_without_command_words() -> None:
    workbook = read(timeline_xlsx(barnet()))
    rows = rows_by_title(workbook["Timeline"])
    status = header_index(workbook["Timeline"])["Status on Fri 1 Sep 2017"]
    assert rows["Notice of the re-inspection"][status].value == "not dated: needs the actual date of the re-inspection"
    texts = [str(cell.value) for cell in every_cell(workbook)]
    assert not [text for text in texts if "--" in text or "sif-2017" in text]


@pytest.mark.parametrize("authority", HOSTILE)
def test_formula_like_text_is_neutralised_as_in_the_csv(authority: str) -> None:
    timeline = barnet(authority)
    for data in (timeline_xlsx(timeline), batch_xlsx([(timeline, ())])[0]):
        workbook = read(data)
        assert all(cell.data_type != "f" for cell in every_cell(workbook))
        shown = [str(cell.value) for cell in every_cell(workbook) if authority in str(cell.value)]
        assert shown and all(value.startswith("'" + authority) for value in shown)
        assert "'" + authority in shown  # the authority's own cells


def test_sources_sheet_has_the_sources_and_the_counting_rule() -> None:
    sheet = read(timeline_xlsx(barnet()))["Sources"]
    rows: dict[Any, Any] = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert rows["Handbook"].startswith("Ofsted, Monitoring and re-inspection of local authority children's services")
    assert rows["SI 2007/462"].startswith("The Education and Inspections Act 2006")
    assert rows["Counting"] == COUNTING
    assert rows["Bank holidays"].startswith("England and Wales bank holidays: holidays ")
    assert rows["Framework"].startswith("Single inspection framework")
    assert rows["Authority"] == "Barnet"
    assert rows["Status as of"] == dt.datetime(2017, 9, 1)


def test_check_workbook_lists_findings_failures_red() -> None:
    timeline = barnet(as_of=dt.date(2017, 10, 20), wsoa=dt.date(2017, 10, 20))
    result = check_timeline(timeline)
    workbook = read(check_xlsx(result, timeline, "plans/barnet.toml"))
    assert workbook.sheetnames == ["Check", "Timeline", "Sources"]
    findings = workbook["Check"]
    columns = header_index(findings)
    rows = rows_by_title(findings)
    wsoa = rows["Written statement of action to the Secretary of State and HMCI"]
    assert [wsoa[columns[name]].value for name in ("Result", "Level", "Kind", "Date given", "Latest")] == [
        "Fail",
        "Violation",
        "Statutory",
        dt.datetime(2017, 10, 20),
        dt.datetime(2017, 10, 16),
    ]
    assert wsoa[columns["Finding"]].value.startswith("LATE: done Fri 20 Oct 2017, 4 working days late")
    assert all(is_red(cell) and cell.font.b for cell in wsoa)
    passing = [row for row in findings.iter_rows(min_row=2) if row[columns["Result"]].value != "Fail"]
    assert not any(is_red(cell) for row in passing for cell in row)
    sources: dict[Any, Any] = {row[0]: row[1] for row in workbook["Sources"].iter_rows(values_only=True) if row[0]}
    assert sources["Plan"] == "plans/barnet.toml"
    assert sources["Check"].startswith("failed: ")


def test_batch_workbook_one_row_per_authority_and_milestone() -> None:
    camden = build_timeline(
        Request(dt.date(2019, 1, 10), load_rule_set("ilacs-2018"), AS_OF, authority="Camden"), england_and_wales()
    )
    timelines = [barnet(), camden]
    error = RowError(4, "received", "'31/02/2019' is not a date")
    workbook = read(batch_xlsx([(t, ()) for t in timelines], [error])[0])
    assert workbook.sheetnames == ["Milestones", "Rows not computed", "Sources"]
    sheet = workbook["Milestones"]
    columns = header_index(sheet)
    authorities = [row[columns["Authority"]].value for row in sheet.iter_rows(min_row=2)]
    expected = [t.authority for t in timelines for _ in (*t.milestones, *t.undated, *t.not_applicable)]
    assert authorities == expected
    assert sheet.auto_filter.ref == f"A1:O{len(expected) + 1}"
    received = {row[columns["Authority"]].value: row[columns["Report received"]] for row in sheet.iter_rows(min_row=2)}
    assert received["Camden"].value == dt.datetime(2019, 1, 10) and received["Camden"].number_format == DATE_FORMAT
    errors = list(workbook["Rows not computed"].iter_rows(min_row=2, values_only=True))
    assert errors == [(4, "received", "'31/02/2019' is not a date")]
    assert {row[columns["Framework"]].value for row in sheet.iter_rows(min_row=2)} == {
        "Single inspection framework",
        "ILACS",
    }
    frameworks = [row[1] for row in workbook["Sources"].iter_rows(values_only=True) if row[0] == "Framework"]
    assert frameworks == [timelines[0].rule_set.title, camden.rule_set.title]


def test_empty_batch_is_still_a_workbook() -> None:
    errors = [RowError(2, "received", "'\x1b]0;x\x07' is not a date"), RowError(2, None, "no such framework")]
    workbook = read(batch_xlsx([], errors)[0])
    assert workbook["Milestones"].max_row == 1
    assert [row[2] for row in workbook["Rows not computed"].iter_rows(min_row=2, values_only=True)] == [
        "no such framework",
        "'\\x1b]0;x\\x07' is not a date",  # escaped as on the terminal
    ]


def test_rules_workbook_bold_statutory_and_sources() -> None:
    workbook = read(rules_xlsx(load_rule_set("sif-2017")))
    assert workbook.sheetnames == ["Rules", "Sources"]
    rows = rows_by_title(workbook["Rules"])
    columns = header_index(workbook["Rules"])
    wsoa = rows["Written statement of action to the Secretary of State and HMCI"]
    assert wsoa[columns["Date or window"]].value == "70 working days after receipt"
    assert all(cell.font.b for cell in wsoa)
    assert not any(cell.font.b for cell in rows["Action planning visit"])
    assert rows["Action planning visit"][columns["Date or window"]].value == (
        "from 25 working days after receipt to 35 working days after receipt"
    )
    assert rows["DfE progress review N"][columns["Repeats"]].value == "4 times"
    assert rows_by_title(workbook["Sources"], "Source")["Counting"][1].value == COUNTING
    assert rules_xlsx(load_rule_set("sif-2017")) == rules_xlsx(load_rule_set("sif-2017"))


def test_other_formats_do_not_load_the_xlsx_library() -> None:
    code = "import sys, ofsted_timeline.render.workbook.sheets; print('xlsxwriter' in sys.modules)"
    shown: Any = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


def bradford_sheet() -> Worksheet:
    result = run(
        "deadlines", "--received", "2026-11-17", "--authority", "Bradford", "--as-of", "2026-12-01", "-f", "xlsx"
    )
    assert result.exit_code == 0
    return read(result.stdout_bytes)["Timeline"]


def test_first_sheet_starts_with_what_is_due_next_and_the_findings() -> None:
    """Issue 22: persistent failure was only on the Sources sheet; now the first sheet opens with it."""
    sheet = bradford_sheet()
    top = header_row(sheet)
    preamble = [(row[0], row[1]) for row in sheet.iter_rows(max_row=top - 1, max_col=2, values_only=True)]
    assert preamble[0][0] == "Bradford: Ofsted inspection timeline"
    labels = {label: text for label, text in preamble if label}
    # SI 2007/462 reg. 2: published within 30 working days of receipt (Tue 17 Nov 2026).
    assert labels["Next statutory deadline"] == (
        "Thu 31 Dec 2026: Authority publishes the inspection report: due in 20 working days"
    )
    assert labels["Next expected date"].startswith("Tue 15 Dec – Thu 31 Dec 2026: Final agenda")
    assert labels["Findings"] == "Nothing is late, early or overdue on Tue 1 Dec 2026."
    persistent = [text for label, text in preamble if text and str(text).startswith("Persistent failure (PCF 121")]
    assert len(persistent) == 1
    cell = next(row[1] for row in sheet.iter_rows(max_row=top - 1) if str(row[1].value).startswith("Persistent"))
    assert is_red(cell)
    assert [cell.value for cell in sheet[top]][0] == "Milestone"


def test_practice_column_and_rows_sized_to_their_text() -> None:
    sheet = bradford_sheet()
    columns = header_index(sheet)
    rows = rows_by_title(sheet)
    practice = rows["Re-inspection (an ILACS standard inspection)"][columns["In practice"]].value
    assert practice.startswith("Window from 10th–90th percentile (Kaplan–Meier) of 21 closed and 13 open ILACS")
    assert "In practice (21 ILACS episodes" in practice
    notes = rows["Re-inspection (an ILACS standard inspection)"][columns["Notes"]].value or ""
    assert "In practice (21 ILACS episodes" not in notes  # said once, in its column
    assert all(row[columns["In practice"]].value is None for title, row in rows.items() if "Re-inspection" not in title)
    # Lines of about 1.15 characters per unit of width (LibreOffice and Excel hold more): the
    # 583-character notes of the first monitoring visit (ILACS: carried over, unverified) in a
    # 50-wide column take 12 lines.
    first = rows["First monitoring visit"]
    assert len(first[columns["Notes"]].value) > 550
    assert sheet.row_dimensions[first[0].row].height == 12 * 15


def test_each_finding_level_has_its_label_in_the_level_column() -> None:
    from ofsted_timeline.check import Level
    from ofsted_timeline.render.workbook.sheets import _level_label

    assert [_level_label(level) for level in Level] == ["Violation", "Overdue", "Due soon", "Warning", "Note", "OK"]


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab –\t\n\r\x0b-é"), max_size=80),
    width=st.integers(min_value=1, max_value=60),
    bold=st.booleans(),
)
def test_a_rows_height_counts_the_lines_textwrap_wraps_it_onto(text: str, width: int, bold: bool) -> None:
    """A line that fits is counted as one without wrapping it: the count textwrap gives."""
    import textwrap

    from ofsted_timeline.render.workbook.book import BOLD_PER_UNIT, PLAIN_PER_UNIT, WRAP_MARGIN, _lines

    per_line = max(int(width * (BOLD_PER_UNIT if bold else PLAIN_PER_UNIT)) - WRAP_MARGIN, 1)
    expected = sum(max(1, len(textwrap.wrap(part, per_line))) for part in text.split("\n"))
    assert _lines(text, width, bold) == expected

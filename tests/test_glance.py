"""The terminal view a council reads first: persistent failure at the top, a year ahead, the rest counted.

Bradford received its report Tue 17 Nov 2026 (ilacs-2026). Its inadequate judgements were
published Mon 29 Oct 2018 and Tue 31 Jan 2023 (Ofsted's reports, in the inspection history):
with this one, two within five years (31 Jan 2023, 17 Nov 2026) is persistent failure (PCF 121, key).
"""

from typer.testing import CliRunner

from ofsted_timeline.cli import app
from ofsted_timeline.request import Request

BRADFORD = ("deadlines", "--received", "2026-11-17", "--authority", "Bradford", "--as-of", "2026-12-01")


def view(*args: str) -> list[str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_bradfords_view_fits_28_lines_with_persistent_failure_first():
    lines = view(*BRADFORD)
    assert len(lines) <= 28 and max(map(len, lines)) <= 80
    head = "\n".join(lines[:6])
    assert head.startswith("Bradford · Report received Tue 17 Nov 2026 · ilacs-2026 · as of Tue 1 Dec 2026")
    assert "PERSISTENT FAILURE (PCF 121, key): 2 inadequate judgements within 5 years" in head
    assert "the DfE may appoint a Commissioner (PCF 121)" in head
    assert "Next statutory Thu 31 Dec 2026" in head  # SI 2007/462 reg. 2: 30 working days after receipt


def test_the_view_stops_a_year_ahead_and_counts_the_rest():
    lines = view(*BRADFORD)
    # Monitoring visit 3 opens Wed 1 Sep 2027, within the year to Tue 30 Nov 2027; visit 4 opens Wed 1 Dec 2027.
    assert any("Monitoring visit 3" in line for line in lines)
    assert not any("Monitoring visit 4" in line for line in lines)
    assert any(line.startswith("7 Sep 2029–") and "Re-inspection" in line for line in lines)  # the window stays
    assert "+ 26 later to Oct 2030: --all" in lines


def test_all_shows_every_milestone():
    lines = view(*BRADFORD, "--all")
    assert any("Monitoring visit 15" in line for line in lines)
    assert not any(line.startswith("+ ") for line in lines)


def test_the_horizon_reaches_the_next_statutory_deadline_when_it_is_later():
    """Received Mon 3 Jan 2028 (New Year's Day observed: still day 0), as of Tue 1 Dec 2026: the
    publication, 30 working days later (SI 2007/462 reg. 2), is after the year ahead, so the view
    runs to it, and no further."""
    lines = view("deadlines", "--received", "2028-01-03", "--as-of", "2026-12-01")
    assert any(line.startswith("Mon 14 Feb 2028 *") and "Authority publishes" in line for line in lines)
    assert not any("Written statement of action to" in line for line in lines)


def test_persistent_failure_is_not_said_twice():
    text = "\n".join(view(*BRADFORD))
    assert text.count("inadequate judgements within 5 years") == 1


def test_persistent_failure_comes_first_in_every_paper_and_file(tmp_path):
    """Markdown in its first 15 lines, the chart above its lanes, the page before its chart, the CSV
    and the JSON as a field, the workbook in its sheets."""
    import csv
    import json

    from openpyxl import load_workbook

    from .conftest import run

    markdown = run(*BRADFORD, "-f", "markdown").stdout.splitlines()
    assert any("Persistent failure (PCF 121, key)" in line for line in markdown[:15])
    svg = run(*BRADFORD, "-f", "svg").stdout
    assert svg.index("Persistent failure (PCF 121, key)") < svg.index('data-milestone="')
    html = run(*BRADFORD, "-f", "html").stdout
    assert html.index("Persistent failure (PCF 121, key)") < html.index("<figure>")
    rows = list(csv.DictReader(run(*BRADFORD, "-f", "csv").stdout.lstrip("\ufeff").splitlines()))
    assert all(row["persistent_failure"].startswith("Persistent failure (PCF 121, key)") for row in rows)
    assert json.loads(run(*BRADFORD, "-f", "json").stdout)["persistent_failure"].startswith("Persistent failure")
    workbook = tmp_path / "bradford.xlsx"
    assert run(*BRADFORD, "-o", str(workbook)).exit_code == 0
    cells = [str(cell) for sheet in load_workbook(workbook).worksheets for row in sheet.values for cell in row]
    assert any(cell.startswith("Persistent failure (PCF 121, key)") for cell in cells)


def test_the_horizon_is_the_next_statutory_deadline_not_the_next_date():
    """Received Mon 3 Jan 2028, published Mon 10 Jan 2028, as of Tue 1 Dec 2026: the next statutory
    deadline is the statement (70 working days, Handbook 6, 7, 19, 49), so the view runs to it."""
    lines = view(
        "deadlines", "--received", "2028-01-03", "--date", "publish-report=2028-01-10", "--as-of", "2026-12-01"
    )
    assert any(line.startswith("Mon 10 Apr 2028 *") and "Written statement" in line for line in lines)


def test_the_headline_names_a_long_title_by_its_short_name():
    """As of Tue 1 Dec 2026, Bradford's next statutory deadline is the publication (over 30 characters)."""
    from ofsted_timeline.calendar import england_and_wales
    from ofsted_timeline.rules import load_rule_set
    from ofsted_timeline.timeline import build_timeline, short_title

    from .conftest import d

    timeline = build_timeline(
        Request(d("2017-07-07"), load_rule_set("sif-2017"), d("2017-09-01")), england_and_wales(2016, 2022)
    )
    shorts = {m.id: short_title(m) for m in timeline.milestones}
    assert shorts["mv3"] == "Monitoring visit 3" and shorts["mv-report-3"] == "Report of monitoring visit 3"
    assert shorts["dfe-review-2"] == "DfE review 2" and shorts["wsoa"] == "Written statement of action"
    assert "Next statutory Mon 16 Oct 2017 Written statement of action:" in "\n".join(
        view("deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01")
    )


def test_rows_follow_the_dates_the_view_shows():
    """A date given early (BCP published on the day it received its report, Fri 11 Feb 2022) does
    not pull its row above rules that fall before the statutory date shown beside it (Fri 25 Mar)."""
    lines = view(
        "deadlines", "--received", "2022-02-11", "--date", "publish-report=2022-02-11", "--as-of", "2022-12-01", "--all"
    )
    agenda = next(i for i, line in enumerate(lines) if line.startswith("11–25 Mar 2022"))
    published = next(i for i, line in enumerate(lines) if line.startswith("Fri 25 Mar 2022"))
    assert agenda < published


def test_a_council_years_in_sees_what_is_ahead_and_what_is_wrong():
    """Received Mon 5 Sep 2022, as of Wed 2 Dec 2026 with nothing given: the overdue statutory dates
    and the re-inspection window stay; what was done or passed before Mon 2 Nov 2026 is counted;
    quarterly visits go on being projected although the usual re-inspection window has passed."""
    lines = view("deadlines", "--received", "2022-09-05", "--as-of", "2026-12-02")
    assert len(lines) <= 30
    text = "\n".join(lines)
    assert "OVERDUE 1003 wd" in text and "beyond practice" in text
    assert any(line.startswith("+ ") and "done or passed before Mon 2 Nov 2026" in line for line in lines)
    assert "Next expected  14 Dec 2026–8 Jan 2027 Monitoring visit 17" in text

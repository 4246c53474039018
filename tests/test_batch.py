"""`oftl batch`: many authorities from one CSV; bad rows reported, the rest still written."""

import csv
import datetime as dt
import io
import json
import pathlib

import pytest
from icalendar import Calendar

from ofsted_timeline.batch import RowError, compute_batch, parse_batch
from ofsted_timeline.calendar import england_and_wales
from ofsted_timeline.cli.pool import in_parallel

from .conftest import run

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "authorities.csv")


def write(tmp_path, text: str, name: str = "batch.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_example_batch_json():
    result = run("batch", EXAMPLE, "--as-of", "2023-06-01", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["errors"] == []
    found = {t["authority"]: t for t in document["timelines"]}
    assert [t["row"] for t in document["timelines"]] == [2, 3, 4, 5]
    assert {name: t["framework"] for name, t in found.items()} == {
        "Barnet": "sif-2017",
        "Example Council A": "ilacs-2018",
        "Example Council B": "ilacs-2018",
        "Example Council C": "ilacs-2026",
    }
    barnet = {m["id"]: m for m in found["Barnet"]["milestones"]}
    assert (barnet["wsoa"]["latest"], barnet["wsoa"]["actual"]) == ("2017-10-16", "2017-10-13")
    assert barnet["mv2"]["actual"] == "2018-02-06"
    council_b = found["Example Council B"]
    assert any(note.startswith("Persistent failure") for note in council_b["notes"])  # 2019 and 2023


def test_bad_rows_are_listed_and_the_rest_written(tmp_path):
    path = write(
        tmp_path,
        "authority,received,wsoa,visits\n"
        "Good,2017-07-07,,\n"
        "Impossible,2017-02-30,,\n"
        ",2018-01-01,,\n"
        "Late,2019-01-10,soon,\n"
        "\n"
        "Visits,2017-07-07,,2017-11-14;not a date\n"
        "Also good,2019-01-10,2019-04-10,\n",
    )
    result = run("batch", path, "--as-of", "2019-06-01", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert [t["authority"] for t in document["timelines"]] == ["Good", "Also good"]
    assert [(e["row"], e["field"]) for e in document["errors"]] == [
        (3, "received"),
        (4, "authority"),
        (5, "wsoa"),
        (7, "visits"),
    ]
    assert "day 30 of month 2" in document["errors"][0]["message"]
    stderr = [line for line in result.stderr.splitlines() if not line.startswith("oftl: warning:")]  # names
    assert stderr[0].startswith("oftl: row error: row 3, received: '2017-02-30' is not a real date")
    assert stderr[-1] == "oftl: 4 of 6 rows not computed; 2 timelines written."


def test_many_rows_with_one_bad_one(tmp_path):
    """A bad row among many is an error naming its spreadsheet row; every other row is computed.
    (Rows computed in worker processes: test_workers_give_the_same_results_as_one_process.)"""
    lines = ["authority,received"]
    start = dt.date(2015, 1, 1)
    lines += [f"Authority {n},{(start + dt.timedelta(days=150 * n)).isoformat()}" for n in range(20)]
    lines[12] = "Authority 11,31/02/2020"  # spreadsheet row 13
    result = run("batch", write(tmp_path, "\n".join(lines) + "\n"), "--as-of", "2020-01-01", "-f", "markdown")
    assert result.exit_code == 1
    table = [line for line in result.stdout.splitlines() if line.startswith("| ") and not line.startswith("| Row")]
    assert len(table) == 19 and "| Authority 11 |" not in result.stdout
    assert "- row 13, received: '31/02/2020' is not a real date" in result.stdout
    assert result.stderr.splitlines()[-1] == "oftl: 1 of 20 rows not computed; 19 timelines written."


def test_csv_has_one_row_per_authority_and_milestone():
    result = run("batch", EXAMPLE, "--as-of", "2023-06-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert {row["authority"] for row in rows} == {
        "Barnet",
        "Example Council A",
        "Example Council B",
        "Example Council C",
    }
    wsoa = {row["authority"]: row["latest"] for row in rows if row["id"] == "wsoa"}
    # Barnet: Cover report 1.19. Council A (Thu 10 Jan 2019): Thu 18 Apr 2019, before Good Friday.
    assert (wsoa["Barnet"], wsoa["Example Council A"]) == ("2017-10-16", "2019-04-18")


def test_an_undated_rule_names_the_column_that_dates_it_not_an_option():
    """A batch file has columns, not options: what an undated rule needs is named as its column."""
    result = run("batch", EXAMPLE, "--as-of", "2017-09-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    needs = {row["status_text"] for row in rows if row["status"] == "not-dated"}
    assert needs == {"needs the first day of re-inspection fieldwork (a reinspection column)"}
    assert "--reinspection" not in result.stdout_bytes.decode("utf-8-sig")


def test_ics_has_every_authority_with_distinct_uids():
    result = run("batch", EXAMPLE, "--as-of", "2023-06-01", "--format", "ics")
    events = Calendar.from_ical(result.stdout_bytes).walk("VEVENT")
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids))
    assert "barnet.sif-2017.20170707.wsoa@ofsted-timeline" in uids
    assert "example-council-a.ilacs-2018.20190110.wsoa@ofsted-timeline" in uids


def test_summary_table_names_the_next_statutory_deadline():
    result = run("batch", EXAMPLE, "--as-of", "2019-03-01", "--format", "markdown")
    assert result.exit_code == 0
    rows = {line.split(" | ")[1]: line for line in result.stdout.splitlines() if line.startswith("| ")}
    assert rows["Barnet"].endswith("| none open | every statutory date given |")  # report and statement given
    # Council A: received Thu 10 Jan 2019, report published 1 Feb; the statement is due Thu 18 Apr 2019,
    # 34 working days after Fri 1 Mar 2019 (counted by hand, week by week).
    assert rows["Example Council A"].endswith(
        "|  | Written statement of action: Thu 18 Apr 2019 | due in 34 working days |"
    )
    table = run("batch", EXAMPLE, "--as-of", "2019-03-01").stdout
    assert "of action: Thu 18" in table and "due in 34 working" in table  # cells wrap at 120 columns


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty: give a header row"),
        ("authority\nBarnet\n", "no 'received' column"),
        ("authority,received,wsoaa\n", "unknown column 'wsoaa'"),
        ("authority,received,received\n", "column 'received' appears twice"),
    ],
)
def test_file_level_problems_exit_2(tmp_path, text, message):
    result = run("batch", write(tmp_path, text))
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("oftl: error: ") and message in line


def test_unreadable_batch_files(tmp_path):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("authority,received\nYnys Môn,2017-07-07\n".encode("latin-1"))
    assert "is not UTF-8 text" in run("batch", str(latin)).output
    assert "is a folder" in run("batch", str(tmp_path)).output


def test_excel_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffauthority,received\r\nBarnet,07/07/2017\r\n".encode())
    document = json.loads(run("batch", str(path), "-f", "json", "--as-of", "2017-09-01").stdout)
    assert document["timelines"][0]["received"] == "2017-07-07"


def test_workers_give_the_same_results_as_one_process():
    """Twelve chunks of 100 rows; a row the eighth chunk cannot compute comes back as its error, in its place."""
    header = "authority,received,framework,wsoa"
    lines = [header] + [f"A{n},{dt.date(2016, 1, 4) + dt.timedelta(days=n)},," for n in range(1_200)]
    lines[701] = "A700,2017-12-04,no-such-framework,"  # spreadsheet row 702
    batch = parse_batch("\n".join(lines), "test", lambda column: column == "wsoa")
    calendar = england_and_wales(2015, 2025)

    def work(rows):
        for result in compute_batch(rows, calendar, dt.date(2019, 1, 1)):
            if isinstance(result, RowError):
                yield result
            else:
                yield result.authority, tuple((m.id, m.latest) for m in result.milestones)

    one = list(in_parallel(batch.rows, work, workers=1))
    two = list(in_parallel(batch.rows, work, workers=2))
    assert len(one) == 1_200 and one == two
    assert [(e.row, e.field) for e in one if isinstance(e, RowError)] == [(702, "framework")]
    assert one[699][0] == "A699" and one[701][0] == "A701"


def test_timelines_that_share_plans_are_those_worked_out_alone():
    """A batch works out each rule set's plans, milestone wordings and series once and shares them
    between rows with the same dates given: every row's timeline is the one a fresh rule set
    gives it alone (receipts on every weekday and holiday of four years, visits and a statement
    given or not, statuses on both sides of the as-of day)."""
    import random

    rng = random.Random(20)
    lines = ["authority,received,wsoa,visits"]
    for number in range(150):
        received = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(1500))
        wsoa = (received + dt.timedelta(days=rng.choice([60, 95, 130]))).isoformat() if number % 3 == 0 else ""
        visits = ";".join((received + dt.timedelta(days=130 + 91 * k)).isoformat() for k in range(number % 4))
        lines.append(f"Authority {number},{received},{wsoa},{visits}")
    batch = parse_batch("\n".join(lines), "test", lambda column: column == "wsoa")
    calendar, as_of = england_and_wales(2015, 2025), dt.date(2018, 6, 1)
    shared = list(compute_batch(batch.rows, calendar, as_of))
    alone = [next(compute_batch([row], calendar, as_of, lambda rule_set: rule_set.replace())) for row in batch.rows]
    assert len({frozenset(row.dates) | {len(row.visits)} for row in batch.rows}) > 4  # several plans shared
    assert [t.milestones for t in shared] == [t.milestones for t in alone]
    assert [t.notes for t in shared] == [t.notes for t in alone]


def test_an_authority_on_two_lines_is_a_row_error(tmp_path):
    path = write(tmp_path, 'authority,received\n"Barnet\nEnfield",2017-07-07\nGood,2017-07-07\n')
    document = json.loads(run("batch", path, "-f", "json", "--as-of", "2017-09-01").stdout)
    assert [t["authority"] for t in document["timelines"]] == ["Good"]
    (error,) = document["errors"]
    assert (error["row"], error["field"]) == (2, "authority")
    assert "has a line break or control character" in error["message"]


def test_batch_rows_know_their_authority_from_the_inspection_history(tmp_path):
    """Bradford, inadequate, published Mon 29 Oct 2018 and Tue 31 Jan 2023 (Ofsted reports): a batch row
    for the second finds the first in the history, as deadlines and check do (PCF 121, key)."""
    path = write(tmp_path, "authority,received\nBradford,2023-01-31\n")
    result = run("batch", path, "--as-of", "2023-02-01", "--format", "json")
    assert result.exit_code == 0, result.output
    [timeline] = json.loads(result.stdout)["timelines"]
    assert any(
        "2 inadequate judgements within 5 years, compared by publication day (Mon 29 Oct 2018, Tue 31 Jan 2023)" in n
        for n in timeline["notes"]
    )


HOSTILE_BATCH = (
    "authority,received,framework,wsoa,visits,region\n"
    "Barnet,2017-07-07,,2017-10-13,2017-11-14;2018-02-06,London\n"
    'Bradford,2023-01-31,,,,"tab\there, ""quoted"" \\ back\nline"\n'
    "Conseil «Ærø» 東京 😀,2025-12-20,,,,\u0007bell\n"
    'Say "no",2019-01-10,,2019-05-10,2019-05-01,\n'
    "=Late,2016-03-01,sif-2017,2016-09-01,,=cmd\n"
    "Empty cell,2018-03-01,,,,\n"
)


@pytest.fixture(scope="module")
def hostile_batch():
    """Timelines with every kind of text a cell can hold, dates given, projected and practice rules."""
    from ofsted_timeline.history.context import history_as_of

    as_of = dt.date(2024, 6, 1)
    batch = parse_batch(HOSTILE_BATCH, "test", lambda column: column == "wsoa")
    timelines = list(compute_batch(batch.rows, england_and_wales(2014, 2045), as_of, history=history_as_of(as_of)))
    milestones = [m for timeline in timelines for m in timeline.milestones]
    assert any(m.actual for m in milestones) and any(m.projected for m in milestones)
    assert any(m.rule.practice for m in milestones) and any(m.notes for m in milestones)
    assert any(timeline.undated for timeline in timelines)
    return [(row, timeline, dict(zip(batch.extra_columns, row.extra, strict=True))) for row, timeline in
            zip(batch.rows, timelines, strict=True)]  # fmt: skip


def test_batch_json_lines_are_byte_for_byte_what_json_dumps_writes(hostile_batch):
    """A batch's JSON is written from pieces encoded once per batch: each line is exactly
    ``json.dumps`` of the record in UTF-8 (``milestone_record``'s fields), whatever the text, with the
    pieces of one authority reused for the next (real names: the history's practice rules)."""
    from ofsted_timeline.render.as_batch import TimelineLines
    from ofsted_timeline.render.as_json import milestone_record

    lines = TimelineLines()
    for _ in range(2):  # the second time round, every piece is one kept from the first
        for row, timeline, carried in hostile_batch:
            record = {
                "row": row.row,
                "authority": timeline.authority,
                "received": timeline.start.isoformat(),
                "framework": timeline.rule_set.id,
                "as_of": timeline.as_of.isoformat(),
                "milestones": [milestone_record(m) for m in timeline.milestones],
                "notes": list(timeline.notes),
                "input": carried,
            }
            assert lines.line(row.row, timeline, carried) == json.dumps(record, ensure_ascii=False).encode()
            del record["input"]
            assert lines.line(row.row, timeline) == json.dumps(record, ensure_ascii=False).encode()


def test_batch_csv_rows_are_byte_for_byte_what_csv_body_writes(hostile_batch):
    """As for JSON: cells quoted once per batch make the same bytes as the csv module row by row,
    formulas defused (=cmd), quotes, line breaks and an empty last cell included."""
    from ofsted_timeline.cli.timelines import needs
    from ofsted_timeline.render.as_batch import CsvRows
    from ofsted_timeline.render.as_csv import csv_body

    rows = CsvRows(needs())
    for _ in range(2):
        for _row, timeline, carried in hostile_batch:
            assert rows.rows(timeline, carried) == csv_body(timeline, needs(), carried).encode()
            assert rows.rows(timeline) == csv_body(timeline, needs()).encode()


def _rows(count: int) -> list:
    text = "authority,received\n" + "".join(f"A{n},2017-07-07\n" for n in range(count))
    return parse_batch(text, "test", lambda column: False).rows


def test_a_worker_error_is_raised_in_the_parent_in_its_place():
    """The first error in row order stops the batch, as it would in one process; the rows
    before it came back."""
    from ofsted_timeline.errors import InputError

    def work(rows):
        if rows[0].row > 1_000:  # the eleventh chunk of 100, from row 1002
            raise InputError(f"no rows from {rows[0].row}")
        return [row.row for row in rows]

    got = []
    with pytest.raises(InputError, match="no rows from 1002"):
        got.extend(in_parallel(_rows(2_000), work, workers=2))
    assert got == list(range(2, 1_002))


def test_a_worker_killed_stops_the_batch_with_an_error_not_a_hang():
    import os
    import re
    import signal

    from ofsted_timeline.cli.pool import STOPPED

    def work(rows):
        if rows[0].row > 500:
            os.kill(os.getpid(), signal.SIGKILL)
        return [row.row for row in rows]

    with pytest.raises(RuntimeError, match=re.escape(STOPPED)):
        list(in_parallel(_rows(3_000), work, workers=2))


def test_two_batches_at_once_each_keep_their_own_work():
    """Each worker is handed its batch's work when it forks: nothing is shared through a global
    or a class attribute, so two pools read in turn do not mix."""
    rows = _rows(1_500)
    doubled = in_parallel(rows, lambda chunk: [row.row * 2 for row in chunk], workers=2)
    negated = in_parallel(rows, lambda chunk: [-row.row for row in chunk], workers=2)
    pairs = list(zip(doubled, negated, strict=True))
    assert pairs == [(row.row * 2, -row.row) for row in rows]

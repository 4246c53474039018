"""Rebuild src/ofsted_timeline/history/inspections.csv from Ofsted's report texts.

    python scripts/build_history.py [FOLDER] [--output PATH] [--built YYYY-MM-DD]

FOLDER (default /work/shared/ofsted-reports) holds one folder per authority,
``<Ofsted URN>_<slug>``, with one text file per report named after the day it was
published (``29-october-2018.txt``), plus ``latest-inspections.csv``: each authority's most
recent inspection. The script reads every report, merges in the CSV's rows (the report text
wins where the two disagree), and writes one row per inspection.

Nothing is guessed. Every report it cannot read and every value it cannot find is printed,
the value is left empty, and a summary count ends the run. Standard library only.

Beside the CSV it writes ``as_built.py``: what every timeline takes from the whole history
as of the data's last publication (each framework's practice figures, window and back-test,
every episode) and the index authority names are matched in (from ``authorities.csv``, kept by
hand), worked out here once, by the package's own code, so that a run does not read and work
out the history again; and ``as_built_records.py``: every record as the package reads it from
the CSV, so that a run working the history out as of an earlier day does not parse it either
(``--figures-only`` rewrites just those two files from the CSVs).

Frameworks, from the report's title and dates:
  sif               "Inspection of services for children in need of help and protection, ..."
  sif-reinspection  "Re-inspection of services for children in need of help and protection, ..."
  ilacs-standard    "Inspection of ... children's services" (ILACS, from 2018), two weeks on site
  ilacs-short       the same, one week on site
  ilacs-2026        ILACS fieldwork from 1 April 2026, when the overall grade was dropped
The report text does not say whether an ILACS inspection was standard or short: the CSV says
so for each authority's latest one; for the others the fieldwork length decides (one week at
most: short; eight to fourteen days: standard) and the row's note says so. A fieldwork span
that fits neither is reported and the framework left as plain ``ilacs``.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import io
import itertools
import pathlib
import re
import sys
from collections.abc import Iterable, Sequence

from python_source import is_named_tuple, literal  # beside this script

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "ofsted_timeline" / "history" / "inspections.csv"
FIGURES = TARGET.with_name("as_built.py")
RECORDS = TARGET.with_name("as_built_records.py")
AUTHORITIES = TARGET.with_name("authorities.csv")  # kept by hand: matched names are indexed in FIGURES
DEFAULT_FOLDER = pathlib.Path("/work/shared/ofsted-reports")
ILACS_2026_FROM = dt.date(2026, 4, 1)

COLUMNS = (
    "authority", "urn", "la_code", "framework", "fieldwork_start", "fieldwork_end", "published",
    "overall", "leaders", "help_and_protection", "in_care", "care_leavers", "adoption",
    "source", "link", "citation", "note",
)  # fmt: skip
JUDGEMENTS = ("overall", "leaders", "help_and_protection", "in_care", "care_leavers", "adoption")
GRADES = ("outstanding", "good", "requires improvement", "inadequate")

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
DATE_TOKEN = re.compile(
    rf"(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}})"
    rf"|(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<month>{MONTH})\b\.?)?(?:\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
FILE_NAME = re.compile(rf"^(\d{{1,2}})-({MONTH})-(\d{{4}})\.txt$", re.IGNORECASE)
DATES_LINE = re.compile(r"Inspection dates?\s*:?\s*(?P<rest>.*)", re.IGNORECASE)
PUBLISHED_LINE = re.compile(r"Report published\s*:?\s*(?P<rest>.+)", re.IGNORECASE)

# Judgement table labels: (column, words). SIF numbers its rows; ILACS names them. The
# longer ILACS label comes first so that "children in care and care leavers" (one judgement
# until 2023) is not read as "children in care" (its own judgement from January 2023).
SIF_LABELS = (
    ("help_and_protection", "1. children who need help and protection"),
    ("in_care", "2. children looked after and achieving permanence"),
    ("adoption", "2.1 adoption performance"),
    ("care_leavers", "2.2 experiences and progress of care leavers"),
    ("leaders", "3. leadership, management and governance"),
)
ILACS_LABELS = (
    ("leaders", "the impact of leaders on social work practice with children and families"),
    ("help_and_protection", "the experiences and progress of children who need help and protection"),
    ("in_care", "the experiences and progress of children in care and care leavers"),
    ("in_care", "the experiences and progress of children in care"),
    ("care_leavers", "the experiences and progress of care leavers"),
    ("overall", "overall effectiveness"),
)
GRADE_WORDS = frozenset(
    ("outstanding", "good", "requires", "require", "improvement", "to", "be", "inadequate", "not", "judged")
)
SIF_GRADE = r"(?:(?:are|is) )?(?P<grade>requires? improvement|outstanding|good|inadequate)\b"
SIF_OVERALL = (
    re.compile(r"children's services (?:in .{1,80}? )?" + SIF_GRADE),
    re.compile(r"the overall judgement is (?:that children's services? )?" + SIF_GRADE),
)


@dataclasses.dataclass
class Report:
    """What one report says; empty strings where it does not say."""

    path: str
    urn: str
    framework: str = ""
    fieldwork_start: dt.date | None = None
    fieldwork_end: dt.date | None = None
    published: dt.date | None = None
    judgements: dict[str, str] = dataclasses.field(default_factory=dict)
    notes: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Outcome:
    """Reports read, and the problems met, in the order met."""

    reports: list[Report] = dataclasses.field(default_factory=list)
    unreadable: list[str] = dataclasses.field(default_factory=list)
    skipped: list[str] = dataclasses.field(default_factory=list)
    missing: list[str] = dataclasses.field(default_factory=list)
    disagreements: list[str] = dataclasses.field(default_factory=list)


class Unreadable(Exception):
    """The report cannot be read as an inspection at all."""


class NotAnInspection(Exception):
    """The report is an Ofsted publication, but not a SIF or ILACS inspection."""


def clean(text: str) -> str:
    """Curly quotes, dashes and no-break spaces made plain, so that patterns stay simple."""
    for fancy, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u00a0", " "), ("\u2500", "-"), ("\u2010", "-")):
        text = text.replace(fancy, plain)
    return re.sub("[\u2013\u2014]", "-", text)


def words(text: str) -> str:
    return " ".join(text.split())


def grade(text: str) -> str:
    """'Requires improvement to be good' -> 'requires improvement'; '' if not a whole grade."""
    said = words(text).lower().rstrip(".")
    if said in ("outstanding", "good", "inadequate", "not judged"):
        return said
    if re.fullmatch(r"requires? improvement(?: to be good)?", said):
        return "requires improvement"
    return ""


def parse_dates(text: str) -> list[dt.date]:
    """Every date in '19 November-11 December 2013 and 28 - 30 January 2014', month and year
    taken from the next date that states them. Raises ValueError when one is left incomplete."""
    parts: list[tuple[int, int | None, int | None]] = []
    for m in DATE_TOKEN.finditer(text):
        if m["d"]:
            parts.append((int(m["d"]), int(m["m"]), int(m["y"])))
        else:
            named = MONTHS[m["month"].lower()] if m["month"] else None
            parts.append((int(m["day"]), named, int(m["year"]) if m["year"] else None))
    filled: list[dt.date] = []
    month: int | None = None
    year: int | None = None
    for day, said_month, said_year in reversed(parts):
        if said_year is not None:
            year = said_year
        if said_month is not None:
            month = said_month
        elif said_year is not None:
            raise ValueError(f"a year without a month in {text!r}")
        if month is None or year is None:
            raise ValueError(f"no month or year for day {day} in {text!r}")
        filled.append(dt.date(year, month, day))
    return filled[::-1]


def fieldwork(lines: Sequence[str]) -> tuple[dt.date, dt.date, list[str]]:
    """First and last day from the 'Inspection date(s):' line (and the next line where it
    wraps). Raises ValueError where they cannot be read."""
    for i, line in enumerate(lines[:40]):
        m = DATES_LINE.search(line)
        if not m:
            continue
        said = m["rest"].strip()
        ends_open = re.search(r"(?:\band|\bto|-)\s*$", said, re.IGNORECASE)
        if (ends_open or not re.search(r"\d{4}\s*$", said)) and i + 1 < len(lines):
            said = f"{said} {lines[i + 1].strip()}"
        days = parse_dates(said)
        if not days:
            raise ValueError(f"no date in {words(said)!r}")
        notes = []
        if len(days) == 1:
            notes.append("one fieldwork date only")
        if re.search(r"\band\b", said):
            notes.append("fieldwork in two parts")
        first, last = days[0], days[-1]
        if last < first or (last - first).days > (120 if "fieldwork in two parts" in notes else 45):
            raise ValueError(f"fieldwork {first} to {last} from {words(said)!r} is not a fieldwork span")
        return first, last, notes
    raise ValueError("no 'Inspection date(s):' line")


def kind(head: str) -> str:
    """The framework family from the report's title: 'sif', 'sif-reinspection' or 'ilacs'."""
    title = words(head).lower()
    if re.search(r"\bre-?inspection of services for children in need", title):
        return "sif-reinspection"
    if "inspection of services for children in need of help and protection" in title:
        return "sif"
    if "inspection of looked after children services" in title:
        raise NotAnInspection("an inspection of looked after children services (before SIF)")
    if "inspection of" not in title and "review of the effectiveness of the local safeguarding" in title:
        raise NotAnInspection("a review of the Local Safeguarding Children Board only")
    if "inspection of" in title and re.search(r"children's (?:social care )?services", title):
        return "ilacs"
    raise Unreadable(f"title not recognised: {words(head)[:90]!r}")


def columns(line: str) -> tuple[str, str]:
    """(label text, grade text) of one line of a judgement table laid out in two columns."""
    stripped = line.strip()
    if not stripped:
        return "", ""
    indent = len(line) - len(line.lstrip())
    if indent >= 20 and set(stripped.lower().split()) <= GRADE_WORDS:
        return "", stripped
    parts = re.split(r"\s{3,}", stripped)
    if len(parts) > 1 and set(parts[-1].lower().split()) <= GRADE_WORDS:
        return " ".join(parts[:-1]), parts[-1]
    return stripped, ""


def table(lines: Sequence[str], labels: Iterable[tuple[str, str]]) -> tuple[dict[str, str], set[str]]:
    """Grades of a judgement table: each label is found in the left column (wrapped over
    lines or not) and its grade read from the right column of the same lines, or of the line
    just above or below when that line holds only a grade's first or last words.
    Returns the grades by column and the labels found."""
    left, right = zip(*(columns(line) for line in lines), strict=True)
    stream, starts = "", []
    for i, text in enumerate(left):
        if text:
            starts.append((len(stream), i))
            stream += text.lower() + " "
    found: dict[str, str] = {}
    seen: set[str] = set()
    for column, label in labels:
        if column in found:
            continue
        numbered = label[0].isdigit()
        pattern = r"\s+".join(re.escape(w) for w in label.split()[numbered:])
        if numbered:  # any number: Wirral 2016 numbers its leadership row "1."
            pattern = r"\d(?:\.\d)?\.?\s+" + pattern
        if label.endswith("children in care"):
            pattern += r"(?!\s+and\s+care\s+leavers)"
        m = re.search(r"(?<![\w.])" + pattern + r"(?![\w])", stream)
        if not m:
            continue
        seen.add(label)
        rows = [i for offset, i in starts if m.start() <= offset < m.end()]
        first, last = rows[0], rows[-1]
        said = [right[i] for i in range(first, last + 1) if right[i]]
        if not grade(" ".join(said)) and first > 0 and right[first - 1] and not left[first - 1]:
            said.insert(0, right[first - 1])
        if not grade(" ".join(said)) and last + 1 < len(lines) and right[last + 1] and not left[last + 1]:
            said.append(right[last + 1])
        found[column] = grade(" ".join(said))
    return found, seen


def sif_overall(head: str) -> str:
    said = words(head).lower()
    for pattern in SIF_OVERALL:
        m = pattern.search(said)
        if m and grade(m["grade"]):
            return grade(m["grade"])
    return ""


def day_from_name(name: str) -> dt.date:
    m = FILE_NAME.match(name)
    if not m:
        raise Unreadable(f"file name {name!r} is not a publication day")
    return dt.date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))


def parse_report(path: pathlib.Path, urn: str) -> Report:
    """Read one report. Raises Unreadable or NotAnInspection; values it cannot find are left
    out of the report and named in its notes prefixed 'missing:'."""
    report = Report(path=f"{path.parent.name}/{path.name}", urn=urn, published=day_from_name(path.name))
    text = clean(path.read_text(encoding="utf-8", errors="replace"))
    lines = text.splitlines()
    if len(words(text)) < 200:
        raise Unreadable("no text layer (fewer than 200 characters)")
    date_line = next((i for i, line in enumerate(lines[:40]) if DATES_LINE.search(line)), 40)
    head = "\n".join(lines[:date_line])
    family = kind(head)
    try:
        report.fieldwork_start, report.fieldwork_end, notes = fieldwork(lines)
        report.notes += notes
    except ValueError as error:
        report.notes.append(f"missing: fieldwork dates ({error})")
    for line in lines[:40]:
        m = PUBLISHED_LINE.search(line)
        if m:
            try:
                said = parse_dates(m["rest"])
            except ValueError:
                said = []
            if said and said[0] != report.published:
                report.notes.append(f"text says published {said[0]:%-d %b %Y}")
            break
    head_lines = lines[:60]
    if family == "ilacs":  # the table ends with its overall effectiveness row
        last = next((i for i, line in enumerate(head_lines) if columns(line)[0].lower().startswith("overall eff")), 57)
        head_lines = head_lines[: last + 3]
        report.judgements, seen = table(head_lines, ILACS_LABELS)
        wanted = ["overall", "leaders", "help_and_protection", "in_care"]
        if ILACS_LABELS[2][1] not in seen:  # care leavers judged apart (from January 2023)
            wanted.append("care_leavers")
        report.framework = "ilacs"
    else:
        report.judgements = table(head_lines, SIF_LABELS)[0]
        report.judgements["overall"] = sif_overall("\n".join(lines[: date_line + 25]))
        wanted = ["overall", "help_and_protection", "in_care", "adoption", "care_leavers", "leaders"]
        report.framework = family
    for column in wanted:
        if report.judgements.get(column) == "not judged":
            report.notes.append(f"{column} not judged")
        elif not report.judgements.get(column):
            report.notes.append(f"missing: {column} judgement")
    report.judgements = {k: v for k, v in report.judgements.items() if v in GRADES}
    return report


def ilacs_type(start: dt.date | None, end: dt.date | None) -> str:
    """'ilacs-short' (one week on site), 'ilacs-standard' (two) or '' (cannot tell)."""
    if start is None or end is None:
        return ""
    if start >= ILACS_2026_FROM:
        return "ilacs-2026"
    span = (end - start).days + 1
    return "ilacs-short" if span <= 7 else "ilacs-standard" if span <= 14 else ""


def read_reports(folder: pathlib.Path, outcome: Outcome) -> None:
    for directory in sorted(p for p in folder.iterdir() if p.is_dir()):
        urn = directory.name.partition("_")[0]
        for path in sorted(directory.glob("*.txt")):
            name = f"{directory.name}/{path.name}"
            try:
                report = parse_report(path, urn)
            except Unreadable as error:
                outcome.unreadable.append(f"{name}: {error}")
                continue
            except NotAnInspection as error:
                outcome.skipped.append(f"{name}: {error}")
                continue
            outcome.missing += [f"{name}: {note[9:]}" for note in report.notes if note.startswith("missing: ")]
            report.notes = [note for note in report.notes if not note.startswith("missing: ")]
            outcome.reports.append(report)


def csv_grade(value: str) -> str:
    value = value.strip().lower()
    return value if value in GRADES else ""


def csv_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def title_case(name: str) -> str:
    """'stoke-on-trent' -> 'Stoke-on-Trent'; 'bournemouth, christchurch & poole' -> '... & Poole'."""
    small = {"and", "upon", "on", "of", "in", "the", "with"}

    def word(w: str, first: bool) -> str:
        return "-".join(p if (p in small and (not first or j)) else p.capitalize() for j, p in enumerate(w.split("-")))

    return " ".join(word(w, i == 0) for i, w in enumerate(name.split()))


def citation(authority: str, framework: str, published: dt.date) -> str:
    if framework == "sif":
        what = f"inspection of services for children in need of help and protection, children looked after and care leavers: {authority}"  # noqa: E501
    elif framework == "sif-reinspection":
        what = f"re-inspection of services for children in need of help and protection, children looked after and care leavers: {authority}"  # noqa: E501
    else:
        what = f"inspection of {authority} local authority children's services"
    return f"Ofsted, {what}, published {published:%-d %b %Y}"


CSV_GRADES = (
    ("overall", "overall_effectiveness_grade"),
    ("leaders", "impact_of_leaders_grade"),
    ("help_and_protection", "help_and_protection_grade"),
    ("in_care", "in_care_grade"),
    ("care_leavers", "care_leavers_grade"),
)
CSV_DATES = (
    ("published", "publication_date"),
    ("fieldwork_start", "inspection_start_date"),
    ("fieldwork_end", "inspection_end_date"),
)


def same_inspection(report: Report, csv_row: dict[str, str]) -> bool:
    """The CSV row is this report: same publication day, else same first day of fieldwork."""
    if not csv_row:
        return False
    if csv_date(csv_row["publication_date"]) == report.published:
        return True
    return report.fieldwork_start is not None and csv_date(csv_row["inspection_start_date"]) == report.fieldwork_start


def compare(name: str, report: Report, csv_row: dict[str, str], outcome: Outcome) -> None:
    """Note every date and grade on which the report and its CSV row disagree."""
    for column, csv_column in CSV_DATES:
        ours, theirs = getattr(report, column), csv_date(csv_row[csv_column])
        if ours and theirs and ours != theirs:
            outcome.disagreements.append(f"{name}: {column} {ours} in the text, {theirs} in the CSV")
    for column, csv_column in CSV_GRADES:
        said, listed = report.judgements.get(column, ""), csv_grade(csv_row[csv_column])
        if said and listed and said != listed:
            outcome.disagreements.append(f"{name}: {column} {said!r} in the text, {listed!r} in the CSV")


def ilacs_framework(name: str, report: Report, csv_said: str, outcome: Outcome, notes: list[str]) -> str:
    """Standard or short: what the CSV says for this inspection, else the fieldwork length."""
    by_length = ilacs_type(report.fieldwork_start, report.fieldwork_end)
    if csv_said in ("standard", "short") and by_length != "ilacs-2026":
        if by_length and by_length != f"ilacs-{csv_said}":
            outcome.disagreements.append(f"{name}: the CSV says {csv_said}, the fieldwork length says {by_length}")
        return f"ilacs-{csv_said}"
    if by_length:
        if by_length != "ilacs-2026":
            notes.append("standard or short from the fieldwork length")
        return by_length
    outcome.missing.append(f"{name}: ILACS standard or short (fieldwork length fits neither)")
    return "ilacs"


def csv_only(csv_row: dict[str, str], outcome: Outcome) -> dict[str, str] | None:
    """The row for a CSV inspection whose report text is not in the collection."""
    name = f"latest-inspections.csv: {csv_row['local_authority']}"
    start, end = csv_date(csv_row["inspection_start_date"]), csv_date(csv_row["inspection_end_date"])
    published = csv_date(csv_row["publication_date"])
    said = csv_row["inspection_framework"].strip()
    if start and start >= ILACS_2026_FROM:
        framework = "ilacs-2026"
    elif said in ("standard", "short"):
        framework = f"ilacs-{said}"
    else:
        framework = "ilacs"
        outcome.missing.append(f"{name}: ILACS standard or short (the CSV says {said!r})")
    if start is None or end is None:
        outcome.missing.append(f"{name}: fieldwork dates")
    if published is None:
        outcome.unreadable.append(f"{name}: no publication day")
        return None
    judgements = {column: csv_grade(csv_row[csv_column]) for column, csv_column in CSV_GRADES}
    if framework == "ilacs-2026" and judgements["overall"]:
        outcome.disagreements.append(f"{name}: fieldwork from April 2026, yet an overall grade")
    if framework != "ilacs-2026" and not judgements["overall"]:
        outcome.missing.append(f"{name}: overall judgement")
    notes = ["no report text in the collection"]
    return row_for(csv_row["urn"], csv_row, framework, start, end, published, judgements, "csv", notes)


def merge(outcome: Outcome, latest: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per inspection: every report, and each CSV row either merged into its report
    or added where no text holds it."""
    by_urn = {row["urn"]: row for row in latest}
    rows: list[dict[str, str]] = []
    merged: set[str] = set()
    for report in outcome.reports:
        csv_row = by_urn.get(report.urn, {})
        same = same_inspection(report, csv_row)
        notes = list(report.notes)
        if same:
            merged.add(report.urn)
            compare(report.path, report, csv_row, outcome)
        framework = report.framework
        if framework == "ilacs":
            said = csv_row["inspection_framework"].strip() if same else ""
            framework = ilacs_framework(report.path, report, said, outcome, notes)
        assert report.published is not None  # set from the file name
        source = "text+csv" if same else "text"
        rows.append(
            row_for(
                report.urn, csv_row, framework, report.fieldwork_start, report.fieldwork_end,
                report.published, report.judgements, source, notes,
            )
        )  # fmt: skip
    for csv_row in latest:
        if csv_row["urn"] not in merged and (row := csv_only(csv_row, outcome)) is not None:
            rows.append(row)
    return sorted(rows, key=lambda row: (row["authority"], row["published"]))


def row_for(
    urn: str,
    csv_row: dict[str, str],
    framework: str,
    start: dt.date | None,
    end: dt.date | None,
    published: dt.date,
    judgements: dict[str, str],
    source: str,
    notes: list[str],
) -> dict[str, str]:
    authority = title_case(csv_row["local_authority"]) if csv_row else ""
    return {
        "authority": authority,
        "urn": urn,
        "la_code": csv_row.get("la_code", "").strip(),
        "framework": framework,
        "fieldwork_start": start.isoformat() if start else "",
        "fieldwork_end": end.isoformat() if end else "",
        "published": published.isoformat(),
        **{column: judgements.get(column, "") for column in JUDGEMENTS},
        "source": source,
        "link": csv_row.get("inspection_link", "").strip() if source != "text" else "",
        "citation": citation(authority, framework, published),
        "note": "; ".join(notes),
    }


def render(rows: list[dict[str, str]], built: dt.date, reports: int, latest: int) -> str:
    out = io.StringIO()
    out.write(
        "# Ofsted inspections of English local authorities' children's services, one row per inspection.\n"
        f"# Built {built.isoformat()} by scripts/build_history.py from ofsted-reports/: {reports} report texts (the\n"
        "# first four pages of Ofsted's report PDFs, pdftotext -layout, from the data-to-insight\n"
        "# ofsted-ilacs-scrape-tool collection) and its latest-inspections.csv (each authority's latest\n"
        f"# inspection as summarised in June 2026, {latest} rows). Do not edit: rebuild with the script.\n"
        "# Dates ISO 8601; an empty value was not stated or could not be read. source: text, csv or text+csv.\n"
    )
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def build(folder: pathlib.Path, built: dt.date) -> tuple[str, Outcome, list[dict[str, str]]]:
    outcome = Outcome()
    read_reports(folder, outcome)
    with (folder / "latest-inspections.csv").open(encoding="utf-8", newline="") as handle:
        latest = list(csv.DictReader(handle))
    rows = merge(outcome, latest)
    read = len(outcome.reports) + len(outcome.unreadable) + len(outcome.skipped)
    return render(rows, built, read, len(latest)), outcome, rows


def module_source(doc: str, roots: dict[str, object]) -> str:
    """Python that makes ``roots``' values, a module-level name each: named tuples by their own
    classes, every field given; objects met twice (an episode in a framework's figures and in
    its back-test) made once and shared, as computed."""
    made: dict[int, str] = {}
    lines: list[str] = []
    classes: dict[str, set[str]] = {}

    def special(item: object) -> str | None:
        """A named tuple once, as a module-level name, and that name wherever it is met again."""
        if not is_named_tuple(item):
            return None
        if id(item) not in made:
            arguments = ", ".join(value(part) for part in item)
            name = type(item).__name__
            classes.setdefault(type(item).__module__, set()).add(name)
            made[id(item)] = f"_{len(made)}"
            lines.append(f"{made[id(item)]} = {name}({arguments})")
        return made[id(item)]

    def value(item: object) -> str:
        return literal(item, special, (str, int, float, bool))

    said = {name: value(item) for name, item in roots.items()}
    imports = [
        f"from {module.replace('ofsted_timeline.history', '')} import {', '.join(sorted(made_by))}"
        for module, made_by in sorted(classes.items())
    ]
    return "\n".join(
        [
            f'"""{doc}"""',
            "",
            "# ruff: noqa: E501",
            "# fmt: off",
            "from datetime import date",
            "",
            *imports,
            "",
            *lines,
            "",
            *(f"{name} = {text}" for name, text in said.items()),
            "",
        ]
    )


def _package() -> None:
    """The package's own code, from this checkout, to work the history out as it does."""
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))


def figures_source(csv_text: str, authorities_text: str) -> str:
    """``as_built.py`` for the data file's text and the list of authorities: what the package
    works out from the whole history as of its last publication, and the index a name is
    matched in."""
    _package()
    from ofsted_timeline.history.authorities import parse_authorities
    from ofsted_timeline.history.context import FAMILY_OF_RULE_SET, in_practice
    from ofsted_timeline.history.episode import episodes
    from ofsted_timeline.history.names import name_index
    from ofsted_timeline.history.records import parse

    dataset = parse(csv_text)
    last = dataset.last_published
    found = episodes(dataset.records, last)
    names, codes, urns = name_index(parse_authorities(authorities_text))
    roots = {
        "BUILT": dataset.built,
        "FIRST_PUBLISHED": min(r.published for r in dataset.records),
        "LAST_PUBLISHED": last,
        "EPISODES": found,
        "PRACTICE": {family: in_practice(found, family, last, dataset.built) for family in FAMILY_OF_RULE_SET.values()},
        "NAMES": names,  # each compared form of a name, each code: the history's names for it; each one's URN
        "CODES": codes,
        "URNS": urns,
    }
    doc = (
        "The inspection history as of its last publication, worked out from ``inspections.csv`` when it\n"
        "was built, and the index authority names are matched in, from ``authorities.csv``: written by\n"
        "scripts/build_history.py (--figures-only), do not edit. A test checks that it equals what the\n"
        "package works out from the two files."
    )
    return module_source(doc, roots)


def records_source(csv_text: str) -> str:
    """``as_built_records.py`` for the data file's text: every record as the package reads it."""
    _package()
    from ofsted_timeline.history.records import parse

    dataset = parse(csv_text)
    doc = (
        "Every inspection in ``inspections.csv``, as ``records.parse`` reads it: written by\n"
        "scripts/build_history.py (--figures-only) so that a run neither imports a CSV reader nor parses\n"
        "the file; do not edit. A test checks that it equals what the package reads from the CSV."
    )
    inspections = [
        "    " + " ".join(f"{literal(record, _in_place, SCALARS)}," for record in group)
        for _, group in itertools.groupby(dataset.records, key=lambda record: record.authority)
    ]
    header, built = literal(dataset.header, _in_place, SCALARS), literal(dataset.built, _in_place, SCALARS)
    lines = [f'"""{doc}"""', "", "# ruff: noqa: E501", "# fmt: off", "from datetime import date", ""]
    lines += ["from .model import Inspection", "", f"HEADER = {header}", f"BUILT = {built}", ""]
    lines += ["# One line an authority, its inspections in order.", "RECORDS = (", *inspections, ")", ""]
    return "\n".join(lines)


SCALARS = (str, int, float, bool)


def _in_place(item: object) -> str | None:
    """A record written where it stands (each is met once): ``Inspection(...)``, every field given."""
    if not is_named_tuple(item):
        return None
    return f"{type(item).__name__}({', '.join(literal(part, _in_place, SCALARS) for part in item)})"


def write_built(output: pathlib.Path, csv_text: str) -> None:
    """The modules built beside the data file ``output`` from its text."""
    authorities = output.with_name(AUTHORITIES.name).read_text(encoding="utf-8")
    for path, source in (
        (output.with_name(FIGURES.name), figures_source(csv_text, authorities)),
        (output.with_name(RECORDS.name), records_source(csv_text)),
    ):
        path.write_text(source, encoding="utf-8")
        print(f"{path} written from {output}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=pathlib.Path, default=DEFAULT_FOLDER)
    parser.add_argument("--output", type=pathlib.Path, default=TARGET)
    parser.add_argument("--built", type=dt.date.fromisoformat, default=dt.date.today(), help="default: today")
    parser.add_argument(
        "--figures-only", action="store_true", help=f"only rewrite {FIGURES.name} and {RECORDS.name} from the CSV"
    )
    args = parser.parse_args(argv)
    if args.figures_only:
        write_built(args.output, args.output.read_text(encoding="utf-8"))
        return 0
    text, outcome, rows = build(args.folder, args.built)
    for heading, lines in (
        ("Reports that cannot be read", outcome.unreadable),
        ("Reports that are not SIF or ILACS inspections (left out)", outcome.skipped),
        ("Values not found (left empty)", outcome.missing),
        ("Text and CSV disagree (the text is kept)", outcome.disagreements),
    ):
        print(f"{heading}: {len(lines)}")
        for line in lines:
            print(f"  {line}")
    args.output.write_text(text, encoding="utf-8")
    write_built(args.output, text)
    frameworks: dict[str, int] = {}
    for row in rows:
        frameworks[row["framework"]] = frameworks.get(row["framework"], 0) + 1
    print(
        f"{len(rows)} inspections written to {args.output} ({', '.join(f'{k} {v}' for k, v in sorted(frameworks.items()))}); "  # noqa: E501
        f"{len(outcome.reports)} reports read, {len(outcome.unreadable)} unreadable, {len(outcome.skipped)} left out, "
        f"{len(outcome.missing)} values not found, {len(outcome.disagreements)} disagreements"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

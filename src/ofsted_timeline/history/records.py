"""Ofsted's inspections of children's services as typed records, read from the bundled data.

The data file, ``inspections.csv`` beside this module, is written by
``scripts/build_history.py`` from the report texts: one row per inspection, its ``#`` header
saying when and from what it was built. It is a CSV rather than JSON so that a new report is
a one-line diff and the file opens in a spreadsheet.

>>> from ofsted_timeline.history import load
>>> barnet = [r for r in load().records if r.authority == "Barnet"][0]
>>> barnet.published, barnet.overall, barnet.framework
(datetime.date(2017, 7, 7), 'inadequate', 'sif')
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import re
from pathlib import Path

__all__ = [
    "FAMILIES",
    "FRAMEWORKS",
    "GRADES",
    "ILACS_2018",
    "ILACS_2026",
    "INADEQUATE",
    "KEY_JUDGEMENTS",
    "SIF",
    "Dataset",
    "Inspection",
    "family",
    "load",
    "parse",
]

# Frameworks as the data file names them. "ilacs" is ILACS whose type neither the report
# nor the CSV states (two reports whose fieldwork ran in two parts).
FRAMEWORKS = ("sif", "sif-reinspection", "ilacs-standard", "ilacs-short", "ilacs", "ilacs-2026")
# Families: the rule sets practice is compared with. SIF (2013-2018, re-inspections included);
# ILACS from January 2018; ILACS from April 2026, which gives no overall grade.
SIF, ILACS_2018, ILACS_2026 = "sif", "ilacs-2018", "ilacs-2026"
FAMILIES = (SIF, ILACS_2018, ILACS_2026)
_FAMILY = {
    "sif": SIF,
    "sif-reinspection": SIF,
    "ilacs-standard": ILACS_2018,
    "ilacs-short": ILACS_2018,
    "ilacs": ILACS_2018,
    "ilacs-2026": ILACS_2026,
}
GRADES = ("outstanding", "good", "requires improvement", "inadequate")
INADEQUATE = "inadequate"
# leaders: impact of leaders (SIF: leadership, management and governance); in_care: children
# looked after / in care (ILACS before 2023: one judgement with care leavers); care_leavers:
# judged apart (SIF 2.2; ILACS from January 2023); adoption: SIF 2.1 only.
KEY_JUDGEMENTS = ("leaders", "help_and_protection", "in_care", "care_leavers", "adoption")
_TEXT_FIELDS = (
    "authority",
    "urn",
    "la_code",
    "framework",
    "overall",
    *KEY_JUDGEMENTS,
    "source",
    "link",
    "citation",
    "note",
)
DATA_FILE = Path(__file__).with_name("inspections.csv")  # beside this module, as the rule sets are
_BUILT = re.compile(r"^# Built (\d{4}-\d{2}-\d{2})\b", re.MULTILINE)


def family(framework: str) -> str:
    """The family of a framework, or of a family name itself.

    >>> family("sif-reinspection"), family("ilacs-short"), family("ilacs-2018")
    ('sif', 'ilacs-2018', 'ilacs-2018')
    """
    if framework in FAMILIES:
        return framework
    try:
        return _FAMILY[framework]
    except KeyError:
        raise ValueError(f"unknown framework {framework!r}: one of {', '.join(FRAMEWORKS + FAMILIES)}") from None


@dataclasses.dataclass(frozen=True, slots=True)
class Inspection:
    """One inspection: what its report says, and where that came from. "" where not stated."""

    authority: str
    urn: str
    la_code: str
    framework: str
    fieldwork_start: dt.date | None
    fieldwork_end: dt.date | None
    published: dt.date
    overall: str
    leaders: str = ""
    help_and_protection: str = ""
    in_care: str = ""
    care_leavers: str = ""
    adoption: str = ""
    source: str = ""
    link: str = ""
    citation: str = ""
    note: str = ""

    @property
    def family(self) -> str:
        return family(self.framework)

    @property
    def key_judgements(self) -> dict[str, str]:
        """The key judgements the report gives, by column name."""
        return {name: grade for name in KEY_JUDGEMENTS if (grade := getattr(self, name))}

    @property
    def inadequate(self) -> bool:
        """Judged inadequate overall; under ILACS 2026, which has no overall grade, any
        inadequate key judgement (the trigger FRAMEWORKS.md expects, not yet confirmed)."""
        if self.framework == "ilacs-2026" and not self.overall:
            return INADEQUATE in self.key_judgements.values()
        return self.overall == INADEQUATE


@dataclasses.dataclass(frozen=True, slots=True)
class Dataset:
    """The records, oldest first within each authority, and the data file's own header."""

    records: tuple[Inspection, ...]
    header: str
    built: dt.date | None

    @property
    def years(self) -> tuple[int, int]:
        """First and last publication year."""
        days = [r.published for r in self.records]
        return min(days).year, max(days).year

    @property
    def last_published(self) -> dt.date:
        """The latest publication the data knows: an episode open on that day may have been
        closed since, so lengths counted to a later as-of day are at most that long."""
        return max(r.published for r in self.records)


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def parse(text: str) -> Dataset:
    """Records from the data file's text (pure; ``load`` reads the bundled file)."""
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    body = io.StringIO("".join(line for line in text.splitlines(keepends=True) if not line.startswith("#")))
    records = []
    for row in csv.DictReader(body):
        published = _date(row["published"])
        if published is None:
            raise ValueError(f"inspection without a publication day: {row}")
        text_fields = {name: row.get(name, "") for name in _TEXT_FIELDS}
        records.append(
            Inspection(
                published=published,
                fieldwork_start=_date(row["fieldwork_start"]),
                fieldwork_end=_date(row["fieldwork_end"]),
                **text_fields,
            )
        )
    built = _BUILT.search(header)
    return Dataset(
        records=tuple(sorted(records, key=lambda r: (r.authority, r.published))),
        header=header,
        built=dt.date.fromisoformat(built[1]) if built else None,
    )


@functools.cache
def load() -> Dataset:
    """The bundled inspection history (read once)."""
    return parse(DATA_FILE.read_text(encoding="utf-8"))

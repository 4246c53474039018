"""Ofsted's inspections of children's services as typed records, read from the bundled data.

The data file, ``inspections.csv`` beside this module, is written by
``scripts/build_history.py`` from the report texts: one row per inspection, its ``#`` header
saying when and from what it was built. It is a CSV rather than JSON so that a new report is
a one-line diff and the file opens in a spreadsheet. The records' type (``Inspection``) and the
frameworks are in ``model``, which a timeline imports without this reader.

>>> from ofsted_timeline.history import load
>>> barnet = [r for r in load().records if r.authority == "Barnet"][0]
>>> barnet.published, barnet.overall, barnet.framework
(datetime.date(2017, 7, 7), 'inadequate', 'sif')
"""

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from .model import (
    FAMILIES,
    FRAMEWORKS,
    GRADES,
    ILACS_2018,
    ILACS_2026,
    INADEQUATE,
    KEY_JUDGEMENTS,
    SIF,
    Inspection,
    family,
)

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
_BUILT = r"^# Built (\d{4}-\d{2}-\d{2})\b"  # the header's line saying when the file was built


class Dataset(NamedTuple):
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
    """Records from the data file's text (pure; ``load`` gives the bundled file's)."""
    import csv
    import io
    import re

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
    built = re.search(_BUILT, header, re.MULTILINE)
    return Dataset(
        records=tuple(sorted(records, key=lambda r: (r.authority, r.published))),
        header=header,
        built=dt.date.fromisoformat(built[1]) if built else None,
    )


def load() -> Dataset:
    """The bundled inspection history: the data file as ``parse`` reads it, read when the data
    was built (``as_built_records``, no CSV read on a run)."""
    from . import as_built_records as built

    return Dataset(built.RECORDS, built.HEADER, built.BUILT)

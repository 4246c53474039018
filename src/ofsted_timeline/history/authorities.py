"""The English local authorities with children's services, as data: each one's official name,
ONS (GSS) code, Ofsted URN, DfE LA code and the names in common use.

The data file, ``authorities.csv`` beside this module, is kept by hand; its ``#`` header
gives its sources, and tests check it against the inspection history (every authority the
history names is one row, with the same URN and LA code).

>>> hull = next(a for a in load_authorities() if a.gss == "E06000010")
>>> hull.name, hull.official, hull.urn, "Hull" in hull.also
('Kingston upon Hull', 'Hull City Council', '80477', True)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import NamedTuple

__all__ = ["AUTHORITIES_FILE", "Authority", "load_authorities", "parse_authorities"]

AUTHORITIES_FILE = Path(__file__).with_name("authorities.csv")
LIST_SEPARATOR = ";"


class Authority(NamedTuple):
    """One authority: ``name`` is the inspection history's name for it."""

    name: str
    official: str
    gss: str
    urn: str
    la_code: str
    also: tuple[str, ...] = ()
    former_gss: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it goes by: the history's, the official one, those in common use."""
        return (self.name, self.official, *self.also)

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code it is known by: GSS (now and before), Ofsted URN, DfE LA code."""
        return (self.gss, *self.former_gss, self.urn, self.la_code)


def _items(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip())


def parse_authorities(text: str) -> tuple[Authority, ...]:
    """The rows of the data file's text (pure; ``load_authorities`` reads the bundled file)."""
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
    return tuple(
        Authority(
            name=row["name"],
            official=row["official"],
            gss=row["gss"],
            urn=row["urn"],
            la_code=row["la_code"],
            also=_items(row["also"]),
            former_gss=_items(row["former_gss"]),
        )
        for row in csv.DictReader(io.StringIO(body))
    )


def load_authorities() -> tuple[Authority, ...]:
    """The bundled list (read each time it is asked: the caller keeps what it needs)."""
    return parse_authorities(AUTHORITIES_FILE.read_text(encoding="utf-8"))

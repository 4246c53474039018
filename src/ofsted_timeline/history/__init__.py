"""Ofsted's inspection record as data, and the practice figures drawn from it.

Pure: the only I/O is ``load()``, which reads the bundled ``inspections.csv`` (built by
``scripts/build_history.py`` from the published reports) through ``importlib.resources``.
"""

from .records import (
    FAMILIES,
    FRAMEWORKS,
    GRADES,
    ILACS_2018,
    ILACS_2026,
    INADEQUATE,
    KEY_JUDGEMENTS,
    SIF,
    Dataset,
    Inspection,
    family,
    load,
    parse,
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

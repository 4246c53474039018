"""Values written as Python source, for the modules the build scripts generate
(``rules/as_built.py``, ``history/as_built.py``, ``history/as_built_records.py``).

Dates, tuples, dicts and scalars are written here, the one way; each script says how its named
tuples (and enum members) are written, through ``special``, since one writes them in place and
the other once each, shared by name.
"""

import datetime as dt
from collections.abc import Callable


def literal(item: object, special: Callable[[object], str | None], scalars: tuple[type, ...]) -> str:
    """``item`` as Python source: ``special(item)`` when it says, else a date, tuple or dict
    (their parts written the same way), else a value of one of the ``scalars`` types or None."""
    made = special(item)
    if made is not None:
        return made
    if isinstance(item, dt.date):
        return f"date({item.year}, {item.month}, {item.day})"
    if isinstance(item, tuple):
        parts = [literal(part, special, scalars) for part in item]
        return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
    if isinstance(item, dict):
        pairs = (f"{literal(key, special, scalars)}: {literal(part, special, scalars)}" for key, part in item.items())
        return "{" + ", ".join(pairs) + "}"
    assert item is None or type(item) in scalars, item
    return repr(item)


def is_named_tuple(item: object) -> bool:
    """Whether ``item`` is a named tuple, which each script writes its own way (``special``)."""
    return isinstance(item, tuple) and hasattr(type(item), "_fields")

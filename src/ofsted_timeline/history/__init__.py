"""Ofsted's inspection record as data, and the practice figures drawn from it.

Pure: the only I/O is ``load()``, which reads the bundled ``inspections.csv`` beside these
modules (built by ``scripts/build_history.py`` from the published reports).

>>> import datetime as dt
>>> from ofsted_timeline.history import episodes, load, practice
>>> found = episodes(load().records, as_of=dt.date(2026, 11, 26))
>>> sif = practice(found, "sif")
>>> sif.n > 0 and sif.months is not None and sif.months.minimum <= sif.months.median
True
"""

from typing import TYPE_CHECKING, Any

from .model import *  # noqa: F403 (the history's values, as model.__all__ lists them: every timeline needs them)
from .model import __all__ as MODEL_NAMES

if TYPE_CHECKING:
    from .context import FAMILY_OF_RULE_SET, from_history
    from .episode import (
        DAYS_PER_MONTH,
        REORGANISATIONS,
        SAME_JUDGEMENT_DAYS,
        earlier_inadequate,
        episodes,
        find_episode,
        received_judgement,
    )
    from .figures import practice, two_years_after
    from .forecast import as_known_on, backtest, practice_window
    from .names import AuthorityMatch, match_authority, normalise_name
    from .records import Dataset, load, parse
    from .report import AuthorityView, DataFacts, National, authority_view, national, persistent_runs

__all__ = [
    *MODEL_NAMES,
    "DAYS_PER_MONTH",
    "FAMILY_OF_RULE_SET",
    "REORGANISATIONS",
    "SAME_JUDGEMENT_DAYS",
    "AuthorityMatch",
    "AuthorityView",
    "DataFacts",
    "Dataset",
    "National",
    "as_known_on",
    "authority_view",
    "backtest",
    "earlier_inadequate",
    "episodes",
    "find_episode",
    "from_history",
    "load",
    "match_authority",
    "national",
    "normalise_name",
    "parse",
    "persistent_runs",
    "practice",
    "practice_window",
    "received_judgement",
    "two_years_after",
]

_MODULE_OF = {
    "FAMILY_OF_RULE_SET": "context",
    "from_history": "context",
    "DAYS_PER_MONTH": "episode",
    "REORGANISATIONS": "episode",
    "SAME_JUDGEMENT_DAYS": "episode",
    "earlier_inadequate": "episode",
    "episodes": "episode",
    "find_episode": "episode",
    "received_judgement": "episode",
    "practice": "figures",
    "two_years_after": "figures",
    "as_known_on": "forecast",
    "backtest": "forecast",
    "practice_window": "forecast",
    "AuthorityMatch": "names",
    "match_authority": "names",
    "normalise_name": "names",
    "Dataset": "records",
    "load": "records",
    "parse": "records",
    "AuthorityView": "report",
    "DataFacts": "report",
    "National": "report",
    "authority_view": "report",
    "national": "report",
    "persistent_runs": "report",
}


def __getattr__(name: str) -> Any:
    """Import a name's module on first use: a timeline needs the history's values (``model``,
    imported above), not the modules that work them out or the national report, and ``oftl`` pays for what it
    imports."""
    if name in _MODULE_OF:
        from importlib import import_module

        return getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

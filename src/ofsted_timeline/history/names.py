"""Authority names as users type them, matched to the names the inspection history uses.

>>> from ofsted_timeline.history import load, match_authority
>>> match_authority("City of Bradford Metropolitan District Council", load().records).authority
'Bradford'
>>> match_authority("Bradfrod", load().records).suggestions
('Bradford',)
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable

from .episode import REORGANISATIONS
from .records import Inspection

__all__ = ["AuthorityMatch", "match_authority", "normalise_name"]

# Words that say what kind of council it is, not which: dropped before comparing.
_KIND_WORDS = re.compile(
    r"\b(?:london borough of|royal borough of|city of|metropolitan borough(?: council)?|metropolitan district"
    r"|county council|borough council|city council|district council|council|corporation|the)\b"
)


@functools.lru_cache(maxsize=1024)
def normalise_name(name: str) -> str:
    """Lower case, '&' as 'and', no punctuation, no words that only say what kind of council.

    >>> normalise_name("London Borough of Barking & Dagenham")
    'barking and dagenham'
    >>> normalise_name("St. Helens Council"), normalise_name("Stoke-on-Trent City Council")
    ('st helens', 'stoke on trent')
    """
    said = name.lower().replace("&", " and ")
    said = re.sub(r"[^\w\s]", " ", said.replace("\u2019", "").replace("'", ""))
    said = _KIND_WORDS.sub(" ", " ".join(said.split()))
    return " ".join(said.split())


@dataclasses.dataclass(frozen=True, slots=True)
class AuthorityMatch:
    """What a typed authority name matched: the history's name and URN, or near misses."""

    query: str
    authority: str | None
    urn: str | None
    suggestions: tuple[str, ...] = ()
    note: str = ""

    @property
    def matched(self) -> bool:
        return self.authority is not None


def _reorganised(key: str) -> str:
    """Where the name is an authority abolished by reorganisation, which ones replaced it."""
    for change in REORGANISATIONS:
        successors = {normalise_name(s) for s in change.successors}
        for predecessor in change.predecessors:
            if normalise_name(predecessor) == key and key not in successors:
                return f"{predecessor} was replaced by {' and '.join(change.successors)} on {change.on:%-d %B %Y}"
    return ""


def match_authority(name: str, records: Iterable[Inspection]) -> AuthorityMatch:
    """Match ``name`` to an authority in the history, ignoring case, punctuation and words
    like "Council", "City of", "London Borough of", "Metropolitan Borough". A near miss gets
    suggestions (difflib, and names holding every word typed), never a match.

    >>> from ofsted_timeline.history import load
    >>> match_authority("northamptonshire", load().records).note
    'Northamptonshire was replaced by North Northamptonshire and West Northamptonshire on 1 April 2021'
    """
    latest: dict[str, Inspection] = {}
    for record in records:
        key = normalise_name(record.authority)
        if key not in latest or record.published > latest[key].published:
            latest[key] = record
    key = normalise_name(name)
    if key in latest:
        found = latest[key]
        return AuthorityMatch(query=name, authority=found.authority, urn=found.urn)
    import difflib  # only for a name not found

    close = difflib.get_close_matches(key, latest, n=3, cutoff=0.75)
    typed = set(key.split())
    holding = [k for k in sorted(latest) if typed and typed <= set(k.split()) and k not in close]
    suggestions = tuple(latest[k].authority for k in [*close, *holding][:5])
    note = _reorganised(key) or "not in the inspection history"
    return AuthorityMatch(query=name, authority=None, urn=None, suggestions=suggestions, note=note)

"""Authority names as users type them, matched to the authorities the inspection history knows.

Every name an authority goes by counts (the history's, its official name, those in common
use: "Hull", "BCP", "County Durham", "NE Lincs"), and so does a code (GSS, Ofsted URN, DfE
LA code), all from ``authorities.csv``. A name that fits more than one authority
("Kingston") is refused with the candidates; a name not found gets the nearest names and
never a guess.

>>> index = AuthorityIndex.bundled()
>>> index.match("City of Bradford Metropolitan District Council").authority
'Bradford'
>>> index.match("Bradfrod").suggestions
('Bradford',)
>>> index.match("Kingston").suggestions
('Kingston upon Hull', 'Kingston upon Thames')
"""

import functools
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from .episode import REORGANISATIONS

if TYPE_CHECKING:
    from .authorities import Authority

__all__ = [
    "AMBIGUOUS",
    "AMBIGUOUS_MANY",
    "NOT_FOUND",
    "AuthorityIndex",
    "AuthorityMatch",
    "match_authority",
    "name_index",
    "normalise_name",
]

SUGGESTIONS = 5  # at most, nearest first
NOT_FOUND = "not in the inspection history"
AMBIGUOUS = "the name fits more than one authority"
AMBIGUOUS_MANY = f"the name fits more than {SUGGESTIONS} authorities"  # the suggestions are some of them
# Words that say what kind of council it is, not which: dropped before comparing, at each word
# the first of these that the words from there begin with (looked up by first word: no regex
# for every run to compile).
_KIND_PHRASES = tuple(
    phrase.split()
    for phrase in (
        "london borough of", "royal borough of", "metropolitan borough of", "borough of", "city of", "county of",
        "metropolitan borough council", "metropolitan borough", "metropolitan district", "county council",
        "borough council", "city council", "district council", "council", "corporation", "the",
    )
)  # fmt: skip
_KIND_WORDS = {
    first: tuple(k for k in _KIND_PHRASES if k[0] == first) for first in dict.fromkeys(k[0] for k in _KIND_PHRASES)
}
# Names that, once the kind words are dropped, would name a place and not the council:
# "London" is not the City of London. Such names are compared whole.
_NOT_ALONE = frozenset({"london"})
# A GSS code, an Ofsted URN or a DfE LA code: compiled (and kept) by ``re`` when a name has a digit.
_CODE = r"[A-Z]\d{8}|\d{3,7}"


def _plain(name: str) -> str:
    """Lower case, '&' as 'and', no punctuation, no 'the'."""
    said = name.lower().replace("&", " and ").replace("\u2019", "").replace("'", "")
    return " ".join(word for word in re.sub(r"[^\w\s]", " ", said).split() if word != "the")


@functools.lru_cache(maxsize=1024)
def normalise_name(name: str) -> str:
    """Lower case, '&' as 'and', no punctuation, no words that only say what kind of council.

    >>> normalise_name("London Borough of Barking & Dagenham")
    'barking and dagenham'
    >>> normalise_name("St. Helens Council"), normalise_name("Stoke-on-Trent City Council")
    ('st helens', 'stoke on trent')
    """
    words = _plain(name).split()
    kept: list[str] = []
    at = 0
    while at < len(words):
        for kind in _KIND_WORDS.get(words[at], ()):
            if words[at : at + len(kind)] == kind:
                at += len(kind)
                break
        else:
            kept.append(words[at])
            at += 1
    return " ".join(kept)


def _key(name: str) -> str:
    """The form names are compared in: without kind words, unless that leaves only a place."""
    loose = normalise_name(name)
    return _plain(name) if loose in _NOT_ALONE else loose


class AuthorityMatch(NamedTuple):
    """What a typed authority name matched: the history's name and URN, or near misses, with a
    ``note`` saying why not (not found, a name of several, or replaced by reorganisation)."""

    query: str
    authority: str | None
    urn: str | None
    suggestions: tuple[str, ...] = ()
    note: str = ""

    @property
    def matched(self) -> bool:
        return self.authority is not None

    @property
    def ambiguous(self) -> bool:
        return self.note in (AMBIGUOUS, AMBIGUOUS_MANY)

    @property
    def why(self) -> str:
        """The note, unless it only says that the name is not in the history (a reorganisation,
        an ambiguous name, a code says more)."""
        return "" if self.note == NOT_FOUND else self.note

    def problem(self) -> str:
        """Why the name matched nothing, in one sentence (without a full stop)."""
        return describe(self.query, self.note, self.suggestions)


def describe(query: str, note: str, suggestions: tuple[str, ...]) -> str:
    """``no authority 'Bradfrod' in the inspection history: did you mean Bradford?``, or the
    candidates of an ambiguous name."""
    said = repr(query.strip())
    if note in (AMBIGUOUS, AMBIGUOUS_MANY):
        some = "many authorities, such as" if note == AMBIGUOUS_MANY else "more than one authority:"
        return f"{said} fits {some} {' or '.join(suggestions)}; give the full name or a code"
    why = "" if note in ("", NOT_FOUND) else f" ({note})"
    maybe = f": did you mean {' or '.join(suggestions)}?" if suggestions else ""
    return f"no authority {said} in the inspection history{why}{maybe}"


@functools.cache
def _replaced() -> dict[str, str]:
    """Each authority abolished by reorganisation, by its compared name -> which ones replaced
    it, worded once (a batch of names not found asks for each)."""
    said: dict[str, str] = {}
    for change in REORGANISATIONS:
        successors = {normalise_name(s) for s in change.successors}
        for predecessor in change.predecessors:
            key = normalise_name(predecessor)
            if key not in successors:
                replaced = f"{predecessor} was replaced by {' and '.join(change.successors)} on {change.on:%-d %B %Y}"
                said.setdefault(key, replaced)
    return said


def name_index(
    authorities: Iterable["Authority"],
) -> tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, str]]:
    """What matching takes from the authorities: the history's names for each compared form of a
    name, the history's name for each code, and each one's URN (worked out when the data is built,
    ``as_built``, so that a lookup reads no file)."""
    by_name = {authority.name: authority for authority in authorities}
    names: dict[str, set[str]] = {}
    codes: dict[str, str] = {}
    for authority in by_name.values():
        for code in authority.codes:
            codes[code.upper()] = authority.name
        for name in authority.names:
            names.setdefault(_key(name), set()).add(authority.name)
    urns = {name: authority.urn for name, authority in by_name.items()}
    return {key: tuple(sorted(found)) for key, found in names.items()}, codes, urns


class AuthorityIndex:
    """Every name and code of the authorities, indexed once and asked many times (a batch): a
    name or code that is one authority's needs only the index (``name_index``); a near miss also
    the words of the names, worked out the first time one is asked."""

    def __init__(self, names: Mapping[str, tuple[str, ...]], codes: Mapping[str, str], urns: Mapping[str, str]) -> None:
        self._names, self._codes, self._urns = names, codes, urns  # see name_index
        self._words: dict[str, set[str]] = {}  # a word of a compared form -> the history's names
        self._starts: dict[str, set[str]] = {}  # first two letters of a word -> compared forms

    @classmethod
    def of(cls, authorities: Iterable["Authority"]) -> "AuthorityIndex":
        """The index of a list of authorities."""
        return cls(*name_index(authorities))

    @classmethod
    def bundled(cls) -> "AuthorityIndex":
        """The index of the bundled list of authorities, as built with the data."""
        from . import as_built

        return cls(as_built.NAMES, as_built.CODES, as_built.URNS)

    def _near(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """The names holding each word, and the compared forms by a word's first two letters."""
        if not self._words:
            for key, found in self._names.items():
                for word in key.split():
                    self._words.setdefault(word, set()).update(found)
                    self._starts.setdefault(word[:2], set()).add(key)
        return self._words, self._starts

    def match(self, name: str) -> AuthorityMatch:
        """Match ``name`` ignoring case, punctuation and words like "Council", "City of",
        "London Borough of"; or a code. A near miss gets suggestions (difflib among the names
        sharing a word's first two letters, and names holding every word typed), never a match."""
        code = name.strip().upper()
        if any(map(str.isdecimal, code)) and re.fullmatch(_CODE, code):  # \d: any decimal digit, as isdecimal
            found = self._codes.get(code)
            if found is None:
                return AuthorityMatch(name, None, None, note=f"no authority has the code {code}")
            return AuthorityMatch(name, found, self._urns[found])
        key = _key(name)
        named = self._names.get(key, ())
        if len(named) == 1:
            (found,) = named
            return AuthorityMatch(name, found, self._urns[found])
        typed = key.split()
        words, starts = self._near()
        holding = set.intersection(*(words.get(word, set()) for word in typed)) if typed else set()
        holding |= set(named)
        reorganised = _replaced().get(key, "")
        if len(holding) > 1 and not reorganised:
            note = AMBIGUOUS if len(holding) <= SUGGESTIONS else AMBIGUOUS_MANY
            return AuthorityMatch(name, None, None, tuple(sorted(holding))[:SUGGESTIONS], note)
        near = set().union(*(starts.get(word[:2], set()) for word in typed)) if typed else set()
        close: list[str] = []
        if near:  # none in a batch of made-up names: difflib would compare against nothing, 10,000 times
            import difflib  # only for a name not found

            close = difflib.get_close_matches(key, sorted(near), n=3, cutoff=0.75)
        suggestions = dict.fromkeys([*(min(self._names[k]) for k in close), *sorted(holding)])
        return AuthorityMatch(name, None, None, tuple(suggestions)[:SUGGESTIONS], reorganised or NOT_FOUND)


def match_authority(name: str, index: AuthorityIndex | None = None) -> AuthorityMatch:
    """``name`` matched in ``index`` (the bundled list when none is given).

    >>> match_authority("northamptonshire").note
    'Northamptonshire was replaced by North Northamptonshire and West Northamptonshire on 1 April 2021'
    >>> match_authority("London").matched, match_authority("City of London").authority
    (False, 'London Corporation')
    """
    return (index or AuthorityIndex.bundled()).match(name)

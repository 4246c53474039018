"""What ``oftl history`` shows, as values (pure): the national picture per framework family,
or one authority's inspections, episodes and persistent failure.

>>> import datetime as dt
>>> from ofsted_timeline.history import load
>>> from ofsted_timeline.rules import PersistentFailure
>>> view = authority_view(load(), "Bradford", dt.date(2026, 11, 26), PersistentFailure(2, 5, "PCF 121, key"))
>>> [day.isoformat() for day in view.persistent_failure[0]]
['2018-10-29', '2023-01-31']
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from ..dates import add_months, format_day
from ..errors import InputError
from .context import InPractice, in_practice
from .episode import Episode, earlier_inadequate, episodes
from .names import AuthorityMatch, match_authority
from .records import FAMILIES, Dataset, Inspection

if TYPE_CHECKING:
    from ..rules import PersistentFailure

__all__ = ["AuthorityView", "DataFacts", "National", "authority_view", "national", "persistent_runs"]


class DataFacts(NamedTuple):
    """The data file behind a view: when it was built, what it holds, where it stops."""

    built: dt.date | None
    inspections: int
    years: tuple[int, int]
    last_published: dt.date
    as_of: dt.date
    first_published: dt.date

    @classmethod
    def of(cls, dataset: Dataset, as_of: dt.date) -> DataFacts:
        first = min(r.published for r in dataset.records)
        return cls(dataset.built, len(dataset.records), dataset.years, dataset.last_published, as_of, first)

    @property
    def beyond_data(self) -> bool:
        """The as-of day is after the last publication: open episodes are counted to that
        publication, not to the as-of day, and may have closed since."""
        return self.as_of > self.last_published


class National(NamedTuple):
    """Every framework family's practice on ``data.as_of``, and every episode behind it;
    ``persistent``: the episodes whose inadequate judgement meets the persistent-failure
    ``definition`` with the authority's earlier ones (empty without a definition)."""

    data: DataFacts
    families: tuple[InPractice, ...]
    episodes: tuple[Episode, ...]
    persistent: frozenset[Episode] = frozenset()
    definition: PersistentFailure | None = None


class AuthorityView(NamedTuple):
    """One authority: its inspections and episodes as known on ``data.as_of``, and each run of
    inadequate judgements that meets the persistent-failure ``definition``."""

    data: DataFacts
    match: AuthorityMatch
    inspections: tuple[Inspection, ...]
    episodes: tuple[Episode, ...]
    definition: PersistentFailure
    persistent_failure: tuple[tuple[dt.date, ...], ...]

    @property
    def name(self) -> str:
        assert self.match.authority is not None
        return self.match.authority

    @property
    def unseen(self) -> tuple[dt.date, ...]:
        """Inadequate judgements whose definition years reach back before the history starts:
        an earlier judgement that would make a run could be missing from the data."""
        years = self.definition.years
        first = self.data.first_published
        return tuple(
            r.published for r in self.inspections if r.inadequate and add_months(r.published, -12 * years) < first
        )


def national(dataset: Dataset, as_of: dt.date, definition: PersistentFailure | None = None) -> National:
    """The national picture as the history stood on ``as_of``; with ``definition``, which
    episodes follow a judgement that makes persistent failure."""
    known_to = min(as_of, dataset.last_published)
    found = episodes(dataset.records, known_to)
    families = tuple(in_practice(found, family, known_to, dataset.built, fallback=False) for family in FAMILIES)
    persistent: set[Episode] = set()
    if definition is not None:
        known = [r for r in dataset.records if r.published <= as_of]
        by_authority: dict[str, list[Inspection]] = {}
        for record in known:
            by_authority.setdefault(record.authority, []).append(record)
        completing = {
            (name, run[-1])
            for name, records in by_authority.items()
            if any(r.inadequate for r in records)
            for run in persistent_runs(tuple(records), name, definition)
        }
        persistent = {e for e in found if (e.authority, e.judgement.published) in completing}
    return National(DataFacts.of(dataset, as_of), families, found, frozenset(persistent), definition)


def persistent_runs(
    records: tuple[Inspection, ...], authority: str, definition: PersistentFailure
) -> tuple[tuple[dt.date, ...], ...]:
    """Each inadequate judgement that, with the earlier ones within ``definition.years`` years
    (publication days; a predecessor's are not its successor's), makes ``definition.judgements``
    or more: the judgements of each such run, oldest first."""
    runs = []
    for record in records:
        if record.authority != authority or not record.inadequate:
            continue
        since = add_months(record.published, -12 * definition.years)
        earlier = [day for day in earlier_inadequate(records, authority, record.published) if day > since]
        if len(earlier) + 1 >= definition.judgements:
            runs.append((*earlier, record.published))
    return tuple(runs)


def authority_view(dataset: Dataset, authority: str, as_of: dt.date, definition: PersistentFailure) -> AuthorityView:
    """One authority's history as it stood on ``as_of``; InputError when the history does not
    know the name (with its near misses)."""
    known = tuple(r for r in dataset.records if r.published <= as_of)
    matched = match_authority(authority)
    if matched.authority is None:
        raise InputError(matched.problem())
    name = matched.authority
    mine = tuple(r for r in known if r.authority == name)
    if not mine:
        first = min(r.published for r in dataset.records if r.authority == name)
        raise InputError(f"{name} has no inspection published by {format_day(as_of)}: the first, {format_day(first)}")
    found = tuple(e for e in episodes(known, min(as_of, dataset.last_published)) if e.authority == name)
    runs = persistent_runs(known, name, definition)
    return AuthorityView(DataFacts.of(dataset, as_of), matched, mine, found, definition, runs)

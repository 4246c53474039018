"""What the inspection history says to one timeline: its framework's practice, and the
authority's own record (pure: the shell reads the data and passes it in, the core reads none).

``from_history`` gathers it the one way, as the history stood on the timeline's as-of day:
reports published later are not yet known, so a timeline as of 2019 never shows a 2022
re-inspection, and its figures do not change when the data file gains later reports.

>>> import datetime as dt
>>> from ofsted_timeline.history import load
>>> found = from_history(load(), "ilacs-2018", "Bradford", dt.date(2018, 10, 29), dt.date(2026, 11, 26))
>>> found.practice.window.low_days, found.practice.window.high_days
(1025, 1484)
>>> found.authority.following.fieldwork_start
datetime.date(2022, 11, 21)
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .episode import earlier_inadequate, episodes, find_episode, received_judgement
from .model import (
    FAMILY_TITLE,
    ILACS_2018,
    ILACS_2026,
    SIF,
    SOURCE,
    AuthorityRecord,
    Episode,
    FromHistory,
    InPractice,
    Inspection,
    Worded,
)

if TYPE_CHECKING:
    from .names import AuthorityIndex, AuthorityMatch
    from .records import Dataset

__all__ = [
    "FAMILY_OF_RULE_SET",
    "FAMILY_TITLE",
    "AuthorityRecord",
    "FromHistory",
    "HistoryAsOf",
    "InPractice",
    "from_history",
    "history_as_of",
]

# The shipped frameworks (rule-set ids) and the family of inspections whose record they meet.
FAMILY_OF_RULE_SET = {"sif-2017": SIF, "ilacs-2018": ILACS_2018, "ilacs-2026": ILACS_2026}


def in_practice(
    found: tuple[Episode, ...], family: str, known_to: dt.date, built: dt.date | None, fallback: bool = True
) -> InPractice:
    """The practice figures and window of one family from the episodes found; with
    ``fallback``, a family with no closed episode of its own quotes the figures its window
    is drawn from (ILACS from April 2026: every ILACS episode)."""
    from .figures import practice
    from .forecast import backtest, practice_window

    figures = practice(found, family)
    if fallback and family == ILACS_2026 and not figures.closed:
        figures = practice(found, ILACS_2018)
    window = practice_window(found, family, known_to, SOURCE)
    return InPractice(family, figures, window, backtest(found, family, SOURCE), known_to, built)


def from_history(
    dataset: Dataset, rule_set_id: str, authority: str | None, start: dt.date, as_of: dt.date
) -> FromHistory:
    """What the history says to a timeline of ``rule_set_id`` counted from ``start``, as of
    ``as_of``; no practice for a rule set that is not an inspection framework."""
    return HistoryAsOf(dataset, as_of)(rule_set_id, authority, start)


def history_as_of(as_of: dt.date) -> HistoryAsOf:
    """The bundled history as it stood on ``as_of``, from what was worked out when the data was
    built (``as_built``: no records read, no CSV): on or after its last publication, its episodes
    and figures; before, its episodes as known that day (``as_known_on``, the same as working
    them out from the records published by then), whose figures are worked out when asked."""
    from . import as_built

    history = HistoryAsOf.__new__(HistoryAsOf)
    if as_of < as_built.LAST_PUBLISHED:
        from .forecast import as_known_on

        found, figures = as_known_on(as_built.EPISODES, as_of), {}
    else:
        found, figures = as_built.EPISODES, as_built.PRACTICE
    history._know(as_of, min(as_of, as_built.LAST_PUBLISHED), as_built.FIRST_PUBLISHED, as_built.BUILT, found)
    history._records = {}  # every authority's inadequate judgements: all that an authority's record reads
    for episode in found:
        history._records.setdefault(episode.authority, []).append(episode.judgement)
    history._figures.update(figures)
    history._worded.update((family, Worded()) for family in figures)
    return history


class HistoryAsOf:
    """The history as it stood on one as-of day, worked out once and asked by many timelines
    (a batch): the episodes and each framework's figures once, the name index once, each
    distinct authority name matched once, each authority's record as asked."""

    def __init__(self, dataset: Dataset, as_of: dt.date, index: AuthorityIndex | None = None) -> None:
        known_to = min(as_of, dataset.last_published)
        known_from = min(r.published for r in dataset.records)
        self._know(as_of, known_to, known_from, dataset.built, episodes(dataset.records, known_to), index)
        self._records: dict[str, list[Inspection]] = {}  # by the history's name, as known on as_of
        for record in dataset.records:
            if record.published <= as_of:
                self._records.setdefault(record.authority, []).append(record)

    def _know(
        self,
        as_of: dt.date,
        known_to: dt.date,
        known_from: dt.date,
        built: dt.date | None,
        found: tuple[Episode, ...],
        index: AuthorityIndex | None = None,
    ) -> None:
        self.as_of, self.known_to, self.known_from, self.built, self.found = as_of, known_to, known_from, built, found
        self._index = index  # built when a name is first asked
        self._figures: dict[str, InPractice] = {}
        self._worded: dict[str, Worded] = {}  # what the timelines given each family's figures say of them
        self._matches: dict[str, AuthorityMatch] = {}
        self._episodes: dict[str, list[Episode]] = {}
        for episode in self.found:
            self._episodes.setdefault(episode.authority, []).append(episode)

    def __call__(self, rule_set_id: str, authority: str | None, start: dt.date) -> FromHistory:
        family = FAMILY_OF_RULE_SET.get(rule_set_id)
        record = None if authority is None else self.record(authority, start)
        if family is None:
            return FromHistory(None, record)
        if family not in self._figures:
            self._figures[family] = in_practice(self.found, family, self.known_to, self.built)
            self._worded[family] = Worded()
        return FromHistory(self._figures[family], record, self._worded[family])

    def match(self, name: str) -> AuthorityMatch:
        """``name`` matched in the index, once per distinct name."""
        if name not in self._matches:
            if self._index is None:
                from .names import AuthorityIndex  # only for a timeline that names an authority

                self._index = AuthorityIndex.bundled()
            self._matches[name] = self._index.match(name)
        return self._matches[name]

    def record(self, authority: str, start: dt.date) -> AuthorityRecord:
        """The authority's record for a timeline counted from ``start``, as known on as-of."""
        matched = self.match(authority)
        if matched.authority is None:
            return AuthorityRecord(authority, None, self.known_to, self.known_from, matched.why, matched.suggestions)
        name = matched.authority
        known = self._records.get(name, [])
        judgement = received_judgement(known, name, start)
        episode = find_episode(self._episodes.get(name, ()), name, judgement.published) if judgement else None
        return AuthorityRecord(
            query=authority,
            name=name,
            known_to=self.known_to,
            known_from=self.known_from,
            earlier_inadequate=earlier_inadequate(known, name, judgement.published if judgement else start),
            judgement=judgement,
            following=episode.following if episode else None,
        )

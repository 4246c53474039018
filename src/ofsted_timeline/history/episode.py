"""Episodes: an authority's inadequate judgement and the inspection that followed it.

An episode starts on the day the inadequate report was published and ends when the same
authority's next inspection began (its first day of fieldwork). With no next inspection yet
it is open, and its length runs to ``as_of``: the earlier of the as-of day and the data's last
publication, since the data cannot show what happened after it. An authority is its Ofsted URN; an authority
created by reorganisation never continues its predecessor's episode, even where it keeps a
predecessor's name (Dorset, 2019): the predecessor's episode ends, unresolved, on the day the
predecessor was abolished.

>>> import datetime as dt
>>> from ofsted_timeline.history import episodes, load
>>> bradford = [e for e in episodes(load().records, dt.date(2026, 11, 26)) if e.authority == "Bradford"]
>>> [(e.judgement.published.isoformat(), e.status, e.end.isoformat()) for e in bradford]
[('2018-10-29', 're-inspected', '2022-11-21'), ('2023-01-31', 're-inspected', '2026-01-12')]
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable

from ..dates import DAYS_PER_MONTH, SAME_JUDGEMENT_DAYS
from .model import OPEN, REINSPECTED, REORGANISED, Episode, Inspection, Reorganisation

__all__ = [
    "DAYS_PER_MONTH",
    "OPEN",
    "REINSPECTED",
    "REORGANISATIONS",
    "REORGANISED",
    "SAME_JUDGEMENT_DAYS",
    "Episode",
    "Reorganisation",
    "earlier_inadequate",
    "episodes",
    "find_episode",
    "received_judgement",
]

_README = "ofsted-reports README (the collection the history is built from)"
REORGANISATIONS = (
    # Bournemouth and Poole (with Christchurch) became BCP; Dorset County Council became Dorset Council.
    Reorganisation(
        dt.date(2019, 4, 1),
        ("Bournemouth", "Poole"),
        ("Bournemouth, Christchurch & Poole",),
        f"The Bournemouth, Dorset and Poole (Structural Changes) Order 2018; {_README}",
    ),
    Reorganisation(
        dt.date(2019, 4, 1),
        ("Dorset",),
        ("Dorset",),
        f"The Bournemouth, Dorset and Poole (Structural Changes) Order 2018; {_README}",
    ),
    Reorganisation(
        dt.date(2021, 4, 1),
        ("Northamptonshire",),
        ("North Northamptonshire", "West Northamptonshire"),
        f"The Northamptonshire (Structural Changes) Order 2020; {_README}",
    ),
    Reorganisation(
        dt.date(2023, 4, 1),
        ("Cumbria",),
        ("Cumberland", "Westmorland and Furness"),
        f"The Cumbria (Structural Changes) Order 2022; {_README}",
    ),
)


@functools.lru_cache(maxsize=1024)
def _key(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.lower().replace("&", " and ")).split())


def _era(authority: str, day: dt.date) -> int:
    """How many reorganisations touching this name had happened by ``day``: records of one
    URN in different eras belong to different authorities."""
    key = _key(authority)
    return sum(1 for r in REORGANISATIONS if r.on <= day and key in {_key(n) for n in r.predecessors + r.successors})


def _abolished(record: Inspection, as_of: dt.date) -> Reorganisation | None:
    """The reorganisation that abolished the record's authority after the record, by as_of."""
    key = _key(record.authority)
    for change in REORGANISATIONS:
        if record.published < change.on <= as_of and key in {_key(n) for n in change.predecessors}:
            return change
    return None


def episodes(records: Iterable[Inspection], as_of: dt.date) -> tuple[Episode, ...]:
    """Every episode in the records as they stood on ``as_of`` (reports published later are
    not yet known), oldest judgement first. Callers pass the earlier of their as-of day and the
    data's last publication: the data cannot show an episode open beyond that."""
    groups: dict[tuple[str, int], list[Inspection]] = {}
    for record in records:
        if record.published <= as_of:
            groups.setdefault((record.urn, _era(record.authority, record.published)), []).append(record)
    found = []
    for group in groups.values():
        group.sort(key=lambda r: r.published)
        for record, following in zip(group, [*group[1:], None], strict=True):
            if not record.inadequate:
                continue
            if following is not None:
                found.append(Episode(record, following, REINSPECTED, following.fieldwork_start, as_of))
            elif (change := _abolished(record, as_of)) is not None:
                found.append(Episode(record, None, REORGANISED, change.on, as_of, change))
            else:
                found.append(Episode(record, None, OPEN, as_of, as_of))
    return tuple(sorted(found, key=lambda e: (e.judgement.published, e.authority)))


def _is(record: Inspection, authority: str) -> bool:
    return authority in (record.urn, record.authority)


def earlier_inadequate(records: Iterable[Inspection], authority: str, before: dt.date) -> tuple[dt.date, ...]:
    """Publication days of the authority's inadequate judgements published before ``before``,
    oldest first: the history a persistent-failure check needs. ``authority`` is the
    history's name for it (see ``match_authority``) or its URN. A predecessor's judgements
    are not its successor's.

    >>> import datetime as dt
    >>> from ofsted_timeline.history import load
    >>> earlier_inadequate(load().records, "Bradford", dt.date(2023, 1, 31))
    (datetime.date(2018, 10, 29),)
    """
    return tuple(
        sorted(
            r.published
            for r in records
            if _is(r, authority)
            and r.inadequate
            and r.published < before
            and _era(r.authority, r.published) == _era(r.authority, before)
        )
    )


def find_episode(found: Iterable[Episode], authority: str, published: dt.date) -> Episode | None:
    """The episode of the authority (name or URN) whose inadequate report was published that
    day, if the history has one."""
    return next((e for e in found if _is(e.judgement, authority) and e.judgement.published == published), None)


def received_judgement(records: Iterable[Inspection], authority: str, received: dt.date) -> Inspection | None:
    """The authority's inadequate judgement whose report a timeline counted from ``received``
    follows: its fieldwork over by then and its publication at most ``SAME_JUDGEMENT_DAYS``
    before. The receipt precedes publication, often by weeks, so a timeline counted from the
    receipt and one counted from the publication day find the same judgement.

    >>> import datetime as dt
    >>> from ofsted_timeline.history import load
    >>> received_judgement(load().records, "Devon", dt.date(2025, 3, 10)).published
    datetime.date(2025, 5, 13)
    """
    late = dt.timedelta(days=SAME_JUDGEMENT_DAYS)
    found = [
        record
        for record in records
        if _is(record, authority)
        and record.inadequate
        and (record.fieldwork_end or record.fieldwork_start or record.published - late)
        <= received
        <= record.published + late
        and _era(record.authority, record.published) == _era(record.authority, received)
    ]
    return min(found, key=lambda r: r.published, default=None)

"""What a command or a batch row gathers, as one value the core takes whole (pure).

Every way into a timeline (the ``deadlines``, ``visit``, ``reinspection`` and ``meeting``
options, a plan file, a batch row) gives dates: the day counted from, visits, other
milestones' dates, earlier judgements. ``given_dates`` merges them the one way, refusing an
id given twice; ``Request`` carries them with the rule set and why it applies; and
``calendar_years`` says which years a calendar for them must cover.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .dates import format_day
from .errors import InputError
from .rules import RuleSet

if TYPE_CHECKING:
    from .history.context import FromHistory

YEARS_BEFORE, YEARS_AFTER = 1, 5  # a calendar reaches this far around the dates involved


class Request(NamedTuple):
    """One timeline's inputs: counted from ``start`` under ``rule_set`` (``framework_reason``
    says why that set applies), statuses as of ``as_of``. ``history`` is what Ofsted's
    inspection record says to it (practice beside the re-inspection rule; the authority's
    earlier judgements and re-inspection), gathered by the shell: the core reads no data file."""

    start: dt.date
    rule_set: RuleSet
    framework_reason: str
    as_of: dt.date
    actuals: Mapping[str, dt.date] = {}  # milestone id -> date done or set; never mutated
    authority: str | None = None
    conditions: tuple[str, ...] = ()  # such as "first-visit"
    previous_inadequate: tuple[dt.date, ...] = ()
    history: FromHistory | None = None

    def days(self) -> Iterable[dt.date]:
        """Every date the request names: a calendar must cover each."""
        yield from (self.start, self.as_of, *self.actuals.values(), *self.previous_inadequate)


def given_dates(visits: Sequence[dt.date], dates: Mapping[str, dt.date]) -> dict[str, dt.date]:
    """Visits as ``mv1``, ``mv2``, ... in date order, with the other dates given by id.

    >>> given_dates([dt.date(2018, 2, 6), dt.date(2017, 11, 14)], {"wsoa": dt.date(2017, 10, 13)})["mv1"]
    datetime.date(2017, 11, 14)
    """
    actuals = visits_as_actuals(visits)
    clash = sorted(set(actuals) & set(dates))
    if clash:
        raise InputError(f"{clash[0]} is given twice, also by visits: keep one")
    return actuals | dict(dates)


def visits_as_actuals(visits: Sequence[dt.date]) -> dict[str, dt.date]:
    """Monitoring visits, first on-site day of each, as ``mv1``, ``mv2``, ... in date order; a day
    given twice is refused (two visits do not start on one day, and it would renumber the rest)."""
    ordered = sorted(visits)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first == second:
            raise InputError(f"the monitoring visit of {format_day(first)} is given twice: keep one")
    return {f"mv{number}": day for number, day in enumerate(ordered, start=1)}


def calendar_years(days: Iterable[dt.date]) -> tuple[int, int]:
    """The first and last year a calendar for ``days`` must cover: a year before for counting
    back, five after for the milestones that follow."""
    years = [day.year for day in days]
    return min(years) - YEARS_BEFORE, max(years) + YEARS_AFTER

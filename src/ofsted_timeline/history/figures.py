"""What happened after inadequate judgements, per framework family: the record beside the rule.

Counting, once for every figure here:

- An episode's length runs from the **publication** of the inadequate report to the first day
  of fieldwork of the next inspection. The handbook counts its two years from the action
  plan, whose date is not in the data, so publication is the nearest day the reports state
  (the action plan is due 70 working days after the report is received).
- Months are days / ``DAYS_PER_MONTH`` (30.4375, 365.25 / 12).
- Quartiles are interpolated between the closed episodes' lengths (``statistics.quantiles``,
  ``method="inclusive"``, the same as a spreadsheet's QUARTILE.INC).
- Re-inspected **within two years**: the next inspection's fieldwork began on or before the
  second anniversary of publication. The share is of the episodes whose answer is known:
  re-inspected ones, plus open or reorganised ones already past two years; open episodes
  still inside two years are left out of it.
- Open episodes are counted to ``as_of`` and listed apart, never in the quartiles: they are
  unfinished, and longer on average, so the quartiles of closed episodes understate the wait.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .model import HORIZON_WORDS, HORIZON_YEARS, OPEN, REINSPECTED, REORGANISED, Episode, Practice, Spread, family

__all__ = ["HORIZON_WORDS", "HORIZON_YEARS", "Practice", "Spread", "practice", "spread", "two_years_after"]


def two_years_after(day: dt.date) -> dt.date:
    """The second anniversary (29 February -> 28 February).

    >>> two_years_after(dt.date(2018, 10, 29)), two_years_after(dt.date(2016, 2, 29))
    (datetime.date(2020, 10, 29), datetime.date(2018, 2, 28))
    """
    try:
        return day.replace(year=day.year + HORIZON_YEARS)
    except ValueError:
        return day.replace(year=day.year + HORIZON_YEARS, day=28)


def quartiles(ordered: list[float]) -> list[float]:
    """Lower quartile, median and upper quartile of two or more sorted values, interpolated as
    ``statistics.quantiles(ordered, n=4, method="inclusive")`` does (QUARTILE.INC), step for
    step, without the ``statistics`` import that every timeline would pay for.

    >>> quartiles([1.0, 2.0, 4.0, 8.0])
    [1.75, 3.0, 5.0]
    """
    last = len(ordered) - 1
    found = []
    for i in range(1, 4):
        j, delta = divmod(i * last, 4)
        found.append((ordered[j] * (4 - delta) + ordered[j + 1] * delta) / 4)
    return found


def spread(months: list[float]) -> Spread:
    """The spread of one or more lengths in months."""
    ordered = sorted(months)
    if len(ordered) == 1:
        return Spread(*ordered * 5)
    lower, median, upper = quartiles(ordered)
    return Spread(ordered[0], lower, median, upper, ordered[-1])


def practice(found: Iterable[Episode], framework: str) -> Practice:
    """Figures for the episodes of one framework or family (``sif``, ``ilacs-2018``,
    ``ilacs-2026``, or a framework such as ``ilacs-short``, counted with its family)."""
    wanted = family(framework)
    mine = [e for e in found if e.family == wanted]
    closed = tuple(e for e in mine if e.status == REINSPECTED and e.end is not None)
    still_open = tuple(e for e in mine if e.status == OPEN)
    reorganised = tuple(e for e in mine if e.status == REORGANISED)
    within = decided = 0
    for e in mine:
        horizon = two_years_after(e.judgement.published)
        if e.status == REINSPECTED and e.end is not None:
            decided += 1
            within += e.end <= horizon
        elif e.end is not None and e.end > horizon:  # open or abolished, already past two years
            decided += 1
    as_of = max((e.as_of for e in mine), default=None)
    months = spread([e.months for e in closed if e.months is not None]) if closed else None
    return Practice(wanted, as_of, closed, still_open, reorganised, months, within, decided)

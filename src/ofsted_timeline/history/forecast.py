"""Where a re-inspection may fall, drawn from all that was known on a day, and how windows
drawn that way have done (pure).

**The window.** The 10th to 90th percentiles of the time from an inadequate report's
publication to the next inspection's first day of fieldwork, estimated by Kaplan–Meier: closed
episodes are observed waits; open episodes (and those ended by reorganisation) are waits of
*at least* their length so far, censored, not left out. Leaving them out, as quartiles of
closed episodes do, keeps only the short waits of a young framework: as of 2019 every closed
ILACS-era wait was a SIF one, while the ILACS authorities still waiting were already past the
carried-over two years. Without censoring the estimate is the nearest-rank percentile of the
closed waits (the value at rank ceil(p/100 x n)), so nothing changes where nothing is open.

**The record drawn on.** A framework draws on its own episodes once it has ``OWN_EPISODES``
closed ones; before that, on its own and its predecessor's together (ILACS from 2018 on SIF,
ILACS from April 2026 on ILACS from 2018). No window from fewer than ``MIN_CLOSED`` closed
episodes in all.

**When the 90th percentile is not reached**, because too many waits are still open, the window
ends at the longest wait seen, open or closed, and says so: a longer wait is then as likely as
not, and the data cannot say how much longer.

**The back-test.** For every closed episode, the window drawn as of its inadequate report's
publication, from only what was published by then (``as_known_on``), and whether the
re-inspection began inside it: the windows' track record, without hindsight.

>>> import datetime as dt
>>> from ofsted_timeline.history import episodes, load
>>> day = dt.date(2026, 6, 18)
>>> test = backtest(episodes(load().records, day), "ilacs-2018")
>>> (test.held, test.of) == (9, 21) and test.mean_width_months <= 20
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ..dates import format_day
from .model import (
    FAMILY_TITLE,
    ILACS_2018,
    ILACS_2026,
    OPEN,
    REINSPECTED,
    SIF,
    SOURCE,
    Backtest,
    Episode,
    PracticeWindow,
    Trial,
    family,
)

__all__ = [
    "MIN_CLOSED",
    "OWN_EPISODES",
    "PREDECESSOR",
    "WINDOW_PERCENTILES",
    "Backtest",
    "PracticeWindow",
    "Trial",
    "as_known_on",
    "backtest",
    "km_percentile",
    "practice_window",
]

WINDOW_PERCENTILES = (10, 90)
# A framework's own record alone from this many closed episodes: with fewer, its 10th and 90th
# percentiles are its shortest and longest waits, and a young framework's closed waits are its
# shortest ones.
OWN_EPISODES = 10
MIN_CLOSED = 5  # no window from fewer closed episodes, own and predecessor's together
PREDECESSOR = {ILACS_2018: SIF, ILACS_2026: ILACS_2018}
_EPSILON = 1e-9  # products of (1 - d/n) are inexact: 0.9 of 10 waits must reach 0.9


def km_percentile(observations: Sequence[tuple[int, bool]], percentile: float) -> int | None:
    """The Kaplan–Meier ``percentile`` of (days, closed) observations: the first closed wait at
    which the estimated share re-inspected reaches it; None if it never does. An open wait
    equal to a closed one counts as still at risk at that day.

    >>> km_percentile([(10, True), (20, True), (30, True), (40, True)], 50)
    20
    >>> km_percentile([(10, True), (20, False), (30, True), (40, False)], 50)
    30
    >>> km_percentile([(10, True), (20, False), (30, False)], 90) is None
    True
    """
    ended: dict[int, int] = {}
    waited: dict[int, int] = {}
    for days, closed in observations:
        waited[days] = waited.get(days, 0) + 1
        if closed:
            ended[days] = ended.get(days, 0) + 1
    survival, at_risk = 1.0, len(observations)
    for day in sorted(waited):
        if day in ended:
            survival *= 1 - ended[day] / at_risk
            if 1 - survival >= percentile / 100 - _EPSILON:
                return day
        at_risk -= waited[day]
    return None


def _basis(found: Sequence[Episode], wanted: str) -> tuple[str, ...]:
    own = sum(1 for e in found if e.family == wanted and e.status == REINSPECTED and e.days is not None)
    before = PREDECESSOR.get(wanted)
    return (wanted,) if own >= OWN_EPISODES or before is None else (before, wanted)


def practice_window(
    found: Iterable[Episode], framework: str, known_to: dt.date, source: str = SOURCE
) -> PracticeWindow | None:
    """The window for re-inspection after an inadequate judgement under ``framework`` from the
    episodes ``found`` as known on ``known_to``; None with fewer than ``MIN_CLOSED`` closed."""
    wanted = family(framework)
    episodes = list(found)
    basis = _basis(episodes, wanted)
    mine = [e for e in episodes if e.family in basis and e.days is not None]
    closed = [e for e in mine if e.status == REINSPECTED]
    if len(closed) < MIN_CLOSED:
        return None
    observations = [(e.days or 0, e.status == REINSPECTED) for e in mine]
    low, high = (km_percentile(observations, p) for p in WINDOW_PERCENTILES)
    if low is None:  # a few short closed waits among many longer open ones: too little known
        return None
    reached = high is not None
    if high is None:
        high = max(days for days, _ in observations)
    still_open = [e for e in mine if e.status == OPEN]
    first = min(e.judgement.published.year for e in closed)
    last = max(e.end.year for e in closed if e.end)
    censored = len(mine) - len(closed)
    return PracticeWindow(
        family=wanted,
        basis=basis,
        low_days=low,
        high_days=high,
        percentiles=WINDOW_PERCENTILES,
        held=sum(low <= (e.days or 0) <= high for e in closed),
        n=len(closed),
        censored=censored,
        years=(first, last),
        open_beyond=sum(1 for e in still_open if (e.days or 0) > high),
        reached=reached,
        known_to=known_to,
        source=(
            f"{source} published to {format_day(known_to)}: Kaplan–Meier {WINDOW_PERCENTILES[0]}th–"
            f"{WINDOW_PERCENTILES[1]}th percentile of {len(closed)} closed and {censored} open "
            f"{' and '.join(FAMILY_TITLE[f] for f in basis)} episodes"
        ),
    )


def as_known_on(found: Iterable[Episode], day: dt.date) -> tuple[Episode, ...]:
    """The episodes as they stood on ``day``, from episodes found as of a later day: a
    re-inspection whose report was published after ``day`` was not yet known, nor a later
    reorganisation, so those episodes were open, counted to ``day``. The same as
    ``episodes(records, day)``, without grouping the records again."""
    known = []
    for e in found:
        if e.judgement.published > day:
            continue
        if (e.following is not None and e.following.published <= day) or (
            e.reorganisation is not None and e.reorganisation.on <= day
        ):
            known.append(Episode(e.judgement, e.following, e.status, e.end, day, e.reorganisation))
        else:
            known.append(Episode(e.judgement, None, OPEN, day, day))
    return tuple(known)


def backtest(found: Sequence[Episode], framework: str, source: str = SOURCE) -> Backtest:
    """The back-test of one family over the closed episodes ``found`` (as of any day)."""
    wanted = family(framework)
    drawn_on = [e for e in found if e.family in (wanted, PREDECESSOR.get(wanted))]  # all a window may use
    trials = []
    for e in drawn_on:
        if e.family == wanted and e.status == REINSPECTED and e.days is not None:
            day = e.judgement.published
            trials.append(Trial(e, practice_window(as_known_on(drawn_on, day), wanted, day, source)))
    return Backtest(wanted, tuple(trials))

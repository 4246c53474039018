"""Issue 19: the re-inspection window drawn from all that was known on a day (Kaplan–Meier,
open episodes censored, a young framework drawing on its predecessor's record), and its
back-test, recomputed here from scratch without the module under test.

Figures are those of the bundled history (last publication Thu 18 Jun 2026).
"""

import datetime as dt
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ofsted_timeline.history import (
    REINSPECTED,
    as_known_on,
    backtest,
    episodes,
    load,
    practice_window,
)
from ofsted_timeline.history.forecast import km_percentile

from .test_history import closed_after, d, rec

LAST = dt.date(2026, 6, 18)


def kaplan_meier(observations, percentile):
    """The textbook estimator in exact fractions: S(t) = prod over closed waits t_i <= t of
    (1 - d_i / n_i), n_i those still waiting just before t_i; the percentile is the first t_i
    with 1 - S(t_i) >= p. None when never reached."""
    survival = Fraction(1)
    for day in sorted({days for days, closed in observations if closed}):
        at_risk = sum(1 for days, _ in observations if days >= day)
        ended = sum(1 for days, closed in observations if closed and days == day)
        survival *= 1 - Fraction(ended, at_risk)
        if 1 - survival >= Fraction(percentile, 100):
            return day
    return None


def test_kaplan_meier_by_hand():
    """Waits 100 (closed), 200 (open), 300, 400 (closed), 500 (open): S = 4/5 after 100, x 2/3
    after 300 (three at risk) = 8/15, x 1/2 after 400 = 4/15; so 1 - S = 1/5, 7/15, 11/15."""
    observations = [(100, True), (200, False), (300, True), (400, True), (500, False)]
    assert [km_percentile(observations, p) for p in (10, 20, 21, 50, 73, 74, 90)] == [
        100, 100, 300, 400, 400, None, None,
    ]  # fmt: skip


@given(st.lists(st.tuples(st.integers(1, 2000), st.booleans()), min_size=1, max_size=60), st.integers(1, 99))
def test_kaplan_meier_is_the_textbook_estimator(observations, percentile):
    assert km_percentile(observations, percentile) == kaplan_meier(observations, percentile)


@given(st.lists(st.integers(1, 2000), min_size=1, max_size=60), st.integers(1, 99))
def test_with_nothing_open_it_is_the_nearest_rank_percentile(waits, percentile):
    ordered = sorted(waits)
    rank = math.ceil(Fraction(percentile, 100) * len(ordered))
    assert km_percentile([(w, True) for w in waits], percentile) == ordered[rank - 1]


def test_open_waits_lengthen_the_window_closed_ones_alone_would_draw():
    """Five closed waits of 400-800 days: 10th-90th percentile 400-800. Add five still open at
    900 days: the 90th percentile is not reached, so the window ends at 900 and says so."""
    day = d("2026-01-01")
    records = [r for w in (400, 500, 600, 700, 800) for r in closed_after(w, published="2019-01-01")]
    closed_only = practice_window(episodes(records, as_of=day), "sif", day)
    assert (closed_only.low_days, closed_only.high_days, closed_only.reached) == (400, 800, True)
    opened = (day - dt.timedelta(days=900)).isoformat()
    records += [rec(f"Open{i}", opened, "inadequate", framework="sif") for i in range(5)]
    window = practice_window(episodes(records, as_of=day), "sif", day)
    assert (window.low_days, window.high_days, window.reached, window.censored) == (400, 900, False, 5)


def test_a_framework_uses_its_own_record_from_ten_closed_episodes():
    """Nine closed ILACS episodes: drawn with SIF's (which are all 2000 days long). Ten: ILACS's own."""
    day = d("2030-01-01")
    sif = [r for i in range(5) for r in closed_after(2000, authority=f"S{i}", framework="sif")]
    ilacs = [r for i in range(1, 11) for r in closed_after(100 * i, published="2019-01-01", framework="ilacs-standard")]
    nine = practice_window(episodes(sif + ilacs[:18], as_of=day), "ilacs-2018", day)
    assert (nine.basis, nine.n, nine.high_days) == (("sif", "ilacs-2018"), 14, 2000)
    ten = practice_window(episodes(sif + ilacs, as_of=day), "ilacs-2018", day)
    assert (ten.basis, ten.n, ten.low_days, ten.high_days) == (("ilacs-2018",), 10, 100, 900)


@pytest.mark.parametrize("day", ["2016-03-01", "2018-10-29", "2019-04-01", "2021-04-01", "2023-04-01", "2026-06-18"])
def test_as_known_on_is_the_history_as_it_stood_that_day(day):
    data = load()
    found = episodes(data.records, LAST)
    derived = as_known_on(found, d(day))
    direct = episodes(data.records, d(day))
    key = lambda e: (e.judgement.published, e.authority)  # noqa: E731
    assert sorted((key(e), e.status, e.end) for e in derived) == sorted((key(e), e.status, e.end) for e in direct)


def recomputed(family_members, predecessor):
    """The back-test from scratch: for each closed episode, the episodes as the history stood
    on its publication day (episodes(), not as_known_on), the record drawn on, the textbook
    estimator; held when the re-inspection began inside."""
    data = load()
    closed = [e for e in episodes(data.records, LAST) if e.family == family_members and e.status == REINSPECTED]
    held = of = 0
    widths = []
    for episode in closed:
        day = episode.judgement.published
        known = [e for e in episodes(data.records, day) if e.days is not None]
        own = sum(1 for e in known if e.family == family_members and e.status == REINSPECTED)
        basis = {family_members} if own >= 10 or predecessor is None else {family_members, predecessor}
        observations = [(e.days, e.status == REINSPECTED) for e in known if e.family in basis]
        if sum(closed for _, closed in observations) < 5:
            continue
        low, high = kaplan_meier(observations, 10), kaplan_meier(observations, 90)
        high = high if high is not None else max(days for days, _ in observations)
        of += 1
        held += low <= episode.days <= high
        widths.append((high - low) / 30.4375)
    return held, of, sum(widths) / len(widths), len(closed)


@pytest.mark.parametrize(("family", "predecessor", "held", "of"), [("ilacs-2018", "sif", 9, 21), ("sif", None, 2, 7)])
def test_the_backtest_recomputed(family, predecessor, held, of):
    """ILACS: 9 of 21 held as of publication (the rule carried over from 2017 held 2), mean width
    18.1 months, at most 20. SIF: 7 episodes had a window as of their publication (the first 32
    had fewer than five closed before them), 2 held; SIF timelines keep the handbook's rule."""
    test = backtest(episodes(load().records, LAST), family)
    mine_held, mine_of, mean_width, trials = recomputed(family, predecessor)
    assert (test.held, test.of, len(test.trials)) == (mine_held, mine_of, trials) == (held, of, len(test.trials))
    assert test.mean_width_months == pytest.approx(mean_width)
    if family == "ilacs-2018":
        assert round(mean_width, 1) == 18.1 and mean_width <= 20


def test_todays_windows_hold_at_least_80_percent():
    """With what is known today the ILACS window holds 19 of 21 (90%), SIF's 33 of 39 (85%)."""
    found = episodes(load().records, LAST)
    for family, held in (("ilacs-2018", 19), ("sif", 33)):
        window = practice_window(found, family, LAST)
        closed = [e for e in found if e.family == family and e.status == REINSPECTED]
        inside = sum(window.low_days <= e.days <= window.high_days for e in closed)
        assert inside == window.held == held and inside >= 0.8 * len(closed)


def test_the_backtest_tries_episodes_the_issue_does_not_list():
    """Without hindsight on episodes the issue does not name: each ILACS trial's window uses
    only reports published by its own publication day, so the window of Devon (17 Mar 2020)
    cannot know the later re-inspections of Bradford (Nov 2022) or Blackpool (Dec 2022)."""
    test = backtest(episodes(load().records, LAST), "ilacs-2018")
    by_name = {(t.episode.authority, t.episode.judgement.published.year): t for t in test.trials}
    devon = by_name[("Devon", 2020)]
    assert devon.window is not None and devon.window.known_to == d("2020-03-17")
    assert devon.window.basis == ("sif", "ilacs-2018") and devon.held is False  # 54.5 months: far beyond
    east_riding = by_name[("East Riding of Yorkshire", 2020)]
    assert east_riding.held is True


@pytest.mark.parametrize(
    ("day", "held", "tried"),
    [("2019-04-01", 0, 5), ("2020-04-01", 2, 14), ("2022-04-01", 16, 16), ("2024-04-01", 5, 8)],
)
def test_windows_tried_on_the_episodes_waiting_on_a_day(day, held, tried):
    """Without hindsight, on trials the issue does not list: the ILACS window drawn on 1 April
    of a year, against the episodes then still waiting whose re-inspection has since begun. The
    windows drawn before 2021 from the SIF record mostly missed (ILACS waits ran longer); from
    2022, with ILACS's own long waits open and censored, they held."""
    found = episodes(load().records, LAST)
    known = as_known_on(found, d(day))
    window = practice_window(known, "ilacs-2018", d(day))
    closed_since = {(e.authority, e.judgement.published): e for e in found if e.status == REINSPECTED}
    waiting = [e for e in known if e.family == "ilacs-2018" and e.following is None and e.reorganisation is None]
    later = [closed_since[key] for e in waiting if (key := (e.authority, e.judgement.published)) in closed_since]
    inside = sum(window.low_days <= e.days <= window.high_days for e in later)
    assert (inside, len(later)) == (held, tried)

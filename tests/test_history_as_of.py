"""``history_as_of`` works the history out from what was built with the data (``as_built``): for
a day before the last publication, the built episodes as known that day, not the records read
and grouped again (some 10 ms of ``oftl check --as-of 2017-10-20``). Both ways say the same."""

import datetime as dt

import pytest

from ofsted_timeline.history import load
from ofsted_timeline.history.context import FAMILY_OF_RULE_SET, HistoryAsOf, history_as_of

DATA = load()
DAYS = sorted(
    {r.published + dt.timedelta(days=shift) for r in DATA.records[::7] for shift in (-1, 0, 1)}
    | {dt.date(2013, 1, 1), dt.date(2017, 10, 20), DATA.last_published, dt.date(2030, 1, 1)}
)
NAMES = sorted({r.authority for r in DATA.records if r.inadequate})[::3] + ["Nowhere at all"]


@pytest.mark.parametrize("day", DAYS[:: max(1, len(DAYS) // 40)], ids=str)
def test_the_built_history_as_of_a_day_is_the_records_as_of_that_day(day):
    built, read = history_as_of(day), HistoryAsOf(DATA, day)
    assert (built.as_of, built.known_to, built.known_from, built.built) == (
        read.as_of,
        read.known_to,
        read.known_from,
        read.built,
    )
    assert built.found == read.found
    for rule_set in [*FAMILY_OF_RULE_SET, "barnet-committee"]:
        for name in NAMES:
            for start in (day - dt.timedelta(days=40), day, dt.date(2017, 7, 7)):
                said, worked_out = built(rule_set, name, start), read(rule_set, name, start)
                assert said[:2] == worked_out[:2], (rule_set, name, start)

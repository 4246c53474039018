"""add_months is dateutil's relativedelta(months=...), by construction and checked here."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from ofsted_timeline.dates import add_months

DAYS = st.dates(min_value=dt.date(1972, 1, 1), max_value=dt.date(2099, 12, 31))


@given(DAYS, st.integers(min_value=-600, max_value=600))
def test_add_months_matches_relativedelta(day, months):
    assert add_months(day, months) == day + relativedelta(months=months)


@given(DAYS, st.integers(min_value=-50, max_value=50))
def test_years_are_twelve_months(day, years):
    assert add_months(day, 12 * years) == day + relativedelta(years=years)


def test_month_ends_clamp():
    assert add_months(dt.date(2017, 1, 31), 1) == dt.date(2017, 2, 28)
    assert add_months(dt.date(2016, 1, 31), 1) == dt.date(2016, 2, 29)
    assert add_months(dt.date(2016, 2, 29), 12) == dt.date(2017, 2, 28)
    assert add_months(dt.date(2017, 3, 31), -1) == dt.date(2017, 2, 28)
    # The Gregorian century rule: 2000 is a leap year, 1900 and 2100 are not; and the years' own ends.
    assert add_months(dt.date(2000, 1, 31), 1) == dt.date(2000, 2, 29)
    assert add_months(dt.date(1900, 3, 31), -1) == dt.date(1900, 2, 28)
    assert add_months(dt.date(2100, 1, 31), 1) == dt.date(2100, 2, 28)
    assert add_months(dt.date(9999, 1, 31), 1) == dt.date(9999, 2, 28)
    assert add_months(dt.date(1, 3, 31), -1) == dt.date(1, 2, 28)

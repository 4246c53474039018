"""The bundled holiday data must equal what the holidays package says (regenerate if not)."""

import datetime as dt

import holidays

from ofsted_timeline import holiday_data

REGENERATE = "run: python scripts/generate_holiday_data.py"


def test_bundled_data_equals_the_holidays_package():
    package = holidays.country_holidays(
        "GB", subdiv="ENG", years=range(holiday_data.FIRST_YEAR, holiday_data.LAST_YEAR + 1)
    )
    bundled = {dt.date.fromisoformat(day): name for day, name in holiday_data.HOLIDAYS.items()}
    assert sorted(bundled) == sorted(package), (
        f"bank-holiday dates differ from holidays {holidays.__version__}: {REGENERATE}"
    )
    if holidays.__version__ == holiday_data.HOLIDAYS_VERSION:
        assert bundled == dict(package.items()), REGENERATE


def test_bundled_data_has_the_one_off_holidays():
    for day, name in [
        ("2002-06-03", "Golden Jubilee"),
        ("2011-04-29", "Wedding"),
        ("2012-06-05", "Diamond Jubilee"),
        ("2022-06-03", "Platinum Jubilee"),
        ("2022-09-19", "State Funeral"),
        ("2023-05-08", "Coronation"),
    ]:
        assert name.lower() in holiday_data.HOLIDAYS[day].lower()


def test_the_holidays_table_says_which_weekend_day_a_holiday_falls_on():
    """Christmas Day 2021 was a Saturday and Boxing Day a Sunday (gov.uk: the substitute days
    were Mon 27 and Tue 28 Dec 2021), so neither closes a working day."""
    from .conftest import run

    table = run("holidays", "2021").stdout
    assert "Christmas Day" in table and "falls on a Saturday: no effect" in table
    assert "falls on a Sunday: no effect" in table

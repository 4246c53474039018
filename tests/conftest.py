import datetime as dt

import pytest
from typer.testing import CliRunner

from ofsted_timeline.calendar import WorkingCalendar, england_and_wales
from ofsted_timeline.cli import app
from ofsted_timeline.rules import RuleSet, load_rule_set


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return england_and_wales()


@pytest.fixture(scope="session")
def sif() -> RuleSet:
    return load_rule_set("sif-2017")


def d(text: str) -> dt.date:
    """ISO string to date, so expected dates in tables read literally."""
    return dt.date.fromisoformat(text)


RUNNER = CliRunner()


def run(*args: str):
    """``oftl ARGS`` in this process, 120 columns wide, without colour."""
    return RUNNER.invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})

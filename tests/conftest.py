import datetime as dt
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ofsted_timeline.calendar import WorkingCalendar, england_and_wales
from ofsted_timeline.cli import app
from ofsted_timeline.rules import RuleSet, load_rule_set

SOURCE = Path(__file__).resolve().parents[1] / "src"
# Subprocesses (python -m ofsted_timeline) import the source tree too, never an installed copy.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE), os.environ.get("PYTHONPATH")]))


@pytest.fixture(scope="session", autouse=True)
def no_stored_feed(tmp_path_factory):
    """Every test starts with an empty data folder, so that a bank-holiday feed stored on this
    machine by ``oftl holidays --update`` changes no expected date or calendar line."""
    saved = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data-home"))
    yield
    if saved is None:
        del os.environ["XDG_DATA_HOME"]
    else:
        os.environ["XDG_DATA_HOME"] = saved


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return england_and_wales()


@pytest.fixture(scope="session")
def sif() -> RuleSet:
    return load_rule_set("sif-2017")


def d(text: str) -> dt.date:
    """ISO string to date, so expected dates in tables read literally."""
    return dt.date.fromisoformat(text)


# A council's own rule with a window (10–20 working days after receipt): the authority's, so it can be early or late.
BOARD_RULES = """
[[rules]]
id = "board"
title = "Improvement board"
short = "the board"
kind = "expected"
earliest = { anchor = "receipt", offset = 10, unit = "working days" }
latest = { anchor = "receipt", offset = 20, unit = "working days" }
source = "Terms of reference 2"
"""

RUNNER = CliRunner()


def run(*args: str):
    """``oftl ARGS`` in this process, 120 columns wide, without colour; a calendar it writes
    to stdout must read back (``reads_back``)."""
    result = RUNNER.invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    reads_back(result.stdout_bytes)
    return result


def reads_back(data: bytes) -> None:
    """A calendar is one the ``icalendar`` library parses and writes back byte for byte: the
    independent check of the lines oftl writes by hand (render/ics_lines.py)."""
    if data.startswith(b"BEGIN:VCALENDAR"):
        from icalendar import Calendar

        assert Calendar.from_ical(data).to_ical() == data

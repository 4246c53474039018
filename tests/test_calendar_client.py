"""Import the ICS into a real calendar client, Debian's calcurse, and read back what it shows.

calcurse parses iCalendar with its own C code (not the icalendar library the other tests read it with),
so this checks the file as a user's client sees it. .ci/run installs calcurse and sets
OFTL_REQUIRE_CALCURSE=1, which turns a missing calcurse into a failure instead of a skip.
"""

import os
import shutil
import subprocess
from collections import defaultdict

import pytest

from .conftest import run

CALCURSE = shutil.which("calcurse")
REQUIRED = os.environ.get("OFTL_REQUIRE_CALCURSE") == "1"
pytestmark = pytest.mark.skipif(
    CALCURSE is None and not REQUIRED, reason="calcurse is not installed (apt-get install calcurse; .ci/run does)"
)
ENV = {**os.environ, "LC_ALL": "C.UTF-8", "TZ": "Europe/London"}


def calcurse(folder, *args: str) -> str:
    if CALCURSE is None:
        pytest.fail("OFTL_REQUIRE_CALCURSE=1 but calcurse is not on PATH")
    command = [CALCURSE, "-D", str(folder), "-C", str(folder), *args]
    return subprocess.run(command, capture_output=True, text=True, check=True, env=ENV, timeout=60).stdout


def imported(tmp_path, *oftl_args: str, command: str = "deadlines") -> tuple[str, dict[str, list[str]], object]:
    """Import ``oftl COMMAND ARGS --format ics`` into a fresh calcurse; (report, days by summary, folder)."""
    ics = tmp_path / "timeline.ics"
    result = run(command, *oftl_args, "--format", "ics", "-o", str(ics))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "calcurse"
    folder.mkdir()
    report = calcurse(folder, "-i", str(ics))
    shown = calcurse(
        folder,
        *("--input-datefmt", "4", "--output-datefmt", "%Y-%m-%d", "-Q", "--from", "2017-01-01", "--to", "2021-12-31"),
        *("--format-event", "%m\\n", "--format-recur-event", "%m\\n"),
    )
    days: dict[str, list[str]] = defaultdict(list)
    day = ""
    for line in shown.splitlines():
        if line.endswith(":") and line[:4].isdigit():
            day = line[:-1]
        elif line:
            days[line].append(day)
    return report, days, folder


def test_calcurse_shows_the_window_and_the_deadline(tmp_path):
    report, days, _ = imported(tmp_path, "--received", "2017-07-07", "--as-of", "2017-09-01", "--authority", "Barnet")
    assert "0 apps / 27 events / 0 todos / 0 skipped" in report  # the re-inspection window opens, closes
    apv = days["Barnet: Action planning visit (window)"]
    assert (apv[0], apv[-1], len(apv)) == ("2017-08-11", "2017-08-25", 15)  # Handbook 10: every day of the window
    wsoa = "Barnet: STATUTORY DEADLINE: Written statement of action to the Secretary of State and HMCI"
    assert days[wsoa] == ["2017-10-16"]  # Cover report 1.19
    # The 14-month re-inspection window (Handbook 49, 50) is two days, not 455 (issue 14).
    assert days["Barnet: Re-inspection (window opens)"] == ["2018-07-19"]
    assert days["Barnet: Re-inspection (window closes)"] == ["2019-10-16"]
    assert "Barnet: Re-inspection (window)" not in days


def test_calcurse_reads_the_description_unescaped(tmp_path):
    _, _, folder = imported(tmp_path, "--received", "2017-07-07", "--as-of", "2017-09-01", "--authority", "Ynys Môn")
    shown = calcurse(
        folder,
        *("--input-datefmt", "4", "-Q", "--from", "2017-10-16", "--to", "2017-10-16"),
        *("--format-event", "%m\\n%N\\n"),
    )
    assert "Ynys Môn: STATUTORY DEADLINE: Written statement of action" in shown
    assert "Source: Handbook 6, 7, 19, 49; Cover report 1.19, 2.1; SI 2007/462 reg. 3" in shown
    assert "skipped 30 weekend days and 1 bank holiday (Mon 28 Aug 2017 Late Summer Bank Holiday)." in shown
    assert "\\," not in shown and "\\;" not in shown


def test_calcurse_shows_the_date_given_beside_the_deadline(tmp_path):
    _, days, _ = imported(
        tmp_path,
        "--received",
        "2017-07-07",
        "--as-of",
        "2017-10-20",
        "--authority",
        "Barnet",
        "--wsoa-submitted",
        "2017-10-13",
    )
    title = "Barnet: Written statement of action to the Secretary of State and HMCI (statutory, date given)"
    assert days[title] == ["2017-10-13"]
    deadline = "Barnet: STATUTORY DEADLINE: Written statement of action to the Secretary of State and HMCI"
    assert days[deadline] == ["2017-10-16"]


def test_calcurse_shows_times_of_day(tmp_path):
    report, _, folder = imported(tmp_path, "--onsite", "2017-11-14", "--authority", "Barnet", command="visit")
    assert "2 apps / " in report  # the two timed deadlines are appointments, the rest all-day events
    shown = calcurse(
        folder,
        *("--input-datefmt", "4", "-Q", "--from", "2017-11-28", "--to", "2017-12-04"),
        *(
            "--format-apt",
            "%(start:%Y-%m-%d %H:%M) %m\\n",
        ),
    )
    assert "2017-11-28 16:00 Barnet: Day 11: draft report sent to the authority for a factual accuracy check" in shown
    assert "2017-12-04 09:30 Barnet: Day 15: director of children's services returns factual accuracy comments" in shown


def test_calcurse_shows_the_committee_deadline(tmp_path):
    _, _, folder = imported(tmp_path, "--date", "2017-07-18", command="meeting")
    shown = calcurse(
        folder,
        *("--input-datefmt", "4", "-Q", "--from", "2017-07-13", "--to", "2017-07-13"),
        *(
            "--format-apt",
            "%(start:%Y-%m-%d %H:%M) %m\\n",
        ),
    )
    assert "2017-07-13 10:00 Deadline for public questions and comments" in shown


def test_calcurse_duplicates_on_reimport_and_the_readme_way_replaces(tmp_path):
    """calcurse keeps no UID: a second import adds every event again; the README's purge by the
    authority's prefix, then import, leaves one copy of each (issue 22)."""
    _, _, folder = imported(tmp_path, "--received", "2017-07-07", "--as-of", "2017-09-01", "--authority", "Barnet")
    ics = tmp_path / "updated.ics"
    args = ("--received", "2017-07-07", "--as-of", "2017-10-20", "--authority", "Barnet")
    args += ("--wsoa-submitted", "2017-10-13")
    assert run("deadlines", *args, "-o", str(ics)).exit_code == 0
    calcurse(folder, "-i", str(ics))
    assert len((folder / "apts").read_text().splitlines()) == 27 + 28
    calcurse(folder, "-P", "--filter-pattern", "^Barnet: ")
    calcurse(folder, "-i", str(ics))
    assert len((folder / "apts").read_text().splitlines()) == 28

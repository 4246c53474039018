"""Rewrite the golden export files under tests/golden/ from the CLI as it is now.

    python scripts/update_golden.py

tests/test_exports.py (test_golden_file_is_current) compares each file byte for byte with what ``oftl`` writes today, so
any change to an export shows up as a diff to review before it is committed.
"""

import os
import pathlib
import shlex
import tempfile

from typer.testing import CliRunner

# Outputs as a fresh install writes them: no bank-holiday feed stored by `oftl holidays --update`.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="oftl-no-feed-")

from ofsted_timeline.cli import app

GOLDEN = pathlib.Path(__file__).resolve().parent.parent / "tests" / "golden"
BARNET = "deadlines --received 2017-07-07 --as-of 2017-09-01 --authority Barnet"
SUBMITTED = f"{BARNET} --wsoa-submitted 2017-10-13 --visit 2017-11-14"
CASES = {
    "barnet.ics": f"{BARNET} --format ics",
    "barnet-remind.ics": f"{BARNET} --format ics --remind 5",
    "barnet-submitted.ics": f"{SUBMITTED} --format ics",
    "barnet.csv": f"{BARNET} --format csv",
    "barnet.md": f"{BARNET} --format markdown",
    "barnet.json": f"{BARNET} --format json",
    "unnamed-weekend.csv": "deadlines --received 2017-07-08 --as-of 2017-07-10 --format csv",
    "visit.ics": "visit --onsite 2017-11-14 --as-of 2017-11-01 --authority Barnet --format ics",
    "visit-first.md": "visit --onsite 2017-11-14 --first --as-of 2017-11-01 --authority Barnet --format markdown",
    "reinspection.csv": "reinspection --fieldwork 2019-05-13 --as-of 2019-05-01 --authority Barnet --format csv",
    "meeting.ics": "meeting --date 2017-07-18 --as-of 2017-07-10 --authority Barnet --format ics",
    "barnet.svg": f"{BARNET} --format svg",
    "barnet-submitted.svg": f"{SUBMITTED} --as-of 2018-03-01 --format svg",
    "barnet.html": f"{BARNET} --format html",
    "visit.svg": "visit --onsite 2017-11-14 --first --as-of 2017-11-20 --authority Barnet --format svg",
    "barnet.xlsx": f"{BARNET} --format xlsx",
}


def run(args: str) -> bytes:
    """What ``oftl ARGS`` writes to stdout, as bytes."""
    result = CliRunner().invoke(app, shlex.split(args))
    if result.exit_code != 0:
        raise SystemExit(f"oftl {args} failed: {result.output}")
    return result.stdout_bytes


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, args in CASES.items():
        (GOLDEN / name).write_bytes(run(args))
    print(f"wrote {len(CASES)} files in {GOLDEN}")


if __name__ == "__main__":
    main()

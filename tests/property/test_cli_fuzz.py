"""Fuzzing the command line: random and broken arguments and files never give a traceback.

Every run must end with exit code 0, 1 or 2; a code 2 says what is wrong on stderr; and no
temporary or half-written output file is ever left behind.
"""

import os
import pathlib
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ofsted_timeline.cli import app

RUNNER = CliRunner()
VALID = pathlib.Path(__file__).resolve().parents[2] / "examples"

DATES = st.one_of(
    st.dates(
        min_value=__import__("datetime").date(1960, 1, 1), max_value=__import__("datetime").date(2110, 12, 31)
    ).map(str),
    st.sampled_from(
        ["31/02/2017", "7 July 2017", "Fri 7 July 2017", "2017-13-01", "", " ", "0000-00-00", "9999-12-31"]
    ),
    st.text(max_size=12),
)
FORMATS = st.sampled_from(["table", "json", "csv", "markdown", "ics", "svg", ""])
TEXT = st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
# OFTL_FUZZ_EXAMPLES=600 for a longer run by hand; CI runs 60 a test.
SETTINGS = settings(
    max_examples=int(os.environ.get("OFTL_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def check(args: list[str], folder: pathlib.Path, before: set[str]) -> None:
    result = RUNNER.invoke(app, args, env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    if result.exit_code == 2:
        assert result.stderr.strip(), args
        assert "Traceback" not in result.output
    left = {path.name for path in folder.iterdir()} - before
    assert not any(name.endswith(".tmp") for name in left), (args, left)
    if result.exit_code == 2:
        assert "out.txt" not in left, (args, left)  # a failed run leaves no output file


@SETTINGS
@given(
    command=st.sampled_from(["deadlines", "explain wsoa", "visit", "reinspection", "meeting"]),
    day=DATES,
    other=DATES,
    given=st.lists(
        st.tuples(st.sampled_from(["--visit", "--wsoa-submitted", "--apv", "--reinspection"]), DATES), max_size=3
    ),
    fmt=FORMATS,
    extra=st.lists(
        st.sampled_from(
            [
                "--first",
                "--remind",
                "3",
                "--authority",
                "",
                "--framework",
                "ilacs-2018",
                "--framework",
                "nope",
                "--as-of",
            ]
        ),
        max_size=4,
    ),
)
def test_timeline_commands(command, day, other, given, fmt, extra):
    option = {
        "deadlines": "--received",
        "explain wsoa": "--received",
        "visit": "--onsite",
        "reinspection": "--fieldwork",
        "meeting": "--date",
    }[command]
    with tempfile.TemporaryDirectory() as name:
        folder = pathlib.Path(name)
        args = [*command.split(), option, day, "--as-of", other, *(["--format", fmt] if fmt else []), *extra]
        if command in ("deadlines", "explain wsoa"):  # dates given far from the receipt stretch every output
            args += [part for pair in given for part in pair]
        check([*args, "-o", str(folder / "out.txt")], folder, set())


@SETTINGS
@given(kind=st.sampled_from(["plan", "rules", "holidays", "batch"]), text=TEXT)
def test_files(kind, text):
    with tempfile.TemporaryDirectory() as name:
        folder = pathlib.Path(name)
        path = folder / f"input.{'json' if kind == 'holidays' else 'csv' if kind == 'batch' else 'toml'}"
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
        args = {
            "plan": ["check", str(path), "--as-of", "2017-10-20"],
            "rules": ["deadlines", "--received", "2017-07-07", "--rules", str(path)],
            "holidays": ["holidays", "--check", str(path)],
            "batch": ["batch", str(path), "--as-of", "2017-10-20", "-f", "json"],
        }[kind]
        check([*args, "-o", str(folder / "out.txt")], folder, {path.name})


PLAN_LINES = [
    "received = 2017-07-07",
    "authority = 'Barnet'",
    "framework = 'ilacs-2018'",
    "previous_inadequate = [2013-01-01]",
    "[dates]",
    "wsoa = 2017-10-13",
    "visits = [2017-11-14, 2018-02-06]",
    "mv1 = 2017-11-14",
    "reinspection = 2019-05-13",
    "rules = 'missing.toml'",
    "apv-window = '21/08/2017'",
    "nonsense = 1",
]


@SETTINGS
@given(lines=st.lists(st.sampled_from(PLAN_LINES), max_size=9))
def test_plans_built_from_valid_and_invalid_lines(lines):
    with tempfile.TemporaryDirectory() as name:
        folder = pathlib.Path(name)
        plan = folder / "plan.toml"
        plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
        check(["check", str(plan), "--as-of", "2017-10-20", "-o", str(folder / "out.txt")], folder, {plan.name})


def test_a_folder_where_a_file_is_expected():
    with tempfile.TemporaryDirectory() as name:
        folder = pathlib.Path(name)
        for args in (
            ["check", str(folder)],
            ["batch", str(folder)],
            ["holidays", "--check", str(folder)],
            ["deadlines", "--received", "2017-07-07", "--rules", str(folder)],
            ["deadlines", "--received", "2017-07-07", "--holidays-file", str(folder)],
        ):
            result = RUNNER.invoke(app, args)
            assert result.exit_code == 2 and "is a folder" in result.stderr, (args, result.output)


def test_examples_still_check():
    result = RUNNER.invoke(app, ["check", str(VALID / "barnet-plan.toml"), "--as-of", "2017-10-20"])
    assert result.exit_code == 0, result.output

"""Speed of ``oftl``, as ratios to a baseline measured in the same run.

    python benchmarks/startup.py [--rounds 20] [--batch-rounds 3]   (--batch-rounds 0: start-up only)
    python benchmarks/startup.py --against DIR   (DIR: a checkout of another commit, e.g. made with
                                                  git worktree add /tmp/before COMMIT)

1. Start-up: each command against ``python -c pass`` and against a bare Typer app that prints
   one line (the same interpreter and typer), interleaved round after round so that machine
   noise hits all alike; the figure is the median wall time over the rounds.
2. ``oftl batch`` of 10,000 authorities (a generated CSV), end to end, against the same baseline.
3. Computation of those 10,000 timelines in this process, without start-up or output, in one
   process and in the worker processes ``oftl batch`` uses.
4. Working-day arithmetic per call against numpy.busday_offset (and a day-by-day loop).

With --against, each oftl command is also run from DIR's source tree, interleaved with this
one's, and the ratio of the two medians is printed: a change measured against the commit before
it in the same run, on the same machine at the same moment.
"""

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

OFTL = [sys.executable, "-m", "ofsted_timeline"]
DEADLINES = [*OFTL, "deadlines", "--received", "2017-07-07", "--authority", "Barnet"]
BASELINE = "python -c pass (baseline)"
BARE = "a bare Typer app (reference)"
BARE_APP = "import typer\napp = typer.Typer()\n@app.command()\ndef hello() -> None:\n    print('hello')\napp()\n"
PLAN = str(Path(__file__).resolve().parent.parent / "examples" / "barnet-plan.toml")
COMMANDS = {
    BASELINE: [sys.executable, "-c", "pass"],
    BARE: [sys.executable, "-c", BARE_APP],
    "oftl --help": [*OFTL, "--help"],
    "oftl deadlines --format json": [*DEADLINES, "--format", "json"],
    "oftl deadlines --format csv": [*DEADLINES, "--format", "csv"],
    "oftl deadlines --format markdown": [*DEADLINES, "--format", "markdown"],
    "oftl deadlines --format ics": [*DEADLINES, "--format", "ics"],
    "oftl deadlines --format svg": [*DEADLINES, "--format", "svg"],
    "oftl deadlines (table)": DEADLINES,
    "oftl deadlines --details": [*DEADLINES, "--details"],
    "oftl deadlines --format html": [*DEADLINES, "--format", "html"],
    "oftl check": [*OFTL, "check", PLAN, "--as-of", "2017-10-20"],
    "oftl check --format json": [*OFTL, "check", PLAN, "--as-of", "2017-10-20", "--format", "json"],
    "oftl history (table)": [*OFTL, "history"],
    "oftl history --authority Barnet": [*OFTL, "history", "--authority", "Barnet"],
}
XLSX = "oftl deadlines --format xlsx"  # written to a file: a workbook is never written to a terminal
ROWS = 10_000


AGAINST = " [against]"  # ends the name of a command run from the other checkout


def timed(commands: dict[str, list[str]], rounds: int, against: str | None = None) -> dict[str, float]:
    """Median wall time of each command, run interleaved; with ``against``, each oftl command
    run from that checkout too (its source tree first on the path), its name ending AGAINST."""
    if against is not None:
        source = str(Path(against).resolve() / "src")
        commands = {**commands, **{name + AGAINST: command for name, command in commands.items() if "oftl" in name}}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            start = time.perf_counter()
            # stderr too: the generated names are not authorities, and a batch warns of each
            subprocess.run(
                command,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={"COLUMNS": "100", "PATH": ""} | ({"PYTHONPATH": source} if name.endswith(AGAINST) else {}),
            )
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(samples) for name, samples in times.items()}


def budget(name: str) -> float:
    """The start-up a command may take, as a ratio to the bare Typer app: json and check 1.2x,
    every other format and command 1.7x."""
    return 1.2 if "json" in name or name.startswith("oftl check") else 1.7


def report(title: str, medians: dict[str, float], baseline: float, reference: float | None = None) -> None:
    """Each median, as a ratio to the baseline and (start-up) to the bare Typer app; then each
    command run from the other checkout, as the ratio of this tree's median to that one's."""
    print(title + ("; ratios to python -c pass, then to the bare Typer app" if reference else ""))
    for name, median in medians.items():
        if not name.endswith(AGAINST):
            against = f"  {median / reference:7.2f}x" if reference else ""
            if reference and name.startswith("oftl"):
                limit = budget(name)
                against += f"  (budget {limit}x{'' if median / reference <= limit else ': OVER'})"
            print(f"  {name:40} {median * 1000:9.1f} ms  {median / baseline:7.1f}x{against}")
    others = {name.removesuffix(AGAINST): median for name, median in medians.items() if name.endswith(AGAINST)}
    if others:
        print("  this tree against the other checkout (its median, and this tree's as a ratio to it)")
    for name, median in others.items():
        print(f"  {name:40} {median * 1000:9.1f} ms  {medians[name] / median:7.2f}x")


def batch_file(folder: str) -> str:
    """10,000 authorities: receipts over 12 years, a third with a submission, some visits."""
    rng = random.Random(1)
    lines = ["authority,received,wsoa,visits"]
    for number in range(ROWS):
        received = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(4500))
        wsoa = (received + dt.timedelta(days=95)).isoformat() if number % 3 == 0 else ""
        visits = ";".join((received + dt.timedelta(days=130 + 91 * k)).isoformat() for k in range(number % 4))
        lines.append(f"Authority {number:05d},{received},{wsoa},{visits}")
    path = Path(folder) / "authorities.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def computation(path: str) -> None:
    """Parse and compute 10,000 timelines in this process as ``oftl batch`` does (the inspection
    history's practice and each name looked up): no start-up, no output."""
    from ofsted_timeline.batch import compute_batch, parse_batch, years_of
    from ofsted_timeline.calendar import england_and_wales
    from ofsted_timeline.cli.pool import in_parallel, worker_count
    from ofsted_timeline.history.context import history_as_of
    from ofsted_timeline.rules import load_rule_set

    as_of = dt.date(2020, 1, 1)
    ids = {rule.id for rule in load_rule_set("sif-2017").rules}
    start = time.perf_counter()
    batch = parse_batch(Path(path).read_text(encoding="utf-8"), path, lambda column: column in ids)
    calendar = england_and_wales(*years_of(batch.rows, as_of))
    parsed = time.perf_counter() - start
    history = history_as_of(as_of)
    for row in batch.rows:  # each name once, before the workers fork, as the batch does
        history.match(row.authority)

    def work(rows):
        return [len(t.milestones) for t in compute_batch(rows, calendar, as_of, history=history)]

    workers = worker_count()
    results = {}
    for label, count in (("one process", 1), (f"{workers} worker processes", workers)):
        start = time.perf_counter()
        milestones = sum(in_parallel(batch.rows, work, count))
        results[label] = time.perf_counter() - start
    print(f"computation of {ROWS:,} timelines ({milestones:,} milestones), in this process")
    print(f"  {'read and check the CSV':40} {parsed * 1000:9.1f} ms")
    for label, seconds in results.items():
        per = seconds / milestones * 1e6
        print(f"  {'compute, ' + label:40} {seconds * 1000:9.1f} ms  ({per:.1f} us a milestone)")


def arithmetic() -> None:
    import numpy as np

    from ofsted_timeline.calendar import england_and_wales

    calendar = england_and_wales()
    holidays = [day.isoformat() for year in range(2000, 2041) for day, _ in calendar.holidays(year)]
    busdays = np.busdaycalendar(holidays=holidays)
    start = dt.date(2017, 7, 7)
    numpy_start = np.datetime64(start)
    closed = {dt.date.fromisoformat(day) for day in holidays}

    def day_by_day(day: dt.date, n: int) -> dt.date:
        while n:
            day += dt.timedelta(days=1)
            n -= day.weekday() < 5 and day not in closed
        return day

    number = 20000
    theirs = timeit.timeit(lambda: np.busday_offset(numpy_start, 70, busdaycal=busdays), number=number) / number
    ours = timeit.timeit(lambda: calendar.add_working_days(start, 70), number=number) / number
    loop = timeit.timeit(lambda: day_by_day(start, 70), number=number // 10) / (number // 10)
    print("add 70 working days, per call")
    print(f"  {'numpy.busday_offset (baseline)':40} {theirs * 1e6:9.2f} us     1.00x")
    print(f"  {'WorkingCalendar.add_working_days':40} {ours * 1e6:9.2f} us  {ours / theirs:7.2f}x")
    print(f"  {'a day-by-day loop':40} {loop * 1e6:9.2f} us  {loop / theirs:7.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--batch-rounds", type=int, default=3)
    parser.add_argument("--against", metavar="DIR", help="a checkout of another commit, timed beside this one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        commands = {**COMMANDS, XLSX: [*DEADLINES, "--format", "xlsx", "-o", str(Path(folder) / "out.xlsx")]}
        startup = timed(commands, args.rounds, args.against)
        report(f"start-up, median of {args.rounds} rounds", startup, startup[BASELINE], startup[BARE])
        if args.batch_rounds == 0:  # start-up only
            return
        path = batch_file(folder)
        out = str(Path(folder) / "out")
        batch = {BASELINE: COMMANDS[BASELINE]}
        for form in ("markdown", "json", "csv"):
            batch[f"oftl batch of {ROWS:,} --format {form}"] = [
                *OFTL,
                "batch",
                path,
                "--as-of",
                "2020-01-01",
                "-f",
                form,
                "-o",
                out,
            ]
        medians = timed(batch, args.batch_rounds, args.against)
        report(f"batch, median of {args.batch_rounds} rounds", medians, medians[BASELINE])
        computation(path)
    arithmetic()


if __name__ == "__main__":
    main()

"""Start-up of ``oftl`` as a ratio to ``python -c pass``, measured in the same loop.

    python benchmarks/startup.py [--rounds 20]

Commands run interleaved, round after round, so that machine noise hits all of them alike;
the figure per command is the median wall time over the rounds divided by the baseline's.
A per-call comparison of the working-day arithmetic with numpy.busday_offset follows.
"""

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time
import timeit

OFTL = [sys.executable, "-m", "ofsted_timeline"]
DEADLINES = [*OFTL, "deadlines", "--received", "2017-07-07", "--authority", "Barnet"]
COMMANDS = {
    "python -c pass (baseline)": [sys.executable, "-c", "pass"],
    "oftl --help": [*OFTL, "--help"],
    "oftl deadlines --format json": [*DEADLINES, "--format", "json"],
    "oftl deadlines --format csv": [*DEADLINES, "--format", "csv"],
    "oftl deadlines --format markdown": [*DEADLINES, "--format", "markdown"],
    "oftl deadlines --format ics": [*DEADLINES, "--format", "ics"],
    "oftl deadlines (table)": DEADLINES,
}


def startup(rounds: int) -> None:
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(rounds):
        for name, command in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env={"COLUMNS": "100", "PATH": ""})
            times[name].append(time.perf_counter() - start)
    baseline = statistics.median(times["python -c pass (baseline)"])
    print(f"start-up, median of {rounds} rounds")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"  {name:36} {median * 1000:7.1f} ms  {median / baseline:5.1f}x")


def arithmetic() -> None:
    import numpy as np

    from ofsted_timeline.calendar import england_and_wales

    calendar = england_and_wales()
    holidays = [day.isoformat() for year in range(2000, 2041) for day, _ in calendar.holidays(year)]
    busdays = np.busdaycalendar(holidays=holidays)
    start = dt.date(2017, 7, 7)
    numpy_start = np.datetime64(start)
    number = 20000
    ours = timeit.timeit(lambda: calendar.add_working_days(start, 70), number=number) / number
    theirs = timeit.timeit(lambda: np.busday_offset(numpy_start, 70, busdaycal=busdays), number=number) / number
    print("add 70 working days, per call")
    print(f"  numpy.busday_offset (baseline)   {theirs * 1e6:7.2f} µs   1.0x")
    print(f"  WorkingCalendar.add_working_days {ours * 1e6:7.2f} µs  {ours / theirs:5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    startup(parser.parse_args().rounds)
    arithmetic()


if __name__ == "__main__":
    main()

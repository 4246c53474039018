"""The shipped rule sets on disk: which there are, which framework is in force on a day, loading them.

They live beside this module as TOML (``FORMAT.md`` describes the format); each is read and
validated once per process.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from pathlib import Path

from ..dates import format_day
from ..errors import InputError
from .model import Period, RuleSet
from .parser import parse_period, parse_rule_set

DEFAULT_FRAMEWORK = "sif-2017"
PART_SUFFIXES = ("-visit", "-reinspection", "-committee")  # rule sets of one visit, re-inspection or meeting
HERE = Path(__file__).parent  # the shipped rule sets sit beside this module


def available() -> list[str]:
    """Names of the shipped rule sets: frameworks and the timelines of their parts."""
    return sorted(path.stem for path in HERE.glob("*.toml"))


def frameworks() -> list[str]:
    """The rule sets that ``deadlines`` applies from a report's receipt (not ``*-visit`` and so on)."""
    return [name for name in available() if not name.endswith(PART_SUFFIXES)]


def choose(
    framework: str | None, day: dt.date, part: str = "", named_by: str = "name", hint: str = ""
) -> tuple[RuleSet, str]:
    """The rule set to apply, and why, in one sentence for the output.

    ``framework`` None: the framework in force on ``day``, and ``hint`` (from the caller: how
    to choose another) ends the sentence. ``part`` "-visit" or "-reinspection": that part of
    the framework, unless the part's own ``[period]`` starts later (ILACS re-inspections, from
    September 2018): then the part in force on ``day``. ``named_by`` says who named it.
    """
    if framework is None:
        chosen = framework_for(day)
        reason = f"Framework {chosen.id}: in force on {format_day(day)} ({period_text(chosen)})"
        rule_set = load_rule_set(chosen.id + part)
        if part and rule_set.period is not None and not rule_set.period.holds(day):  # a part began later
            rule_set = _part_in_force(part, day)
            assert rule_set.period is not None
            reason += f"; {rule_set.title} ({period_text(rule_set)}: {rule_set.period.source})"
        reason += f"; {hint}." if hint else "."
    elif framework not in frameworks():
        raise InputError(f"unknown framework '{framework}': choose one of {', '.join(frameworks())}")
    else:
        reason = f"Framework {framework}, as named by {named_by}."
        rule_set = load_rule_set(framework + part)
    if not part:
        reason += trigger_sentence(rule_set)
    return rule_set, reason


def trigger_sentence(rule_set: RuleSet, short: bool = False) -> str:
    """`` Its trigger is unverified: ...`` when no public source proves what starts the timeline, else ""."""
    if not rule_set.trigger or rule_set.trigger_source:
        return ""
    return " Its trigger is unverified." if short else f" Its trigger is unverified: {rule_set.trigger}."


def _part_in_force(part: str, day: dt.date) -> RuleSet:
    """The part (``-reinspection``) whose own ``[period]`` holds ``day``, by its own day (the
    first day of fieldwork): ILACS re-inspected from September 2018, SIF until then."""
    for name in frameworks():
        if name + part in available():
            candidate = load_rule_set(name + part)
            if candidate.period is not None and candidate.period.holds(day):
                return candidate
    raise InputError(f"no {part.strip('-')} rules cover {day:%d/%m/%Y}: choose a framework by name")


def period_text(rule_set: RuleSet) -> str:
    """``from Mon 1 Jan 2018 to Tue 31 Mar 2026``, ``from ...``, ``until ...`` or ``no period``."""
    period = rule_set.period
    if period is None:
        return "no period"
    start, end = (format_day(day) if day else "" for day in (period.start, period.end))
    if start and end:
        return f"from {start} to {end}"
    return f"from {start}" if start else f"until {end}"


def framework_for(day: dt.date) -> RuleSet:
    """The framework in force for a report received on ``day``: the one whose period holds it."""
    for name, period in _periods():
        if period.holds(day):
            return load_rule_set(name)
    raise InputError(f"no framework covers {day:%d/%m/%Y}: choose one by name")


@functools.cache
def _periods() -> tuple[tuple[str, Period], ...]:
    """Each framework's period, read without loading its rules (and their includes)."""
    periods = []
    for name in frameworks():
        table = _period_table((HERE / f"{name}.toml").read_text(encoding="utf-8"))
        if table is not None:
            periods.append((name, parse_period(table, f"{name}.toml")))
    return tuple(periods)


def _period_table(text: str) -> dict[str, object] | None:
    """The ``[period]`` table of a shipped set alone: parsing a few lines instead of the whole
    file keeps choosing a framework off the start-up bill (a test checks it equals the full parse)."""
    start = text.find("\n[period]\n")
    if start < 0:
        return None
    end = text.find("\n[", start + 1)
    return tomllib.loads(text[start : end if end > 0 else len(text)])["period"]  # type: ignore[no-any-return]


@functools.cache
def load_rule_set(name: str = DEFAULT_FRAMEWORK) -> RuleSet:
    """A shipped rule set by name; InputError lists the names when it is unknown.

    Cached: sets include one another (ilacs-2026 takes from ilacs-2018, which takes from
    sif-2017), and a rule set is never changed once loaded.
    """
    if name not in available():
        raise InputError(f"unknown framework '{name}': choose one of {', '.join(available())}")
    text = (HERE / f"{name}.toml").read_text(encoding="utf-8")
    return parse_rule_set(text, f"{name}.toml", include=load_rule_set)

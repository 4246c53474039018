"""The shipped rule sets: which there are, which framework is in force on a day, loading them.

They live beside this module as TOML (``FORMAT.md`` describes the format), the source of truth;
``scripts/build_rules.py`` compiles them, read and validated, into ``as_built.py``, which a run
loads instead (no TOML parser imported, nothing parsed twice). A test checks the two agree.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from ..dates import format_day
from ..errors import InputError
from .model import RuleSet

DEFAULT_FRAMEWORK = "sif-2017"
PART_SUFFIXES = ("-visit", "-reinspection", "-committee")  # rule sets of one visit, re-inspection or meeting
HERE = Path(__file__).parent  # the shipped rule sets' TOML sits beside this module


def available() -> list[str]:
    """Names of the shipped rule sets: frameworks and the timelines of their parts."""
    from .as_built import RULE_SETS  # here, not above: the script that writes it imports this module

    return sorted(RULE_SETS)


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
    from .as_built import PERIODS

    for name, period in PERIODS.items():
        if period.holds(day):
            return load_rule_set(name)
    raise InputError(f"no framework covers {day:%d/%m/%Y}: choose one by name")


@functools.cache
def load_rule_set(name: str = DEFAULT_FRAMEWORK) -> RuleSet:
    """A shipped rule set by name; InputError lists the names when it is unknown.

    Cached: each is made once per process, and rule sets compare by identity (a timeline's
    plans are memoised per rule set); a rule set is never changed once made.
    """
    from .as_built import RULE_SETS

    if name not in RULE_SETS:
        raise InputError(f"unknown framework '{name}': choose one of {', '.join(available())}")
    return RULE_SETS[name]()


def parse_shipped() -> dict[str, RuleSet]:
    """Every shipped rule set read from its TOML, the source of truth, by name: what
    ``scripts/build_rules.py`` compiles, and what a test checks ``as_built.py`` still equals."""
    from .parser import parse_rule_set  # only here: a run takes the compiled sets

    parsed: dict[str, RuleSet] = {}

    def parse(name: str) -> RuleSet:  # sets include one another: each is parsed once
        if name not in parsed:
            path = HERE / f"{name}.toml"
            if not path.is_file():
                raise InputError(f"{name}.toml: no such shipped rule set")
            parsed[name] = parse_rule_set(path.read_text(encoding="utf-8"), path.name, include=parse)
        return parsed[name]

    for path in sorted(HERE.glob("*.toml")):
        parse(path.stem)
    return dict(sorted(parsed.items()))

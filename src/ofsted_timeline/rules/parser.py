"""Reading and validating a rule set's TOML (the format is in ``FORMAT.md``), with one line
naming the file, rule and field for anything a timeline could not rely on."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from ..dates import WEEKDAYS
from ..errors import InputError
from ..escape import first_control
from ..reading import parse_document
from .checks import check_references
from .model import (
    PLACEHOLDER,
    GivenWindow,
    Kind,
    Offset,
    Owner,
    Period,
    PersistentFailure,
    Point,
    Repeat,
    Roll,
    Root,
    Rule,
    RuleSet,
    Unit,
)

TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
# No rule counts further than this; a larger offset is a slip, and a huge one overflows date arithmetic.
OFFSET_YEARS = 100
PER_YEAR = {Unit.WORKING_DAYS: 261, Unit.WEEKS: 52, Unit.MONTHS: 12, Unit.YEARS: 1, Unit.DAYS: 366}
# The keys of each table of a rule file: any other is a slip that would be ignored (FORMAT.md names each).
KEYS = {
    "rule set": (
        *("id", "title", "heading", "rules", "include", "sources", "conditions", "root"),
        *("persistent_failure", "period", "trigger", "trigger_source"),
    ),
    "rules file": ("rules", "sources"),  # a user's --rules file: rules join a shipped set
    "include": ("rules", "on", "only", "unverified", "carried"),
    "period": ("start", "end", "source"),
    "root": ("id", "title", "label", "field", "weekday", "weekday_source"),
    "persistent_failure": ("judgements", "years", "source"),
    "rule": (
        *("id", "title", "short", "kind", "date", "earliest", "latest", "source", "note", "repeat", "unless"),
        *("unverified", "group", "by"),
    ),
    "offset": ("anchor", "offset", "unit", "point", "roll", "time"),
    "repeat": ("id", "first", "times", "until", "at_least", "after_given"),
    "after_given": ("earliest", "latest", "unit"),
}


def parse_rule_set(
    text: str, source: str, base: RuleSet | None = None, include: Callable[[str], RuleSet] | None = None
) -> RuleSet:
    """Parse and validate a rule set's TOML text; ``source`` names it in error messages.

    With ``base``, the text is a user's rule file: its rules join the base set, marked
    local, and may anchor on any of the base's rules. ``include`` loads the shipped sets
    that ``[[include]]`` names (the catalogue passes its loader; the parser reads no files).
    """
    data = parse_document(text, source, "TOML", "fix the syntax")
    where = _Where(source)
    _known(data, "rule set" if base is None else "rules file", where)
    entries = data.get("rules", []) if data.get("include") and base is None else _list(data, "rules", where)
    if not isinstance(entries, list):
        raise where.fail("rules", "must be a list of [[rules]] tables")
    # A shipped rule names whose date it is; a council's own rule is the authority's unless it says otherwise.
    owner = None if base is None else Owner.AUTHORITY
    rules = [_rule(entry, where.at("rules", index), owner) for index, entry in enumerate(entries, 1)]
    if base is not None:
        rules = [
            rule._replace(local=source, group="Local rules" if rule.group == "Other" else rule.group) for rule in rules
        ]
        rule_set = base.replace(rules=(*base.rules, *rules), sources={**base.sources, **_table(data, "sources", where)})
        check_references(rule_set, source)
        return rule_set
    sources = _table(data, "sources", where)
    conditions = _table(data, "conditions", where)
    inherited: RuleSet | None = None
    for index, entry in enumerate(data.get("include", []), 1):
        if include is None:
            raise where.fail("include", "is not allowed here: a rule file adds rules, it includes no set")
        included, other = _include(entry, where.at("include", index), include)
        rules += included
        sources, conditions = {**sources, **other.sources}, {**conditions, **other.conditions}
        inherited = inherited or (other if "on" not in entry else None)
    defaults = inherited or RuleSet("", "", {}, ())
    rule_set = RuleSet(
        id=_text(data, "id", where),
        title=_text(data, "title", where),
        sources=sources,
        rules=tuple(rules),
        root=_root(data["root"], where.at("root")) if "root" in data else defaults.root,
        heading=_text(data, "heading", where, required=False) or defaults.heading,
        conditions=conditions,
        persistent_failure=_persistent(data["persistent_failure"], where.at("persistent_failure"))
        if "persistent_failure" in data
        else defaults.persistent_failure,
        period=_period(data["period"], where.at("period")) if "period" in data else None,
        trigger=_text(data, "trigger", where, required=False) or defaults.trigger,
        trigger_source=_text(data, "trigger_source", where, required=False),
    )
    check_references(rule_set, source)
    return rule_set


def _period(table: Any, where: _Where) -> Period:
    if not isinstance(table, dict):
        raise where.fail("", "must be a table such as { start = 2018-01-01, end = 2026-03-31, source = ... }")
    _known(table, "period", where)
    bounds = []
    for key in ("start", "end"):
        value = table.get(key)
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            raise where.fail(key, "must be a date such as 2018-01-01")
        bounds.append(value)
    return Period(bounds[0], bounds[1], _text(table, "source", where))


def _root(table: Any, where: _Where) -> Root:
    if not isinstance(table, dict):
        raise where.fail("", 'must be a table such as { id = "onsite", title = "First on-site day", ... }')
    _known(table, "root", where)
    return Root(
        id=_text(table, "id", where),
        title=_text(table, "title", where),
        label=_text(table, "label", where),
        field=_text(table, "field", where),
        weekday=_choice(table, "weekday", ("", *WEEKDAYS), where, default=""),
        weekday_source=_text(table, "weekday_source", where, required="weekday" in table),
    )


def _persistent(table: Any, where: _Where) -> PersistentFailure:
    if not isinstance(table, dict):
        raise where.fail("", "must be a table with judgements, years and source")
    _known(table, "persistent_failure", where)
    return PersistentFailure(
        judgements=_integer(table, "judgements", where),
        years=_integer(table, "years", where),
        source=_text(table, "source", where),
    )


def _include(entry: Any, where: _Where, load: Callable[[str], RuleSet]) -> tuple[list[Rule], RuleSet]:
    """Rules of another shipped set, so that each rule is written once.

    ``on``: the other set's root is re-anchored on the actual date of that rule (sif-2017
    takes the re-inspection's notice and fieldwork from sif-2017-reinspection this way).
    ``unverified = true`` marks rules carried over without a public source for the new
    framework; ``carried`` is a note added to each rule saying so.
    """
    if not isinstance(entry, dict):
        raise where.fail("", 'must be a table such as { rules = "sif-2017-reinspection", on = "reinspection" }')
    _known(entry, "include", where)
    other = load(_text(entry, "rules", where))
    on = _text(entry, "on", where, required=False) or other.root.id
    only = entry.get("only")
    if only is not None and not (isinstance(only, list) and all(isinstance(item, str) for item in only)):
        raise where.fail("only", 'must be a list of rule ids, e.g. ["wsoa"]')
    wanted = [rule for rule in other.rules if only is None or rule.id in only]
    if only is not None and len(wanted) != len(only):
        missing = sorted(set(only) - {rule.id for rule in wanted})
        raise where.fail("only", f"names rules that {other.id} does not have: {', '.join(missing)}")
    unverified = entry.get("unverified", False)
    if not isinstance(unverified, bool):
        raise where.fail("unverified", "must be true or false")
    carried = _text(entry, "carried", where, required=False)

    def moved(offset: Offset) -> Offset:
        if on == other.root.id or offset.anchor != other.root.id:
            return offset
        return offset._replace(anchor=on, point=Point.ACTUAL)

    rules = []
    for rule in wanted:
        note = " ".join(filter(None, (rule.note, carried)))
        rules.append(
            rule._replace(
                earliest=moved(rule.earliest),
                latest=moved(rule.latest),
                note=note,
                unverified=rule.unverified or unverified,
            )
        )
    return rules, other


class _Where:
    """Where in a rule file a value sits, for error messages."""

    def __init__(self, source: str, path: str = "") -> None:
        self.source, self.path = source, path

    def at(self, key: str, index: int | None = None) -> _Where:
        return _Where(self.source, self._join(key if index is None else f"{key}[{index}]"))

    def fail(self, key: str, problem: str) -> InputError:
        return InputError(f"{self.source}: {self._join(key)} {problem}")

    def _join(self, key: str) -> str:
        if not self.path or not key:
            return self.path or key
        return f"{self.path} {key}" if self.path.endswith(":") else f"{self.path}.{key}"


def _rule(entry: Any, where: _Where, owner: Owner | None) -> Rule:
    if not isinstance(entry, dict):
        raise where.fail("", "must be a table")
    rule_id = _text(entry, "id", where)
    where = _Where(where.source, f"rule '{rule_id}':")
    _known(entry, "rule", where)
    if "date" in entry:
        if "earliest" in entry or "latest" in entry:
            raise where.fail("date", "cannot be given with earliest/latest: use one or the other")
        earliest = latest = _offset(entry, "date", where)
    elif "earliest" in entry and "latest" in entry:
        earliest, latest = _offset(entry, "earliest", where), _offset(entry, "latest", where)
    else:
        raise where.fail("date", "is missing: give date = {...} or both earliest and latest")
    return Rule(
        id=rule_id,
        title=_numbered_text(entry, "title", where),
        short=_numbered_text(entry, "short", where),
        kind=Kind(_choice(entry, "kind", tuple(Kind), where)),
        earliest=earliest,
        latest=latest,
        source=_text(entry, "source", where),
        note=_text(entry, "note", where, required=False),
        repeat=_repeat(entry["repeat"], where.at("repeat")) if "repeat" in entry else None,
        unless=_text(entry, "unless", where, required=False),
        unverified=_flag(entry, "unverified", where),
        group=_text(entry, "group", where, required=False) or _default_group(entry.get("kind")),
        by=Owner(_choice(entry, "by", tuple(Owner), where, default=owner)),
    )


def _default_group(kind: Any) -> str:
    return "Statutory deadlines" if kind == Kind.STATUTORY else "Other"


def _flag(data: dict[str, Any], key: str, where: _Where) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise where.fail(key, "must be true or false")
    return value


def _offset(entry: dict[str, Any], key: str, where: _Where) -> Offset:
    table = entry[key]
    if not isinstance(table, dict):
        raise where.fail(key, 'must be a table such as { anchor = "receipt", offset = 70, unit = "working days" }')
    inner = where.at(key)
    _known(table, "offset", inner)
    unit = Unit(_choice(table, "unit", tuple(Unit), inner))
    offset = _integer(table, "offset", inner)
    if abs(offset) > OFFSET_YEARS * PER_YEAR[unit]:
        raise inner.fail(
            "offset", f"is {offset} {unit}: give at most {OFFSET_YEARS * PER_YEAR[unit]} ({OFFSET_YEARS} years)"
        )
    return Offset(
        anchor=_text(table, "anchor", inner),
        offset=offset,
        unit=unit,
        point=Point(_choice(table, "point", tuple(Point), inner, default=Point.ACTUAL_OR_COMPUTED)),
        roll=Roll(_choice(table, "roll", tuple(Roll), inner, default=Roll.NONE)),
        time=_time(table, inner),
    )


def _time(table: dict[str, Any], where: _Where) -> str:
    value = table.get("time", "")
    if value != "" and not (isinstance(value, str) and TIME.fullmatch(value)):
        raise where.fail("time", f'is {value!r}: give a 24-hour time such as "16:00" or "09:30"')
    return str(value)


def _repeat(table: Any, where: _Where) -> Repeat:
    if not isinstance(table, dict):
        raise where.fail("", 'must be a table such as { id = "mv{n}", first = 2, times = 4 }')
    _known(table, "repeat", where)
    repeat = Repeat(
        id=_numbered_text(table, "id", where),
        first=_integer(table, "first", where),
        times=_integer(table, "times", where) if "times" in table else None,
        until=_text(table, "until", where) if "until" in table else None,
        at_least=_integer(table, "at_least", where) if "at_least" in table else 0,
        after_given=_after_given(table["after_given"], where.at("after_given")) if "after_given" in table else None,
    )
    if repeat.id.count(PLACEHOLDER) != 1:
        raise where.fail("id", 'must contain {n} once, e.g. "mv{n}"')
    if (repeat.times is None) == (repeat.until is None):
        raise where.fail("times", "or until must be given, not both: how long does the series run?")
    return repeat


def _after_given(table: Any, where: _Where) -> GivenWindow:
    if not isinstance(table, dict):
        raise where.fail("", 'must be a table such as { earliest = 11, latest = 15, unit = "weeks" }')
    _known(table, "after_given", where)
    unit = Unit(_choice(table, "unit", tuple(Unit), where))
    earliest, latest = _integer(table, "earliest", where), _integer(table, "latest", where)
    if not 0 < earliest <= latest <= PER_YEAR[unit]:
        raise where.fail("latest", f"must follow earliest, both after the given date and within a year of {unit}")
    return GivenWindow(earliest, latest, unit)


def _list(data: dict[str, Any], key: str, where: _Where) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise where.fail(key, "is missing: add at least one [[rules]] table")
    return value


def _table(data: dict[str, Any], key: str, where: _Where) -> dict[str, str]:
    value = data.get(key, {})
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise where.fail(key, 'must be a table of short name = "full citation"')
    return {_plain(name, key, where): _plain(text, key, where) for name, text in value.items()}


def _text(data: dict[str, Any], key: str, where: _Where, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise where.fail(key, "is missing or not text: give it as a quoted string")
    return _plain(value, key, where)


def _plain(value: str, key: str, where: _Where) -> str:
    """Rule text goes to terminals, CI logs and SVG: a control character there is refused."""
    control = first_control(value)
    if control is not None:
        raise where.fail(key, f"has a control character ({control}): write it as plain text on one line")
    return value


def _numbered_text(data: dict[str, Any], key: str, where: _Where) -> str:
    """Text in which ``{n}`` stands for an occurrence's number. It goes through ``str.format``,
    so any other brace (``{chair}``, ``{n.__class__}``, ``{n:>99999}``) is refused."""
    value = _text(data, key, where)
    if any(brace in value.replace(PLACEHOLDER, "") for brace in "{}"):
        raise where.fail(key, f"has a brace other than {PLACEHOLDER}, the occurrence number: remove it")
    return value


def _known(table: dict[str, Any], kind: str, where: _Where) -> None:
    """Refuse a key the table does not have: a misspelt ``sorce`` would otherwise be ignored."""
    for name, value in table.items():
        if name not in KEYS[kind]:
            what = "table" if isinstance(value, dict | list) and kind in ("rule set", "rules file") else "key"
            raise where.fail(name, f"is not a known {what}: use {', '.join(KEYS[kind])}")


def _integer(data: dict[str, Any], key: str, where: _Where) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise where.fail(key, "is missing or not a whole number")
    return value


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...], where: _Where, default: str | None = None) -> str:
    value = data.get(key, default)
    if value is None:
        raise where.fail(key, f"is missing: use one of {', '.join(repr(c) for c in choices)}")
    if value not in choices:
        raise where.fail(key, f"is {value!r}: use one of {', '.join(repr(c) for c in choices)}")
    return str(value)

"""Rule sets as typed, frozen data: each rule an offset from an anchor, with the paragraph that proves it.

The format of the files they are read from is in ``FORMAT.md`` beside this module; reading
and validating is ``parser.py``, the shipped sets ``catalogue.py``. Every run imports this module,
so annotations are not postponed here: ``typing.NamedTuple`` compiles each one given as a string.
"""

import datetime as dt
from enum import StrEnum
from typing import Any, NamedTuple

from ..errors import InputError

__all__ = [
    "MAX_SERIES_NUMBER",
    "PLACEHOLDER",
    "RECEIPT",
    "RECEIPT_ROOT",
    "GivenWindow",
    "Kind",
    "Offset",
    "Owner",
    "Pattern",
    "Period",
    "PersistentFailure",
    "Point",
    "Repeat",
    "Roll",
    "Root",
    "Rule",
    "RuleSet",
    "Unit",
    "any_number",
]

RECEIPT = "receipt"
PLACEHOLDER = "{n}"  # the occurrence number, in a series' id and in titles; the only brace allowed


def any_number(text: str) -> str:
    """A series' id or title as a list of rules shows it, for any occurrence: ``mvN``."""
    return text.replace(PLACEHOLDER, "N")


# Occurrence numbers given or anchored on (mv999): far beyond any real series (authorities
# have had 5 to 7 monitoring visits), and a bound on the work a hostile id can cause.
MAX_SERIES_NUMBER = 999


class Kind(StrEnum):
    """What a date is: a statutory deadline, Ofsted's or the DfE's expectation, or an event."""

    STATUTORY = "statutory"
    EXPECTED = "expected"
    EVENT = "event"

    @property
    def label(self) -> str:
        """As a column shows it: "Statutory", "Expected", "Event"."""
        return self.value.capitalize()


class Owner(StrEnum):
    """Whose date it is. Only the authority's duties can be late, early or overdue: Ofsted and
    the DfE set their own dates, and one off their usual pattern blames nobody."""

    AUTHORITY = "authority"
    OFSTED = "ofsted"
    DFE = "dfe"

    @property
    def heading(self) -> str:
        """As a column shows it: "Authority", "Ofsted", "DfE"."""
        return {"authority": "Authority", "ofsted": "Ofsted", "dfe": "DfE"}[self.value]

    @property
    def label(self) -> str:
        """As a sentence names it: "the authority", "Ofsted", "the DfE"."""
        return {"authority": "the authority", "ofsted": "Ofsted", "dfe": "the DfE"}[self.value]


class Unit(StrEnum):
    WORKING_DAYS = "working days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"
    DAYS = "days"  # calendar days: a window drawn from practice (days after publication)


class Point(StrEnum):
    """Which date of the anchor counts: its actual date when given, else its computed one; always
    the computed one; or only an actual date (the rule cannot be dated without it)."""

    ACTUAL_OR_COMPUTED = "actual-or-computed"
    COMPUTED = "computed"
    ACTUAL = "actual"


class Roll(StrEnum):
    """Where a calendar-unit date that is not a working day goes: nowhere, back, or forward."""

    NONE = "none"
    PREVIOUS = "previous"
    NEXT = "next"


class Offset(NamedTuple):
    """``offset`` ``unit`` after (before, when negative) the ``anchor``'s date."""

    anchor: str
    offset: int
    unit: Unit
    point: Point = Point.ACTUAL_OR_COMPUTED
    roll: Roll = Roll.NONE
    time: str = ""  # "16:00" when the handbook gives a time of day ("by 4pm")


class GivenWindow(NamedTuple):
    """Where a series' next occurrence falls after one given: ``earliest`` to ``latest``
    ``unit`` after it, once per occurrence (quarterly visits are a window, not a day)."""

    earliest: int
    latest: int
    unit: Unit


class Repeat(NamedTuple):
    """A series: occurrence ``n`` (from ``first``) is n - first + 1 offsets after the anchor,
    or, counted from a given earlier occurrence, ``after_given`` per occurrence when set."""

    id: str
    first: int
    times: int | None = None
    until: str | None = None
    at_least: int = 0
    after_given: GivenWindow | None = None


class Rule(NamedTuple):
    id: str
    title: str
    short: str
    kind: Kind
    earliest: Offset
    latest: Offset
    source: str
    note: str = ""
    repeat: Repeat | None = None
    unless: str = ""  # a condition (see RuleSet.conditions) under which the rule does not apply
    unverified: bool = False  # no public source proves it for this framework: every output says so
    local: str = ""  # the user's rule file it comes from ("" for a shipped rule)
    group: str = ""  # the lane of a chart: Ofsted, DfE, Statutory deadlines, ...
    practice: str = ""  # drawn from practice, not a source paragraph: what from (n, years, source)
    by: Owner = Owner.AUTHORITY  # whose date it is; a council's own rules are the authority's

    @property
    def is_window(self) -> bool:
        return self.earliest != self.latest

    @property
    def marks(self) -> tuple[str, ...]:
        """``unverified``, ``local`` and ``practice``, as every output shows them beside the rule."""
        marks = (("unverified", self.unverified), ("local", bool(self.local)), ("practice", bool(self.practice)))
        return tuple(mark for mark, on in marks if on)

    @property
    def anchors(self) -> tuple[str, ...]:
        first, last = self.earliest.anchor, self.latest.anchor
        return (first,) if first == last else (first, last)


class Root(NamedTuple):
    """The day a rule set counts from: the report's receipt, a visit's first on-site day, ..."""

    id: str  # the anchor name rules use
    title: str  # heading: "Report received"
    label: str  # in a basis: "70 working days after receipt"
    field: str  # JSON and CSV key: "received"
    weekday: str = ""  # the weekday it usually falls on ("Monday"), said when it does not
    weekday_source: str = ""


# Day 0 whatever kind of day it is: a weekend or bank-holiday receipt is never moved (README, "Counting convention").
RECEIPT_ROOT = Root(RECEIPT, "Report received", "receipt", "received")


class PersistentFailure(NamedTuple):
    """``judgements`` inadequate judgements within ``years`` years is persistent failure."""

    judgements: int
    years: int
    source: str


class Period(NamedTuple):
    """When a framework is in force, by the day the report is received (None: open-ended)."""

    start: dt.date | None
    end: dt.date | None
    source: str

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class RuleSet:
    """A framework, or one part of it, with its lookups built once when it is made.

    Compared and hashed by identity (``timeline.resolve`` memoises plans per rule set), and not
    changed once made: ``replace`` makes a copy. A plain class with slots rather than a frozen
    dataclass: defining that took a third of this module's import, which every run pays.
    """

    # What a rule set is made of, in the order ``RuleSet(...)`` takes it; the rest is built from these.
    FIELDS = (
        *("id", "title", "sources", "rules", "root", "heading", "conditions", "persistent_failure", "period"),
        *("trigger", "trigger_source"),
    )
    __slots__ = (*FIELDS, "by_id", "patterns", "_owners", "plans", "_series")

    id: str
    title: str
    sources: dict[str, str]
    rules: tuple[Rule, ...]
    root: Root
    heading: str  # names the document: Markdown heading, calendar name
    conditions: dict[str, str]  # condition name -> what it means
    persistent_failure: PersistentFailure | None
    period: Period | None  # frameworks only: chosen by default for receipts in this period
    trigger: str  # what starts the timeline (an inadequate overall or key judgement)
    trigger_source: str  # "" when no public source proves the trigger: shown as unverified
    by_id: dict[str, Rule]
    patterns: tuple["Pattern", ...]
    _owners: dict[str, tuple[Rule, int | None]]  # memo of rule_of: a batch asks for the same ids
    # How each bound is computed and what each milestone says (``timeline.resolve``), per set of ids
    # given: made once per rule set.
    plans: dict[frozenset[str], Any]  # ``timeline.resolve.Shared``: plans and milestone shapes
    _series: dict[str, tuple[Rule, int] | None]  # memo of series_of, the same

    def __init__(
        self,
        id: str,
        title: str,
        sources: dict[str, str],
        rules: tuple[Rule, ...],
        root: Root = RECEIPT_ROOT,
        heading: str = "Ofsted inspection timeline",
        conditions: dict[str, str] | None = None,
        persistent_failure: PersistentFailure | None = None,
        period: Period | None = None,
        trigger: str = "",
        trigger_source: str = "",
    ) -> None:
        by_id = {rule.id: rule for rule in rules}
        values = (
            *(id, title, sources, rules, root, heading, {} if conditions is None else conditions),
            *(persistent_failure, period, trigger, trigger_source, by_id, _patterns(by_id)),
        )
        memos: tuple[dict[Any, Any], ...] = ({}, {}, {})  # _owners, plans, _series: filled as they are asked
        for name, value in zip(self.__slots__, (*values, *memos), strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a rule set is not changed once made (set {name}): use replace()")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a rule set is not changed once made (delete {name}): use replace()")

    def __repr__(self) -> str:
        return f"RuleSet({self.id!r}, {len(self.rules)} rules)"

    def replace(self, **changes: object) -> "RuleSet":
        """A copy with ``changes``, its lookups built anew."""
        unknown = set(changes) - set(self.FIELDS)
        if unknown:
            raise TypeError(f"RuleSet has no field {', '.join(sorted(unknown))}")
        return RuleSet(**{name: changes.get(name, getattr(self, name)) for name in self.FIELDS})  # type: ignore[arg-type]

    def get(self, rule_id: str) -> Rule:
        return self.by_id[rule_id]

    def rule_of(self, milestone_id: str) -> tuple[Rule, int | None]:
        """The rule behind a milestone id, and its number when it is an occurrence of a series."""
        found = self._owners.get(milestone_id)
        if found is None:
            series = self.series_of(milestone_id)
            found = self._owners[milestone_id] = series if series else (self.get(milestone_id), None)
        return found

    def series_of(self, milestone_id: str) -> tuple[Rule, int] | None:
        """The rule and number behind an occurrence id: ``mv4`` (a series), ``mv-report-4`` (a rule
        anchored on one). InputError when the number is past ``MAX_SERIES_NUMBER``."""
        if milestone_id in self._series:
            return self._series[milestone_id]
        found = None
        for pattern in self.patterns:
            number = pattern.number(milestone_id)
            if number is not None:
                found = pattern.rule, number
                break
        self._series[milestone_id] = found
        return found


class Pattern(NamedTuple):
    """The ids of one rule's numbered occurrences: ``prefix`` + n + ``suffix`` for n >= ``first``.

    A repeating rule names its own (``mv{n}``); a rule anchored on a series gets one date per
    occurrence, with ids ``<rule id>-{n}`` (``mv-report-3``), and those are milestone ids too.
    """

    rule: Rule
    prefix: str
    suffix: str
    first: int

    @property
    def text(self) -> str:
        return f"{self.prefix}{PLACEHOLDER}{self.suffix}"

    def number(self, milestone_id: str) -> int | None:
        """The occurrence number ``milestone_id`` names, or None when it is not one of these ids."""
        if not (milestone_id.startswith(self.prefix) and milestone_id.endswith(self.suffix)):
            return None
        middle = milestone_id[len(self.prefix) : len(milestone_id) - len(self.suffix)]
        if not (middle.isascii() and middle.isdigit()) or int(middle) < self.first:
            return None
        if len(middle) > len(str(MAX_SERIES_NUMBER)) or int(middle) > MAX_SERIES_NUMBER:
            raise InputError(f"'{milestone_id}': occurrences of {self.text} are numbered up to {MAX_SERIES_NUMBER}")
        return int(middle)


def _patterns(rules: dict[str, Rule]) -> tuple[Pattern, ...]:
    """Every rule's occurrence ids: its own series, or one per occurrence of the series it is anchored on."""
    patterns = []
    for rule in rules.values():
        if rule.repeat is not None:
            prefix, _, suffix = rule.repeat.id.partition(PLACEHOLDER)
            patterns.append(Pattern(rule, prefix, suffix, rule.repeat.first))
            continue
        series = next((rules[a] for a in rule.anchors if a in rules and rules[a].repeat is not None), None)
        if series is not None and series.repeat is not None:
            patterns.append(Pattern(rule, f"{rule.id}-", "", series.repeat.first))
    return tuple(patterns)

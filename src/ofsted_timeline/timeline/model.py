"""What a timeline is made of: milestones with their dates, how each bound was counted, and statuses."""

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from ..calendar import WorkingCalendar
from ..rules import Kind, Rule, RuleSet, Unit

if TYPE_CHECKING:
    from ..history.context import FromHistory

MAX_OCCURRENCES = 60  # projected occurrences of a series; every given one is listed too


class Code(StrEnum):
    """A status for scripts (see ``Status``): the same word in every output."""

    MET = "met"
    IN_WINDOW = "in-window"
    SCHEDULED = "scheduled"
    LATE = "late"
    EARLY = "early"
    LATER = "later"
    EARLIER = "earlier"
    OVERDUE = "overdue"
    PASSED = "passed"
    DUE_TODAY = "due-today"
    DUE = "due"
    UPCOMING = "upcoming"


class Side(StrEnum):
    """Which bound of a milestone: the first day of its window or its last (its deadline)."""

    EARLIEST = "earliest"
    LATEST = "latest"


ALERT_CODES = (Code.LATE, Code.EARLY, Code.OVERDUE)


class Step(NamedTuple):
    """How one bound of a milestone was computed: ``result`` = ``anchor_date`` + ``amount`` units."""

    anchor: str
    anchor_label: str
    anchor_date: dt.date
    amount: int
    unit: Unit
    unrolled: dt.date
    result: dt.date


class Shape(NamedTuple):
    """What a milestone of one rule and occurrence says alike in every timeline that shares its
    plans (a batch's rows with the same rule set and ids given): made once, in ``resolve.Resolver.shapes``."""

    id: str
    title: str
    basis: str
    window: bool  # a rule's window, or a series' occurrence counted from a given one
    notes: tuple[str, ...]  # the rule's note


class Status(NamedTuple):
    """``code`` for scripts, ``text`` and ``short`` for people (README, "Statuses").

    With a date given: ``met`` (done on or before a deadline), ``in-window`` (done inside
    a window), ``scheduled`` (set for a day still ahead, inside the rule), ``late`` (after
    the deadline or the window, done or planned) and ``early`` (before a window opens).
    Ofsted's and the DfE's dates given outside their usual window are ``later`` or ``earlier``:
    they set them, so neither is an alert. Only the authority's dates are ``late``, ``early``
    or ``overdue``. Without: ``overdue`` (the authority's statutory deadline passed),
    ``passed`` (any other), ``due-today``, ``due`` (a deadline ahead, or a window open now)
    and ``upcoming`` (a window not open yet).
    """

    code: Code
    text: str
    short: str  # the same in a few words, for a one-line view: "OVERDUE 9 wd", "met, 1 wd early"

    @property
    def alert(self) -> bool:
        """Late, early or overdue: what every output shows first and in red."""
        return self.code in ALERT_CODES


class Milestone(NamedTuple):
    id: str
    rule: Rule
    title: str
    earliest: dt.date
    latest: dt.date
    actual: dt.date | None
    basis: str
    status: Status
    steps: tuple[Step, ...]
    notes: tuple[str, ...] = ()
    projected: bool = False

    @property
    def kind(self) -> Kind:
        return self.rule.kind

    @property
    def times(self) -> tuple[str, str]:
        """Times of day of the earliest and latest date ("16:00"), or "" when the rule gives none."""
        return self.rule.earliest.time, self.rule.latest.time


# What gives each date a rule may need (an ``Undated``'s ``needs``), in words; the terminal adds the option.
NEEDS = {"reinspection": "the first day of re-inspection fieldwork"}


class Undated(NamedTuple):
    """A rule that cannot be dated yet because it needs an actual date nobody has given."""

    id: str
    title: str
    needs: str


class Skipped(NamedTuple):
    """A rule left out because a condition holds (the first visit's report is not published)."""

    id: str
    title: str
    reason: str


class Timeline(NamedTuple):
    """``start`` is the root day the rule set counts from (``rule_set.root``): for ``deadlines``
    the day the report was received, for ``visit`` the first on-site day, and so on."""

    start: dt.date
    as_of: dt.date
    rule_set: RuleSet
    calendar: WorkingCalendar
    milestones: tuple[Milestone, ...]
    undated: tuple[Undated, ...] = ()
    notes: tuple[str, ...] = ()
    authority: str | None = None
    not_applicable: tuple[Skipped, ...] = ()  # rules left out by a condition, said in the output
    start_note: str = ""  # also in notes: the root day (day 0) is not a working day
    persistent_failure: str = ""  # also in notes: the DfE's definition is met
    persistent_judgements: tuple[dt.date, ...] = ()  # when it is met: the judgements it counts, this one last
    framework_reason: str = ""  # also in notes: why this rule set was chosen
    history: "FromHistory | None" = None  # what the inspection history said to it
    history_notes: tuple[str, ...] = ()  # also in notes: what the history says, in full
    glance_notes: tuple[str, ...] = ()  # the history's notes a line each, for the ten-second view

    @property
    def glance(self) -> tuple[str, ...]:
        """The notes of the view read in ten seconds: the history's in short."""
        return tuple(note for note in self.notes if note not in self.history_notes) + self.glance_notes

    def milestone(self, milestone_id: str) -> Milestone:
        for milestone in self.milestones:
            if milestone.id == milestone_id:
                return milestone
        raise KeyError(milestone_id)

"""What a timeline takes from the inspection history, as values: the inspections, episodes,
practice figures, windows and back-tests, and an authority's record.

Kept apart from the modules that work them out (``records``, ``episode``, ``figures``,
``forecast``, ``context``) so that a timeline, whose history comes worked out with the data
(``as_built``), imports these and not those. Named tuples: immutable, compared and hashed by
value like the frozen dataclasses they were, and about ten times cheaper to define (0.04-0.1 ms
a class against 0.45-1.3 ms), which every ``oftl`` run pays for; without ``from __future__
import annotations``, whose string annotations a named tuple compiles one by one. Unlike the
dataclasses they iterate, unpack and equal a plain tuple of the same values: nothing relies on
either, and ``scripts/build_history.py`` writes them by their fields.

>>> import datetime as dt
>>> day = dt.date(2017, 7, 7)
>>> barnet = Inspection("Barnet", "80487", "302", "sif", None, None, day, "inadequate", leaders="inadequate")
>>> barnet.family, barnet.inadequate, barnet.key_judgements
('sif', True, {'leaders': 'inadequate'})
"""

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from ..dates import DAYS_PER_MONTH

if TYPE_CHECKING:
    from ..rules import RuleSet

__all__ = [
    "FAMILIES",
    "FAMILY_TITLE",
    "FRAMEWORKS",
    "GRADES",
    "HORIZON_WORDS",
    "HORIZON_YEARS",
    "ILACS_2018",
    "ILACS_2026",
    "INADEQUATE",
    "KEY_JUDGEMENTS",
    "OPEN",
    "REINSPECTED",
    "REORGANISED",
    "SIF",
    "AuthorityRecord",
    "Backtest",
    "Episode",
    "FromHistory",
    "InPractice",
    "Inspection",
    "Practice",
    "PracticeWindow",
    "Reorganisation",
    "Spread",
    "Trial",
    "Worded",
    "family",
]

# Frameworks as the data file names them. "ilacs" is ILACS whose type neither the report
# nor the CSV states (two reports whose fieldwork ran in two parts).
FRAMEWORKS = ("sif", "sif-reinspection", "ilacs-standard", "ilacs-short", "ilacs", "ilacs-2026")
# Families: the rule sets practice is compared with. SIF (2013-2018, re-inspections included);
# ILACS from January 2018; ILACS from April 2026, which gives no overall grade.
SIF, ILACS_2018, ILACS_2026 = "sif", "ilacs-2018", "ilacs-2026"
FAMILIES = (SIF, ILACS_2018, ILACS_2026)
FAMILY_TITLE = {SIF: "SIF", ILACS_2018: "ILACS", ILACS_2026: "ILACS from April 2026"}
_FAMILY = {
    "sif": SIF,
    "sif-reinspection": SIF,
    "ilacs-standard": ILACS_2018,
    "ilacs-short": ILACS_2018,
    "ilacs": ILACS_2018,
    "ilacs-2026": ILACS_2026,
}
GRADES = ("outstanding", "good", "requires improvement", "inadequate")
INADEQUATE = "inadequate"
# leaders: impact of leaders (SIF: leadership, management and governance); in_care: children
# looked after / in care (ILACS before 2023: one judgement with care leavers); care_leavers:
# judged apart (SIF 2.2; ILACS from January 2023); adoption: SIF 2.1 only.
KEY_JUDGEMENTS = ("leaders", "help_and_protection", "in_care", "care_leavers", "adoption")
# How an episode ended: re-inspected, still open, or its authority abolished first.
REINSPECTED, OPEN, REORGANISED = "re-inspected", "open", "reorganised"
HORIZON_YEARS = 2  # the handbook's "usually within two years" of the action plan
HORIZON_WORDS = "within two years"  # HORIZON_YEARS as every output says it


def family(framework: str) -> str:
    """The family of a framework, or of a family name itself.

    >>> family("sif-reinspection"), family("ilacs-short"), family("ilacs-2018")
    ('sif', 'ilacs-2018', 'ilacs-2018')
    """
    if framework in FAMILIES:
        return framework
    try:
        return _FAMILY[framework]
    except KeyError:
        raise ValueError(f"unknown framework {framework!r}: one of {', '.join(FRAMEWORKS + FAMILIES)}") from None


class Inspection(NamedTuple):
    """One inspection: what its report says, and where that came from. "" where not stated."""

    authority: str
    urn: str
    la_code: str
    framework: str
    fieldwork_start: dt.date | None
    fieldwork_end: dt.date | None
    published: dt.date
    overall: str
    leaders: str = ""
    help_and_protection: str = ""
    in_care: str = ""
    care_leavers: str = ""
    adoption: str = ""
    source: str = ""
    link: str = ""
    citation: str = ""
    note: str = ""

    @property
    def family(self) -> str:
        return family(self.framework)

    @property
    def key_judgements(self) -> dict[str, str]:
        """The key judgements the report gives, by column name."""
        return {name: grade for name in KEY_JUDGEMENTS if (grade := getattr(self, name))}

    @property
    def inadequate(self) -> bool:
        """Judged inadequate overall; under ILACS 2026, which has no overall grade, any
        inadequate key judgement (the trigger FRAMEWORKS.md expects, not yet confirmed)."""
        if self.framework == "ilacs-2026" and not self.overall:
            return INADEQUATE in self.key_judgements.values()
        return self.overall == INADEQUATE


class Reorganisation(NamedTuple):
    """Authorities abolished on one day and the authorities that replaced them."""

    on: dt.date
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    source: str


class Episode(NamedTuple):
    """An inadequate judgement and what followed: re-inspected, still open, or ended by
    reorganisation. ``end`` is the next inspection's first day of fieldwork, ``as_of`` for an
    open episode, the abolition day for a reorganised one; None where the next inspection's
    fieldwork dates are not known."""

    judgement: Inspection
    following: Inspection | None
    status: str
    end: dt.date | None
    as_of: dt.date
    reorganisation: Reorganisation | None = None

    @property
    def authority(self) -> str:
        return self.judgement.authority

    @property
    def family(self) -> str:
        """The framework family of the inadequate judgement."""
        return self.judgement.family

    @property
    def days(self) -> int | None:
        """Days from the inadequate report's publication to ``end``."""
        return None if self.end is None else (self.end - self.judgement.published).days

    @property
    def months(self) -> float | None:
        return None if self.days is None else self.days / DAYS_PER_MONTH


class Spread(NamedTuple):
    """Minimum, quartiles, median and maximum, in months."""

    minimum: float
    lower_quartile: float
    median: float
    upper_quartile: float
    maximum: float


class Practice(NamedTuple):
    """The national picture for one framework family on ``as_of``."""

    family: str
    as_of: dt.date | None  # None with no episode at all
    closed: tuple[Episode, ...]
    open: tuple[Episode, ...]
    reorganised: tuple[Episode, ...]
    months: Spread | None
    within_two_years: int
    decided: int

    @property
    def n(self) -> int:
        """Closed episodes whose length is known: the count behind the quartiles."""
        return len(self.closed)

    @property
    def share_within_two_years(self) -> float | None:
        return self.within_two_years / self.decided if self.decided else None

    @property
    def years(self) -> tuple[int, int] | None:
        """First and last year of the closed episodes (judgement published, re-inspection begun)."""
        if not self.closed:
            return None
        return min(e.judgement.published.year for e in self.closed), max(e.end.year for e in self.closed if e.end)


class PracticeWindow(NamedTuple):
    """Where re-inspection may fall: ``low_days`` to ``high_days`` after the inadequate report's
    publication, drawn from the episodes of ``basis`` as known on ``known_to``: ``n`` closed,
    ``censored`` still open (or ended by reorganisation). ``held`` of the ``n`` closed fell
    inside. ``reached`` is False when the upper percentile was not reached and the window ends at
    the longest wait seen. ``open_beyond`` counts open episodes already longer than the window."""

    family: str
    basis: tuple[str, ...]
    low_days: int
    high_days: int
    percentiles: tuple[int, int]
    held: int
    n: int
    censored: int
    years: tuple[int, int]
    open_beyond: int
    reached: bool
    known_to: dt.date
    source: str

    @property
    def low_months(self) -> float:
        return self.low_days / DAYS_PER_MONTH

    @property
    def high_months(self) -> float:
        return self.high_days / DAYS_PER_MONTH

    @property
    def width_months(self) -> float:
        return (self.high_days - self.low_days) / DAYS_PER_MONTH

    @property
    def records(self) -> str:
        """``SIF and ILACS episodes``: the records the window is drawn from."""
        return f"{' and '.join(FAMILY_TITLE[f] for f in self.basis)} episodes"

    def opens(self, published: dt.date) -> dt.date:
        return published + dt.timedelta(days=self.low_days)

    def closes(self, published: dt.date) -> dt.date:
        return published + dt.timedelta(days=self.high_days)


class Trial(NamedTuple):
    """One closed episode and the window drawn as of its inadequate report's publication."""

    episode: Episode
    window: PracticeWindow | None

    @property
    def held(self) -> bool | None:
        """The re-inspection began inside the window; None without a window."""
        if self.window is None or self.episode.days is None:
            return None
        return self.window.low_days <= self.episode.days <= self.window.high_days


class Backtest(NamedTuple):
    """The windows' track record for one family: every closed episode's trial."""

    family: str
    trials: tuple[Trial, ...]

    @property
    def held(self) -> int:
        return sum(1 for t in self.trials if t.held)

    @property
    def of(self) -> int:
        """Trials with a window (the others had too few closed episodes before them)."""
        return sum(1 for t in self.trials if t.window is not None)

    @property
    def without(self) -> int:
        return len(self.trials) - self.of

    @property
    def mean_width_months(self) -> float | None:
        widths = [t.window.width_months for t in self.trials if t.window is not None]
        return sum(widths) / len(widths) if widths else None


SOURCE = "Ofsted inspection reports"


class InPractice(NamedTuple):
    """What happened after inadequate judgements under one framework family.

    ``figures`` are the family's own, or, for a family with no closed episode yet (ILACS
    from April 2026), those of the family its window is drawn from (``drawn_from``).
    ``window`` is drawn from all that was known on ``known_to`` (``forecast``), None with too
    few closed episodes; ``backtest`` is how windows drawn that way did for every episode
    closed by then. ``known_to`` is the last publication the figures know: the as-of day, or
    the data's last publication when that is earlier."""

    family: str
    figures: Practice
    window: PracticeWindow | None
    backtest: Backtest
    known_to: dt.date
    built: dt.date | None
    source: str = SOURCE

    @property
    def drawn_from(self) -> str:
        return self.figures.family

    @property
    def title(self) -> str:
        return FAMILY_TITLE[self.family]


class AuthorityRecord(NamedTuple):
    """An authority name as given, matched to the history (``name`` None when it is not in
    it, with ``suggestions``, and a ``note`` when reorganisation replaced it), and what the
    history knows for a timeline counted from one of its judgements: that judgement
    (``received_judgement``), the earlier inadequate ones (publication days) and, when the
    judgement has been followed by another inspection, that one."""

    query: str
    name: str | None
    known_to: dt.date  # the last publication known: the as-of day, or the data's last publication
    known_from: dt.date  # the data's first publication: nothing earlier is in it
    note: str = ""
    suggestions: tuple[str, ...] = ()
    earlier_inadequate: tuple[dt.date, ...] = ()
    judgement: Inspection | None = None
    following: Inspection | None = None


class Worded:
    """What the timelines given one family's figures by one history (a batch's rows) say of
    them, per rule set: worded once (``timeline.practice``), with the rule set whose window is
    drawn from practice, which they then share with its resolution plans. A memo the history
    hands out beside the figures, so that no value carries one: any two are equal, and it never
    makes two ``FromHistory`` unequal."""

    __slots__ = ("_said",)

    def __init__(self) -> None:
        self._said: dict[RuleSet, tuple[str, str, str, RuleSet]] = {}

    def once(
        self, rule_set: "RuleSet", word: Callable[[], tuple[str, str, str, "RuleSet"]]
    ) -> tuple[str, str, str, "RuleSet"]:
        """What ``word()`` says for ``rule_set``, worked out the first time it is asked."""
        if rule_set not in self._said:
            self._said[rule_set] = word()
        return self._said[rule_set]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Worded)

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "Worded()"


class FromHistory(NamedTuple):
    """Everything a timeline takes from the history (``Request.history``); ``worded``: where
    the timelines sharing these figures keep what they say of them (None: each words its own)."""

    practice: InPractice | None
    authority: AuthorityRecord | None = None
    worded: Worded | None = None

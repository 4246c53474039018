"""The record beside the rule: what the inspection history gives a timeline (pure).

The shell reads the history and passes what it says in the request (``FromHistory``); this
module applies it. The re-inspection milestone gets an "in practice" note for its framework.
Where no public source proves the re-inspection's timing (the rule is marked unverified, as
under ILACS), the window comes from practice instead, marked as such: so many days after the
day counted from, the receipt standing in for the publication the history counts from. An
authority the history knows brings its earlier inadequate judgements (for the persistent-
failure check) and, once the episode has closed, the day its re-inspection really began.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from ..dates import DAYS_PER_MONTH, format_day
from ..rules import Offset, Rule, RuleSet, Unit

if TYPE_CHECKING:
    from ..history.model import AuthorityRecord, FromHistory, InPractice, Worded

REINSPECTION = "reinspection"  # the milestone practice is set beside


class Applied(NamedTuple):
    """A rule set and dates with the history applied, and what the output must say about it
    (a NamedTuple like the timeline's other values: a dataclass takes three times as long to define)."""

    rule_set: RuleSet
    actuals: dict[str, dt.date]
    earlier_inadequate: tuple[dt.date, ...]
    notes: tuple[str, ...]
    glance: tuple[str, ...]  # the same, a line each, for the view read in ten seconds
    milestone_notes: dict[str, tuple[str, ...]]  # rule id -> notes its milestones carry besides the rule's


def apply_history(rule_set: RuleSet, actuals: Mapping[str, dt.date], history: FromHistory) -> Applied:
    """The practice and the authority's record applied to a timeline with the dates ``actuals``."""
    notes: list[str] = []
    glance: list[str] = []
    beside: dict[str, tuple[str, ...]] = {}
    if history.practice is not None and REINSPECTION in rule_set.by_id:
        text, line, sentence, rule_set = _worded(rule_set, history.practice, history.worded)
        notes.append(f"Re-inspection: {text}")
        glance.append(line)
        beside[REINSPECTION] = (sentence,)
    dates = dict(actuals)
    earlier: tuple[dt.date, ...] = ()
    record = history.authority
    if record is not None:
        notes.extend(_match_notes(record))
        glance.extend(_match_notes(record, short=True))
        earlier = record.earlier_inadequate if rule_set.persistent_failure is not None else ()
        if record.earlier_inadequate and rule_set.persistent_failure is None:
            days = ", ".join(format_day(day) for day in record.earlier_inadequate)
            notes.append(
                f"Inspection history: {record.name}'s earlier inadequate judgements ({days}) are not judged: "
                f"{rule_set.id} states no definition of persistent failure."
            )
        said, taken = _reinspection_from_history(record, rule_set, dates.get(REINSPECTION))
        notes.extend(said)
        if taken is not None:
            dates[REINSPECTION] = taken
            glance.append(f"Re-inspection began {format_day(taken)}: from the inspection history.")
    return Applied(rule_set, dates, earlier, tuple(notes), tuple(glance), beside)


def _worded(rule_set: RuleSet, practice: InPractice, worded: Worded | None) -> tuple[str, str, str, RuleSet]:
    """What practice says beside the re-inspection rule (notes, glance, the milestone's line),
    and the rule set with the rule's window from practice where it takes one: made once per rule
    set and kept in ``worded``, which every timeline given these figures by one history (a batch)
    shares, so that they share one rule set (and its resolution plans) too."""
    if worded is None:
        return _wording(rule_set, practice)
    return worded.once(rule_set, lambda: _wording(rule_set, practice))


def _wording(rule_set: RuleSet, practice: InPractice) -> tuple[str, str, str, RuleSet]:
    rule = rule_set.get(REINSPECTION)
    said = (practice_text(rule, rule_set, practice), practice_glance(rule, practice), practice_sentence(practice))
    if not uses_window(rule, practice):
        return (*said, rule_set)
    changed = _practice_rule(rule, rule_set, practice)
    rules = tuple(changed if other.id == changed.id else other for other in rule_set.rules)
    return (*said, rule_set.replace(rules=rules))


def uses_window(rule: Rule, practice: InPractice) -> bool:
    """Practice gives the window where no public source proves the rule's timing."""
    return rule.unverified and practice.window is not None


def practice_text(rule: Rule, rule_set: RuleSet, practice: InPractice) -> str:
    """What practice says beside the rule: the window drawn from it, where it gives one, and
    the "in practice" figures."""
    if not uses_window(rule, practice):
        return practice_sentence(practice)
    return f"{window_sentence(rule_set, practice)} {practice_sentence(practice)}"


def _practice_rule(rule: Rule, rule_set: RuleSet, practice: InPractice) -> Rule:
    """The rule with its window from practice: days after the root, its provenance practice."""
    window = practice.window
    assert window is not None
    low, high = window.percentiles
    provenance = (
        f"{low}th–{high}th percentile (Kaplan–Meier) of {window.n} closed and {window.censored} open "
        f"{window.records}, known to {format_day(window.known_to)}"
    )
    root = rule_set.root.id
    return rule._replace(
        earliest=Offset(root, window.low_days, Unit.DAYS),
        latest=Offset(root, window.high_days, Unit.DAYS),
        source=f"Practice: {window.source}",
        unverified=False,
        practice=provenance,
        note=f"{window_sentence(rule_set, practice)} The rules' own source: {rule.source}.",
    )


def _title(family: str) -> str:
    from ..history.model import FAMILY_TITLE

    return FAMILY_TITLE.get(family, family)


def window_sentence(rule_set: RuleSet, practice: InPractice) -> str:
    """The window drawn from practice, how, and from what."""
    window = practice.window
    assert window is not None
    low, high = window.percentiles
    text = (
        f"Window from practice, {window.low_months:.1f}–{window.high_months:.1f} months "
        f"({window.low_days}–{window.high_days} days) after the inadequate report's publication: the {low}th–{high}th "
        f"percentiles (Kaplan–Meier) of {window.n} closed and {window.censored} open {window.records} known to "
        f"{format_day(window.known_to)}, each open one a wait of at least its length so far; {window.held} of the "
        f"{window.n} closed fell inside. No public source gives the timing under {rule_set.id}; the report's receipt "
        "stands in for its publication."
    )
    if window.basis != (practice.family,):
        drawn = " and ".join(_title(f) for f in window.basis if f != practice.family)
        text += f" {practice.title} has too few closed episodes of its own, so the {drawn} record is drawn on too."
    if not window.reached:
        text += f" Too many are still open for the {high}th percentile: the window ends at the longest wait seen."
    if window.open_beyond:
        many = window.open_beyond != 1
        text += f" {window.open_beyond} open episode{'s have' if many else ' has'} already run longer."
    return text


def backtest_sentence(practice: InPractice) -> str:
    """How windows from practice did, each drawn as of its inadequate report's publication."""
    test = practice.backtest
    title = _title(test.family)
    if not test.of:
        before = f": the {test.without} closed had too few closed episodes before them" if test.without else ""
        return f"No {title} re-inspection has yet tested a window from practice{before}."
    width = test.mean_width_months or 0.0
    without = f"; {test.without} more had too few closed episodes before them for a window" if test.without else ""
    return (
        f"Windows from practice drawn this way, each from what was known when its inadequate report was published, "
        f"held {test.held} of {test.of} later {title} re-inspections (mean width {width:.1f} months){without}."
    )


def practice_glance(rule: Rule, practice: InPractice) -> str:
    """The "in practice" figures in 80 columns where no window is drawn (the full sentences are
    in the notes): the day they are known to, and the open episodes beside n."""
    figures = practice.figures
    spread = figures.months
    day = practice.known_to
    said = f"In practice to {day.day} {day:%b %Y}: "
    if spread is None:
        said += f"no {_title(figures.family)} re-inspection yet, {len(figures.open)} open"
    else:
        low, high = spread.minimum, spread.maximum
        said += f"n={figures.n} re-inspected in {low:.1f}–{high:.1f} months, {len(figures.open)} open"
    if uses_window(rule, practice):
        test, window = practice.backtest, practice.window
        assert window is not None
        tested = f"such windows held {test.held} of {test.of}" if test.of else "not yet tested"
        said += f"; window (~) from {window.records}, {tested}"
    return said + "."


def practice_sentence(practice: InPractice) -> str:
    """The "in practice" line: how many, the range and median counted from publication, the
    windows' track record, the source."""
    from ..history.model import HORIZON_WORDS  # here: the history is loaded when it speaks

    figures = practice.figures
    built = f", built {format_day(practice.built)}" if practice.built else ""
    known = format_day(practice.known_to)
    source = f"Source: {practice.source} published to {known} (oftl's inspection history{built})."
    waiting = ""
    if figures.open:
        longest = max((e.days or 0) for e in figures.open) / DAYS_PER_MONTH
        on = format_day(figures.open[0].as_of)
        waiting = f"; {len(figures.open)} open on {on}, the longest {longest:.1f} months"
    title = _title(figures.family)
    none_yet = f"; none yet under {practice.title}" if practice.drawn_from != practice.family else ""
    tested = backtest_sentence(practice)
    if figures.months is None or figures.years is None:
        return (
            f"In practice ({title}{none_yet}): no re-inspection after an inadequate judgement yet{waiting}. "
            f"{tested} {source}"
        )
    spread, (first, last) = figures.months, figures.years
    return (
        f"In practice ({figures.n} {title} episodes, {first}–{last}{none_yet}): re-inspection fieldwork began "
        f"{spread.minimum:.1f}–{spread.maximum:.1f} months after the inadequate report's publication, median "
        f"{spread.median:.1f}; {figures.within_two_years} of {figures.decided} {HORIZON_WORDS}{waiting}. "
        f"{tested} {source}"
    )


def _match_notes(record: AuthorityRecord, short: bool = False) -> list[str]:
    if record.name is None:
        maybe = f" (did you mean {' or '.join(record.suggestions)}?)" if record.suggestions else ""
        why = f": {record.note}" if record.note and not short else ""
        after = "" if short else "; nothing is taken from it (earlier judgements, re-inspection)"
        return [f"Inspection history: no authority {record.query.strip()!r}{maybe}{why}{after}."]
    if record.name != record.query.strip() and not short:
        return [f"Inspection history: {record.query.strip()!r} is {record.name}."]
    return []


def _reinspection_from_history(
    record: AuthorityRecord, rule_set: RuleSet, given: dt.date | None
) -> tuple[list[str], dt.date | None]:
    """What the history says of the day the re-inspection began, and that day when it is to be
    taken as given: when the history has it and no date was ``given`` by hand (a date given
    wins, and a difference is said); else why the history cannot say."""
    if record.name is None or REINSPECTION not in rule_set.by_id:
        return [], None
    judgement, following = record.judgement, record.following
    if judgement is None:
        return [], None
    if following is None:
        return [
            f"Inspection history: no re-inspection of {record.name} after this report (published "
            f"{format_day(judgement.published)}) in the reports published to {format_day(record.known_to)}."
        ], None
    began = following.fieldwork_start
    cited = following.citation or f"published {format_day(following.published)}"
    if began is None:
        return [
            f"Inspection history: {record.name} was re-inspected ({cited}); its first day of fieldwork is unknown."
        ], None
    months = (began - judgement.published).days / DAYS_PER_MONTH
    text = (
        f"Inspection history: {record.name}'s re-inspection began {format_day(began)}, {months:.1f} months after "
        f"this report's publication ({cited}: {following.overall or 'no overall grade'})"
    )
    if given is None:
        return [text + "; taken as its date."], began
    if given != began:
        return [text + f"; the date given, {format_day(given)}, is used."], None
    return [text + "."], None

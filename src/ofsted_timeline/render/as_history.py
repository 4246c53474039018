"""``oftl history`` as JSON, the sentences every format of it shares, and the history's part
of a timeline's JSON (CSV and Markdown: ``history_sheets``; the terminal: ``history_table``).

Months are days / ``DAYS_PER_MONTH`` (30.4375), to one decimal as every output prints them; days are exact.
Each episode and inspection carries its report's citation, so every figure can be traced.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from ..dates import DAYS_PER_MONTH, format_day

if TYPE_CHECKING:
    from ..history import (
        AuthorityView,
        Backtest,
        DataFacts,
        Episode,
        FromHistory,
        InPractice,
        Inspection,
        National,
        PracticeWindow,
        Trial,
    )

MONTHS = ("minimum", "lower_quartile", "median", "upper_quartile", "maximum")


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def month(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# -- sentences every format shares ----------------------------------------------------------


def data_sentence(data: DataFacts) -> str:
    built = f"built {format_day(data.built)}" if data.built else "build date not stated"
    first, last = data.years
    return (
        f"Data: {data.inspections} Ofsted inspections published {first}–{last}, the last on "
        f"{format_day(data.last_published)} (oftl's inspection history, {built})."
    )


def as_of_sentence(data: DataFacts) -> str:
    if data.beyond_data:
        return (
            f"Open episodes are counted to the data's last publication, {format_day(data.last_published)}, not to "
            f"{format_day(data.as_of)}: the data cannot show what happened since, and an episode open here may "
            "have closed."
        )
    return f"The history as it stood on {format_day(data.as_of)}: reports published later are left out."


COUNTING = (
    "Months from the inadequate report's publication to the first day of the next inspection's fieldwork "
    f"(days / {DAYS_PER_MONTH}); quartiles interpolated as QUARTILE.INC; open episodes are left out of them.",
    "Within two years: the next inspection's fieldwork began by the second anniversary of publication (the "
    "handbook counts its 'usually within two years' from the action plan, whose date the reports do not give); "
    "of the episodes whose answer is known.",
    "Window from practice: the 10th to 90th percentiles of the time to re-inspection, estimated by Kaplan–Meier "
    "(an open episode is a wait of at least its length so far, not left out), from the framework's own episodes "
    "once it has 10 closed, before that with its predecessor's (ILACS: SIF; ILACS from April 2026: ILACS); none "
    "from fewer than 5 closed. Where too many are open for the 90th percentile, it ends at the longest wait seen.",
    "Back-test: for each closed episode, the window drawn from what was known on its inadequate report's "
    "publication; held when the re-inspection's fieldwork began inside it. SIF timelines keep the handbook's rule "
    "and show the window beside it; ILACS timelines use the window.",
)


def national_notes(view: National) -> list[str]:
    reorganised = [e for family in view.families for e in family.figures.reorganised]
    notes = [data_sentence(view.data), as_of_sentence(view.data), *COUNTING]
    if reorganised:
        ended = ", ".join(f"{e.authority} ({format_day(e.judgement.published)})" for e in reorganised)
        notes.append(f"Ended by reorganisation before any re-inspection, left out of the figures: {ended}.")
    return notes


def window_text(family: InPractice, short: bool = False) -> str:
    """The family's window from practice and how often such windows held; ``short`` for a
    table cell ("none", "n of m")."""
    window = family.window
    if window is None:
        return "none" if short else "none: too few closed episodes"
    held = f"{window.held} of {window.n}" if short else f"held {window.held} of {window.n}"
    text = f"{window.low_months:.1f}–{window.high_months:.1f} months, {held}"
    return text if window.basis == (family.family,) else f"{text} ({window.records})"


def untested_text(view: National) -> str:
    """The closed episodes the back-test could not try, which its table leaves out."""
    counts = [f"{family.backtest.without} {family.title}" for family in view.families if family.backtest.without]
    if not counts:
        return ""
    return f"No window as of publication (fewer than 5 closed episodes before them): {', '.join(counts)} episodes."


def backtest_text(test: Backtest) -> str:
    """``9 of 21, mean width 18.1 months``: the back-test in a cell."""
    if not test.of:
        return f"not yet tested ({test.without} without a window)" if test.without else "not yet tested"
    text = f"{test.held} of {test.of}, mean width {test.mean_width_months or 0:.1f} months"
    return f"{text} ({test.without} without a window)" if test.without else text


def open_months(episode: Episode) -> float:
    return (episode.days or 0) / DAYS_PER_MONTH


# -- records (JSON objects, CSV rows) --------------------------------------------------------


def inspection_record(record: Inspection) -> dict[str, Any]:
    return {
        "authority": record.authority,
        "urn": record.urn or None,
        "la_code": record.la_code or None,
        "framework": record.framework,
        "fieldwork_start": iso(record.fieldwork_start),
        "fieldwork_end": iso(record.fieldwork_end),
        "published": iso(record.published),
        "overall": record.overall or None,
        "key_judgements": record.key_judgements,
        "citation": record.citation or None,
        "link": record.link or None,
    }


def within_two_years(episode: Episode) -> bool | None:
    """Re-inspected by the second anniversary of publication; None while that is not known."""
    from ..history import REINSPECTED, two_years_after

    horizon = two_years_after(episode.judgement.published)
    if episode.end is None:
        return None
    if episode.status == REINSPECTED:
        return episode.end <= horizon
    return False if episode.end > horizon else None


def episode_record(episode: Episode) -> dict[str, Any]:
    following = episode.following
    return {
        "authority": episode.authority,
        "urn": episode.judgement.urn or None,
        "framework": episode.judgement.framework,
        "family": episode.family,
        "inadequate_published": iso(episode.judgement.published),
        "status": episode.status,
        "ended": iso(episode.end),
        "days": episode.days,
        "months": month(episode.months),
        "within_two_years": within_two_years(episode),
        "citation": episode.judgement.citation or None,
        "next_citation": following.citation or None if following else None,
    }


def practice_record(family: InPractice, open_listed: bool = False) -> dict[str, Any]:
    """One family's figures; ``open_listed`` lists its open episodes (else counts them)."""
    figures = family.figures
    spread = figures.months
    window = family.window
    return {
        "framework": family.family,
        "title": family.title,
        "drawn_from": family.drawn_from,
        "closed_episodes": figures.n,
        "years": list(figures.years) if figures.years else None,
        "months_from_publication": None if spread is None else {k: month(getattr(spread, k)) for k in MONTHS},
        "within_two_years": figures.within_two_years,
        "decided": figures.decided,
        "open_episodes": [episode_record(e) for e in figures.open] if open_listed else len(figures.open),
        "reorganised_episodes": len(figures.reorganised),
        "window": None if window is None else window_record(window),
        "backtest": {"held": family.backtest.held, "of": family.backtest.of, "without_window": family.backtest.without},
        "source": family.source,
        "known_to": iso(family.known_to),
        "data_built": iso(family.built),
    }


def window_record(window: PracticeWindow) -> dict[str, Any]:
    return {
        "from_days": window.low_days,
        "to_days": window.high_days,
        "from_months": month(window.low_months),
        "to_months": month(window.high_months),
        "percentiles": list(window.percentiles),
        "method": "Kaplan–Meier, open episodes censored",
        "held": window.held,
        "of": window.n,
        "open": window.censored,
        "percentile_reached": window.reached,
        "years": list(window.years),
        "open_beyond": window.open_beyond,
        "basis": list(window.basis),
        "known_to": iso(window.known_to),
    }


def trial_record(trial: Trial) -> dict[str, Any]:
    episode, window = trial.episode, trial.window
    return {
        "authority": episode.authority,
        "urn": episode.judgement.urn or None,
        "inadequate_published": iso(episode.judgement.published),
        "reinspection_began": iso(episode.end),
        "days": episode.days,
        "months": month(episode.months),
        "window": None
        if window is None
        else {
            "from_days": window.low_days,
            "to_days": window.high_days,
            "from_months": month(window.low_months),
            "to_months": month(window.high_months),
            "basis": list(window.basis),
            "closed": window.n,
            "open": window.censored,
        },
        "held": trial.held,
    }


def backtest_record(test: Backtest) -> dict[str, Any]:
    width = test.mean_width_months
    return {
        "held": test.held,
        "of": test.of,
        "without_window": test.without,
        "mean_width_months": None if width is None else round(width, 1),
        "episodes": [trial_record(trial) for trial in test.trials],
    }


def from_history_record(history: FromHistory) -> dict[str, Any]:
    """The history's part of a timeline's JSON: ``in_practice`` and ``inspection_history``."""
    record = history.authority
    authority = None
    if record is not None:
        authority = {
            "query": record.query,
            "authority": record.name,
            "suggestions": list(record.suggestions),
            "note": record.note or None,
            "earlier_inadequate": [iso(day) for day in record.earlier_inadequate],
            "judgement": inspection_record(record.judgement) if record.judgement else None,
            "reinspection": inspection_record(record.following) if record.following else None,
            "known_to": iso(record.known_to),
        }
    practice = None if history.practice is None else practice_record(history.practice)
    return {"in_practice": practice, "inspection_history": authority}


def _data_record(data: DataFacts) -> dict[str, Any]:
    return {
        "built": iso(data.built),
        "inspections": data.inspections,
        "years": list(data.years),
        "last_published": iso(data.last_published),
    }


# -- documents -------------------------------------------------------------------------------


def national_json(view: National) -> str:
    document = {
        "as_of": iso(view.data.as_of),
        "data": _data_record(view.data),
        "frameworks": [practice_record(family, open_listed=True) for family in view.families],
        "backtest": {family.family: backtest_record(family.backtest) for family in view.families},
        "episodes": [episode_record(e) for e in view.episodes],
        "notes": national_notes(view),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def authority_json(view: AuthorityView) -> str:
    first = view.inspections[0] if view.inspections else None
    definition = view.definition
    document = {
        "as_of": iso(view.data.as_of),
        "data": _data_record(view.data),
        "query": view.match.query,
        "authority": view.name,
        "urn": first.urn if first else None,
        "la_code": first.la_code if first else None,
        "inspections": [inspection_record(r) for r in view.inspections],
        "episodes": [episode_record(e) for e in view.episodes],
        "persistent_failure": {
            "definition": definition._asdict(),
            "met": bool(view.persistent_failure),
            "runs": [[iso(day) for day in run] for run in view.persistent_failure],
        },
        "notes": authority_notes(view),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def persistent_sentence(view: AuthorityView) -> str:
    definition = view.definition
    rule = f"{definition.judgements} inadequate judgements within {definition.years} years ({definition.source})"
    if not view.persistent_failure:
        if view.unseen:
            days = ", ".join(format_day(day) for day in view.unseen)
            first = format_day(view.data.first_published)
            return (
                f"Persistent failure, {rule}: not met in the history, which starts {first}: a judgement before "
                f"then, within {view.definition.years} years of the one published {days}, would not be in it."
            )
        return f"Persistent failure, {rule}: not met."
    runs = "; ".join(", ".join(format_day(day) for day in run) for run in view.persistent_failure)
    return f"Persistent failure, {rule}: met, by the judgements published {runs}."


def authority_notes(view: AuthorityView) -> list[str]:
    notes = [persistent_sentence(view), data_sentence(view.data), as_of_sentence(view.data), COUNTING[0]]
    if view.match.note:
        notes.append(view.match.note)
    return notes

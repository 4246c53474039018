"""``oftl history`` as CSV, for spreadsheets (one row per episode, or per inspection of one
authority), and as Markdown, for papers (the figures' table, or one authority's record)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ...dates import format_day
from ...escape import as_text
from ...history.figures import HORIZON_WORDS
from ..as_history import (
    MONTHS,
    authority_notes,
    backtest_text,
    episode_record,
    inspection_record,
    iso,
    month,
    national_notes,
    open_months,
    untested_text,
    window_text,
    within_two_years,
)

if TYPE_CHECKING:
    from ...history import AuthorityView, Episode, InPractice, Inspection, National, Trial


def _csv(fields: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: as_text("" if v is None else str(v).lower() if isinstance(v, bool) else v) for k, v in row.items()}
        )
    return buffer.getvalue()


EPISODE_FIELDS = (
    "family",
    "framework",
    "authority",
    "urn",
    "inadequate_published",
    "status",
    "ended",
    "days",
    "months",
    "within_two_years",
    "citation",
    "next_citation",
    "window_from_days",
    "window_to_days",
    "window_held",
    "as_of",
    "data_built",
)


def national_csv(view: National) -> str:
    """One row per episode, the figures' basis: a spreadsheet recomputes them from ``months``;
    a closed one with the window drawn as of its publication (the back-test)."""
    context = {"as_of": iso(view.data.as_of), "data_built": iso(view.data.built)}
    trials = {id(t.episode): t for family in view.families for t in family.backtest.trials}
    rows = []
    for e in view.episodes:
        trial = trials.get(id(e))
        window = trial.window if trial else None
        tested = {
            "window_from_days": window.low_days if window else None,
            "window_to_days": window.high_days if window else None,
            "window_held": trial.held if trial else None,
        }
        rows.append({name: (episode_record(e) | tested | context)[name] for name in EPISODE_FIELDS})
    return _csv(EPISODE_FIELDS, rows)


INSPECTION_FIELDS = (
    "authority",
    "urn",
    "la_code",
    "framework",
    "fieldwork_start",
    "fieldwork_end",
    "published",
    "overall",
    "leaders",
    "help_and_protection",
    "in_care",
    "care_leavers",
    "adoption",
    "episode_status",
    "next_fieldwork",
    "months_to_next",
    "persistent_failure",
    "citation",
    "link",
    "as_of",
    "data_built",
)


def authority_csv(view: AuthorityView) -> str:
    """One row per inspection; an inadequate one with its episode and whether it completes a
    run of persistent failure."""
    by_day = {e.judgement.published: e for e in view.episodes}
    completing = {run[-1] for run in view.persistent_failure}
    rows = []
    for record in view.inspections:
        row = inspection_record(record)
        row |= {name: getattr(record, name) or None for name in INSPECTION_FIELDS[8:13]}
        episode = by_day.get(record.published) if record.inadequate else None
        row |= {
            "episode_status": episode.status if episode else None,
            "next_fieldwork": iso(episode.end) if episode and episode.following else None,
            "months_to_next": month(episode.months) if episode else None,
            "persistent_failure": record.published in completing if record.inadequate else None,
            "as_of": iso(view.data.as_of),
            "data_built": iso(view.data.built),
        }
        rows.append({name: row[name] for name in INSPECTION_FIELDS})
    return _csv(INSPECTION_FIELDS, rows)


def _cell(value: object) -> str:
    from ..as_markdown import literal

    return literal(str(value))


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def figure_cells(family: InPractice) -> list[str]:
    """A family's row of figures, as the table and Markdown print them."""
    figures = family.figures
    spread = figures.months
    values = ["" for _ in MONTHS] if spread is None else [f"{getattr(spread, k):.1f}" for k in MONTHS]
    share = figures.share_within_two_years
    within = f"{figures.within_two_years} of {figures.decided}" + (f" ({share:.0%})" if share is not None else "")
    cells = [family.title, str(figures.n), *values, within, str(len(figures.open)), window_text(family)]
    return [*cells, backtest_text(family.backtest)]


def trial_cells(family: InPractice, trial: Trial) -> list[str]:
    """One closed episode of the back-test: the window as of its publication, and the outcome."""
    episode, window = trial.episode, trial.window
    drawn = "none" if window is None else f"{window.low_months:.1f}–{window.high_months:.1f}"
    began = f"{episode.months:.1f}" if episode.months is not None else ""
    held = {True: "held", False: "missed", None: "no window"}[trial.held]
    published = episode.judgement.published
    return [family.title, episode.authority, f"{published.day} {published:%b %Y}", drawn, began, held]


BACKTEST_HEADER = ("framework", "authority", "inadequate", "window", "began", "")


FIGURE_HEADER = (
    "framework",
    "closed episodes",
    "min",
    "lower quartile",
    "median",
    "upper quartile",
    "max",
    f"re-inspected {HORIZON_WORDS}",
    "open",
    "window from practice",
    "back-test: held",
)


def national_markdown(view: National) -> str:
    lines = [f"## Re-inspection after an inadequate judgement, in practice: as of {format_day(view.data.as_of)}", ""]
    lines += _table(FIGURE_HEADER, (figure_cells(family) for family in view.families))
    lines += ["", "Open episodes (months open):", ""]
    for family in view.families:
        if not family.figures.open:
            continue
        listed = ", ".join(
            f"{e.authority} ({format_day(e.judgement.published)}, {open_months(e):.1f})" for e in family.figures.open
        )
        lines.append(f"- {family.title}: {listed}")
    lines += [
        "",
        "Back-test: each closed episode's window as of its inadequate report's publication, and when its "
        "re-inspection began (months after publication):",
        "",
    ]
    tried = [(family, trial) for family in view.families for trial in family.backtest.trials if trial.window]
    lines += _table((*BACKTEST_HEADER[:-1], "outcome"), (trial_cells(family, trial) for family, trial in tried))
    if untested := untested_text(view):
        lines += ["", untested]
    lines.append("")
    lines += [f"- {_cell(note)}" for note in national_notes(view)]
    return "\n".join(lines) + "\n"


def inspection_cells(record: Inspection) -> list[str]:
    span = ""
    if record.fieldwork_start and record.fieldwork_end:
        span = f"{format_day(record.fieldwork_start)} – {format_day(record.fieldwork_end)}"
    judgements = "; ".join(f"{name.replace('_', ' ')} {grade}" for name, grade in record.key_judgements.items())
    return [
        format_day(record.published),
        record.framework,
        span,
        record.overall or "(no overall grade)",
        judgements,
        record.link or record.citation,
    ]


def episode_cells(episode: Episode) -> list[str]:
    within = within_two_years(episode)
    ended = format_day(episode.end) if episode.end else "unknown"
    months = f"{episode.months:.1f}" if episode.months is not None else ""
    return [
        format_day(episode.judgement.published),
        episode.status,
        ended,
        months,
        {True: "yes", False: "no", None: "not yet known"}[within],
    ]


INSPECTION_HEADER = ("published", "framework", "fieldwork", "overall", "key judgements", "source")
EPISODE_HEADER = ("inadequate, published", "status", "next fieldwork (or as of)", "months", HORIZON_WORDS)


def authority_markdown(view: AuthorityView) -> str:
    lines = [f"## {_cell(view.name)}: Ofsted inspections as of {format_day(view.data.as_of)}", ""]
    lines += _table(INSPECTION_HEADER, (inspection_cells(r) for r in view.inspections))
    if view.episodes:
        lines += ["", "Episodes after an inadequate judgement:", ""]
        lines += _table(EPISODE_HEADER, (episode_cells(e) for e in view.episodes))
    lines.append("")
    lines += [f"- {_cell(note)}" for note in authority_notes(view)]
    return "\n".join(lines) + "\n"

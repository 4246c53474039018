"""``oftl history`` in the terminal: the national figures, or one authority's record, as tables.
Said as ``layout`` blocks, not rich objects: printed to a pipe or a file, they are laid out
without importing rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...dates import format_day, format_window
from ...history.figures import HORIZON_WORDS
from ..as_history import authority_notes, backtest_text, national_notes, open_months, untested_text, window_text
from ..layout import Blocks, Grid, Line
from .history_sheets import BACKTEST_HEADER, EPISODE_HEADER, FIGURE_HEADER, episode_cells, figure_cells, trial_cells

if TYPE_CHECKING:
    from ...history import AuthorityView, National

GRADE_SHORT = {"requires improvement": "RI"}
KEY_NAMES = {"help_and_protection": "help & protection", "care_leavers": "care leavers", "in_care": "in care"}


def national_table(view: National) -> Blocks:
    """The figures with the frameworks as columns, so that three fit in 80 columns."""
    figures = Grid(header_style="bold", show_edge=False)
    figures.add_column(Line(""), no_wrap=True)
    for family in view.families:
        figures.add_column(Line(family.title), justify="right", overflow="fold")
    cells = [figure_cells(family) for family in view.families]
    labels = ("closed episodes", *(f"months: {name}" for name in FIGURE_HEADER[2:7]))
    for index, label in enumerate((*labels, HORIZON_WORDS, "open episodes"), start=1):
        _row(figures, label, *(row[index] for row in cells))
    _row(figures, "window from practice", *(window_text(family, short=True) for family in view.families))
    _row(figures, "back-test: held", *(backtest_text(family.backtest) for family in view.families))
    heading = f"Re-inspection after an inadequate judgement, in practice · as of {format_day(view.data.as_of)}"
    lines: list[Line | Grid] = [Line(heading, style="bold"), figures]
    opened = Grid(header_style="bold", show_edge=False)
    for name in ("framework", "open episode", "inadequate, published", "months open"):
        opened.add_column(Line(name), justify="right" if name == "months open" else "left")
    for family in view.families:
        for episode in family.figures.open:
            published = format_day(episode.judgement.published)
            _row(opened, family.title, episode.authority, published, f"{open_months(episode):.1f}")
    if opened.rows:
        lines.append(opened)
    tested = Grid(header_style="bold", show_edge=False)
    for name in BACKTEST_HEADER:
        right = name in ("window", "began")
        tested.add_column(Line(name), justify="right" if right else "left", no_wrap=name != "authority")
    for family in view.families:
        for trial in family.backtest.trials:
            if trial.window is not None:
                _row(tested, *trial_cells(family, trial))
    if tested.rows:
        lines.append(
            Line(
                "Back-test: each closed episode's window as of its inadequate report's publication, and when its "
                "re-inspection began (months after publication)",
                style="bold",
            )
        )
        lines.append(tested)
    if untested := untested_text(view):
        lines.append(Line(untested))
    notes = national_notes(view)
    lines += [Line(note) for note in notes[:2]] + [Line(note, style="dim") for note in notes[2:]]
    lines.append(Line("more: oftl history --authority NAME; --format json or csv for every episode", style="dim"))
    return Blocks(lines)


def authority_table(view: AuthorityView) -> Blocks:
    first = view.inspections[0] if view.inspections else None
    codes = f" (URN {first.urn}, LA {first.la_code})" if first and first.urn and first.la_code else ""
    heading = f"{view.name}{codes} · Ofsted inspections as of {format_day(view.data.as_of)}"
    inspections = Grid(header_style="bold", show_edge=False)
    for name in ("published", "framework", "fieldwork", "overall", "key judgements"):
        inspections.add_column(Line(name), overflow="fold", no_wrap=name in ("published", "fieldwork"))
    for record in view.inspections:
        span = (
            format_window(record.fieldwork_start, record.fieldwork_end)
            if record.fieldwork_start and record.fieldwork_end
            else ""
        )
        judgements = ", ".join(
            f"{KEY_NAMES.get(name, name)} {GRADE_SHORT.get(grade, grade)}"
            for name, grade in record.key_judgements.items()
        )
        overall = GRADE_SHORT.get(record.overall, record.overall) or "(none)"
        _row(
            inspections,
            format_day(record.published),
            record.framework,
            span,
            overall,
            judgements,
            style="bold red" if record.inadequate else "",
        )
    lines: list[Line | Grid] = [Line(heading, style="bold"), inspections]
    if view.episodes:
        episodes = Grid(header_style="bold", show_edge=False)
        for name in EPISODE_HEADER:
            episodes.add_column(Line(name), justify="right" if name == "months" else "left")
        for episode in view.episodes:
            _row(episodes, *episode_cells(episode))
        lines += [Line("After each inadequate judgement", style="bold"), episodes]
    notes = authority_notes(view)
    lines.append(Line(notes[0], style="bold red" if view.persistent_failure else "bold"))
    lines += [Line(note, style="dim") for note in notes[1:]]
    lines.append(Line("RI requires improvement · each report's citation: --format json, csv or markdown", style="dim"))
    return Blocks(lines)


def _row(grid: Grid, *cells: str, style: str = "") -> None:
    """A row of plain cells, each one ``Line``."""
    grid.add_row(*map(Line, cells), style=style)

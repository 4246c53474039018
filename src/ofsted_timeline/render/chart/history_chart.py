"""``oftl history`` as a chart (SVG) and a page (HTML): every episode after an inadequate
judgement, for officers briefing members on where their council stands among others.

One row per episode, grouped by framework, the open ones first (longest first), then the
closed ones in order of publication. Each row shows the months from the inadequate report's
publication (a bar: solid and ended by a tick when the re-inspection began, hatched and open
at its end while still waiting), the window drawn for it (shaded: for an open episode the
window drawn today, for a closed one the window as of its own publication, the back-test),
and, in words, the months and the outcome; an authority whose judgement made persistent
failure is marked "PF" and in bold. Status is in words as well as colour and pattern, so the
chart reads in greyscale print. Standard-library ElementTree only: it escapes every text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from ...dates import DAYS_PER_MONTH, format_day
from ..as_history import national_notes
from ..history.history_sheets import FIGURE_HEADER, figure_cells
from .svg_text import ALERT, BAND, FONT, GRID, INK, TEXT, WIDTH, text_width, wrap

if TYPE_CHECKING:
    from ...history import Episode, InPractice, National, PracticeWindow

ROW = 18
LEFT, NAME_RIGHT = 16, 360  # authority and publication day
AXIS_LEFT, AXIS_RIGHT = 372, 1010  # months from publication
OUTCOME_LEFT = 1020
AXIS_GAP = 56  # from the lead's last line to the first row: room for the axis title and month numbers
WINDOW_FILL = "#cfe3f3"
OPEN_FILL = "url(#still-open)"
CLOSED_FILL = "#4d4d4d"


def _episodes(family: InPractice) -> list[tuple[Episode, PracticeWindow | None, str]]:
    """The family's rows: (episode, window drawn for it, outcome in words)."""
    rows: list[tuple[Episode, PracticeWindow | None, str]] = []
    for episode in sorted(family.figures.open, key=lambda e: -(e.days or 0)):
        months = (episode.days or 0) / DAYS_PER_MONTH
        window = family.window
        beyond = " past window" if window is not None and (episode.days or 0) > window.high_days else ""
        rows.append((episode, window, f"open {months:.1f}{beyond}"))
    for trial in family.backtest.trials:
        episode = trial.episode
        said = {True: "held", False: "missed", None: "no window"}[trial.held]
        rows.append((episode, trial.window, f"{(episode.days or 0) / DAYS_PER_MONTH:.1f} {said}"))
    return rows


def _axis_months(view: National) -> int:
    """The axis length: the longest episode or window, rounded up to a year."""
    longest = max([0] + [e.days or 0 for e in view.episodes] + [f.window.high_days for f in view.families if f.window])
    months = longest / DAYS_PER_MONTH
    return max(24, int(-(-months // 12)) * 12)


def _text(parent: ET.Element, x: float, y: float, said: str, **attributes: str) -> None:
    element = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", **attributes})
    element.text = said


def national_svg(view: National) -> str:
    """The chart of every episode, as the history stood on the view's as-of day."""
    months = _axis_months(view)

    def x(days: float) -> float:
        return AXIS_LEFT + (AXIS_RIGHT - AXIS_LEFT) * min(days / DAYS_PER_MONTH, months) / months

    title = f"Re-inspection after an inadequate judgement: every episode, as of {format_day(view.data.as_of)}"
    lead = (
        "Bars: months from the inadequate report's publication to the re-inspection's first day (hatched: still "
        "waiting). Shaded: the window drawn for it, for an open episode today's, for a closed one the window as of "
        "its own publication. PF: persistent failure (2 inadequate judgements within 5 years)."
    )
    lead_lines = wrap(lead, WIDTH - 2 * LEFT, TEXT)
    sections = [(family, _episodes(family)) for family in view.families]
    top = 28 + 16 * len(lead_lines) + AXIS_GAP
    height = top + sum(34 + ROW * len(rows) for _, rows in sections if rows) + 40
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {height}",
            "width": str(WIDTH),
            "height": str(height),
            "font-family": FONT,
            "role": "img",
            "aria-labelledby": "chart-title",
        },
    )
    ET.SubElement(svg, "title", {"id": "chart-title"}).text = title
    defs = ET.SubElement(svg, "defs")
    hatch = ET.SubElement(
        defs,
        "pattern",
        {"id": "still-open", "width": "6", "height": "6", "patternUnits": "userSpaceOnUse",
         "patternTransform": "rotate(45)"},
    )  # fmt: skip
    ET.SubElement(hatch, "rect", {"width": "6", "height": "6", "fill": "#f6d3bd"})
    ET.SubElement(hatch, "line", {"x1": "0", "y1": "0", "x2": "0", "y2": "6", "stroke": ALERT, "stroke-width": "2"})
    ET.SubElement(svg, "rect", {"width": str(WIDTH), "height": str(height), "fill": "#ffffff"})
    _text(svg, LEFT, 28, title, **{"font-size": "18", "font-weight": "bold", "fill": INK})
    y = 28.0
    for line in lead_lines:
        y += 16
        _text(svg, LEFT, y, line, **{"font-size": str(TEXT), "fill": INK})
    y += AXIS_GAP
    for step in range(0, months + 1, 6):
        gx = x(step * DAYS_PER_MONTH)
        ET.SubElement(svg, "line", {"x1": f"{gx:.1f}", "x2": f"{gx:.1f}", "y1": f"{y - 12:.1f}",
                                    "y2": str(height - 30), "stroke": GRID})  # fmt: skip
        _text(svg, gx, y - 16, f"{step}", **{"font-size": str(TEXT), "text-anchor": "middle", "fill": INK})
    axis_title = "months after the inadequate report's publication"
    _text(svg, (AXIS_LEFT + AXIS_RIGHT) / 2, y - 34, axis_title, **{"font-size": str(TEXT), "text-anchor": "middle"})
    two_years = x(365.25 * 2)
    ET.SubElement(svg, "line", {"x1": f"{two_years:.1f}", "x2": f"{two_years:.1f}", "y1": f"{y - 12:.1f}",
                                "y2": str(height - 30), "stroke": INK, "stroke-dasharray": "4 3"})  # fmt: skip
    _text(svg, two_years + 3, height - 18, "two years", **{"font-size": str(TEXT), "fill": INK})
    for family, rows in sections:
        if not rows:
            continue
        y += 8
        ET.SubElement(svg, "rect", {"x": str(LEFT), "y": f"{y:.1f}", "width": str(WIDTH - 2 * LEFT), "height": "22",
                                    "fill": BAND})  # fmt: skip
        heading = f"{family.title}: {len(family.figures.open)} open, {family.figures.n} closed"
        if family.backtest.of:
            heading += f"; windows as of publication held {family.backtest.held} of {family.backtest.of}"
        _text(svg, LEFT + 4, y + 16, heading, **{"font-size": "14", "font-weight": "bold", "fill": INK})
        y += 26
        for episode, window, outcome in rows:
            _row(svg, x, y, episode, window, outcome, episode in view.persistent)
            y += ROW
    return ET.tostring(svg, encoding="unicode") + "\n"


def _row(
    svg: ET.Element,
    scale: Callable[[float], float],
    y: float,
    episode: Episode,
    window: PracticeWindow | None,
    outcome: str,
    persistent: bool,
) -> None:
    """One episode's row; ``scale`` gives the x of so many days after publication."""
    published = episode.judgement.published
    name = f"{episode.authority} · {published.day} {published:%b %Y}"
    bold = {"font-weight": "bold"} if persistent else {}
    room = NAME_RIGHT - LEFT - 24
    size = min(TEXT, TEXT * room / text_width(name, TEXT, persistent))  # a long name is set smaller, never cut
    _text(svg, NAME_RIGHT - (24 if persistent else 0), y + 13, name,
          **{"font-size": f"{size:.1f}", "text-anchor": "end", "fill": INK, **bold})  # fmt: skip
    if persistent:
        _text(svg, NAME_RIGHT, y + 13, "PF", **{"font-size": str(TEXT), "text-anchor": "end", "fill": ALERT,
                                                "font-weight": "bold"})  # fmt: skip
    if window is not None:
        low, high = scale(window.low_days), scale(window.high_days)
        ET.SubElement(svg, "rect", {"x": f"{low:.1f}", "y": f"{y + 2:.1f}", "width": f"{max(high - low, 1):.1f}",
                                    "height": str(ROW - 4), "fill": WINDOW_FILL})  # fmt: skip
    end = scale(episode.days or 0)
    still_open = episode.following is None
    ET.SubElement(svg, "rect", {"x": str(AXIS_LEFT), "y": f"{y + 6:.1f}", "width": f"{max(end - AXIS_LEFT, 1):.1f}",
                                "height": "6", "fill": OPEN_FILL if still_open else CLOSED_FILL})  # fmt: skip
    if not still_open:
        ET.SubElement(svg, "line", {"x1": f"{end:.1f}", "x2": f"{end:.1f}", "y1": f"{y + 2:.1f}",
                                    "y2": f"{y + ROW - 2:.1f}", "stroke": INK, "stroke-width": "2"})  # fmt: skip
    colour = ALERT if "missed" in outcome or "past" in outcome else INK
    _text(svg, OUTCOME_LEFT, y + 13, outcome, **{"font-size": str(TEXT), "fill": colour})


def _figures_table(view: National) -> str:
    head = "".join(f'<th scope="col">{escape(name)}</th>' for name in FIGURE_HEADER)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in figure_cells(family)) + "</tr>"
        for family in view.families
    )
    return f"<table><caption>Figures per framework</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


STYLE = """
@page { size: A4 portrait; margin: 10mm; }
body { font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; background: #fff; margin: 1.5rem; line-height: 1.35; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
figure { margin: 0 0 1rem; }
figure svg { display: block; width: 100%; height: auto; max-width: 1200px; }
table { border-collapse: collapse; width: 100%; font-size: .8rem; margin-bottom: 1rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .4rem; }
th, td { border: 1px solid #8c8c8c; padding: .25rem .4rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
li { margin-bottom: .2rem; font-size: .85rem; }
"""


def national_html(view: National) -> str:
    """The chart, the figures and the notes on one self-contained page (no scripts)."""
    title = f"Re-inspection after an inadequate judgement, as of {format_day(view.data.as_of)}"
    notes = "".join(f"<li>{escape(note)}</li>" for note in national_notes(view))
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n<figure>\n{national_svg(view)}</figure>\n"
        f"{_figures_table(view)}\n<ul>{notes}</ul>\n</body>\n</html>\n"
    )

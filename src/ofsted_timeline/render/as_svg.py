"""A self-contained SVG chart of a timeline: one lane per group, one row per milestone.

Written with the standard library's ElementTree, which escapes text and attributes and
needs no dependency: the chart is rectangles, paths, lines and text. No scripts, no
external fonts (the reader's sans-serif), no links, a fixed viewBox, and the same bytes
for the same timeline. Status is shown by colour *and* in words, and kind by shape, so
the chart still reads in greyscale print.
"""

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import NamedTuple

from ..dates import MONTH_NAMES, add_months, format_day, format_span
from ..timeline import Milestone, Timeline
from .as_json import working_days_sentence

WIDTH = 1200
LABEL_RIGHT = 330  # milestone titles end here
CHART_LEFT, CHART_RIGHT = 345, 820  # the time axis
TEXT_LEFT = 832  # date and status of each row
TOP = 96  # first row
TITLE_HEIGHT = 50  # the title and subtitle lines above the axis
ROW, LANE = 22, 24  # heights
FONT = "Arial, Helvetica, sans-serif"
INK, GRID, BAND = "#1a1a1a", "#c8c8c8", "#f2f2f2"
ALERT = "#D55E00"  # late, early, overdue
STATUS_COLOUR = {  # Okabe-Ito colours, told apart by people with colour-vision deficiency
    "met": "#009E73",
    "in-window": "#009E73",
    "scheduled": "#56B4E9",
    "late": ALERT,
    "early": ALERT,
    "overdue": ALERT,
    "due-today": "#E69F00",
    "due": "#E69F00",
    "upcoming": "#0072B2",
    "passed": "#8c8c8c",
}
STATUS_NAME = {
    "met": "met, in window",
    "scheduled": "date set",
    "late": "late, early, overdue",
    "due": "due or open",
    "upcoming": "upcoming",
    "passed": "passed, no date given",
}
FINDING_LINE = 15
LANE_ORDER = ("Statutory deadlines", "Authority", "Ofsted", "DfE", "Committee", "Local rules", "Other")
TITLE_CHARS = 52


class Flag(NamedTuple):
    """A check finding to show on the chart: ``label`` FAIL or WARN, and its line."""

    label: str
    milestone: str
    message: str


def timeline_svg(
    timeline: Timeline, titled: bool = True, findings: Sequence[Flag] = (), list_findings: bool = True
) -> str:
    """The chart as an SVG document (no XML declaration, so that it can be inlined in HTML too).

    ``titled`` False leaves out the title lines, for a page that has its own heading.
    ``findings`` (from ``oftl check``) mark each milestone they name with their label (FAIL,
    WARN) in its row, and are written under the chart unless ``list_findings`` is False (a
    page that lists them itself).
    """
    top = TOP if titled else TOP - TITLE_HEIGHT
    lanes = _lanes(timeline.milestones)
    rows = sum(len(milestones) for _, milestones in lanes)
    listed = findings if list_findings else ()
    below = len(listed) * FINDING_LINE + (24 if listed else 0)
    height = top + rows * ROW + len(lanes) * LANE + 110 + below
    first, last = _span(timeline)
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {height}",
            "width": str(WIDTH),
            "height": str(height),
            "role": "img",
            "aria-labelledby": "chart-title chart-desc",
            "font-family": FONT,
        },
    )
    ET.SubElement(svg, "title", {"id": "chart-title"}).text = chart_title(timeline)
    ET.SubElement(svg, "desc", {"id": "chart-desc"}).text = chart_description(timeline)
    ET.SubElement(svg, "rect", {"x": "0", "y": "0", "width": str(WIDTH), "height": str(height), "fill": "#ffffff"})
    if titled:
        _text(svg, 16, 30, chart_title(timeline), size=18, weight="bold")
        _text(svg, 16, 52, _subtitle(timeline), size=12)
    scale = _Scale(first, last)
    bottom = height - 110 - below
    flags: dict[str, str] = {}
    for flag in findings:
        flags.setdefault(flag.milestone, flag.label)
    y = top
    for number, (_, milestones) in enumerate(lanes):  # shaded bands first, under the grid
        band_height = LANE + len(milestones) * ROW
        ET.SubElement(svg, "rect", _box(0, y - 4, WIDTH, band_height, BAND if number % 2 == 0 else "#ffffff"))
        y += band_height
    _axis(svg, scale, top, bottom)
    y = top
    for lane, milestones in lanes:
        _text(svg, 16, y + 13, lane, size=13, weight="bold")
        y += LANE
        for milestone in milestones:
            _row(svg, scale, y, milestone, flags.get(milestone.id, ""))
            y += ROW
    _as_of(svg, scale, timeline.as_of, top, bottom)
    _findings(svg, bottom + 36, listed)
    _legend(svg, height - 84, working_days_sentence(timeline.calendar))
    return ET.tostring(svg, encoding="unicode") + "\n"


def chart_title(timeline: Timeline) -> str:
    heading = timeline.rule_set.heading
    return f"{timeline.authority}: {heading}" if timeline.authority else heading


def chart_description(timeline: Timeline) -> str:
    """The chart in words, for screen readers and as the HTML figure's text alternative."""
    parts = [f"{_subtitle(timeline)}."]
    for milestone in timeline.milestones:
        when = format_span(milestone.earliest, milestone.latest, milestone.times)
        actual = f", actual {format_day(milestone.actual)}" if milestone.actual else ""
        parts.append(f"{milestone.title} ({milestone.kind}): {when}{actual}; {milestone.status.text}.")
    return " ".join(parts)


def _subtitle(timeline: Timeline) -> str:
    root = timeline.rule_set.root
    return (
        f"{root.title} {format_day(timeline.start)} · {timeline.rule_set.id} · "
        f"status as of {format_day(timeline.as_of)}"
    )


def lane_names(timeline: Timeline) -> list[str]:
    return [lane for lane, _ in _lanes(timeline.milestones)]


def _lanes(milestones: tuple[Milestone, ...]) -> list[tuple[str, list[Milestone]]]:
    groups: dict[str, list[Milestone]] = {}
    for milestone in milestones:
        groups.setdefault(milestone.rule.group, []).append(milestone)
    order = {name: index for index, name in enumerate(LANE_ORDER)}
    return sorted(groups.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _span(timeline: Timeline) -> tuple[dt.date, dt.date]:
    """From the first of the month of the first date to the first of the month after the last."""
    days = [timeline.start]
    for milestone in timeline.milestones:
        days += [milestone.earliest, milestone.latest, *([milestone.actual] if milestone.actual else [])]
    return min(days).replace(day=1), add_months(max(days).replace(day=1), 1)


class _Scale:
    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first, self.last = first, last
        self.days = max((last - first).days, 1)

    def x(self, day: dt.date) -> float:
        return CHART_LEFT + (day - self.first).days / self.days * (CHART_RIGHT - CHART_LEFT)

    def holds(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


def _axis(svg: ET.Element, scale: _Scale, top: int, bottom: int) -> None:
    months = (scale.last.year - scale.first.year) * 12 + scale.last.month - scale.first.month
    width = (CHART_RIGHT - CHART_LEFT) / months  # of a month
    every = next((step for step in (1, 2, 3, 6, 12, 24, 60) if width * step >= 56), 120)
    for index in range(months + 1):
        day = add_months(scale.first, index)
        x = scale.x(day)
        _vertical(svg, x, top - 12, bottom, stroke=INK if day.month == 1 else GRID, width="0.6")
        if index % every == 0 and index < months:
            _text(svg, x + 2, top - 18, f"{MONTH_NAMES[day.month - 1]} {day.year}", size=10)


def _findings(svg: ET.Element, top: int, findings: Sequence[Flag]) -> None:
    if not findings:
        return
    _text(svg, 16, top, "Check findings", size=12, weight="bold")
    for number, flag in enumerate(findings, 1):
        colour = ALERT if flag.label == "FAIL" else INK
        _text(svg, 16, top + number * FINDING_LINE, f"{flag.label}  {flag.message}", size=10.5, fill=colour)


def _row(svg: ET.Element, scale: _Scale, y: int, milestone: Milestone, flag: str) -> None:
    statutory = milestone.kind == "statutory"
    title = milestone.title if len(milestone.title) <= TITLE_CHARS else milestone.title[: TITLE_CHARS - 1] + "…"
    _text(svg, LABEL_RIGHT, y + 12, title, size=11, weight="bold" if statutory else "normal", anchor="end")
    colour = STATUS_COLOUR[milestone.status.code]
    middle = y + 8
    if milestone.earliest != milestone.latest:
        left = scale.x(milestone.earliest)
        right = scale.x(milestone.latest + dt.timedelta(days=1))
        ET.SubElement(
            svg,
            "rect",
            {**_box(left, middle - 5, max(right - left, 2), 10, colour), "stroke": INK, "stroke-width": "0.5"},
        )
    else:
        _marker(svg, scale.x(milestone.latest), middle, milestone.kind, colour)
    alert = milestone.status.alert
    if milestone.actual is not None:  # drawn red when it falls outside its rule
        x = scale.x(milestone.actual)
        points = f"{x:.1f},{middle - 7} {x - 5:.1f},{middle + 5} {x + 5:.1f},{middle + 5}"
        ET.SubElement(svg, "polygon", {"points": points, "fill": ALERT if alert else INK, "stroke": INK})
    when = format_span(milestone.earliest, milestone.latest, milestone.times)
    star = " *" if milestone.projected else ""
    _text(
        svg,
        TEXT_LEFT,
        y + 12,
        f"{flag + ' · ' if flag else ''}{when}{star} · {milestone.status.text}",
        size=10.5,
        weight="bold" if statutory or alert or flag else "normal",
        fill=ALERT if alert or flag == "FAIL" else INK,
    )


def _marker(svg: ET.Element, x: float, y: float, kind: str, colour: str) -> None:
    """Statutory: a large diamond; expected: a circle; event: a small square."""
    style = {"fill": colour, "stroke": INK, "stroke-width": "1"}
    if kind == "statutory":
        d = f"M{x:.1f},{y - 8:.1f} L{x + 8:.1f},{y:.1f} L{x:.1f},{y + 8:.1f} L{x - 8:.1f},{y:.1f} Z"
        ET.SubElement(svg, "path", {"d": d, **style, "stroke-width": "1.5"})
    elif kind == "expected":
        ET.SubElement(svg, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "5", **style})
    else:
        ET.SubElement(svg, "rect", {**_box(x - 4, y - 4, 8, 8, colour), "stroke": INK, "stroke-width": "1"})


def _as_of(svg: ET.Element, scale: _Scale, day: dt.date, top: int, bottom: int) -> None:
    if not scale.holds(day):
        return
    x = scale.x(day)
    _vertical(svg, x, top - 12, bottom, stroke=INK, width="1.5", dashed=True)
    _text(svg, x, bottom + 13, f"as of {format_day(day)}", size=10, weight="bold", anchor="middle")


def _legend(svg: ET.Element, top: int, calendar_sentence: str) -> None:
    _text(svg, 16, top + 12, "Key", size=12, weight="bold")
    x = 60
    for kind, label in (("statutory", "statutory deadline"), ("expected", "expected date"), ("event", "event")):
        _marker(svg, x, top + 8, kind, "#ffffff")
        _text(svg, x + 12, top + 12, label, size=10.5)
        x += 150
    ET.SubElement(svg, "rect", {**_box(x - 6, top + 3, 26, 10, "#ffffff"), "stroke": INK, "stroke-width": "0.5"})
    _text(svg, x + 26, top + 12, "window", size=10.5)
    x += 100
    ET.SubElement(svg, "polygon", {"points": f"{x},{top + 1} {x - 5},{top + 13} {x + 5},{top + 13}", "fill": INK})
    _text(svg, x + 10, top + 12, "actual date", size=10.5)
    x += 110
    _vertical(svg, x, top, top + 16, stroke=INK, width="1.5", dashed=True)
    _text(svg, x + 6, top + 12, "as-of day", size=10.5)
    x = 60
    for code, label in STATUS_NAME.items():
        ET.SubElement(
            svg, "rect", {**_box(x - 6, top + 27, 14, 10, STATUS_COLOUR[code]), "stroke": INK, "stroke-width": "0.5"}
        )
        _text(svg, x + 12, top + 36, label, size=10.5)
        x += 150
    _text(
        svg,
        16,
        top + 60,
        "Colour shows the status, which is also written beside each row; shapes show the kind. "
        "* after the last year with announced bank holidays.",
        size=10,
    )
    _text(svg, 16, top + 74, calendar_sentence, size=10)


def _vertical(
    svg: ET.Element, x: float, top: float, bottom: float, *, stroke: str, width: str, dashed: bool = False
) -> None:
    attributes = {
        "x1": f"{x:.1f}",
        "y1": f"{top:g}",
        "x2": f"{x:.1f}",
        "y2": f"{bottom:g}",
        "stroke": stroke,
        "stroke-width": width,
    }
    if dashed:
        attributes["stroke-dasharray"] = "5 3"
    ET.SubElement(svg, "line", attributes)


def _box(x: float, y: float, width: float, height: float, fill: str) -> dict[str, str]:
    return {"x": f"{x:.1f}", "y": f"{y:.1f}", "width": f"{width:.1f}", "height": f"{height:.1f}", "fill": fill}


def _text(
    svg: ET.Element,
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    weight: str = "normal",
    anchor: str = "start",
    fill: str = INK,
) -> None:
    attributes = {"x": f"{x:.1f}", "y": f"{y:.1f}", "font-size": f"{size:g}", "fill": fill}
    if weight != "normal":
        attributes["font-weight"] = weight
    if anchor != "start":
        attributes["text-anchor"] = anchor
    ET.SubElement(svg, "text", attributes).text = text

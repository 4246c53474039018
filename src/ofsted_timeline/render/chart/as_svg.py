"""A self-contained SVG chart of a timeline: one lane per group, one row per milestone.

Written with the standard library's ElementTree, which escapes text and attributes and
needs no dependency: the chart is rectangles, paths, lines and text. No scripts, no
external fonts (the reader's sans-serif), no links, a fixed viewBox, and the same bytes
for the same timeline. Status is shown by colour *and* in words, kind by shape, and
due-soon by a hatch as well as a colour, so the chart still reads in greyscale print.

What the reader needs first is what is due now, so the time axis gives the months around
the as-of day (the month before it and the six after) more than half its width; the rest of
the timeline shares what is left, each stretch at its own even scale, and the enlarged stretch
is labelled. Every text is measured with widths that are never narrower than Arial's or
than DejaVu Sans's (the usual fallback for sans-serif) and wrapped to its column, never cut.
The smallest text is 12.5 units of a 1200-unit-wide chart: printed across A4 landscape
(277 mm inside 10 mm margins, as the HTML page does) that is 8.2 pt.
"""

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import NamedTuple

from ...dates import format_day, format_span
from ...rules import Kind
from ...timeline import Milestone, Timeline
from ..as_json import working_days_sentence
from ..paper import rules_sentence
from .svg_scale import Scale, chart_scale, draw_axis
from .svg_text import (
    ALERT,
    BAND,
    DATE_LEFT,
    DATE_RIGHT,
    DUE_SOON,
    FINDING_GAP,
    FONT,
    HEADING,
    INK,
    LABEL,
    LABEL_LEFT,
    LABEL_RIGHT,
    LANE,
    LINE,
    LONG_WINDOW_MIN,
    MARGIN,
    ROW_PAD,
    STATUS_LEFT,
    STATUS_RIGHT,
    TEXT,
    WIDTH,
    box_attributes,
    place_text,
    text_block,
    text_lines,
    text_width,
    vertical_label,
    wrap,
)
from .svg_urgency import OPTIONAL_URGENCY, URGENCY_COLOUR, URGENCY_NAME, urgency

LANE_ORDER = ("Statutory deadlines", "Authority", "Ofsted", "DfE", "Committee", "Local rules", "Other")


class Flag(NamedTuple):
    """A check finding to show on the chart: ``label`` FAIL or WARN, its line, and whether it fails."""

    label: str
    milestone: str
    message: str
    fails: bool


class Piece(NamedTuple):
    """Rows ``first`` to ``end`` (not included) of a lane, for a chart printed in parts."""

    lane: str
    first: int
    end: int


def timeline_svg(
    timeline: Timeline,
    titled: bool = True,
    findings: Sequence[Flag] = (),
    list_findings: bool = True,
    part: tuple[Sequence[Piece], int, bool] | None = None,
) -> str:
    """The chart as an SVG document (no XML declaration, so that it can be inlined in HTML too).

    ``titled`` False leaves out the title lines, for a page that has its own heading.
    ``findings`` (from ``oftl check``) mark each milestone they name with their label (FAIL,
    WARN) in its row, and are written under the chart unless ``list_findings`` is False (a
    page that lists them itself). ``part`` (pieces, number, last) draws only those pieces of
    lanes, with the axis, for a page that prints the chart in parts; the key comes with the
    last part, the hatch pattern with part 0 (the page's charts share it), ids end with the
    number.
    """
    pieces, part_number, last = part if part is not None else (None, 0, True)
    every = {lane: ms for lane, ms in _lanes(timeline)}
    drawn = [Piece(lane, 0, len(ms)) for lane, ms in every.items()] if pieces is None else pieces
    suffix = f"-{part_number}" if part is not None else ""
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": "",
            "width": str(WIDTH),
            "height": "",
            "role": "img",
            "aria-labelledby": f"chart-title{suffix} chart-desc{suffix}",
            "font-family": FONT,
        },
    )
    shown = f" ({', '.join(dict.fromkeys(piece.lane for piece in drawn))})" if part is not None else ""
    ET.SubElement(svg, "title", {"id": f"chart-title{suffix}"}).text = chart_title(timeline) + shown
    milestones = None if part is None else [m for lane, first, end in drawn for m in every[lane][first:end]]
    ET.SubElement(svg, "desc", {"id": f"chart-desc{suffix}"}).text = chart_description(timeline, milestones)
    if part_number == 0:
        _hatch(svg)
    background = ET.SubElement(svg, "rect", {"x": "0", "y": "0", "width": str(WIDTH), "height": "", "fill": "#ffffff"})
    y = 6.0
    if titled:
        y = text_lines(svg, MARGIN, y + 24, wrap(chart_title(timeline), WIDTH - 2 * MARGIN, 20, True), 20, 24, "bold")
        y = text_lines(svg, MARGIN, y - 2, wrap(_subtitle(timeline), WIDTH - 2 * MARGIN, LABEL), LABEL, 17)
        if timeline.persistent_failure:  # what changes the council's future, above the chart
            lines = wrap(timeline.persistent_failure, WIDTH - 2 * MARGIN, LABEL, True)
            y = text_lines(svg, MARGIN, y, lines, LABEL, 17, "bold", fill=ALERT)
    scale = chart_scale(timeline)
    top = y + HEADING - (0 if scale.enlarged else 12)  # no line naming the enlarged months
    flags: dict[str, Flag] = {}
    for flag in findings:
        flags.setdefault(flag.milestone, flag)
    lanes = [
        (
            lane + (" (continued)" if first else ""),
            [_layout(timeline, m, flags.get(m.id)) for m in every[lane][first:end]],
        )
        for lane, first, end in drawn
    ]
    bottom = top + sum(LANE + sum(row.height for row in rows) for _, rows in lanes)
    band_top = top
    for number, (_, rows) in enumerate(lanes):  # shaded bands first, under the grid
        band_height = LANE + sum(row.height for row in rows)
        ET.SubElement(
            svg, "rect", box_attributes(0, band_top, WIDTH, band_height, BAND if number % 2 == 0 else "#ffffff")
        )
        band_top += band_height
    draw_axis(svg, scale, top - HEADING, top, bottom)
    row_top = top
    for lane, rows in lanes:
        place_text(svg, MARGIN, row_top + 15.5, lane, size=14, weight="bold")
        row_top += LANE
        for row in rows:
            _row(svg, scale, row_top, row)
            row_top += row.height
    _as_of(svg, scale, timeline.as_of, top, bottom)
    y = bottom + 26
    if list_findings and findings:
        y = _findings(svg, y + 4, findings) + FINDING_GAP
    if last:
        urgencies = {row.urgency for _, rows in lanes for row in rows}
        y = _legend(svg, y, working_days_sentence(timeline.calendar), scale.enlarged is not None, urgencies)
    height = f"{y:.0f}"
    svg.set("viewBox", f"0 0 {WIDTH} {height}")
    svg.set("height", height)
    background.set("height", height)
    return ET.tostring(svg, encoding="unicode") + "\n"


def chart_title(timeline: Timeline) -> str:
    heading = timeline.rule_set.heading
    return f"{timeline.authority}: {heading}" if timeline.authority else heading


def chart_description(timeline: Timeline, milestones: Sequence[Milestone] | None = None) -> str:
    """The chart (or the part of it drawing ``milestones``) in words, for screen readers and as
    the HTML figure's text alternative."""
    parts = [f"{_subtitle(timeline)}. {rules_sentence(timeline)}"]
    if timeline.persistent_failure:
        parts.append(timeline.persistent_failure)
    for milestone in timeline.milestones if milestones is None else milestones:
        when = format_span(milestone.earliest, milestone.latest, milestone.times)
        actual = f", actual {format_day(milestone.actual)}" if milestone.actual else ""
        parts.append(f"{milestone.title} ({milestone.kind}): {when}{actual}; {milestone.status.text}.")
    return " ".join(parts)


def _subtitle(timeline: Timeline) -> str:
    """The day counted from and the as-of day; the rules are named by their title in the chart's
    description (a chart goes into committee papers: no command-line names)."""
    root = timeline.rule_set.root
    return f"{root.title} {format_day(timeline.start)} · status as of {format_day(timeline.as_of)}"


def lane_names(timeline: Timeline) -> list[str]:
    return [lane for lane, _ in _lanes(timeline)]


def lane_rows(timeline: Timeline, findings: Sequence[Flag] = ()) -> list[tuple[str, list[float]]]:
    """Each lane and the heights of its rows in the chart, in chart units (its heading is ``LANE``)."""
    flags = {flag.milestone: flag for flag in reversed(findings)}
    return [(lane, [_layout(timeline, m, flags.get(m.id)).height for m in ms]) for lane, ms in _lanes(timeline)]


def enlarged_months(timeline: Timeline) -> tuple[dt.date, dt.date] | None:
    """The first day of the months drawn larger and the first day after them, or None."""
    return chart_scale(timeline).enlarged


def _lanes(timeline: Timeline) -> list[tuple[str, list[Milestone]]]:
    groups: dict[str, list[Milestone]] = {}
    for milestone in timeline.milestones:
        groups.setdefault(milestone.rule.group, []).append(milestone)
    order = {name: index for index, name in enumerate(LANE_ORDER)}
    return sorted(groups.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


class _Row(NamedTuple):
    """One milestone's row: its texts already wrapped to their columns, and its height."""

    milestone: Milestone
    urgency: str
    flag: Flag | None  # the first check finding on its milestone
    title: list[str]
    when: list[str]
    status: list[str]
    height: float


def _layout(timeline: Timeline, milestone: Milestone, flag: Flag | None) -> _Row:
    level = urgency(timeline, milestone)
    statutory = milestone.kind is Kind.STATUTORY
    when = format_span(milestone.earliest, milestone.latest, milestone.times) + (" *" if milestone.projected else "")
    status = f"{flag.label} · {milestone.status.text}" if flag else milestone.status.text
    strong = level in ("alert", "soon") or flag is not None
    title = wrap(milestone.title, LABEL_RIGHT - LABEL_LEFT, TEXT, statutory)
    when_lines = wrap(when, DATE_RIGHT - DATE_LEFT, TEXT, statutory)
    status_lines = wrap(status, STATUS_RIGHT - STATUS_LEFT, TEXT, strong)
    lines = max(len(title), len(when_lines), len(status_lines))
    return _Row(milestone, level, flag, title, when_lines, status_lines, lines * LINE + 2 * ROW_PAD)


def _findings(svg: ET.Element, top: float, findings: Sequence[Flag]) -> float:
    place_text(svg, MARGIN, top, "Check findings", size=LABEL, weight="bold")
    y = top + 4
    for flag in findings:
        lines = wrap(f"{flag.label}  {flag.message}", WIDTH - 2 * MARGIN, TEXT)
        colour = ALERT if flag.fails else INK
        y = text_lines(svg, MARGIN, y + LINE + 2, lines, TEXT, LINE, fill=colour) - LINE
    return y + LINE


def _row(chart: ET.Element, scale: Scale, top: float, row: _Row) -> None:
    """The row's title, mark, date and status, grouped and named by the milestone's id."""
    milestone = row.milestone
    svg = ET.SubElement(chart, "g", {"data-milestone": milestone.id})
    statutory = milestone.kind is Kind.STATUTORY
    middle = top + row.height / 2
    alert = row.urgency == "alert"
    text_block(svg, LABEL_RIGHT, middle, row.title, TEXT, "bold" if statutory else "normal", anchor="end")
    text_block(svg, DATE_LEFT, middle, row.when, TEXT, "bold" if statutory else "normal")
    strong = alert or row.urgency == "soon" or row.flag is not None
    colour = ALERT if alert or (row.flag is not None and row.flag.fails) else INK
    text_block(svg, STATUS_LEFT, middle, row.status, TEXT, "bold" if strong else "normal", fill=colour)
    fill = URGENCY_COLOUR[row.urgency]
    if milestone.earliest != milestone.latest:
        _window(svg, scale.x(milestone.earliest), scale.x(milestone.latest + dt.timedelta(days=1)), middle, fill)
    else:
        _marker(svg, scale.middle(milestone.latest), middle, milestone.kind, fill)
    if milestone.actual is not None:  # vermilion when it falls outside its rule
        _triangle(svg, scale.middle(milestone.actual), middle, ALERT if alert else INK, outline=True)


def _window(svg: ET.Element, left: float, right: float, y: float, fill: str) -> None:
    """A bar from the first day to the end of the last, 12 high, with end caps 20 high: taller
    and longer than any one-day mark, and never shorter than ``LONG_WINDOW_MIN``."""
    if right - left < LONG_WINDOW_MIN:
        left, right = (left + right - LONG_WINDOW_MIN) / 2, (left + right + LONG_WINDOW_MIN) / 2
    ET.SubElement(
        svg, "rect", {**box_attributes(left, y - 6, right - left, 12, fill), "stroke": INK, "stroke-width": "0.8"}
    )
    for x in (left, right):
        vertical_label(svg, x, y - 9, y + 9, stroke=INK, width="2")


def _marker(svg: ET.Element, x: float, y: float, kind: Kind, colour: str) -> None:
    """Statutory: a large diamond; expected: a circle; event: a small square."""
    style = {"fill": colour, "stroke": INK, "stroke-width": "1"}
    if kind is Kind.STATUTORY:
        d = f"M{x:.1f},{y - 8:.1f} L{x + 8:.1f},{y:.1f} L{x:.1f},{y + 8:.1f} L{x - 8:.1f},{y:.1f} Z"
        ET.SubElement(svg, "path", {"d": d, **style, "stroke-width": "1.5"})
    elif kind is Kind.EXPECTED:
        ET.SubElement(svg, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "5", **style})
    else:
        ET.SubElement(svg, "rect", {**box_attributes(x - 4, y - 4, 8, 8, colour), "stroke": INK, "stroke-width": "1"})


def _triangle(svg: ET.Element, x: float, y: float, fill: str, outline: bool = False) -> None:
    """A date given; ``outline`` draws its edge, which shows it over a mark of the same colour."""
    points = f"{x:.1f},{y - 7:.1f} {x - 5:.1f},{y + 5:.1f} {x + 5:.1f},{y + 5:.1f}"
    ET.SubElement(svg, "polygon", {"points": points, "fill": fill, **({"stroke": INK} if outline else {})})


def _hatch(svg: ET.Element) -> None:
    """Due soon: yellow under black diagonal lines, told from vermilion in greyscale too."""
    defs = ET.SubElement(svg, "defs")
    pattern = ET.SubElement(
        defs,
        "pattern",
        {
            "id": "due-soon",
            "patternUnits": "userSpaceOnUse",
            "width": "5",
            "height": "5",
            "patternTransform": "rotate(45)",
        },
    )
    ET.SubElement(pattern, "rect", box_attributes(0, 0, 5, 5, DUE_SOON))
    ET.SubElement(pattern, "rect", box_attributes(0, 0, 1.6, 5, INK))


def _as_of(svg: ET.Element, scale: Scale, day: dt.date, top: float, bottom: float) -> None:
    if not scale.holds(day):
        return
    x = scale.x(day)
    vertical_label(svg, x, top - 6, bottom, stroke=INK, width="1.5", dashed=True)
    label = f"as of {format_day(day)}"
    half = text_width(label, TEXT, True) / 2
    centre = min(max(x, MARGIN + half), WIDTH - MARGIN - half)
    place_text(svg, centre, bottom + 15, label, size=TEXT, weight="bold", anchor="middle")


def _legend(svg: ET.Element, top: float, calendar_sentence: str, enlarged: bool, shown: set[str]) -> float:
    """The key: the shapes, then the statuses, each item placed after the last by its measured
    width and on a new line when the line is full. Returns the y under the key."""
    y = top + 6
    place_text(svg, MARGIN, y + 4.5, "Key", size=LABEL, weight="bold")
    start = MARGIN + text_width("Key", LABEL, True) + 14
    x = start
    items: list[tuple[str, str]] = [
        (Kind.STATUTORY, "statutory deadline"),
        (Kind.EXPECTED, "expected date"),
        (Kind.EVENT, "event"),
        ("window", "window, first to last day"),
        ("given", "date given"),
        ("as-of", "as-of day"),
    ]
    for shape, label in items:
        needed = 34 + text_width(label, TEXT)
        if x + needed > WIDTH - MARGIN:
            x, y = start, y + 21
        if shape == "window":
            _window(svg, x - 6, x + 20, y, "#ffffff")
        elif shape == "given":
            _triangle(svg, x, y, INK)
        elif shape == "as-of":
            vertical_label(svg, x, y - 9, y + 9, stroke=INK, width="1.5", dashed=True)
        else:
            _marker(svg, x, y, Kind(shape), "#ffffff")
        text_x = x + (26 if shape == "window" else 12)
        place_text(svg, text_x, y + 4.5, label, size=TEXT)
        x = text_x + text_width(label, TEXT) + 28
    x, y = start, y + 21
    for level, label in URGENCY_NAME.items():
        if level in OPTIONAL_URGENCY and level not in shown:
            continue
        needed = 20 + text_width(label, TEXT)
        if x + needed > WIDTH - MARGIN:
            x, y = start, y + 21
        ET.SubElement(
            svg,
            "rect",
            {**box_attributes(x - 6, y - 6, 16, 12, URGENCY_COLOUR[level]), "stroke": INK, "stroke-width": "0.6"},
        )
        place_text(svg, x + 16, y + 4.5, label, size=TEXT)
        x += 16 + text_width(label, TEXT) + 28
    sentences = [
        "Colour shows the status, which is also written in each row; shapes show the kind.",
        "* after the last year with announced bank holidays.",
        calendar_sentence,
    ]
    if enlarged:
        sentences.insert(0, "The shaded months (the month before the as-of day and the six after) are drawn larger.")
    return text_lines(svg, MARGIN, y + 24, wrap(" ".join(sentences), WIDTH - 2 * MARGIN, TEXT), TEXT, LINE)

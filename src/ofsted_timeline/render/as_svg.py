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
import functools
import unicodedata
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from ..dates import MONTH_NAMES, add_months, format_day, format_span
from ..timeline import Milestone, Timeline
from .as_json import working_days_sentence
from .paper import rules_sentence

WIDTH = 1200
MARGIN = 16
LABEL_LEFT, LABEL_RIGHT = 24, 268  # milestone titles, right-aligned
CHART_LEFT, CHART_RIGHT = 282, 712  # the time axis
DATE_LEFT, DATE_RIGHT = 726, 956  # date or window of each row
STATUS_LEFT, STATUS_RIGHT = 968, WIDTH - MARGIN  # status of each row, in words
TEXT = 12.5  # every row's text, the smallest: 8.2 pt when the chart is printed 277 mm wide
LABEL = 13  # headings in the key and the findings
LINE = 14  # from one wrapped line to the next
ROW_PAD = 3  # above and below a row's text: a row of one line is 20 high
LANE = 21  # a lane's heading
HEADING = 48  # the axis heading: the enlarged months' label, month names, years
FONT = "Arial, Helvetica, sans-serif"
INK, GRID, BAND = "#1a1a1a", "#cfcfcf", "#f2f2f2"
NEAR_TINT = "#dceaf5"  # behind the enlarged months
ALERT = "#D55E00"  # late, early, overdue: vermilion
DUE_SOON = "#F0E442"  # yellow, always under a black hatch
DUE_SOON_FILL = "url(#due-soon)"  # the hatch pattern, defined in the chart itself
SOON = 10  # working days: a deadline this close, or today, is due soon
NEAR_SHARE = 0.6  # of the axis, for the month before the as-of day and the six after
NEAR_MONTHS = 6
LONG_WINDOW_MIN = 10.0  # a window's bar is never drawn shorter than this, so it stays a bar
FINDING_GAP = 10

# Urgency, worked out here from each milestone's status, its dates and the as-of day.
URGENCY_COLOUR = {  # Okabe-Ito colours, told apart by people with colour-vision deficiency
    "alert": ALERT,
    "soon": DUE_SOON_FILL,
    "ahead": "#0072B2",
    "scheduled": "#56B4E9",
    "done": "#009E73",
    "passed": "#b4b4b4",
}
URGENCY_NAME = {
    "alert": "late, early or overdue",
    "soon": f"due within {SOON} working days",
    "ahead": "due or opens later",
    "scheduled": "date set, within the rule",
    "done": "done, within the rule",
    "passed": "passed, no date given",
}
LANE_ORDER = ("Statutory deadlines", "Authority", "Ofsted", "DfE", "Committee", "Local rules", "Other")

# Advance widths in hundredths of an em of the characters space to "~", the larger of
# Liberation Sans (Arial's metrics) and DejaVu Sans: what a reader's sans-serif may use.
_REGULAR = (
    *(32, 41, 46, 84, 64, 96, 78, 28, 40, 40, 50, 84, 32, 37, 32, 34),
    *(64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 56),
    *(102, 69, 69, 73, 78, 67, 62, 78, 76, 30, 50, 67, 56, 87, 75, 79),
    *(67, 79, 73, 67, 62, 74, 69, 99, 69, 67, 69, 40, 34, 40, 84, 56),
    *(50, 62, 64, 55, 64, 62, 36, 64, 64, 28, 28, 58, 28, 98, 64, 62),
    *(64, 64, 42, 53, 40, 64, 60, 82, 60, 60, 53, 64, 34, 64, 84),
)
_BOLD = (
    *(35, 46, 53, 84, 70, 101, 88, 31, 46, 46, 53, 84, 38, 42, 38, 37),
    *(70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 62),
    *(100, 78, 77, 74, 84, 69, 69, 83, 84, 38, 56, 78, 64, 100, 84, 86),
    *(74, 86, 78, 73, 69, 82, 78, 111, 78, 73, 73, 46, 37, 46, 84, 56),
    *(50, 68, 72, 60, 72, 68, 44, 72, 72, 35, 35, 67, 35, 105, 72, 69),
    *(72, 72, 50, 60, 48, 72, 66, 93, 65, 66, 59, 72, 37, 72, 84),
)
_OTHER = {"–": 56, "·": 38, "’": 38, "‘": 38, "“": 60, "”": 60}  # else a full em


class Flag(NamedTuple):
    """A check finding to show on the chart: ``label`` FAIL or WARN, and its line."""

    label: str
    milestone: str
    message: str


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` may be drawn, in user units: at least as wide as in Arial or DejaVu Sans.
    An accented letter counts as its base letter; any other character as a full em."""
    return sum(_char_width(char, bold) for char in text) * size / 100


@functools.cache
def _char_width(char: str, bold: bool) -> int:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    code = ord(base)
    return (_BOLD if bold else _REGULAR)[code - 32] if 32 <= code < 127 else _OTHER.get(char, 100)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Lines of at most ``width``, broken at spaces (a word wider than a line is broken
    between letters), as even in length as the same number of lines allows. Nothing is left
    out: the lines joined with spaces give the text back."""
    words = text.split(" ")
    widths = [text_width(word, size, bold) for word in words]
    space = text_width(" ", size, bold)
    lines = _greedy(words, widths, space, width, size, bold)
    if len(lines) > 1:  # the narrowest width that needs no more lines, found by halving
        low, high = 0.0, width
        for _ in range(10):
            middle = (low + high) / 2
            fewer = len(_greedy(words, widths, space, middle, size, bold)) == len(lines)
            low, high = (low, middle) if fewer else (middle, high)
        lines = _greedy(words, widths, space, high, size, bold)
    return lines


def _greedy(words: list[str], widths: list[float], space: float, width: float, size: float, bold: bool) -> list[str]:
    """As many words on each line as fit."""
    lines: list[tuple[str, float]] = []
    line, used = words[0], widths[0]
    for word, wide in zip(words[1:], widths[1:], strict=True):
        if used + space + wide <= width:
            line, used = f"{line} {word}", used + space + wide
        else:
            lines.append((line, used))
            line, used = word, wide
    lines.append((line, used))
    fitted: list[str] = []
    for line, used in lines:
        while used > width and len(line) > 1:  # one word wider than the line
            cut = max([1] + [n for n in range(1, len(line)) if text_width(line[:n], size, bold) <= width])
            fitted.append(line[:cut])
            line = line[cut:]
            used = text_width(line, size, bold)
        fitted.append(line)
    return fitted


def timeline_svg(
    timeline: Timeline, titled: bool = True, findings: Sequence[Flag] = (), list_findings: bool = True
) -> str:
    """The chart as an SVG document (no XML declaration, so that it can be inlined in HTML too).

    ``titled`` False leaves out the title lines, for a page that has its own heading.
    ``findings`` (from ``oftl check``) mark each milestone they name with their label (FAIL,
    WARN) in its row, and are written under the chart unless ``list_findings`` is False (a
    page that lists them itself).
    """
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": "",
            "width": str(WIDTH),
            "height": "",
            "role": "img",
            "aria-labelledby": "chart-title chart-desc",
            "font-family": FONT,
        },
    )
    ET.SubElement(svg, "title", {"id": "chart-title"}).text = chart_title(timeline)
    ET.SubElement(svg, "desc", {"id": "chart-desc"}).text = chart_description(timeline)
    _hatch(svg)
    background = ET.SubElement(svg, "rect", {"x": "0", "y": "0", "width": str(WIDTH), "height": "", "fill": "#ffffff"})
    y = 6.0
    if titled:
        y = _lines(svg, MARGIN, y + 24, wrap(chart_title(timeline), WIDTH - 2 * MARGIN, 20, True), 20, 24, "bold")
        y = _lines(svg, MARGIN, y - 2, wrap(_subtitle(timeline), WIDTH - 2 * MARGIN, LABEL), LABEL, 17)
    scale = _scale(timeline)
    top = y + HEADING - (0 if scale.enlarged else 12)  # no line naming the enlarged months
    flags: dict[str, str] = {}
    for flag in findings:
        flags.setdefault(flag.milestone, flag.label)
    lanes = [(lane, [_layout(timeline, m, flags.get(m.id, "")) for m in ms]) for lane, ms in _lanes(timeline)]
    bottom = top + sum(LANE + sum(row.height for row in rows) for _, rows in lanes)
    band_top = top
    for number, (_, rows) in enumerate(lanes):  # shaded bands first, under the grid
        band_height = LANE + sum(row.height for row in rows)
        ET.SubElement(svg, "rect", _box(0, band_top, WIDTH, band_height, BAND if number % 2 == 0 else "#ffffff"))
        band_top += band_height
    _axis(svg, scale, top - HEADING, top, bottom)
    row_top = top
    for lane, rows in lanes:
        _text(svg, MARGIN, row_top + 15.5, lane, size=14, weight="bold")
        row_top += LANE
        for row in rows:
            _row(svg, scale, row_top, row)
            row_top += row.height
    _as_of(svg, scale, timeline.as_of, top, bottom)
    y = bottom + 26
    if list_findings and findings:
        y = _findings(svg, y + 4, findings) + FINDING_GAP
    y = _legend(svg, y, working_days_sentence(timeline.calendar), scale.enlarged is not None)
    height = f"{y:.0f}"
    svg.set("viewBox", f"0 0 {WIDTH} {height}")
    svg.set("height", height)
    background.set("height", height)
    return ET.tostring(svg, encoding="unicode") + "\n"


def chart_title(timeline: Timeline) -> str:
    heading = timeline.rule_set.heading
    return f"{timeline.authority}: {heading}" if timeline.authority else heading


def chart_description(timeline: Timeline) -> str:
    """The chart in words, for screen readers and as the HTML figure's text alternative."""
    parts = [f"{_subtitle(timeline)}. {rules_sentence(timeline)}"]
    for milestone in timeline.milestones:
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


def enlarged_months(timeline: Timeline) -> tuple[dt.date, dt.date] | None:
    """The first day of the months drawn larger and the first day after them, or None."""
    return _scale(timeline).enlarged


def urgency(timeline: Timeline, milestone: Milestone) -> str:
    """``alert`` (late, early, overdue), ``soon`` (no date given and the deadline today or within
    ``SOON`` working days), ``ahead``, ``scheduled``, ``done`` or ``passed``."""
    code = milestone.status.code
    if milestone.status.alert:
        return "alert"
    if code == "due-today" or (code == "due" and _working_days_left(timeline, milestone.latest) <= SOON):
        return "soon"
    return {"met": "done", "in-window": "done", "scheduled": "scheduled", "passed": "passed"}.get(code, "ahead")


def _working_days_left(timeline: Timeline, day: dt.date) -> int:
    if (day - timeline.as_of).days > 3 * SOON:  # surely more; and never counted past the calendar
        return SOON + 1
    return timeline.calendar.count_working_days(timeline.as_of, day)


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
    flag: str
    title: list[str]
    when: list[str]
    status: list[str]
    height: float


def _layout(timeline: Timeline, milestone: Milestone, flag: str) -> _Row:
    level = urgency(timeline, milestone)
    statutory = milestone.kind == "statutory"
    when = format_span(milestone.earliest, milestone.latest, milestone.times) + (" *" if milestone.projected else "")
    status = f"{flag} · {milestone.status.text}" if flag else milestone.status.text
    strong = level in ("alert", "soon") or bool(flag)
    title = wrap(milestone.title, LABEL_RIGHT - LABEL_LEFT, TEXT, statutory)
    when_lines = wrap(when, DATE_RIGHT - DATE_LEFT, TEXT, statutory)
    status_lines = wrap(status, STATUS_RIGHT - STATUS_LEFT, TEXT, strong)
    lines = max(len(title), len(when_lines), len(status_lines))
    return _Row(milestone, level, flag, title, when_lines, status_lines, lines * LINE + 2 * ROW_PAD)


class _Scale:
    """Days to x along the axis: straight lines between ``stops`` (day, x), so each stretch
    has an even scale of its own. ``enlarged`` is the stretch drawn larger, if any."""

    def __init__(self, stops: list[tuple[dt.date, float]], enlarged: tuple[dt.date, dt.date] | None) -> None:
        self.stops = stops
        self.days = [day.toordinal() for day, _ in stops]
        self.enlarged = enlarged
        self.first, self.last = stops[0][0], stops[-1][0]

    def x(self, day: dt.date) -> float:
        ordinal = day.toordinal()
        index = min(max(bisect_right(self.days, ordinal) - 1, 0), len(self.stops) - 2)
        (start, left), (end, right) = self.stops[index], self.stops[index + 1]
        return left + (ordinal - start.toordinal()) / max((end - start).days, 1) * (right - left)

    def middle(self, day: dt.date) -> float:
        """The middle of ``day``, where a one-day mark is drawn."""
        return (self.x(day) + self.x(day + dt.timedelta(days=1))) / 2

    def holds(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def months(self) -> list[dt.date]:
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month
        return [add_months(self.first, index) for index in range(count + 1)]


def _span(timeline: Timeline) -> tuple[dt.date, dt.date]:
    """From the first of the month of the first date to the first of the month after the last."""
    days = [timeline.start]
    for milestone in timeline.milestones:
        days += [milestone.earliest, milestone.latest, *([milestone.actual] if milestone.actual else [])]
    return min(days).replace(day=1), add_months(max(days).replace(day=1), 1)


def _near(as_of: dt.date, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date] | None:
    """The month before the as-of day's and the whole of the next six months, within the axis."""
    start = add_months(as_of.replace(day=1), -1)
    end = add_months(as_of, NEAR_MONTHS)
    end = end if end.day == 1 else add_months(end.replace(day=1), 1)
    start, end = max(start, first), min(end, last)
    return (start, end) if start < end else None


def _scale(timeline: Timeline) -> _Scale:
    """Linear when the timeline is short or the as-of day is outside it; else the near months
    take ``NEAR_SHARE`` of the axis and the months before and after share the rest by length."""
    first, last = _span(timeline)
    near = _near(timeline.as_of, first, last)
    days = max((last - first).days, 1)
    if near is None or (near[1] - near[0]).days / days >= NEAR_SHARE:
        return _Scale([(first, CHART_LEFT), (last, CHART_RIGHT)], None)
    width = CHART_RIGHT - CHART_LEFT
    before, after = (near[0] - first).days, (last - near[1]).days
    start = CHART_LEFT + width * (1 - NEAR_SHARE) * before / (before + after)
    stops = [(first, float(CHART_LEFT)), (near[0], start), (near[1], start + width * NEAR_SHARE), (last, CHART_RIGHT)]
    unique = [stop for index, stop in enumerate(stops) if index == 0 or stop[0] != stops[index - 1][0]]
    return _Scale(unique, near)


def _axis(svg: ET.Element, scale: _Scale, heading: float, top: float, bottom: float) -> None:
    """Month lines (January and the enlarged stretch's edges darker), month names and years
    where they fit (the enlarged stretch first), and the columns' headings."""
    months = scale.months()
    for day in months:
        edge = scale.enlarged is not None and day in scale.enlarged
        colour, width = (INK, "1.2") if edge else (INK, "0.6") if day.month == 1 else (GRID, "0.6")
        _vertical(svg, scale.x(day), top - 6, bottom, stroke=colour, width=width)
    if scale.enlarged is not None:
        left, right = (scale.x(day) for day in scale.enlarged)
        ET.SubElement(svg, "rect", _box(left, heading, right - left, top - 6 - heading, NEAR_TINT))
        ET.SubElement(svg, "rect", {**_box(left, top - 6, right - left, bottom - top + 6, NEAR_TINT), "opacity": "0.5"})
        label = "next 6 months, larger scale"
        if text_width(label, TEXT, True) > right - left - 4:
            label = "larger scale"
        _text(svg, (left + right) / 2, heading + 12, label, size=TEXT, weight="bold", anchor="middle")
    labelled = _month_labels(scale, months[:-1])
    placed: list[tuple[float, float]] = []
    for day in labelled:
        x = scale.x(day) + 2
        _text(svg, x, heading + 27, MONTH_NAMES[day.month - 1], size=TEXT)
    # Years under Januaries, the first month named and the first of the enlarged months (first).
    near = [day for day in labelled if scale.enlarged and scale.enlarged[0] <= day < scale.enlarged[1]][:1]
    wide = text_width("0000", TEXT)
    for day in near + [day for day in labelled if day.month == 1 or day == labelled[0]]:
        x = scale.x(day) + 2
        if all(x >= right + 6 or x + wide + 6 <= left for left, right in placed):
            placed.append((x, x + wide))
            _text(svg, x, heading + 40, str(day.year), size=TEXT)
    _text(svg, LABEL_RIGHT, heading + 40, "Milestone", size=TEXT, weight="bold", anchor="end")
    _text(svg, DATE_LEFT, heading + 40, "Date or window", size=TEXT, weight="bold")
    _text(svg, STATUS_LEFT, heading + 40, "Status", size=TEXT, weight="bold")


def _month_labels(scale: _Scale, months: list[dt.date]) -> list[dt.date]:
    """The months whose names fit, never overlapping: the enlarged stretch's first, then the
    rest at every 1, 2, 3, 6 or 12 months as the room allows (12: January only)."""
    chosen: list[tuple[float, float, dt.date]] = []

    def wide(day: dt.date) -> float:
        return text_width(MONTH_NAMES[day.month - 1], TEXT) + 6

    def fits(x: float, day: dt.date) -> bool:
        return all(x >= right or x + wide(day) <= left for left, right, _ in chosen)

    def room(day: dt.date) -> float:
        return scale.x(add_months(day, 1)) - scale.x(day)

    near = [day for day in months if scale.enlarged and scale.enlarged[0] <= day < scale.enlarged[1]]
    for group in (near, [day for day in months if day not in near]):
        for day in group:
            every = next((step for step in (1, 2, 3, 6, 12) if room(day) * step >= wide(day)), 12)
            if (day.month - 1) % every == 0 and fits(scale.x(day), day):
                chosen.append((scale.x(day), scale.x(day) + wide(day), day))
    if not chosen and months:  # decades: a January now and then
        step = max(1, round(len(months) * 40 / (CHART_RIGHT - CHART_LEFT) / 12 + 0.5))
        for day in months:
            if day.month == 1 and day.year % step == 0 and fits(scale.x(day), day):
                chosen.append((scale.x(day), scale.x(day) + 40, day))
    return sorted(day for _, _, day in chosen)


def _findings(svg: ET.Element, top: float, findings: Sequence[Flag]) -> float:
    _text(svg, MARGIN, top, "Check findings", size=LABEL, weight="bold")
    y = top + 4
    for flag in findings:
        lines = wrap(f"{flag.label}  {flag.message}", WIDTH - 2 * MARGIN, TEXT)
        colour = ALERT if flag.label == "FAIL" else INK
        y = _lines(svg, MARGIN, y + LINE + 2, lines, TEXT, LINE, fill=colour) - LINE
    return y + LINE


def _row(chart: ET.Element, scale: _Scale, top: float, row: _Row) -> None:
    """The row's title, mark, date and status, grouped and named by the milestone's id."""
    milestone = row.milestone
    svg = ET.SubElement(chart, "g", {"data-milestone": milestone.id})
    statutory = milestone.kind == "statutory"
    middle = top + row.height / 2
    alert = row.urgency == "alert"
    _block(svg, LABEL_RIGHT, middle, row.title, TEXT, "bold" if statutory else "normal", anchor="end")
    _block(svg, DATE_LEFT, middle, row.when, TEXT, "bold" if statutory else "normal")
    strong = alert or row.urgency == "soon" or bool(row.flag)
    colour = ALERT if alert or row.flag == "FAIL" else INK
    _block(svg, STATUS_LEFT, middle, row.status, TEXT, "bold" if strong else "normal", fill=colour)
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
    ET.SubElement(svg, "rect", {**_box(left, y - 6, right - left, 12, fill), "stroke": INK, "stroke-width": "0.8"})
    for x in (left, right):
        _vertical(svg, x, y - 9, y + 9, stroke=INK, width="2")


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
    ET.SubElement(pattern, "rect", _box(0, 0, 5, 5, DUE_SOON))
    ET.SubElement(pattern, "rect", _box(0, 0, 1.6, 5, INK))


def _as_of(svg: ET.Element, scale: _Scale, day: dt.date, top: float, bottom: float) -> None:
    if not scale.holds(day):
        return
    x = scale.x(day)
    _vertical(svg, x, top - 6, bottom, stroke=INK, width="1.5", dashed=True)
    label = f"as of {format_day(day)}"
    half = text_width(label, TEXT, True) / 2
    centre = min(max(x, MARGIN + half), WIDTH - MARGIN - half)
    _text(svg, centre, bottom + 15, label, size=TEXT, weight="bold", anchor="middle")


def _legend(svg: ET.Element, top: float, calendar_sentence: str, enlarged: bool) -> float:
    """The key: the shapes, then the statuses, each item placed after the last by its measured
    width and on a new line when the line is full. Returns the y under the key."""
    y = top + 6
    _text(svg, MARGIN, y + 4.5, "Key", size=LABEL, weight="bold")
    start = MARGIN + text_width("Key", LABEL, True) + 14
    x = start
    items: list[tuple[str, str]] = [
        ("statutory", "statutory deadline"),
        ("expected", "expected date"),
        ("event", "event"),
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
            _vertical(svg, x, y - 9, y + 9, stroke=INK, width="1.5", dashed=True)
        else:
            _marker(svg, x, y, shape, "#ffffff")
        text_x = x + (26 if shape == "window" else 12)
        _text(svg, text_x, y + 4.5, label, size=TEXT)
        x = text_x + text_width(label, TEXT) + 28
    x, y = start, y + 21
    for level, label in URGENCY_NAME.items():
        needed = 20 + text_width(label, TEXT)
        if x + needed > WIDTH - MARGIN:
            x, y = start, y + 21
        ET.SubElement(
            svg, "rect", {**_box(x - 6, y - 6, 16, 12, URGENCY_COLOUR[level]), "stroke": INK, "stroke-width": "0.6"}
        )
        _text(svg, x + 16, y + 4.5, label, size=TEXT)
        x += 16 + text_width(label, TEXT) + 28
    sentences = [
        "Colour shows the status, which is also written in each row; shapes show the kind.",
        "* after the last year with announced bank holidays.",
        calendar_sentence,
    ]
    if enlarged:
        sentences.insert(0, "The shaded months (the month before the as-of day and the six after) are drawn larger.")
    return _lines(svg, MARGIN, y + 24, wrap(" ".join(sentences), WIDTH - 2 * MARGIN, TEXT), TEXT, LINE)


def _vertical(
    svg: ET.Element, x: float, top: float, bottom: float, *, stroke: str, width: str, dashed: bool = False
) -> None:
    attributes = {
        "x1": f"{x:.1f}",
        "y1": f"{top:.1f}",
        "x2": f"{x:.1f}",
        "y2": f"{bottom:.1f}",
        "stroke": stroke,
        "stroke-width": width,
    }
    if dashed:
        attributes["stroke-dasharray"] = "5 3"
    ET.SubElement(svg, "line", attributes)


def _box(x: float, y: float, width: float, height: float, fill: str) -> dict[str, str]:
    return {"x": f"{x:.1f}", "y": f"{y:.1f}", "width": f"{width:.1f}", "height": f"{height:.1f}", "fill": fill}


def _block(
    svg: ET.Element,
    x: float,
    middle: float,
    lines: list[str],
    size: float,
    weight: str,
    *,
    anchor: str = "start",
    fill: str = INK,
) -> None:
    """Lines centred on ``middle``: their cap height sits about a third of the size above a baseline."""
    first = middle - (len(lines) - 1) * LINE / 2 + size * 0.35
    _lines(svg, x, first, lines, size, LINE, weight, anchor=anchor, fill=fill)


def _lines(
    svg: ET.Element,
    x: float,
    y: float,
    lines: list[str],
    size: float,
    step: float,
    weight: str = "normal",
    *,
    anchor: str = "start",
    fill: str = INK,
) -> float:
    """One text of one or more lines (a tspan each) from baseline ``y``; returns the last
    line's baseline plus ``step``."""
    if len(lines) == 1:
        _text(svg, x, y, lines[0], size=size, weight=weight, anchor=anchor, fill=fill)
        return y + step
    element = _text(svg, x, y, "", size=size, weight=weight, anchor=anchor, fill=fill)
    element.text = None
    for number, line in enumerate(lines):
        ET.SubElement(element, "tspan", {"x": f"{x:.1f}", "y": f"{y + number * step:.1f}"}).text = line
    return y + len(lines) * step


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
) -> ET.Element:
    attributes = {"x": f"{x:.1f}", "y": f"{y:.1f}", "font-size": f"{size:g}", "fill": fill}
    if weight != "normal":
        attributes["font-weight"] = weight
    if anchor != "start":
        attributes["text-anchor"] = anchor
    element = ET.SubElement(svg, "text", attributes)
    element.text = text
    return element

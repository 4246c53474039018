"""The chart's time axis: the months around the as-of day drawn larger, each stretch of the
timeline at its own even scale, and month labels that never crowd."""

import datetime as dt
import xml.etree.ElementTree as ET
from bisect import bisect_right

from ...dates import MONTH_NAMES, add_months
from ...timeline import Timeline
from .svg_text import (
    CHART_LEFT,
    CHART_RIGHT,
    DATE_LEFT,
    GRID,
    INK,
    LABEL_RIGHT,
    NEAR_MONTHS,
    NEAR_SHARE,
    NEAR_TINT,
    STATUS_LEFT,
    TEXT,
    box_attributes,
    place_text,
    text_width,
    vertical_label,
)


class Scale:
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


def chart_scale(timeline: Timeline) -> Scale:
    """Linear when the timeline is short or the as-of day is outside it; else the near months
    take ``NEAR_SHARE`` of the axis and the months before and after share the rest by length."""
    first, last = _span(timeline)
    near = _near(timeline.as_of, first, last)
    days = max((last - first).days, 1)
    if near is None or (near[1] - near[0]).days / days >= NEAR_SHARE:
        return Scale([(first, CHART_LEFT), (last, CHART_RIGHT)], None)
    width = CHART_RIGHT - CHART_LEFT
    before, after = (near[0] - first).days, (last - near[1]).days
    start = CHART_LEFT + width * (1 - NEAR_SHARE) * before / (before + after)
    stops = [(first, float(CHART_LEFT)), (near[0], start), (near[1], start + width * NEAR_SHARE), (last, CHART_RIGHT)]
    unique = [stop for index, stop in enumerate(stops) if index == 0 or stop[0] != stops[index - 1][0]]
    return Scale(unique, near)


def draw_axis(svg: ET.Element, scale: Scale, heading: float, top: float, bottom: float) -> None:
    """Month lines (January and the enlarged stretch's edges darker), month names and years
    where they fit (the enlarged stretch first), and the columns' headings."""
    months = scale.months()
    for day in months:
        edge = scale.enlarged is not None and day in scale.enlarged
        colour, width = (INK, "1.2") if edge else (INK, "0.6") if day.month == 1 else (GRID, "0.6")
        vertical_label(svg, scale.x(day), top - 6, bottom, stroke=colour, width=width)
    if scale.enlarged is not None:
        left, right = (scale.x(day) for day in scale.enlarged)
        ET.SubElement(svg, "rect", box_attributes(left, heading, right - left, top - 6 - heading, NEAR_TINT))
        ET.SubElement(
            svg, "rect", {**box_attributes(left, top - 6, right - left, bottom - top + 6, NEAR_TINT), "opacity": "0.5"}
        )
        label = "next 6 months, larger scale"
        if text_width(label, TEXT, True) > right - left - 4:
            label = "larger scale"
        place_text(svg, (left + right) / 2, heading + 12, label, size=TEXT, weight="bold", anchor="middle")
    labelled = _month_labels(scale, months[:-1])
    placed: list[tuple[float, float]] = []
    for day in labelled:
        x = scale.x(day) + 2
        place_text(svg, x, heading + 27, MONTH_NAMES[day.month - 1], size=TEXT)
    # Years under Januaries, the first month named and the first of the enlarged months (first).
    near = [day for day in labelled if scale.enlarged and scale.enlarged[0] <= day < scale.enlarged[1]][:1]
    wide = text_width("0000", TEXT)
    for day in near + [day for day in labelled if day.month == 1 or day == labelled[0]]:
        x = scale.x(day) + 2
        if all(x >= right + 6 or x + wide + 6 <= left for left, right in placed):
            placed.append((x, x + wide))
            place_text(svg, x, heading + 40, str(day.year), size=TEXT)
    place_text(svg, LABEL_RIGHT, heading + 40, "Milestone", size=TEXT, weight="bold", anchor="end")
    place_text(svg, DATE_LEFT, heading + 40, "Date or window", size=TEXT, weight="bold")
    place_text(svg, STATUS_LEFT, heading + 40, "Status", size=TEXT, weight="bold")


def _month_labels(scale: Scale, months: list[dt.date]) -> list[dt.date]:
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

"""Drawing text in an SVG chart: widths no narrower than the reader's sans-serif may draw them
(Arial's metrics or DejaVu Sans's), wrapping that never cuts a text, and the ElementTree
helpers for lines, boxes and text that every part of the chart uses."""

import functools
import unicodedata
import xml.etree.ElementTree as ET

# The chart's geometry and colours, shared by the rows (as_svg), the axis (svg_scale) and the text.
INK = "#1a1a1a"
LINE = 14  # from one wrapped line to the next
WIDTH = 1200
MARGIN = 16
LABEL_LEFT, LABEL_RIGHT = 24, 268  # milestone titles, right-aligned
CHART_LEFT, CHART_RIGHT = 282, 712  # the time axis
DATE_LEFT, DATE_RIGHT = 726, 956  # date or window of each row
STATUS_LEFT, STATUS_RIGHT = 968, WIDTH - MARGIN  # status of each row, in words
TEXT = 12.5  # every row's text, the smallest: 8.2 pt when the chart is printed 277 mm wide
LABEL = 13  # headings in the key and the findings
ROW_PAD = 3  # above and below a row's text: a row of one line is 20 high
LANE = 21  # a lane's heading
HEADING = 48  # the axis heading: the enlarged months' label, month names, years
FONT = "Arial, Helvetica, sans-serif"
GRID, BAND = "#cfcfcf", "#f2f2f2"
NEAR_TINT = "#dceaf5"  # behind the enlarged months
ALERT = "#D55E00"  # late, early, overdue: vermilion
DUE_SOON = "#F0E442"  # yellow, always under a black hatch
DUE_SOON_FILL = "url(#due-soon)"  # the hatch pattern, defined in the chart itself
NEAR_SHARE = 0.6  # of the axis, for the month before the as-of day and the six after
NEAR_MONTHS = 6
LONG_WINDOW_MIN = 10.0  # a window's bar is never drawn shorter than this, so it stays a bar
FINDING_GAP = 10


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
        if used > width:  # one word wider than the line: cut between letters
            fitted.extend(_cut(line, width, size, bold))
        else:
            fitted.append(line)
    return fitted


def _cut(line: str, width: float, size: float, bold: bool) -> list[str]:
    """``line`` in pieces of as many letters as fit (at least one each), in one pass: measuring
    every prefix made one long word cost seconds."""
    pieces: list[str] = []
    start, units = 0, 0
    for index, char in enumerate(line):
        wide = _char_width(char, bold)
        if index > start and (units + wide) * size / 100 > width:
            pieces.append(line[start:index])
            start, units = index, 0
        units += wide
    pieces.append(line[start:])
    return pieces


def vertical_label(
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


def box_attributes(x: float, y: float, width: float, height: float, fill: str) -> dict[str, str]:
    return {"x": f"{x:.1f}", "y": f"{y:.1f}", "width": f"{width:.1f}", "height": f"{height:.1f}", "fill": fill}


def text_block(
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
    text_lines(svg, x, first, lines, size, LINE, weight, anchor=anchor, fill=fill)


def text_lines(
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
        place_text(svg, x, y, lines[0], size=size, weight=weight, anchor=anchor, fill=fill)
        return y + step
    element = place_text(svg, x, y, "", size=size, weight=weight, anchor=anchor, fill=fill)
    element.text = None
    for number, line in enumerate(lines):
        ET.SubElement(element, "tspan", {"x": f"{x:.1f}", "y": f"{y + number * step:.1f}"}).text = line
    return y + len(lines) * step


def place_text(
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

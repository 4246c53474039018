"""One self-contained HTML page: the chart, the table and the sources, printable on A4 landscape.

No JavaScript, no fonts or styles from elsewhere. The chart is inline SVG with a text
alternative; the table is real table markup with a caption and header cells.
"""

from collections.abc import Callable, Sequence
from html import escape

from ...dates import MONTH_NAMES, add_months, format_day, format_span
from ...rules import Kind
from ...timeline import NEEDS, Milestone, Timeline
from ..as_json import working_days_sentence
from ..paper import due_lines, findings, paper_notes, rules_sentence
from .as_svg import Flag, Piece, chart_title, enlarged_months, lane_names, lane_rows, timeline_svg
from .svg_text import LANE

STYLE = """
@page { size: A4 landscape; margin: 14mm 10mm 10mm;
  @top-left { content: RUNNING; font: 8pt Arial, Helvetica, sans-serif; color: #444; }
  @top-right { content: "page " counter(page) " of " counter(pages); font: 8pt Arial, Helvetica, sans-serif;
    color: #444; } }
body { font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; background: #fff; margin: 1.5rem; line-height: 1.35; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
p.lead { margin: 0 0 1rem; }
table.due { width: auto; font-size: 1rem; margin-bottom: .5rem; }
table.due th { background: #e8e8e8; white-space: nowrap; }
table.due td.when { white-space: nowrap; font-weight: bold; }
ul.findings { padding-left: 1.2rem; margin: 0 0 1rem; }
figure { margin: 0 0 1rem; }
figure svg { display: block; width: 100%; height: auto; max-width: 1200px; }
figcaption { font-size: .85rem; margin-top: .25rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .4rem; }
th, td { border: 1px solid #8c8c8c; padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
tr.statutory td { font-weight: bold; }
tr.alert td, tr.alert th, li.fail { color: #b34700; font-weight: bold; }
tr { break-inside: avoid; }
.notes li, .sources li { margin-bottom: .2rem; }
@media print {
  body { margin: 0; font-size: 10pt; }
  h1 { font-size: 16pt; } h2 { font-size: 12pt; margin: 4mm 0 2mm; break-after: avoid; }
  table.due { font-size: 10pt; }
  figure { break-inside: avoid; margin-bottom: 3mm; }
  figure svg { width: auto; height: auto; max-width: 100%; max-height: 184mm; }
  figcaption { font-size: 8pt; margin-top: 1mm; }
  table.milestones { font-size: 8pt; line-height: 1.15; }
  table.milestones th, table.milestones td { padding: .5mm 1.2mm; }
  td.date-or-window, td.kind, td.actual, td.status { white-space: nowrap; }
  th.milestone { width: 25%; } th.basis { width: 23%; } th.source { width: 15%; }
  thead { display: table-header-group; }
  .notes, .sources { font-size: 8pt; } .notes li, .sources li { margin-bottom: .5mm; }
  .notes, .sources { line-height: 1.2; } .sources { font-size: 7.5pt; overflow-wrap: anywhere; }
}
"""
# The chart is printed in parts that break between lanes (or between rows of a tall lane), each
# with its time axis, full width: 1200 chart units across 277 mm. A page holds 186 mm inside its
# margins; a part's axis, as-of label and caption take about CHART_FRAME units besides its rows.
MM_PER_UNIT = 277 / 1200
PAGE_MM = 186
CHART_FRAME = 110
PAGE_UNITS = 700  # rows of a part on a page of its own
# Page 1 first holds the heading and lead (about 52 mm), a line of what is due next 7.5 mm each,
# and the findings about 4.5 mm a printed line of some 190 characters.
HEAD_MM, DUE_MM, FINDING_MM, FINDING_CHARS = 52, 7.5, 4.5, 190


# The milestones table: each column's heading and its cell. One more column is one more line.
COLUMNS: tuple[tuple[str, Callable[[Milestone], str]], ...] = (
    ("Milestone", lambda m: m.title),
    ("Date or window", lambda m: format_span(m.earliest, m.latest, m.times) + (" *" if m.projected else "")),
    ("Actual", lambda m: format_day(m.actual) if m.actual else ""),
    ("Kind", lambda m: " ".join([m.kind, *(f"({mark})" for mark in m.rule.marks)])),
    ("By", lambda m: m.rule.by.heading),
    ("Basis", lambda m: m.basis),
    ("Source", lambda m: m.rule.source),
    ("Status", lambda m: m.status.text),
)
HEADER = "".join(f'<th scope="col" class="{title.lower().replace(" ", "-")}">{title}</th>' for title, _ in COLUMNS)


def _slug(title: str) -> str:
    """A column's class, as its heading cell has it: ``Date or window`` -> ``date-or-window``."""
    return title.lower().replace(" ", "-")


def _css_string(text: str) -> str:
    """``text`` as a CSS string whatever it holds: every character but letters, digits and
    spaces as a hex escape (and the space that ends one), so that no quote, backslash or
    ``</style>`` can end it.

    >>> _css_string('a"</style>')
    '"a\\\\000022 \\\\00003c \\\\00002f style\\\\00003e "'
    """
    return '"' + "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):06x} " for c in text) + '"'


def _due(timeline: Timeline) -> str:
    """What is due next: late, early or overdue first, then the next statutory deadline and the
    next expected date."""
    rows = []
    for label, when, what, milestone in due_lines(timeline):
        css = ' class="alert"' if milestone is not None and milestone.status.alert else ""
        rows.append(
            f'<tr{css}><th scope="row">{escape(label)}</th>'
            f'<td class="when">{escape(when)}</td><td>{escape(what)}</td></tr>'
        )
    return f'<h2>What is due next</h2>\n<table class="due">\n{"".join(rows)}\n</table>\n'


def _findings(timeline: Timeline, flags: Sequence[Flag]) -> str:
    """The findings that matter (``paper.findings``), then a check's failures and warnings."""
    fail = ' class="fail"'
    items = [f"<li{fail if alert else ''}>{escape(text)}</li>" for text, alert in findings(timeline)]
    for flag in flags:
        css = ' class="fail"' if flag.fails else ""
        items.append(f"<li{css}>{escape(flag.label)} {escape(flag.message)}</li>")
    return f'<h2>Findings</h2>\n<ul class="findings">{"".join(items)}</ul>\n'


def _first_page_units(timeline: Timeline, flags: Sequence[Flag]) -> float:
    """The chart units of rows that fit on page 1 under what comes first (an estimate, see
    HEAD_MM); none worth drawing there means the chart starts on page 2 with a full page."""
    texts = [text for text, _ in findings(timeline)] + [f"{flag.label} {flag.message}" for flag in flags]
    lines = sum(1 + len(text) // FINDING_CHARS for text in texts)
    left = PAGE_MM - HEAD_MM - DUE_MM * len(due_lines(timeline)) - FINDING_MM * lines
    units = left / MM_PER_UNIT - CHART_FRAME
    return units if units >= LANE + 3 * 30 else PAGE_UNITS


def _chart_parts(timeline: Timeline, flags: Sequence[Flag]) -> list[list[Piece]]:
    """The pieces of lanes in each printed part of the chart: a part ends between lanes, or
    between rows of a lane taller than what is left of the page."""
    parts: list[list[Piece]] = [[]]
    used, budget = 0.0, _first_page_units(timeline, flags)
    for lane, heights in lane_rows(timeline, flags):
        first = 0
        if parts[-1] and used + LANE + sum(heights) > budget and used + LANE + sum(heights[:3]) > budget:
            parts.append([])  # not even three rows fit: the lane starts the next part
            used, budget = 0.0, PAGE_UNITS
        used += LANE
        for row, height in enumerate(heights):
            if used + height > budget and row > first:
                # Never one row of a lane alone on the next part: two go over when there are more.
                split = row - 1 if len(heights) - row < 2 and row - first > 2 else row
                parts[-1].append(Piece(lane, first, split))
                parts.append([])
                first, used, budget = split, LANE + sum(heights[split : row + 1]), PAGE_UNITS
            else:
                used += height
        parts[-1].append(Piece(lane, first, len(heights)))
    return parts


def _charts(timeline: Timeline, flags: Sequence[Flag]) -> str:
    parts = _chart_parts(timeline, flags)
    if len(parts) == 1:
        charts = [timeline_svg(timeline, titled=False, findings=flags, list_findings=False)]
    else:
        charts = [
            timeline_svg(timeline, False, flags, False, (lanes, number, number == len(parts) - 1))
            for number, lanes in enumerate(parts)
        ]
    figures = [f"<figure>\n{chart}</figure>\n" for chart in charts[:-1]]
    figures.append(f"<figure>\n{charts[-1]}<figcaption>{escape(_caption(timeline))}</figcaption>\n</figure>\n")
    return "".join(figures)


def _caption(timeline: Timeline) -> str:
    """One line (so that the printed chart and its caption share a page); the chart's full
    text alternative is its own description (SVG desc)."""
    lanes = ", ".join(lane_names(timeline))
    enlarged = enlarged_months(timeline)
    if enlarged is None:
        scale = "on a time axis by month"
    else:
        first, last = enlarged[0], add_months(enlarged[1], -1)
        months = (f"{MONTH_NAMES[day.month - 1]} {day.year}" for day in (first, last))
        scale = "{} to {} drawn larger".format(*months)
    return f"The {len(timeline.milestones)} milestones of the table below by lane ({lanes}), {scale}."


def timeline_html(timeline: Timeline, findings: Sequence[Flag] = ()) -> str:
    """The page; ``findings`` (from ``oftl check``) join the findings on top and mark the chart.

    Printed, page 1 holds the heading, what is due next and the findings that matter; the
    chart follows in parts that break between lanes, each with its axis; every page is headed
    with the authority and the as-of day."""
    title = chart_title(timeline)
    rows = []
    for milestone in timeline.milestones:
        flags = (("statutory", milestone.kind is Kind.STATUTORY), ("alert", milestone.status.alert))
        classes = [name for name, on in flags if on]
        css = f' class="{" ".join(classes)}"' if classes else ""
        cells = (f'<td class="{_slug(title)}">{escape(cell(milestone))}</td>' for title, cell in COLUMNS)
        rows.append(f"<tr{css}>" + "".join(cells) + "</tr>")
    notes = [
        *(f"Not dated yet: {u.title}, which needs {NEEDS.get(u.needs, u.needs)}." for u in timeline.undated),
        *(note for note in paper_notes(timeline) if note != timeline.persistent_failure),  # in the findings
    ]
    notes += [f"Not applicable: {item.title}, {item.reason}." for item in timeline.not_applicable]
    notes.append(working_days_sentence(timeline.calendar))
    sources = "".join(
        f"<li><strong>{escape(short)}</strong>: {escape(full)}</li>"
        for short, full in timeline.rule_set.sources.items()
    )
    running = _css_string(f"{title} · status as of {format_day(timeline.as_of)}")
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{STYLE.replace("RUNNING", running)}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p class="lead">{escape(timeline.rule_set.root.title)} {escape(format_day(timeline.start))}.
{escape(rules_sentence(timeline))}
Status as of {escape(format_day(timeline.as_of))}.</p>
{_due(timeline)}{_findings(timeline, findings)}{_charts(timeline, findings)}<h2>Milestones</h2>
<table class="milestones">
<caption>Every milestone, with the rule and source paragraph behind its date</caption>
<thead><tr>{HEADER}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<h2>Notes</h2>
<ul class="notes">
{"".join(f"<li>{escape(note)}</li>" for note in notes)}
</ul>
<h2>Sources</h2>
<ul class="sources">
{sources}
</ul>
<p>Computed by oftl (ofsted-timeline). Dates marked * fall after the last year with announced bank holidays.</p>
</body>
</html>
"""

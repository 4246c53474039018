"""One self-contained HTML page: the chart, the table and the sources, printable on A4 landscape.

No JavaScript, no fonts or styles from elsewhere. The chart is inline SVG with a text
alternative; the table is real table markup with a caption and header cells.
"""

from collections.abc import Sequence
from html import escape

from ..dates import MONTH_NAMES, add_months, format_day, format_span
from ..timeline import Timeline
from .as_json import working_days_sentence
from .as_svg import Flag, chart_title, enlarged_months, lane_names, timeline_svg
from .paper import NEEDS, findings_first, paper_notes, rules_sentence

STYLE = """
@page { size: A4 landscape; margin: 8mm 10mm; }
body { font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; background: #fff; margin: 1.5rem; line-height: 1.35; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
p.lead { margin: 0 0 1rem; }
figure { margin: 0; }
figure svg { display: block; width: 100%; height: auto; max-width: 1200px; }
figcaption { font-size: .85rem; margin-top: .25rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .4rem; }
th, td { border: 1px solid #8c8c8c; padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
tr.statutory td { font-weight: bold; }
tr.alert td, li.fail, p.finding { color: #b34700; font-weight: bold; }
tr { break-inside: avoid; }
.notes li, .sources li { margin-bottom: .2rem; }
@media print { body { margin: 0; } h2 { break-after: avoid; } figure { break-inside: avoid; }
  figure svg { width: 100%; max-width: none; } figcaption { font-size: 9pt; margin-top: 1mm; } }
"""


COLUMNS = ("Milestone", "Date or window", "Actual", "Kind", "By", "Basis", "Source", "Status")
HEADER = "".join(f'<th scope="col">{column}</th>' for column in COLUMNS)


def _findings(findings: Sequence[Flag]) -> str:
    if not findings:
        return ""
    items = []
    for flag in findings:
        css = ' class="fail"' if flag.label == "FAIL" else ""
        items.append(f"<li{css}>{escape(flag.label)} {escape(flag.message)}</li>")
    return f'<h2>Check findings</h2>\n<ul class="findings">{"".join(items)}</ul>\n'


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
    """The page; ``findings`` (from ``oftl check``) get a section of their own and marks on the chart."""
    title = chart_title(timeline)
    chart = timeline_svg(timeline, titled=False, findings=findings, list_findings=False)
    rows = []
    for milestone in timeline.milestones:
        when = format_span(milestone.earliest, milestone.latest, milestone.times)
        if milestone.projected:
            when += " *"
        actual = format_day(milestone.actual) if milestone.actual else ""
        kind = " ".join([milestone.kind, *(f"({mark})" for mark in milestone.rule.marks)])
        flags = (("statutory", milestone.kind == "statutory"), ("alert", milestone.status.alert))
        classes = [name for name, on in flags if on]
        css = f' class="{" ".join(classes)}"' if classes else ""
        by = milestone.rule.by.heading
        cells = (milestone.title, when, actual, kind, by, milestone.basis, milestone.rule.source, milestone.status.text)
        rows.append(f"<tr{css}>" + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>")
    first = "".join(f'<p class="finding">{escape(finding)}</p>\n' for finding in findings_first(timeline))
    notes = [
        *(f"Not dated yet: {u.title}, which needs {NEEDS.get(u.needs, u.needs)}." for u in timeline.undated),
        *paper_notes(timeline),
    ]
    notes += [f"Not applicable: {item.title}, {item.reason}." for item in timeline.not_applicable]
    notes.append(working_days_sentence(timeline.calendar))
    sources = "".join(
        f"<li><strong>{escape(short)}</strong>: {escape(full)}</li>"
        for short, full in timeline.rule_set.sources.items()
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p class="lead">{escape(timeline.rule_set.root.title)} {escape(format_day(timeline.start))}.
{escape(rules_sentence(timeline))}
Status as of {escape(format_day(timeline.as_of))}.</p>
{first}{_findings(findings)}<figure>
{chart}<figcaption>{escape(_caption(timeline))}</figcaption>
</figure>
<h2>Milestones</h2>
<table>
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

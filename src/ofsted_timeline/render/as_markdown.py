"""A Markdown table to paste into a committee paper: UK dates, statutory deadlines in bold."""

from ..dates import format_day, format_span
from ..rules import Kind
from ..timeline import NEEDS, Milestone, Timeline
from .as_json import working_days_sentence
from .paper import findings_first, paper_notes, rules_sentence


def _cell(text: str) -> str:
    """Table cells are one line, and a ``|`` would end the cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _kind(kind: Kind) -> str:
    return f"**{kind.label}**" if kind is Kind.STATUTORY else kind.label


def _when(milestone: Milestone) -> str:
    when = format_span(milestone.earliest, milestone.latest, milestone.times) + (" \\*" if milestone.projected else "")
    return f"**{when}**" if milestone.kind is Kind.STATUTORY else when


def timeline_markdown(timeline: Timeline) -> str:
    """A committee paper's table: no command-line words (``paper``)."""
    heading = timeline.rule_set.heading
    if timeline.authority:
        heading = f"{timeline.authority}: {heading}"
    lines = [
        f"## {_cell(heading)}",
        "",
        f"{timeline.rule_set.root.title} {format_day(timeline.start)}. {rules_sentence(timeline)} "
        f"Status as of {format_day(timeline.as_of)}.",
        "",
        *(line for finding in findings_first(timeline) for line in (f"**{_cell(finding)}**", "")),
        "| Milestone | Date or window | Kind | By | Basis | Source | Status |",
        "|---|---|---|---|---|---|---|",
    ]
    for milestone in timeline.milestones:
        cells = [
            milestone.title,
            _when(milestone),
            " ".join([_kind(milestone.kind), *(f"({mark})" for mark in milestone.rule.marks)]),
            milestone.rule.by.heading,
            milestone.basis,
            milestone.rule.source,
            f"**{milestone.status.text}**" if milestone.status.alert else milestone.status.text,
        ]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    lines.append("")
    for undated in timeline.undated:
        lines.append(f"- Not dated: {_cell(undated.title)} needs {NEEDS.get(undated.needs, undated.needs)}.")
    lines.extend(f"- Not applicable: {_cell(item.title)}, {item.reason}." for item in timeline.not_applicable)
    lines.extend(f"- {_cell(note)}" for note in paper_notes(timeline))
    lines.append(f"- {working_days_sentence(timeline.calendar)} Computed with oftl (ofsted-timeline).")
    return "\n".join(lines) + "\n"

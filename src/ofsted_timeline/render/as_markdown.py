"""A Markdown table to paste into a committee paper: UK dates, statutory deadlines in bold.

Every text from input or data (an authority, a rule's title or source, a note) goes in through
``literal``, so that it shows as written under any Markdown reader (CommonMark, pandoc,
Python-Markdown) and is never read as raw HTML, a link or an image: ``<`` ``>`` ``&`` become
entities, Markdown's punctuation is escaped with a backslash, and the text is one line.
"""

import re

from ..dates import format_day, format_span
from ..rules import Kind
from ..timeline import NEEDS, Milestone, Timeline
from .as_json import working_days_sentence
from .paper import findings, paper_notes, rules_sentence

ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
SYNTAX = re.compile(r"[\\`*_\[\]|]")  # emphasis, code, links and images, table cells
LINE_START = re.compile(r"^[#+-]")  # a heading or list item, where a line starts


def literal(text: str) -> str:
    """``text`` on one line, shown as written by a Markdown reader.

    >>> literal("<img src=x onerror=alert(1)> [x](javascript:alert(1)) *a*|b")
    '&lt;img src=x onerror=alert(1)&gt; \\\\[x\\\\](javascript:alert(1)) \\\\*a\\\\*\\\\|b'
    """
    text = re.sub("[&<>]", lambda match: ENTITIES[match.group()], " ".join(text.split()))
    text = SYNTAX.sub(lambda match: "\\" + match.group(), text)
    return LINE_START.sub(lambda match: "\\" + match.group(), text)


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
        f"## {literal(heading)}",
        "",
        literal(
            f"{timeline.rule_set.root.title} {format_day(timeline.start)}. {rules_sentence(timeline)} "
            f"Status as of {format_day(timeline.as_of)}."
        ),
        "",
        *(f"- **{literal(text)}**" if alert else f"- {literal(text)}" for text, alert in findings(timeline)),
        "",
        "| Milestone | Date or window | Kind | By | Basis | Source | Status |",
        "|---|---|---|---|---|---|---|",
    ]
    for milestone in timeline.milestones:
        status = literal(milestone.status.text)
        cells = [
            literal(milestone.title),
            _when(milestone),
            " ".join([_kind(milestone.kind), *(literal(f"({mark})") for mark in milestone.rule.marks)]),
            milestone.rule.by.heading,
            literal(milestone.basis),
            literal(milestone.rule.source),
            f"**{status}**" if milestone.status.alert else status,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for undated in timeline.undated:
        lines.append(f"- Not dated: {literal(f'{undated.title} needs {NEEDS.get(undated.needs, undated.needs)}.')}")
    lines.extend(f"- Not applicable: {literal(f'{item.title}, {item.reason}.')}" for item in timeline.not_applicable)
    lines.extend(f"- {literal(note)}" for note in paper_notes(timeline))
    lines.append(f"- {literal(working_days_sentence(timeline.calendar))} Computed with oftl (ofsted-timeline).")
    return "\n".join(lines) + "\n"

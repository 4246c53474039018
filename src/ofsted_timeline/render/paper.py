"""What papers for councillors (Markdown, HTML, workbooks) say in place of the terminal's notes:
the rules by their title, not by a command-line name, and no command-line options."""

from ..dates import format_day, format_span
from ..rules import Kind, trigger_sentence
from ..timeline import Milestone, Timeline

NO_DEADLINE = "none ahead: every statutory date has passed or been given"
DUE_LABEL = {"Next statutory": "Next statutory deadline", "Next expected": "Next expected date"}


def rules_sentence(timeline: Timeline) -> str:
    """``Rules: Single inspection framework: ... (May 2017).``, and an unverified trigger."""
    return f"Rules: {timeline.rule_set.title}.{trigger_sentence(timeline.rule_set)}"


def paper_notes(timeline: Timeline) -> list[str]:
    """The timeline's notes but the one saying how the framework was chosen (``rules_sentence``
    names the rules; how to choose others is the terminal's business) and persistent failure,
    which a paper states first (``findings``)."""
    left_out = (timeline.framework_reason, timeline.persistent_failure)
    return [note for note in timeline.notes if note not in left_out]


def due_next(timeline: Timeline) -> list[tuple[str, Milestone | None]]:
    """What a reader needs first: each late, early or overdue milestone (labelled LATE, EARLY,
    OVERDUE), then the next statutory deadline (when the rules have any) and the next expected
    date, None when there is none ahead. A date set for a day ahead is ahead too (a visit fixed
    for next month is what comes next), unless it is late or early (listed first)."""
    ahead = [
        m
        for m in timeline.milestones
        if not m.status.alert and (m.actual if m.actual is not None else m.latest) >= timeline.as_of
    ]
    facts: list[tuple[str, Milestone | None]] = [
        (m.status.code.upper(), m) for m in timeline.milestones if m.status.alert
    ]
    if any(m.kind is Kind.STATUTORY for m in timeline.milestones):
        facts.append(("Next statutory", next((m for m in ahead if m.kind is Kind.STATUTORY), None)))
    facts.append(("Next expected", next((m for m in ahead if m.kind is not Kind.STATUTORY), None)))
    return facts


def due_lines(timeline: Timeline) -> list[tuple[str, str, str, Milestone | None]]:
    """``due_next`` in a paper's words: (label, date or window, what and its status, milestone)."""
    lines: list[tuple[str, str, str, Milestone | None]] = []
    for label, milestone in due_next(timeline):
        if milestone is None:
            lines.append((DUE_LABEL[label], "", "none ahead" if label == "Next expected" else NO_DEADLINE, None))
            continue
        when = format_span(milestone.earliest, milestone.latest, milestone.times)
        what = f"{milestone.title}: {milestone.status.text.removeprefix(f'{label}: ')}"
        lines.append((DUE_LABEL.get(label, label), when, what, milestone))
    return lines


def findings(timeline: Timeline) -> list[tuple[str, bool]]:
    """The findings that matter, each with whether it is an alert: what is late, early or
    overdue (or that nothing is), and persistent failure when the DfE's test is met."""
    found = [(f"{m.title}: {m.status.text}", True) for m in timeline.milestones if m.status.alert]
    if not found:
        found.append((f"Nothing is late, early or overdue on {format_day(timeline.as_of)}.", False))
    if timeline.persistent_failure:
        found.append((timeline.persistent_failure, True))
    return found

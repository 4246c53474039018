"""What papers for councillors (Markdown, HTML, workbooks) say in place of the terminal's notes:
the rules by their title, not by a command-line name, and no command-line options."""

from ..timeline import Milestone, Timeline

# What supplies a missing anchor, in a paper's words (the terminal names the option).
NEEDS = {"reinspection": "the first day of re-inspection fieldwork"}
NO_DEADLINE = "none ahead: every statutory date has passed or been given"


def rules_sentence(timeline: Timeline) -> str:
    """``Rules: Single inspection framework: ... (May 2017).``, and an unverified trigger."""
    rule_set = timeline.rule_set
    sentence = f"Rules: {rule_set.title}."
    if rule_set.trigger and not rule_set.trigger_source:
        sentence += f" Its trigger is unverified: {rule_set.trigger}."
    return sentence


def paper_notes(timeline: Timeline) -> list[str]:
    """The timeline's notes but the one saying how the framework was chosen (``rules_sentence``
    names the rules; how to choose others is the terminal's business)."""
    return [note for note in timeline.notes if note != timeline.framework_reason]


def due_next(timeline: Timeline) -> list[tuple[str, Milestone | None]]:
    """What a reader needs first: each late, early or overdue milestone (labelled LATE, EARLY,
    OVERDUE), then the next statutory deadline (when the rules have any) and the next expected
    date, None when there is none ahead."""
    ahead = [m for m in timeline.milestones if m.actual is None and m.latest >= timeline.as_of]
    facts: list[tuple[str, Milestone | None]] = [
        (m.status.code.upper(), m) for m in timeline.milestones if m.status.alert
    ]
    if any(m.kind == "statutory" for m in timeline.milestones):
        facts.append(("Next statutory", next((m for m in ahead if m.kind == "statutory"), None)))
    facts.append(("Next expected", next((m for m in ahead if m.kind != "statutory"), None)))
    return facts

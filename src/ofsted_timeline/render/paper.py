"""What papers for councillors (Markdown, HTML, workbooks) say in place of the terminal's notes:
the rules by their title, not by a command-line name, and no command-line options."""

from ..timeline import Timeline

# What supplies a missing anchor, in a paper's words (the terminal names the option).
NEEDS = {"reinspection": "the first day of re-inspection fieldwork"}


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

"""What papers for councillors (Markdown, HTML, workbooks) say in place of the terminal's notes:
the rules by their title, not by a command-line name, and no command-line options."""

from ..rules import trigger_sentence
from ..timeline import Timeline

# What supplies a missing anchor, in a paper's words (the terminal names the option).
NEEDS = {"reinspection": "the first day of re-inspection fieldwork"}


def rules_sentence(timeline: Timeline) -> str:
    """``Rules: Single inspection framework: ... (May 2017).``, and an unverified trigger."""
    return f"Rules: {timeline.rule_set.title}.{trigger_sentence(timeline.rule_set)}"


def paper_notes(timeline: Timeline) -> list[str]:
    """The timeline's notes but the one saying how the framework was chosen (``rules_sentence``
    names the rules; how to choose others is the terminal's business) and persistent failure,
    which a paper states first (``findings_first``)."""
    left_out = (timeline.framework_reason, timeline.persistent_failure)
    return [note for note in timeline.notes if note not in left_out]


def findings_first(timeline: Timeline) -> list[str]:
    """What a paper states before its table: persistent failure, when it is met."""
    return [timeline.persistent_failure] if timeline.persistent_failure else []

"""A rule set applied to a day: the timeline of milestones, the pure core (no clock, no I/O).

``build_timeline`` is the entry point; ``model`` holds the types every renderer reads.
"""

from ..request import visits_as_actuals
from .build import PERSISTENT_CONSEQUENCE, authority_name, build_timeline, persistent_failure
from .model import ALERT_CODES, MAX_OCCURRENCES, NEEDS, Code, Milestone, Side, Skipped, Status, Step, Timeline, Undated
from .wording import SOON_DAYS, after_announced, due_soon, limit_text, short_title

__all__ = [
    "ALERT_CODES",
    "MAX_OCCURRENCES",
    "NEEDS",
    "PERSISTENT_CONSEQUENCE",
    "SOON_DAYS",
    "Code",
    "Milestone",
    "Side",
    "Skipped",
    "Status",
    "Step",
    "Timeline",
    "Undated",
    "after_announced",
    "authority_name",
    "build_timeline",
    "due_soon",
    "limit_text",
    "persistent_failure",
    "short_title",
    "visits_as_actuals",
]

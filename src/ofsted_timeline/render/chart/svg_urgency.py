"""How urgent each row of the chart is, worked out from its milestone's status, its dates and
the as-of day: the row's colour in the chart and its line in the key."""

from ...timeline import SOON_DAYS, Code, Milestone, Timeline, due_soon
from .svg_text import ALERT, DUE_SOON_FILL

URGENCY_COLOUR = {  # Okabe-Ito colours, told apart by people with colour-vision deficiency
    "alert": ALERT,
    "soon": DUE_SOON_FILL,
    "ahead": "#0072B2",
    "scheduled": "#56B4E9",
    "done": "#009E73",
    "passed": "#b4b4b4",
    "outside": "#CC79A7",
}
URGENCY_NAME = {
    "alert": "late, early or overdue",
    "soon": f"due within {SOON_DAYS} working days",
    "ahead": "due or opens later",
    "scheduled": "date set, within the rule",
    "done": "done, within the rule",
    "passed": "passed, no date given",
    "outside": "Ofsted's or the DfE's date, outside its usual window",
}
OPTIONAL_URGENCY = ("outside",)  # in the key only when a row has it


def urgency(timeline: Timeline, milestone: Milestone) -> str:
    """``alert`` (late, early, overdue), ``soon`` (no date given and the deadline today or within
    ``SOON_DAYS`` working days), ``ahead``, ``scheduled``, ``done``, ``passed``, or ``outside``
    (Ofsted's or the DfE's date given outside its usual window: no alert)."""
    code = milestone.status.code
    if milestone.status.alert:
        return "alert"
    if code in (Code.LATER, Code.EARLIER):
        return "outside"
    if code is Code.DUE_TODAY or (code is Code.DUE and due_soon(timeline, milestone.latest)):
        return "soon"
    return {Code.MET: "done", Code.IN_WINDOW: "done", Code.SCHEDULED: "scheduled", Code.PASSED: "passed"}.get(
        code, "ahead"
    )

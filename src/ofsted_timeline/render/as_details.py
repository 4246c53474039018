"""The full table of ``--details``: every milestone with its basis, source, kind, owner and
status. Statutory deadlines are bold and flagged so they stand out. Said as ``layout`` blocks,
not rich objects: printed to a pipe or a file, it is laid out without importing rich."""

from ..calendar import CALENDAR_NAME
from ..dates import format_day, format_span
from ..rules import Kind
from ..timeline import Code, Timeline
from .layout import Blocks, Grid, Line

STATUS_STYLE = {
    Code.MET: "green",
    Code.IN_WINDOW: "green",
    Code.SCHEDULED: "cyan",
    Code.LATE: "bold red",
    Code.EARLY: "bold red",
    Code.OVERDUE: "bold red",
    Code.PASSED: "dim",
    Code.DUE_TODAY: "bold yellow",
    Code.DUE: "yellow",
    Code.UPCOMING: "",
    Code.LATER: "",  # Ofsted's or the DfE's date outside its usual window: said, not blamed
    Code.EARLIER: "",
}


def timeline_table(timeline: Timeline, needs: dict[str, str], hint: str | None = None) -> Blocks:
    """A timeline as a table; ``needs`` names the option that supplies each missing anchor,
    ``hint`` is a last line pointing to more (``oftl explain`` for deadlines)."""
    heading = Line(
        (f"{timeline.authority} · " if timeline.authority else "", "bold"),
        (f"{timeline.rule_set.root.title} ", "bold"),
        (format_day(timeline.start), "bold"),
        f" · {timeline.rule_set.id} · as of {format_day(timeline.as_of)}",
    )
    table = Grid(header_style="bold", show_lines=True)
    table.add_column(Line("Milestone · basis · source"), ratio=2)
    for header in ("Date or window", "Kind", "By"):
        table.add_column(Line(header), no_wrap=True)
    table.add_column(Line("Status"), ratio=1)
    for milestone in timeline.milestones:
        statutory = milestone.kind is Kind.STATUTORY
        style = "bold" if statutory else ""
        # Break a window after its dash so the column stays one date wide on narrow terminals.
        when = format_span(milestone.earliest, milestone.latest, milestone.times).replace(" – ", " –\n")
        if milestone.actual is not None:  # the rule's date stays beside the date given
            when += f"\ngiven {format_day(milestone.actual)}"
        table.add_row(
            Line((milestone.title, style), "\n", (milestone.basis, "italic"), "\n", (milestone.rule.source, "dim")),
            Line(when + (" *" if milestone.projected else ""), style=style),
            Line(
                (kind_label(milestone.kind), "bold red" if statutory else ""),
                *(("\n" + mark, "italic") for mark in milestone.rule.marks),
            ),
            Line(milestone.rule.by.heading),
            Line(milestone.status.text, style=STATUS_STYLE[milestone.status.code]),
        )
    lines: list[Line | Grid] = [heading, *_alerts(timeline), table]
    for undated in timeline.undated:
        needed = needs.get(undated.needs, undated.needs)
        lines.append(Line(f"Not dated: {undated.title} ({undated.id}) needs {needed}."))
    lines.extend(Line(f"Not applicable: {item.title} ({item.id}), {item.reason}.") for item in timeline.not_applicable)
    lines.extend(Line(note) for note in timeline.notes if note != timeline.persistent_failure)
    lines.append(Line(f"Calendar: {CALENDAR_NAME}, {timeline.calendar.source}.", style="dim"))
    if hint:
        lines.append(Line(hint, style="dim"))
    return Blocks(lines)


def kind_label(kind: Kind) -> str:
    """The statutory in capitals, the others in small letters."""
    return kind.label.upper() if kind is Kind.STATUTORY else kind.label.lower()


def _alerts(timeline: Timeline) -> list[Line]:
    """Persistent failure, then late, early and overdue milestones, above the table so that
    they are read first."""
    persistent = [Line(timeline.persistent_failure, style="bold red")] if timeline.persistent_failure else []
    return persistent + [
        Line(("! ", "bold red"), (f"{m.title}: {m.status.text}", STATUS_STYLE[m.status.code]))
        for m in timeline.milestones
        if m.status.alert
    ]

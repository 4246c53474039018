"""Rich tables for the terminal. Statutory deadlines are bold and flagged so they stand out."""

import datetime as dt
from collections.abc import Iterable, Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..calendar import CALENDAR_NAME, WorkingCalendar
from ..dates import WEEKDAYS, format_day, format_span
from ..escape import visible
from ..rules import Kind, RuleSet, any_number
from ..timeline import Code, Timeline


class Escaped:
    """A renderable as printed, with any control character in its text shown escaped: the
    last guard between input and the terminal (rich's own styling codes are not text)."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for segment in console.render(self.renderable, options):
            # Most segments are printable text: every character visible() escapes is one that
            # str.isprintable() refuses (tests/test_hostile.py), and it is far quicker than a search.
            if segment.control or segment.text.isprintable() or segment.text == "\n":
                yield segment
            else:  # rich's own line breaks stay
                yield Segment("\n".join(map(visible, segment.text.split("\n"))), segment.style)


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


def timeline_table(timeline: Timeline, needs: dict[str, str], hint: str | None = None) -> RenderableType:
    """A timeline as a table; ``needs`` names the option that supplies each missing anchor,
    ``hint`` is a last line pointing to more (``oftl explain`` for deadlines)."""
    heading = Text.assemble(
        (f"{timeline.authority} · " if timeline.authority else "", "bold"),
        (f"{timeline.rule_set.root.title} ", "bold"),
        (format_day(timeline.start), "bold"),
        f" · {timeline.rule_set.id} · as of {format_day(timeline.as_of)}",
    )
    table = Table(header_style="bold", show_lines=True)
    headers = texts(("Milestone · basis · source", "Date or window", "Kind", "By", "Status"))
    table.add_column(headers[0], ratio=2)
    for header in headers[1:4]:
        table.add_column(header, no_wrap=True)
    table.add_column(headers[4], ratio=1)
    for milestone in timeline.milestones:
        statutory = milestone.kind is Kind.STATUTORY
        style = "bold" if statutory else ""
        # Break a window after its dash so the column stays one date wide on narrow terminals.
        when = format_span(milestone.earliest, milestone.latest, milestone.times).replace(" – ", " –\n")
        if milestone.actual is not None:  # the rule's date stays beside the date given
            when += f"\ngiven {format_day(milestone.actual)}"
        table.add_row(
            Text.assemble(
                (milestone.title, style), "\n", (milestone.basis, "italic"), "\n", (milestone.rule.source, "dim")
            ),
            Text(when + (" *" if milestone.projected else ""), style=style),
            Text.assemble(
                (_kind(milestone.kind), "bold red" if statutory else ""),
                *(("\n" + mark, "italic") for mark in milestone.rule.marks),
            ),
            Text(milestone.rule.by.heading),
            Text(milestone.status.text, style=STATUS_STYLE[milestone.status.code]),
        )
    lines: list[RenderableType] = [heading, *_alerts(timeline), table]
    for undated in timeline.undated:
        lines.append(
            Text(f"Not dated: {undated.title} ({undated.id}) needs {needs.get(undated.needs, undated.needs)}.")
        )
    lines.extend(Text(f"Not applicable: {item.title} ({item.id}), {item.reason}.") for item in timeline.not_applicable)
    lines.extend(Text(note) for note in timeline.notes if note != timeline.persistent_failure)
    lines.append(Text(f"Calendar: {CALENDAR_NAME}, {timeline.calendar.source}.", style="dim"))
    if hint:
        lines.append(Text(hint, style="dim"))
    return Group(*lines)


def texts(strings: Iterable[str]) -> list[Text]:
    """Headers and cells as ``Text``, never strings, which rich reads as markup and emoji codes:
    ``[/x]`` in a name from a file would stop the table with a traceback, ``:smile:`` would
    become a smiley, and the emoji codes' import alone costs ~2 ms."""
    return [Text(string) for string in strings]


def _kind(kind: Kind) -> str:
    """The statutory in capitals, the others in small letters."""
    return kind.label.upper() if kind is Kind.STATUTORY else kind.label.lower()


def _alerts(timeline: Timeline) -> list[Text]:
    """Persistent failure, then late, early and overdue milestones, above the table so that
    they are read first."""
    persistent = [Text(timeline.persistent_failure, style="bold red")] if timeline.persistent_failure else []
    return persistent + [
        Text.assemble(("! ", "bold red"), (f"{m.title}: {m.status.text}", STATUS_STYLE[m.status.code]))
        for m in timeline.milestones
        if m.status.alert
    ]


def rules_table(rule_set: RuleSet) -> RenderableType:
    table = Table(header_style="bold")
    for column in texts(("Id", "Milestone", "Kind", "Rule", "Source")):
        table.add_column(column, overflow="fold")
    for rule in rule_set.rules:
        offsets = [rule.earliest] if not rule.is_window else [rule.earliest, rule.latest]
        text = " to ".join(f"{o.offset:+d} {o.unit} from {o.anchor}" for o in offsets)
        if rule.repeat:
            text += f"; repeats as {any_number(rule.repeat.id)}"
        kind = "\n".join([_kind(rule.kind), *rule.marks])
        table.add_row(*texts((rule.id, any_number(rule.title), kind, text, rule.source)))
    sources = [Text(f"{short}: {full}", style="dim") for short, full in rule_set.sources.items()]
    return Group(Text(f"{rule_set.id}: {rule_set.title}", style="bold"), table, *sources)


def holidays_table(calendar: WorkingCalendar, year: int, entries: list[tuple[dt.date, str]]) -> RenderableType:
    table = Table(header_style="bold")
    for column in texts(("Date", "Bank holiday", "Effect")):
        table.add_column(column)
    for day, name in entries:
        effect = "not a working day" if day.weekday() < 5 else f"falls on a {WEEKDAYS[day.weekday()]}: no effect"
        table.add_row(*texts((format_day(day), name, effect)))
    lines: list[RenderableType] = [Text(f"{CALENDAR_NAME}, {year}", style="bold"), table]
    if year > calendar.announced_through:
        lines.append(
            Text(
                f"{year} is after {calendar.announced_through}: projected from the regular pattern; "
                "holidays proclaimed later are not included."
            )
        )
    lines.append(Text(f"Source: {calendar.source}.", style="dim"))
    return Group(*lines)


def frameworks_table(rule_sets: list[RuleSet], periods: dict[str, str]) -> RenderableType:
    table = Table(header_style="bold", show_lines=True)
    for column in texts(("Framework", "In force (report received)", "Trigger", "Rules")):
        table.add_column(column, overflow="fold")
    for rule_set in rule_sets:
        unverified = sum(rule.unverified for rule in rule_set.rules)
        trigger = rule_set.trigger + (f" ({rule_set.trigger_source})" if rule_set.trigger_source else " (unverified)")
        table.add_row(
            Text.assemble((rule_set.id, "bold"), "\n", rule_set.title),
            *texts((periods[rule_set.id], trigger, f"{len(rule_set.rules)} rules, {unverified} unverified")),
        )
    sources = {short: full for rule_set in rule_sets for short, full in rule_set.sources.items()}
    return Group(table, *(Text(f"{short}: {full}", style="dim") for short, full in sorted(sources.items())))


def batch_table(
    rows: list[tuple[tuple[str, ...], bool]], columns: tuple[str, ...], errors: list[str], heading: str, footer: str
) -> RenderableType:
    """The batch's summary, a row per authority (with whether its statutory date is an alert)."""
    table = Table(header_style="bold")
    for column in texts(columns):
        table.add_column(column, overflow="fold")
    for cells, alert in rows:
        table.add_row(*texts(cells), style="bold red" if alert else "")
    lines: list[RenderableType] = [Text(heading, style="bold"), table]
    if errors:
        lines.append(Text(f"Rows not computed ({len(errors)}):", style="bold"))
        lines.extend(Text(f"  {error}") for error in errors)
    lines.append(Text(footer, style="dim"))
    return Group(*lines)

"""Rich tables for the terminal: the rules, the bank holidays, the frameworks and a batch's summary
(a timeline's full table is ``as_details``), and the guard every rich output passes through."""

import datetime as dt
from collections.abc import Iterable, Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..calendar import CALENDAR_NAME, WorkingCalendar
from ..dates import WEEKDAYS, format_day
from ..escape import visible
from ..rules import RuleSet, any_number
from .as_details import kind_label


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


def texts(strings: Iterable[str]) -> list[Text]:
    """Headers and cells as ``Text``, never strings, which rich reads as markup and emoji codes:
    ``[/x]`` in a name from a file would stop the table with a traceback, ``:smile:`` would
    become a smiley, and the emoji codes' import alone costs ~2 ms."""
    return [Text(string) for string in strings]


def rules_table(rule_set: RuleSet) -> RenderableType:
    table = Table(header_style="bold")
    for column in texts(("Id", "Milestone", "Kind", "Rule", "Source")):
        table.add_column(column, overflow="fold")
    for rule in rule_set.rules:
        offsets = [rule.earliest] if not rule.is_window else [rule.earliest, rule.latest]
        text = " to ".join(f"{o.offset:+d} {o.unit} from {o.anchor}" for o in offsets)
        if rule.repeat:
            text += f"; repeats as {any_number(rule.repeat.id)}"
        kind = "\n".join([kind_label(rule.kind), *rule.marks])
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

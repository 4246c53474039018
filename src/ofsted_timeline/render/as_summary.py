"""The default terminal view, read in ten seconds: what is late, what is due next, one line a milestone.

First a headline: the authority, framework and day 0; persistent failure when it is met;
anything late, early or overdue; the next statutory deadline; the next expected date. Then
one line per milestone (date or window, milestone, status) that fits 80 columns, statutory
rows marked §, statuses coloured by urgency: up to a horizon (a year ahead, or the next
statutory deadline if later) and the re-inspection window, with a line counting the rest
(``--all`` shows them). ``--details`` gives the full table (``as_details``) with basis and source.
"""

import datetime as dt
from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..dates import add_months, format_day, format_span, format_window
from ..rules import Kind, trigger_sentence
from ..timeline import PERSISTENT_CONSEQUENCE, Code, Milestone, Timeline, due_soon, short_title
from ..timeline.wording import projected_sentences
from .as_details import STATUS_STYLE
from .as_table import texts
from .paper import NO_DEADLINE, due_next

SOON = "yellow"  # due within SOON_DAYS working days (the core's rule)
TITLE_IN_HEADLINE = 30  # longer titles are shown by the rule's short name, so a headline fits a line
HORIZON_MONTHS = 12  # the view shows what falls due this far ahead (or up to the next statutory deadline)
ALWAYS_SHOWN = ("reinspection",)  # the re-inspection window, however far ahead
MONTHS_BEHIND = 1  # done or passed before this many months ago: counted, not listed (late and overdue stay)


def timeline_summary(
    timeline: Timeline, needs: dict[str, str], upcoming: bool = False, hint: str = "", everything: bool = False
) -> RenderableType:
    """The view; ``upcoming`` leaves out what is done or passed (late and overdue stay in the
    headline); ``everything`` shows every milestone, not only those up to the horizon;
    ``needs`` names what supplies each missing anchor; ``hint`` joins the key line."""
    shown = [m for m in timeline.milestones if not (upcoming and _behind(timeline, m))]
    last, since = horizon(timeline), add_months(timeline.as_of, -MONTHS_BEHIND)
    later = [] if everything else [m for m in shown if not _near(m, last)]
    earlier = [] if everything else [m for m in shown if _long_behind(timeline, m, since)]
    # In the order of the dates the view shows: the rule's date or window, not a date given for it.
    rows = sorted((m for m in shown if m not in later and m not in earlier), key=lambda m: (m.earliest, m.latest))
    lines: list[RenderableType] = [_heading(timeline), *_persistent(timeline), _headline(timeline)]
    lines.append(_Rows(timeline, rows))
    left_out = [f"{len(earlier)} done or passed before {format_day(since)}"] if earlier else []
    if later:
        left_out.append(f"{len(later)} later to {max(m.latest for m in later):%b %Y}")
    if left_out:
        lines.append(Text(f"+ {', '.join(left_out)}: --all", style="dim"))
    if timeline.undated:
        needed = " and ".join(sorted({needs.get(u.needs, u.needs) for u in timeline.undated}))
        shorts = ", ".join(timeline.rule_set.get(u.id).short for u in timeline.undated)
        lines.append(Text(f"Undated until {needed}: {shorts}."))
    lines.extend(Text(f"Not applicable: {item.title} ({item.id}), {item.reason}.") for item in timeline.not_applicable)
    lines.extend(Text(note) for note in _glance(timeline))
    lines.append(Text(f"Bank holidays of England and Wales: {timeline.calendar.source}.", style="dim"))
    key = [label for label, shown in _key(timeline) if shown]
    lines.append(Text(" · ".join([*key, *([hint] if hint else [])]), style="dim"))
    return Group(*lines)


def _glance(timeline: Timeline) -> list[str]:
    """The notes of the ten-second view: persistent failure is in the headline, the key says
    what * means, and the framework's unverified trigger is named, not quoted (--details quotes it)."""
    left_out = (timeline.persistent_failure, *projected_sentences(timeline.calendar, timeline.milestones))
    full, short = (trigger_sentence(timeline.rule_set, short) for short in (False, True))
    notes = [note for note in timeline.glance if note not in left_out]
    return [note.replace(full, short) if full and note == timeline.framework_reason else note for note in notes]


def _key(timeline: Timeline) -> list[tuple[str, bool]]:
    milestones = timeline.milestones
    return [
        ("§ statutory", True),
        ("? unverified", any(m.rule.unverified for m in milestones)),
        ("~ from practice", any(m.rule.practice for m in milestones)),
        ("+ local rule", any(m.rule.local for m in milestones)),
        (
            f"* after {timeline.calendar.announced_through}, the last year of announced bank holidays",
            any(m.projected for m in milestones),
        ),
        ("wd working days", True),
    ]


def _marks(milestone: Milestone) -> str:
    """§ a statutory deadline, ? an unverified rule, ~ a window drawn from practice, + a local rule."""
    return "".join(
        mark
        for mark, on in (
            ("§", milestone.kind is Kind.STATUTORY),
            ("?", milestone.rule.unverified),
            ("~", milestone.rule.practice),
            ("+", milestone.rule.local),
        )
        if on
    )


def horizon(timeline: Timeline) -> dt.date:
    """The last day the view shows: the last of the next 12 months (1 Dec 2026 to 30 Nov 2027),
    or the next statutory deadline if later."""
    ahead = [m.latest for m in timeline.milestones if _next_statutory(timeline, m)]
    return max([add_months(timeline.as_of, HORIZON_MONTHS) - dt.timedelta(days=1), *ahead[:1]])


def _near(milestone: Milestone, last: dt.date) -> bool:
    """Shown without --all: late, early or overdue; falling due by the horizon ``last``; the re-inspection."""
    if milestone.status.alert or milestone.rule.id in ALWAYS_SHOWN:
        return True
    return (milestone.actual or milestone.earliest) <= last


def _long_behind(timeline: Timeline, milestone: Milestone, since: dt.date) -> bool:
    """Done or passed before ``since``, not late, early or overdue, and not the re-inspection."""
    if milestone.status.alert or milestone.rule.id in ALWAYS_SHOWN:
        return False
    return _behind(timeline, milestone) and (milestone.actual or milestone.latest) < since


def _next_statutory(timeline: Timeline, milestone: Milestone) -> bool:
    return milestone.kind is Kind.STATUTORY and milestone.actual is None and milestone.latest >= timeline.as_of


def _persistent(timeline: Timeline) -> list[Text]:
    """Persistent failure, when met, straight under the heading: it changes the council's future."""
    definition = timeline.rule_set.persistent_failure
    if not timeline.persistent_judgements or definition is None:
        return []
    days = ", ".join(format_day(day) for day in timeline.persistent_judgements)
    counted = len(timeline.persistent_judgements)
    return [
        Text.assemble(
            ("PERSISTENT FAILURE", "bold red"),
            f" ({definition.source}): {counted} inadequate judgements within {definition.years} years "
            f"({days}); {PERSISTENT_CONSEQUENCE}.",
        )
    ]


def _heading(timeline: Timeline) -> Text:
    who = f"{timeline.authority} · " if timeline.authority else ""
    return Text.assemble(
        (f"{who}{timeline.rule_set.root.title} {format_day(timeline.start)}", "bold"),
        f" · {timeline.rule_set.id} · as of {format_day(timeline.as_of)}",
    )


def _headline(timeline: Timeline) -> Table:
    """Late, early and overdue first; then the next statutory deadline and the next expected date.
    Every cell a ``Text`` (see ``as_table.texts``)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(no_wrap=True)
    grid.add_column()
    for label, milestone in due_next(timeline):
        if milestone is None:
            grid.add_row(*texts((label, "", "none ahead" if label == "Next expected" else NO_DEADLINE)))
            continue
        what = milestone.title if len(milestone.title) <= TITLE_IN_HEADLINE else short_title(milestone)
        status = milestone.status.text.removeprefix(f"{label}: ")  # "LATE: done ..." under LATE
        grid.add_row(
            Text(label),
            Text(_when(milestone), style="bold"),
            Text(f"{what}: {status}", style=_style(timeline, milestone)),
        )
    return grid


class _Rows:
    """One line a milestone, the milestone's title cut to the width left over by the date and
    the status (rich would otherwise shrink those first), at whatever width the console has."""

    def __init__(self, timeline: Timeline, shown: list[Milestone]) -> None:
        self.timeline = timeline
        self.shown = shown
        self.whens = [_when(m) + (" *" if m.projected else "") for m in self.shown]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        when_width = max(map(len, self.whens), default=1)
        status_width = max((len(m.status.short) for m in self.shown), default=1)
        left = options.max_width - when_width - 3 - status_width - 6  # up to three marks, three gaps of two
        marks = max((len(_marks(m)) for m in self.shown), default=1)
        table = Table(box=None, pad_edge=False, show_header=False, padding=(0, 1))
        table.add_column("Date or window", no_wrap=True, width=when_width)
        table.add_column("Marks", no_wrap=True, width=marks)
        table.add_column("Milestone", no_wrap=True, overflow="ellipsis", max_width=max(left, 10))
        table.add_column("Status", no_wrap=True, min_width=status_width)
        for milestone, when in zip(self.shown, self.whens, strict=True):
            statutory = milestone.kind is Kind.STATUTORY
            table.add_row(
                Text(when, style="bold" if statutory else ""),
                Text(_marks(milestone), style="bold"),
                Text(milestone.title, style="bold" if statutory else ""),
                Text(milestone.status.short, style=_style(self.timeline, milestone)),
            )
        yield table


def _when(milestone: Milestone) -> str:
    if any(milestone.times) or milestone.earliest == milestone.latest:
        return format_span(milestone.earliest, milestone.latest, milestone.times)
    return format_window(milestone.earliest, milestone.latest)


def _behind(timeline: Timeline, milestone: Milestone) -> bool:
    """Done or passed: a date given on or before the as-of day, or a rule's date gone by (an
    overdue statutory deadline is never behind)."""
    if milestone.status.code is Code.OVERDUE:
        return False
    return (milestone.actual or milestone.latest) < timeline.as_of


def _style(timeline: Timeline, milestone: Milestone) -> str:
    """Red when late, early or overdue; yellow when due within ten working days; else by status."""
    code = milestone.status.code
    if code in (Code.DUE, Code.DUE_TODAY, Code.UPCOMING):
        nearest = milestone.earliest if code is Code.UPCOMING else milestone.latest
        return SOON if due_soon(timeline, nearest) else ""
    return STATUS_STYLE[code]


def _titles(titles: Iterable[str]) -> str:
    return "; ".join(titles)

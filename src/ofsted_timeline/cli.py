"""The ``oftl`` command line: parse, call the core, pick a renderer, print. No rules live here.

Heavy modules (rich, the holidays package) are imported only by the commands that need them,
so ``oftl deadlines --format json`` starts quickly.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__
from .dates import ACCEPTED_FORMS, format_day, parse_date
from .errors import LIMITS, InputError, one_line
from .escape import visible
from .output import STDOUT

if TYPE_CHECKING:
    from .calendar import WorkingCalendar
    from .rules import RuleSet
    from .timeline import Milestone, Timeline

DATE_HELP = f"Dates: {ACCEPTED_FORMS}."
NEEDS = {"reinspection": "the first day of re-inspection fieldwork (--reinspection DATE)"}
COMMITTEE_RULES = "barnet-committee"
BATCH_ERRORS_SHOWN = 20  # row errors echoed on stderr; the output lists them all, except csv, ics, svg and html
PROGRESS_FROM = 1000  # rows: smaller batches finish before a bar would help
EXPLAIN_HINT = "Why a date? `oftl explain ID --received ...` shows the days counted."
DETAILS_HINT = "more: --details"
SUMMARY_HINT = f"{DETAILS_HINT}, oftl explain ID"
SUMMARY_NEEDS = {"reinspection": "--reinspection DATE is given"}  # the one-line view's shorter NEEDS

app = typer.Typer(
    name="oftl",
    help=(
        "Statutory timeline after an Ofsted inspection of an English council's children's services: "
        "the written statement of action (70 working days), the action planning visit, monitoring "
        "visits, re-inspection and DfE reviews, each traced to its source paragraph. " + DATE_HELP
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class Format(StrEnum):
    table = "table"
    json = "json"


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    svg = "svg"
    html = "html"


class TimelineFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"
    svg = "svg"
    html = "html"


ERRORS_LISTED = {
    TimelineFormat.json: "listed in the JSON output",
    TimelineFormat.table: "listed in the table",
    TimelineFormat.markdown: "listed in the Markdown output",
}
ERRORS_NOT_LISTED = "not shown: --format json lists every one"
SUFFIX_FORMATS = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".ics": "ics",
    ".svg": "svg",
    ".html": "html",
    ".htm": "html",
}
FILE_WIDTH = 100
INTERRUPTED = 130  # the exit code for Ctrl-C, as shells give 128 + SIGINT


Received = Annotated[
    str,
    typer.Option(
        "--received",
        "-r",
        metavar="DATE",
        help="Day the pre-publication inspection report arrived: day 0, even on a weekend or bank holiday. "
        "That date is binding; councils commonly use the day the report was published.",
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Give each milestone a status as of this day [default: today]."),
]
Apv = Annotated[
    str | None, typer.Option("--apv", metavar="DATE", help="Actual (or fixed) day of the action planning visit.")
]
WsoaSubmitted = Annotated[
    str | None,
    typer.Option(
        "--wsoa-submitted", metavar="DATE", help="Day the written statement of action was (or will be) submitted."
    ),
]
Visits = Annotated[
    list[str] | None,
    typer.Option(
        "--visit", metavar="DATE", help="First on-site day of an actual monitoring visit; repeat for each visit."
    ),
]
Reinspection = Annotated[
    str | None, typer.Option("--reinspection", metavar="DATE", help="First day of re-inspection fieldwork, once known.")
]
Framework = Annotated[
    str | None,
    typer.Option(
        "--framework",
        metavar="NAME",
        help="Framework whose rules apply: sif-2017, ilacs-2018 or ilacs-2026 (see `oftl frameworks`). "
        "[default: the one in force on the day counted from]",
        show_default=False,
    ),
]
RulesFile = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        metavar="FILE",
        help="Your own rules (TOML, the shipped format; see examples/local-rules.toml), added to the framework's "
        "and marked local.",
    ),
]
HolidaysFile = Annotated[
    Path | None,
    typer.Option(
        "--holidays-file",
        metavar="FILE",
        help="Extra bank holidays in gov.uk's bank-holidays.json format (england-and-wales events), "
        "for holidays proclaimed after this release.",
    ),
]
OutputFormat = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
PreviousInadequate = Annotated[
    list[str] | None,
    typer.Option(
        "--previous-inadequate",
        metavar="DATE",
        help="An earlier inadequate judgement; repeat for each. Two or more within five years is "
        "persistent failure (PCF 121).",
    ),
]
TimelineOutputFormat = Annotated[
    TimelineFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table, json, csv (for Excel), markdown (for committee papers), ics (calendar), "
        "svg (a chart) or html (chart, table and sources on one page). "
        "[default: from the --output file's extension (.json .csv .md .ics .svg .html), else table]",
        show_default=False,
    ),
]
Output = Annotated[
    str,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of the terminal ('-'). The file is replaced whole or not at all.",
        metavar="FILE",
    ),
]
Authority = Annotated[
    str | None, typer.Option("--authority", metavar="NAME", help="Council's name, shown in titles and calendar events.")
]
Details = Annotated[
    bool,
    typer.Option("--details", help="The full table: each milestone's basis and source beside its date and status."),
]
Upcoming = Annotated[
    bool, typer.Option("--upcoming", help="Leave out what is done or passed (late and overdue stay at the top).")
]
Remind = Annotated[
    int | None,
    typer.Option(
        "--remind",
        min=1,
        max=100,
        help="With --format ics: an alarm this many working days before each statutory deadline "
        "(Google Calendar drops alarms on import).",
        metavar="N",
    ),
]


@contextmanager
def input_errors() -> Iterator[None]:
    """Any input problem becomes one line on stderr and exit code 2, never a traceback."""
    try:
        yield
    except (InputError, *LIMITS) as error:
        typer.echo(f"oftl: error: {visible(one_line(error))}", err=True)
        raise typer.Exit(2) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"oftl {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Statutory timeline after an Ofsted inspection of children's services."""


def _calendar(holidays_file: Path | None, first_year: int, last_year: int) -> WorkingCalendar:
    from .calendar import england_and_wales

    extra = None
    if holidays_file is not None:
        from .govuk import parse_bank_holidays
        from .reading import read_text

        extra = parse_bank_holidays(read_text(holidays_file, "holidays file"), str(holidays_file))
    return england_and_wales(first_year, last_year, extra, extra_source=str(holidays_file))


def _compute(
    start: dt.date,
    rule_set: RuleSet,
    reason: str,
    as_of: str | None,
    holidays_file: Path | None,
    authority: str | None,
    actuals: dict[str, dt.date] | None = None,
    conditions: tuple[str, ...] = (),
    previous_inadequate: tuple[dt.date, ...] = (),
) -> Timeline:
    """Build the calendar around the dates involved, then the timeline; ``reason`` says why
    this rule set applies and leads the notes."""
    from .timeline import build_timeline

    today = parse_date(as_of) if as_of is not None else dt.date.today()
    actuals = actuals or {}
    years = [start.year, today.year, *(day.year for day in (*actuals.values(), *previous_inadequate))]
    calendar = _calendar(holidays_file, min(years) - 1, max(years) + 5)
    timeline = build_timeline(
        start, rule_set, calendar, today, actuals, authority, conditions, previous_inadequate=previous_inadequate
    )
    return timeline._replace(framework_reason=reason, notes=(reason, *timeline.notes))


def _rule_set(
    framework: str | None, part: str, day: dt.date, rules_file: Path | None, named_by: str = "--framework"
) -> tuple[RuleSet, str]:
    """The framework's rule set (see ``rules.choose``) plus a user's rule file, and why it applies."""
    from .rules import choose

    rule_set, reason = choose(framework, day, part, named_by)
    return _with_rules_file(rule_set, rules_file), reason


def _with_rules_file(rule_set: RuleSet, rules_file: Path | None) -> RuleSet:
    """The shipped set plus the user's own rules (``--rules FILE``), marked local."""
    return _rules_extender(rules_file)(rule_set)


def _rules_extender(rules_file: Path | None) -> Callable[[RuleSet], RuleSet]:
    """Adds the user's rules to any rule set; the file is read once, however many sets it joins
    (a batch adds it to every framework)."""
    if rules_file is None:
        return lambda rule_set: rule_set
    from .reading import read_text
    from .rules import parse_rule_set

    return functools.partial(parse_rule_set, read_text(rules_file, "rules file"), str(rules_file))


def _timeline(
    received: str,
    as_of: str | None,
    apv: str | None,
    wsoa_submitted: str | None,
    visits: list[str] | None,
    reinspection: str | None,
    framework: str | None,
    holidays_file: Path | None,
    authority: str | None = None,
    previous_inadequate: list[str] | None = None,
    rules_file: Path | None = None,
) -> Timeline:
    """The ``deadlines`` timeline from its command-line options."""
    from .timeline import visits_as_actuals

    actuals = visits_as_actuals([parse_date(v) for v in visits or []])
    for key, value in (("apv-window", apv), ("wsoa", wsoa_submitted), ("reinspection", reinspection)):
        if value is not None:  # --apv '' is an error, not "not given"
            actuals[key] = parse_date(value)
    previous = tuple(parse_date(day) for day in previous_inadequate or [])
    received_day = parse_date(received)
    rule_set, reason = _rule_set(framework, "", received_day, rules_file)
    return _compute(received_day, rule_set, reason, as_of, holidays_file, authority, actuals, (), previous)


@app.command()
def deadlines(
    received: Received,
    as_of: AsOf = None,
    apv: Apv = None,
    wsoa_submitted: WsoaSubmitted = None,
    visit: Visits = None,
    reinspection: Reinspection = None,
    previous_inadequate: PreviousInadequate = None,
    framework: Framework = None,
    rules_file: RulesFile = None,
    holidays_file: HolidaysFile = None,
    authority: Authority = None,
    output_format: TimelineOutputFormat = None,
    output: Output = STDOUT,
    remind: Remind = None,
    details: Details = False,
    upcoming: Upcoming = False,
) -> None:
    """Every milestone from the day the report arrived, with basis, source and status.

    Examples: oftl deadlines --received 2017-07-07 --as-of 2017-09-01;
    oftl deadlines --received 2017-07-07 --authority Barnet -o barnet.ics
    """
    with input_errors():
        chosen = _chosen_format(output_format, output, remind)
        timeline = _timeline(
            received,
            as_of,
            apv,
            wsoa_submitted,
            visit,
            reinspection,
            framework,
            holidays_file,
            authority,
            previous_inadequate,
            rules_file,
        )
    _publish(timeline, chosen, output, remind, (details, upcoming), EXPLAIN_HINT)


@app.command()
def visit(
    onsite: Annotated[
        str, typer.Option("--onsite", metavar="DATE", help="First on-site day of the monitoring visit (day 1).")
    ],
    first: Annotated[
        bool, typer.Option("--first", help="The first monitoring visit: Ofsted does not publish its report.")
    ] = False,
    as_of: AsOf = None,
    framework: Framework = None,
    rules_file: RulesFile = None,
    holidays_file: HolidaysFile = None,
    authority: Authority = None,
    output_format: TimelineOutputFormat = None,
    output: Output = STDOUT,
    remind: Remind = None,
    details: Details = False,
    upcoming: Upcoming = False,
) -> None:
    """One monitoring visit, day by day: data request, audited cases, days on site, draft report
    (day 11, 4pm), factual accuracy comments (day 15, 9.30am), publication (day 23).

    Example: oftl visit --onsite 2017-11-14 --first
    """
    with input_errors():
        chosen = _chosen_format(output_format, output, remind)
        conditions = ("first-visit",) if first else ()
        day = parse_date(onsite)
        rule_set, reason = _rule_set(framework, "-visit", day, rules_file)
        timeline = _compute(day, rule_set, reason, as_of, holidays_file, authority, conditions=conditions)
    _publish(timeline, chosen, output, remind, (details, upcoming))


@app.command()
def reinspection(
    fieldwork: Annotated[
        str, typer.Option("--fieldwork", metavar="DATE", help="First day of re-inspection fieldwork (day 1).")
    ],
    as_of: AsOf = None,
    framework: Framework = None,
    rules_file: RulesFile = None,
    holidays_file: HolidaysFile = None,
    authority: Authority = None,
    output_format: TimelineOutputFormat = None,
    output: Output = STDOUT,
    remind: Remind = None,
    details: Details = False,
    upcoming: Upcoming = False,
) -> None:
    """The re-inspection: planning days, notice (usually the Thursday before), fieldwork days 1–10.

    Example: oftl reinspection --fieldwork 2019-05-13
    """
    with input_errors():
        chosen = _chosen_format(output_format, output, remind)
        day = parse_date(fieldwork)
        rule_set, reason = _rule_set(framework, "-reinspection", day, rules_file)
        timeline = _compute(day, rule_set, reason, as_of, holidays_file, authority)
    _publish(timeline, chosen, output, remind, (details, upcoming))


@app.command()
def meeting(
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="Day of the committee meeting.")],
    as_of: AsOf = None,
    rules_file: RulesFile = None,
    holidays_file: HolidaysFile = None,
    authority: Authority = None,
    output_format: TimelineOutputFormat = None,
    output: Output = STDOUT,
    remind: Remind = None,
    details: Details = False,
    upcoming: Upcoming = False,
) -> None:
    """Deadline for public questions and comments to a committee: 10am on the third working day
    before the meeting (Barnet's rule, from its agenda front page).

    Example: oftl meeting --date 2017-07-18
    """
    with input_errors():
        chosen = _chosen_format(output_format, output, remind)
        from .rules import load_rule_set

        rule_set = _with_rules_file(load_rule_set(COMMITTEE_RULES), rules_file)
        reason = f"Rules {COMMITTEE_RULES}: Barnet's; another council may set other terms (add yours with --rules)."
        timeline = _compute(parse_date(date), rule_set, reason, as_of, holidays_file, authority)
    _publish(timeline, chosen, output, remind, (details, upcoming))


@app.command()
def check(
    plan: Annotated[Path, typer.Argument(help="Plan file (TOML): received date and known or planned dates.")],
    as_of: AsOf = None,
    due_within: Annotated[
        int | None,
        typer.Option(
            "--due-within",
            min=0,
            metavar="N",
            help="Also fail when a statutory deadline with no date given falls within N working days.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Warnings fail too: expected dates missed, dates past the announced holidays."),
    ] = False,
    framework: Framework = None,
    rules_file: RulesFile = None,
    holidays_file: HolidaysFile = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output format: the findings (table or json), or the plan's timeline as a chart (svg, html).",
        ),
    ] = CheckFormat.table,
    output: Output = STDOUT,
) -> None:
    """Check a plan's dates against the rules, for CI: exit 0 when all is well, 1 when a
    statutory date is missed or due soon (or any warning, with --strict), 2 for bad input.

    Example: oftl check examples/barnet-plan.toml --as-of 2017-10-20 --due-within 5
    """
    from .check import check_timeline
    from .plan import parse_plan
    from .reading import inside, read_text
    from .timeline import visits_as_actuals

    with input_errors():
        parsed = parse_plan(read_text(plan, "plan file"), str(plan))
        actuals = visits_as_actuals(parsed.visits)
        clash = sorted(set(actuals) & set(parsed.dates))
        if clash:
            raise InputError(f"{plan}: [dates] {clash[0]} is given twice, also by visits: keep one")
        actuals |= parsed.dates
        if rules_file is None and parsed.rules is not None:
            rules_file = inside(plan.parent, parsed.rules, f"{plan}: rules file")  # relative to the plan
        try:
            named_by = "--framework" if framework else "the plan"
            rule_set, reason = _rule_set(framework or parsed.framework, "", parsed.received, rules_file, named_by)
            timeline = _compute(
                parsed.received,
                rule_set,
                reason,
                as_of,
                holidays_file,
                parsed.authority,
                actuals,
                previous_inadequate=parsed.previous_inadequate,
            )
        except InputError as error:
            raise InputError(f"{plan}: {error}") from None
        result = check_timeline(timeline, due_within, strict)
    if output_format is CheckFormat.json:
        from .render.as_check import check_json

        _emit(check_json(result, timeline, str(plan)), output)
    elif output_format in (CheckFormat.svg, CheckFormat.html):
        from .render.as_check import check_chart

        _emit(check_chart(result, timeline, page=output_format is CheckFormat.html), output)
    else:
        from .render.as_check import check_text

        _emit(check_text(result, timeline, str(plan)), output)
    raise typer.Exit(result.exit_code)


@app.command()
def batch(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV with a header: authority,received (the day the pre-publication report arrived, day 0 "
            "whatever the day), and optionally framework, visits and previous_inadequate "
            "(dates separated by ;) and any milestone id (wsoa, apv-window, ...) with a known date."
        ),
    ],
    as_of: AsOf = None,
    rules_file: RulesFile = None,
    holidays_file: HolidaysFile = None,
    output_format: TimelineOutputFormat = None,
    output: Output = STDOUT,
    remind: Remind = None,
) -> None:
    """Timelines for many authorities at once: json, csv or ics of every milestone, or a table or
    markdown summary (each authority's next statutory deadline). A bad row is reported with its
    row number and field, the others are still written, and the exit code is 1.

    Example: oftl batch examples/authorities.csv --as-of 2017-09-01 --format markdown
    """
    from .batch import in_parallel, parse_batch, worker_count, years_of
    from .reading import BATCH_LIMIT, read_text
    from .render.as_batch import error_line

    with input_errors():
        chosen = _chosen_format(output_format, output, remind)
        today = parse_date(as_of) if as_of is not None else dt.date.today()
        extend = _rules_extender(rules_file)
        parsed = parse_batch(read_text(file, "batch file", BATCH_LIMIT), str(file), _known_columns(extend))
        calendar = _calendar(holidays_file, *years_of(parsed.rows, today))
        render = functools.partial(_batch_fragment, chosen=chosen, remind=remind)
        work = functools.partial(_batch_work, calendar=calendar, as_of=today, extend=extend, render=render)
        results = _progress(in_parallel(parsed.rows, work, worker_count()), len(parsed.rows))
        errors = list(parsed.errors)
        written = _emit_batch(results, errors, chosen, output, today, calendar)
    errors.sort()
    for error in errors[:BATCH_ERRORS_SHOWN]:
        typer.echo(f"oftl: row error: {error_line(error)}", err=True)
    if errors:
        more = len(errors) - BATCH_ERRORS_SHOWN
        extra = f" (and {more} more errors, {ERRORS_LISTED.get(chosen, ERRORS_NOT_LISTED)})" if more > 0 else ""
        typer.echo(
            f"oftl: {len(errors)} of {len(errors) + written} rows not computed{extra}; "
            f"{written} timeline{'s' if written != 1 else ''} written.",
            err=True,
        )
        raise typer.Exit(1)


def _batch_work(
    rows: list[Any],
    calendar: WorkingCalendar,
    as_of: dt.date,
    extend: Callable[[RuleSet], RuleSet],
    render: Callable[[int, Timeline], Any],
) -> Iterator[Any]:
    """Compute and render one chunk of a batch (in a worker process for a large batch)."""
    from .batch import RowError, compute_batch

    for row, result in zip(rows, compute_batch(rows, calendar, as_of, extend), strict=True):
        yield result if isinstance(result, RowError) else render(row.row, result)


def _batch_fragment(row: int, timeline: Timeline, chosen: TimelineFormat, remind: int | None) -> Any:
    """One authority's part of the batch output, rendered where it was computed."""
    if chosen is TimelineFormat.json:
        from .render.as_batch import timeline_line

        return timeline_line(row, timeline)
    if chosen is TimelineFormat.csv:
        from .render.as_csv import csv_body

        return csv_body(timeline, NEEDS)
    if chosen is TimelineFormat.ics:
        from .render.as_ics import events_ics

        return events_ics(timeline, remind)
    if chosen in (TimelineFormat.svg, TimelineFormat.html):
        return _timeline_text(timeline, chosen, remind)
    from .render.as_batch import summary_row

    return summary_row(row, timeline)


def _known_columns(extend: Callable[[RuleSet], RuleSet]) -> Callable[[str], bool]:
    """Whether a batch column names a milestone of any framework (or of the user's rules)."""
    from .rules import frameworks, load_rule_set

    sets = [extend(load_rule_set(name)) for name in frameworks()]
    ids = {rule.id for rule_set in sets for rule in rule_set.rules}
    return lambda column: column in ids or any(rule_set.series_of(column) for rule_set in sets)


def _progress(results: Iterator[Any], total: int) -> Iterator[Any]:
    """A progress bar on stderr for a large batch, when stderr is a terminal (never when piped)."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return results
    from rich.console import Console
    from rich.progress import track

    return track(results, total=total, description="Computing", console=Console(stderr=True), transient=True)


def _emit_batch(
    results: Iterator[Any],
    errors: list[Any],
    chosen: TimelineFormat,
    output: str,
    today: dt.date,
    calendar: WorkingCalendar,
) -> int:
    """Write the authorities' parts in the format asked for, collecting row errors into
    ``errors``; json, csv and ics stream out as the parts arrive. Returns how many were written."""
    from .batch import RowError
    from .render.as_json import calendar_summary, working_days_sentence

    count = 0

    def parts() -> Iterator[Any]:
        nonlocal count
        for item in results:
            if isinstance(item, RowError):
                errors.append(item)
            else:
                count += 1
                yield item

    heading = "Ofsted inspection timelines"
    if chosen is TimelineFormat.json:
        from .render.as_batch import batch_json

        _emit_stream(batch_json(parts(), errors, calendar_summary(calendar)), output)
    elif chosen is TimelineFormat.csv:
        from .render.as_csv import BOM, csv_header

        _emit_stream(_chain(BOM + csv_header("received"), parts()), output)
    elif chosen is TimelineFormat.ics:
        from .render.as_ics import calendar_ics

        head, tail = calendar_ics(heading, f"{heading} as of {format_day(today)}. Computed by oftl.", "\0").split("\0")
        _emit_stream(_chain(head, parts(), tail), output)
    elif chosen in (TimelineFormat.svg, TimelineFormat.html):
        charts = list(parts())
        if len(charts) != 1:
            raise InputError(
                f"--format {chosen} draws one authority and {len(charts)} were computed: "
                "give a file with one row, or use --format markdown for a summary"
            )
        _emit(charts[0], output)
    else:
        rows = list(parts())
        heading = f"{heading}: {count} authorit{'y' if count == 1 else 'ies'}, as of {format_day(today)}"
        if chosen is TimelineFormat.markdown:
            from .render.as_batch import batch_markdown

            _emit(batch_markdown(rows, sorted(errors), heading, working_days_sentence(calendar)), output)
        else:
            from .render.as_batch import SUMMARY_COLUMNS, error_line
            from .render.as_table import batch_table

            lines = [error_line(e) for e in sorted(errors)]
            _emit_rich(batch_table(rows, SUMMARY_COLUMNS, lines, heading, working_days_sentence(calendar)), output)
    return count


def _chain(head: str, middle: Iterator[str], tail: str = "") -> Iterator[str]:
    yield head
    yield from middle
    yield tail


def _chosen_format(output_format: TimelineFormat | None, output: str, remind: int | None) -> TimelineFormat:
    """The format asked for, else the one the output file's extension implies, else a table."""
    chosen = output_format or TimelineFormat(SUFFIX_FORMATS.get(Path(output).suffix.lower(), "table"))
    if remind is not None and chosen is not TimelineFormat.ics:
        raise InputError("--remind adds calendar alarms: use it with --format ics (or an -o file ending .ics)")
    return chosen


def _publish(
    timeline: Timeline,
    chosen: TimelineFormat,
    output: str,
    remind: int | None,
    view: tuple[bool, bool],
    hint: str = "",
) -> None:
    """Write a timeline; ``view`` is (details, upcoming) for the terminal table."""
    details, upcoming = view
    if chosen is TimelineFormat.table and details:
        from .render.as_table import timeline_table

        _emit_rich(timeline_table(timeline, NEEDS, hint), output)
    elif chosen is TimelineFormat.table:
        from .render.as_summary import timeline_summary

        _emit_rich(timeline_summary(timeline, SUMMARY_NEEDS, upcoming, SUMMARY_HINT if hint else DETAILS_HINT), output)
    else:
        _emit(_timeline_text(timeline, chosen, remind), output)


def _timeline_text(timeline: Timeline, chosen: TimelineFormat, remind: int | None) -> str:
    if chosen is TimelineFormat.json:
        from .render.as_json import timeline_json

        return timeline_json(timeline) + "\n"
    if chosen is TimelineFormat.csv:
        from .render.as_csv import timeline_csv

        return timeline_csv(timeline, NEEDS)
    if chosen is TimelineFormat.markdown:
        from .render.as_markdown import timeline_markdown

        return timeline_markdown(timeline, NEEDS)
    if chosen is TimelineFormat.svg:
        from .render.as_svg import timeline_svg

        return timeline_svg(timeline)
    if chosen is TimelineFormat.html:
        from .render.as_html import timeline_html

        return timeline_html(timeline)
    from .render.as_ics import timeline_ics

    return timeline_ics(timeline, remind)


@app.command()
def explain(
    milestone: Annotated[str, typer.Argument(help="Milestone id, e.g. wsoa, apv-window, mv3 (see `oftl deadlines`).")],
    received: Received,
    as_of: AsOf = None,
    apv: Apv = None,
    wsoa_submitted: WsoaSubmitted = None,
    visit: Visits = None,
    reinspection: Reinspection = None,
    framework: Framework = None,
    rules_file: RulesFile = None,
    holidays_file: HolidaysFile = None,
    output: Output = STDOUT,
) -> None:
    """The trail behind one date: each working day counted and each day skipped, with the reason.

    Example: oftl explain wsoa --received 2017-07-07
    """
    from .render.explain import explain_text

    with input_errors():
        timeline = _timeline(
            received, as_of, apv, wsoa_submitted, visit, reinspection, framework, holidays_file, rules_file=rules_file
        )
        found = _find_milestone(timeline, milestone)
    _emit(explain_text(timeline, found), output)


def _find_milestone(timeline: Timeline, wanted: str) -> Milestone:
    ids = [m.id for m in timeline.milestones]
    if wanted in ids:
        return timeline.milestone(wanted)
    series = [m.id for m in timeline.milestones if m.rule.id == wanted]
    if series:
        raise InputError(f"'{wanted}' is a series: explain one of {', '.join(series)}")
    undated = {u.id: u for u in timeline.undated}
    if wanted in undated:
        raise InputError(
            f"'{wanted}' has no date yet: it needs {NEEDS.get(undated[wanted].needs, undated[wanted].needs)}"
        )
    raise InputError(f"no milestone '{wanted}' in this timeline: use one of {', '.join(ids)}")


@app.command()
def rules(
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            metavar="NAME",
            help="A framework or one of its parts (sif-2017-visit, ...; see `oftl frameworks`). "
            "[default: the framework in force today]",
            show_default=False,
        ),
    ] = None,
    rules_file: RulesFile = None,
    output_format: OutputFormat = Format.table,
    output: Output = STDOUT,
) -> None:
    """The rules: each one's anchor, offset, kind and source paragraph, or its unverified mark.

    Example: oftl rules --framework ilacs-2018 --format json
    """
    from .rules import available, framework_for, load_rule_set

    with input_errors():
        if framework is not None and framework not in available():
            raise InputError(f"unknown rule set '{framework}': choose one of {', '.join(available())}")
        rule_set = load_rule_set(framework) if framework else framework_for(dt.date.today())
        rule_set = _with_rules_file(rule_set, rules_file)
    if output_format is Format.json:
        from .render.as_json import rules_json

        _emit(rules_json(rule_set) + "\n", output)
    else:
        from .render.as_table import rules_table

        _emit_rich(rules_table(rule_set), output)


@app.command()
def frameworks(output_format: OutputFormat = Format.table, output: Output = STDOUT) -> None:
    """The frameworks: when each is in force, what triggers it, its sources, and how many of its
    rules no public source proves (unverified)."""
    from .rules import frameworks as names
    from .rules import load_rule_set, period_text

    with input_errors():
        sets = [load_rule_set(name) for name in names()]
    sets.sort(key=lambda rule_set: rule_set.period.start or dt.date.min if rule_set.period else dt.date.min)
    periods = {rule_set.id: period_text(rule_set) for rule_set in sets}
    if output_format is Format.json:
        from .render.as_json import frameworks_json

        _emit(frameworks_json(sets) + "\n", output)
    else:
        from .render.as_table import frameworks_table

        _emit_rich(frameworks_table(sets, periods), output)


@app.command()
def holidays(
    year: Annotated[int | None, typer.Argument(help="Calendar year, e.g. 2017.", show_default=False)] = None,
    check_file: Annotated[
        Path | None,
        typer.Option(
            "--check",
            metavar="FILE",
            help="Compare the list in use with gov.uk's bank-holidays.json (www.gov.uk/bank-holidays.json) for "
            "the years the file covers: exit 0 when they agree, 1 when they differ.",
        ),
    ] = None,
    holidays_file: HolidaysFile = None,
    output_format: OutputFormat = Format.table,
    output: Output = STDOUT,
) -> None:
    """The England and Wales bank holidays in use for YEAR, and where they come from; or, with
    --check, how they differ from gov.uk's published list.

    Examples: oftl holidays 2017; oftl holidays --check bank-holidays.json
    """
    if check_file is not None:
        _check_holidays(check_file, holidays_file, output_format, output)
        return
    with input_errors():
        from .calendar import EARLIEST_YEAR, LATEST_YEAR

        if year is None:
            raise InputError("give a YEAR, e.g. oftl holidays 2017, or --check FILE to compare with gov.uk")
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise InputError(f"no bank holidays for {year}: oftl's calendar covers {EARLIEST_YEAR}–{LATEST_YEAR}")
        calendar = _calendar(holidays_file, year, year)
        entries = calendar.holidays(year)
    if output_format is Format.json:
        from .render.as_json import holidays_json

        _emit(holidays_json(calendar, year, entries) + "\n", output)
    else:
        from .render.as_table import holidays_table

        _emit_rich(holidays_table(calendar, year, entries), output)


def _check_holidays(check_file: Path, holidays_file: Path | None, output_format: Format, output: str) -> None:
    from .govuk import differences, parse_bank_holidays
    from .reading import read_text

    with input_errors():
        published = parse_bank_holidays(read_text(check_file, "bank-holidays file"), str(check_file))
        first, last = min(published).year, max(published).year
        calendar = _calendar(holidays_file, first, last)
        years, found = differences(calendar, published)
    if output_format is Format.json:
        import json

        document = {
            "file": str(check_file),
            "calendar": calendar.source,
            "years": years,
            "agree": not found,
            "differences": [
                {"date": d.day.isoformat(), "title": d.title, "only_in": "file" if d.published else "oftl"}
                for d in found
            ],
        }
        _emit(json.dumps(document, indent=2, ensure_ascii=False) + "\n", output)
    else:
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        lines = [
            f"{'only in ' + str(check_file) if d.published else 'only in oftl'}: {format_day(d.day)} {d.title}"
            for d in found
        ]
        verdict = "differ" if found else "agree"
        lines.append(
            f"{check_file} and oftl's calendar ({calendar.source}) {verdict} for {span}"
            + (f": {len(found)} working day{'s differ' if len(found) != 1 else ' differs'}." if found else ".")
        )
        if any(d.published for d in found):
            lines.append(f"To count the published dates, pass the file: --holidays-file {check_file}")
        _emit("\n".join(visible(line) for line in lines) + "\n", output)  # the file's name and titles
    raise typer.Exit(1 if found else 0)


def _emit(text: str, output: str) -> None:
    """Write a finished document as UTF-8 to stdout or, whole or not at all, to a file."""
    _emit_stream(iter([text]), output)


def _emit_stream(pieces: Iterator[str], output: str) -> None:
    """Write a document made piece by piece (a large batch) as ``_emit`` does."""
    from .output import write_output

    sys.stdout.flush()
    with input_errors():
        write_output(output, (piece.encode("utf-8") for piece in pieces), sys.stdout.buffer)


def _emit_rich(renderable: Any, output: str) -> None:
    """A rich table: in colour on a terminal; plain text, 100 columns wide, in a file."""
    from rich.console import Console

    from .render.as_table import Escaped

    if output == STDOUT:
        Console().print(Escaped(renderable))
        return
    console = Console(width=FILE_WIDTH, record=True, file=io.StringIO(), color_system=None)
    console.print(Escaped(renderable))
    _emit(console.export_text(), output)


def main() -> None:
    """The console script. Click's usage errors (a missing option, an unknown format) become
    one line like every other input error, with exit code 2."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError  # typer 0.28 vendors click

    try:
        code = app(prog_name="oftl", standalone_mode=False)
    except NoArgsIsHelpError as error:  # `oftl` alone, or a command without arguments: its help
        typer.echo(error.ctx.get_help() if error.ctx else "", err=True)
        sys.exit(2)
    except ClickException as error:
        command = error.ctx.command_path if getattr(error, "ctx", None) else "oftl"  # type: ignore[union-attr]
        typer.echo(f"oftl: error: {visible(error.format_message())} See `{command} --help`.", err=True)
        sys.exit(error.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        code = INTERRUPTED
    except BrokenPipeError:  # the reader went away (`oftl ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except (OSError, *LIMITS) as error:  # whatever no command turned into an InputError: one line all the same
        typer.echo(f"oftl: error: {visible(one_line(error))}", err=True)
        sys.exit(2)
    if code == INTERRUPTED:  # Typer turns Ctrl-C into this exit code, silently
        typer.echo("oftl: interrupted", err=True)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()

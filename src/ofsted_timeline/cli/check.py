"""``oftl check PLAN``: a plan's dates judged against their rules, with an exit code for CI."""

from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from ..output import STDOUT
from ..render.registry import Format
from ..request import Request, calendar_years, given_dates
from .options import AsOf, CheckFormat, Framework, HolidaysFile, Output, RulesFile
from .shell import calendar, chosen_format, emit, from_history, input_errors, rule_set, today, warn_of

CHECK_FORMATS = (Format.table, Format.json, Format.svg, Format.html, Format.xlsx)


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
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format: the findings (table or json), or the plan's timeline as a chart (svg, html). "
            "[default: from the --output file's extension (.json .svg .html), else table]",
            show_default=False,
        ),
    ] = None,
    output: Output = STDOUT,
) -> None:
    """Check a plan's dates against the rules, for CI: exit 0 when all is well, 1 when a
    statutory date is missed or due soon (or any warning, with --strict), 2 for bad input.

    Example: oftl check examples/barnet-plan.toml --as-of 2017-10-20 --due-within 5
    """
    from ..check import check_timeline
    from ..plan import parse_plan
    from ..reading import inside, read_text
    from ..timeline import timeline_for

    with input_errors():
        chosen = chosen_format(Format(output_format) if output_format else None, output, CHECK_FORMATS)
        parsed = parse_plan(read_text(plan, "plan file"), str(plan))
        if rules_file is None and parsed.rules is not None:
            rules_file = inside(plan.parent, parsed.rules, f"{plan}: rules file")  # relative to the plan
        try:
            actuals = given_dates(parsed.visits, parsed.dates)
            named_by = "--framework" if framework else "the plan"
            chosen_set, reason = rule_set(framework or parsed.framework, "", parsed.received, rules_file, named_by)
            as_of_day = today(as_of)
            history = from_history(chosen_set.id, parsed.authority, parsed.received, as_of_day)
            request = Request(
                parsed.received,
                chosen_set,
                reason,
                as_of_day,
                actuals,
                parsed.authority,
                previous_inadequate=parsed.previous_inadequate,
                history=history,
            )
            timeline = timeline_for(request, calendar(holidays_file, calendar_years(request.days())))
        except InputError as error:
            raise InputError(f"{plan}: {error}") from None
        result = check_timeline(timeline, due_within, strict)
    if chosen is Format.json:
        from ..render.as_check import check_json

        emit(check_json(result, timeline, str(plan)), output)
    elif chosen is Format.xlsx:
        from ..render.as_xlsx import check_xlsx

        emit(check_xlsx(result, timeline, str(plan)), output)
    elif chosen in (Format.svg, Format.html):
        from ..render.as_check import check_chart

        emit(check_chart(result, timeline, page=chosen is Format.html), output)
    else:
        from ..render.as_check import check_text

        emit(check_text(result, timeline, str(plan)), output)
    warn_of(timeline)
    raise typer.Exit(result.exit_code)


COMMANDS = {"check": check}

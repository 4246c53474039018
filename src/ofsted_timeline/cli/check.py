"""``oftl check PLAN``: a plan's dates judged against their rules, with an exit code for CI."""

from pathlib import Path
from typing import Annotated

import typer

from ..output import STDOUT
from ..render.registry import Format
from .gather import ReceiptOptions, receipt_timeline
from .options import AsOf, CheckFormat, Framework, HolidaysFile, Output, RulesFile
from .shell import chosen_format, emit, input_errors, warn_of

CHECK_FORMATS = (Format.table, Format.json, Format.svg, Format.html, Format.xlsx)


def check(
    plan: Annotated[
        Path, typer.Argument(metavar="PLAN", help="Plan file (TOML): received date and known or planned dates.")
    ],
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

    with input_errors():
        chosen = chosen_format(Format(output_format) if output_format else None, output, CHECK_FORMATS)
        options = ReceiptOptions(as_of=as_of, plan=plan, framework=framework, rules_file=rules_file)
        timeline = receipt_timeline(options, holidays_file)
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
    if output != STDOUT:  # the report went to a file: the CI log still says what failed
        from ..render.as_check import check_log

        typer.echo(check_log(result), err=True)
    warn_of(timeline)
    raise typer.Exit(result.exit_code)


COMMANDS = {"check": check}

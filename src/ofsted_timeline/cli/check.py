"""``oftl check PLAN``: a plan's dates judged against their rules, with an exit code for CI."""

from pathlib import Path
from typing import Annotated

import typer

from ..output import STDOUT
from ..render.registry import formats, render
from .gather import ReceiptOptions, receipt_timeline
from .options import AsOf, CheckOutputFormat, Framework, HolidaysFile, Output, RulesFile
from .shell import chosen_format, emit, input_errors, warn_of


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
    output_format: CheckOutputFormat = None,
    output: Output = STDOUT,
) -> None:
    """Check a plan's dates against the rules, for CI: exit 0 when all is well, 1 when a
    statutory date is missed or due soon (or any warning, with --strict), 2 for bad input.

    Example: oftl check examples/barnet-plan.toml --as-of 2017-10-20 --due-within 5
    """
    from ..check import check_timeline

    with input_errors():
        chosen = chosen_format(output_format, output, formats("check"))
        options = ReceiptOptions(as_of=as_of, plan=plan, framework=framework, rules_file=rules_file)
        timeline = receipt_timeline(options, holidays_file)
        result = check_timeline(timeline, due_within, strict)
    emit(render("check", chosen)(result, timeline, str(plan)), output)
    if output != STDOUT:  # the report went to a file: the CI log still says what failed
        from ..render.as_check import check_log

        typer.echo(check_log(result), err=True)
    warn_of(timeline)
    raise typer.Exit(result.exit_code)


COMMANDS = {"check": check}

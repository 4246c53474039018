"""The reference commands: ``rules`` (a rule set, rule by rule), ``frameworks``, and
``holidays`` (the bank holidays in use, or how they differ from gov.uk's list)."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from ..output import STDOUT
from ..render.registry import Format
from .options import HolidaysFile, Output, OutputFormat, RulesFile, TextFormat
from .shell import calendar, chosen_format, emit, emit_rich, input_errors, rules_extender, today


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
    output_format: OutputFormat = None,
    output: Output = STDOUT,
) -> None:
    """The rules: each one's anchor, offset, kind and source paragraph, or its unverified mark.

    Example: oftl rules --framework ilacs-2018 --format json
    """
    from ..rules import available, framework_for, load_rule_set

    with input_errors():
        if framework is not None and framework not in available():
            raise InputError(f"unknown rule set '{framework}': choose one of {', '.join(available())}")
        chosen = _format(output_format, output, (Format.table, Format.json, Format.xlsx))
        rule_set = load_rule_set(framework) if framework else framework_for(today(None))
        rule_set = rules_extender(rules_file)(rule_set)
    if chosen is Format.json:
        from ..render.as_json import rules_json

        emit(rules_json(rule_set) + "\n", output)
    elif chosen is Format.xlsx:
        from ..render.as_xlsx import rules_xlsx

        emit(rules_xlsx(rule_set), output)
    else:
        from ..render.as_table import rules_table

        emit_rich(rules_table(rule_set), output)


def frameworks(output_format: OutputFormat = None, output: Output = STDOUT) -> None:
    """The frameworks: when each is in force, what triggers it, its sources, and how many of its
    rules no public source proves (unverified)."""
    from ..rules import frameworks as names
    from ..rules import load_rule_set, period_text

    with input_errors():
        chosen = _format(output_format, output)
        sets = [load_rule_set(name) for name in names()]
    sets.sort(key=lambda rule_set: rule_set.period.start or dt.date.min if rule_set.period else dt.date.min)
    periods = {rule_set.id: period_text(rule_set) for rule_set in sets}
    if chosen is Format.json:
        from ..render.as_json import frameworks_json

        emit(frameworks_json(sets) + "\n", output)
    else:
        from ..render.as_table import frameworks_table

        emit_rich(frameworks_table(sets, periods), output)


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
    output_format: OutputFormat = None,
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
        from ..calendar import EARLIEST_YEAR, LATEST_YEAR

        if year is None:
            raise InputError("give a YEAR, e.g. oftl holidays 2017, or --check FILE to compare with gov.uk")
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise InputError(f"no bank holidays for {year}: oftl's calendar covers {EARLIEST_YEAR}–{LATEST_YEAR}")
        chosen = _format(output_format, output)
        in_use = calendar(holidays_file, (year, year))
        entries = in_use.holidays(year)
    if chosen is Format.json:
        from ..render.as_json import holidays_json

        emit(holidays_json(in_use, year, entries) + "\n", output)
    else:
        from ..render.as_table import holidays_table

        emit_rich(holidays_table(in_use, year, entries), output)


def _check_holidays(
    check_file: Path, holidays_file: Path | None, output_format: TextFormat | None, output: str
) -> None:
    from ..govuk import differences, parse_bank_holidays
    from ..reading import read_text
    from ..render.as_holidays import check_json, check_text

    with input_errors():
        chosen = _format(output_format, output)
        published = parse_bank_holidays(read_text(check_file, "bank-holidays file"), str(check_file))
        in_use = calendar(holidays_file, (min(published).year, max(published).year))
        years, found = differences(in_use, published)
    render = check_json if chosen is Format.json else check_text
    emit(render(str(check_file), in_use, years, found), output)
    raise typer.Exit(1 if found else 0)


def _format(
    output_format: TextFormat | None, output: str, allowed: tuple[Format, ...] = (Format.table, Format.json)
) -> Format:
    """``--format``, else the output file's extension, else a table; one of ``allowed``."""
    chosen = chosen_format(Format(output_format) if output_format else None, output, allowed)
    if chosen not in allowed:
        raise InputError(f"--format {chosen} is not written here: use {' or '.join(allowed)}")
    return chosen


COMMANDS = {"rules": rules, "frameworks": frameworks, "holidays": holidays}

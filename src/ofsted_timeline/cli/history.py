"""``oftl history``: what happened after inadequate judgements, from Ofsted's own reports."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import InputError
from ..output import STDOUT
from ..render.registry import Format
from .options import HistoryFormat, Output
from .shell import chosen_format, emit, emit_rich, input_errors, today

if TYPE_CHECKING:
    from ..rules import PersistentFailure

HISTORY_FORMATS = (Format.table, Format.json, Format.csv, Format.markdown, Format.svg, Format.html, Format.xlsx)
CHARTS = (Format.svg, Format.html, Format.xlsx)  # the national picture only


def history(
    authority: Annotated[
        str | None,
        typer.Option(
            "--authority",
            metavar="NAME",
            help="One authority: its inspections, its episodes and whether it meets the DfE's definition of "
            "persistent failure. Matched without regard to case, punctuation, 'Council' or 'City of'.",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Count only the reports published by this day; episodes still open are counted to it "
            "[default: today].",
        ),
    ] = None,
    output_format: Annotated[
        HistoryFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format: table, json, csv (one row per episode, or per inspection with --authority), "
            "markdown, or, for the national picture, svg (a chart of every episode and the window drawn for it), "
            "html (the chart and the figures) or xlsx. [default: from the --output file's extension (.json .csv "
            ".md .svg .html .xlsx), else table]",
            show_default=False,
        ),
    ] = None,
    output: Output = STDOUT,
) -> None:
    """Re-inspection after an inadequate judgement in practice, from Ofsted's published reports: per
    framework, how many episodes, months from publication to the next fieldwork (min, quartiles,
    max), the share within the handbook's two years, and the open episodes; or one authority's record.

    Examples: oftl history; oftl history --authority Bradford --format json
    """
    from ..history import authority_view, load, national
    from ..render import as_history, history_sheets

    with input_errors():
        chosen = chosen_format(Format(output_format) if output_format else None, output, HISTORY_FORMATS)
        day = today(as_of)
        if authority is None:
            view = national(load(), day, _definition() if chosen in CHARTS else None)
        elif chosen in CHARTS:
            raise InputError(f"--format {chosen.value} draws the national picture: leave out --authority")
        else:
            one = authority_view(load(), authority, day, _definition())
    if chosen in CHARTS:
        from ..render import history_book, history_chart

        charts = {Format.svg: history_chart.national_svg, Format.html: history_chart.national_html}
        emit(charts.get(chosen, history_book.national_xlsx)(view), output)
    elif chosen is Format.table:
        from ..render.history_table import authority_table, national_table

        emit_rich(national_table(view) if authority is None else authority_table(one), output)
    elif authority is None:
        render = {Format.json: as_history.national_json, Format.csv: history_sheets.national_csv}
        emit(render.get(chosen, history_sheets.national_markdown)(view), output)
    else:
        by_format = {Format.json: as_history.authority_json, Format.csv: history_sheets.authority_csv}
        emit(by_format.get(chosen, history_sheets.authority_markdown)(one), output)


def _definition() -> "PersistentFailure":
    """The DfE's definition of persistent failure, as the newest framework that states it holds it
    (it is not tied to a framework: every shipped set that states it states the same)."""
    from ..rules import frameworks, load_rule_set

    sets = [load_rule_set(name) for name in frameworks()]
    sets.sort(key=lambda s: s.period.start if s.period and s.period.start else dt.date.min, reverse=True)
    return next(s.persistent_failure for s in sets if s.persistent_failure is not None)


COMMANDS = {"history": history}

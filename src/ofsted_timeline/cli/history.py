"""``oftl history``: what happened after inadequate judgements, from Ofsted's own reports."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import InputError
from ..output import STDOUT
from ..render.registry import formats, render
from .options import HistoryOutputFormat, Output
from .shell import chosen_format, input_errors, publish, today

if TYPE_CHECKING:
    from ..rules import PersistentFailure

CHARTS = set(formats("history")) - set(formats("authority"))  # the national picture only


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
    output_format: HistoryOutputFormat = None,
    output: Output = STDOUT,
) -> None:
    """Re-inspection after an inadequate judgement in practice, from Ofsted's published reports: per
    framework, how many episodes, months from publication to the next fieldwork (min, quartiles,
    max), the share within the handbook's two years, and the open episodes; or one authority's record.

    Examples: oftl history; oftl history --authority Bradford --format json
    """
    from ..history import authority_view, load, national

    with input_errors():
        chosen = chosen_format(output_format, output, formats("history"))
        day = today(as_of)
        if authority is None:
            view = national(load(), day, _definition() if chosen in CHARTS else None)
        elif chosen in CHARTS:
            raise InputError(f"--format {chosen.value} draws the national picture: leave out --authority")
        else:
            one = authority_view(load(), authority, day, _definition())
    if authority is None:
        publish(render("history", chosen)(view), output)
    else:
        publish(render("authority", chosen)(one), output)


def _definition() -> "PersistentFailure":
    """The DfE's definition of persistent failure, as the newest framework that states it holds it
    (it is not tied to a framework: every shipped set that states it states the same)."""
    from ..rules import frameworks, load_rule_set

    sets = [load_rule_set(name) for name in frameworks()]
    sets.sort(key=lambda s: s.period.start if s.period and s.period.start else dt.date.min, reverse=True)
    return next(s.persistent_failure for s in sets if s.persistent_failure is not None)


COMMANDS = {"history": history}

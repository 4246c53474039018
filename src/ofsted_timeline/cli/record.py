"""``oftl init`` and ``oftl record``: the council's one record of its journey, kept with the tool.

``init`` writes a commented record (TOML); ``record`` sets one date in it in place, its
comments, order and layout kept (tomlkit, imported only here). A date the rules refuse
leaves the file byte for byte as it was; an accepted one replaces it whole (``-o``'s
writer: never half-written). Every timeline command reads the record with ``--plan``.
"""

import datetime as dt
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..dates import format_day, parse_date
from ..errors import InputError
from ..output import STDOUT
from ..request import with_earlier_from_history
from .gather import ReceiptOptions, options_request, record_request, timeline_of
from .options import AsOf, Authority, Framework, HolidaysFile, Output, Received
from .shell import emit, input_errors, warn_of

if TYPE_CHECKING:
    from ..timeline import Milestone, Timeline

VISITS = "visits"
VISIT_ID = re.compile(r"mv[0-9]+")  # a monitoring visit's id: recorded in the visits list, not by id
HEADER = (
    "The council's record of its journey after an Ofsted inspection, kept by oftl (ofsted-timeline).",
    "Every view reads it: oftl deadlines --plan FILE (any format, -o), oftl explain ID --plan FILE,",
    "and oftl check FILE in CI. Set a date with oftl record FILE ID DATE (or --visit DATE): comments stay.",
    'Dates are TOML dates (2017-10-13) or quoted text in any form oftl accepts ("13/10/2017").',
)


def init(
    authority: Authority = None,
    received: Received = None,
    framework: Framework = None,
    as_of: AsOf = None,
    holidays_file: HolidaysFile = None,
    output: Output = STDOUT,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace an existing -o file; write the record for a name the inspection history does not know.",
        ),
    ] = False,
) -> None:
    """Write a new record for a council: received, framework, earlier inadequate judgements
    from Ofsted's inspection history, and a line for each rule to fill in, with its date.

    Example: oftl init --authority Barnet --received 2017-07-07 -o barnet.toml
    """
    with input_errors():
        if authority is None or received is None:
            raise InputError("give --authority NAME and --received DATE: the record is one council's, from one report")
        if output != STDOUT and Path(output).exists() and not force:
            raise InputError(f"{output} exists: it may be a council's record; give --force to replace it")
        options = ReceiptOptions(received=received, as_of=as_of, framework=framework, authority=authority)
        request = with_earlier_from_history(options_request(options))
        found = request.history.authority if request.history else None
        if found is not None and found.name is None and not force:
            # A record lives for years: one written under a mistyped name would lack the history for good.
            from ..history.names import describe

            problem = describe(found.query, found.note, found.suggestions)
            stop = "" if problem.endswith("?") else "."
            raise InputError(f"{problem}{stop} No record written: check the name, or give --force to keep it as given")
        timeline = timeline_of(request, holidays_file)
        text = _new_record(timeline, request.previous_inadequate, found.name if found else None)
    emit(text, output)
    warn_of(timeline)


def record(
    plan: Annotated[Path, typer.Argument(metavar="FILE", help="The council's record (see `oftl init`).")],
    milestone: Annotated[
        str | None, typer.Argument(metavar="ID", help="Milestone id, e.g. publish-report, wsoa, mv-report-2, mv3.")
    ] = None,
    date: Annotated[str | None, typer.Argument(metavar="DATE", help="The day it was done (or is set for).")] = None,
    visit: Annotated[
        str | None, typer.Option("--visit", metavar="DATE", help="Add a monitoring visit (its first on-site day).")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the date recorded for ID (a slip).")] = False,
    as_of: AsOf = None,
    holidays_file: HolidaysFile = None,
) -> None:
    """Set one date in a council's record, in place: comments, order and layout kept. A date
    the rules refuse leaves the file as it was (exit 2). A visit's id (mv3) sets that visit.

    Examples: oftl record barnet.toml publish-report 2017-07-10; oftl record barnet.toml --visit 2017-11-14;
    oftl record barnet.toml mv2 2018-02-07; oftl record barnet.toml wsoa --clear
    """
    import tomlkit

    from ..output import write_output
    from ..plan import parse_plan
    from ..reading import read_text

    with input_errors():
        if visit is not None:
            if milestone is not None or clear:
                raise InputError("give --visit DATE alone, or ID DATE, or ID --clear")
        elif milestone is None or (date is None) != clear:
            raise InputError("give ID DATE (e.g. wsoa 2017-10-13), ID --clear, or --visit DATE, one of them")
        text = read_text(plan, "plan file")
        parse_plan(text, str(plan))  # the record as it stands must be sound before it is changed
        document = _parse(tomlkit, text, plan)
        dates = document.setdefault("dates", tomlkit.table())
        if not isinstance(dates, dict):
            raise InputError(f"{plan}: 'dates' must be a table: write it as a [dates] section")
        given = visit if visit is not None else date
        day = parse_date(given) if given is not None else None
        was = _set(tomlkit, dates, milestone, day, plan)
        changed = tomlkit.dumps(document)
        if "\r\n" in text:  # a record kept with Windows line ends keeps them on the lines added too
            changed = changed.replace("\r\n", "\n").replace("\n", "\r\n")
        request = record_request(ReceiptOptions(as_of=as_of), parse_plan(changed, str(plan)), plan)
        timeline = timeline_of(request, holidays_file, plan)  # refused: the file stays as it was
        target = str(plan) if str(plan) != STDOUT else f"./{plan}"  # a file named '-', never the terminal
        write_output(target, changed.encode("utf-8"), sys.stdout.buffer)
    typer.echo(_recorded(timeline, milestone, day, plan, was))
    warn_of(timeline)


def _set(tomlkit: Any, dates: Any, milestone: str | None, day: dt.date | None, plan: Path) -> dt.date | None:
    """Set (or, with no ``day``, remove) one date in the record's ``[dates]``; returns the date it
    replaced. A visit goes in the visits list: ``--visit`` adds one, ``mv3`` is the third by date."""
    if milestone == VISITS:
        raise InputError("add a visit with --visit DATE, or set one by its id (mv1, mv2, ...)")
    if milestone is not None and not (VISIT_ID.fullmatch(milestone) and milestone not in dates):
        was = dates.get(milestone)
        if day is None:
            if was is None:
                raise InputError(f"{plan}: no date is recorded for {milestone}")
            del dates[milestone]
        else:
            dates[milestone] = day
        return was if isinstance(was, dt.date) else None
    visits = dates.setdefault(VISITS, tomlkit.array())
    if not isinstance(visits, list):
        raise InputError(f"{plan}: [dates] visits must be a list of dates, e.g. [2017-11-14, 2018-02-06]")
    if milestone is None:
        visits.append(day)
        return None
    number = int(milestone[2:])
    order = sorted(range(len(visits)), key=lambda index: visits[index])
    if number == len(visits) + 1 and day is not None:
        visits.append(day)
        return None
    if not 1 <= number <= len(visits):
        raise InputError(f"{plan}: the record has {len(visits)} visits: add one with --visit DATE")
    index = order[number - 1]
    was = visits[index]
    if day is None:
        del visits[index]
    else:
        visits[index] = day
    return was if isinstance(was, dt.date) else None


def _parse(tomlkit: Any, text: str, plan: Path) -> Any:
    try:
        return tomlkit.parse(text)
    except Exception as error:  # tomlkit's parse errors share no public base class
        raise InputError(f"{plan}: not valid TOML ({error}): fix the syntax") from None


def _recorded(timeline: "Timeline", milestone: str | None, day: dt.date | None, plan: Path, was: dt.date | None) -> str:
    """What was set, and how the milestone now stands: a late date is seen at once; a date
    replaced or removed is named."""
    before = f" (was {format_day(was)})" if was is not None else ""
    if day is None:
        return f"{plan}: {milestone} removed{before}"
    found = next(m for m in timeline.milestones if m.actual == day and (m.id == milestone or VISIT_ID.fullmatch(m.id)))
    return f"{plan}: {found.id} = {format_day(day)}: {found.status.text}{before}"


def _new_record(timeline: "Timeline", earlier: tuple[dt.date, ...], matched: str | None) -> str:
    """The record's text: TOML written by tomlkit, so that every value is quoted as TOML needs.
    ``earlier``: the inadequate judgements the history has for ``matched``, the authority's name there."""
    import tomlkit

    document = tomlkit.document()
    for line in HEADER:
        document.add(tomlkit.comment(line))
    document.add(tomlkit.nl())
    document.add("authority", timeline.authority or "")
    received = tomlkit.item(timeline.start)
    received.comment("the day the pre-publication report arrived: day 0, whatever kind of day")
    document.add("received", received)
    framework = tomlkit.item(timeline.rule_set.id)
    framework.comment("the rules that apply (oftl frameworks lists them)")
    document.add("framework", framework)
    previous = tomlkit.array()
    previous.extend(earlier)
    if earlier:
        previous.comment(f"earlier inadequate judgements of {matched}: Ofsted's inspection history (publication days)")
    else:
        previous.comment("earlier inadequate judgements, if any (persistent failure, PCF 121)")
    document.add("previous_inadequate", previous)
    document.add(tomlkit.nl())
    dates = tomlkit.table()
    dates.add(tomlkit.comment("Dates done or set, by milestone id; uncomment a line and set its date, or run"))
    dates.add(tomlkit.comment("oftl record FILE ID DATE. Ofsted's and the DfE's dates are recorded as they happen."))
    for milestone in _first_of_each_rule(timeline):
        when = (
            format_day(milestone.latest)
            if milestone.earliest == milestone.latest
            else (f"{format_day(milestone.earliest)} – {format_day(milestone.latest)}")
        )
        by = milestone.rule.by.heading
        dates.add(tomlkit.comment(f"{milestone.id + ' = YYYY-MM-DD':34} # {by}: {milestone.title}, {when}"))
    visits = tomlkit.array()
    visits.comment("monitoring visits, the first on-site day of each: mv1, mv2, ...")
    dates.add(VISITS, visits)
    document.add("dates", dates)
    return tomlkit.dumps(document)


def _first_of_each_rule(timeline: "Timeline") -> list["Milestone"]:
    """One line per rule: its first milestone (later occurrences are numbered the same way);
    monitoring visits go in the visits list."""
    seen: set[str] = set()
    first = []
    for milestone in timeline.milestones:
        if milestone.rule.id in seen or VISIT_ID.fullmatch(milestone.id):
            continue
        seen.add(milestone.rule.id)
        first.append(milestone)
    return first


COMMANDS = {"init": init, "record": record}

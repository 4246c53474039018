"""The timeline commands: ``deadlines`` (from the report's receipt), ``visit``,
``reinspection``, ``meeting``, and ``explain`` (the days counted for one date)."""

import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from ..dates import parse_date
from ..errors import InputError
from ..output import STDOUT
from ..render.registry import Format, Options, formats, render
from ..request import day_request
from .gather import ReceiptOptions, receipt_timeline, timeline_of, with_receipt
from .options import (
    KEYWORD,
    AsOf,
    Authority,
    Details,
    Everything,
    Framework,
    HolidaysFile,
    Output,
    Remind,
    RulesFile,
    TimelineOutputFormat,
    Upcoming,
    grouped,
)
from .shell import (
    chosen_format,
    emit,
    input_errors,
    publish,
    rule_set,
    rules_extender,
    today,
    warn_of,
)

if TYPE_CHECKING:
    from ..timeline import Milestone, Timeline

OPTION_NEEDED = {"reinspection": "--reinspection DATE"}  # the option giving each date a rule may need
EXPLAIN_HINT = "Why a date? `oftl explain ID --received ...` shows the days counted."
DETAILS_HINT = "more: --details"
SUMMARY_HINT = f"{DETAILS_HINT}, oftl explain ID"


class Common(NamedTuple):
    """The options every timeline command (deadlines, visit, reinspection, meeting) shares."""

    as_of: str | None
    rules_file: Path | None
    holidays_file: Path | None
    authority: str | None
    output_format: str | None  # one of the choices; chosen_format makes it a Format
    output: str
    remind: int | None
    details: bool
    upcoming: bool
    everything: bool


_COMMON = [
    inspect.Parameter("as_of", KEYWORD, annotation=AsOf, default=None),
    inspect.Parameter("rules_file", KEYWORD, annotation=RulesFile, default=None),
    inspect.Parameter("holidays_file", KEYWORD, annotation=HolidaysFile, default=None),
    inspect.Parameter("authority", KEYWORD, annotation=Authority, default=None),
    inspect.Parameter("output_format", KEYWORD, annotation=TimelineOutputFormat, default=None),
    inspect.Parameter("output", KEYWORD, annotation=Output, default="-"),
    inspect.Parameter("remind", KEYWORD, annotation=Remind, default=None),
    inspect.Parameter("details", KEYWORD, annotation=Details, default=False),
    inspect.Parameter("upcoming", KEYWORD, annotation=Upcoming, default=False),
    inspect.Parameter("everything", KEYWORD, annotation=Everything, default=False),
]

# The options every timeline command shares, as its ``common`` parameter.
with_common = grouped("common", _COMMON, Common)


def deadlines(*, receipt: ReceiptOptions, common: Common) -> None:
    """Every milestone from the day the report arrived, with basis, source and status.

    Examples: oftl deadlines --received 2017-07-07 --as-of 2017-09-01;
    oftl deadlines --plan barnet.toml -o barnet.ics;
    oftl deadlines --received 2017-07-07 --date publish-report=2017-08-10
    """
    with input_errors():
        chosen = _format(common)
        options = receipt._replace(as_of=common.as_of, rules_file=common.rules_file, authority=common.authority)
        timeline = receipt_timeline(options, common.holidays_file)
    _publish(timeline, chosen, common, EXPLAIN_HINT)
    warn_of(timeline)


def visit(
    onsite: Annotated[
        str, typer.Option("--onsite", metavar="DATE", help="First on-site day of the monitoring visit (day 1).")
    ],
    first: Annotated[
        bool, typer.Option("--first", help="The first monitoring visit: Ofsted does not publish its report.")
    ] = False,
    framework: Framework = None,
    *,
    common: Common,
) -> None:
    """One monitoring visit, day by day: data request, audited cases, days on site, draft report
    (day 11, 4pm), factual accuracy comments (day 15, 9.30am), publication (day 23).

    Example: oftl visit --onsite 2017-11-14 --first
    """
    with input_errors():
        chosen = _format(common)
        conditions = ("first-visit",) if first else ()
        day = parse_date(onsite)
        chosen_set, reason = rule_set(framework, "-visit", day, common.rules_file)
        request = day_request(day, chosen_set, reason, today(common.as_of), common.authority, conditions)
        timeline = timeline_of(request, common.holidays_file)
    _publish(timeline, chosen, common)


def reinspection(
    fieldwork: Annotated[
        str, typer.Option("--fieldwork", metavar="DATE", help="First day of re-inspection fieldwork (day 1).")
    ],
    framework: Framework = None,
    *,
    common: Common,
) -> None:
    """The re-inspection: planning days, notice (usually the Thursday before), fieldwork days 1–10.

    Example: oftl reinspection --fieldwork 2019-05-13
    """
    with input_errors():
        chosen = _format(common)
        day = parse_date(fieldwork)
        chosen_set, reason = rule_set(framework, "-reinspection", day, common.rules_file)
        request = day_request(day, chosen_set, reason, today(common.as_of), common.authority)
        timeline = timeline_of(request, common.holidays_file)
    _publish(timeline, chosen, common)


def meeting(
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="Day of the committee meeting.")],
    *,
    common: Common,
) -> None:
    """Deadline for public questions and comments to a committee: 10am on the third working day
    before the meeting (Barnet's rule, from its agenda front page).

    Example: oftl meeting --date 2017-07-18
    """
    from ..committee import OWNER, RULES, as_example, owner_reason
    from ..rules import load_rule_set

    with input_errors():
        chosen = _format(common)
        committee, reason = load_rule_set(RULES), owner_reason()
        if common.authority is not None and _another(common.authority, OWNER):
            committee, reason = as_example(committee, common.authority.strip())
        committee = rules_extender(common.rules_file)(committee)
        request = day_request(parse_date(date), committee, reason, today(common.as_of), common.authority)
        timeline = timeline_of(request, common.holidays_file)
    _publish(timeline, chosen, common)


def explain(
    milestone: Annotated[
        str, typer.Argument(metavar="ID", help="Milestone id, e.g. wsoa, apv-window, mv3 (see `oftl deadlines`).")
    ],
    *,
    receipt: ReceiptOptions,
    as_of: AsOf = None,
    authority: Authority = None,
    rules_file: RulesFile = None,
    holidays_file: HolidaysFile = None,
    output: Output = STDOUT,
) -> None:
    """The trail behind one date: each working day counted and each day skipped, with the reason.

    Example: oftl explain wsoa --received 2017-07-07
    """
    from ..render.explain import explain_text

    with input_errors():
        options = receipt._replace(as_of=as_of, rules_file=rules_file, authority=authority)
        timeline = receipt_timeline(options, holidays_file)
        found = _find_milestone(timeline, milestone)
    emit(explain_text(timeline, found), output)
    warn_of(timeline)


def _another(authority: str, owner: str) -> bool:
    """Whether ``authority`` is another council than ``owner`` (any of its names or codes)."""
    from ..history.names import match_authority

    return match_authority(authority).authority != owner


def _find_milestone(timeline: "Timeline", wanted: str) -> "Milestone":
    ids = [m.id for m in timeline.milestones]
    if wanted in ids:
        return timeline.milestone(wanted)
    series = [m.id for m in timeline.milestones if m.rule.id == wanted]
    if series:
        raise InputError(f"'{wanted}' is a series: explain one of {', '.join(series)}")
    undated = {u.id: u.needs for u in timeline.undated}
    if wanted in undated:
        raise InputError(f"'{wanted}' has no date yet: it needs {needs().get(undated[wanted], undated[wanted])}")
    raise InputError(f"no milestone '{wanted}' in this timeline: use one of {', '.join(ids)}")


def needs(batch: bool = False) -> dict[str, str]:
    """What supplies each date a rule may need: its words and the option that gives it, or in a
    batch, whose file has columns and no options, the column."""
    from ..timeline import NEEDS

    return {
        anchor: f"{NEEDS[anchor]} ({f'a {anchor} column' if batch else option})"
        for anchor, option in OPTION_NEEDED.items()
    }


def summary_needs() -> dict[str, str]:
    """The one-line view's shorter ``needs``: the option alone."""
    return {anchor: f"{option} is given" for anchor, option in OPTION_NEEDED.items()}


def _format(common: Common) -> Format:
    return chosen_format(common.output_format, common.output, formats("timeline"), common.remind)


def _publish(timeline: "Timeline", chosen: Format, common: Common, hint: str = "") -> None:
    """Write a timeline in the format chosen; a table as the one-line view, or ``--details``."""
    options = Options(
        needs(),
        common.remind,
        details=common.details,
        hint=hint,
        more=SUMMARY_HINT if hint else DETAILS_HINT,
        short_needs=summary_needs(),
        upcoming=common.upcoming,
        everything=common.everything,
    )
    publish(render("timeline", chosen)(timeline, options), common.output)


COMMANDS = {
    "deadlines": with_common(with_receipt(deadlines)),
    "visit": with_common(visit),
    "reinspection": with_common(reinspection),
    "meeting": with_common(meeting),
    "explain": with_receipt(explain),
}

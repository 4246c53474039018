"""From what a user gave to the request of a timeline counted from the report's receipt.

A council keeps one record (a plan file) of what happened; ``deadlines``, ``explain`` and
``check`` read it, and their command-line options override it: a date given on the command
line replaces the record's date for that id, ``--visit`` replaces the record's visits, and
the other options (received, framework, rules, authority, earlier judgements) replace the
record's value. ``--date ID=DATE`` gives a date for any milestone, with exactly the checks
a record's ``[dates]`` gets.
"""

import datetime as dt
import inspect
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..dates import parse_date
from ..errors import InputError
from ..request import Receipt, Request, calendar_years, given_dates, over_record, receipt_request
from .options import (
    KEYWORD,
    Apv,
    Dates,
    Framework,
    PlanFile,
    PreviousInadequate,
    Received,
    Reinspection,
    Visits,
    WsoaSubmitted,
    grouped,
)
from .shell import calendar, from_history, rule_set, today

if TYPE_CHECKING:
    from ..plan import Plan
    from ..timeline import Timeline


def receipt_timeline(options: "ReceiptOptions", holidays_file: Path | None) -> "Timeline":
    """The timeline the options and the record describe: the core, called once. An error names
    the record's file when the record is at fault, not when a date on the command line is."""
    if options.plan is None or options == ReceiptOptions(as_of=options.as_of, plan=options.plan):
        return timeline_of(options_request(options), holidays_file, options.plan)
    try:
        return timeline_of(options_request(options), holidays_file)
    except InputError:
        alone = ReceiptOptions(as_of=options.as_of, plan=options.plan)
        timeline_of(options_request(alone), holidays_file, options.plan)  # the record's own fault, named so
        raise  # the record alone is sound: the command line's dates are at fault


def timeline_of(request: Request, holidays_file: Path | None, record: Path | None = None) -> "Timeline":
    """The calendar around the request's dates, then its timeline."""
    from ..timeline import build_timeline

    try:
        return build_timeline(request, calendar(holidays_file, calendar_years(request.days())))
    except InputError as error:
        if record is None:
            raise
        raise InputError(f"{record}: {error}") from None


SHORTHANDS = (("apv", "apv-window"), ("wsoa_submitted", "wsoa"), ("reinspection", "reinspection"))


class ReceiptOptions(NamedTuple):
    """The command-line options of a timeline counted from the receipt, as typed (None: not given)."""

    received: str | None = None
    as_of: str | None = None
    plan: Path | None = None
    dates: list[str] | None = None  # --date ID=DATE
    apv: str | None = None
    wsoa_submitted: str | None = None
    reinspection: str | None = None
    visits: list[str] | None = None
    previous_inadequate: list[str] | None = None
    framework: str | None = None
    rules_file: Path | None = None
    authority: str | None = None


def options_request(options: ReceiptOptions) -> Request:
    """The request the options and the record (``--plan``) describe together; the options win."""
    dates = option_dates(options)
    visits = None if options.visits is None else [parse_date(day) for day in options.visits]
    previous = None if options.previous_inadequate is None else [parse_date(d) for d in options.previous_inadequate]
    received = None if options.received is None else parse_date(options.received)
    if options.plan is None:
        if received is None:
            raise InputError("give --received DATE (the day the report arrived), or --plan FILE, the council's record")
        given = given_dates(visits or [], dates)
        receipt = Receipt(received, given, tuple(previous or ()), options.framework, options.authority)
        return _request(options, receipt, options.rules_file)
    from ..plan import parse_plan
    from ..reading import read_text

    record = parse_plan(read_text(options.plan, "plan file"), str(options.plan))
    return record_request(options, record, options.plan, dates, visits, previous, received)


def record_request(
    options: ReceiptOptions,
    record: "Plan",
    path: Path,
    dates: dict[str, dt.date] | None = None,
    visits: list[dt.date] | None = None,
    previous: list[dt.date] | None = None,
    received: dt.date | None = None,
) -> Request:
    """The request of a council's record (read from ``path``) with the options' dates, visits,
    earlier judgements and day of receipt over it; errors name the record's file."""
    from ..reading import inside

    given = given_dates(visits or [], dates or {})
    rules_file = options.rules_file
    if rules_file is None and record.rules is not None:
        rules_file = inside(path.parent, record.rules, f"{path}: rules file")  # relative to the record
    try:
        receipt = over_record(
            record, received, given, visits is not None, previous, options.framework, options.authority
        )
        return _request(options, receipt, rules_file, "--framework" if options.framework else "the plan")
    except InputError as error:
        raise InputError(f"{path}: {error}") from None


_RECEIPT = [  # the options of a timeline counted from the receipt, in the order --help lists them
    inspect.Parameter("received", KEYWORD, annotation=Received, default=None),
    inspect.Parameter("plan", KEYWORD, annotation=PlanFile, default=None),
    inspect.Parameter("dates", KEYWORD, annotation=Dates, default=None),
    inspect.Parameter("apv", KEYWORD, annotation=Apv, default=None),
    inspect.Parameter("wsoa_submitted", KEYWORD, annotation=WsoaSubmitted, default=None),
    inspect.Parameter("visits", KEYWORD, annotation=Visits, default=None),
    inspect.Parameter("reinspection", KEYWORD, annotation=Reinspection, default=None),
    inspect.Parameter("previous_inadequate", KEYWORD, annotation=PreviousInadequate, default=None),
    inspect.Parameter("framework", KEYWORD, annotation=Framework, default=None),
]


# The options of a timeline counted from the receipt (deadlines, explain), as its ``receipt`` parameter.
with_receipt = grouped("receipt", _RECEIPT, ReceiptOptions)


def option_dates(options: ReceiptOptions) -> dict[str, dt.date]:
    """``--date ID=DATE`` (repeatable) and the shorthands (``--apv``, ``--wsoa-submitted``,
    ``--reinspection``), by milestone id; an id given twice is refused."""
    given: list[tuple[str, str, str]] = []  # id, date text, the option it came from
    for text in options.dates or []:
        key, equals, value = text.partition("=")
        if not equals or not key.strip():
            raise InputError(f"--date {text!r}: give ID=DATE, e.g. --date publish-report=2017-08-10")
        given.append((key.strip(), value, f"--date {key.strip()}"))
    for name, key in SHORTHANDS:
        if (value := getattr(options, name)) is not None:
            given.append((key, value, "--" + name.replace("_", "-")))
    dates: dict[str, dt.date] = {}
    for key, value, option in given:
        if key in dates:
            raise InputError(f"{key} is given twice on the command line: keep one")
        try:
            dates[key] = parse_date(value)  # --apv '' is an error, not "not given"
        except InputError as error:
            raise InputError(f"{option}: {error}") from None
    return dates


def _request(
    options: ReceiptOptions, receipt: Receipt, rules_file: Path | None, named_by: str = "--framework"
) -> Request:
    """The receipt under the rule set it names (or the one in force), with what the history says to it."""
    chosen_set, reason = rule_set(receipt.framework, "", receipt.received, rules_file, named_by)
    day = today(options.as_of)
    history = from_history(chosen_set.id, receipt.authority, receipt.received, day)
    return receipt_request(receipt, chosen_set, reason, day, history)

"""What a command or a batch row gathers, as one value the core takes whole (pure).

Every way into a timeline (the ``deadlines``, ``visit``, ``reinspection`` and ``meeting``
options, a council's record, a batch row) gives dates: the day counted from, visits, other
milestones' dates, earlier judgements. ``given_dates`` merges them the one way, refusing an
id given twice; ``Request`` carries them with the rule set and why it applies, and is built
here only: ``day_request`` (one day's rules), ``over_record`` then ``receipt_request`` (the
options over a council's record), ``row_request`` (a batch row), ``with_earlier_from_history``
(a new record's). The shell reads the files,
chooses the rule set and loads the history, and passes what they gave in. ``calendar_years``
says which years a calendar for the dates must cover.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from .dates import format_day
from .errors import InputError
from .rules import RuleSet

if TYPE_CHECKING:
    from .batch import BatchRow
    from .history.context import FromHistory
    from .plan import Plan

YEARS_BEFORE, YEARS_AFTER = 1, 5  # a calendar reaches this far around the dates involved


class Request(NamedTuple):
    """One timeline's inputs: counted from ``start`` under ``rule_set`` (``framework_reason``
    says why that set applies), statuses as of ``as_of``. ``history`` is what Ofsted's
    inspection record says to it (practice beside the re-inspection rule; the authority's
    earlier judgements and re-inspection), gathered by the shell: the core reads no data file.

    >>> from ofsted_timeline import build_timeline, england_and_wales, load_rule_set
    >>> request = Request(dt.date(2017, 7, 7), load_rule_set("sif-2017"), as_of=dt.date(2017, 9, 1))
    >>> build_timeline(request, england_and_wales()).milestone("wsoa").latest
    datetime.date(2017, 10, 16)
    """

    start: dt.date
    rule_set: RuleSet
    as_of: dt.date
    actuals: Mapping[str, dt.date] = MappingProxyType({})  # milestone id -> date done or set
    authority: str | None = None
    conditions: tuple[str, ...] = ()  # such as "first-visit"
    previous_inadequate: tuple[dt.date, ...] = ()
    framework_reason: str = ""
    history: "FromHistory | None" = None

    def days(self) -> Iterable[dt.date]:
        """Every date the request names: a calendar must cover each."""
        yield from (self.start, self.as_of, *self.actuals.values(), *self.previous_inadequate)


class Receipt(NamedTuple):
    """A timeline counted from the report's receipt before its rule set is chosen: what the
    options and a council's record say together."""

    received: dt.date
    actuals: Mapping[str, dt.date]
    previous_inadequate: tuple[dt.date, ...]
    framework: str | None
    authority: str | None


def day_request(
    day: dt.date,
    rule_set: RuleSet,
    framework_reason: str,
    as_of: dt.date,
    authority: str | None,
    conditions: tuple[str, ...] = (),
) -> Request:
    """One day's rules (a monitoring visit, a re-inspection, a committee meeting), nothing given."""
    return Request(day, rule_set, as_of, authority=authority, conditions=conditions, framework_reason=framework_reason)


def over_record(
    record: "Plan",
    received: dt.date | None,
    given: Mapping[str, dt.date],
    visits_given: bool,
    previous: Sequence[dt.date] | None,
    framework: str | None,
    authority: str | None,
) -> Receipt:
    """The values given (None: not given) over a council's record: a date replaces the
    record's date for its id, visits given replace the record's visits, and every other value
    replaces the record's."""
    kept = given_dates(() if visits_given else record.visits, record.dates)
    return Receipt(
        received or record.received,
        kept | dict(given),
        record.previous_inadequate if previous is None else tuple(previous),
        framework or record.framework,
        authority or record.authority,
    )


def receipt_request(
    receipt: Receipt, rule_set: RuleSet, framework_reason: str, as_of: dt.date, history: "FromHistory | None"
) -> Request:
    """The request of a receipt, under the rule set chosen for it."""
    return Request(
        receipt.received,
        rule_set,
        as_of,
        receipt.actuals,
        receipt.authority,
        (),
        receipt.previous_inadequate,
        framework_reason,
        history,
    )


def row_request(
    row: "BatchRow", rule_set: RuleSet, framework_reason: str, as_of: dt.date, history: "FromHistory | None"
) -> Request:
    """The request of a batch row; its visits and dates clashing is an error."""
    actuals = given_dates(row.visits, row.dates)
    return Request(
        row.received, rule_set, as_of, actuals, row.authority, (), row.previous_inadequate, framework_reason, history
    )


def with_earlier_from_history(request: Request) -> Request:
    """The request with the authority's earlier inadequate judgements that the history found
    given as its own, as a new record for the council writes them."""
    found = request.history.authority if request.history is not None else None
    if found is None or not found.earlier_inadequate:
        return request
    return request._replace(previous_inadequate=found.earlier_inadequate)


def given_dates(visits: Sequence[dt.date], dates: Mapping[str, dt.date]) -> dict[str, dt.date]:
    """Visits as ``mv1``, ``mv2``, ... in date order, with the other dates given by id.

    >>> given_dates([dt.date(2018, 2, 6), dt.date(2017, 11, 14)], {"wsoa": dt.date(2017, 10, 13)})["mv1"]
    datetime.date(2017, 11, 14)
    """
    actuals = visits_as_actuals(visits)
    clash = sorted(set(actuals) & set(dates))
    if clash:
        raise InputError(f"{clash[0]} is given twice, also by visits: keep one")
    return actuals | dict(dates)


def visits_as_actuals(visits: Sequence[dt.date]) -> dict[str, dt.date]:
    """Monitoring visits, first on-site day of each, as ``mv1``, ``mv2``, ... in date order; a day
    given twice is refused (two visits do not start on one day, and it would renumber the rest)."""
    ordered = sorted(visits)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first == second:
            raise InputError(f"the monitoring visit of {format_day(first)} is given twice: keep one")
    return {f"mv{number}": day for number, day in enumerate(ordered, start=1)}


def calendar_years(days: Iterable[dt.date]) -> tuple[int, int]:
    """The first and last year a calendar for ``days`` must cover: a year before for counting
    back, five after for the milestones that follow."""
    years = [day.year for day in days]
    return min(years) - YEARS_BEFORE, max(years) + YEARS_AFTER

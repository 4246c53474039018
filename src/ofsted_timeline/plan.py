"""Plan files: an authority's known and planned dates, kept in a repository and checked in CI.

    authority = "Barnet"
    received = 2017-07-07          # the day the pre-publication report arrived
    framework = "sif-2017"         # optional: else the framework in force on the receipt day
    rules = "local-rules.toml"     # optional: the council's own rules, beside the plan
    previous_inadequate = []       # optional: earlier inadequate judgements
    [dates]                        # actual or planned dates, keyed by milestone id
    wsoa = 2017-10-13
    visits = [2017-11-14, 2018-02-06]

Dates may be TOML dates (2017-10-13) or text in any form ``oftl`` accepts ("13/10/2017").
Parsing is pure: the caller reads the file.
"""

import datetime as dt
from typing import Any, NamedTuple

from .dates import parse_date
from .errors import InputError
from .reading import parse_document

KEYS = ("authority", "received", "framework", "rules", "previous_inadequate", "dates")
VISITS = "visits"


class Plan(NamedTuple):
    source: str
    received: dt.date
    framework: str | None  # None: the framework in force on the receipt day
    rules: str | None  # the user's rule file, relative to the plan file
    authority: str | None
    dates: dict[str, dt.date]  # milestone id -> date; visits become mv1, mv2, ...
    visits: tuple[dt.date, ...]
    previous_inadequate: tuple[dt.date, ...]


def parse_plan(text: str, source: str) -> Plan:
    """Read a plan's TOML text; ``source`` (the file name) starts every error message."""
    data = parse_document(text, source, "TOML", "fix the syntax")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise InputError(f"{source}: unknown key '{unknown[0]}': the plan's keys are {', '.join(KEYS)}")
    if "received" not in data:
        raise InputError(f"{source}: 'received' is missing: add received = YYYY-MM-DD, the day the report arrived")
    dates_table = data.get("dates", {})
    if not isinstance(dates_table, dict):
        raise InputError(f"{source}: 'dates' must be a table: write it as a [dates] section")
    authority = data.get("authority")
    if authority is not None and not isinstance(authority, str):
        raise InputError(f"{source}: 'authority' must be text in quotes, e.g. authority = \"Barnet\"")
    framework = data.get("framework")
    if framework is not None and not isinstance(framework, str):
        raise InputError(f"{source}: 'framework' must be text in quotes, e.g. framework = \"sif-2017\"")
    rules = data.get("rules")
    if rules is not None and not isinstance(rules, str):
        raise InputError(f"{source}: 'rules' must be a file name in quotes, e.g. rules = \"local-rules.toml\"")
    dates = {key: _date(value, f"{source}: [dates] {key}") for key, value in dates_table.items() if key != VISITS}
    return Plan(
        source=source,
        received=_date(data["received"], f"{source}: received"),
        framework=framework,
        rules=rules,
        authority=authority,
        dates=dates,
        visits=_dates(dates_table.get(VISITS, []), f"{source}: [dates] {VISITS}"),
        previous_inadequate=_dates(data.get("previous_inadequate", []), f"{source}: previous_inadequate"),
    )


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise InputError(f"{where} is a date and time: give the date alone, e.g. {value.date().isoformat()}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except InputError as error:
            raise InputError(f"{where}: {error}") from None
    raise InputError(f"{where} is not a date: write it as YYYY-MM-DD, e.g. 2017-10-13")


def _dates(value: Any, where: str) -> tuple[dt.date, ...]:
    if not isinstance(value, list):
        raise InputError(f"{where} must be a list of dates, e.g. [2017-11-14, 2018-02-06]")
    return tuple(_date(item, f"{where}[{index}]") for index, item in enumerate(value, 1))

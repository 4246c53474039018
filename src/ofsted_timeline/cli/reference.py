"""The reference commands: ``rules`` (a rule set, rule by rule), ``frameworks``, and
``holidays`` (the bank holidays in use, or how they differ from gov.uk's list)."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ..dates import format_day
from ..errors import InputError
from ..escape import visible
from ..output import STDOUT
from ..render.registry import Format, formats, render
from .options import FrameworksOutputFormat, HolidaysFile, HolidaysOutputFormat, Output, RulesFile, RulesOutputFormat
from .shell import calendar, chosen_format, emit, input_errors, publish, rules_extender, today


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
    output_format: RulesOutputFormat = None,
    output: Output = STDOUT,
) -> None:
    """The rules: each one's anchor, offset, kind and source paragraph, or its unverified mark.

    Example: oftl rules --framework ilacs-2018 --format json
    """
    from ..rules import available, framework_for, load_rule_set

    with input_errors():
        if framework is not None and framework not in available():
            raise InputError(f"unknown rule set '{framework}': choose one of {', '.join(available())}")
        chosen = chosen_format(output_format, output, formats("rules"))
        rule_set = load_rule_set(framework) if framework else framework_for(today(None))
        rule_set = rules_extender(rules_file)(rule_set)
    publish(render("rules", chosen)(rule_set), output)


def frameworks(output_format: FrameworksOutputFormat = None, output: Output = STDOUT) -> None:
    """The frameworks: when each is in force, what triggers it, its sources, and how many of its
    rules no public source proves (unverified)."""
    from ..rules import frameworks as names
    from ..rules import load_rule_set, period_text

    with input_errors():
        chosen = chosen_format(output_format, output, formats("frameworks"))
        sets = [load_rule_set(name) for name in names()]
    sets.sort(key=lambda rule_set: rule_set.period.start or dt.date.min if rule_set.period else dt.date.min)
    periods = {rule_set.id: period_text(rule_set) for rule_set in sets}
    publish(render("frameworks", chosen)(sets, periods), output)


def holidays(
    year: Annotated[
        str | None,
        typer.Argument(
            metavar="[YEAR|FILE]",
            help="Calendar year, e.g. 2017; with --check, a gov.uk bank-holidays.json file.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Compare the list in use with gov.uk's bank-holidays.json (www.gov.uk/bank-holidays.json) for the "
            "years it covers: the FILE given, else the feed stored by --update. Exit 0 when they agree, 1 when "
            "they differ.",
        ),
    ] = False,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Fetch gov.uk's bank holidays (10 s timeout, at most 1 MiB), check them and store them in "
            "$XDG_DATA_HOME/ofsted-timeline/bank-holidays.json (without XDG_DATA_HOME: "
            "~/.local/share/ofsted-timeline/). Every later run adds them to the bundled ones; only this "
            "option touches the network.",
        ),
    ] = False,
    url: Annotated[
        str | None,
        typer.Option(
            "--url", metavar="URL", help="Where --update fetches from. [default: https://www.gov.uk/bank-holidays.json]"
        ),
    ] = None,
    holidays_file: HolidaysFile = None,
    output_format: HolidaysOutputFormat = None,
    output: Output = STDOUT,
) -> None:
    """The England and Wales bank holidays in use for YEAR, and where they come from; with
    --check, how they differ from gov.uk's published list; with --update, gov.uk's list fetched
    and stored for every later run.

    Examples: oftl holidays 2017; oftl holidays --check bank-holidays.json; oftl holidays --update
    """
    with input_errors():
        if url is not None and not update:
            raise InputError("--url says where --update fetches from: give --update too")
        if update:
            if check or year is not None:
                raise InputError("--update fetches and stores gov.uk's list: run it without --check or a YEAR")
            _update(url, output_format, output)
            return
    if check:
        _check_holidays(Path(year) if year is not None else None, holidays_file, output_format, output)
        return
    with input_errors():
        from ..calendar import EARLIEST_YEAR, LATEST_YEAR

        if year is None:
            raise InputError(
                "give a YEAR, e.g. oftl holidays 2017, --check [FILE] to compare with gov.uk, "
                "or --update to fetch gov.uk's list"
            )
        number = _year(year)
        if not EARLIEST_YEAR <= number <= LATEST_YEAR:
            raise InputError(f"no bank holidays for {number}: oftl's calendar covers {EARLIEST_YEAR}–{LATEST_YEAR}")
        chosen = _format(output_format, output)
        in_use = calendar(holidays_file, (number, number))
        entries = in_use.holidays(number)
    publish(render("holidays", chosen)(in_use, number, entries), output)


def _year(text: str) -> int:
    """A year written in ASCII digits: ``int`` would also take ``٢٠١٧`` and ``2_017``."""
    import re

    if re.fullmatch("-?[0-9]{1,100}", text):
        return int(text)
    raise InputError(
        f"{text!r} is not a year: give a YEAR, e.g. oftl holidays 2017, or --check {text} to compare a file"
    )


def _check_holidays(
    check_file: Path | None, holidays_file: Path | None, output_format: str | None, output: str
) -> None:
    """Compare with a gov.uk file, or with the stored feed (which the list in use includes, so
    only days that oftl counts and gov.uk does not list can differ)."""
    from ..govuk import differences, parse_bank_holidays
    from ..reading import read_text

    with input_errors():
        chosen = _format(output_format, output)
        if check_file is None:
            published, source = _stored_feed()
        else:
            published = parse_bank_holidays(read_text(check_file, "bank-holidays file"), str(check_file))
            source = str(check_file)
        in_use = calendar(holidays_file, (min(published).year, max(published).year))
        years, found = differences(in_use, published)
    emit(render("holiday-check", chosen)(source, in_use, years, found), output)
    raise typer.Exit(1 if found else 0)


def _stored_feed() -> tuple[dict[dt.date, str], str]:
    from ..feed import stored
    from ..feed_file import feed_path

    feed = stored()
    if feed is None:
        where = feed_path()
        raise InputError(
            f"no bank-holiday feed is stored{f' in {where}' if where else ''}: fetch one with "
            "oftl holidays --update, or give a FILE to compare: oftl holidays --check FILE"
        )
    return feed.holidays, str(feed.path)


def _update(asked_url: str | None, output_format: str | None, output: str) -> None:
    """Fetch, check and store the feed, then say what was stored and what it adds."""
    from .. import feed as feeds
    from ..calendar import england_and_wales
    from ..feed_file import feed_path
    from ..govuk import differences

    chosen = _format(output_format, output)
    url = feeds.DEFAULT_URL if asked_url is None else asked_url  # --url '' is an error, not the default
    path = feed_path()
    if path is None:
        raise InputError("no home folder to store the feed in: set XDG_DATA_HOME to a folder")
    body = feeds.fetch(url, timeout=feeds.TIMEOUT, limit=feeds.SIZE_LIMIT)  # read when called: tests shorten them
    feed = feeds.store(feeds.decode(body, url), url, today(None), path)  # the clock's day is the fetch day
    first, last = feed.years
    # What it changes: compared with the bundled data alone (not any earlier feed).
    _, found = differences(england_and_wales(first, last), feed.holidays)
    added = [d for d in found if d.published]
    bundled_only = [d for d in found if not d.published]
    if chosen is Format.json:
        import json

        document = {
            "stored": str(feed.path),
            "url": feed.url,
            "fetched": feed.fetched.isoformat(),
            "years": [first, last],
            "holidays": len(feed.holidays),
            "not_in_bundled_data": [{"date": d.day.isoformat(), "title": d.title} for d in added],
            "only_in_bundled_data": [{"date": d.day.isoformat(), "title": d.title} for d in bundled_only],
        }
        emit(json.dumps(document, indent=2, ensure_ascii=False) + "\n", output)
        return
    span = f"{first}–{last}" if first != last else str(first)
    lines = [
        f"Stored {len(feed.holidays)} England and Wales bank holidays for {span} from {feed.url}, "
        f"fetched {format_day(feed.fetched)}, in {feed.path}.",
        "Not in oftl's bundled data: " + "; ".join(f"{format_day(d.day)} {d.title}" for d in added) + "."
        if added
        else "Every weekday holiday in it is in oftl's bundled data already.",
    ]
    if bundled_only:
        lines.append(
            f"{len(bundled_only)} weekday holiday{'s' if len(bundled_only) != 1 else ''} of the bundled data "
            "in those years are not in it and still count: see oftl holidays --check."
        )
    lines.append("Every run from now on counts them with the bundled holidays; run --update again to refresh.")
    emit("\n".join(visible(line) for line in lines) + "\n", output)


def _format(output_format: str | None, output: str) -> Format:
    """``--format``, else the output file's extension, else a table: the formats of the holidays."""
    return chosen_format(output_format, output, formats("holidays"))


COMMANDS = {"rules": rules, "frameworks": frameworks, "holidays": holidays}

"""What every command shares: the app, input errors as one line, the calendar and rule set a
command asks for, choosing the output format, and writing the output."""

import datetime as dt
import functools
import io
import sys
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from .. import __version__
from ..dates import ACCEPTED_FORMS, parse_date
from ..errors import LIMITS, InputError, one_line
from ..escape import visible
from ..output import STDOUT
from ..render.registry import FORMATS_BY_EXTENSION, Format

if TYPE_CHECKING:
    from ..calendar import WorkingCalendar
    from ..history.context import FromHistory
    from ..rules import RuleSet
    from ..timeline import Timeline

DATE_HELP = f"Dates: {ACCEPTED_FORMS}."
FRAMEWORK_HINT = "choose another with --framework"  # ends the sentence saying why a framework applies
FILE_WIDTH = 100  # a table written to a file


class UsageCommand(TyperCommand):
    """A command whose usage line names its arguments as their help does (``PLAN``), not
    wrapped as Typer 0.28 writes a required one (``{plan}``)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece for piece in pieces]


def make_app() -> typer.Typer:
    app = typer.Typer(
        name="oftl",
        help=(
            "Statutory timeline after an Ofsted inspection of an English council's children's services: "
            "the written statement of action (70 working days), the action planning visit, monitoring "
            "visits, re-inspection and DfE reviews, each traced to its source paragraph. " + DATE_HELP
        ),
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    app.callback()(_main_options)
    return app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"oftl {__version__}")
        raise typer.Exit()


def _main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Statutory timeline after an Ofsted inspection of children's services."""


@contextmanager
def input_errors() -> Iterator[None]:
    """Any input problem becomes one line on stderr and exit code 2, never a traceback."""
    try:
        yield
    except (InputError, *LIMITS) as error:
        typer.echo(f"oftl: error: {visible(one_line(error))}", err=True)
        raise typer.Exit(2) from None


def today(as_of: str | None) -> dt.date:
    """The as-of day: given, or the clock's (the only place the clock is read)."""
    return parse_date(as_of) if as_of is not None else dt.date.today()


def calendar(holidays_file: Path | None, years: tuple[int, int]) -> "WorkingCalendar":
    """England and Wales for ``years``: the bundled data, plus the gov.uk feed stored by
    ``oftl holidays --update`` when there is one, plus a gov.uk file when one is given."""
    from ..calendar import england_and_wales

    extra: dict[dt.date, str] = {}
    sources: list[str] = []
    from ..feed_file import nothing_stored

    if not nothing_stored():  # a path looked at, never the network; the feed's reader only when needed
        from ..feed import stored

        found = stored()
        if found is not None:
            extra.update(found.holidays)
            sources.append(found.name)
    if holidays_file is not None:
        from ..govuk import parse_bank_holidays
        from ..reading import read_text

        extra.update(parse_bank_holidays(read_text(holidays_file, "holidays file"), str(holidays_file)))
        sources.append(str(holidays_file))
    return england_and_wales(*years, extra or None, extra_source="; plus ".join(sources))


def rules_extender(rules_file: Path | None) -> Callable[["RuleSet"], "RuleSet"]:
    """Adds the user's rules (``--rules FILE``, marked local) to any rule set; the file is read
    once, however many sets it joins (a batch adds it to every framework)."""
    if rules_file is None:
        return lambda rule_set: rule_set
    from ..reading import read_text
    from ..rules import parse_rule_set

    return functools.partial(parse_rule_set, read_text(rules_file, "rules file"), str(rules_file))


def rule_set(
    framework: str | None, part: str, day: dt.date, rules_file: Path | None, named_by: str = "--framework"
) -> tuple["RuleSet", str]:
    """The framework's rule set plus a user's rule file, and why it applies."""
    from ..rules import choose

    chosen, reason = choose(framework, day, part, named_by, hint=FRAMEWORK_HINT)
    return rules_extender(rules_file)(chosen), reason


def from_history(rule_set_id: str, authority: str | None, start: dt.date, as_of: dt.date) -> "FromHistory":
    """What the bundled inspection history says to a timeline (read here, so the core reads no file)."""
    from ..history.context import history_as_of

    return history_as_of(as_of)(rule_set_id, authority, start)


def warn_of(timeline: "Timeline") -> None:
    """What the user should know of a timeline, once its output is written (so that an input
    error stays the one line): days that cannot be meant, a name not found. Exit code unchanged."""
    from ..doubts import timeline_doubts

    for message in timeline_doubts(timeline, today(None)):
        warn(message)


def warn(message: str) -> None:
    """One line on stderr: something the user should know, and the run goes on."""
    typer.echo(f"oftl: warning: {visible(message)}", err=True)


def chosen_format(
    asked: str | None, output: str, allowed: Collection[Format] = tuple(Format), remind: int | None = None
) -> Format:
    """``--format`` when given; else the format the output file's extension names; else a table.

    An extension no format writes (``.docx``, ``.pdf``) is an error listing those that do, and
    ``--remind`` (calendar alarms) any format but a calendar.
    """
    chosen = _chosen(asked, output, allowed)
    if remind is not None and chosen is not Format.ics:
        raise InputError("--remind adds calendar alarms: use it with --format ics (or an -o file ending .ics)")
    return chosen


def _chosen(asked: str | None, output: str, allowed: Collection[Format]) -> Format:
    if asked is not None:
        return Format(asked)  # one of the command's own choices
    suffix = Path(output).suffix.lower() if output != STDOUT else ""
    if not suffix:
        return Format.table
    found = FORMATS_BY_EXTENSION.get(suffix)
    if found is None or found not in allowed:
        known = ", ".join(ext for ext, form in FORMATS_BY_EXTENSION.items() if form in allowed)
        raise InputError(f"no output format writes {suffix} files: end the file name with {known}, or give --format")
    return found


def publish(document: Any, output: str) -> None:
    """Write what a renderer of the output table made: a document (text or a workbook's bytes)
    as ``emit`` does, a rich table as ``emit_rich`` does."""
    if isinstance(document, str | bytes):
        emit(document, output)
    else:
        emit_rich(document, output)


def emit(document: str | bytes, output: str) -> None:
    """Write a finished document (text as UTF-8, or a workbook's bytes) to stdout or, whole or
    not at all, to a file. A workbook is never written to a terminal."""
    if isinstance(document, str):
        emit_stream(iter([document]), output)
        return
    if output == STDOUT and sys.stdout.isatty():
        with input_errors():
            raise InputError("a workbook is a file, not text for the terminal: give -o FILE.xlsx")
    _write(iter([document]), output)


def emit_stream(pieces: Iterator[str | bytes], output: str) -> None:
    """Write a document made piece by piece (a large batch) as ``emit`` does: text as UTF-8,
    pieces already encoded as they are."""
    _write((piece if isinstance(piece, bytes) else piece.encode("utf-8") for piece in pieces), output)


def _write(pieces: Iterator[bytes], output: str) -> None:
    from ..output import write_output

    sys.stdout.flush()
    with input_errors():
        write_output(output, pieces, sys.stdout.buffer)


def emit_rich(renderable: Any, output: str) -> None:
    """A rich table: in colour on a terminal; plain text, 100 columns wide, in a file. Layout
    blocks (``render.layout``) are written without rich wherever rich would write no colour."""
    from ..render.layout import Blocks, plain_width

    if isinstance(renderable, Blocks):
        width = plain_width(sys.stdout) if output == STDOUT else FILE_WIDTH
        text = renderable.plain(width) if width is not None else None
        if text is not None:  # UTF-8, as rich writes it: plain_width is None for any other stdout
            emit(text, output)
            return
        renderable = renderable.rich()
    from rich.console import Console

    from ..render.as_table import Escaped

    if output == STDOUT:
        Console().print(Escaped(renderable))
        return
    console = Console(width=FILE_WIDTH, record=True, file=io.StringIO(), color_system=None)
    console.print(Escaped(renderable))
    emit(console.export_text(), output)

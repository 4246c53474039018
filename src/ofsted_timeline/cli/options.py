"""The options the commands share, each written once with its help text."""

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

import typer

from ..render.registry import EXTENSIONS, Format, What, formats

FORMAT_HELP: dict[What, str] = {
    "timeline": "Output format: table, xlsx (a workbook for Excel), csv (for scripts), json, markdown "
    "(for committee papers), ics (calendar), svg (a chart) or html (chart, table and sources on one page).",
    "check": "Output format: the findings (table, json or xlsx), or the plan's timeline as a chart (svg, html).",
    "history": "Output format: table, json, csv (one row per episode, or per inspection with --authority), "
    "markdown, or, for the national picture, svg (a chart of every episode and the window drawn for it), "
    "html (the chart and the figures) or xlsx.",
    "rules": "Output format.",
    "frameworks": "Output format.",
    "holidays": "Output format.",
}
"""What ``--format`` says of each command's formats; the choices and extensions come from the output table."""


def format_option(what: What) -> Any:
    """The ``--format`` option of the command writing ``what``: its choices, the formats the output
    table lists for it, and the extensions ``-o FILE`` takes for them, named in its help."""
    values = tuple(form.value for form in formats(what))
    choices: Any = Literal[values]  # built at run time, and cheaper at start-up than an Enum
    named = " ".join(EXTENSIONS[form][0] for form in formats(what) if form is not Format.table)
    default = f"[default: from the --output file's extension ({named} .txt), else table]"
    return Annotated[
        choices | None,
        typer.Option("--format", "-f", help=f"{FORMAT_HELP[what]} {default}", show_default=False),
    ]


Received = Annotated[
    str | None,
    typer.Option(
        "--received",
        "-r",
        metavar="DATE",
        help="Day the pre-publication inspection report arrived: day 0, even on a weekend or bank holiday. "
        "That date is binding; councils commonly use the day the report was published. "
        "Required unless --plan gives it.",
        show_default=False,
    ),
]
PlanFile = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        metavar="FILE",
        help="The council's record (TOML, see `oftl init`): received, framework, earlier judgements and the dates "
        "given. Options on the command line override it.",
    ),
]
Dates = Annotated[
    list[str] | None,
    typer.Option(
        "--date",
        metavar="ID=DATE",
        help="A date done or set for any milestone, by the id `oftl deadlines` prints "
        "(publish-report=2017-08-10, mv-report-2=2018-03-08); repeat for each.",
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Give each milestone a status as of this day [default: today]."),
]
Apv = Annotated[
    str | None, typer.Option("--apv", metavar="DATE", help="Actual (or fixed) day of the action planning visit.")
]
WsoaSubmitted = Annotated[
    str | None,
    typer.Option(
        "--wsoa-submitted", metavar="DATE", help="Day the written statement of action was (or will be) submitted."
    ),
]
Visits = Annotated[
    list[str] | None,
    typer.Option(
        "--visit", metavar="DATE", help="First on-site day of an actual monitoring visit; repeat for each visit."
    ),
]
Reinspection = Annotated[
    str | None, typer.Option("--reinspection", metavar="DATE", help="First day of re-inspection fieldwork, once known.")
]
Framework = Annotated[
    str | None,
    typer.Option(
        "--framework",
        metavar="NAME",
        help="Framework whose rules apply, by the name `oftl frameworks` lists. "
        "[default: the one in force on the day counted from]",
        show_default=False,
    ),
]
RulesFile = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        metavar="FILE",
        help="Your own rules (TOML, the shipped format; see examples/local-rules.toml), added to the framework's "
        "and marked local.",
    ),
]
HolidaysFile = Annotated[
    Path | None,
    typer.Option(
        "--holidays-file",
        metavar="FILE",
        help="Extra bank holidays in gov.uk's bank-holidays.json format (england-and-wales events), "
        "for holidays proclaimed after this release.",
    ),
]
PreviousInadequate = Annotated[
    list[str] | None,
    typer.Option(
        "--previous-inadequate",
        metavar="DATE",
        help="An earlier inadequate judgement; repeat for each. Two or more within five years is "
        "persistent failure (PCF 121).",
    ),
]
Output = Annotated[
    str,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of the terminal ('-'). The file is replaced whole or not at all.",
        metavar="FILE",
    ),
]
Authority = Annotated[
    str | None,
    typer.Option(
        "--authority",
        metavar="NAME",
        help="Council's name, shown in titles and calendar events; matched to Ofsted's inspection history "
        "(case, punctuation, 'Council' and 'City of' aside) for its earlier inadequate judgements and, once it "
        "happened, its re-inspection. A name the history does not know is kept, with a note.",
    ),
]
Details = Annotated[
    bool,
    typer.Option("--details", help="The full table: each milestone's basis and source beside its date and status."),
]
Everything = Annotated[
    bool,
    typer.Option(
        "--all",
        help="Every milestone in the terminal view, not only those due within a year (or up to the next "
        "statutory deadline) and the re-inspection window. Files always hold every milestone.",
    ),
]
Upcoming = Annotated[
    bool, typer.Option("--upcoming", help="Leave out what is done or passed (late and overdue stay at the top).")
]
Remind = Annotated[
    int | None,
    typer.Option(
        "--remind",
        min=1,
        max=100,
        help="With --format ics: an alarm this many working days before each statutory deadline "
        "(Google Calendar drops alarms on import).",
        metavar="N",
    ),
]


OUTPUT_FORMATS: dict[str, What] = {
    "TimelineOutputFormat": "timeline",
    "CheckOutputFormat": "check",
    "HistoryOutputFormat": "history",
    "RulesOutputFormat": "rules",
    "FrameworksOutputFormat": "frameworks",
    "HolidaysOutputFormat": "holidays",
}
"""Each command's ``--format`` option, by the name its command module imports."""

if TYPE_CHECKING:  # a format's name, or None, to the type checker; Typer reads the choices built for it
    TimelineOutputFormat: TypeAlias = str | None
    CheckOutputFormat: TypeAlias = str | None
    HistoryOutputFormat: TypeAlias = str | None
    RulesOutputFormat: TypeAlias = str | None
    FrameworksOutputFormat: TypeAlias = str | None
    HolidaysOutputFormat: TypeAlias = str | None
else:

    def __getattr__(name: str) -> Any:
        """A command's ``--format`` option, built as its module imports it: a run builds its own only."""
        if name not in OUTPUT_FORMATS:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        return format_option(OUTPUT_FORMATS[name])


KEYWORD = inspect.Parameter.KEYWORD_ONLY  # the kind of every option a group puts in a command's signature


def grouped(
    name: str, parameters: list[inspect.Parameter], group: Callable[..., Any]
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A decorator that puts ``parameters`` (options written once) in place of a command's
    ``name`` parameter, and hands them to the command as one ``group(...)`` value, like
    sqlite-utils' output options (Typer reads the signature given here)."""
    names = [parameter.name for parameter in parameters]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command)
        replaced: list[inspect.Parameter] = []
        for own, parameter in signature.parameters.items():
            replaced += parameters if own == name else [parameter]

        @functools.wraps(command)
        def wrapper(**values: Any) -> None:
            taken = group(**{option: values.pop(option) for option in names})  # before the rest is passed on
            command(**values, **{name: taken})

        wrapper.__signature__ = signature.replace(parameters=replaced)  # type: ignore[attr-defined]
        return wrapper

    return decorate

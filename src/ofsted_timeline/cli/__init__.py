"""The ``oftl`` command line: a thin shell that parses, asks the core once, renders and writes.

One module per command group, and only the group of the command being run is imported and
built: ``timelines`` (deadlines, visit, reinspection, meeting, explain), ``check``, ``batch``,
``record`` (init, record: the council's record), ``reference`` (rules, frameworks,
holidays), ``history``. ``shell`` holds what they share; ``options``
the options they share. ``app`` (for tests and embedding) has every command.
"""

import importlib
import os
import sys
from typing import Any

import typer

from ..errors import LIMITS, one_line
from ..escape import visible

# Command -> the module that defines it, in the order ``oftl --help`` lists them.
COMMANDS = {
    "deadlines": "timelines",
    "visit": "timelines",
    "reinspection": "timelines",
    "meeting": "timelines",
    "check": "check",
    "init": "record",
    "record": "record",
    "batch": "batch",
    "explain": "timelines",
    "history": "history",
    "rules": "reference",
    "frameworks": "reference",
    "holidays": "reference",
}
INTERRUPTED = 130  # the exit code for Ctrl-C, as shells give 128 + SIGINT
TERMINATED = 143  # and for SIGTERM, 128 + 15


class Terminated(BaseException):
    """SIGTERM (``kill``, a CI job cancelled), raised where the run is: a file being written is
    removed as on Ctrl-C, and the run ends with one line."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def build(names: list[str] | None = None) -> typer.Typer:
    """The app with the commands ``names`` (every command when None)."""
    from .shell import UsageCommand, make_app

    app = make_app()
    for name in names or COMMANDS:
        module = importlib.import_module(f"{__name__}.{COMMANDS[name]}")
        app.command(name, cls=UsageCommand)(module.COMMANDS[name])
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return build()
    raise AttributeError(name)


def main() -> None:
    """The console script: builds the command asked for, and turns Click's usage errors (a
    missing option, an unknown format) into one line like every other input error, exit 2."""
    import signal

    from typer._click.exceptions import ClickException, NoArgsIsHelpError  # typer 0.28 vendors click

    signal.signal(signal.SIGTERM, _terminate)
    asked = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    app = build([asked] if asked in COMMANDS else None)
    try:
        code = app(prog_name="oftl", standalone_mode=False)
    except NoArgsIsHelpError as error:  # `oftl` alone, or a command without arguments: its help
        typer.echo(error.ctx.get_help() if error.ctx else "", err=True)
        sys.exit(2)
    except ClickException as error:
        context = getattr(error, "ctx", None)
        command = context.command_path if context is not None else "oftl"
        typer.echo(f"oftl: error: {visible(error.format_message())} See `{command} --help`.", err=True)
        sys.exit(error.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        code = INTERRUPTED
    except Terminated:
        typer.echo("oftl: terminated", err=True)
        sys.exit(TERMINATED)
    except BrokenPipeError:  # the reader went away (`oftl ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except (OSError, *LIMITS) as error:  # whatever no command turned into an InputError: one line all the same
        typer.echo(f"oftl: error: {visible(one_line(error))}", err=True)
        sys.exit(2)
    if code == INTERRUPTED:  # Typer turns Ctrl-C into this exit code, silently
        typer.echo("oftl: interrupted", err=True)
    code = code if isinstance(code, int) else 0
    if code == 0:
        finish()
    sys.exit(code)


def finish() -> None:
    """End a successful run without the interpreter's teardown (10–30 ms of freeing every
    module and object, a fifth of a run): every output is written by then (a file ``-o``
    names is closed, and renamed into place), so only stdout and stderr are flushed first.
    A flush that fails (the reader went away) returns, and the usual exit reports it."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(0)

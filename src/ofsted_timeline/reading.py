"""Reading the files a user names: plan, rules and holidays files, and batch CSV.

Every one must be a regular file (not a folder, device, FIFO or socket) of at most
``FILE_LIMIT`` bytes (``BATCH_LIMIT`` for a batch CSV) and UTF-8; a byte-order mark at its
start is dropped, as Windows editors add one. The file is looked at before it is read and
opened non-blocking, so ``/dev/zero`` cannot fill memory and a FIFO cannot hang the run.
Each refusal is an InputError: one line, exit 2.

``parse_document`` turns TOML or JSON text into data, and whatever the parser cannot take
(bad syntax, nesting deeper than Python's recursion limit, a number of thousands of digits)
into an InputError naming the file. It does no I/O.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tomllib
from pathlib import Path
from typing import Any, Literal

from .errors import InputError
from .escape import first_control

MIB = 1024 * 1024
FILE_LIMIT = MIB  # plan, rules and holidays files: real ones are a few kilobytes
BATCH_LIMIT = 16 * MIB  # a batch CSV: some 300,000 authorities
KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def read_text(path: Path, what: str, limit: int = FILE_LIMIT) -> str:
    """The text of the ``what`` (``"plan file"``) at ``path``, after the checks above."""
    try:
        _check(os.stat(path), path, what, limit)
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(handle, "rb") as file:
            _check(os.fstat(file.fileno()), path, what, limit)  # the file opened is the one looked at
            data = file.read(limit + 1)
    except OSError as error:
        raise InputError(f"cannot read {what} {path}: {error.strerror or error}") from None
    if len(data) > limit:  # it grew while being read
        raise _too_large(path, what, limit)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise InputError(f"{path}: {what} is not UTF-8 text: save it as UTF-8") from None


def _check(info: os.stat_result, path: Path, what: str, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a folder: give the path of the {what}")
    if not stat.S_ISREG(info.st_mode):
        kind = KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise InputError(f"{path} is {kind}, not a file: give the path of the {what}")
    if info.st_size > limit:
        raise _too_large(path, what, limit)


def _too_large(path: Path, what: str, limit: int) -> InputError:
    return InputError(f"{path} is larger than {limit // MIB} MiB, the limit for a {what}: is it the right file?")


def inside(folder: Path, name: str, where: str) -> Path:
    """``folder / name``, refused unless it stays inside ``folder`` once links are followed:
    a plan may name a rules file beside it or below it, never ``../../etc/shadow``."""
    if (control := first_control(name)) is not None:  # a NUL byte no system call takes, or worse
        raise InputError(f"{where} '{name}' has a control character ({control}): give a plain file name")
    path = folder / name
    try:
        outside = not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):  # a loop of links; a name no system call takes
        outside = True
    if outside:
        raise InputError(f"{where} '{name}' is outside the folder {folder}: keep it beside the plan or below it")
    return path


def parse_document(text: str, source: str, kind: Literal["TOML", "JSON"], fix: str) -> Any:
    """TOML or JSON text as data; ``fix`` ends the message for bad syntax."""
    try:
        return tomllib.loads(text) if kind == "TOML" else json.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{source}: not valid TOML ({error}): {fix}") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{source}: not valid JSON (line {error.lineno}, column {error.colno}): {fix}") from None
    except RecursionError:
        raise InputError(f"{source}: lists or tables nested too deeply to read: {fix}") from None
    except ValueError:  # the only other one the parsers raise: an integer too long to convert
        digits = sys.get_int_max_str_digits()
        raise InputError(f"{source}: a number has more than {digits} digits: {fix}") from None

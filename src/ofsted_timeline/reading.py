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

import datetime as dt
import os
import stat
import sys
from pathlib import Path
from typing import Any, Literal

from .errors import InputError
from .escape import first_control

MIB = 1024 * 1024
FILE_LIMIT = MIB  # plan, rules and holidays files: real ones are a few kilobytes
BATCH_LIMIT = 16 * MIB  # a batch CSV: some 300,000 authorities
UNPACKED_LIMIT = 128 * MIB  # a batch workbook's parts unpacked: its XML is some 8 times its CSV
KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def read_text(path: Path, what: str, limit: int = FILE_LIMIT) -> str:
    """The text of the ``what`` (``"plan file"``) at ``path``, after the checks above."""
    data = read_bytes(path, what, limit)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        hint = (
            ": it is a workbook, name it .xlsx"
            if data.startswith(b"PK\x03\x04")
            else ": it is an old Excel workbook (.xls), save it as .xlsx or CSV UTF-8"
            if data.startswith(b"\xd0\xcf\x11\xe0")
            else ": save it as UTF-8"
        )
        raise InputError(f"{path}: {what} is not UTF-8 text{hint}") from None


def read_sheet(path: Path, what: str, limit: int) -> list[list[str]]:
    """The first sheet of an .xlsx workbook as rows of text, a spreadsheet's row 1 first: dates
    as ISO days, whole numbers without ``.0``, empty cells as "". Read by openpyxl in read-only
    mode (imported only here); at most ``limit`` characters of cells, so a small zip that
    unpacks to gigabytes is refused, not read."""
    import io
    import zipfile

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    data = read_bytes(path, what, limit)
    rows: list[list[str]] = []
    size = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:  # sizes as declared: reading stops at them
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > UNPACKED_LIMIT:
            raise InputError(
                f"{path}: the {what} unpacks to {unpacked // MIB:,} MiB, more than {UNPACKED_LIMIT // MIB} MiB: "
                "is it the right file?"
            )
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for values in workbook.worksheets[0].iter_rows(values_only=True):
                row = [_cell_text(value) for value in values]
                size += sum(len(cell) + 1 for cell in row)
                if size > limit:
                    raise InputError(f"{path}: the {what}'s first sheet holds more than {limit // MIB} MiB of text")
                rows.append(row)
        finally:
            workbook.close()
    except InputError:
        raise
    except Exception as error:  # openpyxl and zipfile raise many kinds for a broken workbook
        raise InputError(f"{path}: {what} is not a workbook openpyxl can read ({type(error).__name__})") from None
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_bytes(path: Path, what: str, limit: int = FILE_LIMIT) -> bytes:
    """The bytes of the file at ``path``, after the checks above."""
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
    return data


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
    """TOML or JSON text as data; ``fix`` ends the message for bad syntax.

    Each parser is imported when a document of its kind is read (tomllib and json cost 1.5 to 2 ms
    of start-up each): every run imports this module, and most read no JSON, many no TOML.
    """
    try:
        return _toml(text, source, fix) if kind == "TOML" else _json(text, source, fix)
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"{source}: lists or tables nested too deeply to read: {fix}") from None
    except ValueError:  # the only other one the parsers raise: an integer too long to convert
        digits = sys.get_int_max_str_digits()
        raise InputError(f"{source}: a number has more than {digits} digits: {fix}") from None


def _toml(text: str, source: str, fix: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{source}: not valid TOML ({error}): {fix}") from None


def _json(text: str, source: str, fix: str) -> Any:
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{source}: not valid JSON (line {error.lineno}, column {error.colno}): {fix}") from None

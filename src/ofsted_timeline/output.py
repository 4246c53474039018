"""Write an output document to stdout or, atomically, to a file.

A file is written to a temporary file beside the target, flushed to disk, then renamed over
the target: a failure part-way (a full disk, an interrupt, an input error found while a
batch streams out) leaves the previous file whole and no half-written one behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

STDOUT = "-"


def write_output(target: str, data: bytes | Iterable[bytes], stdout: BinaryIO) -> None:
    """Write ``data`` (bytes, or pieces of it as they are made) to ``target``, a file path or
    ``-`` for ``stdout``. Pieces let a large batch stream out without being held whole."""
    pieces = [data] if isinstance(data, bytes) else data
    if target == STDOUT:
        for piece in pieces:
            stdout.write(piece)
        stdout.flush()
        return
    import tempfile  # about 1 ms of start-up, so only when writing a file

    path = Path(target)
    if path.is_symlink():  # replace the file the link points to, not the link
        path = path.resolve()
    folder = path.parent
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise InputError(f"cannot write {target}: {folder} {problem}: create the folder or choose another path")
    if path.is_dir():
        raise InputError(f"cannot write {target}: it is a folder: give a file name, e.g. {path / 'timeline.ics'}")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        reason = error.strerror or error
        raise InputError(f"cannot write {target}: {reason}: choose a folder you can write to") from None
    try:
        with os.fdopen(handle, "wb") as file:
            for piece in pieces:
                file.write(piece)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            reason = error.strerror or error
            raise InputError(f"cannot write {target}: {reason}: any previous file is left unchanged") from None
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (mkstemp's are owner-only)."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

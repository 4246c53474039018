"""Write an output document to stdout or to a file named by ``-o``.

A regular file is written to a temporary file beside it, flushed to disk, then renamed over
it: a failure part-way (a full disk, an interrupt, an input error found while a batch
streams out) leaves the previous file whole and no half-written one behind. The temporary
file is locked while it is written; one left by a killed run (``kill -9`` gives no chance to
remove it) is removed by the next run that writes the same target.

What ``-o`` will not do, each refused with one line before anything is written:

* replace a device, FIFO or socket: an existing one that is not a regular file is written
  to directly (``-o /dev/null`` stays a device, even for root); a socket is refused;
* replace a read-only file (root could, by renaming over it);
* follow a link to nothing: a link is followed to the file it points to, and a dangling one
  is refused rather than creating a file wherever it points;
* guess at ``-o ''`` or ``-o DIR/``: a file name is needed.

A replaced file keeps its permissions, and its owner and group as far as the process may set
them: root keeps both; another user keeps the group when a member of it.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .errors import InputError

if TYPE_CHECKING:
    import threading

STDOUT = "-"
TEMPORARY = ".oftl.tmp"  # ends the name of the temporary file beside the target
LOCKS = sys.platform != "win32"  # flock: without it, nothing is swept


def write_output(target: str, data: bytes | Iterable[bytes], stdout: BinaryIO) -> None:
    """Write ``data`` (bytes, or pieces of it as they are made) to ``target``, a file path or
    ``-`` for ``stdout``. Pieces let a large batch stream out without being held whole."""
    pieces = [data] if isinstance(data, bytes) else data
    if target == STDOUT:
        for piece in pieces:
            stdout.write(piece)
        stdout.flush()
        return
    try:
        path, mode = _destination(target)
    except OSError as error:
        raise InputError(f"cannot write {target}: {error.strerror or error}: choose another path") from None
    if mode is None:
        _write_directly(target, path, pieces)
    else:
        _replace(target, path, mode, pieces, _owner(path))


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, replacing whatever is there: a link
    itself, never the file it leads to. For the files oftl keeps for itself (the stored feed),
    where a link or device placed at the path must not redirect the write."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    kept = info if info is not None and stat.S_ISREG(info.st_mode) else None  # a file's mode and owner are kept
    mode = stat.S_IMODE(kept.st_mode) if kept else _new_file_mode()
    _replace(str(path), path, mode, [data], (kept.st_uid, kept.st_gid) if kept else None)


def _destination(target: str) -> tuple[Path, int | None]:
    """The file to write (a link followed) and the permissions to give it, or None for a
    device or FIFO, which is written to directly."""
    if not target:
        raise InputError("-o is empty: give a file name, or '-' for the terminal")
    if target.endswith(("/", os.sep)):
        raise InputError(f"cannot write {target}: it ends with '/', so it names a folder: give a file name after it")
    path = Path(target)
    try:
        info: os.stat_result | None = path.stat()  # through any link: /dev/stdout's leads to a pipe
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        info = None
    if info is None and path.is_symlink():
        raise InputError(
            f"cannot write {target}: it is a link to {os.readlink(path)}, which does not exist: "
            "remove the link or choose another path"
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"cannot write {target}: it is a folder: give a file name, e.g. {path / 'timeline.ics'}")
        if stat.S_ISSOCK(info.st_mode):
            raise InputError(f"cannot write {target}: it is a socket, not a file: choose another path")
        return path, None
    if path.is_symlink():  # a regular file: replaced where it is, and the link kept
        path = path.resolve()
    folder = path.parent
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise InputError(f"cannot write {target}: {folder} {problem}: create the folder or choose another path")
    if info is None:
        return path, _new_file_mode()
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise InputError(f"cannot write {target}: the file is read-only: make it writable or choose another path")
    return path, stat.S_IMODE(info.st_mode)  # an existing file keeps its permissions


def _new_file_mode() -> int:
    """The usual permissions of a new file (mkstemp's are owner-only)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _owner(path: Path) -> tuple[int, int] | None:
    """The owner and group of the file at ``path``, or None when there is none yet."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_uid, info.st_gid


def _write_directly(target: str, path: Path, pieces: Iterable[bytes]) -> None:
    """A device or FIFO: opened and written like the shell's ``>`` (a FIFO waits for its reader)."""
    try:
        with open(path, "wb", buffering=0) as file:
            for piece in pieces:
                file.write(piece)
    except OSError as error:
        raise InputError(f"cannot write {target}: {error.strerror or error}") from None


def _replace(target: str, path: Path, mode: int, pieces: Iterable[bytes], owner: tuple[int, int] | None = None) -> None:
    """Write a temporary file beside ``path`` and rename it over ``path`` when it is whole,
    with ``mode`` and, as far as this process may set them, the file's ``owner`` and group."""
    try:
        _sweep(path)
        handle, temporary = _temporary(path)
    except OSError as error:
        reason = error.strerror or error
        raise InputError(f"cannot write {target}: {reason}: choose a folder you can write to") from None
    try:
        with os.fdopen(handle, "wb") as file:
            _write_back(file, pieces)
            os.fsync(file.fileno())
            if owner is not None:
                _keep_owner(file.fileno(), *owner)
            os.fchmod(file.fileno(), mode)  # after the owner: a change of owner clears set-id bits
            os.replace(temporary, path)  # before the file closes, while still locked
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            reason = error.strerror or error
            raise InputError(f"cannot write {target}: {reason}: any previous file is left unchanged") from None
        raise


WRITE_BACK = 16 << 20  # bytes: how much is written before the disk is asked to start on it


def _write_back(file: BinaryIO, pieces: Iterable[bytes]) -> None:
    """Write the pieces and flush them, asking the disk to start on every ``WRITE_BACK`` bytes
    as they are written (on Linux, ``POSIX_FADV_DONTNEED`` starts writing dirty pages back) and
    syncing what is written so far in the background, one sync at a time: the fsync at the end
    then commits the last few megabytes, not a whole batch's hundreds (for 263 MB, 0.01 s
    instead of 0.2). A sync's error is raised here, as the fsync's would be."""
    advise = getattr(os, "posix_fadvise", None)
    written = advised = 0
    syncing = _Syncing(file.fileno())
    try:
        for piece in pieces:
            written += file.write(piece)
            if advise is not None and written - advised >= WRITE_BACK:
                file.flush()
                advise(file.fileno(), advised, written - advised, os.POSIX_FADV_DONTNEED)
                advised = written
                syncing.start()
        file.flush()
    finally:
        error = syncing.wait()  # also when the write failed: no sync outlives the file
    if error is not None:
        raise error


class _Syncing:
    """``fdatasync`` of a file being written, in a background thread, one at a time."""

    def __init__(self, handle: int) -> None:
        self._handle = handle
        self._thread: threading.Thread | None = None
        self._error: OSError | None = None

    def start(self) -> None:
        """Sync what is written so far, unless a sync is still running."""
        if self._thread is not None and self._thread.is_alive():
            return
        import threading  # only for a file of more than WRITE_BACK bytes

        self._thread = threading.Thread(target=self._sync, name="sync-output", daemon=True)
        self._thread.start()

    def _sync(self) -> None:
        try:
            getattr(os, "fdatasync", os.fsync)(self._handle)  # macOS has fsync only
        except OSError as error:
            self._error = self._error or error

    def wait(self) -> OSError | None:
        """Wait for the running sync; the first error any sync met, or None."""
        if self._thread is not None:
            self._thread.join()
        return self._error


def _keep_owner(handle: int, uid: int, gid: int) -> None:
    """Give the new file the replaced one's owner and group (root may), else its group (a
    member of the group may), else leave the writer's."""
    info = os.fstat(handle)
    if (info.st_uid, info.st_gid) == (uid, gid):
        return
    for wanted in ((uid, gid), (-1, gid)):
        try:
            os.fchown(handle, *wanted)
            return
        except PermissionError:
            continue


def _temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, locked for as long as this process holds it."""
    import tempfile  # about 1 ms of start-up, so only when writing a file

    while True:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY)
        _lock(handle, wait=True)
        if not LOCKS or os.fstat(handle).st_nlink:  # not swept away between its creation and the lock
            return handle, temporary
        os.close(handle)


def _sweep(path: Path) -> None:
    """Remove the temporary files of earlier runs to ``path`` that nobody holds any more:
    a run killed while writing leaves one (a large batch, hundreds of megabytes)."""
    if not LOCKS:
        return
    prefix = f".{path.name}."
    for entry in os.scandir(path.parent):
        if not (entry.name.startswith(prefix) and entry.name.endswith(TEMPORARY)):
            continue
        try:
            handle = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            if _lock(handle, wait=False):
                os.unlink(entry.path)
        except OSError:
            pass
        finally:
            os.close(handle)


def _lock(handle: int, wait: bool) -> bool:
    """An exclusive lock on an open file, held until it closes or the process ends: True when
    taken, False when another process holds it (and not ``wait``) or there are no locks."""
    if not LOCKS:
        return False
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True

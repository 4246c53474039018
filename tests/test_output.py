"""--output: files are replaced whole or not at all, and every failure is one line with exit 2."""

import errno
import os
import stat
import tempfile

import pytest

from ofsted_timeline import output
from ofsted_timeline.errors import InputError

from .conftest import run

BARNET = ["deadlines", "--received", "2017-07-07", "--as-of", "2017-09-01"]


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("oftl: error: "), result.output
    return lines[0]


def test_output_file_matches_stdout(tmp_path):
    target = tmp_path / "barnet.ics"
    result = run(*BARNET, "--format", "ics", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_bytes() == run(*BARNET, "--format", "ics").stdout_bytes
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("t.ics", b"BEGIN:VCALENDAR"),
        ("t.csv", b"authority,"),
        ("t.md", b"## "),
        ("t.JSON", b"{"),
        ("t.txt", b"Report received"),
    ],
)
def test_format_follows_the_file_extension(tmp_path, name, starts):
    target = tmp_path / name
    assert run(*BARNET, "-o", str(target)).exit_code == 0
    assert target.read_bytes().startswith(starts)


def test_explicit_format_wins_over_the_extension(tmp_path):
    target = tmp_path / "t.ics"
    assert run(*BARNET, "-o", str(target), "--format", "json").exit_code == 0
    assert target.read_bytes().startswith(b"{")


def test_table_in_a_file_has_no_colour_codes(tmp_path):
    target = tmp_path / "t.txt"
    assert run(*BARNET, "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "\x1b[" not in text and "Mon 16 Oct 2017" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_other_commands_write_files_too(tmp_path):
    for args, name in (
        (["rules", "-f", "json"], "r.json"),
        (["holidays", "2017"], "h.txt"),
        (["explain", "wsoa", *BARNET[1:]], "e.txt"),
    ):
        target = tmp_path / name
        assert run(*args, "-o", str(target)).exit_code == 0
        assert target.stat().st_size > 0


def test_new_file_gets_the_usual_permissions(tmp_path):
    target = tmp_path / "t.json"
    umask = os.umask(0o022)
    try:
        assert run(*BARNET, "-o", str(target)).exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_replacing_keeps_the_permissions(tmp_path):
    target = tmp_path / "t.json"
    target.write_text("old")
    target.chmod(0o600)
    assert run(*BARNET, "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text().startswith("{")


def test_missing_folder(tmp_path):
    line = one_line_error(run(*BARNET, "-o", str(tmp_path / "nope" / "t.ics")))
    folder = tmp_path / "nope"
    fix = "create the folder or choose another path"
    assert line == f"oftl: error: cannot write {folder}/t.ics: {folder} does not exist: {fix}"


def test_folder_as_target(tmp_path):
    line = one_line_error(run(*BARNET, "-o", str(tmp_path)))
    assert "it is a folder: give a file name" in line


def test_parent_is_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    line = one_line_error(run(*BARNET, "-o", str(tmp_path / "file" / "t.ics")))
    assert line.endswith("file is not a folder: create the folder or choose another path")


def test_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "t.ics"
    target.write_bytes(b"previous calendar")

    def disk_full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", disk_full)
    line = one_line_error(run(*BARNET, "--format", "ics", "-o", str(target)))
    assert line.endswith("No space left on device: any previous file is left unchanged")
    assert target.read_bytes() == b"previous calendar"
    assert list(tmp_path.iterdir()) == [target]


def test_a_large_file_is_handed_to_the_disk_as_it_is_written(tmp_path, monkeypatch):
    """Every WRITE_BACK bytes written, the disk is asked to start on them (the final fsync then
    waits for the rest only): ranges one after the other, each written in full before it is
    advised, and the file whole, the pieces in order."""
    if not hasattr(os, "posix_fadvise"):
        pytest.skip("no posix_fadvise here: the file is written and synced whole, as before")
    target = tmp_path / "batch.json"
    advised: list[tuple[int, int, int]] = []

    def advise(fd: int, offset: int, length: int, advice: int) -> None:
        assert os.fstat(fd).st_size >= offset + length  # written (flushed) before it is advised
        advised.append((offset, length, advice))

    monkeypatch.setattr(output, "WRITE_BACK", 1000)
    monkeypatch.setattr(output.os, "posix_fadvise", advise)
    pieces = [bytes([65 + number % 26]) * (300 + number) for number in range(40)]
    output.write_output(str(target), iter(pieces), None)  # type: ignore[arg-type]
    assert target.read_bytes() == b"".join(pieces)
    assert advised and all(advice == os.POSIX_FADV_DONTNEED for _, _, advice in advised)
    assert [offset for offset, _, _ in advised] == [0] + [sum(advised[k][:2]) for k in range(len(advised) - 1)]
    assert all(length >= 1000 for _, length, _ in advised)
    assert sum(length for _, length, _ in advised) > len(b"".join(pieces)) - 1000 - max(map(len, pieces))


def test_a_large_file_is_synced_as_it_is_written_and_a_failed_sync_is_an_error(tmp_path, monkeypatch):
    """Every WRITE_BACK bytes, what is written so far is synced in the background (so that the
    fsync at the end has little left to commit); a sync that fails fails the write as the fsync
    would, with the previous file left whole and no temporary file."""
    if not hasattr(os, "posix_fadvise"):
        pytest.skip("no posix_fadvise here: the file is written and synced whole, as before")
    sync = "fdatasync" if hasattr(os, "fdatasync") else "fsync"
    synced: list[int] = []
    real = getattr(os, sync)

    def counted(fd: int) -> None:
        synced.append(os.fstat(fd).st_size)
        real(fd)

    monkeypatch.setattr(output, "WRITE_BACK", 1000)
    monkeypatch.setattr(output.os, sync, counted)
    pieces = [bytes([65 + number % 26]) * 700 for number in range(30)]
    target = tmp_path / "batch.json"
    output.write_output(str(target), iter(pieces), None)  # type: ignore[arg-type]
    assert target.read_bytes() == b"".join(pieces)
    assert synced and all(0 < size <= 30 * 700 for size in synced)

    def failed(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    target.write_bytes(b"previous batch")
    monkeypatch.setattr(output.os, sync, failed)
    with pytest.raises(InputError, match="Input/output error: any previous file is left unchanged"):
        output.write_output(str(target), iter(pieces), None)  # type: ignore[arg-type]
    assert target.read_bytes() == b"previous batch"
    assert list(tmp_path.iterdir()) == [target]


def test_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "t.ics"

    def interrupted(_src, _dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_output(str(target), b"data", None)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder(tmp_path, monkeypatch):
    def refused(**_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    line = one_line_error(run(*BARNET, "-o", str(tmp_path / "t.ics")))
    assert line.endswith("t.ics: Permission denied: choose a folder you can write to")


def test_a_link_keeps_pointing_at_the_new_file(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run(*BARNET, "-o", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("{")


def test_the_console_script_ends_with_every_output_whole(tmp_path):
    """A successful run ends without the interpreter's teardown (``cli.finish``): what it wrote
    to a pipe, to a file as stdout and to a file named by -o is whole, and the same; a batch
    several times a pipe's buffer (64 KiB), and large enough for worker processes (whose parts
    come back encoded), shows a lost tail."""
    import json
    import subprocess
    import sys

    batch = tmp_path / "many.csv"
    rows = [f"Barnet,{2017 + n % 5}-0{1 + n % 9}-{10 + n % 18}" for n in range(600)]
    batch.write_text("authority,received\n" + "\n".join(rows) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "ofsted_timeline", "batch", str(batch), "--as-of", "2020-01-01", "-f", "json"]
    piped = subprocess.run(command, capture_output=True, check=True)
    with open(tmp_path / "redirected.json", "wb") as stdout:
        subprocess.run(command, stdout=stdout, check=True)
    subprocess.run([*command, "-o", str(tmp_path / "named.json")], check=True)
    assert len(piped.stdout) > 10 * 65536
    assert (tmp_path / "redirected.json").read_bytes() == piped.stdout == (tmp_path / "named.json").read_bytes()
    assert len(json.loads(piped.stdout)["timelines"]) == 600
    small = subprocess.run([sys.executable, "-m", "ofsted_timeline", *BARNET, "--format", "csv"], capture_output=True)
    assert small.returncode == 0 and small.stdout == run(*BARNET, "--format", "csv").stdout_bytes

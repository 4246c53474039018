"""gov.uk's bank-holiday feed, fetched on request and stored for every later run.

``oftl holidays --update`` fetches ``bank-holidays.json`` (``fetch``), validates it
(``validate``) and stores it whole or not at all (``store``) as ``bank-holidays.json`` in the
user's data folder: ``$XDG_DATA_HOME/ofsted-timeline/``, or ``~/.local/share/ofsted-timeline/``
when ``XDG_DATA_HOME`` is unset, empty or relative (the XDG Base Directory rule). Every later
run reads it (``stored``) and adds its holidays to the bundled data; no other run touches the
network. A stored feed that cannot be read or is invalid is an InputError (one line, exit 2)
saying how to fix it, never passed over in silence.

The fetch gives up when the server leaves it waiting ``TIMEOUT`` seconds (10) for a connection
or for data, and when the whole fetch has taken longer than that (checked as the body
arrives); it refuses a body of more than ``SIZE_LIMIT`` bytes (1 MiB), reading at most one
byte more. Only
http and https URLs are fetched. The day of the fetch is given by the caller (the shell reads
the clock). This module is outside the pure core, which never imports it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from .calendar import EARLIEST_YEAR, LATEST_YEAR, REGULAR_HOLIDAYS
from .dates import format_day
from .errors import InputError
from .escape import first_control
from .govuk import DIVISION, parse_bank_holidays
from .reading import FILE_LIMIT, MIB, parse_document, read_text

DEFAULT_URL = "https://www.gov.uk/bank-holidays.json"
TIMEOUT = 10.0  # seconds: any one wait on the network, and the whole fetch (checked between reads)
SIZE_LIMIT = MIB  # gov.uk's file is about 20 KB for all three divisions
FOLDER = "ofsted-timeline"
FILE_NAME = "bank-holidays.json"
META = "oftl"  # the stored file's own key beside gov.uk's "england-and-wales"
CHUNK = 64 * 1024
FIX = "it is the feed `oftl holidays --update` stored: run that again, or delete the file"


class Feed(NamedTuple):
    """A stored feed: where it is, where it came from, the day it was fetched, its holidays."""

    path: Path
    url: str
    fetched: dt.date
    holidays: dict[dt.date, str]

    @property
    def name(self) -> str:
        """How the calendar line names it: ``gov.uk feed fetched Thu 26 Nov 2026``."""
        origin = "gov.uk feed" if self.url == DEFAULT_URL else f"bank-holiday feed {self.url}"
        return f"{origin} fetched {format_day(self.fetched)}"

    @property
    def years(self) -> tuple[int, int]:
        return min(self.holidays).year, max(self.holidays).year


def feed_path(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where the feed is stored; None when there is no home folder to put it in."""
    data_home = environ.get("XDG_DATA_HOME", "")
    if data_home and os.path.isabs(data_home):
        return Path(data_home) / FOLDER / FILE_NAME
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no HOME and no password entry
        return None
    return home / ".local" / "share" / FOLDER / FILE_NAME


def fetch(url: str, timeout: float = TIMEOUT, limit: int = SIZE_LIMIT) -> bytes:
    """The body of ``url``, or an InputError naming what went wrong (HTTP status, no answer
    within ``timeout`` seconds, more than ``limit`` bytes, no connection)."""
    import http.client
    import urllib.error
    import urllib.parse
    import urllib.request

    from . import __version__

    if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
        raise InputError(f"cannot fetch {url}: give an http:// or https:// URL, e.g. {DEFAULT_URL}")
    request = urllib.request.Request(url, headers={"User-Agent": f"oftl/{__version__}", "Accept": "application/json"})
    deadline = time.monotonic() + timeout
    too_large = InputError(f"{url} sent more than {_size(limit)}, the limit for a bank-holiday feed: check the URL")
    no_answer = InputError(f"cannot fetch {url}: no complete answer within {timeout:g} s: try again later")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if response.status != 200:
                raise InputError(f"cannot fetch {url}: HTTP {response.status} {response.reason}: check the URL")
            length = response.headers.get("Content-Length", "")
            if length.strip().isdigit() and int(length) > limit:
                raise too_large
            chunks: list[bytes] = []
            size = 0
            while size <= limit:
                if time.monotonic() > deadline:
                    raise no_answer
                chunk = response.read1(min(CHUNK, limit + 1 - size))  # what has come, not a full CHUNK
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except InputError:
        raise
    except urllib.error.HTTPError as error:
        error.close()
        raise InputError(f"cannot fetch {url}: HTTP {error.code} {error.reason}: check the URL") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise no_answer from None
        reason = getattr(error.reason, "strerror", None) or error.reason
        raise InputError(f"cannot fetch {url}: {reason}: check the URL and the network connection") from None
    except TimeoutError:
        raise no_answer from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        reason = getattr(error, "strerror", None) or error.__class__.__name__
        raise InputError(f"cannot fetch {url}: {reason}: try again later") from None
    if size > limit:
        raise too_large
    return b"".join(chunks)


def validate(text: str, source: str) -> dict[dt.date, str]:
    """The England-and-Wales holidays of a feed, checked beyond ``parse_bank_holidays``: its
    years inside the calendar's, no year missing inside its span, and every year but the first
    and the last with at least the eight bank holidays England and Wales have every year."""
    found = parse_bank_holidays(text, source)
    per_year: dict[int, int] = {}
    for day in found:
        per_year[day.year] = per_year.get(day.year, 0) + 1
    first, last = min(per_year), max(per_year)
    if first < EARLIEST_YEAR or last > LATEST_YEAR:
        raise InputError(
            f"{source}: lists holidays for {first}–{last}, outside {EARLIEST_YEAR}–{LATEST_YEAR}, "
            "the years oftl counts: is it the right feed?"
        )
    missing = [year for year in range(first, last + 1) if year not in per_year]
    if missing:
        raise InputError(
            f"{source}: no {DIVISION} holidays for {', '.join(map(str, missing))}, inside the "
            f"{first}–{last} it covers: the feed is incomplete, try again later"
        )
    for year in range(first + 1, last):
        if per_year[year] < REGULAR_HOLIDAYS:
            raise InputError(
                f"{source}: only {per_year[year]} {DIVISION} holidays for {year}, which has at least "
                f"{REGULAR_HOLIDAYS}: the feed is incomplete, try again later"
            )
    return found


def decode(body: bytes, source: str) -> str:
    try:
        return body.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise InputError(f"{source}: not UTF-8 text: is it the right URL?") from None


def store(text: str, url: str, fetched: dt.date, path: Path) -> Feed:
    """Validate a fetched feed and store it at ``path``, replacing any earlier one whole.

    The stored file is gov.uk's England-and-Wales division as fetched, plus an ``oftl`` key
    with the URL and the day of the fetch: it stays a valid ``--holidays-file``.
    """
    from .output import write_output

    holidays = validate(text, url)
    division = parse_document(text, url, "JSON", "")[DIVISION]
    document = {META: {"fetched": fetched.isoformat(), "url": url, "stored by": "oftl holidays --update"}}
    document[DIVISION] = division
    data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if len(data) > FILE_LIMIT:  # every run reads it back with the holidays file's limit
        data = (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    if len(data) > FILE_LIMIT:
        raise InputError(f"{url}: its England and Wales list is larger than {_size(FILE_LIMIT)}: check the URL")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            f"cannot create {path.parent}: {error.strerror or error}: set XDG_DATA_HOME to a folder you can write to"
        ) from None
    write_output(str(path), data, io.BytesIO())  # a file path, never stdout
    return Feed(path, url, fetched, holidays)


def stored(environ: Mapping[str, str] = os.environ) -> Feed | None:
    """The feed stored by ``--update``, or None when none is; InputError when it is unusable."""
    path = feed_path(environ)
    if path is None:
        return None
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise _unusable(f"cannot look at {path}: {error.strerror or error}") from None
    try:
        text = read_text(path, "stored bank-holiday feed")
        holidays = validate(text, str(path))
        meta = parse_document(text, str(path), "JSON", "").get(META)
        fetched_text = meta.get("fetched") if isinstance(meta, dict) else None
        url = meta.get("url") if isinstance(meta, dict) else None
        if not isinstance(fetched_text, str) or not isinstance(url, str) or first_control(url) is not None:
            raise InputError(f'{path}: no "{META}": {{"fetched": "YYYY-MM-DD", "url": ...}} saying where it came from')
        try:
            fetched = dt.date.fromisoformat(fetched_text)
        except ValueError:
            raise InputError(f"{path}: its fetch day {fetched_text!r} is not a YYYY-MM-DD date") from None
    except InputError as error:
        raise _unusable(str(error)) from None
    return Feed(path, url, fetched, holidays)


def _unusable(problem: str) -> InputError:
    return InputError(f"{problem}; {FIX}")


def _size(limit: int) -> str:
    return f"{limit // MIB} MiB" if limit % MIB == 0 else f"{limit:,} bytes"

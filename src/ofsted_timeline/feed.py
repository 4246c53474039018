"""gov.uk's bank-holiday feed, fetched on request and stored for every later run.

``oftl holidays --update`` fetches ``bank-holidays.json`` (``fetch``), validates it
(``validate``) and stores it whole or not at all (``store``) as ``bank-holidays.json`` in the
user's data folder: ``$XDG_DATA_HOME/ofsted-timeline/``, or ``~/.local/share/ofsted-timeline/``
when ``XDG_DATA_HOME`` is unset, empty or relative (the XDG Base Directory rule). Every later
run reads it (``stored``) and adds its holidays to the bundled data; no other run touches the
network. A stored feed that cannot be read or is invalid is an InputError (one line, exit 2)
saying how to fix it, never passed over in silence.

The whole fetch (name lookup, connection, redirects, headers, body) must end within
``TIMEOUT`` seconds (10): it runs in a thread that is given up on then, so a server sending a
header line every few seconds cannot hold it. It refuses a body of more than ``SIZE_LIMIT``
bytes (1 MiB), reading at most one byte more. Only http and https URLs are fetched, and
followed through at most ``MOST_REDIRECTS`` redirects (5), each to http or https again. What
is stored and shown of the URL is its ``origin``: no user name or password, query or fragment,
which may hold a token. The feed itself must look like gov.uk's: dates as YYYY-MM-DD, years
from ``YEARS_BEFORE`` (20) before the fetch to ``YEARS_AFTER`` (5) after it, and at most
``MOST_HOLIDAYS`` (12) holidays in a year. The day of the fetch is given by the caller (the
shell reads the clock). This module is outside the pure core, which never imports it.
A run imports it only when ``feed_file`` finds something where the feed is kept: most find
nothing. What reads or writes one (gov.uk's format, json) is imported by the functions that do.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .calendar import EARLIEST_YEAR, LATEST_YEAR, REGULAR_HOLIDAYS
from .dates import format_day
from .errors import InputError
from .escape import first_control
from .feed_file import ABSENT, feed_path
from .reading import FILE_LIMIT, MIB, parse_document, read_text

if TYPE_CHECKING:
    import urllib.request

DEFAULT_URL = "https://www.gov.uk/bank-holidays.json"
TIMEOUT = 10.0  # seconds: any one wait on the network, and the whole fetch
MOST_REDIRECTS = 5
# A year of England and Wales has 8 bank holidays; with substitute days and one-offs never more
# than 12 since 1972 (10 weekdays at most: 2022). gov.uk lists about six years back, two ahead.
MOST_HOLIDAYS = 12
YEARS_BEFORE, YEARS_AFTER = 20, 5  # the years a feed may list, around the year it is fetched
SIZE_LIMIT = MIB  # gov.uk's file is about 20 KB for all three divisions
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


def origin(url: str) -> str:
    """``url`` as stored and shown: scheme, host, port and path, without a user name or
    password, query or fragment (a token there would reach every later export). InputError
    unless it is an http or https URL in plain ASCII text with a host."""
    import urllib.parse

    if (control := first_control(url)) is not None:
        raise InputError(f"the URL has a control character ({control}): give it as plain text")
    if " " in url:
        raise InputError("the URL has a space: write it as %20")
    if not url:
        raise InputError(f"the URL is empty: give an http:// or https:// URL, e.g. {DEFAULT_URL}")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError as error:
        raise InputError(f"cannot fetch {url}: it is not a URL ({error}): check it") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"cannot fetch {url}: give an http:// or https:// URL, e.g. {DEFAULT_URL}")
    if not url.isascii():
        raise InputError(f"cannot fetch {url}: write its non-ASCII characters %-encoded")
    if not parts.hostname:
        raise InputError(f"cannot fetch {url}: it names no host: give e.g. {DEFAULT_URL}")
    host = parts.netloc.rpartition("@")[2]
    shown = urllib.parse.urlunsplit((parts.scheme.lower(), host, parts.path, "", ""))
    if "@" in parts.netloc:  # urllib would send it as part of the host name, and a redirect elsewhere
        raise InputError(f"cannot fetch {shown}: it has a user name or password, which oftl does not send")
    return shown


def fetch(url: str, timeout: float = TIMEOUT, limit: int = SIZE_LIMIT) -> bytes:
    """The body of ``url``, or an InputError naming what went wrong (HTTP status, no complete
    answer within ``timeout`` seconds, more than ``limit`` bytes, no connection, a redirect
    elsewhere than http or https). Messages name the URL's ``origin``, never its query."""
    import threading

    shown = origin(url)
    outcome: list[bytes | BaseException] = []

    def attempt() -> None:
        try:
            outcome.append(_fetch(url, shown, timeout, limit))
        except BaseException as error:  # handed to the caller's thread, raised there
            outcome.append(error)

    worker = threading.Thread(target=attempt, name="oftl-fetch", daemon=True)
    worker.start()
    worker.join(timeout)  # a server that keeps sending slowly is left behind, never waited for
    if not outcome:
        raise _no_answer(shown, timeout)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _fetch(url: str, shown: str, timeout: float, limit: int) -> bytes:
    import http.client
    import urllib.error
    import urllib.request

    from . import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"oftl/{__version__}", "Accept": "application/json"})
    too_large = InputError(f"{shown} sent more than {_size(limit)}, the limit for a bank-holiday feed: check the URL")
    opener = urllib.request.build_opener(_redirects(shown))
    try:
        with opener.open(request, timeout=timeout) as response:
            if response.status != 200:
                raise InputError(f"cannot fetch {shown}: HTTP {response.status} {response.reason}: check the URL")
            length = response.headers.get("Content-Length", "")
            if length.strip().isdigit() and int(length) > limit:
                raise too_large
            chunks: list[bytes] = []
            size = 0
            while size <= limit:
                chunk = response.read1(min(CHUNK, limit + 1 - size))  # what has come, not a full CHUNK
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except InputError:
        raise
    except urllib.error.HTTPError as error:
        error.close()
        raise InputError(f"cannot fetch {shown}: HTTP {error.code} {error.reason}: check the URL") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _no_answer(shown, timeout) from None
        reason = getattr(error.reason, "strerror", None) or error.reason
        raise InputError(f"cannot fetch {shown}: {reason}: check the URL and the network connection") from None
    except TimeoutError:
        raise _no_answer(shown, timeout) from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        reason = getattr(error, "strerror", None) or error.__class__.__name__
        raise InputError(f"cannot fetch {shown}: {reason}: try again later") from None
    if size > limit:
        raise too_large
    return b"".join(chunks)


def _redirects(shown: str) -> urllib.request.BaseHandler:
    """A redirect handler that follows at most ``MOST_REDIRECTS``, each to http or https."""
    import urllib.parse
    import urllib.request

    class Redirects(urllib.request.HTTPRedirectHandler):
        followed = 0
        max_repeats = max_redirections = MOST_REDIRECTS + 1  # the count below speaks first

        def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
            target = urllib.parse.urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
            self.followed += 1
            try:
                origin(target)
            except InputError:
                fp.close()
                scheme = urllib.parse.urlsplit(target).scheme or "?"
                raise InputError(
                    f"cannot fetch {shown}: it redirects to a {scheme}: URL, and only http:// and https:// "
                    "are followed: check the URL"
                ) from None
            if self.followed > MOST_REDIRECTS:
                fp.close()
                raise InputError(f"cannot fetch {shown}: more than {MOST_REDIRECTS} redirects: check the URL")
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return Redirects()


def _no_answer(shown: str, timeout: float) -> InputError:
    return InputError(f"cannot fetch {shown}: no complete answer within {timeout:g} s: try again later")


def validate(text: str, source: str, fetched: dt.date) -> dict[dt.date, str]:
    """The England-and-Wales holidays of a feed fetched on ``fetched``, checked beyond
    ``parse_bank_holidays``: its years near the fetch's (``YEARS_BEFORE``, ``YEARS_AFTER``) and
    inside the calendar's, no year missing inside its span, every year but the first and the
    last with at least the eight bank holidays England and Wales have every year, and none
    with more than ``MOST_HOLIDAYS``."""
    from .govuk import DIVISION, parse_bank_holidays

    found = parse_bank_holidays(text, source)
    per_year: dict[int, int] = {}
    for day in found:
        per_year[day.year] = per_year.get(day.year, 0) + 1
    first, last = min(per_year), max(per_year)
    earliest, latest = max(EARLIEST_YEAR, fetched.year - YEARS_BEFORE), min(LATEST_YEAR, fetched.year + YEARS_AFTER)
    if first < earliest or last > latest:
        raise InputError(
            f"{source}: lists holidays for {first}–{last}; a feed fetched in {fetched.year} may list "
            f"{earliest}–{latest} only: is it the right feed?"
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
    crowded = next((year for year in sorted(per_year) if per_year[year] > MOST_HOLIDAYS), None)
    if crowded is not None:
        raise InputError(
            f"{source}: {per_year[crowded]} {DIVISION} holidays for {crowded}, where a year has had at most "
            f"{MOST_HOLIDAYS}: is it the right feed?"
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
    with the URL's ``origin`` and the day of the fetch: it stays a valid ``--holidays-file``.
    It is read back with every later run's checks before it is written, and written as a new
    file renamed over whatever is at ``path`` (a link is replaced, never written through).
    """
    import json

    from .govuk import DIVISION
    from .output import replace_file

    shown = origin(url)
    validate(text, shown, fetched)
    division = parse_document(text, shown, "JSON", "")[DIVISION]
    document = {META: {"fetched": fetched.isoformat(), "url": shown, "stored by": "oftl holidays --update"}}
    document[DIVISION] = division
    stored_text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        data = stored_text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{shown}: it holds text that is not Unicode (a lone surrogate): check the URL") from None
    if len(data) > FILE_LIMIT:  # every run reads it back with the holidays file's limit
        stored_text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
        data = stored_text.encode("utf-8")
    if len(data) > FILE_LIMIT:
        raise InputError(f"{shown}: its England and Wales list is larger than {_size(FILE_LIMIT)}: check the URL")
    feed = _read_back(stored_text, path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            f"cannot create {path.parent}: {error.strerror or error}: set XDG_DATA_HOME to a folder you can write to"
        ) from None
    replace_file(path, data)
    return feed


def stored(environ: Mapping[str, str] = os.environ) -> Feed | None:
    """The feed stored by ``--update``, or None when none is; InputError when it is unusable."""
    import stat

    path = feed_path(environ)
    if path is None:
        return None
    try:
        info = os.lstat(path)
    except ABSENT:
        return None
    except OSError as error:
        raise _unusable(f"cannot look at {path}: {error.strerror or error}") from None
    try:
        if stat.S_ISLNK(info.st_mode):  # --update writes a file there, never a link
            raise InputError(f"{path} is a link to {os.readlink(path)}, not the file oftl stored")
        return _read_back(read_text(path, "stored bank-holiday feed"), path)
    except InputError as error:
        raise _unusable(str(error)) from None


def _read_back(text: str, path: Path) -> Feed:
    """A stored feed's text as a Feed, with every check a later run makes."""
    data = parse_document(text, str(path), "JSON", "use gov.uk's bank-holidays.json format")
    meta = data.get(META) if isinstance(data, dict) else None
    fetched_text = meta.get("fetched") if isinstance(meta, dict) else None
    url = meta.get("url") if isinstance(meta, dict) else None
    if not isinstance(fetched_text, str) or not isinstance(url, str) or first_control(url) is not None:
        raise InputError(f'{path}: no "{META}": {{"fetched": "YYYY-MM-DD", "url": ...}} saying where it came from')
    try:
        fetched = dt.date.fromisoformat(fetched_text)
    except ValueError:
        raise InputError(f"{path}: its fetch day {fetched_text!r} is not a YYYY-MM-DD date") from None
    holidays = validate(text, str(path), fetched)
    return Feed(path, origin(url), fetched, holidays)


def _unusable(problem: str) -> InputError:
    return InputError(f"{problem}; {FIX}")


def _size(limit: int) -> str:
    return f"{limit // MIB} MiB" if limit % MIB == 0 else f"{limit:,} bytes"

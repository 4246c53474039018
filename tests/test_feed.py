"""``oftl holidays --update``: gov.uk's bank holidays fetched from a loopback HTTP server,
checked, stored in the data folder, and counted by every later run.

The server listens on 127.0.0.1 on a port the system picks, in a thread of this process;
nothing here reaches any other address. ``feed.TIMEOUT`` is shortened so that the server
that never answers costs half a second.
"""

import contextlib
import datetime as dt
import json
import pathlib
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from ofsted_timeline import feed, feed_file
from ofsted_timeline.calendar import england_and_wales
from ofsted_timeline.cli import app
from ofsted_timeline.dates import format_day

SHORT_TIMEOUT = 0.5
EXTRA = {"title": "Extra bank holiday", "date": "2023-06-05", "notes": "", "bunting": True}
RUNNER = CliRunner()


def govuk(years, extra: tuple[dict, ...] = (), keep=lambda day: True) -> bytes:
    """A feed in gov.uk's shape: weekday holidays only, as gov.uk lists a weekend one by its substitute."""
    calendar = england_and_wales()
    events = [
        {"title": name, "date": day.isoformat(), "notes": "", "bunting": True}
        for year in years
        for day, name in calendar.holidays(year)
        if day.weekday() < 5 and keep(day)
    ]
    division = {"division": "england-and-wales", "events": [*events, *extra]}
    scotland = {"division": "scotland", "events": []}
    return json.dumps({"england-and-wales": division, "scotland": scotland}).encode()


GOOD = govuk(range(2022, 2025), (EXTRA,))
PLAIN = govuk(range(2022, 2025))
PADDED = GOOD + b" " * feed.SIZE_LIMIT  # valid JSON, one MiB too long
ROUTES = {
    "/good.json": GOOD,
    "/plain.json": PLAIN,
    "/malformed.json": b'{"england-and-wales": {"events": [',
    "/dropped-year.json": govuk([2022, 2024]),
    "/short-year.json": govuk(range(2022, 2025), keep=lambda day: day.year != 2023 or day.month < 6),  # 6 of 9
    "/not-utf8.json": b'{"england-and-wales": {"events": [{"title": "\xff", "date": "2023-06-05"}]}}',
    "/wrong-shape.json": b'{"scotland": {"events": []}}',
    # Under 1 MiB as sent, over it once indented: stored without the indentation, still readable.
    "/dense.json": json.dumps(
        {"england-and-wales": {"events": json.loads(PLAIN)["england-and-wales"]["events"] * 500}},
        separators=(",", ":"),
    ).encode(),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/never":  # accepts the connection, then never answers
            self.server.release.wait(10)  # type: ignore[attr-defined]
            return
        if self.path in ("/big.json", "/big-unsized.json"):
            self.send_response(200)
            if self.path == "/big.json":
                self.send_header("Content-Length", str(len(PADDED)))
            self.end_headers()  # without Content-Length, the body ends when the connection closes
            with contextlib.suppress(OSError):  # the client stops reading at the limit
                self.wfile.write(PADDED)
            return
        if self.path == "/trickle.json":  # one byte every 0.1 s: each wait is short, the whole is not
            self.send_response(200)
            self.end_headers()
            with contextlib.suppress(OSError):
                for byte in GOOD:
                    if self.server.release.wait(0.1):  # type: ignore[attr-defined]
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            return
        body = ROUTES.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    """The loopback server's base URL, ``http://127.0.0.1:PORT``."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.release = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.release.set()  # type: ignore[attr-defined]
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture
def data_home(tmp_path, monkeypatch) -> pathlib.Path:
    """An empty data folder for this test, a short timeout, and no proxy between us and 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setattr(feed, "TIMEOUT", SHORT_TIMEOUT)
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def stored_path(home: pathlib.Path) -> pathlib.Path:
    return home / "ofsted-timeline" / "bank-holidays.json"


def oftl(home: pathlib.Path, *args: str):
    return RUNNER.invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1", "XDG_DATA_HOME": str(home)})


def one_line_error(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("oftl: error: "), result.output
    return lines[0]


def wsoa(home: pathlib.Path, *args: str) -> tuple[str, str]:
    """The written statement's deadline for a report received Mon 20 Mar 2023, and the calendar line."""
    result = oftl(home, "deadlines", "--received", "2023-03-20", "--as-of", "2023-03-21", "-f", "json", *args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    latest = {m["id"]: m["latest"] for m in document["milestones"]}["wsoa"]
    return latest, document["calendar"]["source"]


def test_a_good_feed_is_stored_and_a_new_holiday_moves_a_deadline(server, data_home):
    # Received Mon 20 Mar 2023: the 70th working day is Mon 3 Jul 2023 (Good Friday 7 Apr, Easter
    # Monday 10 Apr, 1 May, Coronation 8 May and 29 May skipped). With Mon 5 Jun closed too, the
    # 70th falls a working day later: Tue 4 Jul 2023.
    assert wsoa(data_home) == ("2023-07-03", "holidays 0.109 (bundled data 2000–2040)")
    result = oftl(data_home, "holidays", "--update", "--url", f"{server}/good.json")
    assert result.exit_code == 0, result.output
    path = stored_path(data_home)
    today = format_day(dt.date.today())
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"Stored 28 England and Wales bank holidays for 2022–2024 from {server}/good.json, fetched {today}, in {path}."
    )
    assert lines[1] == "Not in oftl's bundled data: Mon 5 Jun 2023 Extra bank holiday."
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["oftl"]["url"] == f"{server}/good.json"
    assert stored["oftl"]["fetched"] == dt.date.today().isoformat()
    assert EXTRA in stored["england-and-wales"]["events"]
    assert "scotland" not in stored
    latest, source = wsoa(data_home)
    assert latest == "2023-07-04"
    assert (
        source == f"holidays 0.109 (bundled data 2000–2040); plus bank-holiday feed {server}/good.json fetched {today}"
    )


def test_the_default_url_is_named_as_the_gov_uk_feed(server, data_home, monkeypatch):
    monkeypatch.setattr(feed, "DEFAULT_URL", f"{server}/good.json")
    assert oftl(data_home, "holidays", "--update").exit_code == 0
    _, source = wsoa(data_home)
    assert re.fullmatch(
        r"holidays 0\.109 \(bundled data 2000–2040\); plus gov\.uk feed fetched \w{3} \d+ \w{3} \d{4}", source
    )
    assert source.endswith(format_day(dt.date.today()))


def test_update_as_json_says_what_was_stored(server, data_home):
    result = oftl(data_home, "holidays", "--update", "--url", f"{server}/good.json", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "stored": str(stored_path(data_home)),
        "url": f"{server}/good.json",
        "fetched": dt.date.today().isoformat(),
        "years": [2022, 2024],
        "holidays": 28,
        "not_in_bundled_data": [{"date": "2023-06-05", "title": "Extra bank holiday"}],
        "only_in_bundled_data": [],
    }


def test_a_dense_feed_is_stored_within_the_limit_it_is_read_back_with(server, data_home):
    assert feed.SIZE_LIMIT // 2 < len(ROUTES["/dense.json"]) < feed.SIZE_LIMIT
    result = oftl(data_home, "holidays", "--update", "--url", f"{server}/dense.json")
    assert result.exit_code == 0, result.output
    assert stored_path(data_home).stat().st_size <= feed.SIZE_LIMIT
    assert wsoa(data_home)[0] == "2023-07-03"


def test_a_feed_with_nothing_new_says_so(server, data_home):
    result = oftl(data_home, "holidays", "--update", "--url", f"{server}/plain.json")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "Every weekday holiday in it is in oftl's bundled data already."


def test_later_runs_read_the_stored_feed_without_the_network(server, data_home, monkeypatch):
    assert oftl(data_home, "holidays", "--update", "--url", f"{server}/good.json").exit_code == 0

    def refuse(*args, **kwargs):
        raise AssertionError("a normal run opened a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert wsoa(data_home)[0] == "2023-07-04"
    holidays = oftl(data_home, "holidays", "2023")
    assert holidays.exit_code == 0 and "Extra bank holiday" in holidays.stdout


def test_a_holidays_file_still_adds_on_top_of_the_feed(server, data_home, tmp_path):
    assert oftl(data_home, "holidays", "--update", "--url", f"{server}/plain.json").exit_code == 0
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"england-and-wales": {"events": [EXTRA]}}), encoding="utf-8")
    latest, source = wsoa(data_home, "--holidays-file", str(extra))
    assert latest == "2023-07-04"
    assert re.search(
        rf"; plus bank-holiday feed {server}/plain\.json fetched [^;]+; plus {re.escape(str(extra))}$", source
    )


def test_the_stored_feed_is_itself_a_holidays_file(server, data_home):
    assert oftl(data_home, "holidays", "--update", "--url", f"{server}/good.json").exit_code == 0
    empty = data_home.parent / "empty"
    assert wsoa(empty, "--holidays-file", str(stored_path(data_home)))[0] == "2023-07-04"


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("/malformed.json", "/malformed.json: not valid JSON (line 1, column 35)"),
        ("/missing.json", "cannot fetch {server}/missing.json: HTTP 404 Not Found: check the URL"),
        ("/never", f"cannot fetch {{server}}/never: no complete answer within {SHORT_TIMEOUT:g} s: try again later"),
        ("/trickle.json", f"no complete answer within {SHORT_TIMEOUT:g} s"),
        ("/big.json", "/big.json sent more than 1 MiB, the limit for a bank-holiday feed: check the URL"),
        ("/big-unsized.json", "/big-unsized.json sent more than 1 MiB, the limit for a bank-holiday feed"),
        ("/dropped-year.json", "/dropped-year.json: no england-and-wales holidays for 2023, inside the 2022–2024"),
        ("/short-year.json", "/short-year.json: only 6 england-and-wales holidays for 2023, which has at least 8"),
        ("/not-utf8.json", "/not-utf8.json: not UTF-8 text"),
        ("/wrong-shape.json", '/wrong-shape.json: no "england-and-wales": {"events": [...]} list'),
    ],
)
def test_a_bad_fetch_is_one_line_and_leaves_the_stored_feed_unchanged(server, data_home, route, message):
    assert oftl(data_home, "holidays", "--update", "--url", f"{server}/plain.json").exit_code == 0
    path = stored_path(data_home)
    before = path.read_bytes()
    started = time.monotonic()
    line = one_line_error(oftl(data_home, "holidays", "--update", "--url", f"{server}{route}"))
    assert message.replace("{server}", server) in line
    assert time.monotonic() - started < 4 * SHORT_TIMEOUT + 2  # the timeout holds, with room for a slow machine
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["bank-holidays.json"]  # no temporary file left
    assert wsoa(data_home)[0] == "2023-07-03"  # the plain feed still counts, without 5 June


@pytest.mark.parametrize("route", ["/malformed.json", "/missing.json", "/dropped-year.json"])
def test_a_bad_first_fetch_stores_nothing(server, data_home, route):
    one_line_error(oftl(data_home, "holidays", "--update", "--url", f"{server}{route}"))
    assert not stored_path(data_home).exists()


def test_nothing_listens_is_one_line(data_home):
    with socket.socket() as probe:  # a port that was free a moment ago, now closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    line = one_line_error(oftl(data_home, "holidays", "--update", "--url", f"http://127.0.0.1:{port}/x.json"))
    assert line.startswith(f"oftl: error: cannot fetch http://127.0.0.1:{port}/x.json: ")
    assert line.endswith("check the URL and the network connection")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x.json", "bank-holidays.json"])
def test_only_http_urls_are_fetched(data_home, url):
    line = one_line_error(oftl(data_home, "holidays", "--update", "--url", url))
    assert line == f"oftl: error: cannot fetch {url}: give an http:// or https:// URL, e.g. {feed.DEFAULT_URL}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["holidays", "--url", "http://127.0.0.1:1/"], "--url says where --update fetches from: give --update too"),
        (["holidays", "--update", "--check"], "run it without --check or a YEAR"),
        (["holidays", "--update", "2023"], "run it without --check or a YEAR"),
        (["holidays", "twenty"], "'twenty' is not a year: give a YEAR, e.g. oftl holidays 2017, or --check twenty"),
    ],
)
def test_option_mistakes_are_one_line(data_home, args, message):
    assert message in one_line_error(oftl(data_home, *args))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "not valid JSON (line 1, column 2)"),
        (json.dumps({"england-and-wales": {"events": [EXTRA]}}), 'no "oftl": {"fetched": "YYYY-MM-DD", "url": ...}'),
        (
            json.dumps({"oftl": {"fetched": "26/11/2026", "url": "x"}, "england-and-wales": {"events": [EXTRA]}}),
            "its fetch day '26/11/2026' is not a YYYY-MM-DD date",
        ),
        (
            json.dumps({"oftl": {"fetched": "2026-11-26", "url": "x"}, "england-and-wales": {"events": []}}),
            "events list is empty",
        ),
    ],
)
def test_an_unusable_stored_feed_stops_every_run_with_one_line(data_home, content, problem):
    path = stored_path(data_home)
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    for args in (
        ["deadlines", "--received", "2023-03-20"],
        ["holidays", "2023"],
        ["holidays", "--check"],
        ["explain", "wsoa", "--received", "2023-03-20"],
    ):
        line = one_line_error(oftl(data_home, *args))
        assert line.startswith(f"oftl: error: {path}") and problem in line
        assert line.endswith("; it is the feed `oftl holidays --update` stored: run that again, or delete the file")


def test_update_replaces_an_unusable_stored_feed(server, data_home):
    path = stored_path(data_home)
    path.parent.mkdir(parents=True)
    path.write_text("{", encoding="utf-8")
    assert oftl(data_home, "holidays", "--update", "--url", f"{server}/good.json").exit_code == 0
    assert wsoa(data_home)[0] == "2023-07-04"


def test_a_stored_feed_that_is_a_folder_is_refused(data_home):
    stored_path(data_home).mkdir(parents=True)
    line = one_line_error(oftl(data_home, "deadlines", "--received", "2023-03-20"))
    assert "is a folder" in line and "run that again, or delete the file" in line


def test_check_without_a_file_compares_with_the_stored_feed(server, data_home):
    line = one_line_error(oftl(data_home, "holidays", "--check"))
    assert line == (
        f"oftl: error: no bank-holiday feed is stored in {stored_path(data_home)}: fetch one with oftl holidays "
        "--update, or give a FILE to compare: oftl holidays --check FILE"
    )
    assert oftl(data_home, "holidays", "--update", "--url", f"{server}/good.json").exit_code == 0
    result = oftl(data_home, "holidays", "--check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{stored_path(data_home)} and oftl's calendar (holidays 0.109")
    assert result.stdout.rstrip().endswith("agree for 2022–2024.")
    document = json.loads(oftl(data_home, "holidays", "--check", "-f", "json").stdout)
    assert (document["file"], document["agree"]) == (str(stored_path(data_home)), True)


def test_check_with_a_file_still_compares_that_file(data_home):
    govuk_2023 = pathlib.Path(__file__).parent / "data" / "bank-holidays-2023.json"
    result = oftl(data_home, "holidays", "--check", str(govuk_2023))
    assert result.exit_code == 0 and result.stdout.rstrip().endswith("agree for 2023.")


def test_the_data_folder_follows_xdg_data_home():
    assert feed_file.feed_path({"XDG_DATA_HOME": "/srv/data", "HOME": "/home/a"}) == pathlib.Path(
        "/srv/data/ofsted-timeline/bank-holidays.json"
    )
    default = pathlib.Path.home() / ".local" / "share" / "ofsted-timeline" / "bank-holidays.json"
    assert feed_file.feed_path({}) == default
    assert feed_file.feed_path({"XDG_DATA_HOME": ""}) == default
    assert feed_file.feed_path({"XDG_DATA_HOME": "relative/data"}) == default  # XDG: a relative path is ignored


def test_the_stated_limits():
    assert (feed.TIMEOUT, feed.SIZE_LIMIT, feed.DEFAULT_URL) == (
        10.0,
        1024 * 1024,
        "https://www.gov.uk/bank-holidays.json",
    )


def test_a_run_reads_the_feed_only_when_something_is_where_it_is_kept(tmp_path):
    """The light look every run takes: nothing there (or a file where a folder should be) is no
    feed; anything else, even a path that cannot be looked at, goes to ``feed.stored``."""
    home = tmp_path / "data"
    assert feed_file.nothing_stored({"XDG_DATA_HOME": str(home)})
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert feed_file.nothing_stored({"XDG_DATA_HOME": str(tmp_path / "file")})  # NotADirectoryError
    (home / "ofsted-timeline" / "bank-holidays.json").mkdir(parents=True)  # a folder in the file's place
    assert not feed_file.nothing_stored({"XDG_DATA_HOME": str(home)})
    too_long = str(tmp_path / ("x" * 300))  # ENAMETOOLONG: neither absent nor readable
    assert not feed_file.nothing_stored({"XDG_DATA_HOME": too_long})


def test_a_feed_path_that_cannot_be_looked_at_is_an_error_not_no_feed(tmp_path):
    too_long = tmp_path / ("x" * 300)
    line = one_line_error(oftl(too_long, "deadlines", "--received", "2017-07-07", "--format", "json"))
    assert "cannot look at" in line and "File name too long" in line

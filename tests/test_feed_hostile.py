"""``oftl holidays --update`` against a hostile server or URL (issue 21): slow headers,
redirects out of http(s), tokens in the URL, links at the stored file's path, implausible feeds.

As in test_feed, the servers listen on 127.0.0.1 on a port the system picks, in threads of this
process, and ``feed.TIMEOUT`` is shortened; nothing here reaches any other address.
"""

import contextlib
import datetime as dt
import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ofsted_timeline import feed
from ofsted_timeline.errors import InputError

from .test_feed import SHORT_TIMEOUT, govuk, oftl, one_line_error, stored_path, wsoa

GOOD = govuk(range(2022, 2025))
THIS_YEAR = dt.date.today().year


def events(days: list[str], title: str = "Bank holiday") -> bytes:
    return json.dumps({"england-and-wales": {"events": [{"title": title, "date": day} for day in days]}}).encode()


def every_day(first: int, last: int) -> list[str]:
    day, end, found = dt.date(first, 1, 1), dt.date(last, 12, 31), []
    while day <= end:
        found.append(day.isoformat())
        day += dt.timedelta(days=1)
    return found


FAKE_FUTURE = [f"{year}-{month:02d}-01" for year in range(2022, 2100) for month in range(1, 9)]  # 8 a year to 2099
BODIES = {
    "/good.json": GOOD,
    "/every-day.json": events(every_day(2017, 2019)),
    "/to-2099.json": events(FAKE_FUTURE),
    "/surrogate.json": json.dumps(
        {
            "england-and-wales": {
                "events": [*json.loads(GOOD)["england-and-wales"]["events"], {"title": "X\ud800", "date": "2023-06-05"}]
            }
        }
    ).encode(),
    "/surrogate-notes.json": GOOD.replace(b'"notes": ""', b'"notes": "\\ud800"', 1),
}
for name, date in {"basic": "20271229", "week": "2027W521", "week-day": "2017-W35-1"}.items():
    BODIES[f"/{name}.json"] = GOOD.replace(b'"2023-05-01"', f'"{date}"'.encode(), 1)


class Handler(BaseHTTPRequestHandler):
    """Bodies by path; ``/slow-headers`` sends a header line every 0.2 s (for ten seconds);
    ``/to?where`` redirects to ``where``; ``/loop`` redirects to itself."""

    def do_GET(self) -> None:
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        if self.path == "/slow-headers":
            self.send_response(200)
            self.flush_headers()  # the status line now, each header line after it
            with contextlib.suppress(OSError):
                for number in range(50):
                    self.wfile.write(f"X-Slow-{number}: 1\r\n".encode())
                    self.wfile.flush()
                    if self.server.release.wait(0.2):  # type: ignore[attr-defined]
                        return
                self.end_headers()
                self.wfile.write(GOOD)
            return
        if self.path.startswith("/to?") or self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", self.path[4:] if self.path.startswith("/to?") else "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = BODIES.get(self.path.split("?")[0])
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    """The loopback server: its base URL, and the paths it was asked for (``server.paths``)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.release = threading.Event()  # type: ignore[attr-defined]
    httpd.paths = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.release.set()  # type: ignore[attr-defined]
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    """As in test_feed: an empty data folder, a short timeout, no proxy before 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setattr(feed, "TIMEOUT", SHORT_TIMEOUT)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def base(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def update(home, url: str, *args: str):
    return oftl(home, "holidays", "--update", "--url", url, *args)


# 2. The whole fetch, headers too, within the time limit.


def test_headers_sent_slowly_cannot_outlast_the_time_limit(server, data_home):
    started = time.monotonic()
    line = one_line_error(update(data_home, f"{base(server)}/slow-headers"))
    assert line.endswith(f"/slow-headers: no complete answer within {SHORT_TIMEOUT:g} s: try again later")
    assert time.monotonic() - started < 4 * SHORT_TIMEOUT + 1  # it took 10 s: 50 header lines, 0.2 s apart
    assert not stored_path(data_home).exists()


# 3. Redirects: to http or https only, at most five.


@pytest.fixture
def listener():
    """A TCP port on 127.0.0.1 that records whether anything connected to it."""
    connected = []
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        sock.settimeout(0.05)

        def accept() -> None:
            with contextlib.suppress(OSError):
                connection, _ = sock.accept()
                connected.append(connection.recv(100))
                connection.close()

        yield sock.getsockname()[1], connected, accept


@pytest.mark.parametrize("scheme", ["ftp", "file", "gopher"])
def test_a_redirect_out_of_http_is_refused_unfollowed(server, data_home, listener, scheme):
    port, connected, accept = listener
    line = one_line_error(update(data_home, f"{base(server)}/to?{scheme}://127.0.0.1:{port}/x"))
    assert line == (
        f"oftl: error: cannot fetch {base(server)}/to: it redirects to a {scheme}: URL, and only http:// and "
        "https:// are followed: check the URL"
    )
    accept()
    assert connected == []  # it sent `USER anonymous` to the FTP port
    assert not stored_path(data_home).exists()


def test_redirects_are_followed_five_times_at_most(server, data_home):
    line = one_line_error(update(data_home, f"{base(server)}/loop"))
    assert line == f"oftl: error: cannot fetch {base(server)}/loop: more than 5 redirects: check the URL"
    chained = f"{base(server)}/to?/good.json"
    assert update(data_home, chained).exit_code == 0  # an http redirect is still followed
    assert json.loads(stored_path(data_home).read_text())["oftl"]["url"] == f"{base(server)}/to"


# 4. The URL's origin is stored and shown: no query, fragment, user name or password.


def test_a_token_in_the_url_reaches_no_output(server, data_home, tmp_path):
    port = server.server_address[1]
    url = f"http://127.0.0.1:{port}/good.json?token=s3cret#frag"
    result = update(data_home, url)
    assert result.exit_code == 0, result.output
    assert server.paths[-1] == "/good.json?token=s3cret"  # fetched with its query
    assert json.loads(stored_path(data_home).read_text())["oftl"]["url"] == f"http://127.0.0.1:{port}/good.json"
    outputs = [result.stdout, stored_path(data_home).read_text()]
    for fmt in ("ics", "csv", "html", "json", "markdown", "svg"):
        shown = oftl(data_home, "deadlines", "--received", "2023-03-20", "--as-of", "2023-03-21", "-f", fmt)
        assert shown.exit_code == 0, shown.output
        outputs.append(shown.stdout)
    assert f"http://127.0.0.1:{port}/good.json" in outputs[-1]
    for text in outputs:
        assert "s3cret" not in text and "frag" not in text


def test_an_error_names_the_origin_too(server, data_home):
    line = one_line_error(update(data_home, f"{base(server)}/missing.json?token=s3cret"))
    assert line == f"oftl: error: cannot fetch {base(server)}/missing.json: HTTP 404 Not Found: check the URL"


# 5. The stored file is replaced, never written through a link.


def test_a_link_at_the_stored_path_is_replaced_and_its_target_kept(server, data_home, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    path = stored_path(data_home)
    path.parent.mkdir(parents=True)
    path.symlink_to(victim)
    line = one_line_error(oftl(data_home, "deadlines", "--received", "2023-03-20"))
    assert f"{path} is a link to {victim}, not the file oftl stored" in line
    assert update(data_home, f"{base(server)}/good.json").exit_code == 0
    assert victim.read_text() == "keep me"
    assert not path.is_symlink() and json.loads(path.read_text())["oftl"]["url"].endswith("/good.json")
    assert wsoa(data_home)[0] == "2023-07-03"


# 10, 11, 14 and --url '': URLs and text checked before anything is fetched or stored.


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://[::1:18080/ok", "cannot fetch http://[::1:18080/ok: it is not a URL (Invalid IPv6 URL): check it"),
        ("http://127.0.0.1:99999/ok", "cannot fetch http://127.0.0.1:99999/ok: it is not a URL (Port out of range"),
        ("http://127.0.0.1/ok#\x1b[2J", "the URL has a control character (\\x1b): give it as plain text"),
        ("http://127.0.0.1/ok\n", "the URL has a control character (\\n): give it as plain text"),
        ("http://127.0.0.1/o k", "the URL has a space: write it as %20"),
        ("", "the URL is empty: give an http:// or https:// URL, e.g. https://www.gov.uk/bank-holidays.json"),
        ("http:///ok.json", "cannot fetch http:///ok.json: it names no host"),
        (
            "http://user:pa55@127.0.0.1/ok.json",
            "cannot fetch http://127.0.0.1/ok.json: it has a user name or password, which oftl does not send",
        ),
        ("http://127.0.0.1/é.json", "cannot fetch http://127.0.0.1/é.json: write its non-ASCII characters %-encoded"),
    ],
)
def test_a_url_that_cannot_be_stored_is_refused_before_the_fetch(data_home, monkeypatch, url, message):
    def refuse(*args, **kwargs):
        raise AssertionError("fetched a URL that should have been refused")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    line = one_line_error(update(data_home, url))
    assert line.startswith(f"oftl: error: {message}")
    assert not stored_path(data_home).exists()


@pytest.mark.parametrize("route", ["/surrogate.json", "/surrogate-notes.json"])
def test_a_lone_surrogate_in_a_feed_is_one_line(server, data_home, route):
    line = one_line_error(update(data_home, f"{base(server)}{route}"))
    assert re.search(r"event \d+ has a control character \(\\ud800\) in its title|lone surrogate", line), line
    assert not stored_path(data_home).exists()


# 18. A plausible feed: YYYY-MM-DD, years near the fetch, at most 12 holidays a year.


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("/every-day.json", "every-day.json: 365 england-and-wales holidays for 2017, where a year has had at most 12"),
        ("/to-2099.json", f"to-2099.json: lists holidays for 2022–2099; a feed fetched in {THIS_YEAR} may list"),
        ("/basic.json", "basic.json: event 14 has date '20271229': write dates as YYYY-MM-DD"),
        ("/week.json", "week.json: event 14 has date '2027W521': write dates as YYYY-MM-DD"),
        ("/week-day.json", "week-day.json: event 14 has date '2017-W35-1': write dates as YYYY-MM-DD"),
    ],
)
def test_an_implausible_feed_is_refused(server, data_home, route, message):
    assert message in one_line_error(update(data_home, f"{base(server)}{route}"))
    assert not stored_path(data_home).exists()


def test_a_year_crowded_with_holidays_is_refused():
    days = [f"2023-{month:02d}-01" for month in range(1, 13)]  # 12: the most a year has had since 1972
    assert len(feed.validate(events(days).decode(), "feed", dt.date(2023, 6, 1))) == 12
    with pytest.raises(
        InputError, match="^feed: 13 england-and-wales holidays for 2023, where a year has had at most 12"
    ):
        feed.validate(events([*days, "2023-06-05"]).decode(), "feed", dt.date(2023, 6, 1))


@pytest.mark.parametrize(("year", "accepted"), [(2002, False), (2003, True), (2028, True), (2029, False)])
def test_a_feed_lists_years_from_twenty_before_its_fetch_to_five_after(year, accepted):
    text = events([f"{year}-12-25"]).decode()
    if accepted:
        assert feed.validate(text, "feed", dt.date(2023, 6, 1)) == {dt.date(year, 12, 25): "Bank holiday"}
    else:
        with pytest.raises(
            InputError, match=f"^feed: lists holidays for {year}–{year}; a feed fetched in 2023 may list 2003–2028 only"
        ):
            feed.validate(text, "feed", dt.date(2023, 6, 1))


def test_a_stored_feed_is_held_to_the_same_checks(data_home):
    path = stored_path(data_home)
    path.parent.mkdir(parents=True)
    document = json.loads(events(every_day(2023, 2023)))
    document["oftl"] = {"fetched": "2023-06-01", "url": "http://127.0.0.1/x.json"}
    path.write_text(json.dumps(document))
    line = one_line_error(oftl(data_home, "deadlines", "--received", "2023-03-20"))
    assert "365 england-and-wales holidays for 2023, where a year has had at most 12" in line


def test_a_long_stored_url_wraps_in_a_chart_in_under_a_second(data_home):
    """1. A stored feed's URL is on every later chart's calendar line."""
    path = stored_path(data_home)
    path.parent.mkdir(parents=True)
    document = json.loads(GOOD)
    document["oftl"] = {"fetched": "2023-06-01", "url": "http://127.0.0.1/" + "W" * 2000}
    path.write_text(json.dumps(document))
    started = time.monotonic()
    result = oftl(data_home, "deadlines", "--received", "2023-03-20", "--as-of", "2023-03-21", "-f", "svg")
    assert time.monotonic() - started < 1.5  # about 0.2 s; it took a minute
    assert result.exit_code == 0 and "W" * 40 in result.stdout

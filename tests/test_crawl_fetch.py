"""The HTTP layer on its own, against a tiny server on 127.0.0.1: time and size limits,
gzip, refused connections, bounded retries and what robots.txt answers mean."""
import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingest.scrape.fetch import FetchError, fetch_once, request_headers
from ingest.scrape.politeness import MAX_RETRIES, HostClock, fetch_patiently
from ingest.scrape.robots import Robots

HITS = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _head(self, status, headers):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()

    def do_GET(self):
        HITS.append(self.path)
        path = self.path
        try:
            if path == "/trickle":
                self._head(200, [("Content-Type", "text/html"), ("Content-Length", "40")])
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.05)
            elif path == "/claims-huge":
                self._head(200, [("Content-Type", "text/html"), ("Content-Length", str(50 * 1024 * 1024))])
                self.wfile.write(b"<p>short</p>")
            elif path == "/gzip":
                body = gzip.compress("<p>Thi đua quyết thắng</p>".encode())
                self._head(200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
                                 ("Content-Length", str(len(body)))])
                self.wfile.write(body)
            elif path == "/always-503":
                self._head(503, [("Content-Length", "0")])
            elif path == "/robots.txt":
                status, body = self.server.robots
                self._head(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
                self.wfile.write(body)
            else:
                self._head(404, [("Content-Length", "0")])
        except (BrokenPipeError, ConnectionResetError):
            pass


def serve(robots=(404, b"")):
    """A server whose robots.txt answers (status, body)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.robots = robots
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def base():
    server, url = serve()
    yield url
    server.shutdown()
    server.server_close()


def get(url, timeout=2.0, max_bytes=1024 * 1024):
    return fetch_once(url, request_headers(url, "thidua-test/1"), timeout, max_bytes)


def test_a_trickling_page_is_cut_at_the_time_limit(base):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 0.5 s") as caught:
        get(base + "/trickle", timeout=0.5)
    assert caught.value.retryable
    assert time.monotonic() - started < 1.5


def test_a_page_announcing_a_huge_length_is_not_read(base):
    response = get(base + "/claims-huge")
    assert response.truncated and response.body == b""


def test_gzip_bodies_are_kept_as_sent_and_unzipped_for_use(base):
    response = get(base + "/gzip")
    assert response.body[:2] == b"\x1f\x8b"
    assert response.payload(1024).decode() == "<p>Thi đua quyết thắng</p>"


def test_refused_connection_is_not_retried():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="connection refused") as caught:
        get(f"http://127.0.0.1:{port}/")
    assert not caught.value.retryable


def test_retries_are_bounded_and_spaced(base):
    HITS.clear()
    seen = []
    clock = HostClock(0.01)
    started = time.monotonic()
    response = fetch_patiently(base + "/always-503", "h", request_headers(base, "t"), clock, 1.0, 1024, seen.append)
    assert response.status == 503
    assert len(HITS) == len(seen) == MAX_RETRIES + 1
    assert time.monotonic() - started >= 0.25 + 0.5 + 1.0  # exponential backoff


@pytest.mark.parametrize("answer, verdict", [
    ((404, b""), None),
    ((403, b""), "disallowed by robots.txt"),
    ((200, b"User-agent: *\nDisallow: /private\n"), "disallowed by robots.txt"),
    ((200, b"User-agent: thidua\nDisallow: /\n\nUser-agent: *\nDisallow:\n"), "disallowed by robots.txt"),
    ((200, b"User-agent: other\nDisallow: /\n"), None),
    ((503, b""), FetchError),
])
def test_robots_answers(answer, verdict):
    server, url = serve(answer)
    clock = HostClock(0.0)
    rules = Robots(lambda u: fetch_once(u, request_headers(u, "t"), 2.0, 1 << 20), "thidua/0.1 (archival crawler)", clock)
    try:
        if verdict is FetchError:
            with pytest.raises(FetchError, match="robots.txt unavailable: HTTP 503"):
                rules.refusal(url + "/private/a.html")
        else:
            assert rules.refusal(url + "/private/a.html") == verdict
    finally:
        server.shutdown()
        server.server_close()


def test_robots_crawl_delay_slows_the_host_down():
    server, url = serve((200, b"User-agent: *\nCrawl-delay: 1\n"))
    clock = HostClock(0.01)
    rules = Robots(lambda u: fetch_once(u, request_headers(u, "t"), 2.0, 1 << 20), "thidua/0.1", clock)
    try:
        assert rules.refusal(url + "/a.html") is None
        clock.done(url.split("//")[1])
        started = time.monotonic()
        clock.wait(url.split("//")[1])
        assert time.monotonic() - started >= 0.95
    finally:
        server.shutdown()
        server.server_close()

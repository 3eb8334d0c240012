"""One HTTP GET, as it happened on the wire, with the standard library only.

Redirects are not followed here: the crawl follows them hop by hop so that each hop
is checked against robots.txt and recorded in the WARC. Bodies are read in chunks and
reading stops past the size limit or the time limit, so a huge or trickling page
cannot hold the crawl. Failures are FetchError with a one-line reason and whether
trying again later may help (timeouts, 5xx, 429).
"""
import http.client
import re
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_WESTERN = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}


class FetchError(Exception):
    def __init__(self, reason, retryable=False, retry_after=None):
        super().__init__(reason)
        self.retryable = retryable
        self.retry_after = retry_after


@dataclass
class Response:
    url: str
    status: int
    reason: str
    headers: list          # (name, value) as received
    body: bytes            # as received (maybe gzip), cut at the size limit
    request_headers: list  # (name, value) as sent
    truncated: bool = False
    started: float = field(default_factory=time.time)
    warc_id: str | None = None  # WARC-Record-ID of the response, once recorded

    def header(self, name, default=None):
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), default)

    def payload(self, max_bytes):
        """The body with any gzip/deflate transfer coding undone, at most max_bytes + 1 bytes."""
        coding = (self.header("Content-Encoding") or "").strip().lower()
        if coding in ("gzip", "x-gzip", "deflate"):
            try:
                return zlib.decompressobj(wbits=47).decompress(self.body, max_bytes + 1)
            except zlib.error:
                raise FetchError(f"content encoded as {coding} cannot be decoded") from None
        return self.body


def request_headers(url, user_agent, validators=None):
    """Headers of a GET, in the order sent (they are recorded in the WARC as such)."""
    parts = urlsplit(url)
    headers = [("Host", parts.netloc), ("User-Agent", user_agent),
               ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
               ("Accept-Language", "vi,en;q=0.5"), ("Accept-Encoding", "gzip"), ("Connection", "close")]
    etag, last_modified = validators or (None, None)
    if etag:
        headers.append(("If-None-Match", etag))
    if last_modified:
        headers.append(("If-Modified-Since", last_modified))
    return headers


def fetch_once(url, headers, timeout, max_bytes):
    """GET url once; Response, or FetchError when no complete HTTP answer came."""
    parts = urlsplit(url)
    conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    target = (parts.path or "/") + ("?" + parts.query if parts.query else "")
    started = time.time()
    deadline = time.monotonic() + timeout
    conn = conn_class(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        for name, value in headers:
            conn.putheader(name, value)
        conn.endheaders()
        resp = conn.getresponse()
        body, truncated = _read_body(resp, deadline, max_bytes)
        return Response(url, resp.status, resp.reason, resp.getheaders(), body, list(headers), truncated, started)
    except (TimeoutError, socket.timeout):
        raise FetchError(f"timed out after {timeout:g} s", retryable=True) from None
    except socket.gaierror:
        raise FetchError(f"host not found: {parts.hostname}") from None
    except ConnectionRefusedError:
        raise FetchError("connection refused") from None
    except ssl.SSLError as exc:
        raise FetchError(f"secure connection failed ({exc.reason or exc})") from None
    except (ConnectionError, http.client.HTTPException) as exc:
        raise FetchError(f"connection broken ({type(exc).__name__})", retryable=True) from None
    except OSError as exc:
        raise FetchError(f"network error ({exc.strerror or exc})") from None
    finally:
        conn.close()


def _read_body(resp, deadline, max_bytes):
    length = resp.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        return b"", True
    chunks, size = [], 0
    while size <= max_bytes:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = resp.read1(_CHUNK)  # what has arrived: a trickle cannot outlast the deadline
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[: max_bytes + 1], True


def retry_after(value, cap):
    """Seconds a Retry-After header asks for (delay-seconds or HTTP-date), capped; None if unreadable."""
    value = (value or "").strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        return min(max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0), cap)
    except (TypeError, ValueError, IndexError):
        return None


def declared_charset(content_type, body):
    """The charset an HTTP Content-Type declares — unless it is a Western single-byte
    server default (iso-8859-1…) while the bytes are valid UTF-8 with non-ASCII in them:
    such a header is wrong, and decoding Vietnamese with it silently garbles every
    accent, since single-byte decoding never fails."""
    match = _CHARSET.search(content_type or "")
    if not match:
        return None
    charset = match.group(1).lower()
    if charset in _WESTERN and not body.isascii():
        try:
            body.decode("utf-8")
            return None
        except UnicodeDecodeError:
            pass
    return charset

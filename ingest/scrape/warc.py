"""WARC files (ISO 28500, through warcio): the proof of what a page said when fetched.

Every HTTP exchange of a crawl — request and response, redirects, errors and retries
included — is written to <data-dir>/warc/, one gzip member per record, flushed at
once, so a killed crawl leaves every finished record readable. What the crawl took
a page for (article, listing, sitemap, feed) follows in a metadata record, so that
reading gives back the article pages only and a crawl can be ingested again,
offline, with newer rules. WARCs from other tools have no such records: all their
HTML pages are read.

Reading is streamed and bounded, so a gzip bomb (a few MB that unpack to GiB) costs
time in proportion to its unpacked size but never memory:
- a response record larger than MAX_BYTES plus RECORD_SLACK (its HTTP headers) is
  refused on its own, unread, and the records after it are read;
- warcio reads header lines whole, so lines are read at most LINE_BYTES at a time
  (a longer one is damage), and the HTTP headers of a page are parsed here, after its
  length was checked;
- a body in Content-Encoding gzip or deflate is inflated here up to MAX_BYTES + 1;
- a file whose records add up to more than MAX_WARC_BYTES unpacked is read that far,
  then refused (the pages before are kept).
Memory for one page is then at most about 3 x MAX_BYTES (record, inflated body,
warcio's buffer), whatever the file holds.
"""
import io
import os
import zlib
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader, DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser, StatusAndHeadersParserException
from warcio.warcwriter import WARCWriter

from ingest.clean.decode import MAX_BYTES, InputError
from ingest.scrape.fetch import declared_charset

FOLDER = "warc"
# http.client has already undone chunking: a recorded Transfer-Encoding would lie.
_DROPPED = {"transfer-encoding"}
ROLE_FIELD = "thidua-role"
RECORD_SLACK = 1024 * 1024         # room for a page's HTTP headers beside its body
LINE_BYTES = 1024 * 1024           # no header line of a sound WARC is longer
MAX_WARC_BYTES = 64 * 1024 ** 3    # unpacked; crawls write files of about 1 GB packed
_PIECE = 64 * 1024


class WarcLog:
    """The WARC file of one crawl session, opened at the first record."""

    def __init__(self, data_dir, software):
        self.folder = Path(data_dir) / FOLDER
        self.path = None
        self._software = software
        self._fh = None
        self._writer = None

    def _open(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S%f")
        self.path = self.folder / f"thidua-{stamp}-{os.getpid()}.warc.gz"
        self._fh = open(self.path, "xb")  # one file per session: never appended to
        self._writer = WARCWriter(self._fh, gzip=True)
        self._write(self._writer.create_warcinfo_record(self.path.name, {
            "software": self._software, "format": "WARC File Format 1.1",
            "description": "thidua crawl: every HTTP request and response, as fetched"}))

    def _write(self, *records):
        for record in records:
            self._writer.write_record(record)
        self._fh.flush()

    def write(self, response):
        """Record one exchange: the request as sent and the response as received
        (a body cut at the size limit is marked WARC-Truncated: length)."""
        if self._writer is None:
            self._open()
        parts = urlsplit(response.url)
        target = (parts.path or "/") + ("?" + parts.query if parts.query else "")
        request = self._writer.create_warc_record(
            response.url, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", response.request_headers, is_http_request=True))
        headers = [(k, v) for k, v in response.headers if k.lower() not in _DROPPED]
        extra = {"WARC-Truncated": "length"} if response.truncated else None
        answer = self._writer.create_warc_record(
            response.url, "response", payload=io.BytesIO(response.body), warc_headers_dict=extra,
            http_headers=StatusAndHeaders(f"{response.status} {response.reason}", headers, protocol="HTTP/1.1"))
        self._writer.write_request_response_pair(request, answer)
        self._fh.flush()
        response.warc_id = answer.rec_headers.get_header("WARC-Record-ID")

    def describe(self, response, role):
        """Say, in a metadata record referring to the response, what the crawl took it for."""
        self._write(self._writer.create_warc_record(
            response.url, "metadata", payload=io.BytesIO(f"{ROLE_FIELD}: {role}\r\n".encode()),
            warc_content_type="application/warc-fields", warc_headers_dict={"WARC-Refers-To": response.warc_id}))

    def close(self):
        if self._fh:
            self._fh.close()


class _LineBoundedReader(DecompressingBufferedReader):
    """warcio's reader, reading any line at most LINE_BYTES at a time: its own header
    parsing asks for whole lines, which a bomb makes GiB long."""

    def readline(self, length=None):
        return super().readline(min(length or LINE_BYTES, LINE_BYTES))


def _records(fh):
    """The records of an open WARC file, HTTP headers not parsed (see _http_headers)."""
    records = ArchiveIterator(fh, no_record_parse=True)
    records.reader.__class__ = _LineBoundedReader  # the reader warcio just made, its lines bounded
    return records


def _roles(path):
    """{response record id: role} from the metadata records thidua wrote."""
    roles = {}
    with open(path, "rb") as fh:
        for record in _records(fh):
            if record.rec_type == "metadata" and record.rec_headers.get_header("WARC-Refers-To"):
                for line in record.raw_stream.read(4096).decode("utf-8", "replace").splitlines():
                    name, _, value = line.partition(":")
                    if name.strip().lower() == ROLE_FIELD:
                        roles[record.rec_headers.get_header("WARC-Refers-To")] = value.strip()
    return roles


def _http_headers(record):
    """The HTTP status and headers at the start of a response record, or None."""
    if record.length == 0 or not (record.rec_headers.get_header("WARC-Target-URI") or "").startswith("http"):
        return None
    try:
        return StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False).parse(record.raw_stream)
    except (StatusAndHeadersParserException, EOFError):
        return None


def _inflated(stream, wbits, data=b""):
    """At most MAX_BYTES + 1 bytes of a gzip or deflate body (data: its first bytes,
    already read), inflated piece by piece: warcio inflates a whole chunk at once,
    which a bomb makes GiB."""
    inflater, out = zlib.decompressobj(wbits), bytearray()
    try:
        while len(out) <= MAX_BYTES:
            data = data or stream.read(_PIECE)
            if not data:
                break
            out += inflater.decompress(data, MAX_BYTES + 1 - len(out))
            data = inflater.unconsumed_tail
    except zlib.error:
        raise InputError("page body is not valid gzip or deflate content") from None
    return bytes(out)


def _zlib_header(first):
    """Whether a "deflate" body starts with a zlib header: some servers send raw deflate."""
    return len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] * 256 + first[1]) % 31 == 0


def _body(record, headers):
    """At most MAX_BYTES + 1 bytes of a page's body, de-chunked and inflated."""
    stream = record.raw_stream
    if headers.get_header("Transfer-Encoding") == "chunked":
        stream = ChunkedDataReader(stream)
    encoding = (headers.get_header("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return _inflated(stream, 31)
    if encoding == "deflate":
        first = stream.read(_PIECE)
        return _inflated(stream, 15 if _zlib_header(first) else -15, first)
    return stream.read(MAX_BYTES + 1)


def _too_large(size):
    return f"page too large ({size / 1024 / 1024:.1f} MB in the WARC file; the limit is {MAX_BYTES // 1024 // 1024} MB)"


def html_responses(path):
    """Yield (target URI, body, declared charset, problem, captured) for each complete
    200 HTML response in a .warc or .warc.gz file that is not a listing, sitemap or
    feed by the crawl's own account; problem is None, or the reason the page is not
    read (its body is then None); captured is the record's WARC-Date (when it was
    fetched, ISO 8601) or None. InputError when the file is damaged or too large
    unpacked (the pages before have been yielded)."""
    try:
        roles = _roles(path)
        unpacked = 0
        with open(path, "rb") as fh:
            for record in _records(fh):
                unpacked += max(record.length or 0, 0)
                if unpacked > MAX_WARC_BYTES:
                    raise InputError(f"unpacks to more than {MAX_WARC_BYTES // 1024 ** 3} GiB; "
                                     "it is not read further (a gzip bomb?)")
                if record.rec_type != "response" or record.rec_headers.get_header("WARC-Truncated"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                captured = record.rec_headers.get_header("WARC-Date")
                if roles.get(record.rec_headers.get_header("WARC-Record-ID"), "article") != "article":
                    continue
                if (record.length or 0) > MAX_BYTES + RECORD_SLACK:
                    yield uri, None, None, _too_large(record.length), captured
                    continue
                headers = _http_headers(record)
                if headers is None:
                    continue
                content_type = headers.get_header("Content-Type") or ""
                if headers.get_statuscode() != "200" or "html" not in content_type.lower():
                    continue
                body = _body(record, headers)
                if len(body) > MAX_BYTES:
                    yield uri, None, None, _too_large(len(body)), captured
                    continue
                if record.raw_stream.limit:
                    raise InputError("WARC file cut short: its last page is incomplete "
                                     "(was the crawl stopped while writing it?)")
                yield uri, body, declared_charset(content_type, body), None, captured
    except ArchiveLoadFailed as exc:
        raise InputError(f"damaged WARC file ({_one_line(exc)})") from None
    except (OSError, EOFError) as exc:
        raise InputError(f"damaged or unreadable WARC file ({_one_line(exc)})") from None


def _one_line(exc, width=200):
    """An exception's message on one short line: warcio quotes the bad line it met."""
    text = " ".join(str(exc).split())
    return text if len(text) <= width else text[:width] + "…"

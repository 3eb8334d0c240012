"""WARC files (ISO 28500, through warcio): the proof of what a page said when fetched.

Every HTTP exchange of a crawl — request and response, redirects, errors and retries
included — is written to <data-dir>/warc/, one gzip member per record, flushed at
once, so a killed crawl leaves every finished record readable. What the crawl took
a page for (article, listing, sitemap, feed) follows in a metadata record, so that
reading gives back the article pages only and a crawl can be ingested again,
offline, with newer rules. WARCs from other tools have no such records: all their
HTML pages are read.
"""
import io
import os
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest.clean.decode import MAX_BYTES, InputError
from ingest.scrape.fetch import declared_charset

FOLDER = "warc"
# http.client has already undone chunking: a recorded Transfer-Encoding would lie.
_DROPPED = {"transfer-encoding"}
ROLE_FIELD = "thidua-role"


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


def _roles(path):
    """{response record id: role} from the metadata records thidua wrote."""
    roles = {}
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "metadata" and record.rec_headers.get_header("WARC-Refers-To"):
                for line in record.content_stream().read(4096).decode("utf-8", "replace").splitlines():
                    name, _, value = line.partition(":")
                    if name.strip().lower() == ROLE_FIELD:
                        roles[record.rec_headers.get_header("WARC-Refers-To")] = value.strip()
    return roles


def html_responses(path):
    """Yield (target URI, body, declared charset) for each complete 200 HTML response
    in a .warc or .warc.gz file that is not a listing, sitemap or feed by the crawl's
    own account; InputError when the file is damaged (the pages before the damage
    have been yielded)."""
    try:
        roles = _roles(path)
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                if record.rec_headers.get_header("WARC-Truncated"):
                    continue
                if roles.get(record.rec_headers.get_header("WARC-Record-ID"), "article") != "article":
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if record.http_headers.get_statuscode() != "200" or "html" not in content_type.lower():
                    continue
                body = record.content_stream().read(MAX_BYTES + 1)
                if record.raw_stream.limit:
                    raise InputError("WARC file cut short: its last page is incomplete "
                                     "(was the crawl stopped while writing it?)")
                yield record.rec_headers.get_header("WARC-Target-URI"), body, declared_charset(content_type, body)
    except ArchiveLoadFailed as exc:
        raise InputError(f"damaged WARC file ({exc})") from None
    except (OSError, EOFError) as exc:
        raise InputError(f"damaged or unreadable WARC file ({exc})") from None

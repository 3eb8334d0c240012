"""Raw pages kept as JSON lines: how other crawlers and exports hand pages over.

A file named *.pages.jsonl or *.pages.jsonl.gz holds one page per line:
{"url": "...", "html": "<html>…"}, with "fetched" (when it was fetched, ISO 8601)
when known. (Record shards, what `thidua extract` writes, are plain .jsonl: the
name says which is which, so neither is taken for the other.) A line is read at
most MAX_BYTES long, and a bad line is a problem of its own: the rest of the file
is read.
"""
import gzip
import json
import zlib

from ingest.clean.decode import MAX_BYTES, InputError

def html_pages(path):
    """Yield (source, body bytes, charset, problem, captured) for each line, as
    ingest.scrape.warc.html_responses does: the source is the page's url (else
    FILE:LINE), problem None or why the line is not read. InputError when the file
    cannot be read on (the lines before have been yielded)."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            for number, line in enumerate(_lines(fh), 1):
                yield _page(path, number, line)
    except (OSError, EOFError, zlib.error) as exc:
        reason = "cut short" if isinstance(exc, EOFError) else (getattr(exc, "strerror", None) or str(exc))
        raise InputError(f"cannot be read to its end ({reason})") from None


def _lines(fh):
    """The file's lines, each cut at MAX_BYTES + 1 (a longer one is refused, not held)."""
    while True:
        line = fh.readline(MAX_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := fh.readline(MAX_BYTES + 1)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the over-long line
            yield None
            continue
        if line.strip():
            yield line


def _page(path, number, line):
    where = f"{path}:{number}"
    if line is None:
        return where, None, None, f"line over {MAX_BYTES // 2**20} MB; not read", None
    try:
        page = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return where, None, None, "not a JSON line", None
    if not isinstance(page, dict) or not isinstance(page.get("html"), str) or not page["html"].strip():
        return where, None, None, 'not a raw page: a line needs "url" and "html"', None
    url = page.get("url") if isinstance(page.get("url"), str) and page.get("url").strip() else None
    fetched = page.get("fetched") if isinstance(page.get("fetched"), str) else None
    return url or where, page["html"].encode("utf-8", "surrogatepass"), "utf-8", None, fetched

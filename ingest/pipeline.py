"""From input paths to article records: read, decode, clean, extract.

Each input is handled on its own and any failure is turned into a one-line
reason, so one bad file never stops a batch. Batches run on several processes
(`jobs`), each loading the language models once.
"""
import os
from multiprocessing import get_context
from pathlib import Path

from ingest.extract import compose as extraction
from ingest.scrape import warc
from ingest.clean.decode import InputError, MAX_BYTES, check_size, decode
from ingest.clean.html_clean import clean_html
from ingest.language.normalize import clean_text
from ingest.record import new_record
from ingest.clean.text_clean import clean_dump

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)
WARC_SUFFIXES = (".warc", ".warc.gz")
SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + WARC_SUFFIXES


def _kind(path):
    name = path.name.lower()
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return None


def is_warc(path):
    return _kind(Path(path)) == "warc"


def expand_paths(paths):
    """Files as given, folders walked recursively for the kinds we read (sorted, so a
    batch is reproducible). Returns (files, problems) where problems are
    (path, reason) for inputs that do not exist or are of an unknown kind."""
    files, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and _kind(p)))
        elif path.is_file():
            if _kind(path):
                files.append(path)
            else:
                problems.append((str(path), f"not a supported file type (expected {', '.join(SUFFIXES)})"))
        else:
            problems.append((str(path), "no such file or folder"))
    return files, problems


def records_from_bytes(data, source, kind, declared_charset=None):
    """Clean and extract one input already in memory (a file, or a fetched page)."""
    text = clean_text(decode(data, declared_charset))
    fields = clean_html(text, source) if kind == "html" else clean_dump(text, source)
    record = new_record(source, **fields)
    return [extraction.extract(record)]


def records_from_path(path):
    path = Path(path)
    try:
        check_size(path.stat().st_size)
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return records_from_bytes(data, str(path), _kind(path))


def _guarded(source, read):
    """(source, records, error) from read(), and never an exception."""
    try:
        return source, read(), None
    except InputError as exc:
        return source, [], str(exc)
    except RecursionError:
        return source, [], "page too deeply nested to parse"
    except Exception as exc:  # an unexpected bug must not kill the batch; it is reported, not hidden
        return source, [], f"internal error ({type(exc).__name__}: {exc})"


def _items(path):
    """(source, records, error) for one input: a file, or each HTML page of a WARC file
    (its source is the page's URL)."""
    if not is_warc(path):
        yield _guarded(str(path), lambda: records_from_path(path))
        return
    try:
        for uri, data, charset in warc.html_responses(path):
            yield _guarded(uri, lambda: records_from_bytes(data, uri, "html", charset))
    except InputError as exc:  # the WARC file is damaged: the pages before the damage are kept
        yield str(path), [], str(exc)


def _safe(path):
    """Worker entry: the list of _items(path)."""
    return list(_items(path))


def process(paths, jobs=1):
    """Yield (source, records, error) for each file (each HTML page of a WARC file), in input order."""
    paths = list(paths)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths) or 1))
    if jobs == 1:
        extraction.warm_up()
        for path in paths:
            yield from _items(path)
        return
    with get_context("fork").Pool(jobs, initializer=extraction.warm_up) as pool:
        for items in pool.imap(_safe, paths, chunksize=4):
            yield from items

"""From input paths to article records: read, decode, clean, extract.

Each input is handled on its own and any failure is turned into a one-line
reason, so one bad file never stops a batch. Batches run on several processes
(`jobs`), each loading the language models once.
"""
import os
from multiprocessing import get_context
from pathlib import Path

from ingest import extract as extraction
from ingest.decode import InputError, MAX_BYTES, check_size, decode
from ingest.html_clean import clean_html
from ingest.normalize import clean_text
from ingest.record import new_record
from ingest.text_clean import clean_dump

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)
SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES


def _kind(path):
    name = path.name.lower()
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


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


def _safe(path):
    """Worker entry: (source, records, error) and never an exception."""
    try:
        return str(path), records_from_path(path), None
    except InputError as exc:
        return str(path), [], str(exc)
    except RecursionError:
        return str(path), [], "page too deeply nested to parse"
    except Exception as exc:  # an unexpected bug must not kill the batch; it is reported, not hidden
        return str(path), [], f"internal error ({type(exc).__name__}: {exc})"


def process(paths, jobs=1):
    """Yield (source, records, error) for each file, in input order."""
    paths = list(paths)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths) or 1))
    if jobs == 1:
        extraction.warm_up()
        yield from map(_safe, paths)
        return
    with get_context("fork").Pool(jobs, initializer=extraction.warm_up) as pool:
        yield from pool.imap(_safe, paths, chunksize=4)

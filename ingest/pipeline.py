"""From input paths to article records: read, decode, clean, extract.

Each input is handled on its own and any failure is turned into a one-line
reason, so one bad file never stops a batch. What was done to keep a damaged or
outsized input (bad bytes replaced, extraction limited) comes with it as notes,
one line each, for the commands to print as warnings. Batches run on several processes
(`jobs`), each loading the language models once.
"""
import errno
import os
import stat
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


def shown(path):
    """The printable, storable name of a path. A name that is not UTF-8 (an old
    windows-1258 archive) reaches Python with surrogate escapes, which SQLite and
    terminals refuse: its odd bytes are written as backslash escapes (b'b\\xe1o.txt'
    -> 'b\\xe1o.txt'), the same on every run, so re-ingest finds the same record."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _not_a_file(mode):
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    what = next((name for test, name in kinds if test(mode)), "a special file")
    return f"not a regular file ({what}); it is not read"


def _stat_problem(raw, exc):
    """A true reason why raw cannot be looked at: an archivist fixes a broken link or a
    loop differently from a missing file."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and os.path.islink(raw):
        return f"broken symbolic link (points to {shown(os.readlink(raw))}, which does not exist)"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    if exc.errno == errno.ENOTDIR:
        return "not a folder: part of this path is a file"
    return f"cannot read: {(exc.strerror or str(exc)).lower()}"


def expand_paths(paths):
    """Files as given, folders walked recursively for the kinds we read (sorted, so a
    batch is reproducible). Returns (files, problems) where problems are
    (path, reason) for inputs that cannot be read or are of an unknown kind. Inputs
    are looked at with stat only: a FIFO is never opened, so it cannot block."""
    files, problems = [], []
    for raw in paths:
        raw = os.fsdecode(raw)  # bytes paths (old archives) are accepted as well
        try:
            mode = os.stat(raw).st_mode  # the raw text: "page.html/" must not lose its slash
        except OSError as exc:
            problems.append((shown(raw), _stat_problem(raw, exc)))
            continue
        path = Path(raw)
        if stat.S_ISDIR(mode):
            for p in sorted(path.rglob("*")):
                if not _kind(p) or p.is_dir():
                    continue
                if p.is_file():
                    files.append(p)
                else:  # a dangling link or a pipe that looks like an article is reported, not skipped
                    try:
                        problems.append((shown(p), _not_a_file(os.stat(p).st_mode)))
                    except OSError as exc:
                        problems.append((shown(p), _stat_problem(p, exc)))
        elif not stat.S_ISREG(mode):
            problems.append((shown(raw), _not_a_file(mode)))
        elif _kind(path):
            files.append(path)
        else:
            problems.append((shown(raw), f"not a supported file type (expected {', '.join(SUFFIXES)})"))
    return files, problems


def records_from_bytes(data, source, kind, declared_charset=None, notes=None, source_key=None):
    """Clean and extract one input already in memory (a file, or a fetched page);
    notes (a list), when given, receives a line for each thing the user should know.
    source_key identifies a file's source (ingest.identity); a page names its own."""
    text = clean_text(decode(data, declared_charset, notes))
    fields = clean_html(text, source) if kind == "html" else clean_dump(text, source)
    record = new_record(source, **fields, source_key=source_key)
    return [extraction.extract(record, notes)]


def records_from_path(path, notes=None):
    """Records of one file. It is opened without blocking and checked to be a regular
    file, so a file replaced by a FIFO after expand_paths cannot hang the batch."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(fd, "rb") as fh:
            mode = os.fstat(fd)
            if not stat.S_ISREG(mode.st_mode):
                raise InputError(_not_a_file(mode.st_mode))
            check_size(mode.st_size)
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return records_from_bytes(data, shown(path), _kind(path), notes=notes, source_key=shown(os.path.abspath(path)))


def _guarded(source, read):
    """(source, records, error, notes) from read(notes), and never an exception."""
    notes = []
    try:
        return source, read(notes), None, notes
    except InputError as exc:
        return source, [], str(exc), notes
    except RecursionError:
        return source, [], "page too deeply nested to parse", notes
    except Exception as exc:  # an unexpected bug must not kill the batch; it is reported, not hidden
        return source, [], f"internal error ({type(exc).__name__}: {exc})", notes


def _items(path):
    """(source, records, error, notes) for one input: a file, or each HTML page of a
    WARC file (its source is the page's URL; a page refused by the WARC reader, too
    large, is an error of its own and the reading goes on)."""
    if not is_warc(path):
        yield _guarded(shown(path), lambda notes: records_from_path(path, notes))
        return
    try:
        for uri, data, charset, problem in warc.html_responses(path):
            if problem:
                yield uri, [], problem, []
                continue
            yield _guarded(uri, lambda notes: records_from_bytes(data, uri, "html", charset, notes))
    except InputError as exc:  # the WARC file is damaged: the pages before the damage are kept
        yield shown(path), [], str(exc), []


def map_partition(inputs):
    """The map of the whole pipeline over a partition (a sequence of input paths):
    (source, records, error, notes) for each file, each HTML page of a WARC file, in
    order. A pure function of the inputs, and the one entry every engine calls: the
    --jobs pool below, the Dask workers of `thidua extract --cluster`
    (ingest.scale) and whatever comes next, so the same input gives the same
    records wherever it runs. It yields, so one process can stream a large WARC
    file; an engine that ships results lists them (partition_results)."""
    for path in inputs:
        yield from _items(path)


def partition_results(inputs):
    """map_partition as one picklable list, for engines that send results back."""
    return list(map_partition(inputs))


def process(paths, jobs=1):
    """Yield (source, records, error, notes) for each file (each HTML page of a WARC
    file), in input order."""
    paths = list(paths)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths) or 1))
    if jobs == 1:
        extraction.warm_up()
        yield from map_partition(paths)
        return
    with get_context("fork").Pool(jobs, initializer=extraction.warm_up) as pool:
        for items in pool.imap(partition_results, ([path] for path in paths), chunksize=4):
            yield from items

"""The inputs of an ingest: which files a batch holds, what each is, and how it is
recognised when it comes again (its full path, a hash of its bytes, and the version
of the rules that read it). Light on purpose: a re-ingest of unchanged files needs
nothing else, and never loads the parsers or the language models.
"""
import errno
import hashlib
import os
import stat
from functools import lru_cache
from pathlib import Path

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)
WARC_SUFFIXES = (".warc", ".warc.gz")
PAGES_SUFFIXES = (".pages.jsonl", ".pages.jsonl.gz")  # raw pages as JSON lines (ingest.scrape.pages_jsonl)
SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + WARC_SUFFIXES + PAGES_SUFFIXES


def _kind(path):
    name = path.name.lower()
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(PAGES_SUFFIXES):
        return "pages"
    return None


def holds_pages(path):
    """Whether one input file holds many pages (a WARC file, JSON lines of pages)."""
    return _kind(Path(path)) in ("warc", "pages")


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


INGEST = Path(__file__).resolve().parent
# What turns bytes into a record: its code, word lists and near-copy keys.
RULE_FILES = ("pipeline.py", "record.py", "inputs.py", "identity", "clean", "extract", "language", "data")


@lru_cache(maxsize=1)
def extractor_version():
    """{"thidua", "underthesea", "rules"}: what made a record — the package's version,
    the word segmenter's, and a fingerprint of the rule files, which change more often
    than the version number does. An input read by another extractor is read again
    (so an upgrade reaches the whole archive), and a shard made by another is refused."""
    digest = hashlib.sha1()
    for file in rule_files(INGEST):
        digest.update(file.relative_to(INGEST).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return {"thidua": _version("thidua"), "underthesea": _version("underthesea"), "rules": digest.hexdigest()[:12]}


def rule_files(root):
    """The files under root (the ingest package) whose content decides the records."""
    for name in RULE_FILES:
        path = root / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts and file.suffix != ".pyc":
                yield file


def _version(package):
    from importlib import metadata  # imported late: a tenth of a second, for ingest runs only

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def raw_hash(path):
    """The hash of a file's bytes, read in blocks (a WARC file may be large); None when
    it cannot be read (reading it proper will say why)."""
    digest = hashlib.sha1()
    try:
        with open(path, "rb", buffering=0) as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def input_key(path):
    """The key a file is remembered by: its full path, as stored for its source."""
    return shown(os.path.abspath(path))

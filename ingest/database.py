"""One way to open the project's SQLite files (the records, the crawl frontier).

Writing commands open them read-write in WAL mode (readers never wait for a
writer); reading commands open them read-only and never create one, so a
mistyped --data-dir is reported instead of becoming an empty archive, and an
archive on read-only media (a DVD, a write-protected share) can still be read.
Every failure of a data folder is an ArchiveError: one line naming the file, what
is wrong and what to do.
"""
import errno
import os
import sqlite3
from pathlib import Path

LOCK_WAIT = 30  # seconds a command waits for another program's write to finish


class ArchiveError(Exception):
    """A data folder or database that cannot be used; the message says how to fix it."""


def _usable_folder(folder):
    """The folder, or an ArchiveError naming the file that stands where a folder should."""
    for parent in [folder, *folder.parents]:
        if parent.exists():
            if not parent.is_dir():
                raise ArchiveError(f"cannot use {folder} as the data folder: {parent} is a file, not a folder "
                                   f"— give another --data-dir")
            return


def open_database(path, schema):
    """An SQLite file opened for writing, created with its schema if missing."""
    path = Path(path)
    _usable_folder(path.parent)
    if path.is_dir():
        raise explain(sqlite3.OperationalError("unable to open database file"), path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchiveError(f"cannot create the data folder {path.parent}: {exc.strerror}") from None
    try:
        db = sqlite3.connect(path, timeout=LOCK_WAIT)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.executescript(schema)
    except sqlite3.Error as exc:
        raise explain(exc, path) from None
    return db


def open_reading(path, what="archive"):
    """An existing SQLite file opened read-only; never creates nor changes it.

    On a folder that cannot be written (read-only media) SQLite cannot make the
    shared-memory file a WAL reader needs, so the file is opened as immutable:
    nobody can be writing it there anyway."""
    path = Path(path)
    _usable_folder(path.parent)
    if not path.exists():
        raise ArchiveError(f"no {what} in {path.parent} (no {path.name} there): check --data-dir, "
                           f"or run `thidua ingest` to make one")
    if path.is_dir():
        raise explain(sqlite3.OperationalError("unable to open database file"), path)
    mode = "mode=ro" if os.access(path.parent, os.W_OK) else "immutable=1"
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=LOCK_WAIT)
        db.row_factory = sqlite3.Row
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a damaged file fails here, not mid-listing
    except sqlite3.Error as exc:
        raise explain(exc, path) from None
    return db


def explain(exc, path):
    """The ArchiveError for an SQLite error met on the file at path."""
    message = str(exc)
    path = Path(path)
    if "not a database" in message or "malformed" in message:
        fix = (f"{path} is damaged ({message}): move it aside and ingest the sources again, "
               f"or restore it from a backup")
    elif "locked" in message or "busy" in message:
        fix = (f"{path} is locked by another program (waited {LOCK_WAIT}s): "
               f"try again when it has finished")
    elif "readonly" in message or "read-only" in message:
        fix = (f"{path} cannot be written (read-only): reading commands (search, timeline, stats, show) "
               f"work here; to ingest, copy the data folder to writable storage")
    elif "full" in message:
        fix = f"the disk holding {path} is full: free some space and run the command again (stored batches are kept)"
    elif path.is_dir():
        fix = f"{path} is a folder, not a database: move it aside or give another --data-dir"
    elif "unable to open" in message and not os.access(path.parent, os.W_OK):
        fix = (f"{path} cannot be written (read-only folder): reading commands (search, timeline, stats, "
               f"show) work here; to ingest, copy the data folder to writable storage")
    else:
        fix = f"{path}: {message}"
    return ArchiveError(fix)


def os_failure(exc, where):
    """The ArchiveError for a full disk or unwritable storage met at where, else None."""
    if exc.errno == errno.ENOSPC:
        return ArchiveError(f"the disk holding {where} is full: free some space and run the command again "
                            f"(stored batches are kept; `thidua ingest` indexes what was not)")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ArchiveError(f"{where} cannot be written ({exc.strerror}): reading commands work on read-only "
                            f"archives; to ingest or reindex, copy the data folder to writable storage")
    return None

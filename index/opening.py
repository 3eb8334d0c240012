"""Opening an index generation, with one clear error when it cannot be read.

An index is derived data: whatever damaged it (a deleted segment file, a table of
contents overwritten, an emptied folder), `thidua reindex` rebuilds it from the
records, so that is the fix every such error names. A full disk or read-only
storage is not damage, and is said as what it is.
"""
import pickle
import struct

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from ingest.database import ArchiveError, os_failure


class IndexDamaged(ArchiveError):
    """An index generation that Whoosh cannot open."""


# What Whoosh raises on a damaged folder: no table of contents, a table of contents
# from "another architecture" (overwritten bytes), a missing or cut segment file.
DAMAGE = (whoosh_index.EmptyIndexError, whoosh_index.IndexError, OSError, EOFError, ValueError,
          struct.error, pickle.UnpicklingError, KeyError)


def _reason(exc):
    if isinstance(exc, whoosh_index.EmptyIndexError):
        return "no table of contents"
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or exc}: {exc.filename}"
    return str(exc).split("\n")[0] or type(exc).__name__


def failure(folder, exc):
    """The ArchiveError for exc met while reading or writing the index in folder."""
    if isinstance(exc, OSError) and (known := os_failure(exc, folder)):
        return known
    return IndexDamaged(f"the index in {folder} cannot be read ({_reason(exc)}): run `thidua reindex` "
                        f"to rebuild it from the records (nothing stored is lost)")


def open_index(folder):
    """The Whoosh index in folder (segments are opened later, by its reader or writer).

    Opened without memory maps: Whoosh wraps each mapped segment file in a BytesIO
    (whoosh.filedb.structfile.BufferFile), which copies all of it into memory when the
    index opens — 150 MB of postings and term index at 10,000 articles, read before
    the first query. Without maps it reads the parts a query needs, when it needs them."""
    try:
        return FileStorage(str(folder), supports_mmap=False).open_index()
    except DAMAGE as exc:
        raise failure(folder, exc) from None

"""What a search works out from a whole index (near-copy groups, facet columns, the
unit facet by authority entry), kept in a file beside the index for the next process.

A one-shot `thidua search` on 10,000 articles spent about 140 ms of its 200 ms of
work building these, the same each time until the next commit. A file is named by
what it was built from: the index's segments as committed (their ids, sizes and
deletions: a commit that adds, replaces or deletes anything changes the name) and,
for what depends on the authority, the authority's version. So a file is never out
of date, only no longer used; writing one removes those of earlier commits. Keeping
is best effort: on a read-only archive or a full disk the work is done each time, and
a file that cannot be read is built again.
"""
import hashlib
import os
import pickle
import stat
import tempfile
import time
from pathlib import Path

PREFIX = ".derived-"
# What the values are and how they are worked out: a change to either (index.finder's
# copy groups or facet columns, index.entities' unit columns) must change FORMAT, so
# that files an older thidua left are not read as this one's.
FORMAT = 1
LEFTOVER_SECONDS = 3600  # a temporary file this old was left by a killed process


def commit_key(reader):
    """A short name for the committed state a reader reads; None for an index without a
    segment (nothing worth keeping)."""
    segments = [leaf.segment() for leaf, _ in reader.leaf_readers()]
    if not segments or any(segment is None for segment in segments):
        return None
    described = [(s.segment_id(), s.doc_count_all(), s.deleted_count()) for s in segments]
    return hashlib.sha1(repr((FORMAT, reader.generation(), described)).encode()).hexdigest()[:16]


def kept(folder, key, name, build, version=""):
    """build(), read from the file of (key, name, version) in folder when there is one,
    else built and written there (key None: built, not kept)."""
    if key is None:
        return build()
    path = Path(folder) / f"{PREFIX}{key}-{name}-{_safe(version)}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, or damaged: built again (any unpickling error)
        pass
    value = build()
    _write(path, value, f"{PREFIX}{key}-", f"{PREFIX}{key}-{name}-")
    return value


def _safe(version):
    return hashlib.sha1(str(version).encode()).hexdigest()[:12]


def _write(path, value, commit, same):
    """Written whole or not at all (a temporary file renamed), then removed: the files
    not of this commit (named `commit`...), those of the same commit and name for
    another authority version (`same`...), and temporary files killed processes left."""
    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".derived.", suffix=".tmp")
    except OSError:
        return
    try:
        os.fchmod(handle, stat.S_IMODE(os.stat(path.parent).st_mode) & 0o666)  # readable as the index is
        with os.fdopen(handle, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        return
    for old in path.parent.glob(".derived*"):
        try:
            if old.suffix == ".tmp":
                if time.time() - old.stat().st_mtime > LEFTOVER_SECONDS:
                    old.unlink()
            elif old != path and (not old.name.startswith(commit) or old.name.startswith(same)):
                old.unlink()
        except OSError:  # gone meanwhile, or not ours to remove: no matter
            pass

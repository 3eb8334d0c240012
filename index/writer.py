"""Writing the index: incremental updates during ingest, and full rebuilds.

The index folder in the data folder ("index") is a symlink to the generation in
use ("index.<id>"). Whoosh commits by writing new segment files and then renaming
a table of contents into place, so a process killed mid-write leaves the last
committed state readable; readers never take a lock, so searching goes on while
an ingest writes. One writer at a time: a second waits up to `timeout` seconds
for the lock (an flock, freed even if its holder is killed), then gives up with a
clear message. A rebuild writes a fresh generation and swaps the symlink in one
rename, so a crash during a rebuild leaves the old index in place.
"""
import os
import shutil
import uuid
from pathlib import Path

import click
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from index.schema import document, schema
from ingest.language.segment import segment

INDEX_LINK = "index"
WAIT_SECONDS = 60


class IndexBusy(click.ClickException):
    pass


def _segmented(record):
    """Extraction segments each article once and keeps it in the record; records made
    before that (or by hand) are segmented here."""
    return record.get("segmented") or segment(record.get("text") or "")


def index_path(data_dir):
    return Path(data_dir) / INDEX_LINK


def _new_generation(data_dir):
    folder = Path(data_dir) / f"{INDEX_LINK}.{uuid.uuid4().hex[:12]}"
    folder.mkdir(parents=True)
    whoosh_index.create_in(folder, schema())
    return folder


def _point_to(data_dir, folder):
    """Make data_dir/index point at folder, atomically (rename over the old link)."""
    temp = Path(data_dir) / f".{INDEX_LINK}.{uuid.uuid4().hex[:8]}"
    os.symlink(folder.name, temp)
    os.replace(temp, index_path(data_dir))


def open_for_writing(data_dir):
    path = index_path(data_dir)
    if not path.exists():
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        lock = FileStorage(str(data_dir)).lock(".index-create")
        lock.acquire(blocking=True)  # two first ingests must not both create one
        try:
            if not path.exists():
                _point_to(data_dir, _new_generation(data_dir))
        finally:
            lock.release()
    return whoosh_index.open_dir(path)


def _writer(ix, timeout, **kwargs):
    try:
        return ix.writer(timeout=timeout, **kwargs)
    except LockError:
        raise IndexBusy(f"the index in {ix.storage.folder} is being written by another thidua process "
                        f"(ingest or reindex); waited {timeout:g}s — try again when it has finished") from None


def update(data_dir, records, timeout=WAIT_SECONDS):
    """Add or replace (same id) the records' documents; returns how many were written."""
    docs = [document(r, _segmented(r)) for r in records]
    if not docs:
        return 0
    ix = open_for_writing(data_dir)
    writer = _writer(ix, timeout)
    try:
        for doc in docs:
            writer.update_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return len(docs)


def rebuild(data_dir, records, procs=1, timeout=WAIT_SECONDS, progress=None):
    """Build a new generation from records() (a callable giving the records) and swap it in.

    The old generation's write lock is held throughout, so no ingest writes to an
    index about to be replaced. Returns the number of documents indexed.
    """
    data_dir = Path(data_dir)
    old_link = index_path(data_dir)
    old = old_link.resolve() if old_link.exists() else None
    guard = _writer(whoosh_index.open_dir(old), timeout) if old else None
    try:
        folder = _new_generation(data_dir)
        count = _fill(folder, records(), procs, progress)
        if count is None:
            # Whoosh's multiprocess writer can drop a late batch: build again in one process.
            shutil.rmtree(folder)
            folder = _new_generation(data_dir)
            count = _fill(folder, records(), 1, progress)
        _point_to(data_dir, folder)
    finally:
        if guard is not None:
            guard.cancel()
    for stale in data_dir.glob(f"{INDEX_LINK}.*"):
        if stale.is_dir() and stale.resolve() != folder.resolve():
            shutil.rmtree(stale, ignore_errors=True)
    return count


def _fill(folder, records, procs, progress):
    ix = whoosh_index.open_dir(folder)
    options = {"procs": procs, "multisegment": True, "limitmb": 256} if procs > 1 else {"limitmb": 256}
    writer = ix.writer(**options)
    ids = set()
    try:
        for record in records:
            writer.add_document(**document(record, _segmented(record)))
            ids.add(record["id"])
            if progress:
                progress(len(ids))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    written = whoosh_index.open_dir(folder).doc_count()
    return written if written == len(ids) else None

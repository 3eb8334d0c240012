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
import gc
import multiprocessing
import os
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import click
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from index import merging
from index.opening import DAMAGE, IndexDamaged, failure, open_index
from index.schema import document, schema

INDEX_LINK = "index"
WAIT_SECONDS = 60


class IndexBusy(click.ClickException):
    pass


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
    """The index generation in use, opened at its real folder (so that its lock is
    that generation's, whatever the link points to later); made if missing."""
    path = index_path(data_dir)
    if not path.exists():
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        with _data_dir_lock(data_dir, ".index-create", None):  # two first ingests must not both make one
            if not path.exists():
                _point_to(data_dir, _new_generation(data_dir))
    return open_index(path.resolve())


@contextmanager
def _data_dir_lock(data_dir, name, timeout):
    """An flock on a file of the data folder, waited for up to timeout seconds (None: for ever)."""
    lock = FileStorage(str(data_dir)).lock(name)
    deadline = None if timeout is None else time.monotonic() + timeout
    while not lock.acquire(blocking=timeout is None):
        if time.monotonic() > deadline:
            raise IndexBusy(f"the index in {data_dir} is being rebuilt by another `thidua reindex`; "
                            f"waited {timeout:g}s — try again when it has finished")
        time.sleep(0.2)
    try:
        yield
    finally:
        lock.release()


def _writer(data_dir, timeout, **kwargs):
    """(index, writer) on the generation in use. A rebuild may swap generations while
    this waits for the lock: then the lock won is on an old folder, and the wait
    starts again on the new one."""
    deadline = time.monotonic() + timeout
    while True:
        ix = open_for_writing(data_dir)
        try:
            writer = ix.writer(timeout=max(deadline - time.monotonic(), 0.1))
        except LockError:
            raise IndexBusy(f"the index in {data_dir} is being written by another thidua process "
                            f"(ingest or reindex); waited {timeout:g}s — try again when it has finished") from None
        except FileNotFoundError as exc:
            if index_path(data_dir).resolve() != Path(ix.storage.folder):
                continue  # the generation was removed by a rebuild while we waited
            raise failure(ix.storage.folder, exc) from None
        if index_path(data_dir).resolve() == Path(ix.storage.folder):
            return ix, writer
        writer.cancel()


@contextmanager
def _collector_paused():
    """The cyclic garbage collector paused while a writer gathers and writes postings:
    the pool keeps a list of postings per term (index.postings.TermPool), and each full
    collection walks them all again — a tenth of a rebuild's CPU at 1,000 articles.
    Whatever cycles the writer leaves are collected once it is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def update(data_dir, records, removed=(), timeout=WAIT_SECONDS):
    """Add or replace (same id) the records' documents and delete those of removed ids;
    returns how many documents were written."""
    records, removed = list(records), list(removed)
    return apply(data_dir, lambda: (records, removed), timeout)


def apply(data_dir, read, timeout=WAIT_SECONDS, merge=True, procs=1):
    """Write what read() -> (records, removed ids) gives, reading it once the write lock
    is held: two processes indexing the same article cannot then write an older
    version over a newer one. One document per id: of a record given twice, the last.
    Segments are merged as index.merging.tiered chooses; with merge=False, by the next
    commit that merges (the policy looks at every segment there is). With procs > 1,
    a large enough write is shared by up to procs processes (apply_shared)."""
    ix, writer = _writer(data_dir, timeout)
    try:
        with _collector_paused():
            try:
                records, removed = read()
                docs = {r["id"]: r for r in records}
                for article_id in removed:
                    writer.delete_by_term("id", article_id)
                parts = min(procs, len(docs) // PART_LEAST)
                if parts > 1:
                    apply_shared(ix, writer, list(docs.values()), parts, merge)
                    return len(docs)
                for record in docs.values():
                    writer.update_document(**document(record))
            except BaseException:
                writer.cancel()
                raise
            if docs or removed:
                writer.commit(mergetype=merging.tiered) if merge else writer.commit(merge=False)
            else:
                writer.cancel()
    except DAMAGE as exc:
        raise failure(ix.storage.folder, exc) from None
    return len(docs)


PART_LEAST = 50  # documents worth a process of their own: fewer cost more to fork for than they save


def apply_shared(ix, writer, records, procs, merge):
    """Write records (of distinct ids) on procs processes and commit: procs - 1 forked
    ones each write a part into a segment of their own, as a rebuild's do (_fill), while
    this one writes the last part (and merges, if merge: the policy sees this part as
    the segment being written, the others' as none), and one table of contents
    names every segment. For the last commit of an ingest with helpers, written once
    the helpers have nothing left to extract: it takes the cores they leave idle. The
    older versions of the forked processes' documents are deleted here, as
    update_document would. The caller cancels the writer if this raises."""
    cut = [len(records) * part // procs for part in range(procs + 1)]
    helpers = []
    try:
        for start, end in zip(cut, cut[1:-1]):
            part = records[start:end]
            try:
                helper = _Helper(ix)
            except OSError:  # no process to be had (memory, process limits): this one writes the part
                for record in part:
                    writer.update_document(**document(record))
                continue
            for record in part:
                writer.delete_by_term("id", record["id"])
            helpers.append(helper)
            helper.send([document(record) for record in part])
            helper.finish()
        for record in records[cut[-2]:]:
            writer.update_document(**document(record))
        segments = writer._merge_segments(merging.tiered if merge else None, None, merge)
        segments.append(writer._finalize_segment())
        segments += [segment for segment in (helper.segment() for helper in helpers) if segment is not None]
    except BaseException:
        for helper in helpers:
            helper.stop()
        raise
    writer._commit_toc(segments)
    writer._finish()


def rebuild(data_dir, records, procs=1, timeout=WAIT_SECONDS, progress=None):
    """Build a new generation from records() (a callable giving the records) and swap it in.

    One rebuild at a time (a lock of the data folder). The old generation's write
    lock is held throughout, so no ingest writes to an index about to be replaced;
    an old generation that cannot be opened (damaged) is simply replaced.
    Generations left by killed rebuilds are removed. Returns the number of
    documents indexed.
    """
    data_dir = Path(data_dir)
    with _data_dir_lock(data_dir, ".index-rebuild", timeout):
        link = index_path(data_dir)
        with _data_dir_lock(data_dir, ".index-create", None):  # not a first ingest's generation in the making
            _remove_generations(data_dir, keep=link.resolve() if link.exists() else None)
        guard = None
        if link.exists():
            try:
                _, guard = _writer(data_dir, timeout)
            except IndexDamaged:
                pass
        folder = None
        try:
            folder = _new_generation(data_dir)
            count = _fill(folder, records(), procs, progress)
            _point_to(data_dir, folder)
        except DAMAGE as exc:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)  # the old generation stays in use
            raise failure(folder or data_dir, exc) from None
        finally:
            if guard is not None:
                guard.cancel()
        _remove_generations(data_dir, keep=folder)
    return count


def remove_stale_generations(data_dir, timeout=WAIT_SECONDS):
    """Remove the generations and half-made links that killed rebuilds left (`thidua
    check --repair`), holding the rebuild lock so that no rebuild is in the making."""
    data_dir = Path(data_dir)
    with _data_dir_lock(data_dir, ".index-rebuild", timeout):
        link = index_path(data_dir)
        _remove_generations(data_dir, keep=link.resolve() if link.exists() else None)
        for temp in data_dir.glob(f".{INDEX_LINK}.*"):
            if temp.is_symlink():
                temp.unlink(missing_ok=True)


def _remove_generations(data_dir, keep):
    """Every index.<id> folder but keep: old generations and those of killed rebuilds
    (only a rebuild makes them, and the caller holds the rebuild lock)."""
    for stale in Path(data_dir).glob(f"{INDEX_LINK}.*"):
        if stale.is_dir() and not stale.is_symlink() and (keep is None or stale.resolve() != Path(keep).resolve()):
            shutil.rmtree(stale, ignore_errors=True)


def _fill(folder, records, procs, progress):
    """Index records into the empty generation in folder: one segment per process.
    With procs > 1, batches of BATCH documents go in turn to procs - 1 forked
    processes, each writing a segment of its own, and to this one, which reads the
    records and writes the table of contents naming every segment. (Whoosh's
    multiprocess writer did the same with every document through a temporary file and
    a queue, and dropped a late segment when the queue's one-second wait ran out.)"""
    ix = open_index(folder)
    writer = ix.writer(limitmb=256)
    helpers, count = [], 0
    with _collector_paused():
        try:
            if procs > 1:
                import numpy  # noqa: F401 - the pool's (index.postings): loaded before the helpers fork, not by each
            for _ in range(procs - 1):
                try:
                    helpers.append(_Helper(ix))
                except OSError:  # no more processes to be had (memory, process limits): fewer write
                    break
            batch = []
            for record in records:
                batch.append(document(record))
                count += 1
                if len(batch) == BATCH:
                    _hand(writer, helpers, count // BATCH, batch)
                    batch = []
                    if progress:
                        progress(count)
            _hand(writer, helpers, 0, batch)
            for helper in helpers:
                helper.finish()  # each writes its segment while this one writes its own
            own = writer._finalize_segment() if writer._added else writer._close_segment()
            segments = [helper.segment() for helper in helpers] + [own]
        except BaseException:
            for helper in helpers:
                helper.stop()
            writer.cancel()
            raise
        if progress:
            progress(count)
        writer._commit_toc([segment for segment in segments if segment is not None])
        writer._finish()
    return count


BATCH = 50  # documents handed to a process at a time


def _hand(writer, helpers, turn, batch):
    """A batch of documents to the process whose turn it is: a helper, or this one's writer."""
    turn %= len(helpers) + 1
    if turn < len(helpers):
        helpers[turn].send(batch)
    else:
        for doc in batch:
            writer.add_document(**doc)


class _Helper:
    """A forked process writing the documents it is sent into a segment of its own (of
    the index the parent holds the write lock of), which it sends back at the end."""

    def __init__(self, ix):
        context = multiprocessing.get_context("fork")
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_help, args=(ix, theirs), daemon=True)
        self.process.start()
        theirs.close()
        self.sent = 0

    def send(self, batch):
        self._send(batch)
        self.sent += len(batch)

    def finish(self):
        """No more documents: write the segment."""
        self._send(None)

    def _send(self, message):
        try:
            self.conn.send(message)
        except OSError:  # the helper has stopped: the error it sent back, if any
            self._reply()
            raise IndexingFailed("a process writing part of the index stopped before the end") from None

    def segment(self):
        """The segment written (None if it was sent nothing), checked to hold every document sent."""
        segment = self._reply()
        held = segment.doc_count() if segment is not None else 0
        if held != self.sent:
            raise IndexingFailed(f"a process writing part of the index wrote {held} of {self.sent} documents")
        return segment

    def _reply(self):
        """What the helper sent back: its segment, or the error that stopped it, raised here."""
        try:
            reply = self.conn.recv()
        except (EOFError, ConnectionError):  # killed (out of memory?): not a damaged index, which DAMAGE would say
            raise IndexingFailed("a process writing part of the index ended without finishing its part") from None
        finally:
            self.process.join()
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def stop(self):
        self.process.kill()
        self.process.join()


def _help(ix, conn):
    from whoosh.writing import SegmentWriter

    gc.disable()  # see _collector_paused
    writer = SegmentWriter(ix, _lk=False, limitmb=256)
    try:
        while (batch := conn.recv()) is not None:
            for doc in batch:
                writer.add_document(**doc)
        conn.send(writer._finalize_segment() if writer._added else None)
    except (EOFError, KeyboardInterrupt):
        pass  # the parent is gone (killed), or Ctrl-C reached the whole group: the parent says it
    except Exception as exc:  # noqa: BLE001 - sent back whole, to be raised in the parent
        conn.send(exc)


class IndexingFailed(click.ClickException):
    pass

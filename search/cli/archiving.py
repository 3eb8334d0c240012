"""The one path from article records to the archive, taken by `ingest` and `crawl`.

Records go to SQLite in batches, one transaction each, then to the search index —
so whatever either command stores is searchable, and a killed run loses at most
what was not stored yet (the batch in flight; with `ingest`, what waits in the
writer's queue too), whose inputs the next run reads again. The index is written in larger windows than the batches (every
INDEX_EVERY articles or INDEX_SECONDS, and at the end): each Whoosh commit writes a
segment and merges earlier ones, so committing per batch cost more than extraction.
What is stored but not yet indexed is on the store's journal, so a run killed
between two windows loses nothing: the next writer indexes it first.

`ingest` stores and indexes in the background (Archive(background=True)): a
process of its own (Writer) takes the records as they come, stores them batch by
batch and indexes the journal in rounds, while this one only cleans and extracts
(or, with --jobs, gathers what its workers extracted). Storing (identity, near
copies, authorities: about a tenth of an article's extraction) and index writing
(half of it, pure Python in Whoosh) then run on the other core instead of between
two extractions. An error there (a full disk, another writer) stops the run as it
would here.
"""
import os
import queue
import signal
import time
from datetime import datetime, timezone
from multiprocessing import get_context

from ingest import store
from search.cli.output import report_notes

STATUSES = ("new", "copy", "updated", "unchanged", "duplicate")
INDEX_EVERY, INDEX_SECONDS = 1000, 30.0
BACKGROUND_EVERY, BACKGROUND_SECONDS = 250, 10.0  # rounds of the background Writer


class Archive:
    """One run's records on their way in; counts how each was stored (see store.save_batch)."""

    def __init__(self, data_dir, batch_size=50, index_every=INDEX_EVERY, index_seconds=INDEX_SECONDS,
                 background=False):
        self.data_dir, self.batch_size = data_dir, batch_size
        self.index_every, self.index_seconds = index_every, index_seconds
        self.db = store.connect(data_dir)
        self.pending = []     # (record, input) not yet stored
        self.unindexed = len(store.unindexed_ids(self.db))  # stored, not indexed (an earlier run's too)
        self.indexed_at = time.monotonic()
        self.counts = dict.fromkeys(STATUSES, 0)
        self.produced = {}    # input -> the ids of the articles its records were stored as
        self.writer = Writer(data_dir, batch_size) if background else None

    def add(self, records, origin=None):
        """Queue records (of the input `origin`, if given); a full batch is stored, and
        indexed when the index window is full."""
        if self.writer:
            self.writer.add(records, origin)
            return
        self.pending.extend((record, origin) for record in records)
        if len(self.pending) >= self.batch_size:
            self._store_pending()
            if self.unindexed >= self.index_every or time.monotonic() - self.indexed_at >= self.index_seconds:
                self._index()

    def close(self):
        """Close the records database: the last connection to close folds SQLite's
        write-ahead log into the file, so the data folder is whole on its own."""
        if self.writer:
            self.writer.stop()
        self.db.close()

    def skip(self, articles):
        """An input known unchanged (store.unchanged_input): its articles count as unchanged."""
        self.counts["unchanged"] += articles

    def remember(self, inputs, extractor):
        """After the run: [(origin, key, raw hash)] of inputs read whole and without error,
        so that the next run can skip them while they stay the same."""
        store.remember_inputs(self.db, [(key, raw, self.produced[origin]) for origin, key, raw in inputs
                                        if origin in self.produced], extractor)

    def store_now(self, records):
        """Store records at once (a crawl commits each page as it goes), index them with a
        later batch; returns [(id, status)]."""
        statuses = self._store(records)
        if self.unindexed >= self.batch_size:
            self._index()
        return statuses

    def keep_page(self, body, url, charset=None):
        """A fetched article page: clean, extract and store it at once; returns how it was
        stored (see store.save_batch), or raises InputError."""
        from ingest import pipeline  # imported late: lxml and the language models

        notes = []
        fetched = datetime.now(timezone.utc).isoformat()  # kept right after its fetch: the capture date
        records = pipeline.records_from_bytes(body, url, "html", charset, notes, captured=fetched)
        report_notes(url, notes)
        return next((status for _, status in self.store_now(records)), None)

    def flush(self):
        """Store and index everything queued."""
        if self.writer:
            counts, produced = self.writer.finish()
            for status, count in counts.items():
                self.counts[status] += count
            for origin, ids in produced.items():
                self.produced.setdefault(origin, []).extend(ids)
            return
        self._store_pending()
        self._index()

    def _store_pending(self):
        batch, self.pending = self.pending, []
        statuses = self._store([record for record, _ in batch])
        for (_, origin), (article_id, _) in zip(batch, statuses):
            if origin is not None:
                self.produced.setdefault(origin, []).append(article_id)

    def summary(self, failed):
        """The counts as one line: "2 new (1 a near copy), 0 updated, ...". """
        c = self.counts
        copies = f" ({c['copy']} a near copy of an archived article)" if c["copy"] else ""
        return (f"{c['new'] + c['copy']} new{copies}, {c['updated']} updated, {c['unchanged']} unchanged, "
                f"{c['duplicate']} duplicate, {failed} failed")

    def _store(self, records):
        statuses = store.save_batch(self.db, records)
        for _, status in statuses:
            self.counts[status] += 1
        self.unindexed = len(store.unindexed_ids(self.db))
        return statuses

    def _index(self):
        """Whatever the journal holds: changed articles rewritten, removed ones deleted."""
        index_journal(self.data_dir, self.db)
        self.unindexed, self.indexed_at = 0, time.monotonic()


class Writer:
    """A process that stores records and indexes them (an Archive of its own, in rounds
    of BACKGROUND_EVERY articles or BACKGROUND_SECONDS), fed through a queue, so that
    the one that made it only extracts. Forked before the language models load, so it
    stays small; it ends with its parent, even one killed, at once (a batch under way
    is rolled back, a round under way left uncommitted: the journal keeps what is
    missing, and the inputs of a killed run are read again by the next), so that
    nothing is stored after a killed ingest, as when it stored batches itself."""

    def __init__(self, data_dir, batch_size):
        context = get_context("fork")
        self.inbox = context.Queue()  # put() never waits: a thread of this process feeds the pipe
        self.answers, child = context.Pipe(duplex=False)
        self.process = context.Process(target=_write, args=(data_dir, batch_size, self.inbox, child, os.getpid()),
                                       daemon=True)
        self.process.start()
        child.close()

    def add(self, records, origin):
        """Hand records over; raise the error the writer met, if it met one."""
        if self.answers.poll():
            self._answer()
        self.inbox.put((records, origin))

    def finish(self):
        """Wait until everything handed over is stored and indexed: (counts of how the
        records were stored, {origin: article ids})."""
        self.inbox.put(None)
        return self._answer()

    def _answer(self):
        try:
            error, result = self.answers.recv()
        except EOFError:
            error, result = RuntimeError("the storing process ended unexpectedly"), None
        if error is not None:
            self.stop()
            raise error
        return result

    def stop(self):
        if self.process.is_alive():
            self.inbox.put(False)
            self.process.join()
        self.inbox.cancel_join_thread()  # what a writer that stopped on an error left unread is dropped
        self.inbox.close()
        self.answers.close()


def _write(data_dir, batch_size, inbox, answers, parent):
    """The Writer's process: records stored and indexed as they come; None asks for
    everything to be written and the counts, False for the end. After an error,
    what comes is dropped until the end."""
    _end_with(parent)
    archive = failed = None
    try:
        while True:
            try:
                item = inbox.get(timeout=1.0)
            except queue.Empty:
                if os.getppid() != parent:
                    return
                continue
            if item is False or os.getppid() != parent:
                return
            if failed:
                continue
            try:
                if archive is None:
                    archive = Archive(data_dir, batch_size, BACKGROUND_EVERY, BACKGROUND_SECONDS)
                if item is None:
                    archive.flush()
                    answer = (None, (archive.counts, archive.produced))
                    archive.counts, archive.produced = dict.fromkeys(STATUSES, 0), {}
                else:
                    archive.add(*item)
                    continue
            except Exception as exc:  # sent to the parent, which stops the run with it
                failed, answer = True, (exc, None)
            try:
                answers.send(answer)
            except Exception:  # an error that cannot be pickled: its message
                answers.send((RuntimeError(str(answer[0])), None))
    except (KeyboardInterrupt, EOFError, BrokenPipeError):
        return
    finally:
        if archive is not None:
            archive.close()


def _end_with(parent):
    """Have the kernel kill this process when its parent ends (Linux's
    PR_SET_PDEATHSIG); elsewhere the writer looks at its parent between items and
    each second."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # it ended before the line above
        os._exit(0)


def index_journal(data_dir, db):
    """Bring the index up to the records: every article in the store's journal is
    written (or deleted, if it is gone), read once the index's write lock is held,
    then taken off the journal unless it changed again meanwhile."""
    from index import writer  # imported late: Whoosh is not needed for the help

    entries = []

    def read():
        entries[:] = store.journal(db)
        ids = [article_id for article_id, _ in entries]
        records = list(store.records_by_id(db, ids))
        kept = {r["id"] for r in records}
        return records, [i for i in ids if i not in kept]

    if not store.journal(db):
        return 0
    writer.apply(data_dir, read)
    store.mark_indexed(db, entries)
    return len(entries)

"""The one path from article records to the archive, taken by `ingest` and `crawl`.

Records go to SQLite in batches, one transaction each, then to the search index —
so whatever either command stores is searchable, and a killed run loses at most
the batch in flight. The index is written in larger windows than the batches (every
INDEX_EVERY articles or INDEX_SECONDS, and at the end): each Whoosh commit writes a
segment and merges earlier ones, so committing per batch cost more than extraction.
What is stored but not yet indexed is on the store's journal, so a run killed
between two windows loses nothing: the next writer indexes it first.

`ingest` indexes in the background (Archive(background=True)): a process of its own
writes whatever the journal holds, round after round, while this one goes on
cleaning, extracting and storing, so that index writing (about a quarter of an ingest's CPU,
pure Python in Whoosh) runs on the other core instead of after each window. An
error there (a full disk, another writer) stops the run as it would here.
"""
import os
import time
from datetime import datetime, timezone
from multiprocessing import get_context

from ingest import store
from search.cli.output import report_notes

STATUSES = ("new", "copy", "updated", "unchanged", "duplicate")
INDEX_EVERY, INDEX_SECONDS = 1000, 30.0
BACKGROUND_EVERY, BACKGROUND_SECONDS = 250, 10.0  # rounds of the background Indexer


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
        self.indexer = Indexer(data_dir) if background else None

    def add(self, records, origin=None):
        """Queue records (of the input `origin`, if given); a full batch is stored, and
        indexed when the index window is full."""
        self.pending.extend((record, origin) for record in records)
        if len(self.pending) >= self.batch_size:
            self._store_pending()
            due = time.monotonic() - self.indexed_at
            if self.indexer:
                # rounds of a few hundred articles: a commit per batch would merge segments all along
                if (self.unindexed >= BACKGROUND_EVERY or due >= BACKGROUND_SECONDS) and self.indexer.start_round():
                    self.indexed_at = time.monotonic()
            elif self.unindexed >= self.index_every or due >= self.index_seconds:
                self._index()

    def close(self):
        """Close the records database: the last connection to close folds SQLite's
        write-ahead log into the file, so the data folder is whole on its own."""
        if self.indexer:
            self.indexer.stop()
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
        if self.indexer:
            self.indexer.wait()  # the round under way may have read the journal before the last batch
            self.indexer.start_round()
            self.indexer.wait()
        else:
            index_journal(self.data_dir, self.db)
        self.unindexed, self.indexed_at = 0, time.monotonic()


class Indexer:
    """A process that indexes the journal (index_journal) a round at a time, when asked,
    while the one that made it goes on. Forked before the language models load, so it
    stays small; it ends with its parent, even one killed (a round under way is
    finished or, if killed too, left uncommitted: the journal keeps what is missing)."""

    def __init__(self, data_dir):
        context = get_context("fork")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_index_rounds, args=(data_dir, child, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.busy = False

    def start_round(self):
        """Ask for a round unless one is under way (its error, if any, raised here);
        whether one was asked for."""
        if self.busy and self.conn.poll():
            self._answer()
        if self.busy:
            return False
        self.conn.send(True)
        self.busy = True
        return True

    def wait(self):
        """Wait for the round under way, if any; raise its error."""
        if self.busy:
            self._answer()

    def _answer(self):
        try:
            error = self.conn.recv()
        except EOFError:
            error = RuntimeError("the indexing process ended unexpectedly")
        self.busy = False
        if error is not None:
            self.stop()
            raise error

    def stop(self):
        if self.process.is_alive():
            try:
                self.conn.send(False)
            except OSError:
                pass
            self.process.join()
        self.conn.close()


def _index_rounds(data_dir, conn, parent):
    """The Indexer's process: a round per request; checks each second that its parent lives."""
    db = store.connect(data_dir)
    try:
        while True:
            if not conn.poll(1.0):
                if os.getppid() != parent:
                    return
                continue
            if not conn.recv():
                return
            try:
                index_journal(data_dir, db)
                answer = None
            except Exception as exc:  # sent to the parent, which stops the run with it
                answer = exc
            try:
                conn.send(answer)
            except Exception:  # an error that cannot be pickled: its message
                conn.send(RuntimeError(str(answer)))
    except (KeyboardInterrupt, EOFError, BrokenPipeError):
        return
    finally:
        db.close()


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

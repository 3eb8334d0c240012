"""The one path from article records to the archive, taken by `ingest` and `crawl`.

Records go to SQLite in batches, one transaction each, then to the search index —
so whatever either command stores is searchable, and a killed run loses at most
what was not stored yet (the batch in flight), whose inputs the next run reads
again. The index is written in larger windows than the batches (every INDEX_EVERY
articles or INDEX_SECONDS, and at the end): each Whoosh commit writes a segment, and
segments of like size are merged once there are four (index.merging), so committing
per batch would cost more than extraction; the last commit of a run that committed
before leaves its merge to the next commit (Archive.flush). What is
stored but not yet indexed is on the store's journal, so a run killed between two
windows loses nothing: the next writer indexes it first.

`ingest` stores and indexes in the process that runs it, between the inputs it
gathers: with --jobs, its helpers extract (and work out what storing needs of each
record alone: store.prepare), and it extracts too whenever nothing is
ready to store (ingest.pipeline._run), so storing and indexing never wait for a
core of their own. With helpers, its windows are as long (INDEX_EVERY; the helpers
go on extracting meanwhile, up to ingest.pipeline.AHEAD inputs ahead), but written at
least every INGEST_SECONDS and shrinking as the end nears (ending_window): 10,000
articles, --jobs 2, windows of 1,000 (AHEAD 1,024) against 500 (AHEAD 256): 49.2-49.5 s
against 53.3-54.6 s wall, the command's CPU 45.3-45.6 s against 49.5-50.7 s, alternating
in one session. The last one is written after the last
input is extracted, when the helpers have nothing left to do, so it is shared
by as many processes (index.writer.apply_shared). Alone (--jobs 1), it takes the larger
windows: fewer commits, less merging (1,000 articles: 2.8 s of index CPU against
3.1 s in windows of 250).
"""
import math
import time
from datetime import datetime, timezone

from ingest import store
from search.cli.output import report_notes

STATUSES = ("new", "copy", "updated", "unchanged", "duplicate")
INDEX_EVERY, INDEX_SECONDS = 1000, 30.0
INGEST_SECONDS, INGEST_LEAST = 10.0, 250


def ending_window(left):
    """The index window of an ingest with helpers, `left` inputs before its end: no
    larger than half of what is left, so that the windows shrink as the end nears and
    the last one, indexed once the helpers have nothing left to do, is not large; and
    no smaller than INGEST_LEAST, since every commit costs, and four small ones make
    a merge (index.merging). The window is worked out again at every input, and the
    last input's is left to Archive.flush, whose commit does not merge and is shared
    by the processes. 1,000 articles in batches of 50: commits of 350, 250 and 250,
    then 150 at the end, and no merge. When this rule was chosen (2e85fd6, the last
    window then written by one process), --jobs 2 on two free cores took 5.1-5.4 s
    wall against 6.1-6.3 s in windows of 250 shrinking to 50 (seven commits and a
    merge; --jobs 1: 9.3-9.9 s, the same run). The last window of 1,000 baomoi
    articles (157 documents) on two processes: 0.22-0.23 s against 0.35-0.36 s on one."""
    if left <= 1:
        return math.inf
    return max(INGEST_LEAST, min(INDEX_EVERY, left // 2))


class Archive:
    """One run's records on their way in; counts how each was stored (see store.save_batch)."""

    def __init__(self, data_dir, batch_size=50, index_every=INDEX_EVERY, index_seconds=INDEX_SECONDS):
        self.data_dir, self.batch_size = data_dir, batch_size
        self.index_every, self.index_seconds = index_every, index_seconds
        self.db = store.connect(data_dir)
        self.pending = []     # (record, input, store.prepare(record) or None) not yet stored
        self.unindexed = len(store.unindexed_ids(self.db))  # stored, not indexed (an earlier run's too)
        self.indexed_at = time.monotonic()
        self.counts = dict.fromkeys(STATUSES, 0)
        self.produced = {}    # input -> the ids of the articles its records were stored as
        self.committed = 0    # index commits of this run
        self.procs = 1        # processes the last commit may take (an ingest's --jobs: its helpers are idle then)

    def add(self, records, origin=None, prepared=None):
        """Queue records (of the input `origin`, if given; with their store.prepare(), if
        worked out); a full batch is stored, and indexed when the index window is full."""
        self.pending.extend(zip(records, [origin] * len(records), prepared or [None] * len(records)))
        if len(self.pending) >= self.batch_size:
            self._store_pending()
            if self.unindexed >= self.index_every or time.monotonic() - self.indexed_at >= self.index_seconds:
                self._index()

    def close(self):
        """Close the records database: the last connection to close folds SQLite's
        write-ahead log into the file, so the data folder is whole on its own."""
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
        """Store and index everything queued, on up to `procs` processes (each writes a
        segment). The last commit of a run that has committed before leaves merging to
        the next commit (the next run's first): at the end of an ingest with helpers, a
        merge would be done on one core while the others idle (1,000 articles: 1.3 s of
        7.7). The index then holds a segment or a few more than index.merging.tiered
        keeps, until that commit."""
        self._store_pending()
        self._index(merge=not self.committed, procs=self.procs)

    def _store_pending(self):
        batch, self.pending = self.pending, []
        statuses = self._store([record for record, _, _ in batch], [ready for _, _, ready in batch])
        for (_, origin, _), (article_id, _) in zip(batch, statuses):
            if origin is not None:
                self.produced.setdefault(origin, []).append(article_id)

    def summary(self, failed):
        """The counts as one line: "2 new (1 a near copy), 0 updated, ...". """
        c = self.counts
        copies = f" ({c['copy']} a near copy of an archived article)" if c["copy"] else ""
        return (f"{c['new'] + c['copy']} new{copies}, {c['updated']} updated, {c['unchanged']} unchanged, "
                f"{c['duplicate']} duplicate, {failed} failed")

    def _store(self, records, prepared=None):
        statuses = store.save_batch(self.db, records, prepared)
        for _, status in statuses:
            self.counts[status] += 1
        self.unindexed = len(store.unindexed_ids(self.db))
        return statuses

    def _index(self, merge=True, procs=1):
        """Whatever the journal holds: changed articles rewritten, removed ones deleted."""
        self.committed += bool(index_journal(self.data_dir, self.db, merge, procs))
        self.unindexed, self.indexed_at = 0, time.monotonic()


def index_journal(data_dir, db, merge=True, procs=1):
    """Bring the index up to the records: every article in the store's journal is
    written (or deleted, if it is gone), read once the index's write lock is held,
    then taken off the journal unless it changed again meanwhile; on up to procs
    processes (index.writer.apply)."""
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
    writer.apply(data_dir, read, merge=merge, procs=procs)
    store.mark_indexed(db, entries)
    return len(entries)

"""The one path from article records to the archive, taken by `ingest` and `crawl`.

Records go to SQLite in batches, one transaction each, then to the search index —
so whatever either command stores is searchable, and a killed run loses at most
the batch in flight. What an earlier, killed run stored but did not index (the
store's `unindexed` journal) is indexed first.
"""
from ingest import store
from search.cli.output import report_notes


class Archive:
    """One run's records on their way in; counts how each was stored (new, updated, unchanged)."""

    def __init__(self, data_dir, batch_size=50):
        self.data_dir, self.batch_size = data_dir, batch_size
        self.db = store.connect(data_dir)
        self.pending = []     # not yet stored
        self.unindexed = list(store.records_by_id(self.db, store.unindexed_ids(self.db)))  # stored, not indexed
        self.counts = {"new": 0, "updated": 0, "unchanged": 0}

    def add(self, records):
        """Queue records; a full batch is stored and indexed."""
        self.pending.extend(records)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def store_now(self, records):
        """Store records at once (a crawl commits each page as it goes), index them with a
        later batch; returns {id: status}."""
        statuses = self._store(records)
        if len(self.unindexed) >= self.batch_size:
            self._index()
        return statuses

    def keep_page(self, body, url, charset=None):
        """A fetched article page: clean, extract and store it at once; returns how it was
        stored (new, updated, unchanged), or raises InputError."""
        from ingest import pipeline  # imported late: lxml and the language models

        notes = []
        records = pipeline.records_from_bytes(body, url, "html", charset, notes)
        report_notes(url, notes)
        return next(iter(self.store_now(records).values()), None)

    def flush(self):
        """Store and index everything queued."""
        batch, self.pending = self.pending, []
        self._store(batch)
        self._index()

    def _store(self, records):
        statuses = store.save_batch(self.db, records)
        for status in statuses.values():
            self.counts[status] += 1
        self.unindexed.extend(records)
        return statuses

    def _index(self):
        """Unchanged records are indexed too: an index update lost to a busy index is
        made good on re-ingest."""
        from index import writer  # imported late: Whoosh is not needed for the help

        batch, self.unindexed = self.unindexed, []
        writer.update(self.data_dir, batch)
        store.mark_indexed(self.db, [r["id"] for r in batch])

"""The server's hold on an archive: one searcher, reopened when the index changes.

A search needs an open Whoosh searcher and the Finder's caches of document sets;
opening them per request would cost a fifth of a second. An ingest or reindex
running beside the server changes the index in one of two ways: a rebuild swaps
the `index` symlink to a new generation, an ingest commits a new table of contents
(a new `_MAIN_<n>.toc`) in the same generation. Both change `stamp()`, which is
read on each request (one readlink and one listdir) and opens a fresh Finder.

Finder's caches (an OrderedDict, functools caches) are not made for threads and
Starlette runs plain handlers in a thread pool, so every use of the Finder, and of
the caches kept here, happens under one lock: requests take turns for the index,
while the database is read through a connection of the request's own.
"""
import os
import threading
from contextlib import contextmanager

from index.finder import Finder
from index.writer import index_path
from ingest import store


def stamp(data_dir):
    """What identifies the index's state: its generation folder and its tables of contents."""
    path = index_path(data_dir)
    try:
        folder = path.resolve(strict=True)
        tocs = sorted(name for name in os.listdir(folder) if name.endswith(".toc"))
    except OSError:
        return None
    return str(folder), tuple(tocs)


class Archive:
    """A data folder as the server reads it."""

    def __init__(self, data_dir):
        self.data_dir = str(data_dir)
        self._lock = threading.Lock()
        self._finder = None
        self._stamp = None
        self.memo = {}  # per-index caches of the web pages (facet labels); emptied on reopen

    @contextmanager
    def finder(self):
        """The current Finder, held alone: `with archive.finder() as f: ...`."""
        with self._lock:
            now = stamp(self.data_dir)
            if self._finder is None or now != self._stamp:
                self._finder = Finder(self.data_dir)  # raises ClickException when there is no index
                self._stamp = now
                self.memo = {}
            yield self._finder

    def db(self):
        """A read-only connection to the records, for one request (close it)."""
        return store.connect_reading(self.data_dir)

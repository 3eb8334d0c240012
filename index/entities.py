"""Unit and person filters through the authorities (ingest.authority).

A typed unit becomes the Or of every name and code its entries have, as the
index's `unit` field holds them; a typed person the Or of the person's names,
without the articles that are a namesake's, and with --rank, only the articles
where that person holds that rank. Notes say what was chosen when it is not
simply what was typed. Without a records database beside the index (or one from
before the authorities, on read-only media), filters read names as typed.
"""
import sqlite3
import weakref
from contextlib import contextmanager

import numpy as np
from whoosh import query as wq

from ingest import store
from ingest.authority import build, reading
from ingest.database import ArchiveError

NOTHING = wq.Or([])  # matches no article


@contextmanager
def authority(data_dir):
    """The records database when it holds the authorities, else None."""
    try:
        db = store.connect_reading(data_dir)
    except ArchiveError:
        yield None
        return
    try:
        yield db if reading.readable(db) else None
    finally:
        db.close()


def any_term(field, terms):
    return wq.Or([wq.Term(field, t) for t in terms]) if terms else NOTHING


def unit_query(db, typed, notes, kinds=None):
    choice = reading.unit_choice(db, typed, kinds)
    if choice.note and notes is not None:
        notes.append(f"--{'cluster' if kinds else 'unit'} {choice.note}")
    return any_term("unit", choice.terms), choice


def with_unit_entries(data_dir, q):
    """A parsed query whose unit:NAME terms stand for every name of NAME's entry, as
    --unit does, so that the web page's "not this unit" (NOT unit:"…") leaves out
    the unit under all its names, after a merge or a rename too."""
    def expand(db, q):
        if isinstance(q, wq.Term) and q.fieldname == "unit" and isinstance(q.text, str):
            choice = reading.unit_choice(db, q.text)
            return any_term("unit", choice.terms) if choice.entries else q
        return q if q.is_leaf() else q.apply(lambda c: expand(db, c))

    with authority(data_dir) as db:
        return q if db is None else expand(db, q)


def person_query(db, typed, rank, notes):
    """The filter of a typed person (at a rank); raises reading.Ambiguous."""
    choice = reading.person_choice(db, typed)
    if choice is None:
        if notes is not None:
            notes.append(f"--person: no one is named {typed!r} (whole names only; see `thidua people`)")
        return NOTHING, None
    if notes is not None and reading.keys.term(reading.without_rank(typed)[0]) not in choice.terms:
        notes.append(f"--person {typed!r} taken as {choice.label}")
    if rank:
        return any_term("id", reading.person_articles(db, choice, rank)), choice
    named = any_term("person", choice.terms)
    if choice.only is not None:
        return wq.And([named, any_term("id", sorted(choice.only))]), choice
    if choice.excluded:
        return wq.And([named, wq.Not(any_term("id", sorted(choice.excluded)))]), choice
    return named, choice


_GROUPS = weakref.WeakKeyDictionary()  # Finder -> (authority version, {unit name: document numbers})


def unit_groups(f, db):
    """{canonical unit name: document numbers} of the index's unit facet, merged names
    together and dropped units left out; kept per Finder until the authority changes."""
    version = build.version(db)
    kept = _GROUPS.get(f)
    if kept is None or kept[0] != version:
        names, grouped = reading.unit_names(db), {}
        for label, docs in f.facet_sets()["unit"].items():
            name, dropped = names.get(reading.keys.term(label), (label, False))
            if not dropped:
                grouped.setdefault(name, []).append(docs)
        kept = _GROUPS[f] = (version, {name: parts[0] if len(parts) == 1 else np.unique(np.concatenate(parts))
                                       for name, parts in grouped.items()})
    return kept[1]


def unit_facet(f, hits, db, limit):
    """{canonical unit name: articles among hits}, most frequent first: the unit facet
    as the authority sees it."""
    mask = np.zeros(f.reader.doc_count_all(), dtype=bool)
    mask[np.fromiter(hits, dtype=np.int64, count=len(hits))] = True
    counts = {}
    for name, docs in unit_groups(f, db).items():
        n = int(np.count_nonzero(mask[docs]))
        if n:
            counts[name] = n
    return dict(sorted(counts.items(), key=lambda p: (-p[1], p[0]))[:limit])


def resolved(data_dir, function, *args, **kwargs):
    """function(db, …) with the authority, or None without one (sqlite errors included)."""
    with authority(data_dir) as db:
        if db is None:
            return None
        try:
            return function(db, *args, **kwargs)
        except sqlite3.OperationalError:
            return None

"""Unit and person filters through the authorities (ingest.authority).

A typed unit becomes the Or of every name and code its entries have, as the
index's `unit` field holds them; a typed person the Or of the person's names,
without the articles that are a namesake's, and with --rank, only the articles
where that person holds that rank. Notes say what was chosen when it is not
simply what was typed. Without a records database beside the index (or one from
before the authorities, on read-only media), filters read names as typed.
"""
import os
import sqlite3
import unicodedata
import weakref
from contextlib import contextmanager

import numpy as np
from whoosh import query as wq

from ingest import store
from ingest.authority import build, reading
from ingest.database import ArchiveError
from ingest.language.normalize import match_key_lines

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


def with_entries(data_dir, q):
    """A parsed query whose unit:NAME and person:NAME terms stand for the entry NAME
    names, as --unit and --person do, so that the web page's "not this unit" and
    "not this person" (NOT unit:"…") leave it out under all its names, after a rename
    or merge too, and a namesake split off by its label only. A person:NAME several
    people fit is left as typed."""
    def expand(db, q):
        if isinstance(q, wq.Term) and q.fieldname == "unit" and isinstance(q.text, str):
            choice = reading.unit_choice(db, q.text)
            return any_term("unit", choice.terms) if choice.entries else q
        if isinstance(q, wq.Term) and q.fieldname == "person" and isinstance(q.text, str):
            try:
                found, choice = person_query(db, q.text, None, None)
            except reading.Ambiguous:
                return q
            return q if choice is None else found
        return q if q.is_leaf() else q.apply(lambda c: expand(db, c))

    with authority(data_dir) as db:
        return q if db is None else expand(db, q)


def chosen_person(db, typed, notes):
    """The PersonChoice of a typed person (None: no one has that name), with what needs
    saying added to notes (a list, or None): no one of that name, namesakes searched
    apart, a name taken as someone's. Raises reading.Ambiguous."""
    choice = reading.person_choice(db, typed)
    if notes is None:
        return choice
    if choice is None:
        notes.append(f"--person: no one is named {typed!r} (whole names only; see `thidua people`)")
    elif choice.note:
        notes.append(f"--person {choice.note}")
    elif reading.keys.term(reading.without_rank(typed)[0]) not in choice.terms:
        notes.append(f"--person {typed!r} taken as {choice.label}")
    return choice


def person_query(db, typed, rank, notes):
    """The filter of a typed person (at a rank); raises reading.Ambiguous."""
    choice = chosen_person(db, typed, notes)
    if choice is None:
        return NOTHING, None
    if rank:
        return any_term("id", reading.person_articles(db, choice, rank)), choice
    named = any_term("person", choice.terms)
    if choice.only is not None:
        return wq.And([named, any_term("id", sorted(choice.only))]), choice
    if choice.excluded:
        return wq.And([named, wq.Not(any_term("id", sorted(choice.excluded)))]), choice
    return named, choice


_GROUPS = weakref.WeakKeyDictionary()  # Finder -> (authority version, unit columns)
_PEOPLE = weakref.WeakKeyDictionary()  # Finder -> (authority version, person columns)


def unit_groups(f, db):
    """The index's unit facet by canonical unit name, merged names together and dropped
    units left out, as columns (see _columns); kept per Finder until the authority changes."""
    version = build.version(db)
    kept = _GROUPS.get(f)
    if kept is None or kept[0] != version:
        kept = _GROUPS[f] = (version, f.kept("unit_groups", lambda: _unit_columns(f, db), version))
    return kept[1]


def _unit_columns(f, db):
    names, grouped = reading.unit_names(db), {}
    values, docs, owners = f.facet_sets()["unit"]
    order = np.argsort(owners, kind="stable")
    per_value = np.split(docs[order], np.cumsum(np.bincount(owners, minlength=len(values)))[:-1])
    for label, term, found in zip(values, terms(values), per_value):
        name, dropped = names.get(term, (label, False))
        if not dropped:
            grouped.setdefault(name, set()).update(found.tolist())
    return _columns(grouped)


def terms(names):
    """[keys.term(name) for name in names], worked out on all the names at once (one line
    each, ingest.language.normalize.match_key_lines, then the rest of fold): a call per
    name cost 48 us, most of a one-shot search's first facet count on thousands of
    unit names."""
    if any("\n" in name or "\r" in name for name in names):
        return [reading.keys.term(name) for name in names]
    text = unicodedata.normalize("NFD", "\n".join(match_key_lines("\n".join(names))))
    marks = {ord(ch): None for ch in set(text) if unicodedata.category(ch) == "Mn"}  # dropped by one translate
    text = text.translate(marks).replace("đ", "d").replace("Đ", "d")
    return [line.strip() for line in text.split("\n")] if names else []


def person_groups(f, db):
    """The index's person field by the people authority's entries: the spellings merged
    into one entry together, the articles split off to a namesake under the namesake's
    label, as columns (see _columns); kept per Finder until the authority changes."""
    version = build.version(db)
    kept = _PEOPLE.get(f)
    if kept is None or kept[0] != version:
        label = dict(db.execute("SELECT id, label FROM person_entries").fetchall())
        owner = {term: label.get(entry, term) for term, entry in db.execute("SELECT term, entry FROM person_names")}
        moved = {}
        for article, term, entry in db.execute("SELECT article_id, term, entry FROM person_articles"):
            moved.setdefault(term, []).append((article, label.get(entry, term)))
        grouped = {}
        for term in f.reader.field_terms("person"):
            docs = f.docs(wq.Term("person", term))
            for article, elsewhere in moved.get(term, ()):
                theirs = docs & f.docs(wq.Term("id", article))
                grouped.setdefault(elsewhere, set()).update(theirs)
                docs = docs - theirs
            grouped.setdefault(owner.get(term, term), set()).update(docs)
        kept = _PEOPLE[f] = (version, _columns(grouped))
    return kept[1]


def _columns(grouped):
    """(names, document numbers, the name number of each): every (document, name) pair
    of {name: document numbers} in two arrays, so that counting a set of hits is one
    numpy bincount, whatever the number of names (general news has thousands of units)."""
    names = sorted(name for name, docs in grouped.items() if docs)
    docs = [np.fromiter(sorted(grouped[name]), dtype=np.int64, count=len(grouped[name])) for name in names]
    owners = [np.full(len(d), i, dtype=np.int64) for i, d in enumerate(docs)]
    empty = np.zeros(0, dtype=np.int64)
    return names, np.concatenate(docs) if docs else empty, np.concatenate(owners) if owners else empty


def unit_facet(f, hits, db, limit):
    """{canonical unit name: articles among hits}, most frequent first: the unit facet
    as the authority sees it."""
    return _counted(f, hits, unit_groups(f, db), limit)


def person_facet(f, hits, db, limit):
    """{person label: articles among hits}, most frequent first: the person facet as
    the people authority sees it."""
    return _counted(f, hits, person_groups(f, db), limit)


def _counted(f, hits, columns, limit):
    names, docs, owners = columns
    mask = np.zeros(f.reader.doc_count_all(), dtype=bool)
    mask[np.fromiter(hits, dtype=np.int64, count=len(hits))] = True
    counts = np.bincount(owners[mask[docs]], minlength=len(names))
    top = sorted(np.flatnonzero(counts).tolist(), key=lambda i: (-counts[i], names[i]))[:limit]
    return {names[i]: int(counts[i]) for i in top}


_STAMPED = weakref.WeakKeyDictionary()  # Finder -> {groups: (stamp of the records database, columns)}


def _stamp(data_dir):
    """What stat says of the records database and its write-ahead log, which every commit
    changes (an edit of the authorities, an ingest). An empty log is no log: the first
    reader makes one, and a log emptied by a checkpoint leaves the database changed."""
    out = []
    for name in (store.DB_NAME, store.DB_NAME + "-wal"):
        try:
            st = os.stat(os.path.join(data_dir, name))
        except OSError:
            st = None
        out.append((st.st_ino, st.st_size, st.st_mtime_ns) if st and st.st_size else None)
    return tuple(out)


def facet_by_entry(f, hits, groups, limit):
    """{label: articles among hits} by the authority's entries (groups: unit_groups or
    person_groups), most frequent first; None without an authority. The groups are kept
    per Finder while stat finds the records database unchanged, so that a search opens
    no database: opening one and reading its authority's version cost 0.8 ms, most of
    a rare word's query."""
    stamp = _stamp(f.data_dir)
    kept = _STAMPED.setdefault(f, {})
    if groups not in kept or kept[groups][0] != stamp:
        kept[groups] = (stamp, resolved(f.data_dir, lambda db: groups(f, db)))
    columns = kept[groups][1]
    return None if columns is None else _counted(f, hits, columns, limit)


def resolved(data_dir, function, *args, **kwargs):
    """function(db, …) with the authority, or None without one (sqlite errors included)."""
    with authority(data_dir) as db:
        if db is None:
            return None
        try:
            return function(db, *args, **kwargs)
        except sqlite3.OperationalError:
            return None

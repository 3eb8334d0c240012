"""Searching the index: one open searcher per process and what it remembers.

Opening a Whoosh searcher on a large index costs a fifth of a second, so a process
keeps one (`finder`). Counting facets needs every hit, which Whoosh would find by
walking postings one document at a time in Python; instead the matching query is
evaluated as sets of document numbers (intersections and unions run in C), and
the sets of terms and filters are remembered, since archivists repeat them.
Ranking is done over the known hits by index.rank, with numpy, in levels: the
articles holding more of the query's accented words with their diacritics first,
then those where more of its adjacent words stand side by side, then those with more
of its words in the title, then BM25 (see levels). A phrase, and a pair of adjacent
words for ranking, is found by its syllables' positions (index.phrases), each term's
kept as arrays like its postings; a word typed with a joiner ("6/45") is then checked
against the stored text, whose folded form is kept, bounded.
"""
import heapq
import re
import threading
import weakref
from bisect import bisect_left
from collections import Counter, OrderedDict
from functools import cache

import click
import numpy as np
from whoosh import columns, query as wq

from index import derived, entities, phrases, rank
from index.analysis import PART, Spots, exact_form, folded_form
from index.opening import DAMAGE, failure, open_index
from index.query import FirstMatching, Sequence, filters, parse, read, rewrite
from index.schema import TEXT_FIELDS, schema
from index.snippet import snippet
from index.writer import index_path
from ingest.language.normalize import fold

# Document sets and postings kept, in bytes: what 4,000,000 document numbers in sets
# took, which at 25,000 articles held too few common syllables' positions (a third of
# those read were read again).
CACHE_BYTES = 256 * 2**20
SET_MEMBER = 80  # bytes of a document number in a frozenset, its slot and its int (65 to 115)
CACHE_TEXT_CHARS = 50_000_000  # folded stored texts kept for joined words (about 100 MB)
TOP_UNITS = 15
SPARSE = 8  # a term's positions are read for some documents only when it is in 8 times more
# Ranking levels (see levels): each outweighs anything the levels below can add.
EXACT, ADJACENT, IN_TITLE = 1e9, 1e7, 1e5
OPERATOR_WORDS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
# Date fields kept as columns (index.schema): a range over them is read from numpy arrays.
DATE_COLUMNS = ("day", "period_start", "period_end")


class Finder:
    """An open searcher with its caches of document sets and facet columns."""

    def __init__(self, data_dir):
        path = index_path(data_dir)
        if not path.exists():
            raise click.ClickException(f"no index in {data_dir}: check --data-dir, or run `thidua ingest` "
                                       f"(or `thidua reindex` if records are there) first")
        folder = path.resolve()  # this generation, even if a rebuild swaps the link meanwhile
        try:
            self.searcher = open_index(folder).searcher()
        except DAMAGE as exc:
            raise failure(folder, exc) from None
        self.reader = self.searcher.reader()
        self.schema = self.searcher.schema
        if set(self.schema.names()) != set(schema().names()):
            raise click.ClickException(f"the index in {data_dir} was built by an older thidua: run "
                                       f"`thidua reindex` once")
        self._commit = derived.commit_key(self.reader)  # what files of derived values are named by
        self._cache = Bounded(CACHE_BYTES, _size)
        self._texts = Bounded(CACHE_TEXT_CHARS, len)
        self.link, self.folder, self.data_dir = path, folder, data_dir

    def current(self):
        """Whether this is still the index in use: the same generation, nothing committed since."""
        try:
            return self.link.resolve() == self.folder and self.searcher.up_to_date()
        except DAMAGE:
            return False

    def kept(self, name, build, version=""):
        """build() of this committed index (and authority version), from its file beside
        the index when an earlier process left one (index.derived)."""
        return derived.kept(self.folder, self._commit, name, build, version)

    def close(self):
        """Close the searcher, once (Whoosh refuses a second close)."""
        if getattr(self, "_closed", False):
            return
        self._closed = True
        try:
            self.searcher.close()
        except DAMAGE:
            pass

    # -- document sets -------------------------------------------------------
    def _remember(self, key, compute):
        """Document sets and postings, least recently used first out, bounded by the
        bytes they hold rather than by entries: one common word weighs as much as
        thousands of rare ones."""
        return self._cache.get(key, compute)

    def docs(self, q):
        """The frozenset of (undeleted) document numbers matching q. That of a word of a
        text field is not kept: it is made again from the word's kept postings, where it
        would take ten times their room (at 50,000 articles, the sets of single words
        were 400 of the 1,100 MiB a run of the search bench kept)."""
        if isinstance(q, wq.Term) and q.fieldname in TEXT_FIELDS and isinstance(q.text, str):
            return self._evaluate(q)
        return self._remember(repr(q), lambda: self._evaluate(q))

    def postings(self, fieldname, text):
        """A term's (document numbers, frequencies) as numpy arrays; of a field with
        positions, counted from them: its blocks are then unpacked once for both."""
        if fieldname in self.schema and isinstance(self.schema[fieldname].format, Spots):
            return self._remember(("postings", fieldname, text), lambda: _counted(self.positions(fieldname, text)))
        return self._remember(("postings", fieldname, text),
                              lambda: rank.postings(self.searcher, self.schema, fieldname, text))

    def positions(self, fieldname, text, among=None):
        """A term's occurrences, (document numbers, positions) as numpy arrays: all of them,
        kept; or, for a few documents (`among`, a sorted array) of a term many hold, those
        of the blocks that may hold them, read each time (a rare phrase of common
        syllables would otherwise decode every position of each)."""
        key = ("positions", fieldname, text)
        if among is not None and key not in self._cache.values \
                and len(among) * SPARSE < self.reader.doc_frequency(fieldname, text):
            return phrases.positions(self.searcher, fieldname, text, among)
        return self._remember(key, lambda: phrases.positions(self.searcher, fieldname, text))

    def in_sequence(self, fieldname, parts, among):
        """The documents of `among` (a set) where the syllables stand one after the other."""
        if not among:
            return frozenset()
        docs = np.sort(np.fromiter(among, dtype=np.int64, count=len(among)))
        return phrases.in_sequence([self.positions(fieldname, p, docs) for p in parts], docs)

    def _evaluate(self, q):
        if _dates_only(q):
            return frozenset(np.flatnonzero(self._date_mask(q) & self.live()).tolist())
        if _terms_only(q):
            # read a block at a time (Whoosh's own iteration costs a Python call per posting),
            # joined as a mask: one set made, not a set per term and their union
            held = np.zeros(self.reader.doc_count_all(), dtype=bool)
            for term in ([q] if isinstance(q, wq.Term) else q.subqueries):
                held[self.postings(term.fieldname, term.text)[0]] = True
            return frozenset(np.flatnonzero(held & self.live()).tolist())
        if isinstance(q, Sequence):
            found = self.in_sequence(q.fieldname, q.parts, self.docs(wq.And(q.subqueries)))
            if q.stored and found:  # a joined word: its joiners are in the text, not in positions
                pattern = q.pattern()
                found = frozenset(d for d in found if pattern.search(self.folded_text(d, q.stored)))
            return found
        if isinstance(q, wq.And):
            wanted = sorted((self.docs(c) for c in q.subqueries if not isinstance(c, wq.Not)), key=len)
            result = wanted[0].intersection(*wanted[1:]) if wanted else self.all_docs()
            for c in q.subqueries:
                if isinstance(c, wq.Not):
                    result = result - self.docs(c.query)
            return frozenset(result)
        if isinstance(q, FirstMatching):
            return next((found for found in map(self.docs, q.subqueries) if found), frozenset())
        if isinstance(q, wq.Or):
            return frozenset().union(*(self.docs(c) for c in q.subqueries))
        if isinstance(q, wq.Not):
            return self.all_docs() - self.docs(q.query)
        if isinstance(q, wq.AndNot):
            return self.docs(q.a) - self.docs(q.b)
        if isinstance(q, wq.AndMaybe):
            return self.docs(q.a)
        if isinstance(q, wq.Phrase):
            # Position checks are the dear part: skip them when a word is missing.
            if not frozenset.intersection(*(self.docs(wq.Term(q.fieldname, w)) for w in q.words)):
                return frozenset()
        return frozenset(self.searcher.docs_for_query(q))

    def _date_mask(self, q):
        """The documents a query over date columns alone (see _dates_only) matches, as a
        boolean array: a date range is filing day or reported period (index.query), and
        numpy combines the three columns faster than sets of document numbers would."""
        if isinstance(q, wq.NumericRange):
            days = self.date_array(q.fieldname)
            return (days >= (q.start or 1)) & (days <= (q.end or 99991231))
        masks = [self._date_mask(c) for c in q.subqueries]
        return np.logical_and.reduce(masks) if isinstance(q, wq.And) else np.logical_or.reduce(masks)

    def folded_text(self, docnum, field):
        """The folded stored text (or title) of a document, kept while room allows (a word
        typed with a joiner is checked against it)."""
        return self._texts.get((docnum, field), lambda: self._read_folded(docnum, field))

    def _read_folded(self, docnum, field):
        return folded_form(self.searcher.stored_fields(docnum).get(field) or "")

    @cache
    def all_docs(self):
        """Every undeleted document number: each segment's, less its deleted ones (asking
        Whoosh whether each document is deleted cost a one-shot search 23 ms at 10,000)."""
        live = []
        for leaf, base in self.reader.leaf_readers():
            kept = np.ones(leaf.doc_count_all(), dtype=bool)
            if leaf.has_deletions():
                kept[np.fromiter(leaf.deleted_docs_set, dtype=np.int64)] = False
            live.append(np.flatnonzero(kept) + base)
        return frozenset(np.concatenate(live).tolist()) if live else frozenset()

    @cache
    def live(self):
        """A mask of the undeleted document numbers (all_docs)."""
        live = np.zeros(self.reader.doc_count_all(), dtype=bool)
        live[np.fromiter(self.all_docs(), dtype=np.int64, count=len(self.all_docs()))] = True
        return live

    @cache
    def copy_groups(self):
        return self.kept("copy_groups", self._copy_groups)

    def _copy_groups(self):
        """{document number of a near copy: (its group's id, the representative's document
        number or None)}, read once per searcher: the groups from one walk of the "group"
        field's terms, not from each copy's stored fields (6,400 copies at 10,000
        articles cost a one-shot search 2 s). A group's representative is the article
        with its id; an undeleted member that is no copy is that article (its group is
        its own id), and only a group without one is looked up by id."""
        copies = self.docs(wq.Term("copy", "1"))
        if not copies:
            return {}
        live, found = self.all_docs(), {}
        for group, members in rank.field_postings(self.searcher, self.schema, "group").items():
            members = [d for d in members.tolist() if d in live]
            its_copies = [d for d in members if d in copies]
            if not its_copies:
                continue
            heads = [d for d in members if d not in copies] or self.docs(wq.Term("id", group))
            for docnum in its_copies:
                found[docnum] = (group, min(heads) if heads else None)
        return found

    @cache
    def copy_counts(self):
        """{group id: how many near copies it has} — a representative's count of copies,
        read from the copies' "group" rather than stored with the representative, whose
        document would otherwise be written again at every new copy. Hidden copies
        count, as in the records database."""
        return Counter(group for group, _ in self.copy_groups().values())

    # -- columns and facets --------------------------------------------------
    def days(self):
        """YYYYMMDD of the date every document number is filed under (0 when unknown)."""
        return self.dates("day")

    @cache
    def dates(self, field):
        """YYYYMMDD of a date field (DATE_COLUMNS) of every document number (0 when
        unknown; Whoosh fills a missing number with its largest value).

        Read segment by segment: a segment written from a batch with no dated
        article has no such column, and a column reader over the whole index
        would skip its documents and shift every later document's date."""
        days = []
        for leaf, _base in self.reader.leaf_readers():
            count = leaf.doc_count_all()
            if not count:
                continue  # an empty index (or segment) has no columns to read at all
            found = _numbers(leaf, self.schema[field], field, count)
            if found is None:
                days.extend(d if d and d <= 99991231 else 0 for d in leaf.column_reader(field))
            else:
                days.extend(np.where((found > 0) & (found <= 99991231), found, 0).tolist())
        return days

    def day_array(self):
        return self.date_array("day")

    @cache
    def date_array(self, field):
        return np.array(self.dates(field), dtype=np.int64)

    @cache
    def facet_sets(self):
        return self.kept("facet_sets", self._facet_sets)

    def _facet_sets(self):
        """{facet: (values, document numbers, owners)} for year, event type and unit: every
        (document, value) pair of the facet as two numpy arrays, the document and the index
        of its value in `values`, so that counting the hits per value is one bincount.
        Built from arrays throughout (a set and an array per value cost a one-shot
        search 11 ms on a thousand unit names)."""
        days = self.day_array()
        dated = np.flatnonzero(days)
        years, first = np.unique(days[dated] // 10000, return_index=True)
        order = np.argsort(first, kind="stable")  # years as the documents first name them
        by_year = np.searchsorted(years, days[dated] // 10000)
        groups = {
            "year": {str(years[i]): dated[by_year == i] for i in order.tolist()},
            **{name: rank.field_postings(self.searcher, self.schema, field)
               for name, field in (("type", "type"), ("unit", "unit_facet"))},
        }
        live = self.live()
        out = {}
        for name, found in groups.items():
            values = list(found)
            docs = [found[v][live[found[v]]] for v in values]  # a term's postings: each document once
            lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
            out[name] = (values, np.concatenate(docs) if docs else np.empty(0, dtype=np.int64),
                         np.repeat(np.arange(len(values), dtype=np.int64), lengths))
        return out

    def facets(self, hits):
        """Counts of the hits per facet value: a mask of the hits, counted per value."""
        mask = np.zeros(self.reader.doc_count_all(), dtype=bool)
        mask[np.fromiter(hits, dtype=np.int64, count=len(hits))] = True
        counts = {}
        for name, (values, docs, owners) in self.facet_sets().items():
            per_value = np.bincount(owners[mask[docs]], minlength=len(values))
            found = np.flatnonzero(per_value).tolist()  # not a Python pass over every unit of the archive
            pairs = sorted(((values[i], int(per_value[i])) for i in found), key=lambda p: (-p[1], p[0]))
            if name == "year":
                pairs.sort(reverse=True)
            counts[name] = dict(pairs[:TOP_UNITS] if name == "unit" else pairs)
        return counts

    # -- rows ------------------------------------------------------------------
    def row(self, docnum, targets=(), score=None):
        stored = self.searcher.stored_fields(docnum)
        entities = stored.get("entities") or {}
        day = stored.get("day")
        row = {
            "id": stored["id"],
            "date": f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}" if day else None,
            "type": (stored.get("type") or "").split()[0] if stored.get("type") else None,
            "types": (stored.get("type") or "").split(),
            "filed_by": stored.get("filed_by"),
            "title": stored.get("title"),
            "units": [u.get("code") or u.get("name") for u in entities.get("units", [])],
            "location": stored.get("location") or None,
            "people": entities.get("people", []),
            **_snippet(stored.get("text") or "", targets),
            "source": stored.get("source"),
            "url": stored.get("url"),
            "copies": self.copy_counts().get(stored["id"], 0),
        }
        if score is not None:
            row["score"] = round(score, 3)
        return row


class Bounded:
    """A least-recently-used cache bounded by the summed size of its values (measured
    by `size`), not by their number; the newest value is always kept."""

    def __init__(self, limit, size):
        self.limit, self.size, self.held, self.values = limit, size, 0, OrderedDict()

    def get(self, key, compute):
        found = self.values.get(key)
        if found is None:
            found = self.values[key] = compute()
            self.held += self.size(found)
            while self.held > self.limit and len(self.values) > 1:
                self.held -= self.size(self.values.popitem(last=False)[1])
        else:
            self.values.move_to_end(key)
        return found

    def clear(self):
        self.values.clear()
        self.held = 0


def _terms_only(q):
    """Whether a query is a word, or an Or of words (a word in the title or the text)."""
    if isinstance(q, wq.Term):
        return isinstance(q.text, str)
    return type(q) is wq.Or and bool(q.subqueries) and all(
        isinstance(c, wq.Term) and isinstance(c.text, str) for c in q.subqueries)


def _dates_only(q):
    """Whether a query is ranges over date columns joined by And or Or, nothing else."""
    if isinstance(q, wq.NumericRange):
        return q.fieldname in DATE_COLUMNS
    return type(q) in (wq.And, wq.Or) and bool(q.subqueries) and all(map(_dates_only, q.subqueries))


def _numbers(leaf, fieldobj, field, count):
    """A segment's column of whole numbers (a NUMERIC field of ints), as a numpy array
    read in one piece; None for any other column. Whoosh reads such a column a value at
    a time, a read of the file each without memory maps (index.opening): the filing
    days of 10,000 articles took 13-26 ms (0.8 ms so), 25,000 33 ms (2 ms). Its layout: the values of the
    first documents, big-endian, in their sortable form (offset by half the range when
    signed); the documents after them hold the column's default, as do all of a
    segment without the column."""
    reader = leaf.column_reader(field, translate=False)
    if fieldobj.numtype is not int or fieldobj.decimal_places:
        return None
    values = np.full(count, reader._default, dtype=np.int64)
    if isinstance(reader, columns.NumericColumn.Reader) and reader._typecode in "bBhHiIlL":
        stored = min(reader._count, count)
        values[:stored] = np.frombuffer(reader._dbfile.get(reader._basepos, stored * reader._fixedlen),
                                        dtype=">" + reader._typecode)
    elif not isinstance(reader, columns.EmptyColumnReader):  # a segment without the column: all default
        return None
    return values - (1 << fieldobj.bits - 1) if fieldobj.signed else values


def _counted(occurrences):
    """(documents, frequencies) from a term's (documents, positions), documents in order."""
    docs = occurrences[0]
    if not len(docs):
        return docs, np.empty(0, dtype=np.float32)
    starts = np.flatnonzero(np.concatenate(([True], docs[1:] != docs[:-1])))
    return docs[starts], np.diff(np.append(starts, len(docs))).astype(np.float32)


def _size(entry):
    """The bytes a kept entry holds: numpy arrays (postings, positions), or a frozenset."""
    return sum(a.nbytes for a in entry) if isinstance(entry, tuple) else len(entry) * SET_MEMBER


_OPEN = {}
_OPEN_LOCK = threading.Lock()  # threads of one process (a server, tests) share the kept Finders


def finder(data_dir):
    """The process's Finder for a data folder, opened anew when the index changed
    since (an ingest, a removal, a rebuild), so that a process that lives on (tests,
    a server) never answers from an index that is no longer the archive's."""
    key = str(data_dir)
    with _OPEN_LOCK:
        found = _OPEN.get(key)
        if found is None or not found.current():
            if found is not None:
                found.close()
            found = _OPEN[key] = Finder(key)
        return found


def forget_finders():
    """Close every kept Finder: the next search opens the index as a new process would."""
    with _OPEN_LOCK:
        kept = list(_OPEN.values())
        _OPEN.clear()
    for found in kept:
        found.close()


def _snippet(text, targets):
    """The snippet's text and its marks, [start, end) offsets into that text: HTML
    wraps them in <mark>, the table in « » (index.snippet.render)."""
    if targets is None:
        return {"snippet": None, "marks": []}
    found = snippet(text, targets)
    return {"snippet": found["text"], "marks": found["marks"]}


def in_view(f, hits, include_hidden=False, all_copies=False):
    """The hits an archivist is shown: without hidden articles, and with each group of
    near copies once (its first article when it matches, else its first copy that does)."""
    if not include_hidden:
        hits = hits - f.docs(wq.Term("hidden", "1"))
    if all_copies:
        return hits
    groups = f.copy_groups()
    drop, shown = set(), set()
    for docnum in sorted(hits & groups.keys()):
        group, head = groups[docnum]
        if group in shown or head in hits:
            drop.add(docnum)
        else:
            shown.add(group)
    return hits - drop if drop else hits


def matches(f, text=None, include_hidden=False, all_copies=False, wildcards=False, extra=None, **filter_args):
    """(hits, ranking query, targets): the document numbers matching a query (None:
    every document), filters and an extra query, as in view (see in_view), the query
    to rank them by, and the words and phrases to mark in snippets (index.query.targets).
    notes=[…] collects what the unit and person filters chose (index.entities)."""
    return _matches(f, text, include_hidden, all_copies, wildcards, extra, **filter_args)[:3]


def _matches(f, text, include_hidden, all_copies, wildcards, extra=None, notes=None, **filter_args):
    if filter_args.get("unit") or filter_args.get("person"):
        with entities.authority(f.data_dir) as db:
            restrict = filters(**filter_args, authority=db, notes=notes)
    else:
        restrict = filters(**filter_args)
    if extra is not None:
        restrict = extra if restrict is None else wq.And([restrict, extra])
    allowed = f.docs(restrict) if restrict is not None else None
    if text and text.strip() and not rewrite(text, wildcards).strip('"() '):
        text = None  # "*" (or "?") alone, wildcards off: every article, as without a query
    if text:
        parsed = read(text, f.schema, wildcards)
        matching = entities.with_entries(f.data_dir, parsed.matching) \
            if "unit:" in text or "person:" in text else parsed.matching
        ranking, hits, targets, searched = parsed.ranking, f.docs(matching), parsed.targets, parsed.searched
    else:
        ranking, hits, targets, searched = None, f.all_docs(), [], None
    if allowed is not None:
        hits = hits & allowed
    return in_view(f, hits, include_hidden, all_copies), ranking, targets, searched


def search(f, text=None, *, sort="relevance", limit=20, offset=0, wildcards=False, **filter_args):
    """{total, results, facets, suggestion, searched_for} for a query and filters (unit,
    person, rank, type, start, end, site, include_hidden, all_copies); raises QueryError
    on bad input. searched_for is the query as rewritten (see index.query.rewrite) when
    that differs from what was typed. Each result's snippet comes with its marks.
    results are the `limit` best from number `offset` on (0: the first): a later page
    builds the rows it shows only."""
    notes = []
    hits, ranking, targets, searched = _matches(f, text, filter_args.pop("include_hidden", False),
                                                filter_args.pop("all_copies", False), wildcards, notes=notes,
                                                **filter_args)
    terms = []
    if ranking is not None and sort == "relevance":
        extra = levels(f, ranking, searched, hits)
        terms = [(f.postings(field, word), boost) for field, word, boost in rank.weighted_terms(ranking)]
    if terms:
        top = rank.top(terms, hits, f.reader.doc_count_all(), limit, extra)
    else:
        top = [(d, None) for d in newest(f, hits, limit)]
    return {
        "total": len(hits),
        "results": [f.row(d, targets, score) for d, score in top[offset:]],
        "facets": {**f.facets(hits), **_authority_facets(f, hits)},
        "suggestion": suggest(f, searched, wildcards) if text and not hits else None,
        "searched_for": searched if text and searched != " ".join(text.split()) else None,
        "chosen": notes,
    }


def _authority_facets(f, hits):
    """The unit facet by the authority's entries (merged, renamed, dropped), when there is one."""
    found = entities.facet_by_entry(f, hits, entities.unit_groups, TOP_UNITS)
    return {"unit": found} if found is not None else {}


def plain_runs(text):
    """Runs of plain words side by side in a query (no quotes, fields, parentheses or
    operators between them): "hội nghị tổng kết" is one run, "a OR b" two."""
    runs, current = [], []
    for token in text.split():
        if PART.fullmatch(token) and token not in OPERATOR_WORDS:
            current.append(token)
        else:
            runs.append(current)
            current = []
    return [r for r in runs + [current] if r]


def levels(f, ranking, text, hits):
    """Per document, what ranks above BM25: EXACT per accented query word held with its
    diacritics (title or body, tone placement aside), ADJACENT per pair of adjacent
    plain query words standing side by side (looked for among the hits only: their
    positions are read), IN_TITLE per query word in the title."""
    count = f.reader.doc_count_all()
    out = np.zeros(count, dtype=np.float64)

    def add(level, *found):  # once per document in any of the sets (or postings) found
        held = np.zeros(count, dtype=bool)
        for docs in found:
            held[docs if isinstance(docs, np.ndarray) else np.fromiter(docs, dtype=np.int64, count=len(docs))] = True
        out[held] += level

    words = {}
    for field, word, _ in rank.weighted_terms(ranking):
        if field in ("title", "body", "title_f", "body_f"):
            words.setdefault(folded_form(word), set()).add(word)
    for folded, forms in words.items():
        for form in forms - {folded}:  # typed with diacritics
            add(EXACT, f.postings("title", form)[0], f.postings("body", form)[0])
        out[f.postings("title_f", folded)[0]] += IN_TITLE
    for run in plain_runs(text):
        folded = [folded_form(w) for w in run]
        for pair in set(zip(folded, folded[1:])):
            among = hits & f.docs(wq.And([wq.Term("title_f", w) for w in pair]))
            add(ADJACENT, f.in_sequence("title_f", pair, among),
                f.in_sequence("body_f", pair, hits & f.docs(wq.And([wq.Term("body_f", w) for w in pair]))))
    return out


def newest(f, hits, limit):
    """The `limit` most recent of hits, newest first (undated last)."""
    docs = np.fromiter(hits, dtype=np.int64, count=len(hits))
    days = f.day_array()[docs]
    if len(docs) > limit:
        keep = np.argpartition(-days, limit)[:limit]
        docs, days = docs[keep], days[keep]
    return [int(d) for _, d in sorted(zip(days.tolist(), docs.tolist()), reverse=True)]


LOWER_OPERATOR = re.compile(r"(?<=\S\s)(or|and|not)(?=\s+\S)")


def suggest(f, text, wildcards=False):
    """A query that finds something where this one found nothing: lower-case or/and/not
    as operators ("casino or bóng" -> "casino OR bóng"), else each unknown word replaced
    by the nearest indexed one; None when neither finds anything."""
    operators = LOWER_OPERATOR.sub(lambda m: m.group().upper(), text)
    if operators != text and _finds(f, operators, wildcards):
        return operators
    changed, out = False, []
    for token in text.split():
        word = token.strip('"()')
        if not word or ":" in word or word in ("AND", "OR", "NOT") or f.reader.doc_frequency("body_f", fold(word)):
            out.append(token)
            continue
        accented = fold(word) != word.lower()
        field = "body" if accented else "body_f"
        nearest = _nearest(f, field, exact_form(word) if accented else fold(word))
        if nearest:
            out.append(token.replace(word, nearest))
            changed = True
        else:
            out.append(token)
    if not changed:
        return None
    proposal = " ".join(out)
    return proposal if _finds(f, proposal, wildcards) else None


_WORDS = weakref.WeakKeyDictionary()  # Finder -> {(field, first letter): its words, sorted}


def _nearest(f, field, key):
    """The word of the field nearest to key, as Whoosh's spelling suggestions
    (searcher.suggest, prefix=1) find it on an index of several segments: among the
    words with key's first letter, those within one edit of it (else two: a letter
    inserted, deleted or replaced, or two side by side swapped), the most frequent
    first; None when there is none. Whoosh tries every such word in Python there (and
    on an index of one segment does not count a swap as one edit, and walks the term
    index on disk, a read per step: 30-100 ms a word at 1,000 articles); here those
    words are read once per Finder and kept, and Levenshtein automata over them give
    the candidates (see _within)."""
    kept = _WORDS.setdefault(f, {})
    if (field, key[:1]) not in kept:
        fieldobj = f.schema[field]
        kept[field, key[:1]] = sorted({fieldobj.from_bytes(b) for b in f.reader.expand_prefix(field, key[:1])})
    words = kept[field, key[:1]]
    for dist in (1, 2):
        # Whoosh's score and order: the five best by frequency, ties by the word
        scored = heapq.nlargest(5, ((0 - (dist + 1.0 / (f.reader.frequency(field, w) or 1) * 0.5), w)
                                    for w in _within(words, key, dist)))
        best = [w for _, w in sorted(scored, key=lambda s: (0 - s[0], s[1])) if "_" not in w]
        if best:
            return best[0]
    return None


def _swaps(word):
    """word with two letters side by side swapped, the first letter kept."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1) if word[i] != word[i + 1]}


def _within(words, key, dist):
    """The words (sorted, all with key's first letter) within `dist` edits of key by
    Whoosh's distance (swaps included). Every such word is within dist - n
    Levenshtein edits (no swap) of key with n swaps made first, the edits of such a
    distance never touching the same letters twice: automata find those, the
    distance checks them."""
    from whoosh.automata.fsa import find_all_matches  # 40 ms to import, for a query that found nothing
    from whoosh.automata.lev import levenshtein_automaton
    from whoosh.support.levenshtein import distance

    def at_or_after(word):
        i = bisect_left(words, word)
        return words[i] if i < len(words) else None

    variants, swapped = {key: dist}, {key}
    for n in range(1, dist + 1):
        swapped = {s for w in swapped for s in _swaps(w)}
        for s in swapped:
            variants[s] = max(variants.get(s, 0), dist - n)
    found = set()
    for variant, edits in variants.items():
        if edits:
            found.update(find_all_matches(levenshtein_automaton(variant, edits, 1).to_dfa(), at_or_after))
        elif at_or_after(variant) == variant:
            found.add(variant)
    return [w for w in found if distance(w, key, limit=dist) <= dist]


def _finds(f, text, wildcards):
    try:
        return bool(f.docs(parse(text, f.schema, wildcards)[1]))
    except ValueError:
        return False

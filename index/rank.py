"""Ranking the hits of a query: BM25 over Whoosh's postings, computed with numpy.

Whoosh scores one posting at a time in Python and reads each document's field
length to do it; on common words at 50,000 articles that is seconds. Here a
term's postings (document numbers and frequencies) are read a block at a time,
kept, and scored as arrays. Length normalization is left out (BM25 with b = 0):
news articles are of similar length, and it would cost a length per posting.
"""
import math

import numpy as np
from whoosh import query as wq

K1 = 1.2


def postings(searcher, schema, fieldname, text):
    """(document numbers, term frequencies) of a term, as numpy arrays.

    Reads whole blocks through the internals of Whoosh's codec (W3), decoding the
    delta-coded ids with numpy where Whoosh runs a Python generator per posting;
    with any other reader it falls back on the public, per-posting iteration."""
    ids, weights = [], []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (fieldname, text) not in reader:
            continue
        try:
            m = reader._terms.matcher(fieldname, reader._text_to_bytes(fieldname, text), schema[fieldname].format)
            _read_blocks(m, offset, ids, weights)
        except AttributeError:
            items = list(reader.postings(fieldname, text).items_as("weight"))
            ids.append(np.array([i for i, _ in items], dtype=np.int64) + offset)
            weights.append(np.array([w for _, w in items], dtype=np.float32))
    return _joined(ids, weights)


def _read_blocks(m, offset, ids, weights):
    """Append a W3 matcher's document numbers (+ offset) and weights, a block at a time."""
    if not hasattr(m, "_read_data"):  # a short list inlined in the term's entry (index.postings)
        ids.append(np.asarray(m._ids, dtype=np.int64) + offset)
        weights.append(np.asarray(m._weights, dtype=np.float32))
        return
    while m.is_active():
        m._read_data()  # (delta-coded ids, weights, values) of the block
        block_ids, block_weights = m._data[0], m._data[1]
        block_ids = np.asarray(block_ids, dtype=np.int64)
        ids.append((block_ids if m._byteids else np.cumsum(block_ids)) + offset)
        if block_weights is None or isinstance(block_weights, float):
            block_weights = np.full(len(block_ids), block_weights or 1.0, dtype=np.float32)
        weights.append(np.asarray(block_weights, dtype=np.float32))
        m._next_block()


def _joined(ids, weights):
    if not ids:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(weights)


def field_postings(searcher, schema, fieldname):
    """{term: document numbers (numpy array)} of every term of a field, in one walk of its
    terms per segment: a term found once is read from its term information, where Whoosh
    keeps it, instead of a lookup and a matcher per term (a first facet count read
    every unit name that way). Falls back on postings() per term with another codec."""
    found = {}
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        try:
            terms, codec, postfile = reader._terms, reader._codec, reader._terms._postfile
            items = terms.items_from(fieldname, b"")
        except AttributeError:
            return {text: postings(searcher, schema, fieldname, text)[0]
                    for text in searcher.reader().field_terms(fieldname)}
        fieldobj = schema[fieldname]
        for (name, tbytes), info in items:
            if name != fieldname:
                break
            text = fieldobj.from_bytes(tbytes)
            if info.is_inlined():
                ids = [np.asarray(info.inlined_postings()[0], dtype=np.int64) + offset]
            else:
                ids, weights = [], []
                _read_blocks(codec.postings_reader(postfile, info, fieldobj.format), offset, ids, weights)
            found.setdefault(text, []).extend(ids)
    return {text: np.concatenate(ids) for text, ids in found.items()}


def weighted_terms(q, boost=1.0):
    """(fieldname, text, boost) of every term that adds to a score (not those under NOT)."""
    if isinstance(q, (wq.Not,)):
        return
    if isinstance(q, wq.AndNot):
        yield from weighted_terms(q.a, boost * q.boost)
        return
    if isinstance(q, wq.Term):
        if isinstance(q.text, str):
            yield q.fieldname, q.text, boost * q.boost
        return
    for child in q.children():
        yield from weighted_terms(child, boost * getattr(q, "boost", 1.0))


def top(scored_terms, hits, doc_count, limit, levels=None):
    """The `limit` best of `hits` (a set of document numbers), best first, with scores.

    scored_terms yields (postings, boost) pairs; levels, when given, is an array of what
    each document has before BM25 is added (index.finder.levels)."""
    scores = np.zeros(doc_count, dtype=np.float64) if levels is None else levels.copy()
    for (ids, tf), boost in scored_terms:
        if len(ids):
            idf = math.log(1 + (doc_count - len(ids) + 0.5) / (len(ids) + 0.5))
            scores[ids] += boost * idf * tf * (K1 + 1) / (tf + K1)
    candidates = np.fromiter(hits, dtype=np.int64, count=len(hits))
    if len(candidates) > limit:
        candidates = candidates[np.argpartition(-scores[candidates], limit)[:limit]]
    order = sorted(candidates.tolist(), key=lambda d: (-scores[d], d))
    return [(d, float(scores[d])) for d in order]

"""Ranking the hits of a query: BM25 over Whoosh's postings, computed with numpy.

Whoosh scores one posting at a time in Python and reads each document's field
length to do it; on common words at 50,000 articles that is seconds. Here a
term's postings (document numbers and frequencies) are read a block at a time,
kept, and scored as arrays. Length normalization is left out (BM25 with b = 0):
news articles are of similar length, and it would cost a length per posting.
"""
import math
import pickle
import zlib
from itertools import chain

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.reading import TermNotFound
from whoosh.system import pack_ushort

from index.postings import posting_blocks, term_entries

K1 = 1.2


def postings(searcher, schema, fieldname, text):
    """(document numbers, term frequencies) of a term, as numpy arrays.

    Looks the term up once per segment and reads whole blocks through the internals
    of Whoosh's codec (W3), decoding the delta-coded ids with numpy where Whoosh runs
    a Python generator per posting (and asks whether the term is there before looking
    it up again); postings inlined in the term's information (index.postings keeps
    lists of up to 4 documents there) are taken from it, and any other reader goes
    through the public, per-posting iteration."""
    ids, weights = [], []
    for reader, offset, info in term_infos(searcher, fieldname, text):
        if info is not None and info.is_inlined():  # a short list kept in the term's entry (index.postings)
            inlined_ids, inlined_weights, _ = info.inlined_postings()
            ids.append(np.asarray(inlined_ids, dtype=np.int64) + offset)
            weights.append(np.asarray(inlined_weights, dtype=np.float32))
        elif info is not None:
            _read_blocks(reader._terms._postfile, info, offset, ids, weights)
        else:
            items = list(reader.postings(fieldname, text).items_as("weight"))
            ids.append(np.array([i for i, _ in items], dtype=np.int64) + offset)
            weights.append(np.array([w for _, w in items], dtype=np.float32))
    return _joined(ids, weights)


def term_infos(searcher, fieldname, text):
    """(segment reader, its first document number, the term's W3 information) of each
    segment holding the term, looked up once; the information is None for a reader of
    another codec, to be read through Whoosh's public postings (the term is there)."""
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        try:
            yield reader, offset, reader._terms.term_info(fieldname, reader._text_to_bytes(fieldname, text))
        except TermNotFound:
            continue
        except AttributeError:
            if (fieldname, text) in reader:
                yield reader, offset, None


def _read_blocks(postfile, info, offset, ids, weights):
    """Append the document numbers (+ offset) and weights of a term's postings (W3)."""
    deltas, block_weights = [], []
    for _, data in blocks(postfile, info):
        block_deltas, found, _ = unpacked(data)
        deltas.append(block_deltas)
        if found is None or isinstance(found, float):  # all 1, or all the same
            found = (found or 1.0,) * len(block_deltas)
        block_weights.append(found)
    ids.append(block_ids(deltas) + offset)
    weights.append(np.fromiter(chain.from_iterable(block_weights), dtype=np.float32, count=len(ids[-1])))


def block_ids(deltas):
    """The document numbers of blocks of postings, given each block's delta-coded ids
    (each block's counted from 0), in one numpy pass over all the blocks: a pass per
    block cost as much as unpacking them, on a word most articles hold."""
    lengths = np.fromiter(map(len, deltas), dtype=np.int64, count=len(deltas))
    ids = np.cumsum(np.fromiter(chain.from_iterable(deltas), dtype=np.int64, count=int(lengths.sum())))
    if len(deltas) > 1:  # take back, from each block's, the running sum of the blocks before
        ids -= np.repeat(np.concatenate(([0], ids[np.cumsum(lengths)[:-1] - 1])), lengths)
    return ids


def blocks(postfile, info):
    """(last document number, packed data) of each block of a term's postings (W3), read
    from the postings file in one piece (index.postings.posting_blocks), where Whoosh's
    matcher reads each block's header a few bytes at a time (a quarter of a rare
    word's query, at 28 reads a term); unpacked() decodes the data, so that a block of
    no use is skipped unread."""
    start, length = info.extent()
    if isinstance(length, tuple):  # as Whoosh's W3TermInfo.from_bytes leaves it: a 1-tuple
        length = length[0]
    for header, packed, compressed in posting_blocks(postfile.get(start, length)):
        yield header[1], (packed, compressed)


def unpacked(data):
    """(delta-coded ids, weights, values) of a block's data (see blocks)."""
    packed, compressed = data
    return pickle.loads(zlib.decompress(packed) if compressed else packed)


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
            terms, postfile = reader._terms, reader._terms._postfile
            items = _field_terms(terms, fieldname)
        except AttributeError:
            return {text: postings(searcher, schema, fieldname, text)[0]
                    for text in searcher.reader().field_terms(fieldname)}
        fieldobj = schema[fieldname]
        for tbytes, info in items:
            text = fieldobj.from_bytes(tbytes)
            if info.is_inlined():
                ids = [np.asarray(info.inlined_postings()[0], dtype=np.int64) + offset]
            else:
                ids, weights = [], []
                _read_blocks(postfile, info, offset, ids, weights)
            found.setdefault(text, []).extend(ids)
    return {text: np.concatenate(ids) for text, ids in found.items()}


def _field_terms(terms, fieldname):
    """[(term bytes, term information)] of every term of a field in a segment's terms
    file (W3: entries ordered by field number then term, each its key and data lengths,
    its key, a field number and the term, and its data), read in one piece from the
    field's first entry to the next field's: Whoosh's walk reads each entry's lengths,
    key and data apart, three reads a term (a first facet count of 5,000 unit names
    paid 40 us a name)."""
    if fieldname not in terms._fieldmap:
        return []
    tindex, number = terms._tindex, terms._fieldmap[fieldname]
    start = tindex.closest_key_pos(terms._keycoder(fieldname, b""))
    if start is None:
        return []
    end = tindex.closest_key_pos(pack_ushort(number + 1)) if number + 1 < 65535 else None
    raw = tindex.dbfile.get(start, (tindex.endofdata if end is None else end) - start)
    out, field_key = [], pack_ushort(number)
    for key, data in term_entries(raw):
        if key[:len(field_key)] != field_key:  # past the field (a file of other layout)
            break
        out.append((key[len(field_key):], W3TermInfo.from_bytes(data)))
    return out


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
    """The `limit` best of `hits` (a set of document numbers), best first, with scores;
    of documents with the same score, the first numbers first, on the page's last
    places too (which of them a partition picked used to follow the set's order).

    scored_terms yields (postings, boost) pairs; levels, when given, is an array of what
    each document has before BM25 is added (index.finder.levels)."""
    scores = np.zeros(doc_count, dtype=np.float64) if levels is None else levels.copy()
    for (ids, tf), boost in scored_terms:
        if len(ids):
            idf = math.log(1 + (doc_count - len(ids) + 0.5) / (len(ids) + 0.5))
            scores[ids] += boost * idf * tf * (K1 + 1) / (tf + K1)
    if limit <= 0:
        return []
    candidates = np.fromiter(hits, dtype=np.int64, count=len(hits))
    if len(candidates) > limit:  # those at least as good as the limit-th best, ties all in
        worse = -scores[candidates]
        candidates = candidates[worse <= np.partition(worse, limit - 1)[limit - 1]]
    order = candidates[np.lexsort((candidates, -scores[candidates]))][:limit]
    return [(d, float(scores[d])) for d in order.tolist()]

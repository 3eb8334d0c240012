"""Phrases proven by the positions of their syllables, read a block at a time with numpy.

The folded text fields keep their syllables' positions (index.analysis.Spots: arrays
of 32-bit integers). A phrase w0 … wn is in a document where, for some position p,
wi stands at p + i for every i: each syllable's occurrences become keys
(document, position - i), and the keys all the syllables share are the phrase's
starts. Whoosh's own phrase matching walks positions one posting at a time; this reads
each syllable's postings once (kept by index.finder) and intersects sorted arrays.
"""
import numpy as np

from index import rank

SHIFT = 32  # a key is document << SHIFT | (position + offset)


def positions(searcher, fieldname, text, among=None):
    """(document numbers, positions) of every occurrence of a term, as two numpy arrays;
    with `among` (a sorted array of document numbers), at least those in these
    documents: only the blocks of postings that may hold one are unpacked.

    Looks the term up once per segment and reads W3 blocks (and postings inlined in
    the term's entry) through the codec's internals, each term's in one piece
    (index.rank.blocks), as index.rank does for frequencies: Whoosh's matcher reads a
    block's header a few bytes at a time, a third of the time of reading a common
    syllable's positions. With any other reader it falls back on the public,
    per-posting iteration."""
    docs, spots = [], []
    for reader, offset, info in rank.term_infos(searcher, fieldname, text):
        if info is not None and info.is_inlined():  # a short list kept in the term's entry (index.postings)
            ids, _, values = info.inlined_postings()
            _add(docs, spots, np.asarray(ids, dtype=np.int64) + offset, values)
        elif info is not None:
            last, deltas, values = -1, [], []  # last: the last document of the block before
            for maxid, data in rank.blocks(reader._terms._postfile, info):
                if among is None or _any_within(among, last + offset, maxid + offset):
                    block_deltas, _, block_values = rank.unpacked(data)
                    deltas.append(block_deltas)
                    values.extend(block_values)
                last = maxid
            if deltas:
                _add(docs, spots, rank.block_ids(deltas) + offset, values)
        else:
            for docnum, found in reader.postings(fieldname, text).items_as("positions"):
                docs.append(np.full(len(found), docnum + offset, dtype=np.int32))
                spots.append(np.asarray(found, dtype=np.uint32))
    if not docs:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.uint32)
    return np.concatenate(docs), np.concatenate(spots)


def _any_within(among, after, upto):
    """Whether the sorted array holds a value in (after, upto]."""
    at = np.searchsorted(among, after, side="right")
    return at < len(among) and among[at] <= upto


def _add(docs, spots, ids, values):
    """Documents and positions as 32-bit integers, half the memory of a kept common
    syllable's (index.finder); the positions are the bytes read, not a copy."""
    counts = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) // 4
    docs.append(np.repeat(ids.astype(np.int32), counts))
    spots.append(np.frombuffer(b"".join(values), dtype="<u4"))


def in_sequence(occurrences, allowed=None):
    """The documents (a frozenset) where the syllables stand one after the other, given
    each syllable's (documents, positions) in phrase order; only among `allowed` (a
    sorted array of document numbers) when given."""
    n = len(occurrences)
    order = sorted(range(n), key=lambda i: len(occurrences[i][0]))  # the rarest syllable first
    starts = None
    for i in order:
        docs, spots = occurrences[i]
        if allowed is not None:
            keep = _within(docs, allowed)
            docs, spots = docs[keep], spots[keep]
        keys = (docs.astype(np.int64) << SHIFT) | (spots + (n - i))
        starts = keys if starts is None else _common(starts, keys)
        if not len(starts):
            return frozenset()
        allowed = _distinct(starts >> SHIFT)
    return frozenset(_distinct(starts >> SHIFT).tolist())


def _within(docs, allowed):
    """The indices of the documents (sorted, repeated once per occurrence) that are in
    allowed (sorted, distinct). For a few allowed documents among many occurrences,
    each one's run of occurrences is found by two binary searches, instead of a
    search per occurrence."""
    if len(allowed) * 16 >= len(docs):
        return np.flatnonzero(_members(docs, allowed))
    lo = np.searchsorted(docs, allowed, "left")
    lengths = np.searchsorted(docs, allowed, "right") - lo
    held = lengths > 0
    lo, lengths = lo[held], lengths[held]
    firsts = np.cumsum(lengths) - lengths  # where each run starts in the result
    return np.arange(lengths.sum()) + np.repeat(lo - firsts, lengths)


def _members(values, allowed):
    """Which of values (sorted) are in allowed (sorted, distinct): a binary search each,
    no sort (np.isin sorts both)."""
    if not len(allowed):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(allowed, values), len(allowed) - 1)
    return allowed[at] == values


def _distinct(ordered):
    """The distinct values of a sorted array."""
    if not len(ordered):
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _common(a, b):
    """The values two sorted arrays of distinct keys share. Keys come sorted (documents in
    order, each one's positions in order), so a binary search of the shorter in the
    longer does without the sort that np.intersect1d would do."""
    if len(a) > len(b):
        a, b = b, a
    return a[_members(a, b)] if len(a) else a

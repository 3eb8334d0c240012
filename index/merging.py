"""Merging segments for a growing archive: which segments a commit merges (`tiered`),
and merging them fast (`add_reader`).

Every Whoosh commit writes a segment; an ingest commits a round of a few hundred
articles at a time. Whoosh's own policy (MERGE_SMALL, a Fibonacci heuristic) let
about sixteen segments pile up and then merged nearly all of them, so that an
article was rewritten again and again as the archive grew: at 8,000 articles one
round of 250 took 44 s instead of 1. `tiered` merges segments of like size once
there are FACTOR of them, so an article is rewritten about log_FACTOR(archive /
FLOOR) times, and the number of segments a query visits stays small (FACTOR - 1 per
tier).

Whoosh merges a segment (SegmentWriter.add_reader) by reading every posting through
a matcher, several Python calls each, and unpickling and pickling again every
article's stored fields: more CPU than indexing the article had taken. `add_reader`
(installed over Whoosh's when `index` is imported) reads a segment's postings a term
at a time, from the term's entry or its raw blocks, and hands each term's postings to
the pool at once (index.postings.TermPool.add_term) with the documents renumbered and
the deleted ones left out; stored fields are copied as the compressed bytes they
are; lengths and columns are carried document by document, as Whoosh does. What it
gives is what Whoosh's add_reader gives (tests/test_index_merging.py); a segment it
cannot read that way (another codec, term vectors) goes Whoosh's way.
"""
import pickle
import struct
import zlib
from array import array
from itertools import accumulate, repeat
from math import log

from whoosh import writing
from whoosh.codec import whoosh3
from whoosh.columns import VarBytesColumn
from whoosh.reading import SegmentReader
from whoosh.system import unpack_ushort
from whoosh.util.numeric import byte_to_length

from index.postings import POSTING_BYTES, posting_blocks, term_entries

FACTOR = 4  # segments of one tier merged into one of the next
FLOOR = 1000  # live documents: smaller segments are all of the lowest tier
WASTE = 0.5  # a segment with more than this share of its documents deleted is merged
WHOOSH_ADD_READER = writing.SegmentWriter.add_reader
_INFO_SIZE = whoosh3.W3TermInfo._struct.size
_EXTENT = struct.Struct("!qi")  # where a term's blocks are: W3TermInfo.to_bytes, pack_long + pack_int
_VAR_ADD, _VAR_GET = VarBytesColumn.Writer.add, VarBytesColumn.Reader.__getitem__


def tier(docs):
    """0 below FLOOR documents, then one more for each FACTOR times as many."""
    return 0 if docs < FLOOR else int(log(docs / FLOOR, FACTOR) + 1e-9) + 1


def to_merge(sizes, new, wasted=()):
    """Which segments (indexes into sizes, their live document counts) a commit merges
    into the segment it writes (of `new` documents): from the lowest tier up, all of a
    tier once it holds FACTOR segments, the one being written counted in its tier as it
    grows; and those in `wasted` (mostly deleted documents)."""
    chosen, merged = set(wasted), new + sum(sizes[i] for i in wasted)
    tiers = [tier(n) for n in sizes]
    for level in range(max(tiers, default=-1) + 1):
        members = [i for i, t in enumerate(tiers) if t == level and i not in chosen]
        if len(members) + (merged > 0 and tier(merged) == level) >= FACTOR:
            chosen.update(members)
            merged += sum(sizes[i] for i in members)
    return sorted(chosen)


def tiered(writer, segments):
    """Whoosh merge policy (SegmentWriter.commit's mergetype): see to_merge."""
    return _merge(writer, segments, to_merge([s.doc_count() for s in segments], writer.doc_count(),
                                             _wasted(segments)))


def _wasted(segments):
    return [i for i, s in enumerate(segments) if s.deleted_count() > WASTE * s.doc_count_all()]


def _merge(writer, segments, chosen):
    """Merge the chosen segments into the writer's; the segments left, in order."""
    if len(chosen) == 1 and not writer.doc_count() and not segments[chosen[0]].has_deletions():
        return segments  # rewriting one whole segment as it is gains nothing
    for i in chosen:
        reader = SegmentReader(writer.storage, writer.schema, segments[i])
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    chosen = set(chosen)
    return [s for i, s in enumerate(segments) if i not in chosen]


def add_reader(self, reader):
    """SegmentWriter.add_reader: the reader's documents (those not deleted) appended to
    this writer's segment, renumbered from its next document."""
    if not _copyable(self, reader):
        return WHOOSH_ADD_READER(self, reader)
    self._check_state()
    schema = self.schema
    total, deleted = reader.doc_count_all(), frozenset(reader._perdoc.deleted_docs())
    names = set(schema.names()) | {name for name in reader.indexed_field_names() if name in schema}
    newnum = array("q", repeat(-1, total))
    base = self.docnum
    for old in range(total):
        if old not in deleted:
            newnum[old] = base
            base += 1
    _copy_per_doc(self, reader, names, newnum)
    _copy_postings(self.pool, schema, reader, newnum)
    self._added = True


def _copyable(writer, reader):
    """Whether the reader's segment can be copied here: Whoosh's W3 codec on both sides,
    our pool, and no term vectors or spelling words (which only Whoosh's way carries)."""
    return (type(reader) is SegmentReader and isinstance(reader._terms, whoosh3.W3TermsReader)
            and isinstance(reader._perdoc, whoosh3.W3PerDocReader)
            and isinstance(writer.perdocwriter, whoosh3.W3PerDocWriter) and hasattr(writer.pool, "add_term")
            and not any(field.vector or field.separate_spelling() for _, field in writer.schema.items()))


def _copy_per_doc(writer, reader, names, newnum):
    """Each kept document's field lengths, column values and stored fields, as
    SegmentWriter.write_per_doc writes them, the stored fields copied compressed."""
    schema, pdw, perdoc = writer.schema, writer.perdocwriter, reader._perdoc
    lengths = []
    for name in sorted(names):
        column = perdoc._cached_reader(whoosh3._lenfield(name), whoosh3.LENGTHS_COLUMN)
        if column is not None:
            lengths.append((name, schema[name], column))
    columns = []
    for name in sorted(names):
        coltype = schema[name].column_type
        if coltype and reader.has_column(name):
            column = reader.column_reader(name, coltype, translate=False)
            columns.append((name, coltype, column))
    stored_in = perdoc._cached_reader("_stored", whoosh3.STORED_COLUMN)
    stored_in = stored_in._child if stored_in is not None else None  # the compressed bytes
    stored_out = pdw._get_column("_stored")._child
    for old, new in enumerate(newnum):
        if new < 0:
            continue
        pdw.start_doc(new)
        for name, field, column in lengths:
            byte = column[old]
            if byte:
                pdw.add_field(name, field, None, byte_to_length(byte))
        for name, coltype, column in columns:
            pdw.add_column_value(name, coltype, column[old])
        if stored_in is not None and (raw := _VAR_GET(stored_in, old)):
            _VAR_ADD(stored_out, new, raw)
        pdw.finish_doc()
        writer.docnum += 1


def _copy_postings(pool, schema, reader, newnum):
    """Every term's postings, read at once, renumbered, into the pool."""
    terms = reader._terms
    postfile, fixed_sizes = terms._postfile, {}
    renumber = newnum.__getitem__
    deletions = newnum.count(-1)
    for name, btext, entry in _entries(terms):
        if name not in schema:
            continue
        fixed = fixed_sizes.get(name, False)
        if fixed is False:
            fixed = fixed_sizes[name] = schema[name].format.fixed_value_size()
        if entry[0]:  # kept in the entry (W3TermInfo.from_bytes)
            ids, weights, values = pickle.loads(entry[_INFO_SIZE:])
            weights = weights or (1.0,) * len(ids)  # as ListMatcher gives them
            values = values or ("",) * len(ids)
        else:
            offset, length = _EXTENT.unpack_from(entry, _INFO_SIZE)
            ids, weights, values = _read_blocks(postfile.get(offset, length), fixed)
        postings = list(zip(map(renumber, ids), weights, values))
        if deletions:
            postings = [p for p in postings if p[0] >= 0]
            if not postings:
                continue
        pool.add_term(name, btext, postings, POSTING_BYTES * len(postings) + sum(map(len, filter(None, values))))


def _entries(terms):
    """(field, term bytes, entry bytes) of every term of a W3 terms reader, in order,
    read from the term index in one piece (OrderedHashReader.items reads three
    pieces of the file per term)."""
    tindex, fields = terms._tindex, terms._fieldunmap
    for key, entry in term_entries(tindex.dbfile.get(tindex.startofdata, tindex.endofdata - tindex.startofdata)):
        yield fields[unpack_ushort(key[:2])[0]], key[2:], entry


def _read_blocks(raw, fixed):
    """A term's postings from its blocks (W3PostingsWriter's format) as W3LeafMatcher
    reads them: (ids, weights, values)."""
    ids, weights, values = [], [], []
    for (count, *_), data, compressed in posting_blocks(raw):
        if compressed:
            data = zlib.decompress(data)
        deltas, mini_weights, mini_values = pickle.loads(data)
        ids.extend(accumulate(deltas))
        if mini_weights is None:
            weights.extend(repeat(1.0, count))
        elif isinstance(mini_weights, float):
            weights.extend(array("f", repeat(mini_weights, count)))
        else:
            weights.extend(mini_weights)
        if fixed is None or fixed < 0:
            values.extend(mini_values)
        elif fixed == 0:
            values.extend(repeat(None, count))
        else:
            values.extend(mini_values[i:i + fixed] for i in range(0, len(mini_values), fixed))
    return ids, weights, values


def install():
    writing.SegmentWriter.add_reader = add_reader

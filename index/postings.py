"""Writing postings in Whoosh's own format (W3), a term at a time instead of a posting at a time.

Whoosh's segment writer turns each posting into half a dozen Python calls on its way
to the file: the pool checks and sizes it, the sort compares whole postings, the
field writer asks each document's field length, and every term — nine in ten of
which are in one document only — gets a block of its own (a header, a pickled block
summary, a zlib stream) because the codec's inlining of short posting lists calls a
method that does not exist (W3PostingsWriter.finish_postings: `set_inline`). At
1,000 articles that was 60% of the CPU of a rebuild and most of the index's size
(bench/field_cost_bench.py).

Here (installed over Whoosh's methods when `index` is imported, for every writer:
ingest, rebuild and merges) the pool keeps postings with less bookkeeping and sorts
them by term only (they arrive in document order), and the field writer takes each
term's postings at once: posting lists of up to INLINE documents are kept in the
term's entry, as Whoosh's format provides (its readers read them: whoosh3.W3Codec.
postings_reader), longer ones are written in W3's blocks, pickled with a later
protocol (PROTOCOL). Field lengths are read once per field, and only for fields
that keep them.
"""
import zlib
from array import array
from itertools import groupby
from operator import itemgetter
from pickle import dumps

from whoosh import writing
from whoosh.codec import whoosh3
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte

INLINE = 4  # postings kept in the term's entry
BLOCK = 128  # postings per block, W3's own
# W3 pickles with protocol 2, which writes each bytes value (a posting's frequency or
# positions) as a call to _codecs.encode: 30 bytes for 4. Its readers unpickle any
# protocol; with 4, 128 postings' positions take 247 bytes compressed instead of 1,169.
PROTOCOL = 4
_TERM = itemgetter(0, 1)


def _term_key(item):
    """(field, term) as one bytes string, ordered as the pair is: compared in C, twice as
    fast to sort by as the tuple."""
    return item[0].encode() + b"\0" + item[1]


def add_postings(self, schema, lengths, items):
    """W3FieldWriter.add_postings: items are (field, term bytes, document, weight,
    value bytes), sorted by field, term and document."""
    tindex, postfile, comp = self._tindex, self._postfile, self._codec._compression
    field_lengths = {}
    fieldname = None
    for (name, btext), group in groupby(items, key=_TERM):
        postings = list(group)
        if postings[0][2] < 0:  # words for a spelling graph, not postings
            postings = [p for p in postings if p[2] >= 0]
            if not postings:
                continue
        if name != fieldname:
            fieldname, fieldobj = name, schema[name]
            self.start_field(name, fieldobj)
            fixed = fieldobj.format.fixed_value_size()
            table = None
            if lengths and fieldobj.scorable:
                table = field_lengths[name] = [lengths.doc_field_length(d, name)
                                               for d in range(lengths.doc_count_all())]
        ids = array("I", [p[2] for p in postings])
        weights = array("f", [p[3] for p in postings])
        values = [p[4] for p in postings]
        lens = [table[d] for d in ids] if table is not None else None
        info = whoosh3.W3TermInfo()
        info._weight, info._df = sum(weights), len(ids)
        info._minlength, info._maxlength = _length_range(lens)
        info._maxweight, info._minid, info._maxid = max(weights), ids[0], ids[-1]
        if len(ids) <= INLINE:
            info.set_inlined(ids, weights, [v for v in values if v])
            entry = _inlined_entry(info)
        else:
            start = postfile.tell()
            postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
            for i in range(0, len(ids), BLOCK):
                _write_block(postfile, comp, fixed, ids[i:i + BLOCK], weights[i:i + BLOCK], values[i:i + BLOCK],
                             lens[i:i + BLOCK] if lens is not None else None, last=i + BLOCK >= len(ids))
            info.set_extent(start, postfile.tell() - start)
            entry = info.to_bytes()
        tindex.add(pack_ushort(self._fieldid) + btext, entry)


def _inlined_entry(info):
    """W3TermInfo.to_bytes of a term whose postings are inlined, pickled with PROTOCOL."""
    head = whoosh3.W3TermInfo._struct.pack(
        1, info._weight, info._df, 0 if info._minlength is None else length_to_byte(info._minlength),
        length_to_byte(info._maxlength), info._maxweight, info._minid, info._maxid)
    return head + dumps(info._inlined, PROTOCOL)


def _length_range(lens):
    """(shortest, longest) field length, a length of 0 not counted, as W3 keeps them."""
    if not lens:
        return None, 0
    held = [n for n in lens if n]
    return (min(held) if held else None), max(lens)


def _write_block(postfile, comp, fixed, ids, weights, values, lens, last):
    """One block as W3PostingsWriter._write_block writes it."""
    deltas = [ids[0]] + [b - a for a, b in zip(ids, ids[1:])]
    if all(w == 1.0 for w in weights):
        mini_weights = None
    elif all(w == weights[0] for w in weights):
        mini_weights = weights[0]
    else:
        mini_weights = tuple(weights)
    if fixed is None:
        mini_values = tuple(v for v in values if v)
    elif fixed == 0:
        mini_values = None
    else:
        mini_values = b"".join(values)
    data = dumps((tuple(deltas), mini_weights, mini_values), PROTOCOL)
    if comp:
        data = zlib.compress(data, comp)
    shortest, longest = _length_range(lens)
    info = dumps((len(ids), ids[-1], max(weights), comp, length_to_byte(shortest), length_to_byte(longest)),
                 PROTOCOL)
    size = len(info) + len(data)
    postfile.write_int(-size if last else size)
    postfile.write(info)
    postfile.write(data)


def _pool_add(self, item):
    """PostingPool.add without its per-posting type checks; the same size estimate."""
    self.fieldnames.add(item[0])
    self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
    if self.currentsize > self.limit:
        self.save()
    self.current.append(item)


def _pool_save(self):
    """A run of the pool, sorted by term only: a term's postings were added in document
    order (a writer numbers documents upwards, its own and those it merges in), and the
    sort keeps that order."""
    if self.current:
        self.current.sort(key=_term_key)
        path, f = self._new_run()
        self._write_run(f, self.current)
        self._add_run(path)
        self.current = []
    self.currentsize = 0


def _pool_items(self, maxfiles=128):
    if not self.runs:
        self.current.sort(key=_term_key)
        return self.current
    return writing.SortingPool.items(self, maxfiles)


REPLACED = ((whoosh3.W3FieldWriter, "add_postings", add_postings), (writing.PostingPool, "add", _pool_add),
            (writing.PostingPool, "save", _pool_save), (writing.PostingPool, "items", _pool_items))
# Whoosh's own methods, for tests that compare what both write.
WHOOSH_OWN = [(owner, name, getattr(owner, name)) for owner, name, _ in REPLACED]


def install():
    for owner, name, method in REPLACED:
        setattr(owner, name, method)

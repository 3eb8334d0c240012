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
ingest, rebuild and merges) a document's field hands the pool all its postings at
once (add_document), the pool keeps each term's postings together as they come, in
document order, so that only the terms are sorted at the end (TermPool, instead of
one list of all postings sorted) — and the text fields (the format's `syllables`,
index.analysis) hand it their syllables in order, which it keeps as one array of
term numbers per field and sorts out into postings with numpy at the end (Tokens:
no Python object per posting until the writer takes them) — and the
field writer takes each term's postings at once: posting lists of up to INLINE
documents are kept in the term's entry, as Whoosh's format provides (its readers read
them: whoosh3.W3Codec.postings_reader), longer ones are written in W3's blocks,
pickled with a later protocol (PROTOCOL), whole-number weights (a text field's
frequencies) as ints, in 2 bytes where a float takes 9 (every reader takes them as
it takes floats), each block compressed with a window no larger than it. Field
lengths are read once per field, and only for fields that keep them; short fields
whose values come again (units, years, sites) are analysed once per value.
"""
import heapq
import io
import pickle
import struct
import zlib
from array import array
from collections import defaultdict
from functools import cache
from hashlib import md5
from itertools import chain, groupby, islice, repeat, starmap
from operator import itemgetter, sub
from pickle import dumps

from whoosh import formats, writing
from whoosh.analysis import IDTokenizer
from whoosh.codec import whoosh3
from whoosh.filedb import filetables
from whoosh.filedb.filetables import _lengths as _LENGTHS, _pointer as _POINTER, md5_hash
from whoosh.system import pack_uint, pack_ushort
from whoosh.util.numeric import length_to_byte

from index.analysis import Folded, VietTokenizer

INLINE = 8  # postings kept in the term's entry (with 4, a rebuild took 2% more CPU and the index 0.2% more room)
BLOCK = 128  # postings per block, W3's own
# W3 pickles with protocol 2, which writes each bytes value (a posting's frequency or
# positions) as a call to _codecs.encode: 30 bytes for 4. Its readers unpickle any
# protocol; with 4, 128 postings' positions take 247 bytes compressed instead of 1,169.
PROTOCOL = 4
BLOCK_LENGTH = struct.Struct("!i")  # a posting block's length, negative for the last
POSTING_BYTES = 125  # what a posting held by the pool takes in memory, its value aside (tracemalloc)
RUN_CHUNK = 2048  # terms per pickle in a run of the pool written to disk
# What a token of a field with syllables (Tokens) takes: 4 bytes held, the rest while its
# field's postings are sorted out at the end.
TOKEN_BYTES = 32
TERM_BYTES = 120  # a term's entry in a field's numbering (Tokens)
_INT = {int}  # the types of a term's weights when all are ints (from Tokens)
POSTINGS_CHUNK = 1 << 16  # postings of a field with syllables made Python values at a time
_TERM = itemgetter(0, 1)
WHOOSH_ADD_DOCUMENT = writing.SegmentWriter.add_document
_TERM_INFO = whoosh3.W3TermInfo._struct
_EXTENT = struct.Struct("!qi")  # where a term's postings start in the postings file, and their length
_length_byte = cache(length_to_byte)  # a field length as the byte W3 keeps: a bisection each time


class Grouped:
    """Postings already grouped by term, in order: (field, term bytes, documents,
    weights, value bytes), a term's postings as three sequences side by side — what
    TermPool gives add_postings."""

    def __init__(self, groups):
        self.groups = groups


def _grouped(items):
    """Whoosh's flat postings (field, term bytes, document, weight, value bytes), sorted,
    grouped as Grouped holds them."""
    for (name, btext), group in groupby(items, key=_TERM):
        yield name, btext, *zip(*(p[2:] for p in group))


class Tokens:
    """A field's syllables in every document given to the pool, each a term number
    (the terms numbered as they come): one array of numbers for the field, in place of
    a posting tuple per term and document. Once all have come, `postings` sorts them
    out into each term's postings with numpy: where the Python work per posting, from
    the analyzer to the writer, was 45% of a rebuild's CPU."""

    def __init__(self, positions):
        self.positions = positions  # whether postings keep positions (Spots) or frequencies (Counted)
        self.numbers = {}  # term -> its number
        self.terms = []  # the terms by number
        self.folds = {}  # a field's Tokens -> for each of its terms, the number of its folded form here
        self.tokens = array("I")  # the term number of each syllable, document after document
        self.docs = array("I")  # per document given: its number, its syllables' count,
        self.counts = array("I")
        self.boosts = array("d")  # its format's boost and its own
        self.doc_boosts = array("d")

    def add(self, words, docnum, field_boost, boost, exact=None):
        """A document's syllables (str, in order), or its Folded syllables with `exact`,
        the Tokens its exact syllables were just given to (folded term by term, not
        syllable by syllable); what they take in memory."""
        numbers = self.numbers
        before = len(numbers)
        if exact is None:
            new = list(set(words).difference(numbers))
            if new:
                numbers.update(zip(new, range(before, before + len(new))))
                self.terms.extend(new)
            self.tokens.extend(map(numbers.__getitem__, words))
        else:
            import numpy as np  # here: commands that read the index only need not import it (40 ms)

            self.tokens.frombytes(self._folded(exact)[np.frombuffer(exact.tokens, np.uint32)[-len(words):]].tobytes())
        self.docs.append(docnum)
        self.counts.append(len(words))
        self.boosts.append(field_boost)
        self.doc_boosts.append(boost)
        return TOKEN_BYTES * len(words) + TERM_BYTES * (len(numbers) - before)

    def _folded(self, exact):
        """For each term of `exact` (a field's Tokens), the number of its folded form
        here (numpy), numbering the folded forms not seen yet."""
        import numpy as np

        folds = self.folds.get(exact)
        if folds is None:
            folds = self.folds[exact] = array("I")
        if len(folds) < len(exact.terms):
            numbers, terms, fold = self.numbers, self.terms, Folded.fold
            for word in exact.terms[len(folds):]:
                folded = fold(word)
                number = numbers.get(folded)
                if number is None:
                    number = numbers[folded] = len(terms)
                    terms.append(folded)
                folds.append(number)
        return np.frombuffer(folds, np.uint32)

    def postings(self, name):
        """(name, term bytes, documents, weights, values) of each term, in the order of the
        terms' bytes (UTF-8 keeps the order of code points), documents upwards, as
        Whoosh's formats make them: frequency packed (Counted), or positions as 32-bit
        little-endian integers (Spots); weight, the frequency times the format's boost,
        times the document's."""
        import numpy as np

        words = sorted(self.numbers)
        # Ranks of 16 bits where they fit: numpy sorts those by radix, five times as fast.
        rank = np.empty(len(words), np.uint16 if len(words) <= 1 << 16 else np.uint32)
        rank[np.fromiter(map(self.numbers.__getitem__, words), np.int64, len(words))] = np.arange(len(words))
        tokens = rank[np.frombuffer(self.tokens, np.uint32)]
        counts = np.frombuffer(self.counts, np.uint32).astype(np.int64)
        order = np.argsort(tokens, kind="stable")  # by term, then as they came: by document, by position
        nth = np.repeat(np.arange(len(counts)), counts)[order]  # the document (its place in docs) of each
        terms = tokens[order]
        first = np.ones(len(order), bool)
        first[1:] = (terms[1:] != terms[:-1]) | (nth[1:] != nth[:-1])
        starts = np.flatnonzero(first)  # each posting's first token
        freqs = np.diff(starts, append=len(order))
        of = nth[starts]
        ids = np.frombuffer(self.docs, np.uint32)[of]
        boosts, doc_boosts = np.frombuffer(self.boosts, np.float64), np.frombuffer(self.doc_boosts, np.float64)
        if (boosts == 1).all() and (doc_boosts == 1).all():
            weights = freqs  # whole numbers, given as ints: pickled in 2 bytes each, where a float takes 9
        else:
            weights = freqs * boosts[of] * doc_boosts[of]
        if self.positions:
            before = np.cumsum(counts) - counts
            spots = (order - before[nth]).astype("<u4")
        held = terms[starts]  # each posting's term (a folded form numbered may have none)
        firsts = np.flatnonzero(np.append(True, held[1:] != held[:-1]))
        words = [words[i] for i in held[firsts].tolist()]
        bounds = np.append(firsts, len(starts)).tolist()
        bterms = "\0".join(words).encode().split(b"\0")  # no syllable holds a NUL
        t = 0
        while t < len(words):  # a chunk of terms at a time: Python values for its postings
            u = t + 1
            while u < len(words) and bounds[u + 1] - bounds[t] <= POSTINGS_CHUNK:
                u += 1
            a, b = bounds[t], bounds[u]
            chunk_ids, chunk_weights = ids[a:b].tolist(), weights[a:b].tolist()
            if self.positions:
                block = spots[starts[a]:starts[b - 1] + freqs[b - 1]].tobytes()
                ends = ((starts[a:b] - starts[a] + freqs[a:b]) * 4).tolist()
                values = list(map(block.__getitem__, map(slice, [0, *ends[:-1]], ends)))
            else:
                values = list(map(pack_uint, freqs[a:b].tolist()))
            for i in range(t, u):
                x, y = bounds[i] - a, bounds[i + 1] - a
                yield name, bterms[i], chunk_ids[x:y], chunk_weights[x:y], values[x:y]
            t = u


class TermPool(writing.PostingPool):
    """PostingPool keeping each term's postings together as they come, instead of one
    list of postings sorted once all have come: a term's postings arrive in document
    order (a writer numbers documents upwards, its own and those it merges in), so only
    the terms need sorting, at the end. The fields with syllables (index.analysis)
    are kept as Tokens. Past `limit` bytes the terms held so far are written to a run
    on disk, sorted; the runs are merged term by term."""

    def __init__(self, tempstore, segment, limitmb=128, **kwargs):
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self.terms = {}  # field -> {term bytes: [(document, weight, value bytes), ...]}
        self.tokens = {}  # field -> Tokens
        self.last = None, None  # the syllables last given as a list, and their field's Tokens

    def add(self, item):
        """One posting (merging segments; Whoosh's own add_document)."""
        name, btext, docnum, weight, value = item
        self.add_terms(name, (btext,), ((docnum, weight, value),), POSTING_BYTES + len(value or b""))

    def add_terms(self, name, bterms, postings, size):
        """A document's postings of one field: term bytes and (document, weight, value
        bytes) side by side; size, what they take in memory."""
        terms = self._field(name)
        for bterm, posting in zip(bterms, postings):
            terms[bterm].append(posting)
        self._grown(size)

    def add_tokens(self, name, words, docnum, field_boost, boost, positions):
        """A document's syllables of one field, in order (Tokens.add): a list, or
        Folded syllables of the exact ones just given for another field."""
        tokens = self.tokens.get(name)
        if tokens is None:
            tokens = self.tokens[name] = Tokens(positions)
            self.fieldnames.add(name)
        exact = None
        if isinstance(words, Folded):
            last_words, last_tokens = self.last
            if last_words is words.exact and last_tokens is not tokens:
                exact = last_tokens
            else:
                words = list(words)
        else:
            self.last = words, tokens
        self._grown(tokens.add(words, docnum, field_boost, boost, exact))

    def _field(self, name):
        terms = self.terms.get(name)
        if terms is None:
            terms = self.terms[name] = defaultdict(list)
            self.fieldnames.add(name)
        return terms

    def _grown(self, size):
        self.currentsize += size
        if self.currentsize > self.limit:
            self.save()

    def add_term(self, name, bterm, postings, size):
        """One term's postings at once, (document, weight, value bytes), of documents
        after those it holds (a segment merged in); size, what they take in memory."""
        self._field(name)[bterm].extend(postings)
        self._grown(size)

    def _sorted(self):
        """The terms held, in order, as Grouped gives them, let go of as they are given
        (the pool is then empty)."""
        fields, self.terms = self.terms, {}
        tokens, self.tokens = self.tokens, {}
        self.last = None, None
        for name in sorted(fields.keys() | tokens.keys()):
            if name not in fields:
                yield from tokens.pop(name).postings(name)
                continue
            streams = []
            if name in tokens:
                streams.append(term[1:] for term in tokens.pop(name).postings(name))
            streams.append(_listed(fields.pop(name)))
            for bterm, ids, weights, values in streams[0] if len(streams) == 1 else _together(streams):
                yield name, bterm, ids, weights, values

    def save(self):
        if self.terms or self.tokens:
            path, f = self._new_run()
            with f:
                groups = self._sorted()
                while chunk := list(islice(groups, RUN_CHUNK)):
                    pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
            self._add_run(path)
        self.currentsize = 0

    def _read_run(self, path):
        with self._open_run(path) as f:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    break
                yield from chunk
        self._remove_run(path)

    def iter_postings(self):
        if not self.runs:
            return Grouped(self._sorted())
        self.save()
        merged = heapq.merge(*map(self._read_run, self.runs), key=_TERM)  # of equal terms, the earlier run first
        return Grouped((name, btext, *(tuple(chain.from_iterable(g[k] for g in group)) for k in (2, 3, 4)))
                       for (name, btext), group in ((key, list(group)) for key, group in groupby(merged, key=_TERM)))


def _listed(terms):
    """(term bytes, documents, weights, values) of each term of a field held as lists
    of postings, in order, let go of as they are given."""
    for bterm in sorted(terms):
        yield bterm, *zip(*terms.pop(bterm))


def _together(streams):
    """Streams of (term bytes, documents, weights, values) as one: a field given both
    as syllables and as postings (a segment merged in), the postings of a term in both
    put in the order of their documents."""
    for bterm, group in groupby(heapq.merge(*streams, key=itemgetter(0)), key=itemgetter(0)):
        group = list(group)
        if len(group) == 1:
            yield group[0]
        else:
            yield bterm, *zip(*sorted(p for _, *columns in group for p in zip(*columns)))


def add_document(self, **fields):
    """SegmentWriter.add_document, each field's postings handed to the pool at once (its
    syllables where the format gives them, index.analysis) rather than from a
    generator of postings one at a time. Documents with term vectors or spelling
    fields (none in our schema) go Whoosh's own way."""
    self._check_state()
    schema, pdw, pool, docnum = self.schema, self.perdocwriter, self.pool, self.docnum
    docboost = self._doc_boost(fields)
    names = sorted(name for name in fields if not name.startswith("_"))
    special = len(names) < len(fields)  # a boost or a stored value of its own given ("_title_boost", "_stored_title")
    self._check_fields(schema, names)
    if any(schema[name].vector or schema[name].separate_spelling() for name in names):
        return WHOOSH_ADD_DOCUMENT(self, **fields)
    pdw.start_doc(docnum)
    try:
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                length = _add_field(pool, name, field, value, docnum,
                                    self._field_boost(fields, name, docboost) if special else docboost)
            stored = fields.get("_stored_" + name, value) if special else value
            pdw.add_field(name, field, stored if field.stored else None, length)
            if field.column_type and stored is not None:
                pdw.add_column_value(name, field.column_type, field.to_column_value(stored))
    except Exception:
        pdw.cancel_doc()
        raise
    pdw.finish_doc()
    self._added = True
    self.docnum += 1


def _add_field(pool, name, field, value, docnum, boost):
    """A field's postings into the pool, as its syllables where the format gives them
    (index.analysis); its length (the sum of its terms' frequencies) if it is
    scorable, else 0."""
    syllables = getattr(field.format, "syllables", None)
    words = syllables(value, field.analyzer) if syllables is not None else None
    if words is not None:
        if words:
            pool.add_tokens(name, words, docnum, field.format.field_boost, boost, field.format.positions)
        return len(words) if field.scorable else 0
    bterms, freqs, weights, values, size = _indexed(name, field, value)
    if not bterms:
        return 0
    if boost != 1.0:
        weights = [w * boost for w in weights]
    pool.add_terms(name, bterms, zip(repeat(docnum), weights, values), size)
    return sum(freqs) if field.scorable else 0


_INDEXED = {}  # (field name, value) -> (field, what _indexed gives)
INDEXED_KEPT, INDEXED_LONGEST = 1 << 12, 200


def _indexed(name, field, value):
    """field.index(value) as columns (term bytes, frequencies, weights, values) and the
    size they take held, kept for values that come again: the same unit, person, rank,
    year, event type, site in many articles, where Whoosh's analysis is a Token and a
    few calls per word (a tenth of a rebuild's CPU went to these short fields). A
    field's analysis depends on its value only; the field object is kept with its
    result, and must be the one asked (Whoosh's field equality does not tell analyzers
    apart). Each writer reads its own copy of the schema, so a process writing many
    commits leaves entries of earlier ones behind: only short values are kept
    (INDEXED_LONGEST), and no more than INDEXED_KEPT, so the cache stays a few MB."""
    key = (name, value) if isinstance(value, int) or (isinstance(value, str) and len(value) <= INDEXED_LONGEST) \
        else None
    found = _INDEXED.get(key) if key is not None else None
    if found is not None and found[0] is field:
        return found[1]
    if isinstance(value, str) and type(field.format) is formats.Positions and isinstance(field.analyzer, VietTokenizer):
        items = _positions_items(field, value)
    elif isinstance(value, str) and type(field.format) is formats.Existence and type(field.analyzer) is IDTokenizer:
        items = [(value.encode(), 1, field.format.field_boost, b"")]  # the value whole, as its one term
    else:
        items = list(field.index(value))
    bterms, freqs, weights, values = zip(*items) if items else ((), (), (), ())
    result = bterms, freqs, weights, values, POSTING_BYTES * len(bterms) + sum(map(len, filter(None, values)))
    if key is not None:
        if len(_INDEXED) >= INDEXED_KEPT:
            _INDEXED.clear()
        _INDEXED[key] = field, result
    return result


def _positions_items(field, value):
    """field.index(value) of a field of Whoosh's Positions format over our tokenizer
    (units, people, location), from the tokenizer's terms: no Token per syllable."""
    spots = {}
    for pos, word in enumerate(field.analyzer.terms(value)):
        found = spots.get(word)
        if found is None:
            spots[word] = [pos]
        else:
            found.append(pos)
    boost, encode = field.format.field_boost, field.format.encode
    return [(word.encode(), len(found), len(found) * boost, encode(found)) for word, found in spots.items()]


def add_postings(self, schema, lengths, items):
    """W3FieldWriter.add_postings: items are Grouped (from TermPool), or Whoosh's flat
    postings (field, term bytes, document, weight, value bytes) sorted by field, term
    and document."""
    tindex, postfile, comp = self._tindex, self._postfile, self._codec._compression
    add_term = _term_adder(tindex)
    field_lengths = {}
    fieldname = key = None
    for name, btext, ids, weights, values in items.groups if isinstance(items, Grouped) else _grouped(items):
        if ids[0] < 0:  # words for a spelling graph, not postings
            kept = [p for p in zip(ids, weights, values) if p[0] >= 0]
            if not kept:
                continue
            ids, weights, values = zip(*kept)
        if name != fieldname:
            fieldname, fieldobj = name, schema[name]
            self.start_field(name, fieldobj)
            prefix = pack_ushort(self._fieldid)
            fixed = fieldobj.format.fixed_value_size()
            table = None
            if lengths and fieldobj.scorable:
                table = field_lengths[name] = [lengths.doc_field_length(d, name)
                                               for d in range(lengths.doc_count_all())]
        if len(ids) == 1:  # nine terms in ten: the entry packed here, without a call per statistic
            doc, weight, value = ids[0], weights[0], values[0]
            length = _length_byte(table[doc]) if table is not None else 0
            entry = _TERM_INFO.pack(1, weight, 1, length, length, weight, doc, doc) + dumps(
                ((doc,), (weight,), (value,) if value else ()), PROTOCOL)
            key = prefix + btext
            add_term(key, entry)
            continue
        lens = list(map(table.__getitem__, ids)) if table is not None else None
        if len(ids) <= INLINE:
            entry = _inlined_entry(ids, weights, tuple(filter(None, values)), lens)
        else:
            whole = weights if {*map(type, weights)} == _INT else None  # weights as ints (Tokens)
            ids, weights = array("I", ids), array("f", weights)
            raw = b"".join([whoosh3.WHOOSH3_HEADER_MAGIC, *(
                _block(comp, fixed, ids[i:i + BLOCK], weights[i:i + BLOCK], values[i:i + BLOCK],
                       lens[i:i + BLOCK] if lens is not None else None, last=i + BLOCK >= len(ids),
                       whole=whole[i:i + BLOCK] if whole is not None else None)
                for i in range(0, len(ids), BLOCK))])
            start = postfile.tell()
            postfile.write(raw)
            entry = _term_info(0, ids, weights, lens) + _EXTENT.pack(start, len(raw))
        key = prefix + btext
        add_term(key, entry)
    if key is not None:
        tindex.lastkey = key


def posting_blocks(raw):
    """(block information, packed data, whether compressed) of each block of a term's
    postings as _block writes them, from its bytes: a header tag, then blocks,
    each its length (negative for the last), its pickled information (count, last
    id, top weight, compression, lengths) and its pickled data (delta-coded ids,
    weights, values). Read in one piece (index.rank, index.merging): Whoosh's matcher
    reads each block's header a few bytes at a time."""
    if raw[:len(whoosh3.WHOOSH3_HEADER_MAGIC)] != whoosh3.WHOOSH3_HEADER_MAGIC:
        raise ValueError("no postings where the term's information says")
    stream, position, last = io.BytesIO(raw), len(whoosh3.WHOOSH3_HEADER_MAGIC), False
    while not last:
        size = BLOCK_LENGTH.unpack_from(raw, position)[0]
        last, end = size < 0, position + BLOCK_LENGTH.size + abs(size)
        stream.seek(position + BLOCK_LENGTH.size)
        header = pickle.load(stream)
        yield header, raw[stream.tell():end], header[3]
        position = end


def term_entries(raw):
    """(key, data) of each entry of a piece of a W3 terms file, as _term_adder writes
    them: the key and data lengths, the key (a field number, then the term), the data
    (the term's information). Readers that walk many terms read the piece at once
    (index.merging, index.rank): Whoosh reads three pieces of the file per term."""
    pos, end, head = 0, len(raw), _LENGTHS.size
    while pos < end:
        keylen, datalen = _LENGTHS.unpack_from(raw, pos)
        keypos = pos + head
        pos = keypos + keylen + datalen
        yield raw[keypos:keypos + keylen], raw[keypos + keylen:pos]


def _term_adder(tindex):
    """tindex.add (OrderedHashWriter, terms given in order) in fewer calls for the same
    bytes: each term's record written at once, its position counted rather than asked
    of the file."""
    write, hashfn, buckets, positions = tindex.dbfile.file.write, tindex.hashfn, tindex.buckets, tindex.index
    if hashfn is md5_hash:
        hashfn = _md5_hash
    where = [tindex.dbfile.tell()]

    def add(key, value):
        pos = where[0]
        positions.append(pos)
        record = _LENGTHS.pack(len(key), len(value)) + key + value
        write(record)
        where[0] = pos + len(record)
        h = hashfn(key)
        buckets[h & 255].append((h, pos))
    return add


def _md5_hash(key):
    """filetables.md5_hash (the low 32 bits of the key's MD5 digest read as a number)
    without the hexadecimal round trip."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")


def _inlined_entry(ids, weights, values, lens):
    """W3TermInfo.to_bytes of a term whose postings are kept in its entry (values without
    the empty ones), pickled with PROTOCOL."""
    return _term_info(1, ids, weights, lens) + dumps((tuple(ids), tuple(weights), values), PROTOCOL)


def _term_info(inlined, ids, weights, lens):
    """The head of W3TermInfo.to_bytes: whether the postings are inlined, the term's
    weight, documents, shortest and longest field length (as bytes), top weight,
    first and last document."""
    shortest, longest = _length_range(lens)
    return _TERM_INFO.pack(inlined, sum(weights), len(ids), _length_byte(shortest) if shortest else 0,
                           _length_byte(longest), max(weights), ids[0], ids[-1])


def _length_range(lens):
    """(shortest, longest) field length, a length of 0 not counted, as W3 keeps them."""
    if not lens:
        return None, 0
    return min(filter(None, lens), default=None), max(lens)


def _compressed(data, level):
    """zlib.compress with a window no larger than the data (at least zlib's smallest,
    512 bytes), where zlib's default is 32 KiB: most blocks are a few hundred bytes.
    In a process that has compressed before (an ingest's later commits, a rebuild
    after another) setting up the default window was most of a small block's time (30
    us of 35 for 400 bytes; a 1,000-record rebuild repeated in one process: 1.9 ->
    1.75 s); a fresh process's first rebuild is no faster. The stream is as small, and
    any zlib.decompress reads it (the window is in its header)."""
    return zlib.compress(data, level, min(15, max(9, (len(data) - 1).bit_length())))


def _block(comp, fixed, ids, weights, values, lens, last, whole=None):
    """The bytes of one block as W3PostingsWriter._write_block writes it; whole, the
    weights as ints where they were given so (pickled in 2 bytes each, not 9: Whoosh's
    matchers, index.rank and index.merging read them as they read floats)."""
    deltas = (ids[0], *map(sub, ids[1:], ids))
    if weights.count(1.0) == len(weights):
        mini_weights = None
    elif weights.count(weights[0]) == len(weights):
        mini_weights = weights[0]
    else:
        mini_weights = tuple(whole if whole is not None else weights)
    if fixed is None:
        mini_values = tuple(filter(None, values))
    elif fixed == 0:
        mini_values = None
    else:
        mini_values = b"".join(values)
    data = dumps((deltas, mini_weights, mini_values), PROTOCOL)
    if comp:
        data = _compressed(data, comp)
    shortest, longest = _length_range(lens)
    info = dumps((len(ids), ids[-1], max(weights), comp, _length_byte(shortest), _length_byte(longest)), PROTOCOL)
    size = len(info) + len(data)
    return BLOCK_LENGTH.pack(-size if last else size) + info + data


def write_hashes(self):
    """HashWriter._write_hashes (the 256 hash tables of a terms file, pointing at its
    entries), each table written at once where Whoosh writes each slot on its own (a
    Python call per slot, two slots per term): the same bytes."""
    dbfile, null = self.dbfile, (0, 0)
    for entries in self.buckets:
        numslots = 2 * len(entries)
        self.directory.append((dbfile.tell(), numslots))
        table = [null] * numslots
        for hashval, position in entries:
            slot = (hashval >> 8) % numslots
            while table[slot] != null:
                slot = (slot + 1) % numslots
            table[slot] = (hashval, position)
        dbfile.write(b"".join(starmap(_POINTER.pack, table)))


REPLACED = ((whoosh3.W3FieldWriter, "add_postings", add_postings), (writing.SegmentWriter, "add_document", add_document),
            (writing, "PostingPool", TermPool), (filetables.HashWriter, "_write_hashes", write_hashes))
# Whoosh's own, for tests that compare what both write.
WHOOSH_OWN = [(owner, name, getattr(owner, name)) for owner, name, _ in REPLACED]


def install():
    for owner, name, method in REPLACED:
        setattr(owner, name, method)

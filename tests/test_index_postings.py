"""index.postings writes what Whoosh's own writer writes: the same terms, postings and
term statistics, in one segment or merged, inlined or in blocks."""
import struct
from contextlib import contextmanager, nullcontext

from hypothesis import given, settings, strategies as st

from whoosh import index as whoosh_index

from index import postings
from index.schema import document, schema
from fixture_records import records


@contextmanager
def whoosh_own():
    """Whoosh's own pool and field writer in place of index.postings'."""
    for owner, name, method in postings.WHOOSH_OWN:
        setattr(owner, name, method)
    try:
        yield
    finally:
        postings.install()


def many_records(copies):
    """The fixture records again and again, with ids of their own: the common words are
    then in more documents than a block holds, the rare ones in a few."""
    out = []
    for n in range(copies):
        for rec in records():
            rec = dict(rec, id=f"{rec['id']}-{n}")
            if n % 3:  # some words in some copies only
                rec["text"] = rec["text"] + f" Lần thứ {n} kiểm tra {'sản xuất' if n % 2 else 'an toàn'}."
            out.append(rec)
    return out


def build(folder, recs, batches):
    """An index of recs written in `batches` commits, merged into one segment at the end."""
    folder.mkdir()
    ix = whoosh_index.create_in(folder, schema())
    size = -(-len(recs) // batches)
    for start in range(0, len(recs), size):
        with ix.writer(limitmb=1) as w:  # a small pool: runs go through temporary files too
            w.merge = False
            for rec in recs[start:start + size]:
                w.add_document(**document(rec))
    return ix


def contents(ix):
    """Every term of the index with its statistics and its postings (documents,
    weights and values: frequencies or positions)."""
    with ix.searcher() as s:
        r = s.reader()
        out = {}
        for fieldname, text in r.all_terms():
            info = r.term_info(fieldname, text)
            m = r.postings(fieldname, text)
            out[fieldname, text] = (info.doc_frequency(), info.weight(), info.min_length(), info.max_length(),
                                    info.max_weight(), info.min_id(), info.max_id(),
                                    list(zip(m.all_ids(), [v for _, v in r.postings(fieldname, text).items_as("weight")],
                                             _values(r.postings(fieldname, text)))))
        return out


def _values(matcher):
    """Each posting's value (b"" for none: kept inlined, empty values are left out)."""
    while matcher.is_active():
        yield matcher.value() or b""
        matcher.next()


def test_same_postings_as_whoosh(tmp_path):
    recs = many_records(60)
    ours = build(tmp_path / "ours", recs, 1)
    with whoosh_own():
        theirs = build(tmp_path / "theirs", recs, 1)
    got, want = contents(ours), contents(theirs)
    assert got == want
    counts = sorted(v[0] for v in got.values())
    assert counts[0] <= postings.INLINE < postings.BLOCK < counts[-1]  # both ways of keeping postings were used


def test_same_postings_after_merging(tmp_path):
    recs = many_records(30)
    ours = build(tmp_path / "ours", recs, 3)
    with whoosh_own():
        theirs = build(tmp_path / "theirs", recs, 3)
    assert contents(ours) == contents(theirs)
    for ix, way in ((ours, nullcontext), (theirs, whoosh_own)):
        with way(), ix.writer() as w:
            w.merge = False
            for rec in recs[::7]:  # segments with deleted documents: merged, they are left out
                w.delete_by_term("id", rec["id"])
        with way(), ix.writer() as w:
            w.optimize = True  # merged by each one's writer
    assert len(ours.reader().leaf_readers()) == len(theirs.reader().leaf_readers()) == 1
    assert ours.doc_count() == len(recs) - len(recs[::7])
    assert contents(ours) == contents(theirs)


def test_inlined_postings_are_read_by_search(tmp_path):
    """Short posting lists, kept in their terms' entries, are found by search."""
    from index.finder import Finder, search
    from index import writer

    recs = records()
    writer.rebuild(tmp_path, lambda: recs)
    found = search(Finder(tmp_path), "Z175")
    assert found["total"] >= 1


# Characters for texts that test where the folded syllables may be worked out from the
# exact ones: Vietnamese letters (precomposed, both tone placements, both cases), a
# decomposed letter, letters whose case folding is two characters (ß, İ), Greek capital
# sigma (lower case depends on the next letter), joiners, digits, spaces and symbols.
SYLLABLE_PIECES = ["a", "b", "Đ", "đ", "ư", "Ư", "ơ", "hoà", "hòa", "HOÀ", "Thuỷ", "thủy", "uỷ", "ế", "Ệ", "ỗ",
                   "e\u0301", "o\u0302\u0300", "\u0301", "ß", "İ", "ΟΔΟΣ", "σ", "ﬁ", "½", "²", "3", "0",
                   " ", " ", "  ", "\u00a0", "-", "/", ".", ",", "_", "“", "”", "–", "…", "\n", "Z175", "8h30"]


def test_folded_syllables_from_exact_ones_are_those_of_the_folded_text():
    """index.analysis.indexed_syllables works out a text's folded syllables from its exact
    ones when every character folds alone: the same syllables as reading the folded text."""
    import random

    from index import analysis as A

    rng = random.Random(12)
    derived = 0
    for _ in range(3000):
        text = "".join(rng.choices(SYLLABLE_PIECES, k=rng.randint(0, 30)))
        exact = A.PART.findall(A.exact_form(text))
        folded = A.PART.findall(A.folded_form(text))
        assert list(A.indexed_syllables(text, False)) == exact, text
        assert list(A.indexed_syllables(text, True)) == folded, text
        derived += not A._not_plain().search(text)
        fresh = "".join(text)  # the folded syllables asked first, of a text not seen before
        assert list(A.indexed_syllables(fresh + " ", True)) == A.PART.findall(A.folded_form(fresh + " ")), text
    assert 300 < derived < 2700  # both ways were taken


def by_article(ix):
    """Every term with the ids of the articles holding it and their weights: what an
    index holds whatever the order of its documents and segments."""
    with ix.searcher() as s:
        ids = {docnum: fields["id"] for docnum, fields in s.iter_docs()}
        r = s.reader()
        return {(fieldname, text): sorted((ids[d], w) for d, w in r.postings(fieldname, text).items_as("weight"))
                for fieldname, text in r.all_terms()}


def test_rebuild_in_two_processes_holds_what_one_process_writes(tmp_path):
    """reindex --jobs 2: batches of documents written by a forked process into a segment of
    its own, the others by this one; together, the same terms, articles and weights."""
    from index import writer
    from index.opening import open_index

    recs = many_records(12)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    assert writer.rebuild(tmp_path / "one", lambda: recs) == len(recs)
    assert writer.rebuild(tmp_path / "two", lambda: recs, procs=2) == len(recs)
    one, two = (open_index(writer.index_path(tmp_path / name)) for name in ("one", "two"))
    assert len(two.reader().leaf_readers()) == 2
    assert two.doc_count() == one.doc_count() == len(recs)
    assert by_article(two) == by_article(one)


def test_an_interrupted_rebuild_in_two_processes_leaves_no_process_behind(tmp_path):
    import multiprocessing

    import pytest

    from index import writer

    recs = many_records(30)

    def failing():
        yield from recs[:150]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        writer.rebuild(tmp_path, failing, procs=2)
    assert not multiprocessing.active_children()
    assert not writer.index_path(tmp_path).exists()  # nothing swapped in


def test_a_failure_in_a_helper_process_stops_the_rebuild_with_its_error(tmp_path):
    """A document the forked helper cannot index (a title that is no text): its error is
    raised here, and the old index (none here) stays."""
    import multiprocessing

    import pytest

    from index import writer

    recs = many_records(30)
    recs[writer.BATCH + 10] = dict(recs[writer.BATCH + 10], title=5)  # in the second batch: the helper's
    with pytest.raises(TypeError):
        writer.rebuild(tmp_path, lambda: recs, procs=2)
    assert not multiprocessing.active_children()
    assert not writer.index_path(tmp_path).exists()


def test_reindex_without_jobs_uses_cores_for_a_large_archive_only(tmp_path, monkeypatch):
    """No more processes than segments of one tier that the next commit leaves alone."""
    from click.testing import CliRunner

    from index import consistency, merging
    from ingest import store
    from search.cli import cmd_reindex
    from search.cli.main import cli
    from search.cli.options import cores

    db = store.connect(tmp_path)
    store.save_batch(db, records())
    db.close()
    asked = []
    real = consistency.rebuild
    monkeypatch.setattr(consistency, "rebuild", lambda *a, procs=1, **k: asked.append(procs) or real(*a, **k))
    for given, threshold in (([], 10**6), ([], 1), (["--jobs", "1"], 1)):
        monkeypatch.setattr(cmd_reindex, "AUTO_JOBS_FROM", threshold)
        result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "reindex", *given])
        assert result.exit_code == 0, result.output
    assert asked == [1, min(cores(), merging.FACTOR - 1), 1]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=70000), st.integers(min_value=1, max_value=9))
def test_a_block_compressed_with_a_small_window_is_read_back_by_zlib(data, level):
    """Readers (Whoosh's W3LeafMatcher, index.rank, index.merging) decompress with zlib's
    defaults: a block compressed with a window sized to it reads back whatever its size."""
    import zlib

    assert zlib.decompress(postings._compressed(data, level)) == data


SYLLABLES = st.sampled_from(["a", "b", "ba", "b\u00e0", "\u0111i", "z", "\u1ebf", "\u4e2d", "\U0001f600", "10", "\u00e9"])
DOCUMENT = st.tuples(st.lists(SYLLABLES, max_size=12), st.sampled_from([1.0, 0.5, 2.5]))


@settings(max_examples=150, deadline=None)
@given(st.lists(DOCUMENT, max_size=25), st.booleans(), st.integers(min_value=0, max_value=25),
       st.lists(st.tuples(SYLLABLES, st.integers(min_value=1, max_value=3)), max_size=6), st.integers(1, 40))
def test_the_pool_gives_a_fields_syllables_as_whoosh_postings(documents, positions, spill, merged, chunk):
    """TermPool.add_tokens (a document's syllables, numbered) gives each term's postings
    as Whoosh's formats make them — documents upwards, weight = frequency x the format's
    boost x the document's, value = frequency packed or positions as 32-bit little-endian
    integers — terms in the order of their UTF-8 bytes; also with the pool written to
    runs on disk part way (spill), with postings of later documents added as a merge
    does (add_term), and whatever the chunk of postings made Python values at a time."""
    import tempfile
    from unittest import mock

    from whoosh.filedb.filestore import FileStorage

    field_boost = 1.0 if positions else 0.5
    want = {}
    for docnum, (words, boost) in enumerate(documents):
        spots = {}
        for pos, word in enumerate(words):
            spots.setdefault(word, []).append(pos)
        for word, found in spots.items():
            value = struct.pack(f"<{len(found)}I", *found) if positions else struct.pack("!I", len(found))
            want.setdefault(word.encode(), []).append((docnum, len(found) * field_boost * boost, value))
    later = {}
    for n, (word, freq) in enumerate(merged):
        later.setdefault(word.encode(), {}).setdefault(len(documents) + n, (len(documents) + n, float(freq), b"x"))
    for bterm, found in later.items():
        want.setdefault(bterm, []).extend(found.values())

    with tempfile.TemporaryDirectory() as folder, mock.patch.object(postings, "POSTINGS_CHUNK", chunk):
        pool = postings.TermPool(FileStorage(folder), None)
        for docnum, (words, boost) in enumerate(documents):
            if docnum == spill:
                pool.save()
                assert len(pool.runs) == any(words for words, _ in documents[:spill])  # syllables held are written too
            if words:
                pool.add_tokens("body", words, docnum, field_boost, boost, positions)
        for bterm, found in later.items():
            pool.add_term("body", bterm, list(found.values()), 0)
        got = {bterm: list(zip(ids, weights, values)) for name, bterm, ids, weights, values in pool.iter_postings().groups}
        assert list(got) == sorted(got)
    assert got == want
    if all(boost == 1.0 for _, boost in documents) and field_boost == 1.0 and not later:
        assert all(type(w) is int for postings_ in got.values() for _, w, _ in postings_)  # pickled small


TEXT_PIECES = st.sampled_from(["Hoà", "hòa", "THỦY", "đi", "Đi", "a", "ß", "10", " ", " ", ", ", "-", "Z175", "ệ", "\u0301"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(TEXT_PIECES, max_size=15).map("".join), max_size=20), st.integers(min_value=0, max_value=20))
def test_folded_syllables_from_the_exact_fields_numbers(texts, spill):
    """A text's folded syllables given to the pool as Folded (its exact syllables, just
    given for the exact field, folded term by term: index.postings.Tokens) make the
    same postings as the folded syllables given as a list — texts whose every character
    folds alone and texts read again folded, with the pool written to a run part way."""
    import tempfile

    from whoosh.filedb.filestore import FileStorage

    from index import analysis as A

    def pooled(as_given):
        with tempfile.TemporaryDirectory() as folder:
            pool = postings.TermPool(FileStorage(folder), None)
            for docnum, text in enumerate(texts):
                if docnum == spill:
                    pool.save()
                text = "".join(text)  # a text not analysed before
                for name, folded in (("body", False), ("body_f", True)):
                    words = as_given(text, folded)
                    if len(words):
                        pool.add_tokens(name, words, docnum, 1.0, 1.0, folded)
            return [(name, bterm, list(ids), list(weights), list(values))
                    for name, bterm, ids, weights, values in pool.iter_postings().groups]

    derived = pooled(A.indexed_syllables)
    assert derived == pooled(lambda text, folded: A.PART.findall(A.folded_form(text) if folded else A.exact_form(text)))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_the_terms_hash_is_whooshs(key):
    """The term index's hash of a key, worked out without Whoosh's hexadecimal round
    trip, is Whoosh's: a term is found where its reader looks."""
    from whoosh.filedb.filetables import md5_hash

    assert postings._md5_hash(key) == md5_hash(key)


def test_a_short_fields_analysis_kept_is_the_fields_own():
    """A value indexed again is served from what was kept (index.postings._indexed), as
    Whoosh's field.index gives it — but not to another field of the same name that
    analyses otherwise (another schema's)."""
    from whoosh import fields

    lower, exact = fields.KEYWORD(lowercase=True), fields.KEYWORD(lowercase=False)
    for field in (lower, exact, lower):
        for _ in range(2):
            bterms, freqs, weights, values, size = postings._indexed("site", field, "Báo QĐND Báo")
            want = list(field.index("Báo QĐND Báo"))
            assert list(zip(bterms, freqs, weights, values)) == want
            assert size > 0
    assert postings._indexed("site", lower, "QĐND")[0] != postings._indexed("site", exact, "QĐND")[0]


def test_a_field_of_more_terms_than_16_bits_number():
    """Past 65,536 terms a field's ranks are 32-bit (index.postings.Tokens.postings):
    terms in order, each document's positions its own."""
    import random

    words = [f"t{n}" for n in range(70000)]
    random.Random(3).shuffle(words)
    tokens = postings.Tokens(positions=True)
    tokens.add(words, 0, 1.0, 1.0)
    tokens.add(words[:5] + words[:2], 1, 1.0, 1.0)
    got = [term[1:] for term in tokens.postings("body")]
    assert [bterm for bterm, *_ in got] == sorted(w.encode() for w in words)
    where = {w: n for n, w in enumerate(words)}
    second = words[:5] + words[:2]
    for bterm, ids, weights, values in got:
        n = where[bterm.decode()]
        later = [m for m, w in enumerate(second) if w == bterm.decode()]
        assert ids == [0] + ([1] if later else [])
        assert values[0] == struct.pack("<I", n)
        assert values[1:] == ([struct.pack(f"<{len(later)}I", *later)] if later else [])
        assert weights == [1.0] + ([float(len(later))] if later else [])


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT_PIECES, max_size=20).map("".join))
def test_positions_of_a_short_text_field_as_whoosh_makes_them(text):
    """The units, people and location fields (Whoosh's Positions format over our
    tokenizer) get the postings Whoosh's own field.index gives (index.postings._positions_items)."""
    fields = schema()
    for name in ("units", "people", "location"):
        field = fields[name]
        assert sorted(postings._positions_items(field, text)) == sorted(field.index(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([1.0, 2.0, 3.0, 0.5, 1.5, 2.25, 7.0]), min_size=1, max_size=200))
def test_weights_are_read_back_as_given(weights):
    """Weights given as ints (the pool's, index.postings.Tokens, where every boost is 1)
    or as floats are read back as the numbers given, kept in a term's entry or in a
    block."""
    import pickle
    import zlib
    from array import array

    ids = list(range(3, 3 + len(weights)))
    values = [b"v"] * len(weights)
    whole = [int(w) for w in weights] if all(w.is_integer() for w in weights) else None
    for written in filter(None, (weights, whole)):
        entry = postings._inlined_entry(ids, written, tuple(values), None)
        assert pickle.loads(entry[postings._TERM_INFO.size:])[1] == tuple(weights)
    floats = array("f", weights)
    for given in (None, whole):
        raw = postings._block(3, 1, array("I", ids), floats, values, None, last=True, whole=given)
        data = raw[postings.BLOCK_LENGTH.size:]
        header = pickle.loads(data)
        mini_weights = pickle.loads(zlib.decompress(data[len(pickle.dumps(header, postings.PROTOCOL)):]))[1]
        if mini_weights is None:
            mini_weights = (1.0,) * len(weights)
        elif isinstance(mini_weights, float):  # Whoosh's readers tell one weight for all by its type
            mini_weights = (mini_weights,) * len(weights)
        assert tuple(mini_weights) == tuple(floats)


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT_PIECES, max_size=8).map("".join))
def test_an_id_field_is_indexed_as_whoosh_indexes_it(text):
    """ID fields (id, group, copy, hidden) get the one term Whoosh's field.index gives,
    empty values too (index.postings._indexed)."""
    fields = schema()
    for name in ("id", "group", "copy", "hidden"):
        field = fields[name]
        bterms, freqs, weights, values, _ = postings._indexed(name, field, text)
        assert sorted(zip(bterms, freqs, weights, values)) == sorted(field.index(text))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.binary(min_size=1, max_size=12), unique=True, max_size=400))
def test_a_terms_file_holds_the_bytes_whoosh_writes(keys):
    """A terms file's hash tables written a table at once (index.postings.write_hashes)
    are the bytes Whoosh's HashWriter writes a slot at a time."""
    from whoosh.filedb.filestore import RamStorage
    from whoosh.filedb.filetables import HashWriter

    def written(way):
        storage = RamStorage()
        with way():
            writer = HashWriter(storage.create_file("t"))
            for n, key in enumerate(sorted(keys)):
                writer.add(key, b"%d" % n)
            writer.close()
        return storage.open_file("t").read()

    assert written(nullcontext) == written(whoosh_own)

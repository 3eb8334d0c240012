"""index.merging: segments merged a term at a time hold what Whoosh's own add_reader
gives (terms, postings, stored fields, lengths, columns), with deletions in between;
and the tiered policy rewrites each article few times and keeps few segments."""
import random
import shutil
from contextlib import contextmanager

import pytest
from whoosh import index as whoosh_index
from whoosh import writing

from index import merging
from index.schema import document, schema
from fixture_records import records


@contextmanager
def whoosh_add_reader():
    writing.SegmentWriter.add_reader = merging.WHOOSH_ADD_READER
    try:
        yield
    finally:
        merging.install()


def varied_records(copies, rng):
    """The fixture records again and again with ids of their own, words and dates
    varied, so that terms fall in one document, a few (inlined) or many (blocks)."""
    out = []
    for n in range(copies):
        for rec in records():
            rec = dict(rec, id=f"{rec['id']}-{n}")
            words = rng.sample(["sản xuất", "an toàn", "huấn luyện", "kỹ thuật", "Z175", f"mã{n}", "thi đua"], 3)
            rec["text"] = rec["text"] + f" Lần thứ {n}: " + ", ".join(words) + "."
            if n % 4 == 1:
                rec["title"] = ""  # a field without a length in some documents
            out.append(rec)
    return out


def segmented_index(folder, recs, rng):
    """recs written in several commits without merging, with articles deleted and
    rewritten between them: segments with deletions."""
    folder.mkdir()
    ix = whoosh_index.create_in(folder, schema())
    written = []
    start = 0
    while start < len(recs):
        size = rng.randint(1, max(2, len(recs) // 5))
        with ix.writer() as w:
            w.merge = False
            for rec in recs[start:start + size]:
                w.add_document(**document(rec))
            written += recs[start:start + size]
            for rec in rng.sample(written, min(len(written), rng.randint(0, 6))):
                if rng.random() < 0.5:
                    w.delete_by_term("id", rec["id"])
                else:
                    w.update_document(**document(dict(rec, text=rec["text"] + " Đã sửa.")))
        start += size
    return ix


def everything(ix):
    """Every term with its statistics and postings (ids, weights, values), every
    document's stored fields, field lengths and column values, and each field's total
    length, of an index merged into one segment."""
    with ix.searcher() as s:
        r = s.reader()
        assert len(r.leaf_readers()) == 1
        terms = {}
        for name, text in r.all_terms():
            info = r.term_info(name, text)
            m = r.postings(name, text)
            postings = []
            while m.is_active():
                postings.append((m.id(), m.weight(), m.value()))
                m.next()
            terms[name, text] = (info.doc_frequency(), info.weight(), info.min_length(), info.max_length(),
                                 info.max_weight(), info.min_id(), info.max_id(), postings)
        names = ix.schema.names()
        docs = [(stored, {n: r.doc_field_length(d, n) for n in names}) for d, stored in r.iter_docs()]
        columns = {n: list(r.column_reader(n)) for n in names if ix.schema[n].column_type and r.has_column(n)}
        totals = {n: r.field_length(n) for n in names}
        return terms, docs, columns, totals, r.doc_count(), r.doc_count_all()


def merged(folder, ix, policy_setter, theirs):
    copy = folder.parent / f"{folder.name}-{'whoosh' if theirs else 'ours'}"
    shutil.copytree(folder, copy)
    ix = whoosh_index.open_dir(copy)
    if theirs:
        with whoosh_add_reader():
            with ix.writer() as w:
                policy_setter(w)
    else:
        with ix.writer() as w:
            policy_setter(w)
    return ix


def optimize(w):
    w.optimize = True


@pytest.mark.parametrize("seed, copies", [(1, 3), (2, 12), (3, 30)])
def test_merged_segments_hold_what_whoosh_merges(tmp_path, seed, copies):
    rng = random.Random(seed)
    folder = tmp_path / "segments"
    ix = segmented_index(folder, varied_records(copies, rng), rng)
    assert len(ix.reader().leaf_readers()) > 1
    ours = everything(merged(folder, ix, optimize, theirs=False))
    theirs = everything(merged(folder, ix, optimize, theirs=True))
    assert ours == theirs
    terms = ours[0]
    counts = sorted(v[0] for v in terms.values())
    assert counts[0] == 1 and counts[-1] > (128 if copies * len(records()) > 200 else 4)  # inlined, blocks


def test_merged_with_new_documents_and_deletions_in_the_same_commit(tmp_path):
    """A commit that adds and deletes documents and merges: the new documents first,
    then the merged ones, as with Whoosh's add_reader."""
    rng = random.Random(7)
    recs = varied_records(12, rng)
    folder = tmp_path / "segments"
    ix = segmented_index(folder, recs[:60], rng)

    def add_and_merge(w):
        for rec in recs[60:]:
            w.add_document(**document(rec))
        w.delete_by_term("id", recs[3]["id"])
        w.optimize = True

    assert everything(merged(folder, ix, add_and_merge, False)) == everything(merged(folder, ix, add_and_merge, True))


def test_a_segment_of_an_other_kind_goes_whooshs_way(tmp_path, monkeypatch):
    """A reader this module cannot copy from is merged by Whoosh's add_reader."""
    calls = []
    monkeypatch.setattr(merging, "WHOOSH_ADD_READER", lambda w, r: calls.append(r))
    monkeypatch.setattr(merging, "_copyable", lambda w, r: False)
    rng = random.Random(3)
    ix = segmented_index(tmp_path / "s", varied_records(2, rng), rng)
    with ix.writer() as w:
        w.optimize = True
    assert calls


def test_tiers():
    assert [merging.tier(n) for n in (0, 999, 1000, 3999, 4000, 15999, 16000)] == [0, 0, 1, 1, 2, 2, 3]


def test_to_merge_takes_a_full_tier_and_cascades():
    f = merging.FACTOR
    assert merging.to_merge([250] * (f - 2), 250) == []
    assert merging.to_merge([250] * (f - 1), 250) == list(range(f - 1))
    # the merged tier joins the next one, which is then full too
    sizes = [1000] * (f - 1) + [250] * (f - 1)
    assert merging.to_merge(sizes, 250) == list(range(len(sizes)))
    # a big segment is left alone
    assert merging.to_merge([50_000] + [250] * (f - 1), 250) == list(range(1, f))
    # a commit that only deletes: a full tier is still merged
    assert merging.to_merge([250] * f, 0) == list(range(f))
    assert merging.to_merge([250, 60_000], 0, wasted=[1]) == [1]


def simulate(rounds, size, policy):
    """Commits of `size` new documents each: (most segments seen, times the average
    document was written, segments at the end)."""
    segments, written, most = [], 0, 0
    for _ in range(rounds):
        chosen = policy(segments, size)
        new = size + sum(segments[i] for i in chosen)
        written += new
        segments = [n for i, n in enumerate(segments) if i not in chosen] + [new]
        most = max(most, len(segments))
    return most, written / (rounds * size), segments


def test_tiered_policy_writes_each_document_a_logarithmic_number_of_times():
    for rounds in (4, 40, 400):
        most, writes, _ = simulate(rounds, 250, merging.to_merge)
        levels = merging.tier(rounds * 250) + 1
        assert most <= (merging.FACTOR - 1) * levels + 1
        assert writes <= levels + 1


def test_policy_in_a_whoosh_commit(tmp_path):
    """tiered as a commit's mergetype: rounds of documents end in few segments, every
    document searchable once."""
    rng = random.Random(5)
    recs = varied_records(20, rng)
    ix = whoosh_index.create_in(tmp_path, schema())
    for start in range(0, len(recs), 10):
        with ix.writer() as w:
            w.mergetype = merging.tiered
            for rec in recs[start:start + 10]:
                w.update_document(**document(rec))
    with ix.searcher() as s:
        assert sorted(f["id"] for f in s.all_stored_fields()) == sorted(r["id"] for r in recs)
        assert len(s.reader().leaf_readers()) <= (merging.FACTOR - 1) * (merging.tier(len(recs)) + 1) + 1


def _segments(data):
    from index.opening import open_index
    from index.writer import index_path

    return len(open_index(index_path(data).resolve())._segments())


def test_the_last_commit_of_a_run_leaves_merging_to_the_next(tmp_path):
    """An ingest's last commit (Archive.flush after earlier commits) does not merge, so
    that helpers do not idle through a merge at the end; the next run's first commit
    merges what it put off."""
    from ingest import store
    from ingest.record import new_record
    from search.cli.archiving import Archive

    def record(n):
        return new_record(f"https://a.vn/{n}", f"Tin số {n}", "2024-01-02", None,
                          f"Bài thứ {n} kể một chuyện khác hẳn: {' '.join(str(n * k) for k in range(40))}.")

    archive = Archive(tmp_path, batch_size=1, index_every=1)
    for n in range(3):
        archive.add([record(n)])
    assert _segments(tmp_path) == 3 and archive.committed == 3
    archive.index_every = float("inf")  # the last input's window: left to flush
    archive.add([record(3)])
    archive.flush()
    archive.close()
    assert _segments(tmp_path) == 4  # a merging commit would have left the four merged
    again = Archive(tmp_path)
    again.add([record(4)])
    again.flush()  # the run's only commit merges
    again.close()
    assert _segments(tmp_path) < 4
    db = store.connect(tmp_path)
    assert store.journal(db) == []
    db.close()

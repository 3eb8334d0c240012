"""index.phrases finds a sequence of syllables where a scan of the texts finds it."""
import random

import numpy as np

from index import phrases
from index.analysis import Spots


def occurrences(texts, word):
    found = [(d, p) for d, words in texts.items() for p, w in enumerate(words) if w == word]
    return (np.array([d for d, _ in found], dtype=np.int64), np.array([p for _, p in found], dtype=np.int64))


def test_sequences_match_a_scan():
    """Random texts over three syllables (so that words repeat and overlap: "a a a"),
    phrases of two to four of them, with and without candidates."""
    rng = random.Random(7)
    for trial in range(400):
        longest = 20 if trial % 2 else 300  # long texts, few candidates: runs found by binary search
        texts = {d: [rng.choice("abc") for _ in range(rng.randint(0, longest))] for d in range(rng.randint(1, 30))}
        words = [rng.choice("abc") for _ in range(rng.randint(2, 4))]
        chosen = rng.randint(0, len(texts) if longest == 20 else min(3, len(texts)))
        candidates = None if rng.random() < 0.3 else sorted(rng.sample(sorted(texts), chosen))
        n = len(words)
        expected = frozenset(d for d, t in texts.items() if (candidates is None or d in candidates)
                             and any(t[p:p + n] == words for p in range(len(t))))
        allowed = None if candidates is None else np.array(candidates, dtype=np.int64)
        assert phrases.in_sequence([occurrences(texts, w) for w in words], allowed) == expected


def test_positions_read_back_as_written():
    fmt = Spots()
    value = fmt.encode([0, 7, 70000, 2**31])
    assert fmt.decode_positions(value) == [0, 7, 70000, 2**31]
    assert fmt.decode_frequency(value) == 4


def test_positions_among_some_documents_are_those_of_all(tmp_path):
    """Reading only the blocks that may hold some documents gives, for those documents,
    what reading every block gives (a term in more documents than a block holds, in
    two segments)."""
    from fixture_records import records
    from index import writer
    from index.finder import Finder

    recs = [dict(rec, id=f"{rec['id']}-{n}") for n in range(80) for rec in records()]
    writer.update(tmp_path, recs[:300])
    writer.update(tmp_path, recs[300:])
    f = Finder(tmp_path)
    docs, spots = phrases.positions(f.searcher, "body_f", "thi")
    assert len(set(docs.tolist())) > 2 * 128
    rng = random.Random(3)
    for size in (1, 5, 40):
        among = np.array(sorted(rng.sample(sorted(set(docs.tolist())), size)), dtype=np.int64)
        some_docs, some_spots = phrases.positions(f.searcher, "body_f", "thi", among)
        wanted = {(d, p) for d, p in zip(docs.tolist(), spots.tolist()) if d in set(among.tolist())}
        got = {(d, p) for d, p in zip(some_docs.tolist(), some_spots.tolist()) if d in set(among.tolist())}
        assert got == wanted
        if size == 1:
            assert len(some_docs) < len(docs)  # blocks were skipped


def test_frequencies_counted_from_positions_are_whooshs(tmp_path):
    """A term of a field with positions: (documents, frequencies) counted from its
    positions, as index.rank reads them from the blocks (a replaced document, deleted
    in its older segment, in both)."""
    from fixture_records import records
    from index import rank, writer
    from index.finder import Finder

    recs = records()
    writer.update(tmp_path, recs[:3])
    writer.update(tmp_path, recs[3:])
    writer.update(tmp_path, [dict(recs[0], title="Hội nghị tổng kết (cập nhật)")])
    f = Finder(tmp_path)
    for field, term in (("body_f", "thi"), ("title_f", "hoi"), ("body_f", "khongco")):
        ids, freqs = f.postings(field, term)
        want_ids, want_freqs = rank.postings(f.searcher, f.schema, field, term)
        order = np.argsort(want_ids, kind="stable")
        assert ids.tolist() == want_ids[order].tolist()
        assert freqs.tolist() == want_freqs[order].tolist()

"""Index writing as the archive grows (issue 12: merging tuned for a growing archive).

Writes records into a fresh index in rounds of --round articles, one commit each, as
an ingest's background writer does (index.writer.update), and prints at every 1,000
articles the CPU of index writing for the last 1,000 and the segments left. A round's
cost should not grow with the archive: the yardstick, measured in the same run, is one
commit of the first 1,000 records into an empty index (no merging at all).

With --whoosh the same rounds run a second time with Whoosh's own merging (its
MERGE_SMALL policy and add_reader), for before and after in one run. At the end, warm
query latency (one searcher kept open) over the segments left against the same
index merged into one segment: what the segment count costs a search.

Records: an archive's (--data-dir), or a pickled list of extracted records (--pickle).

    python bench/grow_bench.py --data-dir thidua-data
    python bench/grow_bench.py --pickle /tmp/recs.pkl --articles 4000 --whoosh
"""
import argparse
import pickle
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load(args):
    if args.pickle:
        with open(args.pickle, "rb") as f:
            recs = pickle.load(f)
    else:
        from ingest import store

        db = store.connect_reading(args.data_dir)
        try:
            recs = list(store.iter_records(db))
        finally:
            db.close()
    return recs[:args.articles]


def segments(data):
    from index.opening import open_index
    from index.writer import index_path

    ix = open_index(index_path(data).resolve())
    with ix.reader() as r:
        return len(r.leaf_readers())


def grow(recs, size, work, label):
    """Rounds of `size` records, one commit each; prints per 1,000 records."""
    from index import writer

    data = Path(tempfile.mkdtemp(dir=work))
    total = last = 0.0
    print(f"\n== {label}: index CPU (s) per 1,000 records, rounds of {size} ==")
    for start in range(0, len(recs), size):
        t = time.process_time()
        writer.update(data, recs[start:start + size])
        spent = time.process_time() - t
        total += spent
        last += spent
        done = min(start + size, len(recs))
        if done % 1000 == 0 or done == len(recs):
            print(f"{done:>6}: last 1,000 {last:6.2f}  total {total:7.2f}  segments {segments(data)}", flush=True)
            last = 0.0
    return data, total


def yardstick(recs, work):
    """CPU of one commit of the records into an empty index."""
    from index import writer

    data = Path(tempfile.mkdtemp(dir=work))
    t = time.process_time()
    writer.update(data, recs)
    return time.process_time() - t


def whoosh_merging():
    """Whoosh's own policy and add_reader in place of index.merging's."""
    from whoosh import writing

    from index import merging, writer

    writing.SegmentWriter.add_reader = merging.WHOOSH_ADD_READER
    writer.merging = type("WhooshPolicy", (), {"tiered": staticmethod(writing.MERGE_SMALL)})


def queries(recs, count=150, seed=7):
    rng = random.Random(seed)
    words = {}
    for r in recs:
        for w in set(re.findall(r"\w{3,}", (r.get("text") or "").lower())):
            if not w.isdigit():
                words[w] = words.get(w, 0) + 1
    ranked = sorted(words, key=words.get)
    rare = [w for w in ranked if 2 <= words[w] <= 5]
    return {"rare": rng.sample(rare, min(count, len(rare))), "common": rng.sample(ranked[-300:], min(count, 300))}


def warm(data, qs):
    from index.finder import finder, search

    f = finder(data)
    out = {}
    for kind, items in qs.items():
        for q in items:  # once to warm
            search(f, q, limit=10)
        times = []
        for q in items:
            start = time.perf_counter()
            search(f, q, limit=10)
            times.append(time.perf_counter() - start)
        times.sort()
        out[kind] = (statistics.median(times) * 1000, times[int(len(times) * 0.95) - 1] * 1000)
    return out


def optimized_copy(data, work):
    from index.opening import open_index
    from index.writer import index_path

    copy = Path(tempfile.mkdtemp(dir=work)) / "data"
    shutil.copytree(data, copy, symlinks=True)
    ix = open_index(index_path(copy).resolve())
    with ix.writer() as w:
        w.optimize = True
    return copy


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--pickle", type=Path)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--round", type=int, default=250)
    ap.add_argument("--whoosh", action="store_true", help="also run with Whoosh's own merging")
    args = ap.parse_args()
    if not (args.data_dir or args.pickle):
        ap.error("give --data-dir or --pickle")
    recs = load(args)
    work = Path(tempfile.mkdtemp(prefix="grow-bench-"))
    try:
        first = yardstick(recs[:1000], work)
        data, ours = grow(recs, args.round, work, "index.merging (tiered)")
        print(f"yardstick: one commit of the first 1,000 records: {first:.2f} s CPU; "
              f"index.merging {ours:.2f} s for {len(recs)} = {ours / (len(recs) / 1000) / first:.2f}x per 1,000")
        qs = queries(recs)
        one = optimized_copy(data, work)
        print(f"\n== warm queries (ms) p50 / p95: {segments(data)} segments against 1 ==")
        many, single = warm(data, qs), warm(one, qs)
        for kind in qs:
            print(f"{kind:>7}: {many[kind][0]:6.2f} / {many[kind][1]:6.2f}   against {single[kind][0]:6.2f} / "
                  f"{single[kind][1]:6.2f}")
        if args.whoosh:
            whoosh_merging()
            _, theirs = grow(recs, args.round, work, "Whoosh's MERGE_SMALL and add_reader")
            print(f"Whoosh's merging {theirs:.2f} s against index.merging {ours:.2f} s "
                  f"({theirs / ours:.1f}x); yardstick {first:.2f} s per 1,000")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Search checked against a brute-force scan, at archive size (issue 11), and how phrases are best matched.

Builds an archive from the sample corpus, the seeds, the qdnd pages and N baomoi
texts of ../shared (written as "title, blank line, text" dumps in a temporary
folder; see build), generates queries of every class (tests/differential.py) and prints, per
class, the queries whose hit set differs from the scan's, precision and recall over
all hits, ranking inversions in the first 20 results and the snippet checks.

Then, for the phrases of three words or more among the queries, two ways of matching
a phrase exactly by its syllables' positions: index.phrases (positions read a block
at a time with numpy, cold caches) and Whoosh's own phrase query (a folded body field
with Whoosh's positions, indexed here for the purpose), timed in the same run.

    python bench/search_diff_bench.py                      # 3,000 baomoi texts, ~330 queries
    python bench/search_diff_bench.py --articles 500 --per-class 6
    python bench/search_diff_bench.py --data-dir /tmp/arch  # keep (or reuse) the archive
"""
import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import differential as D  # noqa: E402

SHARED = ROOT.parent / "shared"


def build(data, articles, work):
    """The sample, seeds and qdnd pages ingested whole; the baomoi dumps cleaned and
    stored without entity extraction (search reads titles and texts; extraction
    would take most of an hour here), then indexed as ingest indexes."""
    from ingest import store
    from search.cli.archiving import index_journal

    start = time.perf_counter()
    line = D.ingest(data, [p for p in (ROOT / "corpus" / "sample", SHARED / "seeds", SHARED / "corpus" / "qdnd")
                           if p.exists()])
    print(f"ingest: {line} ({time.perf_counter() - start:.0f} s)", flush=True)
    start = time.perf_counter()
    records = D.dump_records(work / "baomoi", articles)
    db = store.connect(data)
    for i in range(0, len(records), 500):
        store.save_batch(db, records[i:i + 500])
    index_journal(data, db)
    db.close()
    print(f"{len(records):,} baomoi dumps cleaned, stored and indexed "
          f"({time.perf_counter() - start:.0f} s)", flush=True)


def phrase_timing(data, queries):
    """Median and total ms per phrase of 3+ words: index.phrases (cold) against Whoosh's phrase query."""
    from whoosh import fields, index as whoosh_index, query as wq

    from index.analysis import PART, folded_analyzer, folded_form
    from index.finder import Finder
    from index.query import read
    from ingest import store

    phrases = [q for q in queries if q["tree"] and q["tree"][0] == "phrase" and tuple(q["tree"][2]) == D.BOTH
               and len([p for w in q["tree"][1] for p in PART.findall(w)]) >= 3]
    folder = Path(tempfile.mkdtemp(prefix="thidua-positions-"))
    try:
        ix = whoosh_index.create_in(folder, fields.Schema(body=fields.TEXT(analyzer=folded_analyzer(), phrase=True)))
        db = store.connect_reading(data)
        with ix.writer(limitmb=256) as w:
            for rec in store.iter_records(db):
                w.add_document(body=rec.get("text") or "")
        db.close()
        searcher = ix.searcher()
        f = Finder(str(data))
        checked, positions = [], []
        for q in phrases:
            words = [folded_form(p) for w in q["tree"][1] for p in PART.findall(w)]
            body = [c for c in read(q["text"], f.schema).matching.subqueries if "'body_" in repr(c)]
            f._cache.clear()  # cold: every phrase read as a first query would
            f._texts.clear()
            start = time.perf_counter()
            n_checked = len(f.docs(body[0])) if body else 0
            checked.append(time.perf_counter() - start)
            start = time.perf_counter()
            n_positions = len(list(searcher.docs_for_query(wq.Phrase("body", words))))
            positions.append(time.perf_counter() - start)
            if not body or n_checked != n_positions:
                print(f"  note: {q['text']}: checked {n_checked}, positions {n_positions} (joiners differ)")
        ms = lambda xs: f"median {statistics.median(xs) * 1000:6.1f} ms, total {sum(xs) * 1000:7.0f} ms"  # noqa: E731
        print(f"\nphrases of 3+ words ({len(phrases)}), body only, cold caches:")
        print(f"  positions with numpy (index.phrases)   {ms(checked)}")
        print(f"  Whoosh's phrase query                  {ms(positions)}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=3000, help="baomoi texts to add")
    parser.add_argument("--per-class", type=int, default=16, help="queries per class and round")
    parser.add_argument("--data-dir", type=Path, help="archive folder to build, or reuse if it holds records")
    parser.add_argument("--show", type=int, default=30, help="differing queries to list")
    parser.add_argument("--build-only", action="store_true", help="build the archive (--data-dir) and stop")
    args = parser.parse_args()
    if not (SHARED / "corpus" / "baomoi_text").exists():
        sys.exit(f"needs {SHARED}/corpus/baomoi_text")
    work = Path(tempfile.mkdtemp(prefix="thidua-diff-"))
    data = args.data_dir or work / "data"
    try:
        if not (data / "records.sqlite").exists():
            build(data, args.articles, work)
        if args.build_only:
            return
        docs = D.load_docs(data)
        queries = D.generate(docs, args.per_class)
        start = time.perf_counter()
        stats, differences = D.compare(data, queries, docs)
        print(f"{len(docs):,} records, {len(queries)} queries, compared in {time.perf_counter() - start:.0f} s\n")
        print(D.report(stats))
        for q, extra, missed in differences[:args.show]:
            print(f"  {q['cls']}: {q['text']!r} {q['filters'] or ''} extra {extra} missed {missed} "
                  f"{q.get('error', '')}")
        phrase_timing(data, queries)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

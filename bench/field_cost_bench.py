"""What each index field costs to write and to keep (issue 12, the lean schema).

Builds the same records into a fresh index once with every field, then once per field
with that field left out of every document, and prints per field the CPU seconds
and the size it adds (the build with everything, less the build without it). The
build with everything is timed twice, first and last, so the table shows how noisy
the machine is. Beside it, the yardstick of issue 12: an SQLite FTS5 table of the same
titles and texts (content kept, as the index keeps the text), its CPU and size.

--reindex (with --data-dir) prints, instead of the table, the CPU of `thidua reindex
--jobs 1` as the archivist runs it (a process of its own: imports, reading the
records, writing the index), best of --repeat runs on a copy of the archive, against
the same FTS5 build: issue 12's target is 20x.

--variants prints, instead of the table, what is left between the index and the
targets of issue 12 (reindex <= 20x FTS5's CPU, size <= 1.5x): the build without the
exact body, against FTS5. (The word segmenter's compounds, a field of their own that only
lifted ranking, were dropped after this bench's --variants showed them a quarter of the
size: 9.2 -> 7.0 MiB at 1,000 records.)

Records: the first N baomoi texts of ../shared as "title, blank line, text" dumps,
cleaned as ingest does but not extracted (entities empty: extraction
would take most of the run), or, with --data-dir, the records of an archive as stored
(entities included).

    python bench/field_cost_bench.py                  # 1,000 baomoi texts
    python bench/field_cost_bench.py --articles 2000
    python bench/field_cost_bench.py --data-dir thidua-data
    python bench/field_cost_bench.py --variants
    python bench/field_cost_bench.py --data-dir thidua-data --reindex
"""
import argparse
import gc
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import differential as D  # noqa: E402

SHARED = ROOT.parent / "shared"


def archive_records(data_dir):
    from ingest import store

    db = store.connect_reading(data_dir)
    try:
        return list(store.iter_records(db))
    finally:
        db.close()


def fts5(folder, records):
    """(CPU seconds, bytes) of an FTS5 table of the records' titles and texts."""
    path = folder / "fts.sqlite"
    db = sqlite3.connect(path)
    start = time.process_time()
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')")
    with db:
        db.executemany("INSERT INTO docs VALUES (?, ?)", [(r.get("title") or "", r.get("text") or "") for r in records])
    cpu = time.process_time() - start
    db.close()
    size = path.stat().st_size
    path.unlink()
    return cpu, size


def build(folder, docs, without=()):
    """(CPU seconds, bytes) of an index of docs, leaving out the fields `without`."""
    from whoosh import index as whoosh_index

    from index.schema import schema

    folder.mkdir()
    ix = whoosh_index.create_in(folder, schema())
    start = time.process_time()
    gc.disable()  # as index.writer does while it writes (a tenth of the CPU otherwise)
    try:
        writer = ix.writer(limitmb=256)
        for doc in docs:
            writer.add_document(**{k: v for k, v in doc.items() if k not in without})
        writer.commit()
    finally:
        gc.enable()
    cpu = time.process_time() - start
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    shutil.rmtree(folder)
    return cpu, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="baomoi texts to index")
    parser.add_argument("--data-dir", type=Path, help="index the records of this archive instead")
    parser.add_argument("--variants", action="store_true", help="the build without the exact body, against FTS5")
    parser.add_argument("--reindex", action="store_true", help="reindex --jobs 1 of --data-dir's copy, against FTS5")
    parser.add_argument("--repeat", type=int, default=3, help="runs of --reindex (the best is taken)")
    args = parser.parse_args()
    if args.reindex and not args.data_dir:
        parser.error("--reindex needs --data-dir")
    from index.schema import document, schema

    work = Path(tempfile.mkdtemp(prefix="thidua-fields-"))
    try:
        if args.data_dir:
            records = archive_records(args.data_dir)
        elif (SHARED / "corpus" / "baomoi_text").exists():
            records = D.dump_records(work / "baomoi", args.articles)
        else:
            sys.exit(f"needs {SHARED}/corpus/baomoi_text, or --data-dir")
        docs = [document(r) for r in records]
        fields = [name for name in schema().names() if any(name in d for d in docs)]
        print(f"{len(docs):,} records, {len(fields)} fields")
        yardstick = fts5(work, records)
        print(f"FTS5 of the same titles and texts (content kept): {yardstick[0]:.2f} s CPU, "
              f"{yardstick[1] / 2**20:.1f} MiB")
        if args.variants:
            return variants(work, docs, yardstick)
        if args.reindex:
            return reindex(work, args.data_dir, args.repeat, records)
        first = build(work / "all", docs)
        costs = {name: build(work / name, docs, without=(name,)) for name in fields}
        last = build(work / "all-again", docs)
        cpu = (first[0] + last[0]) / 2
        size = first[1]
        print(f"\nevery field: {first[0]:.2f} s CPU first, {last[0]:.2f} s last; {size / 2**20:.1f} MiB "
              f"({cpu / yardstick[0]:.0f}x FTS5's CPU, {size / yardstick[1]:.1f}x its size)\n")
        print(f"{'field':14s} {'CPU s':>7s} {'% CPU':>6s} {'MiB':>7s} {'% size':>7s}")
        rows = sorted(((name, cpu - c, size - s) for name, (c, s) in costs.items()), key=lambda r: -r[2])
        for name, dc, ds in rows:
            print(f"{name:14s} {dc:7.2f} {dc / cpu:6.0%} {ds / 2**20:7.2f} {ds / size:7.0%}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


VARIANTS = {
    "every field": (),
    "without the exact body": ("body",),
}


def reindex(work, data_dir, repeat, records):
    """`thidua reindex --jobs 1` of a copy of data_dir, `repeat` times: CPU of each (the
    process's own, from the children's resource usage), the index's size, against the
    best of as many FTS5 builds.

    The process may write bytecode: with PYTHONDONTWRITEBYTECODE set (as in some
    shells here) it compiles every module it imports, a fifth of its CPU, each run."""
    copy = work / "archive"
    shutil.copytree(data_dir, copy, symlinks=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cpus = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "search", "--data-dir", str(copy), "reindex", "--jobs", "1"],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    yardstick = min(fts5(work, records) for _ in range(repeat))
    size = sum(f.stat().st_size for f in (copy / "index").resolve().rglob("*") if f.is_file())
    best = min(cpus)
    print(f"\nthidua reindex --jobs 1: {', '.join(f'{c:.2f}' for c in cpus)} s CPU; best {best:.2f} s; best FTS5 "
          f"build {yardstick[0]:.3f} s: {best / yardstick[0]:.1f}x FTS5's CPU; "
          f"index {size / 2**20:.1f} MiB = {size / yardstick[1]:.2f}x its size")


def variants(work, docs, yardstick):
    print(f"\n{'build':40s} {'CPU s':>6s} {'x FTS5':>7s} {'MiB':>6s} {'x FTS5':>7s}")
    for n, (label, without) in enumerate(VARIANTS.items()):
        cpu, size = build(work / f"variant{n}", docs, without)
        print(f"{label:40s} {cpu:6.2f} {cpu / yardstick[0]:7.0f} {size / 2**20:6.1f} {size / yardstick[1]:7.2f}")


if __name__ == "__main__":
    main()

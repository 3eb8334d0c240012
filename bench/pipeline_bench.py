"""The whole pipeline against its yardsticks, in one run (issue 12).

Articles are real news texts from ../shared/corpus/baomoi_text written as .txt dumps
(title, blank line, text). Printed, each beside the yardstick measured in the same
run (these machines are shared, so ratios matter more than seconds):

- `thidua ingest --jobs 1` (one process does everything) and `--jobs 2` (two processes),
  wall and CPU by process, against underthesea's `word_tokenize` over the same texts
  (the floor: segmentation alone); each run starts once the 1-minute load average is
  below --quiet-load (waited for up to --patience seconds; the load is printed, and
  flagged when the cores were not free);
- re-ingest of the same, unchanged files: time against the first ingest, and memory;
- `thidua reindex` against an SQLite FTS5 build of the same titles and texts, and the
  index's size against FTS5's;
- one-shot `thidua search`, `timeline`, `stats` and `--help`: wall time and the
  process's maximum RSS, against a one-shot `sqlite3` FTS5 query;
- warm query latency p50/p95 (one searcher kept open) against FTS5, for rare words,
  common words and phrases.

    python bench/pipeline_bench.py                   # 1,000 articles
    python bench/pipeline_bench.py --articles 10000  # the full run
    python bench/pipeline_bench.py --baseline ../old  # ingest of another checkout too, before this one's
    python bench/pipeline_bench.py --ingest-only      # the ingest runs alone
"""
import argparse
import gzip
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BAOMOI = ROOT.parent / "shared" / "corpus" / "baomoi_text" / "baomoi_2017.jsonl.gz"
THIDUA = [sys.executable, "-m", "search"]


def articles(n):
    with gzip.open(BAOMOI, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows = [r for r in rows if len(r.get("text") or "") > 400]
    out, k = [], 0
    while len(out) < n:  # past the corpus, texts come again with a marker, so each file is new
        r = rows[k % len(rows)]
        suffix = f" (bản {k // len(rows) + 1})" if k >= len(rows) else ""
        out.append((r["title"] + suffix, r["text"]))
        k += 1
    return out


TIME = shutil.which("time") or "/usr/bin/time"


def run(args, env=None, tree=None, cwd=ROOT):
    """(wall seconds, CPU seconds, max RSS MiB, stdout) of one process. The RSS comes
    from /usr/bin/time: wait4's figure of a child forked from this (large) process
    counts this process's memory, held until the child's exec. tree, a dict, receives
    {pid: CPU seconds} of the command and each process it forked (see cpu_by_process)."""
    measured = [TIME, "-f", "%M"] if os.path.exists(TIME) else []
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(measured + list(map(str, args)), stdout=out, stderr=err, env=env, cwd=cwd)
        while tree is not None and proc.poll() is None:
            tree.update(cpu_by_process(proc.pid))
            time.sleep(0.05)
        proc.wait()
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        out, err = out.read(), err.read()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(map(str, args))}")
    lines = err.decode("utf-8", "replace").strip().splitlines()
    rss = int(lines[-1]) / 1024 if measured and lines and lines[-1].isdigit() else float("nan")
    cpu = _children_cpu()
    return wall, cpu, rss, out.decode("utf-8", "replace")


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_by_process(root):
    """{pid: CPU seconds so far} of root's descendants, in the order they were forked
    (from /proc; empty elsewhere): the last reading before a process ends is what
    the bench keeps, so each figure is short by at most the polling interval."""
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    todo += [int(child) for child in fh.read().split()]
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[19]), (int(fields[11]) + int(fields[12])) / TICK)  # start time, utime + stime
    return found


def roles(tree, wrapped):
    """CPU seconds of the ingest's processes: (the command itself, [each process it
    forked, in order]). The command reads, stores and indexes, and extracts whenever
    nothing is ready to store; what it forks are the --jobs helpers, which extract
    (before the commit that made it so, the command extracted, and its first child,
    with --jobs 1 too, stored and indexed)."""
    forked = sorted(tree.items(), key=lambda item: (item[1][0], item[0]))[1 if wrapped else 0:]
    parts = [cpu for _, (_, cpu) in forked]
    return parts[0], parts[1:]


def quiet(limit, patience):
    """Wait up to patience seconds for the 1-minute load average to fall below limit
    (other work on the machine takes cores from the runs); the load it ended at."""
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] >= limit and time.monotonic() < deadline:
        time.sleep(5)
    return os.getloadavg()[0]


_CPU_SEEN = [0.0]


def _children_cpu():
    """CPU seconds of the children waited for since the last call."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = usage.ru_utime + usage.ru_stime
    spent, _CPU_SEEN[0] = total - _CPU_SEEN[0], total
    return spent


def floor(texts):
    from underthesea import word_tokenize

    word_tokenize("khởi động")
    start = time.process_time()
    for title, text in texts:
        word_tokenize(title)
        word_tokenize(text)
    return time.process_time() - start


def fts5(folder, texts):
    """(build wall seconds, build CPU seconds, size bytes, db) of an FTS5 table of the
    same titles and texts: CPU is compared with CPU (on a loaded machine the build's
    wall time is several times its CPU)."""
    path = folder / "fts.sqlite"
    db = sqlite3.connect(path)
    start, start_cpu = time.perf_counter(), time.process_time()
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')")
    with db:
        db.executemany("INSERT INTO docs VALUES (?, ?)", texts)
    return time.perf_counter() - start, time.process_time() - start_cpu, path.stat().st_size, db


def folder_size(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def queries(texts, count=150, seed=7):
    """Rare words, common words and two-word phrases from the texts themselves."""
    rng = random.Random(seed)
    words = {}
    for _, text in texts:
        for w in set(re.findall(r"\w{3,}", text.lower())):
            if not w.isdigit():
                words[w] = words.get(w, 0) + 1
    ranked = sorted(words, key=words.get)
    rare = [w for w in ranked if 2 <= words[w] <= 5]
    common = ranked[-300:]
    phrases = []
    for _, text in rng.sample(texts, count):
        tokens = re.findall(r"\w+", text.lower())
        if len(tokens) > 10:
            i = rng.randrange(len(tokens) - 2)
            phrases.append(" ".join(tokens[i:i + 2]))
    return {"rare": rng.sample(rare, min(count, len(rare))), "common": rng.sample(common, min(count, len(common))),
            "phrase": phrases[:count]}


def percentiles(samples):
    samples = sorted(samples)
    return statistics.median(samples) * 1000, samples[int(len(samples) * 0.95) - 1] * 1000


def warm(data, db, qs):
    from index.finder import finder, search

    f = finder(data)
    rows = []
    for kind, items in qs.items():
        ours, theirs = [], []
        for q in items:
            text = f'"{q}"' if kind == "phrase" else q
            start = time.perf_counter()
            search(f, text, limit=10)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            db.execute("SELECT rowid, snippet(docs, 1, '[', ']', '…', 10) FROM docs WHERE docs MATCH ? "
                       "ORDER BY bm25(docs) LIMIT 10", ('"' + q.replace('"', "") + '"',)).fetchall()
            theirs.append(time.perf_counter() - start)
        rows.append((kind, *percentiles(ours), *percentiles(theirs)))
    return rows


def compiled(root):
    """Compile root's modules to bytecode, as an installed thidua has them (pip compiles
    at install): with PYTHONDONTWRITEBYTECODE set, as on these machines, every run
    would compile them again, a second of CPU in the serial start of each command."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", "ingest", "index", "search"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)


def ingest_runs(label, root, work, src, floor_s, calm):
    """`ingest --jobs 1` and `--jobs 2` of the thidua in root into fresh data folders
    under work (data-j1, data-j2), printed against the floor; {jobs: run()}. Before
    each run, the bench waits for a quiet machine (calm: (load limit, seconds) for
    quiet()) and prints the load it started at: --jobs 2 can only show its speed-up
    when two cores are free, which a 1-minute load average below 0.5 says they were
    (about)."""
    results, count = {}, sum(1 for _ in src.iterdir())
    prefix = label + ": " if label else ""
    for jobs in (1, 2):
        tree, load = {}, quiet(*calm)
        results[jobs] = run(THIDUA + ["--data-dir", str(work / f"data-j{jobs}"), "ingest", "--jobs", str(jobs),
                                      str(src)], tree=tree, cwd=root)
        wall, cpu, rss, _ = results[jobs]
        print(f"{prefix}--jobs {jobs}: {wall:.1f} s wall, {cpu:.1f} s CPU (all processes), max RSS {rss:.0f} MiB; "
              f"{count / wall:.1f} articles/s; {wall / floor_s:.2f}x the floor (1-minute load before "
              f"{load:.2f}{'' if load < calm[0] else ': NOT two free cores'})")
        if tree:
            main_cpu, helpers = roles(tree, wrapped=os.path.exists(TIME))
            print(f"  CPU by process: the command {main_cpu:.1f} s"
                  + (f", processes it forked {', '.join(f'{c:.1f}' for c in helpers)} s" if helpers else "")
                  + f"; on two free cores at best {max(main_cpu, *helpers, (main_cpu + sum(helpers)) / 2):.1f} s wall")
    print(f"{prefix}--jobs 2 speed-up over --jobs 1: {results[1][0] / results[2][0]:.2f}x wall; CPU "
          f"{results[2][1] / results[1][1]:.2f}x of --jobs 1's (cores: {os.cpu_count()}, load average now "
          f"{os.getloadavg()[0]:.2f})")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quiet-load", type=float, default=0.5, metavar="LOAD",
                        help="before each ingest run, wait for the 1-minute load average to fall below this")
    parser.add_argument("--patience", type=float, default=300, metavar="SECONDS",
                        help="how long to wait for it at most (the load is printed either way)")
    parser.add_argument("--ingest-only", action="store_true", help="stop after the ingest runs")
    parser.add_argument("--baseline", metavar="DIR",
                        help="another checkout of thidua (e.g. a git worktree of an older commit): its ingest "
                             "is timed first, on the same files in the same run")
    args = parser.parse_args()
    if not BAOMOI.exists():
        raise SystemExit(f"needs {BAOMOI} (../shared beside the project)")
    texts = articles(args.articles)
    work = Path(tempfile.mkdtemp(prefix="thidua-pipeline-"))
    try:
        src = work / "in"
        src.mkdir()
        for n, (title, text) in enumerate(texts):
            (src / f"{n:06d}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        print(f"{len(texts):,} articles from baomoi_text, written as .txt in {src}")

        floor_s = floor(texts)
        print(f"\nyardstick: underthesea word_tokenize over the same texts: {floor_s:.1f} s CPU "
              f"({len(texts) / floor_s:.0f} articles/s)")

        print("\n== ingest ==")
        calm = (args.quiet_load, args.patience)
        for root in [ROOT] + ([Path(args.baseline).resolve()] if args.baseline else []):
            compiled(root)
        if args.baseline:
            ingest_runs(f"before ({args.baseline})", Path(args.baseline).resolve(), work / "before", src, floor_s,
                        calm)
        results = ingest_runs("now" if args.baseline else "", ROOT, work, src, floor_s, calm)
        if args.ingest_only:
            return

        data = work / "data-j1"
        again = [run(THIDUA + ["--data-dir", str(data), "ingest", str(src)]) for _ in range(3)]
        print("\n== re-ingest of the unchanged files, 3 times ==")
        for wall, cpu, rss, out in again:
            print(f"{wall:.2f} s wall, {cpu:.2f} s CPU, max RSS {rss:.0f} MiB = {wall / results[1][0]:.1%} of the "
                  f"first ingest — {out.strip().splitlines()[-1][:60]}")

        print("\n== reindex ==")
        fts_wall, fts_cpu, fts_bytes, db = fts5(work, texts)
        for jobs in (2, 1):  # the index of --jobs 1 (one segment) is the one measured and searched below
            wall, cpu, rss, _ = run(THIDUA + ["--data-dir", str(data), "reindex", "--jobs", str(jobs)])
            print(f"thidua reindex --jobs {jobs}: {wall:.1f} s wall, {cpu:.1f} s CPU; FTS5 build: {fts_wall:.2f} s "
                  f"wall, {fts_cpu:.2f} s CPU -> {wall / fts_wall:.0f}x wall, {cpu / fts_cpu:.0f}x CPU")
        index_bytes = folder_size(Path(data / "index").resolve())
        print(f"index size: {index_bytes / 2**20:.1f} MiB; FTS5 {fts_bytes / 2**20:.1f} MiB -> "
              f"{index_bytes / fts_bytes:.2f}x")

        print("\n== one-shot commands (wall, max RSS) ==")
        shots = {"--help": ["--help"], 'search "hội nghị"': ["search", "hội nghị"],
                 'search "thi đua" --format csv': ["search", "thi đua", "--format", "csv"],
                 'timeline "thi đua"': ["timeline", "thi đua"], "stats --by year": ["stats", "--by", "year"]}
        for label, cmd in shots.items():
            times = [run(THIDUA + (["--data-dir", str(data)] if cmd[0] != "--help" else []) + cmd) for _ in range(3)]
            best = min(times, key=lambda t: t[0])
            print(f"thidua {label}: {best[0]:.3f} s, {best[2]:.0f} MiB (best of 3)")
        sqlite_cli = shutil.which("sqlite3")
        if sqlite_cli:
            best = min(run([sqlite_cli, str(work / "fts.sqlite"),
                            "SELECT rowid FROM docs WHERE docs MATCH 'hội nghị' ORDER BY bm25(docs) LIMIT 20"])
                       for _ in range(3))
            print(f"sqlite3 one-shot FTS5 query: {best[0]:.3f} s, {best[2]:.0f} MiB")
        bare = min(run([sys.executable, "-c", "pass"]) for _ in range(3))
        print(f"bare python -c pass: {bare[0]:.3f} s, {bare[2]:.0f} MiB")

        print("\n== warm queries (ms): thidua p50 / p95 against FTS5 p50 / p95 ==")
        for kind, p50, p95, f50, f95 in warm(data, db, queries(texts)):
            print(f"{kind:7s} {p50:7.2f} / {p95:7.2f}   FTS5 {f50:6.2f} / {f95:6.2f}   "
                  f"-> p50 {p50 / f50:.1f}x, p95 {p95 / f95:.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

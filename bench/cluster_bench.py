"""Extraction into record shards: --jobs 1, --jobs 2 and a Dask LocalCluster of 2 workers.

Writes N real news articles (../shared/corpus/baomoi_text) to a temporary folder as
.txt dumps, then extracts them into shards (as `thidua extract --output` does, with
--partition-size files per shard) three ways, timing each from the moment its
engine is ready to the last shard on disk:
  --jobs 1          this process (the yardstick: the others are read against it);
  --jobs 2          two forked processes (they inherit the loaded models);
  --cluster local:2 a LocalCluster of 2 worker processes on 127.0.0.1.
The three engines are started once, before the first round (their start-up is
timed: for Dask the scheduler, 2 spawned workers and the plugin loading the models
in each), and each round runs all three on the same articles, so that a busy
machine weighs on all of them alike; the load average is printed with each round,
and the CPU time each run took (all its processes): on a shared machine the wall
clock shows the share of the cores an engine got, the CPU time what it costs.
Then the models' load time each worker reports, and the cost of one more worker
joining the running cluster until its models are loaded. The three engines must
give byte-identical shards.

    python bench/cluster_bench.py [--articles 1000] [--partition-size 25] [--rounds 1]
"""
import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import psutil  # comes with distributed

from ingest.scale import dask_engine, engines, manifest, shards

SHARED_NEWS = Path(__file__).resolve().parent.parent.parent / "shared/corpus/baomoi_text/baomoi_2017.jsonl.gz"
YARDSTICK = "--jobs 1"


def write_articles(folder, count):
    """count articles of the shared corpus as .txt dumps (title, blank line, text)."""
    with gzip.open(SHARED_NEWS, "rt", encoding="utf-8") as fh:
        rows = [row for row in map(json.loads, fh) if row.get("text")][:count]
    for i, row in enumerate(rows):
        (folder / f"{i:05d}.txt").write_text(f"{row['title']}\n\n{row['text']}\n", encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def cpu_seconds():
    """CPU time so far of this process and all its children (pool workers, Dask's
    scheduler threads, nannies and workers): what an engine costs, whatever share of
    a busy machine it was given."""
    me = psutil.Process()
    total = 0.0
    for process in [me] + me.children(recursive=True):
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def extract(run_tasks, files, out, size):
    """(seconds, CPU seconds, articles, shards' bytes by name) for one run into out."""
    cpu = cpu_seconds()
    start = time.perf_counter()
    run = manifest.Run(out, files, [], size, shards.extractor_version())
    for index, result, error in run_tasks(shards.extract_shard, run.todo()):
        if error:
            sys.exit(f"partition {index} failed: {error}")
        run.finished(index, result)
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu
    run.close()
    return seconds, cpu, run.articles, {p.name: p.read_bytes() for p in out.glob("part-*")}


def worker_costs():
    """(models' load time reported by each worker, seconds for one more worker to join
    and load its models) on the running cluster."""
    from distributed import default_client
    client = default_client()
    loads = sorted(client.run(dask_engine.warm_up_seconds).values())
    start = time.perf_counter()
    client.cluster.scale(len(loads) + 1)
    client.wait_for_workers(len(loads) + 1)
    while None in client.run(dask_engine.warm_up_seconds).values():
        time.sleep(0.02)
    return loads, time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--partition-size", type=int, default=25)
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    if not SHARED_NEWS.exists():
        sys.exit(f"{SHARED_NEWS} is not there: this bench needs ../shared beside the project")
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        files = write_articles(tmp / "in", args.articles)
        kbytes = sum(f.stat().st_size for f in files) / 1024
        print(f"{len(files)} articles, {kbytes / len(files):.1f} KB each on average, "
              f"{args.partition_size} per shard; 2 workers each for --jobs 2 and the cluster")
        running = {}
        for label, engine in ((YARDSTICK, engines.local(1)), ("--jobs 2", engines.local(2)),
                              ("--cluster local:2", dask_engine.engine(workers=2))):
            start = time.perf_counter()
            running[label] = stack.enter_context(engine)
            print(f"start-up of {label:18s} {time.perf_counter() - start:5.2f} s")
        ratios = {label: [] for label in running}
        outputs = []
        for round_ in range(1, args.rounds + 1):
            print(f"round {round_} (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
            rates = {}
            for label, run_tasks in running.items():
                out = tmp / f"{round_}{label.strip('-').replace(' ', '_').replace(':', '')}"
                seconds, cpu, articles, made = extract(run_tasks, files, out, args.partition_size)
                outputs.append(made)
                rates[label] = articles / seconds
                ratios[label].append(rates[label] / rates[YARDSTICK])
                print(f"  {label:18s} {seconds:7.2f} s  {rates[label]:6.1f} articles/s  "
                      f"{rates[label] / rates[YARDSTICK]:.2f}x {YARDSTICK}   "
                      f"CPU {1000 * cpu / articles:5.1f} ms/article, {cpu / seconds:.2f} cores used on average")
        if args.rounds > 1:
            print("median speed against --jobs 1: " + ", ".join(
                f"{label} {statistics.median(r):.2f}x" for label, r in ratios.items()))
        loads, join = worker_costs()
        print(f"per worker: models loaded in {', '.join(f'{s:.2f} s' for s in loads)} (each worker's plugin); "
              f"one more worker joining the running cluster, models loaded: {join:.2f} s")
        print("shards identical in every run:", "yes" if all(o == outputs[0] for o in outputs) else "NO")


if __name__ == "__main__":
    main()

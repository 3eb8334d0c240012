"""The Dask engine (see ingest.scale.engines): partitions extracted on a cluster's workers.

What runs where: this process lists the inputs, cuts them into partitions, writes the
shards and the manifest; the scheduler hands partitions out; each worker reads its
partition's files (so they must be at the same path on every worker: a shared file
system), extracts them with the same pipeline.map_partition as `--jobs`, and sends
back the shard already gzipped. A worker loads the language models once, when it
starts or joins, through a WorkerPlugin; one thread per worker, as extraction holds
Python's lock nearly all the time.

`distributed` is imported by this module only, so the rest of thidua works without
it (pip install 'thidua[cluster]').
"""
import logging
import os
import time
from contextlib import contextmanager

from ingest.extract import compose as extraction
from ingest.scale.engines import EngineError

try:
    from distributed import Client, LocalCluster, WorkerPlugin, as_completed
except ImportError:  # the extra is not installed: said by engine(), not at import
    Client = None
    WorkerPlugin = object

LOOPBACK = "127.0.0.1:0"
# Seconds this worker process took to load the models (None until it did): the
# per-worker start-up cost, read back with client.run by bench/cluster_bench.py.
WARM_UP_SECONDS = None


class LoadModels(WorkerPlugin):
    """Loads the language models and word lists once per worker, before its first task."""

    name = "thidua-load-models"

    def setup(self, worker):
        global WARM_UP_SECONDS
        start = time.perf_counter()
        extraction.warm_up()
        WARM_UP_SECONDS = time.perf_counter() - start


def warm_up_seconds():
    return WARM_UP_SECONDS


@contextmanager
def engine(address=None, workers=None, processes=True):
    """run(func, tasks) on the scheduler at address, or on a LocalCluster of `workers`
    workers bound to 127.0.0.1 (processes=False: threads of this process)."""
    if Client is None:
        raise EngineError("--cluster needs Dask's `distributed` package: pip install 'thidua[cluster]'")
    with _client(address, workers, processes) as client:
        client.register_plugin(LoadModels())
        yield lambda func, tasks: _run(client, func, tasks)


@contextmanager
def _client(address, workers, processes):
    if address is None:
        # Worker processes talk over TCP on the loopback only, threads (processes=False) in
        # memory. The HTTP servers Dask starts anyway (health, metrics) listen on the loopback
        # too, on a free port: by default they would take 0.0.0.0 and warn when 8787 is taken.
        where = {"host": "127.0.0.1"} if processes else {}
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=processes,
                               dashboard_address=None, worker_dashboard_address=LOOPBACK,
                               scheduler_kwargs={"dashboard": False, "dashboard_address": LOOPBACK},
                               silence_logs=logging.ERROR, **where)
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="30s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise EngineError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        yield client


def _run(client, func, tasks):
    tasks = list(tasks)
    futures = client.map(func, [argument for _, argument in tasks], pure=False)
    index = {future.key: i for future, (i, _) in zip(futures, tasks)}
    for future in as_completed(futures):
        try:
            result, error = future.result(), None
        except Exception as exc:  # a worker died on it, or it raised: that partition fails, the rest goes on
            result, error = None, f"{type(exc).__name__}: {exc}"
        yield index[future.key], result, error
        future.release()

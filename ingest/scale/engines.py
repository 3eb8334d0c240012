"""Where partitions are extracted: this machine's processes, or a Dask cluster.

An engine is a context manager giving `run(func, tasks)`: it calls func(argument) for
each (index, argument) of tasks, somewhere, and yields (index, result, error) as
each one ends, in any order; error is a one-line reason when the task failed as a
whole (an input's own failure is in its result). func is
shards.extract_shard, which calls pipeline.map_partition: engines only move
partitions and results about, so a new engine is one more function (the Dask one
is in dask_engine, as it needs an extra package).
"""
from contextlib import contextmanager
from multiprocessing import get_context

from ingest.extract import compose as extraction


class EngineError(RuntimeError):
    """The cluster cannot be started or reached."""


def _call(task):
    func, index, argument = task
    try:
        return index, func(argument), None
    except Exception as exc:  # reported as that partition's failure, the others go on
        return index, None, f"{type(exc).__name__}: {exc}"


@contextmanager
def local(jobs=1):
    """This machine: one process (jobs=1), or a pool of jobs processes, each loading
    the language models once (as `--jobs` does)."""
    if jobs <= 1:
        extraction.warm_up()
        yield lambda func, tasks: (_call((func, i, argument)) for i, argument in tasks)
        return
    with get_context("fork").Pool(jobs, initializer=extraction.warm_up) as pool:
        yield lambda func, tasks: pool.imap_unordered(_call, [(func, i, argument) for i, argument in tasks])

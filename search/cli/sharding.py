"""Extraction into a folder of record shards, on this machine or a Dask cluster: the
part of `thidua extract --output` that `thidua ingest --cluster` shares."""
import sys

import click

from search.cli.output import report_problems


def cluster_option(func):
    return click.option(
        "--cluster", metavar="ADDRESS|local[:N]", callback=_parse_cluster,
        help="Extract on a Dask cluster: the scheduler's ADDRESS (tcp://host:8786), or `local:N` for N "
             "worker processes on this machine (`local`: one per core). Needs --output.")(func)


def _parse_cluster(ctx, param, value):
    """None, ("local", workers or None) or ("address", ADDRESS)."""
    if value is None:
        return None
    if value == "local" or value.startswith("local:"):
        count = value.partition(":")[2]
        if count and not (count.isdigit() and 1 <= int(count) <= 256):
            raise click.BadParameter(f"{value!r}: the number of workers after local: is 1 to 256")
        return "local", int(count) if count else None
    if "://" not in value and ":" not in value:
        raise click.BadParameter(f"{value!r}: give the scheduler's address (tcp://host:8786) or local[:N]")
    return "address", value


def partition_size_option(func):
    return click.option("--partition-size", type=click.IntRange(1, 100000), default=100, show_default=True,
                        help="Input files per partition (one shard each); a WARC file's pages go with it.")(func)


def engine(cluster, jobs):
    """The engine a command's --cluster and --jobs ask for (see ingest.scale.engines);
    imported late: the pipeline loads the language models, and Dask is an extra."""
    from ingest.scale import engines
    if cluster is None:
        return engines.local(jobs)
    from ingest.scale import dask_engine
    kind, value = cluster
    return dask_engine.engine(workers=value) if kind == "local" else dask_engine.engine(address=value)


def write_shards(folder, files, problems, cluster, jobs, partition_size):
    """Extract files into shards in folder, as `thidua extract --output` does; prints
    an error line per failed input, and returns the run (ingest.scale.manifest.Run)."""
    from ingest.scale import manifest, shards

    report_problems(problems)
    version = shards.extractor_version()
    try:
        run = manifest.Run(folder, files, problems, partition_size, version)
    except manifest.ManifestError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        _make(run, cluster, jobs, version)
    finally:
        run.close()
    return run


def _make(run, cluster, jobs, version):
    """The partitions left to do, on the engine asked for, each written as it ends."""
    from ingest.scale import engines, shards

    todo = run.todo()
    before = len(run.done)
    if before:
        click.echo(f"{before} of {len(run.partitions)} shards were made by an earlier run; "
                   f"{len(todo)} left to make", err=True)
    if not todo:
        return
    try:
        with engine(cluster, jobs) as run_tasks, \
                click.progressbar(run_tasks(shards.extract_shard, todo), length=len(todo), label="Extracting",
                                  file=sys.stderr, show_pos=True) as bar:
            for index, result, error in bar:
                if error is None and result["extractor"] != version:
                    error = (f"the worker's thidua extracts otherwise ({shards.described(result['extractor'])}; "
                             f"here {shards.described(version)}): install the same thidua on every worker")
                if error is not None:
                    run.lost(index, error)
                    inputs = run.partitions[index]
                    click.echo(f"\nerror: {_span(inputs)}: not extracted ({error}); "
                               "run the same command again to redo it", err=True)
                    continue
                run.finished(index, result)
                for source, note in result["warnings"]:
                    click.echo(f"\nwarning: {source}: {note}", err=True)
                for source, reason in result["failures"]:
                    click.echo(f"\nerror: {source}: {reason}", err=True)
    except engines.EngineError as exc:
        raise click.ClickException(str(exc)) from None


def _span(inputs):
    from ingest.pipeline import shown
    first, last = shown(inputs[0]), shown(inputs[-1])
    return first if len(inputs) == 1 else f"{first} … {last} ({len(inputs)} inputs)"

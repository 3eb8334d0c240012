"""`thidua extract`: print records as JSON lines without storing them, or write them as
record shards into a folder, on this machine or a Dask cluster."""
import json
import sys

import click

from search.cli.options import format_options, jobs_option
from search.cli.output import report_notes, report_problems
from search.cli.sharding import cluster_option, partition_size_option, write_shards


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@format_options(("jsonl", "json"), "jsonl", "jsonl")
@jobs_option
@cluster_option
@click.option("--output", "-o", type=click.Path(file_okay=False),
              help="Write the records into this folder as gzip JSON-lines shards, with manifest.jsonl; "
                   "run again with the same folder to finish a run that was stopped.")
@partition_size_option
def extract(paths, fmt, jobs, cluster, output, partition_size):
    """Print the records of PATHS as JSON lines (or, with --format json, as one JSON
    list), without storing anything.

    The record format is the one scored by ../shared/eval/score.py: id, source,
    title, published, author, text, event, units, people, dates, figures.

    With --output DIR the records go into DIR as shards (part-00000.jsonl.gz, …,
    one per --partition-size inputs, each line a record as printed here) and
    DIR/manifest.jsonl says which inputs each shard holds, how many articles, which
    inputs failed and why, and which extractor made them. A run that was stopped is
    finished by the same command: only the missing shards are made. `thidua load
    DIR` stores the shards in the archive. With --cluster the extraction runs on a
    Dask cluster (see "Large archives" in the README); the inputs must be readable at
    the same path on every worker.

    \b
    Examples:
        thidua extract corpus/sample/*.txt --jsonl
        thidua extract page.html --jsonl > records.jsonl
        thidua extract corpus/sample/03_z121_bao_cao_6_thang_2021.txt --format json
        thidua extract --output shards/ --cluster local:2 ~/saved-pages/
        thidua extract --output shards/ --cluster tcp://10.0.0.5:8786 /shared/warc/
        thidua extract --output shards/ --cluster local:2 export.pages.jsonl.gz
        thidua load shards/
    """
    from ingest import pipeline  # imported late: the pipeline loads lxml and the language models

    if cluster and not output:
        raise click.UsageError("--cluster needs --output DIR: the workers' records are written there as shards")
    files, problems = pipeline.expand_paths(paths)
    if output:
        run = write_shards(output, files, problems, cluster, jobs, partition_size)
        click.echo(f"{run.articles} articles in {len(run.done)} of {len(run.partitions)} shards, "
                   f"{run.failed} failed — shards and manifest.jsonl in {output}")
        if run.failed or len(run.done) < len(run.partitions):
            sys.exit(1)
        return
    report_problems(problems)
    failed, written = len(problems), 0
    for source, records, error, notes in pipeline.process(files, jobs):
        report_notes(source, notes)
        if error:
            failed += 1
            click.echo(f"error: {source}: {error}", err=True)
        for record in records:  # printed as read: a long run shows its records at once
            if fmt == "jsonl":
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                click.echo(("[\n" if not written else ",\n") + json.dumps(record, ensure_ascii=False, indent=2),
                           nl=False)
            written += 1
    if fmt == "json":
        click.echo("\n]" if written else "[]")
    if failed:
        sys.exit(1)

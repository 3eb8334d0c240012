"""`thidua extract`: print records as JSON lines without storing them."""
import json
import sys

import click

from search.cli.options import jobs_option
from search.cli.output import report_notes, report_problems


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--jsonl", is_flag=True, help="One JSON record per line (the default).")
@jobs_option
def extract(paths, jsonl, jobs):
    """Print the records of PATHS as JSON lines, without storing anything.

    The record format is the one scored by ../shared/eval/score.py: id, source,
    title, published, author, text, event, units, people, dates, figures.

    \b
    Examples:
        thidua extract corpus/sample/*.txt --jsonl
        thidua extract page.html --jsonl > records.jsonl
    """
    from ingest import pipeline  # imported late: the pipeline loads lxml and the language models

    files, problems = pipeline.expand_paths(paths)
    report_problems(problems)
    failed = len(problems)
    for source, records, error, notes in pipeline.process(files, jobs):
        report_notes(source, notes)
        if error:
            failed += 1
            click.echo(f"error: {source}: {error}", err=True)
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    if failed:
        sys.exit(1)

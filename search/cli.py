"""The `thidua` command line."""
import functools
import json
import sys

import click

from index import writer as index_writer
from ingest import pipeline, store

HELP = """thidua: a searchable archive of Vietnamese news on emulation ("thi đua").

\b
A first session:
    thidua ingest corpus/sample              store articles (pages, text dumps, WARC)
    thidua search "hoi nghi tong ket"        find them, diacritics optional
    thidua timeline --unit Z129              a unit's events, oldest first
    thidua stats --metric "doanh thu"        the figures the articles report
    thidua show ID                           one article and what was extracted

Every command takes --data-dir (else $THIDUA_DATA, else ./thidua-data), and
every listing --format table|csv|json|jsonl. `thidua COMMAND --help` has examples.
"""


def _remember_data_dir(ctx, param, value):
    """--data-dir may stand before or after the command name; the command's wins."""
    root = ctx.find_root()
    root.meta.setdefault("thidua.data_dir", None)
    if value is not None:
        root.meta["thidua.data_dir"] = value
    return str(store.data_dir(root.meta["thidua.data_dir"]))


def data_dir_option(func, expose=True):
    """--data-dir for a command; the group takes it too (expose=False), for the commands."""
    return click.option("--data-dir", type=click.Path(file_okay=False), default=None, is_eager=True,
                        callback=_remember_data_dir, expose_value=expose,
                        help="Folder holding the records database and the index "
                             "(else $THIDUA_DATA, else ./thidua-data).")(func)


@click.group(help=HELP, context_settings={"max_content_width": 120})
@click.version_option(package_name="thidua")
@functools.partial(data_dir_option, expose=False)
def cli():
    pass


def jobs_option(func):
    return click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
                        help="Processes to use; each loads the language models once.")(func)


def _inputs(paths):
    files, problems = pipeline.expand_paths(paths)
    for path, reason in problems:
        click.echo(f"error: {path}: {reason}", err=True)
    return files, problems


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@data_dir_option
@jobs_option
@click.option("--batch-size", type=click.IntRange(1, 10000), default=50, show_default=True,
              help="Articles stored per transaction.")
def ingest(paths, data_dir, jobs, batch_size):
    """Store articles: clean pages and dumps, extract entities, update the index.

    PATHS are files or folders, read recursively: HTML pages (.html, .htm),
    scraped text dumps (.txt) and WARC files (.warc, .warc.gz, e.g. from
    `thidua crawl`). Each article becomes one record in the data folder's
    records.sqlite and one document in its search index. Storing the same content
    again changes nothing. A file that cannot be read is reported on one line and
    the rest of the batch goes on; the exit status is 1 if any failed.

    \b
    Examples:
        thidua ingest corpus/sample
        thidua ingest --jobs 2 ~/saved-pages/ dump.txt
        thidua --data-dir archive ingest archive/warc/
    """
    files, problems = _inputs(paths)
    counts = {"new": 0, "updated": 0, "unchanged": 0, "failed": len(problems)}
    db = store.connect(data_dir)
    pending = []

    def flush():
        for status in store.save_batch(db, pending).values():
            counts[status] += 1
        # unchanged records too: an index update lost to a busy index is made good on re-ingest
        index_writer.update(data_dir, pending)
        pending.clear()

    # a WARC file holds many pages: the bar then counts pages, without a known end
    length = None if any(pipeline.is_warc(f) for f in files) else len(files)
    with click.progressbar(pipeline.process(files, jobs), length=length, label="Ingesting",
                           file=sys.stderr, show_pos=True) as bar:
        for source, records, error in bar:
            if error:
                counts["failed"] += 1
                click.echo(f"\nerror: {source}: {error}", err=True)
                continue
            pending.extend(records)
            if len(pending) >= batch_size:
                flush()
    flush()
    click.echo(f"{counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged, "
               f"{counts['failed']} failed — records in {store.data_dir(data_dir) / store.DB_NAME}")
    if counts["failed"]:
        sys.exit(1)


@cli.command()
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
    files, problems = _inputs(paths)
    failed = len(problems)
    for source, records, error in pipeline.process(files, jobs):
        if error:
            failed += 1
            click.echo(f"error: {source}: {error}", err=True)
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    if failed:
        sys.exit(1)


from search.cmd_crawl import crawl  # noqa: E402  (imported last: the commands import cli)
from search.cmd_reindex import reindex  # noqa: E402
from search.cmd_search import search  # noqa: E402
from search.cmd_show import show  # noqa: E402
from search.cmd_stats import stats  # noqa: E402
from search.cmd_timeline import timeline  # noqa: E402

for _command in (crawl, search, timeline, stats, show, reindex):
    cli.add_command(_command)

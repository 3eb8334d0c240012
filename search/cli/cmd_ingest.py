"""`thidua ingest`: store articles from files, folders and WARC files, and index them."""
import json
import shutil
import sys
import tempfile

import click

from ingest import store
from search.cli.archiving import INGEST_SECONDS, Archive, ending_window
from search.cli.cmd_load import load_shards
from search.cli.options import batch_size_option, cores, data_dir_option, jobs_option
from search.cli.output import report_notes, report_problems
from search.cli.sharding import cluster_option, partition_size_option, write_shards

# Without --jobs, a batch of this many inputs to read runs on every core: helpers pay
# for themselves once there is more than a moment's work to share.
AUTO_JOBS_FROM = 50


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@data_dir_option
@jobs_option(help="Processes that work at once. 1: this one reads, extracts, stores and indexes each input in "
                  "turn. N: N - 1 helpers extract beside it, and it stores and indexes what they give, extracting "
                  f"too whenever nothing is ready. Default: one per core when there are {AUTO_JOBS_FROM} inputs or "
                  "more to read, else 1.", default=None)
@batch_size_option
@cluster_option
@partition_size_option
def ingest(paths, data_dir, jobs, batch_size, cluster, partition_size):
    """Store articles: clean pages and dumps, extract entities, update the index.

    PATHS are files or folders, read recursively: HTML pages (.html, .htm),
    scraped text dumps (.txt), WARC files (.warc, .warc.gz, e.g. from
    `thidua crawl`) and raw pages as JSON lines (.pages.jsonl, .pages.jsonl.gz:
    {"url": …, "html": …, "fetched": …} a line, as other crawlers export them). Each article becomes one record in the data folder's
    records.sqlite and one document in its search index. Storing the same content
    again changes nothing; a page or file whose content changed updates its
    article (the old text is kept as a version); the same content from another
    source adds that source (a duplicate); a near copy of an archived article
    (republished with small edits) is kept and grouped with it. A file that cannot be read is reported on one line and
    the rest of the batch goes on; the exit status is 1 if any failed. One kept
    with a change (a few bytes that are not UTF-8 replaced, a page of many MB
    read for entities in its first part only) gets one warning line. A file
    whose bytes have not changed since it was last stored is not read again
    (unless thidua's extraction rules changed since).

    --jobs N runs N processes, for N free cores: this one stores and indexes (one
    process must: storing looks the archive up), N - 1 helpers extract, and this one
    extracts too whenever nothing is ready to store. --jobs 1 is one process. Without
    --jobs, a batch of many inputs uses every core and a few inputs one process.

    \b
    Examples:
        thidua ingest corpus/sample
        thidua ingest --jobs 2 ~/saved-pages/ dump.txt
        thidua --data-dir archive ingest archive/warc/
        thidua ingest --cluster local:2 ~/saved-pages/
    """
    from ingest import inputs

    files, problems = inputs.expand_paths(paths)
    if cluster:
        _ingest_on_cluster(files, problems, data_dir, cluster, partition_size, batch_size)
        return
    report_problems(problems)
    failed = len(problems)
    archive = Archive(data_dir, batch_size)
    extractor = json.dumps(inputs.extractor_version(), sort_keys=True)
    todo = {}  # input path -> (key, hash of its bytes): inputs that must be read
    checked = []
    for path in files:
        key, raw = inputs.input_key(path), inputs.raw_hash(path)
        checked.append((path, key, raw, *(store.unchanged_input(archive.db, key, raw, extractor) if raw
                                          else (None, set()))))
    # An unchanged input is read again when one read in this run last gave one of its
    # articles: that one may change the article (its page edited) under the unchanged one.
    changing = set().union(*(gave for _, _, _, known, gave in checked if not known))
    for path, key, raw, known, gave in checked:
        if known and not changing & gave:
            archive.skip(known)
        else:
            todo.setdefault(path, (key, raw))
    jobs = jobs or (cores() if len(todo) >= AUTO_JOBS_FROM else 1)
    if jobs > 1:  # index windows shrinking as the end nears (ending_window), the last on every core
        archive.index_seconds, archive.procs = INGEST_SECONDS, jobs
    broken = set()
    # a WARC file (or a file of pages) holds many: the bar then counts pages, without a known end
    length = None if any(inputs.holds_pages(f) for f in todo) else len(todo)
    with click.progressbar(_read(todo, jobs), length=length, label="Ingesting", file=sys.stderr,
                           show_pos=True) as bar:
        for done, (path, source, records, error, notes, prepared) in enumerate(bar):
            if jobs > 1 and length:
                archive.index_every = ending_window(length - done)
            report_notes(source, notes, before="\n")
            if error:
                failed += 1
                broken.add(path)
                click.echo(f"\nerror: {source}: {error}", err=True)
                continue
            archive.add(records, origin=path, prepared=prepared)
    archive.flush()
    archive.remember([(path, key, raw) for path, (key, raw) in todo.items() if raw and path not in broken],
                     extractor)
    archive.close()
    click.echo(f"{archive.summary(failed)} — records in {store.data_dir(data_dir) / store.DB_NAME}")
    if failed:
        sys.exit(1)


def _read(todo, jobs):
    """The pipeline's items for the inputs to read; the parsers and the language models
    are loaded only when there is one."""
    if not todo:
        return iter(())
    from ingest import pipeline  # imported late: lxml and the language models

    return pipeline.process_inputs(list(todo), jobs)


def _ingest_on_cluster(files, problems, data_dir, cluster, partition_size, batch_size):
    """Extract on the cluster into shards, then store them: `extract --output` and `load`."""
    folder = store.data_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    shards = tempfile.mkdtemp(prefix="extracting-", dir=folder)
    try:
        run = write_shards(shards, files, problems, cluster, 1, partition_size)
        archive, failed = load_shards(run.made(), data_dir, batch_size, run.articles)
    finally:
        shutil.rmtree(shards, ignore_errors=True)
    failed += run.failed
    click.echo(f"{archive.summary(failed)} — records in {folder / store.DB_NAME}")
    if failed:
        sys.exit(1)


"""`thidua ingest`: store articles from files, folders and WARC files, and index them."""
import sys

import click

from ingest import store
from search.cli.archiving import Archive
from search.cli.options import data_dir_option, jobs_option
from search.cli.output import report_notes, report_problems


@click.command()
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
    again changes nothing; a page or file whose content changed updates its
    article (the old text is kept as a version); the same content from another
    source adds that source (a duplicate); a near copy of an archived article
    (republished with small edits) is kept and grouped with it. A file that cannot be read is reported on one line and
    the rest of the batch goes on; the exit status is 1 if any failed. One kept
    with a change (a few bytes that are not UTF-8 replaced, a page of many MB
    read for entities in its first part only) gets one warning line. A file
    whose bytes have not changed since it was last stored is not read again
    (unless thidua's extraction rules changed since).

    \b
    Examples:
        thidua ingest corpus/sample
        thidua ingest --jobs 2 ~/saved-pages/ dump.txt
        thidua --data-dir archive ingest archive/warc/
    """
    from ingest import inputs

    files, problems = inputs.expand_paths(paths)
    report_problems(problems)
    failed = len(problems)
    archive = Archive(data_dir, batch_size)
    extractor = inputs.extractor_version()
    todo = {}  # input path -> (key, hash of its bytes): inputs that must be read
    for path in files:
        key, raw = inputs.input_key(path), inputs.raw_hash(path)
        known = store.unchanged_input(archive.db, key, raw, extractor) if raw else None
        if known:
            archive.skip(known)
        else:
            todo.setdefault(path, (key, raw))
    broken = set()
    # a WARC file holds many pages: the bar then counts pages, without a known end
    length = None if any(inputs.is_warc(f) for f in todo) else len(todo)
    with click.progressbar(_read(todo, jobs), length=length, label="Ingesting", file=sys.stderr,
                           show_pos=True) as bar:
        for path, source, records, error, notes in bar:
            report_notes(source, notes, before="\n")
            if error:
                failed += 1
                broken.add(path)
                click.echo(f"\nerror: {source}: {error}", err=True)
                continue
            archive.add(records, origin=path)
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

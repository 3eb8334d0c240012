"""`thidua reindex`: rebuild the search index from the records database."""
import sys

import click

from ingest import store
from search.cli.options import cores, data_dir_option, jobs_option


# Without --jobs, an archive of this many records is rebuilt on several cores: each
# process writes a segment of its own (index.writer.rebuild), all of about one size, so
# no more than index.merging keeps in one tier, or the next commit would merge them all.
AUTO_JOBS_FROM = 1000


@click.command()
@data_dir_option
@jobs_option(help="Processes that write at once, each a segment of its own. Default: one per core (at most 3) "
                  f"for an archive of {AUTO_JOBS_FROM} records or more, else 1.", default=None)
def reindex(data_dir, jobs):
    """Rebuild the search index from the stored records.

    The new index is built beside the old one and replaces it in one step, so
    searches go on meanwhile and an interrupted rebuild leaves the old index in
    place. Needed after an upgrade that changes the index, or if it was deleted.

    \b
    Examples:
        thidua reindex
        thidua --data-dir archive reindex --jobs 2
    """
    from index import merging, writer  # imported late: Whoosh
    from index.consistency import rebuild

    db = store.connect(data_dir)
    total = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    jobs = jobs or (min(cores(), merging.FACTOR - 1) if total >= AUTO_JOBS_FROM else 1)
    with click.progressbar(length=total, label="Indexing", file=sys.stderr, show_pos=True) as bar:
        def progress(done):
            bar.update(done - bar.pos)
        count = rebuild(data_dir, db, procs=jobs, progress=progress)
    click.echo(f"{count} articles indexed in {writer.index_path(data_dir)}")

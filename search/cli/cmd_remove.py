"""`thidua remove`: take articles out of the archive, records and index alike."""
import click

from ingest import store
from search.cli.curating import selection, selection_options, show_selection


@click.command()
@selection_options
@click.option("--dry-run", is_flag=True, help="List what would be removed, and remove nothing.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before removing more than one article.")
@click.option("--note", help="Why: kept in the log beside each removal.")
def remove(ids, source, dry_run, yes, note, data_dir):
    """Remove articles from the records and the search index, for good.

    Name them by id (as search shows it, or enough of its start to be unique)
    or by --source, a pattern over the file path or address they were read
    from (* for any text; without one, any source containing the text). The
    versions and sources kept for them go too. A removed story that had near
    copies is then represented by its oldest copy. Each removal is written in
    the log (`thidua log`). To take an article out of view but keep it, use
    `thidua hide`.

    \b
    Examples:
        thidua remove 7cf86db2b7
        thidua remove --source "*/tin-the-thao/*" --dry-run
        thidua remove --source baomoi.com --yes --note "not about the defense industry"
    """
    from ingest import curation
    from search.cli.archiving import index_journal  # imported late: Whoosh

    db = store.connect(data_dir)
    chosen = selection(db, ids, source)
    show_selection(chosen, "Would remove" if dry_run else "Removing")
    if dry_run:
        return
    if len(chosen) > 1 and not yes:
        click.confirm(f"Remove these {len(chosen)} articles for good?", abort=True, err=True)
    removed = curation.remove(db, [row[0] for row in chosen], note)
    index_journal(data_dir, db)
    click.echo(f"Removed {removed} article(s).")

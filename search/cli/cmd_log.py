"""`thidua log`: what was removed, hidden or shown again, and when."""
import click

from ingest import store
from search.cli.options import data_dir_option, output_options
from search.cli.output import emit

COLUMNS = ["at", "action", "article_id", "title", "source", "detail"]


@click.command("log")
@click.option("--limit", type=click.IntRange(1), help="Only the newest entries.")
@output_options
@data_dir_option
def log(limit, fmt, data_dir):
    """The curation log, newest first: each removal, hiding and unhiding, with
    its time (UTC), the article and the note given.

    \b
    Examples:
        thidua log
        thidua log --limit 20 --format csv > curation.csv
    """
    from ingest.curation import log as read_log

    rows = read_log(store.connect_reading(data_dir), limit)
    if fmt == "table" and not rows:
        click.echo("Nothing was removed or hidden.")
        return
    emit(rows, COLUMNS, fmt)

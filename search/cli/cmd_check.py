"""`thidua check`: verify the data folder, and repair what can be repaired."""
import sys

import click

from ingest import store
from search.cli.options import data_dir_option


@click.command()
@click.option("--repair", is_flag=True, help="Fix what can be fixed (only what is wrong is rewritten).")
@data_dir_option
def check(repair, data_dir):
    """Check the data folder: the records database's integrity, entities and
    near-copy groups that lost their article, the search index against the
    records (missing, doubled, left over or out-of-date documents, articles
    stored but not yet indexed), index folders left by a stopped rebuild, and
    whether another thidua is writing now. One line per finding; the exit status
    is 1 while anything is wrong.

    --repair rewrites only the index documents that are wrong, never the whole
    index (unless it is missing or unreadable), and never changes a damaged
    records database.

    \b
    Examples:
        thidua check
        thidua check --repair
    """
    from index.consistency import check as run_check  # imported late: Whoosh

    db = store.connect(data_dir) if repair else store.connect_reading(data_dir)
    found = run_check(data_dir, db)
    if not found:
        click.echo(f"{store.data_dir(data_dir)}: all is well.")
        return
    left = 0
    for finding in found:
        if repair and finding.repair is not None and not any(f.what == "locks" for f in found):
            finding.repair()
            click.echo(f"repaired: {finding.message}")
        else:
            left += 1
            fixable = " (thidua check --repair fixes it)" if finding.repair is not None and not repair else ""
            click.echo(f"problem: {finding.message}{fixable}")
    if repair and not left:
        again = run_check(data_dir, db)
        for finding in again:
            click.echo(f"problem: still {finding.message}")
        left = len(again)
    if left:
        sys.exit(1)

"""`thidua hide` and `thidua unhide`: take articles out of view, and bring them back."""
import click

from ingest import store
from search.cli.curating import selection, selection_options, show_selection


def _set_hidden(ids, source, note, data_dir, hidden):
    from ingest import curation
    from search.cli.archiving import index_journal  # imported late: Whoosh

    db = store.connect(data_dir)
    chosen = selection(db, ids, source)
    changed = curation.set_hidden(db, [row[0] for row in chosen], hidden, note)
    index_journal(data_dir, db)
    show_selection(chosen, "Hiding" if hidden else "Showing again")
    verb = "hidden" if hidden else "shown again"
    click.echo(f"{len(changed)} article(s) {verb}, near copies included"
               + ("" if changed else " (they already were)") + ".")


@click.command()
@selection_options
@click.option("--note", help="Why: kept in the log (`thidua log`).")
def hide(ids, source, note, data_dir):
    """Hide off-topic articles: search, timeline and stats skip them.

    Nothing is deleted, and `thidua unhide` brings them back; --include-hidden
    shows them in search, timeline and stats meanwhile. A story is hidden with
    its near copies. Name articles by id (or a unique start of it) or by
    --source (a pattern over the file path or address they were read from).

    \b
    Examples:
        thidua hide 7cf86db2b7 --note "football, not defense industry"
        thidua hide --source "*bong-da*"
        thidua search "bóng đá" --include-hidden
    """
    _set_hidden(ids, source, note, data_dir, True)


@click.command()
@selection_options
@click.option("--note", help="Why: kept in the log (`thidua log`).")
def unhide(ids, source, note, data_dir):
    """Show hidden articles again in search, timeline and stats.

    \b
    Examples:
        thidua unhide 7cf86db2b7
        thidua unhide --source "*bong-da*"
    """
    _set_hidden(ids, source, note, data_dir, False)

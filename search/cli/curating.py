"""What remove, hide and unhide share: how articles are named, and how they are listed."""
import click

from search.cli.options import data_dir_option
from search.cli.output import emit


def selection_options(func):
    """ARTICLE_ID... and --source PATTERN, and the data folder."""
    func = data_dir_option(func)
    func = click.option("--source", metavar="PATTERN",
                        help="Articles read from a file or address matching this (* for any text).")(func)
    return click.argument("ids", nargs=-1, metavar="[ARTICLE_ID]...")(func)


def selection(db, ids, source):
    """[(id, title, source)] named by ids and --source; a ClickException for a mistake."""
    from ingest.curation import SelectionError, select

    if not ids and source is None:
        raise click.ClickException("say which articles: one or more ARTICLE_IDs, or --source PATTERN")
    try:
        chosen = select(db, ids, source)
    except SelectionError as exc:
        raise click.ClickException(str(exc)) from None
    if not chosen:
        raise click.ClickException(f"no article was read from a source matching {source!r}")
    return chosen


def show_selection(chosen, label):
    click.echo(f"{label} {len(chosen)} article(s):")
    emit([{"id": i[:10], "title": t, "source": s} for i, t, s in chosen], ["id", "title", "source"], "table")

"""What the curation commands share: how remove, hide and unhide name and list articles,
and how `units` and `people` record an edit of an authority."""
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


EDIT_COLUMNS = ["at", "subject", "action", "target", "value", "note"]


def list_edits(db, subject, fmt, nothing):
    """`units --curated` / `people --curated`: the archivist's edits of one authority
    ("unit" or "person"), oldest first; `nothing` is what a table says when there is none."""
    from ingest.authority import edits

    rows = [e for e in edits.listed(db) if e["subject"] == subject]
    if fmt == "table" and not rows:
        click.echo(nothing)
        return
    emit(rows, EDIT_COLUMNS, fmt)


note_option = click.option("--note", help="Why (kept with the edit).")


def edit_authority(data_dir, kind, action, target, value=None, note=None):
    """Record one edit of the units' or people's authority ("unit" or "person") and say
    what it did; an edit that cannot apply is a ClickException."""
    from ingest import store
    from ingest.authority.edits import EditError, record

    db = store.connect(data_dir)
    try:
        click.echo(record(db, kind, action, target, value, note))
    except EditError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        db.close()

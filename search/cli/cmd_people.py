"""`thidua people`: the authority of people, and the archivist's edits of it."""
import click

from ingest import store
from search.cli.curating import edit_authority, list_edits
from search.cli.options import data_dir_option, output_options
from search.cli.output import emit

COLUMNS = ["name", "articles", "ranks", "positions", "aliases", "check"]


@click.group(invoke_without_command=True)
@click.option("--curated", is_flag=True, help="List the edits made (merge, split), oldest first.")
@click.option("--check", "flagged", is_flag=True,
              help="Only the people whose articles cannot be one career (likely namesakes).")
@output_options
@data_dir_option
@click.pass_context
def people(ctx, curated, flagged, fmt, data_dir):
    """The people of the archive, one per person: name, how many articles name
    them, each rank reported (with its years), positions and other spellings.

    One name is one person, whatever rank or post each article gives; "check"
    flags a name whose articles cannot be one career: a lower rank reported after
    a higher one (namesakes, or a misread rank; "no unit shared" when their posts
    name no common unit), or one post (Giám đốc, Chính ủy…) in two unrelated units
    in a year. It says which articles to split off: nothing is split without you.
    Two people of one name are told apart with `split` (the
    articles given become the other's, under a label); two spellings of one
    person are joined with `merge`. Edits show at once in search and timeline, and are kept in the data
    folder (a reindex or re-ingest keeps them).

    \b
    Examples:
        thidua people
        thidua people --format csv > people.csv
        thidua people --check
        thidua people merge "Nguyễn Văn An" "Nguyễn Văn Anh"
        thidua people split "Nguyễn Văn An" 3f2a 9bc1 --label "Z131"
        thidua people --curated
    """
    if ctx.invoked_subcommand is not None:
        return
    from ingest.authority import listing

    db = store.connect_reading(data_dir)
    if curated:
        list_edits(db, "person", fmt, "No person was edited.")
        return
    rows = listing.people(db)
    if flagged:
        rows = [r for r in rows if r["check"]]
        if fmt == "table" and not rows:
            click.echo("No person is flagged.")
            return
    if fmt in ("table", "csv"):
        rows = [{**r, **{c: "; ".join(r[c]) for c in ("ranks", "positions", "aliases")}} for r in rows]
    emit(rows, COLUMNS, fmt)


@people.command()
@click.argument("person")
@click.argument("other")
@data_dir_option
def merge(person, other, data_dir):
    """Make OTHER one person with PERSON (another spelling of the same name).

    \b
    Example:
        thidua people merge "Nguyễn Văn An" "Nguyễn Văn Anh"
    """
    edit_authority(data_dir, "person", "merge", person, other)


@people.command()
@click.argument("person")
@click.argument("ids", nargs=-1, required=True, metavar="ARTICLE_ID...")
@click.option("--label", required=True, help="What tells this person from the namesake (a unit, a post).")
@data_dir_option
def split(person, ids, label, data_dir):
    """The articles ARTICLE_ID... naming PERSON are a namesake's, listed as "PERSON (LABEL)".

    \b
    Example:
        thidua people split "Nguyễn Văn An" 3f2a 9bc1 --label "Z131"
    """
    edit_authority(data_dir, "person", "split", person, " ".join(ids), label)

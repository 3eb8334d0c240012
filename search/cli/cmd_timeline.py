"""`thidua timeline`: the events of a unit, a person, a cluster or a query, in order."""
import json

import click

from search.cli.options import data_dir_option, filter_options, output_options
from search.cli.output import emit, source_label

COLUMNS = ["date", "type", "location", "title", "presided", "id", "source", "url", "copies"]
TABLE_COLUMNS = ["date", "type", "location", "title", "presided", "id", "source"]
RANK_COLUMNS = ["rank", "first", "last", "articles"]


@click.command()
@click.argument("query", nargs=-1)
@filter_options
@click.option("--cluster", help="An emulation cluster: articles naming it or any of its member units.")
@output_options
@data_dir_option
def timeline(query, unit, person, start, end, site, include_hidden, cluster, fmt, data_dir):
    """The events of a unit, a person, an emulation cluster or a QUERY, oldest first.

    Each line gives the event's date, type, location, the article's title, who
    presided (the highest-ranked officer named, else the first person named) and
    where the article came from. A story republished elsewhere is one line.
    For --person, the rank history follows: each rank the person was reported
    with, and the first and last dates it was reported.

    \b
    Examples:
        thidua timeline --unit Z175
        thidua timeline --person "Lê Văn Tuấn" --from 2020
        thidua timeline --cluster "Cụm thi đua Điện - Điện tử - Hóa chất" --format csv
        thidua timeline "phát động thi đua" --json
    """
    from index.finder import finder  # imported late: numpy and Whoosh
    from index.query import QueryError
    from search.timeline import timeline as build_timeline

    query = " ".join(query) or None
    try:
        found = build_timeline(finder(data_dir), query, unit=unit, person=person, cluster=cluster,
                               start=start, end=end, site=site, include_hidden=include_hidden)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if fmt != "table":
        emit(found["events"], COLUMNS, fmt)
        return
    if not found["events"]:
        click.echo("No event found.")
        return
    emit([{**e, "id": e["id"][:10], "source": source_label(e)} for e in found["events"]], TABLE_COLUMNS, "table")
    if found["ranks"]:
        click.echo(f"\nRank history of {person}:")
        emit(found["ranks"], RANK_COLUMNS, "table")

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
@click.option("--cluster", help="An emulation cluster: the articles about the cluster itself (named in the title "
                                "or as the organiser or subject of the event).")
@click.option("--members", is_flag=True, help="With --cluster: add the events of its member units, each row "
                                              "saying which member.")
@output_options
@data_dir_option
def timeline(query, unit, person, start, end, site, include_hidden, cluster, members, fmt, data_dir):
    """The events of a unit, a person, an emulation cluster or a QUERY, oldest first.

    Each line gives the event's date, type, location, the article's title, who
    presided (the highest-ranked officer named, else the first person named) and
    where the article came from. A story republished elsewhere is one line.
    For --person, the rank history follows: each rank the person was reported
    with, and the first and last dates it was reported.

    --unit, --cluster and --person are looked up in the archive's authorities
    (`thidua units`, `thidua people`): any spelling, code or alias of a unit,
    any dash or quotes; a person's whole name, with or without a rank in front.
    When a name fits several people, they are listed to choose from.

    \b
    Examples:
        thidua timeline --unit Z175
        thidua timeline --person "Lê Văn Tuấn" --from 2020
        thidua timeline --cluster "Cụm thi đua Điện - Điện tử - Hóa chất" --format csv
        thidua timeline --cluster "Cụm thi đua Cơ khí – Vũ khí" --members
        thidua timeline "phát động thi đua" --json
    """
    from index.finder import finder  # imported late: numpy and Whoosh
    from index.query import QueryError
    from search.timeline import timeline as build_timeline

    query = " ".join(query) or None
    if members and not cluster:
        raise click.ClickException("--members goes with --cluster")
    try:
        found = build_timeline(finder(data_dir), query, unit=unit, person=person, cluster=cluster,
                               start=start, end=end, site=site, include_hidden=include_hidden, members=members)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    for note in found["chosen"]:
        click.echo(f"note: {note}", err=True)
    columns, table_columns = (COLUMNS + ["member"], TABLE_COLUMNS[:5] + ["member"] + TABLE_COLUMNS[5:]) \
        if members else (COLUMNS, TABLE_COLUMNS)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if fmt != "table":
        emit(found["events"], columns, fmt)
        return
    if not found["events"]:
        click.echo("No event found.")
        return
    emit([{**e, "id": e["id"][:10], "source": source_label(e)} for e in found["events"]], table_columns, "table")
    if found["ranks"]:
        click.echo(f"\nRank history of {found['person'] or person}:")
        emit(found["ranks"], RANK_COLUMNS, "table")

"""`thidua timeline`: the events of a unit, a person, a cluster or a query, in order."""
import json

import click

from search.cli.options import data_dir_option, filter_options, output_options, page_options
from search.cli.output import emit, more_note, page, source_label

COLUMNS = ["date", "filed_by", "types", "location", "title", "presided", "id", "source", "url", "copies"]
TABLE_COLUMNS = ["date", "filed_by", "types", "location", "title", "presided", "id", "source"]
RANK_COLUMNS = ["rank", "first", "last", "articles"]
TABLE_PAGE = 50


@click.command()
@click.argument("query", nargs=-1)
@filter_options
@click.option("--cluster", help="An emulation cluster: the articles about the cluster itself (named in the title "
                                "or as the organiser or subject of the event).")
@click.option("--members", is_flag=True, help="With --cluster: add the events of its member units, each row "
                                              "saying which member.")
@page_options
@output_options
@data_dir_option
def timeline(query, unit, person, start, end, event_type, site, include_hidden, cluster, members, limit, offset, fmt,
             data_dir):
    """The events of a unit, a person, an emulation cluster or a QUERY, oldest first.

    Each line gives the date the article is filed under and what that date is
    (filed_by: "event", the event's date; "period", the end of the period the
    article reports on, for a report with no event date; "published", its
    publication date), the event types (an article may report several: a
    conference and a handover), location, the article's title, who presided (the
    highest-ranked officer named, else the first person named) and where the
    article came from. A story republished elsewhere is one line. --from/--to keep
    an article filed in the range or reporting on a period that overlaps it.
    For --person, the rank history follows: each rank the person was reported
    with, and the first and last dates it was reported. A table shows 50 events
    (--limit, --offset page through them); csv, json and jsonl hold them all
    unless --limit is given.

    --unit, --cluster and --person are looked up in the archive's authorities
    (`thidua units`, `thidua people`): any spelling, code or alias of a unit,
    any dash or quotes; a person's whole name, with or without a rank in front.
    When a name fits several people, they are listed to choose from.

    \b
    Examples:
        thidua timeline --unit Z175
        thidua timeline --unit Z121 --from 2021 --to 2021
        thidua timeline --person "Lê Văn Tuấn" --from 2020
        thidua timeline --cluster "Cụm thi đua Điện - Điện tử - Hóa chất" --format csv > cum.csv
        thidua timeline --cluster "Cụm thi đua Cơ khí – Vũ khí" --members
        thidua timeline "phát động thi đua" --type campaign_launch --json
    """
    from index.finder import finder  # imported late: numpy and Whoosh
    from index.query import QueryError
    from search.timeline import timeline as build_timeline

    query = " ".join(query) or None
    if members and not cluster:
        raise click.ClickException("--members goes with --cluster")
    try:
        found = build_timeline(finder(data_dir), query, unit=unit, person=person, cluster=cluster,
                               start=start, end=end, site=site, include_hidden=include_hidden, type=event_type,
                               members=members)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    for note in found["chosen"]:
        click.echo(f"note: {note}", err=True)
    columns, table_columns = (COLUMNS + ["member"], TABLE_COLUMNS[:6] + ["member"] + TABLE_COLUMNS[6:]) \
        if members else (COLUMNS, TABLE_COLUMNS)
    events, more = page(found["events"], fmt, limit, offset, TABLE_PAGE)
    if fmt == "json":
        click.echo(json.dumps({**found, "total": len(found["events"]), "events": events}, ensure_ascii=False,
                              indent=2))
        return
    if fmt != "table":
        emit(events, columns, fmt)
        return
    if not found["events"]:
        click.echo("No event found.")
        return
    emit([{**e, "id": e["id"][:10], "source": source_label(e)} for e in events], table_columns, "table")
    note = more_note(len(events), more, offset, "events")
    if note:
        click.echo(note)
    if found["ranks"]:
        click.echo(f"\nRank history of {found['person'] or person}:")
        emit(found["ranks"], RANK_COLUMNS, "table")

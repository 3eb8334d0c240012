"""`thidua stats`: the figures reported across articles, listed or grouped."""
import click

from ingest import store
from search.cli.options import data_dir_option, hidden_option, output_options, site_option
from search.cli.output import emit, source_label


@click.command()
@click.option("--metric", help="Only figures whose metric contains this (e.g. \"doanh thu\").")
@click.option("--unit", help="Only figures of this unit (any name, code or alias, e.g. Z175; else an "
                             "organisation whose name contains this).")
@click.option("--from", "start", metavar="DATE", help="Periods ending on or after this date (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--to", "end", metavar="DATE", help="Periods starting on or before this date.")
@click.option("--by", type=click.Choice(["year", "unit", "metric"]),
              help="Group: count and sum per group, metric and measuring unit.")
@site_option
@hidden_option
@output_options
@data_dir_option
def stats(metric, unit, start, end, by, site, include_hidden, fmt, data_dir):
    """The figures reported in the articles: metric, value, unit, qualifier,
    organisation, period and article.

    A figure with no period of its own takes its article's (a reported span such
    as "6 tháng đầu năm 2023", else the year of the event); one with no
    organisation takes the article's first unit. Sums only add figures of the
    same metric and measuring unit. A story republished elsewhere (near copies)
    counts once; hidden articles do not count.

    \b
    Examples:
        thidua stats
        thidua stats --metric "giá trị sản xuất" --by year
        thidua stats --unit Z175 --from 2022 --to 2023 --format csv > z175.csv
        thidua stats --by metric --json
        thidua stats --site qdnd.vn --metric "doanh thu"
    """
    from index.query import QueryError  # imported late: Whoosh
    from search.stats import columns, figures

    try:
        notes = []
        rows = figures(store.connect_reading(data_dir), metric=metric, unit=unit, start=start, end=end, by=by,
                       site=site, include_hidden=include_hidden, notes=notes)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    for note in notes:
        click.echo(f"note: {note}", err=True)
    if fmt == "table" and not rows:
        click.echo("No figure found.")
        return
    if fmt == "table" and not by:
        rows = [{**r, "article": r["article"][:10], "source": source_label(r)} for r in rows]
        emit(rows, [c for c in columns(by) if c != "url"], fmt)
        return
    emit(rows, columns(by), fmt)

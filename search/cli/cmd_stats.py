"""`thidua stats`: the figures reported across articles, listed or grouped."""
import click

from ingest import store
from ingest.language import wordlists
from search.cli.options import data_dir_option, filter_options, output_options, page_options
from search.cli.output import emit, more_note, page, table

TABLE_PAGE = 50
KINDS = [code for field, code, *_ in wordlists.rows("figure_labels.tsv") if field == "kind"]
# The table leaves out what only a tool needs; the period is one cell there.
TABLE_FIGURE_COLUMNS = ["figure", "metric", "value", "unit", "qualifier", "kind", "organisation", "period",
                        "quote"]
TABLE_GROUP_COLUMNS = ["group", "metric", "unit", "kind", "period", "count", "sum", "min", "max", "latest"]
DETAIL_COLUMNS = ["group", "figure", "value", "qualifier", "organisation", "article_date", "quote"]
# Never cut short in a narrow terminal: a period, a value or a kind read in part is misread.
KEEP = ("figure", "value", "unit", "kind", "period", "count", "sum", "min", "max", "latest")
ARTICLE_MARK = "(*)"
ARTICLE_NOTE = ("(*) the figure's sentence names no organisation: it is credited to the unit the article is about "
                "(named first in its title, else first in its text), a reading, not what the sentence says "
                "(organisation_from in csv and json; with --by, from_article counts such figures).")


@click.command()
@click.option("--metric", help="Only figures whose metric contains this (e.g. \"doanh thu\").")
@filter_options(unit_help="Only figures of this unit (any name, code or alias, e.g. Z175; else an organisation "
                          "whose name contains this): not those of a cluster or agency the unit belongs to.")
@click.option("--kind", type=click.Choice(KINDS),
              help="Only figures of this kind (result: what was achieved).")
@click.option("--by", type=click.Choice(["year", "unit", "metric", "period"]),
              help="Group the figures: one row per group of one metric, measuring unit, kind and period.")
@click.option("--detail", is_flag=True, help="With --by: list the figures of each group as well.")
@page_options
@output_options
@data_dir_option
def stats(metric, unit, person, start, end, event_type, site, include_hidden, kind, by, detail, limit, offset, fmt,
          data_dir):
    """The figures reported in the articles: metric, value, unit, qualifier, kind,
    organisation, period, the phrase quoted and the article.

    Each figure is of a kind: a result (what was achieved), a plan or target, a
    forecast, a threshold (a condition in a rule), a growth rate, a completion rate
    or a share. A figure with no period of its own takes its article's (the period
    it reports on, such as "6 tháng đầu năm 2023", else the year it is filed
    under; for a plan or forecast, the whole year of that period: "dự kiến cả năm"
    in a nine-month report is for the year). A figure whose sentence names no organisation is credited to the unit
    the article is about (named first in its title, else first in its text): the
    table marks that organisation (*), csv and json say organisation_from
    "article" (else "sentence"), and a group counts such figures (from_article);
    a sum never adds them. --unit keeps
    the figures of that unit (looked up in `thidua units`: any name, code or alias;
    merged units count as one), else of organisations whose name contains it; --person and --type, those
    of articles naming the person or reporting that kind of event; --from/--to,
    those whose period overlaps the range.

    --by groups figures of the same metric, measuring unit, kind and period (per
    year, organisation, metric or period): count, min, max and the latest value
    (of the article filed last). A sum is given only for results counted in a unit
    (not %, not per person or month) of one period, each from a different
    organisation its sentence names: never across periods, never for rates,
    plans, forecasts or thresholds. Each group lists its figures (ARTICLE_ID:N, the N-th figure that
    `thidua show ARTICLE_ID` lists); --detail prints them under the groups.

    A story republished elsewhere (near copies) counts once; hidden articles do
    not count. Kinds, qualifiers and organisation_from read as Vietnamese words in the table and CSV,
    as codes in JSON. CSV is UTF-8 with a byte order mark, so that Excel and
    LibreOffice show its letters right on a double click. A table shows 50 rows
    (--limit, --offset page through them); csv, json and jsonl hold them all.

    \b
    Examples:
        thidua stats --unit Z175
        thidua stats --metric "giá trị sản xuất" --by year
        thidua stats --metric "doanh thu" --by unit --kind result --detail
        thidua stats --unit Z175 --from 2022 --to 2023 --format csv > z175.csv
        thidua stats --by period --json
        thidua stats --site qdnd.vn --metric "doanh thu"
    """
    from index.query import QueryError  # imported late: Whoosh
    from search.stats import columns, figures, groups, in_words

    if detail and not by:
        raise click.ClickException("--detail lists the figures of each group: give --by too")
    notes = []
    try:
        listed = figures(store.connect_reading(data_dir), metric=metric, unit=unit, start=start, end=end,
                         site=site, include_hidden=include_hidden, person=person, type=event_type, kind=kind,
                         notes=notes)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    for note in notes:
        click.echo(f"note: {note}", err=True)
    rows = groups(listed, by) if by else listed
    shown, more = page(rows, fmt, limit, offset, TABLE_PAGE)
    by_id = {f["figure"]: f for f in listed}
    details = [{"group": g["group"], **by_id[i]} for g in shown for i in g["figures"]] if detail else []
    if fmt in ("json", "jsonl"):
        if detail:  # each group with its figures in full
            shown = [{**g, "figures": [by_id[i] for i in g["figures"]]} for g in shown]
        emit(shown, None, fmt)
    elif fmt == "csv":
        if detail:  # one line per figure, with the number of its group
            emit(in_words(details), ["group"] + columns(), "csv")
        else:
            emit(in_words(shown), columns(by), "csv")
    elif not rows:
        click.echo("No figure found.")
    else:
        _print_table(in_words(_marked(shown)), by, in_words(_marked(details)))
        note = more_note(len(shown), more, offset, "groups" if by else "figures")
        if note:
            click.echo(note)


def _print_table(rows, by, details):
    from search.stats import GROUP_NAMES

    rows = [{**r, "period": _period(r)} for r in rows]
    if by:
        lead = [GROUP_NAMES[by]] if GROUP_NAMES[by] else []
        click.echo(table(rows, TABLE_GROUP_COLUMNS[:1] + lead + TABLE_GROUP_COLUMNS[1:], keep=KEEP), nl=False)
    else:
        click.echo(table([{**r, "figure": _short(r["figure"])} for r in rows], TABLE_FIGURE_COLUMNS,
                         wide=("quote",), keep=KEEP), nl=False)
    if details:
        click.echo("\nThe figures of each group:")
        click.echo(table([{**r, "figure": _short(r["figure"])} for r in details], DETAIL_COLUMNS,
                         wide=("quote",), keep=KEEP), nl=False)
    if any(ARTICLE_MARK in (r.get("organisation") or "") for r in rows + details):
        click.echo(f"\n{ARTICLE_NOTE}")


def _marked(rows):
    """Rows whose organisation was read from the article, not from the figure's sentence,
    with ARTICLE_MARK in front (where a long name cut short keeps it): a figure's own
    (organisation_from "article"), or a group's that holds such figures (from_article)."""
    return [{**r, "organisation": f"{ARTICLE_MARK} {r['organisation']}"}
            if r.get("organisation") and (r.get("organisation_from") == "article" or r.get("from_article"))
            else r for r in rows]


def _short(figure):
    """ARTICLE_ID:N with the id cut to 10 characters, as search and timeline show ids
    (`thidua show` takes the start of an id)."""
    article, _, n = figure.rpartition(":")
    return f"{article[:10]}:{n}"


def _period(row):
    if not row.get("period_start"):
        return ""
    return row["period_start"] if row["period_start"] == row["period_end"] else \
        f"{row['period_start']}..{row['period_end']}"

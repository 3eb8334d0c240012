"""`thidua search`: full-text search with filters, facets and suggestions."""
import json

import click

from search.cli.options import data_dir_option, filter_options, output_options
from search.cli.output import emit

COLUMNS = ["id", "date", "type", "title", "units", "snippet", "source", "url", "copies"]
TABLE_COLUMNS = ["id", "date", "type", "title", "units", "snippet", "source"]
FACET_LABELS = {"year": "By year", "type": "By event type", "unit": "By unit"}


@click.command()
@click.argument("query", nargs=-1)
@filter_options
@click.option("--rank", help="Only articles naming an officer of this rank (e.g. \"Trung tướng\").")
@click.option("--type", "event_type", type=click.Choice(["conference", "campaign_launch", "handover", "award",
                                                          "report", "other"]), help="Only this kind of event.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
              help="Best matches first, or newest first.")
@click.option("--limit", type=click.IntRange(1, 10000), default=20, show_default=True, help="Results to show.")
@click.option("--all-copies", is_flag=True, help="List each near copy of a story, not the story once.")
@output_options
@data_dir_option
def search(query, unit, person, start, end, site, include_hidden, rank, event_type, sort, limit, all_copies, fmt,
           data_dir):
    """Find articles; diacritics and case are optional ("hoi nghi" finds "Hội nghị").

    QUERY uses Whoosh syntax: words (all must match), "quoted phrases", AND, OR,
    NOT, parentheses and field:value (title, body, location, units, people, unit,
    person, rank, type, year, id). Words typed with the right diacritics rank
    above the same letters without them. Without QUERY, every article that passes
    the filters is listed, newest first. Counts by year, event type and unit are
    printed under the results. A story republished with small edits (on another
    site, say) is listed once, with its number of copies ("+2 copies").

    \b
    Examples:
        thidua search "hội nghị tổng kết"
        thidua search hoi nghi tong ket --from 2023 --to 2023-12-31
        thidua search '"thi đua quyết thắng" NOT title:sơ' --unit Z175
        thidua search "khen thưởng" --person "Lê Văn Tuấn" --sort date --json
        thidua search --type award --rank "Đại tá" --format csv > awards.csv
        thidua search "hội nghị" --site qdnd.vn --all-copies
    """
    from index.finder import finder, search as run_search  # imported late: numpy and Whoosh
    from index.query import QueryError

    query = " ".join(query) or None
    try:
        found = run_search(finder(data_dir), query, unit=unit, person=person, rank=rank, type=event_type,
                           start=start, end=end, site=site, include_hidden=include_hidden,
                           all_copies=all_copies, sort=sort, limit=limit)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    rows = flat_rows(found["results"])
    if fmt == "json":
        click.echo(json.dumps({"query": query, **found, "results": rows}, ensure_ascii=False, indent=2))
        return
    if fmt != "table":
        emit(rows, COLUMNS + ["score"], fmt)
        return
    if not rows:
        click.echo("No article matches.")
        if found["suggestion"]:
            click.echo(f"Did you mean: {found['suggestion']}")
        return
    emit([{**r, "id": r["id"][:10], "title": _with_copies(r), "source": r["url"] or r["source"]} for r in rows], TABLE_COLUMNS, "table")
    click.echo(f"\n{found['total']} article(s) match; {len(rows)} shown.")
    for name, counts in found["facets"].items():
        if counts:
            click.echo(f"{FACET_LABELS[name]}: " + ", ".join(f"{value} ({n})" for value, n in counts.items()))


def flat_rows(results):
    """Results as listed and exported (here and by `thidua serve`): people as "Rank Name"."""
    return [{**r, "people": [" ".join(filter(None, [p.get("rank"), p.get("name")])) for p in r["people"]]}
            for r in results]


def _with_copies(row):
    n = row["copies"]
    return f"{row['title']} (+{n} {'copy' if n == 1 else 'copies'})" if n else row["title"]

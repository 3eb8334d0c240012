"""`thidua search`: full-text search with filters, facets and suggestions."""
import json

import click

from search.cli.options import data_dir_option, filter_options, output_options, page_options
from search.cli.output import TABLE_PAGE, emit, more_note, source_label

COLUMNS = ["id", "date", "filed_by", "types", "title", "units", "snippet", "source", "url", "copies"]
TABLE_COLUMNS = ["id", "date", "types", "title", "copies", "units", "snippet", "source"]
FACET_LABELS = {"year": "By year", "type": "By event type", "unit": "By unit"}


@click.command()
@click.argument("query", nargs=-1)
@filter_options
@click.option("--rank", help="Only articles naming an officer of this rank (e.g. \"Trung tướng\").")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
              help="Best matches first, or newest first.")
@page_options
@click.option("--all-copies", is_flag=True, help="List each near copy of a story, not the story once.")
@click.option("--wildcards", is_flag=True,
              help="Read ? (one letter) and * (any letters) inside or after a word as wildcards (\"hu?n\", "
                   "\"thi*\"); without it they are left out, so \"tại sao?\" is the words tại sao.")
@output_options
@data_dir_option
def search(query, unit, person, start, end, event_type, site, include_hidden, rank, sort, limit, offset, all_copies,
           wildcards, fmt, data_dir):
    """Find articles; diacritics and case are optional ("hoi nghi" finds "Hội nghị").

    QUERY: words (all must match, in the title or the text), "quoted phrases" (the
    words one after the other), AND, OR, NOT (in capitals), parentheses and
    field:value (title, body, location, units, people, unit, person, rank, type,
    year, id), where diacritics are optional too. Words are matched as written in
    the article: 30kg, 8h30 are one word each; 6/45, km/h, 3.000 match only with
    their / . , or - in place. Articles holding the words with the diacritics you
    typed come first, then those where your words stand side by side, then those
    with them in the title. When the query was changed before searching (a "?"
    left out, say), "searched for:" shows how; in the table, the words that matched
    are marked « », in JSON they are offsets ("marks") into the snippet.

    Without QUERY, every article that passes
    the filters is listed, newest first. An article's date is the one it is filed
    under: its event's, else the end of the period it reports on, else its
    publication's (filed_by says which). Counts by year, event type and unit are
    printed under the results. A table shows 20 results (--limit, --offset page
    through them); --format csv, json and jsonl hold every match unless --limit
    is given. A story republished with small edits (on another
    site, say) is listed once, with its number of near copies ("+2" under
    copies); --all-copies lists each.

    \b
    Examples:
        thidua search "hội nghị tổng kết"
        thidua search hoi nghi tong ket --from 2023 --to 2023-12-31
        thidua search '"thi đua quyết thắng" NOT title:sơ' --unit Z175
        thidua search "khen thưởng" --person "Lê Văn Tuấn" --sort date --json
        thidua search --type award --rank "Đại tá" --format csv > awards.csv
        thidua search "khen thưởng" --offset 20
        thidua search "hội nghị" --site qdnd.vn --all-copies
        thidua search "huân chương" 6/45 --json
        thidua search "thi*" --wildcards
    """
    from index.finder import finder, search as run_search  # imported late: numpy and Whoosh
    from index.query import QueryError
    from index.snippet import render

    query = " ".join(query) or None
    if limit is None and fmt == "table":
        limit = TABLE_PAGE
    try:
        f = finder(data_dir)
        found = run_search(f, query, unit=unit, person=person, rank=rank, type=event_type,
                           start=start, end=end, site=site, include_hidden=include_hidden, all_copies=all_copies,
                           sort=sort, limit=offset + (limit or f.reader.doc_count_all()), offset=offset,
                           wildcards=wildcards)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    for note in found.get("chosen") or []:
        click.echo(f"note: {note}", err=True)
    rows = flat_rows(found["results"])
    if fmt == "json":
        click.echo(json.dumps({"query": query, **found, "results": rows}, ensure_ascii=False, indent=2))
        return
    if fmt != "table":
        emit(rows, COLUMNS + ["score"], fmt)
        return
    if found.get("searched_for"):
        click.echo(f"searched for: {found['searched_for']}")
    if not rows:
        click.echo("No article matches.")
        if found["suggestion"]:
            click.echo(f"Did you mean: {found['suggestion']}")
        return
    shown = [c for c in TABLE_COLUMNS if c != "copies" or any(r["copies"] for r in rows)]
    emit([{**r, "id": r["id"][:10], "copies": f"+{r['copies']}" if r["copies"] else "", "source": source_label(r),
           "snippet": render(r["snippet"] or "", r["marks"])} for r in rows], shown, "table")
    click.echo(f"\n{found['total']} article(s) match; {len(rows)} shown"
               + (f", from number {offset + 1}." if offset else "."))
    note = more_note(len(rows), found["total"] - offset - len(rows), offset, "articles")
    if note:
        click.echo(note)
    for name, counts in found["facets"].items():
        if counts:
            click.echo(f"{FACET_LABELS[name]}: " + ", ".join(f"{value} ({n})" for value, n in counts.items()))


def flat_rows(results):
    """Results as listed and exported (here and by `thidua serve`): people as "Rank Name"."""
    return [{**r, "people": [" ".join(filter(None, [p.get("rank"), p.get("name")])) for p in r["people"]]}
            for r in results]


"""`thidua show`: one article with everything extracted from it, where it came from,
and what it said before."""
import json

import click

from ingest import store
from ingest.extract import filing
from search.cli.options import data_dir_option, format_options


def _find(db, prefix):
    rows = db.execute("SELECT record FROM articles WHERE id LIKE ? LIMIT 3", (prefix.strip() + "%",)).fetchall()
    if not rows:
        raise click.ClickException(f"no article with id {prefix!r}")
    if len(rows) > 1:
        raise click.ClickException(f"{prefix!r} starts several article ids; give more of it")
    return json.loads(rows[0]["record"])


INFERRED = " (inferred)"


def _reference(rec):
    """Where the years of days written without one came from, when the page shows no
    publication date: an archivist citing such a date must know it is a reading."""
    ref = rec.get("date_reference") or {}
    if not ref.get("date"):
        return []
    how = {"image paths": "the upload day in the paths of the article's images",
           "capture": "the day the page was captured"}.get(ref.get("source"), ref.get("source") or "a reference date")
    return [f"dated by:   {ref['date']}, {how}; dates marked (inferred) took their year from it"]


FILED_BY = {"event": "the event's date", "period": "the end of the period it reports on",
            "published": "its publication date"}


def figure_words():
    from search.stats import labels  # imported late: Whoosh

    return labels()


def _figure_line(n, figure, words):
    """N. text: value unit — metric (qualifier; kind) — organisation, period (when its
    sentence names them), in the words of ingest/data/figure_labels.tsv."""
    kind = figure.get("kind") or "result"
    said = [words["qualifier"].get(figure["qualifier"], figure["qualifier"])] if figure.get("qualifier") else []
    said.append(words["kind"].get(kind, kind))
    return (f"{n}. {figure.get('text')}: {figure.get('value'):g} {figure.get('unit') or ''}".rstrip()
            + (f" — {figure['metric']}" if figure.get("metric") else "") + f" ({'; '.join(said)})"
            + (f" — {figure['organisation']}" if figure.get("organisation") else "")
            + (f", {_span(figure['period'])}" if (figure.get("period") or {}).get("start") else ""))


def _span(period):
    start, end = period["start"], period.get("end") or period["start"]
    return start if start == end else f"{start}..{end}"


def readable(rec, past):
    """The record as text a person reads top to bottom. A date whose year was not
    written but read from the page's reference date is marked (inferred)."""
    event = rec.get("event") or {}
    day = filing.event_day(rec)  # never a history date, whatever the extractor said
    event_date = day and day + (INFERRED if event.get("date_inferred") else "")
    filed_on, filed_by = filing.filing(rec)
    words = figure_words()
    lines = [f"{rec.get('title') or '(no title)'}", "",
             f"id:         {rec['id']}", f"source:     {rec.get('source')}",
             f"url:        {rec.get('url') or '-'}",
             f"published:  {rec.get('published') or '-'}", f"author:     {rec.get('author') or '-'}",
             f"event:      {', '.join(str(v) for v in (' + '.join(filing.event_types(rec)), event_date, event.get('location')) if v)}",
             f"filed on:   {filed_on or '-'}" + (f" ({FILED_BY[filed_by]})" if filed_by else "")]
    lines += _reference(rec)
    if past["hidden"]:
        lines.append("hidden:     yes (thidua unhide brings it back)")
    if past["copy_of"]:
        lines.append(f"copy of:    {past['copy_of']} (a near copy: search, timeline and stats count that one)")
    sections = [
        ("Sources", [f"{s['url'] or s['source']} (first seen {s['first_seen']}, last {s['last_seen']})"
                     for s in past["sources"]]),
        ("Versions", [f"{n}. {v['first_seen']} .. {v['last_seen']}: {v['title'] or '(no title)'}"
                      + (" (this one)" if n == len(past["versions"]) else "")
                      for n, v in enumerate(past["versions"], 1)]),
        ("Near copies", list(past["copies"])),
        ("Units", [f"{u.get('name')}" + (f" ({u['code']})" if u.get("code") else "")
                   + (f" — members: {', '.join(u['members'])}" if u.get("members") else "")
                   for u in rec.get("units", [])]),
        ("People", [" ".join(filter(None, [p.get("rank"), p.get("name")]))
                    + (f" — {', '.join(p['positions'])}" if p.get("positions") else "") for p in rec.get("people", [])]),
        ("Dates", [f"{d.get('text')}: {d.get('start')}" + (f"..{d['end']}" if d.get("end") != d.get("start") else "")
                   + (INFERRED if d.get("inferred") else "")
                   + (" (history)" if d.get("role") == "history" else "") for d in rec.get("dates", [])]),
        ("Figures (N of ARTICLE_ID:N in stats)",
         [_figure_line(n, f, words) for n, f in enumerate(rec.get("figures", []), 1)]),
    ]
    for name, items in sections:
        if name == "Near copies" and not items:
            continue
        lines += ["", f"{name}:"] + ([f"  - {item}" for item in items] or ["  (none)"])
    return "\n".join(lines + ["", rec.get("text") or ""]) + "\n"


@click.command()
@click.argument("article_id")
@click.option("--version", "version", type=click.IntRange(1), metavar="N",
              help="Print the text of version N (1 is the oldest, as listed under Versions).")
@format_options(("text", "json"), "text", "json")
@data_dir_option
def show(article_id, version, fmt, data_dir):
    """Show one article: its fields, where it was read from (every source), the
    versions of its text, its near copies, the extracted entities and the text.

    ARTICLE_ID is the id shown by search and timeline, or enough of its start
    to be unique. --format json (or --json) prints the stored record, its sources
    and versions as JSON. "filed on" is the date search and timeline file the
    article under: its event's, else the end of the period it reports on, else its
    publication's. Figures are numbered as `thidua stats` names them (ARTICLE_ID:N).

    \b
    Examples:
        thidua show 7cf86db2b7
        thidua show 7cf86db2b7 --version 1
        thidua show 7cf86db2b75c6d1b --json
        thidua show 7cf86db2b7 --format json
    """
    db = store.connect_reading(data_dir)
    rec = _find(db, article_id)
    past = store.history(db, rec["id"])
    if version is not None:
        if version > len(past["versions"]):
            raise click.ClickException(f"article {rec['id'][:10]} has {len(past['versions'])} version(s)")
        old = past["versions"][version - 1]
        click.echo(f"{old['title'] or '(no title)'}\n\n(version {version} of {len(past['versions'])}, "
                   f"seen {old['first_seen']} .. {old['last_seen']})\n\n{old['text']}")
        return
    if fmt == "json":
        click.echo(json.dumps({**rec, **past}, ensure_ascii=False, indent=2))
        return
    click.echo(readable(rec, past), nl=False)

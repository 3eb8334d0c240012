"""`thidua show`: one article with everything extracted from it, where it came from,
and what it said before."""
import json

import click

from ingest import store
from search.cli.options import data_dir_option


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


def readable(rec, past):
    """The record as text a person reads top to bottom. A date whose year was not
    written but read from the page's reference date is marked (inferred)."""
    event = rec.get("event") or {}
    event_date = event.get("date") and event["date"] + (INFERRED if event.get("date_inferred") else "")
    lines = [f"{rec.get('title') or '(no title)'}", "",
             f"id:         {rec['id']}", f"source:     {rec.get('source')}",
             f"url:        {rec.get('url') or '-'}",
             f"published:  {rec.get('published') or '-'}", f"author:     {rec.get('author') or '-'}",
             f"event:      {', '.join(str(v) for v in (event.get('type'), event_date, event.get('location')) if v)}"]
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
                   + (INFERRED if d.get("inferred") else "") for d in rec.get("dates", [])]),
        ("Figures", [f"{f.get('text')}: {f.get('value'):g} {f.get('unit') or ''}".rstrip()
                     + (f" — {f['metric']}" if f.get("metric") else "")
                     + (f" ({f['qualifier']})" if f.get("qualifier") else "") for f in rec.get("figures", [])]),
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
@click.option("--json", "as_json", is_flag=True, help="Print the stored record, sources and versions as JSON.")
@data_dir_option
def show(article_id, version, as_json, data_dir):
    """Show one article: its fields, where it was read from (every source), the
    versions of its text, its near copies, the extracted entities and the text.

    ARTICLE_ID is the id shown by search and timeline, or enough of its start
    to be unique.

    \b
    Examples:
        thidua show 7cf86db2b7
        thidua show 7cf86db2b7 --version 1
        thidua show 7cf86db2b75c6d1b --json
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
    if as_json:
        click.echo(json.dumps({**rec, **past}, ensure_ascii=False, indent=2))
        return
    click.echo(readable(rec, past), nl=False)

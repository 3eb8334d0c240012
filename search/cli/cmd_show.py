"""`thidua show`: one article with everything extracted from it."""
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


def readable(rec):
    """The record as text a person reads top to bottom."""
    event = rec.get("event") or {}
    lines = [f"{rec.get('title') or '(no title)'}", "",
             f"id:         {rec['id']}", f"source:     {rec.get('source')}",
             f"published:  {rec.get('published') or '-'}", f"author:     {rec.get('author') or '-'}",
             f"event:      {', '.join(str(v) for v in (event.get('type'), event.get('date'), event.get('location')) if v)}"]
    sections = [
        ("Units", [f"{u.get('name')}" + (f" ({u['code']})" if u.get("code") else "")
                   + (f" — members: {', '.join(u['members'])}" if u.get("members") else "")
                   for u in rec.get("units", [])]),
        ("People", [" ".join(filter(None, [p.get("rank"), p.get("name")]))
                    + (f" — {', '.join(p['positions'])}" if p.get("positions") else "") for p in rec.get("people", [])]),
        ("Dates", [f"{d.get('text')}: {d.get('start')}" + (f"..{d['end']}" if d.get("end") != d.get("start") else "")
                   for d in rec.get("dates", [])]),
        ("Figures", [f"{f.get('text')}: {f.get('value'):g} {f.get('unit') or ''}".rstrip()
                     + (f" — {f['metric']}" if f.get("metric") else "")
                     + (f" ({f['qualifier']})" if f.get("qualifier") else "") for f in rec.get("figures", [])]),
    ]
    for name, items in sections:
        lines += ["", f"{name}:"] + ([f"  - {item}" for item in items] or ["  (none)"])
    return "\n".join(lines + ["", rec.get("text") or ""]) + "\n"


@click.command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="Print the stored record as JSON.")
@data_dir_option
def show(article_id, as_json, data_dir):
    """Show one article: its fields, extracted entities and text.

    ARTICLE_ID is the id shown by search and timeline, or enough of its start
    to be unique.

    \b
    Examples:
        thidua show 7cf86db2b7
        thidua show 7cf86db2b75c6d1b --json
    """
    rec = _find(store.connect_reading(data_dir), article_id)
    click.echo(json.dumps(rec, ensure_ascii=False, indent=2) if as_json else readable(rec), nl=False)

"""The authorities as the archivist lists them (`thidua units`, `thidua people`)."""
import json

from ingest.authority import namesakes
from ingest.authority.keys import term


def units(db, everything=False):
    """One row per unit entry: name, code, kind, parent, articles (how many name it),
    aliases (its other names), dropped; by articles, most first. Units that no
    article names (any longer) are left out unless everything=True."""
    entries = {r["id"]: dict(r) for r in db.execute("SELECT * FROM unit_entries")}
    of_term, aliases = {}, {e: [] for e in entries}
    for r in db.execute("SELECT term, form, entry, origin FROM unit_names ORDER BY rowid"):
        of_term[r["term"]] = r["entry"]
        if r["origin"] not in ("weak", "code") and r["entry"] in aliases \
                and r["form"] not in (entries[r["entry"]]["name"], entries[r["entry"]]["code"]) \
                and r["form"] not in aliases[r["entry"]]:
            aliases[r["entry"]].append(r["form"])
    articles = {e: set() for e in entries}
    for r in db.execute("SELECT article_id, name, code FROM units"):
        entry = of_term.get(term(r["name"])) or (of_term.get(term(r["code"])) if r["code"] else None)
        if entry in articles:
            articles[entry].add(r["article_id"])
    parents = {e["code"] or e["name"]: e["name"] for e in entries.values()}
    rows = [{"name": e["name"], "code": e["code"], "kind": e["kind"], "parent": parents.get(e["parent"], e["parent"]),
             "articles": len(articles[i]), "aliases": aliases[i], "dropped": bool(e["dropped"])}
            for i, e in entries.items() if everything or articles[i]]
    return sorted(rows, key=lambda r: (-r["articles"], r["name"]))


def people(db):
    """One row per person: label, articles, ranks (in the order first reported, with
    the years), positions, aliases (other spellings merged in), and a check when the
    articles cannot be one career: a lower rank reported after a higher one, or one
    post held in two organisations in a year (ingest.authority.namesakes says why,
    and which articles to split off); most articles first."""
    entries = {r["id"]: dict(r) for r in db.execute("SELECT * FROM person_entries")}
    of_term, aliases = {}, {e: [] for e in entries}
    for r in db.execute("SELECT term, form, entry FROM person_names ORDER BY rowid"):
        of_term[r["term"]] = r["entry"]
        if r["entry"] in aliases and r["form"] != entries[r["entry"]]["name"]:
            aliases[r["entry"]].append(r["form"])
    moved = {(r[0], r[1]): r[2] for r in db.execute("SELECT article_id, term, entry FROM person_articles")}
    found = {e: {"articles": set(), "ranks": {}, "positions": [], "mentions": []} for e in entries}
    for r in db.execute("SELECT p.article_id, p.name, p.rank, p.positions, COALESCE(a.event_date, a.published) AS day "
                        "FROM people p JOIN articles a ON a.id = p.article_id "
                        "ORDER BY COALESCE(a.event_date, a.published) IS NULL, COALESCE(a.event_date, a.published)"):
        key = term(r["name"])
        entry = moved.get((r["article_id"], key), of_term.get(key))
        if entry not in found:
            continue
        seen, year, positions = found[entry], (r["day"] or "")[:4] or None, _positions(r["positions"])
        seen["articles"].add(r["article_id"])
        seen["mentions"].append((r["article_id"], r["day"], r["rank"], positions))
        if r["rank"]:
            years = seen["ranks"].setdefault(r["rank"], [year, year])
            years[0], years[1] = years[0] or year, year or years[1]
        for position in positions:
            if position not in seen["positions"]:
                seen["positions"].append(position)
    rows = [{"name": e["label"], "articles": len(found[i]["articles"]),
             "ranks": [f"{rank} ({_span(*years)})" for rank, years in found[i]["ranks"].items()],
             "positions": found[i]["positions"], "aliases": aliases[i],
             "check": namesakes.check(db, found[i]["mentions"])}
            for i, e in entries.items() if found[i]["articles"]]
    return sorted(rows, key=lambda r: (-r["articles"], r["name"]))


def _positions(stored):
    try:
        return [p for p in json.loads(stored or "[]") if p]
    except ValueError:
        return []


def _span(first, last):
    if not first:
        return "?"
    return first if first == last or not last else f"{first}–{last}"

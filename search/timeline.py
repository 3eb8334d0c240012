"""Timelines: the events of a unit, a person, an emulation cluster or a query, in order."""
from functools import cache
from importlib import resources

from whoosh import query as wq

from index.finder import matches
from index.query import QueryError, name_filter
from ingest.language.normalize import fold, match_key


@cache
def rank_order():
    """{match_key(rank): seniority}, 0 the highest (ingest/data/rank_order.txt)."""
    lines = resources.files("ingest").joinpath("data/rank_order.txt").read_text(encoding="utf-8").splitlines()
    ranks = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return {match_key(rank): i for i, rank in enumerate(ranks)}


def presiding(people):
    """The highest-ranked person of an article, else the first named; as "Rank Name"."""
    if not people:
        return None
    order = rank_order()
    best = min(enumerate(people), key=lambda ip: (order.get(match_key(ip[1].get("rank") or ""), len(order)), ip[0]))[1]
    return " ".join(filter(None, [best.get("rank"), best.get("name")]))


def cluster_filter(f, cluster):
    """Articles naming the cluster or any of its members (as some article lists them)."""
    named = name_filter("unit", "units", cluster)
    key = fold(cluster)
    members = set()
    for docnum in f.docs(named):
        for unit in (f.searcher.stored_fields(docnum).get("entities") or {}).get("units", []):
            if unit.get("members") and key in fold(unit.get("name") or ""):
                members.update(unit["members"])
    if not members:
        return named
    return wq.Or([named] + [name_filter("unit", "units", m) for m in sorted(members)])


def timeline(f, text=None, unit=None, person=None, cluster=None, start=None, end=None, site=None,
             include_hidden=False, type=None):
    """{events, ranks}: events oldest first (by the date each article is filed under,
    see ingest.extract.filing; filed_by says which date it is), one per group of near copies;
    ranks (a person's rank history) or None. type: articles with this event type among
    theirs."""
    if not any([text, unit, person, cluster]):
        raise QueryError("say whose timeline: a QUERY, --unit, --person or --cluster")
    hits = matches(f, text, include_hidden=include_hidden, unit=unit, person=person, start=start, end=end,
                   site=site, type=type, extra=cluster_filter(f, cluster) if cluster else None)[0]
    days = f.days()
    rows = [f.row(d, targets=None) for d in sorted(hits, key=lambda d: (days[d] or 99999999, d))]
    events = [{"date": r["date"], "filed_by": r["filed_by"], "type": r["type"], "types": r["types"],
               "location": r["location"], "title": r["title"],
               "presided": presiding(r["people"]), "id": r["id"], "source": r["source"],
               "url": r["url"], "copies": r["copies"]} for r in rows]
    return {"events": events, "ranks": rank_history(rows, person) if person else None}


def rank_history(rows, person):
    """Each rank the person was reported with, with the first and last dates."""
    key = " ".join(fold(person).split())
    history = {}
    for row in rows:
        for p in row["people"]:
            if p.get("rank") and (fold(p.get("name") or "") == key or key in fold(p.get("name") or "")):
                entry = history.setdefault(p["rank"], {"rank": p["rank"], "first": row["date"], "last": row["date"],
                                                       "articles": 0})
                entry["last"] = row["date"] or entry["last"]
                entry["articles"] += 1
    return sorted(history.values(), key=lambda e: e["first"] or "")

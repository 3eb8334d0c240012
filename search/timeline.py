"""Timelines: the events of a unit, a person, an emulation cluster or a query, in order."""
import re
from functools import cache
from importlib import resources

from whoosh import query as wq

from index.finder import matches
from index.entities import any_term, authority, unit_query
from index.query import QueryError, name_filter
from ingest.authority import reading
from ingest.authority.keys import name_key, term, within
from ingest.language.normalize import fold, match_key

LEAD_END = re.compile(r"(?<=[.!?])\s|\n")


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
    """Without the authorities: articles naming the cluster or any of its members (as
    some article lists them)."""
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


def about(f, docnum, forms):
    """Whether an article is about a unit: one of its names stands in the title or in
    the first sentence (where the organiser or subject of the event is named), not
    only further down among the units it mentions."""
    stored = f.searcher.stored_fields(docnum)
    lead = LEAD_END.split(stored.get("text") or "", maxsplit=1)[0]
    said = [name_key(stored.get("title") or ""), name_key(lead)]
    return any(within(name_key(form), text) for form in forms for text in said)


def cluster_events(f, db, cluster, notes, members=False):
    """(the query of a cluster's own articles, {document number: member name}): the
    articles about the cluster itself, and with members=True those about each member
    unit that the articles naming the cluster list ("gồm các Nhà máy: …")."""
    named, choice = unit_query(db, cluster, notes, kinds=("cluster",))
    candidates = f.docs(named)
    own = {d for d in candidates if about(f, d, reading.forms(db, choice.entries))} if choice.entries else set()
    by_member = {}
    if members and choice.entries:
        listed = []
        for docnum in candidates:
            for unit in (f.searcher.stored_fields(docnum).get("entities") or {}).get("units", []):
                if unit.get("members") and term(unit.get("name") or "") in choice.terms:
                    listed += [m for m in unit["members"] if m not in listed]
        for member in listed:
            found = reading.unit_choice(db, member)
            if not found.entries or found.note:
                continue
            forms = reading.forms(db, found.entries)
            for docnum in f.docs(any_term("unit", found.terms)) - own:
                if about(f, docnum, forms):
                    by_member.setdefault(docnum, []).append(found.names[0])
    ids = [f.searcher.stored_fields(d)["id"] for d in sorted(own | by_member.keys())]
    return any_term("id", ids), {d: "; ".join(dict.fromkeys(n)) for d, n in by_member.items()}


def timeline(f, text=None, unit=None, person=None, cluster=None, start=None, end=None, site=None,
             include_hidden=False, type=None, members=False):
    """{events, ranks, person, chosen}: events oldest first (by the date each article is
    filed under, see ingest.extract.filing; filed_by says which date it is), one per group
    of near copies; ranks (a person's rank history) or None; person: the person's label;
    chosen: what the unit, person and cluster filters took the typed names as, when that
    needs saying. type: articles with this event type among theirs. With members, a
    cluster's timeline adds its members' own events, each naming its member."""
    return timeline_read(f, text, unit, person, cluster, start, end, site, include_hidden, type, members)[0]


def person_names(choice, typed):
    """The folded names a person goes by: the authority entry's, else what was typed
    without a rank in front."""
    return set(choice.terms) if choice else {" ".join(term(reading.without_rank(typed)[0]).split())}


def timeline_read(f, text=None, unit=None, person=None, cluster=None, start=None, end=None, site=None,
                  include_hidden=False, type=None, members=False):
    """timeline's result with what was read on the way, for a page that shows more of
    the same articles without finding them again: (result, the articles' document
    numbers oldest first, their rows, the person's authority entry or None)."""
    if not any([text, unit, person, cluster]):
        raise QueryError("say whose timeline: a QUERY, --unit, --person or --cluster")
    notes, by_member, names, label, choice = [], {}, None, None, None
    with authority(f.data_dir) as db:
        if cluster and db is not None:
            extra, by_member = cluster_events(f, db, cluster, notes, members)
        else:
            extra = cluster_filter(f, cluster) if cluster else None
        hits = matches(f, text, include_hidden=include_hidden, unit=unit, person=person, start=start, end=end,
                       site=site, type=type, extra=extra, notes=notes)[0]
        if person:
            choice = reading.person_choice(db, person) if db is not None else None
            names = person_names(choice, person)
            label = choice.label if choice else None
    days = f.days()
    order = sorted(hits, key=lambda d: (days[d] or 99999999, d))
    rows = [f.row(d, targets=None) for d in order]
    events = [{"date": r["date"], "filed_by": r["filed_by"], "type": r["type"], "types": r["types"],
               "location": r["location"], "title": r["title"],
               "presided": presiding(r["people"]), "id": r["id"], "source": r["source"],
               "url": r["url"], "copies": r["copies"]} for r in rows]
    if members:
        for event, docnum in zip(events, order):
            event["member"] = by_member.get(docnum)
    result = {"events": events, "ranks": rank_history(rows, names) if person else None, "person": label,
              "chosen": notes}
    return result, order, rows, choice


def rank_history(rows, names):
    """Each rank the person (known by these names, as the index holds them) was
    reported with, with the first and last dates."""
    history = {}
    for row in rows:
        for p in row["people"]:
            if p.get("rank") and term(p.get("name") or "") in names:
                entry = history.setdefault(p["rank"], {"rank": p["rank"], "first": row["date"], "last": row["date"],
                                                       "articles": 0})
                entry["last"] = row["date"] or entry["last"]
                entry["articles"] += 1
    return sorted(history.values(), key=lambda e: e["first"] or "")

"""The data of each page, from the same read functions as the command line.

Each function returns a plain dict: the template draws it, and `?format=json`
returns it as it is, so scripts and tests read exactly what the page shows.
Every filter is a URL parameter with the command line's name (q, unit, person,
rank, type, site, from, to, sort); excluding a facet value adds `not_<facet>`,
which becomes `NOT field:"value"` in the query, the syntax the command line takes
too. `command` gives the same search as a `thidua search` command line.
"""
import io
import json
import re
import shlex
from datetime import datetime
from pathlib import Path

import click

from index.entities import facet_by_entry, unit_groups
from index.finder import TOP_UNITS, matches, search as run_search
from ingest import store
from ingest.authority import reading
from ingest.database import ArchiveError
from ingest.extract import filing
from ingest.language.normalize import fold
from search.cli.cmd_search import COLUMNS, flat_rows
from search.cli.output import emit
from search.stats import columns as stats_columns, figures, groups, in_words, labels
from search.timeline import person_names, timeline_read
from search.web import charts
from search.web.facets import extra_facets
from search.web.marking import pieces
from search.web.messages import TYPES

PER_PAGE = 20
FILTERS = ("unit", "person", "rank", "type", "site")
FACETS = ("year", "type", "unit", "person", "rank", "site")
SINGLE = ("q", "unit", "person", "rank", "type", "site", "from", "to", "sort", "page", "size", "all_copies",
          "include_hidden", "lang")
YEAR = re.compile(r"\d{4}")


def state_from(params):
    """The search state of a request's query parameters (a Starlette QueryParams)."""
    state = {key: (params.get(key) or "").strip() for key in SINGLE}
    for facet in FACETS:
        state[f"not_{facet}"] = [v.strip() for v in params.getlist(f"not_{facet}") if v.strip()]
    if state["sort"] not in ("relevance", "date"):
        state["sort"] = ""
    state["page"] = int(state["page"]) if state["page"].isdigit() and 0 < int(state["page"]) < 100_000 else 1
    state["size"] = min(max(int(state["size"]), 5), 200) if state["size"].isdigit() else PER_PAGE
    return state


def _quoted(value):
    return '"' + " ".join(value.replace('"', " ").split()) + '"'


def query_text(state):
    """The query typed, with a NOT clause per excluded facet value."""
    parts = [state["q"]] if state["q"] else []
    for facet in FACETS:
        for value in state[f"not_{facet}"]:
            if facet == "year":
                if YEAR.fullmatch(value):
                    parts.append(f"NOT year:{value}")
            else:
                parts.append(f"NOT {facet}:{_quoted(value)}")
    return " ".join(parts) or None


def filter_args(state):
    return {"unit": state["unit"] or None, "person": state["person"] or None, "rank": state["rank"] or None,
            "type": state["type"] or None, "site": state["site"] or None, "start": state["from"] or None,
            "end": state["to"] or None, "include_hidden": bool(state["include_hidden"]),
            "all_copies": bool(state["all_copies"])}


def command_line(state, limit=None, fmt=None):
    """The `thidua search` command giving the same rows."""
    words = ["thidua", "search"]
    text = query_text(state)
    if text:
        words.append(text)
    for name in FILTERS:
        if state[name]:
            words += [f"--{name}", state[name]]
    for key, option in (("from", "--from"), ("to", "--to")):
        if state[key]:
            words += [option, state[key]]
    if state["sort"] == "date":
        words += ["--sort", "date"]
    if state["all_copies"]:
        words.append("--all-copies")
    if state["include_hidden"]:
        words.append("--include-hidden")
    if limit:
        words += ["--limit", str(limit)]
    if fmt:
        words += ["--format", fmt]
    return shlex.join(words)


def _found(f, state, limit, offset=0):
    return run_search(f, query_text(state), sort=state["sort"] or "relevance", limit=limit, offset=offset,
                      **filter_args(state))


def search_page(archive, state):
    """The results of one page, facets with counts, the year histogram and the pages."""
    args = filter_args(state)
    with archive.finder() as f:
        hits = matches(f, query_text(state), **args)[0]
        state["page"] = min(state["page"], max(1, -(-len(hits) // state["size"])))  # past the end: the last page
        first = (state["page"] - 1) * state["size"]
        found = _found(f, state, state["page"] * state["size"], offset=first)
        facets = {**found["facets"], **extra_facets(archive, f, hits)}
        years = found["facets"]["year"]
        if args["start"] or args["end"]:  # the histogram shows the years outside the range too
            undated = matches(f, query_text(state), **{**args, "start": None, "end": None})[0]
            years = f.facets(undated)["year"] if undated else {}
    total = found["total"]
    rows = found["results"]
    return {
        "query": state["q"], "filters": _active(state), "sort": state["sort"] or "relevance",
        "total": total, "page": state["page"], "size": state["size"], "pages": max(1, -(-total // state["size"])),
        "first": first + 1 if rows else 0, "last": first + len(rows),
        "results": [{**r, "position": first + i} for i, r in enumerate(rows)],
        "facets": {name: facets.get(name, {}) for name in FACETS},
        "years": years, "suggestion": found["suggestion"], "command": command_line(state),
        "chosen": found.get("chosen") or [],
    }


def _active(state):
    return {key: state[key] for key in SINGLE + tuple(f"not_{f}" for f in FACETS)
            if state[key] and key not in ("page", "size", "lang", "sort")}


def export_search(archive, state, fmt):
    """(text, media type) of every row of the search, as `thidua search --format csv|json` prints it."""
    with archive.finder() as f:
        total = len(matches(f, query_text(state), **filter_args(state))[0])
        found = _found(f, state, max(total, 1))
    rows = flat_rows(found["results"])
    if fmt == "json":
        return json.dumps({"query": query_text(state), **found, "results": rows}, ensure_ascii=False,
                          indent=2) + "\n", "application/json"
    out = io.StringIO()
    emit(rows, COLUMNS + ["score"], "csv", out)
    return out.getvalue(), "text/csv; charset=utf-8"


def neighbours(archive, state, position):
    """Ids of the results before and after `position` in the search an article was opened from."""
    if position is None or position < 0:
        return None, None
    first = max(position - 1, 0)
    with archive.finder() as f:
        found = _found(f, state, position + 2, offset=first)
    ids = [None] * first + [r["id"] for r in found["results"]]
    before = ids[position - 1] if 0 < position <= len(ids) else None
    after = ids[position + 1] if position + 1 < len(ids) else None
    return before, after


def article_page(archive, article_id, state, position=None):
    """An article with its pieces of text, entities, sources, versions and copies; None if absent."""
    db = archive.db()
    try:
        row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        rec = store.indexable(db, row)
        past = store.history(db, article_id)
    finally:
        db.close()
    targets = []
    text = query_text(state)
    if text:
        with archive.finder() as f:
            targets = matches(f, text)[2]
    paragraphs, hits = pieces(rec.get("text") or "", rec, targets)
    before, after = neighbours(archive, state, position) if text or any(filter_args(state).values()) else (None, None)
    return {
        "id": rec["id"], "title": rec.get("title"), "published": rec.get("published"), "author": rec.get("author"),
        "source": rec.get("source"), "url": rec.get("url"), "event": rec.get("event") or {},
        "sources": rec["sources"], "copies": past["copies"], "copy_of": rec["copy_of"], "hidden": rec["hidden"],
        "versions": [{k: v for k, v in ver.items() if k != "text"} | {"length": len(ver["text"])}
                     for ver in past["versions"]],
        "units": rec.get("units") or [], "people": rec.get("people") or [], "dates": rec.get("dates") or [],
        "figures": rec.get("figures") or [], "paragraphs": paragraphs, "hits": hits, "words": labels(),
        "types": filing.event_types(rec), "event_date": filing.event_day(rec),
        **dict(zip(("filed_on", "filed_by"), filing.filing(rec))),
        "previous": before, "next": after, "position": position,
    }


def _co_occurring(archive, f, hits, skip_unit=None, skip_person=None):
    by_entry = facet_by_entry(f, hits, unit_groups, TOP_UNITS)  # merged, dropped units too
    units = {k: v for k, v in (f.facets(hits)["unit"] if by_entry is None else by_entry).items() if k != skip_unit}
    people = {k: v for k, v in extra_facets(archive, f, hits)["person"].items() if k != skip_person}
    return units, people


def unit_page(archive, name, cluster=False, start=None, end=None):
    """A unit's (or a cluster's) timeline, time axis, figures and the units and people named with it."""
    with archive.finder() as f:
        found, order, _, _ = timeline_read(f, cluster=name if cluster else None, unit=None if cluster else name,
                                           start=start, end=end, members=cluster)
        units, people = _co_occurring(archive, f, frozenset(order), skip_unit=name) if order else ({}, {})
    db = archive.db()
    try:
        chosen = reading.unit_choice(db, name, ("cluster",) if cluster else None) if reading.readable(db) else None
        reported = figures(db, unit=name, start=start, end=end)
    finally:
        db.close()
    itself = set(chosen.names) if chosen else set()  # under its canonical name, whatever spelling was typed
    units = {k: v for k, v in units.items() if k not in itself
             and k.casefold() != name.casefold() and name.casefold() not in k.casefold()}
    return {"name": name, "cluster": cluster, "events": found["events"], "axis": charts.time_axis(found["events"]),
            "figures": reported, "words": labels(), "co_units": units, "co_people": people}


def person_page(archive, name, start=None, end=None):
    """A person's timeline, time axis, rank history, positions and co-occurring units and
    people; the person as the authority reads what was typed (a rank in front, other
    spellings merged in)."""
    with archive.finder() as f:
        found, order, rows, chosen = timeline_read(f, person=name, start=start, end=end)
        positions = _positions(rows, person_names(chosen, name))
        units, people = _co_occurring(archive, f, frozenset(order)) if order else ({}, {})
    itself = {name.casefold(), chosen.label.casefold() if chosen else reading.without_rank(name)[0].casefold()}
    people = {k: v for k, v in people.items() if k.casefold() not in itself}
    return {"name": name, "events": found["events"], "axis": charts.time_axis(found["events"]),
            "ranks": found["ranks"] or [], "positions": positions, "co_units": units, "co_people": people}


def _positions(rows, names):
    """Each position the person (written as one of names, folded) was reported in,
    with its first and last dates."""
    seen = {}
    for row in sorted(rows, key=lambda r: r["date"] or "9999"):
        for p in row["people"]:
            if " ".join(fold(p.get("name") or "").split()) in names:
                for position in p.get("positions") or []:
                    entry = seen.setdefault(position, {"position": position, "first": row["date"],
                                                       "last": row["date"], "articles": 0})
                    entry["last"] = row["date"] or entry["last"]
                    entry["articles"] += 1
    return sorted(seen.values(), key=lambda e: e["first"] or "")


# The statistics page's filters, in its URL as in `thidua stats`'s options.
STATS_FILTERS = ("metric", "unit", "person", "type", "site", "from", "to", "kind", "by")


def stats_page(archive, state):
    """Figures (or their groups), the metrics to pick from and a chart per organisation,
    filtered as `thidua stats` filters them (the same function, the same notes on what a
    typed unit or person was taken to mean)."""
    by = state.get("by") if state.get("by") in ("year", "unit", "metric", "period") else None
    db = archive.db()
    notes = []
    try:
        kind = state.get("kind") if state.get("kind") in labels()["kind"] else None
        event_type = state.get("type") if state.get("type") in TYPES else None
        chosen = {"metric": state.get("metric") or None, "unit": state.get("unit") or None,
                  "person": state.get("person") or None, "type": event_type, "site": state.get("site") or None,
                  "start": state.get("from") or None, "end": state.get("to") or None, "kind": kind}
        plain = figures(db, notes=notes, **chosen)
        rows = groups(plain, by) if by else plain
        metrics = sorted({r["metric"] for r in figures(db) if r["metric"]})
        sites = [r[0] for r in db.execute("SELECT DISTINCT site FROM sources WHERE site != '' ORDER BY site LIMIT 200")]
        chart, other = _chart(plain) if state.get("metric") else (None, 0)
    finally:
        db.close()
    shown = [c for c in stats_columns(by) if c not in ("period_start", "period_end", "latest_date", "organisations",
                                                      "figure", "source", "url", "organisation_from")]
    return {"metric": state.get("metric") or "", "unit": state.get("unit") or "", "person": state.get("person") or "",
            "type": event_type or "", "site": state.get("site") or "", "from": state.get("from") or "",
            "to": state.get("to") or "", "kind": kind or "", "by": by or "", "columns": stats_columns(by), "rows": rows,
            "types": TYPES, "sites": sites, "chosen": list(dict.fromkeys(notes)),
            "credited_by_article": any(r.get("organisation_from") == "article" or r.get("from_article")
                                       for r in rows),
            "shown": _with_period(shown, stats_columns(by)), "words": labels(), "metrics": metrics, "chart": chart,
            "not_drawn": other}


def _with_period(shown, columns):
    """The page's columns: the period one cell where the export has its start and end."""
    at = columns.index("period_start")
    before = [c for c in columns[:at] if c in shown]
    return before + ["period"] + [c for c in shown if c not in before]


def export_stats(data, fmt):
    """(text, media type) of the statistics as `thidua stats` prints them: kinds and
    qualifiers in words in CSV, as codes in JSON."""
    return export_rows(in_words(data["rows"]) if fmt == "csv" else data["rows"], data["columns"], fmt)


def _months(row):
    """How many months a figure's period spans (6 for a half year, 12 for a year)."""
    (sy, sm), (ey, em) = ((int(d[:4]), int(d[5:7])) for d in (row["period_start"], row["period_end"]))
    return (ey - sy) * 12 + em - sm + 1


def _chart(rows):
    """The chart of the most common measuring unit's results, one series per organisation
    and length of period: a half year's result beside a whole year's would read as a fall."""
    measures = {}
    everything, rows = len(rows), [r for r in rows if r["kind"] == "result"]  # a plan or forecast is no result
    for r in rows:
        measures[r["unit"]] = measures.get(r["unit"], 0) + 1
    if not measures:
        return None, 0
    measure = max(measures, key=lambda m: (measures[m], str(m)))
    series = {}
    for r in rows:  # a line per organisation and length of period, each point at its period's end
        if r["unit"] == measure and r["period_start"] and r["period_end"]:
            name = f"{r['organisation'] or '?'} · {_months(r)} tháng"
            series.setdefault(name, []).append((r["period_end"], r["value"]))
    chart = charts.line_chart(series)
    if chart:
        chart["measure"] = measure or ""
        chart["metric"] = rows[0]["metric"] if len({r["metric"] for r in rows}) == 1 else ""
    return chart, everything - sum(len(v) for v in series.values())


def export_rows(rows, columns, fmt):
    """(text, media type) of rows as the command line's --format csv|json prints them."""
    out = io.StringIO()
    emit(rows, columns, "json" if fmt == "json" else "csv", out)
    return out.getvalue(), "application/json" if fmt == "json" else "text/csv; charset=utf-8"


def status_page(archive):
    """What the archive holds and when it last took something in (read-only)."""
    db = archive.db()
    try:
        one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
        data = {
            "data_dir": archive.data_dir,
            "articles": one("SELECT COUNT(*) FROM articles"),
            "copies": one("SELECT COUNT(*) FROM articles WHERE copy_of IS NOT NULL"),
            "hidden": one("SELECT COUNT(*) FROM articles WHERE hidden"),
            "sources": one("SELECT COUNT(*) FROM sources"),
            "first_ingest": one("SELECT MIN(ingested_at) FROM articles"),
            "last_ingest": one("SELECT MAX(MAX(ingested_at), COALESCE((SELECT MAX(last_seen) FROM sources), ''))"
                               " FROM articles"),
            "unindexed": len(store.unindexed_ids(db)),
            "sites": {r[0] or "": r[1] for r in db.execute(
                "SELECT site, COUNT(DISTINCT article_id) FROM sources GROUP BY site ORDER BY 2 DESC LIMIT 30")},
            "recent": [dict(r) for r in db.execute(
                "SELECT id, title, ingested_at, source FROM articles ORDER BY ingested_at DESC, id LIMIT 10")],
        }
    finally:
        db.close()
    try:
        with archive.finder() as f:
            data["indexed"] = f.reader.doc_count()
    except (click.ClickException, ArchiveError) as exc:  # the status page says what is wrong with the index
        data["indexed"] = None
        data["index_problem"] = exc.message if isinstance(exc, click.ClickException) else str(exc)
    data["warc_files"] = sorted(str(p.relative_to(archive.data_dir)) for p in Path(archive.data_dir).rglob("*.warc*"))
    return data


def iso_time(value):
    """An ingest timestamp as dd/mm/yyyy hh:mm (UTC)."""
    try:
        t = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value or ""
    return t.strftime("%d/%m/%Y %H:%M") + (" UTC" if t.tzinfo else "")

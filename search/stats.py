"""Statistics of the figures reported across articles, straight from the records DB.

A figure without its own period takes one from its article: the first span the
article reports (e.g. "6 tháng đầu năm 2023"), else the year of its event or
publication. A figure without an organisation takes the article's first unit.
A story republished with small edits counts once: of each group of near copies,
the figures of one article (the group's first that passes the filters); hidden
articles count only when asked for.
"""
from index.query import day_bound, site_term
from ingest.authority import reading
from ingest.authority.keys import term
from ingest.language.normalize import fold

FIGURES = """
WITH shown AS (
  SELECT id FROM (
    SELECT a.id, ROW_NUMBER() OVER (PARTITION BY COALESCE(a.copy_of, a.id)
                                    ORDER BY a.copy_of IS NOT NULL, a.ingested_at, a.id) AS nth
    FROM articles a
    WHERE (:hidden OR a.hidden = 0)
      AND (:site IS NULL OR EXISTS (SELECT 1 FROM sources s WHERE s.article_id = a.id AND s.site = :site)))
  WHERE nth = 1
),
fig AS (
  SELECT f.metric, f.value, f.unit, f.qualifier, f.text,
         COALESCE(unit_entry(f.organisation),
                  (SELECT unit_entry(u.name) FROM units u WHERE u.article_id = a.id AND unit_entry(u.name) IS NOT NULL
                    ORDER BY u.rowid LIMIT 1)) AS organisation,
         COALESCE(f.period_start || '|' || COALESCE(f.period_end, f.period_start),
                  (SELECT d.start || '|' || d."end" FROM dates d
                    WHERE d.article_id = a.id AND d.start IS NOT NULL AND d."end" > d.start
                    ORDER BY d.rowid LIMIT 1),
                  substr(COALESCE(a.event_date, a.published), 1, 4) || '-01-01|'
                    || substr(COALESCE(a.event_date, a.published), 1, 4) || '-12-31') AS span,
         a.id AS article, a.title, a.source, a.url
  FROM figures f JOIN articles a ON a.id = f.article_id
  WHERE a.id IN (SELECT id FROM shown)
)
SELECT metric, value, unit, qualifier, text, organisation,
       substr(span, 1, 10) AS period_start, substr(span, 12, 10) AS period_end, article, title, source, url
FROM fig
"""

GROUP_KEYS = {"year": "substr(period_start, 1, 4)", "unit": "organisation", "metric": "metric"}
GROUP_NAMES = {"year": "year", "unit": "organisation", "metric": "metric"}


def _where(metric, unit, start, end, chosen=None):
    clauses, params = [], {}
    if metric:
        clauses.append("fold(COALESCE(metric, '')) LIKE :metric")
        params["metric"] = f"%{fold(metric)}%"
    if chosen:
        marks = ", ".join(f":unit{i}" for i in range(len(chosen)))
        clauses.append(f"organisation IN ({marks})")
        params.update({f"unit{i}": name for i, name in enumerate(chosen)})
    elif unit:
        clauses.append("fold(COALESCE(organisation, '')) LIKE :unit")
        params["unit"] = f"%{fold(unit)}%"
    if start:
        clauses.append("period_end >= :start")
        params["start"] = _iso(day_bound(start, False))
    if end:
        clauses.append("period_start <= :end")
        params["end"] = _iso(day_bound(end, True))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _unit_entries(db, unit, notes):
    """Register unit_entry(name) -> the entry's name (None when dropped); the names of
    the entries a typed unit means, or None when the authority knows none."""
    names = reading.unit_names(db) if reading.readable(db) else {}

    def unit_entry(name):
        if name is None:
            return None
        found = names.get(term(name))
        return name if found is None else (None if found[1] else found[0])

    db.create_function("unit_entry", 1, unit_entry, deterministic=True)
    if not unit or not names:
        return None
    choice = reading.unit_choice(db, unit)
    if choice.note and choice.entries and notes is not None:  # else: organisations by the words typed
        notes.append(f"--unit {choice.note}")
    return choice.names or None


def _iso(day):
    return f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}"


# Rates (17,6%; 14,2 triệu đồng/người/tháng) do not add up across articles: their
# groups show the mean, minimum and maximum, and no sum.
_TOTAL = "CASE WHEN unit = '%' OR unit LIKE '%/%' THEN NULL ELSE ROUND(SUM(value), 3) END"


def figures(db, metric=None, unit=None, start=None, end=None, by=None, site=None, include_hidden=False, notes=None):
    """Rows of figures, or with `by` (year|unit|metric) their count, sum, mean and range
    per group, metric and measuring unit: a sum only adds like with like.

    Organisations are the units' authority entries (ingest.authority): merged units
    count as one, renamed ones under their new name, dropped ones not at all; --unit
    is resolved to entries (what was chosen goes to notes), and an organisation the
    authority does not know is matched by the words typed."""
    db.create_function("fold", 1, fold, deterministic=True)
    chosen = _unit_entries(db, unit, notes)
    where, params = _where(metric, unit, start, end, chosen)
    params.update(hidden=int(include_hidden), site=site_term(site) if site else None)
    base = f"SELECT * FROM ({FIGURES}){where}"
    if by:
        key = GROUP_KEYS[by]
        sql = (f"SELECT {key} AS grp, metric, unit, COUNT(*) AS n, {_TOTAL} AS total, "
               f"ROUND(AVG(value), 3) AS mean, MIN(value) AS low, MAX(value) AS high FROM ({base}) "
               f"GROUP BY grp, metric, unit ORDER BY grp, n DESC, metric, unit")
        return [{GROUP_NAMES[by]: r["grp"], "metric": r["metric"], "unit": r["unit"], "count": r["n"],
                 "sum": r["total"], "mean": r["mean"], "min": r["low"], "max": r["high"]}
                for r in db.execute(sql, params)]
    sql = base + " ORDER BY period_start, metric, value"
    return [{"metric": r["metric"], "value": r["value"], "unit": r["unit"], "qualifier": r["qualifier"],
             "organisation": r["organisation"], "period": f"{r['period_start']}..{r['period_end']}",
             "article": r["article"], "title": r["title"], "text": r["text"], "source": r["source"],
             "url": r["url"]}
            for r in db.execute(sql, params)]


def columns(by=None):
    if by == "metric":
        return ["metric", "unit", "count", "sum", "mean", "min", "max"]
    if by:
        return [GROUP_NAMES[by], "metric", "unit", "count", "sum", "mean", "min", "max"]
    return ["metric", "value", "unit", "qualifier", "organisation", "period", "article", "title", "source", "url"]

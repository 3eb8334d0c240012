"""Statistics of the figures reported across articles, straight from the records DB.

Each figure is a number of some kind (`kind`): a reported result, a plan or target,
a forecast, a threshold (a condition in a rule), a growth rate, a completion rate or a
share; a figure stored before kinds were read counts as a result.

A figure without its own period takes its article's: the period the article reports
on (ingest.extract.filing), else the year the article is filed under; a plan or forecast
takes the whole year(s) of that period ("dự kiến cả năm đạt 4.300 tỷ" in a report on nine
months is a forecast for the year, not for the nine months). A figure whose
sentence names no organisation is credited to the article's unit (the one its title
names first: a headline begins with its subject; else the first unit named), and says so:
`organisation_from` is "sentence" (its sentence, or a phrase such as "toàn Cụm", ties it
there) or "article" (the article's unit, a reading, not what the sentence says); a group
counts such figures in `from_article`. A story republished with small edits
counts once: of each group of near copies, the figures of one article (the group's
first that passes the filters); hidden articles count only when asked for.

Grouping never mixes what cannot be compared: a group holds figures of one metric,
measuring unit, kind and period (see `groups`). Its sum is given only where adding
means something: reported results (not rates, plans, forecasts or thresholds) of one
period, each from a different organisation that its sentence names (an organisation
read from the article cannot vouch that two figures are not the same one counted
twice), none of them one that holds others (a cluster, an agency: its figure already
counts its members'). Every group names its figures by id
(ARTICLE_ID:N, the N-th figure of the article as `thidua show` lists them).
"""
import functools
import json

from index import entities
from index.query import QueryError, day_bound, site_term
from ingest.authority import reading
from ingest.authority.keys import name_key, term
from ingest.language import wordlists
from ingest.language.normalize import fold

FIGURES = """
WITH shown AS (
  SELECT id FROM (
    SELECT a.id, ROW_NUMBER() OVER (PARTITION BY COALESCE(a.copy_of, a.id)
                                    ORDER BY a.copy_of IS NOT NULL, a.ingested_at, a.id) AS nth
    FROM articles a
    WHERE (:hidden OR a.hidden = 0)
      AND (:site IS NULL OR EXISTS (SELECT 1 FROM sources s WHERE s.article_id = a.id AND s.site = :site))
      AND (:person IS NULL OR (:person_ids IS NOT NULL AND a.id IN (SELECT value FROM json_each(:person_ids)))
           OR (:person_ids IS NULL AND EXISTS (SELECT 1 FROM people p WHERE p.article_id = a.id
                                                AND fold(p.name) LIKE :person)))
      AND (:type IS NULL OR EXISTS (SELECT 1 FROM json_each(COALESCE(a.event_types, json_array(a.event_type)))
                                     WHERE value = :type)))
  WHERE nth = 1
),
own AS MATERIALIZED (  -- the unit each article is about: named first in its title, else named first
  SELECT article_id, name FROM (
    SELECT article_id, name, ROW_NUMBER() OVER (PARTITION BY article_id ORDER BY at IS NULL, at, nth) AS nth
    FROM (SELECT u.article_id, u.name, u.rowid AS nth, in_title(a.title, u.name, u.mentions) AS at
          FROM units u JOIN articles a ON a.id = u.article_id
          WHERE a.id IN (SELECT id FROM shown) AND unit_entry(u.name) IS NOT NULL
            AND EXISTS (SELECT 1 FROM figures f WHERE f.article_id = a.id AND unit_entry(f.organisation) IS NULL)))
  WHERE nth = 1
),
fig AS (
  SELECT f.article_id || ':' || ROW_NUMBER() OVER (PARTITION BY f.article_id ORDER BY f.rowid) AS figure,
         f.metric, f.value, f.unit, f.qualifier, COALESCE(f.kind, 'result') AS kind,
         COALESCE(f.quote, f.text) AS quote, f.text,
         CASE WHEN unit_entry(f.organisation) IS NOT NULL THEN f.organisation
              ELSE (SELECT own.name FROM own WHERE own.article_id = a.id) END AS named,
         CASE WHEN unit_entry(f.organisation) IS NOT NULL THEN 'sentence' ELSE 'article' END AS credited,
         CASE WHEN f.period_start IS NOT NULL THEN f.period_start || '|' || COALESCE(f.period_end, f.period_start)
              WHEN COALESCE(f.kind, 'result') IN ('plan', 'forecast') AND a.period_start IS NOT NULL
                THEN substr(a.period_start, 1, 4) || '-01-01|' || substr(a.period_end, 1, 4) || '-12-31'
              WHEN a.period_start IS NOT NULL THEN a.period_start || '|' || a.period_end
              ELSE substr(a.filed_on, 1, 4) || '-01-01|' || substr(a.filed_on, 1, 4) || '-12-31' END AS span,
         a.filed_on, a.id AS article_id, a.title, a.source, a.url
  FROM figures f JOIN articles a ON a.id = f.article_id
  WHERE a.id IN (SELECT id FROM shown)
)
SELECT figure, metric, value, unit, qualifier, kind, unit_entry(named) AS organisation,
       CASE WHEN unit_entry(named) IS NOT NULL THEN credited END AS organisation_from,
       (SELECT u.kind FROM units u WHERE u.article_id = fig.article_id AND u.name = named
        ORDER BY u.rowid LIMIT 1) AS organisation_kind,
       substr(span, 1, 10) AS period_start, substr(span, 12, 10) AS period_end, quote, text,
       filed_on AS article_date, title, source, url, article_id
FROM fig
"""

# The name of the grouping column, and how a figure's value for it is read.
GROUP_NAMES = {"year": "year", "unit": "organisation", "metric": None, "period": None}
_GROUP_VALUE = {"year": lambda r: (r["period_start"] or "")[:4] or None, "unit": lambda r: r["organisation"],
                "metric": lambda r: None, "period": lambda r: None}

FIGURE_COLUMNS = ["figure", "metric", "value", "unit", "qualifier", "kind", "organisation", "organisation_from",
                  "period_start",
                  "period_end", "quote", "article_date", "title", "source", "url", "article_id"]


def _where(metric, unit, start, end, kind, chosen=None):
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
    if kind:
        clauses.append("kind = :kind")
        params["kind"] = kind
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _unit_entries(db, unit, notes):
    """Register unit_entry(name) -> the entry's name (None when dropped); the names of
    the entries a typed unit means, or None when the authority knows none."""
    names = reading.unit_names(db) if reading.readable(db) else {}

    @functools.cache  # SQLite asks it of each unit and figure, a few times each: the same names again
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


def _person_articles(db, person, notes):
    """The articles naming a typed person (a whole name, a rank in front or not), as JSON,
    through the authority of people; None when the archive has none (the name's words
    are then matched). Several people fitting the name is a QueryError listing them."""
    if not person or not reading.readable(db):
        return None
    try:
        choice = entities.chosen_person(db, person, notes)
    except reading.Ambiguous as exc:
        raise QueryError(f"--person {exc}") from None
    return json.dumps(reading.person_articles(db, choice) if choice else [])


@functools.lru_cache(maxsize=65536)
def _keys(name, mentions):
    return [f" {key} " for key in dict.fromkeys(map(name_key, [name] + json.loads(mentions or "[]"))) if key]


@functools.lru_cache(maxsize=1024)
def _said(title):  # an article's units are looked for in its title one after the other
    return f" {name_key(title)} "


def in_title(title, name, mentions):
    """Where in the title a unit is first named (any of its mentions, compared as
    name_key: case, quotes and dashes aside), or None. A unit's forms are worked out
    once: the same units stand in many articles."""
    said = _said(title or "")
    places = [said.find(key) for key in _keys(name, mentions)]
    return min((p for p in places if p >= 0), default=None)


def _iso(day):
    return f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}"


def figures(db, metric=None, unit=None, start=None, end=None, by=None, site=None, include_hidden=False,
            person=None, type=None, kind=None, notes=None):
    """The figures that pass the filters (rows of FIGURE_COLUMNS), oldest period first;
    with `by` (year|unit|metric|period) their groups (see `groups`). unit: the figure's
    organisation contains it; person, type: its article names the person, is of the
    event type (any of its types); start, end: its period overlaps them.

    Organisations are the units' authority entries (ingest.authority): merged units
    count as one, renamed ones under their new name, dropped ones not at all; --unit
    is resolved to entries (what was chosen goes to notes), and an organisation the
    authority does not know is matched by the words typed."""
    db.create_function("fold", 1, fold, deterministic=True)
    db.create_function("in_title", 3, in_title, deterministic=True)
    chosen = _unit_entries(db, unit, notes)
    where, params = _where(metric, unit, start, end, kind, chosen)
    params.update(hidden=int(include_hidden), site=site_term(site) if site else None,
                  person=f"%{fold(person)}%" if person else None, person_ids=_person_articles(db, person, notes), type=type.strip().lower() if type else None)
    sql = f"SELECT * FROM ({FIGURES}){where} ORDER BY period_start, metric, value, figure"
    rows = [dict(r) for r in db.execute(sql, params)]
    return groups(rows, by) if by else rows


def umbrellas():
    """Kinds of organisation that hold others (ingest/data/figure_umbrella_kinds.txt)."""
    return set(wordlists.words("figure_umbrella_kinds.txt"))


def additive(row):
    """Whether figures like this one add up: reported results counted in a unit, not a
    rate (%, or per something: "triệu đồng/người/tháng")."""
    unit = row["unit"] or ""
    return row["kind"] == "result" and unit != "%" and "/" not in unit


def groups(rows, by):
    """Groups of figures of one metric, measuring unit, kind and period (and one year or
    organisation for by year|unit): count, min, max, the latest value (of the article
    filed last), and the sum where it means something (see the module docstring);
    from_article: how many of its figures are credited to their article's unit because
    their sentence names none. Groups are numbered (`group`) in order; each lists its figures' ids."""
    found = {}
    for row in rows:
        key = (_GROUP_VALUE[by](row), row["metric"], row["unit"], row["kind"], row["period_start"], row["period_end"])
        found.setdefault(key, []).append(row)
    out = []
    def order(key):  # missing values last; by period, the period first
        key = (key[4], key[5], *key[:4]) if by == "period" else key
        return tuple((v is None, str(v or "")) for v in key)

    for key in sorted(found, key=order):
        members = found[key]
        values = [m["value"] for m in members]
        organisations = [m["organisation"] for m in members]
        latest = max(members, key=lambda m: (m["article_date"] or "", m["figure"]))
        summed = (len(members) > 1 and additive(members[0]) and None not in organisations
                  and all(m.get("organisation_from") == "sentence" for m in members)
                  and len(set(organisations)) == len(organisations)
                  and not any(m.get("organisation_kind") in umbrellas() for m in members))
        group = {"group": len(out) + 1, **({GROUP_NAMES[by]: key[0]} if GROUP_NAMES[by] else {})}
        group.update(metric=key[1], unit=key[2], kind=key[3], period_start=key[4], period_end=key[5],
                     count=len(members), organisations=len(set(organisations) - {None}),
                     from_article=sum(m.get("organisation_from") == "article" for m in members),
                     sum=round(sum(values), 3) if summed else None, min=min(values), max=max(values),
                     latest=latest["value"], latest_date=latest["article_date"],
                     figures=[m["figure"] for m in members])
        out.append(group)
    return out


def columns(by=None):
    """The columns of the rows `figures` returns, as CSV writes them."""
    if not by:
        return FIGURE_COLUMNS
    lead = [GROUP_NAMES[by]] if GROUP_NAMES[by] else []
    return ["group"] + lead + ["metric", "unit", "kind", "period_start", "period_end", "count", "organisations", "from_article", "sum", "min",
                   "max", "latest", "latest_date", "figures"]


def labels():
    """{field: {code: words}}: kinds and qualifiers as an archivist reads them
    (ingest/data/figure_labels.tsv)."""
    found = {}
    for field, code, words in wordlists.rows("figure_labels.tsv"):
        found.setdefault(field, {})[code] = words
    return found


def in_words(rows):
    """Rows with their kind and qualifier codes read as words, for tables and CSV."""
    words = labels()
    return [{**r, **{field: words[field].get(r[field], r[field]) for field in words if r.get(field)}}
            for r in rows]

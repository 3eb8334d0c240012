"""What the index holds for an article, and how a record becomes an index document.

Text fields come in pairs, exact (for ranking) and folded (for matching), both
from the text as written (see index.analysis). The folded fields keep each syllable's
positions (index.analysis.Spots), from which index.phrases finds a phrase — and,
for ranking, adjacent query words — as the places where its syllables stand one
after the other; a word typed with a joiner ("6/45") is then checked against the
stored text (index.query.Sequence). Earlier versions indexed pairs of adjacent
syllables ("title_pairs", "body_pairs") and kept a folded copy of the text
("text_folded") to check longer phrases: the pairs were three quarters of the terms,
two thirds of the size and half the writing time (bench/field_cost_bench.py); the
word segmenter's compounds ("compounds", ranking only) were a quarter of what was
left once positions told where query words stand side by side. An index with any
of them is told to `thidua reindex` (index.finder). List fields
(units, people, ranks) hold one folded term per entry, so that a filter matches a
whole name or code whatever the case or diacritics typed. "day" (YYYYMMDD of the
date the article is filed under: its event's, else the end of the period it reports
on, else its publication's, see ingest.extract.filing) serves date ranges and sorting, with
"period_start" and "period_end" (the period it reports on) for ranges that overlap it;
"filed_by" says which date "day" is; "year" and "type" (every event type of the
article, the main one first) serve facets; "unit_facet" keeps unit names as written, for facet labels. Entities
are stored so that results and timelines need not reopen the records database.
"group" is the id of the first article of a group of near copies (its own id for
one that is no copy), "copy" and "hidden" mark copies and hidden articles, "site"
holds the site of every source, so that search can show a group once, skip what
the archivist hid and keep one site. A representative's count of copies is not stored:
it is counted from its copies' "group" (index.finder), so that a new copy does not
rewrite its representative's document (at 10,000 articles, 6,400 copies did).
"""
from whoosh import fields

from index.analysis import Counted, Spots, exact_analyzer, folded_analyzer, list_analyzer
from ingest.extract import filing

# The text fields a query searches, with their weight: the exact form above the
# folded one, the title above the body.
TEXT_FIELDS = {"title": 4.0, "title_f": 1.0, "body": 2.0, "body_f": 0.5}
FOLDED_FIELDS = ("title_f", "body_f")
# Fields a query may name (field:value), as listed to the user.
QUERY_FIELDS = ("title", "body", "location", "units", "people", "unit", "person", "rank", "type", "year",
                "years", "day", "id", "site")


def schema():
    def listing(**kw):
        return fields.TEXT(analyzer=list_analyzer(), phrase=False, **kw)

    def text(analyzer, **kw):  # frequencies, counted in one pass (index.analysis.Counted)
        field = fields.TEXT(analyzer=analyzer, phrase=False, **kw)
        field.format = Counted(field_boost=field.format.field_boost)
        return field

    def spotted(analyzer):  # positions, read with numpy (index.phrases)
        field = fields.TEXT(analyzer=analyzer)
        field.format = Spots(field_boost=field.format.field_boost)
        return field

    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=text(exact_analyzer(), stored=True),
        title_f=spotted(folded_analyzer()),
        body=text(exact_analyzer()),
        body_f=spotted(folded_analyzer()),
        location=fields.TEXT(analyzer=folded_analyzer(), stored=True),
        units=fields.TEXT(analyzer=folded_analyzer()),
        people=fields.TEXT(analyzer=folded_analyzer()),
        unit=listing(),
        person=listing(),
        rank=listing(),
        unit_facet=fields.KEYWORD(commas=True, lowercase=False),
        type=fields.KEYWORD(stored=True),
        day=fields.NUMERIC(int, bits=32, stored=True, sortable=True),
        filed_by=fields.STORED(),
        period_start=fields.NUMERIC(int, bits=32, sortable=True),
        period_end=fields.NUMERIC(int, bits=32, sortable=True),
        year=fields.NUMERIC(int, bits=32, stored=True),
        years=fields.KEYWORD(),
        group=fields.ID(stored=True),
        copy=fields.ID(),
        hidden=fields.ID(),
        site=fields.KEYWORD(lowercase=True),
        published=fields.STORED(),
        source=fields.STORED(),
        url=fields.STORED(),
        sources=fields.STORED(),
        text=fields.STORED(),
        entities=fields.STORED(),
        # No longer written (a count of copies is read from the copies), but kept: index.finder
        # compares the fields, and an index written before must open without a reindex.
        copies=fields.STORED(),
    )


def _day(date):
    return int(date.replace("-", "")) if date else None


def _years(record, date):
    years = {date[:4]} if date else set()
    for span in record.get("dates") or []:
        if span.get("role") == "history":
            continue  # a founding year is no year the article is about
        for bound in (span.get("start"), span.get("end")):
            if bound and bound[:4].isdigit():
                years.add(bound[:4])
    return sorted(years)


def document(record):
    """The index document of a record."""
    event = record.get("event") or {}
    units = record.get("units") or []
    people = record.get("people") or []
    date, filed_by = filing.filing(record)  # its event's, else its period's end, else its publication's
    unit_keys = [k for u in units for k in (u.get("name"), u.get("code")) if k]
    title = record.get("title") or ""
    body = record.get("text") or ""
    doc = {
        "id": record["id"],
        "title": title,
        "title_f": title,
        "body": body,
        "body_f": body,
        "location": event.get("location") or "",
        "units": "\n".join(k for u in units for k in [u.get("name"), u.get("code"), *(u.get("mentions") or [])] if k),
        "people": "\n".join(" ".join(filter(None, [p.get("rank"), p.get("name"), *(p.get("positions") or [])]))
                            for p in people),
        "unit": ";".join(unit_keys),
        "person": ";".join(p["name"] for p in people if p.get("name")),
        "rank": ";".join(p["rank"] for p in people if p.get("rank")),
        "unit_facet": ",".join(u["name"].replace(",", " ") for u in units if u.get("name")),
        "type": " ".join(filing.event_types(record)),
        "filed_by": filed_by,
        "years": " ".join(_years(record, date)),
        "group": record.get("copy_of") or record["id"],
        "site": " ".join(sorted({s["site"] for s in record.get("sources") or [] if s.get("site")})),
        "published": record.get("published"),
        "source": record.get("source"),
        "url": record.get("url"),
        "sources": [s.get("url") or s.get("source") for s in record.get("sources") or []],
        "text": body,
        "entities": {"event": event, "units": units, "people": people},
    }
    if record.get("copy_of"):
        doc["copy"] = "1"
    if record.get("hidden"):
        doc["hidden"] = "1"
    if date:
        doc["day"] = _day(date)
        doc["year"] = int(date[:4])
    period = filing.reported_period(record)
    if period:
        doc["period_start"], doc["period_end"] = _day(period[0]), _day(period[1])
    return doc

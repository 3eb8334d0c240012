"""From what an archivist types to Whoosh queries.

Each query is parsed twice: over the folded fields alone, to find every matching
article (whatever matches an exact field matches its folded twin), and over all
text fields with their weights, to rank the matches. The ranking query needs no
phrases: it only weighs the words of articles already known to match. Whoosh's parser
forgives almost anything, silently; the checks here turn the mistakes it would
swallow into one clear sentence.
"""
import calendar
import re
from datetime import date

from whoosh import query as wq
from whoosh.qparser import MultifieldParser

from index.analysis import exact_form
from index.schema import FOLDED_FIELDS, QUERY_FIELDS, TEXT_FIELDS
from ingest.language.normalize import fold

OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
FIELD_RE = re.compile(r"(?<![\w\"])([A-Za-z_]\w*):")
WORDS = re.compile(r"[^\W_]+")
PLAIN_WORDS = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+)+")


class QueryError(ValueError):
    """A query that cannot be understood; the message is for the person who typed it."""


def check(text, schema):
    if not text.strip():
        raise QueryError("the query is empty")
    if text.count('"') % 2:
        raise QueryError("unclosed quotation mark in the query")
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            break
    if depth:
        raise QueryError("unbalanced parentheses in the query")
    for name in FIELD_RE.findall(text):
        if name not in schema:
            fields = ", ".join(QUERY_FIELDS)
            raise QueryError(f"unknown field '{name}:' (fields: {fields})")
    words = text.replace("(", " ( ").replace(")", " ) ").split()
    for before, word, after in zip(["("] + words, words, words[1:] + [")"]):
        if word in OPERATORS and (before in OPERATORS | {"("} and word != "NOT"
                                  or after in (OPERATORS - {"NOT"}) | {")"}):
            raise QueryError(f"'{word}' needs a term on each side")


def _has_null(q):
    return isinstance(q, type(wq.NullQuery)) or any(_has_null(c) for c in q.children())


def words_of_phrases(q):
    """A phrase as the And of its words."""
    if isinstance(q, wq.Phrase):
        return wq.And([wq.Term(q.fieldname, w, boost=q.boost) for w in q.words])
    return q


def _phrase_for_matching(q):
    """Phrases where positions are kept: a body phrase as all its pairs of adjacent
    folded syllables (see index.schema), a title phrase in the folded title."""
    if not isinstance(q, wq.Phrase) or q.fieldname not in ("body", "body_f", "title"):
        return q
    words = [fold(w) for w in q.words]
    if q.fieldname == "title":
        return wq.Phrase("title_f", words, boost=q.boost)
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:])]
    if not pairs:
        return wq.Term("body_f", words[0]) if words else wq.NullQuery
    return wq.And([wq.Term("body_pairs", p) for p in pairs]) if len(pairs) > 1 else wq.Term("body_pairs", pairs[0])


_PARSERS = {}


def _parsers(schema):
    """The two parsers of a schema, built once (building one costs more than parsing)."""
    key = tuple(schema.names())
    if key not in _PARSERS:
        _PARSERS[key] = (MultifieldParser(list(TEXT_FIELDS), schema, fieldboosts=TEXT_FIELDS),
                         MultifieldParser(list(FOLDED_FIELDS), schema))
    return _PARSERS[key]


DOUBLE_NOT = re.compile(r"(?<![^\s(])NOT\s+NOT(?![^\s(])")


def parse(text, schema):
    """(ranking query, matching query) for a query string; raises QueryError."""
    check(text, schema)
    while DOUBLE_NOT.search(text):  # NOT NOT a is a, which Whoosh's parser cannot read
        text = DOUBLE_NOT.sub(" ", text)
    ranking_parser, matching_parser = _parsers(schema)
    try:
        ranking = ranking_parser.parse(text).accept(words_of_phrases)
        matching = matching_parser.parse(text).accept(_phrase_for_matching)
    except (IndexError, ValueError, TypeError, AttributeError):  # forms check() does not foresee
        raise QueryError("the query could not be read: check its operators (AND, OR, NOT) and "
                         "parentheses") from None
    if _has_null(ranking) or _has_null(matching):
        raise QueryError("part of the query could not be read (check ranges, dates and numbers)")
    return ranking, matching


def with_compounds(ranking, text, reader):
    """Lift documents where adjacent query words form a compound the segmenter saw
    in the index ("hội nghị" as the word "hội_nghị"): an optional, extra clause."""
    extra = []
    for run in PLAIN_WORDS.findall(text):
        words = [w for w in run.split() if w not in OPERATORS]
        for a, b in zip(words, words[1:]):
            term = f"{exact_form(a)}_{exact_form(b)}"
            if reader.doc_frequency("body", term):
                extra.append(wq.Term("body", term, boost=0.5))
    return wq.AndMaybe(ranking, wq.Or(extra)) if extra else ranking


def day_bound(value, end):
    """YYYY, YYYY-MM or YYYY-MM-DD -> YYYYMMDD, the first or last day of the span."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value.strip())
    if not m:
        raise QueryError(f"'{value}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day:
            d = date(year, int(month), int(day))
        elif month:
            month = int(month)
            d = date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        else:
            d = date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        raise QueryError(f"'{value}' is not a real date") from None
    return int(d.strftime("%Y%m%d"))


def date_range(start=None, end=None):
    """A range over the article date, or None when neither bound is given."""
    if not start and not end:
        return None
    lo = day_bound(start, False) if start else None
    hi = day_bound(end, True) if end else None
    if lo and hi and lo > hi:
        raise QueryError(f"--from {start} is after --to {end}")
    return wq.NumericRange("day", lo, hi)


class FirstMatching(wq.Or):
    """Whatever its first subquery with any match matches (see index.finder)."""


def name_filter(keyword_field, text_field, value):
    """A whole name or code (any case or diacritics); failing that, all its words
    among the names ("Tuấn" finds "Lê Văn Tuấn" when no one is called just "Tuấn")."""
    words = WORDS.findall(fold(value))
    if not words:
        raise QueryError("an empty name was given")
    return FirstMatching([wq.Term(keyword_field, " ".join(fold(value).split())),
                          wq.And([wq.Term(text_field, w) for w in words])])


def site_term(value):
    """A site as typed ("www.qdnd.vn", "https://qdnd.vn/x") -> its indexed form ("qdnd.vn")."""
    host = value.strip().lower()
    host = host.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    host = host[4:] if host.startswith("www.") else host
    if not host:
        raise QueryError("an empty site was given")
    return host


def filters(unit=None, person=None, rank=None, type=None, start=None, end=None, site=None):
    """The And of the filters given, or None."""
    parts = [date_range(start, end)]
    if site:
        parts.append(wq.Term("site", site_term(site)))
    if unit:
        parts.append(name_filter("unit", "units", unit))
    if person:
        parts.append(name_filter("person", "people", person))
    if rank:
        parts.append(wq.Term("rank", " ".join(fold(rank).split())))
    if type:
        parts.append(wq.Term("type", type.strip().lower()))
    parts = [p for p in parts if p is not None]
    return wq.And(parts) if len(parts) > 1 else (parts[0] if parts else None)

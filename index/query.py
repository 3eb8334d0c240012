"""From what an archivist types to Whoosh queries.

Each query is parsed twice: over the folded fields alone, to find every matching
article (whatever matches an exact field matches its folded twin; field:value is
moved to the folded field, so diacritics stay optional there too), and over all
text fields with their weights, to rank the matches; a query of plain words alone
is built as the parsers would build it, without them (words_only). The ranking query needs no
phrases: it only weighs the words of articles already known to match. A phrase
matches its words one after the other with only spaces or punctuation between, in
one field; a word typed with a joiner ("6/45", "km/h") matches with that joiner.
Whoosh's wildcards ("?", "*") are off unless asked for: archivists type "tại sao?". Whoosh's parser
forgives almost anything, silently; the checks here turn the mistakes it would
swallow into one clear sentence.
"""
import calendar
import re
from datetime import date

from typing import NamedTuple

from whoosh import fields, query as wq
from whoosh.qparser import MultifieldParser, WildcardPlugin

from index import entities
from index.analysis import PART, folded_form
from index.schema import FOLDED_FIELDS, QUERY_FIELDS, TEXT_FIELDS
from ingest.language.normalize import fold

OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
FIELD_RE = re.compile(r"(?<![\w\"])([A-Za-z_]\w*):")
WORDS = re.compile(r"[^\W_]+")


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


def _bad_number(q, schema):
    """Whether a number field is given a value that is no number: Whoosh leaves a quoted
    one (year:"", year:"2020 2021") as text, which fails only when searched."""
    if isinstance(q, wq.Term) and isinstance(q.text, str) and q.fieldname in schema \
            and isinstance(schema[q.fieldname], fields.NUMERIC):
        try:
            schema[q.fieldname].to_bytes(q.text)
        except ValueError:
            return True
    return any(_bad_number(c, schema) for c in q.children())


class Sequence(wq.And):
    """The documents where the folded syllables `parts` stand one after the other in the
    text field `fieldname` (index.phrases, over the And of the syllables, the
    subqueries): a phrase, or a word typed with a joiner ("6/45"). For such a word the
    joiner must be there too, so the stored field `stored` of each such document is
    read (pattern(); positions skip punctuation); `stored` is None for a plain phrase."""

    def __init__(self, subqueries, fieldname, parts, stored=None, words=(), boost=1.0):
        super().__init__(subqueries, boost=boost)
        self.fieldname, self.parts, self.stored, self.words = fieldname, tuple(parts), stored, tuple(words)

    def __repr__(self):
        return f"Sequence({self.subqueries!r}, {self.fieldname!r}, {self.parts!r}, {self.stored!r}, {self.words!r})"

    def __eq__(self, other):
        return isinstance(other, Sequence) and repr(self) == repr(other)

    def __hash__(self):
        return hash(repr(self))

    def apply(self, fn):
        return Sequence([fn(q) for q in self.subqueries], self.fieldname, self.parts, self.stored, self.words,
                        self.boost)

    def pattern(self):
        """The words in order, with only spaces or punctuation between them (a joiner
        typed inside a word must be there), as whole words."""
        return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, self.words)) + r"(?![^\W_])")


# A field as the archivist names it -> the folded field that decides what matches
# (with positions); the stored field a joined word is checked against.
MATCH_FIELD = {"title": "title_f", "body": "body_f"}
STORED = {"title_f": "title", "body_f": "text"}
# Short folded fields where a joined word ("Hà-Nội") is the And of its syllables.
JOINED_AS_PARTS = ("location", "units", "people")


def sequence(field, words):
    """The matching query of folded words one after the other in a text field: one term,
    or the syllables in sequence (Sequence), the joiners of a word typed with one checked."""
    words = [w for w in words if PART.search(w)]
    parts = [p for w in words for p in PART.findall(w)]
    if len(parts) <= 1:
        return wq.Term(field, parts[0]) if parts else wq.NullQuery
    joined = len(parts) > len(words)
    return Sequence([wq.Term(field, p) for p in dict.fromkeys(parts)], field, parts,
                    STORED[field] if joined else None, words)


def for_matching(q):
    """A parsed query made to match as the help says: field:value in the folded field,
    phrases and joined words as sequences (see sequence), wildcards folded."""
    if isinstance(q, (wq.Term, wq.Phrase, wq.Wildcard, wq.Prefix)) and q.fieldname in MATCH_FIELD:
        q = q.copy()
        q.fieldname = MATCH_FIELD[q.fieldname]
        if isinstance(q, wq.Phrase):
            q.words = [folded_form(w) for w in q.words]
        elif isinstance(q.text, str):
            q.text = folded_form(q.text)
    if q.is_leaf() and getattr(q, "fieldname", None) in STORED:
        if isinstance(q, wq.Phrase):
            return sequence(q.fieldname, q.words)
        if isinstance(q, wq.Term) and isinstance(q.text, str) and not PART.fullmatch(q.text):
            return sequence(q.fieldname, [q.text])
        return q
    if isinstance(q, wq.Term) and q.fieldname in JOINED_AS_PARTS and isinstance(q.text, str) \
            and not PART.fullmatch(q.text):
        return wq.And([wq.Term(q.fieldname, p) for p in PART.findall(q.text)])
    return q if q.is_leaf() else q.apply(for_matching)


def for_ranking(q):
    """A parsed query made to rank: phrases and joined words as the And of their syllables."""
    if isinstance(q, wq.Phrase):
        words = [p for w in q.words for p in PART.findall(w)]
        return wq.And([wq.Term(q.fieldname, w, boost=q.boost) for w in words])
    if isinstance(q, wq.Term) and isinstance(q.text, str) and q.fieldname in TEXT_FIELDS and not PART.fullmatch(q.text):
        return wq.And([wq.Term(q.fieldname, w, boost=q.boost) for w in PART.findall(q.text)])
    return q if q.is_leaf() else q.apply(for_ranking)


def targets(q):
    """What snippets mark: the words and phrases (tuples of exact words) a query looks
    for, not those it excludes."""
    if isinstance(q, (wq.Not,)):
        return []
    if isinstance(q, wq.AndNot):
        return targets(q.a)
    if isinstance(q, wq.Phrase) and q.fieldname in MATCH_FIELD:
        return [tuple(q.words)]
    if isinstance(q, wq.Term) and q.fieldname in MATCH_FIELD and isinstance(q.text, str):
        return [tuple(PART.findall(q.text))] if not PART.fullmatch(q.text) and len(PART.findall(q.text)) > 1 \
            else [(q.text,)]
    return list(dict.fromkeys(t for c in q.children() for t in targets(c)))


_PARSERS = {}


def _parsers(schema, wildcards):
    """The two parsers of a schema, built once (building one costs more than parsing)."""
    key = (tuple(schema.names()), wildcards)
    if key not in _PARSERS:
        parsers = (MultifieldParser(list(TEXT_FIELDS), schema, fieldboosts=TEXT_FIELDS),
                   MultifieldParser(list(FOLDED_FIELDS), schema))
        if not wildcards:
            for parser in parsers:
                parser.remove_plugin_class(WildcardPlugin)
        _PARSERS[key] = parsers
    return _PARSERS[key]


def words_only(searched, schema):
    """[ranking parse, matching parse] of a query of plain words alone ("hội nghị tổng
    kết": no quotes, fields, operators, parentheses or joiners), built as Whoosh's
    parsers build them (_parsers: each word the Or of its term in every field, with the
    field's weight; the words' And, each distinct word once) without running them:
    the two parses were a quarter of a rare word's query (0.35 of 1.3 ms). None for
    any other query, and for a word a field's analyzer does not keep as one term;
    tests/test_search_parse.py holds it to Whoosh's parse."""
    words = searched.split()
    if not all(PART.fullmatch(w) and w not in OPERATORS for w in words):
        return None
    built = []
    for weights in (TEXT_FIELDS, dict.fromkeys(FOLDED_FIELDS, 1.0)):
        ors = []
        for word in words:
            terms = []
            for name, boost in weights.items():
                texts = list(schema[name].process_text(word, mode="query"))
                if len(texts) != 1:
                    return None
                terms.append(wq.Term(name, texts[0], boost=boost))
            ors.append(wq.Or(terms))
        ors = list(dict.fromkeys(ors))
        built.append(ors[0] if len(ors) == 1 else wq.And(ors))
    return built


DOUBLE_NOT = re.compile(r"(?<![^\s(])NOT\s+NOT(?![^\s(])")
# "?" and "*": wildcards only when asked for, and then only inside or after a word.
STRAY_WILDCARD = re.compile(r"(?<![^\W_])[?*]")
ANY_WILDCARD = re.compile(r"[?*]")


class Parsed(NamedTuple):
    ranking: wq.Query
    matching: wq.Query
    targets: list        # see targets()
    searched: str        # the query as searched, after the rewrites below


def rewrite(text, wildcards=False):
    """The query as it is searched: "?" and "*" dropped unless wildcards are asked for
    (then only those that follow no letter), NOT NOT dropped (Whoosh cannot read it)."""
    text = (STRAY_WILDCARD if wildcards else ANY_WILDCARD).sub(" ", text)
    while DOUBLE_NOT.search(text):  # NOT NOT a is a
        text = DOUBLE_NOT.sub(" ", text)
    return " ".join(text.split())


def read(text, schema, wildcards=False):
    """A query string read into Parsed; raises QueryError."""
    check(text, schema)
    searched = rewrite(text, wildcards)
    if not searched.strip('"() '):
        raise QueryError("the query has no word to search for")
    try:
        raw, matching = words_only(searched, schema) or [parser.parse(searched) for parser in
                                                          _parsers(schema, wildcards)]
        ranking = for_ranking(raw)
        matching = for_matching(matching)
    except (IndexError, ValueError, TypeError, AttributeError):  # forms check() does not foresee
        raise QueryError("the query could not be read: check its operators (AND, OR, NOT) and "
                         "parentheses") from None
    if _has_null(ranking) or _has_null(matching) or _bad_number(matching, schema):
        raise QueryError("part of the query could not be read (check ranges, dates and numbers)")
    return Parsed(ranking, matching, targets(raw), searched)


def parse(text, schema, wildcards=False):
    """(ranking query, matching query) for a query string; raises QueryError."""
    return read(text, schema, wildcards)[:2]


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
    """The articles filed in a range of dates, or whose reported period overlaps it
    (index.schema); None when neither bound is given."""
    if not start and not end:
        return None
    lo = day_bound(start, False) if start else None
    hi = day_bound(end, True) if end else None
    if lo and hi and lo > hi:
        raise QueryError(f"--from {start} is after --to {end}")
    overlap = [wq.NumericRange(field, low, high) for field, low, high in
               (("period_start", None, hi), ("period_end", lo, None)) if low or high]
    return wq.Or([wq.NumericRange("day", lo, hi), wq.And(overlap) if len(overlap) > 1 else overlap[0]])


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


def filters(unit=None, person=None, rank=None, type=None, start=None, end=None, site=None, authority=None,
            notes=None):
    """The And of the filters given, or None. With `authority` (the records database),
    unit and person are resolved to its entries (index.entities), and notes (a list)
    gets what was chosen; a person several people fit is a QueryError listing them."""
    parts = [date_range(start, end)]
    if site:
        parts.append(wq.Term("site", site_term(site)))
    if unit:
        parts.append(entities.unit_query(authority, unit, notes)[0] if authority is not None
                     else name_filter("unit", "units", unit))
    if person and authority is not None:
        try:
            parts.append(entities.person_query(authority, person, rank, notes)[0])
        except entities.reading.Ambiguous as exc:
            raise QueryError(f"--person {exc}") from None
    elif person:
        parts.append(name_filter("person", "people", person))
    if rank and not (person and authority is not None):
        parts.append(wq.Term("rank", " ".join(fold(rank).split())))
    if type:
        parts.append(wq.Term("type", type.strip().lower()))
    parts = [p for p in parts if p is not None]
    return wq.And(parts) if len(parts) > 1 else (parts[0] if parts else None)

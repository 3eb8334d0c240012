"""An article's text cut into pieces that know what they are: part of a unit, a
person, a date or a figure the extraction found, and part of a match of the query.

Entities are found where the record's own words for them occur (a unit's
mentions, a person's name, a date's or figure's text), longest first so that
"Nhà máy Z175" wins over "Z175"; query words are found as the snippets find them,
on a folded copy of the text of the same length (index.snippet), so "hoi nghi"
marks "Hội nghị". Pieces carry plain text: the template escapes them.
"""
import re

from index.snippet import occurrences

KINDS = ("unit", "person", "date", "figure")


def entity_spans(text, record):
    """[(start, end, kind, key)] of the record's entities in text, not overlapping."""
    wanted = []
    for unit in record.get("units") or []:
        key = unit.get("code") or unit.get("name")
        for words in {unit.get("name"), unit.get("code"), *(unit.get("mentions") or [])}:
            if words:
                wanted.append((words, "unit", key))
    for person in record.get("people") or []:
        if person.get("name"):
            wanted.append((person["name"], "person", person["name"]))
    for kind, items in (("date", record.get("dates")), ("figure", record.get("figures"))):
        for item in items or []:
            if item.get("text"):
                wanted.append((item["text"], kind, None))
    taken = bytearray(len(text))
    spans = []
    for words, kind, key in sorted(wanted, key=lambda w: -len(w[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text):
            if not any(taken[m.start():m.end()]):
                taken[m.start():m.end()] = b"\1" * (m.end() - m.start())
                spans.append((m.start(), m.end(), kind, key))
    return sorted(spans)


def pieces(text, record, targets=()):
    """Paragraphs of pieces {text, kind, key, hit}: `hit` numbers the query matches
    (index.snippet.occurrences: as the snippets mark them) from 0 (the first piece of
    each match also has `first`), None outside them."""
    entities = entity_spans(text, record)
    hits = occurrences(text, targets)[0] if targets else []
    cuts = sorted({0, len(text)} | {i for s, e, *_ in entities for i in (s, e)} | {i for s, e in hits for i in (s, e)}
                  | {m.start() for m in re.finditer(r"\n", text)} | {m.end() for m in re.finditer(r"\n", text)})
    paragraphs, current = [], []
    ei = hi = 0
    for start, end in zip(cuts, cuts[1:]):
        chunk = text[start:end]
        if chunk == "\n":
            if current:
                paragraphs.append(current)
            current = []
            continue
        while ei < len(entities) and entities[ei][1] <= start:
            ei += 1
        while hi < len(hits) and hits[hi][1] <= start:
            hi += 1
        entity = entities[ei] if ei < len(entities) and entities[ei][0] <= start else None
        hit = hi if hi < len(hits) and hits[hi][0] <= start else None
        current.append({"text": chunk, "kind": entity[2] if entity else None, "key": entity[3] if entity else None,
                        "hit": hit, "first": hit is not None and hits[hit][0] == start})
    if current:
        paragraphs.append(current)
    return paragraphs, len(hits)

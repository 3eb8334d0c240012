"""Facets the page shows beside the Finder's own (year, event type, unit): person,
rank and site, counted the same way (a mask of the hits summed per value). With
the authorities, the person facet is the people authority's, as the unit facet is
the units' (index.entities): one entry per person, whatever spellings were merged,
and a namesake split off apart, under its label.

Each facet's (document, value) pairs are kept as two arrays, so counting is one
numpy bincount. The index keeps people and ranks folded ("le van tuan"), as filters match them;
the page shows them as written, read from one article that names each shown value
(a dozen lookups per page, remembered until the index changes).
"""
import numpy as np
from whoosh import query as wq

from index import entities
from ingest.language.normalize import fold

EXTRA = ("person", "rank", "site")
TOP = 15


def _columns(archive, f):
    """{facet: (indexed terms, document numbers, term number of each)} for the extra
    facets, once per index: every (document, value) pair of a facet in two arrays, so
    that counting a set of hits is one numpy bincount whatever the number of values."""
    if "facet_columns" not in archive.memo:
        live = f.all_docs()
        columns = {}
        for name in EXTRA:
            terms = list(f.reader.field_terms(name))
            docs = [np.fromiter(f.docs(wq.Term(name, term)) & live, dtype=np.int64) for term in terms]
            owners = [np.full(len(d), i, dtype=np.int64) for i, d in enumerate(docs)]
            columns[name] = (terms, np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
                             np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64))
        archive.memo["facet_columns"] = columns
    return archive.memo["facet_columns"]


def _label(archive, f, name, term, first_doc):
    """The value as an article writes it (a person's name, a rank), else the term;
    first_doc() gives an article naming it."""
    labels = archive.memo.setdefault("labels", {})
    key = (name, term)
    if key not in labels:
        labels[key] = term
        if name != "site":
            people = (f.searcher.stored_fields(first_doc()).get("entities") or {}).get("people", [])
            field = "name" if name == "person" else "rank"
            labels[key] = next((p[field] for p in people if p.get(field) and fold(p[field]) == term), term)
    return labels[key]


def extra_facets(archive, f, hits):
    """{person|rank|site: {label: count}}, the most frequent first, for the hits."""
    mask = np.zeros(f.reader.doc_count_all(), dtype=bool)
    mask[np.fromiter(hits, dtype=np.int64, count=len(hits))] = True
    out = {}
    people = entities.facet_by_entry(f, hits, entities.person_groups, TOP)
    for name, (terms, docs, owners) in _columns(archive, f).items():
        if name == "person" and people is not None:
            out[name] = people
            continue
        counts = np.bincount(owners[mask[docs]], minlength=len(terms))
        top = sorted(np.flatnonzero(counts).tolist(), key=lambda i: (-counts[i], terms[i]))[:TOP]
        out[name] = {_label(archive, f, name, terms[i], lambda i=i: int(docs[np.argmax(owners == i)])): int(counts[i])
                     for i in top}
    return out

"""Facets the page shows beside the Finder's own (year, event type, unit): person,
rank and site, counted the same way (a mask of the hits summed per value).

The index keeps people and ranks folded ("le van tuan"), as filters match them;
the page shows them as written, read from one article that names each shown value
(a dozen lookups per page, remembered until the index changes).
"""
import numpy as np
from whoosh import query as wq

from ingest.language.normalize import fold

EXTRA = ("person", "rank", "site")
TOP = 15


def _sets(archive, f):
    """{facet: {indexed term: document numbers}} for the extra facets, once per index."""
    if "facet_sets" not in archive.memo:
        live = f.all_docs()
        archive.memo["facet_sets"] = {
            name: {term: np.fromiter(f.docs(wq.Term(name, term)) & live, dtype=np.int64)
                   for term in f.reader.field_terms(name)}
            for name in EXTRA}
    return archive.memo["facet_sets"]


def _label(archive, f, name, term, docs):
    """The value as an article writes it (a person's name, a rank), else the term."""
    labels = archive.memo.setdefault("labels", {})
    key = (name, term)
    if key not in labels:
        labels[key] = term
        if name != "site" and len(docs):
            people = (f.searcher.stored_fields(int(docs[0])).get("entities") or {}).get("people", [])
            field = "name" if name == "person" else "rank"
            labels[key] = next((p[field] for p in people if p.get(field) and fold(p[field]) == term), term)
    return labels[key]


def extra_facets(archive, f, hits):
    """{person|rank|site: {label: count}}, the most frequent first, for the hits."""
    mask = np.zeros(f.reader.doc_count_all(), dtype=bool)
    mask[np.fromiter(hits, dtype=np.int64, count=len(hits))] = True
    out = {}
    for name, groups in _sets(archive, f).items():
        pairs = [(term, int(np.count_nonzero(mask[docs]))) for term, docs in groups.items()]
        pairs = sorted((p for p in pairs if p[1]), key=lambda p: (-p[1], p[0]))[:TOP]
        out[name] = {_label(archive, f, name, term, groups[term]): n for term, n in pairs}
    return out

"""Index: the Whoosh full-text index built from the records database.

In: article records (with the text segmented once, by `ingest.language.segment`). Out:
a generation of the index under `<data-dir>/index` that `search/` queries: the schema
(`schema`), the Vietnamese analyzer (`analysis`), crash-safe writes and atomic
rebuilds (`writer`), query parsing (`query`), ranking and facets (`rank`, `finder`)
and snippets (`snippet`).
"""

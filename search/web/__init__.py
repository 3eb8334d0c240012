"""`thidua serve`: the archive as a local, read-only web page.

The page reads what the command line reads (index.finder, search.timeline,
search.stats, ingest.store); this package only turns those answers into pages, their
JSON twins and exports: `app` (routes, headers), `archive` (the open searcher,
reopened when the index changes), `views` (the data of each page), `facets`,
`marking` (an article's text with its entities and query words), `charts` (SVG
geometry), `messages` (the Vietnamese and English catalog, dates and numbers).
"""

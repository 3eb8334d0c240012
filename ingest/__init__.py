"""Ingest: inputs → article records in the records database, stage by stage.

`scrape/` fetches pages politely and keeps WARC; `clean/` turns bytes into clean
article fields; `extract/` finds the entities of a clean record; `language/` is the
Vietnamese text knowledge they share. Where the stages meet: `pipeline` (paths or bytes
→ records, one error line per bad input), `record` (the record's shape and id) and
`store` (records into SQLite), with `identity` (how an article is recognised again),
`inputs` (which files a batch holds, and which are unchanged) and `curation` (removal,
hiding). Rules and word lists live in `data/`. `scale/` runs the pipeline on many
processes or a Dask cluster into record shards, for loading later.

The version is written here, once (setup.cfg reads it): the crawler's user agent
names it without asking the installed package's metadata, which costs a tenth of a
second at every start.
"""
__version__ = "0.1.0"

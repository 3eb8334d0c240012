"""Extract: a clean article record → the entities it names.

In: a record from `ingest.record`. Out: the same record with its event (type, date,
location), units, people with ranks, dates and figures, each a rule module over the
text (`compose` runs them in order and ties figures to periods and organisations). Rules and word lists are data files in `ingest/data/`.
"""

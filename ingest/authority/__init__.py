"""Authorities: one entry per unit and per person across the whole archive.

Extraction reads one article at a time, so the same agency comes out as
"Tổng cục Công nghiệp quốc phòng" here and as "Cụm thi đua khối cơ quan Tổng cục"
vs "… Tổng cục Công nghiệp quốc phòng" there. The authorities sit beside the
records in records.sqlite: `units` (canonical units seeded from the gazetteer,
every extracted name linked to one), `people` (one entry per officer), `edits`
(the archivist's merges, renames, aliases, drops and splits, replayed whenever
the authorities are rebuilt, so no re-ingest or newer extractor loses them) and
`reading` (what search, timeline and stats ask of them). Records and the index
are never rewritten: filters resolve a typed name to entries, then to the names
the index holds.
"""

"""What storing a record needs to know of it that the record alone decides.

Storing is the one step of an ingest that runs in one process (it looks the
archive up), so what it can be handed ready-made is worked out beside the
extraction instead, on as many processes as extract (the --jobs workers, or
whoever calls pipeline.map_partition): the content hash, the lines of running
text with each line's MinHash and shingles (ingest.identity.copies.line_sketches),
and the numbers of its lines (copies.numbers). The store still decides with the
archive what only the archive knows: which lines are furniture, and so the band
keys (copies.band_keys_of) and the shingles compared (copies.shingle_set); it keeps
the shingles and numbers beside the article, so that a later text that finds it as
a candidate reads them instead of working them out again from its text.
"""
from collections import namedtuple

from ingest.identity.copies import content_lines, line_sketches, numbers
from ingest.identity.sources import content_hash
from ingest.language.normalize import match_key_lines

Fingerprint = namedtuple("Fingerprint", "content_hash lines sketches numbers")


def fingerprint(record):
    """The Fingerprint of a record: its content_hash, the keys of its content_lines,
    their line_sketches and the text's numbers (the text normalized once for all)."""
    text = record.get("text") or ""
    keys = match_key_lines(text)
    lines = content_lines(text, keys)
    return Fingerprint(content_hash(record.get("title"), text, keys), tuple(lines), line_sketches(lines),
                       numbers(text, keys))

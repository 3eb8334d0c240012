"""What storing a record needs to know of it that the record alone decides.

Storing is the one step of an ingest that runs in one process (it looks the
archive up), so what it can be handed ready-made is worked out beside the
extraction instead, on as many processes as extract (the --jobs workers, or
whoever calls pipeline.map_partition): the content hash, the lines of running
text and each line's MinHash (ingest.identity.copies.line_sketches). The store
still decides with the archive what only the archive knows: which lines are
furniture, and so the band keys (copies.band_keys_of).
"""
from collections import namedtuple

from ingest.identity.copies import content_lines, line_sketches
from ingest.identity.sources import content_hash
from ingest.language.normalize import match_key_lines

Fingerprint = namedtuple("Fingerprint", "content_hash lines sketches")


def fingerprint(record):
    """The Fingerprint of a record: its content_hash, the keys of its content_lines and
    their line_sketches (the text normalized once for both)."""
    text = record.get("text") or ""
    keys = match_key_lines(text)
    lines = content_lines(text, keys)
    return Fingerprint(content_hash(record.get("title"), text, keys), tuple(lines), line_sketches(lines))

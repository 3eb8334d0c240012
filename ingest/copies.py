"""Near copies: the same story republished with small edits, found at ingest.

A text is the set of its word 3-grams (shingles, of the normalized words). Two texts
are copies when their shingle sets overlap enough: Jaccard similarity at least
JACCARD, or, for a text republished with a paragraph dropped or another site's
furniture added, the smaller set contained in the larger at least CONTAINED with
Jaccard at least JACCARD_CONTAINED. Finding the candidates among every archived
article is locality-sensitive hashing: a MinHash signature (datasketch) cut into
BANDS bands of ROWS values, each band's hash kept in SQLite, so that two texts of
Jaccard 0.5 share a band with probability 0.986 and two unrelated ones (0.05)
with 0.004. Candidates are then checked on their exact shingle sets.
Texts of fewer than MIN_SHINGLES shingles are too short to judge: only exact
copies of them are recognised.
"""
import hashlib
import re

import numpy as np
from datasketch import MinHash

from ingest.language.normalize import match_key

SHINGLE_WORDS = 3
BANDS, ROWS = 32, 3
MIN_SHINGLES = 12
JACCARD = 0.5
CONTAINED, JACCARD_CONTAINED = 0.85, 0.3
WORD = re.compile(r"\w+")
_SEED = 20261202


def shingles(text):
    words = WORD.findall(match_key(text or ""))
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(len(words) - SHINGLE_WORDS + 1, 0))}


def band_keys(found):
    """The LSH keys of a shingle set, one per band (signed 64-bit, for SQLite); []
    when the text is too short to judge."""
    if len(found) < MIN_SHINGLES:
        return []
    minhash = MinHash(num_perm=BANDS * ROWS, seed=_SEED)
    minhash.update_batch([s.encode("utf-8") for s in sorted(found)])
    values = np.asarray(minhash.hashvalues, dtype=np.uint64).reshape(BANDS, ROWS)
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + row.tobytes(), digest_size=8).digest(), "big",
                           signed=True) for band, row in enumerate(values)]


def similarity(a, b):
    """(Jaccard, containment of the smaller in the larger) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common), common / min(len(a), len(b))


def are_copies(a, b):
    jaccard, contained = similarity(a, b)
    return jaccard >= JACCARD or (contained >= CONTAINED and jaccard >= JACCARD_CONTAINED)

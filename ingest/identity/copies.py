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

Words alone are not enough: agencies and units publish reports on one template
("Nhà máy Z… tổ chức hội nghị tổng kết … giá trị sản xuất đạt … tỷ đồng"), so two
reports of different factories can share most of their shingles. A republished
copy keeps the original's numbers (dates, figures, codes): a dropped paragraph or
added furniture leaves the smaller set inside the larger, one changed word costs
at most one number. So when both texts hold at least MIN_NUMBERS numbers, at least
NUMBERS_SHARED of the smaller set must be in the larger one.
"""
import hashlib
import re
from collections import namedtuple

from ingest.language.normalize import match_key

SHINGLE_WORDS = 3
BANDS, ROWS = 32, 3
MIN_SHINGLES = 12
JACCARD = 0.5
CONTAINED, JACCARD_CONTAINED = 0.85, 0.3
MIN_NUMBERS, NUMBERS_SHARED = 2, 0.8
WORD = re.compile(r"\w+")
NUMBER = re.compile(r"\d+(?:[.,/:-]\d+)*")
_SEED = 20261202

Text = namedtuple("Text", "shingles numbers")


def fingerprint(text):
    """What near-copy detection compares of a text: its shingles and its numbers."""
    key = match_key(text or "")
    words = WORD.findall(key)
    found = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(len(words) - SHINGLE_WORDS + 1, 0))}
    return Text(found, set(NUMBER.findall(key)))


def band_keys(found):
    """The LSH keys of a text (its fingerprint), one per band (signed 64-bit, for
    SQLite); [] when the text is too short to judge."""
    found = found.shingles
    if len(found) < MIN_SHINGLES:
        return []
    import numpy as np  # imported late, with datasketch: the command line's help needs neither
    from datasketch import MinHash

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


def numbers_agree(a, b):
    if min(len(a), len(b)) < MIN_NUMBERS:
        return True
    return len(a & b) / min(len(a), len(b)) >= NUMBERS_SHARED


def are_copies(a, b):
    """Whether two fingerprints are near copies (see the module docstring)."""
    jaccard, contained = similarity(a.shingles, b.shingles)
    similar = jaccard >= JACCARD or (contained >= CONTAINED and jaccard >= JACCARD_CONTAINED)
    return similar and numbers_agree(a.numbers, b.numbers)

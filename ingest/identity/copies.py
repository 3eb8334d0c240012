"""Near copies: the same story republished with small edits, found at ingest.

A text is the set of its word 3-grams (shingles, of the normalized words), taken line
by line over its lines of running text only. Two texts are copies when their shingle
sets overlap enough: Jaccard similarity at least JACCARD, or, for a text republished
with a paragraph dropped or another site's furniture added, the smaller set contained
in the larger at least CONTAINED with Jaccard at least JACCARD_CONTAINED.

What is not evidence of copying is kept out of the sets, because it is what two
different articles of one site share, and on a short article it outweighs the story:
- lines of fewer than MIN_LINE_WORDS words: menus, breadcrumbs, dates, share buttons,
  bylines, captions ("Trang chủ | Tin tức", "Chia sẻ Facebook");
- furniture lines: a line that other archived articles of the same site hold (at least
  FURNITURE_SITE of them), or that at least FURNITURE_STORIES different stories hold (a
  copyright line, a call for comments, a notice's template sentence) says nothing
  about which story a text is. A copy's paragraphs are found on other sites and in
  one story, so they are not taken for furniture. The store counts lines (see
  store._is_furniture).
A site's first articles are compared before their furniture is known: two short
notices of one site under the same long footer share most of their lines. So two
texts of the same site must be nearly the same (Jaccard SAME_SITE_JACCARD: a site
that posts a story again posts an update of it, or a second address for it), while
a copy on another site, where the furniture differs, needs only the bars above. A
copy that arrives while its own site's furniture is still unknown can be missed
(its furniture weighs against it); the measured recall below counts those misses.
Shingles never span two lines, so a copy's words are the same whatever another site
put before or after them.

Words alone are not enough: agencies and units publish reports on one template
("Nhà máy Z… tổ chức hội nghị tổng kết … giá trị sản xuất đạt … tỷ đồng"), so two
reports of different factories can share most of their shingles. A republished
copy keeps the original's numbers (dates, figures, codes) in the sentences it
keeps. So the lines both texts hold once their numbers are masked are compared,
number by number: a unit code that differs (Z175 against Z131: another unit's
report) means no copy; else, when they hold at least MIN_NUMBERS numbers, at least
NUMBERS_SHARED of them must be the same (a copy may correct a figure or two).
Paragraphs dropped or added do not count (they are not in both).

Finding the candidates among every archived article is locality-sensitive hashing:
a MinHash signature cut into BANDS bands of ROWS values, each band's hash kept in
SQLite, so that two texts of Jaccard 0.5 share a band with probability 0.986 and two
unrelated ones (0.05) with 0.004; an article sharing a line that is not furniture is
a candidate too (its bands may have been cut before its site's furniture was known).
Candidates are then checked on their exact shingle sets, each shingle known by a
64-bit hash (the first eight bytes of its sha1: shingle_set says how rarely two
differ for it) and each line's set kept, with the text's numbers, when the record is
extracted (line_sketches, numbers), so that the one process that stores reads an
archived candidate's from the archive instead of cutting its text into shingles
again for every new text that finds it (store._compared). Texts of fewer than
MIN_SHINGLES shingles are too short to judge: only exact copies of them are
recognised.

The MinHash is datasketch's (2.x, its default "affine32" scheme: sha1's first four
bytes, MurmurHash3's finalizer, a*h+b modulo 2**32, permutations drawn from
numpy's RandomState(_SEED)), written out here in numpy for two reasons: importing
datasketch imports scipy (0.6 s in every process that stores), and the signature
of a union of lines is the minimum of the lines' signatures, so each line's is
worked out once where the record is extracted (line_sketches, in the --jobs
workers), and the one process that stores only takes the minimum over the lines
that are not furniture (band_keys_of). The band keys are those datasketch 2.x
gives (tests/test_copies.py checks them against its own MinHash), so an archive
built with it keeps matching; bands cut by datasketch 1.x, whose permutations
differ, no longer meet new ones, and such old articles are found as candidates by
their shared lines only.

bench/copies_bench.py measures the rule on baomoi articles and their generated copies
among other reports on the same topics: pair precision 1.000, recall 0.992 (3,149
articles), and the copy work per new article at 50,000 archived articles: 0.04 x
underthesea's word_tokenize of the same text in the one process that stores (0.17 x
when it worked candidates out from their texts), 0.11 x with the fingerprint worked
out beside the extraction.
"""
import hashlib
import re
from collections import namedtuple

from ingest.language.normalize import match_key_lines

SHINGLE_WORDS = 3
BANDS, ROWS = 32, 3
MIN_SHINGLES = 12
MIN_LINE_WORDS = 10
FURNITURE_STORIES, FURNITURE_SITE = 3, 2
JACCARD = 0.5
CONTAINED, JACCARD_CONTAINED = 0.85, 0.3
SAME_SITE_JACCARD = 0.8
MIN_NUMBERS, NUMBERS_SHARED = 2, 0.8
WORD = re.compile(r"\w+")
# A number with a unit code's letters (z175): a run of letters then digits. A match can
# only begin where a run of letters begins (the lookbehind), which gives the same matches
# as without it, without trying again at every letter of every word. One group, so that
# NUMBER.split gives a line's numbers and the words between them in one pass.
NUMBER = re.compile(r"((?<![^\W\d_])[^\W\d_]*\d+(?:[.,/:-]\d+)*)")
DIGIT = re.compile(r"\d")
_SEED = 20261202


def _key(data):
    """A signed 64-bit key (what SQLite stores as an INTEGER)."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


def content_lines(text, keys=None):
    """{line key: words} of the lines of running text (see the module docstring); keys:
    match_key_lines(text), when already worked out."""
    lines = {}
    for line in match_key_lines(text or "") if keys is None else keys:
        words = WORD.findall(line)
        if len(words) >= MIN_LINE_WORDS:
            lines[_key(" ".join(words).encode("utf-8"))] = words
    return lines


def shingles(lines):
    """The shingle set of content_lines(text), as words: the definition shingle_set (what
    storing compares, as hashes) is held to (tests/test_copies_differential.py)."""
    return {shingle for words in lines.values() for shingle in shingle_list(words)}


def shingle_list(words):
    """The shingles of one line's words, in order."""
    return [" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]


def band_keys(found):
    """The LSH keys of a shingle set, one per band (signed 64-bit, for SQLite); []
    when the text is too short to judge. The definition band_keys_of is held to
    (tests/test_copies.py); storing uses band_keys_of."""
    if len(found) < MIN_SHINGLES:
        return []
    return _bands(_permuted(_hashed(list(found))).min(axis=0))


def line_sketches(lines):
    """Sketches of content_lines(text), line by line in its order: what band_keys_of
    makes a text's band keys of, whichever of its lines turn out to be furniture, and
    shingle_set the shingle set of its lines that are not. rows: each line's MinHash
    row (an array, one row per line); few: for a line of fewer than MIN_SHINGLES
    shingles, the numbers of its shingles (one number per shingle in the whole text),
    so that such lines can be counted together; a longer line is enough alone;
    shingles: each line's shingles as 64-bit hashes (see _hashed), the lines one after
    another, and ends: where each line's end in them. Small to send between
    processes and to keep in the archive: no words, arrays."""
    import numpy as np

    numbered, found, ends = {}, [], []  # found: each line's shingles by number, one line after another
    for words in lines.values():
        found += [numbered.setdefault(s, len(numbered)) for s in shingle_list(words)]
        ends.append(len(found))
    starts = [0, *ends[:-1]]
    few = {}
    for key, start, end in zip(lines, starts, ends):
        ids = frozenset(found[start:end])
        if len(ids) < MIN_SHINGLES:
            few[key] = ids
    hashed, found = _hashed(list(numbered)), np.array(found, dtype=np.int64)
    rows = np.array([_EMPTY] * len(ends), dtype=np.uint32).reshape(len(ends), BANDS * ROWS)
    full = [i for i, (start, end) in enumerate(zip(starts, ends)) if end > start]  # all, from content_lines
    if full:  # each line's minimum, the rows of its shingles being one after another
        rows[full] = np.minimum.reduceat(_permuted(hashed)[found], [starts[i] for i in full], axis=0)
    return Sketches(rows, few, hashed[found], np.array(ends, dtype=np.uint32))


Sketches = namedtuple("Sketches", "rows few shingles ends")
_EMPTY = [(1 << 32) - 1] * (BANDS * ROWS)  # the MinHash of no shingle


def shingle_set(shingles, ends, places):
    """The shingle set (as 64-bit hashes) of the lines at places (their order in the
    text), out of a text's line_sketches' shingles and ends: the same as
    shingles() of those lines, but for two different shingles of one hash. With
    64-bit hashes that is a chance of about n * n / 2**65 for the n shingles two
    texts compared hold together: 1e-13 for 2,000 shingles, so below 1e-8 over the
    ~40,000 comparisons of a 10,000-article ingest; and a collision moves a count by
    one, which changes a decision only at a threshold's edge."""
    if len(places) == len(ends):
        return set(shingles.tolist())
    starts = [0, *ends[:-1].tolist()]
    ends = ends.tolist()
    return {value for i in places for value in shingles[starts[i]:ends[i]].tolist()}


def band_keys_of(keys, sketches, content):
    """band_keys of the shingles of the lines content, out of the lines keys (in the
    order of their sketches, from line_sketches): the minimum of their MinHash rows,
    the same as the MinHash of their shingles together."""
    content = set(content)
    chosen = [i for i, key in enumerate(keys) if key in content]
    if all(keys[i] in sketches.few for i in chosen) and \
            len(frozenset().union(*(sketches.few[keys[i]] for i in chosen))) < MIN_SHINGLES:
        return []
    return _bands(sketches.rows[chosen].min(axis=0))


def _bands(values):
    import numpy as np

    rows = np.asarray(values, dtype=np.uint64).reshape(BANDS, ROWS)
    return [_key(bytes([band]) + row.tobytes()) for band, row in enumerate(rows)]


def _hashed(found):
    """The 64-bit hashes of shingles (an array): the first eight bytes of each one's
    sha1, whose first four are what the MinHash permutes (see _permuted)."""
    import numpy as np  # imported late: the command line's help does not need it

    sha1 = hashlib.sha1
    return np.frombuffer(b"".join([sha1(s.encode("utf-8")).digest()[:8] for s in found]), dtype="<u8")


def _permuted(hashed):
    """The permuted hash values of shingles (their _hashed), one row of BANDS * ROWS per
    shingle (datasketch's affine32 MinHash of sha1's first four bytes, see the module
    docstring)."""
    import numpy as np

    a, b = _permutations()
    hv = (hashed & np.uint64(0xFFFFFFFF)).astype(np.uint32)  # little-endian: the first four bytes
    hv ^= hv >> np.uint32(16)  # MurmurHash3's finalizer
    hv *= np.uint32(0x85EBCA6B)
    hv ^= hv >> np.uint32(13)
    hv *= np.uint32(0xC2B2AE35)
    hv ^= hv >> np.uint32(16)
    return hv[:, None] * a + b  # modulo 2**32: uint32 arithmetic wraps


_PERMUTATIONS = []


def warm_up():
    """Import numpy and draw the permutations, once for the processes forked after."""
    _permutations()


def _permutations():
    """(a, b) of the BANDS * ROWS permutations, drawn once per process."""
    if not _PERMUTATIONS:
        import numpy as np

        gen = np.random.RandomState(_SEED)
        a = gen.randint(0, 1 << 31, BANDS * ROWS, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        b = gen.randint(0, 1 << 32, BANDS * ROWS, dtype=np.uint32)
        _PERMUTATIONS.append((a, b))
    return _PERMUTATIONS[0]


def similarity(a, b):
    """(Jaccard, containment of the smaller in the larger) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common), common / min(len(a), len(b))


def are_copies(a, b, same_site=False):
    """Whether two shingle sets are one story's; same_site: both texts come from one
    site, whose furniture may not be known yet (see the module docstring)."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return False
    jaccard, contained = similarity(a, b)
    if same_site:
        return jaccard >= SAME_SITE_JACCARD
    return jaccard >= JACCARD or (contained >= CONTAINED and jaccard >= JACCARD_CONTAINED)


def numbers(text, keys=None):
    """{key of a line of running text with its numbers masked: its numbers} (see the
    module docstring), for the lines that hold numbers; keys: match_key_lines(text),
    when already worked out. A masked line is known by its 64-bit key (as content
    lines are), so that a text's numbers are small to send and to keep."""
    found = {}
    for line in match_key_lines(text or "") if keys is None else keys:
        if not DIGIT.search(line):
            continue
        pieces = NUMBER.split(line)  # words, a number, words, ...
        if len(pieces) > 1 and len(WORD.findall(line)) >= MIN_LINE_WORDS:
            found[_key("#".join(pieces[::2]).encode("utf-8"))] = tuple(pieces[1::2])
    return found


def numbers_agree(a, b):
    """Whether two texts' numbered lines (numbers()) allow them to be copies of one
    story (see the module docstring)."""
    same = total = 0
    for line in a.keys() & b.keys():
        for x, y in zip(a[line], b[line]):
            total += 1
            if x == y:
                same += 1
            elif not (x[0].isdigit() and y[0].isdigit()):
                return False  # a unit code differs: another unit's report
    return total < MIN_NUMBERS or same / total >= NUMBERS_SHARED

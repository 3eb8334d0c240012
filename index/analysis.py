"""The Vietnamese analyzer of the index, pickled into it (so it lives here, importable).

Text reaches it as written (titles, bodies, queries): every run of letters and digits
is a token with its own position ("30kg" and "8h30" are one token each), so what a
word or a phrase matches never depends on the word segmenter, which rewrites the
text ("30kg" -> "30 kg", "qui" -> "quy"). (Indexes before issue 12 also held the
segmenter's compounds, "Hội_nghị", in a field that only lifted ranking; the positions
of the folded syllables now tell where query words stand side by side.) In a query, a
word with a joiner inside ("6/45", "km/h", "3.000") stays one token, for index.query to match
that exact sequence.

One analyzer per form: exact (canonical tone placement, lower case: "Hoá" = "hóa")
and folded (no diacritics, "đ" = "d"). The index keeps both forms in separate
fields: the folded one decides what matches; the exact one lifts, in ranking, the
articles that hold a word with the diacritics typed (index.rank). The whole text is normalized once, before tokenizing:
per-token normalization would cost more than the rest of indexing.
"""
import re
import sys
import unicodedata
from array import array
from collections import Counter, defaultdict
from functools import cache, lru_cache

from whoosh import formats
from whoosh.analysis import Token, Tokenizer
from whoosh.system import pack_uint

from ingest.language.normalize import canonical_tones, fold

WORD = re.compile(r"[^\W_]+(?:_[^\W_]+)*")
# A word typed with a joiner inside: matched as typed, joiner included (index.query).
JOINERS = "/.,-&"
JOINED = re.compile(r"[^\W_]+(?:[" + re.escape(JOINERS) + r"][^\W_]+)*")
PART = re.compile(r"[^\W_]+")


def exact_form(text):
    return canonical_tones(text).casefold()


@cache
def fold_table(keep_marks=False):
    """Each letter with diacritics -> its folded letter, combining marks -> nothing
    (or kept, to keep offsets): ingest.language.normalize.fold for word characters, as one
    str.translate. Worked out once for both (13 ms, a one-shot command's to pay)."""
    if keep_marks:
        return {code: folded for code, folded in fold_table().items() if folded is not None}
    table, letters = {}, []
    for code in range(0xC0, 0x1F00):
        ch = chr(code)
        if unicodedata.category(ch) == "Mn":
            table[code] = None
        elif ch.isalpha():
            letters.append(ch)
    for ch, folded in zip(letters, _fold_letters(letters)):
        if len(folded) == 1 and folded != ch:
            table[ord(ch)] = folded
    return table


def _fold_letters(letters):
    """fold(ch) of each letter, worked out on all of them at once (a third of the time
    of one call each): for one letter, fold is NFC, casefold, NFD, marks dropped and
    "đ" made "d" (the rest of match_key touches no letter), and a NUL between two
    letters keeps them apart through every step."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", "\0".join(letters)).casefold())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").replace("đ", "d")
    return text.split("\0")


def folded_form(text):
    """fold(text) for the purpose of tokens, ten times faster on whole articles."""
    return unicodedata.normalize("NFC", text).translate(fold_table()).lower()


# Characters that fold alone: for a text of these only (after NFC), the folded
# syllables are the exact syllables folded one by one (syllables). Blocks of Latin
# letters, punctuation and symbols; a character qualifies if it stays NFC, is no
# combining mark, case-folds and folds to one character each, all three word characters
# or none, and its case-folded form folds as it does (not "ß", "İ": their case folding
# is two characters).
_PLAIN_BLOCKS = ((0x80, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2300))


@cache
def _not_plain():
    plain = []
    for code in (c for low, high in _PLAIN_BLOCKS for c in range(low, high)):
        ch = chr(code)
        lower, folded = ch.casefold(), folded_form(ch)
        words = {bool(PART.fullmatch(x)) for x in (ch, lower, folded)}
        if (unicodedata.normalize("NFC", ch) == ch and not unicodedata.category(ch).startswith("M")
                and len(lower) == len(folded) == 1 and len(words) == 1 and folded_form(lower) == folded):
            plain.append(ch)
    return re.compile("[^\x00-\x7f" + re.escape("".join(plain)) + "]")


@lru_cache(maxsize=1 << 16)
def _folded_syllable(word):
    return folded_form(word)


class Folded:
    """The folded syllables of a text every character of which folds alone: its exact
    syllables (a list), each folded by `fold` — so that the pool may fold each distinct
    term once rather than each syllable (index.postings.Tokens)."""

    __slots__ = ("exact",)
    fold = staticmethod(_folded_syllable)

    def __init__(self, exact):
        self.exact = exact

    def __len__(self):
        return len(self.exact)

    def __iter__(self):
        return map(_folded_syllable, self.exact)


_ANALYSED = [None, None, None]  # the last text analysed, its exact syllables, its folded ones


def indexed_syllables(text, folded):
    """The syllables of a text, exact or folded, in order, as VietTokenizer.terms gives
    them: a list, or Folded. The exact and folded fields of a title or a body are the
    same text (index.schema.document): read once, its folded syllables are its exact
    ones folded one by one (Folded: a few hundred distinct words, against thousands
    of characters to fold) — when every character of the text folds alone, else it
    is read again folded."""
    last = _ANALYSED
    if text is not last[0]:
        last[:] = text, None, None
    k = 2 if folded else 1
    if last[k] is None:
        if folded and not _not_plain().search(text):
            last[2] = Folded(indexed_syllables(text, False))
        else:
            last[k] = PART.findall(folded_form(text) if folded else exact_form(text))
    return last[k]


class VietTokenizer(Tokenizer):
    """Syllables of exact or folded text; in a query, words with their joiners."""

    def __init__(self, folded=False):
        self.folded = folded

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        text = folded_form(value) if self.folded else exact_form(value)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        if not tokenize:
            token.original = token.text = text
            token.pos = start_pos
            token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        # Hot loop of indexing: attributes set directly, positions and offsets always
        # (cheaper than testing whether they were asked for).
        words = JOINED if mode == "query" else PART  # "6/45" one word in a query: see index.query
        for pos, match in enumerate(words.finditer(text), start_pos):
            word, start = match.group(), match.start() + start_char
            token.text = token.original = word
            token.pos, token.startchar, token.endchar = pos, start, start + len(word)
            yield token

    def terms(self, value):
        """The terms of a text being indexed, as __call__ gives them, in one pass (Counted)."""
        return PART.findall(folded_form(value) if self.folded else exact_form(value))


class Shingles(Tokenizer):
    """Each run of `size` adjacent folded syllables as one term ("thi dua"), punctuation
    between them skipped. Indexes of earlier versions pickled it (their pairs and runs
    of three, since replaced by positions, index.phrases): it stays so that they open,
    to be told to reindex (index.finder)."""

    size = 2

    def __init__(self, size=2):
        self.size = size

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        for pos, run in enumerate(self.terms(value), start_pos):
            token.text = token.original = run
            token.pos, token.startchar, token.endchar = pos, start_char, start_char
            yield token

    def terms(self, value):
        syllables = PART.findall(folded_form(value))
        return list(map(" ".join, zip(*(syllables[i:] for i in range(self.size)))))


def _fill(token, text, pos, startchar, endchar, positions, chars, keeporiginal):
    token.text = text
    token.boost = 1.0
    token.stopped = False
    if keeporiginal:
        token.original = text
    if positions:
        token.pos = pos
    if chars:
        token.startchar, token.endchar = startchar, endchar
    return token


@lru_cache(maxsize=1 << 14)
def _folded_entry(entry):
    """fold(entry), stripped: the same units, people and ranks are in many articles,
    and fold goes through the text a character at a time."""
    return fold(entry).strip()


class FoldedListTokenizer(Tokenizer):
    """One folded term per entry of a ";"-separated list: unit names and codes,
    person names, ranks, matched whole whatever the case or diacritics typed."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        entries = value.split(";") if tokenize else [value]
        pos = start_pos
        for entry in entries:
            text = _folded_entry(entry)
            if text:
                yield _fill(token, text, pos, start_char, start_char + len(value), positions, chars, keeporiginal)
                pos += 1


class Counted(formats.Frequency):
    """Whoosh's Frequency format, the terms of a text counted from its analyzer's
    `terms` (one regular expression pass) rather than from a Token per word: a
    third of the CPU of indexing went to Tokens. The same terms, the same postings."""

    def word_values(self, value, analyzer, **kwargs):
        terms = getattr(analyzer, "terms", None)
        if terms is None or kwargs.get("mode", "index") != "index":
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        return ((word, n, n * boost, _packed(n)) for word, n in Counter(terms(value)).items())

    positions = False  # postings keep frequencies (index.postings.Tokens)

    def syllables(self, value, analyzer):
        """The terms of each token of a text being indexed, in order (a list, or
        Folded), for the pool to count (index.postings.add_document): None if the
        analyzer is not ours."""
        return indexed_syllables(value, analyzer.folded) if isinstance(analyzer, VietTokenizer) else None


@cache
def _packed(n):
    return pack_uint(n)


class Spots(formats.Positions):
    """Whoosh's Positions format with each posting's positions written as an array of
    32-bit unsigned integers (little-endian) instead of a pickled list: index.phrases
    reads all the positions of a block of postings as one numpy array, where Whoosh
    unpickles a list per posting. Frequency is the number of positions."""

    def word_values(self, value, analyzer, **kwargs):
        terms = getattr(analyzer, "terms", None)
        if terms is None or kwargs.get("mode", "index") != "index":
            return super().word_values(value, analyzer, **kwargs)
        spots = defaultdict(list)
        for pos, word in enumerate(terms(value)):
            spots[word].append(pos)
        boost = self.field_boost
        return ((word, len(p), len(p) * boost, self.encode(p)) for word, p in spots.items())

    positions = True  # postings keep positions (index.postings.Tokens)
    syllables = Counted.syllables

    def encode(self, poslist):
        found = array("I", poslist)
        if sys.byteorder == "big":
            found.byteswap()
        return found.tobytes()

    def decode_positions(self, valuestring):
        found = array("I")
        found.frombytes(valuestring)
        if sys.byteorder == "big":
            found.byteswap()
        return found.tolist()

    def decode_frequency(self, valuestring):
        return len(valuestring) // 4

    def decode_weight(self, valuestring):
        return self.decode_frequency(valuestring) * self.field_boost


def exact_analyzer():
    return VietTokenizer(folded=False)


def folded_analyzer():
    return VietTokenizer(folded=True)


# The names indexes built before issues 11 and 12 pickled: they open, to be told to reindex.
PairTokenizer = CompoundTokenizer = Shingles


def list_analyzer():
    return FoldedListTokenizer()

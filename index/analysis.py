"""The Vietnamese analyzer of the index, pickled into it (so it lives here, importable).

Text reaches it word-segmented ("Hội_nghị tổng_kết", syllables of a compound joined
by "_", as underthesea writes them) or plain (titles, queries). Every syllable is a
token with its own position, so phrase queries need no segmentation and an
unaccented query ("hoi nghi"), which underthesea would cut wrongly, still meets the
text; a compound is also emitted, at its first syllable's position, when indexing
only, so it can lift a document where the words really form that compound.

One analyzer per form: exact (canonical tone placement, lower case: "Hoá" = "hóa")
and folded (no diacritics, "đ" = "d"). The index keeps both forms in separate
fields, and the exact one weighs more, so a match with the right diacritics ranks
above a folded one. The whole text is normalized once, before tokenizing: per-token
normalization would cost more than the rest of indexing.
"""
import re

from whoosh.analysis import Token, Tokenizer

from ingest.normalize import canonical_tones, fold

WORD = re.compile(r"[^\W_]+(?:_[^\W_]+)*")


def exact_form(text):
    return canonical_tones(text).casefold()


class VietTokenizer(Tokenizer):
    """Syllables (plus compounds when indexing) of exact or folded text."""

    def __init__(self, folded=False):
        self.folded = folded

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        text = fold(value) if self.folded else exact_form(value)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = text
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        pos = start_pos
        compounds = mode != "query"
        for match in WORD.finditer(text):
            word, start = match.group(), match.start()
            parts = word.split("_")
            if compounds and len(parts) > 1:
                yield _fill(token, word, pos, start_char + start, start_char + match.end(),
                            positions, chars, keeporiginal)
            for part in parts:
                if part:
                    yield _fill(token, part, pos, start_char + start, start_char + start + len(part),
                                positions, chars, keeporiginal)
                    pos += 1
                start += len(part) + 1


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


class FoldedListTokenizer(Tokenizer):
    """One folded term per entry of a ";"-separated list: unit names and codes,
    person names, ranks, matched whole whatever the case or diacritics typed."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        entries = value.split(";") if tokenize else [value]
        pos = start_pos
        for entry in entries:
            text = fold(entry).strip()
            if text:
                yield _fill(token, text, pos, start_char, start_char + len(value), positions, chars, keeporiginal)
                pos += 1


def exact_analyzer():
    return VietTokenizer(folded=False)


def folded_analyzer():
    return VietTokenizer(folded=True)


def list_analyzer():
    return FoldedListTokenizer()

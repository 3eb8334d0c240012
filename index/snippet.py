"""A short passage of an article around the words a query matched, marked «like this».

Matching happens on a folded copy of the text with the same length as the
original (one folded character per character), so positions found in the copy
mark the original with its diacritics intact.
"""
import re
from functools import cache

from index.analysis import fold_table
from ingest.language.normalize import fold

OPEN, CLOSE = "«", "»"


@cache
def _fold_char(ch):
    folded = fold(ch)
    return folded if len(folded) == 1 else ch.lower()


def folded_copy(text):
    fast = text.translate(fold_table(keep_marks=True)).lower()
    return fast if len(fast) == len(text) else "".join(_fold_char(ch) for ch in text)


def snippet(text, words, width=220):
    """The window of `width` characters holding most of the folded `words`."""
    text = " ".join(text.split())
    if not text:
        return ""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    hits = []
    if words:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
        for m in pattern.finditer(folded_copy(text)):
            if hits and text[hits[-1][1]:m.start()] == " ":
                hits[-1] = (hits[-1][0], m.end())  # adjacent words marked as one
            else:
                hits.append(m.span())
    if not hits:
        return text[:width] + ("…" if len(text) > width else "")
    best, most, j = 0, 0, 0
    for i, (s, _) in enumerate(hits):  # the window starting at each hit, with two pointers
        j = max(j, i)
        while j < len(hits) and hits[j][0] < s + width:
            j += 1
        if j - i > most:
            best, most = i, j - i
    start = max(0, hits[best][0] - 40)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + width)
    out, cursor = [], start
    for s, e in hits:
        if s >= start and e <= end:
            out += [text[cursor:s], OPEN, text[s:e], CLOSE]
            cursor = e
    out.append(text[cursor:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")

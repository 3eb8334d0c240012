"""A short passage of an article around what a query matched, with the marks to highlight.

A snippet is its text and its marks, [start, end) offsets into that text, never
markers written into it: an article may hold « » itself, and HTML must escape the
text but not the marks (`parts` serves both; `render` writes the table's « »).

What is marked shows why the article matched: a phrase as one span; a word or phrase
typed with diacritics only where the text has those diacritics (tone placement aside:
"hoá" is "hóa"), so "việt" never marks "viết"; a word typed without them wherever
its letters are. Matching happens on a folded copy of the text with the same length
as the original (one folded character per character), so positions found in the copy
mark the original; when only other spellings are there, the passage still shows them,
unmarked.
"""
import re
from functools import cache

from index.analysis import PART, exact_form, fold_table
from ingest.language.normalize import fold

OPEN, CLOSE = "«", "»"


@cache
def _fold_char(ch):
    folded = fold(ch)
    return folded if len(folded) == 1 else ch.lower()


def folded_copy(text):
    fast = text.translate(fold_table(keep_marks=True)).lower()
    return fast if len(fast) == len(text) else "".join(_fold_char(ch) for ch in text)


def _pattern(words):
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(re.escape(fold(w)) for w in words) + r"(?![^\W_])")


def _same_diacritics(typed, found):
    """Each syllable typed with diacritics has them in the text; syllables typed without
    them accept any."""
    return all(fold(t) == t or exact_form(f) == t for t, f in zip(typed, found))


def occurrences(text, targets):
    """(marks, other spellings): spans of the targets in the text, longest targets first,
    never overlapping; and the spans whose diacritics differ from what was typed."""
    folded = folded_copy(text)
    marks, others = [], []
    for target in sorted(set(targets), key=lambda t: (-len(t), t)):
        typed = [exact_form(p) for w in target for p in PART.findall(w)]
        if not typed:
            continue
        for m in _pattern(typed).finditer(folded):
            span = m.span()
            if any(s < span[1] and span[0] < e for s, e, _ in marks):
                continue
            if _same_diacritics(typed, PART.findall(text[span[0]:span[1]])):
                marks.append((*span, len(typed) > 1))
            else:
                others.append(span)
    merged = []
    for s, e, phrase in sorted(marks):  # words of the query side by side: one mark
        if merged and not phrase and not merged[-1][2] and text[merged[-1][1]:s] == " ":
            merged[-1] = (merged[-1][0], e, False)
        else:
            merged.append((s, e, phrase))
    return [(s, e) for s, e, _ in merged], sorted(others)


def snippet(text, targets, width=220):
    """{text, marks}: the window of about `width` characters holding most marks (else
    most other spellings), cut at spaces, "…" where text was left out."""
    text = " ".join(text.split())
    if not text:
        return {"text": "", "marks": []}
    marks, others = occurrences(text, targets) if targets else ([], [])
    spans = marks or others
    if not spans:
        cut = text[:width] + ("…" if len(text) > width else "")
        return {"text": cut, "marks": []}
    best, most, j = 0, 0, 0
    for i, (s, _) in enumerate(spans):  # the window starting at each span, with two pointers
        j = max(j, i)
        while j < len(spans) and spans[j][0] < s + width:
            j += 1
        if j - i > most:
            best, most = i, j - i
    start = max(0, spans[best][0] - 40)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), max(start + width, spans[best][1]))
    prefix = "…" if start else ""
    shown = [[s - start + len(prefix), e - start + len(prefix)] for s, e in marks if s >= start and e <= end]
    return {"text": prefix + text[start:end] + ("…" if end < len(text) else ""), "marks": shown}


def parts(text, marks):
    """[(piece, marked)] of a snippet, in order: what HTML and the table both render."""
    out, cursor = [], 0
    for s, e in sorted(marks):
        if s > cursor:
            out.append((text[cursor:s], False))
        out.append((text[s:e], True))
        cursor = e
    if cursor < len(text):
        out.append((text[cursor:], False))
    return out


def render(text, marks, open_=OPEN, close=CLOSE):
    """The snippet with its marks written as « » (the table's form)."""
    return "".join(f"{open_}{piece}{close}" if marked else piece for piece, marked in parts(text, marks))

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
unmarked. The copy is made by looking every character up in one array (numpy): folding
an article with str.translate cost about 130 us, more than the rest of a rare word's
query, and the lookup about 14 us.
"""
import re
from bisect import bisect_left
from functools import cache, lru_cache

import numpy as np

from index.analysis import PART, exact_form, fold_table
from ingest.language.normalize import fold

OPEN, CLOSE = "«", "»"


@cache
def _fold_char(ch):
    folded = fold(ch)
    return folded if len(folded) == 1 else ch.lower()


@cache
def _folded_codes():
    """The folded lower-case code of every character of the Basic Multilingual Plane:
    fold_table's letter (combining marks kept), then its lower case; "İ", the one
    character whose lower case is two, is "i", as _fold_char has it."""
    plane = np.arange(0x10000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    lower = plane.replace("\u0130", "i").lower()
    lower = np.frombuffer(lower.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    codes = lower.copy()
    for code, folded in fold_table(keep_marks=True).items():
        codes[code] = lower[ord(folded)]
    return codes


def folded_copy(text):
    """The text folded and in lower case, one character for each of the text's."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.size and int(codes.max()) < 0x10000:
        return _folded_codes()[codes].tobytes().decode("utf-32-le", "surrogatepass")
    fast = text.translate(fold_table(keep_marks=True)).lower()
    return fast if len(fast) == len(text) else "".join(_fold_char(ch) for ch in text)


_GAP = re.compile(r"[\W_]+")


def _spans(folded, words):
    """[start, end) of each place where the folded words stand one after the other,
    whole, with only spaces or punctuation between, left to right, never overlapping.
    Found with str.find, not a regular expression compiled per query (its compiling
    cost more than the rest of a rare word's snippets). A word's letters are letters
    or digits ([^\W_], str.isalnum), so the gap before the next word is all the
    punctuation there is."""
    first = words[0]
    i = folded.find(first)
    while i >= 0:
        end = None if i and folded[i - 1].isalnum() else i + len(first)
        for word in words[1:]:
            gap = _GAP.match(folded, end) if end is not None else None
            end = gap.end() + len(word) if gap and folded.startswith(word, gap.end()) else None
        if end is not None and not folded[end:end + 1].isalnum():
            yield i, end
            i = folded.find(first, end)
        else:
            i = folded.find(first, i + 1)


@lru_cache(maxsize=1024)
def _forms(target):
    """(exact syllables, folded syllables) of a target: worked out once per query."""
    typed = tuple(exact_form(p) for w in target for p in PART.findall(w))
    return typed, tuple(fold(w) for w in typed)


@lru_cache(maxsize=4096)
def _same_diacritics(typed, found):
    """Each syllable typed with diacritics has them in the text found; syllables typed
    without them accept any."""
    return all(fold(t) == t or exact_form(f) == t for t, f in zip(typed, PART.findall(found)))


def occurrences(text, targets):
    """(marks, other spellings): spans of the targets in the text, longest targets first,
    never overlapping; and the spans whose diacritics differ from what was typed."""
    folded = folded_copy(text)
    marks, others = [], []
    taken = []  # (start, end) of the marks of longer targets, in order: they never overlap
    for target in sorted(set(targets), key=lambda t: (-len(t), t)):
        typed, words = _forms(target)
        if not typed:
            continue
        found = []
        for span in _spans(folded, words):
            if _overlaps(taken, span):
                continue
            if _same_diacritics(typed, text[span[0]:span[1]]):
                found.append(span)
                marks.append((*span, len(typed) > 1))
            else:
                others.append(span)
        taken = sorted(taken + found)
    merged = []
    for s, e, phrase in sorted(marks):  # words of the query side by side: one mark
        if merged and not phrase and not merged[-1][2] and text[merged[-1][1]:s] == " ":
            merged[-1] = (merged[-1][0], e, False)
        else:
            merged.append((s, e, phrase))
    return [(s, e) for s, e, _ in merged], sorted(others)


def _overlaps(taken, span):
    """Whether span overlaps one of taken (sorted spans that never overlap, so their ends
    are in order too: only the last one starting before span ends can reach into it).
    A common word is marked hundreds of times in an article: testing each of its
    places against every mark made so far cost more than the rest of its snippet."""
    at = bisect_left(taken, (span[1],))
    return at > 0 and taken[at - 1][1] > span[0]


# Every white space but " " and "\n", as a class of its own (r"[^\S \n]" is scanned three
# times slower).
OTHER_SPACES = re.compile("[\t\x0b-\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def one_line(text):
    """" ".join(text.split()), without splitting a stored text into its words (80 us on
    an article, more than finding the targets): a stored text
    (ingest.language.normalize.clean_text) is lines with single spaces, so only its
    line breaks need joining."""
    if "  " in text or OTHER_SPACES.search(text):
        return " ".join(text.split())
    return " ".join(filter(None, (line.strip(" ") for line in text.split("\n"))))


def snippet(text, targets, width=220):
    """{text, marks}: the window of about `width` characters holding most marks (else
    most other spellings) of the text made one line, cut at spaces, "…" where text was
    left out."""
    text = one_line(text)
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

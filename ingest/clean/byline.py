"""Who wrote the article: byline lines ("Tin, ảnh: NGUYÊN KHÔI"), a closing name line
("Hà Anh", "PHAN TUỆ"), and the name checks shared by page metadata.

Vietnamese bylines name one or more writers in capitals or in normal case, often with
their office ("Phan Quế Anh - P.Chính trị."). The record keeps the first person, in
normal capitalization. A photo credit ("Ảnh: Trâm Anh") names the photographer, who
is not the author.
"""
import re
from functools import cache

from ingest.language import names
from ingest.language.wordlists import lines as data_lines
from ingest.language.normalize import fold

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
# What separates the first writer from the next one or from their office.
_SPLIT = re.compile(r"\s+[-–—/|]\s*|\s*[,;(]\s*|\s+và\s+|\s+&\s+", re.I)
# "Hà Thu (tổng hợp)", "Minh Anh (TTXVN)": a note on how the piece was written.
_NOTE = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_VOWEL = re.compile(r"[aeiouy]")
_PHOTO = re.compile(r"(ảnh|ảnh minh họa|ảnh minh hoạ|video|đồ họa|đồ hoạ|clip|thiết kế)\s*[:：]", re.I)


@cache
def _prefix_re():
    prefixes = sorted(data_lines("byline_prefixes.txt"), key=len, reverse=True)
    alternatives = "|".join(re.escape(p.strip()).replace(r"\ ", r"\s*") for p in prefixes)
    return re.compile(rf"\s*(?:{alternatives})\s*[:：]\s*(.+)", re.I)


@cache
def _stopwords():
    start, anywhere = [], set()
    for line in data_lines("name_stopwords.txt"):
        kind, phrase = line.split("\t")
        (start.append(phrase) if kind == "start" else anywhere.add(phrase))
    return tuple(start), frozenset(anywhere)


def normal_case(name):
    """'NGUYÊN KHÔI' -> 'Nguyên Khôi'; words in lower or mixed case are kept as written."""
    return " ".join(w.capitalize() if w.isupper() else w for w in name.split())


def looks_like_name(text):
    """Two to five capitalized words, letters only, no organisation or site word; four or
    five words only as a full name, family name first."""
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 40:
        return False
    if not all(_WORD.fullmatch(w) and w[0].isupper() and _VOWEL.search(fold(w)) for w in words):
        return False  # "UBND TP" has no vowels: acronyms are not syllables of a name
    low = text.lower()
    start, anywhere = _stopwords()
    if any(low == p or low.startswith(p + " ") for p in start):
        return False
    if len(words) >= 4 and names.key(words[0]) not in names.surnames():
        return False
    return not any(w in anywhere for w in low.split())


def person(raw):
    """The first person named in a byline's name part, normally capitalized, or None."""
    if not raw:
        return None
    first = _SPLIT.split(raw.strip(), maxsplit=1)[0]
    first = normal_case(first.strip(" .:*\u2013-"))
    return first if looks_like_name(first) else None


def byline_name(line):
    """The writer of a byline line ("Bài và ảnh: NGUYỄN HỒNG KỶ"), else None. A long
    line is a paragraph that happens to start with "Tác giả:" or "Tin:"."""
    if len(line) > 120:
        return None
    m = _prefix_re().fullmatch(line.strip())
    return person(m.group(1)) if m else None


def is_photo_credit(line):
    return bool(_PHOTO.match(line.strip())) and len(line) < 120


def closing_name(line):
    """The writer named by a closing line: a bare name ("PHAN TUỆ", "Hà Thu (tổng hợp)")
    or a signature with rank and office whose name is in capitals
    ("Đại tá HOÀNG TUẤN, Viện trưởng Viện Thiết kế")."""
    text = _NOTE.sub("", line).strip().rstrip(".")
    if looks_like_name(normal_case(text)):
        return normal_case(text)
    if len(text) > 120 or text.endswith(("?", "!")):
        return None
    if len(text.split()) <= 9 and person(text):
        return person(text)  # "Trung Kiên - Minh Đức": the first of several writers
    for run in _capital_runs(text):
        if looks_like_name(normal_case(run)):
            return normal_case(run)
    return None


def _capital_runs(text):
    """Runs of two or more words written in capitals, within each comma-separated part.
    Acronyms (no vowel: "TS", "PGS", "QNCN") are titles before the name, not part of it."""
    for part in re.split(r"[,;:()]", text):
        run = []
        for word in part.split() + [""]:
            if word.isupper() and word.isalpha() and _VOWEL.search(fold(word)):
                run.append(word)
                continue
            if len(run) >= 2:
                yield " ".join(run)
            run = []

"""The comparison forms the authorities link and look names up by.

`term` is a name as the index's list fields hold it (index.analysis.FoldedListTokenizer:
folded, quotes and dashes plain), so an entry's terms are what a filter asks the
index for. `name_key` goes further for comparing names as people type them: quotes
dropped and any dash spaced alike, so "Cụm thi đua “Cơ khí – Vũ khí”",
"Cụm thi đua Cơ khí - Vũ khí" and "cum thi dua co khi-vu khi" are one key.
"""
import re

from ingest.language.normalize import fold, match_key

_QUOTES = re.compile(r"[\"'()\[\]]")
_DASH = re.compile(r"\s*-\s*")


def term(text):
    """The indexed form of a name or code."""
    return fold(text or "").strip()


def name_key(text):
    """The folded form a typed or extracted unit name is compared by."""
    text = _DASH.sub(" - ", _QUOTES.sub(" ", fold(text or "")))
    return " ".join(text.split())


def accented_key(text):
    """Like name_key, diacritics kept (one tone placement, any case)."""
    text = _DASH.sub(" - ", _QUOTES.sub(" ", match_key(text or "")))
    return " ".join(text.split())


def has_diacritics(text):
    return fold(text) != match_key(text)


def within(needle, haystack):
    """Whether the words of needle stand one after the other, whole, in haystack."""
    return bool(needle) and f" {needle} " in f" {haystack} "

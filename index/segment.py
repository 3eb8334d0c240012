"""Word segmentation of an article body, done once.

Extraction may already have segmented the text (the record's "segmented"); the
index then reuses it. Otherwise underthesea is loaded on first need, once per
process.
"""
from functools import cache


@cache
def _word_tokenize():
    from underthesea import word_tokenize
    return word_tokenize


def segment_line(line):
    if not line.strip():
        return ""
    return _word_tokenize()(line, format="text")


def segmented_body(record):
    """The body with compounds joined by "_", as underthesea writes them."""
    if record.get("segmented"):
        return record["segmented"]
    return "\n".join(segment_line(line) for line in (record.get("text") or "").split("\n"))

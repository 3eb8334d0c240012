"""Word segmentation, done once per article at extraction and kept in the record.

The index needs compounds ("Nhà_máy", "thi_đua") for phrase search; segmenting at
extraction time and storing the result means indexing and re-indexing never pay
for the CRF model again.
"""
from functools import cache


@cache
def _tokenizer():
    from underthesea import word_tokenize  # imported late: 0.3 s and 120 MB per process
    word_tokenize("khởi động")  # the first call loads the model
    return word_tokenize


def warm_up():
    _tokenizer()


def segment(text):
    """Paragraphs one per line, each as space-separated words with "_" inside compounds."""
    tokenize = _tokenizer()
    return "\n".join(tokenize(line, format="text") if line.strip() else "" for line in text.split("\n"))

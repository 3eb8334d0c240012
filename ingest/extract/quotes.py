"""The phrase of an article a figure was read from, as an archivist quotes it.

A figure's own text ("hơn 3.000 tỷ đồng") does not say what was counted or whose it
is; the clause around it does ("giá trị sản xuất toàn Cụm đạt hơn 3.000 tỷ đồng").
The quote is the sentence holding the figure, cut at the clause boundaries nearest
to it when the sentence is longer than QUOTE_CHARS, so that a table cell stays short.
"""
import re

QUOTE_CHARS = 200
LOOK_BACK = 2000  # a sentence's start is looked for this far back, at most (no real sentence is
#                   longer): from the text's start, quoting every figure cost figures x text
_SENTENCE_END = re.compile(r"[.!?…]\s|\n")
_CLAUSE_END = re.compile(r"[;,:]\s")


def sentence(text, figure):
    """The quote of a figure ({text, offset}) in its article's text; its own text when
    the offset does not point at it (a record from another extractor)."""
    own = figure.get("text") or ""
    offset = figure.get("offset")
    if not isinstance(offset, int) or text[offset:offset + len(own)] != own:
        return own or None
    back = max(0, offset - LOOK_BACK)
    start = max((m.end() for m in _SENTENCE_END.finditer(text, back, offset)), default=back)
    found = _SENTENCE_END.search(text, offset + len(own))
    end = found.start() + 1 if found else len(text)
    quote = text[start:end].strip()
    if len(quote) <= QUOTE_CHARS:
        return quote
    inner = offset - start
    cut_start = max((m.end() for m in _CLAUSE_END.finditer(quote, 0, inner)), default=0)
    found = _CLAUSE_END.search(quote, inner + len(own))
    cut_end = found.start() if found else len(quote)
    clause = quote[cut_start:cut_end].strip()
    if len(clause) > QUOTE_CHARS:  # no clause boundary near: the words around the figure
        left = max(0, inner - cut_start - QUOTE_CHARS // 2)
        clause = "…" + clause[left:left + QUOTE_CHARS].strip() + "…"
    return clause

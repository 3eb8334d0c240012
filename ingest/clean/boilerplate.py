"""Is this line site furniture? The families and their patterns live in
data/boilerplate.tsv so that a new site's junk is one line of data, not code.

Only short lines are tested: the patterns describe labels, forms and bars, and a
long line is a paragraph even when it mentions "bình luận" or a phone number.
"""
import re
from functools import cache

from ingest.language.wordlists import lines as data_lines

MAX_LINE = 450


@cache
def rules():
    """(family, kind, compiled pattern) in file order."""
    out = []
    for line in data_lines("boilerplate.tsv"):
        family, kind, pattern = line.split("\t")
        out.append((family, kind, re.compile(pattern, re.I)))
    return tuple(out)


@cache
def _any_rule():
    """All patterns as one alternation: most lines match none, and one scan says so."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for _, _, pattern in rules()), re.I)


def classify(line):
    """(family, kind) of the first rule the whole line matches, else None.
    kind is "drop" (remove the line) or "end" (the article is over)."""
    text = line.strip().strip("•·|»›>").strip()
    if not text:
        return ("empty", "drop")
    if len(text) > MAX_LINE or not _any_rule().fullmatch(text):
        return None
    for family, kind, pattern in rules():
        if pattern.fullmatch(text):
            return family, kind
    return None

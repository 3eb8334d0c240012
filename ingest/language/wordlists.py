"""Word lists and rule tables kept as data files under ingest/data/.

Rules that archivists or linguists may want to extend live in plain text files,
not in code: one entry a line, `#` starts a comment, columns separated by tabs.
Each file is read once per process.
"""
import functools
import re
from pathlib import Path

DATA = Path(__file__).parent.parent / "data"


@functools.cache
def lines(name):
    """The lines of a data file that are neither blank nor comments, as written
    (tabs kept: some files are tables, some hold patterns with a "#" in them)."""
    text = (DATA / name).read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


@functools.cache
def rows(name):
    """The non-empty, non-comment lines of a data file, split on tabs."""
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(out)


@functools.cache
def words(name):
    """The first column of a data file, as a tuple in file order."""
    return tuple(row[0] for row in rows(name))


def alternation(name):
    """A regex alternation of a word list, longest entries first so that
    "rạng sáng" wins over "sáng"."""
    return "|".join(re.escape(w) for w in sorted(words(name), key=len, reverse=True))

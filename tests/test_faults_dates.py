"""Date filters and sorting on archives whose ingest batches differ: some with no dated article.

Each writer.update call commits its own segment, as separate ingest runs do; a
segment of undated articles has no "day" column.
"""
import itertools

import pytest

from fixture_records import records
from index import writer
from index.finder import Finder, search
from search.timeline import timeline


def _undated(recs):
    out = []
    for i, r in enumerate(recs[:3]):
        r = dict(r, id=f"undated{i}", published=None, event={**(r.get("event") or {}), "date": None}, dates=[],
                 figures=[])  # nothing to file it under (ingest.extract.filing)
        out.append(r)
    return out


@pytest.mark.parametrize("order", list(itertools.permutations(["dated", "undated", "dated2"])))
def test_mixed_segments(tmp_path, order):
    recs = records()
    batches = {"dated": recs[: len(recs) // 2], "dated2": recs[len(recs) // 2:], "undated": _undated(recs)}
    for name in order:
        writer.update(tmp_path, batches[name])
    f = Finder(tmp_path)
    dated = {r["id"]: (r["event"] or {}).get("date") or r["published"] for r in recs}
    found = search(f, None, start="2020", limit=1000)
    assert {r["id"] for r in found["results"]} == {i for i, d in dated.items() if d and d[:4] >= "2020"}
    newest = search(f, None, sort="date", limit=1000)["results"]
    days = [r["date"] for r in newest if r["date"]]
    assert days == sorted(days, reverse=True)
    assert all(r["date"] is None for r in newest[len(days):])
    for q in [None, "*", "a*", "NOT hội", "year:[2017 TO 2025]", "thi đua"]:
        search(f, q, limit=1000)
        search(f, q, sort="date", limit=1000)
    for q in ["*", "thi đua"]:
        timeline(f, q)

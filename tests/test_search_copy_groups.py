"""Finder.copy_groups, read from one walk of the group field, against the plain reading:
each copy's stored group, its representative looked up by id."""
import random

from whoosh import query as wq

from index import writer
from index.finder import Finder


def _record(article_id, copy_of=None):
    return {"id": article_id, "title": f"Bài {article_id}", "text": f"Nội dung của bài {article_id}.",
            "copy_of": copy_of}


def _plain(f):
    found = {}
    for docnum in sorted(f.docs(wq.Term("copy", "1"))):
        group = f.searcher.stored_fields(docnum).get("group")
        heads = f.docs(wq.Term("id", group)) if group else frozenset()
        found[docnum] = (group, min(heads) if heads else None)
    return found


def test_copy_groups_equal_the_plain_reading_across_segments_and_deletions(tmp_path):
    rng = random.Random(7)
    for trial in range(3):
        data = tmp_path / f"a{trial}"
        heads = [f"h{trial}x{i}" for i in range(8)]
        batches = [[_record(h) for h in heads[:4]], [_record(h) for h in heads[4:]]]
        for n in range(12):  # copies in later commits: several segments
            batches[n % 2].append(_record(f"c{trial}x{n}", rng.choice(heads)))
        # a representative that is itself a copy elsewhere, and one never indexed
        batches[1].append(_record(f"c{trial}y", "gone"))
        batches[1].append(_record(heads[0], heads[1]))
        for batch in batches:
            writer.update(data, batch)
        removed = rng.sample(heads[2:] + [f"c{trial}x{n}" for n in range(12)], 4)
        writer.update(data, [], removed)
        f = Finder(data)
        try:
            assert f.copy_groups() == _plain(f)
            assert f.copy_groups()  # copies there are
        finally:
            f.close()

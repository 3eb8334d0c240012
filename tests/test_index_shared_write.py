"""index.writer.apply on several processes (the last commit of `ingest --jobs N`): the
index holds what one process writes, and a part that fails leaves the last commit
searchable and the journal holding what is missing."""
import os
import signal

import pytest
from click.testing import CliRunner
from whoosh import index as whoosh_index

from index import writer
from index.finder import Finder, search
from ingest import store
from ingest.record import new_record
from search.cli.archiving import Archive
from search.cli.main import cli
from fixture_records import records

QUERIES = ("hoi nghi tong ket", '"thi đua quyết thắng"', "Z131", "bản sửa", "số 7")


def many(count, start=0):
    """The fixture records again and again, each with an id and a title of its own."""
    recs = records()
    return [dict(recs[n % len(recs)], id=f"{n:016x}", title=f"{recs[n % len(recs)]['title']} số {n}")
            for n in range(start, start + count)]


def articles(start, end):
    """Records as a source gives them (each of its own source and text), for Archive."""
    return [new_record(f"https://a.vn/{n}", f"Tin số {n}", "2024-01-02", None,
                       f"Bài thứ {n} kể một chuyện khác hẳn: {' '.join(str(n * k) for k in range(40))}.")
            for n in range(start, end)]


def segments(data):
    return len(whoosh_index.open_dir(writer.index_path(data).resolve())._segments())


def held(data):
    """Every document's stored fields by id, and what each query finds."""
    ix = whoosh_index.open_dir(writer.index_path(data))
    with ix.searcher() as s:
        stored = sorted((f["id"], sorted(f.items())) for f in s.all_stored_fields())
    finder = Finder(data)
    return stored, {q: sorted(r["id"] for r in search(finder, q, limit=1000)["results"]) for q in QUERIES}


@pytest.mark.parametrize("merge", [False, True])
def test_a_write_shared_by_processes_holds_what_one_process_writes(tmp_path, monkeypatch, merge):
    """New documents, new versions of indexed ones and deletions, in one commit: three
    processes leave the documents one process leaves, each id once, in one segment each."""
    monkeypatch.setattr(writer, "PART_LEAST", 3)
    base = many(12)
    window = [dict(rec, title=rec["title"] + " (bản sửa)") for rec in base[:4]] + many(9, start=12)
    found = {}
    for procs in (1, 3):
        data = tmp_path / f"p{procs}"
        writer.update(data, base)
        assert writer.apply(data, lambda: (window, [base[6]["id"]]), merge=merge, procs=procs) == len(window)
        found[procs] = held(data)
        if not merge:
            assert segments(data) == 1 + procs
    stored, hits = found[3]
    assert found[1] == found[3]
    assert len(stored) == len(base) + 9 - 1 and len({i for i, _ in stored}) == len(stored)
    assert hits["bản sửa"] == sorted(rec["id"] for rec in base[:4])
    assert len(hits["hoi nghi tong ket"]) > 1 and hits['"thi đua quyết thắng"']


def test_a_small_write_stays_in_one_process(tmp_path):
    writer.update(tmp_path, many(3))
    writer.apply(tmp_path, lambda: (many(writer.PART_LEAST * 2 - 1, start=3), []), merge=False, procs=2)
    assert segments(tmp_path) == 2


def _killed(ix, conn):
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_part_killed_leaves_the_last_commit_and_the_journal(tmp_path, monkeypatch):
    """The process writing part of an ingest's last commit killed (out of memory): the run
    stops with a message, the index is the last commit's, and the journal keeps what
    is not indexed, which the next run writes."""
    first, last = articles(0, 4), articles(4, 10)
    archive = Archive(tmp_path, batch_size=4, index_every=4)
    archive.add(first)
    archive.index_every, archive.procs = float("inf"), 2
    monkeypatch.setattr(writer, "PART_LEAST", 2)
    monkeypatch.setattr(writer, "_help", _killed)
    archive.add(last)
    with pytest.raises(writer.IndexingFailed, match="a process writing part of the index"):
        archive.flush()
    archive.close()
    db = store.connect(tmp_path)
    stored = sorted(row[0] for row in db.execute("SELECT id FROM articles"))
    missing = sorted(store.unindexed_ids(db))
    db.close()
    assert len(stored) == len(first) + len(last) and len(missing) == len(last)
    assert [i for i, _ in held(tmp_path)[0]] == sorted(set(stored) - set(missing))
    monkeypatch.undo()
    again = Archive(tmp_path)  # the lock went with the writer: the next run indexes the journal
    again.flush()
    again.close()
    assert [i for i, _ in held(tmp_path)[0]] == stored
    db = store.connect(tmp_path)
    assert store.unindexed_ids(db) == []
    db.close()


def test_ingest_with_helpers_writes_its_last_commit_on_as_many_processes(tmp_path, monkeypatch):
    """`ingest --jobs 2`: the last commit (here the only one) in two segments, one per
    process, holding what `--jobs 1` indexes."""
    monkeypatch.setattr(writer, "PART_LEAST", 1)
    sample = os.path.join(os.path.dirname(__file__), "..", "corpus", "sample")
    found = {}
    for jobs in (1, 2):
        data = tmp_path / f"j{jobs}"
        result = CliRunner().invoke(cli, ["ingest", "--data-dir", str(data), "--jobs", str(jobs), sample])
        assert result.exit_code == 0, result.output
        assert segments(data) == jobs
        found[jobs] = held(data)
    assert found[1] == found[2] and len(found[1][0]) > 10


def test_a_process_that_cannot_be_started_leaves_its_part_to_this_one(tmp_path, monkeypatch):
    """No process to be had (out of memory, a process limit): the write and a rebuild go
    on with fewer processes and hold every document, instead of calling the index damaged."""
    monkeypatch.setattr(writer, "PART_LEAST", 3)
    base, window = many(6), many(9, start=6)
    data = tmp_path / "one"
    writer.update(data, base)
    writer.apply(data, lambda: (window, []), procs=3)
    expected = held(data)

    def refused(ix):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(writer, "_Helper", refused)
    data = tmp_path / "refused"
    writer.update(data, base)
    assert writer.apply(data, lambda: (window, []), procs=3) == len(window)
    assert held(data) == expected
    assert writer.rebuild(data, lambda: iter(base + window), procs=3) == len(base + window)
    assert held(data) == expected

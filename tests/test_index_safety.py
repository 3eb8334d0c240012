"""The index survives what happens to archives: re-ingest, crashes, two writers."""
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from index import writer
from index.finder import Finder, search
from ingest import store
from fixture_records import records

REPO = Path(__file__).resolve().parent.parent


def doc_count(folder):
    return whoosh_index.open_dir(writer.index_path(folder)).doc_count()


def test_reingest_replaces_instead_of_duplicating(fresh_archive):
    recs = records()
    writer.update(fresh_archive, recs)
    writer.update(fresh_archive, recs[:2])
    assert doc_count(fresh_archive) == len(recs)
    changed = dict(recs[0], title="Hội nghị tổng kết năm 2023 (bản sửa)")
    writer.update(fresh_archive, [changed])
    found = search(Finder(fresh_archive), "bản sửa")
    assert doc_count(fresh_archive) == len(recs)
    assert [r["id"] for r in found["results"]] == [recs[0]["id"]]
    assert search(Finder(fresh_archive), '"thi đua quyết thắng"')["total"] == 1


KILLED_WRITER = textwrap.dedent("""
    import sys, time
    from whoosh.filedb.filestore import FileStorage
    from index import writer
    from fixture_records import records

    def stall(self, old, new, safe=False):
        if new.endswith(".toc"):           # the commit's last step: publishing the new state
            print("committing", flush=True)
            time.sleep(60)
        return rename(self, old, new, safe)

    rename = FileStorage.rename_file
    FileStorage.rename_file = stall
    rec = dict(records()[0], id="ffffffffffffffff", title="Bài viết chưa kịp lưu")
    writer.update(sys.argv[1], [rec])
""")


def test_writer_killed_mid_commit_leaves_the_index_readable(fresh_archive):
    before = doc_count(fresh_archive)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(fresh_archive)], cwd=REPO / "tests",
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "committing"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert doc_count(fresh_archive) == before
    assert search(Finder(fresh_archive), "hoi nghi tong ket")["total"] == 1
    assert search(Finder(fresh_archive), "chưa kịp lưu")["total"] == 0
    # the lock died with its holder: the next writer goes on
    writer.update(fresh_archive, records()[:1], timeout=1)
    assert doc_count(fresh_archive) == before


def test_second_writer_waits_then_says_busy_and_searches_go_on(fresh_archive):
    ix = whoosh_index.open_dir(writer.index_path(fresh_archive))
    held = ix.writer()
    try:
        with pytest.raises(writer.IndexBusy, match="being written by another thidua process"):
            writer.update(fresh_archive, records()[:1], timeout=0.3)
        assert search(Finder(fresh_archive), "thi đua")["total"] == 4
    finally:
        held.cancel()
    writer.update(fresh_archive, records()[:1], timeout=1)


def test_rebuild_swaps_in_a_new_index(fresh_archive):
    old = writer.index_path(fresh_archive).resolve()
    db = store.connect(fresh_archive)
    assert writer.rebuild(fresh_archive, lambda: store.iter_records(db)) == len(records())
    assert writer.index_path(fresh_archive).resolve() != old and not old.exists()
    assert search(Finder(fresh_archive), "hoi nghi tong ket")["total"] == 1


def test_interrupted_rebuild_keeps_the_old_index(fresh_archive):
    def failing():
        yield from records()[:2]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        writer.rebuild(fresh_archive, failing)
    assert doc_count(fresh_archive) == len(records())
    assert search(Finder(fresh_archive), "hoi nghi tong ket")["total"] == 1


def test_an_index_of_an_older_schema_asks_for_reindex_which_mends_it(fresh_archive):
    """An index whose fields differ from this version's (here: one with the runs of three
    syllables of earlier versions) is refused with the fix; `reindex` gives the current one."""
    import click
    from whoosh import fields

    from index.analysis import Shingles
    from index.schema import schema

    recs = records()
    writer.update(fresh_archive, recs)
    older = schema()
    older.add("body_triples", fields.TEXT(analyzer=Shingles(3), phrase=False))
    folder = writer.index_path(fresh_archive).resolve()
    whoosh_index.create_in(folder, older)
    with pytest.raises(click.ClickException, match="older thidua: run `thidua reindex`"):
        Finder(fresh_archive)
    assert writer.rebuild(fresh_archive, lambda: recs) == len(recs)
    assert search(Finder(fresh_archive), '"thi đua quyết thắng"')["total"] == 1


def test_ingest_indexing_writes_the_journal_and_brings_its_errors_back(tmp_path):
    """Archive as ingest uses it (short index windows): stored records are searchable
    after flush, and an error met while indexing (a damaged index) stops the run with
    its message, the journal keeping what is not indexed."""
    from ingest.database import ArchiveError
    from search.cli.archiving import INDEX_EVERY, INGEST_SECONDS, Archive

    recs = records()
    archive = Archive(tmp_path, 2, INDEX_EVERY, INGEST_SECONDS)
    archive.add(recs[:-1])
    archive.flush()
    assert store.unindexed_ids(archive.db) == []
    assert search(Finder(tmp_path), '"thi đua quyết thắng"')["total"] == 1
    toc = next(writer.index_path(tmp_path).resolve().glob("_MAIN_*.toc"))
    toc.write_bytes(b"not a table of contents")
    archive.add(recs[-1:])
    with pytest.raises(ArchiveError, match="thidua reindex"):
        archive.flush()
    archive.close()
    assert store.unindexed_ids(store.connect_reading(tmp_path)) == [recs[-1]["id"]]


def test_the_helpers_of_a_killed_ingest_end_too_and_store_nothing(tmp_path):
    """`ingest --jobs 2` killed: its extraction helper ends with it, and nothing is
    stored after the kill (the killed process was the one storing)."""
    psutil = pytest.importorskip("psutil")
    import sqlite3
    import time

    sources = tmp_path / "in"
    sources.mkdir()
    for n in range(200):
        (sources / f"a{n}.txt").write_text(f"Lễ ra quân số {n}\n\nNhà máy Z1{n:02d} tổ chức lễ ra quân huấn "
                                           f"luyện năm 2024 tại Hà Nội, bài số {n}.\n", encoding="utf-8")
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-m", "search", "--data-dir", str(data), "ingest",
                             "--jobs", "2", "--batch-size", "5", str(sources)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    children = []
    while not children and time.monotonic() < deadline and proc.poll() is None:
        children = psutil.Process(proc.pid).children()
        time.sleep(0.05)
    assert children, "ingest --jobs 2 started no helper"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive

    def stored():
        with sqlite3.connect(data / store.DB_NAME) as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    before = stored()
    time.sleep(0.5)
    assert stored() == before < 200

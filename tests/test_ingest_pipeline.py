"""Ingest on several processes (ingest.pipeline._run): the same items in the same order
whatever --jobs is, the process that stores extracts too, a helper that dies stops the
run, and what storing needs of a record alone (store.prepare: its fingerprint, its
place in time) is the same wherever it is worked out. Every sentence here is composed for the tests."""
import os
import time

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from ingest import pipeline, store
from ingest.identity import content_hash, copies, fingerprint
from search.cli.main import cli
from search.cli.options import cores
from test_identity import OTHER, OTHER_TITLE, PARAS, TITLE, dump


def inputs(folder, count):
    """count dumps, near copies of one story (one line differs), and a file that cannot
    be read."""
    for n in range(count):
        dump(folder, f"a{n:02d}.txt", f"{TITLE} (đợt {n})", [f"Đợt {n}: {PARAS[0]}", *PARAS[1:]])
    (folder / "empty.txt").write_bytes(b"")
    return sorted(folder.iterdir())


def test_every_jobs_gives_the_same_items_in_input_order(tmp_path):
    paths = inputs(tmp_path, 6)
    one = list(pipeline.process_inputs(paths, 1))
    two = list(pipeline.process_inputs(paths, 3))
    assert [item[:5] for item in one] == [item[:5] for item in two]
    assert [item[0] for item in two] == paths
    assert [item[3] for item in two].count("empty file") == 1
    for *_, records, _, _, prepared in two:
        assert [(p.fingerprint[:2], p.dated) for p in prepared] == \
            [(fingerprint(r)[:2], store._dated(r)) for r in records]


def _who(inputs):
    """A task that says which process ran it; slow on the helpers."""
    if os.getpid() != PARENT[0]:
        time.sleep(0.2)
    else:
        time.sleep(0.02)
    return [(str(path), os.getpid()) for path in inputs]


PARENT = [None]


def test_the_storing_process_extracts_when_nothing_is_ready():
    PARENT[0] = os.getpid()
    items = list(pipeline._run(range(20), 2, _who, lambda: None))
    assert [path for path, _, _ in items] == list(range(20))
    pids = [pid for _, _, pid in items]
    assert os.getpid() in pids and len(set(pids)) == 2


def _dies_on_a_helper(inputs):
    if os.getpid() != PARENT[0]:
        os._exit(3)
    time.sleep(0.05)
    return [str(path) for path in inputs]


def test_a_helper_that_dies_stops_the_run():
    PARENT[0] = os.getpid()
    with pytest.raises(pipeline.ExtractionLost, match="an extraction process ended unexpectedly"):
        list(pipeline._run(range(40), 2, _dies_on_a_helper, lambda: None))


def test_ingest_on_two_processes_stores_what_one_does(tmp_path):
    """The same archive, records and near-copy keys, whether what storing needs of each
    record alone was worked out by the helpers (--jobs 2), by the one process (--jobs 1),
    or by the store itself (save_batch without it, as crawl and load store)."""
    folder = tmp_path / "in"
    inputs(folder, 8)
    dump(folder, "copy.txt", TITLE + " (đợt 3)", [f"Đợt 3: {PARAS[0]}", *PARAS[1:-1]], first_line="Tin tức")
    dump(folder, "other.txt", OTHER_TITLE, OTHER)
    tables, said = {}, {}
    for jobs in (1, 2, None):
        data = tmp_path / f"data{jobs}"
        if jobs is None:
            db = store.connect(data)
            for _, records, _, _ in pipeline.process(sorted(folder.iterdir())):
                store.save_batch(db, records)
        else:
            result = CliRunner().invoke(cli, ["ingest", "--data-dir", str(data), "--jobs", str(jobs), str(folder)])
            assert result.exit_code == 1 and "empty.txt: empty file" in result.output
            said[jobs] = result.output.splitlines()[-1].split(" — ")[0]
            db = store.connect_reading(data)
        tables[jobs] = [db.execute(query).fetchall() for query in (
            "SELECT * FROM copy_bands ORDER BY 1, 2", "SELECT * FROM copy_lines ORDER BY 1, 2",
            "SELECT * FROM copy_shingles ORDER BY 1",
            "SELECT key, article_id, source FROM sources ORDER BY 1",
            "SELECT id, copy_of, content_hash, record, event_types, filed_on, filed_by, period_start, period_end "
            "FROM articles ORDER BY id", "SELECT article_id, text, kind, quote FROM figures ORDER BY 1, 2, 4")]
    assert said[1] == said[2] == "10 new (8 a near copy of an archived article), 0 updated, 0 unchanged, " \
                                 "0 duplicate, 1 failed"
    rows = {jobs: [[tuple(row) for row in table] for table in found] for jobs, found in tables.items()}
    assert rows[1] == rows[2] == rows[None]
    assert len(rows[1][-1]) > 10 and all(quote for *_, quote in rows[1][-1])  # figures, each with its quote


WHITE = " \t\n\r\x0b\x0c\x1c\x1d\x85\xa0\u2028\u2029\u3000\u200b"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(WHITE) + list("aAoòóà hoá Hóa Ủy quý ĐđZ1-7.,“”'")), max_size=60),
       st.text(max_size=20))
def test_a_fingerprint_is_what_the_store_would_work_out(text, title):
    """The fingerprint normalizes the text once for its hash and its lines: the same
    content hash and content lines as worked out one by one, whatever the whitespace."""
    found = fingerprint({"title": title, "text": text})
    assert found.content_hash == content_hash(title, text)
    assert found.lines == tuple(copies.content_lines(text))


@pytest.mark.parametrize("given, threshold, expected", [
    ([], 50, 1),                         # a few inputs: one process
    ([], 3, cores()),                    # a batch at the threshold: one per core
    (["--jobs", "1"], 3, 1),             # what is asked is what runs
])
def test_ingest_without_jobs_uses_every_core_for_a_batch_only(tmp_path, monkeypatch, given, threshold, expected):
    from search.cli import cmd_ingest

    asked = []
    real = pipeline.process_inputs

    def spied(paths, jobs=1):
        asked.append(jobs)
        return real(paths, 1)

    monkeypatch.setattr(pipeline, "process_inputs", spied)
    monkeypatch.setattr(cmd_ingest, "AUTO_JOBS_FROM", threshold)
    folder = tmp_path / "in"
    folder.mkdir()
    inputs(folder, 3)
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "d"), "ingest", *given, str(folder)])
    assert result.exit_code == 1 and "empty file" in result.output  # the unreadable one, and the rest stored
    assert asked == [expected]

"""Damaged and misused data folders: every command ends with one "Error: …" line that
names the file and the fix (never a traceback), and nothing is created by a reading
command. Also the stored-but-not-indexed journal, two rebuilds at once, odd queries."""
import json
import os
import shutil
import sqlite3
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from fixture_records import build
from index import writer
from index.finder import forget_finders
from search.cli.main import cli

READING = [["show", "abc"], ["stats"], ["search", "thi"], ["timeline", "thi"]]
WRITING = [["reindex"]]


def run(data, *args):
    forget_finders()  # each run as a new process would: no searcher kept from before a damage
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    return runner.invoke(cli, ["--data-dir", str(data), *args])


def ids(result):
    return sorted(json.loads(line)["id"] for line in result.stdout.splitlines())


def one_error(result):
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr
    assert result.exit_code != 0 and len(lines) <= 2 and lines[-1].startswith("Error: "), result.stderr
    return lines[-1]


def _garbage_db(data):
    (data / "records.sqlite").write_bytes(os.urandom(5000))


def _truncated_db(data):
    with open(data / "records.sqlite", "r+b") as fh:
        fh.truncate(3000)
    for extra in ("records.sqlite-wal", "records.sqlite-shm"):
        (data / extra).unlink(missing_ok=True)


def _folder_db(data):
    for path in data.glob("records.sqlite*"):
        path.unlink()
    (data / "records.sqlite").mkdir()


def _index_files(data, pattern, action):
    for path in writer.index_path(data).resolve().glob(pattern):
        action(path)


DATABASE_DAMAGE = {"garbage": (_garbage_db, "damaged"), "truncated": (_truncated_db, "damaged"),
                   "a folder": (_folder_db, "is a folder")}
INDEX_DAMAGE = {
    "emptied": (lambda d: _index_files(d, "*", os.unlink), "reindex"),
    "toc overwritten": (lambda d: _index_files(d, "*.toc", lambda p: p.write_bytes(os.urandom(60))), "reindex"),
    "segment deleted": (lambda d: _index_files(d, "*.seg", os.unlink), "reindex"),
}


@pytest.mark.parametrize("damage", DATABASE_DAMAGE)
@pytest.mark.parametrize("command", [["show", "abc"], ["stats"], ["reindex"], ["ingest", "nothing.txt"]])
def test_damaged_records_database_is_one_line(tmp_path, damage, command):
    build(tmp_path)
    spoil, words = DATABASE_DAMAGE[damage]
    spoil(tmp_path)
    line = one_error(run(tmp_path, *command))
    assert "records.sqlite" in line and words in line


@pytest.mark.parametrize("damage", INDEX_DAMAGE)
def test_damaged_index_names_the_fix_and_reindex_repairs_it(tmp_path, damage):
    build(tmp_path)
    before = ids(run(tmp_path, "search", "thi", "--format", "jsonl"))
    spoil, fix = INDEX_DAMAGE[damage]
    spoil(tmp_path)
    for command in (["search", "thi"], ["timeline", "thi"]):
        assert fix in one_error(run(tmp_path, *command))
    assert run(tmp_path, "reindex").exit_code == 0
    assert ids(run(tmp_path, "search", "thi", "--format", "jsonl")) == before
    assert [p.name for p in tmp_path.glob("index.*")] == [writer.index_path(tmp_path).resolve().name]


@pytest.mark.parametrize("command", READING)
def test_a_mistyped_data_dir_is_reported_and_not_created(tmp_path, command):
    missing = tmp_path / "archve"
    line = one_error(run(missing, *command))
    assert "--data-dir" in line and str(missing) in line
    assert not missing.exists()


@pytest.mark.parametrize("command", READING + WRITING + [["ingest", "x.txt"]])
def test_a_data_folder_below_a_file_is_one_line(tmp_path, command):
    (tmp_path / "afile").write_text("x")
    line = one_error(run(tmp_path / "afile" / "data", *command))
    assert "is a file" in line or "check --data-dir" in line


def test_locked_database_says_who_to_wait_for(tmp_path, monkeypatch):
    from ingest import database
    build(tmp_path)
    monkeypatch.setattr(database, "LOCK_WAIT", 0.2)
    holder = sqlite3.connect(tmp_path / "records.sqlite")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        (tmp_path / "a.txt").write_text("Lễ ra quân\n\nNhà máy Z199 tổ chức lễ ra quân năm 2024.\n", encoding="utf-8")
        assert "locked by another program" in one_error(run(tmp_path, "ingest", str(tmp_path / "a.txt")))
    finally:
        holder.rollback()


def test_reading_commands_work_on_read_only_media(tmp_path):
    """A real read-only mount (a private mount namespace); skipped where that is not allowed."""
    import subprocess
    import sys
    build(tmp_path)
    for extra in tmp_path.glob("records.sqlite-*"):
        extra.unlink()
    script = (f"mount --bind -o ro {tmp_path} {tmp_path} && "
              f"{sys.executable} -c 'from search.cli.main import cli; cli()' --data-dir {tmp_path} ")
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind -o ro {tmp_path} {tmp_path}"],
                           capture_output=True)
    if shutil.which("unshare") is None or probe.returncode != 0:
        pytest.skip("no private read-only mount here")
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    for args, ok in ((["stats"], True), (["show", "zz"], False), (["search", "thi"], True), (["reindex"], False)):
        done = subprocess.run(["unshare", "-m", "sh", "-c", script + " ".join(args)], capture_output=True,
                              text=True, env=env, cwd=os.path.dirname(os.path.dirname(__file__)))
        assert "Traceback" not in done.stderr, done.stderr
        assert (done.returncode == 0) == ok, (args, done.stderr)
    assert "read-only" in done.stderr


def test_stored_but_unindexed_records_are_indexed_by_the_next_writer(tmp_path):
    build(tmp_path)
    from ingest import store
    db = store.connect(tmp_path)
    ids = [row[0] for row in db.execute("SELECT id FROM articles")]
    count = len(ids)
    shutil.rmtree(writer.index_path(tmp_path).resolve())  # as if killed before the first commit
    writer.index_path(tmp_path).unlink()
    with db:
        db.executemany("INSERT OR IGNORE INTO unindexed VALUES (?)", [(i,) for i in ids])
    (tmp_path / "a.txt").write_text("Lễ ra quân\n\nNhà máy Z199 tổ chức lễ ra quân năm 2024.\n", encoding="utf-8")
    assert run(tmp_path, "ingest", str(tmp_path / "a.txt")).exit_code == 0
    found = run(tmp_path, "search", "--format", "jsonl")
    assert found.exit_code == 0 and len(found.stdout.splitlines()) == count + 1
    assert store.unindexed_ids(db) == []


def test_two_rebuilds_at_once_both_succeed_and_leave_one_generation(tmp_path):
    build(tmp_path)
    results = []
    threads = [threading.Thread(target=lambda: results.append(run(tmp_path, "reindex"))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.exit_code for r in results] == [0, 0], [r.stderr for r in results]
    assert len([p for p in tmp_path.glob("index.*") if p.is_dir()]) == 1


def test_abandoned_generations_are_removed_by_reindex(tmp_path):
    build(tmp_path)
    for n in range(3):
        (tmp_path / f"index.dead{n}").mkdir()
    assert run(tmp_path, "reindex").exit_code == 0
    assert len(list(tmp_path.glob("index.*"))) == 1


@pytest.mark.parametrize("query,same_as", [("NOT NOT hội", "hội"), ("thi NOT NOT hội", "thi hội"),
                                           ("NOT NOT NOT hội", "NOT hội")])
def test_double_negation_cancels(archive, query, same_as):
    assert run(archive, "search", query, "--format", "jsonl").stdout == \
        run(archive, "search", same_as, "--format", "jsonl").stdout


@pytest.mark.parametrize("command", [["search"], ["show"], ["timeline"], ["stats", "--metric"]])
def test_an_argument_that_is_not_utf8_is_named(archive, command):
    line = one_error(run(archive, *command, "th\udcffi"))
    assert "th\\xffi" in line and "UTF-8" in line


TOKENS = ["thi", "đua", "hội", "Z175", "NOT", "AND", "OR", "ANDNOT", "(", ")", '"', "*", "?", "title:", "year:",
          "[2017 TO 2025]", "~", "^2", "-", "+", ":", "\\", "năm:", "'", "{", "}", "2023"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=7), st.sampled_from([" ", ""]))
def test_any_query_gives_results_or_one_error_line(archive, tokens, joiner):
    result = run(archive, "search", joiner.join(tokens), "--format", "jsonl")
    assert result.exception is None or isinstance(result.exception, SystemExit), (tokens, result.exc_info)
    assert "Traceback" not in result.stderr
    if result.exit_code:
        assert [line for line in result.stderr.splitlines() if line.startswith("Error: ")], result.stderr


def test_a_full_disk_is_one_line_and_keeps_what_was_stored(tmp_path):
    """A 1 MB tmpfs in a private mount namespace; skipped where that is not allowed."""
    import subprocess
    import sys
    disk, sources = tmp_path / "disk", tmp_path / "in"
    disk.mkdir()
    sources.mkdir()
    for n in range(300):
        filler = " ".join(f"nội dung {n}-{k}-{os.urandom(6).hex()}" for k in range(120))
        (sources / f"a{n}.txt").write_text(f"Lễ ra quân số {n}\n\nNhà máy Z1{n} tổ chức lễ ra quân năm 2024, "
                                           f"{filler}.\n", encoding="utf-8")
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=1m tmpfs {disk}"], capture_output=True).returncode:
        pytest.skip("no private tmpfs mount here")
    thidua = f"{sys.executable} -c 'from search.cli.main import cli; cli()' --data-dir {disk}"
    done = subprocess.run(["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=1m tmpfs {disk} && "
                           f"{thidua} ingest {sources}"],
                          capture_output=True, text=True, cwd=os.path.dirname(os.path.dirname(__file__)),
                          env={**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(__file__))})
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "is full" in done.stderr and "free some space" in done.stderr


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ingest_killed_at_a_random_point_then_run_again_leaves_index_equal_to_records(tmp_path, seed):
    """kill -9 at a random moment of a 60-file ingest (batches of 5); after a second
    ingest of the same files every stored record is in the index, and nothing else."""
    import random
    import signal
    import subprocess
    import sys
    import time
    from ingest import store
    sources = tmp_path / "in"
    sources.mkdir()
    for n in range(60):
        (sources / f"a{n}.txt").write_text(f"Lễ ra quân số {n}\n\nNhà máy Z1{n:02d} tổ chức lễ ra quân huấn luyện "
                                           f"năm 2024 tại Hà Nội, bài số {n}.\n", encoding="utf-8")
    data = tmp_path / "data"
    command = [sys.executable, "-c", "from search.cli.main import cli; cli()", "--data-dir", str(data),
               "ingest", "--batch-size", "5", str(sources)]
    root = os.path.dirname(os.path.dirname(__file__))
    env = {**os.environ, "PYTHONPATH": root}
    proc = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.Random(seed).uniform(1.0, 6.0))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    again = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    db = store.connect_reading(data)
    stored = sorted(row[0] for row in db.execute("SELECT id FROM articles"))
    assert len(stored) == 60 and store.unindexed_ids(db) == []
    found = run(data, "search", "--format", "jsonl", "--limit", "1000")
    assert ids(found) == stored

"""Past one machine: `thidua extract --output` (on a Dask LocalCluster or this machine's
processes), the manifest, restarts, and `thidua load` into the archive."""
import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from conftest import SAMPLE, SHARED, needs_shared, write_dump
from ingest import pipeline
from ingest.scale import dask_engine, engines, manifest, shards
from search.cli import sharding
from search.cli.main import cli

SEEDS = SHARED / "seeds"
QUERIES = ["thi đua", "hoi nghi tong ket", "Z129", '"quyết thắng"', "khen thưởng NOT huân"]


def run(*args, data=None):
    prefix = ["--data-dir", str(data)] if data else []
    return CliRunner().invoke(cli, [*prefix, *map(str, args)], catch_exceptions=False)


def inputs():
    """The sample corpus, and the seeds when ../shared is there."""
    return [SAMPLE] + ([SEEDS] if SEEDS.is_dir() else [])


def shard_records(folder):
    return [rec for path in manifest.done_shards(folder)[0] for _, rec, _ in shards.read_shard(path[0])]


def by_source(records):
    return {rec["source"]: rec for rec in records}


@pytest.fixture(scope="module")
def cluster_shards(tmp_path_factory):
    """The sample corpus (and seeds) extracted once on a 2-worker LocalCluster."""
    folder = tmp_path_factory.mktemp("shards")
    result = run("extract", "--output", folder, "--cluster", "local:2", "--partition-size", "4", *inputs())
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def extracted():
    """What `thidua extract --jsonl` prints for the same inputs."""
    result = run("extract", "--jsonl", *inputs())
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout.splitlines()]


def _assert_same(mine, theirs):
    assert mine.keys() == theirs.keys()
    for source, rec in theirs.items():
        assert mine[source]["id"] == rec["id"]
        for field in ("title", "published", "event", "units", "people", "dates", "figures", "url", "source_key"):
            assert mine[source][field] == rec[field], (source, field)
        assert mine[source] == rec


def test_cluster_records_equal_extract_on_sample(cluster_shards, extracted):
    sample = str(SAMPLE)
    mine = {s: r for s, r in by_source(shard_records(cluster_shards)).items() if s.startswith(sample)}
    theirs = {s: r for s, r in by_source(extracted).items() if s.startswith(sample)}
    assert len(theirs) == 20
    _assert_same(mine, theirs)


@needs_shared
def test_cluster_records_equal_extract_on_seeds(cluster_shards, extracted):
    seeds = str(SEEDS)
    mine = {s: r for s, r in by_source(shard_records(cluster_shards)).items() if s.startswith(seeds)}
    theirs = {s: r for s, r in by_source(extracted).items() if s.startswith(seeds)}
    assert theirs and len(theirs) == len(list(SEEDS.glob("*.txt")))
    _assert_same(mine, theirs)


def test_manifest_accounts_for_every_input(cluster_shards):
    lines = manifest.read(cluster_shards)
    header, entries = lines[0], lines[1:]
    files, _ = pipeline.expand_paths(inputs())
    assert header["inputs"] == len(files) and header["extractor"] == shards.extractor_version()
    made = [e for e in entries if "shard" in e]
    assert sorted(e["partition"] for e in made) == list(range(header["partitions"]))
    assert [i for e in sorted(made, key=lambda e: e["partition"]) for i in e["inputs"]] == [str(f) for f in files]
    assert sum(e["articles"] for e in made) == len(shard_records(cluster_shards))


def _table(db, sql):
    """The rows in an order of their own (a NULL, such as a figure without a period, sorts first)."""
    return sorted((tuple(row) for row in db.execute(sql)),
                  key=lambda row: tuple((v is not None, type(v).__name__, v if v is not None else 0) for v in row))


def archive_state(folder):
    """Everything stored but the times of storing, and the index's answers."""
    db = sqlite3.connect(folder / "records.sqlite")
    state = {
        "articles": _table(db, "SELECT id, source, title, published, text, record, url, content_hash, copy_of, hidden "
                               "FROM articles"),
        "sources": _table(db, "SELECT key, article_id, source, url, site FROM sources"),
        "versions": _table(db, "SELECT article_id, content_hash, title, text FROM versions"),
        "entities": [_table(db, f"SELECT * FROM {t}") for t in ("units", "people", "dates", "figures")],
        "unindexed": _table(db, "SELECT id FROM unindexed"),
    }
    db.close()
    for query in QUERIES:
        found = json.loads(run("search", query, "--json", "--limit", "100", "--all-copies", data=folder).stdout)
        state[query] = sorted(r["id"] for r in found["results"])
    return state


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The archive `thidua ingest` makes of the same inputs."""
    folder = tmp_path_factory.mktemp("ingested")
    assert run("ingest", *inputs(), data=folder).exit_code == 0
    state = archive_state(folder)
    assert state["articles"] and all(state[q] for q in QUERIES[:3])
    return state


def test_load_of_shards_gives_the_archive_ingest_gives(cluster_shards, ingested, tmp_path):
    loaded = tmp_path / "loaded"
    result = run("load", cluster_shards, data=loaded)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{len(shard_records(cluster_shards))} new")
    assert archive_state(loaded) == ingested
    again = run("load", cluster_shards, data=loaded)  # the same shards again: nothing changes
    count = len(ingested["articles"])
    assert again.exit_code == 0 and again.stdout.startswith(f"0 new, 0 updated, {count} unchanged")
    assert archive_state(loaded) == ingested


def test_ingest_on_a_cluster_gives_the_archive_ingest_gives(ingested, tmp_path, monkeypatch):
    """The chaining of extract and load; the engine is this process (the Dask engine is
    tested above), so as not to start a second cluster."""
    monkeypatch.setattr(sharding, "engine", lambda cluster, jobs: engines.local(1))
    data = tmp_path / "data"
    result = run("ingest", "--cluster", "local:2", "--partition-size", "3", *inputs(), data=data)
    assert result.exit_code == 0, result.output
    assert archive_state(data) == ingested
    assert [p.name for p in data.iterdir() if p.name.startswith("extracting-")] == []


def _shard_lines(folder):
    return [e for e in manifest.read(folder) if "shard" in e]


def test_killed_run_restarted_redoes_only_missing_shards(tmp_path):
    out = tmp_path / "out"
    child = subprocess.Popen([sys.executable, "-m", "search", "extract", "--output", str(out), "--partition-size", "1",
                              str(SAMPLE)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(_shard_lines(out)) < 4 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    made = {e["shard"]: (out / e["shard"]).stat().st_mtime_ns for e in _shard_lines(out)}
    assert 4 <= len(made) < 20, "the run was not killed half-way"
    # what a kill between two writes also leaves: a shard not yet renamed, a line cut short
    (out / "part-00016.jsonl.gz.tmp").write_bytes(b"\x1f\x8b half")
    with open(out / manifest.NAME, "a") as fh:
        fh.write('{"shard": "part-000')
    result = run("extract", "--output", out, "--partition-size", "1", SAMPLE)
    assert result.exit_code == 0, result.output
    assert f"{len(made)} of 20 shards were made by an earlier run; {20 - len(made)} left to make" in result.stderr
    assert all((out / name).stat().st_mtime_ns == mtime for name, mtime in made.items())
    assert sorted(e["partition"] for e in _shard_lines(out)) == list(range(20))
    assert not list(out.glob("*.tmp"))
    records = shard_records(out)
    assert len(records) == len({r["source"] for r in records}) == 20
    assert by_source(records) == by_source(json.loads(line) for line in run("extract", SAMPLE).stdout.splitlines())


def test_deleted_shard_is_made_again_and_nothing_twice(tmp_path):
    out = tmp_path / "out"
    assert run("extract", "--output", out, "--partition-size", "5", SAMPLE).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.glob("part-*")}
    (out / "part-00001.jsonl.gz").unlink()
    result = run("extract", "--output", out, "--partition-size", "5", SAMPLE)
    assert result.exit_code == 0 and "3 of 4 shards were made by an earlier run; 1 left to make" in result.stderr
    assert {p.name: p.read_bytes() for p in out.glob("part-*")} == before
    assert sorted(e["partition"] for e in _shard_lines(out)) == [0, 1, 2, 3]


def test_failed_input_is_a_manifest_line_and_its_shard_is_kept(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    write_dump(pages, "a.txt", "Nhà máy Z199 phát động thi đua",
               "Sáng 3/2/2024, Nhà máy Z199 tổ chức lễ phát động thi đua.")
    (pages / "b.txt").write_bytes(b"")
    (pages / "c.html").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    result = run("extract", "--output", out, pages, tmp_path / "missing.txt")
    assert result.exit_code == 1
    assert "1 articles in 1 of 1 shards, 3 failed" in result.stdout
    assert f"error: {pages / 'b.txt'}: empty file" in result.stderr
    failures = {e["failure"]: (e["reason"], e["partition"]) for e in manifest.read(out) if "failure" in e}
    assert failures == {str(pages / "b.txt"): ("empty file", 0),
                        str(pages / "c.html"): ("not a text or HTML file (binary content)", 0),
                        str(tmp_path / "missing.txt"): ("no such file or folder", None)}
    assert [r["source"] for r in shard_records(out)] == [str(pages / "a.txt")]
    assert _shard_lines(out)[0]["failures"] == 2


def test_partition_lost_as_a_whole_is_redone_by_the_next_run(tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = shards.extract_shard

    def dies_on_third(inputs):
        if any("03_" in name for name in inputs):
            raise MemoryError("worker out of memory")
        return real(inputs)

    monkeypatch.setattr(shards, "extract_shard", dies_on_third)
    result = run("extract", "--output", out, "--partition-size", "2", SAMPLE)
    assert result.exit_code == 1
    assert "not extracted (MemoryError: worker out of memory); run the same command again" in result.stderr
    lost = [e for e in manifest.read(out) if "failure" in e]
    assert [e["partition"] for e in lost] == [1, 1] and not (out / "part-00001.jsonl.gz").exists()
    monkeypatch.setattr(shards, "extract_shard", real)
    result = run("extract", "--output", out, "--partition-size", "2", SAMPLE)
    assert result.exit_code == 0 and "20 articles in 10 of 10 shards, 0 failed" in result.stdout
    assert not [e for e in manifest.read(out) if "failure" in e]


def test_restart_with_other_inputs_or_extractor_is_refused(tmp_path):
    out = tmp_path / "out"
    assert run("extract", "--output", out, SAMPLE / "01_z129_phat_dong_thi_dua_2020.txt").exit_code == 0
    other = run("extract", "--output", out, SAMPLE)
    assert other.exit_code == 1 and "holds an extraction of other inputs" in other.stderr
    lines = (out / manifest.NAME).read_text().splitlines()
    header = json.loads(lines[0])
    header["extractor"]["rules"] = "0123456789ab"
    (out / manifest.NAME).write_text("\n".join([json.dumps(header)] + lines[1:]) + "\n")
    older = run("extract", "--output", out, SAMPLE / "01_z129_phat_dong_thi_dua_2020.txt")
    assert older.exit_code == 1 and "another version of the extractor" in older.stderr
    assert run("extract", "--cluster", "local:2", SAMPLE).exit_code == 2  # --cluster needs --output


def test_dask_engine_reports_a_failed_partition_and_runs_the_others():
    with dask_engine.engine(workers=1, processes=False) as run_tasks:
        got = sorted(run_tasks(_half_of_inverse, [(0, 4), (1, 0), (2, 10)]))
    assert got == [(0, 0.125, None), (1, None, "ZeroDivisionError: division by zero"), (2, 0.05, None)]


def _half_of_inverse(value):
    return 1 / value / 2


def test_load_reports_each_bad_line_and_stores_the_rest(cluster_shards, tmp_path):
    with gzip.open(cluster_shards / "part-00000.jsonl.gz", "rt", encoding="utf-8") as fh:
        good = fh.readlines()
    mixed = tmp_path / "mixed.jsonl"
    nameless = '{"source": "x", "text": "y", "people": [{"rank": "Đại tá"}]}\n'
    bad = ['{"source": "x", "text": \n', nameless, "[1, 2]\n"]
    mixed.write_text("".join(good[:1] + bad + good[1:]), encoding="utf-8")
    result = run("load", mixed, tmp_path / "nothing", data=tmp_path / "data")
    assert result.exit_code == 1
    assert f"error: {mixed}:2: not JSON" in result.stderr
    assert f"error: {mixed}:3: people[0].name is missing" in result.stderr
    assert f"error: {mixed}:4: not a record (a JSON object was expected)" in result.stderr
    assert f"error: {tmp_path / 'nothing'}: no such file or folder" in result.stderr
    assert result.stdout.startswith(f"{len(good)} new") and "4 failed" in result.stdout


def test_load_of_an_unfinished_extraction_says_what_is_missing(cluster_shards, tmp_path):
    partial = tmp_path / "partial"
    partial.mkdir()
    for path in cluster_shards.iterdir():
        if path.name != "part-00001.jsonl.gz":
            (partial / path.name).write_bytes(path.read_bytes())
    result = run("load", partial, data=tmp_path / "data")
    assert result.exit_code == 1
    assert f"error: {partial}: 1 of {manifest.read(partial)[0]['partitions']} shards are not made yet" in result.stderr
    left_out = sum(1 for _ in shards.read_shard(cluster_shards / "part-00001.jsonl.gz"))
    expected = len(shard_records(cluster_shards)) - left_out
    assert result.stdout.startswith(f"{expected} new")


def test_two_runs_on_one_folder_at_once_are_refused(tmp_path):
    out = tmp_path / "out"
    first = manifest.Run(out, [SAMPLE / "01_z129_phat_dong_thi_dua_2020.txt"], [], 1, shards.extractor_version())
    second = run("extract", "--output", out, SAMPLE / "01_z129_phat_dong_thi_dua_2020.txt")
    assert second.exit_code == 1 and f"another thidua extract is writing to {out}" in second.stderr
    assert first.todo() == [(0, (str(SAMPLE / "01_z129_phat_dong_thi_dua_2020.txt"),))]
    first.close()
    assert run("extract", "--output", out, "--partition-size", "1", SAMPLE / "01_z129_phat_dong_thi_dua_2020.txt"
               ).exit_code == 0


def test_the_extractor_fingerprint_covers_the_rules_and_word_lists():
    files = {f.relative_to(shards.INGEST).as_posix() for f in shards.rule_files(shards.INGEST)}
    assert {"pipeline.py", "extract/compose.py", "clean/html_clean.py", "language/names.py",
            "data/figure_units.tsv"} <= files
    assert not any(name.startswith(("scrape/", "scale/")) or name == "store.py" for name in files)
    assert len(shards.extractor_version()["rules"]) == 12


def test_a_line_whose_kinds_types_or_roles_are_not_text_is_refused():
    """What statistics and filing read (a figure's kind and quote, the event's types, a
    date's role, a unit's kind and members) is type-checked like the other fields: a
    list where text is read would fail the whole batch at the database."""
    line = {"source": "x", "text": "y"}
    good = {**line, "event": {"type": "conference", "types": ["conference", "handover"]},
            "units": [{"name": "Cụm thi đua số 1", "kind": "cluster", "members": ["Nhà máy Z111"]}],
            "dates": [{"text": "năm 1955", "start": "1955-01-01", "role": "history"}],
            "figures": [{"text": "500 tỷ đồng", "value": 500, "kind": "plan", "quote": "Kế hoạch 500 tỷ đồng."}]}
    assert shards.check_record(good) is None
    for broken, problem in [
        ({"figures": [{"value": 1, "kind": ["result"]}]}, "figures[0].kind is not text"),
        ({"figures": [{"value": 1, "quote": 3}]}, "figures[0].quote is not text"),
        ({"event": {"types": "conference"}}, "event.types is not a list"),
        ({"event": {"types": [{"type": "award"}]}}, "event.types[0] is not text"),
        ({"dates": [{"start": "2020-01-01", "role": 1}]}, "dates[0].role is not text"),
        ({"units": [{"name": "Nhà máy Z111", "kind": 2}]}, "units[0].kind is not text"),
        ({"units": [{"name": "Cụm", "members": "Nhà máy Z111"}]}, "units[0].members is not a list"),
    ]:
        assert shards.check_record({**line, **broken}) == problem

"""The records database: idempotent re-ingest, updates, and a kill mid-ingest."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from click.testing import CliRunner

from conftest import write_dump
from ingest import store
from ingest.record import new_record
from search.cli.main import cli

BODY = ("Sáng ngày {d}/10/2023, Nhà máy Z{n} tổ chức Hội nghị tổng kết công tác thi đua khen thưởng.\n"
        "Giá trị sản xuất đạt hơn {n}0 tỷ đồng, tăng 5,{d}% so với năm 2022.")


def _corpus(folder, count):
    folder.mkdir(exist_ok=True)
    for i in range(count):
        write_dump(folder, f"{i:05d}.txt", f"Tin số {i}: thi đua quyết thắng",
                   BODY.format(d=i % 28 + 1, n=100 + i))
    return folder


def _ingest(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def test_reingest_is_a_no_op(tmp_path):
    src = _corpus(tmp_path / "in", 3)
    first = _ingest("--data-dir", tmp_path / "data", src)
    assert first.exit_code == 0, first.output
    assert "3 new, 0 updated, 0 unchanged, 0 duplicate, 0 failed" in first.output
    again = _ingest("--data-dir", tmp_path / "data", src)
    assert "0 new, 0 updated, 3 unchanged, 0 duplicate, 0 failed" in again.output
    db = store.connect(tmp_path / "data")
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_same_content_under_another_name_is_the_same_article_with_two_sources(tmp_path):
    src = _corpus(tmp_path / "in", 1)
    copy = tmp_path / "copy.txt"
    copy.write_text((src / "00000.txt").read_text(encoding="utf-8").replace("Hội", "Hội "), encoding="utf-8")
    _ingest("--data-dir", tmp_path / "data", src)
    result = _ingest("--data-dir", tmp_path / "data", copy)
    assert "0 new, 0 updated, 0 unchanged, 1 duplicate" in result.output
    db = store.connect(tmp_path / "data")
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert sorted(r[0] for r in db.execute("SELECT source FROM sources")) == sorted([str(src / "00000.txt"), str(copy)])


def test_changed_record_is_updated_with_its_entities(tmp_path):
    db = store.connect(tmp_path)
    rec = new_record("a.txt", "Tiêu đề", None, None, "Nội dung bài viết.")
    rec["figures"] = [{"text": "19 tập thể", "value": 19, "unit": "tập thể"}]
    assert store.save_batch(db, [rec]) == [(rec["id"], "new")]
    rec["figures"].append({"text": "73 cá nhân", "value": 73, "unit": "cá nhân"})
    assert store.save_batch(db, [rec]) == [(rec["id"], "updated")]
    assert db.execute("SELECT count(*) FROM figures").fetchone()[0] == 2
    assert store.get_record(db, rec["id"][:6])["figures"][1]["value"] == 73


def test_data_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_DATA", str(tmp_path / "env-data"))
    result = _ingest(_corpus(tmp_path / "in", 1))
    assert result.exit_code == 0
    assert (tmp_path / "env-data" / store.DB_NAME).exists()


def test_kill_during_ingest_leaves_a_readable_database(tmp_path):
    src = _corpus(tmp_path / "in", 600)
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-m", "search", "--data-dir", str(data), "ingest",
                             "--batch-size", "5", str(src)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db_path = data / store.DB_NAME
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db_path.exists():
            try:
                stored = sqlite3.connect(db_path).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored:
                break
        time.sleep(0.01)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = db.execute("SELECT id, record FROM articles").fetchall()
    for article_id, record in rows:  # every stored article is whole, entities included
        figures = db.execute("SELECT count(*) FROM figures WHERE article_id = ?", (article_id,)).fetchone()[0]
        assert figures == len(json.loads(record)["figures"])
    again = _ingest("--data-dir", data, src)
    assert again.exit_code == 0, again.output
    assert f"{600 - len(rows)} new, 0 updated, {len(rows)} unchanged, 0 duplicate, 0 failed" in again.output


def test_an_archive_from_before_filing_dates_and_kinds_is_migrated(tmp_path):
    """Issue 13's columns: filing date and period, event types, kinds and quotes of
    figures, roles of dates, filled from the stored records when an older archive opens."""
    from figure_records import records

    recs = records()
    db = store.connect(tmp_path)
    store.save_batch(db, recs)
    for table, columns in store.NEW_COLUMNS.items():  # back to what a thidua before issue 13 wrote
        for name in ("event_types", "filed_on", "filed_by", "period_start", "period_end", "kind", "quote", "role"):
            if name in columns:
                db.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
    db.commit()
    db.close()
    db = store.connect_reading(tmp_path)  # a reader brings it up to date
    assert not store._missing_columns(db)
    filed = {r["title"]: (r["filed_on"], r["filed_by"], r["period_start"], r["period_end"], json.loads(r["event_types"]))
             for r in db.execute("SELECT * FROM articles")}
    assert filed["Z111 về đích chín tháng"] == ("2024-09-30", "period", "2024-01-01", "2024-09-30", ["report"])
    assert filed["Hội nghị Cụm thi đua Cơ khí - Động lực và bàn giao Cụm trưởng"][1:] == (
        "event", "2023-01-01", "2023-09-30", ["conference", "handover"])
    kinds = sorted(r[0] for r in db.execute("SELECT kind FROM figures"))
    assert kinds == sorted(f["kind"] for r in recs for f in r["figures"])
    assert db.execute("SELECT quote FROM figures WHERE kind = 'forecast'").fetchone()[0] == \
        "Nhà máy dự kiến cả năm đạt 1.100 tỷ đồng."
    assert [r[0] for r in db.execute("SELECT text FROM dates WHERE role = 'history'")] == ["15/3/1965"]
    assert db.execute("SELECT COUNT(*) FROM figures").fetchone()[0] == sum(len(r["figures"]) for r in recs)

"""The records database: an SQLite file in the data folder, the source of truth.

Each batch of articles is written in one transaction, so a killed ingest leaves
either all of a batch or none of it. Entities are also spread into plain tables
(units, people, dates, figures) so that statistics are one SQL GROUP BY away and
an archivist can open the file with any SQLite tool.

The `unindexed` table is the journal between the two halves of the archive: a
batch's new and updated ids are written there in the batch's own transaction and
removed once the index has committed them, so after a kill between the two steps
the next writer knows exactly what to index, and readers can say the index lags.
"""
import json
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from ingest.database import open_database, open_reading

DB_NAME = "records.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    title TEXT,
    published TEXT,
    author TEXT,
    text TEXT NOT NULL,
    event_type TEXT,
    event_date TEXT,
    event_location TEXT,
    record TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS units (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL, code TEXT, mentions TEXT
);
CREATE INDEX IF NOT EXISTS units_article ON units(article_id);
CREATE TABLE IF NOT EXISTS people (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL, rank TEXT, positions TEXT
);
CREATE INDEX IF NOT EXISTS people_article ON people(article_id);
CREATE TABLE IF NOT EXISTS dates (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT, start TEXT, "end" TEXT, granularity TEXT
);
CREATE INDEX IF NOT EXISTS dates_article ON dates(article_id);
CREATE TABLE IF NOT EXISTS figures (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT, value REAL, unit TEXT, metric TEXT, qualifier TEXT,
    organisation TEXT, period_start TEXT, period_end TEXT
);
CREATE INDEX IF NOT EXISTS figures_article ON figures(article_id);
CREATE TABLE IF NOT EXISTS unindexed (id TEXT PRIMARY KEY);
"""


def data_dir(path=None):
    """The data folder: --data-dir, else $THIDUA_DATA, else ./thidua-data."""
    return Path(path or os.environ.get("THIDUA_DATA") or "thidua-data")


def connect(folder):
    """The records database, for writing (created if missing)."""
    return open_database(Path(folder) / DB_NAME, SCHEMA)


def connect_reading(folder):
    """The records database, read-only: an ArchiveError if there is none."""
    return open_reading(Path(folder) / DB_NAME)


def _record_json(record):
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def save_batch(db, records):
    """Store records in one transaction; returns {id: "new" | "updated" | "unchanged"}.

    The same article met again under another file name or URL is unchanged: the
    archive keeps the source it first came from."""
    status = {}
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with db:
        for rec in records:
            row = db.execute("SELECT source, record FROM articles WHERE id = ?", (rec["id"],)).fetchone()
            if row is not None:
                rec = {**rec, "source": row["source"]}
            body = _record_json(rec)
            if row is not None and row["record"] == body:
                status[rec["id"]] = "unchanged"
                continue
            if row is not None:
                db.execute("DELETE FROM articles WHERE id = ?", (rec["id"],))
            _insert(db, rec, body, now)
            db.execute("INSERT OR IGNORE INTO unindexed VALUES (?)", (rec["id"],))
            status[rec["id"]] = "updated" if row is not None else "new"
    return status


def unindexed_ids(db):
    """Ids stored but not yet committed to the index (see the module docstring)."""
    try:
        return [row[0] for row in db.execute("SELECT id FROM unindexed")]
    except sqlite3.OperationalError:  # an archive from before the journal, opened read-only
        return []


def mark_indexed(db, ids):
    with db:
        db.executemany("DELETE FROM unindexed WHERE id = ?", [(i,) for i in ids])


def records_by_id(db, ids):
    for article_id in ids:
        row = db.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is not None:
            yield json.loads(row["record"])


def _insert(db, rec, body, now):
    event = rec.get("event") or {}
    db.execute(
        "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (rec["id"], rec["source"], rec.get("title"), rec.get("published"), rec.get("author"), rec["text"],
         event.get("type"), event.get("date"), event.get("location"), body, now))
    db.executemany("INSERT INTO units VALUES (?,?,?,?)",
                   [(rec["id"], u["name"], u.get("code"), json.dumps(u.get("mentions", []), ensure_ascii=False))
                    for u in rec.get("units", [])])
    db.executemany("INSERT INTO people VALUES (?,?,?,?)",
                   [(rec["id"], p["name"], p.get("rank"), json.dumps(p.get("positions", []), ensure_ascii=False))
                    for p in rec.get("people", [])])
    db.executemany("INSERT INTO dates VALUES (?,?,?,?,?)",
                   [(rec["id"], d.get("text"), d.get("start"), d.get("end"), d.get("granularity"))
                    for d in rec.get("dates", [])])
    db.executemany("INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?)",
                   [(rec["id"], f.get("text"), f.get("value"), f.get("unit"), f.get("metric"), f.get("qualifier"),
                     f.get("organisation"), (f.get("period") or {}).get("start"), (f.get("period") or {}).get("end"))
                    for f in rec.get("figures", [])])


def get_record(db, article_id):
    """One record by id or by a unique id prefix; None when absent."""
    rows = db.execute("SELECT record FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)).fetchall()
    return json.loads(rows[0]["record"]) if len(rows) == 1 else None


def iter_records(db):
    for row in db.execute("SELECT record FROM articles ORDER BY id"):
        yield json.loads(row["record"])

"""The crawl's memory: which URLs are queued, which were fetched and how, in SQLite.

<data-dir>/crawl.sqlite is committed after every page, so a crawl killed at any
moment resumes where it stopped (`thidua crawl --resume`) and fetches nothing twice
— except the one page that was in flight. A URL is one row for ever: it keeps its
ETag/Last-Modified across crawls for conditional requests, and `run` says which crawl
last queued it, so a URL already seen in this crawl is a duplicate.
"""
import json
from datetime import datetime, timezone
from pathlib import Path

from ingest.database import open_database

DB_NAME = "crawl.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    seeds TEXT NOT NULL,
    options TEXT NOT NULL,
    duplicates INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    run INTEGER NOT NULL REFERENCES runs(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    seed INTEGER NOT NULL DEFAULT 0,
    via TEXT,
    state TEXT NOT NULL,
    reason TEXT,
    status INTEGER,
    final_url TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT,
    ingested TEXT
);
CREATE INDEX IF NOT EXISTS urls_queue ON urls(run, state, seq);
CREATE INDEX IF NOT EXISTS urls_seq ON urls(seq);
"""

STATES = ("queued", "fetched", "skipped", "failed")


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def connect(folder):
    return open_database(Path(folder) / DB_NAME, SCHEMA)


def start_run(db, seeds, options):
    with db:
        return db.execute("INSERT INTO runs (started, seeds, options) VALUES (?, ?, ?)",
                          (_now(), json.dumps(seeds), json.dumps(options, sort_keys=True))).lastrowid


def run_seeds(db, run):
    """The seed URLs a crawl was started with: they decide which sites it may visit,
    on --resume as on the first day."""
    return json.loads(db.execute("SELECT seeds FROM runs WHERE id = ?", (run,)).fetchone()["seeds"])


def unfinished_run(db):
    """(run id, options) of the latest crawl that did not finish, or None."""
    row = db.execute("SELECT id, options FROM runs WHERE finished IS NULL ORDER BY id DESC LIMIT 1").fetchone()
    return (row["id"], json.loads(row["options"])) if row else None


def finish_run(db, run):
    with db:
        db.execute("UPDATE runs SET finished = ? WHERE id = ?", (_now(), run))


def add(db, run, url, kind, seed=False, via=None, state="queued", reason=None):
    """Queue url for this crawl (or record it as skipped, with a reason). Returns False —
    and counts a duplicate — when this crawl already has it. The caller commits."""
    row = db.execute("SELECT run FROM urls WHERE url = ?", (url,)).fetchone()
    if row is not None and row["run"] == run:
        db.execute("UPDATE runs SET duplicates = duplicates + 1 WHERE id = ?", (run,))
        return False
    seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM urls").fetchone()[0]
    if row is None:
        db.execute("INSERT INTO urls (url, run, seq, kind, seed, via, state, reason) VALUES (?,?,?,?,?,?,?,?)",
                   (url, run, seq, kind, int(seed), via, state, reason))
    else:  # known from an earlier crawl: keep its validators for a conditional request
        db.execute("UPDATE urls SET run=?, seq=?, kind=?, seed=?, via=?, state=?, reason=?, status=NULL, "
                   "final_url=NULL, ingested=NULL WHERE url=?", (run, seq, kind, int(seed), via, state, reason, url))
    return True


def next_queued(db, run):
    return db.execute("SELECT * FROM urls WHERE run = ? AND state = 'queued' ORDER BY seq LIMIT 1", (run,)).fetchone()


def state_in_run(db, run, url):
    row = db.execute("SELECT state FROM urls WHERE url = ? AND run = ?", (url, run)).fetchone()
    return row["state"] if row else None


def validators(db, url):
    """(ETag, Last-Modified) from the last time url answered 200, for a conditional GET."""
    row = db.execute("SELECT etag, last_modified FROM urls WHERE url = ?", (url,)).fetchone()
    return (row["etag"], row["last_modified"]) if row else (None, None)


def settle(db, url, state, reason=None, status=None, final_url=None, ingested=None):
    """Record what became of a queued url. The caller commits."""
    db.execute("UPDATE urls SET state=?, reason=?, status=?, final_url=?, ingested=?, fetched_at=? WHERE url=?",
               (state, reason, status, final_url, ingested, _now(), url))


def settle_redirect_target(db, run, url, state, reason):
    """A redirect's target shares the fate of the URL that led to it, so that a later
    link to it in this crawl is a duplicate. The caller commits."""
    if db.execute("SELECT 1 FROM urls WHERE url = ?", (url,)).fetchone() is None:
        seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM urls").fetchone()[0]
        db.execute("INSERT INTO urls (url, run, seq, kind, state, reason, fetched_at) VALUES (?,?,?,?,?,?,?)",
                   (url, run, seq, "redirect target", state, reason, _now()))
    else:
        db.execute("UPDATE urls SET run=?, kind='redirect target', state=?, reason=?, fetched_at=? WHERE url=?",
                   (run, state, reason, _now(), url))


def remember_validators(db, url, etag, last_modified):
    """Keep a 200 answer's ETag and Last-Modified for the next crawl's conditional GET."""
    db.execute("UPDATE urls SET etag=?, last_modified=? WHERE url=?", (etag, last_modified, url))


def summary(db, run):
    """Counts for the end-of-crawl report: {state: {reason: n}}, duplicates, ingested, queued."""
    counts = {state: {} for state in STATES}
    for row in db.execute("SELECT state, COALESCE(reason, '') AS reason, COUNT(*) AS n FROM urls "
                          "WHERE run = ? AND kind != 'redirect target' GROUP BY state, reason", (run,)):
        counts[row["state"]][row["reason"]] = row["n"]
    ingested = {row["ingested"]: row["n"] for row in db.execute(
        "SELECT ingested, COUNT(*) AS n FROM urls WHERE run = ? AND ingested IS NOT NULL GROUP BY ingested", (run,))}
    seeds_failed = [dict(row) for row in db.execute(
        "SELECT url, reason FROM urls WHERE run = ? AND seed = 1 AND state IN ('failed', 'skipped') "
        "AND reason NOT LIKE 'unchanged%'", (run,))]
    duplicates = db.execute("SELECT duplicates FROM runs WHERE id = ?", (run,)).fetchone()[0]
    return {"counts": counts, "duplicates": duplicates, "ingested": ingested, "seeds_failed": seeds_failed}

"""Keeping the authorities in step with the records.

Each stored batch links its new names in its own transaction (link_records).
When the gazetteer has changed, or an archive from before the authorities is
opened, they are built again from the gazetteer and every stored unit and person,
and the archivist's edits are replayed on top, in the order they were made
(ensure). A version number, raised at every change, tells readers that kept an
authority in memory to read it again.
"""
import json
import sqlite3

from ingest.authority import edits, people, units

TABLES = ("unit_entries", "unit_names", "person_entries", "person_names", "person_articles", "person_mentions")


def version(db):
    try:
        row = db.execute("SELECT value FROM authority_meta WHERE key = 'version'").fetchone()
    except sqlite3.OperationalError:  # an archive from before the authorities, read-only
        return "0"
    return row[0] if row else "0"


def ensure(db):
    """Build the authorities when they are missing or the gazetteer changed since."""
    row = db.execute("SELECT value FROM authority_meta WHERE key = 'gazetteer'").fetchone()
    if row is None or row[0] != units.gazetteer_fingerprint():
        with db:
            rebuild(db)


def rebuild(db):
    """The authorities from the gazetteer, the stored units and people, and the edits."""
    for table in TABLES:
        db.execute(f"DELETE FROM {table}")
    units.seed(db)
    parents = units.parent_forms(db)
    for row in db.execute("SELECT id, record FROM articles ORDER BY ingested_at, rowid").fetchall():  # as stored
        rec = json.loads(row[1])
        units.link(db, rec.get("units") or [], parents)
        people.link(db, rec.get("people") or [])
        people.mention(db, row[0], rec)
    for edit in db.execute("SELECT * FROM authority_edits ORDER BY rowid").fetchall():
        try:
            edits.apply(db, dict(edit))
        except edits.EditError:
            pass  # what it named is gone from the archive: nothing left to edit
    db.execute("INSERT INTO authority_meta VALUES ('gazetteer', ?) ON CONFLICT(key) DO UPDATE SET "
               "value = excluded.value", (units.gazetteer_fingerprint(),))
    edits.bump(db)


def link_records(db, records, statuses):
    """Link the units and people of stored records (inside the batch's transaction);
    statuses: store.save_batch's [(article id, status)], one per record."""
    new = units.link(db, (u for rec in records for u in rec.get("units") or []))
    new += people.link(db, (p for rec in records for p in rec.get("people") or []))
    for rec, (article, status) in zip(records, statuses):
        if status in ("new", "copy", "updated"):
            people.mention(db, article, rec)
    if new:
        edits.bump(db)

"""One way to open the project's SQLite files (the records, the crawl frontier)."""
import sqlite3
from pathlib import Path


def open_database(path, schema):
    """An SQLite file in WAL mode (readers never wait for a writer) with its schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=30)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.executescript(schema)
    return db

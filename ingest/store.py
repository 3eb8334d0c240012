"""The records database: an SQLite file in the data folder, the source of truth.

Each batch of articles is written in one transaction, so a killed ingest leaves
either all of a batch or none of it. Entities are also spread into plain tables
(units, people, dates, figures) so that statistics are one SQL GROUP BY away and
an archivist can open the file with any SQLite tool.

One record per article (ingest.identity): a source met again updates its article,
the old text kept in `versions`; the same content from another source adds a row
to `sources`; a near copy (ingest.identity.copies) is stored, pointing at its group's first
article (`copy_of`), so that search, timelines and statistics count the story once.
`hidden` marks an article the archivist took out of view; `curation_log` says
what was removed or hidden, and when.

The `unindexed` table is the journal between the two halves of the archive: the ids
of articles whose stored form changed (or that were removed) are written there in
the batch's own transaction and removed once the index has committed them, so
after a kill between the two steps the next writer knows exactly what to index,
and readers can say the index lags.
"""
import json
import os
import sqlite3
import time
from collections import namedtuple
from datetime import datetime, timezone
from pathlib import Path

from ingest.authority import build as authority
from ingest.database import ArchiveError, open_database, open_reading
from ingest.extract import filing, quotes
from ingest.identity import content_hash, copies, fingerprint, site, source_key

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
    ingested_at TEXT NOT NULL,
    url TEXT,
    content_hash TEXT,
    copy_of TEXT,
    hidden INTEGER NOT NULL DEFAULT 0,
    event_types TEXT,
    filed_on TEXT,
    filed_by TEXT,
    period_start TEXT,
    period_end TEXT
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS units (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL, code TEXT, mentions TEXT, kind TEXT
);
CREATE INDEX IF NOT EXISTS units_article ON units(article_id);
CREATE TABLE IF NOT EXISTS people (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL, rank TEXT, positions TEXT
);
CREATE INDEX IF NOT EXISTS people_article ON people(article_id);
CREATE TABLE IF NOT EXISTS dates (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT, start TEXT, "end" TEXT, granularity TEXT, role TEXT
);
CREATE INDEX IF NOT EXISTS dates_article ON dates(article_id);
CREATE TABLE IF NOT EXISTS figures (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT, value REAL, unit TEXT, metric TEXT, qualifier TEXT,
    organisation TEXT, period_start TEXT, period_end TEXT, kind TEXT, quote TEXT
);
CREATE INDEX IF NOT EXISTS figures_article ON figures(article_id);
CREATE TABLE IF NOT EXISTS unindexed (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS sources (
    key TEXT PRIMARY KEY, article_id TEXT NOT NULL, source TEXT NOT NULL, url TEXT, site TEXT,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_article ON sources(article_id);
CREATE TABLE IF NOT EXISTS versions (
    article_id TEXT NOT NULL, content_hash TEXT NOT NULL, title TEXT, text TEXT NOT NULL,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, PRIMARY KEY (article_id, content_hash)
);
CREATE TABLE IF NOT EXISTS copy_bands (key INTEGER NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS copy_bands_key ON copy_bands(key);
CREATE INDEX IF NOT EXISTS copy_bands_article ON copy_bands(article_id);
CREATE TABLE IF NOT EXISTS copy_lines (key INTEGER NOT NULL, article_id TEXT NOT NULL, site TEXT);
CREATE INDEX IF NOT EXISTS copy_lines_key ON copy_lines(key);
CREATE INDEX IF NOT EXISTS copy_lines_article ON copy_lines(article_id);
CREATE TABLE IF NOT EXISTS copy_shingles (
    article_id TEXT PRIMARY KEY, lines BLOB NOT NULL, ends BLOB NOT NULL, shingles BLOB NOT NULL,
    numbers TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS inputs (
    key TEXT PRIMARY KEY, raw_hash TEXT NOT NULL, extractor TEXT NOT NULL, article_ids TEXT NOT NULL,
    seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS curation_log (
    at TEXT NOT NULL, action TEXT NOT NULL, article_id TEXT NOT NULL, title TEXT, source TEXT, detail TEXT
);
CREATE TABLE IF NOT EXISTS unit_entries (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT, kind TEXT, parent TEXT, origin TEXT NOT NULL,
    dropped INTEGER NOT NULL DEFAULT 0, named INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS unit_names (
    term TEXT PRIMARY KEY, key TEXT NOT NULL, canon TEXT, form TEXT NOT NULL, entry INTEGER NOT NULL,
    origin TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS unit_names_key ON unit_names(key);
CREATE INDEX IF NOT EXISTS unit_names_canon ON unit_names(canon);
CREATE INDEX IF NOT EXISTS unit_names_entry ON unit_names(entry);
CREATE TABLE IF NOT EXISTS person_entries (id INTEGER PRIMARY KEY, name TEXT NOT NULL, label TEXT NOT NULL,
                                           origin TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS person_names (term TEXT PRIMARY KEY, form TEXT NOT NULL, entry INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS person_names_entry ON person_names(entry);
CREATE TABLE IF NOT EXISTS person_articles (
    article_id TEXT NOT NULL, term TEXT NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (article_id, term)
);
CREATE TABLE IF NOT EXISTS person_mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, term TEXT NOT NULL, rank TEXT, day TEXT
);
CREATE INDEX IF NOT EXISTS person_mentions_term ON person_mentions(term);
CREATE INDEX IF NOT EXISTS person_mentions_article ON person_mentions(article_id);
CREATE TABLE IF NOT EXISTS authority_edits (
    at TEXT NOT NULL, subject TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, value TEXT, note TEXT
);
CREATE TABLE IF NOT EXISTS authority_meta (key TEXT PRIMARY KEY, value TEXT);
"""
# Indexes on columns an older archive gains only when migrated (see _migrate).
LATE_SCHEMA = """
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_copy ON articles(copy_of);
"""
# Columns added since the first archives, per table (see _migrate). Articles: where each
# is filed in time and the period it reports on (ingest.extract.filing), all its event types
# (a JSON list, the main one first); figures: what kind of number each is and the
# phrase of its sentence quoted; dates: their role ("history" for a founding, a birth);
# units: their kind (factory, cluster, agency…), so that statistics know an umbrella.
SOURCE_COLUMNS = ("url", "content_hash", "copy_of", "hidden")  # filled below from sources and versions
NEW_COLUMNS = {
    "articles": {"url": "TEXT", "content_hash": "TEXT", "copy_of": "TEXT", "hidden": "INTEGER NOT NULL DEFAULT 0",
                 "event_types": "TEXT", "filed_on": "TEXT", "filed_by": "TEXT", "period_start": "TEXT",
                 "period_end": "TEXT"},
    "figures": {"kind": "TEXT", "quote": "TEXT"},
    "dates": {"role": "TEXT"},
    "units": {"kind": "TEXT"},
}


def data_dir(path=None):
    """The data folder: --data-dir, else $THIDUA_DATA, else ./thidua-data."""
    return Path(path or os.environ.get("THIDUA_DATA") or "thidua-data")


def connect(folder):
    """The records database, for writing (created if missing, brought up to date if old)."""
    db = open_database(Path(folder) / DB_NAME, SCHEMA)
    _migrate(db)
    return db


def connect_reading(folder):
    """The records database, read-only: an ArchiveError if there is none. An archive
    written by an older thidua is brought up to date first, when it can be written."""
    db = open_reading(Path(folder) / DB_NAME)
    if _missing_columns(db) or not _has_authority(db):
        try:
            connect(folder).close()
        except ArchiveError as exc:
            raise ArchiveError(f"{Path(folder) / DB_NAME} was written by an older thidua and must be brought "
                               f"up to date once, on writable storage ({exc})") from None
        db = open_reading(Path(folder) / DB_NAME)
    return db


def _missing_columns(db):
    """[(table, column)] of the NEW_COLUMNS an older archive lacks."""
    missing = []
    for table, columns in NEW_COLUMNS.items():
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        missing += [(table, name) for name in columns if name not in have]
    return missing


def _has_authority(db):
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'authority_meta'").fetchone() is not None \
        and db.execute("SELECT 1 FROM authority_meta WHERE key = 'gazetteer'").fetchone() is not None


def _migrate(db):
    """Give an archive from before sources, versions and copies their columns and
    rows: each article's first source and version, and its near-copy keys; one from
    before filing dates and kinds of figures (issue 13) its articles' filing dates,
    periods and event types, and its units, dates and figures anew from the stored records.
    One from before `copy_shingles` gets the table (SCHEMA), and each article its row
    the first time it is a near-copy candidate (_compared): most never are, and a large
    archive opens without cutting every text into shingles first."""
    missing = _missing_columns(db)
    with db:
        for table, name in missing:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {NEW_COLUMNS[table][name]}")
        if set(missing) - {("articles", name) for name in SOURCE_COLUMNS}:
            for row in db.execute("SELECT id, record FROM articles").fetchall():
                rec = json.loads(row["record"])
                for table in ("units", "dates", "figures"):
                    db.execute(f"DELETE FROM {table} WHERE article_id = ?", (row["id"],))
                _insert_units(db, rec)
                _insert_dated(db, rec)
        for row in db.execute("SELECT id, record, ingested_at FROM articles WHERE content_hash IS NULL").fetchall():
            rec = json.loads(row["record"])
            digest = content_hash(rec.get("title"), rec.get("text"))
            db.execute("UPDATE articles SET content_hash = ?, url = ? WHERE id = ?", (digest, rec.get("url"), row["id"]))
            _add_source(db, row["id"], rec, row["ingested_at"])
            _add_version(db, row["id"], rec, digest, row["ingested_at"])
            _set_bands(db, row["id"], rec)
    db.executescript(LATE_SCHEMA)
    authority.ensure(db)  # the units' and people's authorities (ingest.authority)


def _record_json(record):
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


Prepared = namedtuple("Prepared", "fingerprint dated")


def prepare(record):
    """What save_batch needs of a record that the record alone decides: its identity
    fingerprint (ingest.identity.fingerprint) and where it stands in time (_dated).
    Storing is the one serial step of an ingest, so this is worked out beside the
    extraction, on as many processes (ingest.pipeline.process_inputs)."""
    return Prepared(fingerprint(record), _dated(record))


def save_batch(db, records, prepared=None):
    """Store records in one transaction; returns [(article id, status)], one per record,
    status one of: new, copy (new, and a near copy of an archived article), updated
    (its source now says something else: the old text is kept as a version), unchanged,
    duplicate (the same content from another source: the source is added).
    prepared: the records' prepare(), when worked out beforehand (by the processes
    that extracted them); else it is worked out here.

    Every article whose stored form changed is put in the `unindexed` journal."""
    statuses = []
    at = now()
    with db:
        for rec, ready in zip(records, prepared or [None] * len(records)):
            statuses.append(_save(db, rec, at, ready or prepare(rec)))
        authority.link_records(db, records, statuses)
    return statuses


def _save(db, rec, now, prepared):
    prints, dated = prepared
    key, digest = source_key(rec), prints.content_hash
    known = db.execute("SELECT s.article_id, a.content_hash, a.record, a.source, a.url FROM sources s "
                       "JOIN articles a ON a.id = s.article_id WHERE s.key = ?", (key,)).fetchone()
    if known is not None:
        article = known["article_id"]
        stored = json.loads(known["record"])
        if known["content_hash"] == digest:
            db.execute("UPDATE sources SET last_seen = ? WHERE key = ?", (now, key))
            db.execute("UPDATE versions SET last_seen = ? WHERE article_id = ? AND content_hash = ?",
                       (now, article, digest))
            rec = {**rec, "id": article, "source": stored["source"], "url": stored.get("url"),
                   "source_key": stored.get("source_key")}
            if _record_json(rec) == known["record"]:
                return article, "unchanged"
            _replace(db, article, rec, digest, dated)  # the same text, extracted anew
            _keep_shingles(db, article, prints)  # the same content hash, its lines perhaps cut otherwise
            return article, "updated"
        if source_key(stored) == key:  # the article's own source says something new
            rec = {**rec, "id": article}
            _replace(db, article, rec, digest, dated)
            _add_version(db, article, rec, digest, now)
            _set_bands(db, article, rec, prints)
            return article, "updated"
        # a copy's page changed: it is no longer a source of that article
        db.execute("DELETE FROM sources WHERE key = ?", (key,))
        put_on_journal(db, article)
    same = db.execute("SELECT id FROM articles WHERE content_hash = ? ORDER BY ingested_at, id LIMIT 1",
                      (digest,)).fetchone()
    if same is not None:
        _add_source(db, same["id"], rec, now)
        put_on_journal(db, same["id"])
        return same["id"], "duplicate"
    article = _free_id(db, digest, key)
    rec = {**rec, "id": article}
    home = site(rec.get("url"))
    keys, content = _signature(db, prints, home)
    representative = _copy_of(db, prints, keys, content, home)
    hidden = representative and db.execute("SELECT hidden FROM articles WHERE id = ?", (representative,)).fetchone()[0]
    _insert(db, rec, _record_json(rec), now, digest, representative, int(bool(hidden)), dated)  # hidden stays hidden
    _add_source(db, article, rec, now)
    _add_version(db, article, rec, digest, now)
    _add_bands(db, article, keys, prints, home)
    # The representative's index document stays as it is: its count of copies is read from
    # the copies' own documents (index.finder.Finder.copy_counts).
    return article, "copy" if representative else "new"


def _free_id(db, digest, key):
    """The content hash, unless an article already has it as id (it was edited since)."""
    taken = db.execute("SELECT 1 FROM articles WHERE id = ?", (digest,)).fetchone()
    return digest if taken is None else content_hash(digest, key)


def _signature(db, prints, site_name, article=None):
    """(band keys, keys of the lines that are not furniture) of a text from a site (None:
    unknown) by its fingerprint, the archive's furniture left out (see
    ingest.identity.copies); article: the text's own id when it is archived, so that it
    does not count itself."""
    content = [key for key in prints.lines if not _is_furniture(db, key, site_name, article)]
    return copies.band_keys_of(prints.lines, prints.sketches, content), content


def _compared(db, article, site_name):
    """(shingle set of the lines that are not furniture, numbers) of an archived article
    from a site (None: unknown): what comparing a new text with it needs, read from
    `copy_shingles` (worked out from its text when stored, see _keep_shingles); the
    archive's furniture is left out as it stands now."""
    import numpy as np

    query = "SELECT lines, ends, shingles, numbers FROM copy_shingles WHERE article_id = ?"
    row = db.execute(query, (article,)).fetchone()
    if row is None:  # stored by a thidua before copy_shingles: kept now, once
        text = db.execute("SELECT text FROM articles WHERE id = ?", (article,)).fetchone()[0]
        _keep_shingles(db, article, fingerprint({"text": text}))
        row = db.execute(query, (article,)).fetchone()
    lines = np.frombuffer(row["lines"], dtype="<i8").tolist()
    places = [i for i, key in enumerate(lines) if not _is_furniture(db, key, site_name, article)]
    found = copies.shingle_set(np.frombuffer(row["shingles"], dtype="<u8"), np.frombuffer(row["ends"], dtype="<u4"),
                               places)
    return found, {key: tuple(values) for key, values in json.loads(row["numbers"])}


def _keep_shingles(db, article, prints):
    """Keep what comparing a new text with an article needs of its text alone (its
    lines' keys, their shingles and its numbers, from its fingerprint), so that it is
    read, not worked out again, whenever the article is a candidate (_compared). Kept
    right wherever the text changes: a new article, an update (_set_bands), a removal
    (ingest.curation)."""
    db.execute("INSERT OR REPLACE INTO copy_shingles VALUES (?,?,?,?,?)", (article, *_shingles_row(prints)))


def _shingles_row(prints):
    """(lines, ends, shingles, numbers) of a copy_shingles row: the line keys, the ends
    and the shingles of copies.line_sketches as little-endian arrays, and the numbers as
    JSON pairs."""
    import numpy as np

    return (np.asarray(prints.lines, dtype="<i8").tobytes(), prints.sketches.ends.astype("<u4").tobytes(),
            prints.sketches.shingles.astype("<u8").tobytes(),
            json.dumps([[key, list(values)] for key, values in prints.numbers.items()], ensure_ascii=False))


def _is_furniture(db, key, site_name, article):
    """Whether other archived articles of the same site hold the line, FURNITURE_SITE of
    them or more, or FURNITURE_STORIES different stories (an article and its copies) do.

    The count by site does not depend on the grouping, so that a wrong grouping of a
    site's first articles (before their furniture is known) does not hide it for ever."""
    if site_name is not None and db.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM copy_lines WHERE key = ? AND site = ? AND article_id IS NOT ? "
            "LIMIT ?)", (key, site_name, article, copies.FURNITURE_SITE)).fetchone()[0] >= copies.FURNITURE_SITE:
        return True
    return db.execute(
        "SELECT COUNT(*) FROM (SELECT DISTINCT COALESCE(a.copy_of, a.id) FROM copy_lines l "
        "JOIN articles a ON a.id = l.article_id WHERE l.key = ? AND l.article_id IS NOT ? LIMIT ?)",
        (key, article, copies.FURNITURE_STORIES)).fetchone()[0] >= copies.FURNITURE_STORIES


def _copy_of(db, prints, keys, content, site_name):
    """The representative of the group of the most similar archived near copy, or None;
    prints: the new text's fingerprint, keys: its band keys, content: the keys of its
    content lines that are not furniture; site_name: the new text's site (None:
    unknown). A copy also agrees on its numbers (copies.numbers_agree).

    Candidates share a band or a line that is not furniture: the bands of an article
    were cut before its site's furniture was known, and a copy that keeps one
    paragraph word for word is worth checking whatever its bands."""
    if not keys:
        return None
    candidates = [row[0] for row in db.execute(
        f"SELECT article_id FROM copy_bands WHERE key IN ({','.join('?' * len(keys))}) UNION "
        f"SELECT article_id FROM copy_lines WHERE key IN ({','.join('?' * len(content))})", [*keys, *content])]
    if candidates:  # the text's shingles, for the few texts that have candidates
        kept = set(content)
        found = copies.shingle_set(prints.sketches.shingles, prints.sketches.ends,
                                   [i for i, key in enumerate(prints.lines) if key in kept])
    best = None
    for candidate in candidates:
        row = db.execute("SELECT copy_of, url FROM articles WHERE id = ?", (candidate,)).fetchone()
        if row is None:
            continue
        other_site = site(row["url"])
        other, numbers = _compared(db, candidate, other_site)
        if not copies.are_copies(found, other, same_site=site_name is not None and other_site == site_name):
            continue
        if copies.numbers_agree(prints.numbers, numbers):
            score = copies.similarity(found, other)
            if best is None or score > best[0]:
                best = (score, row["copy_of"] or candidate)
    return best[1] if best else None


def _replace(db, article, rec, digest, dated):
    """The article's record replaced, its group, hiding and first ingest time kept."""
    row = db.execute("SELECT copy_of, hidden, ingested_at FROM articles WHERE id = ?", (article,)).fetchone()
    db.execute("DELETE FROM articles WHERE id = ?", (article,))
    _insert(db, rec, _record_json(rec), row["ingested_at"], digest, row["copy_of"], row["hidden"], dated)


def _add_source(db, article, rec, now):
    url = rec.get("url")
    db.execute("INSERT INTO sources VALUES (?,?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET "
               "article_id = excluded.article_id, last_seen = excluded.last_seen",
               (source_key(rec), article, rec.get("source") or "", url, site(url), now, now))


def _add_version(db, article, rec, digest, now):
    db.execute("INSERT INTO versions VALUES (?,?,?,?,?,?) ON CONFLICT(article_id, content_hash) "
               "DO UPDATE SET last_seen = excluded.last_seen",
               (article, digest, rec.get("title"), rec.get("text") or "", now, now))


def _add_bands(db, article, keys, prints, site_name):
    """Keep an article's band keys (to be found as a candidate), its line keys (to
    count furniture) and its shingles and numbers (to be compared, _keep_shingles);
    prints: its fingerprint."""
    db.executemany("INSERT INTO copy_bands VALUES (?,?)", [(k, article) for k in keys])
    db.executemany("INSERT INTO copy_lines VALUES (?,?,?)", [(k, article, site_name) for k in prints.lines])
    _keep_shingles(db, article, prints)


def _set_bands(db, article, rec, prints=None):
    db.execute("DELETE FROM copy_bands WHERE article_id = ?", (article,))
    db.execute("DELETE FROM copy_lines WHERE article_id = ?", (article,))
    prints = prints or fingerprint(rec)  # copy_shingles: replaced by _add_bands
    keys, _ = _signature(db, prints, site(rec.get("url")), article)
    _add_bands(db, article, keys, prints, site(rec.get("url")))


def put_on_journal(db, article):
    """Put an article on the journal with a new entry number (its rowid), so that an
    indexer that read it before this change does not take it off (see mark_indexed).
    The number only grows: past the largest in the table, and past the clock, so an
    emptied journal does not hand out an old number again."""
    db.execute("INSERT OR REPLACE INTO unindexed (rowid, id) VALUES "
               "(MAX((SELECT COALESCE(MAX(rowid), 0) + 1 FROM unindexed), ?), ?)", (time.time_ns(), article))


def unindexed_ids(db):
    """Ids whose stored form changed (or that were removed) since the index last took
    them in (see the module docstring)."""
    try:
        return [row[0] for row in db.execute("SELECT id FROM unindexed")]
    except sqlite3.OperationalError:  # an archive from before the journal, opened read-only
        return []


def journal(db):
    """[(id, entry)] of the journal: the entry changes whenever the id is put on again."""
    try:
        return [(row[0], row[1]) for row in db.execute("SELECT id, rowid FROM unindexed")]
    except sqlite3.OperationalError:  # an archive from before the journal, opened read-only
        return []


def mark_indexed(db, entries):
    """Take (id, entry) pairs off the journal, those put on again since excepted."""
    with db:
        db.executemany("DELETE FROM unindexed WHERE id = ? AND rowid = ?", list(entries))


def records_by_id(db, ids):
    """The stored records of ids (those still there), as the index takes them: with
    their sources, group and hiding (see indexable)."""
    for article_id in ids:
        row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is not None:
            yield indexable(db, row)


def indexable(db, row):
    """A stored record with what the archive knows beside it: every source (`sources`),
    its group (`copy_of`) and `hidden`. (A representative's copies are not needed: the
    index counts them from the copies, index.finder; `history` lists them.)"""
    rec = json.loads(row["record"])
    rec["sources"] = [dict(s) for s in db.execute(
        "SELECT source, url, site, first_seen, last_seen FROM sources WHERE article_id = ? "
        "ORDER BY first_seen, rowid", (row["id"],))]
    rec["copy_of"] = row["copy_of"]
    rec["hidden"] = bool(row["hidden"])
    return rec


def _insert(db, rec, body, now, digest, copy_of, hidden, dated):
    event = rec.get("event") or {}
    db.execute(
        "INSERT INTO articles (id, source, title, published, author, text, event_type, event_date, event_location, "
        "record, ingested_at, url, content_hash, copy_of, hidden) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (rec["id"], rec["source"], rec.get("title"), rec.get("published"), rec.get("author"), rec["text"],
         event.get("type"), event.get("date"), event.get("location"), body, now, rec.get("url"), digest, copy_of,
         hidden))
    put_on_journal(db, rec["id"])
    _insert_units(db, rec)
    db.executemany("INSERT INTO people VALUES (?,?,?,?)",
                   [(rec["id"], p["name"], p.get("rank"), json.dumps(p.get("positions", []), ensure_ascii=False))
                    for p in rec.get("people", [])])
    _insert_dated(db, rec, dated)


def _insert_units(db, rec):
    db.executemany("INSERT INTO units (article_id, name, code, mentions, kind) VALUES (?,?,?,?,?)",
                   [(rec["id"], u["name"], u.get("code"), json.dumps(u.get("mentions", []), ensure_ascii=False),
                     u.get("kind")) for u in rec.get("units", [])])


def _dated(rec):
    """(event types as JSON, filed on, filed by, period start, period end, the quote of
    each figure): what places an article and its figures in time (ingest.extract.filing)."""
    filed_on, filed_by = filing.filing(rec)
    period = filing.reported_period(rec) or (None, None)
    quoted = [f.get("quote") or quotes.sentence(rec.get("text") or "", f) for f in rec.get("figures", [])]
    return json.dumps(filing.event_types(rec)), filed_on, filed_by, *period, quoted


def _insert_dated(db, rec, dated=None):
    """What places an article and its figures in time: its filing date, period and event
    types, its dates and its figures with their kinds and quotes; dated: _dated(rec),
    when worked out beforehand."""
    *placed, quoted = dated or _dated(rec)
    db.execute("UPDATE articles SET event_types = ?, filed_on = ?, filed_by = ?, period_start = ?, period_end = ? "
               "WHERE id = ?", (*placed, rec["id"]))
    db.executemany("INSERT INTO dates (article_id, text, start, \"end\", granularity, role) VALUES (?,?,?,?,?,?)",
                   [(rec["id"], d.get("text"), d.get("start"), d.get("end"), d.get("granularity"), d.get("role"))
                    for d in rec.get("dates", [])])
    db.executemany("INSERT INTO figures (article_id, text, value, unit, metric, qualifier, organisation, "
                   "period_start, period_end, kind, quote) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                   [(rec["id"], f.get("text"), f.get("value"), f.get("unit"), f.get("metric"), f.get("qualifier"),
                     f.get("organisation"), (f.get("period") or {}).get("start"), (f.get("period") or {}).get("end"),
                     f.get("kind") or "result", quote)
                    for f, quote in zip(rec.get("figures", []), quoted)])


def unchanged_input(db, key, raw_hash, extractor):
    """(count, ids): the ids of the articles an input (a file, by its full path) gave when
    it was last read (none if never), and how many they are if its bytes and the
    extractor are the same and those articles are all still stored with the content it
    gave them, else None: it must be read again. This is what makes re-ingest cost
    nothing. (An article another source has changed since must be read again: the
    unchanged input may now be an article of its own.)"""
    row = db.execute("SELECT raw_hash, extractor, article_ids FROM inputs WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None, set()
    gave = json.loads(row["article_ids"])
    ids = [entry[0] if isinstance(entry, list) else entry for entry in gave]
    if (row["raw_hash"], row["extractor"]) != (raw_hash, extractor) or not gave \
            or not all(isinstance(entry, list) for entry in gave):  # written before the contents were kept
        return None, set(ids)
    marks = ",".join("?" * len(ids))
    now_held = dict(db.execute(f"SELECT id, content_hash FROM articles WHERE id IN ({marks})", ids).fetchall())
    return (len(ids) if all(now_held.get(article) == digest for article, digest in gave) else None), set(ids)


def remember_inputs(db, inputs, extractor):
    """Record inputs read whole and without error: [(key, raw hash, [article ids])], each
    article with the content it holds now."""
    ids = sorted({article for _, _, articles in inputs for article in articles})
    held = {}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        held.update(db.execute(f"SELECT id, content_hash FROM articles WHERE id IN ({','.join('?' * len(part))})",
                               part).fetchall())
    with db:
        db.executemany("INSERT INTO inputs VALUES (?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET "
                       "raw_hash = excluded.raw_hash, extractor = excluded.extractor, "
                       "article_ids = excluded.article_ids, seen = excluded.seen",
                       [(key, raw_hash, extractor, json.dumps([[a, held.get(a)] for a in articles]), now())
                        for key, raw_hash, articles in inputs])


def history(db, article_id):
    """{sources, versions, copy_of, copies, hidden} of a stored article: where it was
    read from, each text it had (oldest first), and its group of near copies."""
    row = db.execute("SELECT copy_of, hidden FROM articles WHERE id = ?", (article_id,)).fetchone()
    return {
        "sources": [dict(r) for r in db.execute(
            "SELECT source, url, site, first_seen, last_seen FROM sources WHERE article_id = ? "
            "ORDER BY first_seen, rowid", (article_id,))],
        "versions": [dict(r) for r in db.execute(
            "SELECT content_hash, title, text, first_seen, last_seen FROM versions WHERE article_id = ? "
            "ORDER BY first_seen, rowid", (article_id,))],
        "copy_of": row["copy_of"] if row else None,
        "copies": [r[0] for r in db.execute("SELECT id FROM articles WHERE copy_of = ? ORDER BY ingested_at, id",
                                            (article_id,))],
        "hidden": bool(row["hidden"]) if row else False,
    }


def get_record(db, article_id):
    """One record by id or by a unique id prefix; None when absent."""
    rows = db.execute("SELECT record FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)).fetchall()
    return json.loads(rows[0]["record"]) if len(rows) == 1 else None


def iter_records(db):
    """Every stored record, as the index takes them (see indexable)."""
    for row in db.execute("SELECT * FROM articles ORDER BY id"):
        yield indexable(db, row)

"""`thidua check`: is the data folder whole, and does the index say what the records say?

Each finding is one line an archivist can act on, and says whether `--repair` can
fix it. Repairs never rebuild what is right: index documents that are missing,
doubled, left over or out of date are put on the store's journal and written
again one by one (the same path as an ingest), so a repair of a large archive
costs what is wrong, not what is there. A damaged records database is reported,
never "repaired": it is the source of truth, and only the archivist can choose a
backup.
"""
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from index.opening import DAMAGE, open_index
from index.writer import INDEX_LINK, index_path
from ingest import store

# Tables keyed by article without a foreign key (the entity tables have one, with
# ON DELETE CASCADE; these are kept across an article's record being replaced).
ENTITY_TABLES = ("sources", "versions", "copy_bands", "copy_lines", "copy_shingles")
LOCKS = (".index-create", ".index-rebuild")


@dataclass
class Finding:
    what: str          # a short name: database, orphans, groups, index, journal, generations, locks
    message: str       # the line shown
    repair: object = None  # a callable that fixes it, or None


def check(data_dir, db):
    """The findings of the data folder: [] when all is well."""
    found = []
    integrity = db.execute("PRAGMA integrity_check").fetchall()
    if [tuple(r) for r in integrity] != [("ok",)]:
        found.append(Finding("database", f"records.sqlite is damaged: {integrity[0][0]} "
                                         f"(restore a backup or ingest the sources again)"))
        return found  # nothing read from it can be trusted
    found += _orphans(db) + _groups(db) + _index(data_dir, db) + _generations(data_dir) + _locks(data_dir)
    return found


def _orphans(db):
    found = []
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in ENTITY_TABLES:
        if table not in tables:
            continue  # a table a newer thidua adds when it first writes (copy_shingles): nothing orphaned yet
        n = db.execute(f"SELECT COUNT(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        if n:
            def fix(table=table):
                with db:
                    db.execute(f"DELETE FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
            found.append(Finding("orphans", f"{n} row(s) of {table} belong to no stored article", fix))
    return found


def _groups(db):
    """Near copies whose representative is gone or is itself a copy."""
    broken = [r[0] for r in db.execute(
        "SELECT a.id FROM articles a LEFT JOIN articles r ON r.id = a.copy_of "
        "WHERE a.copy_of IS NOT NULL AND (r.id IS NULL OR r.copy_of IS NOT NULL)")]
    if not broken:
        return []

    def fix():
        with db:
            for article_id in broken:
                head = db.execute("SELECT copy_of FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
                seen = {article_id}
                while head is not None and head not in seen:
                    seen.add(head)
                    row = db.execute("SELECT copy_of FROM articles WHERE id = ?", (head,)).fetchone()
                    if row is None:
                        head = None
                    elif row[0] is None:
                        break
                    else:
                        head = row[0]
                db.execute("UPDATE articles SET copy_of = ? WHERE id = ?", (head, article_id))
                store.put_on_journal(db, article_id)  # its new group is counted from it (index.finder)
    return [Finding("groups", f"{len(broken)} near cop(ies) point to an article that is gone or is itself a copy",
                    fix)]


def _index(data_dir, db):
    """Records against index documents: missing, left over, doubled, out of date; and
    the journal of what is stored but not yet indexed."""
    link = index_path(data_dir)
    if not link.exists():
        n = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        if not n:
            return []
        return [Finding("index", f"there is no index for the {n} stored article(s)", lambda: rebuild(data_dir, db))]
    try:
        with open_index(link).searcher() as searcher:  # an untitled article: "" in the index, NULL stored
            docs = [(f.get("id"), f.get("group"), f.get("title") or None) for f in searcher.all_stored_fields()]
            hidden = {searcher.stored_fields(d).get("id") for d in searcher.document_numbers(hidden="1")}
    except DAMAGE as exc:
        return [Finding("index", f"the index cannot be read ({type(exc).__name__}: {exc})".split("\n")[0],
                        lambda: rebuild(data_dir, db))]
    stored = {r["id"]: r for r in db.execute(
        "SELECT a.id, COALESCE(a.copy_of, a.id) AS grp, a.title, a.hidden FROM articles a")}
    counts = Counter(d[0] for d in docs)
    missing = sorted(set(stored) - set(counts))
    extra = sorted(set(counts) - set(stored))
    doubled = sorted(i for i, n in counts.items() if n > 1 and i in stored)
    stale = sorted({d[0] for d in docs if d[0] in stored and (
        (d[1], d[2]) != (stored[d[0]]["grp"], stored[d[0]]["title"] or None)
        or (d[0] in hidden) != bool(stored[d[0]]["hidden"]))} - set(doubled))
    pending = [i for i, _ in store.journal(db)]
    found = []
    for ids, text in ((missing, "stored article(s) missing from the index"),
                      (extra, "index document(s) of articles no longer stored"),
                      (doubled, "article(s) indexed more than once"),
                      (stale, "index document(s) out of date (group, title or hiding)")):
        if ids:
            found.append(Finding("index", f"{len(ids)} {text}: {_some(ids)}", _reindex(data_dir, db, ids)))
    if pending:
        found.append(Finding("journal", f"{len(pending)} article(s) stored but not yet indexed (a run was "
                                        f"stopped): {_some(pending)}", _reindex(data_dir, db, [])))
    return found


def _some(ids, shown=3):
    listed = ", ".join(i[:10] for i in ids[:shown])
    return listed + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def _reindex(data_dir, db, ids):
    """A repair that writes (or deletes) exactly these ids, through the journal."""
    def fix():
        from search.cli.archiving import index_journal  # the one path from store to index

        with db:
            for article_id in ids:
                store.put_on_journal(db, article_id)
        index_journal(data_dir, db)
    return fix


def rebuild(data_dir, db, procs=1, progress=None):
    """A whole new index from the records (`thidua reindex`); returns the documents written."""
    from index import writer

    journal = store.journal(db)  # read before the records: all of these are in the rebuild
    count = writer.rebuild(data_dir, lambda: store.iter_records(db), procs=procs, progress=progress)
    store.mark_indexed(db, journal)
    return count


def _generations(data_dir):
    """Index generations left by rebuilds that were killed, and half-made links."""
    data_dir = Path(data_dir)
    link = index_path(data_dir)
    current = link.resolve() if link.exists() else None
    stale = [p for p in data_dir.glob(f"{INDEX_LINK}.*") if p.is_dir() and not p.is_symlink()
             and (current is None or p.resolve() != current)]
    temps = [p for p in data_dir.glob(f".{INDEX_LINK}.*") if p.is_symlink()]
    if not stale and not temps:
        return []

    def fix():
        from index import writer

        writer.remove_stale_generations(data_dir)
    size = sum(f.stat().st_size for p in stale for f in p.rglob("*") if f.is_file())
    return [Finding("generations", f"{len(stale) + len(temps)} index folder(s) left by a stopped rebuild "
                                   f"({size / 2**20:.1f} MiB)", fix)]


def _locks(data_dir):
    """Locks held now: another thidua is writing (not a fault, but repairs must wait).
    A lock is an flock, freed by the system when its holder ends, even killed: a lock
    file left behind is not held, so there are no stale locks to clear."""
    held = []
    storage = FileStorage(str(data_dir))
    link = index_path(data_dir)
    places = [(storage, name) for name in LOCKS]
    if link.exists():
        places.append((FileStorage(str(link.resolve())), "WRITELOCK"))
    for where, name in places:
        if not os.path.exists(os.path.join(where.folder, name)):
            continue
        lock = where.lock(name)
        if lock.acquire(blocking=False):
            lock.release()
        else:
            held.append(name)
    if not held:
        return []
    return [Finding("locks", f"another thidua is writing now (lock {', '.join(held)} held): check again when it ends")]

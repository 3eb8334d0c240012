"""What the archivist takes out: removing articles, hiding and unhiding them.

Removal deletes an article and everything stored about it (entities, sources,
versions, near-copy keys); hiding keeps it but takes it out of search, timelines
and statistics until it is unhidden. Both act on whole groups of near copies when
asked to hide (an off-topic story is off-topic on every site), but remove only the
articles named: a removed representative hands its group to the next copy. Every
change is written in `curation_log` (what, when) in the same transaction, and the
articles touched are put on the index journal, so the index follows at once.
"""
import fnmatch

from ingest.store import now, put_on_journal


class SelectionError(ValueError):
    """A selection that names nothing, or names too little to be sure."""


def select(db, ids=(), source=None):
    """[(id, title, source)] of the articles named by ids (whole or unique prefixes) and
    by a source pattern (a glob over the file path or URL of any of their sources,
    e.g. "*qdnd.vn*", "/archive/2023/*.txt"); a SelectionError when an id matches
    nothing or several articles."""
    chosen = {}
    for given in ids:
        prefix = given.strip()
        rows = db.execute("SELECT id, title, source FROM articles WHERE id LIKE ? ORDER BY id LIMIT 3",
                          (_like_prefix(prefix),)).fetchall() if prefix else []
        if not rows:
            raise SelectionError(f"no article with id {given!r}")
        if len(rows) > 1:
            raise SelectionError(f"{given!r} starts several article ids; give more of it")
        chosen[rows[0]["id"]] = tuple(rows[0])
    if source is not None:
        pattern = source.strip()
        if not pattern:
            raise SelectionError("an empty --source pattern was given")
        if not any(ch in pattern for ch in "*?["):
            pattern = f"*{pattern}*"
        for row in db.execute("SELECT DISTINCT a.id, a.title, a.source, s.source AS s_source, s.url FROM sources s "
                              "JOIN articles a ON a.id = s.article_id ORDER BY a.id"):
            if any(value and fnmatch.fnmatchcase(value, pattern) for value in (row["s_source"], row["url"])):
                chosen[row["id"]] = (row["id"], row["title"], row["source"])
    return sorted(chosen.values())


def _like_prefix(prefix):
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def group_of(db, article_id):
    """The ids of the article's group of near copies, itself included."""
    row = db.execute("SELECT COALESCE(copy_of, id) FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return []
    return [r[0] for r in db.execute("SELECT id FROM articles WHERE id = ? OR copy_of = ? ORDER BY id",
                                     (row[0], row[0]))]


def remove(db, ids, note=None):
    """Delete the articles ids and all that is stored of them; returns how many were
    removed. A representative's copies are regrouped under the oldest of them."""
    removed = 0
    with db:
        for article_id in ids:
            row = db.execute("SELECT id, title, source, copy_of FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                continue
            _log(db, "remove", row, note)
            # entities follow by ON DELETE CASCADE
            for table in ("sources", "versions", "copy_bands", "copy_lines", "copy_shingles"):
                db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
            db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            put_on_journal(db, article_id)  # the indexer deletes what the store no longer has
            _regroup(db, article_id, row["copy_of"])
            removed += 1
    return removed


def _regroup(db, removed_id, its_group):
    """After a removal: the removed representative's copies follow the oldest copy. (The
    group a removed copy belonged to counts one copy fewer once the copy's document is
    deleted: the count is read from the index, index.finder.)"""
    if its_group:
        return
    heirs = [r[0] for r in db.execute("SELECT id FROM articles WHERE copy_of = ? ORDER BY ingested_at, id",
                                      (removed_id,))]
    if not heirs:
        return
    head, rest = heirs[0], heirs[1:]
    db.execute("UPDATE articles SET copy_of = NULL WHERE id = ?", (head,))
    db.executemany("UPDATE articles SET copy_of = ? WHERE id = ?", [(head, other) for other in rest])
    for article_id in heirs:
        put_on_journal(db, article_id)


def set_hidden(db, ids, hidden, note=None):
    """Hide (or unhide) the articles ids with their whole groups of near copies;
    returns the ids whose state changed."""
    changed = []
    with db:
        for article_id in ids:
            for member in group_of(db, article_id):
                row = db.execute("SELECT id, title, source, hidden FROM articles WHERE id = ?", (member,)).fetchone()
                if bool(row["hidden"]) == hidden or member in changed:
                    continue
                db.execute("UPDATE articles SET hidden = ? WHERE id = ?", (int(hidden), member))
                _log(db, "hide" if hidden else "unhide", row, note)
                put_on_journal(db, member)
                changed.append(member)
    return changed


def _log(db, action, row, note):
    db.execute("INSERT INTO curation_log VALUES (?,?,?,?,?,?)",
               (now(), action, row["id"], row["title"], row["source"], note))


def log(db, limit=None):
    """The curation log, newest first."""
    sql = "SELECT at, action, article_id, title, source, detail FROM curation_log ORDER BY rowid DESC"
    rows = db.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ()).fetchall()
    return [dict(r) for r in rows]

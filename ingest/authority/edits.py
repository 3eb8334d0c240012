"""The archivist's edits of the authorities: merge, rename, alias, drop, split.

Each edit is applied at once and written to `authority_edits` (what, on which
names, when), in one transaction. Edits name entries by their names, never by
row numbers, so that replaying them on authorities built again (a new gazetteer,
an older archive brought up to date) gives the same entries (see build.ensure).
Records and the index are not touched: filters, facets and statistics read the
authorities when they run, so an edit shows in the next search.
"""
from datetime import datetime, timezone

from ingest.authority import keys, units
from ingest.language.normalize import match_key


class EditError(ValueError):
    """An edit naming no entry, or one that cannot be done; the message says which."""


def unit_entry(db, name):
    """The entry id of a unit named exactly so (name, code, alias; any case, diacritics,
    quotes or dashes), or an EditError."""
    key = keys.name_key(name)
    entry = units.entry_of(db, key)
    if entry is None:
        found = units.canon(key, units.parent_forms(db))
        row = found and db.execute("SELECT entry FROM unit_names WHERE canon = ? LIMIT 1", (found[0],)).fetchone()
        entry = row[0] if row else None
    if entry is None:
        raise EditError(f"no unit named {name!r} (see `thidua units`)")
    return entry


def person_entry(db, name):
    """The entry id of a person by label or full name, or an EditError (also when the
    name is several people's: their labels are given)."""
    key = match_key(name)
    found = [r[0] for r in db.execute("SELECT id, label FROM person_entries").fetchall() if match_key(r[1]) == key]
    if not found:
        found = sorted({r[0] for r in db.execute("SELECT entry FROM person_names WHERE term = ?",
                                                   (keys.term(name),))})
    if len(found) > 1:
        labels = [db.execute("SELECT label FROM person_entries WHERE id = ?", (e,)).fetchone()[0] for e in found]
        raise EditError(f"{name!r} is several people: give one of " + "; ".join(labels))
    if not found:
        raise EditError(f"no person named {name!r} (see `thidua people`)")
    return found[0]


def _unit_name(db, entry):
    return db.execute("SELECT name FROM unit_entries WHERE id = ?", (entry,)).fetchone()[0]


def apply(db, edit):
    """Apply an edit {subject, action, target, value, note}; returns a sentence saying what it did."""
    subject, action, target, value = edit["subject"], edit["action"], edit["target"], edit.get("value")
    if subject == "unit" and action == "merge":
        keep, other = unit_entry(db, target), unit_entry(db, value)
        if keep == other:
            raise EditError(f"{target!r} and {value!r} are already one unit")
        gone = _unit_name(db, other)
        db.execute("UPDATE unit_names SET entry = ? WHERE entry = ?", (keep, other))
        db.execute("UPDATE unit_entries SET code = COALESCE(code, (SELECT code FROM unit_entries WHERE id = ?)), "
                   "named = MAX(named, (SELECT named FROM unit_entries WHERE id = ?)), dropped = 0 WHERE id = ?",
                   (other, other, keep))
        db.execute("DELETE FROM unit_entries WHERE id = ?", (other,))
        return f"{gone} is now one unit with {_unit_name(db, keep)}"
    if subject == "unit" and action == "rename":
        entry = unit_entry(db, target)
        _claim(db, entry, value)
        old = _unit_name(db, entry)
        db.execute("UPDATE unit_entries SET name = ? WHERE id = ?", (value, entry))
        return f"{old} is now called {value} (the old name stays an alias)"
    if subject == "unit" and action == "alias":
        entry = unit_entry(db, target)
        _claim(db, entry, value)
        return f"{value} is now an alias of {_unit_name(db, entry)}"
    if subject == "unit" and action in ("drop", "undrop"):
        entry = unit_entry(db, target)
        db.execute("UPDATE unit_entries SET dropped = ? WHERE id = ?", (int(action == "drop"), entry))
        name = _unit_name(db, entry)
        return f"{name} is no longer a unit" if action == "drop" else f"{name} is a unit again"
    if subject == "person" and action == "merge":
        keep, other = person_entry(db, target), person_entry(db, value)
        if keep == other:
            raise EditError(f"{target!r} and {value!r} are already one person")
        db.execute("UPDATE person_names SET entry = ? WHERE entry = ?", (keep, other))
        db.execute("UPDATE person_articles SET entry = ? WHERE entry = ?", (keep, other))
        db.execute("DELETE FROM person_entries WHERE id = ?", (other,))
        label = db.execute("SELECT label FROM person_entries WHERE id = ?", (keep,)).fetchone()[0]
        return f"{value} is now one person with {label}"
    if subject == "person" and action == "split":
        return _split(db, target, value, edit.get("note"))
    raise EditError(f"unknown edit {subject} {action}")


def _claim(db, entry, form):
    """Make a name an alias of entry; an EditError when it is another unit's name."""
    owner = db.execute("SELECT entry FROM unit_names WHERE term = ? AND origin != 'weak'",
                       (keys.term(form),)).fetchone()
    if owner is not None and owner[0] != entry:
        raise EditError(f"{form!r} already names {_unit_name(db, owner[0])}: merge the two units instead")
    db.execute("INSERT OR REPLACE INTO unit_names (term, key, canon, form, entry, origin) VALUES (?,?,NULL,?,?,?)",
               (keys.term(form), keys.name_key(form), form, entry, "alias"))


def _split(db, name, articles, label):
    """The articles (ids, space-separated) naming `name` become another person's, labelled."""
    term = keys.term(name)
    if not label:
        raise EditError("a split needs a label telling the two people apart (e.g. their unit)")
    ids = []
    for given in articles.split():
        rows = [r[0] for r in db.execute("SELECT DISTINCT article_id FROM person_mentions WHERE term = ? "
                                         "AND article_id LIKE ?", (term, given.strip() + "%"))] if given.strip() else []
        if len(rows) != 1:
            raise EditError(f"{given!r} is not the id of one article naming {name}")
        ids.append(rows[0])
    full = f"{name} ({label})"
    entry = db.execute("INSERT INTO person_entries (name, label, origin) VALUES (?,?,?)",
                       (name, full, "split")).lastrowid
    db.executemany("INSERT OR REPLACE INTO person_articles VALUES (?,?,?)", [(a, term, entry) for a in ids])
    return f"{len(ids)} article(s) naming {name} are now {full}'s"


def record(db, subject, action, target, value=None, note=None):
    """Apply an edit and keep it, in one transaction; returns what apply says."""
    edit = {"subject": subject, "action": action, "target": target, "value": value, "note": note}
    with db:
        said = apply(db, edit)
        db.execute("INSERT INTO authority_edits (at, subject, action, target, value, note) VALUES (?,?,?,?,?,?)",
                   (datetime.now(timezone.utc).isoformat(timespec="seconds"), subject, action, target, value, note))
        bump(db)
    return said


def bump(db):
    """Raise the authorities' version: readers that keep them in memory read them again."""
    db.execute("INSERT INTO authority_meta VALUES ('version', '1') ON CONFLICT(key) DO UPDATE SET "
               "value = CAST(value AS INTEGER) + 1")


def listed(db):
    """The edits, oldest first."""
    return [dict(r) for r in db.execute("SELECT at, subject, action, target, value, note FROM authority_edits "
                                        "ORDER BY rowid")]

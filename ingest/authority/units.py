"""The authority of units: one entry per organisation, every extracted name linked to one.

The gazetteer (data/units.tsv) seeds it: each row an entry with its code, kind,
parent and aliases. Each unit name extraction gives is then linked, once, to an
entry, by the first rule that holds:

1. its indexed form is already known (an alias, or the name met before);
2. its code is an entry's code ("Z121" of "Công ty TNHH MTV Hóa chất 21");
3. it reads as a known name once quotes and dashes are made alike
   ("Cụm thi đua “Cơ khí – Vũ khí”" = "Cụm thi đua Cơ khí - Vũ khí");
4. without the name of a gazetteer unit at its end it is the same as another
   name without that unit's name, or as that unit's own agency ("Cụm thi đua
   khối cơ quan Tổng cục" = "… Tổng cục Công nghiệp quốc phòng", "Cục Chính trị
   Tổng cục CNQP" = "Cục Chính trị" of the gazetteer with parent TCCNQP): the
   `canon` key is the rest of the name and that unit's entry.

Otherwise the name starts an entry of its own. A name's entry is kept in
`unit_names` (term = the name as the index holds it), so a filter asks the index
for every name of an entry. Curation (ingest.authority.edits) moves names between
entries; linking never undoes it, since a known name is never linked again.
"""
import hashlib

from ingest.authority.keys import name_key, term
from ingest.language.wordlists import lines

GAZETTEER = "units.tsv"
# Forms of gazetteer units that serve only to recognise a parent at a name's end.
WEAK = "weak"
LOOKUP_ORIGINS = ("gazetteer", "extracted", "code", "alias")


def gazetteer_rows():
    """(name, code, kind, parent, aliases, weak aliases) of each gazetteer line."""
    return [tuple(c.strip() for c in (line.split("\t") + [""] * 6)[:6]) for line in lines(GAZETTEER)]


def gazetteer_fingerprint():
    return hashlib.sha1("\n".join(lines(GAZETTEER)).encode("utf-8")).hexdigest()[:16]


def seed(db):
    """One entry per gazetteer row, with its names, code and aliases."""
    entries = {}
    for name, code, kind, parent, aliases, weak in gazetteer_rows():
        cur = db.execute("INSERT INTO unit_entries (name, code, kind, parent, origin) VALUES (?,?,?,?,?)",
                         (name, code or None, kind or None, parent or None, "gazetteer"))
        entries[name] = cur.lastrowid
        if code:
            entries[code] = cur.lastrowid
    for name, code, kind, parent, aliases, weak in gazetteer_rows():
        entry = entries[name]
        for form in [name, *[a for a in aliases.split("|") if a]]:
            _add_name(db, form, entry, "gazetteer")
        if code:
            _add_name(db, code, entry, "code")
        for form in [w for w in weak.split("|") if w]:
            _add_name(db, form, entry, WEAK)
    parents = parent_forms(db)
    for row in db.execute("SELECT term, key FROM unit_names WHERE canon IS NULL").fetchall():
        found = canon(row["key"], parents)
        if found:
            db.execute("UPDATE unit_names SET canon = ? WHERE term = ?", (found[0], row["term"]))
    for name, code, kind, parent, aliases, weak in gazetteer_rows():
        if parent in entries:  # its own name, said without the parent's: the parent's agency
            db.execute("UPDATE unit_names SET canon = ? WHERE entry = ? AND canon IS NULL AND origin = 'gazetteer'",
                       (f"{name_key(name)} <{entries[parent]}>", entries[name]))


def _add_name(db, form, entry, origin, canon_key=None):
    db.execute("INSERT OR IGNORE INTO unit_names (term, key, canon, form, entry, origin) VALUES (?,?,?,?,?,?)",
               (term(form), name_key(form), canon_key, form, entry, origin))


def parent_forms(db):
    """[(key, entry)] of every name, alias and weak alias of the gazetteer's units that
    belong to none of its other units (a ministry, an agency, a service), longest first."""
    rows = db.execute("SELECT n.key, n.entry FROM unit_names n JOIN unit_entries e ON e.id = n.entry "
                      "WHERE n.origin IN ('gazetteer', 'weak') AND e.origin = 'gazetteer' "
                      "AND e.parent IS NULL").fetchall()
    return sorted(((r["key"], r["entry"]) for r in rows), key=lambda r: -len(r[0]))


def canon(key, parents):
    """(rest <entry>, entry) when the name ends with a gazetteer unit's name after two
    words or more ("Cục Chính trị" | "Tổng cục CNQP"), else None."""
    for parent_key, entry in parents:
        if key.endswith(" " + parent_key):
            rest = key[:-len(parent_key)].strip(" -")
            if len(rest.split()) >= 2:
                return f"{rest} <{entry}>", entry
    return None


def entry_of(db, key):
    row = db.execute(f"SELECT entry FROM unit_names WHERE key = ? AND origin IN {LOOKUP_ORIGINS} "
                     f"ORDER BY rowid LIMIT 1", (key,)).fetchone()
    return row[0] if row else None


def link(db, units, parents=None):
    """Link extracted units ({name, code, kind}) to entries, starting entries as needed,
    and mark those entries as named by an article; returns how many names were new."""
    parents = parent_forms(db) if parents is None else parents
    new = 0
    for unit in units:
        name, code = unit.get("name"), unit.get("code")
        if not name or not term(name):
            continue
        known = db.execute("SELECT entry FROM unit_names WHERE term = ?", (term(name),)).fetchone()
        if known is not None:
            entry = known[0]
        else:
            key = name_key(name)
            found = canon(key, parents)
            entry = (_by_code(db, code) or entry_of(db, key)
                     or (found and _by_canon(db, found[0])))
            if entry is None:
                parent = db.execute("SELECT COALESCE(code, name) FROM unit_entries WHERE id = ?",
                                    (found[1],)).fetchone() if found else None
                entry = db.execute("INSERT INTO unit_entries (name, code, kind, parent, origin) VALUES (?,?,?,?,?)",
                                   (name, code, unit.get("kind"), parent[0] if parent else None,
                                    "extracted")).lastrowid
            _add_name(db, name, entry, "extracted", found[0] if found else None)
            new += 1
        db.execute("UPDATE unit_entries SET named = 1 WHERE id = ? AND named = 0", (entry,))
        if code and db.execute("SELECT 1 FROM unit_names WHERE term = ?", (term(code),)).fetchone() is None:
            _add_name(db, code, entry, "code")
            db.execute("UPDATE unit_entries SET code = COALESCE(code, ?) WHERE id = ?", (code, entry))
    return new


def _by_code(db, code):
    if not code:
        return None
    row = db.execute("SELECT entry FROM unit_names WHERE term = ?", (term(code),)).fetchone()
    return row[0] if row else None


def _by_canon(db, canon_key):
    row = db.execute("SELECT entry FROM unit_names WHERE canon = ? ORDER BY rowid LIMIT 1", (canon_key,)).fetchone()
    return row[0] if row else None

"""What search, timelines and statistics ask of the authorities: which entries a
typed name means, and which names (as the index holds them) those entries have.

Units: the typed text is compared as a whole with every name, code and alias
(any case, diacritics, quotes or dash; with or without the parent's name, and
"Cụm X" for "Cụm thi đua X"). When no name is the text, the entries holding it as
whole words inside one of their names are taken, and a note lists them: the words
must stand in one unit's name, never spread over several units of an article.

People: a rank in front of the name is left out; the name must be a person's
whole name, or whole words of it ("Tuấn", "Quang Tuấn"), with its diacritics when
typed with them ("Bình" is not "Binh"). Several people fitting is an Ambiguous
error listing them, never a merge; but a name whose namesakes were split off
(`thidua people split`, each labelled) is the person left under the name, with a
note naming the others (else no text would choose that person).
"""
import sqlite3
from typing import NamedTuple

from ingest.authority import keys, units
from ingest.authority.people import without_rank
from ingest.language.normalize import match_key

CLUSTER_HEAD, CLUSTER_SHORT = "cum thi dua ", "cum "
LISTED = 8


class Ambiguous(ValueError):
    """A typed name that fits several entries; the message lists them."""


class UnitChoice(NamedTuple):
    names: list      # canonical names of the entries chosen
    entries: list    # their ids
    terms: list      # every name and code they have, as the index holds them
    note: str        # what was chosen, when it is not simply the one unit typed (else None)


class PersonChoice(NamedTuple):
    label: str
    entry: int
    terms: list          # the names the person is written with, as the index holds them
    only: frozenset      # when not None: the person's articles are these
    excluded: frozenset  # articles where the name is a namesake's
    note: str = None     # namesakes split off the name typed, searched apart


def _lookup(db, key):
    """Entries with a name, code or alias read as key; with the parent's name or not."""
    found = [r[0] for r in db.execute(
        f"SELECT DISTINCT entry FROM unit_names WHERE key = ? AND origin IN {units.LOOKUP_ORIGINS}", (key,))]
    if not found:
        canon = units.canon(key, units.parent_forms(db))
        if canon:
            found = [r[0] for r in db.execute("SELECT DISTINCT entry FROM unit_names WHERE canon = ?", (canon[0],))]
    return found


def _entries(db, ids):
    marks = ",".join("?" * len(ids))
    return [dict(r) for r in db.execute(f"SELECT * FROM unit_entries WHERE id IN ({marks}) ORDER BY name", ids)]


def unit_choice(db, typed, kinds=None):
    """The UnitChoice for a typed unit (or, with kinds=("cluster",), cluster) name."""
    key = keys.name_key(typed)
    candidates = [key]
    if key.startswith(CLUSTER_SHORT) and not key.startswith(CLUSTER_HEAD):
        candidates.append(CLUSTER_HEAD + key[len(CLUSTER_SHORT):])
    exact = next((found for found in map(lambda k: _lookup(db, k), candidates) if found), [])
    entries = _entries(db, exact) if exact else []
    if kinds:
        entries = [e for e in entries if e["kind"] in kinds] or entries
    note = None
    if entries and all(e["dropped"] for e in entries):
        return UnitChoice([], [], [], f"{typed!r} was dropped as a false unit (`thidua units undrop` restores it)")
    entries = [e for e in entries if not e["dropped"]]
    if len(entries) > 1:
        note = f"{typed!r} names {len(entries)} units, all searched: " + "; ".join(e["name"] for e in entries)
    if not entries:
        rows = db.execute("SELECT DISTINCT n.entry FROM unit_names n JOIN unit_entries e ON e.id = n.entry "
                          f"WHERE e.dropped = 0 AND n.origin IN {units.LOOKUP_ORIGINS} AND "
                          "(' ' || n.key || ' ') LIKE ?", (f"% {_like(key)} %",)).fetchall() if key else []
        entries = _entries(db, [r[0] for r in rows]) if rows else []
        entries = [e for e in entries if e["named"]] or entries  # the gazetteer's units no article names last
        if kinds:
            entries = [e for e in entries if e["kind"] in kinds] or entries
        if not entries:
            return UnitChoice([], [], [keys.term(typed)] if keys.term(typed) else [],
                              f"no unit is named {typed!r} (see `thidua units`)")
        shown = "; ".join(e["name"] for e in entries[:LISTED]) + ("; …" if len(entries) > LISTED else "")
        note = (f"{typed!r} is not a unit's whole name; searched the {len(entries)} unit(s) whose name holds it: "
                f"{shown}" if len(entries) > 1 else f"{typed!r} taken as {entries[0]['name']}")
    ids = [e["id"] for e in entries]
    return UnitChoice([e["name"] for e in entries], ids, terms(db, ids), note)


def _like(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def terms(db, ids):
    marks = ",".join("?" * len(ids))
    return sorted({r[0] for r in db.execute(
        f"SELECT term FROM unit_names WHERE entry IN ({marks}) AND origin != 'weak'", ids)})


def forms(db, ids):
    """Every name and code of the entries, as written (for finding them in a title)."""
    marks = ",".join("?" * len(ids))
    return sorted({r[0] for r in db.execute(
        f"SELECT form FROM unit_names WHERE entry IN ({marks}) AND origin != 'weak'", ids)})


def unit_names(db):
    """{term: (canonical name, dropped)} of every name the authority knows."""
    return {r[0]: (r[1], bool(r[2])) for r in db.execute(
        "SELECT n.term, e.name, e.dropped FROM unit_names n JOIN unit_entries e ON e.id = n.entry "
        "WHERE n.origin != 'weak'")}


def person_choice(db, typed):
    """The PersonChoice for a typed name, or an Ambiguous error; None when no one fits."""
    name, _ = without_rank(typed)
    wanted, accented = keys.term(name), keys.has_diacritics(name)
    if not wanted:
        return None
    namesakes = [dict(r) for r in db.execute("SELECT * FROM person_entries WHERE origin = 'split'")]
    same = match_key if accented else keys.term  # a label typed (or indexed) without diacritics too
    for entry in namesakes:
        if same(entry["label"]) == same(name):
            return _person(db, entry)

    def fits(form, whole):
        typed_key = match_key(name) if accented else wanted
        form_key = match_key(form) if accented else keys.term(form)
        return form_key == typed_key if whole else keys.within(typed_key, form_key)

    for whole in (True, False):
        rows = db.execute("SELECT entry, form FROM person_names WHERE term = ?", (wanted,)) if whole else \
            db.execute("SELECT entry, form FROM person_names WHERE (' ' || term || ' ') LIKE ?", (f"% {_like(wanted)} %",))
        found = {r[0] for r in rows if fits(r[1], whole)} | {e["id"] for e in namesakes if fits(e["name"], whole)}
        if found:
            break
    if not found:
        return None
    marks = ",".join("?" * len(found))
    found = [dict(r) for r in db.execute(f"SELECT * FROM person_entries WHERE id IN ({marks}) ORDER BY label",
                                         sorted(found))]
    exact = [e for e in found if e["origin"] != "split" and same(e["label"]) == same(name)]
    if len(found) > 1 and whole and len(exact) == 1:  # the whole name of the person namesakes were split off
        apart = "; ".join(e["label"] for e in found if e["id"] != exact[0]["id"])
        return _person(db, exact[0])._replace(note=f"{typed!r} taken as {exact[0]['label']}; searched apart: {apart}")
    if len(found) > 1:
        listed = "; ".join(_describe(db, e) for e in found[:LISTED * 2])
        raise Ambiguous(f"{typed!r} fits {len(found)} people: {listed}. Give the whole name (or the label)")
    return _person(db, found[0])


def _person(db, entry):
    names = [r[0] for r in db.execute("SELECT term FROM person_names WHERE entry = ?", (entry["id"],))]
    own = frozenset(r[0] for r in db.execute("SELECT article_id FROM person_articles WHERE entry = ?",
                                             (entry["id"],)))
    if not names:  # split off a namesake: only its own articles
        return PersonChoice(entry["label"], entry["id"], [keys.term(entry["name"])], own, frozenset())
    marks = ",".join("?" * len(names))
    others = frozenset(r[0] for r in db.execute(
        f"SELECT article_id FROM person_articles WHERE term IN ({marks}) AND entry != ?", [*names, entry["id"]]))
    return PersonChoice(entry["label"], entry["id"], sorted(names), None, others)


def _describe(db, entry):
    """"Lê Văn Tuấn (Thiếu tướng, Trung tướng; 3 articles)"."""
    choice = _person(db, entry)
    articles, ranks = person_articles(db, choice), []
    for rank in _ranks(db, choice):
        if rank not in ranks:
            ranks.append(rank)
    said = ", ".join(ranks)
    return f"{entry['label']} ({said + '; ' if said else ''}{len(articles)} article(s))"


def person_articles(db, choice, rank=None):
    """The ids of the articles naming the person (at that rank, when given), oldest first."""
    return list(dict.fromkeys(a for a, held in _mentions(db, choice) if rank is None or
                              keys.term(held or "") == keys.term(rank)))


def _ranks(db, choice):
    return [held for _, held in _mentions(db, choice) if held]


def _mentions(db, choice):
    """[(article id, rank)] of the person's mentions, oldest first."""
    marks = ",".join("?" * len(choice.terms))
    rows = db.execute(f"SELECT article_id, rank FROM person_mentions WHERE term IN ({marks}) "
                      f"ORDER BY day IS NULL, day, rowid", choice.terms)
    return [(a, held) for a, held in rows
            if (choice.only is None or a in choice.only) and a not in choice.excluded]


def readable(db):
    """Whether the database holds the authorities (an archive from before them, read-only, does not)."""
    try:
        return db.execute("SELECT 1 FROM authority_meta WHERE key = 'gazetteer'").fetchone() is not None
    except sqlite3.OperationalError:
        return False

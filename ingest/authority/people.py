"""The authority of people: one entry per person, whatever rank or post each article gives.

A person is a name plus what tells namesakes apart. Ranks and positions change
over a career (Đại tá in 2020, Thiếu tướng in 2023), so they do not split a name:
every article naming "Lê Văn Thịnh" is his by default, and his entry gathers the
ranks and positions each article reported. Two different people of one name are
told apart by the archivist (`thidua people split`), who knows what no rule can:
the articles move to an entry of their own, labelled ("Nguyễn Văn An (Z131)"),
kept in `person_articles`. Merging joins two spellings of one person. Where the
articles cannot be one career, `thidua people` flags the name and proposes the
split (ingest.authority.namesakes); it never splits by itself.
"""
from ingest.authority.keys import term
from ingest.language.normalize import fold
from ingest.language.wordlists import rows


def link(db, people):
    """Give each new person name (a {name} dict) an entry; returns how many were new."""
    new = 0
    for person in people:
        name = (person.get("name") or "").strip()
        if not term(name) or db.execute("SELECT 1 FROM person_names WHERE term = ?", (term(name),)).fetchone():
            continue
        entry = db.execute("INSERT INTO person_entries (name, label, origin) VALUES (?,?,?)",
                           (name, name, "extracted")).lastrowid
        db.execute("INSERT INTO person_names (term, form, entry) VALUES (?,?,?)", (term(name), name, entry))
        new += 1
    return new


def mention(db, article, rec):
    """Keep who an article names, at which rank, on which day (its event's, else its
    publication's), by the names' indexed form: a person's articles and ranks are then
    one indexed lookup."""
    event = rec.get("event") or {}
    day = event.get("date") or rec.get("published")
    db.execute("DELETE FROM person_mentions WHERE article_id = ?", (article,))
    db.executemany("INSERT INTO person_mentions VALUES (?,?,?,?)",
                   [(article, term(p["name"]), p.get("rank"), day) for p in rec.get("people") or []
                    if term(p.get("name"))])


def ranks():
    """Rank words longest first (data/ranks.tsv), to take off the front of a typed name."""
    return sorted((row[0] for row in rows("ranks.tsv")), key=len, reverse=True)


def without_rank(text):
    """("Hồ Quang Tuấn", "Trung tướng") for "Trung tướng Hồ Quang Tuấn"; the rank None
    when none stands in front (with or without diacritics)."""
    words = " ".join(text.split())
    for rank in ranks():
        if fold(words).startswith(fold(rank) + " "):  # "trung tuong le van tuan" too
            return words[len(rank):].strip(), rank
    return words, None

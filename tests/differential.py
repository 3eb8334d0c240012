"""A brute-force scan of the stored records, to check search against, and the queries to do it with.

Independent of index/ on purpose: its own folding, tokenizing, tone comparison and
evaluation of a query (given as a small tree, not parsed from Whoosh syntax), so that
a bug in the index's analysis cannot hide itself by being repeated here.

What the help promises, as this scanner reads it:
- a word is a run of letters and digits ("30kg", "8h30" are one word each); case,
  diacritics and tone placement are optional: words are compared folded;
- a word typed with a joiner inside ("6/45", "km/h", "3.000", "COVID-19") matches that
  exact sequence, joiner included, between non-word characters;
- a "phrase" matches its words one after the other, with only spaces or punctuation
  between (a joiner typed inside a word of it must be there too);
- plain words are all required; each may be in the title or the body; OR, NOT and
  parentheses as in Boolean logic; field:value looks in that field only;
- --from/--to keep an article filed in the range or reporting on a period that overlaps
  it, --type one with that type among its event types (ingest.extract.filing).
Ranking levels (for inversions): how many of the query's accented words a record holds
with the same diacritics (tone placement aside), how many adjacent pairs of the plain
words stand side by side in it, and how many of the query's words its title holds.
"""
import random
import re
import unicodedata
from collections import Counter

from ingest.extract.filing import event_types, filing, reported_period

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
JOINERS = "/.,-&"
TOKEN = re.compile(r"[^\W_]+")
JOINED = re.compile(r"[^\W_]+(?:[" + re.escape(JOINERS) + r"][^\W_]+)+")
NON_WORD = r"[\W_]+"
OPERATORS = {"and", "or", "not", "andnot", "andmaybe", "to"}


# -- folding and comparing, written here from scratch ---------------------------------

def sfold(text):
    """Lower case, no diacritics, "đ" -> "d", one character per character of NFC text."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("d")
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        out.append(base.lower() if len(base) == 1 else ch.lower())
    return "".join(out)


def exact_key(word):
    """A word with its diacritics but not their placement: the letters with their shapes
    (â, ơ, ư, đ) and, apart, the tone marks of the word: "hoá" and "hóa" have one key."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    tones = sorted(c for c in decomposed if c in TONES)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES)), tuple(tones)


def accented(word):
    return sfold(word) != word.lower()


# -- the records, scanned ------------------------------------------------------------

class Doc:
    def __init__(self, rec):
        self.id = rec["id"]
        self.title = rec.get("title") or ""
        self.text = rec.get("text") or ""
        self.fields = {"title": sfold(self.title), "body": sfold(self.text)}
        self.tokens = {f: TOKEN.findall(v) for f, v in self.fields.items()}
        self.token_set = {f: set(v) for f, v in self.tokens.items()}
        self.exact = {exact_key(w) for w in TOKEN.findall(self.title + " " + self.text)}
        self.types = set(event_types(rec))
        self.date = filing(rec)[0]  # the rule itself is tested in test_filing
        self.period = reported_period(rec)
        self.unit_keys = {" ".join(sfold(k).split()) for u in rec.get("units") or []
                          for k in (u.get("name"), u.get("code")) if k}
        self.unit_words = {w for u in rec.get("units") or []
                           for k in [u.get("name"), u.get("code"), *(u.get("mentions") or [])] if k
                           for w in TOKEN.findall(sfold(k))}
        self.group = rec.get("copy_of") or rec["id"]
        self.hidden = bool(rec.get("hidden"))


def pattern(words):
    """The regular expression of a phrase's (folded) words in folded text."""
    return re.compile(r"(?<![^\W_])" + NON_WORD.join(re.escape(w) for w in words) + r"(?![^\W_])")


def has(doc, field, words):
    """Whether the folded words stand in that order in the field (see the module's rules)."""
    if len(words) == 1 and not JOINED.fullmatch(words[0]):
        return words[0] in doc.token_set[field]
    parts = [p for w in words for p in TOKEN.findall(w)]
    if not all(p in doc.token_set[field] for p in parts):
        return False
    return bool(pattern(words).search(doc.fields[field]))


def holds(doc, node):
    kind = node[0]
    if kind in ("word", "phrase"):
        words = [sfold(w) for w in (node[1] if kind == "phrase" else [node[1]])]
        words = [w for w in words if TOKEN.search(w)]
        return any(has(doc, f, words) for f in node[2])
    if kind == "and":
        return all(holds(doc, n) for n in node[1])
    if kind == "or":
        return any(holds(doc, n) for n in node[1])
    if kind == "not":
        return not holds(doc, node[1])
    raise ValueError(kind)


def passes(doc, filters, unit_whole):
    if "type" in filters and filters["type"] not in doc.types:
        return False
    if "start" in filters or "end" in filters:
        low, high = filters.get("start", "0000"), filters.get("end", "9999")
        filed = bool(doc.date) and low <= doc.date[:4] <= high
        if not filed and not (doc.period and doc.period[1][:4] >= low and doc.period[0][:4] <= high):
            return False
    if "unit" in filters:
        key = " ".join(sfold(filters["unit"]).split())
        if unit_whole:
            return key in doc.unit_keys
        return all(w in doc.unit_words for w in TOKEN.findall(key))
    return True


def scan(docs, query):
    """The ids of the records a query (see generate) must find: hidden ones and copies included."""
    filters = query["filters"]
    unit_whole = "unit" not in filters or any(
        " ".join(sfold(filters["unit"]).split()) in d.unit_keys for d in docs)
    return {d.id for d in docs if passes(d, filters, unit_whole) and (query["tree"] is None or holds(d, query["tree"]))}


def positive_words(node):
    """The words a query looks for (not under NOT), as typed."""
    if node is None:
        return []
    if node[0] == "word":
        return TOKEN.findall(node[1])
    if node[0] == "phrase":
        return [p for w in node[1] for p in TOKEN.findall(w)]
    if node[0] == "not":
        return []
    return [w for n in node[1] for w in positive_words(n)]


def levels(doc, query):
    """(exact, adjacent, title) ranking levels of a record for a query (see the module)."""
    words = positive_words(query["tree"])
    exact = sum(1 for w in dict.fromkeys(words) if accented(w) and exact_key(w) in doc.exact)
    plain = query.get("plain") or []
    folded = [sfold(w) for w in plain]
    adjacent = sum(1 for a, b in zip(folded, folded[1:])
                   if any(has(doc, f, [a, b]) for f in ("title", "body")))
    title = sum(1 for w in dict.fromkeys(sfold(w) for w in words) if w in doc.token_set["title"])
    return exact, adjacent, title


def inversions(ranked, hits, docs_by_id, query):
    """Per level, the results among `ranked` (best first) with some hit not shown above
    them that has a higher level: exact alone; adjacency within equal exactness; title
    within equal exactness and adjacency."""
    lv = {i: levels(docs_by_id[i], query) for i in hits}
    out = [0, 0, 0]
    for pos, doc_id in enumerate(ranked):
        below = [lv[i] for i in hits if i not in ranked[:pos + 1]]
        mine = lv[doc_id]
        if any(b[0] > mine[0] for b in below):
            out[0] += 1
        if any(b[0] == mine[0] and b[1] > mine[1] for b in below):
            out[1] += 1
        if any(b[:2] == mine[:2] and b[2] > mine[2] for b in below):
            out[2] += 1
    return out


# -- queries -------------------------------------------------------------------------

def _old_tones(word):
    """A word with its tone mark moved as old-style spelling does ("hóa" -> "hoá", "thủy"
    -> "thuỷ": the open syllables oa, oe, uy)."""
    d = unicodedata.normalize("NFD", word)
    m = re.search(r"(?<![qQ])(?:([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])|([uU])([\u0300\u0301\u0303\u0309"
                  r"\u0323])([yY]))(?![^\W\d_])", d)
    if not m:
        return None
    first, tone, second = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    return unicodedata.normalize("NFC", d[:m.start()] + first + second + tone + d[m.end():])


def _render(node, top=True):
    kind = node[0]
    prefix = "" if node[2:] and tuple(node[2]) == ("title", "body") else (f"{node[2][0]}:" if node[2:] else "")
    if kind == "word":
        return prefix + node[1]
    if kind == "phrase":
        return prefix + '"' + " ".join(node[1]) + '"'
    if kind == "not":
        return "NOT " + _render(node[1], False)
    joiner = " OR " if kind == "or" else " "
    inner = joiner.join(_render(n, False) for n in node[1])
    return inner if top else f"({inner})"


BOTH = ("title", "body")


def generate(docs, per_class=25, seed=11):
    """Queries of every class: {cls, text, tree, filters, plain}. `plain` lists the
    adjacent plain words, for the adjacency level of ranking."""
    rng = random.Random(seed)
    n = len(docs)
    df, forms = Counter(), {}
    bodies = []
    for d in docs:
        words = TOKEN.findall(d.text)
        bodies.append(words)
        seen = set()
        for w in words:
            f = sfold(w)
            if f not in seen:
                seen.add(f)
                df[f] += 1
            forms.setdefault(f, Counter())[w.lower()] += 1
    lettered = [f for f in df if f.isalpha() and f not in OPERATORS]
    common = sorted(f for f in lettered if df[f] >= max(3, n * 0.08))
    frequent = sorted(f for f in lettered if df[f] >= max(3, n * 0.02))
    rare = sorted(f for f in lettered if df[f] <= 3 and len(f) >= 3)
    oldable = sorted({o for f in lettered if df[f] >= 2 for w in forms[f] for o in [_old_tones(w)] if o})
    joined = sorted({m.group() for d in docs for m in JOINED.finditer(d.text)})
    glued = sorted({w for ws in bodies for w in ws if re.search(r"\d", w) and re.search(r"[^\W\d_]", w)})
    titles = [d.title for d in docs if TOKEN.findall(d.title)]
    units = sorted({u for d in docs for u in d.unit_keys if re.fullmatch(r"z\d+", u)})

    def spelled(f):
        return forms[f].most_common(1)[0][0]

    def run(k):
        for _ in range(100):
            words = rng.choice(bodies)
            if len(words) > k:
                start = rng.randrange(len(words) - k)
                run = words[start:start + k]
                if not any(w.lower() in OPERATORS for w in run):
                    return run
        return None

    def word(w, fields=BOTH):
        return ("word", w, fields)

    def phrase(ws, fields=BOTH):
        return ("phrase", list(ws), fields)

    out = []

    def add(cls, tree, filters=None, plain=None, text=None):
        out.append({"cls": cls, "text": text or (_render(tree) if tree else None), "tree": tree,
                    "filters": filters or {}, "plain": plain or []})

    for _ in range(per_class):
        add("common", word(spelled(rng.choice(common))))
        if rare:
            add("rare", word(spelled(rng.choice(rare))))
        for k, cls in ((2, "phrase-2"), (3, "phrase-3"), (rng.choice((4, 5)), "phrase-4-5")):
            ws = run(k)
            if ws:
                add(cls, phrase(ws))
        # words frequent apart: a chain of two real pairs, or three frequent words
        ws = run(2)
        if ws:
            follow = [b for words in rng.sample(bodies, min(40, n)) for a, b in zip(words, words[1:])
                      if sfold(a) == sfold(ws[-1]) and b.lower() not in OPERATORS]
            if follow:
                add("phrase-apart", phrase(ws + [rng.choice(follow)]))
        add("phrase-apart", phrase([spelled(rng.choice(frequent)) for _ in range(3)]))
        ws = run(rng.choice((1, 2, 3)))
        if ws:
            tree = word(sfold(ws[0])) if len(ws) == 1 else phrase([sfold(w) for w in ws])
            add("unaccented", tree)
            tree = word(ws[0].upper()) if len(ws) == 1 else phrase([w.upper() for w in ws])
            add("upper-case", tree)
        ws = run(rng.choice((2, 3)))
        if ws:
            add("words", ("and", [word(w) for w in ws]), plain=ws)
        if oldable:
            add("old-tones", word(rng.choice(oldable)))
        field = rng.choice(BOTH)
        w = spelled(rng.choice(frequent))
        add("field:value", word(rng.choice((w, sfold(w))), (field,)))
        if titles:
            tw = TOKEN.findall(rng.choice(titles))
            if len(tw) >= 2:
                start = rng.randrange(len(tw) - 1)
                add("field:value", phrase(tw[start:start + rng.choice((2, 3))], ("title",)))
            add("field:value", word(sfold(rng.choice(tw)), ("title",)))
        a, b, c = (spelled(rng.choice(frequent)) for _ in range(3))
        form = rng.randrange(4)
        if form == 0:
            add("boolean", ("or", [word(a), word(b)]))
        elif form == 1:
            add("boolean", ("and", [word(a), ("not", word(b))]))
        elif form == 2:
            add("boolean", ("and", [("or", [word(a), word(b)]), word(c)]))
        else:
            ws = run(2)
            if ws:
                add("boolean", ("and", [word(a), ("not", phrase(ws))]))
        f = rng.choice(("date", "type", "unit")) if units else rng.choice(("date", "type"))
        filters = ({"start": str(rng.randint(2015, 2023))} if f == "date" else
                   {"type": rng.choice(["conference", "campaign_launch", "handover", "award", "report", "other"])}
                   if f == "type" else {"unit": rng.choice(units).upper()})
        if f == "date":
            filters["end"] = str(rng.randint(int(filters["start"]), 2025))
        add("filters", word(spelled(rng.choice(common))) if rng.random() < 0.7 else None, filters)
        if joined:
            add("joined", word(rng.choice(joined)))
        if glued:
            add("joined", word(rng.choice(glued)))
        # what people type without reading a manual: a question mark, lower-case "or"
        w = spelled(rng.choice(frequent))
        add("typed", word(w), text=w + "?")
        a, b = spelled(rng.choice(frequent)), spelled(rng.choice(frequent))
        add("typed", ("and", [word(a), word("or"), word(b)]), text=f"{a} or {b}")
    return out


# -- an archive, and search checked against the scan ------------------------------------

def write_dumps(folder, limit, skip=0):
    """`limit` baomoi texts of ../shared as text dumps, "title, blank line, text" (in a
    temporary folder: never in the project)."""
    import gzip
    import json
    from pathlib import Path
    source = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "baomoi_text" / "baomoi_2017.jsonl.gz"
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < skip:
                continue
            if i >= skip + limit:
                break
            art = json.loads(line)
            (folder / f"baomoi_{art['id']}.txt").write_text(f"{art['title']}\n\n{art['text']}\n", encoding="utf-8")
    return folder


def dump_records(folder, limit):
    """`limit` baomoi dumps (write_dumps) cleaned as ingest reads them, without entity
    extraction (search reads titles and texts; extraction of thousands would take
    most of an hour on a shared machine)."""
    from ingest.clean.text_clean import clean_dump
    from ingest.language.normalize import clean_text
    from ingest.record import new_record

    records = []
    for path in sorted(write_dumps(folder, limit).glob("*.txt")):
        fields = clean_dump(clean_text(path.read_text(encoding="utf-8")), str(path))
        records.append(new_record(str(path), **fields))
    return records


def ingest(data_dir, paths, jobs=2):
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-W", "ignore", "-m", "search", "--data-dir", str(data_dir), "ingest",
                           "--jobs", str(jobs), *map(str, paths)], capture_output=True, text=True)
    if "records in" not in done.stdout:
        raise RuntimeError(f"ingest failed: {done.stdout[-500:]} {done.stderr[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def load_docs(data_dir):
    from ingest import store
    db = store.connect_reading(data_dir)
    try:
        return [Doc(r) for r in store.iter_records(db)]
    finally:
        db.close()


def marks_of(row):
    """(snippet text, [(start, end)]) of a result: the structured form, or «» in older ones."""
    if "marks" in row:
        return row["snippet"], [tuple(m) for m in row["marks"]]
    text, marks, out = row.get("snippet") or "", [], []
    for piece in re.split(r"(«[^«»]*»)", text):
        if piece.startswith("«") and piece.endswith("»"):
            start = sum(map(len, out))
            out.append(piece[1:-1])
            marks.append((start, start + len(piece) - 2))
        else:
            out.append(piece)
    return "".join(out), marks


def _mark_ok(mark_text, words):
    """Every word of a mark is a word of the query, with its diacritics when typed with them."""
    for token in TOKEN.findall(mark_text):
        if not any(sfold(w) == sfold(token) and (not accented(w) or exact_key(w) == exact_key(token))
                   for w in words):
            return False
    return True


def _holds_exact_phrase(doc, words):
    """The body holds the phrase, with the diacritics of its accented words."""
    for m in pattern([sfold(w) for w in words]).finditer(doc.fields["body"]):
        found = TOKEN.findall(doc.text[m.start():m.end()])
        typed = [p for w in words for p in TOKEN.findall(w)]
        if len(found) == len(typed) and all(not accented(t) or exact_key(t) == exact_key(f)
                                            for t, f in zip(typed, found)):
            return True
    return False


def compare(data_dir, queries, docs, rank_limit=20):
    """Run every query through index.finder and the scan; per class: queries, queries with
    a difference, true/false positives, misses; ranking inversions; snippet checks."""
    from index.finder import Finder, matches, search

    f = Finder(str(data_dir))
    ids = {}
    by_id = {d.id: d for d in docs}
    stats, differences = {}, []
    for q in queries:
        s = stats.setdefault(q["cls"], Counter())
        s["queries"] += 1
        expected = scan(docs, q)
        try:
            hits = matches(f, q["text"], include_hidden=True, all_copies=True, **q["filters"])[0]
            found = {ids.setdefault(d, f.searcher.stored_fields(d)["id"]) for d in hits}
        except Exception as exc:  # a query the index refuses is a difference too
            found, q["error"] = set(), f"{type(exc).__name__}: {exc}"
        s["tp"] += len(found & expected)
        s["fp"] += len(found - expected)
        s["fn"] += len(expected - found)
        if found != expected:
            s["differing"] += 1
            differences.append((q, sorted(found - expected)[:3], sorted(expected - found)[:3]))
        if q["tree"] is None or not expected:
            continue
        try:
            rows = search(f, q["text"], limit=rank_limit, include_hidden=True, all_copies=True, **q["filters"])["results"]
        except Exception:
            continue
        ranked = [r["id"] for r in rows]
        inv = inversions([i for i in ranked if i in expected], expected, by_id, q)
        for k, v in zip(("inv_exact", "inv_adjacent", "inv_title"), inv):
            s[k] += v
        typed = positive_words(q["tree"])
        for r in rows:
            text, marks = marks_of(r)
            for a, b in marks:
                s["marks"] += 1
                s["marks_wrong"] += not _mark_ok(text[a:b], typed)
            if q["tree"][0] == "phrase" and tuple(q["tree"][2]) == BOTH and r["id"] in by_id:
                words = q["tree"][1]
                if _holds_exact_phrase(by_id[r["id"]], words):
                    s["phrase_snippets"] += 1
                    want = [sfold(p) for w in words for p in TOKEN.findall(w)]
                    s["phrase_as_span"] += any(TOKEN.findall(sfold(text[a:b])) == want for a, b in marks)
    return stats, differences


def report(stats):
    """The per-class table, and the totals line."""
    lines = [f"{'class':<14}{'queries':>8}{'differ':>7}{'precision':>10}{'recall':>8}{'inv.exact':>10}"
             f"{'inv.adj':>8}{'inv.title':>10}{'marks ok':>10}{'phrase span':>13}"]
    total = Counter()
    for cls in sorted(stats):
        s = stats[cls]
        total.update(s)
        lines.append(_line(cls, s))
    lines.append(_line("ALL", total))
    return "\n".join(lines)


def _line(cls, s):
    precision = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
    recall = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
    marks = f"{1 - s['marks_wrong'] / s['marks']:.3f}" if s["marks"] else "-"
    spans = f"{s['phrase_as_span']}/{s['phrase_snippets']}" if s["phrase_snippets"] else "-"
    return (f"{cls:<14}{s['queries']:>8}{s['differing']:>7}{precision:>10.3f}{recall:>8.3f}{s['inv_exact']:>10}"
            f"{s['inv_adjacent']:>8}{s['inv_title']:>10}{marks:>10}{spans:>13}")

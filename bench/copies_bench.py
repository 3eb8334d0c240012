"""Near-copy grouping at ingest: how right it is on a generated set, and what it costs
per article in a large archive.

Quality. Articles come from ../shared/corpus/baomoi_text (read at run time, never
stored). Each chosen original is republished in perturbed copies, as other sites do:
one word changed, a paragraph dropped, a paragraph of another article added, another
site's furniture around it (menu, date, share and copyright lines composed below), a
different title, and all of these at once. Short notices (the first sentences of an
article under a template sentence their site puts on every notice) are republished
too. Mixed in are hard negatives: for each original the corpus article that shares the
most rare words with it (another report on the same topic), some wrapped in the same
site's furniture as unrelated copies, and short notices of one site that share their
template sentence. Everything goes through store.save_batch into a temporary data
folder in a shuffled order (a copy may arrive before its original), so the rule and
the grouping measured are those of ingest. The corpus itself holds some stories twice
(baomoi gathers many papers that republish one another); an article sharing long
verbatim runs with one already chosen (SAME_STORY of its word 8-grams) is not chosen,
so that every pair between different originals is truly two articles.

Printed: pair precision and recall of the grouping (true pairs: an original with each
of its copies, and the copies of one original among themselves), recall per kind of
perturbation, and the similarity figures of false positives.

Cost. An archive of --articles distinct articles (sentences of the corpus recombined,
so no two are near copies) is built with save_batch; then, for --new further articles
(half new stories, half near copies of archived ones), the copy work of ingest is timed
per article (CPU): the fingerprint (lines, their MinHash and shingles, numbers), worked
out beside the extraction, and how much of it is sent to the storing process; then
what the one storing process does: the signature (MinHash band keys of the lines that
are not furniture), the lookup (candidates from the bands, each checked on its shingles
and numbers, read from the archive) and the insert of the bands, lines and shingles;
and the records database's size. The yardstick, timed in the same run on the same
texts: underthesea's word_tokenize.

    python bench/copies_bench.py [--originals 300] [--articles 5000] [--new 400]
    python bench/copies_bench.py --articles 50000        # the issue's size
"""
import argparse
import gzip
import json
import math
import pickle
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest import store  # noqa: E402
from ingest.identity import copies, fingerprint  # noqa: E402
from ingest.language.normalize import match_key  # noqa: E402

BAOMOI = REPO.parent / "shared" / "corpus" / "baomoi_text" / "baomoi_2017.jsonl.gz"
WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
SAME_STORY = 0.1  # share of the smaller article's word 8-grams found verbatim in the other
RARE_DF = (2, 30)  # a word in 2-30 corpus articles says what an article is about

# Other sites' furniture, as a cleaner that misses it would leave it around the text.
SITES = {
    "tinnhanh.example.vn": (["Trang chủ | Tin tức | Thời sự", "Thứ Hai, 06/02/2017 08:15 (GMT+7)",
                             "Chia sẻ Facebook", "Cỡ chữ: A- A A+"],
                            ["Bản quyền thuộc về Báo điện tử Tin Nhanh. Ghi rõ nguồn khi phát hành lại "
                             "thông tin từ website này.", "Tin liên quan", "Từ khóa: thời sự, xã hội"]),
    "docbao24h.example.vn": (["Đọc báo 24h › Xã hội › Đời sống", "Cập nhật lúc 14:02 ngày 07/02/2017",
                              "Thích | Chia sẻ | Gửi bài viết qua email | In bài viết"],
                             ["Theo Đọc báo 24h tổng hợp", "Mời bạn đọc gửi ý kiến, bình luận về bài viết "
                              "tại mục Ý kiến bạn đọc bên dưới.", "© 2017 Docbao24h. Giấy phép số 123/GP-BTTTT "
                              "do Bộ Thông tin và Truyền thông cấp."]),
    "baomoi-ngay.example.vn": (["Bạn đang xem: Tin mới | Kinh tế | Pháp luật | Thể thao",
                                "Nghe đọc bài viết", "Lượt xem: 1.204"],
                               ["Bài viết có hữu ích với bạn không? Có | Không",
                                "Bình luận (0)", "Xem thêm các tin tức khác trong chuyên mục",
                                "Liên hệ quảng cáo: 0912 345 678 | Email: lienhe@baomoingay.example.vn"]),
    "thongtin.example.vn": (["THÔNG TIN ĐIỆN TỬ", "Đăng nhập | Đăng ký",
                             "Trang chủ > Tin trong nước"],
                            ["Nguồn: Thông tin điện tử", "Chia sẻ Facebook | Twitter | Zalo",
                             "Bản quyền thuộc về Thông tin điện tử. Mọi hình thức sao chép phải được sự "
                             "đồng ý bằng văn bản."]),
}
# The sentence a site puts on each of its short notices.
NOTICE_TEMPLATES = [
    "Đây là thông tin được đăng tải trong bản tin nhanh buổi sáng của chúng tôi, bạn đọc theo dõi "
    "các bản tin tiếp theo để cập nhật diễn biến.",
    "Bản tin được tổng hợp từ các cơ quan chức năng và sẽ tiếp tục được cập nhật trong ngày.",
    "Thông báo này được gửi tới các cơ quan, đơn vị và bạn đọc để biết và phối hợp thực hiện.",
]
LONG_KINDS = ["word", "drop", "add", "furniture", "title", "all"]
SHORT_KINDS = ["word", "furniture", "title", "all"]


def load_corpus():
    with gzip.open(BAOMOI, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    out = []
    for doc in docs:
        paras = [p.strip() for p in doc.get("text", "").split("\n") if p.strip()]
        if paras and paras[0] == doc["title"].strip():
            paras = paras[1:]  # some texts begin with their title; the title is kept apart
        if paras:
            out.append({"title": doc["title"].strip(), "paras": paras})
    return out


def words(text):
    return WORD.findall(match_key(text))


def grams(found, n):
    return {" ".join(found[i:i + n]) for i in range(len(found) - n + 1)}


# --- choosing distinct originals and their same-topic neighbours -----------------------

def topical_neighbours(corpus):
    """For each article, the other article with the most rare words in common, weighted
    by rarity (the same topic, the same event, other words)."""
    vocab = [set(words("\n".join(d["paras"]))) for d in corpus]
    df = Counter(w for v in vocab for w in v)
    postings = defaultdict(list)
    for i, v in enumerate(vocab):
        for w in v:
            if RARE_DF[0] <= df[w] <= RARE_DF[1] and not w.isdigit():
                postings[w].append(i)
    score = defaultdict(Counter)
    for w, ids in postings.items():
        weight = math.log(len(corpus) / df[w])
        for a, b in combinations(ids, 2):
            score[a][b] += weight
            score[b][a] += weight
    return {i: [j for j, _ in s.most_common(5)] for i, s in score.items()}


class Chooser:
    """Corpus articles chosen so that no two share long verbatim runs (one story twice)."""

    def __init__(self, corpus):
        self.runs = {}
        self.corpus = corpus
        self.postings = defaultdict(set)
        self.chosen = []
        self.left_out = 0

    def _runs(self, i):
        if i not in self.runs:
            self.runs[i] = grams(words("\n".join(self.corpus[i]["paras"])), 8)
        return self.runs[i]

    def take(self, i):
        runs = self._runs(i)
        if i in self.chosen or not runs:
            return False
        shared = Counter(j for r in runs for j in self.postings.get(r, ()))
        if any(n >= SAME_STORY * min(len(runs), len(self.runs[j])) for j, n in shared.items()):
            self.left_out += 1
            return False
        for r in runs:
            self.postings[r].add(i)
        self.chosen.append(i)
        return True


# --- perturbations -----------------------------------------------------------------------

def with_furniture(rng, paras):
    site = rng.choice(sorted(SITES))
    head, foot = SITES[site]
    return site, head + paras + foot


def change_word(rng, paras, vocabulary):
    i = rng.randrange(len(paras))
    tokens = paras[i].split(" ")
    j = rng.randrange(len(tokens))
    tokens[j] = rng.choice(vocabulary)
    return paras[:i] + [" ".join(tokens)] + paras[i + 1:]


def perturb(rng, kind, doc, other, vocabulary):
    """(site, title, paragraphs) of a copy of doc; other: an unrelated article."""
    site, title, paras = f"copy{rng.randrange(10**6)}.example.vn", doc["title"], list(doc["paras"])
    if kind in ("word", "all"):
        paras = change_word(rng, paras, vocabulary)
    if kind in ("drop", "all") and len(paras) > 2:
        del paras[rng.randrange(1, len(paras))]
    if kind == "add":
        paras.insert(rng.randrange(1, len(paras) + 1), rng.choice(other["paras"]))
    if kind in ("title", "all"):
        title = other["title"]
    if kind in ("furniture", "all"):
        site, paras = with_furniture(rng, paras)
    return site, title, paras


def short_notice(rng, doc, template):
    """The first sentences of an article, 20-60 words, under its site's template sentence."""
    sentences = SENTENCE_END.split(" ".join(doc["paras"]))
    kept, size = [], 0
    for s in sentences:
        if size >= 20 and size + len(s.split()) > 60:
            break
        kept.append(s)
        size += len(s.split())
    return {"title": doc["title"], "paras": [" ".join(kept), template]}


def generated_set(corpus, n_originals, rng):
    """Items {site, title, paras, story, kind, near}: story is the same for an original
    and its copies (None for the same-topic articles), near the original a same-topic
    article was chosen for."""
    neighbours = topical_neighbours(corpus)
    vocabulary = sorted({w for d in corpus[:300] for p in d["paras"] for w in p.split(" ") if w.isalpha()})
    chooser = Chooser(corpus)
    order = list(range(len(corpus)))
    rng.shuffle(order)
    originals, hard, notices = [], [], []
    for i in order:
        if len(notices) >= n_originals // 2:
            break
        if i not in neighbours or not chooser.take(i):
            continue
        if len(originals) < n_originals:
            originals.append(i)
            for j in neighbours[i]:
                if chooser.take(j):
                    hard.append((j, i))
                    break
        else:
            notices.append(i)
    items = []

    def add(site, title, paras, story, kind, near=None):
        items.append({"site": site, "title": title, "paras": paras, "story": story, "kind": kind, "near": near})

    for i in originals:
        doc, other = corpus[i], corpus[rng.choice(order)]
        add(f"source{i}.example.vn", doc["title"], doc["paras"], ("long", i), "original")
        for kind in LONG_KINDS:
            add(*perturb(rng, kind, doc, other, vocabulary), ("long", i), kind)
    for j, i in hard:  # another report on the topic; half of them in a copying site's furniture
        doc = corpus[j]
        site, paras = f"source{j}.example.vn", doc["paras"]
        if rng.random() < 0.5:
            site, paras = with_furniture(rng, paras)
        add(site, doc["title"], paras, None, "same topic", ("long", i))
    for n, i in enumerate(notices):  # short notices of three sites, each with its template sentence
        site = n % len(NOTICE_TEMPLATES)
        notice, other = short_notice(rng, corpus[i], NOTICE_TEMPLATES[site]), corpus[rng.choice(order)]
        add(f"notices{site}.example.vn", notice["title"], notice["paras"], ("short", i), "original")
        for kind in SHORT_KINDS:
            add(*perturb(rng, kind, notice, other, vocabulary), ("short", i), "short " + kind)
    return items, len(originals), len(notices), len(hard), chooser.left_out


# --- running the store and scoring ---------------------------------------------------------

def record(n, site, title, paras):
    return {"source": f"/bench/{site}/{n}.txt", "url": f"https://{site}/tin/{n}.html", "title": title,
            "text": "\n".join(paras)}


def ingest(db, recs, batch=50):
    ids = []
    for start in range(0, len(recs), batch):
        ids += [article for article, _ in store.save_batch(db, recs[start:start + batch])]
    return ids


def pairs_by(labels):
    """Every pair (a, b), a < b, of items with the same label (None labels none)."""
    members = defaultdict(list)
    for n, label in enumerate(labels):
        if label is not None:
            members[label].append(n)
    return {pair for group in members.values() for pair in combinations(group, 2)}


def quality(corpus, args):
    rng = random.Random(args.seed)
    items, n_originals, n_notices, n_hard, n_left = generated_set(corpus, args.originals, rng)
    order = list(range(len(items)))
    rng.shuffle(order)
    with tempfile.TemporaryDirectory() as folder:
        db = store.connect(folder)
        ids = ingest(db, [record(n, items[n]["site"], items[n]["title"], items[n]["paras"]) for n in order])
        group_of = {row["id"]: row["copy_of"] or row["id"] for row in db.execute("SELECT id, copy_of FROM articles")}
        article_of = dict(zip(order, ids))
        group = {n: group_of[article] for n, article in article_of.items()}
        print(f"generated set: {len(items)} articles: {n_originals} originals and {n_notices} short notices, "
              f"each with its copies; {n_hard} other articles on an original's topic ({n_left} corpus articles "
              f"left out: the same story as a chosen one)")
        report(db, items, group, article_of)
        db.close()


def report(db, items, group, article_of):
    truth = pairs_by([item["story"] for item in items])
    predicted = pairs_by([group[n] for n in range(len(items))])
    hits = truth & predicted
    print(f"pairs: {len(truth)} true, {len(predicted)} grouped, {len(hits)} right")
    print(f"precision {len(hits) / max(len(predicted), 1):.4f}   recall {len(hits) / max(len(truth), 1):.4f}"
          f"   (targets: precision >= 0.98, recall >= 0.95)")
    print("recall of original-copy pairs, per kind of copy:")
    per_kind = defaultdict(lambda: [0, 0])
    for a, b in truth:
        kinds = {items[a]["kind"], items[b]["kind"]}
        if "original" in kinds and len(kinds) == 2:
            kind = (kinds - {"original"}).pop()
            per_kind[kind][0] += (a, b) in predicted
            per_kind[kind][1] += 1
    for kind in [*LONG_KINDS, *("short " + k for k in SHORT_KINDS)]:
        found, total = per_kind[kind]
        print(f"  {kind:16} {found / max(total, 1):.4f}  ({found}/{total})")
    shingled = {}

    def similarity(a, b):
        """The pair's figures as the store sees them now (the archive's furniture left out)."""
        for n in (a, b):
            if n not in shingled:
                shingled[n] = store._compared(db, article_of[n], items[n]["site"])[0]
        return copies.similarity(shingled[a], shingled[b])

    def described(a, b):
        jaccard, contained = similarity(a, b)
        return (f"jaccard {jaccard:.3f}  contained {contained:.3f}  shingles {len(shingled[a])}/{len(shingled[b])}"
                f"  [{items[a]['kind']} | {items[b]['kind']}]")

    false_pos = sorted(predicted - truth)
    print(f"false positives: {len(false_pos)} pairs" + (" (the pair's own similarity; a pair can also be "
                                                         "grouped through a third article):" if false_pos else ""))
    if false_pos:
        print("  by kinds: " + ", ".join(f"{k[0]} | {k[1]}: {n}" for k, n in Counter(
            tuple(sorted((items[a]["kind"], items[b]["kind"]))) for a, b in false_pos).most_common(8)))
    for a, b in false_pos[:12]:
        print(f"  {described(a, b)}  {items[a]['title'][:30]!r} ~ {items[b]['title'][:30]!r}")
    missed = sorted(truth - predicted)
    for pair in missed:
        similarity(*pair)
    short = [(a, b) for a, b in missed if min(len(shingled[a]), len(shingled[b])) < copies.MIN_SHINGLES]
    print(f"missed pairs: {len(missed)}, {len(short)} of them with a text too short to judge (fewer than "
          f"{copies.MIN_SHINGLES} shingles of running text)" + ("; the others first:" if missed else ""))
    for a, b in sorted(missed, key=lambda pair: pair in short)[:8]:
        print(f"  {described(a, b)}")
    hard = pairs_by([item["story"] or item["near"] for item in items]) - truth
    same_site = {(a, b) for a, b in pairs_by([item["site"] for item in items])
                 if items[a]["story"] != items[b]["story"]}
    for name, pairs in [("same-topic pairs", hard), ("pairs of one site's furniture or notice template", same_site)]:
        sample = sorted(pairs)[:3000]
        figures = [similarity(*pair) for pair in sample]
        if figures:
            print(f"{name}: {len(pairs)}, {sum(p in predicted for p in pairs)} grouped; of {len(sample)}: "
                  f"max jaccard {max(j for j, _ in figures):.3f}, max contained {max(c for _, c in figures):.3f}")


# --- cost at archive size ----------------------------------------------------------------------

def recombined(rng, pool, n):
    """n articles of 4-14 paragraphs of 2-4 corpus sentences drawn at random: distinct
    stories of realistic words, none a near copy of another, and no paragraph in two of
    them (a line in several stories would be taken for furniture)."""
    for _ in range(n):
        paras = [" ".join(rng.sample(pool, rng.randint(2, 4))) for _ in range(rng.randint(4, 14))]
        yield " ".join(paras[0].split()[:12]), paras


def cost(corpus, args):
    from underthesea import word_tokenize

    rng = random.Random(args.seed + 1)
    pool = [s for d in corpus for p in d["paras"] for s in SENTENCE_END.split(p) if len(s.split()) >= 6]
    vocabulary = sorted({w for s in pool[:5000] for w in s.split(" ") if w.isalpha()})
    with tempfile.TemporaryDirectory() as folder:
        db = store.connect(folder)
        start = time.perf_counter()
        archive = [record(n, f"site{n % 50}.example.vn", title, paras)
                   for n, (title, paras) in enumerate(recombined(rng, pool, args.articles))]
        ingest(db, archive, batch=500)
        built = time.perf_counter() - start
        print(f"archive: {args.articles} distinct articles stored with save_batch in {built:.0f} s "
              f"({built / args.articles * 1e3:.2f} ms/article, everything save_batch does)")
        fresh = []
        for n, (title, paras) in enumerate(recombined(rng, pool, args.new)):
            if n % 2:  # a near copy of an archived article: a word changed, another site's furniture
                source = rng.choice(archive)
                _, paras = with_furniture(rng, change_word(rng, source["text"].split("\n"), vocabulary))
                title = source["title"]
            fresh.append(record(args.articles + n, "new.example.vn", title, paras))
        timings, candidates, grouped, sent = defaultdict(float), 0, 0, 0
        with db:
            for rec in fresh:
                t0 = time.process_time()
                prints = fingerprint(rec)
                t1 = time.process_time()
                keys, content = store._signature(db, prints, "new.example.vn")
                t2 = time.process_time()
                representative = store._copy_of(db, prints, keys, content, "new.example.vn")
                t3 = time.process_time()
                store._add_bands(db, "bench" + rec["url"], keys, prints, "new.example.vn")
                t4 = time.process_time()
                timings["fingerprint"] += t1 - t0
                timings["signature"] += t2 - t1
                timings["lookup"] += t3 - t2
                timings["insert"] += t4 - t3
                sent += len(pickle.dumps(prints, protocol=pickle.HIGHEST_PROTOCOL))
                grouped += representative is not None
                marks = ",".join("?" * len(keys))
                candidates += db.execute(f"SELECT COUNT(DISTINCT article_id) FROM copy_bands WHERE key IN ({marks}) "
                                         f"AND article_id NOT LIKE 'bench%'", keys).fetchone()[0]
            db.rollback()
        start = time.process_time()
        for rec in fresh:
            word_tokenize(rec["text"])
        yard = (time.process_time() - start) / len(fresh) * 1e3
        db.close()
        size = (Path(folder) / store.DB_NAME).stat().st_size
    per = {k: v / len(fresh) * 1e3 for k, v in timings.items()}
    stored = per["signature"] + per["lookup"] + per["insert"]
    print(f"copy work per new article at {args.articles} archived ({len(fresh)} new, half of them near copies; "
          f"{grouped} grouped; {candidates / len(fresh):.1f} candidates checked on average), CPU:")
    print(f"  beside the extraction (the --jobs helpers): fingerprint {per['fingerprint']:.2f} ms/article, "
          f"{sent / len(fresh) / 1024:.1f} KiB pickled to the storing process")
    print(f"  storing (one process): signature {per['signature']:.2f} ms + lookup {per['lookup']:.2f} ms + "
          f"band and shingle insert {per['insert']:.3f} ms = {stored:.2f} ms/article")
    print(f"  yardstick, same texts, same run: underthesea word_tokenize {yard:.2f} ms/article "
          f"(storing's copy work = {stored / yard:.2f} x, all of it {(stored + per['fingerprint']) / yard:.2f} x "
          f"word_tokenize)")
    print(f"  records database: {size / 2**20:.1f} MiB, {size / (args.articles + len(fresh)) / 1024:.1f} KiB "
          f"per article (records, entities, versions and the copy tables)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--originals", type=int, default=300, help="originals in the generated set")
    parser.add_argument("--articles", type=int, default=5000, help="archived articles for the cost")
    parser.add_argument("--new", type=int, default=400, help="new articles timed against the archive")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-cost", action="store_true", help="only the generated set")
    args = parser.parse_args()
    if not BAOMOI.exists():
        print(f"skipped: {BAOMOI} is absent (the bench reads the shared corpus beside the project)")
        return
    corpus = load_corpus()
    quality(corpus, args)
    if not args.skip_cost:
        cost(corpus, args)


if __name__ == "__main__":
    main()

"""Search benchmark: thidua's Whoosh index against SQLite FTS5, at archive sizes.

Corpora of N articles are built from the real news texts in
../shared/corpus/baomoi_text (3,756 articles): each article takes most of one
real article's paragraphs, shuffled, a paragraph or two of another, and two to
four paragraphs about emulation ("thi đua") generated here, so that the domain's
vocabulary is as frequent as in a real archive; each gets a date (2015-2024), an
event type, one to three units and up to three ranked officers.

Printed per size: indexing articles/second, index size, and query latency
p50/p95 over 250 mixed queries (common and rare words, multi-word, phrases,
unaccented, filtered by date range and by unit; every query also counts facets
by year, event type and unit, and snippets its top ten) with one searcher kept
open, against the same documents and queries through SQLite FTS5 (folded text,
bm25 top ten with snippets, the same facets by GROUP BY), each query through one
engine and then the other.

    python bench/search_bench.py                  # 10,000 and 50,000 articles
    python bench/search_bench.py --sizes 2000     # a quick run
    python bench/search_bench.py --sizes 10000 --profile
    python bench/search_bench.py --sizes 10000 --keep /tmp/corpora  # built once, reused
"""
import argparse
import cProfile
import gzip
import io
import json
import pstats
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import writer  # noqa: E402
from index.finder import Finder, search  # noqa: E402
from index.analysis import folded_form as fold  # noqa: E402  (fold() for words, faster)

BAOMOI = ROOT.parent / "shared" / "corpus" / "baomoi_text" / "baomoi_2017.jsonl.gz"
SEED = 20240601

# -- generated emulation vocabulary ------------------------------------------------

UNITS = ([(f"Nhà máy Z{n}", f"Z{n}") for n in (111, 113, 115, 117, 119, 121, 125, 127, 129, 131, 133, 143, 173,
                                                175, 176, 181, 183, 189, 192, 195, 199)]
         + [(name, None) for name in (
             "Tổng cục Công nghiệp quốc phòng", "Cục Kế hoạch và Đầu tư", "Cục Chính trị", "Cục Hậu cần",
             "Cục Quản lý công nghệ", "Viện Công nghệ", "Viện Vũ khí", "Viện Thuốc phóng Thuốc nổ",
             "Trường Cao đẳng Công nghiệp quốc phòng", "Binh đoàn 11", "Quân khu 3", "Tổng công ty Ba Son",
             "Công ty TNHH Một thành viên Hóa chất 21", "Cụm thi đua Điện - Điện tử - Hóa chất",
             "Cụm thi đua Vũ khí - Đạn dược")])
RANKS = ["Thiếu tướng", "Trung tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đại úy"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Đức", "Quang", "Minh", "Thị", "Hữu", "Công", "Xuân", "Thanh", "Mạnh"]
GIVEN = ["Tuấn", "Hùng", "Dũng", "Bình", "Hà", "Khoa", "Long", "Nam", "Sơn", "Thắng", "Trung", "Hải", "Phong",
         "Lâm", "Quyết", "Thành", "Hiếu", "Cường"]
POSITIONS = ["Chủ nhiệm Tổng cục Công nghiệp quốc phòng", "Phó Chủ nhiệm Tổng cục", "Giám đốc nhà máy",
             "Chính ủy nhà máy", "Phó Giám đốc", "Chủ tịch Công đoàn", "Trưởng phòng Kế hoạch"]
CAMPAIGNS = ["Thi đua Quyết thắng", "thi đua cao điểm", "Lao động giỏi, lao động sáng tạo",
             "Ngày vì người nghèo", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
             "Phong trào thi đua đột phá", "Xanh - Sạch - Đẹp"]
TITLES = [
    "Hội nghị tổng kết phong trào {campaign} năm {year}",
    "{unit} phát động {campaign} năm {year}",
    "{unit} sơ kết 6 tháng đầu năm {year}",
    "Trao tặng Cờ thi đua cho {unit}",
    "{unit} đón nhận Huân chương Lao động hạng {cls}",
    "Ký kết giao ước thi đua năm {year} tại {unit}",
    "{unit} tổng kết công tác Đảng, công tác chính trị năm {year}",
    "Khen thưởng {num} tập thể, cá nhân tiêu biểu của {unit}",
]
SENTENCES = [
    "Ngày {day}/{month}/{year}, {unit} tổ chức hội nghị tổng kết phong trào {campaign} năm {year}.",
    "{rank} {name}, {position} dự và chủ trì hội nghị.",
    "Năm {year}, giá trị sản xuất của {unit} đạt hơn {money} tỷ đồng, tăng {pct}% so với năm {prev}.",
    "Doanh thu đạt gần {money} tỷ đồng, thu nhập bình quân của người lao động đạt {income} triệu đồng/người/tháng.",
    "Phong trào thi đua đã thu hút đông đảo cán bộ, công nhân viên tham gia, với {num} sáng kiến được công nhận.",
    "Dịp này, {num} tập thể và {num2} cá nhân có thành tích xuất sắc trong phong trào {campaign} được khen thưởng.",
    "{rank} {name} ghi nhận, biểu dương những kết quả {unit} đạt được trong công tác thi đua, khen thưởng.",
    "Hội nghị đã phát động đợt thi đua cao điểm chào mừng các ngày lễ lớn của đất nước năm {next}.",
    "Các đơn vị trong Cụm thi đua ký kết giao ước thi đua, phấn đấu hoàn thành vượt mức chỉ tiêu kế hoạch năm {next}.",
    "{unit} hoàn thành {pct}% kế hoạch sản xuất quốc phòng, bảo đảm tuyệt đối an toàn.",
    "Công tác thi đua, khen thưởng được triển khai đồng bộ, thực chất, gắn với nhiệm vụ chính trị của đơn vị.",
    "Phát biểu chỉ đạo, {rank} {name} yêu cầu {unit} tiếp tục đẩy mạnh phong trào thi đua quyết thắng.",
    "Trong 6 tháng đầu năm {year}, {unit} đã sản xuất {num} sản phẩm quốc phòng đạt chất lượng cao.",
    "Tại buổi lễ, {unit} vinh dự đón nhận Cờ thi đua của Bộ Quốc phòng.",
    "Đồng chí {name}, {position} trao Bằng khen cho {num} tập thể có thành tích xuất sắc.",
]


def person(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _fill(template, rng):
    year = rng.randint(2015, 2024)
    return template.format(
        unit=rng.choice(UNITS)[0], rank=rng.choice(RANKS), name=person(rng), position=rng.choice(POSITIONS),
        campaign=rng.choice(CAMPAIGNS), year=year, prev=year - 1, next=year + 1, day=rng.randint(1, 28),
        month=rng.randint(1, 12), money=f"{rng.randint(1, 9)}.{rng.randint(0, 999):03d}", pct=rng.randint(2, 30),
        income=f"{rng.randint(8, 20)},{rng.randint(0, 9)}", num=rng.randint(2, 120), num2=rng.randint(2, 120),
        cls=rng.choice(["Nhất", "Nhì", "Ba"]))


def domain_pool(rng, paragraphs=3000, titles=600):
    paras = {" ".join(_fill(t, rng) for t in rng.sample(SENTENCES, rng.randint(2, 3))) for _ in range(paragraphs)}
    return sorted(paras), sorted({_fill(rng.choice(TITLES), rng) for _ in range(titles)})


# -- the corpus ---------------------------------------------------------------------

def load_sources():
    rng = random.Random(SEED)
    with gzip.open(BAOMOI, "rt", encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    real = [[p.strip() for p in a["text"].split("\n") if p.strip()] for a in articles]
    real = [(a["title"], paras) for a, paras in zip(articles, real) if paras]
    domain, titles = domain_pool(rng)
    return {"real": real, "domain": domain, "titles": titles}


EVENT_TYPES = ["conference", "campaign_launch", "handover", "award", "report", "other"]


def corpus(sources, size):
    """`size` records, the same for the same size (seeded)."""
    rng = random.Random(SEED + size)
    real, domain = sources["real"], sources["domain"]
    for i in range(size):
        title, paras = rng.choice(real)
        body = rng.sample(paras, max(1, round(len(paras) * rng.uniform(0.5, 1.0))))
        body += rng.sample(rng.choice(real)[1], 1)
        for _ in range(rng.randint(2, 4)):
            body.insert(rng.randint(0, len(body)), rng.choice(domain))
        if rng.random() < 0.6:
            title = rng.choice(sources["titles"])
        date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        units = [{"name": n, "code": c, "mentions": [n]} for n, c in rng.sample(UNITS, rng.randint(1, 3))]
        people = [{"name": person(rng), "rank": rng.choice(RANKS), "positions": [rng.choice(POSITIONS)]}
                  for _ in range(rng.randint(0, 3))]
        yield {"id": f"{i:016x}", "source": f"bench/{i}.txt", "title": title, "published": date, "author": None,
               "text": "\n".join(body), "event": {"type": rng.choice(EVENT_TYPES), "date": date, "location": None},
               "units": units, "people": people, "dates": [], "figures": []}


# -- queries ------------------------------------------------------------------------

COMMON = ["thi đua", "sản xuất", "năm", "công tác", "phong trào", "đơn vị", "người", "Việt Nam", "hội nghị",
          "khen thưởng", "của", "được", "tập thể", "cán bộ", "kế hoạch", "chính trị", "doanh thu", "lao động"]
DOMAIN_PHRASES = ["thi đua quyết thắng", "giá trị sản xuất", "tổng kết công tác", "phát động thi đua",
                  "thu nhập bình quân", "Cờ thi đua", "sản phẩm quốc phòng", "giao ước thi đua",
                  "hoàn thành vượt mức", "Huân chương Lao động"]
WORD = re.compile(r"[^\W\d_]{2,}")


def queries(sources):
    """250 queries as dicts {kind, text (Whoosh syntax), terms, phrase, filters}."""
    rng = random.Random(SEED)
    counts = Counter(w.lower() for _, paras in sources["real"] for p in paras for w in set(WORD.findall(p)))
    rare = sorted(w for w, n in counts.items() if 2 <= n <= 6 and len(w) >= 4)
    medium = sorted(w for w, n in counts.items() if 50 <= n <= 400 and len(w) >= 3)
    paragraphs = [p for _, paras in sources["real"] for p in paras]

    def random_phrase(n):
        while True:
            words = WORD.findall(rng.choice(paragraphs))
            if len(words) > n:
                start = rng.randrange(len(words) - n)
                return " ".join(words[start:start + n])

    def years():
        a = rng.randint(2015, 2023)
        return {"start": str(a), "end": str(rng.randint(a, 2024))}

    out = []
    for _ in range(30):
        out.append(("common", [rng.choice(COMMON)], False, {}))
    for _ in range(40):
        out.append(("rare", [rng.choice(rare)], False, {}))
    for _ in range(40):
        out.append(("multi-word", [rng.choice(COMMON)] + [rng.choice(medium) for _ in range(rng.randint(1, 2))],
                    False, {}))
    for _ in range(20):
        out.append(("phrase-domain", [rng.choice(DOMAIN_PHRASES)], True, {}))
    for _ in range(30):
        out.append(("phrase-text", [random_phrase(rng.randint(2, 3))], True, {}))
    for _ in range(25):
        words = [rng.choice(COMMON + DOMAIN_PHRASES + medium)]
        out.append(("unaccented", [fold(words[0])], rng.random() < 0.5, {}))
    for _ in range(35):
        out.append(("date-range", [rng.choice(COMMON + medium)], False, years()))
    for _ in range(30):
        out.append(("unit", [rng.choice(COMMON + medium + DOMAIN_PHRASES)], rng.random() < 0.3,
                    {"unit": rng.choice(UNITS)[1] or rng.choice(UNITS)[0]}))
    result = []
    for kind, terms, phrase, filters in out:
        text = " ".join(f'"{t}"' if phrase else t for t in terms)
        result.append({"kind": kind, "text": text, "terms": terms, "phrase": phrase, "filters": filters})
    return result


# -- engines ------------------------------------------------------------------------

def build_whoosh(folder, sources, size, procs):
    folder.mkdir(parents=True, exist_ok=True)  # a data folder holds the rebuild's lock file
    start = time.perf_counter()
    count = writer.rebuild(folder, lambda: corpus(sources, size), procs=procs)
    seconds = time.perf_counter() - start
    return count, seconds, folder_size(writer.index_path(folder).resolve())


def run_both(folder, fts_path, qs, profile=False):
    """(Whoosh times, FTS5 times, profiler) over the queries, each query through one then
    the other: a machine shared with other work slows both alike, where timing all of
    one engine's queries and then all of the other's compared two different moments."""
    f = Finder(folder)
    search(f, "khởi động")  # the open searcher is warm, as in a serving process
    db = sqlite3.connect(fts_path)
    w_times, f_times, profiler = [], [], cProfile.Profile() if profile else None
    for q in qs:
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        found = search(f, q["text"], limit=10, **q["filters"])
        if profiler:
            profiler.disable()
        w_times.append(time.perf_counter() - start)
        q["whoosh_total"] = found["total"]
        f_times.append(run_fts(db, q))
    db.close()
    return w_times, f_times, profiler


def build_fts(path, sources, size):
    start = time.perf_counter()
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');
        CREATE TABLE docs(id INTEGER PRIMARY KEY, day INTEGER, year INTEGER, type TEXT);
        CREATE TABLE units(doc INTEGER, unit TEXT, code TEXT);
    """)
    for n, rec in enumerate(corpus(sources, size), 1):
        day = int(rec["published"].replace("-", ""))
        db.execute("INSERT INTO fts(rowid, title, body) VALUES (?,?,?)", (n, fold(rec["title"]), fold(rec["text"])))
        db.execute("INSERT INTO docs VALUES (?,?,?,?)", (n, day, day // 10000, rec["event"]["type"]))
        db.executemany("INSERT INTO units VALUES (?,?,?)", [(n, u["name"], u["code"]) for u in rec["units"]])
    db.executescript("""
        CREATE INDEX docs_day ON docs(day);
        CREATE INDEX units_doc ON units(doc);
        CREATE INDEX units_unit ON units(unit);
        CREATE INDEX units_code ON units(code);
    """)
    db.commit()
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    seconds = time.perf_counter() - start
    db.close()
    return seconds, Path(path).stat().st_size


def _fts_query(q):
    match = " ".join(f'"{fold(t)}"' if q["phrase"] else " ".join(f'"{w}"' for w in fold(t).split())
                     for t in q["terms"])
    where, params = ["fts MATCH ?"], [match]
    filters = q["filters"]
    if "start" in filters:
        where.append("d.day BETWEEN ? AND ?")
        params += [int(filters["start"]) * 10000 + 101, int(filters["end"]) * 10000 + 1231]
    if "unit" in filters:
        where.append("d.id IN (SELECT doc FROM units WHERE code = ? OR unit = ?)")
        params += [filters["unit"], filters["unit"]]
    return " AND ".join(where), params


def run_fts(db, q):
    """Seconds of one query through FTS5: the top ten with snippets, and the facets."""
    where, params = _fts_query(q)
    start = time.perf_counter()
    base = f"FROM fts JOIN docs d ON d.id = fts.rowid WHERE {where}"
    db.execute(f"SELECT fts.rowid, snippet(fts, 1, '«', '»', '…', 24) {base} ORDER BY rank LIMIT 10", params).fetchall()
    years = db.execute(f"SELECT d.year, COUNT(*) {base} GROUP BY d.year", params).fetchall()
    db.execute(f"SELECT d.type, COUNT(*) {base} GROUP BY d.type", params).fetchall()
    db.execute(f"SELECT u.unit, COUNT(*) FROM fts JOIN docs d ON d.id = fts.rowid JOIN units u ON u.doc = d.id "
               f"WHERE {where} GROUP BY u.unit ORDER BY 2 DESC LIMIT 15", params).fetchall()
    seconds = time.perf_counter() - start
    q["fts_total"] = sum(n for _, n in years)
    return seconds


# -- reporting ----------------------------------------------------------------------

def folder_size(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def report(label, times):
    ms = [t * 1000 for t in times]
    return f"{label:<14} p50 {statistics.median(ms):7.1f} ms   p95 {pct(ms, 95):7.1f} ms   max {max(ms):7.1f} ms"


def bench(size, sources, qs, procs, profile, keep=None):
    """keep: a folder where the corpora are built once and kept (then reused, so that
    two versions of the search can be timed on the same index)."""
    work = Path(keep) / str(size) if keep else Path(tempfile.mkdtemp(prefix=f"thidua-bench-{size}-"))
    try:
        print(f"\n=== {size:,} articles ===", flush=True)
        if (work / "built").exists():
            print(f"reusing the index and FTS5 database kept in {work}", flush=True)
        else:
            shutil.rmtree(work, ignore_errors=True)  # what an interrupted build left
            build_both(work, sources, size, procs)
            (work / "built").touch()
        w_times, f_times, profiler = run_both(work / "data", work / "fts.sqlite", qs, profile)
        print(f"\nquery latency over {len(qs)} queries (top 10 + snippets + facets by year, type, unit):")
        print(report("Whoosh all", w_times))
        print(report("FTS5 all", f_times))
        kinds = sorted({q["kind"] for q in qs})
        for kind in kinds:
            idx = [i for i, q in enumerate(qs) if q["kind"] == kind]
            w = [w_times[i] * 1000 for i in idx]
            f = [f_times[i] * 1000 for i in idx]
            hits = statistics.median(qs[i]["whoosh_total"] for i in idx)
            print(f"  {kind:<14} n={len(idx):3d}  median hits {hits:8.0f}   Whoosh p50 {statistics.median(w):6.1f} "
                  f"p95 {pct(w, 95):6.1f} ms   FTS5 p50 {statistics.median(f):6.1f} p95 {pct(f, 95):6.1f} ms")
        ratio = pct(w_times, 95) / pct(f_times, 95)
        print(f"Whoosh p95 / FTS5 p95 = {ratio:.2f} (target ≤ 3); Whoosh p95 {pct(w_times, 95) * 1000:.0f} ms "
              f"(target < 100 ms at 50,000)")
        slow = sorted(range(len(qs)), key=lambda i: -w_times[i])[:5]
        print("slowest Whoosh queries: " + "; ".join(
            f"{qs[i]['text']} {qs[i]['filters'] or ''} {w_times[i] * 1000:.0f} ms" for i in slow))
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def build_both(work, sources, size, procs):
    count, seconds, index_bytes = build_whoosh(work / "data", sources, size, procs)
    print(f"Whoosh: indexed {count:,} articles in {seconds:.1f} s = {count / seconds:.0f} articles/s "
          f"(procs={procs}); index {index_bytes / 2**20:.1f} MiB", flush=True)
    fts_seconds, fts_bytes = build_fts(work / "fts.sqlite", sources, size)
    print(f"FTS5:   indexed {size:,} articles in {fts_seconds:.1f} s = {size / fts_seconds:.0f} articles/s; "
          f"database {fts_bytes / 2**20:.1f} MiB", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,50000", help="Comma-separated corpus sizes.")
    parser.add_argument("--procs", type=int, default=2, help="Indexing processes for Whoosh.")
    parser.add_argument("--profile", action="store_true", help="Print a cProfile of the Whoosh queries.")
    parser.add_argument("--keep", metavar="FOLDER", help="Build the corpora in FOLDER and keep them; reuse them "
                        "when already there.")
    args = parser.parse_args()
    if not BAOMOI.exists():
        sys.exit(f"needs {BAOMOI}")
    start = time.perf_counter()
    sources = load_sources()
    qs = queries(sources)
    print(f"sources ready in {time.perf_counter() - start:.0f} s: {len(sources['real']):,} real articles, "
          f"{len(sources['domain']):,} generated thi-đua paragraphs, {len(qs)} queries")
    for size in (int(s) for s in args.sizes.split(",")):
        bench(size, sources, qs, args.procs, args.profile, args.keep)


if __name__ == "__main__":
    main()

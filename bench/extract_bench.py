"""Extraction speed against its floor, underthesea's word segmentation of the same texts.

Generates N articles of 3–5 KB (thi-đua sentences composed from the templates
below, mixed with real news paragraphs from ../shared/corpus/baomoi_text when it
is there), then times:
  floor     word_tokenize alone over every line, one process;
  extract   the whole extraction, one process;
  jobs      the whole extraction on --jobs processes, against one process (wall).
The floor and extraction are timed in CPU seconds, in turns (see interleaved), so
that other users of a shared machine move both alike.

    python bench/extract_bench.py [--articles 1000] [--jobs 2] [--rounds 4]
"""
import argparse
import gzip
import json
import random
import time
from multiprocessing import get_context
from pathlib import Path

from ingest.extract import compose as extraction
from ingest.record import new_record

SHARED_NEWS = Path(__file__).resolve().parent.parent.parent / "shared/corpus/baomoi_text/baomoi_2017.jsonl.gz"

UNITS = ["Nhà máy Z{n}", "Cục Chính trị", "Bộ Tham mưu", "Cục Hậu cần", "Viện Vũ khí", "Tổng cục CNQP",
         "Công ty TNHH Một thành viên Cơ khí {n}", "Cụm thi đua “Điện – Điện tử – Hóa chất”"]
PEOPLE = ["Trung tướng Lê {a} {b}", "Thiếu tướng Nguyễn {a} {b}", "Đại tá Trần {a} {b}", "Thượng tá Phạm {a} {b}",
          "đồng chí Đại tá Hoàng {a} {b}"]
NAMES = ["Văn", "Quang", "Minh", "Đức", "Hữu", "Thanh", "Tuấn", "Hùng", "Sơn", "Hải", "Dũng", "Long", "Nam"]
POSITIONS = ["Phó BTĐU, Giám đốc Nhà máy", "Chính ủy Tổng cục CNQP", "Chủ nhiệm Chính trị", "Phó Tư lệnh"]
SENTENCES = [
    "Sáng ngày {d}/{m}/{y}, tại {u}, {u2} đã tổ chức Hội nghị tổng kết công tác thi đua khen thưởng năm {y}.",
    "Dự và chỉ đạo hội nghị có {p} – {pos}.",
    "Tính hết 9 tháng năm {y}, giá trị sản xuất toàn đơn vị đạt hơn {k}.{h}00 tỷ đồng, bằng {pct}% kế hoạch năm.",
    "Doanh thu năm {y} tăng {pct},{d}% so với năm {y0}; thu nhập bình quân {d},{m} triệu đồng/người/tháng.",
    "Trong 6 tháng đầu năm {y}, {u} đã khen thưởng {n2} tập thể và {n3} cá nhân.",
    "Chiều {d}/{m}, {p} đã trao Bằng khen cho {n2} tập thể có thành tích xuất sắc trong phong trào thi đua Quyết thắng.",
    "Từ ngày 1/{m} đến {d}/{m}/{y}, {u} tập trung thực hiện 02 khâu đột phá theo Nghị quyết 08 của Đảng ủy.",
    "Đơn vị đã hoàn thành {n2}/{n2} chủng loại sản phẩm quốc phòng, tham gia diễn tập Quân khu 3 đạt kết quả tốt.",
]


def _fill(template, rnd):
    y = rnd.randint(2019, 2025)
    return template.format(
        d=rnd.randint(1, 28), m=rnd.randint(1, 12), y=y, y0=y - 1, n=rnd.choice([121, 143, 175, 176, 181, 199]),
        u=rnd.choice(UNITS).format(n=rnd.choice([121, 143, 175])), u2=rnd.choice(UNITS).format(n=199),
        p=rnd.choice(PEOPLE).format(a=rnd.choice(NAMES), b=rnd.choice(NAMES)), pos=rnd.choice(POSITIONS),
        k=rnd.randint(1, 9), h=rnd.randint(0, 9), pct=rnd.randint(5, 99), n2=rnd.randint(3, 95), n3=rnd.randint(10, 300))


def generate(count, seed=7):
    """Records of 3–5 KB: templated thi-đua paragraphs, padded with real news paragraphs."""
    rnd = random.Random(seed)
    news = []
    if SHARED_NEWS.exists():
        with gzip.open(SHARED_NEWS, "rt", encoding="utf-8") as fh:
            news = [p for row in map(json.loads, fh) for p in row["text"].split("\n") if 80 < len(p) < 600]
    records = []
    for i in range(count):
        target = rnd.randint(3000, 5000)
        lines = []
        while len("\n".join(lines).encode("utf-8")) < target:
            if news and rnd.random() < 0.4:
                lines.append(rnd.choice(news))
            else:
                lines.append(" ".join(_fill(rnd.choice(SENTENCES), rnd) for _ in range(rnd.randint(1, 3))))
        records.append(new_record(f"bench-{i}", _fill(rnd.choice(SENTENCES[:1]), rnd)[:90], None, None, "\n".join(lines)))
    return records


def _floor(records):
    from underthesea import word_tokenize
    for rec in records:
        for line in rec["text"].split("\n"):
            word_tokenize(line)


def _extract_all(records):
    for rec in records:
        extraction.extract(dict(rec))


def _extract_one(rec):
    extraction.extract(rec)
    return None


def timed(label, func, count, kbytes):
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    print(f"{label:34s} {seconds:7.2f} s  {count / seconds:7.1f} articles/s  {kbytes / seconds:7.1f} KB/s")
    return seconds


def interleaved(records, rounds, kbytes):
    """CPU seconds of the floor and of extraction, one process, measured in turns over
    `rounds` slices of the records: on a shared machine, wall time follows the other
    users' load, which changes between two long phases; the CPU time of this process
    and the turns keep the ratio honest."""
    cpu = {"floor": 0.0, "extract": 0.0}
    wall = dict(cpu)
    size = -(-len(records) // rounds)
    for k in range(0, len(records), size):
        part = records[k:k + size]
        for name, func in (("floor", _floor), ("extract", _extract_all)):
            w, c = time.perf_counter(), time.process_time()
            func(part)
            cpu[name] += time.process_time() - c
            wall[name] += time.perf_counter() - w
    for name, label in (("floor", "floor: word_tokenize, 1 process"), ("extract", "extraction, 1 process")):
        print(f"{label:34s} {cpu[name]:7.2f} s CPU ({wall[name]:7.2f} s wall)  "
              f"{len(records) / cpu[name]:7.1f} articles/s  {kbytes / cpu[name]:7.1f} KB/s")
    return cpu["floor"], cpu["extract"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2, help="1 skips the multi-process run")
    ap.add_argument("--rounds", type=int, default=4, help="turns of floor and extraction (see interleaved)")
    args = ap.parse_args()
    records = generate(args.articles)
    kbytes = sum(len(r["text"].encode("utf-8")) for r in records) / 1024
    print(f"{len(records)} articles, {kbytes / len(records):.1f} KB each on average")
    extraction.warm_up()
    _floor(records[:5])  # underthesea's model loads before the clock starts
    floor, single = interleaved(records, args.rounds, kbytes)
    print(f"extraction / floor: {single / floor:.2f}x CPU (target ≤ 1.5x)")
    if args.jobs > 1:
        with get_context("fork").Pool(args.jobs, initializer=extraction.warm_up) as pool:
            pool.map(_extract_one, records[:args.jobs * 2])  # workers warm before the clock starts
            multi = timed(f"extraction, --jobs {args.jobs}", lambda: pool.map(_extract_one, records, chunksize=8),
                          len(records), kbytes)
        one = timed("extraction, 1 process (wall)", lambda: _extract_all(records), len(records), kbytes)
        print(f"--jobs {args.jobs} speed-up: {one / multi:.2f}x wall (target ≥ 1.7x; needs {args.jobs} idle cores)")


if __name__ == "__main__":
    main()

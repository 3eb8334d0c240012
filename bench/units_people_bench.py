"""Speed of the unit and people extractors next to underthesea's word_tokenize.

word_tokenize is the floor: the index segments every article anyway, and the
whole extraction may cost at most twice that. Texts are the seeds and qdnd pages
in ../shared when present, else generated paragraphs. Figures are noisy on a
shared machine: read them as ratios.

    .venv/bin/python bench/units_people_bench.py [--repeat N]
"""
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

from ingest.extract.people import extract_people  # noqa: E402
from ingest.extract.units import extract_units  # noqa: E402

SAMPLE = ("Sáng ngày 5/3, tại Nhà máy Z117, Cụm thi đua “Cơ khí – Chế tạo” (gồm các Nhà máy: Z111, Z113, Z117) "
          "tổ chức hội nghị. Dự có đồng chí Thiếu tướng Lê Văn Tâm – Phó BTĐU, Chủ nhiệm Tổng cục CNQP; "
          "đại diện Bộ Tham mưu, Cục Chính trị, Cục Hậu cần. Giá trị sản xuất đạt hơn 1.200 tỷ đồng.\n")


def texts():
    found = []
    if SHARED.exists():
        from ingest.pipeline import records_from_path
        for path in sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/qdnd/*.html")):
            try:
                found += [(r["title"], r["text"]) for r in records_from_path(path)]
            except Exception:
                continue
    return found or [(None, SAMPLE * 12) for _ in range(25)]


def timed(fn, items, repeat):
    start = time.perf_counter()
    for _ in range(repeat):
        for item in items:
            fn(item)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    from underthesea import word_tokenize

    items = texts()
    kb = sum(len(t.encode("utf-8")) for _, t in items) / 1024
    extract_units(SAMPLE), extract_people(SAMPLE), word_tokenize(SAMPLE)  # load data and models once
    n = len(items) * a.repeat
    t_units = timed(lambda it: extract_units(it[1], it[0]), items, a.repeat)
    t_people = timed(lambda it: extract_people(it[1]), items, a.repeat)
    t_floor = timed(lambda it: word_tokenize(it[1]), items, a.repeat)
    print(f"{len(items)} articles, {kb:.0f} KB, x{a.repeat}")
    for label, t in (("extract_units", t_units), ("extract_people", t_people),
                     ("units + people", t_units + t_people), ("word_tokenize (floor)", t_floor)):
        print(f"{label:24s} {n / t:8.1f} articles/s {kb * a.repeat / t:8.1f} KB/s")
    print(f"units + people cost {(t_units + t_people) / t_floor:.2f}x word_tokenize")


if __name__ == "__main__":
    main()

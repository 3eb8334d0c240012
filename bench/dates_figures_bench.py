"""Speed of the date, figure and event extractors (pure regex, no models).

Prints articles/second and KB/second over the baomoi texts in ../shared when
present, else over generated articles. Usage: python bench/dates_figures_bench.py [N]
"""
import gzip
import json
import random
import sys
import time
from pathlib import Path

from ingest.extract.dates import extract_dates
from ingest.extract.event import extract_event
from ingest.extract.figures import extract_figures

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BAOMOI = SHARED / "corpus" / "baomoi_text" / "baomoi_2017.jsonl.gz"

SENTENCES = [
    "Sáng {d}/{m}, tại Nhà máy Z1{n}, Tổng cục tổ chức Hội nghị tổng kết công tác năm {y}.",
    "Giá trị sản xuất đạt hơn {n}.{n:03d} tỷ đồng, tăng {n},5% so với năm {y0}.",
    "Trong 6 tháng đầu năm {y}, đơn vị khen thưởng {n} tập thể và {n2} cá nhân.",
    "Thực hiện Nghị quyết {n} của Đảng ủy, Trung đoàn {n2} đẩy mạnh huấn luyện.",
    "Thu nhập bình quân {n},2 triệu đồng/người/tháng; quý II/{y} hoàn thành kế hoạch.",
    "Đợt thi đua diễn ra từ ngày 1/{m} đến {d}/{m2}/{y}, với {n}.000 lượt người tham gia.",
    "Các cơ quan, đơn vị tiếp tục phát huy vai trò, kịp thời tham mưu với Đảng ủy.",
]


def generated(count, rng):
    docs = []
    for _ in range(count):
        parts = []
        while sum(map(len, parts)) < rng.randint(3000, 5000):
            y = rng.randint(2015, 2025)
            parts.append(rng.choice(SENTENCES).format(
                d=rng.randint(1, 28), m=rng.randint(1, 11), m2=12, n=rng.randint(2, 99),
                n2=rng.randint(100, 999), y=y, y0=y - 1))
        docs.append({"title": "Tin hoạt động", "text": "\n".join(parts)})
    return docs


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    if BAOMOI.exists():
        with gzip.open(BAOMOI, "rt", encoding="utf-8") as fh:
            docs = [json.loads(line) for line, _ in zip(fh, range(count))]
        source = "baomoi texts"
    else:
        docs = generated(count, random.Random(0))
        source = "generated articles"
    kb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1024
    start = time.perf_counter()
    for d in docs:
        dates = extract_dates(d["text"], None, d.get("title"))
        extract_figures(d["text"])
        extract_event(d.get("title"), d["text"], dates)
    secs = time.perf_counter() - start
    print(f"{len(docs)} {source}, {kb:.0f} KB: {len(docs) / secs:.0f} articles/s, {kb / secs:.0f} KB/s "
          f"(dates + figures + event, one process)")


if __name__ == "__main__":
    main()

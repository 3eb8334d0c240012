"""What `thidua stats` costs since a figure whose sentence names no organisation is
credited to the unit its article is about (the one its title names first, found by a
Python function over every unit of such articles) and says so (issue 13).

A records database of --size generated articles (each naming four units, the third in
its title, and holding six figures, half of them naming no organisation) is built in a
temporary folder. Then, on one connection, timed over --repeat runs each (the best
run): `figures()` (every figure, as `stats --format csv` reads them), and its groups by
unit (`stats --by unit`). The yardstick, timed in the same run on the same database:
the same query with the title not read (every unit's place in it None, so the first
unit of the text is credited, as before), so the figure to read is the ratio.

    .venv/bin/python bench/stats_bench.py --size 1000   # building the database takes about a minute
"""
import argparse
import random
import tempfile
import time

from ingest import store
from ingest.record import new_record
from search import stats

UNITS = ["Nhà máy Z1{:02d}", "Cụm thi đua số {}", "Tổng cục Kỹ thuật {}", "Viện Nghiên cứu {}"]


def records(size):
    rng = random.Random(13)
    for i in range(size):
        year = rng.randint(2015, 2024)
        names = [pattern.format(rng.randint(1, 40)) for pattern in UNITS]
        rec = new_record(f"bench/{i}.txt", f"{names[2]} sơ kết sáu tháng, số {i}", f"{year}-07-{rng.randint(1, 28):02d}",
                         None, f"{names[0]} và các đơn vị báo cáo kết quả sáu tháng đầu năm {year}. "
                         + " ".join(f"mục{rng.randint(1, 10 ** 7)}" for _ in range(40)))  # no two near copies
        rec["segmented"] = rec["text"]  # not what is timed: no word segmentation
        rec.update(event={"type": "report", "date": None, "location": None},
                   units=[{"name": n, "code": None, "mentions": [n], "kind": "factory"} for n in names],
                   dates=[{"text": "sáu tháng", "start": f"{year}-01-01", "end": f"{year}-06-30"}],
                   figures=[{"text": f"{v} tỷ đồng", "value": v, "unit": "tỷ đồng", "metric": "doanh thu",
                             "qualifier": None, "kind": "result",
                             "organisation": names[k % 4] if k % 2 else None}
                            for k, v in enumerate(rng.randint(10, 900) for _ in range(6))])
        yield rec


def best(repeat, run):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = store.connect(folder)
        batch = list(records(args.size))
        for start in range(0, len(batch), 500):
            store.save_batch(db, batch[start:start + 500])
        db.commit()
        now = best(args.repeat, lambda: stats.figures(db))
        grouped = best(args.repeat, lambda: stats.figures(db, by="unit"))
        rows = stats.figures(db)
        by_title = sum(r["organisation_from"] == "article" for r in rows)
        original = stats.in_title
        stats.in_title = lambda title, name, mentions: None  # the yardstick: the first unit of the text
        try:
            before = best(args.repeat, lambda: stats.figures(db))
            before_grouped = best(args.repeat, lambda: stats.figures(db, by="unit"))
        finally:
            stats.in_title = original
        print(f"{args.size} articles, {len(rows)} figures, {by_title} credited to their article's unit")
        print(f"figures():        {now * 1000:8.1f} ms   yardstick (first unit of the text) {before * 1000:8.1f} ms"
              f"   ratio {now / before:.2f}")
        print(f"figures(by=unit): {grouped * 1000:8.1f} ms   yardstick {before_grouped * 1000:8.1f} ms"
              f"   ratio {grouped / before_grouped:.2f}")


if __name__ == "__main__":
    main()

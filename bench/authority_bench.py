"""What the authorities cost: linking at ingest, resolving a typed name, the unit facet.

Stores N generated records (each naming units and people drawn from pools, as news
does: a few names often, many rarely) twice into fresh archives: once as ingest does,
linking names to the authorities in the same transaction, and once with linking off,
the yardstick measured in the same run. Then times what a search adds: resolving a
unit, a partial unit, a person and a partial person, and the unit facet by entry.

    python bench/authority_bench.py [--records 5000]
"""
import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest import store  # noqa: E402
from ingest.authority import build, reading  # noqa: E402
from ingest.record import new_record  # noqa: E402

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Quang", "Minh", "Đức", "Hữu", "Công", "Thanh"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Tuấn",
         "Thịnh", "Trọng", "Vinh"]
HEADS = ["Nhà máy Z1{:02d}", "Cụm thi đua số {}", "Phòng Kỹ thuật {}", "Công ty Cơ khí {}", "Ban Chỉ huy quân sự {}"]
RANKS = ["Thiếu tá", "Trung tá", "Thượng tá", "Đại tá", "Thiếu tướng"]


def records(n, rng):
    units = [h.format(i) for h in HEADS for i in range(1, 100)] + ["Tổng cục Công nghiệp quốc phòng", "TCCNQP"]
    people = [f"{s} {m} {g}" for s in SURNAMES for m in MIDDLE for g in GIVEN]
    out = []
    for i in range(n):
        rec = new_record(f"bench/{i}.txt", f"Bài {i}", f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}", None, f"Văn bản {i}.")
        named = {units[min(int(rng.paretovariate(1.2)) - 1, len(units) - 1)] for _ in range(5)}
        rec["units"] = [{"name": u, "code": u.split()[-1] if u.startswith("Nhà máy") else None, "kind": None,
                         "mentions": [u]} for u in named]
        rec["people"] = [{"name": rng.choice(people), "rank": rng.choice(RANKS), "positions": []} for _ in range(3)]
        out.append(rec)
    return out


def store_all(folder, recs, link):
    saved = build.link_records
    if not link:
        build.link_records = lambda db, records, statuses: None
    try:
        db = store.connect(folder)
        start = time.perf_counter()
        for i in range(0, len(recs), 50):
            store.save_batch(db, recs[i:i + 50])
        return time.perf_counter() - start, db
    finally:
        build.link_records = saved


def timed(fn, repeat=20):
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1000


def listing_error(db, typed):
    try:
        reading.person_choice(db, typed)
    except reading.Ambiguous:
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5000)
    args = parser.parse_args()
    recs = records(args.records, random.Random(14))
    with tempfile.TemporaryDirectory() as tmp:
        plain, _ = store_all(Path(tmp) / "plain", recs, link=False)
        linked, db = store_all(Path(tmp) / "linked", recs, link=True)
        entries = db.execute("SELECT COUNT(*) FROM unit_entries").fetchone()[0]
        people = db.execute("SELECT COUNT(*) FROM person_entries").fetchone()[0]
        print(f"{args.records} records, {entries} unit entries, {people} person entries")
        print(f"store without linking (yardstick): {plain:.2f} s ({plain / args.records * 1000:.2f} ms/record)")
        print(f"store with linking:                {linked:.2f} s ({linked / args.records * 1000:.2f} ms/record), "
              f"+{(linked / plain - 1) * 100:.0f}%")
        start = time.perf_counter()
        with db:
            build.rebuild(db)
        print(f"rebuild from the records (a new gazetteer): {time.perf_counter() - start:.2f} s")
        for label, fn in [
            ("unit, whole name", lambda: reading.unit_choice(db, "Tổng cục CNQP")),
            ("unit, words of names", lambda: reading.unit_choice(db, "Cơ khí")),
            ("person, whole name", lambda: reading.person_choice(db, "Đại tá Lê Văn Thịnh")),
            ("person, partial (all listed)", lambda: listing_error(db, "Quang Thịnh")),
            ("all unit names (facet map)", lambda: reading.unit_names(db)),
        ]:
            print(f"{label:28s} {timed(fn):7.2f} ms")


if __name__ == "__main__":
    main()

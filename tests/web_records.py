"""Many article records, made quickly, for the web page's tests and bench/web_bench.py.

Sentences are composed here (no real article text) from a few patterns filled with
random units, officers, numbers and places, so that no two articles are near
copies. Each record carries its entities and its own word segmentation (syllables
joined by spaces, a compound now and then), so storing and indexing skip the
language models.
"""
import random
from unittest.mock import patch

from ingest import store
from ingest.record import new_record
from index import writer
from search.cli.archiving import index_journal

UNITS = [(f"Nhà máy Z{n}", f"Z{n}") for n in (111, 113, 115, 117, 119, 121, 125, 127, 129, 131, 133, 143, 173,
                                               175, 176, 181, 183, 189, 192, 195)] + [
    ("Tổng cục Công nghiệp quốc phòng", None), ("Viện Công nghệ", None), ("Viện Vũ khí", None),
    ("Cục Kế hoạch và Đầu tư", None), ("Trường Cao đẳng Công nghiệp quốc phòng", None)]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Quốc", "Đức", "Minh", "Hữu", "Thanh", "Xuân"]
GIVEN = ["Tuấn", "Hà", "Bình", "Khoa", "Long", "Nam", "Sơn", "Thắng", "Hùng", "Dũng", "Lan", "Phong", "Quang",
         "Trung", "Việt", "Hải"]
RANKS = ["Đại tá", "Thượng tá", "Trung tá", "Thiếu tướng", "Trung tướng"]
TYPES = ["conference", "campaign_launch", "handover", "award", "report", "other"]
SITES = ["qdnd.vn", "tcnqp.vn", "baomoi.com", "nhandan.vn"]
VERBS = ["tổ chức", "phát động", "tổng kết", "sơ kết", "triển khai", "đánh giá", "bàn giao", "khen thưởng"]
TOPICS = ["phong trào thi đua quyết thắng", "thi đua yêu nước", "nhiệm vụ sản xuất quốc phòng", "cải tiến kỹ thuật",
          "an toàn lao động", "xây dựng đơn vị vững mạnh", "chuyển đổi số", "phong trào lao động sáng tạo"]
PLACES = ["Hà Nội", "Phú Thọ", "Thái Nguyên", "Bắc Giang", "Hải Phòng", "Thanh Hóa", "Vĩnh Phúc", "Đồng Nai"]
METRICS = [("giá trị sản xuất", "tỷ đồng"), ("doanh thu", "tỷ đồng"), ("thu nhập bình quân", "triệu đồng/người/tháng"),
           ("sáng kiến", "sáng kiến")]


def _person(rng):
    return {"name": f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", "rank": rng.choice(RANKS),
            "positions": [rng.choice(["Giám đốc", "Chính ủy", "Phó Giám đốc", "Chủ nhiệm"])]}


def record(i, rng):
    """The i-th generated record."""
    year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    units = rng.sample(UNITS, rng.randint(1, 3))
    people = [_person(rng) for _ in range(rng.randint(0, 3))]
    etype = rng.choice(TYPES)
    metric, measure = rng.choice(METRICS)
    value = round(rng.uniform(1, 5000), 1)
    lines = [f"Ngày {day}/{month}/{year}, {units[0][0]} {rng.choice(VERBS)} {rng.choice(TOPICS)} "
             f"tại {rng.choice(PLACES)} với {rng.randint(20, 900)} đại biểu tham dự, số {i}."]
    for p in people:
        lines.append(f"{p['rank']} {p['name']}, {p['positions'][0]} {rng.choice(units)[0]} "
                     f"{rng.choice(VERBS)} {rng.choice(TOPICS)} trong {rng.randint(2, 12)} tháng.")
    for _ in range(rng.randint(2, 6)):
        lines.append(f"Năm {year}, {rng.choice(units)[0]} đạt {metric} {str(value).replace('.', ',')} {measure}, "
                     f"{rng.choice(VERBS)} {rng.choice(TOPICS)} lần thứ {rng.randint(1, 99)} "
                     f"ở {rng.choice(PLACES)} ({rng.randint(1000, 99999)}).")
        value = round(value * rng.uniform(0.8, 1.3), 1)
    text = "\n".join(lines)
    title = f"{units[0][0]} {rng.choice(VERBS)} {rng.choice(TOPICS)} năm {year} ({i})"
    site = rng.choice(SITES)
    date = f"{year:04d}-{month:02d}-{day:02d}"
    rec = new_record(f"https://{site}/bai-{i}.html", title, date, "Phóng viên", text)
    rec.update(
        event={"type": etype, "date": date, "location": rng.choice(PLACES)},
        units=[{"name": name, "code": code, "mentions": [name], "kind": "factory"} for name, code in units],
        people=people,
        dates=[{"text": f"{day}/{month}/{year}", "start": date, "end": date, "granularity": "day"}],
        figures=[{"text": f"{metric} {value}", "value": value, "unit": measure, "metric": metric, "qualifier": None,
                  "organisation": units[0][0], "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
                  "compared_to": None, "offset": 0}],
    )
    return rec


def build_many(data_dir, n, seed=7, batch=1000, procs=1, find_copies=True):
    """Store n generated records in data_dir and index them (a rebuild, with procs
    processes, for a large n; else the journal, as an ingest does); returns their ids.

    find_copies=False skips the near-copy check at storing: generated articles share
    their sentence patterns, so each would be a candidate copy of thousands of others,
    which real articles are not (storing 10,000 would take hours instead of minutes)."""
    rng = random.Random(seed)
    ids = []
    db = store.connect(data_dir)
    with patch.object(store, "_copy_of", store._copy_of if find_copies else lambda *args: None):
        for start in range(0, n, batch):
            recs = [record(start + k, rng) for k in range(min(n, start + batch) - start)]
            store.save_batch(db, recs)
            ids += [r["id"] for r in recs]
    if procs > 1:
        entries = store.journal(db)
        writer.rebuild(data_dir, lambda: store.iter_records(db), procs=procs)
        store.mark_indexed(db, entries)
    else:
        index_journal(data_dir, db)
    db.close()
    return ids

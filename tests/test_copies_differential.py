"""The near-copy decisions read from `copy_shingles` are those worked out again from the
texts, as the store did before it kept them (the reference below is that code): every
record's status and group, over a sequence of reports on one template with numbers
that agree or not, copies with words changed, paragraphs dropped and other sites'
furniture, updates, a removal, and an archive stored before `copy_shingles` existed.
Every sentence here is composed for the tests (the real texts are read from ../shared
and never kept)."""
import gzip
import hashlib
import json
import random
import re
from collections import Counter

import pytest

from conftest import SHARED, needs_shared
from ingest import curation, store
from ingest.identity import content_hash, copies, fingerprint, site
from ingest.language.normalize import match_key_lines

UNITS = ["Nhà máy Z{n}", "Công ty Cơ khí {n}", "Xí nghiệp X{n}", "Viện Kỹ thuật {n}", "Nhà máy A{n}"]
OPENINGS = [
    "Sáng {d}/{m}/2025, {unit} tổ chức hội nghị tổng kết phong trào thi đua quyết thắng và triển khai "
    "nhiệm vụ sản xuất năm tới tại hội trường của đơn vị.",
    "Chiều {d}/{m}/2025, {unit} long trọng tổ chức lễ phát động đợt thi đua cao điểm chào mừng ngày "
    "truyền thống của ngành công nghiệp quốc phòng.",
    "Ngày {d}/{m}/2025, {unit} tổ chức hội nghị sơ kết sáu tháng đầu năm với sự tham dự của cán bộ chủ "
    "chốt các phòng ban và phân xưởng.",
]
FIGURES = [
    "Năm qua, giá trị sản xuất của đơn vị đạt {a} tỷ đồng, tăng {p}% so với năm trước, thu nhập bình quân "
    "của người lao động đạt {t} triệu đồng mỗi tháng.",
    "Phong trào sáng kiến cải tiến kỹ thuật có {k} sáng kiến được công nhận, làm lợi hơn {a} tỷ đồng, "
    "trong đó {j} sáng kiến được áp dụng ngay vào dây chuyền sản xuất.",
    "Dịp này, đơn vị khen thưởng {k} tập thể và {j} cá nhân có thành tích xuất sắc, đồng thời ký giao ước "
    "thi đua giữa {p} phân xưởng sản xuất.",
]
PEOPLE = [
    "Đại tá {name}, Giám đốc đơn vị, yêu cầu các phân xưởng giữ vững an toàn lao động và nâng cao chất "
    "lượng sản phẩm quốc phòng.",
    "Thiếu tướng {name}, Phó Chủ nhiệm Tổng cục, dự và phát biểu chỉ đạo, ghi nhận những kết quả nổi bật "
    "mà đơn vị đạt được.",
]
NAMES = ["Nguyễn Văn Hòa", "Trần Minh Khôi", "Phạm Quốc Huy", "Đỗ Văn Lâm", "Lê Thanh Tùng", "Vũ Đức Thắng"]
# words for a paragraph of each story's own (so that two stories differ beyond the template)
VOCABULARY = ("máy tiện dây chuyền đúc rèn thép hợp kim khuôn mẫu lò nhiệt luyện kho vật tư xưởng lắp ráp "
              "kiểm định đo lường động cơ thuốc phóng vỏ đạn linh kiện điện tử cơ khí chính xác tự động hóa "
              "bảo dưỡng sửa chữa thiết bị quang học ống ngắm radar bộ đàm pin nhiên liệu xăng dầu hậu cần "
              "doanh trại nhà ăn bếp ăn tập thể sân thể thao thư viện văn nghệ chiến sĩ công nhân kỹ sư "
              "thợ bậc cao học viên huấn luyện diễn tập kiểm tra đánh giá nghiệm thu bàn giao").split()
TEMPLATE = ("Bài viết được tổng hợp từ báo cáo của đơn vị gửi về cơ quan thường trực thi đua khen thưởng "
            "để phục vụ công tác thông tin.")  # in every story of one agency: furniture by its stories
SITES = {
    "tinquocphong.example.vn": (["Trang chủ | Tin tức | Quốc phòng",
                                 "Báo điện tử Tin Quốc phòng, cơ quan ngôn luận của ngành công nghiệp quốc phòng "
                                 "và các đơn vị trực thuộc."],
                                ["Bản quyền thuộc về Báo điện tử Tin Quốc phòng, ghi rõ nguồn khi phát hành lại "
                                 "thông tin từ trang này."]),
    "baokhac.example.vn": (["Đọc báo › Xã hội › Quốc phòng"],
                           ["Mời bạn đọc gửi ý kiến, bình luận về bài viết tại mục ý kiến bạn đọc ở phía cuối "
                            "trang này."]),
    "thongtin.example.vn": ([], ["Thông tin điện tử giữ mọi quyền, mọi hình thức sao chép phải được sự đồng ý "
                                 "bằng văn bản của tòa soạn."]),
}
NUMBER = re.compile(r"[^\W\d_]*\d+(?:[.,/:-]\d+)*")  # copies.NUMBER as it was, without the lookbehind


def story(rng):
    unit = rng.choice(UNITS).format(n=rng.randint(100, 999))
    own = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(14, 24)))
    paras = [rng.choice(OPENINGS).format(d=rng.randint(1, 28), m=rng.randint(1, 12), unit=unit),
             *(f.format(a=rng.randint(10, 2000), p=rng.randint(2, 40), t=rng.randint(8, 20), k=rng.randint(3, 90),
                        j=rng.randint(3, 90)) for f in rng.sample(FIGURES, rng.randint(2, 3))),
             rng.choice(PEOPLE).format(name=rng.choice(NAMES)),
             f"Trong năm, {unit.lower()} chú trọng {own}."]
    if rng.random() < 0.5:
        paras.append(TEMPLATE)
    return paras


def renumbered(rng, paras, share):
    """Each number of the text changed with probability share (a unit code kept)."""
    return [re.sub(r"(?<![^\W\d_])\d+", lambda m: str(int(m.group()) + rng.randint(1, 9))
                   if rng.random() < share else m.group(), p) for p in paras]


def variant(rng, paras, kind):
    """A text made of another: how copies and lookalikes differ from their original."""
    if kind == "word":
        i = rng.randrange(len(paras))
        words = paras[i].split(" ")
        words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
        return paras[:i] + [" ".join(words)] + paras[i + 1:]
    if kind == "drop":
        return paras[:-1] if len(paras) > 3 else paras[1:]
    if kind == "figure":  # a copy correcting a figure or two
        return renumbered(rng, paras, 0.15)
    if kind == "figures":  # the same report's template with other figures
        return renumbered(rng, paras, 0.9)
    if kind == "code":  # another unit's report on the same words
        return [re.sub(r"\b([ZXA])(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + 7}", p) for p in paras]
    return list(paras)


def record(n, site_name, paras, title="Hội nghị thi đua"):
    head, foot = SITES[site_name]
    return {"source": f"/tmp/{site_name}/{n}.html", "url": f"https://{site_name}/bai/{n}.html", "title": title,
            "text": "\n".join(head + paras + foot)}


def sequence(seed, stories=24):
    """Steps: ("save", [records]) or ("remove", record n) or ("forget shingles",), in an
    order where copies may come before their original."""
    rng = random.Random(seed)
    recs, n = [], 0
    for _ in range(stories):
        paras = story(rng)
        own = rng.choice(sorted(SITES))
        recs.append(record(n, own, paras))
        n += 1
        for kind in rng.sample(["word", "drop", "figure", "figures", "code", "same"], 4):
            where = own if kind == "same" else rng.choice(sorted(SITES))
            text = variant(rng, variant(rng, paras, "word"), "drop") if kind == "same" else variant(rng, paras, kind)
            recs.append(record(n, where, text))
            n += 1
    rng.shuffle(recs)
    updates = [{**rec, "text": "\n".join(variant(rng, rec["text"].split("\n"), "figure"))}
               for rec in rng.sample(recs, 6)]  # their source says something new
    updates += [{**rec, "text": recs[(i + 1) % len(recs)]["text"]} for i, rec in enumerate(recs[:3])]
    steps = [("save", recs[i:i + 7]) for i in range(0, len(recs) // 2, 7)]
    steps += [("remove", recs[0]), ("forget shingles",), ("save", updates)]
    steps += [("save", recs[i:i + 7]) for i in range(len(recs) // 2 // 7 * 7, len(recs), 7)]
    return steps


# --- the reference: the store's decision before copy_shingles (worked out from the texts) -----

SEEN = Counter()


def old_numbers(text):
    found = {}
    for key in match_key_lines(text or ""):
        values = tuple(NUMBER.findall(key))
        if values and len(copies.WORD.findall(key)) >= copies.MIN_LINE_WORDS:
            found[NUMBER.sub("#", key)] = values
    return found


def old_shingled(db, text, site_name, article=None):
    lines = copies.content_lines(text)
    content = [key for key in lines if not store._is_furniture(db, key, site_name, article)]
    SEEN["furniture"] += len(lines) - len(content)
    return lines, copies.shingles({key: lines[key] for key in content}), content


def old_copy_of(db, text, keys, content, site_name):
    if not keys:
        return None
    candidates = [row[0] for row in db.execute(
        f"SELECT article_id FROM copy_bands WHERE key IN ({','.join('?' * len(keys))}) UNION "
        f"SELECT article_id FROM copy_lines WHERE key IN ({','.join('?' * len(content))})", [*keys, *content])]
    if candidates:
        lines = copies.content_lines(text)
        found = copies.shingles({key: lines[key] for key in content})
    best, numbers = None, None
    for candidate in candidates:
        row = db.execute("SELECT text, copy_of, url FROM articles WHERE id = ?", (candidate,)).fetchone()
        if row is None:
            continue
        other_site = site(row["url"])
        other = old_shingled(db, row["text"], other_site, candidate)[1]
        if not copies.are_copies(found, other, same_site=site_name is not None and other_site == site_name):
            SEEN["not a copy by its words"] += 1
            continue
        if numbers is None:
            numbers = old_numbers(text)
        if copies.numbers_agree(numbers, old_numbers(row["text"])):
            score = copies.similarity(found, other)
            if best is None or score > best[0]:
                best = (score, row["copy_of"] or candidate)
        else:
            SEEN["numbers disagree"] += 1
    return best[1] if best else None


def run(folder, steps, reference):
    """[(id, status)] of every record saved and the archive's {id: copy_of} at the end;
    reference: decide as the store did before copy_shingles."""
    texts = {content_hash(rec["title"], rec["text"]): rec["text"]
             for step in steps if step[0] == "save" for rec in step[1]}
    db = store.connect(folder)
    saved, real = [], store._copy_of
    if reference:
        store._copy_of = lambda db, prints, *args: old_copy_of(db, texts[prints.content_hash], *args)
    try:
        for step in steps:
            if step[0] == "save":
                saved += store.save_batch(db, step[1])
            elif step[0] == "remove":
                [article] = db.execute("SELECT article_id FROM sources WHERE key = ?", (step[1]["url"],)).fetchone()
                assert curation.remove(db, [article]) == 1
            else:  # an archive stored before copy_shingles: every article's worked out when first met
                with db:
                    db.execute("DELETE FROM copy_shingles")
    finally:
        store._copy_of = real
    return saved, dict(db.execute("SELECT id, copy_of FROM articles").fetchall()), db


def kept_as_stored(db):
    """Whether every article's copy_shingles row, where it has one, is what its stored
    text gives, and no removed article has one."""
    rows = {row[0]: tuple(row[1:]) for row in db.execute("SELECT * FROM copy_shingles")}
    texts = dict(db.execute("SELECT id, text FROM articles").fetchall())
    return set(rows) <= set(texts) and \
        all(row == store._shingles_row(fingerprint({"text": texts[article]})) for article, row in rows.items())


@pytest.mark.parametrize("seed", [1, 2])
def test_decisions_are_those_worked_out_from_the_texts(tmp_path, seed):
    steps = sequence(seed)
    SEEN.clear()
    old, old_groups, _ = run(tmp_path / "old", steps, reference=True)
    new, new_groups, db = run(tmp_path / "new", steps, reference=False)
    assert new == old
    assert new_groups == old_groups
    statuses = Counter(status for _, status in new)
    assert statuses["copy"] >= 20 and statuses["new"] >= 20 and statuses["updated"] >= 6, statuses
    assert SEEN["numbers disagree"] >= 5 and SEEN["not a copy by its words"] >= 5 and SEEN["furniture"] >= 20, SEEN
    assert kept_as_stored(db)
    assert db.execute("SELECT COUNT(*) FROM copy_shingles").fetchone()[0] >= len(new_groups) // 2  # filled in again


def test_shingles_and_numbers_follow_the_text(tmp_path):
    """A new article keeps its shingles and numbers; an update replaces them; an article
    stored before copy_shingles gets them the first time it is a candidate; a removal
    removes them."""
    rng = random.Random(5)
    paras = story(rng)
    db = store.connect(tmp_path)
    [(first, _)] = store.save_batch(db, [record(1, "tinquocphong.example.vn", paras)])
    assert kept_as_stored(db) and db.execute("SELECT COUNT(*) FROM copy_shingles").fetchone()[0] == 1
    update = variant(rng, paras, "figures")
    [(same, status)] = store.save_batch(db, [record(1, "tinquocphong.example.vn", update)])
    assert (same, status) == (first, "updated") and kept_as_stored(db)
    [(_, status)] = store.save_batch(db, [record(2, "baokhac.example.vn", variant(rng, paras, "word"))])
    assert status == "new"  # a copy of what the article said before: its figures disagree now
    with db:
        db.execute("DELETE FROM copy_shingles")
    [(copy, status)] = store.save_batch(db, [record(3, "thongtin.example.vn", variant(rng, update, "word"))])
    assert status == "copy" and db.execute("SELECT copy_of FROM articles WHERE id = ?", (copy,)).fetchone()[0] == first
    assert first in {row[0] for row in db.execute("SELECT article_id FROM copy_shingles")} and kept_as_stored(db)
    curation.remove(db, [first])
    assert first not in {row[0] for row in db.execute("SELECT article_id FROM copy_shingles")} and kept_as_stored(db)


def test_numbers_are_found_as_before():
    rng = random.Random(3)
    texts = ["\n".join(story(rng)) for _ in range(30)]
    texts += ["Z175 z175a 12,5% 1.250 3/2/2025 a1b2 _7 x_1 ab12cd34 12a3 1.2.3. đ5 5đ 10-12 9:30 Ủy ban 17",
              "Họp ngày 5/6 tại phòng 12."]  # too short a line to count
    texts += ["".join(rng.choice("aZđứ_19   .,/:-\n") for _ in range(90)) for _ in range(300)]
    for text in texts:
        assert list(copies.numbers(text).values()) == list(old_numbers(text).values())
        assert list(copies.numbers(text)) == [copies._key(line.encode()) for line in old_numbers(text)]
        for line in match_key_lines(text):
            assert copies.NUMBER.findall(line) == NUMBER.findall(line)


def test_a_shingle_set_is_that_of_the_lines_chosen():
    rng = random.Random(4)
    text = "\n".join(story(rng) + story(rng) + [TEMPLATE, TEMPLATE])
    lines = copies.content_lines(text)
    sketches = copies.line_sketches(lines)
    keys = list(lines)
    for places in ([], [0], list(range(len(keys))), list(range(0, len(keys), 2)), [len(keys) - 1, 1]):
        expected = copies.shingles({keys[i]: lines[keys[i]] for i in places})
        assert copies.shingle_set(sketches.shingles, sketches.ends, places) == \
            {int.from_bytes(hashlib.sha1(s.encode()).digest()[:8], "little") for s in expected}


BAOMOI = SHARED / "corpus" / "baomoi_text" / "baomoi_2017.jsonl.gz"


@needs_shared
def test_real_texts_twice_round_decide_as_before(tmp_path):
    """The first 200 texts of the shared corpus, then each again on another site with
    that site's furniture round it and its last paragraph dropped, or (one in three) its
    numbers changed."""
    if not BAOMOI.exists():
        pytest.skip(f"{BAOMOI} is absent")
    with gzip.open(BAOMOI, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for _, line in zip(range(200), fh)]
    first = [{"source": f"/tmp/a/{n}.txt", "url": f"https://a.example.vn/{n}.html", "title": doc["title"],
              "text": doc["text"]} for n, doc in enumerate(docs)]
    rng = random.Random(6)
    second = [{**rec, "source": f"/tmp/b/{n}.txt", "url": f"https://thongtin.example.vn/{n}.html",
               "text": "\n".join([*(renumbered(rng, paras, 0.9) if n % 3 == 0 else paras[:-1]),
                                  *SITES["thongtin.example.vn"][1]])}
              for n, rec in enumerate(first) for paras in [rec["text"].split("\n")]]
    steps = [("save", recs[i:i + 50]) for recs in (first, second) for i in range(0, len(recs), 50)]
    SEEN.clear()
    old, old_groups, _ = run(tmp_path / "old", steps, reference=True)
    assert SEEN["numbers disagree"] >= 20, SEEN
    new, new_groups, _ = run(tmp_path / "new", steps, reference=False)
    assert new == old and new_groups == old_groups
    assert Counter(status for _, status in new)["copy"] >= 100

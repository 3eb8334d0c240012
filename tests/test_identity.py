"""One record per article: duplicates, new versions, copies on other sites, removal,
hiding and the data-folder check, each as an archivist meets it on the command line."""
import json
import shutil

import pytest
from click.testing import CliRunner

from ingest import store
from search.cli.main import cli

TITLE = "Nhà máy Z199 tổng kết phong trào thi đua quyết thắng năm 2024"
PARAS = [
    "Sáng 12/12/2024, Nhà máy Z199 thuộc Tổng cục Công nghiệp quốc phòng tổ chức Hội nghị tổng kết phong trào "
    "thi đua quyết thắng năm 2024.",
    "Thiếu tướng Nguyễn Văn Hòa, Phó Chủ nhiệm Tổng cục, dự và chỉ đạo hội nghị.",
    "Năm qua, giá trị sản xuất của nhà máy đạt 1.250 tỷ đồng, tăng 12,5% so với năm 2023; thu nhập bình quân "
    "của người lao động đạt 14,2 triệu đồng/người/tháng.",
    "Phong trào thi đua lao động sáng tạo có 37 sáng kiến được công nhận, làm lợi hơn 6 tỷ đồng; 19 tập thể và "
    "73 cá nhân được khen thưởng.",
    "Phát biểu tại hội nghị, đồng chí Phó Chủ nhiệm yêu cầu nhà máy tiếp tục đổi mới công nghệ, bảo đảm an toàn "
    "tuyệt đối trong sản xuất và hoàn thành kế hoạch năm 2025.",
]
OTHER_TITLE = "Công ty Hóa chất 99 phát động thi đua cao điểm quý IV"
OTHER = [
    "Chiều 3/10/2024, Công ty Hóa chất 99 tổ chức lễ phát động thi đua cao điểm ba tháng cuối năm.",
    "Đại tá Trần Minh Khôi, Giám đốc Công ty, giao chỉ tiêu cho từng phân xưởng và phòng ban.",
    "Chín tháng đầu năm, doanh thu của công ty đạt 410 tỷ đồng, bằng 81% kế hoạch năm.",
    "Các tổ sản xuất ký giao ước thi đua, phấn đấu về đích sớm và giữ vững an toàn vệ sinh lao động.",
]


def dump(folder, name, title, paras, first_line="Trang chủ | Tin tức", last_line=None):
    folder.mkdir(parents=True, exist_ok=True)
    tail = f"\n\n{last_line}" if last_line else ""
    path = folder / name
    path.write_text(f"{first_line}\n\n{title}\n\n" + "\n\n".join(paras) + f"{tail}\n", encoding="utf-8")
    return path


def page(folder, name, site, canonical, title, paras, furniture):
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f"<p>{p}</p>" for p in paras)
    path = folder / name
    path.write_text(
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title} | {site}</title>'
        f'<link rel="canonical" href="{canonical}"></head><body><header><a href="/">Trang chủ</a> {furniture}'
        f'</header><article><h1>{title}</h1>{body}</article><footer>Bản quyền thuộc về {site}.</footer>'
        f'</body></html>', encoding="utf-8")
    return path


def run(*args, data=None, input=None):
    result = CliRunner().invoke(cli, [*map(str, args), *(["--data-dir", str(data)] if data else [])], input=input)
    assert "Traceback" not in result.output, result.output
    return result


def hits(data, *args):
    result = run("search", *args, "--format", "jsonl", data=data)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]


def by_title(data, title):
    (found,) = [row["id"] for row in hits(data) if row["title"] == title]
    return found


def ids(data, *args):
    return [row["id"] for row in hits(data, *args)]


def timeline_ids(data, *args):
    result = run("timeline", *args, "--format", "json", data=data)
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.output)["events"]]


def stats_rows(data, *args):
    result = run("stats", *args, "--format", "json", data=data)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_same_article_twice_in_one_batch_is_one_record_with_two_sources(tmp_path):
    dump(tmp_path / "in", "a.txt", TITLE, PARAS)
    dump(tmp_path / "in", "b.txt", TITLE, PARAS, first_line="Chuyên mục Thi đua", last_line="Nguồn: Báo Quân khu")
    data = tmp_path / "data"
    first = run("ingest", tmp_path / "in", data=data)
    assert "1 new, 0 updated, 0 unchanged, 1 duplicate, 0 failed" in first.output
    assert ids(data, "hội nghị") == ids(data, "hội nghị")[:1]
    for _ in range(2):  # ingesting again never adds to the index
        again = run("ingest", tmp_path / "in", data=data)
        assert "0 new, 0 updated, 2 unchanged, 0 duplicate, 0 failed" in again.output
        assert len(ids(data, "hội nghị")) == 1
    shown = json.loads(run("show", ids(data, "hội nghị")[0], "--json", data=data).output)
    assert sorted(s["source"] for s in shown["sources"]) == sorted(str(tmp_path / "in" / n) for n in ("a.txt", "b.txt"))


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_an_edited_source_updates_its_record_and_keeps_the_old_version(tmp_path, kind):
    folder = tmp_path / "in"
    if kind == "txt":
        path = dump(folder, "a.txt", TITLE, PARAS)
    else:
        path = page(folder, "a.html", "Báo Một", "https://baomot.vn/thi-dua/z199-123.html", TITLE, PARAS, "Thời sự")
    data = tmp_path / "data"
    assert "1 new" in run("ingest", path, data=data).output
    path.write_text(path.read_text(encoding="utf-8").replace("19 tập thể", "20 tập thể"), encoding="utf-8")
    result = run("ingest", path, data=data)
    assert "0 new, 1 updated, 0 unchanged, 0 duplicate, 0 failed" in result.output
    db = store.connect(data)
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    (article,) = ids(data, "khen thưởng")
    shown = json.loads(run("show", article, "--json", data=data).output)
    assert len(shown["versions"]) == 2
    assert "19 tập thể" in shown["versions"][0]["text"] and "20 tập thể" in shown["versions"][1]["text"]
    assert "19 tập thể" in run("show", article, "--version", "1", data=data).output
    assert [r["value"] for r in stats_rows(data) if r["unit"] == "tập thể"] == [20]
    assert "has 2 version(s)" in run("show", article, "--version", "3", data=data).output


def test_an_exact_copy_from_a_second_site_adds_that_site_as_a_source(tmp_path):
    folder = tmp_path / "in"
    page(folder, "one.html", "Báo Một", "https://baomot.vn/thi-dua/z199-123.html", TITLE, PARAS, "Thời sự")
    page(folder, "two.html", "Tin Hai", "https://www.tinhai.com.vn/quoc-phong/z199-456.html", TITLE, PARAS,
         "Kinh tế | Xã hội")
    data = tmp_path / "data"
    assert "1 new, 0 updated, 0 unchanged, 1 duplicate" in run("ingest", folder, data=data).output
    (article,) = ids(data, "tổng kết")
    shown = json.loads(run("show", article, "--json", data=data).output)
    assert sorted(s["site"] for s in shown["sources"]) == ["baomot.vn", "tinhai.com.vn"]
    assert ids(data, "tổng kết", "--site", "tinhai.com.vn") == [article]
    assert ids(data, "tổng kết", "--site", "https://www.baomot.vn/") == [article]
    assert ids(data, "tổng kết", "--site", "qdnd.vn") == []


def test_a_near_copy_is_grouped_and_counted_once(tmp_path):
    folder = tmp_path / "in"
    page(folder, "one.html", "Báo Một", "https://baomot.vn/thi-dua/z199-123.html", TITLE, PARAS, "Thời sự")
    edited = list(PARAS)
    edited[1] = edited[1].replace("dự và chỉ đạo", "tới dự và chỉ đạo")  # a word changed
    del edited[4]  # a paragraph dropped
    page(folder, "three.html", "Trang Ba", "https://trangba.vn/tin/z199.html", "Z199 tổng kết thi đua năm 2024",
         edited, "Đăng nhập | Đăng ký")  # another title, another site's furniture
    page(folder, "other.html", "Trang Ba", "https://trangba.vn/tin/hc99.html", OTHER_TITLE, OTHER, "Đăng nhập")
    data = tmp_path / "data"
    result = run("ingest", folder, data=data)
    assert "3 new (1 a near copy of an archived article), 0 updated" in result.output
    rows = hits(data, "thi đua")
    assert len(rows) == 2
    assert sorted(r["copies"] for r in rows) == [0, 1]
    assert len(ids(data, "thi đua", "--all-copies")) == 3
    assert len(timeline_ids(data, "--unit", "Z199")) == 1
    assert [r["value"] for r in stats_rows(data) if r["unit"] == "tập thể"] == [19]
    by_metric = {(r["metric"], r["unit"]): r for r in stats_rows(data, "--by", "metric")}
    assert [by_metric[("giá trị sản xuất", "tỷ đồng")][k] for k in ("count", "latest")] == [1, 1250]
    # the copy alone on its site: --site finds the story through it
    assert len(ids(data, "Z199", "--site", "trangba.vn")) == 1
    table = run("search", "tổng kết", data=data).output
    assert "+1" in table and "baomot.vn" in table


def test_different_reports_on_one_template_are_not_copies(tmp_path):
    folder = tmp_path / "in"
    for n, (value, day) in enumerate([(1250, 12), (870, 15), (2310, 19)]):
        paras = [p.replace("Z199", f"Z1{n}9").replace("1.250", f"{value:,}".replace(",", "."))
                 .replace("12/12/2024", f"{day}/12/2024") for p in PARAS]
        dump(folder, f"{n}.txt", TITLE.replace("Z199", f"Z1{n}9"), paras)
    data = tmp_path / "data"
    assert "3 new, 0 updated" in run("ingest", folder, data=data).output
    assert len(ids(data, "tổng kết")) == 3


def test_remove_hide_unhide_and_the_log(tmp_path):
    folder = tmp_path / "in"
    dump(folder, "z199.txt", TITLE, PARAS)
    dump(folder, "hc99.txt", OTHER_TITLE, OTHER)
    data = tmp_path / "data"
    run("ingest", folder, data=data)
    z199, hc99 = by_title(data, TITLE), by_title(data, OTHER_TITLE)

    hidden = run("hide", hc99[:8], "--note", "thử nghiệm", data=data)
    assert hidden.exit_code == 0 and "1 article(s) hidden" in hidden.output
    assert ids(data, "thi đua") == [z199]
    assert set(ids(data, "thi đua", "--include-hidden")) == {z199, hc99}
    assert timeline_ids(data, "thi đua") == [z199]
    assert all(r["article_id"] == z199 for r in stats_rows(data))
    assert {r["article_id"] for r in stats_rows(data, "--include-hidden")} == {z199, hc99}
    assert run("unhide", hc99, data=data).exit_code == 0
    assert set(ids(data, "thi đua")) == {z199, hc99}

    dry = run("remove", "--source", "hc99", "--dry-run", data=data)
    assert "Would remove 1 article(s)" in dry.output and len(ids(data, "thi đua")) == 2
    asked = run("remove", "--source", "*.txt", data=data, input="n\n")
    assert asked.exit_code != 0 and len(ids(data, "thi đua")) == 2  # two articles: asked first, refused
    assert run("remove", hc99, data=data).exit_code == 0
    assert ids(data, "thi đua") == [z199]
    assert all(r["article_id"] == z199 for r in stats_rows(data))
    db = store.connect(data)
    for table in ("articles", "units", "figures", "sources", "versions"):
        column = "id" if table == "articles" else "article_id"
        assert db.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (hc99,)).fetchone()[0] == 0
    log = json.loads(run("log", "--json", data=data).output)
    assert [e["action"] for e in log] == ["remove", "unhide", "hide"]
    assert log[-1]["detail"] == "thử nghiệm" and log[0]["article_id"] == hc99
    assert run("check", data=data).exit_code == 0


def test_a_new_copy_leaves_its_representatives_document_as_it_is_and_counts_all_the_same(tmp_path):
    """A representative's count of copies comes from its copies' documents, so a later
    copy puts only itself on the journal; the count follows removals and hiding."""
    from ingest import pipeline

    folder = tmp_path / "in"
    page(folder, "one.html", "Báo Một", "https://baomot.vn/thi-dua/z199-123.html", TITLE, PARAS, "Thời sự")
    page(folder, "two.html", "Trang Ba", "https://trangba.vn/tin/z199.html", TITLE, PARAS[:4], "Đăng nhập")
    page(folder, "three.html", "Tin Hai", "https://tinhai.vn/z199.html", TITLE, PARAS[1:], "Kinh tế")
    data = tmp_path / "data"
    run("ingest", folder / "one.html", data=data)
    (first,) = ids(data, "tổng kết")
    db = store.connect(data)
    try:
        records = [r for path in ("two.html", "three.html") for r in pipeline.records_from_path(folder / path)]
        statuses = store.save_batch(db, records)
        assert [status for _, status in statuses] == ["copy", "copy"]
        assert sorted(i for i, _ in store.journal(db)) == sorted(i for i, _ in statuses)
    finally:
        db.close()
    run("ingest", folder, data=data)  # indexes what the journal holds
    assert [(r["id"], r["copies"]) for r in hits(data, "tổng kết")] == [(first, 2)]
    assert run("check", data=data).exit_code == 0
    assert run("remove", statuses[0][0], data=data).exit_code == 0
    assert [(r["id"], r["copies"]) for r in hits(data, "tổng kết")] == [(first, 1)]
    assert run("hide", first, data=data).exit_code == 0
    assert [(r["id"], r["copies"]) for r in hits(data, "tổng kết", "--include-hidden")] == [(first, 1)]
    assert run("check", data=data).exit_code == 0


def test_an_archive_from_before_copy_counts_were_read_from_the_index_still_reads(tmp_path):
    """An archive written before: a database without copy_shingles (check reads it as
    it is), an index whose representatives store their copies' ids (search opens it
    without a reindex and counts from the copies)."""
    from whoosh import index as whoosh_index

    from index import writer
    from index.schema import document

    folder = tmp_path / "in"
    page(folder, "one.html", "Báo Một", "https://baomot.vn/thi-dua/z199-123.html", TITLE, PARAS, "Thời sự")
    page(folder, "two.html", "Trang Ba", "https://trangba.vn/tin/z199.html", TITLE, PARAS[:4], "Đăng nhập")
    data = tmp_path / "data"
    run("ingest", folder, data=data)
    db = store.connect(data)
    try:
        db.execute("DROP TABLE copy_shingles")
        db.commit()
        (first,) = [r["id"] for r in db.execute("SELECT id FROM articles WHERE copy_of IS NULL")]
        rec = next(store.records_by_id(db, [first]))
    finally:
        db.close()
    ix = whoosh_index.open_dir(writer.index_path(data).resolve())
    w = ix.writer()
    w.update_document(**document(rec), copies=["an old list, one copy too many", "x"])
    w.commit()
    result = run("check", data=data)
    assert result.exit_code == 0 and "copy_shingles" not in result.output, result.output
    assert [(r["id"], r["copies"]) for r in hits(data, "tổng kết")] == [(first, 1)]


def test_selection_mistakes_are_one_line(tmp_path):
    dump(tmp_path / "in", "z199.txt", TITLE, PARAS)
    data = tmp_path / "data"
    run("ingest", tmp_path / "in", data=data)
    for args, message in ((["remove"], "say which articles"), (["hide", "ffff"], "no article with id 'ffff'"),
                          (["remove", "--source", "nowhere"], "no article was read from a source")):
        result = run(*args, data=data)
        assert result.exit_code == 1 and message in result.output, result.output


def test_removing_a_representative_hands_the_group_to_its_copy(tmp_path):
    folder = tmp_path / "in"
    page(folder, "one.html", "Báo Một", "https://baomot.vn/thi-dua/z199-123.html", TITLE, PARAS, "Thời sự")
    edited = PARAS[:4]
    page(folder, "two.html", "Trang Ba", "https://trangba.vn/tin/z199.html", TITLE, edited, "Đăng nhập")
    data = tmp_path / "data"
    run("ingest", folder / "one.html", data=data)
    run("ingest", folder / "two.html", data=data)
    first, = ids(data, "tổng kết")
    assert run("remove", first, data=data).exit_code == 0
    rows = hits(data, "tổng kết")
    assert len(rows) == 1 and rows[0]["id"] != first and rows[0]["copies"] == 0
    assert len(stats_rows(data)) > 0
    assert run("check", data=data).exit_code == 0


def test_check_finds_nothing_wrong_with_an_article_without_a_title(tmp_path):
    """The index keeps an untitled article's title as "", the records as NULL: the same."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "untitled.txt").write_text("\n\n".join(PARAS) + "\n", encoding="utf-8")
    data = tmp_path / "data"
    run("ingest", folder, data=data)
    db = store.connect(data)
    assert [tuple(r) for r in db.execute("SELECT title FROM articles")] == [(None,)]
    assert run("check", data=data).output.strip().endswith("all is well.")


def test_check_finds_and_repairs_only_what_is_wrong(tmp_path):
    folder = tmp_path / "in"
    dump(folder, "z199.txt", TITLE, PARAS)
    dump(folder, "hc99.txt", OTHER_TITLE, OTHER)
    data = tmp_path / "data"
    run("ingest", folder, data=data)
    assert run("check", data=data).output.strip().endswith("all is well.")
    from index import writer
    db = store.connect(data)
    z199 = by_title(data, TITLE)
    record = next(store.records_by_id(db, [z199]))
    writer.update(data, [], removed=[z199])                         # a document lost
    writer.update(data, [{**record, "id": "ffffffffffffffff"}])     # a document of no article
    shutil.copytree(writer.index_path(data).resolve(), data / "index.deadbeef0000")  # a stopped rebuild's folder
    db.execute("INSERT INTO sources (key, article_id, source, first_seen, last_seen) VALUES ('k', 'gone', 'x', '', '')")
    db.commit()
    found = run("check", data=data)
    assert found.exit_code == 1
    lines = found.output.strip().splitlines()
    assert any("1 stored article(s) missing from the index" in line for line in lines)
    assert any("1 index document(s) of articles no longer stored" in line for line in lines)
    assert any("1 row(s) of sources belong to no stored article" in line for line in lines)
    assert any("index folder(s) left by a stopped rebuild" in line for line in lines)
    assert all(line.startswith("problem: ") for line in lines)
    repaired = run("check", "--repair", data=data)
    assert repaired.exit_code == 0, repaired.output
    assert repaired.output.count("repaired: ") == 4
    assert run("check", data=data).exit_code == 0
    assert by_title(data, TITLE) == z199
    assert not (data / "index.deadbeef0000").exists()


OLD_SCHEMA = """
CREATE TABLE articles (id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, published TEXT, author TEXT,
    text TEXT NOT NULL, event_type TEXT, event_date TEXT, event_location TEXT, record TEXT NOT NULL,
    ingested_at TEXT NOT NULL);
CREATE TABLE units (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, name TEXT NOT NULL,
    code TEXT, mentions TEXT);
CREATE TABLE unindexed (id TEXT PRIMARY KEY);
"""


def test_an_archive_from_before_identity_is_brought_up_to_date(tmp_path):
    import sqlite3
    from ingest.record import new_record

    data = tmp_path / "data"
    data.mkdir()
    old = sqlite3.connect(data / store.DB_NAME)
    old.executescript(OLD_SCHEMA)
    rec = new_record("in/z199.txt", TITLE, None, None, "\n\n".join(PARAS))
    del rec["url"], rec["source_key"]  # what an older thidua stored
    old.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (rec["id"], rec["source"], rec["title"], None, None, rec["text"], None, None, None,
                 json.dumps(rec, ensure_ascii=False), "2025-01-01T00:00:00+00:00"))
    old.commit()
    old.close()
    db = store.connect(data)
    assert [tuple(r) for r in db.execute("SELECT source, first_seen FROM sources")] == [
        ("in/z199.txt", "2025-01-01T00:00:00+00:00")]
    assert db.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM copy_bands").fetchone()[0] > 0
    # a near copy arriving now is grouped with the migrated article
    edited = PARAS[:4]
    dump(tmp_path / "new", "copy.txt", TITLE, edited)
    assert "1 new (1 a near copy" in run("ingest", tmp_path / "new", data=data).output

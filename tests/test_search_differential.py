"""Search against a brute-force scan of the stored records (tests/differential.py).

An archive of the sample corpus, a few articles written here around the traps of
issue 11 (joined tokens, « » in the text, old tone placement, a phrase's words
frequent apart) and, when ../shared is there, 150 baomoi texts; generated queries of
every class must find exactly what the scan finds, rank no article below one holding
fewer of the accented words with their diacritics, and mark in snippets only what
was typed, a phrase as one span. The large run is bench/search_diff_bench.py.
"""
import pytest

import differential as D
from conftest import SAMPLE, SHARED

TRAPS = {
    "trap_1.txt": ("Nhà máy Z199 thử nghiệm xe 30kg chạy 45 km/h lúc 8h30",
                   "Sáng 6/4, lúc 8h30, Nhà máy Z199 thử nghiệm mẫu xe vận tải 30kg trên đường thử.\n"
                   "Xe đạt tốc độ 45 km/h, tiêu hao 6/45 lít nhiên liệu; kết quả được ghi vào sổ «nhật ký thử».\n"
                   "Câu lạc bộ quốc tế và an ninh quốc phòng cùng dự buổi thử."),
    "trap_2.txt": ("Hội nghị về công tác hoá chất an toàn của Bộ Quốc phòng",
                   "Bộ Quốc phòng tổ chức hội nghị về công tác hoá chất an toàn, khoẻ mạnh cho người lao động.\n"
                   "Giá trị sản xuất năm nay tăng 6 %, quản trị sản xuất được đổi mới; 45 người được khen.\n"
                   "Đồng chí Trưởng phòng nói: đông người dự, đồng lòng thi đua."),
    "trap_3.txt": ("Đông đảo cán bộ dự lễ phát động thi đua tại Đông Anh",
                   "Đông đảo cán bộ, công nhân dự lễ phát động thi đua quyết thắng tại Đông Anh.\n"
                   "Thi đua, quyết thắng là khẩu hiệu; viết thư cho hội cựu chiến binh; hỏi han việc làm.\n"
                   "Km 6 trên quốc lộ, 45 hộ dân được hỗ trợ 3.000 đồng mỗi ngày trong tháng 12."),
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    root = tmp_path_factory.mktemp("differential")
    traps = root / "traps"
    traps.mkdir()
    for name, (title, body) in TRAPS.items():
        (traps / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    paths = [SAMPLE, traps]
    if (SHARED / "corpus" / "baomoi_text").exists():
        paths.append(D.write_dumps(root / "baomoi", 150))
    D.ingest(root / "data", paths)
    docs = D.load_docs(root / "data")
    queries = D.generate(docs, per_class=5)
    stats, differences = D.compare(root / "data", queries, docs)
    return docs, queries, stats, differences


def test_archive_and_queries_cover_every_class(checked):
    docs, queries, stats, _ = checked
    assert len(docs) >= 20
    assert {"common", "phrase-3", "phrase-apart", "field:value", "joined", "boolean", "filters",
            "typed", "old-tones", "upper-case", "unaccented"} <= set(stats)


def test_search_finds_exactly_what_the_scan_finds(checked):
    _, _, stats, differences = checked
    shown = [(q["text"], q["filters"], "extra", extra, "missed", missed, q.get("error"))
             for q, extra, missed in differences]
    assert not shown, D.report(stats) + "\n" + "\n".join(map(str, shown[:10]))


def test_no_article_with_the_typed_diacritics_ranks_below_one_without(checked):
    _, _, stats, _ = checked
    assert sum(s["inv_exact"] for s in stats.values()) == 0, D.report(stats)
    assert sum(s["inv_adjacent"] for s in stats.values()) == 0, D.report(stats)


def test_snippets_mark_what_was_typed_and_phrases_whole(checked):
    _, _, stats, _ = checked
    marks = sum(s["marks"] for s in stats.values())
    assert marks and sum(s["marks_wrong"] for s in stats.values()) == 0, D.report(stats)
    phrases = sum(s["phrase_snippets"] for s in stats.values())
    assert phrases and sum(s["phrase_as_span"] for s in stats.values()) == phrases, D.report(stats)


def test_scanner_reads_the_traps_as_the_help_says(checked):
    """The scan itself, on the sentences above (so that the check is not circular)."""
    docs, _, _, _ = checked
    mine = {title for title, _ in TRAPS.values()}

    def found(tree):
        return {d.title for d in docs if d.title in mine and D.holds(d, tree)}

    both = ("title", "body")
    first, second, third = (TRAPS[n][0] for n in sorted(TRAPS))
    assert found(("word", "6/45", both)) == {first}
    assert found(("word", "30kg", both)) == {first}
    assert found(("word", "30", both)) == set()
    assert found(("phrase", ["bộ", "quốc", "phòng"], both)) == {second}
    assert found(("phrase", ["giá", "trị", "sản", "xuất"], both)) == {second}
    assert found(("phrase", ["thi", "đua", "quyết", "thắng"], both)) == {third}
    assert found(("word", "hóa", ("title",))) == {second}

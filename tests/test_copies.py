"""Near copies (ingest.copies and the store's use of it): small edits, a dropped paragraph
and another site's furniture are copies; two reports of the same kind of event, short
notices sharing a template sentence, and articles sharing a site's furniture are not.
Every sentence here is composed for the tests."""
import pytest

from ingest import store
from ingest.identity import copies

REPORT = [
    "Sáng 12/1, Nhà máy Z121 thuộc Tổng cục Công nghiệp quốc phòng tổ chức hội nghị tổng kết phong trào "
    "thi đua quyết thắng năm 2025 và triển khai nhiệm vụ sản xuất năm 2026 tại hội trường lớn của nhà máy.",
    "Theo báo cáo tại hội nghị, năm qua nhà máy hoàn thành toàn bộ kế hoạch sản xuất hàng quốc phòng được "
    "giao, giá trị sản xuất công nghiệp tăng 12,5% so với năm trước, thu nhập bình quân của người lao động "
    "đạt gần 14 triệu đồng mỗi tháng.",
    "Phong trào phát huy sáng kiến cải tiến kỹ thuật được duy trì ở tất cả các phân xưởng, với 37 sáng kiến "
    "được công nhận, trong đó nhiều sáng kiến về tự động hóa dây chuyền lắp ráp đã làm lợi hàng tỷ đồng.",
    "Phát biểu chỉ đạo, đại diện lãnh đạo Tổng cục ghi nhận những kết quả nổi bật và đề nghị nhà máy tiếp "
    "tục đổi mới công nghệ, chú trọng an toàn lao động và chăm lo đời sống vật chất, tinh thần cho công nhân.",
    "Dịp này, nhà máy khen thưởng 19 tập thể và 64 cá nhân có thành tích xuất sắc trong phong trào thi đua, "
    "đồng thời phát động đợt thi đua cao điểm chào mừng kỷ niệm ngày truyền thống của ngành.",
]
OTHER_REPORT = [
    "Chiều 20/1, Công ty Hóa chất 21 tổ chức hội nghị sơ kết công tác thi đua khen thưởng sáu tháng cuối "
    "năm 2025, với sự tham dự của cán bộ chủ chốt các phòng ban và đại diện công đoàn công ty.",
    "Báo cáo nêu rõ công ty đã giữ vững nhịp độ sản xuất dù nguyên liệu nhập khẩu tăng giá, doanh thu đạt "
    "hơn 900 tỷ đồng, bảo đảm đủ việc làm cho người lao động ở cả hai khu sản xuất.",
    "Các đại biểu thảo luận về giải pháp nâng cao chất lượng sản phẩm, siết chặt kỷ luật công nghệ và mở rộng "
    "phong trào học tập nâng cao tay nghề trong đội ngũ thợ trẻ.",
    "Kết thúc hội nghị, giám đốc công ty trao giấy khen cho 8 tập thể và 27 cá nhân tiêu biểu, kêu gọi toàn "
    "thể cán bộ, công nhân viên thi đua hoàn thành vượt mức kế hoạch quý đầu năm.",
]
FURNITURE_HEAD = ["Trang chủ | Tin tức | Quốc phòng", "Thứ Hai, 12/01/2026 09:30", "Chia sẻ Facebook"]
FURNITURE_FOOT = [
    "Bản quyền thuộc về Báo điện tử Tin Quốc phòng. Ghi rõ nguồn khi phát hành lại thông tin từ trang này.",
    "Mời bạn đọc gửi ý kiến, bình luận về bài viết tại mục ý kiến bạn đọc ở cuối trang.",
]
TEMPLATE = "Thông báo này được gửi tới các cơ quan, đơn vị và bạn đọc để biết và phối hợp thực hiện đúng thời gian."
NOTICES = [
    "Nhà máy Z131 thông báo tạm ngừng tiếp khách tại cổng số hai từ ngày 5 đến ngày 9 tháng 3 để sửa chữa.",
    "Viện Vũ khí thông báo lịch bảo vệ đề tài cấp cơ sở được dời sang sáng thứ Năm tuần sau tại phòng họp.",
    "Công ty Cơ khí 17 thông báo tuyển mười thợ tiện và thợ hàn có tay nghề, hạn nộp hồ sơ cuối tháng này.",
    "Nhà máy Z199 thông báo đổi giờ làm việc mùa hè, ca sáng bắt đầu từ sáu giờ ba mươi kể từ đầu tháng năm.",
]


def _shingles(paras):
    return copies.shingles(copies.content_lines("\n".join(paras)))


def _rec(n, paras, site="tinquocphong.example.vn", title="Hội nghị"):
    return {"source": f"/tmp/{site}/{n}.html", "url": f"https://{site}/bai/{n}.html", "title": title,
            "text": "\n".join(paras)}


def test_one_word_changed_is_a_copy():
    edited = [REPORT[0], REPORT[1].replace("12,5%", "12,7%"), *REPORT[2:]]
    assert copies.are_copies(_shingles(REPORT), _shingles(edited))


def test_dropped_paragraph_is_a_copy():
    assert copies.are_copies(_shingles(REPORT), _shingles(REPORT[:2] + REPORT[3:]))


def test_another_sites_furniture_is_a_copy():
    assert copies.are_copies(_shingles(REPORT), _shingles(FURNITURE_HEAD + REPORT + FURNITURE_FOOT))


def test_two_reports_of_the_same_kind_of_event_are_not_copies():
    assert not copies.are_copies(_shingles(REPORT), _shingles(OTHER_REPORT))
    jaccard, contained = copies.similarity(_shingles(REPORT), _shingles(OTHER_REPORT))
    assert jaccard < 0.1 and contained < 0.2


def test_short_notices_sharing_a_template_sentence_are_not_copies():
    assert not copies.are_copies(_shingles([NOTICES[0], TEMPLATE]), _shingles([NOTICES[1], TEMPLATE]))


def test_a_short_notice_with_a_word_changed_is_a_copy():
    edited = NOTICES[0].replace("ngày 9", "ngày 10")
    assert copies.are_copies(_shingles([NOTICES[0], TEMPLATE]), _shingles([edited, TEMPLATE]))


def test_short_lines_and_line_ends_give_no_shingles():
    lines = copies.content_lines("\n".join(FURNITURE_HEAD + [NOTICES[0]]))
    assert list(lines.values()) == [copies.WORD.findall(NOTICES[0].lower())]
    found = copies.shingles(copies.content_lines(NOTICES[0] + "\n" + NOTICES[1]))
    assert "để sửa chữa viện" not in found and "để sửa chữa" in found


def test_too_short_to_judge():
    few = "Nhà máy Z131 nghỉ làm việc vào thứ Bảy tuần này."
    assert len(_shingles([few])) < copies.MIN_SHINGLES
    assert copies.band_keys(_shingles([few])) == []
    assert not copies.are_copies(_shingles([few]), _shingles([few]))


def test_store_groups_a_copy_from_another_site(tmp_path):
    db = store.connect(tmp_path)
    [(original, status)] = store.save_batch(db, [_rec(1, REPORT)])
    assert status == "new"
    copy = FURNITURE_HEAD + REPORT[:3] + [REPORT[4].replace("19 tập thể", "20 tập thể")] + FURNITURE_FOOT
    [(article, status)] = store.save_batch(db, [_rec(2, copy, site="baokhac.example.vn", title="Tổng kết")])
    assert status == "copy" and article != original
    assert db.execute("SELECT copy_of FROM articles WHERE id = ?", (article,)).fetchone()[0] == original


def test_store_ignores_a_sites_furniture_once_it_is_known(tmp_path):
    """Short notices of one site, each under its long furniture lines and the template:
    without knowing the furniture, two of them share most of their words."""
    db = store.connect(tmp_path)
    page = [FURNITURE_HEAD + [notice, TEMPLATE] + FURNITURE_FOOT for notice in NOTICES]
    assert copies.are_copies(_shingles(page[2]), _shingles(page[3]))  # what the furniture alone would do
    statuses = [store.save_batch(db, [_rec(n, paras)])[0] for n, paras in enumerate(page[:3])]
    assert [status for _, status in statuses] == ["new", "new", "new"]
    [(fourth, status)] = store.save_batch(db, [_rec(3, page[3])])
    assert status == "new"
    edited = [*FURNITURE_HEAD, NOTICES[3].replace("sáu giờ", "năm giờ"), TEMPLATE, *FURNITURE_FOOT]
    article, status = store.save_batch(db, [_rec(4, edited, site="baokhac.example.vn")])[0]
    assert status == "copy"
    assert db.execute("SELECT copy_of FROM articles WHERE id = ?", (article,)).fetchone()[0] == fourth


def test_two_articles_of_one_site_must_be_nearly_the_same():
    """Before a site's furniture is known, its short articles share most of their lines."""
    first, second = (_shingles([notice, TEMPLATE, *FURNITURE_FOOT]) for notice in NOTICES[:2])
    assert copies.are_copies(first, second)
    assert not copies.are_copies(first, second, same_site=True)
    edited = _shingles([NOTICES[0].replace("ngày 9", "ngày 10"), TEMPLATE, *FURNITURE_FOOT])
    assert copies.are_copies(first, edited, same_site=True)


def test_updated_article_gets_new_keys(tmp_path):
    db = store.connect(tmp_path)
    [(article, _)] = store.save_batch(db, [_rec(1, REPORT)])
    before = {row[0] for row in db.execute("SELECT key FROM copy_lines WHERE article_id = ?", (article,))}
    [(same, status)] = store.save_batch(db, [_rec(1, OTHER_REPORT)])
    after = {row[0] for row in db.execute("SELECT key FROM copy_lines WHERE article_id = ?", (article,))}
    assert (same, status) == (article, "updated")
    assert before and after and not before & after
    [(_, status)] = store.save_batch(db, [_rec(2, OTHER_REPORT[:3], site="baokhac.example.vn")])
    assert status == "copy"


def test_band_keys_are_those_of_datasketchs_minhash():
    """The MinHash written out in numpy is datasketch 2's (its default affine32 scheme),
    so the band keys archives already hold keep finding their copies."""
    datasketch = pytest.importorskip("datasketch")
    import numpy as np

    if not hasattr(datasketch.MinHash(num_perm=1), "scheme"):
        pytest.skip("datasketch before 2.0 drew other permutations")
    for paras in (REPORT, OTHER_REPORT, NOTICES + [TEMPLATE], REPORT[1:3]):
        found = _shingles(paras)
        reference = datasketch.MinHash(num_perm=copies.BANDS * copies.ROWS, seed=copies._SEED)
        reference.update_batch([s.encode("utf-8") for s in found])
        rows = np.asarray(reference.hashvalues, dtype=np.uint64).reshape(copies.BANDS, copies.ROWS)
        assert copies.band_keys(found) == [copies._key(bytes([band]) + row.tobytes()) for band, row in enumerate(rows)]


def test_band_keys_of_some_lines_are_those_of_their_shingles():
    """What the store takes the minimum of (each line's MinHash, worked out where the
    record is extracted) gives the band keys of the lines it keeps, too short included."""
    few = "Nhà máy Z131 nghỉ làm việc vào thứ Bảy tuần này."
    lines = copies.content_lines("\n".join(FURNITURE_FOOT + REPORT + NOTICES + [few]))
    sketches = copies.line_sketches(lines)
    keys = list(lines)
    for kept in (keys, keys[2:], keys[::2], keys[:1], keys[-2:], keys[-1:], []):
        assert copies.band_keys_of(keys, sketches, kept) == \
            copies.band_keys(copies.shingles({k: lines[k] for k in kept}))
    assert copies.band_keys_of(keys, sketches, keys[-1:]) == [] != copies.band_keys_of(keys, sketches, keys[-2:])
    # lines too short alone, enough together
    short = ["Nhà máy Z131 nghỉ làm việc vào thứ Bảy tuần này.", "Công ty Cơ khí 17 họp giao ban vào sáng thứ Hai.",
             "Viện Vũ khí đón đoàn kiểm tra vào chiều thứ Ba tuần sau."]
    lines = copies.content_lines("\n".join(short))
    keys, sketches = list(lines), copies.line_sketches(lines)
    assert set(sketches.few) == set(keys)
    for kept in (keys, keys[:2], keys[:1]):
        assert copies.band_keys_of(keys, sketches, kept) == \
            copies.band_keys(copies.shingles({k: lines[k] for k in kept}))
    assert copies.band_keys_of(keys, sketches, keys[:1]) == [] != copies.band_keys_of(keys, sketches, keys[:2])

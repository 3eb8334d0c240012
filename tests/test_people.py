"""People: ranks, names, positions, merging, and who is not an officer."""
from ingest.extract.people import extract_people


def by_name(people):
    return {p["name"]: p for p in people}


def test_rank_name_and_expanded_positions():
    text = "Dự hội nghị có đồng chí Thiếu tướng Lê Văn Tâm – Phó BTĐU, Chủ nhiệm Tổng cục CNQP; cùng đại biểu."
    people = extract_people(text)
    assert people == [{"name": "Lê Văn Tâm", "rank": "Thiếu tướng",
                       "positions": ["Phó Bí thư Đảng ủy", "Chủ nhiệm Tổng cục CNQP"], "mentions": 1}]


def test_positions_stop_at_the_verb():
    people = extract_people("Đại tá Phạm Quốc Việt, Ủy viên Thường vụ Đảng ủy, Phó Chính ủy Cục Hậu cần, chủ trì hội nghị.")
    assert people[0]["positions"] == ["Ủy viên Thường vụ Đảng ủy", "Phó Chính ủy Cục Hậu cần"]


def test_later_bare_mention_merges_with_the_first():
    text = ("Trung tướng Đỗ Minh Khải, Tư lệnh Quân khu 2, dự lễ.\n"
            "Phát biểu, Trung tướng Đỗ Minh Khải yêu cầu; đồng chí Đỗ Minh Khải nhấn mạnh.")
    people = extract_people(text)
    assert len(people) == 1
    assert people[0]["rank"] == "Trung tướng" and people[0]["mentions"] == 3


def test_most_frequent_rank_wins():
    text = "Đại tá Vũ Hải Nam báo cáo. Đại tá Vũ Hải Nam kết luận. Thượng tá Vũ Hải Nam (ảnh tư liệu)."
    assert extract_people(text)[0]["rank"] == "Đại tá"


def test_navy_ranks_longest_first():
    people = by_name(extract_people("Phó Đô đốc Ngô Thanh Bình và Chuẩn đô đốc Trịnh Văn Lộc dự lễ."))
    assert people["Ngô Thanh Bình"]["rank"] == "Phó Đô đốc"
    assert people["Trịnh Văn Lộc"]["rank"] == "Chuẩn Đô đốc"


def test_author_is_not_listed():
    text = "Đại tá Nguyễn Văn Hải phát biểu.\nTin, ảnh: Đồng chí Trần Thu Hà"
    assert [p["name"] for p in extract_people(text, author="TRẦN THU HÀ")] == ["Nguyễn Văn Hải"]


def test_historical_figures_are_not_officers():
    text = "Quán triệt tư tưởng của Chủ tịch Hồ Chí Minh và bài học của Đại tướng Võ Nguyên Giáp; Bác Hồ dạy."
    assert extract_people(text) == []


def test_dong_chi_needs_a_personal_name():
    text = "Đồng chí Chủ nhiệm Tổng cục yêu cầu các đồng chí hạ sĩ quan chấp hành nghiêm."
    assert extract_people(text) == []


def test_dong_chi_without_rank_is_listed_unranked():
    people = extract_people("Đồng chí Bùi Thị Lan, Phó Giám đốc Nhà máy Z119, trao thưởng.")
    assert people[0]["name"] == "Bùi Thị Lan" and people[0]["rank"] is None
    assert people[0]["positions"] == ["Phó Giám đốc Nhà máy Z119"]


def test_capitals_are_written_in_normal_case():
    people = extract_people("THIẾU TƯỚNG HOÀNG ANH TUẤN THĂM ĐƠN VỊ")
    assert people[0]["name"] == "Hoàng Anh Tuấn" and people[0]["rank"] == "Thiếu tướng"


def test_rank_word_without_a_name_is_nobody():
    assert extract_people("Được thăng quân hàm Đại tá, anh tiếp tục công tác. Thiếu tá trẻ nhất đơn vị.") == []


def test_empty_text():
    assert extract_people("") == [] and extract_people(None) == []


def test_academic_title_between_rank_and_name():
    people = extract_people("Đại tá, PGS.TS Đặng Minh Châu, Viện trưởng Viện Vũ khí, báo cáo.")
    assert people[0]["name"] == "Đặng Minh Châu" and people[0]["rank"] == "Đại tá"
    assert people[0]["positions"] == ["Viện trưởng Viện Vũ khí"]

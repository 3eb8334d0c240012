"""The error families seen on real pages the rules were not written on (issue 16),
each with sentences written for these tests: what must be found, and what must not.
"""
from ingest.extract.people import extract_people


def people(text):
    return [(p["name"], p["rank"]) for p in extract_people(text)]


# 1. Ranks in lower case, mid-sentence, in lists and in headlines

def test_lower_case_ranks_of_agency_copy():
    text = "Dự buổi lễ có thượng tướng Hoàng Văn Sơn, trung tướng Phạm Minh Đạo và đại tá Lưu Văn Tư."
    assert people(text) == [("Hoàng Văn Sơn", "Thượng tướng"), ("Phạm Minh Đạo", "Trung tướng"),
                            ("Lưu Văn Tư", "Đại tá")]


def test_list_of_ranks_separated_by_semicolons():
    text = "Cùng dự có thiếu tướng Ngô Đức Lâm; thiếu tướng Trịnh Quang Hưng; đại tá Vi Văn Bình."
    assert [name for name, _ in people(text)] == ["Ngô Đức Lâm", "Trịnh Quang Hưng", "Vi Văn Bình"]


def test_rank_in_an_all_capitals_headline():
    assert people("TRUNG TƯỚNG ĐẶNG VĂN HÙNG KIỂM TRA ĐƠN VỊ") == [("Đặng Văn Hùng", "Trung tướng")]


def test_lower_case_rank_word_without_a_name_is_nobody():
    assert people("Anh được thăng quân hàm đại tá năm ngoái; các thiếu tá trẻ đều có mặt.") == []


# 2. A rank followed by a name, whatever its family name

def test_rare_family_names_after_a_rank():
    text = "Đại tá Tào Minh Đức, Thượng tá Ma Văn Kiên và Trung tá Sùng A Chứ nhận nhiệm vụ."
    assert people(text) == [("Tào Minh Đức", "Đại tá"), ("Ma Văn Kiên", "Thượng tá"), ("Sùng A Chứ", "Trung tá")]


def test_a_position_after_a_rank_is_not_a_name():
    text = "Đại tá Chính ủy Lữ đoàn phát biểu; Thượng tá Phó Chính ủy Trung đoàn báo cáo."
    assert people(text) == []


def test_unknown_family_name_needs_a_rank():
    assert people("Đồng chí Tào Minh Đức phát biểu.") == []


# 5. False people: photo credits, names cut by an ellipsis

def test_photo_credit_in_capitals_is_no_part_of_the_name():
    assert people("Trung tướng Nguyễn Văn Viện ẢNH: TUẤN HUY") == [("Nguyễn Văn Viện", "Trung tướng")]


def test_name_cut_by_an_ellipsis_is_nobody():
    text = "Thiếu tướng Lê Văn... phát biểu. Thiếu tướng Lê Văn Hòa kết luận."
    assert people(text) == [("Lê Văn Hòa", "Thiếu tướng")]

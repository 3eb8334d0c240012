"""Bylines, closing name lines and photo credits."""
import pytest

from ingest.clean import byline


@pytest.mark.parametrize("line,name", [
    ("Tin, ảnh: LÊ THANH BÌNH", "Lê Thanh Bình"),
    ("Bài viết: Đỗ Minh Châu - Phòng Chính trị.", "Đỗ Minh Châu"),
    ("Bài và ảnh: TRỊNH QUANG VINH", "Trịnh Quang Vinh"),
    ("Tin, ảnh: MAI HƯƠNG - ĐỨC THỊNH", "Mai Hương"),
    ("Tin và ảnh: Hoàng Yến, Minh Quân", "Hoàng Yến"),
    ("Nhóm phóng viên: VŨ LAN và THU TRANG", "Vũ Lan"),
])
def test_byline_lines(line, name):
    assert byline.byline_name(line) == name


@pytest.mark.parametrize("line", ["Ảnh: Quang Huy", "Ảnh minh họa: Internet", "Video: Thu Hà"])
def test_photo_credit_is_not_a_byline(line):
    assert byline.is_photo_credit(line)
    assert byline.byline_name(line) is None


@pytest.mark.parametrize("line,name", [
    ("Minh Hằng", "Minh Hằng"),
    ("NGUYỄN THỊ MINH KHAI", "Nguyễn Thị Minh Khai"),
    ("ĐỖ VĂN TÙNG", "Đỗ Văn Tùng"),
    ("Thu Trang (tổng hợp)", "Thu Trang"),
    ("Thượng tá NGUYỄN VĂN KIÊN, Chính ủy Nhà máy Z199", "Nguyễn Văn Kiên"),
    ("Trung Kiên - Minh Đức", "Trung Kiên"),
    ("Đại tá, TS NGUYỄN VĂN AN", "Nguyễn Văn An"),
    ("Trung tá QNCN TRẦN HÙNG", "Trần Hùng"),
    ("HỒNG PHƯƠNG - MINH TRANG (thực hiện)", "Hồng Phương"),
    ("THU HÀ - MINH ĐỨC", "Thu Hà"),
])
def test_closing_name_lines(line, name):
    assert byline.closing_name(line) == name


@pytest.mark.parametrize("line", [
    "Quang cảnh hội nghị.", "Phòng Chính trị", "Báo Quốc Phòng Mẫu", "UBND TP HCM",
    "Tin hoạt động", "TTXVN", "Nhà Máy Z199", "Cổng Thông Tin Điện Tử", "Hà Nội, ngày 12 tháng 4",
    "Trân trọng cảm ơn!", "Phóng Viên", "Biên Tập Viên", "Bạn Đọc Minh", "Đón Tết Ở Trường Sa", "Ông Trump",
])
def test_lines_that_are_not_names(line):
    assert byline.closing_name(line) is None


def test_a_paragraph_opening_like_a_byline_is_not_one():
    line = "Tác giả: Hoàng Minh – tác phẩm đoạt giải nhất cuộc thi ảnh, ghi lại khoảnh khắc công nhân nhà máy " \
           "làm việc trong ca đêm để kịp tiến độ giao hàng quốc phòng."
    assert byline.byline_name(line) is None


def test_names_in_normal_capitalization():
    assert byline.normal_case("NGUYÊN KHÔI") == "Nguyên Khôi"
    assert byline.person("LÊ ANH - P.Chính trị") == "Lê Anh"

"""Figures: Vietnamese numbers, scale words, units, qualifiers, metrics, and non-figures."""
import pytest

from ingest.extract.figures import extract_figures, parse_number


def figs(text):
    return [(f["value"], f["unit"]) for f in extract_figures(text)]


@pytest.mark.parametrize("token, value", [
    ("3.000", 3000), ("1.250.000", 1250000), ("17,6", 17.6), ("02", 2), ("0,25", 0.25),
    ("12.500,5", 12500.5),
])
def test_parse_number(token, value):
    assert parse_number(token) == value


@pytest.mark.parametrize("text, expected", [
    ("Doanh thu đạt hơn 1.250 tỷ đồng.", (1250, "tỷ đồng")),
    ("Mức lương 8,5 triệu đồng/người/tháng.", (8.5, "triệu đồng/người/tháng")),
    ("Phạt từ 2.000.000 đồng.", (2000000, "đồng")),
    ("Giá dầu quanh 70 USD/thùng.", (70, "USD/thùng")),
    ("Quỹ đã chi 12 nghìn đồng mỗi suất.", (12, "nghìn đồng")),
    ("Đơn vị trao 2 nghìn suất quà.", (2000, "suất quà")),
    ("Thu hút 2,5 triệu người tham gia.", (2500000, "người")),
    ("Khai thác 3,2 triệu tấn than.", (3.2, "triệu tấn")),
    ("Tỷ lệ đạt 98,5%.", (98.5, "%")),
    ("Khen thưởng 25 tập thể và 60 cá nhân.", (25, "tập thể")),
    ("Khen thưởng 25 tập thể và 60 cá nhân.", (60, "cá nhân")),
    ("Triển khai 07 nhiệm vụ trọng tâm.", (7, "nhiệm vụ")),
    ("Hoàn thành 45/45 hạng mục công trình.", (45, "hạng mục")),
    ("Đón 120 đoàn viên mới.", (120, "đoàn viên")),
    ("Tiến hành 6 cuộc kiểm tra chuyên đề.", (6, "cuộc kiểm tra")),
    ("Có 9 cấp Tổng cục và 4 cấp quốc gia.", (9, "cấp Tổng cục")),
    ("Kỷ niệm 60 năm ngày thành lập.", (60, "năm")),
    ("Diện tích hơn 15 ha rừng.", (15, "ha")),
])
def test_figures(text, expected):
    assert expected in figs(text)


def test_range_is_one_figure_with_both_ends_and_the_scale():
    [f] = extract_figures("Mức phạt từ 10 đến 20 triệu đồng.")
    assert (f["low"], f["high"], f["value"], f["unit"], f["qualifier"]) == (10, 20, 20, "triệu đồng", "range")


def test_qualifier_metric_and_base_year():
    [f] = extract_figures("Năm 2019, giá trị sản xuất tăng hơn 12,5% so với năm 2018.")
    assert (f["value"], f["unit"], f["qualifier"], f["metric"], f["compared_to"]) == \
        (12.5, "%", "more_than", "giá trị sản xuất", 2018)


@pytest.mark.parametrize("text, qualifier", [
    ("Có gần 400 cán bộ dự.", "about"),
    ("Khoảng 30% số hộ.", "about"),
    ("Dưới 5 triệu đồng.", "less_than"),
    ("Thu nhập đạt 9 triệu đồng.", "reached"),
    ("Doanh thu từ 100 triệu đồng trở xuống.", "at_most"),
])
def test_qualifiers(text, qualifier):
    assert extract_figures(text)[0]["qualifier"] == qualifier


def test_figure_text_and_offset_point_into_the_text():
    text = "Năm nay, đơn vị có hơn 3.000 công nhân."
    [f] = extract_figures(text)
    assert text[f["offset"]:f["offset"] + len(f["text"])] == f["text"] == "hơn 3.000 công nhân"


@pytest.mark.parametrize("text", [
    "Năm 2022 đơn vị đã hoàn thành kế hoạch; nhiệm kỳ 2020 - 2025 có nhiều đổi mới.",
    "Nhà máy Z131 và Z195 cùng tham gia; xe A41 được cải tiến.",
    "Thực hiện Nghị quyết 05 của Đảng ủy và Nghị định số 21/2022/NĐ-CP.",
    "Theo Điều 9 và khoản 3 của Thông tư 15, đơn vị rà soát lại.",
    "Diễn tập khu vực phòng thủ Quân khu 7 có Sư đoàn 5 và Lữ đoàn 22 tham gia.",
    "Trung đoàn 812 đẩy mạnh huấn luyện; Vùng 4 Hải quân tổ chức hội thao.",
    "Đại hội lần thứ 6 của Đảng bộ khóa XV diễn ra.",
    "Sáng 12/3, hội nghị khai mạc lúc 8:30 tại hội trường.",
    "Liên hệ hotline 0912.345.678 hoặc 024 3856 1234.",
    "Công ty TNHH Một thành viên Cơ khí 17 làm chủ đầu tư.",
    "Hồ sơ nộp trước ngày 31/3 hằng năm.",
    "Cuộc diễn tập KT-19 được đánh giá cao.",
])
def test_never_figures(text):
    assert figs(text) == []


def test_thoi_after_a_year_is_not_money():
    assert figs("Hoàn thành nhiệm vụ năm 2021 đồng thời chuẩn bị cho năm sau.") == []


def test_number_after_a_code_is_part_of_it():
    assert figs("Xe máy biển kiểm soát 29K1 123.45 lưu thông trên đường.") == []


def test_counted_noun_is_the_whole_word_not_its_first_syllable():
    assert figs("Cục đã thẩm định 14 hồ sơ công nghệ và ban hành 6 quy trình mới.") == [
        (14, "hồ sơ"), (6, "quy trình")]
    assert figs("Đại diện 11 phân xưởng ký giao ước thi đua.") == [(11, "phân xưởng")]

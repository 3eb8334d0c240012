"""Figures: Vietnamese numbers, scale words, units, qualifiers, metrics, and non-figures."""
import pytest

from conftest import SHARED, needs_shared
from ingest import pipeline
from ingest.extract.compose import extract
from ingest.extract.figures import extract_figures, parse_number
from ingest.record import new_record


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
    ("Khai thác 3,2 triệu tấn than.", (3200000, "tấn")),
    ("Sản lượng đạt 1,5 triệu thùng dầu.", (1.5, "triệu thùng")),
    ("Truyền 2.350ml máu.", (2350, "ml")),
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


def kinds(text):
    return [(f["text"], f["kind"]) for f in extract_figures(text)]


@pytest.mark.parametrize("text, figure, kind", [
    # growth: a change or a comparison with an earlier period
    ("Doanh thu năm nay tăng 12,5% so với năm trước.", "12,5%", "growth"),
    ("Số vụ tai nạn lao động giảm 3 vụ.", "3 vụ", "growth"),
    ("Năng suất lao động tăng hơn 8%.", "hơn 8%", "growth"),
    ("Doanh thu bằng 108% so với cùng kỳ.", "108%", "growth"),
    # completion of a plan
    ("Giá trị sản xuất đạt 640 tỷ đồng, bằng 61% kế hoạch năm.", "61%", "completion"),
    ("Nhà máy hoàn thành 100% kế hoạch sản xuất hàng quốc phòng.", "100%", "completion"),
    ("Doanh thu vượt 7% chỉ tiêu được giao.", "vượt 7%", "completion"),
    # share
    ("Sản phẩm kinh tế chiếm 65% tổng doanh thu.", "65%", "share"),
    ("Hàng xuất khẩu chiếm tỷ trọng khoảng 30%.", "khoảng 30%", "share"),
    # plan and forecast
    ("Năm tới, Nhà máy phấn đấu doanh thu đạt 900 tỷ đồng.", "đạt 900 tỷ đồng", "plan"),
    ("Theo kế hoạch, cả năm sản lượng đạt 1.200 tấn.", "đạt 1.200 tấn", "plan"),
    ("Chỉ tiêu giá trị sản xuất năm sau là 1.500 tỷ đồng.", "1.500 tỷ đồng", "plan"),
    ("Dự kiến cả năm doanh thu đạt 2.100 tỷ đồng.", "đạt 2.100 tỷ đồng", "forecast"),
    ("Doanh thu năm nay ước đạt 730 tỷ đồng.", "đạt 730 tỷ đồng", "forecast"),
    # a growth set as a target has not happened: a plan
    ("Năm sau, Công ty đặt mục tiêu doanh thu tăng ít nhất 9%.", "ít nhất 9%", "plan"),
    ("Nhà máy phấn đấu năng suất tăng 6% so với năm nay.", "6%", "plan"),
    # a growth foreseen has not happened either: a forecast (a growth of the same shape reported is one)
    ("Dự kiến cả năm giá trị sản xuất của Cụm tăng 11,4% so với năm trước.", "11,4%", "forecast"),
    ("Doanh thu năm nay ước tăng 4%.", "4%", "forecast"),
    ("Cả năm giá trị sản xuất của Cụm tăng 11,4% so với năm trước.", "11,4%", "growth"),
    # threshold: a bound in a rule's sentence
    ("Trường hợp doanh thu trên 300 triệu đồng/năm, hộ kinh doanh phải kê khai thuế.", "trên 300 triệu đồng/năm",
     "threshold"),
    ("Cá nhân có từ 3 sáng kiến trở lên được xét tặng danh hiệu Chiến sĩ thi đua.", "3 sáng kiến", "threshold"),
    ("Nếu doanh thu dưới 100 triệu đồng thì không phải nộp thuế.", "dưới 100 triệu đồng", "threshold"),
])
def test_figure_kind(text, figure, kind):
    assert (figure, kind) in kinds(text)


@pytest.mark.parametrize("text, figure", [
    ("Giá trị sản xuất đạt hơn 3.000 tỷ đồng, bằng 72% kế hoạch năm.", "hơn 3.000 tỷ đồng"),
    ("Doanh thu tăng lên 800 tỷ đồng.", "lên 800 tỷ đồng"),  # a level reached, not a change
    ("Nhà máy hoàn thành vượt mức các chỉ tiêu với doanh thu 420 tỷ đồng.", "420 tỷ đồng"),  # a plan carried out
    ("Nhà máy hoàn thành 12 công trình thanh niên.", "12 công trình"),  # "hoàn thành" makes a rate a completion only
    ("Nếu như năm trước doanh thu đạt hơn 500 tỷ đồng thì năm nay đã vượt 650 tỷ đồng.", "hơn 500 tỷ đồng"),
    ("Đơn vị bảo đảm đúng tiêu chuẩn cho hơn 2 nghìn suất ăn.", "hơn 2 nghìn suất ăn"),
    ("Thu nhập bình quân ở mức 11 triệu đồng/người/tháng.", "11 triệu đồng/người/tháng"),
    ("Kế hoạch sản xuất được triển khai sớm, doanh thu đạt 300 tỷ đồng.", "đạt 300 tỷ đồng"),  # another clause
])
def test_reported_results(text, figure):
    assert (figure, "result") in kinds(text)


def test_every_figure_has_a_kind():
    assert {f["kind"] for f in extract_figures("Khen thưởng 25 tập thể, doanh thu tăng 9%.")} == {"result", "growth"}


def test_a_rate_stated_of_a_list_of_metrics_is_one_figure_per_metric():
    found = extract_figures("Doanh thu, lợi nhuận và thu nhập bình quân đều tăng 9% so với cùng kỳ.")
    assert [(f["metric"], f["value"], f["kind"]) for f in found] == [
        ("doanh thu", 9, "growth"), ("lợi nhuận", 9, "growth"), ("thu nhập bình quân", 9, "growth")]
    assert len({(f["text"], f["offset"]) for f in found}) == 1


@pytest.mark.parametrize("text, metrics", [
    ("Doanh thu đạt 500 tỷ đồng, lợi nhuận 42 tỷ đồng.", ["doanh thu", "lợi nhuận"]),  # each its own figure
    ("Bàn về doanh thu, lợi nhuận, Nhà máy cho biết đã đạt 42 tỷ đồng.", ["lợi nhuận"]),  # a clause between
    ("Về đề tài, sáng kiến 75 sáng kiến được công nhận.", ["sáng kiến"]),  # the unit says what is counted
])
def test_a_list_that_is_not_the_subject_is_not_split(text, metrics):
    assert [f["metric"] for f in extract_figures(text)] == metrics


# The organisation a figure is credited with (ingest/extract/compose.py ties it).

CLUSTER_TEXT = (
    "Sáng 12/10/2023, tại Nhà máy Z131, Cụm thi đua “Cơ khí – Đóng tàu” (gồm các Nhà máy: Z131, Z173, Z189) "
    "tổ chức hội nghị tổng kết năm 2023.\n"
    "Tính hết 9 tháng năm 2023, giá trị sản xuất toàn Cụm đạt 2.700 tỷ đồng, bằng 70% kế hoạch năm; "
    "dự kiến cả năm đạt 3.800 tỷ đồng. Các đơn vị trong Cụm có 96 sáng kiến được công nhận. "
    "Riêng Nhà máy Z189 đạt 910 tỷ đồng. Dịp này, 14 tập thể được khen thưởng. "
    "Trong toàn Cụm, Nhà máy Z173 dẫn đầu với 640 tỷ đồng.")


def _credited(text, title="Cụm thi đua “Cơ khí – Đóng tàu” tổng kết năm 2023"):
    record = extract(new_record("c.txt", title, None, None, text))
    return {f["text"]: f["organisation"] for f in record["figures"]}


def test_a_figure_of_the_whole_cluster_is_the_clusters_not_the_nearest_factorys():
    credited = _credited(CLUSTER_TEXT)
    cluster = "Cụm thi đua “Cơ khí – Đóng tàu”"
    assert credited["đạt 2.700 tỷ đồng"] == cluster  # "toàn Cụm", though Z189 closes the list before it
    assert credited["đạt 3.800 tỷ đồng"] == cluster  # the clause after ";" continues the sentence
    assert credited["96 sáng kiến"] == cluster  # "các đơn vị trong Cụm"
    assert credited["đạt 910 tỷ đồng"] == "Nhà máy Z189"  # a factory named in its own sentence
    assert credited["640 tỷ đồng"] == "Nhà máy Z173"  # named after the collective words: its own


def test_a_figure_whose_sentence_names_no_organisation_has_none():
    assert _credited(CLUSTER_TEXT)["14 tập thể"] is None


def test_members_listed_in_brackets_are_not_the_subject():
    text = "Cụm thi đua “Cơ khí – Đóng tàu” (gồm các Nhà máy: Z131, Z173, Z189) đã khen thưởng 30 cá nhân."
    assert _credited(text)["30 cá nhân"] == "Cụm thi đua “Cơ khí – Đóng tàu”"


@pytest.mark.parametrize("sentence", [
    "Giá trị sản xuất toàn Tổng cục đạt 41.000 tỷ đồng.",
    "Năm 2023, doanh thu cả Tổng cục đạt 41.000 tỷ đồng.",
    "Nhà máy Z131 cho biết doanh thu toàn ngành đạt 41.000 tỷ đồng.",
])
def test_the_whole_agency(sentence):
    text = "Tổng cục Công nghiệp quốc phòng tổng kết năm 2023 tại Nhà máy Z131.\n" + sentence
    credited = _credited(text, "Tổng cục Công nghiệp quốc phòng tổng kết năm 2023")
    assert [org for t, org in credited.items() if "41.000" in t] == ["Tổng cục Công nghiệp quốc phòng"]


def test_collective_words_without_that_organisation_in_the_article_credit_no_one():
    text = "Nhà máy Z131 tổng kết năm 2023. Giá trị sản xuất toàn Cụm đạt 2.700 tỷ đồng."
    assert _credited(text, "Nhà máy Z131 tổng kết năm 2023")["đạt 2.700 tỷ đồng"] is None


def _seed(prefix):
    path = next((SHARED / "seeds").glob(prefix + "_*.txt"))
    (_, records, error, _), = pipeline.process([path], jobs=1)
    assert error is None
    return records[0]


@needs_shared
def test_seed_000_cluster_figures_are_not_z175s():
    figures = _seed("000")["figures"]
    cluster = [f for f in figures if f["value"] in (3000, 4300)]
    assert len(cluster) == 2 and all(f["organisation"].startswith("Cụm thi đua") for f in cluster)
    assert {f["value"]: f["kind"] for f in cluster} == {3000: "result", 4300: "forecast"}
    assert not any(f["organisation"] == "Nhà máy Z175" for f in figures)


@needs_shared
def test_seed_003_shared_subject_gives_three_figures_of_ten_percent():
    tens = [f for f in _seed("003")["figures"] if f["value"] == 10 and f["unit"] == "%"]
    assert sorted(f["metric"] for f in tens) == ["giá trị doanh thu", "giá trị sản xuất", "thu nhập bình quân"]
    assert {f["kind"] for f in tens} == {"growth"}


def test_a_bare_factory_head_is_the_factory_the_article_is_about():
    text = ("Sáng 5/6/2024, Nhà máy Z121 tổ chức sơ kết.\n"
            "Giá trị sản xuất của Nhà máy đạt 640 tỷ đồng. Đoàn Thanh niên Nhà máy đăng ký 25 công trình. "
            "Các nhà máy trong Tổng cục cử 40 cán bộ dự.")
    credited = _credited(text, "Nhà máy Z121 sơ kết 6 tháng đầu năm 2024")
    assert credited["đạt 640 tỷ đồng"] == "Nhà máy Z121"
    assert credited["25 công trình"] != "Nhà máy Z121"  # the factory's youth union, a name holding the head
    assert credited["40 cán bộ"] is None  # the article names no Tổng cục among its units


def test_an_owner_named_right_after_the_figure_wins():
    text = ("Sáng 5/6/2024, Nhà máy Z121 tổ chức lễ kỷ niệm.\n"
            "Cục Chính trị tặng Bằng khen cho 9 tập thể và 24 cá nhân của Nhà máy Z121. "
            "Dự lễ có đại diện Tổng cục Công nghiệp quốc phòng cùng hơn 300 cán bộ, công nhân của Nhà máy.")
    credited = _credited(text, "Nhà máy Z121 kỷ niệm 55 năm thành lập")
    assert credited["9 tập thể"] == credited["24 cá nhân"] == credited["hơn 300 cán bộ"] == "Nhà máy Z121"


def test_a_name_holding_a_shorter_one_is_meant():
    text = "Năm 2022, Thanh tra Tổng cục Công nghiệp quốc phòng tiến hành 3 cuộc thanh tra."
    record = extract(new_record("t.txt", "Tổng cục Công nghiệp quốc phòng tổng kết", None, None, text))
    units = {u["name"] for u in record["units"]}
    [figure] = record["figures"]
    assert figure["organisation"] in units and figure["organisation"].startswith("Thanh tra")

"""Dates and periods: Vietnamese forms, year inference, and what is never listed."""
import datetime as dt

import pytest

from conftest import SHARED, needs_shared
from ingest import pipeline
from ingest.extract.dates import extract_dates


def spans(text, published=None, title=None):
    return [(d["start"], d["end"]) for d in extract_dates(text, published, title)]


def day(iso):
    return (iso, iso)


@pytest.mark.parametrize("text, expected", [
    ("Chiều 05/11/2024, đoàn công tác đến làm việc.", day("2024-11-05")),
    ("Hôm 3-9-2019 nhà máy khánh thành phân xưởng mới.", day("2019-09-03")),
    ("Hội thi diễn ra ngày 7 tháng 4 năm 2022 tại hội trường.", day("2022-04-07")),
    ("Ngày mồng 2 tháng 9 năm 2025 là ngày lễ lớn.", day("2025-09-02")),
    ("Phiên họp ngày 20/11 năm 2018 đã thông qua kế hoạch.", day("2018-11-20")),
])
def test_days_with_a_year(text, expected):
    assert expected in spans(text)


@pytest.mark.parametrize("text, expected, granularity", [
    ("Kết quả 6 tháng đầu năm 2019 rất khả quan.", ("2019-01-01", "2019-06-30"), "half"),
    ("Nhiệm vụ 6 tháng cuối năm 2019 còn nặng nề.", ("2019-07-01", "2019-12-31"), "half"),
    ("Tính đến hết 9 tháng năm 2017, doanh thu tăng.", ("2017-01-01", "2017-09-30"), "months"),
    ("Sản lượng quý III/2020 vượt kế hoạch.", ("2020-07-01", "2020-09-30"), "quarter"),
    ("Trong quý 4 năm 2016 đơn vị hoàn thành dự án.", ("2016-10-01", "2016-12-31"), "quarter"),
    ("Đề án được phê duyệt vào tháng 8/2015.", ("2015-08-01", "2015-08-31"), "month"),
    ("Từ tháng 2 năm 2024, quy định mới có hiệu lực.", ("2024-02-01", "2024-02-29"), "month"),
    ("Công trình thi công trong tháng 5 - 9/2023.", ("2023-05-01", "2023-09-30"), "months"),
    ("Chỉ số tăng mạnh (T4/2010-T6/2011).", ("2010-04-01", "2011-06-30"), "months"),
    ("Nửa đầu năm 2012, đơn vị tuyển thêm lao động.", ("2012-01-01", "2012-06-30"), "half"),
])
def test_periods(text, expected, granularity):
    found = {(d["start"], d["end"]): d["granularity"] for d in extract_dates(text)}
    assert found.get(expected) == granularity


def test_range_from_day_to_day_is_one_span():
    found = extract_dates("Đợt thi đua kéo dài từ ngày 15/3 đến 30/4/2019, toàn đơn vị tham gia.")
    assert [(d["start"], d["end"], d["granularity"]) for d in found] == [("2019-03-15", "2019-04-30", "range")]


def test_range_across_new_year_takes_the_year_before():
    assert ("2018-12-20", "2019-01-10") in spans("Chiến dịch từ ngày 20/12 đến 10/1/2019.")


def test_anniversary_in_brackets_is_two_days():
    found = spans("Kỷ niệm 50 năm thành lập nhà máy (15/5/1970-15/5/2020).")
    assert found == [day("1970-05-15"), day("2020-05-15")]


def test_days_of_one_month_listed_together():
    assert spans("Trong hai ngày 4 và 5/6/2021, hội thao diễn ra sôi nổi.") == [day("2021-06-04"), day("2021-06-05")]


def test_bare_years_are_not_listed():
    assert spans("Năm 2023 đơn vị hoàn thành kế hoạch, phấn đấu năm 2024 tăng trưởng.") == []


def test_recurring_dates_are_not_listed():
    assert spans("Báo cáo gửi trước ngày 15/7 hằng năm.", published="2024-03-02") == []


def test_every_entry_has_text_and_offset_in_the_text():
    text = "Sáng 9/4, tại Hà Nội, hội nghị khai mạc. Kế hoạch quý II/2021 được thông qua."
    for d in extract_dates(text, published="2021-04-10"):
        assert text[d["offset"]:d["offset"] + len(d["text"])] == d["text"]


class TestYearInference:
    def test_from_the_publication_date(self):
        assert spans("Sáng 9/4, hội nghị khai mạc.", published="2021-04-10") == [day("2021-04-09")]

    def test_a_day_after_the_publication_month_is_last_year(self):
        assert spans("Chiều 22/11, đoàn đến thăm đơn vị.", published="2022-01-05") == [day("2021-11-22")]

    def test_a_day_shortly_ahead_of_publication_is_this_year(self):
        assert spans("Lễ khai mạc dự kiến vào ngày 2-4 tới.", published="2020-03-25") == [day("2020-04-02")]

    def test_relative_year_words(self):
        assert spans("Dịp 30-4 năm ngoái giá tour tăng.", published="2019-03-01") == [day("2018-04-30")]

    def test_far_from_publication_without_a_year_is_left_out(self):
        assert spans("Hạn nộp tờ khai là ngày 30-9.", published="2024-02-01") == []

    def test_from_the_review_year_of_the_article(self):
        text = "Ngày 18/11, Cụm thi đua tổ chức Hội nghị tổng kết phong trào thi đua năm 2019."
        assert spans(text) == [day("2019-11-18")]

    def test_late_year_day_before_early_dates_of_next_year(self):
        text = ("Tối 30/12, nhà máy phát động đợt thi đua. Đợt thi đua kéo dài "
                "từ ngày 2/1 đến 15/2/2018 với nhiều chỉ tiêu.")
        assert day("2017-12-30") in spans(text)

    def test_a_historical_date_is_no_anchor(self):
        text = "Sáng 29/12, đơn vị kỷ niệm 60 năm ngày thành lập (5/1/1959-5/1/2019)."
        assert spans(text)[0] == day("2018-12-29")

    def test_a_target_year_is_no_anchor(self):
        text = "Ngày 3-3, Bộ trưởng chủ trì họp bàn mục tiêu đến năm 2035. Năm 2025 là năm bản lề."
        assert spans(text) == [day("2025-03-03")]

    def test_unknown_year_is_left_out(self):
        assert spans("Sáng 12-8, đoàn công tác đến thăm đơn vị.") == []


class TestNotDates:
    @pytest.mark.parametrize("text", [
        "Giao hàng mất thêm 7-10 ngày so với trước.",
        "Nghị định số 12/2021/NĐ-CP quy định chi tiết.",
        "Khoảng 1/2 số hộ đã nhận hỗ trợ.",
        "Thứ hai, 14/10/2024 09:15",
        "Tin mới 10:42 , 02/05/2023",
    ])
    def test_not_listed(self, text):
        assert spans(text, published="2024-10-15") == []


def test_publication_date_in_other_forms():
    assert spans("Sáng 9/4, hội nghị khai mạc.", published="10/04/2021") == [day("2021-04-09")]
    assert spans("Sáng 9/4, hội nghị khai mạc.", published="2021-04-10T08:30:00+07:00") == [day("2021-04-09")]


def test_a_cited_document_date_is_no_anchor():
    text = ("Ngày 12-1, Bộ đội Biên phòng tỉnh tổ chức chương trình Xuân năm 2024.\n"
            "Đơn vị thực hiện Chỉ thị số 05/CT-TTg ngày 3-2-2014 và Chỉ thị số 05/CT-TTg ngày 3-2-2014.\n"
            "Chỉ thị số 05/CT-TTg ngày 3-2-2014 được quán triệt.")
    assert spans(text)[0] == day("2024-01-12")


@pytest.mark.parametrize("text, expected", [
    ("Từ ngày 14 đến 16-1, hội thao diễn ra sôi nổi.", ("2025-01-14", "2025-01-16")),
    ("Đợt cao điểm từ 20/12 đến 10/1, các đơn vị tăng ca.", ("2024-12-20", "2025-01-10")),
])
def test_ranges_without_a_year(text, expected):
    assert spans(text, published="2025-01-20") == [expected]


def test_day_in_brackets_after_today():
    assert spans("Sáng nay (15/1), đoàn công tác đến thăm đơn vị.", published="2025-01-15") == [day("2025-01-15")]


def test_money_range_after_from_is_not_a_day():
    assert spans("Mức phạt từ 3-5 triệu đồng với hành vi này.", published="2025-01-20") == []


def test_dotted_days_and_months():
    found = spans("Khoảng 8h30 ngày 6.2, xe khách gặp nạn; cuối tháng 6.2016 mới xong.", published="2017-02-07")
    assert found == [day("2017-02-06"), ("2016-06-01", "2016-06-30")]


def test_day_in_words_before_a_full_stop():
    assert spans("Kết quả gửi về Bộ trước ngày 10 tháng 2. Trên cơ sở đó…", published="2017-02-01") == [day("2017-02-10")]


@pytest.mark.parametrize("text", [
    "Xe nhập khẩu chiếm đến 1/3 trên tổng lượng ô tô bán ra.",
    "Tàu chạy hướng vào 1/3 đoạn sóng rồi vượt qua.",
    "Lễ hội diễn ra ngày 10/3 âm lịch.",
])
def test_fractions_and_lunar_days_are_not_days(text):
    assert spans(text, published="2017-02-08") == []


def test_a_number_before_a_dated_day_is_not_a_day():
    assert spans("Hạn nộp của đợt 2 và 16/07/2017 của đợt 3.") == [day("2017-07-16")]


def test_weekday_before_a_day_in_parentheses_marks_a_calendar_day():
    assert spans("Sáng thứ Tư (2/10), Nhà máy Z189 tổ chức lễ phát động.", "2019-10-02") == [day("2019-10-02")]
    assert spans("Chiều Chủ nhật 6/10, đoàn công tác đến thăm đơn vị.", "2019-10-08") == [day("2019-10-06")]
    assert spans("Đã có 2/10 đơn vị hoàn thành.", "2019-10-08") == []


def roles(text, published=None):
    return {d["text"]: d.get("role") for d in extract_dates(text, published)}


@pytest.mark.parametrize("text, published, history", [
    ("Viện được thành lập ngày 15/6/1968, tiền thân là một phòng thiết kế.", "2024-06-10", "15/6/1968"),
    ("Trung đoàn ra đời tháng 3/2019 trong khó khăn.", "2024-03-10", "tháng 3/2019"),  # recent, but a founding
    ("Anh sinh ngày 2/9/1999 tại Hà Tĩnh, nay là tiền đạo của đội.", "2024-05-01", "2/9/1999"),
    ("Kỷ niệm 60 năm ngày thành lập Nhà máy (18/5/1964 - 18/5/2024), đơn vị tổ chức mít tinh.", "2024-05-18",
     "18/5/1964"),
    ("Ngày 7-5-1954, chiến dịch toàn thắng. Sáng 6-5, đoàn cựu chiến binh về thăm di tích.", "2024-05-07",
     "7-5-1954"),
    ("Ngày 7-5-1954, chiến dịch toàn thắng. Năm 2024, đoàn cựu chiến binh về thăm di tích.", None, "7-5-1954"),
])
def test_history_told_in_an_article_is_marked(text, published, history):
    assert roles(text, published)[history] == "history"


@pytest.mark.parametrize("text, published, today", [
    ("Kỷ niệm 60 năm ngày thành lập Nhà máy (18/5/1964 - 18/5/2024), đơn vị tổ chức mít tinh.", "2024-05-18",
     "18/5/2024"),  # the anniversary itself
    ("Sáng 20/12/2024, Sư đoàn tổ chức lễ kỷ niệm ngày thành lập.", "2024-12-21", "20/12/2024"),  # cue after
    ("Ngày 3/1/2022, Nhà máy tổ chức hội nghị; năm 2023 doanh thu tăng.", "2024-01-05", "3/1/2022"),  # two years back
    ("Tính hết 9 tháng năm 2023, giá trị sản xuất đạt 3.000 tỷ đồng.", None, "9 tháng năm 2023"),
])
def test_the_articles_own_time_is_not_history(text, published, today):
    assert roles(text, published)[today] is None


@needs_shared
def test_no_event_date_is_history_in_the_real_pages():
    """Every real page (2025-2026 news): its event date is never a history date, and every
    date more than ten years older than the page's own time is history."""
    corpus = SHARED / "corpus"
    paths = sorted(corpus.glob("news_html/*_article*.html")) + sorted(corpus.glob("qdnd/*.html"))
    old = 0
    for source, records, error, _ in pipeline.process(paths, jobs=1):
        assert error is None, source
        record = records[0]
        history = {d["start"] for d in record["dates"] if d.get("role") == "history"}
        assert record["event"]["date"] not in history, source
        for d in record["dates"]:
            if d["end"] < "2015":
                old += 1
                assert d.get("role") == "history", (source, d["text"])
    assert old >= 3  # the check has something to check: 1955, cited decrees, listings of past years


# Issue 16, dates on text dumps with no publication date: an article that names its Tết
# by the year's name in the sexagenary cycle and its year, the two agreeing, is written
# around that Tết; a day without a year within a month of it takes that year, whatever
# bare year is named closer (a Tết piece looks back on last year). Nothing else gives a
# far day a year: no year at all, a bare "Tết năm 2016" (more often the one compared
# with), a name that disagrees with its year, a day far from that Tết.
TET_BODY = ("Năm 2024, doanh thu của đơn vị đạt hơn 300 tỷ đồng, tăng 12%.\nCán bộ được khen thưởng.\n"
            "Nhà máy mở rộng sản xuất.\n")


@pytest.mark.parametrize("text, expected", [
    ("Cán bộ, chiến sĩ vui đón Tết Nguyên đán Ất Tỵ 2025.\n" + TET_BODY + "Sáng 7-2, đoàn công tác đến kiểm tra.",
     day("2025-02-07")),
    ("Không khí Xuân Ất Tỵ – 2025 tràn ngập doanh trại.\n" + TET_BODY + "Chiều 20/1, đơn vị gói bánh chưng.",
     day("2025-01-20")),
])
def test_a_day_near_the_tet_the_article_names_takes_its_year(text, expected):
    assert expected in spans(text)


@pytest.mark.parametrize("text", [
    # no Tết named with its year: the last year named is no year of the article's own
    TET_BODY + "Sáng 7-2, đoàn công tác đến kiểm tra.",
    # a bare "Tết năm 2024": more often the one compared with
    "Hàng dự trữ tăng 10% so với Tết năm 2024.\n" + TET_BODY + "Sáng 7-2, đoàn công tác đến kiểm tra.",
    # the name disagrees with the year (Đinh Dậu is 2017)
    "Vui đón Tết Đinh Dậu 2025.\n" + TET_BODY + "Sáng 7-2, đoàn công tác đến kiểm tra.",
    # far from that Tết: a March arrest told in a Tết story may be last year's
    "Vui đón Tết Nguyên đán Ất Tỵ 2025.\n" + TET_BODY + "Đêm 23-3, tổ công tác bắt đối tượng.",
    # only a target year
    "Viện phải có sản phẩm đến năm 2030.\nCán bộ nỗ lực.\nNhà máy mở rộng.\nSáng 7-3, đoàn công tác đến thăm.",
    # no year at all: never today's
    "Rạng sáng 6/2, một xe khách bị lật trên quốc lộ.",
])
def test_no_year_of_the_article_leaves_a_far_day_out(text):
    assert not [s for s in spans(text) if s[0] == s[1]]


# Days of Tết: "mùng N Tết" is the N-th day from the first day of Tết of the year
# meant (data/date_tet.tsv): the Tết nearest the publication date, the one the article
# names with its year, or the one nearest a day named with its year close by.
@pytest.mark.parametrize("text, published, expected", [
    ("Trong dịp Tết Nguyên đán Đinh Dậu 2017, vào mùng 6 Tết, bệnh viện đón nhiều bệnh nhân.", None,
     day("2017-02-02")),
    ("Mùng 1 Tết, lãnh đạo đến chúc Tết đơn vị.", "2024-02-15", day("2024-02-10")),
    ("Ngày 30/1/2025, tức mồng 2 Tết, đơn vị trực sẵn sàng chiến đấu.", None, day("2025-01-30")),
    ("Đêm 28/12/2016 nhà máy tăng ca; mùng 3 Tết công nhân đi làm trở lại.", None, day("2017-01-30")),
])
def test_days_of_tet(text, published, expected):
    assert expected in spans(text, published)


@pytest.mark.parametrize("text, published", [
    ("Lực lượng trực từ 29 tháng Chạp đến mùng 5 Tết năm 2017.", None),  # the end of a span
    ("Đơn vị huy động quân số từ ngày 27 đến hết mùng 5 Tết năm 2017.", None),
    ("Mùng 6 Tết, bệnh viện vẫn đông bệnh nhân.", None),  # no year anywhere
    ("Năm 2016, lượng khách đạt 1,6 triệu lượt. Từ mùng 2 Tết, khách đông.", None),  # a bare year looked back on
    ("Mùng 6 Tết, bệnh viện vẫn đông bệnh nhân.", "2024-09-20"),  # Tết far from publication
    ("Ngày 15 tháng Giêng là mùng 15, không phải mùng 15 Tết năm 2024.", None),  # past the tenth day
])
def test_no_day_of_tet(text, published):
    assert not [s for s in spans(text, published) if s[0] == s[1]]


# The thirds of a month: "thượng tuần" days 1-10, "trung tuần" 11-20, "hạ tuần" 21 to the end.
@pytest.mark.parametrize("text, published, expected", [
    ("Hội nghị dự kiến tổ chức vào trung tuần tháng 2 tới.", "2025-01-16", ("2025-02-11", "2025-02-20")),
    ("Thượng tuần tháng 3/2024, đoàn sẽ sang thăm Nhà máy.", None, ("2024-03-01", "2024-03-10")),
    ("Đơn vị diễn tập vào hạ tuần tháng 2 năm 2024.", None, ("2024-02-21", "2024-02-29")),
    # a month announced as coming, written in December, is next year's
    ("Hội nghị dự kiến tổ chức vào trung tuần tháng 2 tới.", "2024-12-16", ("2025-02-11", "2025-02-20")),
    ("Hội thao sẽ diễn ra vào tháng 3 tới.", "2024-12-16", ("2025-03-01", "2025-03-31")),
])
def test_thirds_of_a_month(text, published, expected):
    assert spans(text, published) == [expected]


@pytest.mark.parametrize("text, published, expected", [
    ("Hạ tuần tháng 2, đơn vị diễn tập.", None, []),  # no year anywhere
    ("Tháng 2 vừa qua, đơn vị tổ chức hội thao.", "2024-12-16", [("2024-02-01", "2024-02-29")]),  # not "tới"
])
def test_thirds_of_a_month_not_decided_or_not_coming(text, published, expected):
    assert spans(text, published) == expected


# Lunar days around Tết: tháng Chạp counts from its own first day (data/date_tet.tsv,
# third column), tháng Giêng from the first day of Tết; spans between two of them.
@pytest.mark.parametrize("text, published, expected", [
    ("Bảy ngày Tết (từ 29 tháng Chạp đến mùng 5 Tết) được bảo đảm an toàn.", "2017-02-06",
     ("2017-01-26", "2017-02-01")),
    ("Vui đón Xuân Đinh Dậu 2017.\nLực lượng trực từ 29 tháng Chạp đến hết mùng 5 Tết.", None,
     ("2017-01-26", "2017-02-01")),
    ("Chiều 30 Tết, đơn vị gói bánh chưng tặng gia đình chính sách.", "2024-02-15", day("2024-02-09")),
    ("Ngày 23 tháng Chạp, cán bộ, chiến sĩ dọn dẹp doanh trại.", "2024-02-15", day("2024-02-02")),
    ("Rằm tháng Giêng, đơn vị tổ chức hội thi gói bánh.", "2024-02-15", day("2024-02-24")),
    ("Mồng 10 tháng Giêng, nhà máy khai xuân sản xuất.", "2017-02-07", day("2017-02-06")),
    ("Đơn vị trực từ 28 Tết đến mùng 6 Tết.", "2017-02-07", ("2017-01-25", "2017-02-02")),
])
def test_lunar_days_and_spans(text, published, expected):
    assert expected in spans(text, published)


@pytest.mark.parametrize("text, published", [
    ("Từ 29 tháng Chạp đến mùng 5 Tết, lực lượng trực 100% quân số.", None),  # no Tết known
    ("Chiều 30 tháng Chạp, đơn vị gói bánh chưng.", "2025-02-03"),  # Chạp of Giáp Thìn had 29 days
    ("Mồng 10 tháng Giêng, nhà máy khai xuân.", "2024-09-20"),  # Tết far from publication
    ("Anh đã trải qua 25 Tết xa nhà, bám trụ nơi đảo xa.", "2024-02-15"),  # Tết counted
    ("Cứ vào mùng 10 tháng Giêng hằng năm, người dân đi lễ.", "2024-02-15"),  # every year's
    ("Ngày 12 tháng Giêng năm Đinh Tỵ, nghĩa quân tiến công.", "2024-02-15"),  # another year's, by name
])
def test_no_lunar_day(text, published):
    assert spans(text, published) == []


def test_a_day_of_thang_gieng_with_its_year_is_a_civil_day():
    # older texts write the civil January so: "ngày 6 tháng Giêng năm 1946"
    assert spans("Ngày 6 tháng Giêng năm 1946, cử tri cả nước đi bầu Quốc hội.") == [day("1946-01-06")]


def test_the_tet_table_is_the_lunar_calendar():
    """Every row of data/date_tet.tsv recomputed with Hồ Ngọc Đức's algorithm."""
    from lunar_calendar import tet_and_chap
    from ingest.language import wordlists
    rows = wordlists.rows("date_tet.tsv")
    assert len(rows) >= 31
    for year, tet, chap in rows:
        assert tet_and_chap(int(year)) == (dt.date.fromisoformat(tet), dt.date.fromisoformat(chap)), year


# A year's name in the sexagenary cycle without its number ("xuân Đinh Dậu") is the year
# of that name nearest the years the article names, within 5 of one.
@pytest.mark.parametrize("text, expected", [
    ("Năm 2016, đơn vị hoàn thành mọi chỉ tiêu.\nGặp mặt đầu xuân Đinh Dậu chiều 6-2 tại hội trường.",
     day("2017-02-06")),
    ("Năm 2016, đơn vị hoàn thành mọi chỉ tiêu.\nTrong dịp Tết Đinh Dậu (từ 29 tháng Chạp đến mùng 5 Tết), "
     "đơn vị trực 100% quân số.", ("2017-01-26", "2017-02-01")),
])
def test_a_named_tet_with_a_year_nearby(text, expected):
    assert expected in spans(text)


@pytest.mark.parametrize("text", [
    "Gặp mặt đầu xuân Đinh Dậu chiều 6-2 tại hội trường.",  # no year named at all
    "Năm 2025, đơn vị ôn lại chiến thắng Tết Mậu Thân.\nMùng 1 Tết, đơn vị trực sẵn sàng.",  # 2028 is to come, 1968 far
    "Năm 2016 và Tết Bính Thân đã qua; Tết Đinh Dậu đến.\nMùng 1 Tết, đơn vị trực.",  # two Tết named
])
def test_a_named_tet_without_a_year_nearby_decides_nothing(text):
    assert not [s for s in spans(text) if s[0] == s[1]]


# A weekday before a day pins its year among those near the year otherwise found.
@pytest.mark.parametrize("text, published, expected", [
    ("Năm 2016, đơn vị đạt nhiều thành tích.\nSáng thứ Năm (2/2), đơn vị ra quân huấn luyện.", None,
     [day("2017-02-02")]),  # 2016-02-02 was a Tuesday
    ("Chủ nhật, ngày 5/2, đơn vị ra quân. Năm 2017 là năm bản lề.", None, [day("2017-02-05")]),
    ("Sáng thứ Năm, ngày 2/2, đơn vị ra quân huấn luyện.", "2017-02-05", [day("2017-02-02")]),
    ("Sáng thứ Tư (2/2), đơn vị ra quân. Năm 2016 đơn vị đạt nhiều thành tích.", None, []),  # no year near agrees
    ("Sáng thứ Sáu, ngày 2/2, đơn vị ra quân huấn luyện.", "2017-02-05", []),  # the publication's year disagrees
    ("Sáng thứ Năm (2/2), đơn vị ra quân huấn luyện.", None, []),  # no year anywhere: never guessed
    # an ordinal, not a weekday: the year found otherwise stands
    ("Hội nghị lần thứ 5 ngày 6/2 thông qua nghị quyết.", "2017-02-07", [day("2017-02-06")]),
])
def test_a_weekday_pins_the_year(text, published, expected):
    assert [s for s in spans(text, published) if s[0] == s[1]] == expected


# With no year of its own, an article comes after the documents it cites: a day within
# two months after the nearest one's date takes its year.
@pytest.mark.parametrize("text, expected", [
    ("Chiều 6/2, Ban Quản lý trao giấy chứng nhận đầu tư cho Tập đoàn.\nDự án được chấp thuận tại văn bản "
     "số 15/TTg-CN, ngày 25/1/2017 của Thủ tướng.", [day("2017-01-25"), day("2017-02-06")]),
])
def test_a_cited_documents_date_bounds_a_day_without_year(text, expected):
    assert sorted(spans(text)) == expected


@pytest.mark.parametrize("text", [
    # the day comes before the document's date
    "Chiều 6/1, Ban Quản lý trao giấy chứng nhận.\nDự án được chấp thuận tại văn bản số 15/TTg-CN, ngày 25/1/2017.",
    # more than two months after it: an old document cited
    "Chiều 6/5, Ban Quản lý trao giấy chứng nhận.\nDự án được chấp thuận tại văn bản số 15/TTg-CN, ngày 25/1/2017.",
    # too far away in the text
    "Chiều 6/2, Ban Quản lý trao giấy chứng nhận.\nĐoàn công tác đến.\nMọi người vui.\n"
    "Dự án được chấp thuận tại văn bản số 15/TTg-CN, ngày 25/1/2017.",
])
def test_a_cited_document_far_or_after_decides_nothing(text):
    assert [s for s in spans(text) if s[0] == s[1]] == [day("2017-01-25")]


def test_a_cited_document_is_no_anchor_when_the_article_names_a_year():
    text = ("Chiều 6/2, đơn vị tổng kết công tác năm 2018.\n"
            "Đơn vị thực hiện Chỉ thị số 05/CT-TTg ngày 25/1/2017 của Thủ tướng.")
    assert day("2017-02-06") not in spans(text)

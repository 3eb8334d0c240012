"""The event: type from title and lead, date from the dateline, place after "tại"."""
import pytest

from conftest import SHARED, needs_shared
from ingest import pipeline
from ingest.extract.dates import extract_dates
from ingest.extract.event import extract_event, lead_span


def event(title, text, published=None):
    return extract_event(title, text, extract_dates(text, published, title), published)


@pytest.mark.parametrize("title, kind", [
    ("Công ty X tổ chức hội nghị sơ kết 6 tháng đầu năm và bàn giao nhiệm vụ", "conference"),
    ("Nhà máy Y phát động đợt thi đua cao điểm chào mừng Đại hội", "campaign_launch"),
    ("Lễ bàn giao tàu tuần tra cho Vùng Cảnh sát biển", "handover"),
    ("Trao thưởng cho các tập thể, cá nhân xuất sắc", "award"),
    ("Thiếu tướng Z kiểm tra công tác huấn luyện tại đơn vị", "other"),
    ("Bộ Chỉ huy quân sự tỉnh tổ chức lễ tiễn quân nhân xuất ngũ", "other"),
    ("Doanh nghiệp quốc phòng tăng trưởng mạnh về xuất khẩu", "report"),
    ("Khối cơ quan sơ kết phong trào thi đua Quyết thắng 6 tháng đầu năm 2023", "conference"),
    ("Nhà máy Z111 đón nhận Bằng khen của Thủ tướng Chính phủ", "award"),
    ("Tổ chức tốt phong trào thi đua, hoàn thành kế hoạch 6 tháng đầu năm 2022", "report"),
])
def test_type_from_title(title, kind):
    assert event(title, "Nội dung bài viết được trình bày chi tiết dưới đây.")["type"] == kind


def test_field_of_work_name_is_not_an_award():
    text = "Ngày 5/12, Cụm thi đua tổ chức Hội nghị tổng kết công tác thi đua khen thưởng năm 2020."
    assert event("Tin hoạt động", text)["type"] == "conference"


def test_dateline_location_and_type_from_the_lead():
    text = ("Sáng 14/12, tại Nhà máy Z115, Tổng cục tổ chức Lễ phát động thi đua từ ngày 15/12/2020 đến 15/1/2021.\n"
            "Dự buổi lễ có nhiều đại biểu. Ngày 20/12 các đơn vị báo cáo kết quả.")
    assert event("Tin tức", text) == {"type": "campaign_launch", "types": ["campaign_launch"], "date": "2020-12-14",
                                      "location": "Nhà máy Z115"}


@pytest.mark.parametrize("lead, place", [
    ("Chiều 3-2, tại TP Hải Phòng (phường Lê Chân), Bộ Tư lệnh tổ chức lễ ra quân huấn luyện năm 2023.", "TP Hải Phòng"),
    ("Ngày 8-2, tại các phòng, ban Bộ Tham mưu Quân khu 4 đã tổ chức giao lưu năm 2023.", "Bộ Tham mưu Quân khu 4"),
    ("Sáng 2-2, đoàn công tác đã đến thăm và chúc Tết Bệnh viện Quân y 103 nhân dịp năm mới 2023.", "Bệnh viện Quân y 103"),
    ("Năm 2023, ngành Hậu cần Bộ CHQS tỉnh Thanh Hóa đã đẩy mạnh tăng gia sản xuất.", "Thanh Hóa"),
])
def test_location(lead, place):
    assert event("Tin tức", lead)["location"] == place


def test_report_without_a_dateline_has_no_date():
    text = ("Năm 2022, toàn Tổng cục hoàn thành kế hoạch sản xuất. Ngày 15/3/2022 đơn vị nhận bằng khen.\n"
            "Các chỉ tiêu đều vượt so với năm trước, nhiều sản phẩm mới ra đời.\n"
            "Sáng 20/12/2022, Tổng cục tổng kết công tác năm.")
    assert event("Tổng cục vượt kế hoạch sản xuất", text)["date"] is None


def test_a_document_date_is_not_the_event_date():
    text = "Chính phủ ban hành Nghị định số 15/2024/NĐ-CP ngày 20/2/2024 về quản lý thuế."
    assert event("Chính sách mới", text)["date"] is None


@pytest.mark.parametrize("lead", [
    "Nghị định mới có hiệu lực từ ngày 5-3, quy định chi tiết về thuế với hộ kinh doanh.",
    "Giá hoa tăng mạnh trong dịp lễ 8-3 năm nay do chi phí vận chuyển tăng cao.",
    "Các đơn vị phải nộp báo cáo trước ngày 20-3 cho cơ quan cấp trên quản lý.",
])
def test_effective_dates_occasions_and_deadlines_are_not_the_event(lead):
    assert event("Tin tức", lead, published="2026-03-07")["date"] is None


def test_the_first_body_paragraph_may_carry_the_date():
    text = ("(PV) - Giá cà phê trong nước tiếp tục giảm mạnh so với tuần trước.\n"
            "Cụ thể, chốt phiên 5/3, giá cà phê nhân xô ở mức thấp nhất trong tháng.")
    assert event("Giá cà phê giảm", text, published="2026-03-07")["date"] == "2026-03-05"


def test_lead_skips_bylines_and_headings():
    text = "Minh Anh\nTIÊU ĐỀ VIẾT HOA CỦA BÀI BÁO NÀY DÀI\nSáng 2/3, đơn vị tổ chức hội nghị. Câu sau."
    start, end = lead_span(text)
    assert text[start:end] == "Sáng 2/3, đơn vị tổ chức hội nghị."


def test_history_in_the_lead_is_not_the_event_date():
    text = "Ngày 23-1-1955, Bộ Tổng tham mưu thành lập Phòng Thiết kế, tiền thân của Viện."
    assert event("Viện Thiết kế 70 năm xây dựng", text, published="2025-01-16")["date"] is None


def test_history_in_the_lead_is_not_the_event_date_without_a_publication_date():
    text = ("Ngày 10-3-1965, Bộ Quốc phòng quyết định thành lập Xưởng sửa chữa, tiền thân của Nhà máy.\n"
            "Năm 2025, Nhà máy kỷ niệm 60 năm xây dựng và trưởng thành.")
    found = event("Nhà máy 60 năm xây dựng và trưởng thành", text)
    assert found["date"] is None


@pytest.mark.parametrize("title, types", [
    ("Cụm thi đua tổ chức hội nghị tổng kết năm 2024 và bàn giao chức vụ Cụm trưởng", ["conference", "handover"]),
    ("Lễ kỷ niệm 50 năm thành lập và đón nhận Huân chương Lao động hạng Nhất", ["award", "other"]),
    ("Nhà máy phát động thi đua cao điểm", ["campaign_launch"]),
    ("Tổng cục sơ kết 6 tháng đầu năm 2024", ["conference"]),  # the period reviewed is no report event
    ("Kết quả sản xuất kinh doanh 6 tháng đầu năm 2024", ["report"]),
])
def test_all_the_types_an_article_is_main_first(title, types):
    found = event(title, "Nội dung bài viết được trình bày chi tiết dưới đây.")
    assert found["types"] == types and found["type"] == types[0]


@needs_shared
def test_seed_000_is_a_conference_and_a_handover():
    path = next((SHARED / "seeds").glob("000_*.txt"))
    (_, records, error, _), = pipeline.process([path], jobs=1)
    assert error is None and records[0]["event"]["types"] == ["conference", "handover"]


# Issue 16: text dumps of news aggregators put the lead, with its dateline, on the last
# line; an event whose opening paragraphs name no day takes the day there. A report's
# closing lines are no dateline.
AFTER_BODY = ("Năm 2024, các đơn vị đã hoàn thành tốt nhiệm vụ được giao, bảo đảm an toàn tuyệt đối.\n"
              "Đồng chí Chính ủy đề nghị cán bộ, chiến sĩ tiếp tục phát huy truyền thống của đơn vị.\n")


def test_an_events_dateline_on_the_last_line():
    text = AFTER_BODY + "Sáng 8-2, tại Hải đội 2, đoàn công tác đã thăm và tặng quà cán bộ, chiến sĩ năm 2024."
    assert event("Thăm và tặng quà cán bộ, chiến sĩ Hải đội 2", text)["date"] == "2024-02-08"


def test_a_reports_last_line_gives_no_event_date():
    text = AFTER_BODY + "Ngày 8-2, đơn vị tổng hợp số liệu sản xuất của năm 2024 gửi cấp trên."
    result = event("Doanh nghiệp quốc phòng tăng trưởng mạnh về xuất khẩu", text)
    assert (result["type"], result["date"]) == ("report", None)


def test_the_opening_dateline_wins_over_the_last_line():
    text = ("Sáng 5-2-2024, đoàn công tác thăm và tặng quà cán bộ, chiến sĩ Hải đội 2 nhân dịp Tết.\n" + AFTER_BODY
            + "Sáng 8-2, đoàn tiếp tục thăm các đơn vị khác.")
    assert event("Thăm và tặng quà Hải đội 2", text)["date"] == "2024-02-05"


@pytest.mark.parametrize("title, text, kind", [
    # a visit that directs work is a visit, though its talk ends with "phát biểu kết luận"
    ("Thứ trưởng chỉ đạo công tác tại Công an tỉnh X",
     "Tham dự có lãnh đạo các cục. Thứ trưởng phát biểu kết luận buổi làm việc.", "other"),
    # a meeting with the press, named only in the body
    ("Công an thành phố tiếp tục tấn công tội phạm", "Lời phát biểu tại buổi gặp mặt các cơ quan báo chí đầu xuân.", "other"),
    # one accident
    ("Xe tải mất phanh trên đèo", "Vụ tai nạn xảy ra lúc 3 giờ sáng, không có thương vong.", "other"),
    # a festival named in the title is not a ceremony: the press conference is the event
    ("Ngày 10/4, khai mạc Lễ hội hoa ban",
     "Sáng 2/3, ban tổ chức tổ chức họp báo về Lễ hội hoa ban và Hội nghị xúc tiến du lịch.", "conference"),
    # "năng lực kiểm tra" is a capability, not an inspection
    ("Tổng cục triển khai 20 đề án trong năm",
     "Một đề án là tăng cường năng lực kiểm tra hàng hóa bằng máy soi.", "report"),
])
def test_event_types_of_general_news(title, text, kind):
    assert event(title, text)["type"] == kind


def test_what_the_lead_quotes_does_not_vote_for_the_type():
    text = ("Tại bệnh viện, Trung tá Nguyễn Văn Bình cho biết: “Dịp Tết, bệnh viện đã thăm hỏi, tặng quà các gia đình "
            "chính sách và khám bệnh miễn phí cho nhân dân”.\nBệnh viện khám cho hàng nghìn lượt người.")
    assert event("Tận tụy với người bệnh", text)["type"] == "report"
    unquoted = text.replace("“", "").replace("”", "")
    assert event("Tận tụy với người bệnh", unquoted)["type"] == "other"


def test_a_day_deep_in_the_last_paragraph_or_without_a_dateline_word_is_not_the_event():
    late = AFTER_BODY + ("Đoàn công tác đã đến thăm, động viên cán bộ, chiến sĩ các đơn vị đóng quân trên địa bàn "
                         "và trao quà vào sáng 8-2 năm 2024.")
    assert event("Thăm và tặng quà cán bộ, chiến sĩ Hải đội 2", late)["date"] is None
    bare = AFTER_BODY + "Từ 8-2 năm 2024, đoàn công tác thăm và tặng quà các đơn vị."
    assert event("Thăm và tặng quà cán bộ, chiến sĩ Hải đội 2", bare)["date"] is None


# A report is dated by a day it is about, not by the day its story was gathered: the
# reporter meeting a source, or a source interviewed and quoted in the lead.
@pytest.mark.parametrize("lead", [
    "Chiều 3-3, chúng tôi được Thượng tá Lê Văn Nam kể về những chuyến tuần tra trên biển năm qua.",
    "Tại Bệnh viện Quân y 7, ngày 3-3, Trung tá Trần Văn Bình cho biết: “Bệnh viện đã khám cho hàng nghìn người.”",
    "Ngày 3-3, trao đổi với phóng viên, Đại tá Hồ Văn Tâm nói về kế hoạch nghiên cứu của Viện trong năm.",
])
def test_the_day_a_reports_story_was_gathered_is_not_its_date(lead):
    assert event("Những người lính thầm lặng", lead + "\nĐơn vị luôn hoàn thành tốt nhiệm vụ.", "2024-03-05")["date"] is None


@pytest.mark.parametrize("lead, date", [
    ("Ngày 3-3, Ủy ban Chứng khoán đã có công văn gửi Tổng công ty về việc thoái vốn tại ngân hàng.", "2024-03-03"),
    # what the reporter saw: the day of the prices
    ("Theo khảo sát của phóng viên sáng 3-3, giá xe máy tại các đại lý giảm từ 1 đến 2 triệu đồng.", "2024-03-03"),
    ("Theo ghi nhận của PV ngày 3-3, tiểu thương trao đổi với nhau về việc chợ đóng cửa.", "2024-03-03"),
    ("Giá vàng hôm nay (3-3) tiếp tục tăng mạnh theo đà của thị trường thế giới.", "2024-03-03"),
])
def test_a_report_pegged_to_a_day_keeps_it(lead, date):
    assert event("Thoái vốn và giá vàng", lead + "\nThị trường còn nhiều biến động.", "2024-03-05")["date"] == date


def test_an_events_lead_with_a_quote_keeps_its_date():
    lead = "Sáng 3-3, Bộ Tư lệnh tổ chức hội nghị tổng kết; Đại tá Hồ Văn Tâm cho biết: “Đơn vị đã hoàn thành nhiệm vụ.”"
    assert event("Hội nghị tổng kết công tác năm", lead, "2024-03-05")["date"] == "2024-03-03"


@pytest.mark.parametrize("lead, date", [
    # what a law provides: when its rule took effect, not a day the report is about
    ("Doanh nghiệp gặp khó khăn trong năm qua.\nĐặc biệt, theo quy định của Luật Thuế sửa đổi, từ ngày 1/1/2024, "
     "thuế suất tiếp tục tăng lên mức 70%.", None),
    ("Doanh nghiệp gặp khó khăn trong năm qua.\nLuật mới quy định từ ngày 1/2/2024 mức phí tăng lên 1,5%.", None),
    # a trading start the report announces is its day
    ("Cổ phiếu của công ty sẽ chính thức giao dịch trên sàn kể từ ngày 3/3/2024.\nThị trường còn biến động.",
     "2024-03-03"),
])
def test_a_provisions_day_is_not_the_event(lead, date):
    assert event("Doanh nghiệp và thị trường", lead, "2024-03-05")["date"] == date
    assert event("Doanh nghiệp và thị trường", lead)["date"] == date  # nor without a publication date

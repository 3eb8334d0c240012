"""Text dumps: header junk, headline, fields lifted, comment forms cut, captions."""
import pytest

from cleaning_fixtures import DUMP, PARAGRAPHS
from ingest.clean.decode import InputError
from ingest.clean.text_clean import clean_dump


@pytest.fixture(scope="module")
def dump():
    return clean_dump(DUMP)


def test_title_is_the_headline_after_the_header_junk(dump):
    assert dump["title"] == "NHÀ MÁY Z199 TỔ CHỨC LỄ PHÁT ĐỘNG THI ĐUA CAO ĐIỂM CHÀO MỪNG NGÀY TRUYỀN THỐNG NGÀNH"


def test_body_is_the_paragraphs_only(dump):
    assert dump["text"].split("\n") == PARAGRAPHS[:4]


def test_fields_lifted(dump):
    assert dump["published"] == "2024-04-15T08:30"
    assert dump["author"] == "Đỗ Minh Châu"  # not the photographer of "Ảnh: Quang Huy"


def test_captions(dump):
    assert dump["captions"] == ["Lãnh đạo Nhà máy trao cờ thi đua cho các phân xưởng (Ảnh: PV)",
                                "(Công nhân Nhà máy thi đua lao động sản xuất)"]


def test_section_label_is_not_a_headline():
    fields = clean_dump("Tin hoạt động\n\n" + "\n\n".join(PARAGRAPHS) + "\n\nTin, ảnh: QUANG HUY\n\nBình luận\nHọ và tên:")
    assert fields["title"] is None
    assert fields["author"] == "Quang Huy"
    assert fields["text"].split("\n") == PARAGRAPHS


def test_header_spam_line_before_the_headline():
    title = "Nhà máy Z199 phát động thi đua cao điểm “Lập công dâng Đảng”"
    fields = clean_dump(f"Hình ảnh hoạt động -z199factory\n\n{title}\n\n" + "\n\n".join(PARAGRAPHS) +
                        f"\n\n{title} {title}\n\nHoàng Minh\n\nNguồn: Nhà máy Z199.")
    assert fields["title"] == title
    assert fields["text"].split("\n") == PARAGRAPHS
    assert fields["author"] == "Hoàng Minh"


def test_dump_without_text():
    with pytest.raises(InputError, match="no article text"):
        clean_dump("Trang chủ\nLiên hệ\nHotline: 0912.345.678\n")


def test_related_headlines_after_the_article_are_cut():
    related = "\n".join(["Tin liên quan", "Nhà máy Z131 phát động thi đua cao điểm",
                         "Cụm thi đua các viện nghiên cứu tổng kết công tác năm"])
    fields = clean_dump("\n".join(PARAGRAPHS) + "\nThu Hằng\n" + related)
    assert fields["text"].split("\n") == PARAGRAPHS
    assert fields["author"] == "Thu Hằng"


def test_date_under_the_headline_not_the_banner_date():
    fields = clean_dump("Thứ Hai, 22/11/2026\nNhà máy Z199 tổng kết phong trào thi đua năm 2023\n"
                        "20/12/2023 | Lượt xem: 1234\n" + "\n".join(PARAGRAPHS))
    assert fields["published"] == "2023-12-20"
    assert fields["text"].split("\n") == PARAGRAPHS


def test_byline_under_the_headline():
    fields = clean_dump("Nhà máy Z199 tổng kết phong trào thi đua năm 2023\nBài và ảnh: PHẠM VĂN KHOA\n"
                        + "\n".join(PARAGRAPHS))
    assert fields["author"] == "Phạm Văn Khoa"
    assert fields["text"].split("\n") == PARAGRAPHS


def test_see_also_inside_a_dump_does_not_cut_it():
    fields = clean_dump("\n".join(PARAGRAPHS[:2] + ["Xem thêm:"] + PARAGRAPHS[2:]))
    assert fields["text"].split("\n") == PARAGRAPHS


def test_long_comments_after_a_dump_comment_form_are_cut():
    comment = "Tôi rất đồng tình với bài viết, " * 8
    fields = clean_dump("\n".join(PARAGRAPHS + ["Ý kiến bình luận", comment, comment]))
    assert fields["text"].split("\n") == PARAGRAPHS


def test_copied_page_with_menu_and_share_line():
    title = "Nhà máy Z199 tổ chức hội thao kỹ thuật chào mừng ngày truyền thống"
    menu = ["Trang chủ", "Chính trị", "Quốc phòng an ninh", "Kinh tế quân sự", "Cổng thông tin điện tử Nhà máy Z199"]
    fields = clean_dump("\n".join(menu + [title, "Thứ Năm, 16/01/2025, 10:25 (GMT+7)", "Chia sẻ bài viết lên Facebook"]
                                  + PARAGRAPHS))
    assert fields["title"] == title
    assert fields["published"] == "2025-01-16T10:25"
    assert fields["text"].split("\n") == PARAGRAPHS


def test_title_line_blank_line_text_keeps_the_first_line_as_title():
    # issue 11: the text's first line (often the headline again) was taken for the title
    # and the real first line dropped
    dump = ("Nhà máy Z199 tổng kết phong trào thi đua năm 2024\n\n"
            "Tổng kết thi đua năm 2024 tại Nhà máy Z199\n"
            "Sáng 20/12, Nhà máy Z199 tổ chức hội nghị tổng kết phong trào thi đua quyết thắng năm 2024 "
            "với sự tham dự của đông đảo cán bộ, công nhân viên.\n"
            "Năm 2024, nhà máy hoàn thành vượt mức kế hoạch sản xuất.\n")
    fields = clean_dump(dump)
    assert fields["title"] == "Nhà máy Z199 tổng kết phong trào thi đua năm 2024"
    assert fields["text"].split("\n") == dump.strip().split("\n")[2:]


def test_a_page_dump_with_blank_lines_between_blocks_keeps_the_headline_rule():
    from ingest.clean.text_clean import title_then_text
    assert title_then_text(DUMP) is None


# A record without markup: a photo often stands right under a subheading, so its
# caption (one short sentence, no told words) follows the heading, not a paragraph.
LONG_A = ("Theo báo cáo của Phòng Cảnh sát giao thông, trong những ngày nghỉ Tết trên địa bàn tỉnh không xảy ra "
          "vụ tai nạn giao thông nghiêm trọng nào.")
LONG_B = ("Trưởng phòng cho biết lực lượng đã tổ chức tuần tra kiểm soát suốt ngày đêm, xử lý nghiêm các trường hợp "
          "vi phạm nồng độ cồn khi điều khiển phương tiện.")


def test_a_caption_under_a_subheading_is_set_apart():
    caption = "Lực lượng cảnh sát cơ động phối hợp với cảnh sát giao thông làm nhiệm vụ dịp Tết."
    record = "\n".join(["Tỉnh không có tai nạn giao thông dịp Tết", LONG_A, "Tuần tra suốt ngày đêm", caption, LONG_B])
    fields = clean_dump(record, "r.txt")
    assert fields["captions"] == [caption]
    assert fields["text"].splitlines() == [LONG_A, "Tuần tra suốt ngày đêm", LONG_B]


@pytest.mark.parametrize("line", [
    "Vụ tai nạn xảy ra vào khoảng 9 giờ sáng 6-2 trên quốc lộ.",  # a time: the section's lead
    "Lực lượng cảnh sát cơ động làm nhiệm vụ suốt 7 ngày Tết.",  # a number
])
def test_a_line_with_a_number_under_a_subheading_stays_text(line):
    record = "\n".join(["Tỉnh không có tai nạn giao thông dịp Tết", LONG_A, "Tuần tra suốt ngày đêm", line, LONG_B])
    assert clean_dump(record, "r.txt")["captions"] == []

"""Main-content detection on pages we wrote, and on the real pages when present."""
import json

import pytest

from cleaning_fixtures import PARAGRAPHS, RELATED, joomla_page, news_page, wordpress_page
from conftest import SHARED
from ingest.clean import html_clean
from ingest.clean.decode import InputError
from ingest.clean.html_clean import clean_html


@pytest.fixture(scope="module")
def article():
    return clean_html(news_page())


def test_body_paragraphs_in_order_with_the_lead(article):
    assert article["text"].split("\n") == PARAGRAPHS


def test_furniture_is_gone(article):
    text = article["text"]
    for junk in ["Trang chủ", "Chia sẻ", "Tin liên quan", "Bình luận", "Họ và tên", "Đọc nhiều",
                 "Bản quyền", "Tổng biên tập", "Hotline", "Mời bạn đọc", "Từ khóa", "đổi thưởng", *RELATED]:
        assert junk not in text


def test_captions_kept_apart(article):
    assert article["captions"] == ["Quang cảnh hội nghị sơ kết thi đua.",
                                   "Thiếu tướng Trần Văn Lâm phát biểu chỉ đạo hội nghị."]
    assert "Quang cảnh" not in article["text"]


def test_fields(article):
    assert article["title"] == "Tổng cục Công nghiệp quốc phòng sơ kết phong trào thi đua 6 tháng đầu năm"
    assert article["published"] == "2024-04-12T10:25"
    assert article["author"] == "Lê Thanh Bình"


def test_closing_name_line_is_the_author():
    page = clean_html(news_page(byline="<p><strong>TRẦN HẢI ĐĂNG</strong></p>"))
    assert page["author"] == "Trần Hải Đăng"
    assert "TRẦN HẢI ĐĂNG" not in page["text"]


def test_more_news_heading_inside_the_body_does_not_end_it():
    paragraphs = PARAGRAPHS * 2
    page = clean_html(news_page(paragraphs=paragraphs[:3] + ["<b>Tin mới</b>"] + paragraphs[3:]))
    assert page["text"].split("\n") == paragraphs


def test_unmarked_related_box_late_in_the_body():
    paragraphs = PARAGRAPHS * 2
    box = "Tin liên quan</p><ul>" + "".join(f'<li><a href="/{i}">{t}</a></li>' for i, t in enumerate(RELATED)) + "</ul><p>"
    page = clean_html(news_page(paragraphs=paragraphs[:8] + [box] + paragraphs[8:]))
    assert page["text"].split("\n") == paragraphs


def test_comments_heading_near_the_end_ends_it():
    tail = "<p>Bình luận</p><p>Bạn đọc Minh: Tôi rất đồng tình với bài viết, mong các đơn vị tiếp tục phát huy.</p>"
    page = clean_html(news_page(byline=tail))
    assert page["text"].split("\n") == PARAGRAPHS


@pytest.mark.parametrize("classes", ["box-relate", "other-news", "tin-khac", "cung-chuyen-muc", "outbrain-widget"])
def test_boxes_of_other_articles_are_dropped(classes):
    teaser = ("<p>Bài khác: Nhà máy Z131 tổ chức hội thao kỹ thuật, thu hút đông đảo cán bộ, công nhân viên "
              "tham gia, với nhiều nội dung thi đấu sôi nổi, hấp dẫn.</p>")
    page = clean_html(news_page(byline=f'<div class="{classes}">{teaser * 2}</div>'))
    assert page["text"].split("\n") == PARAGRAPHS


@pytest.mark.parametrize("classes", ["detail-content overflow-hidden", "detail-content print-area",
                                     "detail-content article-audio-ready"])
def test_weak_class_words_never_drop_the_article(classes):
    page = clean_html(news_page().replace('class="detail-content"', f'class="{classes}"'))
    assert page["text"].split("\n") == PARAGRAPHS


def test_hidden_elements_are_dropped():
    hidden = '<p class="hidden">Nội dung ẩn dành cho máy tìm kiếm, không hiển thị cho bạn đọc, rất dài và nhiều chữ.</p>'
    page = clean_html(news_page(byline=hidden + '<p style="display: none">Một đoạn ẩn khác cũng dài, có dấu phẩy, '
                                'không được đưa vào bài viết.</p>'))
    assert page["text"].split("\n") == PARAGRAPHS


def test_italic_or_centred_line_under_a_photo_is_a_caption():
    photos = ('<p style="text-align:center"><img src="/c.jpg"></p><p><em>Công nhân Nhà máy Z199 thi đua sản xuất.</em></p>'
              '<div><a href="/d.jpg"><img src="/d.jpg"></a></div><p align="center">Trao cờ thi đua cho các phân xưởng.</p>'
              '<p><img src="/e.jpg"></p><p>Đoạn văn thường ngay sau ảnh, không in nghiêng, vẫn thuộc về bài viết.</p>')
    page = clean_html(news_page(byline=photos))
    assert page["captions"][-2:] == ["Công nhân Nhà máy Z199 thi đua sản xuất.", "Trao cờ thi đua cho các phân xưởng."]
    assert page["text"].endswith("Đoạn văn thường ngay sau ảnh, không in nghiêng, vẫn thuộc về bài viết.")


def test_data_table_rows_read_as_lines():
    table = ("<table><tr><th>Đơn vị</th><th>Sáng kiến</th><th>Làm lợi (tỷ đồng)</th></tr>"
             "<tr><td>Nhà máy Z199</td><td>45</td><td>12,5</td></tr></table>")
    page = clean_html(news_page(byline=table))
    assert page["text"].split("\n")[-2:] == ["Đơn vị | Sáng kiến | Làm lợi (tỷ đồng)", "Nhà máy Z199 | 45 | 12,5"]


def test_short_article_beats_an_unmarked_list_of_summaries():
    teasers = "".join(f'<div class="item"><h3><a href="/{i}">Tin khác số {i} về thi đua</a></h3><p>Trong năm qua, '
                      f'đơn vị số {i} đã tích cực, chủ động triển khai nhiều nội dung thi đua, đạt nhiều kết quả '
                      f'quan trọng, góp phần hoàn thành nhiệm vụ.</p></div>' for i in range(12))
    page = (f"<html><head><title>Lễ ra quân - Báo Mẫu</title></head><body><div class='main'><h1>Nhà máy Z199 tổ "
            f"chức lễ ra quân huấn luyện năm 2024</h1><div class='body'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}"
            f"</p></div></div><div class='col-right'><h2>Đọc thêm</h2>{teasers}</div></body></html>")
    assert clean_html(page)["text"].split("\n") == PARAGRAPHS[:2]


def test_page_without_classes_or_headline():
    links = "".join(f'<a href="/{i}">{t}</a><br>' for i, t in enumerate(RELATED * 3))
    page = (f"<html><head><title>Cụm thi đua tổng kết năm | Trang thông tin Nhà máy Z199</title></head><body>"
            f"<table><tr><td>{links}</td><td><b>Cụm thi đua tổng kết công tác năm 2023</b><br>"
            f"Cập nhật: 20/12/2023<br><br>" + "<br><br>".join(PARAGRAPHS) +
            "<br><br>Phan Văn Hòa<br></td></tr></table><center>Copyright © 2023 Nhà máy Z199.</center></body></html>")
    fields = clean_html(page)
    assert fields["title"] == "Cụm thi đua tổng kết công tác năm 2023"
    assert fields["text"].split("\n") == PARAGRAPHS
    assert (fields["published"], fields["author"]) == ("2023-12-20", "Phan Văn Hòa")


def test_wordpress_unit_site():
    fields = clean_html(wordpress_page())
    assert fields["text"].split("\n") == PARAGRAPHS
    assert fields["captions"] == ["Quang cảnh hội nghị tổng kết."]
    assert (fields["title"], fields["published"], fields["author"]) == \
        ("Nhà máy Z199 tổng kết thi đua năm 2023", "2023-12-28T10:15", "Nguyễn Thị Hoa")


def test_joomla_site_without_h1():
    fields = clean_html(joomla_page())
    assert fields["text"].split("\n") == PARAGRAPHS[:4]
    assert fields["captions"] == ["Đồng chí Đại tá Lê Văn Tám phát biểu tại hội nghị"]
    assert (fields["title"], fields["published"], fields["author"]) == \
        ("Cụm thi đua số 5 sơ kết 6 tháng đầu năm", "2023-07-12T08:30", "Trần Đức")  # not the CMS's "Super User"


def test_div_paragraphs_and_a_date_line_without_metadata():
    page = ("<html><head><title>Tổng cục CNQP: Hội nghị tổng kết thi đua | Cổng TTĐT</title></head><body>"
            "<div class='top'>Thứ Hai, 22/11/2026</div><div class='col'><div class='title-news'>Tổng cục CNQP: "
            "Hội nghị tổng kết thi đua</div><div class='info'>15:20 | 20/12/2023</div><div class='news-content'>"
            + "".join(f"<div>{p}</div>" for p in PARAGRAPHS) + "<div><b>Bài, ảnh: HÀ MY</b></div></div>"
            "<div class='other'><div>Các tin khác</div><ul>" + "".join(f"<li><a href='/{i}'>{t}</a></li>"
                                                                      for i, t in enumerate(RELATED * 3))
            + "</ul></div></div></body></html>")
    fields = clean_html(page)
    assert fields["text"].split("\n") == PARAGRAPHS
    assert (fields["published"], fields["author"]) == ("2023-12-20T15:20", "Hà My")


def test_page_author_meta_is_the_last_resort():
    page = joomla_page().replace("Super User", "Hoàng Lan").replace("<strong>Tin: Trần Đức - Ảnh: Minh Hải</strong>", "")
    assert clean_html(page)["author"] == "Hoàng Lan"


def test_site_profile_overrides_the_generic_rule(monkeypatch):
    profile = {"baoquocphongmau.vn": {"content": "//div[@class='detail-content']", "drop": ["./table"]}}
    monkeypatch.setattr(html_clean, "_profiles", lambda: profile)
    fields = clean_html(news_page())
    assert fields["text"].split("\n") == PARAGRAPHS  # the lead is still found outside the profile's body
    assert fields["captions"] == ["Quang cảnh hội nghị sơ kết thi đua."]


def test_profiles_file_is_valid():
    html_clean._profiles.cache_clear()
    for domain, profile in html_clean._profiles().items():
        assert "." in domain and profile["content"].startswith(("/", "."))


@pytest.mark.parametrize("html", ["", "<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>",
                                  "<html><body><p>   </p></body></html>"])
def test_no_text_is_an_input_error(html):
    with pytest.raises(InputError, match="no article text"):
        clean_html(html)


def test_truncated_and_broken_html_still_read():
    page = news_page()
    assert PARAGRAPHS[2] in clean_html(page[: page.index(PARAGRAPHS[3][:40])])["text"]
    broken = "<div><p>" + "</div><p><b>".join(PARAGRAPHS) + "</i></span>"
    assert clean_html(broken)["text"].count("\n") >= 3


LISTS = sorted(SHARED.glob("corpus/news_html/*_list.html")) + sorted(SHARED.glob("corpus/qdnd/*.html"))


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")
@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_real_pages_do_not_crash(path):
    try:
        fields = clean_html(path.read_text(encoding="utf-8"), str(path))
    except InputError as exc:
        assert "no article text" in str(exc)
        return
    assert fields["text"] and fields["title"]
    json.dumps(fields)

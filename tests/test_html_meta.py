"""Each metadata rule: title, published date, author."""
from ingest.clean.html_clean import parse
from ingest.clean.html_meta import page_meta


def meta_of(head="", body="", source=None):
    return page_meta(parse(f"<html><head>{head}</head><body>{body}<p>Nội dung.</p></body></html>"), source)


def test_title_is_the_h1_agreeing_with_og_title():
    m = meta_of('<meta property="og:title" content="Nhà máy Z199 phát động thi đua cao điểm năm 2024">',
                '<h1 class="logo">Báo Quốc Phòng Mẫu</h1><h1>Nhà máy Z199 phát động thi đua cao điểm</h1>')
    assert m["title"] == "Nhà máy Z199 phát động thi đua cao điểm"


def test_logo_h1_loses_to_the_headline_named_in_title_tag():
    m = meta_of("<title>Nhà máy Z199 phát động thi đua cao điểm - Báo Quân Đội Mẫu</title>",
                '<h1 class="logo">Báo Quân Đội Mẫu Điện Tử</h1><h1>Nhà máy Z199 phát động thi đua cao điểm</h1>')
    assert m["title"] == "Nhà máy Z199 phát động thi đua cao điểm"
    m = meta_of("<title>Nhà máy Z199 phát động thi đua cao điểm - Báo Quân Đội Mẫu</title>",
                '<h1 class="logo">Trang Thông Tin Điện Tử</h1>')
    assert m["title"] == "Nhà máy Z199 phát động thi đua cao điểm" and m["title_el"] is None


def test_site_name_before_the_headline_in_title_tag():
    m = meta_of("<title>Nhà máy Z183 - Nhà máy Z183 đón nhận Cờ thi đua của Bộ Quốc phòng</title>",
                '<h1 class="site">Nhà máy Z183</h1><h1>Nhà máy Z183 đón nhận Cờ thi đua của Bộ Quốc phòng</h1>')
    assert m["title"] == "Nhà máy Z183 đón nhận Cờ thi đua của Bộ Quốc phòng"


def test_title_from_og_title_without_h1():
    m = meta_of('<meta property="og:title" content="Cụm thi đua số 3 tổng kết năm 2023">')
    assert m["title"] == "Cụm thi đua số 3 tổng kết năm 2023"


def test_title_tag_loses_its_site_name():
    assert meta_of("<title>Cụm thi đua số 3 tổng kết năm 2023 - Báo Mẫu</title>")["title"] == \
        "Cụm thi đua số 3 tổng kết năm 2023"
    assert meta_of("<title>Cụm thi đua số 3 tổng kết năm 2023 | Cổng thông tin Nhà máy Z199</title>")["title"] == \
        "Cụm thi đua số 3 tổng kết năm 2023"


def test_published_from_article_meta():
    m = meta_of('<meta property="article:published_time" content="2024-04-12T10:25:00+07:00">')
    assert m["published"] == "2024-04-12T10:25"


def test_published_from_itemprop_and_json_ld():
    assert meta_of('<meta itemprop="datePublished" content="2023-12-20">')["published"] == "2023-12-20"
    ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-05T07:00:00+07:00"}</script>'
    assert meta_of(ld)["published"] == "2024-01-05T07:00"


def test_published_from_time_element_and_dateline():
    assert meta_of(body='<time datetime="2024-02-09T22:11:00+07:00">22:11</time>')["published"] == "2024-02-09T22:11"
    assert meta_of(body='<span class="post-date">Thứ sáu, 09/02/2024 22:11</span>')["published"] == "2024-02-09T22:11"


def test_broken_json_ld_is_skipped():
    ld = '<script type="application/ld+json">{"datePublished": "2024-01-05", </script>'
    assert meta_of(ld + '<meta name="pubdate" content="2024-01-06">')["published"] == "2024-01-06"


def test_author_from_json_ld_person_not_organization():
    ld = ('<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Organization",'
          '"name":"Báo Mẫu"},{"@type":"Person","name":"TH&#7842;O VY"}]}</script>')
    assert meta_of(ld)["author"] == "Thảo Vy"


def test_author_meta_with_theo_and_site_name_refused():
    assert meta_of('<meta property="article:author" content="Theo Minh Trang">')["author"] == "Minh Trang"
    m = meta_of('<meta name="author" content="Quốc Phòng Mẫu"><link rel="canonical" '
                'href="https://quocphongmau.vn/a.html">')
    assert m["author"] is None
    assert meta_of('<meta property="article:author" content="https://facebook.com/baomau">')["author"] is None


def test_author_from_byline_element():
    assert meta_of(body='<div class="article-author"><a href="/tg/1">Hồng Nhung</a></div>')["author"] == "Hồng Nhung"


def test_published_from_a_dateline_under_the_headline():
    m = meta_of(body="<div><h1>Nhà máy Z199 tổ chức hội nghị tổng kết</h1>"
                     "<div><span>Cập nhật lúc 10:25 ngày 12/04/2024</span></div><div><p>Nội dung.</p></div></div>")
    assert m["published"] == "2024-04-12T10:25"

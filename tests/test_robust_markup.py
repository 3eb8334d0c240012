"""Broken and runaway markup: listing links, sitemaps behind junk, pages nested past
lxml's depth limit — each still read whole."""
from ingest.clean.html_clean import clean_html
from ingest.scrape.links import page_links
from ingest.scrape.sitemaps import entries

PARAGRAPH = ("Sáng 12/3, Nhà máy Z129 tổ chức hội nghị tổng kết công tác thi đua năm 2023 với sự tham dự "
             "của đông đảo cán bộ, công nhân viên và người lao động trong toàn nhà máy.")


def _article(n):
    return f"https://tin.example.vn/thi-dua/nha-may-to-chuc-hoi-nghi-tong-ket-{1000 + n}.html"


def test_listing_links_survive_broken_markup():
    html = ("<html><body><div class=list>"
            f"<a href={_article(1)}>Tin một</a>"                       # unquoted, no close
            f"<p><a href='{_article(2)}'><b>Tin hai</a></b>"            # misnested
            f"<a href=\"{_article(3)}\">Tin ba"                         # never closed
            "<a href=/thi-dua?page=2>Trang sau</a>"
            "<a href=https://other.example.com/x-123456.html>elsewhere</a>")
    articles, pages = page_links(html, "https://tin.example.vn/thi-dua")
    assert articles == [_article(1), _article(2), _article(3)]
    assert pages == ["https://tin.example.vn/thi-dua?page=2"]


def test_listing_links_nested_thousands_deep():
    html = ("<html><body>" + "<div>" * 3000 + "".join(f'<a href="{_article(n)}">tin {n}</a>' for n in range(5))
            + "</div>" * 3000 + "</body></html>")
    articles, _ = page_links(html, "https://tin.example.vn/thi-dua")
    assert articles == [_article(n) for n in range(5)]


def test_sitemap_after_a_server_warning():
    body = (b"<br />\n<b>Warning</b>: session_start(): failed in /var/www/index.php on line 3<br />\n"
            b'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>https://tin.example.vn/a-1001.html</loc><lastmod>2024-05-01</lastmod></url>"
            b"<url><loc>https://tin.example.vn/a-1002.html</loc></url></urlset>")
    kind, found = entries(body, "https://tin.example.vn/sitemap.xml")
    assert kind == "sitemap"
    assert [url for url, _ in found] == ["https://tin.example.vn/a-1001.html", "https://tin.example.vn/a-1002.html"]


def test_a_page_nested_past_lxml_depth_limit_keeps_its_text():
    html = ("<html><head><title>Nhà máy Z129 tổng kết thi đua năm 2023</title>"
            '<meta property="article:published_time" content="2024-01-05T08:00:00+07:00"></head><body>'
            "<nav><a href='/'>Trang chủ</a></nav>" + "<div>" * 5000
            + f"<p>{PARAGRAPH}</p><figure>\n<img src=a.jpg>\n<figcaption>Quang cảnh hội nghị.</figcaption>\n</figure>\n"
            + f"<p>{PARAGRAPH.replace('Sáng 12/3', 'Chiều cùng ngày')}</p>" + "</div>" * 5000 + "</body></html>")
    fields = clean_html(html, "deep.html")
    assert fields["title"] == "Nhà máy Z129 tổng kết thi đua năm 2023"
    assert fields["published"].startswith("2024-01-05")
    assert PARAGRAPH in fields["text"] and "Chiều cùng ngày" in fields["text"]
    assert "Trang chủ" not in fields["text"] and "Quang cảnh hội nghị" not in fields["text"]

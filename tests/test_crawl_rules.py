"""URL canonicalization, link rules, sitemap/feed parsing and the HTTP helpers, offline."""
from datetime import date

import pytest

from ingest.scrape.fetch import declared_charset, retry_after
from ingest.scrape.links import load_profile, page_links, rules_for
from ingest.scrape.sitemaps import entries
from ingest.scrape.urlnorm import canonical_url


@pytest.mark.parametrize("raw, expected", [
    ("HTTP://Báo.VN:80/tin/a.html#binh-luan", "http://xn--bo-mia.vn/tin/a.html"),
    ("https://qdnd.vn:443/tin?b=2&utm_source=fb&a=1&fbclid=x", "https://qdnd.vn/tin?a=1&b=2"),
    ("https://qdnd.vn", "https://qdnd.vn/"),
    ("https://qdnd.vn/thi-đua/bài 1.html", "https://qdnd.vn/thi-%C4%91ua/b%C3%A0i%201.html"),
    ("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a"),
])
def test_canonical_url(raw, expected):
    assert canonical_url(raw) == expected


@pytest.mark.parametrize("raw", ["mailto:toasoan@qdnd.vn", "javascript:void(0)", "ftp://x.vn/a", "http://x.vn:99999/"])
def test_unfetchable_links_are_dropped(raw):
    assert canonical_url(raw) is None


def test_relative_links_resolve_against_the_page():
    assert canonical_url("../tin/b.html?utm_medium=x", "https://qdnd.vn/chuyen-muc/thi-dua") == "https://qdnd.vn/tin/b.html"


@pytest.mark.parametrize("url, article", [
    ("https://qdnd.vn/quoc-phong/nha-may-z111-thi-dua-quyet-thang-745123.html", True),
    ("https://baomoi.com/tin/c/45123456.epi", False),
    ("https://www.qdnd.vn/tin/12345678.htm", True),
    ("https://vnexpress.net/nha-may-quoc-phong-phat-dong-phong-trao-thi-dua-moi", True),
    ("https://qdnd.vn/chuyen-muc/thi-dua", False),
    ("https://qdnd.vn/chuyen-muc/thi-dua?trang=2", False),
    ("https://qdnd.vn/anh/anh-dep-ve-phong-trao-thi-dua-nam-nay-1234.jpg", False),
])
def test_generic_article_rule(url, article):
    assert rules_for(url).is_article(url) is article


def test_listing_links_keep_articles_and_next_pages_of_the_same_site():
    html = """<html><body>
      <a href="/tin/phat-dong-thi-dua-1001.html">Bài 1</a>
      <a href="/tin/phat-dong-thi-dua-1001.html?utm_source=zalo">Bài 1 lại</a>
      <a href="https://www.qdnd.vn/tin/so-ket-thi-dua-1002.html">Bài 2</a>
      <a href="https://baokhac.vn/tin/bai-khac-1003.html">Báo khác</a>
      <a href="/lien-he">Liên hệ</a>
      <a href="/chuyen-muc/thi-dua?trang=2">2</a>
      <a href="/chuyen-muc/thi-dua/xem-them" rel="next">Xem thêm</a>
    </body></html>"""
    articles, pages = page_links(html, "https://qdnd.vn/chuyen-muc/thi-dua")
    assert articles == ["https://qdnd.vn/tin/phat-dong-thi-dua-1001.html", "https://www.qdnd.vn/tin/so-ket-thi-dua-1002.html"]
    assert pages == ["https://qdnd.vn/chuyen-muc/thi-dua?trang=2", "https://qdnd.vn/chuyen-muc/thi-dua/xem-them"]


def test_site_profile_replaces_generic_rules_for_its_host_only():
    profile = load_profile('{"qdnd.vn": {"article": ["^/bai/\\\\d+$"], "pagination": ["/p\\\\d+$"]}}')
    rules = rules_for("https://www.qdnd.vn/", profile)
    assert rules.is_article("https://qdnd.vn/bai/42") and not rules.is_article("https://qdnd.vn/tin/a-b-c-12345.html")
    assert rules.is_next_page("https://qdnd.vn/thi-dua/p2")
    assert rules_for("https://other.vn/", profile).is_article("https://other.vn/tin/a-b-c-12345.html")


@pytest.mark.parametrize("text, message", [
    ("{", "not valid JSON"),
    ('["qdnd.vn"]', "must map each host"),
    ('{"qdnd.vn": {"articles": []}}', "unknown key(s) articles"),
    ('{"qdnd.vn": {"article": ["("]}}', "bad pattern"),
])
def test_bad_site_profile_is_one_clear_message(text, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_profile(text)


def test_sitemap_index_sitemap_and_feeds():
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://qdnd.vn/sitemap-1.xml</loc><lastmod>2024-05-01</lastmod></sitemap></sitemapindex>"""
    assert entries(index, "https://qdnd.vn/sitemap.xml") == ("sitemap index", [("https://qdnd.vn/sitemap-1.xml", date(2024, 5, 1))])
    urlset = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://qdnd.vn/a-1001.html?utm_source=x</loc><lastmod>2024-05-02T08:00:00+07:00</lastmod></url>
      <url><loc>https://qdnd.vn/b-1002.html</loc></url></urlset>"""
    assert entries(urlset, "https://qdnd.vn/s.xml") == ("sitemap", [("https://qdnd.vn/a-1001.html", date(2024, 5, 2)),
                                                                     ("https://qdnd.vn/b-1002.html", None)])
    rss = """<rss version="2.0"><channel><item><title>Thi đua</title><link>https://qdnd.vn/c-1003.html</link>
      <pubDate>Mon, 20 May 2024 08:00:00 +0700</pubDate></item></channel></rss>""".encode()
    assert entries(rss, "https://qdnd.vn/rss") == ("feed", [("https://qdnd.vn/c-1003.html", date(2024, 5, 20))])
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="/d-1004.html"/>
      <published>2024-05-21T09:00:00Z</published></entry></feed>"""
    assert entries(atom, "https://qdnd.vn/atom") == ("feed", [("https://qdnd.vn/d-1004.html", date(2024, 5, 21))])
    assert entries(b"<html><body>not xml</body></html>", "https://qdnd.vn/") == (None, [])


def test_external_entities_are_not_expanded():
    evil = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <urlset><url><loc>https://qdnd.vn/&x;</loc></url></urlset>"""
    kind, found = entries(evil, "https://qdnd.vn/")
    assert all("root:" not in url for url, _ in found)


def test_wrong_western_charset_header_is_ignored_for_utf8_bytes():
    utf8 = "Thi đua quyết thắng".encode()
    assert declared_charset("text/html; charset=ISO-8859-1", utf8) is None
    assert declared_charset("text/html; charset=utf-8", utf8) == "utf-8"
    assert declared_charset("text/html; charset=windows-1252", "café".encode("cp1252")) == "windows-1252"
    assert declared_charset("text/html", utf8) is None


def test_retry_after_seconds_dates_and_cap():
    assert retry_after("3", 120) == 3
    assert retry_after("100000", 120) == 120
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 120) == 0  # in the past: go now
    assert retry_after("soon", 120) is None

"""Hostile sites: redirects that try to lead the crawl off its seeds' sites (to a
second server on 127.0.0.2), and an endless chain of listing pages."""
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from click.testing import CliRunner

from search.cli import cmd_crawl
from search.cli.main import cli

OPTIONS = ["--delay", "0", "--timeout", "1"]
ARTICLE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{t}</title></head>
<body><article><h1>{t}</h1><p>Sáng ngày 5 tháng 5 năm 2024, Nhà máy Z111 phát động phong trào thi đua
quyết thắng, gắn với nhiệm vụ sản xuất quốc phòng.</p><p>Các đơn vị đã đăng ký thi đua với nhiều chỉ
tiêu cụ thể và giữ vững an toàn lao động.</p></article></body></html>"""


def listing(links):
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Thi đua</title></head><body><ul>{items}</ul></body></html>'


class Host:
    """One tiny site: pages(path, other) -> (status, body, location); logs every request."""

    def __init__(self, address, pages):
        self.log, self.pages = [], pages
        host = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                host.log.append(self.path)
                status, body, location = host.pages(self.path, host)
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                if location:
                    self.send_header("Location", location)
                data = body if isinstance(body, bytes) else body.encode()
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer((address, 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://{address}:{self.httpd.server_address[1]}"
        self.other = None

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def elsewhere(path, host):
    """The other site: an article, and a listing of more articles, that must never be asked for."""
    if path.startswith("/tin/"):
        return 200, ARTICLE.format(t="Bài trên trang khác không được lấy"), None
    if path == "/chuyen-muc":
        return 200, listing([("/tin/bai-ngoai-trang-7001.html", "Bài ngoài")]), None
    return 404, "", None


def hostile(path, host):
    """Redirects to the other site from a seed, from a listing seed and from an article link."""
    other = host.other.base
    if path == "/robots.txt":
        return 200, "User-agent: *\nAllow: /\n", None
    if path == "/di-cho-khac":  # a seed that moves to a listing elsewhere
        return 302, "", f"{other}/chuyen-muc"
    if path == "/tin/bai-da-chuyen-8001.html":  # an article seed that moved elsewhere
        return 302, "", f"{other}/tin/bai-da-chuyen-8001.html"
    if path == "/chuyen-muc/thi-dua":
        return 200, listing([("/tin/bai-that-8002.html", "Bài thật"), ("/tin/bai-chuyen-8003.html", "Bài chuyển")]), None
    if path == "/tin/bai-chuyen-8003.html":  # an article link that redirects elsewhere, via a hop at home
        return 301, "", "/tin/chang-giua-8004.html"
    if path == "/tin/chang-giua-8004.html":
        return 302, "", f"{other}/tin/bai-ngoai-8003.html"
    if path == "/tin/bai-that-8002.html":
        return 200, ARTICLE.format(t="Nhà máy Z111 phát động thi đua quyết thắng năm 2024"), None
    return 404, "", None


def test_redirects_never_leave_the_crawls_sites(tmp_path):
    with Host("127.0.0.2", elsewhere) as other, Host("127.0.0.1", hostile) as home:
        home.other = other
        seeds = [f"{home.base}/di-cho-khac", f"{home.base}/tin/bai-da-chuyen-8001.html", f"{home.base}/chuyen-muc/thi-dua"]
        result = CliRunner().invoke(cli, ["crawl", "--data-dir", str(tmp_path), *OPTIONS, *seeds])
    assert other.log == []  # not one request, not even robots.txt
    assert "Traceback" not in result.output
    assert "articles ingested: 1 new" in result.output
    assert "skipped: 3 redirects off the crawl's sites" in result.output
    db = sqlite3.connect(tmp_path / "crawl.sqlite")
    fates = {url: (state, reason) for url, state, reason in db.execute("SELECT url, state, reason FROM urls")}
    assert not any(url.startswith(other.base) for url in fates)
    state, reason = fates[f"{home.base}/tin/bai-chuyen-8003.html"]
    assert state == "skipped"
    assert reason == f"redirects off the crawl's sites (to {other.base}/tin/bai-ngoai-8003.html; crawling 127.0.0.1)"
    # a seed that leaves is reported as a seed that could not be crawled
    assert result.exit_code == 1
    assert f"error: seed {home.base}/di-cho-khac: redirects off the crawl's sites (to {other.base}/chuyen-muc;" in result.output
    records = sqlite3.connect(tmp_path / "records.sqlite")
    sources = [row[0] for row in records.execute("SELECT source FROM articles")]
    assert sources == [f"{home.base}/tin/bai-that-8002.html"]


def test_same_host_name_on_another_port_is_the_same_site(tmp_path):
    """The documented rule: same host name, any port or scheme, is the same site."""
    def moved(path, host):
        if path == "/tin/bai-cu-8101.html":
            return 302, "", f"{host.other.base}/tin/bai-moi-8101.html"
        return 404, "", None

    def target(path, host):
        if path == "/tin/bai-moi-8101.html":
            return 200, ARTICLE.format(t="Nhà máy Z113 đón nhận Huân chương Lao động hạng Nhì"), None
        return 404, "", None

    with Host("127.0.0.1", target) as other, Host("127.0.0.1", moved) as home:
        home.other = other
        result = CliRunner().invoke(cli, ["crawl", "--data-dir", str(tmp_path), *OPTIONS, f"{home.base}/tin/bai-cu-8101.html"])
    assert result.exit_code == 0, result.output
    assert "/tin/bai-moi-8101.html" in other.log
    assert "articles ingested: 1 new" in result.output


def trap(path, host):
    """A pagination trap: every listing page links one article and the next page, for ever."""
    if path.startswith("/chuyen-muc/thi-dua"):
        n = int(path.rpartition("=")[2]) if "trang=" in path else 1
        return 200, listing([(f"/tin/bai-so-{n}-{9000 + n}.html", "Bài"), (f"/chuyen-muc/thi-dua?trang={n + 1}", "Trang sau")]), None
    if path.startswith("/tin/"):
        return 200, ARTICLE.format(t="Nhà máy Z111 phát động thi đua quyết thắng năm 2024"), None
    return 404, "", None


def test_pagination_trap_stops_at_the_default_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(cmd_crawl.crawl_settings, "DEFAULT_MAX_PAGES", 8)
    with Host("127.0.0.1", trap) as site:
        result = CliRunner().invoke(cli, ["crawl", "--data-dir", str(tmp_path), *OPTIONS, f"{site.base}/chuyen-muc/thi-dua"])
    assert result.exit_code == 0, result.output
    assert len([p for p in site.log if p != "/robots.txt"]) == 8
    assert "note: stopped at the default limit of 8 pages (give --max-pages to change it)" in result.output
    assert "still queued: continue with `thidua crawl --resume`" in result.output


def test_help_states_the_default_limit_and_site_rule():
    text = " ".join(CliRunner().invoke(cli, ["crawl", "--help"]).output.split())
    assert "default 10,000" in text
    assert "same host name" in text


def test_sitemap_entries_on_other_hosts_are_never_fetched(tmp_path):
    def home_pages(path, host):
        if path == "/robots.txt":
            return 200, "User-agent: *\nAllow: /\n", None
        if path == "/sitemap.xml":
            urls = [f"{host.base}/tin/bai-that-8002.html", f"{host.other.base}/tin/bai-ngoai-7002.html"]
            body = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    + "".join(f"<url><loc>{u}</loc></url>" for u in urls) + "</urlset>")
            return 200, body, None
        return hostile(path, host)

    with Host("127.0.0.2", elsewhere) as other, Host("127.0.0.1", home_pages) as home:
        home.other = other
        result = CliRunner().invoke(cli, ["crawl", "--data-dir", str(tmp_path), *OPTIONS, f"{home.base}/sitemap.xml"])
    assert other.log == [] and "Traceback" not in result.output
    assert "articles ingested: 1 new" in result.output
    db = sqlite3.connect(tmp_path / "crawl.sqlite")
    fates = {url: (state, reason) for url, state, reason in db.execute("SELECT url, state, reason FROM urls")}
    assert fates[f"{other.base}/tin/bai-ngoai-7002.html"] == ("skipped", "on another site than the crawl's seeds")


def test_a_crawled_page_with_a_stray_byte_is_kept_with_a_warning(tmp_path):
    page = ARTICLE.format(t="Nhà máy Z111 phát động thi đua quyết thắng năm 2024").encode().replace("tiêu".encode(), b"ti\xffu")

    def pages(path, host):
        if path == "/robots.txt":
            return 200, "User-agent: *\nAllow: /\n", None
        if path == "/tin/bai-8101.html":
            return 200, page, None
        return 404, "", None

    with Host("127.0.0.1", pages) as home:
        try:
            runner = CliRunner(mix_stderr=False)
        except TypeError:
            runner = CliRunner()
        result = runner.invoke(cli, ["crawl", "--data-dir", str(tmp_path), *OPTIONS, f"{home.base}/tin/bai-8101.html"])
    assert "articles ingested: 1 new" in result.output
    assert f"warning: {home.base}/tin/bai-8101.html: 1 byte that is not valid UTF-8 replaced by U+FFFD" in result.stderr

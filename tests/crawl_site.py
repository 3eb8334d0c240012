"""A small Vietnamese news site, written for the crawl tests, served on 127.0.0.1.

It has what real sites throw at a crawler: a paginated listing, a sitemap index, RSS
and Atom feeds, robots.txt with a forbidden folder, a redirect chain and a loop, a
500 that recovers, a 429 with Retry-After, a wrong charset header, a windows-1258
page, a page slower than the timeout, a page larger than the size limit and a dead
link. Every request is logged with its time, so tests can check politeness.
"""
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import cp1258_bytes as cp1258


TITLES = {
    1001: "Nhà máy Z111 phát động thi đua quyết thắng năm 2024",
    1002: "Sơ kết phong trào thi đua sáu tháng đầu năm của ngành công nghiệp quốc phòng",
    1003: "Công ty Hóa chất 21 hoàn thành vượt mức kế hoạch sản xuất quý II",
    1004: "Khen thưởng 15 tập thể có thành tích xuất sắc trong phong trào thi đua",
    1005: "Nhà máy Z113 đón nhận Huân chương Lao động hạng Nhì",
    1006: "Đoàn viên thanh niên Nhà máy Z125 thi đua lập thành tích chào mừng ngày truyền thống",
    1007: "Hội thi thợ giỏi năm 2024 của ngành công nghiệp quốc phòng",
    1008: "Cán bộ, công nhân Nhà máy Z117 thi đua rèn đức, luyện tài",
    1009: "Nhà máy Z176 đẩy mạnh cải tiến kỹ thuật, nâng cao năng suất lao động",
    1010: "Trang chậm: bài này không bao giờ đến kịp",
    1011: "Trang quá lớn: bài này vượt giới hạn dung lượng",
    1013: "Tổng kết phong trào thi đua đặc biệt năm 2024 tại Nhà máy Z131",
    1014: "Lễ phát động thi đua năm 2019 đã qua từ lâu",
    1015: "Công nhân quốc phòng thi đua lao động sáng tạo, bảo đảm an toàn",
    1016: "Nhà máy Z183 trao thưởng sáng kiến cải tiến kỹ thuật năm 2024",
    2001: "Báo cáo nội bộ không được công bố",
}
SLUGS = {n: f"bai-viet-so-{n}" for n in TITLES}
# Each article its own sentences: pages that shared their paragraphs would be near
# copies of one another (see ingest.identity.copies).
_PLACES = ["Tại hội trường phân xưởng cơ khí,", "Ở khu vực dây chuyền lắp ráp,", "Trên công trường mở rộng nhà xưởng,",
           "Tại phòng truyền thống của đơn vị,", "Ở phân xưởng đúc và gia công nóng,", "Tại tổ sản xuất số ba,",
           "Trong buổi giao ban đầu tuần,"]
_DEEDS = ["cán bộ kỹ thuật trình bày mười hai sáng kiến rút ngắn thời gian gia công chi tiết.",
          "đoàn thanh niên ra quân dọn vệ sinh và sắp xếp lại kho vật tư.",
          "công đoàn trao quà cho các gia đình công nhân có hoàn cảnh khó khăn.",
          "ban chỉ huy quân sự tổ chức huấn luyện dân quân tự vệ theo kế hoạch.",
          "hội đồng khoa học nghiệm thu hai đề tài chế thử vật liệu mới.",
          "phòng kế hoạch báo cáo tiến độ giao hàng cho các đơn vị trong toàn quân."]
_ASKS = ["Lãnh đạo đơn vị yêu cầu giữ vững an toàn lao động và chất lượng sản phẩm.",
         "Hội nghị thống nhất bổ sung chỉ tiêu tiết kiệm điện năng và nguyên liệu.",
         "Các tập thể ký giao ước thi đua gắn với nhiệm vụ chính trị trọng tâm.",
         "Đại diện người lao động kiến nghị cải thiện điều kiện làm việc ca đêm.",
         "Bản tin nội bộ sẽ đăng tải gương người tốt việc tốt hằng tháng.",
         "Công tác kiểm tra, giám sát được tiến hành định kỳ mỗi quý một lần.",
         "Nhà trường liên kết đào tạo thợ bậc cao cho lớp công nhân trẻ.",
         "Phong trào văn nghệ, thể thao quần chúng tiếp tục được duy trì sôi nổi.",
         "Mọi sản phẩm xuất xưởng đều qua kiểm định của bộ phận KCS."]


def article_path(n):
    folder = "noi-bo" if n == 2001 else "tin"
    return f"/{folder}/{SLUGS[n]}-{n}.html"


def article_html(n, charset_meta=True):
    title = TITLES[n]
    meta = '<meta charset="utf-8">' if charset_meta else ""
    return f"""<!DOCTYPE html>
<html lang="vi"><head>{meta}<title>{title} | Báo Thử Nghiệm</title></head>
<body><header><a href="/">Trang chủ</a> <a href="/chuyen-muc/thi-dua">Thi đua</a></header>
<article><h1>{title}</h1>
<p>Sáng ngày {n % 28 + 1} tháng 5 năm 2024, tin bài số {n}: {title.lower()}.</p>
<p>{_PLACES[n % len(_PLACES)]} {_DEEDS[n % len(_DEEDS)]}</p>
<p>{_ASKS[(n * 7) % len(_ASKS)]}</p>
</article>
<aside><a href="{article_path(1002)}">Tin liên quan</a></aside></body></html>"""


def listing_html(page, links, next_page):
    items = "\n".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    more = f'<a href="/chuyen-muc/thi-dua?trang={next_page}">Trang sau</a>' if next_page else ""
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Thi đua - trang {page}</title></head>
<body><h1>Chuyên mục Thi đua</h1><ul>{items}</ul>
<p><a href="/lien-he">Liên hệ</a> <a href="mailto:toasoan@example.invalid">Thư</a> {more}</p></body></html>"""


def _art(n):
    return article_path(n), TITLES[n]


class Site:
    """The site's pages and its request log (path, time, headers), shared with the handler."""

    def __init__(self):
        self.log = []
        self.hits = {}
        self.lock = threading.Lock()
        self.hold = None  # (path, reached Event, release Event): block a request, for kill tests

    def pages(self, port):
        other = f"http://127.0.0.2:{port}"
        page1 = [_art(1001), _art(1002), _art(2001), (article_path(1001) + "?utm_source=fb&utm_medium=x", "lại bài 1"),
                 (f"{other}/tin/bai-viet-khac-9999.html", "Trang khác")]
        page2 = [_art(1003), _art(1004), ("/bai-cu/thi-dua-nam-truoc-1005.html", TITLES[1005]),
                 ("/tin/bai-viet-da-xoa-1012.html", "Bài đã xóa")]
        page3 = [_art(n) for n in (1006, 1007, 1008, 1009, 1010, 1011)] + [("/tin/vong-lap-redirect-1017.html", "Vòng lặp")]
        return {
            "/chuyen-muc/thi-dua": listing_html(1, page1, 2),
            "/chuyen-muc/thi-dua?trang=2": listing_html(2, page2, 3),
            "/chuyen-muc/thi-dua?trang=3": listing_html(3, page3, None),
        }


def sitemap_index(base):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-tin.xml</loc><lastmod>2024-05-20</lastmod></sitemap></sitemapindex>"""


def sitemap(base):
    rows = [(1001, "2024-05-02T08:00:00+07:00"), (1013, "2024-05-10"), (1014, "2019-03-01")]
    urls = "".join(f"<url><loc>{base}{article_path(n)}</loc><lastmod>{d}</lastmod></url>" for n, d in rows)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def rss(base):
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Thi đua</title>
<item><title>{TITLES[1015]}</title><link>{base}{article_path(1015)}</link><pubDate>Mon, 20 May 2024 08:00:00 +0700</pubDate></item>
<item><title>{TITLES[1014]}</title><link>{base}{article_path(1014)}</link><pubDate>Fri, 01 Mar 2019 08:00:00 +0700</pubDate></item>
</channel></rss>"""


def atom(base):
    return f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Thi đua</title>
<entry><title>{TITLES[1016]}</title><link rel="alternate" href="{base}{article_path(1016)}"/>
<updated>2024-05-21T09:00:00Z</updated></entry></feed>"""


def make_handler(site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):
            pass

        def _send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler gave up waiting (the slow page): expected

        def do_GET(self):
            path = self.path
            with site.lock:
                site.log.append((path, time.monotonic(), dict(self.headers)))
                site.hits[path] = hits = site.hits.get(path, 0) + 1
            if site.hold and site.hold[0] == path and hits == 1:
                site.hold[1].set()
                site.hold[2].wait(10)
                return
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            pages = site.pages(self.server.server_address[1])
            if path == "/robots.txt":
                return self._send(200, b"User-agent: *\nDisallow: /noi-bo/\n", "text/plain")
            if path in pages:
                return self._send(200, pages[path].encode())
            if path == "/sitemap.xml":
                return self._send(200, sitemap_index(base).encode(), "application/xml")
            if path == "/sitemap-tin.xml":
                return self._send(200, sitemap(base).encode(), "application/xml")
            if path == "/rss.xml":
                return self._send(200, rss(base).encode(), "application/rss+xml")
            if path == "/atom.xml":
                return self._send(200, atom(base).encode(), "application/atom+xml")
            if path == "/bai-cu/thi-dua-nam-truoc-1005.html":
                return self._send(301, headers=[("Location", "/chuyen-tiep/1005")])
            if path == "/chuyen-tiep/1005":
                return self._send(302, headers=[("Location", base + article_path(1005))])
            if path == "/tin/vong-lap-redirect-1017.html":
                return self._send(302, headers=[("Location", "/vong-lap-b")])
            if path == "/vong-lap-b":
                return self._send(302, headers=[("Location", "/tin/vong-lap-redirect-1017.html")])
            number = next((n for n in TITLES if path == article_path(n)), None)
            if number is None:
                return self._send(404, "<html><body><p>Không tìm thấy trang</p></body></html>".encode())
            return self._article(number, hits)

        def _article(self, n, hits):
            if n == 1006 and hits == 1:
                return self._send(500, b"<html><body><p>Internal error</p></body></html>")
            if n == 1007 and hits == 1:
                return self._send(429, b"", headers=[("Retry-After", "1")])
            if n == 1010:
                time.sleep(1.0)
            if n == 1011:
                return self._huge()
            etag = f'"v1-{n}"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, ctype=None, headers=[("ETag", etag)])
            validators = [("ETag", etag), ("Last-Modified", formatdate(1715000000 + n, usegmt=True))]
            if n == 1008:  # the server's default charset header, but the page is UTF-8
                return self._send(200, article_html(n).encode("utf-8"), "text/html; charset=iso-8859-1", validators)
            if n == 1009:  # windows-1258 bytes, a header claiming UTF-8 and no <meta>
                return self._send(200, cp1258(article_html(n, charset_meta=False)), "text/html; charset=utf-8", validators)
            return self._send(200, article_html(n).encode("utf-8"), headers=validators)

        def _huge(self):
            """3 MB with no Content-Length: the crawler must stop reading by itself."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            chunk = ("<p>" + "thi đua " * 1000 + "</p>\n").encode()
            try:
                for _ in range(3 * 1024 * 1024 // len(chunk) + 1):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


class Server:
    """The site on 127.0.0.1, port chosen by the system, in a daemon thread."""

    def __init__(self):
        self.site = Site()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.site))
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self):
        with self.site.lock:
            return [path for path, _, _ in self.site.log]

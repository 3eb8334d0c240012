"""Crawl overhead, measured on a local site (no delay, so the figures are our cost, not
politeness): pages fetched, recorded in WARC, cleaned and stored per second; then the
same pages read back from the WARC by `thidua ingest`'s pipeline.

    .venv/bin/python bench/crawl_bench.py [pages]
"""
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ingest.scrape import frontier as crawl_frontier
from ingest import pipeline
from ingest.scrape.crawl import Crawler, start
from ingest.scrape.settings import Settings
from search.cli.archiving import Archive

PAGES = int(sys.argv[1]) if len(sys.argv) > 1 else 300
PARAGRAPH = ("Cán bộ, công nhân nhà máy thi đua lao động sáng tạo, hoàn thành vượt mức kế hoạch sản xuất "
             "năm, bảo đảm an toàn tuyệt đối về người và vũ khí trang bị. ")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/robots.txt":
            body = b"User-agent: *\nDisallow:\n"
        elif self.path == "/":
            body = "".join(f'<a href="/tin/bai-so-{n}-{10000 + n}.html">Bài {n}</a>' for n in range(PAGES)).encode()
        else:
            body = (f"<html><body><article><h1>Tin thi đua {self.path}</h1>"
                    + f"<p>{PARAGRAPH * 8}</p>" * 6 + "</article></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as data:
        db = crawl_frontier.connect(data)
        run = start(db, [f"http://127.0.0.1:{server.server_address[1]}/"], Settings(delay=0.0, timeout=5.0))
        started = time.perf_counter()
        archive = Archive(data)
        outcomes = list(Crawler(data, db, run, Settings(delay=0.0, timeout=5.0), keep=archive.keep_page).crawl())
        archive.flush()
        crawl_s = time.perf_counter() - started
        fetched = sum(o.state == "fetched" for o in outcomes)
        warcs = list((Path(data) / "warc").glob("*.warc.gz"))
        started = time.perf_counter()
        read = sum(1 for _, records, error, _ in pipeline.process(warcs) if records and not error)
        read_s = time.perf_counter() - started
        size = sum(p.stat().st_size for p in warcs)
    server.shutdown()
    print(f"crawl: {fetched} pages in {crawl_s:.2f} s = {fetched / crawl_s:.0f} pages/s "
          f"(fetch + WARC + clean + store + index + frontier commit, no delay)")
    print(f"WARC: {size / 1024:.0f} KB, {size / max(fetched, 1) / 1024:.1f} KB per page (gzip, request + response)")
    print(f"ingest from WARC: {read} articles in {read_s:.2f} s = {read / read_s:.0f} articles/s")


if __name__ == "__main__":
    main()

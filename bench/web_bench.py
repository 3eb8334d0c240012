"""Web page benchmark: server time of the search page at 10,000 articles.

The archive is generated (tests/web_records.py: sentences composed from patterns with
random units, officers, numbers and places, each record with its entities and its
own word segmentation, stored and indexed as `thidua ingest` does, without the
language models and without the near-copy check, see build_many), so the run needs
nothing from ../shared.

Each request is handed to the ASGI application as uvicorn hands it (routing, the
thread the handler runs in, the search, facets for six fields, the histogram, the
template, the headers), and timed until the last byte of the HTML (or JSON) is sent:
the server's time, without a network or an HTTP client.
The query mix: words with and without diacritics, a phrase, filters, facet
exclusions, a year range, date sort, later pages. Printed: p50/p95 of the HTML
page and of its JSON twin, the first request (opening the searcher and building
facet columns), and two yardsticks measured in the same run: index.finder.search
for the same queries (the CLI's own work, what the page adds to) and a fixed
numpy sort (the machine's speed now).

    python bench/web_bench.py                  # 10,000 articles
    python bench/web_bench.py --articles 2000  # a quick run
    python bench/web_bench.py --keep /tmp/web10k  # build once, measure again later
"""
import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import numpy as np  # noqa: E402

from index.finder import Finder, search  # noqa: E402
from search.web import views  # noqa: E402
from search.web.app import create_app  # noqa: E402
from web_records import build_many  # noqa: E402

QUERIES = [
    "/?q=thi+đua", "/?q=thi+dua", "/?q=hội+nghị+tổng+kết", "/?q=%22chuyển+đổi+số%22", "/?q=sáng+kiến&sort=date",
    "/?q=doanh+thu&unit=Z175", "/?q=an+toan+lao+dong&from=2018&to=2021", "/?rank=Đại+tá&type=conference",
    "/?q=thi+đua&not_type=report&not_year=2020", "/?q=phát+động&page=3", "/?sort=date", "/?q=Hà+Nội&site=qdnd.vn",
    "/?q=thi+đua&not_unit=Nhà+máy+Z129&not_rank=Trung+tướng", "/?q=bàn+giao+Phú+Thọ&page=2", "/?q=cải+tiến+kỹ+thuật",
    "/?person=Nguyễn+Văn+Tuấn",
]


def percentiles(times):
    times = sorted(times)
    return times[len(times) // 2] * 1000, times[int(len(times) * 0.95) - 1] * 1000


def timed(call, rounds):
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        out.append(time.perf_counter() - start)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5, help="Passes over the query mix.")
    parser.add_argument("--keep", metavar="DIR", help="Build the archive in DIR, or reuse the one built there.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or scratch
        if not (Path(folder) / "records.sqlite").exists():
            start = time.perf_counter()
            build_many(folder, args.articles, procs=2, find_copies=False)
            print(f"{args.articles:,} generated articles stored and indexed in {time.perf_counter() - start:.1f} s")
        app, loop = create_app(folder), asyncio.new_event_loop()

        def get(url):
            status, body = loop.run_until_complete(_serve(app, url))
            assert status == 200, (url, status)
            return body

        start = time.perf_counter()
        get(QUERIES[0])
        print(f"first request (opens the searcher, builds facet columns): {(time.perf_counter() - start) * 1000:.0f} ms")
        totals = [json.loads(get(url + ("&" if "?" in url else "?") + "format=json"))["total"] for url in QUERIES]
        print(f"{len(QUERIES)} queries (each seen once before: an archivist's second look), matching "
              f"{min(totals):,} to {max(totals):,} articles, median {sorted(totals)[len(totals) // 2]:,}")
        html, twin = [], []
        for _ in range(args.rounds):
            for url in QUERIES:
                html += timed(lambda: get(url), 1)
                twin += timed(lambda: get(url + ("&" if "?" in url else "?") + "format=json"), 1)
        loop.close()
        finder = Finder(folder)
        states = [views.state_from(_params(url)) for url in QUERIES]
        yard = []
        for _ in range(args.rounds):
            for state in states:
                yard += timed(lambda: search(finder, views.query_text(state), sort=state["sort"] or "relevance",
                                             limit=state["page"] * 20, **views.filter_args(state)), 1)
        rng = np.random.default_rng(1)
        values = rng.random(1_000_000)
        sort_ms = statistics.median(timed(lambda: np.sort(values), 5)) * 1000
    print(f"search page HTML   ({len(html)} requests): p50 {percentiles(html)[0]:.1f} ms, p95 {percentiles(html)[1]:.1f} ms")
    print(f"search page JSON   ({len(twin)} requests): p50 {percentiles(twin)[0]:.1f} ms, p95 {percentiles(twin)[1]:.1f} ms")
    print(f"yardstick: index.finder.search alone, same queries: p50 {percentiles(yard)[0]:.1f} ms, "
          f"p95 {percentiles(yard)[1]:.1f} ms")
    print(f"yardstick: numpy sort of 1,000,000 floats: {sort_ms:.1f} ms")


async def _serve(app, url):
    """One GET through the ASGI application: (status, body) once the whole body is sent."""
    path, _, query = url.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": quote(query, safe="=&+%").encode("ascii"),
             "root_path": "", "headers": [(b"host", b"127.0.0.1:8000")], "server": ("127.0.0.1", 8000),
             "client": ("127.0.0.1", 50000)}
    sent = {"body": []}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]
        elif message["type"] == "http.response.body":
            sent["body"].append(message.get("body", b""))

    await app(scope, receive, send)
    return sent["status"], b"".join(sent["body"])


def _params(url):
    from starlette.datastructures import QueryParams
    return QueryParams(url.split("?", 1)[1] if "?" in url else "")


if __name__ == "__main__":
    main()

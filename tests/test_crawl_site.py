"""A whole crawl of the test site on 127.0.0.1: what is fetched, skipped, failed,
written to WARC and stored, how politely, and what a second crawl asks again."""
import json
import sqlite3
from collections import defaultdict

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from crawl_site import TITLES, Server, article_path
from search.cli.main import cli

DELAY = 0.1
OPTIONS = ["--delay", str(DELAY), "--timeout", "0.3", "--max-size", "1", "--since", "2024-01-01"]


def seeds(base):
    return [f"{base}/chuyen-muc/thi-dua", f"{base}/sitemap.xml", f"{base}/rss.xml", f"{base}/atom.xml"]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    data = tmp_path_factory.mktemp("crawl")
    with Server() as server:
        first = CliRunner().invoke(cli, ["crawl", "--data-dir", str(data), *OPTIONS, *seeds(server.base)])
        log_first = list(server.site.log)
        fates = urls(data)
        again = CliRunner().invoke(cli, ["crawl", "--data-dir", str(data), *OPTIONS, *seeds(server.base)])
        log_again = server.site.log[len(log_first):]
    return data, server.base, first, log_first, again, log_again, fates


def urls(data):
    db = sqlite3.connect(data / "crawl.sqlite")
    return {row[0]: row[1:] for row in db.execute("SELECT url, state, reason, ingested FROM urls")}


def warc_records(data):
    found = []
    for path in sorted((data / "warc").glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                status = record.http_headers.get_statuscode() if record.rec_type == "response" else None
                found.append((path.name, record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), status,
                              record.content_stream().read()))
    return found


def test_first_crawl_summary(crawled):
    data, base, result, *_ = crawled
    assert result.exit_code == 0, result.output
    assert "articles ingested: 12 new, 0 updated, 0 unchanged" in result.output
    assert "1 disallowed by robots.txt" in result.output
    assert "skipped: 2 duplicate, 1 disallowed by robots.txt, 1 older than --since" in result.output
    assert "failed: 1 HTTP 404 Not Found, 1 redirect loop, 1 timed out after 0.3 s, 1 too large" in result.output
    for reason in ("timed out after 0.3 s", "too large (over 1 MB)"):
        assert f"{reason}\n" in result.output  # the one-line error, in full
    assert "Traceback" not in result.output


def test_each_page_has_its_fate(crawled):
    data, base, *_, got = crawled
    for n in (1001, 1002, 1003, 1004, 1006, 1007, 1008, 1009, 1013, 1015, 1016):
        assert got[base + article_path(n)] == ("fetched", None, "new"), n
    assert got[base + "/bai-cu/thi-dua-nam-truoc-1005.html"][2] == "new"
    assert got[base + article_path(2001)][:2] == ("skipped", "disallowed by robots.txt")
    assert got[base + article_path(1014)][:2] == ("skipped", "older than --since (2019-03-01)")
    assert got[base + article_path(1010)][:2] == ("failed", "timed out after 0.3 s")
    assert got[base + article_path(1011)][:2] == ("failed", "too large (over 1 MB)")
    assert not any("127.0.0.2" in url for url in got)  # another site: never followed
    assert not any("utm_" in url for url in got)


def test_nothing_fetched_twice_robots_and_forbidden_paths_respected(crawled):
    _, _, _, log, *_ = crawled
    paths = [path for path, _, _ in log]
    assert paths.count("/robots.txt") == 1
    assert not any(path.startswith("/noi-bo/") for path in paths)
    retried = {"/tin/bai-viet-so-1006-1006.html": 2, "/tin/bai-viet-so-1007-1007.html": 2,
               "/tin/bai-viet-so-1010-1010.html": 4}
    for path in set(paths):
        assert paths.count(path) == retried.get(path, 1), path
    assert all(headers.get("User-Agent", "").startswith("thidua/") for _, _, headers in log)


def test_delay_between_requests_and_retry_after(crawled):
    _, _, _, log, *_ = crawled
    times = [t for _, t, _ in log]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= DELAY * 0.95
    after_429 = [t for path, t, _ in log if path == "/tin/bai-viet-so-1007-1007.html"]
    assert after_429[1] - after_429[0] >= 1.0  # Retry-After: 1
    after_500 = [t for path, t, _ in log if path == "/tin/bai-viet-so-1006-1006.html"]
    assert after_500[1] - after_500[0] >= 0.25  # backoff


def test_wrong_charset_and_windows_1258_pages_are_read_right(crawled):
    data, base, *_ = crawled
    db = sqlite3.connect(data / "records.sqlite")
    titles = dict(db.execute("SELECT source, title FROM articles"))
    for n in (1008, 1009, 1001):
        assert titles[base + article_path(n)] == TITLES[n]
    assert titles[base + article_path(1005)] == TITLES[1005]  # stored under the URL that redirected there


def test_warc_holds_every_exchange_with_its_redirect_hops(crawled):
    data, base, *_ = crawled
    records = [r for r in warc_records(data) if r[0] == sorted(p.name for p in (data / "warc").glob("*.warc.gz"))[0]]
    kinds = defaultdict(list)
    for _, rec_type, uri, status, body in records:
        kinds[rec_type].append((uri, status, body))
    assert len(kinds["warcinfo"]) == 1
    assert len(kinds["request"]) == len(kinds["response"])
    statuses = {(uri, status) for uri, status, _ in kinds["response"]}
    for hop, status in [("/bai-cu/thi-dua-nam-truoc-1005.html", "301"), ("/chuyen-tiep/1005", "302"),
                        (article_path(1005), "200"), (article_path(1006), "500"), (article_path(1007), "429"),
                        (article_path(1006), "200"), ("/robots.txt", "200"), ("/sitemap-tin.xml", "200")]:
        assert (base + hop, status) in statuses
    bodies = {uri: body for uri, status, body in kinds["response"] if status == "200"}
    assert TITLES[1003].encode() in bodies[base + article_path(1003)]
    assert len(bodies[base + article_path(1011)]) > 1024 * 1024  # cut just past the limit, marked truncated


def test_second_crawl_asks_conditionally_and_gets_unchanged(crawled):
    data, base, _, _, again, log, _ = crawled
    assert again.exit_code == 0, again.output
    conditional = {path: headers.get("If-None-Match") for path, _, headers in log if path.startswith("/tin/")}
    assert conditional[article_path(1001)] == '"v1-1001"'
    assert "articles ingested: 0 new" in again.output
    got = sqlite3.connect(data / "crawl.sqlite").execute(
        "SELECT state, reason FROM urls WHERE url = ?", (base + article_path(1003),)).fetchone()
    assert got == ("skipped", "unchanged (304 Not Modified)")


def test_dead_seed_is_one_line_and_exit_status_1(tmp_path):
    with Server() as server:
        result = CliRunner().invoke(cli, ["crawl", "--data-dir", str(tmp_path), "--delay", "0", "--timeout", "1",
                                          server.base + "/khong-co-trang-nay", server.base + article_path(1001)])
    assert result.exit_code == 1
    assert "HTTP 404 Not Found" in result.output and "1 new" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, status, message", [
    (["ftp://127.0.0.1/a"], 1, "not an http(s) URL"),
    ([], 1, "give at least one SEED"),
    (["--resume"], 1, "no unfinished crawl"),
    (["--resume", "http://127.0.0.1:9/"], 1, "not both"),
    (["--since", "hôm qua", "http://127.0.0.1:9/"], 2, "is not a date"),
])
def test_user_mistakes_are_messages(tmp_path, args, status, message):
    result = CliRunner().invoke(cli, ["crawl", "--data-dir", str(tmp_path), *args])
    assert result.exit_code == status
    assert message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_bad_site_profile_is_a_message(tmp_path):
    profile = tmp_path / "profile.json"
    profile.write_text('{"qdnd.vn": {"article": ["("]}}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["crawl", "--data-dir", str(tmp_path), "--site-profile", str(profile),
                                      "http://127.0.0.1:9/"])
    assert result.exit_code == 2 and "bad pattern" in result.output


def test_crawled_articles_are_searchable(crawled):
    """The crawler hands pages to the one ingest path, so the index holds what was stored."""
    data, *_ = crawled
    stored = {row[0] for row in sqlite3.connect(data / "records.sqlite").execute("SELECT id FROM articles")}
    result = CliRunner().invoke(cli, ["search", "--data-dir", str(data), "--format", "jsonl", "--limit", "100"])
    assert result.exit_code == 0, result.output
    found = {json.loads(line)["id"] for line in result.output.splitlines() if line.strip()}
    assert len(stored) == 12 and found == stored

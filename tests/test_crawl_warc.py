"""WARC files written by the crawler are read back by warcio and by `thidua ingest`,
giving the same records as the crawl stored; damaged or foreign WARCs are handled."""
import io
import sqlite3

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawl_site import TITLES, Server, article_path, cp1258
from ingest import pipeline
from search.cli.main import cli


@pytest.fixture(scope="module")
def crawl_dir(tmp_path_factory):
    data = tmp_path_factory.mktemp("warc-crawl")
    with Server() as server:
        result = CliRunner().invoke(cli, ["crawl", "--data-dir", str(data), "--delay", "0", "--max-pages", "12",
                                          server.base + "/chuyen-muc/thi-dua?trang=2", server.base + "/rss.xml",
                                          *(server.base + article_path(n) for n in (1008, 1009))])
    assert result.exit_code == 0, result.output
    return data


def articles(data):
    db = sqlite3.connect(data / "records.sqlite")
    return sorted(db.execute("SELECT id, source, title, text FROM articles"))


def test_warcio_reads_every_record_and_verifies_digests(crawl_dir):
    (path,) = (crawl_dir / "warc").glob("*.warc.gz")
    with open(path, "rb") as fh:
        types = [record.rec_type for record in ArchiveIterator(fh, check_digests=True)]
    assert types[0] == "warcinfo"
    assert types.count("request") == types.count("response") >= 8


def test_ingest_of_the_warc_folder_gives_the_records_the_crawl_stored(crawl_dir, tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "--data-dir", str(tmp_path), str(crawl_dir / "warc")])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output
    again = articles(tmp_path)
    assert again == articles(crawl_dir)
    titles = {source: title for _, source, title, _ in again}
    assert {TITLES[1008], TITLES[1009], TITLES[1005]} <= set(titles.values())
    assert all(source.startswith("http://127.0.0.1:") for source in titles)


def test_ingest_with_two_jobs_reads_warc_too(crawl_dir, tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "--jobs", "2", "--data-dir", str(tmp_path), str(crawl_dir / "warc")])
    assert result.exit_code == 0, result.output
    assert articles(tmp_path) == articles(crawl_dir)


def _exchange(writer, uri, status, content_type, body, truncated=False):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    extra = {"WARC-Truncated": "length"} if truncated else None
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                  http_headers=headers, warc_headers_dict=extra))


def _page(title):
    """A small but real article: a headline of several words and a paragraph of prose."""
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>Sáng nay, nhà máy tổ chức hội nghị về {title.lower()} với sự tham dự của đông đảo "
            "cán bộ, công nhân viên và người lao động trong toàn đơn vị.</p></article></body></html>")


def test_only_complete_html_pages_of_a_plain_warc_are_read(tmp_path):
    path = tmp_path / "saved.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        _exchange(writer, "http://a.vn/1.html", "200 OK", "text/html; charset=utf-8", _page("Bài một về thi đua").encode())
        _exchange(writer, "http://a.vn/2.html", "200 OK", "text/html; charset=ISO-8859-1", _page("Thi đua hai năm liền").encode())
        _exchange(writer, "http://a.vn/3.html", "200 OK", "text/html", cp1258(_page("Quyết thắng ba mặt công tác")))
        _exchange(writer, "http://a.vn/404.html", "404 Not Found", "text/html", _page("Không có").encode())
        _exchange(writer, "http://a.vn/robots.txt", "200 OK", "text/plain", b"User-agent: *")
        _exchange(writer, "http://a.vn/big.html", "200 OK", "text/html", _page("Bị cắt").encode(), truncated=True)
    items = list(pipeline.process(pipeline.expand_paths([tmp_path])[0]))
    assert [(source, records[0]["title"], error) for source, records, error, _ in items] == [
        ("http://a.vn/1.html", "Bài một về thi đua", None), ("http://a.vn/2.html", "Thi đua hai năm liền", None),
        ("http://a.vn/3.html", "Quyết thắng ba mặt công tác", None)]


def test_damaged_warc_keeps_the_pages_before_the_damage(crawl_dir, tmp_path):
    (path,) = (crawl_dir / "warc").glob("*.warc.gz")
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        for record in records:
            if record.rec_type == "response" and "/tin/" in record.rec_headers.get_header("WARC-Target-URI"):
                record.content_stream().read()
                start, size = records.get_record_offset(), records.get_record_length()
    damaged = tmp_path / "damaged.warc.gz"  # as if the crawl was killed while writing its last article
    damaged.write_bytes(path.read_bytes()[: start + size * 3 // 4])
    items = list(pipeline.process([damaged]))
    assert len([1 for _, records, _, _ in items if records]) >= 2
    source, records, error, _ = items[-1]
    assert source == str(damaged) and records == [] and "WARC" in error
    result = CliRunner().invoke(cli, ["ingest", "--data-dir", str(tmp_path / "data"), str(damaged)])
    assert result.exit_code == 1 and "Traceback" not in result.output

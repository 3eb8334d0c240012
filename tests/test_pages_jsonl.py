"""Raw pages as JSON lines (*.pages.jsonl[.gz]): ingested and extracted like WARC pages,
a bad line one error of its own, the rest read."""
import gzip
import json

from click.testing import CliRunner

from search.cli.main import cli


def _page(title, sentence):
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{sentence} Buổi lễ có "
            f"sự tham dự của đông đảo cán bộ, công nhân viên và người lao động trong toàn đơn vị.</p></article>"
            f"</body></html>")


def _write(path, lines):
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for line in lines:
            fh.write((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n")
    return path


LINES = [
    {"url": "https://tin.example.vn/a.html", "fetched": "2024-05-20T08:00:00Z",
     "html": _page("Nhà máy Z195 phát động thi đua", "Sáng 18/5, Nhà máy Z195 phát động đợt thi đua cao điểm.")},
    "{not json",
    {"url": "https://tin.example.vn/b.html"},
    {"url": "https://tin.example.vn/c.html",
     "html": _page("Hội thi thợ giỏi cấp tổng cục", "Ngày 21/5, hội thi thợ giỏi khai mạc tại Hà Nội.")},
]


def test_ingest_reads_each_page_and_names_each_bad_line(tmp_path):
    path = _write(tmp_path / "export.pages.jsonl.gz", LINES)
    result = CliRunner().invoke(cli, ["ingest", "--data-dir", str(tmp_path / "data"), str(path)])
    assert result.exit_code == 1
    assert "2 new, 0 updated, 0 unchanged, 0 duplicate, 2 failed" in result.output
    assert f"error: {path}:2: not a JSON line" in result.output
    assert f'error: {path}:3: not a raw page: a line needs "url" and "html"' in result.output
    found = CliRunner().invoke(cli, ["search", "--data-dir", str(tmp_path / "data"), "--format", "jsonl"])
    rows = [json.loads(line) for line in found.output.splitlines()]
    assert sorted(r["url"] for r in rows) == ["https://tin.example.vn/a.html", "https://tin.example.vn/c.html"]


def test_a_page_without_its_year_is_dated_by_its_fetch_time(tmp_path):
    path = _write(tmp_path / "one.pages.jsonl", LINES[:1])
    result = CliRunner().invoke(cli, ["extract", str(path)])
    (record,) = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert record["source"] == "https://tin.example.vn/a.html"
    assert any(d["start"] == "2024-05-18" for d in record["dates"])


def test_record_shards_are_not_taken_for_pages(tmp_path):
    path = _write(tmp_path / "records.jsonl", LINES[:1])
    result = CliRunner().invoke(cli, ["ingest", "--data-dir", str(tmp_path / "data"), str(path)])
    assert result.exit_code == 1 and "not a supported file type" in result.output

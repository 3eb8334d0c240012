"""Re-ingest costs nothing: an input whose bytes and extraction rules are unchanged is
not read again, yet nothing that should be read again is skipped."""
import io

from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest import inputs, pipeline
from search.cli.main import cli
from test_identity import OTHER, OTHER_TITLE, PARAS, TITLE, dump


def ingest(data, *paths):
    result = CliRunner().invoke(cli, ["ingest", "--data-dir", str(data), *map(str, paths)])
    assert "Traceback" not in result.output, result.output
    return result


def refuse_to_read(monkeypatch):
    def read(paths, jobs=1):
        paths = list(paths)
        assert not paths, f"read again: {paths}"
        return iter(())
    monkeypatch.setattr(pipeline, "process_inputs", read)


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    dump(folder, "a.txt", TITLE, PARAS)
    dump(folder, "b.txt", OTHER_TITLE, OTHER)
    dump(folder, "c.txt", TITLE, PARAS, first_line="Chuyên mục")  # a duplicate of a.txt
    data = tmp_path / "data"
    assert "2 new, 0 updated, 0 unchanged, 1 duplicate" in ingest(data, folder).output
    refuse_to_read(monkeypatch)
    assert "0 new, 0 updated, 3 unchanged, 0 duplicate, 0 failed" in ingest(data, folder).output


def test_an_unchanged_file_whose_article_another_file_changed_is_read_again(tmp_path):
    """b.txt was a second source of a.txt's article; a.txt now tells another story: b.txt
    is that first story, an article of its own again, whether both come in one run or
    b.txt comes later (found by the identity property test)."""
    for together in (True, False):
        folder, data = tmp_path / f"in{together}", tmp_path / f"data{together}"
        dump(folder, "a.txt", TITLE, PARAS)
        dump(folder, "b.txt", TITLE, PARAS, first_line="Chuyên mục")  # the same story: a duplicate
        assert "1 new, 0 updated, 0 unchanged, 1 duplicate" in ingest(data, folder / "a.txt", folder / "b.txt").output
        dump(folder, "a.txt", OTHER_TITLE, OTHER)
        if together:
            assert "1 new, 1 updated, 0 unchanged" in ingest(data, folder / "a.txt", folder / "b.txt").output
        else:
            assert "0 new, 1 updated, 0 unchanged" in ingest(data, folder / "a.txt").output
            assert "1 new, 0 updated, 0 unchanged" in ingest(data, folder / "b.txt").output
        assert "0 new, 0 updated, 2 unchanged" in ingest(data, folder / "a.txt", folder / "b.txt").output


def test_a_changed_file_or_new_rules_are_read_again(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    path = dump(folder, "a.txt", TITLE, PARAS)
    dump(folder, "b.txt", OTHER_TITLE, OTHER)
    data = tmp_path / "data"
    ingest(data, folder)
    path.write_text(path.read_text(encoding="utf-8").replace("19 tập thể", "21 tập thể"), encoding="utf-8")
    assert "0 new, 1 updated, 1 unchanged" in ingest(data, folder).output
    monkeypatch.setattr(inputs, "extractor_version", lambda: {"rules": "a newer extractor"})
    # read again with the new rules: the same records come out, so nothing changes
    assert "0 new, 0 updated, 2 unchanged" in ingest(data, folder).output
    refuse_to_read(monkeypatch)
    assert "0 new, 0 updated, 2 unchanged" in ingest(data, folder).output


def test_a_removed_article_comes_back_when_its_file_is_ingested_again(tmp_path):
    folder = tmp_path / "in"
    dump(folder, "a.txt", TITLE, PARAS)
    data = tmp_path / "data"
    ingest(data, folder)
    result = CliRunner().invoke(cli, ["search", "--data-dir", str(data), "--format", "jsonl"])
    article = result.output.split('"id": "')[1][:16]
    assert CliRunner().invoke(cli, ["remove", "--data-dir", str(data), article]).exit_code == 0
    assert "1 new, 0 updated, 0 unchanged" in ingest(data, folder).output


def test_a_file_that_failed_is_read_again_and_fails_again(tmp_path):
    folder = tmp_path / "in"
    (folder).mkdir()
    (folder / "empty.txt").write_bytes(b"")
    data = tmp_path / "data"
    for _ in range(2):
        result = ingest(data, folder)
        assert result.exit_code == 1 and "empty file" in result.output


def _page(title):
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>Sáng nay, đơn vị tổ chức hội nghị về {title.lower()} với sự tham dự của đông đảo cán bộ, "
            f"công nhân viên và người lao động trong toàn đơn vị.</p></article></body></html>").encode()


def test_an_unchanged_warc_counts_its_pages_as_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "saved.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for n, title in enumerate(["Hội thi thợ giỏi cấp nhà máy", "Tổng kết năm học tại trường quân sự"]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"http://a.vn/{n}.html", "response",
                                                          payload=io.BytesIO(_page(title)), http_headers=headers))
    data = tmp_path / "data"
    assert "2 new" in ingest(data, path).output
    refuse_to_read(monkeypatch)
    assert "0 new, 0 updated, 2 unchanged" in ingest(data, path).output

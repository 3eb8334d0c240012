"""Hostile bytes: a stray byte in UTF-8, UTF-16 without BOM, a WARC gzip bomb and a
page of many MB. Each is kept when it can be (and a warning line says what was done
to it) or refused on one line naming it, the rest of the batch read; memory stays
bounded. Every input is generated here."""
import gzip
import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import ROOT, cp1258_bytes
from ingest.clean.decode import MAX_BYTES, InputError, decode
from ingest.extract.compose import EXTRACT_CHARS
from search.cli.main import cli

SENTENCE = ("Sáng 12/3/2024, Nhà máy Z199 tổ chức hội nghị tổng kết phong trào thi đua quyết thắng, "
            "Đại tá Nguyễn Văn Hùng cho biết doanh thu đạt 250 tỷ đồng, tăng 12,5% so với cùng kỳ. ")


def article(chars, title="Nhà máy Z199 tổng kết phong trào thi đua quyết thắng"):
    """A dump of about `chars` characters: a title, then paragraphs of prose."""
    para = SENTENCE * 4
    return f"{title}\n\n" + "\n\n".join([para] * (chars // (len(para) + 2) + 1))


def ingest(data, *paths):
    try:
        runner = CliRunner(mix_stderr=False)  # click 8.1 mixes stderr into stdout by default
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(cli, ["--data-dir", str(data), "ingest", *paths])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stderr
    return result


def lines(result, kind):
    return [line for line in result.stderr.splitlines() if line.startswith(kind + ":")]


def stored(data):
    with sqlite3.connect(data / "records.sqlite") as db:
        return dict(db.execute("SELECT source, text FROM articles"))


# 1. A few bytes that are not UTF-8

def test_a_stray_byte_is_replaced_and_said_and_the_article_stored(tmp_path):
    text = article(6000)
    path = tmp_path / "stray.txt"
    path.write_bytes(text[:3001].encode("utf-8") + b"\xff" + text[3001:].encode("utf-8"))
    result = ingest(tmp_path / "data", str(path))
    assert result.exit_code == 0, result.stderr
    assert lines(result, "warning") == [f"warning: {path}: 1 byte that is not valid UTF-8 replaced by U+FFFD"]
    assert "\ufffd" in stored(tmp_path / "data")[str(path)]


def test_several_bad_bytes_are_counted():
    text = article(6000)
    raw = [part.encode("utf-8") for part in (text[:100], text[100:2000], text[2000:])]
    notes = []
    text = decode(raw[0] + b"\xff" + raw[1] + b"\xc0\xfe" + raw[2], notes=notes)
    assert notes == ["3 bytes that are not valid UTF-8 replaced by U+FFFD"] and text.count("\ufffd") == 3


def test_legacy_code_pages_are_still_detected_not_replaced():
    notes = []
    assert "thi đua" in decode(cp1258_bytes(article(3000)), notes=notes).lower()  # NFD tones aside, đ is intact
    latin = ("Le café du matin réunit les ouvriers de l'usine. " + "A plain English sentence follows. " * 40)
    assert "café" in decode(latin.encode("cp1252"), notes=notes)
    assert notes == []


def test_too_many_bad_bytes_is_not_called_utf8():
    raw = bytearray(article(3000).encode("utf-8"))
    for i in range(0, len(raw), 40):
        raw[i] = 0xFF  # 2.5% of the bytes
    notes = []
    try:
        decode(bytes(raw), notes=notes)
    except InputError:
        pass
    assert notes == []


# 2. UTF-16 without BOM, and binaries that stay binaries

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path, codec):
    text = article(4000)
    assert decode(text.encode(codec)) == text
    path = tmp_path / "utf16.txt"
    path.write_bytes(text.encode(codec))
    result = ingest(tmp_path / "data", str(path))
    assert result.exit_code == 0, result.stderr
    assert "Nhà máy Z199" in stored(tmp_path / "data")[str(path)]


def _zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", article(5000))
        archive.writestr("b.bin", os.urandom(3000))
    return buffer.getvalue()


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(6000),
    _zip(),
    os.urandom(20000),
    bytes(b for i in range(6000) for b in (i % 256, 0)),  # NULs in every other byte, but control characters
], ids=["png", "zip", "random", "nul-padded"])
def test_binaries_are_still_refused(data):
    with pytest.raises(InputError, match="binary"):
        decode(data)


# 3. A WARC gzip bomb

BOMB = 200 * 1024 * 1024


class Spaces(io.RawIOBase):
    """n bytes of spaces, made as they are read: the bomb is never in memory."""

    def __init__(self, n):
        self.left = n

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.left)
        buffer[:n] = b" " * n
        self.left -= n
        return n


def _page(title):
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{SENTENCE * 2}</p>"
            "</article></body></html>").encode()


def _warc_bomb(path, http_headers=True):
    """An article, a 200 MB response (with or without its HTTP headers), an article."""
    html = [("Content-Type", "text/html; charset=utf-8")]
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, title in (("http://a.vn/truoc.html", "Thi đua trước quả bom"), ("http://a.vn/bom.html", None),
                           ("http://a.vn/sau.html", "Thi đua sau quả bom")):
            if title:
                headers = StatusAndHeaders("200 OK", html, protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(_page(title)),
                                                              http_headers=headers))
            elif http_headers:
                headers = StatusAndHeaders("200 OK", html, protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(uri, "response", payload=Spaces(BOMB), length=BOMB,
                                                              http_headers=headers))
            else:  # the block is all spaces: warcio would read its "status line" whole
                fh.write(gzip.compress(f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
                                       "WARC-Record-ID: <urn:uuid:0d5e0c43-5c4d-4ad6-9d9a-4b3d9c4a0001>\r\n"
                                       "WARC-Date: 2024-01-01T00:00:00Z\r\n"
                                       "Content-Type: application/http; msgtype=response\r\n"
                                       f"Content-Length: {BOMB}\r\n\r\n".encode(), 1))
                with gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=1) as member:
                    spaces = b" " * (1 << 20)
                    for _ in range(BOMB >> 20):
                        member.write(spaces)
                    member.write(b"\r\n\r\n")
    return path


@pytest.fixture(scope="module", params=[True, False], ids=["page", "headerless"])
def bomb(request, tmp_path_factory):
    return _warc_bomb(tmp_path_factory.mktemp("bomb") / "bomb.warc.gz", request.param)


def test_a_bomb_record_is_refused_on_one_line_and_the_rest_of_the_warc_read(bomb, tmp_path):
    result = ingest(tmp_path / "data", str(bomb))
    assert result.exit_code == 1
    assert lines(result, "error") == [
        "error: http://a.vn/bom.html: page too large (200.0 MB in the WARC file; the limit is 20 MB)"]
    assert sorted(stored(tmp_path / "data")) == ["http://a.vn/sau.html", "http://a.vn/truoc.html"]


def test_reading_a_bomb_keeps_memory_bounded(bomb):
    """Peak RSS of a process that reads the bomb grows by less than 3 x MAX_BYTES (the
    bound in ingest.scrape.warc); warcio alone took more than the bomb's size."""
    script = ("import resource, json, sys\n"
              "from ingest.scrape import warc\n"
              "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
              "items = [(u, p) for u, _, _, p, _ in warc.html_responses(sys.argv[1])]\n"
              "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
              "print(json.dumps([before * 1024, after * 1024, items]))\n")
    run = subprocess.run([sys.executable, "-c", script, str(bomb)], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    before, after, items = json.loads(run.stdout)
    assert [u for u, _ in items] == ["http://a.vn/truoc.html", "http://a.vn/bom.html", "http://a.vn/sau.html"]
    assert after - before < 3 * MAX_BYTES, (before, after)


# 4. A page of many MB

def test_a_2mb_page_is_stored_whole_searchable_to_its_end_and_said_read_in_part(tmp_path):
    text = article(2 * 1024 * 1024) + "\n\nĐoạn cuối nhắc tới Xưởng Khuônmẫu Độcnhất.\n"
    assert len(text) > EXTRACT_CHARS
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    result = ingest(data, str(path))
    assert result.exit_code == 0, result.stderr
    (warning,) = lines(result, "warning")
    assert warning.startswith(f"warning: {path}: page of ") and "the whole text is stored and searchable" in warning
    assert stored(data)[str(path)].endswith("Xưởng Khuônmẫu Độcnhất.")
    found = CliRunner().invoke(cli, ["--data-dir", str(data), "search", "khuonmau docnhat", "--format", "json"])
    assert found.exit_code == 0, found.output
    assert json.loads(found.output)["total"] == 1

"""Bad input through the CLI: one line "error: <path>: <reason>" each, the batch goes on,
exit status 1. Odd but readable encodings are read."""
import json

import pytest
from click.testing import CliRunner

from cleaning_fixtures import PARAGRAPHS, news_page
from conftest import cp1258_bytes
from search.cli.main import cli

def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def run(*paths):
    try:
        runner = CliRunner(mix_stderr=False)  # click 8.1 mixes stderr into stdout by default
    except TypeError:
        runner = CliRunner()  # click >= 8.2 keeps them apart and has no such option
    return runner.invoke(cli, ["extract", "--jsonl", *paths])


@pytest.fixture
def good(tmp_path):
    return write(tmp_path, "good.html", news_page().encode("utf-8"))


@pytest.mark.parametrize("name,data,reason", [
    ("empty.html", b"", "empty file"),
    ("binary.html", bytes(range(256)) * 20, "binary content"),
    ("notext.html", "<html><body><nav><a href='/'>Trang chủ</a></nav><img src='a.jpg'></body></html>".encode(),
     "no article text found"),
    ("blank.txt", "\n\n   \n".encode(), "no article text found"),
])
def test_bad_file_one_error_line_and_batch_goes_on(tmp_path, good, name, data, reason):
    bad = write(tmp_path, name, data)
    result = run(bad, good)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {bad}: ") and reason in errors[0]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [good]


def test_too_large_file(tmp_path, good):
    big = tmp_path / "huge.html"
    with open(big, "wb") as fh:
        fh.write(b"<html><body><p>")
        fh.truncate(21 * 1024 * 1024)
    result = run(str(big), good)
    assert result.exit_code == 1
    assert f"error: {big}: too large" in result.stderr
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize("name,encode", [
    ("cp1258.html", lambda page: cp1258_bytes(page.replace('<meta charset="utf-8">',
                                                        '<meta charset="windows-1258">'))),
    ("utf16.html", lambda page: page.encode("utf-16")),
    ("truncated.html", lambda page: page[: page.index(PARAGRAPHS[3][:30])].encode()),
    ("cut_in_a_letter.html", lambda page: page.encode()[: page.encode().index("tướng Trần Văn Lâm đề".encode()) + 2]),
    ("broken.html", lambda page: ("<div><p>" + "</div><p><b>".join(PARAGRAPHS) + "</i></span>").encode()),
])
def test_readable_odd_inputs(tmp_path, name, encode):
    result = run(write(tmp_path, name, encode(news_page())))
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert PARAGRAPHS[1] in record["text"]
    if name in ("cp1258.html", "utf16.html"):
        assert record["text"].split("\n") == PARAGRAPHS
        assert record["author"] == "Lê Thanh Bình"

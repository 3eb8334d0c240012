"""The sample corpus and its expected answers must agree, or every score on it is meaningless.

These checks read the files as an archivist's tool would (declared charset, NFC) and fail as
soon as an article is edited without its entry in expected.json, or the other way round.
"""
import html
import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.clean.decode import decode
from search.cli.main import cli

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "sample"
EVENT_TYPES = {"conference", "campaign_launch", "handover", "award", "report", "other"}
EXPECTED = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
DOCS = {d["file"]: d for d in EXPECTED["documents"]}
ARTICLES = sorted(p for p in SAMPLE.iterdir() if p.suffix in (".html", ".txt"))


def visible(path):
    """Readable text of a file, tags dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFC", decode(path.read_bytes()))
    if path.suffix == ".html":
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    return re.sub(r"\s+", " ", text)


def test_every_article_has_an_entry_and_back():
    assert len(ARTICLES) >= 14
    assert {p.name for p in ARTICLES} == set(DOCS)


def test_mix_of_shapes_and_events():
    suffixes = [p.suffix for p in ARTICLES]
    assert suffixes.count(".html") >= 6 and suffixes.count(".txt") >= 6
    assert {d["event"]["type"] for d in DOCS.values()} >= EVENT_TYPES - {"other"}


@pytest.mark.parametrize("name", sorted(DOCS))
def test_entry_is_well_formed(name):
    doc = DOCS[name]
    assert doc["event"]["type"] in EVENT_TYPES
    for day in filter(None, [doc["published"], doc["event"]["date"]]):
        date.fromisoformat(day)
    for span in doc["dates"]:
        assert date.fromisoformat(span["start"]) <= date.fromisoformat(span["end"])
    values = {float(f["value"]) for f in doc["figures"]}
    assert not values & {float(v) for v in doc["not_figures"]}, "a value is both figure and not-figure"


@pytest.mark.parametrize("name", sorted(DOCS))
def test_expected_strings_are_in_the_file(name):
    doc, text = DOCS[name], visible(SAMPLE / name)
    for snippet in doc["body"] + doc["noise"] + [doc["title"] or ""]:
        assert re.sub(r"\s+", " ", snippet) in text, snippet
    for person in doc["people"]:
        assert f"{person['rank']} {person['name']}" in text, person


def test_windows_1258_page_decodes_from_its_declared_charset():
    page = SAMPLE / "06_z175_nhan_ban_giao_cum_truong_2022.html"
    raw = page.read_bytes()
    assert b'charset="windows-1258"' in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert DOCS[page.name]["title"] in visible(page)


def test_extract_reads_every_article():
    result = CliRunner().invoke(cli, ["extract", str(SAMPLE), "--jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert sorted(Path(r["source"]).name for r in records) == sorted(DOCS)
    assert all(r["text"].strip() for r in records)

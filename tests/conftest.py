"""Shared test fixtures: where ../shared is, and a small generator of article files."""
from pathlib import Path

import pytest

from fixture_records import build

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "corpus" / "sample"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared is not beside the project")


def write_dump(folder, name, title, body):
    """A text dump as archivists receive them: a junk line, the title, the body."""
    path = Path(folder) / name
    path.write_text(f"Trang chủ | Liên hệ\n\n{title}\n\n{body}\n", encoding="utf-8")
    return path


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_bytes(text):
    """Encode Vietnamese as windows-1258 does: base letters precomposed where the code
    page has them (â, ơ, đ…), tone marks as combining characters."""
    import unicodedata
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in decomposed if m in TONE_MARKS)
        letter = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONE_MARKS))
        out += letter.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    """A data folder holding the fixture records and their index (read-only for tests)."""
    folder = tmp_path_factory.mktemp("archive")
    build(folder)
    return folder


@pytest.fixture
def fresh_archive(tmp_path):
    """A data folder of one's own, for tests that write."""
    build(tmp_path)
    return tmp_path


def ingested(folder, *paths):
    """A data folder holding PATHS as `thidua ingest` stores and indexes them, run from
    the project folder (sources named as an archivist there sees them)."""
    import os

    from click.testing import CliRunner

    from search.cli.main import cli

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, ["--data-dir", str(folder), "ingest", *map(str, paths)])
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return folder


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory):
    """The sample corpus ingested (read-only for tests)."""
    return ingested(tmp_path_factory.mktemp("sample"), SAMPLE.relative_to(ROOT))


@pytest.fixture(scope="session")
def real_archive(tmp_path_factory):
    """The real pages of ../shared (seeds, saved news pages, qdnd) ingested; skips without them."""
    if not SHARED.exists():
        pytest.skip("../shared is not beside the project")
    corpus = SHARED / "corpus"
    return ingested(tmp_path_factory.mktemp("real"), SHARED / "seeds", corpus / "news_html", corpus / "qdnd")

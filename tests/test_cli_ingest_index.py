"""`thidua ingest` keeps the index current; `thidua reindex` rebuilds it."""
import json

from click.testing import CliRunner

from search.cli.main import cli

DUMP = "Lễ ra quân huấn luyện tại Nhà máy Z199\nSáng nay, cán bộ công nhân viên Nhà máy Z199 dự lễ ra quân huấn luyện.\n"


def run(folder, *args):
    return CliRunner().invoke(cli, ["--data-dir", str(folder), *args], catch_exceptions=False)


def test_ingest_indexes_and_reingest_does_not_duplicate(tmp_path):
    page = tmp_path / "input" / "ra-quan.txt"
    page.parent.mkdir()
    page.write_text(DUMP, encoding="utf-8")
    data = tmp_path / "data"
    assert run(data, "ingest", str(page.parent)).exit_code == 0
    assert run(data, "ingest", str(page.parent)).exit_code == 0
    found = json.loads(run(data, "search", "ra quan huan luyen", "--json").output)
    assert found["total"] == 1 and found["results"][0]["title"] == "Lễ ra quân huấn luyện tại Nhà máy Z199"


def test_reindex_rebuilds_from_records(fresh_archive):
    index = fresh_archive / "index"
    before = index.resolve()
    result = run(fresh_archive, "reindex")
    assert result.exit_code == 0 and "6 articles indexed" in result.output
    assert index.resolve() != before
    assert json.loads(run(fresh_archive, "search", "hoi nghi", "--json").output)["total"] == 1

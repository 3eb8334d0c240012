"""The reading commands as an archivist runs them: output formats and clear errors."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from search.cli.main import cli


def run(archive, *args):
    result = CliRunner().invoke(cli, ["--data-dir", str(archive), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_examples_and_help(name):
    command = cli.commands[name]
    assert command.help and "Examples:" in command.help and "\b" in command.help
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output


def test_search_table_with_facets(archive):
    result = run(archive, "search", "hoi", "nghi", "tong", "ket")
    assert result.exit_code == 0
    assert "Hội nghị tổng kết" in result.output
    assert "By year: 2023 (1)" in result.output and "By event type: conference (1)" in result.output


def test_search_json_and_csv(archive):
    data = json.loads(run(archive, "search", "thi đua", "--unit", "Z175", "--json").output)
    assert data["total"] == 2 and data["facets"]["unit"]["Nhà máy Z175"] == 2
    # structured marks, no « » written into the text (issue 11)
    assert all(r["marks"] and "«" not in r["snippet"] for r in data["results"])
    assert all(r["snippet"][a:b].lower() == "thi đua" for r in data["results"] for a, b in r["marks"])
    rows = list(csv.DictReader(io.StringIO(run(archive, "search", "--type", "award", "--format", "csv").output)))
    assert [r["units"] for r in rows] == ["Z121"]


def test_search_suggests_when_nothing_matches(archive):
    result = run(archive, "search", "hoi nghj")
    assert "No article matches." in result.output and "Did you mean: hoi nghi" in result.output


@pytest.mark.parametrize("args", [["search", '"thi đua'], ["search", "foo:bar"], ["search", "x", "--from", "2023-02-30"],
                                  ["timeline"], ["stats", "--from", "soon"], ["show", "zzzz"]])
def test_mistakes_are_one_line_errors(archive, args):
    result = run(archive, *args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_search_without_index_says_what_to_do(tmp_path):
    result = run(tmp_path, "search", "thi đua")
    assert result.exit_code == 1 and "thidua reindex" in result.output


def test_timeline_table_and_csv(archive):
    result = run(archive, "timeline", "--person", "Lê Văn Tuấn")
    assert "Rank history of Lê Văn Tuấn" in result.output and "Thiếu tướng" in result.output
    rows = list(csv.DictReader(io.StringIO(run(archive, "timeline", "--unit", "Z175", "--format", "csv").output)))
    assert [r["date"] for r in rows] == ["2021-03-12", "2023-07-08"]


def test_stats_grouped_csv(archive):
    rows = list(csv.DictReader(io.StringIO(run(archive, "stats", "--by", "metric", "--format", "csv").output)))
    assert {"metric": "giá trị sản xuất", "unit": "tỷ đồng", "count": "2", "sum": "3850",
            "mean": "1925", "min": "850", "max": "3000"} in rows


def test_show_by_prefix_and_json(archive):
    article_id = json.loads(run(archive, "search", "tọa đàm", "--json").output)["results"][0]["id"]
    text = run(archive, "show", article_id[:6]).output
    assert "Tọa đàm về văn hóa doanh nghiệp quân đội" in text and "Nhà máy Z131 (Z131)" in text
    assert json.loads(run(archive, "show", article_id, "--json").output)["id"] == article_id

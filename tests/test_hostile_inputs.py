"""Hostile inputs through `thidua ingest`: each gets one line "error: <input>: <reason>"
(no traceback), the rest of the batch is stored, the exit status is 1."""
import os
import sqlite3

from click.testing import CliRunner

from search.cli.main import cli

DUMP = "Lễ ra quân huấn luyện tại Nhà máy Z199\nSáng nay, cán bộ công nhân viên Nhà máy Z199 dự lễ ra quân huấn luyện năm 2024.\n"


def ingest(data, *paths):
    try:
        runner = CliRunner(mix_stderr=False)  # click 8.1 mixes stderr into stdout by default
    except TypeError:
        runner = CliRunner()
    return runner.invoke(cli, ["--data-dir", str(data), "ingest", *paths])


def sources(data):
    with sqlite3.connect(data / "records.sqlite") as db:
        return sorted(row[0] for row in db.execute("SELECT source FROM articles"))


def errors(result):
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_non_utf8_file_name_is_stored_with_escapes_and_found_again(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/b\xe1o.txt", "wb") as fh:
        fh.write(DUMP.encode())
    (folder / "khac.txt").write_text(DUMP.replace("Z199", "Z111"), encoding="utf-8")
    data = tmp_path / "data"
    first = ingest(data, str(folder))
    assert first.exit_code == 0, first.stderr
    assert sources(data) == [f"{folder}/b\\xe1o.txt", f"{folder}/khac.txt"]
    again = ingest(data, str(folder))
    assert again.exit_code == 0 and "0 new, 0 updated, 2 unchanged" in again.stdout


def test_unreadable_command_line_inputs_get_a_true_reason_each(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(DUMP, encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    bad = {str(fifo): "named pipe", str(tmp_path / "dangling.txt"): "broken symbolic link",
           str(tmp_path / "loop.txt"): "symbolic link loop", f"{good}/": "not a folder",
           str(tmp_path / "missing.txt"): "no such file or folder"}
    data = tmp_path / "data"
    result = ingest(data, *bad, str(good))
    assert result.exit_code == 1
    lines = errors(result)
    assert len(lines) == len(bad)
    for path, reason in bad.items():
        assert any(line.startswith(f"error: {path}: ") and reason in line for line in lines), (path, lines)
    assert sources(data) == [str(good)]


def test_fifo_inside_a_folder_is_reported_not_read(tmp_path):
    (tmp_path / "good.txt").write_text(DUMP, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.html")
    data = tmp_path / "data"
    result = ingest(data, str(tmp_path))
    assert result.exit_code == 1
    assert errors(result) == [f"error: {tmp_path / 'pipe.html'}: not a regular file (a named pipe (FIFO)); it is not read"]
    assert sources(data) == [str(tmp_path / "good.txt")]

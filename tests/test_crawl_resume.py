"""An interrupted crawl — stopped by --max-pages, Ctrl-C or kill -9 — resumes with
--resume: nothing fetched twice, nothing lost."""
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from crawl_site import Server, article_path
from search.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = ["--delay", "0.02", "--timeout", "0.3", "--max-size", "1", "--since", "2024-01-01"]
RETRIED = {article_path(1006): 2, article_path(1007): 2, article_path(1010): 4}
ALL_ARTICLES = 12


def seeds(base):
    return [f"{base}/chuyen-muc/thi-dua", f"{base}/sitemap.xml", f"{base}/rss.xml", f"{base}/atom.xml"]


def stored_articles(data):
    return sqlite3.connect(data / "records.sqlite").execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def warc_200s(data):
    found = Counter()
    for path in (data / "warc").glob("*.warc.gz"):
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response" and record.http_headers.get_statuscode() == "200":
                    found[record.rec_headers.get_header("WARC-Target-URI")] += 1
    return found


def assert_each_page_answered_once(paths, held=None):
    counts = Counter(paths)
    for path, n in counts.items():
        expected = RETRIED.get(path, 1) + (path == held)
        assert n == expected, (path, n)


def test_max_pages_then_resume(tmp_path):
    runner = CliRunner()
    with Server() as server:
        first = runner.invoke(cli, ["crawl", "--data-dir", str(tmp_path), *OPTIONS, "--max-pages", "6", *seeds(server.base)])
        assert first.exit_code == 0, first.output
        assert "still queued: continue with `thidua crawl --resume`" in first.output
        assert 0 < stored_articles(tmp_path) < ALL_ARTICLES
        second = runner.invoke(cli, ["crawl", "--data-dir", str(tmp_path), "--resume", "--max-pages", "6"])
        assert second.exit_code == 0, second.output
        third = runner.invoke(cli, ["crawl", "--data-dir", str(tmp_path), "--resume"])
        assert third.exit_code == 0, third.output
        assert "still queued" not in third.output
        paths = server.paths()
        again = runner.invoke(cli, ["crawl", "--data-dir", str(tmp_path), "--resume"])
    assert "no unfinished crawl" in again.output
    assert_each_page_answered_once([p for p in paths if p != "/robots.txt"])
    assert stored_articles(tmp_path) == ALL_ARTICLES
    assert article_path(1014) not in paths  # the stored --since still applied after resuming
    assert len(list((tmp_path / "warc").glob("*.warc.gz"))) == 3


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_killed_crawl_resumes_without_refetching(tmp_path, sig):
    held = article_path(1003)
    reached, release = threading.Event(), threading.Event()
    with Server() as server:
        server.site.hold = (held, reached, release)
        proc = subprocess.Popen([sys.executable, "-c", "from search.cli.main import cli; cli()", "crawl",
                                 "--data-dir", str(tmp_path), *OPTIONS, *seeds(server.base)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            assert reached.wait(60), "the crawl never reached the held page"
            proc.send_signal(sig)
            out, err = proc.communicate(timeout=30)
        finally:
            release.set()
            if proc.poll() is None:
                proc.kill()
        if sig == signal.SIGINT:
            assert proc.returncode == 130
            assert "interrupted: continue with `thidua crawl --resume`" in err
            assert "Traceback" not in err
        else:
            assert proc.returncode == -signal.SIGKILL
        done_before = stored_articles(tmp_path)
        assert 0 < done_before < ALL_ARTICLES
        resumed = CliRunner().invoke(cli, ["crawl", "--data-dir", str(tmp_path), "--resume"])
        assert resumed.exit_code == 0, resumed.output
        paths = server.paths()
    assert_each_page_answered_once([p for p in paths if p != "/robots.txt"], held=held)
    assert stored_articles(tmp_path) == ALL_ARTICLES
    answered = warc_200s(tmp_path)
    assert answered[server.base + held] == 1
    assert max(answered.values()) == 1 or all(uri.endswith("/robots.txt") for uri, n in answered.items() if n > 1)

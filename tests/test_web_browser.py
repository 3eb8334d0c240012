"""The page in a real browser: Debian's chromium driven by Python playwright (never
`playwright install`: the system browser is given by path), over the sample corpus.

Each test saves a screenshot under SCREENSHOTS (printed by `make test`), so anyone
can look at what was tested. Without chromium or playwright the tests skip, except
under CI=true, where they fail: CI is where they must run.
"""
import csv
import io
import json
import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLE
from search.cli.main import cli

SCREENSHOTS = Path(os.environ.get("THIDUA_SCREENSHOTS") or ROOT / "test-screenshots")
CHROMIUM = next((p for p in (os.environ.get("THIDUA_CHROMIUM"), shutil.which("chromium"),
                             shutil.which("chromium-browser"), "/usr/bin/chromium") if p and Path(p).exists()), None)


def _missing():
    if CHROMIUM is None:
        return "no chromium on this machine (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "python playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run on CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    args = ["--no-sandbox"] if os.geteuid() == 0 else []  # chromium's sandbox refuses root
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=args)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    here = os.getcwd()
    os.chdir(ROOT)  # sources named as an archivist in the project folder would see them: corpus/sample/…
    try:
        result = CliRunner().invoke(cli, ["--data-dir", str(folder), "ingest", str(SAMPLE.relative_to(ROOT))])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def server(sample):
    """The app on a free port of 127.0.0.1, in a thread of this process."""
    import uvicorn

    from search.web.app import create_app
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    running = uvicorn.Server(uvicorn.Config(create_app(sample), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture
def page(browser, server, request):
    """A fresh page; console errors (a CSP refusal is one) fail the test; a screenshot at the end."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                  locale="vi-VN")
    tab = context.new_page()
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.base = server
    yield tab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / (re.sub(r"[^\w.-]+", "_", request.node.name) + ".png")), full_page=True)
    context.close()
    assert errors == []


def data_of(page):
    """The JSON twin of the page the browser shows."""
    url = page.url + ("&" if "?" in page.url else "?") + "format=json"
    return json.loads(page.request.get(url).text())


def cli_csv(sample, *args):
    result = CliRunner().invoke(cli, ["--data-dir", str(sample), "search", *args, "--limit", "10000",
                                      "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.output


def test_search_from_the_box(page):
    page.goto(page.base + "/")
    page.fill("#q", "hoi nghi tong ket")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=hoi(\+|%20)nghi(\+|%20)tong(\+|%20)ket"))
    titles = page.locator("li.hit h3 a").all_inner_texts()
    data = data_of(page)
    assert titles == [r["title"] or "(không có tiêu đề)" for r in data["results"]]
    assert len(titles) == data["total"] > 0
    assert page.locator("li.hit .snippet mark").count() > 0
    assert page.locator("html").get_attribute("lang") == "vi"


def test_facet_include_then_exclude(page):
    page.goto(page.base + "/?q=thi+đua")
    before = data_of(page)
    unit, count = next(iter(before["facets"]["unit"].items()))
    page.locator('section[data-facet="unit"] a.include', has_text=unit).first.click()
    page.wait_for_url(re.compile(r"unit="))
    assert data_of(page)["total"] == count == page.locator("li.hit").count()
    assert page.locator(".active .chip", has_text=unit).count() == 1
    kind, n = next(iter(data_of(page)["facets"]["type"].items()))
    page.locator('section[data-facet="type"] li', has=page.locator(f'a.include[href*="type={kind}"]')) \
        .locator("a.exclude").click()
    page.wait_for_url(re.compile(r"not_type=" + kind))
    after = data_of(page)
    assert after["total"] == count - n and kind not in after["facets"]["type"]
    assert page.locator(".chip.excluded").count() == 1


def test_click_a_year_bar(page):
    page.goto(page.base + "/")
    years = data_of(page)["years"]
    year = sorted(years)[len(years) // 2]
    page.locator(f'a.bar-link[data-year="{year}"] rect.hit-area').click()
    page.wait_for_url(re.compile(f"from={year}&to={year}"))
    dates = page.locator("li.hit .date").all_inner_texts()
    assert len(dates) == years[year] and all(d.endswith("/" + year) for d in dates)
    assert page.locator("rect.bar.selected").count() == 1
    page.select_option('form.range select[name="from"]', sorted(years)[0])
    page.click("form.range button")
    page.wait_for_url(re.compile(f"from={sorted(years)[0]}"))
    assert data_of(page)["total"] == sum(v for y, v in years.items() if y <= year)


def test_page_through_results(page):
    page.goto(page.base + "/?size=5&sort=date")
    first = page.locator("li.hit h3 a").all_inner_texts()
    total = data_of(page)["total"]
    seen = list(first)
    while page.locator('a[rel="next"]').count():
        page.click('a[rel="next"]')
        page.wait_for_url(re.compile(rf"page={len(seen) // 5 + 1}"))
        seen += page.locator("li.hit h3 a").all_inner_texts()
    assert len(seen) == total and len(first) == 5
    page.click('a[rel="prev"]')
    page.wait_for_url(re.compile(rf"page={-(-total // 5) - 1}|size=5&sort=date$"))


def test_open_an_article_and_step_through_matches(page):
    page.goto(page.base + "/?q=thi+đua&sort=date")
    second_title = page.locator("li.hit h3 a").nth(1).inner_text()
    page.locator("li.hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/article/"))
    count = int(page.locator(".match-nav").get_attribute("data-count"))
    assert count > 1 and page.locator("mark.hit").count() >= count
    page.click(".match-next")
    assert page.locator(".match-at").inner_text() == f"1/{count}"
    assert page.locator('mark.current[data-hit="0"]').count() >= 1
    page.click(".match-next")
    assert page.locator(".match-at").inner_text() == f"2/{count}"
    page.click(".match-prev")
    page.click(".match-prev")
    assert page.locator(".match-at").inner_text() == f"{count}/{count}"  # round the end
    assert page.locator(".text .ent.unit").count() > 0
    page.uncheck("#marks")
    assert page.locator(".text .ent.unit").first.evaluate("e => getComputedStyle(e).backgroundColor") \
        == "rgba(0, 0, 0, 0)"
    page.click('a[rel="next"]')
    page.wait_for_url(re.compile(r"pos=1"))
    assert page.locator("h1").inner_text() == second_title


@pytest.mark.parametrize("url, args", [
    ("/?q=thi+đua&not_type=report", ["thi đua NOT type:\"report\""]),
    ("/?unit=Z129&from=2020&to=2023&sort=date", ["--unit", "Z129", "--from", "2020", "--to", "2023", "--sort", "date"]),
])
def test_export_csv_equals_the_command_line(page, sample, url, args):
    page.goto(page.base + url)
    with page.expect_download() as download:
        page.click('.export a:text("CSV")')
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    printed = cli_csv(sample, *args)
    assert list(csv.reader(io.StringIO(exported))) == list(csv.reader(io.StringIO(printed)))
    assert len(list(csv.reader(io.StringIO(exported)))) - 1 == data_of(page)["total"] > 0


def test_person_page_with_rank_history(page):
    page.goto(page.base + "/")
    person = next(iter(data_of(page)["facets"]["person"]))
    page.goto(page.base + "/?q=thi+đua")
    page.locator("a.person", has_text=person).first.click()
    page.wait_for_url(re.compile(r"/person\?name="))
    rows = page.locator("#rank-history tbody tr")
    data = data_of(page)
    assert rows.count() == len(data["ranks"]) > 0
    assert page.locator("figure.chart svg circle").count() == len([e for e in data["events"] if e["date"]])


def test_statistics_chart(page):
    page.goto(page.base + "/stats")
    groups = json.loads(page.request.get(page.base + "/stats?by=metric&format=json").text())["rows"]
    metric = max((r for r in groups if r["metric"]), key=lambda r: r["count"])["metric"]
    page.fill('input[name="metric"]', metric)
    page.click('form.stats button')
    page.wait_for_url(re.compile(r"metric="))
    assert page.locator("figure.line-chart svg circle").count() > 0
    assert page.locator("#stats-table tbody tr").count() == len(data_of(page)["rows"])


def test_english_switch_and_readme_screenshot(page):
    page.goto(page.base + "/?q=thi+đua")
    page.click("a.lang")
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("label[for=q]").inner_text().startswith("Words")
    page.click("a.lang")
    page.wait_for_url(re.compile(r"^(?!.*lang=en)"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(SCREENSHOTS / "readme-search.png"))

"""Scraped text is hostile: markup, javascript: URLs and quote-breaking attributes in
an article's title, body, author, URL, units and people must reach the page as text.

One page goes through `thidua ingest` as a crawler would hand it over; ingest keeps
its hostile title and body (and drops its javascript: canonical URL and its author).
A second record is stored as a record from elsewhere might be (a WARC whose target
URI is javascript:, an author line full of markup, entity names with quotes), so
that the page's own escaping is tested on every field, whatever ingest lets by.
"""
import json
import re

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from starlette.testclient import TestClient

from ingest import store
from ingest.record import new_record
from search.cli.archiving import index_journal
from search.cli.main import cli
from search.web.app import create_app, href

SCRIPT = "<script>alert('{}')</script>"
BREAK = "\"><img src=x onerror=alert('{}')>"
SINGLE = "' onmouseover='alert(\"{}\")' x='"

PAGE = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<title>Nhà máy Z175 phát động thi đua {SCRIPT.format('title')}</title>
<link rel="canonical" href="javascript:alert('canonical')//https://example.vn/a">
<meta name="author" content="Phóng viên &quot;&gt;&lt;img src=x onerror=alert('author')&gt;">
<meta property="article:published_time" content="2024-03-12T08:00:00+07:00">
</head><body><article>
<h1>Nhà máy Z175 phát động thi đua &quot;&gt;&lt;script&gt;alert('h1')&lt;/script&gt;</h1>
<p>Ngày 12/3/2024, Nhà máy Z175 tổ chức lễ phát động thi đua cao điểm &lt;script&gt;alert('body')&lt;/script&gt;
với sự tham dự của Đại tá Trần Quốc Bình, Giám đốc Nhà máy.</p>
<p>Đơn vị đặt chỉ tiêu doanh thu 1.200 tỷ đồng; xem javascript:alert('text') và
&quot;&gt;&lt;img src=x onerror=alert('img')&gt; trong báo cáo &#39; onmouseover=&#39;alert(1)&#39;.</p>
<p>Các phân xưởng cam kết hoàn thành kế hoạch năm 2024 trước thời hạn, bảo đảm an toàn tuyệt đối.</p>
</article></body></html>
"""


def hostile_record():
    text = (f"Ngày 5/6/2023, Nhà máy Z{BREAK.format('unit')} tổ chức hội nghị thi đua {SCRIPT.format('text')}.\n"
            f"Đại tá Lê {SINGLE.format('person')} phát biểu tại hội nghị thi đua javascript:alert('t2').")
    rec = new_record("javascript:alert('source')", f"Hội nghị thi đua {BREAK.format('title2')}", "2023-06-05",
                     f"Tác giả {SCRIPT.format('author')}{SINGLE.format('author2')}", text,
                     url="javascript:alert('url')")
    rec.update(
        event={"type": "conference", "date": "2023-06-05", "location": f"Hà Nội {BREAK.format('location')}"},
        units=[{"name": f"Nhà máy Z{BREAK.format('unit')}", "code": None,
                "mentions": [f"Nhà máy Z{BREAK.format('unit')}"], "kind": "factory"}],
        people=[{"name": f"Lê {SINGLE.format('person')}", "rank": "Đại tá",
                 "positions": [SCRIPT.format("position")]}],
        dates=[{"text": "5/6/2023", "start": "2023-06-05", "end": "2023-06-05", "granularity": "day"}],
        figures=[{"text": "3 <b>đơn vị</b>", "value": 3, "unit": f"đơn vị{SCRIPT.format('measure')}",
                  "metric": f"số đơn vị {BREAK.format('metric')}", "qualifier": None, "offset": 0,
                  "organisation": f"Z{SINGLE.format('org')}", "compared_to": None}])
    return rec


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    page = folder / "hostile.html"
    page.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--data-dir", str(folder / "data"), "ingest", str(page)])
    assert result.exit_code == 0, result.output
    db = store.connect(folder / "data")
    store.save_batch(db, [hostile_record()])
    index_journal(folder / "data", db)
    records = [json.loads(r[0]) for r in db.execute("SELECT record FROM articles")]
    return folder / "data", records


def test_the_archive_really_holds_hostile_values(hostile):
    _, records = hostile
    ingested = next(r for r in records if "h1" in (r["title"] or ""))
    assert "<script>alert('h1')</script>" in ingested["title"]
    assert "<script>alert('body')</script>" in ingested["text"] and "onerror=alert('img')" in ingested["text"]
    made = next(r for r in records if r["url"])
    assert made["url"].startswith("javascript:") and "<script>" in made["author"]


def pages(client, records):
    urls = ["/", "/?q=thi+đua", "/?q=alert", "/?q=script", "/?sort=date&q=hội+nghị", "/status", "/stats",
            "/stats?by=metric", "/stats?metric=số+đơn+vị", "/?lang=en&q=thi"]
    for rec in records:
        urls.append(f"/article/{rec['id']}")
        urls.append(href(f"/article/{rec['id']}", {"q": "alert script img", "pos": 0}))
        for unit in rec["units"]:
            urls.append(href("/unit", {"name": unit["name"]}))
        for person in rec["people"]:
            urls.append(href("/person", {"name": person["name"]}))
    data = client.get("/?format=json").json()
    for facet, counts in data["facets"].items():
        for value in counts:
            urls.append(href("/", {"not_" + facet: [value]}))
            urls.append(href("/", {"from" if facet == "year" else facet: value}))
    return urls


LIVE_SCRIPTS = ["/static/htmx.min.js", "/static/app.js"]


def test_no_hostile_value_is_live_on_any_page(hostile):
    folder, records = hostile
    client = TestClient(create_app(folder))
    checked = 0
    for url in pages(client, records):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.text
        checked += 1
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>" not in html, url
        soup = BeautifulSoup(html, "html.parser")
        assert [s.get("src") for s in soup.find_all("script")] == LIVE_SCRIPTS, url
        assert not soup.find_all("img"), url
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (url, tag.name, name)
                if name in ("href", "src", "action", "xlink:href"):
                    assert re.match(r"^(/|https?://|#)", value), (url, tag.name, value)
                    assert "javascript:" not in value.lower()
        if url.startswith("/article/"):  # the hostile values are there, as text
            rec = next(r for r in records if url.startswith(f"/article/{r['id']}"))
            assert rec["title"] in soup.get_text() and "alert(" in soup.find(class_="text").get_text()
    assert checked > 20


def test_a_javascript_url_is_shown_as_text_never_as_a_link(hostile):
    folder, records = hostile
    client = TestClient(create_app(folder))
    made = next(r for r in records if r["url"])
    soup = BeautifulSoup(client.get(f"/article/{made['id']}").text, "html.parser")
    assert "javascript:alert('url')" in soup.get_text()
    assert not soup.find_all("a", href=re.compile("javascript", re.I))
    results = BeautifulSoup(client.get("/?q=alert").text, "html.parser")
    assert not results.find_all("a", class_="out")


def test_json_twins_and_exports_carry_values_unchanged(hostile):
    folder, records = hostile
    client = TestClient(create_app(folder))
    made = next(r for r in records if r["url"])
    data = client.get(f"/article/{made['id']}?format=json").json()
    assert data["title"] == made["title"] and data["url"] == made["url"]
    assert client.get(f"/article/{made['id']}?format=json").headers["content-type"] == "application/json"
    exported = client.get("/?export=csv")
    assert made["title"] in exported.text.replace('""', '"')
    assert exported.headers["content-type"].startswith("text/csv")

"""`thidua serve`: pages, their JSON twins, filters in the URL, exports equal to the
command line's, the catalog, the headers, read-only routes, and a searcher that
follows the index."""
import csv
import hashlib
import io
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from figure_records import CLUSTER
from fixture_records import records as fixture_records
from ingest import store
from search.cli.main import cli
from search.web import views
from search.web.app import create_app, href, web_link
from search.web.archive import Archive
from search.web.messages import CATALOG, date_vn, number_vn, translator
from web_records import build_many

TEMPLATES = Path(__file__).resolve().parent.parent / "search" / "web" / "templates"


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """An archive of 130 generated articles (pages of 20: seven pages)."""
    folder = tmp_path_factory.mktemp("many")
    build_many(folder, 130)
    return folder


@pytest.fixture(scope="module")
def client(many):
    return TestClient(create_app(many))


def page_json(client, url):
    response = client.get(url + ("&" if "?" in url else "?") + "format=json")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def cli_run(folder, *args):
    result = CliRunner().invoke(cli, ["--data-dir", str(folder), *args])
    assert result.exit_code == 0, result.output
    return result.output


# -- the search page -------------------------------------------------------------

def test_search_page_and_its_json_twin(client):
    html = client.get("/?q=thi+dua")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    data = page_json(client, "/?q=thi+dua")
    assert data["total"] > 20 and len(data["results"]) == 20 and data["pages"] == -(-data["total"] // 20)
    first = data["results"][0]
    assert first["title"] in html.text  # escaped the same, these titles have no markup
    assert "<mark>" in html.text  # the snippets' «marks»
    assert set(data["facets"]) == {"year", "type", "unit", "person", "rank", "site"}
    assert all(data["facets"][name] for name in data["facets"])
    assert data["command"].startswith("thidua search 'thi dua'")


def test_facet_include_and_exclude_through_the_url(client):
    base = page_json(client, "/")
    unit, n = next(iter(base["facets"]["unit"].items()))
    only = page_json(client, href("/", {"unit": unit}))
    assert only["total"] == n
    assert all(unit in r["units"] or any(unit.endswith(code) for code in r["units"]) for r in only["results"])
    without = page_json(client, href("/", {"not_unit": [unit]}))
    assert without["total"] == base["total"] - n
    assert unit not in without["facets"]["unit"]
    rank, r_n = next(iter(base["facets"]["rank"].items()))
    person, p_n = next(iter(base["facets"]["person"].items()))
    both = page_json(client, href("/", {"not_rank": [rank], "not_person": [person]}))
    assert rank not in both["facets"]["rank"] and person not in both["facets"]["person"]
    assert both["total"] <= base["total"] - max(r_n, p_n)
    site, s_n = next(iter(base["facets"]["site"].items()))
    assert page_json(client, href("/", {"site": site}))["total"] == s_n


def test_the_html_page_links_each_facet_value_both_ways(client):
    data = page_json(client, "/")
    html = client.get("/").text
    unit = next(iter(data["facets"]["unit"]))
    assert f'href="{href("/", {"unit": unit})}"'.replace("&", "&amp;") in html
    assert f'href="{href("/", {"not_unit": [unit]})}"'.replace("&", "&amp;") in html


def test_year_histogram_is_a_range_filter(client):
    data = page_json(client, "/")
    years = sorted(data["years"])
    assert data["years"] == data["facets"]["year"]
    one = years[1]
    ranged = page_json(client, href("/", {"from": one, "to": one}))
    assert ranged["total"] == data["years"][one]
    assert all(r["date"].startswith(one) for r in ranged["results"])
    assert ranged["years"] == data["years"]  # the histogram still shows every year, to widen the range
    span = page_json(client, href("/", {"from": years[1], "to": years[3]}))
    assert span["total"] == sum(data["years"][y] for y in years[1:4])
    html = client.get("/").text
    assert html.count('class="bar-link"') == int(years[-1]) - int(years[0]) + 1
    assert f'href="/?from={one}&amp;to={one}"' in html


def test_pages_cover_every_result_once(client):
    first = page_json(client, "/?sort=date")
    seen = []
    for page in range(1, first["pages"] + 1):
        data = page_json(client, f"/?sort=date&page={page}")
        assert data["page"] == page
        seen += [r["id"] for r in data["results"]]
    assert len(seen) == len(set(seen)) == first["total"]
    dates = [r["date"] for p in range(1, 3) for r in page_json(client, f"/?sort=date&page={p}")["results"]]
    assert dates == sorted(dates, reverse=True)
    assert page_json(client, "/?page=999")["page"] == first["pages"]  # past the end: the last page
    assert 'rel="next"' in client.get("/?page=2").text and 'rel="prev"' in client.get("/?page=2").text


def test_relevance_and_date_sorts_differ_and_match_the_cli(client, many):
    for sort in ("relevance", "date"):
        data = page_json(client, f"/?q=sáng+kiến&sort={sort}")
        cli_ids = [r["id"] for r in json.loads(cli_run(many, "search", "sáng kiến", "--sort", sort, "--json"))["results"]]
        # the page shows the first results; the command line's JSON holds every match
        assert [r["id"] for r in data["results"]] == cli_ids[:len(data["results"])]
        assert len(cli_ids) == data["total"] > len(data["results"])


def test_every_filter_survives_a_reload(client):
    url = href("/", {"q": "thi đua", "unit": "Z175", "from": "2016", "to": "2024-06", "sort": "date", "page": 1,
                     "not_type": ["report"], "not_year": ["2019"]})
    once, again = page_json(client, url), page_json(client, url)
    assert once == again
    assert once["filters"] == {"q": "thi đua", "unit": "Z175", "from": "2016", "to": "2024-06",
                               "not_type": ["report"], "not_year": ["2019"]}
    assert all(r["type"] != "report" and not r["date"].startswith("2019") for r in once["results"])


@pytest.mark.parametrize("params", [
    {},
    {"q": "thi đua"},
    {"q": "hoi nghi", "sort": "date"},
    {"unit": "Z175", "from": "2017", "to": "2023"},
    {"q": "sáng kiến", "not_unit": ["Nhà máy Z129"], "not_year": ["2020", "2021"], "not_type": ["award"]},
    {"rank": "Đại tá", "type": "conference"},
    {"site": "qdnd.vn", "not_rank": ["Trung tướng"]},
])
def test_export_is_every_row_of_the_filtered_search_as_the_cli_prints_it(client, many, params):
    state = views.state_from(_Params(params))
    exported = client.get(href("/", {**params, "export": "csv"}))
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    args = _cli_args(state)
    printed = cli_run(many, "search", *args, "--limit", "10000", "--format", "csv")
    assert exported.text.replace("\r\n", "\n") == printed.replace("\r\n", "\n")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert len(rows) == page_json(client, href("/", params))["total"]
    as_json = client.get(href("/", {**params, "export": "json"})).json()
    cli_json = json.loads(cli_run(many, "search", *args, "--limit", "10000", "--json"))
    assert as_json == cli_json and len(as_json["results"]) == len(rows)


def test_export_ignores_paging_and_keeps_filters(client):
    full = list(csv.DictReader(io.StringIO(client.get("/?unit=Z175&page=2&export=csv").text)))
    assert len(full) == page_json(client, "/?unit=Z175")["total"] > 0
    assert all("Z175" in r["units"] for r in full)


class _Params(dict):
    """A dict read like Starlette's QueryParams."""

    def get(self, key, default=None):
        value = super().get(key, default)
        return value[0] if isinstance(value, list) else value

    def getlist(self, key):
        value = super().get(key, [])
        return value if isinstance(value, list) else [value]


def _cli_args(state):
    """The command line's arguments for a state, as views.command_line writes them."""
    import shlex
    return shlex.split(views.command_line(state))[2:]


def test_bad_query_is_one_clear_message(client):
    response = client.get('/?q="thi')
    assert response.status_code == 400 and "unclosed quotation mark" in response.text
    assert "error" in client.get('/?q="thi&format=json').json()


# -- language, dates, numbers -----------------------------------------------------------

def test_vietnamese_by_default_english_on_request(client):
    vi, en = client.get("/?q=thi").text, client.get("/?q=thi&lang=en").text
    assert 'lang="vi"' in vi and "Tìm kiếm" in vi and "Loại sự kiện" in vi
    assert 'lang="en"' in en and "Event type" in en and "Loại sự kiện" not in en
    assert 'href="/stats?lang=en"' in en  # the choice follows the links


def test_catalog_has_every_key_the_templates_use_in_both_languages():
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["']\s*[,)]""", template.read_text(encoding="utf-8")))
    assert used and used <= set(CATALOG)
    for key, (vi, en) in CATALOG.items():
        assert vi and en, key
        assert set(re.findall(r"{\w+}", vi)) == set(re.findall(r"{\w+}", en)), key
    for template in TEMPLATES.glob("*.html"):  # facet_*, type_*, group_* keys built from names
        for prefix in re.findall(r"""t\(\s*["']([a-z]+_)["']\s*~""", template.read_text(encoding="utf-8")):
            assert any(k.startswith(prefix) for k in CATALOG)


def test_dates_and_numbers_are_written_the_vietnamese_way(client):
    assert date_vn("2023-12-27") == "27/12/2023" and date_vn("2023-12") == "12/2023" and date_vn(None) == ""
    assert number_vn(3000) == "3.000" and number_vn(17.6) == "17,6" and number_vn(1234567.25) == "1.234.567,25"
    assert number_vn(-4500.5) == "-4.500,5" and number_vn(0) == "0" and number_vn(12.0) == "12"
    data = page_json(client, "/?sort=date")
    day = data["results"][0]["date"]
    assert date_vn(day) in client.get("/?sort=date").text
    assert translator("en")("copies", n=2) == "+2 copies"


# -- security and read-only ---------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/stats", "/status", "/static/app.js", "/person?name=x", "/nowhere"])
def test_every_response_carries_the_content_security_policy(client, url):
    csp = client.get(url).headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe" not in csp
    assert client.get(url).headers["x-content-type-options"] == "nosniff"


def test_pages_load_no_script_or_style_from_elsewhere_and_none_inline(client):
    html = client.get("/?q=thi").text
    assert re.findall(r"<script[^>]*src=\"([^\"]+)\"", html) == ["/static/htmx.min.js", "/static/app.js"]
    assert not re.search(r"<script(?![^>]*src=)[^>]*>", html)
    assert not re.search(r"\sstyle=|\son\w+=", html)
    assert "http://" not in html.split("<body")[0] and "https://" not in html.split("<body")[0]


def test_htmx_is_the_vendored_2_0_release():
    static = TEMPLATES.parent / "static"
    body = (static / "htmx.min.js").read_bytes()
    notes = (static / "VENDORED.md").read_text(encoding="utf-8")
    assert hashlib.sha256(body).hexdigest() in notes and "2.0.11" in notes
    assert (static / "htmx.LICENSE.txt").exists()


def test_the_archive_is_never_written(fresh_archive):
    db_file = fresh_archive / store.DB_NAME
    before = hashlib.sha256(db_file.read_bytes()).hexdigest()
    client = TestClient(create_app(fresh_archive))
    for url in ["/", "/?q=thi", "/status", "/stats?by=year", "/person?name=Lê Văn Tuấn", "/unit?name=Z175"]:
        assert client.get(url).status_code == 200
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/").status_code == 405
    assert hashlib.sha256(db_file.read_bytes()).hexdigest() == before


def test_only_http_links_are_links():
    assert web_link("https://qdnd.vn/a?b=1") == "https://qdnd.vn/a?b=1"
    for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd",
                'https://x.vn/"onmouseover="alert(1)', "//evil.example/x", "corpus/a.html", None, "http://"]:
        assert web_link(bad) is None, bad


# -- the searcher follows the index; shared caches --------------------------------------

def test_an_ingest_beside_the_server_shows_without_restart(fresh_archive):
    client = TestClient(create_app(fresh_archive))
    before = page_json(client, "/")["total"]
    build_many(fresh_archive, 3, seed=99)
    assert page_json(client, "/")["total"] == before + 3
    cli_run(fresh_archive, "reindex")  # a new generation behind the symlink
    assert page_json(client, "/")["total"] == before + 3
    assert page_json(client, "/status")["indexed"] == before + 3


def test_concurrent_requests_get_the_answers_of_sequential_ones(many):
    archive = Archive(many)
    states = [views.state_from(_Params(p)) for p in (
        {"q": "thi đua"}, {"unit": "Z175"}, {"q": "sáng kiến", "sort": "date"}, {"not_year": ["2020"]},
        {"rank": "Đại tá"}, {"q": "hoi nghi", "page": "2"})]
    expected = [json.dumps(views.search_page(Archive(many), dict(s))) for s in states]
    with ThreadPoolExecutor(6) as pool:
        got = list(pool.map(lambda i: json.dumps(views.search_page(archive, dict(states[i % 6]))), range(36)))
    assert got == expected * 6


# -- other pages ---------------------------------------------------------------------

def test_article_page_marks_entities_and_query_words(archive):
    client = TestClient(create_app(archive))
    rec = next(r for r in fixture_records() if r["title"].startswith("Hội nghị tổng kết"))
    stored = page_json(client, "/")["results"]
    article_id = next(r["id"] for r in stored if r["title"] == rec["title"])
    data = page_json(client, href(f"/article/{article_id}", {"q": "quyet thang"}))
    pieces = [p for para in data["paragraphs"] for p in para]
    assert "".join(p["text"] for p in pieces) == rec["text"].replace("\n", "")
    assert len(data["paragraphs"]) == rec["text"].count("\n") + 1
    marked = {}
    for p in pieces:  # an entity cut by a query match is two pieces of the same entity
        if p["kind"]:
            marked[(p["kind"], p["key"])] = marked.get((p["kind"], p["key"]), "") + p["text"]
    assert marked[("unit", "Tổng cục Công nghiệp quốc phòng")].startswith("Tổng cục Công nghiệp quốc phòng")
    assert marked[("person", "Lê Văn Tuấn")] == "Lê Văn Tuấn"
    assert ("date", None) in marked and "hơn 3.000 tỷ đồng" in marked[("figure", None)]
    assert data["hits"] == 1 and [p["text"] for p in pieces if p["hit"] == 0] == ["Quyết thắng"]
    html = client.get(href(f"/article/{article_id}", {"q": "quyet thang"})).text
    assert 'id="hit-0"' in html and 'class="match-next"' in html and 'id="marks"' in html
    assert 'href="/person?name=L%C3%AA+V%C4%83n+Tu%E1%BA%A5n"' in html
    assert client.get("/article/nothere").status_code == 404


def test_article_knows_the_next_and_previous_result(client):
    found = page_json(client, "/?q=thi+đua&sort=date")
    results = found["results"]
    middle = page_json(client, href(f"/article/{results[1]['id']}", {"q": "thi đua", "sort": "date", "pos": 1}))
    assert middle["previous"] == results[0]["id"] and middle["next"] == results[2]["id"]
    first = page_json(client, href(f"/article/{results[0]['id']}", {"q": "thi đua", "sort": "date", "pos": 0}))
    assert first["previous"] is None and first["next"] == results[1]["id"]
    third = page_json(client, href(f"/article/{results[2]['id']}", {"q": "thi đua", "sort": "date", "pos": 2}))
    assert len(results) > 3 and third["previous"] == results[1]["id"] and third["next"] == results[3]["id"]
    last = found["total"] - 1  # the very last result, on the last page
    tail = page_json(client, f"/?q=thi+đua&sort=date&page={last // 20 + 1}")["results"]
    end = page_json(client, href(f"/article/{tail[-1]['id']}", {"q": "thi đua", "sort": "date", "pos": last}))
    assert end["previous"] == tail[-2]["id"] and end["next"] is None


def test_article_shows_sources_versions_and_copies(tmp_path):
    from ingest.record import new_record
    from search.cli.archiving import index_journal
    db = store.connect(tmp_path)
    body = "Nhà máy Z175 tổ chức hội nghị thi đua tại Phú Thọ với nhiều đơn vị tham dự.\nCâu thứ hai của bài."
    first = new_record("https://a.vn/1", "Tin A", "2024-01-02", None, body)
    store.save_batch(db, [first])
    store.save_batch(db, [new_record("https://b.vn/9", "Tin A", "2024-01-02", None, body)])  # same content
    store.save_batch(db, [new_record("https://a.vn/1", "Tin A", "2024-01-02", None, body + " Sửa.")])  # edited
    index_journal(tmp_path, db)
    data = page_json(TestClient(create_app(tmp_path)), f"/article/{first['id']}")
    assert [s["url"] for s in data["sources"]] == ["https://a.vn/1", "https://b.vn/9"]
    assert len(data["versions"]) == 2


def test_person_page_has_rank_history_and_timeline(archive):
    client = TestClient(create_app(archive))
    data = page_json(client, href("/person", {"name": "Lê Văn Tuấn"}))
    printed = json.loads(cli_run(archive, "timeline", "--person", "Lê Văn Tuấn", "--json"))
    assert data["ranks"] == printed["ranks"] and data["events"] == printed["events"]
    assert [r["rank"] for r in data["ranks"]] == ["Thiếu tướng", "Trung tướng"]
    assert len(data["axis"]["dots"]) == len(data["events"]) > 1
    assert {p["position"] for p in data["positions"]} >= {"Chủ nhiệm Tổng cục Công nghiệp quốc phòng"}
    html = client.get(href("/person", {"name": "Lê Văn Tuấn"})).text
    assert 'id="rank-history"' in html and "12/03/2021" in html and "<svg" in html
    csv_rows = list(csv.DictReader(io.StringIO(client.get(href("/person", {"name": "Lê Văn Tuấn", "export": "csv"})).text.lstrip("\ufeff"))))
    assert [r["date"] for r in csv_rows] == [e["date"] for e in printed["events"]]


def test_unit_and_cluster_pages(archive):
    client = TestClient(create_app(archive))
    cli_events = json.loads(cli_run(archive, "timeline", "--unit", "Z175", "--json"))["events"]
    data = page_json(client, "/unit?name=Z175")
    assert data["events"] == cli_events and data["figures"]
    assert "Tổng cục Công nghiệp quốc phòng" in data["co_units"] and "Trần Quốc Bình" in data["co_people"]
    cluster = page_json(client, href("/unit", {"name": "Cụm thi đua Điện - Điện tử - Hóa chất", "cluster": "1"}))
    assert len(cluster["events"]) > 1
    exported = client.get(href("/unit", {"name": "Z175", "export": "csv"})).text
    printed = cli_run(archive, "timeline", "--unit", "Z175", "--format", "csv")
    assert exported.replace("\r\n", "\n") == printed.replace("\r\n", "\n")
    assert client.get(href("/unit", {"name": "Z175", "export": "json"})).json() == cli_events


def test_stats_page_table_chart_and_export(archive):
    client = TestClient(create_app(archive))
    data = page_json(client, href("/stats", {"metric": "giá trị sản xuất"}))
    printed = json.loads(cli_run(archive, "stats", "--metric", "giá trị sản xuất", "--json"))
    assert data["rows"] == printed and data["chart"]["lines"]
    html = client.get(href("/stats", {"metric": "giá trị sản xuất"})).text
    assert "<polyline" in html or "<circle" in html
    grouped = client.get(href("/stats", {"by": "year", "export": "csv"})).text
    assert grouped.replace("\r\n", "\n") == cli_run(archive, "stats", "--by", "year", "--format", "csv").replace("\r\n", "\n")


def test_stats_and_unit_pages_carry_the_kind_and_mark_an_organisation_read_from_the_article(tmp_path):
    from figure_records import build as build_figures, unnamed_figures

    build_figures(tmp_path, unnamed_figures())
    client = TestClient(create_app(tmp_path))
    html = client.get(href("/stats", {"lang": "en"})).text
    assert "(*) Nhà máy Z111" in html and "(*) Nhà máy Z112" not in html and "credited to the unit" in html
    assert "tỷ trọng</td>" in html and "kết quả</td>" in html  # each row's kind, in words
    shares = page_json(client, href("/stats", {"kind": "share"}))
    assert [r["value"] for r in shares["rows"]] == [25] and shares["kind"] == "share"
    assert page_json(client, href("/stats", {"kind": "nonsense"}))["kind"] == ""  # an unknown kind filters nothing
    grouped = page_json(client, href("/stats", {"by": "unit", "metric": "giá trị sản xuất"}))
    assert {(g["organisation"], g["from_article"], g["sum"]) for g in grouped["rows"]} == {
        ("Nhà máy Z111", 1, None), ("Nhà máy Z112", 0, None)}
    chart = page_json(client, href("/stats", {"metric": "giá trị sản xuất"}))["chart"]
    assert {line["name"]: [p["date"] for p in line["points"]] for line in chart["lines"]} == {
        "Nhà máy Z111 · 6 tháng": ["2025-06-30"], "Nhà máy Z112 · 6 tháng": ["2025-06-30"]}
    exported = client.get(href("/stats", {"kind": "share", "export": "csv"})).text
    assert exported.replace("\r\n", "\n") == cli_run(tmp_path, "stats", "--kind", "share", "--format", "csv").replace(
        "\r\n", "\n")
    unit = client.get(href("/unit", {"name": "Z111", "lang": "en"})).text
    assert "<th>Kind</th>" in unit and "kết quả</td>" in unit and "(*) Nhà máy Z111" in unit
    assert "<th>Quote</th>" in unit


def test_article_page_says_every_event_type_the_filing_date_history_and_each_figures_kind(tmp_path):
    from figure_records import build as build_figures, records as figure_records

    recs = build_figures(tmp_path, figure_records())
    conference = next(r for r in recs if r["event"].get("types"))
    html = TestClient(create_app(tmp_path)).get(f"/article/{conference['id']}?lang=en").text
    assert "Conference + Handover, 10/10/2023" in html
    assert "Filed on</dt><dd>10/10/2023 <span class=\"n\">(the event&#39;s date)</span>" in html
    assert "15/03/1965 <span class=\"n\">(history, not the event&#39;s date)</span>" in html
    assert "3.000 tỷ đồng — giá trị sản xuất <strong>(kết quả)</strong> — Cụm thi đua Cơ khí - Động lực" in html
    report = next(r for r in recs if r["title"] == "Z111 về đích chín tháng")
    html = TestClient(create_app(tmp_path)).get(f"/article/{report['id']}?lang=en").text
    assert "Filed on</dt><dd>30/09/2024 <span class=\"n\">(the end of the period it reports on)</span>" in html


def test_a_chart_never_joins_a_half_year_to_a_whole_year(tmp_path):
    from figure_records import build as build_figures, records as figure_records

    build_figures(tmp_path, figure_records())
    chart = page_json(TestClient(create_app(tmp_path)), href("/stats", {"metric": "giá trị sản xuất"}))["chart"]
    lines = {line["name"]: [(p["date"], p["value"]) for p in line["points"]] for line in chart["lines"]}
    assert lines["Nhà máy Z111 · 6 tháng"] == [("2024-06-30", 500)]
    assert lines["Nhà máy Z111 · 9 tháng"] == [("2024-09-30", 800)]
    assert lines[f"{CLUSTER} · 9 tháng"] == [("2023-09-30", 3000)]


def test_timeline_and_search_pages_say_every_type_and_what_a_date_is(tmp_path):
    from figure_records import build as build_figures, records as figure_records

    build_figures(tmp_path, figure_records())
    client = TestClient(create_app(tmp_path))
    unit = client.get(href("/unit", {"name": "Z111", "lang": "en"})).text
    assert "30/09/2024 <span class=\"n\">(the end of the period it reports on)</span>" in unit
    assert "03/07/2024</td>" in unit  # an event's date says nothing more
    found = client.get(href("/", {"q": "bàn giao", "lang": "en"})).text
    assert "Conference + Handover" in found


def test_status_page_counts(client, fresh_archive):
    data = page_json(client, "/status")
    assert data["articles"] == data["indexed"] == 130
    assert data["last_ingest"] and data["unindexed"] == 0 and sum(data["sites"].values()) == 130
    lagging = page_json(TestClient(create_app(fresh_archive)), "/status")  # stored by hand, journal not applied
    assert lagging["unindexed"] == len(fixture_records())


def test_no_index_is_said_on_the_page(tmp_path):
    store.connect(tmp_path).close()
    response = TestClient(create_app(tmp_path)).get("/")
    assert response.status_code == 503 and "thidua ingest" in response.text


# -- the command -------------------------------------------------------------------

def test_serve_binds_localhost_by_default_and_warns_otherwise(archive, monkeypatch):
    calls = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append(kw))
    result = CliRunner().invoke(cli, ["--data-dir", str(archive), "serve"])
    assert result.exit_code == 0 and calls[-1]["host"] == "127.0.0.1" and "warning" not in result.output
    result = CliRunner().invoke(cli, ["--data-dir", str(archive), "serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0 and calls[-1] == {"host": "0.0.0.0", "port": 8123, "log_level": "warning"}
    assert "warning: listening on 0.0.0.0" in result.output


def test_serve_without_an_archive_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "none"), "serve"])
    assert result.exit_code == 1 and "no archive" in result.output and "Traceback" not in result.output


def test_a_real_server_answers_on_127_0_0_1(archive):
    import socket
    import time
    import urllib.request

    import uvicorn
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(create_app(archive), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?format=json") as answer:
            assert json.load(answer)["total"] == len(fixture_records())
    finally:
        server.should_exit = True
        thread.join(10)


def test_active_filters_are_said_in_words(client):
    html = client.get(href("/", {"q": "thi", "from": "2020-03", "all_copies": "1", "type": "award",
                                 "not_type": ["report"]})).text
    chips = re.findall(r'class="chip[^"]*"[^>]*>([^<]*)</a>', html)
    assert chips == ["Khen thưởng ✕", "Từ ngày 03/2020 ✕", "Hiện mọi bản sao ✕", "loại trừ: Báo cáo ✕"]


def test_the_person_facet_follows_the_people_authority(fresh_archive):
    """Merged spellings are one facet value and a namesake split off is another, as
    `thidua people` lists them; each value, taken or left out, gives its count."""
    client = TestClient(create_app(fresh_archive))
    base = page_json(client, "/")
    ids = {name: {r["id"] for r in json.loads(cli_run(fresh_archive, "search", "--person", name, "--json"))["results"]}
           for name in ("Lê Văn Tuấn", "Phạm Đăng Khoa", "Trần Quốc Bình")}
    later = [r["id"][:8] for r in json.loads(cli_run(fresh_archive, "search", "--person", "Trần Quốc Bình",
                                                      "--from", "2023", "--json"))["results"]]
    assert base["facets"]["person"]["Phạm Đăng Khoa"] and 0 < len(later) < len(ids["Trần Quốc Bình"])
    cli_run(fresh_archive, "people", "merge", "Lê Văn Tuấn", "Phạm Đăng Khoa")
    cli_run(fresh_archive, "people", "split", "Trần Quốc Bình", *later, "--label", "Z175 từ 2023")
    people = page_json(client, "/")["facets"]["person"]
    assert "Phạm Đăng Khoa" not in people
    assert people["Lê Văn Tuấn"] == len(ids["Lê Văn Tuấn"] | ids["Phạm Đăng Khoa"])
    assert people["Trần Quốc Bình (Z175 từ 2023)"] == len(later)
    assert people["Trần Quốc Bình"] == len(ids["Trần Quốc Bình"]) - len(later)
    for label in ("Lê Văn Tuấn", "Trần Quốc Bình", "Trần Quốc Bình (Z175 từ 2023)"):
        assert page_json(client, href("/", {"person": label}))["total"] == people[label]
        without = page_json(client, href("/", {"not_person": [label]}))
        assert label not in without["facets"]["person"] and without["total"] == base["total"] - people[label]
    assert "Trần Quốc Bình" in without["facets"]["person"]  # the namesake left out, not the name's other articles
    cli_run(fresh_archive, "reindex")
    assert page_json(client, "/")["facets"]["person"] == people  # the edits outlive the index they were made on


def test_a_page_s_units_named_with_it_follow_the_unit_authority(fresh_archive):
    client = TestClient(create_app(fresh_archive))
    assert "Tổng cục Công nghiệp quốc phòng" in page_json(client, "/unit?name=Z175")["co_units"]
    cli_run(fresh_archive, "units", "drop", "Tổng cục Công nghiệp quốc phòng")
    assert "Tổng cục Công nghiệp quốc phòng" not in page_json(client, "/unit?name=Z175")["co_units"]


def test_a_person_page_reads_the_name_as_the_authority_does(fresh_archive):
    """A rank typed in front changes nothing (the positions were lost, the person was
    listed as named with himself), and a merged spelling's posts are the person's."""
    client = TestClient(create_app(fresh_archive))
    plain = page_json(client, href("/person", {"name": "Lê Văn Tuấn"}))
    ranked = page_json(client, href("/person", {"name": "Trung tướng Lê Văn Tuấn"}))
    assert ranked == {**plain, "name": "Trung tướng Lê Văn Tuấn"} and plain["positions"]
    assert "Lê Văn Tuấn" not in ranked["co_people"]
    cli_run(fresh_archive, "people", "merge", "Lê Văn Tuấn", "Phạm Đăng Khoa")
    merged = page_json(client, href("/person", {"name": "Lê Văn Tuấn"}))
    assert "Giám đốc Nhà máy Z131" in {p["position"] for p in merged["positions"]}
    assert "Phạm Đăng Khoa" not in merged["co_people"]


def test_a_unit_page_does_not_name_the_unit_with_itself(archive):
    client = TestClient(create_app(archive))
    for typed in ("TCCNQP", "Tổng cục CNQP"):
        page = page_json(client, href("/unit", {"name": typed}))
        assert page["events"] and "Tổng cục Công nghiệp quốc phòng" not in page["co_units"]
    cluster = page_json(client, href("/unit", {"name": "Cụm Điện-Điện tử-Hóa chất", "cluster": "1"}))
    assert cluster["events"] and not any(name.startswith("Cụm thi đua") for name in cluster["co_units"])


def test_stats_page_filters_by_person_event_type_and_site_as_the_command_line_does(tmp_path):
    from figure_records import build as build_figures, records as figure_records
    from fixture_records import BINH

    recs = figure_records()
    for rec in recs[:2]:
        rec["url"] = f"https://baoquandoi.example.vn/{rec['id']}.html"
    recs[1]["people"] = [BINH]
    build_figures(tmp_path, recs)
    client = TestClient(create_app(tmp_path))
    page = page_json(client, "/stats")
    assert page["sites"] == ["baoquandoi.example.vn"] and "conference" in page["types"]
    person = BINH["name"]
    for params, options in [({"person": person}, ["--person", person]),
                            ({"type": "conference"}, ["--type", "conference"]),
                            ({"site": "baoquandoi.example.vn", "by": "year"},
                             ["--site", "baoquandoi.example.vn", "--by", "year"])]:
        data = page_json(client, href("/stats", params))
        printed = json.loads(cli_run(tmp_path, "stats", *options, "--json"))
        assert data["rows"] == printed and printed, params
        exported = client.get(href("/stats", {**params, "export": "csv"})).text
        assert exported.replace("\r\n", "\n") == cli_run(tmp_path, "stats", *options, "--format", "csv").replace(
            "\r\n", "\n")
    for narrowing in ({"type": "conference"}, {"person": person}, {"site": "baoquandoi.example.vn"}):
        assert len(page_json(client, href("/stats", narrowing))["rows"]) < len(page["rows"]), narrowing
    html = client.get(href("/stats", {"type": "conference", "site": "baoquandoi.example.vn"})).text
    assert 'value="conference" selected' in html and 'value="baoquandoi.example.vn" selected' in html
    assert "type=conference" in html and "site=baoquandoi.example.vn" in html  # the export links keep the filters
    assert page_json(client, href("/stats", {"type": "nonsense"}))["type"] == ""  # an unknown type filters nothing

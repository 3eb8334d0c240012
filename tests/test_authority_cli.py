"""Issue 14's scenarios through the command line, on the sample corpus: one answer per
unit, cluster and person whatever the spelling; curation that shows at once and
survives a reindex and a re-ingest."""
import json

import pytest
from click.testing import CliRunner

from conftest import SAMPLE, SHARED, needs_shared
from ingest import inputs, store
from ingest.authority import listing
from search.cli.main import cli

KHOI = "Cụm thi đua khối cơ quan Tổng cục"
CO_KHI = "Cụm thi đua “Cơ khí – Vũ khí”"


def runner():
    try:
        return CliRunner(mix_stderr=False)  # click 8.1 mixes stderr into stdout by default
    except TypeError:
        return CliRunner()


def run(data, *args, ok=True):
    result = runner().invoke(cli, ["--data-dir", str(data), *args])
    assert "Traceback" not in result.output
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


def listed(data, *args):
    return json.loads(run(data, *args, "--json").stdout)


def ids(data, *args):
    found = listed(data, *args)
    rows = found["results"] if "results" in found else found["events"]
    return [r["id"] for r in rows]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    data = tmp_path_factory.mktemp("sample")
    run(data, "ingest", str(SAMPLE))
    return data


def test_both_agency_spellings_return_the_same_hit_set(sample):
    expected = ids(sample, "search", "--unit", "Tổng cục Công nghiệp quốc phòng", "--limit", "100")
    assert len(expected) > 5
    for typed in ("Tổng cục CNQP", "TCCNQP", "tong cuc cnqp"):
        assert ids(sample, "search", "--unit", typed, "--limit", "100") == expected


def test_both_cluster_spellings_and_all_dashes_return_the_same_events(sample):
    expected = ids(sample, "timeline", "--cluster", KHOI)
    assert expected
    for typed in (KHOI + " Công nghiệp quốc phòng", KHOI + " CNQP", "cum thi dua khoi co quan tong cuc"):
        assert ids(sample, "timeline", "--cluster", typed) == expected
    own = ids(sample, "timeline", "--cluster", CO_KHI)
    for typed in ("Cụm thi đua Cơ khí - Vũ khí", "Cụm thi đua Cơ khí — Vũ khí", "Cụm thi đua Cơ khí-Vũ khí",
                  '"Cụm thi đua "Cơ khí - Vũ khí"', "Cụm Cơ khí – Vũ khí"):
        assert ids(sample, "timeline", "--cluster", typed) == own


def test_a_cluster_s_timeline_is_its_own_events_and_members_say_which(sample):
    own = listed(sample, "timeline", "--cluster", CO_KHI)["events"]
    assert own and all("Cụm thi đua" in e["title"] for e in own)  # no factory's launch that mentions it
    every = listed(sample, "timeline", "--cluster", CO_KHI, "--members")["events"]
    members = [e for e in every if e["member"]]
    assert members and {e["id"] for e in every} == {e["id"] for e in own} | {e["id"] for e in members}
    assert all(e["member"].split()[-1] in e["title"] for e in members)  # "Nhà máy Z129 phát động …"
    table = run(sample, "timeline", "--cluster", CO_KHI, "--members").stdout
    assert "member" in table.splitlines()[0]
    assert run(sample, "timeline", "--unit", "Z129", "--members", ok=False).exit_code == 1


def test_a_rank_in_front_of_a_name_changes_nothing(sample):
    plain = listed(sample, "timeline", "--person", "Lê Văn Thịnh")
    assert len(plain["ranks"]) == 2
    for typed in ("Đại tá Lê Văn Thịnh", "Thiếu tướng Lê Văn Thịnh", "dai ta le van thinh"):
        found = listed(sample, "timeline", "--person", typed)
        assert (found["events"], found["ranks"]) == (plain["events"], plain["ranks"])
    table = run(sample, "timeline", "--person", "Đại tá Lê Văn Thịnh").stdout
    assert "Rank history of Lê Văn Thịnh:" in table


def test_person_at_rank_keeps_only_the_articles_where_that_person_holds_it(sample):
    colonel = ids(sample, "search", "--person", "Lê Văn Thịnh", "--rank", "Đại tá")
    general = ids(sample, "search", "--person", "Lê Văn Thịnh", "--rank", "Thiếu tướng")
    assert colonel and general and not set(colonel) & set(general)
    assert len(colonel) + len(general) == len(ids(sample, "search", "--person", "Lê Văn Thịnh"))


def test_notes_say_what_was_chosen(sample):
    result = run(sample, "search", "--unit", "Nhà máy")
    assert "note: --unit 'Nhà máy' is not a unit's whole name" in result.stderr
    result = run(sample, "search", "--person", "Mai Hữu Khánh")
    assert "No article matches." in result.stdout and "no one is named 'Mai Hữu Khánh'" in result.stderr


def test_units_and_people_are_listed(sample):
    units = {u["name"]: u for u in listed(sample, "units")}
    assert units["Tổng cục Công nghiệp quốc phòng"]["code"] == "TCCNQP"
    assert "Tổng cục CNQP" in units["Tổng cục Công nghiệp quốc phòng"]["aliases"]
    assert KHOI + " Công nghiệp quốc phòng" in units and KHOI not in units  # one entry for both spellings
    people = {p["name"]: p for p in listed(sample, "people")}
    assert people["Lê Văn Thịnh"]["ranks"] == ["Đại tá (2020–2021)", "Thiếu tướng (2023–2024)"]
    assert run(sample, "units", "--format", "csv").stdout.lstrip("\ufeff").startswith("name,code,kind,parent,articles,aliases")


def test_a_name_fitting_several_people_is_one_error_listing_them(fresh_archive):
    from test_authority import NEAR
    from index import writer

    db = store.connect(fresh_archive)
    store.save_batch(db, NEAR)
    db.close()
    writer.update(fresh_archive, NEAR)
    result = run(fresh_archive, "timeline", "--person", "Tuấn", ok=False)
    assert result.exit_code == 1
    assert "Error: --person 'Tuấn' fits 2 people: Hồ Quang Tuấn (Thượng tá; 1 article(s)); Lê Văn Tuấn" \
        in result.stderr


def test_stats_takes_a_person_as_timeline_does(sample, fresh_archive):
    """Whole names through the authority, a rank in front or not; several people fitting
    a partial name is one error listing them."""
    plain = listed(sample, "stats", "--person", "Lê Văn Thịnh")
    assert plain and listed(sample, "stats", "--person", "Thiếu tướng Lê Văn Thịnh") == plain
    assert listed(sample, "stats", "--person", "Văn Thịnh Lê") == []
    from test_authority import NEAR
    from index import writer

    db = store.connect(fresh_archive)
    store.save_batch(db, NEAR)
    db.close()
    writer.update(fresh_archive, NEAR)
    result = run(fresh_archive, "stats", "--person", "Tuấn", ok=False)
    assert result.exit_code == 1 and "Error: --person 'Tuấn' fits 2 people" in result.stderr


def test_curation_applies_at_once_and_survives_reindex_and_reingest(tmp_path, monkeypatch):
    data = tmp_path / "data"
    run(data, "ingest", str(SAMPLE))
    z129 = ids(data, "search", "--unit", "Z129", "--limit", "100")
    z175 = ids(data, "search", "--unit", "Z175", "--limit", "100")
    son = ids(data, "timeline", "--person", "Hoàng Minh Sơn")
    thinh = ids(data, "timeline", "--person", "Lê Văn Thịnh")
    run(data, "units", "merge", "Z129", "Nhà máy Z175", "--note", "a test")
    run(data, "units", "rename", "Z129", "Công ty Cơ khí 29")
    run(data, "units", "drop", "Bộ Quốc phòng")
    run(data, "people", "merge", "Lê Văn Thịnh", "Hoàng Minh Sơn")

    def state():
        facets = listed(data, "search", "--limit", "1")["facets"]["unit"]
        return (ids(data, "search", "--unit", "Nhà máy Z175", "--limit", "100"),
                ids(data, "timeline", "--unit", "Công ty Cơ khí 29"),
                ids(data, "search", "--unit", "Bộ Quốc phòng"),
                "Bộ Quốc phòng" in facets, "Nhà máy Z175" in facets, "Công ty Cơ khí 29" in facets,
                {r["organisation"] for r in listed(data, "stats", "--by", "unit")},
                ids(data, "timeline", "--person", "Hoàng Minh Sơn"))

    now = state()
    assert sorted(now[0]) == sorted(set(z129) | set(z175)) and sorted(now[1]) == sorted(now[0])
    assert now[2:6] == ([], False, False, True)
    assert "Công ty Cơ khí 29" in now[6] and not {"Nhà máy Z129", "Nhà máy Z175", "Bộ Quốc phòng"} & now[6]
    assert set(now[7]) == set(son) | set(thinh) and now[7] == ids(data, "timeline", "--person", "Lê Văn Thịnh")
    curated = listed(data, "units", "--curated")
    assert [(e["action"], e["target"], e["value"]) for e in curated] == [
        ("merge", "Z129", "Nhà máy Z175"), ("rename", "Z129", "Công ty Cơ khí 29"), ("drop", "Bộ Quốc phòng", None)]
    run(data, "reindex")
    assert state() == now
    run(data, "ingest", str(SAMPLE))  # the same files: nothing read again
    assert state() == now
    monkeypatch.setattr(inputs, "extractor_version", lambda: {"rules": "a newer extractor"})
    run(data, "ingest", str(SAMPLE))  # every file read again, by "newer" rules
    assert state() == now
    assert listed(data, "units", "--curated") == curated


def _same_hits_for_every_name(data):
    """Each unit entry's name, code and aliases give the same articles."""
    db = store.connect_reading(data)
    checked = 0
    for unit in listing.units(db):
        if unit["dropped"] or not unit["articles"]:
            continue
        expected = ids(data, "search", "--unit", unit["name"], "--limit", "1000")
        assert len(expected) == unit["articles"], unit["name"]
        for other in filter(None, [unit["code"], *unit["aliases"]]):
            assert ids(data, "search", "--unit", other, "--limit", "1000") == expected, (unit["name"], other)
            checked += 1
    return checked


def test_every_name_of_a_unit_finds_the_same_articles_in_the_sample(sample):
    assert _same_hits_for_every_name(sample) > 10


@needs_shared
def test_every_name_of_a_unit_finds_the_same_articles_in_the_seeds(tmp_path):
    run(tmp_path, "ingest", str(SHARED / "seeds"))
    _same_hits_for_every_name(tmp_path)


def test_the_web_page_says_which_units_a_filter_took(sample):
    from starlette.testclient import TestClient
    from search.web.app import create_app

    page = TestClient(create_app(sample)).get("/", params={"unit": "Nhà máy"})
    assert page.status_code == 200 and "is not a unit&#39;s whole name" in page.text
    data = TestClient(create_app(sample)).get("/", params={"unit": "Tổng cục CNQP", "format": "json"}).json()
    assert data["total"] == len(ids(sample, "search", "--unit", "TCCNQP", "--limit", "100"))


def test_leaving_out_a_unit_leaves_out_all_its_names(tmp_path):
    data = tmp_path / "data"
    run(data, "ingest", str(SAMPLE))
    run(data, "units", "rename", "Z129", "Công ty Cơ khí 29")
    everything = ids(data, "search", "--limit", "100")
    z129 = ids(data, "search", "--unit", "Công ty Cơ khí 29", "--limit", "100")
    assert z129 and sorted(ids(data, "search", 'NOT unit:"Công ty Cơ khí 29"', "--limit", "100")) == \
        sorted(set(everything) - set(z129))
    assert sorted(ids(data, "search", 'unit:"Nhà máy Z129"', "--limit", "100")) == sorted(z129)

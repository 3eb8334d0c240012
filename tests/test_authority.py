"""Authorities of units and people (issue 14): the linking rules, and filters that
resolve what is typed to one entry, on our own records."""
import pytest

from index import writer
from index.finder import Finder, search
from index.query import QueryError
from ingest import store
from ingest.authority import build, edits, keys, listing, reading
from search.stats import figures
from search.timeline import timeline
from fixture_records import _record, person, records


def unit(name, code=None, kind="agency", *mentions):
    return {"name": name, "code": code, "kind": kind, "mentions": list(mentions) or [name]}


def link(tmp_path, *names):
    """The entry ids the names are linked to, in a fresh archive."""
    db = store.connect(tmp_path)
    with db:
        from ingest.authority import units
        units.link(db, [unit(n) if isinstance(n, str) else n for n in names])
    return [db.execute("SELECT entry FROM unit_names WHERE term = ?", (keys.term(n if isinstance(n, str) else
                                                                                n["name"]),)).fetchone()[0]
            for n in names], db


def test_gazetteer_names_codes_and_aliases_are_one_entry(tmp_path):
    ids, db = link(tmp_path, "Tổng cục Công nghiệp quốc phòng", "Tổng cục CNQP", "TCCNQP",
                   "Tổng cục Công nghiệp Quốc phòng")
    assert len(set(ids)) == 1
    assert db.execute("SELECT code FROM unit_entries WHERE id = ?", (ids[0],)).fetchone()[0] == "TCCNQP"


def test_quotes_and_dashes_do_not_make_another_unit(tmp_path):
    ids, _ = link(tmp_path, "Cụm thi đua “Cơ khí – Vũ khí”", "Cụm thi đua Cơ khí - Vũ khí",
                  'Cụm thi đua "Cơ khí — Vũ khí"', "Cụm thi đua Cơ khí-Vũ khí")
    assert len(set(ids)) == 1


def test_with_or_without_the_parent_s_name(tmp_path):
    ids, db = link(tmp_path, "Cụm thi đua khối cơ quan Tổng cục",
                   "Cụm thi đua khối cơ quan Tổng cục Công nghiệp quốc phòng",
                   "Cụm thi đua khối cơ quan Tổng cục CNQP", "Cục Chính trị",
                   "Cục Chính trị Tổng cục Công nghiệp quốc phòng", "Cục Chính trị Quân khu 3")
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] == ids[4] != ids[5]  # another command's political department is another unit
    assert db.execute("SELECT origin FROM unit_entries WHERE id = ?", (ids[3],)).fetchone()[0] == "gazetteer"


def test_a_code_links_a_trade_name_to_its_factory(tmp_path):
    ids, _ = link(tmp_path, unit("Nhà máy Z175", "Z175", "factory"), unit("Công ty Cơ khí 75", "Z175", "factory"),
                  unit("Nhà máy Z176", "Z176", "factory"))
    assert ids[0] == ids[1] != ids[2]


def test_a_short_word_at_the_end_is_no_parent(tmp_path):
    # "Tổng cục Chính trị" ends with "Cục Chính trị" (a gazetteer unit with a parent): not that one
    ids, _ = link(tmp_path, "Tổng cục Chính trị", "Cục Chính trị")
    assert ids[0] != ids[1]


# -- filters on the fixture archive ---------------------------------------------------------


@pytest.fixture(scope="module")
def finder(archive):
    return Finder(archive)


def ids(found):
    return sorted(r["id"] for r in found["results"])


def test_every_spelling_of_an_agency_gives_the_same_hit_set(finder):
    expected = ids(search(finder, None, unit="Tổng cục Công nghiệp quốc phòng"))
    assert len(expected) == 2
    for typed in ("Tổng cục CNQP", "TCCNQP", "tccnqp", "tong cuc cong nghiep quoc phong"):
        assert ids(search(finder, None, unit=typed)) == expected, typed


def test_a_rank_in_front_of_a_name_changes_nothing(finder):
    plain = timeline(finder, person="Lê Văn Tuấn")
    for typed in ("Trung tướng Lê Văn Tuấn", "Thiếu tướng Lê Văn Tuấn", "trung tuong le van tuan"):
        found = timeline(finder, person=typed)
        assert found["events"] == plain["events"] and found["ranks"] == plain["ranks"] == [
            {"rank": "Thiếu tướng", "first": "2021-03-12", "last": "2021-03-12", "articles": 1},
            {"rank": "Trung tướng", "first": "2023-07-08", "last": "2023-12-27", "articles": 2}]


def test_person_at_a_rank_is_that_person_holding_it(finder):
    # the 2021 article names Lê Văn Tuấn (Thiếu tướng) and Trần Quốc Bình (Đại tá)
    assert search(finder, None, person="Lê Văn Tuấn", rank="Đại tá")["total"] == 0
    assert [r["date"] for r in search(finder, None, person="Lê Văn Tuấn", rank="Thiếu tướng")["results"]] \
        == ["2021-03-12"]
    assert search(finder, None, person="Trần Quốc Bình", rank="Đại tá")["total"] == 3
    assert search(finder, None, rank="Đại tá")["total"] == 4  # --rank alone: anyone at that rank


# -- our own records with namesakes and near names -------------------------------------------

NEAR = [
    _record("Hội nghị quân chính Nhà máy Z131", "2024-01-10",
            "Ngày 9/1/2024, Nhà máy Z131 tổ chức hội nghị quân chính.\nĐại tá Mai Hữu Trọng, Giám đốc nhà máy "
            "chủ trì.\nBinh nhất Lê Văn Toàn được khen thưởng.",
            {"type": "conference", "date": "2024-01-09", "location": "Nhà máy Z131"},
            units=[unit("Nhà máy Z131", "Z131", "factory"), unit("Công đoàn Nhà máy Z131"),
                   unit("Ban An toàn lao động")],
            people=[person("Mai Hữu Trọng", "Đại tá", "Giám đốc nhà máy"), person("Lê Văn Toàn", "Binh nhất")]),
    _record("Công an tỉnh Ninh Bình trao quà cho Nhà máy Z131", "2024-02-02",
            "Ngày 1/2/2024, Công an tỉnh Ninh Bình trao quà.\nThượng tá Hồ Quang Tuấn dự.",
            {"type": "other", "date": "2024-02-01", "location": "Ninh Bình"},
            units=[unit("Công an tỉnh Ninh Bình", None, "police"), unit("Nhà máy Z131", "Z131", "factory")],
            people=[person("Hồ Quang Tuấn", "Thượng tá")]),
]


@pytest.fixture
def near(tmp_path):
    recs = records() + NEAR
    db = store.connect(tmp_path)
    store.save_batch(db, recs)
    db.close()
    writer.update(tmp_path, recs)
    return tmp_path


def test_whole_names_only(near):
    f = Finder(near)
    assert search(f, None, person="Mai Hữu Khánh")["total"] == 0  # no fallback to "Mai Hữu" of Mai Hữu Trọng
    found = search(f, None, person="Bình")  # not "Binh nhất", not "Công an tỉnh Ninh Bình"
    assert {r["date"] for r in found["results"]} == {"2021-03-12", "2023-07-08", "2023-12-27"}
    assert search(f, None, person="Bính")["total"] == 0  # typed with diacritics, they count


def test_a_partial_name_fitting_several_people_lists_them(near):
    with pytest.raises(QueryError) as raised:
        timeline(Finder(near), person="Tuấn")
    message = str(raised.value)
    assert "fits 2 people" in message and "Lê Văn Tuấn (Thiếu tướng, Trung tướng; 3 article(s))" in message \
        and "Hồ Quang Tuấn (Thượng tá; 1 article(s))" in message
    assert timeline(Finder(near), person="Quang Tuấn")["person"] == "Hồ Quang Tuấn"


def test_a_unit_s_words_must_stand_in_one_unit_s_name(near):
    f = Finder(near)
    found = search(f, None, unit="Công an")  # the first article's "Công đoàn" + "Ban An toàn" do not count
    assert [r["date"] for r in found["results"]] == ["2024-02-01"]
    assert found["chosen"] == ["--unit 'Công an' taken as Công an tỉnh Ninh Bình"]
    assert search(f, None, unit="Nhà máy")["chosen"][0].startswith(
        "--unit 'Nhà máy' is not a unit's whole name; searched the 4 unit(s) whose name holds it")


# -- curation ----------------------------------------------------------------------------------


def test_curation_shows_at_once_in_search_timeline_and_stats(near):
    db = store.connect(near)
    f = Finder(near)
    before = search(f, None, unit="Nhà máy Z121")["total"]
    edits.record(db, "unit", "merge", "Nhà máy Z131", "Công an tỉnh Ninh Bình")
    assert search(f, None, unit="Công an tỉnh Ninh Bình")["total"] == search(f, None, unit="Z131")["total"] == 4
    assert "Công an tỉnh Ninh Bình" not in search(f, None)["facets"]["unit"]
    edits.record(db, "unit", "rename", "Z121", "Công ty Hóa chất 21")
    assert search(f, None, unit="Công ty Hóa chất 21")["total"] == before
    assert {r["organisation"] for r in figures(db, unit="Z121")} == {"Công ty Hóa chất 21"}
    edits.record(db, "unit", "alias", "Z175", "Công ty Cơ khí 75")
    assert [e["date"] for e in timeline(f, unit="cong ty co khi 75")["events"]] == ["2021-03-12", "2023-07-08"]
    edits.record(db, "unit", "drop", "Ban An toàn lao động")
    assert search(f, None, unit="Ban An toàn lao động")["total"] == 0
    assert "Ban An toàn lao động" not in search(f, None)["facets"]["unit"]
    assert [(e["action"], e["target"]) for e in edits.listed(db)] == [
        ("merge", "Nhà máy Z131"), ("rename", "Z121"), ("alias", "Z175"), ("drop", "Ban An toàn lao động")]


def test_stats_count_merged_units_as_one_and_dropped_ones_not_at_all(near):
    db = store.connect(near)
    edits.record(db, "unit", "merge", "Tổng cục Công nghiệp quốc phòng", CLUSTER_NAME)
    by_unit = {r["organisation"] for r in figures(db, by="unit")}
    assert CLUSTER_NAME not in by_unit and "Tổng cục Công nghiệp quốc phòng" in by_unit
    edits.record(db, "unit", "drop", "Tổng cục Công nghiệp quốc phòng")
    assert "Tổng cục Công nghiệp quốc phòng" not in {r["organisation"] for r in figures(db, by="unit")}


CLUSTER_NAME = "Cụm thi đua Điện - Điện tử - Hóa chất"


def test_people_merge_and_split(near):
    db = store.connect(near)
    f = Finder(near)
    edits.record(db, "person", "split", "Trần Quốc Bình",
                 " ".join(r["id"][:8] for r in search(f, None, person="Trần Quốc Bình", start="2023")["results"]),
                 "Z175 từ 2023")
    left = search(f, None, person="Trần Quốc Bình")  # the person left under the name, the namesake said apart
    assert [r["date"] for r in left["results"]] == ["2021-03-12"]
    assert left["chosen"] == ["--person 'Trần Quốc Bình' taken as Trần Quốc Bình; searched apart: "
                              "Trần Quốc Bình (Z175 từ 2023)"]
    assert search(f, None, person="Trần Quốc Bình (Z175 từ 2023)")["total"] == 2
    assert search(f, None, person="Đại tá Trần Quốc Bình", rank="Đại tá")["total"] == 1
    with pytest.raises(QueryError, match="fits 2 people"):  # a part of the name: the labels say which
        search(f, None, person="Quốc Bình")
    assert [r["date"] for r in search(f, None, person="trần quốc bình (z175 từ 2023)", rank="Đại tá")["results"]] \
        == ["2023-12-27", "2023-07-08"]
    edits.record(db, "person", "merge", "Lê Văn Tuấn", "Hồ Quang Tuấn")
    assert search(f, None, person="Hồ Quang Tuấn")["total"] == search(f, None, person="Lê Văn Tuấn")["total"] == 4
    names = {r["name"]: r for r in listing.people(db)}
    assert names["Lê Văn Tuấn"]["aliases"] == ["Hồ Quang Tuấn"] and names["Lê Văn Tuấn"]["articles"] == 4
    assert names["Trần Quốc Bình (Z175 từ 2023)"]["articles"] == 2


def test_curation_survives_a_rebuild_and_a_changed_gazetteer(near, monkeypatch):
    db = store.connect(near)
    edits.record(db, "unit", "merge", "Nhà máy Z131", "Công an tỉnh Ninh Bình")
    edits.record(db, "unit", "drop", "Ban An toàn lao động")
    edits.record(db, "person", "merge", "Lê Văn Tuấn", "Hồ Quang Tuấn")
    before = listing.units(db), listing.people(db)
    from ingest.authority import units
    monkeypatch.setattr(units, "gazetteer_fingerprint", lambda: "a newer gazetteer")
    build.ensure(db)  # as the next command would, after an upgrade
    assert (listing.units(db), listing.people(db)) == before
    assert db.execute("SELECT value FROM authority_meta WHERE key = 'gazetteer'").fetchone()[0] == "a newer gazetteer"


def test_an_archive_from_before_the_authorities_gets_them(near):
    db = store.connect(near)
    for table in build.TABLES + ("authority_meta",):
        db.execute(f"DELETE FROM {table}")
    db.commit()
    db.close()
    db = store.connect_reading(near)  # brought up to date when it can be written
    assert reading.unit_choice(db, "TCCNQP").names == ["Tổng cục Công nghiệp quốc phòng"]
    assert {r["name"] for r in listing.units(db)} >= {"Nhà máy Z131", "Công an tỉnh Ninh Bình"}


def test_edits_naming_nothing_say_so(near):
    db = store.connect(near)
    with pytest.raises(edits.EditError, match="no unit named 'Nhà máy Z999'"):
        edits.record(db, "unit", "drop", "Nhà máy Z999")
    with pytest.raises(edits.EditError, match="already names Nhà máy Z175"):
        edits.record(db, "unit", "alias", "Z131", "Z175")
    with pytest.raises(edits.EditError, match="already one unit"):
        edits.record(db, "unit", "merge", "TCCNQP", "Tổng cục CNQP")
    assert edits.listed(db) == []


def test_a_rank_going_down_is_flagged_for_the_archivist(near):
    later = _record("Hội nghị năm 2024", "2024-05-02", "Đại tá Lê Văn Tuấn phát biểu.",
                    {"type": "conference", "date": "2024-05-01", "location": None},
                    people=[person("Lê Văn Tuấn", "Đại tá")])
    db = store.connect(near)
    rows = {r["name"]: r for r in listing.people(db)}
    assert rows["Lê Văn Tuấn"]["check"] == "" and rows["Trần Quốc Bình"]["check"] == ""
    store.save_batch(db, [later])
    rows = {r["name"]: r for r in listing.people(db)}
    assert rows["Lê Văn Tuấn"]["check"].startswith("rank went down")
    assert rows["Lê Văn Tuấn"]["ranks"] == ["Thiếu tướng (2021)", "Trung tướng (2023)", "Đại tá (2024)"]

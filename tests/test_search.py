"""Searching the fixture archive: accents, phrases, filters, facets, sorting, suggestions."""
import pytest

from index.finder import Finder, search
from index.query import QueryError


@pytest.fixture(scope="module")
def finder(archive):
    return Finder(archive)


def titles(found):
    return [r["title"] for r in found["results"]]


CONFERENCE = "Hội nghị tổng kết phong trào Thi đua Quyết thắng năm 2023"


@pytest.mark.parametrize("query", ["hoi nghi tong ket", "HỘI NGHỊ TỔNG KẾT", "Hội nghị tổng kết", "HOI NGHI"])
def test_accent_and_case_insensitive(finder, query):
    assert titles(search(finder, query))[0] == CONFERENCE


def test_unaccented_text_is_found_by_accented_query_and_back(finder):
    # "Hoá chất" (old tone placement) in the text; "hóa chất" and "hoa chat" both find it
    for query in ["hóa chất 21", "hoá chất 21", "hoa chat 21"]:
        assert "Công ty Hóa chất 21 trao thưởng cho 45 cá nhân tiêu biểu" in titles(search(finder, query))


def test_exact_diacritics_rank_above_folded_match(finder):
    # "đưa" occurs in one article; every other matches only through "đua" (thi đua)
    found = search(finder, "đưa")
    assert found["total"] > 1
    assert titles(found)[0] == "Tọa đàm về văn hóa doanh nghiệp quân đội"
    assert titles(search(finder, "đua"))[0] != "Tọa đàm về văn hóa doanh nghiệp quân đội"


def test_phrases_whole_and_in_order(finder):
    found = search(finder, '"thi đua quyết thắng"')
    assert titles(found) == [CONFERENCE]
    row = found["results"][0]  # marks are offsets into the snippet (issue 11: « » written in it collided)
    assert [row["snippet"][a:b] for a, b in row["marks"]] == ["Thi đua Quyết thắng"]
    assert titles(search(finder, '"thi dua quyet thang"')) == [CONFERENCE]
    # the words are there, but not in this order
    assert search(finder, '"thắng quyết"')["total"] == 0
    assert titles(search(finder, '"lễ phát động thi đua"')) == ["Nhà máy Z175 phát động thi đua cao điểm"]


def test_boolean_and_field_syntax(finder):
    assert search(finder, "Z175 NOT sơ")["total"] == 1
    assert search(finder, "tọa OR ước")["total"] == 2
    assert titles(search(finder, "type:award")) == ["Công ty Hóa chất 21 trao thưởng cho 45 cá nhân tiêu biểu"]
    assert search(finder, "unit:z175")["total"] == 2
    assert search(finder, "year:2022")["total"] == 2


@pytest.mark.parametrize("filters, expected", [
    ({"unit": "Z175"}, 2),
    ({"unit": "nha may z175"}, 2),
    ({"unit": "Hóa chất 21"}, 2),
    ({"person": "Lê Văn Tuấn"}, 3),
    ({"person": "le van tuan", "rank": "Thiếu tướng"}, 1),
    ({"rank": "đại tá"}, 4),
    ({"type": "conference"}, 1),
    ({"start": "2022", "end": "2022"}, 2),
    ({"start": "2023-07-01"}, 2),
    ({"end": "2021-03-12"}, 2),
    ({"start": "2022-06", "end": "2022-06"}, 1),
])
def test_filters(finder, filters, expected):
    assert search(finder, None, **filters)["total"] == expected


def test_filters_combine_with_a_query(finder):
    assert search(finder, "thi đua", unit="Z175", start="2023")["total"] == 1


def test_facets_count_every_hit(finder):
    found = search(finder, "thi đua", limit=1)
    assert found["total"] == 4 and len(found["results"]) == 1
    assert found["facets"]["year"] == {"2023": 2, "2022": 1, "2021": 1}
    assert found["facets"]["type"] == {"campaign_launch": 1, "conference": 1, "handover": 1, "report": 1}
    assert found["facets"]["unit"]["Nhà máy Z175"] == 2
    assert found["facets"]["unit"]["Tổng cục Công nghiệp quốc phòng"] == 2


def test_the_unit_facet_reads_the_records_database_again_only_after_a_change(fresh_archive, monkeypatch):
    """The unit facet by the authority's entries is kept while the records database's
    files are unchanged: opening it for every query cost most of a rare word's query."""
    from index import entities
    from ingest import store
    from ingest.authority import edits

    opened = []
    reading = store.connect_reading
    monkeypatch.setattr(store, "connect_reading", lambda folder: opened.append(folder) or reading(folder))
    f = Finder(fresh_archive)
    assert search(f, "thi đua")["facets"]["unit"]["Nhà máy Z175"] == 2
    assert len(opened) == 1
    assert search(f, "hội nghị")["facets"]["unit"] and search(f, None)["total"]
    assert len(opened) == 1
    db = store.connect(fresh_archive)
    try:
        edits.record(db, "unit", "merge", "Nhà máy Z175", "Tổng cục Công nghiệp quốc phòng")  # into Z175
    finally:
        db.close()
    units = search(f, "thi đua")["facets"]["unit"]
    assert len(opened) == 2 and "Tổng cục Công nghiệp quốc phòng" not in units and units["Nhà máy Z175"] == 3
    assert entities.facet_by_entry(f, frozenset(), entities.unit_groups, 5) == {}


def test_sort_by_date_newest_first(finder):
    dates = [r["date"] for r in search(finder, "thi đua", sort="date")["results"]]
    assert dates == ["2023-12-27", "2023-07-08", "2022-02-18", "2021-03-12"]


def test_limit(finder):
    assert len(search(finder, None, limit=2)["results"]) == 2


@pytest.mark.parametrize("query, sort", [("thi đua", "relevance"), ("thi đua", "date"), (None, "relevance")])
def test_a_later_page_is_the_same_rows_built_alone(finder, query, sort):
    every = search(finder, query, sort=sort, limit=4)
    page = search(finder, query, sort=sort, limit=4, offset=2)
    assert len(every["results"]) == 4 and page["results"] == every["results"][2:]
    assert {k: v for k, v in page.items() if k != "results"} == {k: v for k, v in every.items() if k != "results"}


def test_spelling_suggestion_when_nothing_matches(finder):
    found = search(finder, "hoi nghj tong ket")
    assert found["total"] == 0
    assert found["suggestion"] == "hoi nghi tong ket"
    assert search(finder, "nghịi")["suggestion"] == "nghị"
    assert search(finder, "hội nghị")["suggestion"] is None


def test_two_letters_swapped_are_one_edit_however_many_segments(tmp_path):
    """"ngih" is "nghi" with two letters swapped: one edit, so it is suggested before
    "ngay" (two edits, more frequent), as Whoosh did on an index of several segments
    but not on one of a single segment; now both read alike."""
    from fixture_records import records
    from index import writer

    recs = records()
    writer.update(tmp_path / "one", recs)
    writer.update(tmp_path / "several", recs[:3])
    writer.update(tmp_path / "several", recs[3:])
    one, several = Finder(tmp_path / "one"), Finder(tmp_path / "several")
    assert len(one.reader.leaf_readers()) == 1 and len(several.reader.leaf_readers()) > 1
    for f in (one, several):
        assert search(f, "hoi ngih")["suggestion"] == "hoi nghi"
        assert search(f, "tổgn kết")["suggestion"] == "tổng kết"  # typed with diacritics: among those written so
        assert search(f, "qyuết thăgn")["suggestion"] == "quyết tháng"  # a swap and a swap with another edit
        assert search(f, "zzzq")["suggestion"] is None


@pytest.mark.parametrize("query, message", [
    ('"thi đua', "quotation"),
    ("(hội nghị", "parentheses"),
    ("hội nghị)", "parentheses"),
    ("foo:bar", "unknown field"),
    ("hội AND", "AND"),
    ("OR hội", "OR"),
    ("day:[abc TO", "could not be read"),
    ('year:""', "could not be read"),  # a quoted number Whoosh leaves as text
    ('year:"2023 2024" hội', "could not be read"),
    ("   ", "empty"),
])
def test_malformed_queries_raise_a_clear_error(finder, query, message):
    with pytest.raises(QueryError, match=message):
        search(finder, query)


@pytest.mark.parametrize("bad", [{"start": "2023-13"}, {"start": "last year"}, {"start": "2024", "end": "2023"}])
def test_bad_dates_raise_a_clear_error(finder, bad):
    with pytest.raises(QueryError):
        search(finder, None, **bad)


def test_an_undated_article_sorts_last_and_has_no_year(tmp_path):
    from index import writer
    from ingest.record import new_record
    undated = new_record("x.txt", "Bài không ngày", None, None, "Phong trào thi đua không ghi ngày tháng.")
    dated = new_record("y.txt", "Bài có ngày", "2020-05-01", None, "Phong trào thi đua có ngày.")
    writer.update(tmp_path, [undated, dated])
    found = search(Finder(tmp_path), "thi đua", sort="date")
    assert [r["title"] for r in found["results"]] == ["Bài có ngày", "Bài không ngày"]
    assert found["facets"]["year"] == {"2020": 1}
    assert search(Finder(tmp_path), None, start="2019")["total"] == 1


def test_phrases_in_named_fields(finder):
    assert search(finder, 'body:"thi đua quyết thắng"')["total"] == 1
    assert titles(search(finder, 'title:"hội nghị tổng kết"')) == [CONFERENCE]
    assert search(finder, 'title:"tổng kết hội nghị"')["total"] == 0


def test_person_filter_by_whole_name_or_by_words(finder):
    assert search(finder, None, person="LÊ VĂN TUẤN")["total"] == 3
    assert search(finder, None, person="Tuấn")["total"] == 3
    assert search(finder, None, person="Văn Tuấn")["total"] == 3
    assert search(finder, None, person="Văn Tuấn Lê")["total"] == 0  # whole words of the name, in its order
    assert search(finder, None, person="Hoàng Văn Tuấn")["total"] == 0


def test_field_value_is_folded_like_everything_else(finder):
    # issue 11: title:/body: looked in the exact field, so "title:hoi" found nothing
    assert CONFERENCE in titles(search(finder, "title:hoi"))
    assert titles(search(finder, "title:HỘI")) == titles(search(finder, "title:hoi"))
    assert search(finder, "body:quyet")["total"] == search(finder, "body:quyết")["total"] >= 1


def test_question_mark_and_star_are_wildcards_only_when_asked(finder):
    plain = search(finder, "tổng kết")
    typed = search(finder, "tổng kết?")
    assert typed["total"] == plain["total"] > 0 and typed["searched_for"] == "tổng kết"
    assert plain["searched_for"] is None
    assert search(finder, "tổ?g", wildcards=True)["total"] >= plain["total"]
    assert search(finder, "tổ?g")["searched_for"] == "tổ g"
    assert search(finder, "*")["total"] == search(finder, None)["total"]


def test_lower_case_or_is_a_word_with_a_hint_when_nothing_matches(finder):
    found = search(finder, "tọa or ước")
    assert found["total"] == 0 and found["suggestion"] == "tọa OR ước"


def test_snippet_marks_are_offsets_that_survive_guillemets_in_the_text():
    from index.snippet import parts, render, snippet
    text = "Khẩu hiệu «thi đua quyết thắng» được viết lên; hội cựu chiến binh và Việt Nam."
    found = snippet(text, [("thi", "đua", "quyết", "thắng"), ("việt",), ("hội",)])
    marked = [found["text"][a:b] for a, b in found["marks"]]
    assert marked == ["thi đua quyết thắng", "hội", "Việt"]  # not "viết", one span for the phrase
    assert render(found["text"], found["marks"]).count("««") == 1
    assert "".join(p for p, _ in parts(found["text"], found["marks"])) == found["text"]
    # typed without diacritics, every spelling is marked; typed with others, none is
    assert len(snippet(text, [("viet",)])["marks"]) == 2
    assert snippet(text, [("hỏi",)])["marks"] == []


def test_a_long_phrase_proven_by_positions_without_reading_text(tmp_path):
    """"giao ước thi đua": an article holding every pair of the phrase but never the
    phrase is left out, one holding it is found, and neither text is read: the
    syllables' positions prove it."""
    from fixture_records import records
    from index import writer

    base = records()[0]
    scattered = dict(base, id="scattered", title="Hai việc",
                     text="Hai bên giao ước thi hành hợp đồng. Lời ước thi đua của tuổi trẻ.")
    whole = dict(base, id="whole", title="Lễ ký kết",
                 text="Lễ ký giao ước thi đua năm nay. Cuộc thi đua thứ hai bắt đầu.")
    writer.update(tmp_path, [scattered, whole])
    f = Finder(tmp_path)
    read = []
    text_of = f.folded_text
    f.folded_text = lambda docnum, field: read.append(f.searcher.stored_fields(docnum)["id"]) or text_of(docnum, field)
    assert [r["id"] for r in search(f, '"giao ước thi đua"')["results"]] == ["whole"]
    assert read == []

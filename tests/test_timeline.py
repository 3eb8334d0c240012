"""Timelines: order, who presided, rank history, clusters."""
import pytest

from index.finder import Finder
from index.query import QueryError
from search.timeline import presiding, timeline
from figure_records import build, records as figure_records
from fixture_records import CLUSTER


@pytest.fixture(scope="module")
def finder(archive):
    return Finder(archive)


def test_person_timeline_in_date_order_with_rank_history(finder):
    found = timeline(finder, person="Lê Văn Tuấn")
    assert [e["date"] for e in found["events"]] == ["2021-03-12", "2023-07-08", "2023-12-27"]
    assert [e["presided"] for e in found["events"]] == ["Thiếu tướng Lê Văn Tuấn", "Trung tướng Lê Văn Tuấn",
                                                        "Trung tướng Lê Văn Tuấn"]
    assert found["ranks"] == [
        {"rank": "Thiếu tướng", "first": "2021-03-12", "last": "2021-03-12", "articles": 1},
        {"rank": "Trung tướng", "first": "2023-07-08", "last": "2023-12-27", "articles": 2},
    ]


def test_unit_timeline(finder):
    found = timeline(finder, unit="z175")
    assert [(e["date"], e["type"], e["location"]) for e in found["events"]] == [
        ("2021-03-12", "campaign_launch", "Nhà máy Z175"), ("2023-07-08", "report", "Nhà máy Z175")]
    assert found["ranks"] is None


def test_cluster_timeline_is_the_cluster_s_own_events(finder):
    found = timeline(finder, cluster=CLUSTER)
    assert [e["date"] for e in found["events"]] == ["2022-02-18"]


def test_cluster_members_add_their_own_events_naming_the_member(finder):
    found = timeline(finder, cluster=CLUSTER, members=True)
    # the cluster's own event, plus those of its members Z131 and Z121, each saying which
    assert [(e["date"], e["member"]) for e in found["events"]] == [
        ("2020-10-02", "Nhà máy Z131"), ("2022-02-18", None), ("2022-06-29", "Nhà máy Z121")]


@pytest.mark.parametrize("typed", [CLUSTER, CLUSTER.replace("-", "–"), CLUSTER.replace("-", "—"),
                                   "Cụm thi đua “Điện – Điện tử – Hóa chất”", "cum thi dua dien-dien tu-hoa chat",
                                   "Cụm Điện - Điện tử - Hóa chất"])
def test_cluster_spellings_and_dashes_give_the_same_events(finder, typed):
    assert [e["id"] for e in timeline(finder, cluster=typed, members=True)["events"]] == \
        [e["id"] for e in timeline(finder, cluster=CLUSTER, members=True)["events"]]


def test_query_timeline_with_date_bounds(finder):
    found = timeline(finder, "thi đua", start="2022", end="2023-08")
    # the review of 2023 (filed 2023-12-27) reports on a year that overlaps the range
    assert [e["date"] for e in found["events"]] == ["2022-02-18", "2023-07-08", "2023-12-27"]
    found = timeline(finder, "thi đua", start="2022", end="2022-12")
    assert [e["date"] for e in found["events"]] == ["2022-02-18"]


def test_timeline_needs_a_subject(finder):
    with pytest.raises(QueryError):
        timeline(finder)


def test_presiding_is_the_highest_rank_else_the_first():
    people = [{"name": "A", "rank": "Đại tá"}, {"name": "B", "rank": "Thiếu tướng"}, {"name": "C", "rank": None}]
    assert presiding(people) == "Thiếu tướng B"
    assert presiding([{"name": "C", "rank": None}, {"name": "D", "rank": None}]) == "C"
    assert presiding([]) is None


@pytest.fixture(scope="module")
def kinds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kinds")
    build(folder, figure_records())
    return Finder(folder)


def test_articles_are_filed_by_event_else_period_else_publication(kinds):
    found = timeline(kinds, unit="Z111")
    assert [(e["date"], e["filed_by"]) for e in found["events"]] == [
        ("2023-10-10", "event"), ("2024-07-03", "event"), ("2024-09-30", "period")]


def test_type_matches_any_of_the_types_and_history_is_no_year(kinds):
    [event] = timeline(kinds, unit="Z111", type="handover")["events"]
    assert event["types"] == ["conference", "handover"] and event["type"] == "conference"
    assert kinds.facets(kinds.all_docs())["year"] == {"2024": 3, "2023": 1}  # the founding year 1965 is not one


def test_a_range_keeps_articles_whose_period_overlaps_it(kinds):
    # filed in July and September 2024, they report on periods that include March 2024
    found = timeline(kinds, unit="Z111", start="2024-03", end="2024-03")
    assert [e["date"] for e in found["events"]] == ["2024-07-03", "2024-09-30"]
    assert timeline(kinds, unit="Z112", start="2024-08")["events"] == []  # a period over before the range


def test_a_half_year_report_of_the_sample_is_in_its_year(sample_archive):
    found = timeline(Finder(sample_archive), unit="Z121", start="2021", end="2021")
    assert [(e["date"], e["filed_by"], e["source"]) for e in found["events"]] == [
        ("2021-06-30", "period", "corpus/sample/03_z121_bao_cao_6_thang_2021.txt")]


def test_person_names_without_an_authority_leave_the_rank_typed_out():
    """A rank typed in front (any case, any spacing) is not part of the name the rank
    history and the positions are matched by."""
    from search.timeline import person_names

    assert person_names(None, "thiếu tướng  Nguyễn Văn An") == {"nguyen van an"}
    assert person_names(None, "Đại tá Lê Thị Hoà") == person_names(None, "Lê Thị Hòa")

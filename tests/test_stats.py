"""Statistics of figures from the records database: periods, organisations, grouping
that never mixes kinds or periods, sums only where adding means something, exports."""
import csv
import io

import pytest

from figure_records import (CLUSTER, HALF_2024, build, factories_nine_months_2023, records as figure_records,
                            second_report, unnamed_figures)
from ingest import store
from search.cli.output import emit
from search.stats import FIGURE_COLUMNS, columns, figures, groups, in_words


@pytest.fixture(scope="module")
def db(archive):
    return store.connect(archive)


@pytest.fixture(scope="module")
def kinds_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kinds")
    build(folder, figure_records())
    return store.connect(folder)


def test_figures_have_periods_and_organisations(db):
    rows = {r["text"]: r for r in figures(db)}
    assert len(rows) == 8
    period = lambda r: (r["period_start"], r["period_end"])  # noqa: E731
    # own period and organisation
    assert period(rows["hơn 3.000 tỷ đồng"]) == ("2023-01-01", "2023-12-31")
    # period from the article's reported span, organisation from its first unit, by its authority
    # entry: the gazetteer names "Công ty TNHH Một thành viên Hóa chất 21" Nhà máy Z121 (issue 14)
    assert period(rows["12,5 triệu đồng/người/tháng"]) == ("2022-01-01", "2022-06-30")
    assert rows["12,5 triệu đồng/người/tháng"]["organisation"] == "Nhà máy Z121"
    # no span in the article: the year it is filed under
    assert period(rows["12 phân xưởng"]) == ("2021-01-01", "2021-12-31")
    # a figure stored without a kind is a result; with no offset pointing at it, its quote is its text
    assert rows["gần 900 tỷ đồng"]["kind"] == "result" and rows["gần 900 tỷ đồng"]["quote"] == "gần 900 tỷ đồng"


def test_filters(db):
    assert {r["value"] for r in figures(db, metric="gia tri san xuat")} == {850, 3000}
    assert {r["value"] for r in figures(db, unit="z175")} == {12, 850, 900}
    assert {r["value"] for r in figures(db, start="2023-07", end="2023-12")} == {3000, 5.7}
    assert {r["value"] for r in figures(db, metric="doanh thu", start="2022", end="2022")} == {10}
    assert {r["value"] for r in figures(db, person="Phạm Đăng Khoa")} == {10}
    assert {r["value"] for r in figures(db, type="award")} == {45, 12.5}


def test_figure_ids_name_the_article_and_its_figure(db):
    rows = figures(db, metric="doanh thu", unit="Z175")
    assert [r["figure"] for r in rows] == [rows[0]["article_id"] + ":2"]  # the second figure of that article


def test_periods_never_mix_in_a_group(db):
    rows = figures(db, by="year")
    gtsx = [r for r in rows if r["year"] == "2023" and r["metric"] == "giá trị sản xuất"]
    # 850 (first half of 2023, Z175) and 3.000 (all 2023, Tổng cục) are two groups, never summed
    assert [(r["period_start"], r["period_end"], r["count"], r["sum"], r["latest"]) for r in gtsx] == [
        ("2023-01-01", "2023-06-30", 1, None, 850), ("2023-01-01", "2023-12-31", 1, None, 3000)]
    assert sum(r["count"] for r in rows) == 8


def test_rates_are_never_summed(db):
    rates = [r for r in figures(db, by="metric") if r["unit"] == "%" or "/" in r["unit"]]
    assert rates and all(r["sum"] is None and r["min"] <= r["latest"] <= r["max"] for r in rates)


def test_a_sum_adds_results_of_one_period_over_different_organisations(kinds_db):
    found = {(r["kind"], r["unit"], r["period_start"], r["period_end"]): r
             for r in figures(kinds_db, metric="giá trị sản xuất", by="metric")}
    half = found[("result", "tỷ đồng", *HALF_2024)]
    assert (half["count"], half["organisations"], half["sum"], half["min"], half["max"]) == (2, 2, 800, 300, 500)
    assert half["latest"] == 300 and half["latest_date"] == "2024-07-08"  # Z112's report came last
    # plans, forecasts, growth rates and a single figure are not summed
    for key in [("plan", "tỷ đồng", "2024-01-01", "2024-12-31"), ("forecast", "tỷ đồng", "2024-01-01", "2024-12-31"),
                ("growth", "%", *HALF_2024), ("result", "tỷ đồng", "2024-01-01", "2024-09-30")]:
        assert found[key]["sum"] is None and found[key]["count"] == 1
    # the cluster's nine months of 2023 stand apart: another period, and not Z111's
    assert found[("result", "tỷ đồng", "2023-01-01", "2023-09-30")]["latest"] == 3000
    assert {r["value"] for r in figures(kinds_db, unit="Z111")} == {500, 8, 1100, 800}


def test_an_umbrella_is_never_added_to_its_members(tmp_path):
    """The cluster's nine months of 2023 beside its two factories' of the same period: no sum."""
    db = store.connect(build(tmp_path, figure_records() + factories_nine_months_2023()) and tmp_path)
    nine = lambda unit: [(g["count"], g["organisations"], g["sum"]) for g in  # noqa: E731
                         figures(db, by="metric", kind="result", unit=unit) if g["period_end"] == "2023-09-30"]
    assert nine(None) == [(3, 3, None)]
    assert nine("Nhà máy Z11") == [(2, 2, 1550)]  # the factories alone do add up


def test_the_same_organisation_twice_is_not_summed(tmp_path):
    db = store.connect(build(tmp_path, figure_records() + [second_report()]) and tmp_path)
    half = [r for r in figures(db, metric="giá trị sản xuất", by="metric", kind="result")
            if (r["period_start"], r["period_end"]) == HALF_2024]
    assert [(r["count"], r["organisations"], r["sum"]) for r in half] == [(3, 2, None)]


def test_every_group_is_traceable_to_its_figures(kinds_db):
    listed = {r["figure"]: r for r in figures(kinds_db)}
    for by in ("year", "unit", "metric", "period"):
        found = figures(kinds_db, by=by)
        assert [g["group"] for g in found] == list(range(1, len(found) + 1))
        assert sorted(i for g in found for i in g["figures"]) == sorted(listed)
        for g in found:
            assert_one_kind_and_period(g, [listed[i] for i in g["figures"]])


def assert_one_kind_and_period(group, members):
    """A group's figures share metric, measuring unit, kind and period; its sum (if any)
    adds results in an additive unit from different organisations."""
    for field in ("metric", "unit", "kind", "period_start", "period_end"):
        assert {m[field] for m in members} == {group[field]}, (field, group)
    if group["sum"] is not None:
        organisations = [m["organisation"] for m in members]
        assert not {m["organisation_kind"] for m in members} & {"cluster", "agency", "ministry"}
        assert group["kind"] == "result" and group["unit"] != "%" and "/" not in (group["unit"] or "")
        assert len(set(organisations)) == len(organisations) > 1
        assert group["sum"] == pytest.approx(sum(m["value"] for m in members))


def test_the_quote_is_the_sentence_of_the_figure(kinds_db):
    [row] = figures(kinds_db, kind="forecast")
    assert row["quote"] == "Nhà máy dự kiến cả năm đạt 1.100 tỷ đồng."


def test_type_matches_any_of_an_articles_types(kinds_db):
    assert [r["organisation"] for r in figures(kinds_db, type="handover")] == [CLUSTER]
    assert [r["organisation"] for r in figures(kinds_db, type="conference")] == [CLUSTER]


def test_csv_columns_and_words(db):
    out = io.StringIO()
    emit(in_words(figures(db, metric="khoảng")), columns(), "csv", out)  # no such metric: the header alone
    assert out.getvalue().lstrip("\ufeff").splitlines() == [",".join(FIGURE_COLUMNS)]
    out = io.StringIO()
    emit(in_words(figures(db, metric="giá trị sản xuất", unit="Z175")), columns(), "csv", out)
    assert out.getvalue().startswith("\ufeff")  # Excel and LibreOffice read UTF-8 on a double click
    [row] = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    assert {k: row[k] for k in ("metric", "value", "unit", "qualifier", "kind", "organisation", "period_start",
                                "period_end", "article_date")} == {
        "metric": "giá trị sản xuất", "value": "850", "unit": "tỷ đồng", "qualifier": "khoảng", "kind": "kết quả",
        "organisation": "Nhà máy Z175", "period_start": "2023-01-01", "period_end": "2023-06-30",
        "article_date": "2023-07-08"}
    assert row["source"].endswith(".txt") and row["article_id"] and row["url"] == ""


def test_groups_of_nothing():
    assert groups([], "year") == []


@pytest.mark.parametrize("which", ["sample_archive", "real_archive"])
def test_no_group_mixes_periods_or_kinds(request, which):
    """Over every group, of every --by, of the sample corpus and of the real pages."""
    db = store.connect_reading(request.getfixturevalue(which))
    listed = {r["figure"]: r for r in figures(db)}
    assert listed
    for by in ("year", "unit", "metric", "period"):
        found = figures(db, by=by)
        assert sum(g["count"] for g in found) == len(listed)
        for g in found:
            assert_one_kind_and_period(g, [listed[i] for i in g["figures"]])


def test_a_figure_without_its_own_period_takes_the_period_its_article_reports_on(tmp_path):
    """A year-end report published in January: its figures are of the year reported on."""
    from ingest.extract.compose import extract
    from ingest.record import new_record

    text = "Năm 2024, Nhà máy Z195 đạt doanh thu 1.250 tỷ đồng. Toàn Nhà máy có 40 sáng kiến, làm lợi 3,5 tỷ đồng."
    record = extract(new_record("t.txt", "Nhà máy Z195 tổng kết năm 2024", "2025-01-10", None, text))
    db = store.connect(build(tmp_path, [record]) and tmp_path)
    periods = {r["value"]: (r["period_start"], r["period_end"]) for r in figures(db)}
    assert periods[3.5] == periods[1250] == ("2024-01-01", "2024-12-31")


@pytest.fixture(scope="module")
def unnamed_archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("unnamed")
    build(folder, unnamed_figures())
    return folder


def test_a_figure_whose_sentence_names_no_organisation_is_credited_to_the_article_and_says_so(unnamed_archive):
    rows = {r["text"]: r for r in figures(store.connect_reading(unnamed_archive))}
    # the unit the title names first (a headline begins with its subject), not the first unit of the text
    assert (rows["25%"]["organisation"], rows["25%"]["organisation_from"]) == (CLUSTER, "article")
    assert (rows["410 tỷ đồng"]["organisation"], rows["410 tỷ đồng"]["organisation_from"]) == ("Nhà máy Z112",
                                                                                                  "sentence")
    # a title naming no unit: the first one of the text
    assert (rows["520 tỷ đồng"]["organisation"], rows["520 tỷ đồng"]["organisation_from"]) == ("Nhà máy Z111",
                                                                                                  "article")
    # no unit at all: no organisation, and nothing to say where it came from
    assert (rows["12 người"]["organisation"], rows["12 người"]["organisation_from"]) == (None, None)


def test_a_sum_never_adds_a_figure_credited_to_its_article(unnamed_archive):
    """410 (Z112, named) and 520 (Z111's only by its article) look addable, but a reading
    cannot vouch that they are two organisations' own figures."""
    [group] = [g for g in figures(store.connect_reading(unnamed_archive), by="metric", kind="result")
               if g["metric"] == "giá trị sản xuất"]
    assert (group["count"], group["organisations"], group["from_article"], group["sum"]) == (2, 2, 1, None)
    assert (group["min"], group["max"]) == (410, 520)


def test_the_table_marks_an_organisation_read_from_the_article_and_csv_says_it_in_words(unnamed_archive):
    from click.testing import CliRunner

    from search.cli.main import cli

    def run(*args):
        result = CliRunner().invoke(cli, ["--data-dir", str(unnamed_archive), "stats", *args])
        assert result.exit_code == 0, result.output
        return result.output

    lines = run("--metric", "giá trị sản xuất").splitlines()
    assert any("(*) Nhà máy Z111" in line and "520" in line for line in lines)
    assert any("Nhà máy Z112" in line and "(*)" not in line for line in lines if "410" in line)
    assert lines[-1].startswith("(*) the figure's sentence names no organisation")
    assert "(*)" not in run("--metric", "giá trị sản xuất", "--unit", "Z112")  # no mark, no footnote
    grouped = run("--by", "unit", "--metric", "giá trị sản xuất")
    assert "(*) Nhà máy Z111" in grouped and "(*) Nhà máy Z112" not in grouped
    rows = list(csv.DictReader(io.StringIO(run("--format", "csv").lstrip("\ufeff"))))
    assert {r["value"]: r["organisation_from"] for r in rows} == {
        "25": "đơn vị của bài (câu không nêu)", "410": "câu nêu đơn vị", "520": "đơn vị của bài (câu không nêu)",
        "12": ""}
    assert {r["organisation"] for r in rows} == {CLUSTER, "Nhà máy Z112", "Nhà máy Z111", ""}  # no mark in files


def test_a_plan_or_forecast_without_its_own_period_is_for_the_year_of_the_period_reported_on(tmp_path):
    """A nine-month report: "dự kiến cả năm" is a forecast for the year, not for the nine
    months; the result of the same sentence keeps the nine months."""
    from figure_records import Z111, kinded, span
    from fixture_records import _record

    nine = ("2025-01-01", "2025-09-30")
    rec = _record("Nhà máy Z111 sơ kết chín tháng", "2025-10-06",
                  "Chín tháng, Nhà máy Z111 đạt 640 tỷ đồng; dự kiến cả năm đạt 900 tỷ đồng, phấn đấu vượt 950 tỷ đồng.",
                  {"type": "report", "date": None, "location": None}, units=[Z111], dates=[span("chín tháng", *nine)],
                  figures=[kinded("result", "640 tỷ đồng", 640, "tỷ đồng", "giá trị sản xuất"),
                           kinded("forecast", "900 tỷ đồng", 900, "tỷ đồng", "giá trị sản xuất"),
                           kinded("plan", "950 tỷ đồng", 950, "tỷ đồng", "giá trị sản xuất")])
    db = store.connect(build(tmp_path, [rec]) and tmp_path)
    periods = {r["kind"]: (r["period_start"], r["period_end"]) for r in figures(db)}
    assert periods == {"result": nine, "forecast": ("2025-01-01", "2025-12-31"), "plan": ("2025-01-01", "2025-12-31")}


def test_a_narrow_table_never_cuts_a_period_or_a_kind():
    from search.cli.output import table

    rows = [{"organisation": "Cụm thi đua “Điện – Điện tử – Hóa chất”", "kind": "tỷ lệ hoàn thành",
             "period": "2023-01-01..2023-09-30", "quote": "Tính hết 9 tháng năm 2023, giá trị sản xuất toàn Cụm đạt"}]
    text = table(rows, ["organisation", "kind", "period", "quote"], width=60, wide=("quote",), keep=("kind", "period"))
    assert "tỷ lệ hoàn thành" in text and "2023-01-01..2023-09-30" in text and "…" in text

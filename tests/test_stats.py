"""Statistics of figures from the records database."""
import csv
import io

import pytest

from ingest import store
from search.cli.output import emit
from search.stats import columns, figures


@pytest.fixture(scope="module")
def db(archive):
    return store.connect(archive)


def test_figures_have_periods_and_organisations(db):
    rows = {r["text"]: r for r in figures(db)}
    assert len(rows) == 8
    # own period and organisation
    assert rows["hơn 3.000 tỷ đồng"]["period"] == "2023-01-01..2023-12-31"
    # period from the article's reported span, organisation from its first unit, by its authority
    # entry: the gazetteer names "Công ty TNHH Một thành viên Hóa chất 21" Nhà máy Z121 (issue 14)
    assert rows["12,5 triệu đồng/người/tháng"]["period"] == "2022-01-01..2022-06-30"
    assert rows["12,5 triệu đồng/người/tháng"]["organisation"] == "Nhà máy Z121"
    # no span in the article: the year of its event
    assert rows["12 phân xưởng"]["period"] == "2021-01-01..2021-12-31"


def test_filters(db):
    assert {r["value"] for r in figures(db, metric="gia tri san xuat")} == {850, 3000}
    assert {r["value"] for r in figures(db, unit="z175")} == {12, 850, 900}
    assert {r["value"] for r in figures(db, start="2023-07", end="2023-12")} == {3000, 5.7}
    assert {r["value"] for r in figures(db, metric="doanh thu", start="2022", end="2022")} == {10}


def test_group_by_year_sums_like_with_like(db):
    rows = figures(db, by="year")
    gtsx = [r for r in rows if r["year"] == "2023" and r["metric"] == "giá trị sản xuất"]
    assert gtsx == [{"year": "2023", "metric": "giá trị sản xuất", "unit": "tỷ đồng", "count": 2, "sum": 3850,
                     "mean": 1925, "min": 850, "max": 3000}]
    assert sum(r["count"] for r in rows) == 8


def test_rates_are_averaged_not_summed(db):
    rates = [r for r in figures(db, by="metric") if r["unit"] == "%" or "/" in r["unit"]]
    assert rates and all(r["sum"] is None and r["min"] <= r["mean"] <= r["max"] for r in rates)


def test_group_by_unit_and_metric(db):
    by_unit = {(r["organisation"], r["metric"]): r["sum"] for r in figures(db, by="unit")}
    assert by_unit[("Nhà máy Z175", "doanh thu")] == 900
    by_metric = {(r["metric"], r["unit"]): r["count"] for r in figures(db, by="metric")}
    assert by_metric[("doanh thu", "%")] == 1 and by_metric[("doanh thu", "tỷ đồng")] == 1


def test_csv_output(db):
    out = io.StringIO()
    emit(figures(db, metric="thu nhập"), columns(), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows == [{"metric": "thu nhập bình quân", "value": "12.5", "unit": "triệu đồng/người/tháng",
                     "qualifier": "", "organisation": "Nhà máy Z121",
                     "period": "2022-01-01..2022-06-30", "article": rows[0]["article"],
                     "title": "Công ty Hóa chất 21 trao thưởng cho 45 cá nhân tiêu biểu",
                     "source": rows[0]["source"], "url": ""}]
    assert rows[0]["source"].endswith(".txt") or rows[0]["source"].endswith(".html")

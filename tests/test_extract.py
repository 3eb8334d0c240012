"""The composed extraction: each figure tied to its period, organisation and metric."""
from ingest.extract.compose import extract
from ingest.record import new_record

TEXT = ("Sáng ngày 5/12/2023, tại Hà Nội, Nhà máy Z183 tổ chức Hội nghị tổng kết công tác thi đua năm 2023.\n"
        "Tính hết 9 tháng năm 2023, giá trị sản xuất của Nhà máy Z183 đạt hơn 1.200 tỷ đồng, bằng 80% kế hoạch; "
        "dự kiến cả năm đạt 1.650 tỷ đồng. Nhà máy Z199 khen thưởng 12 tập thể.")


def _record():
    return extract(new_record("t.txt", "Nhà máy Z183 tổng kết thi đua năm 2023", None, None, TEXT))


def test_figure_period_is_the_span_its_sentence_names_else_none():
    figures = {f["text"]: f for f in _record()["figures"]}
    assert figures["hơn 1.200 tỷ đồng"]["period"] == {"start": "2023-01-01", "end": "2023-09-30"}
    # no period in its sentence: none of its own (stats gives it the article's; see test_stats)
    assert figures["12 tập thể"]["period"] is None


def test_a_year_end_report_published_in_january_keeps_its_figures_in_the_year_it_reports_on():
    text = ("Năm 2024, Nhà máy Z195 đạt doanh thu 1.250 tỷ đồng. Toàn Nhà máy có 40 sáng kiến, làm lợi 3,5 tỷ đồng.\n"
            "Năm 2025, Nhà máy phấn đấu doanh thu tăng 10%.")
    record = extract(new_record("t.txt", "Nhà máy Z195 tổng kết năm 2024", "2025-01-10", None, text))
    periods = {f["text"]: f["period"] for f in record["figures"]}
    assert periods["1.250 tỷ đồng"] == {"start": "2024-01-01", "end": "2024-12-31"}
    assert periods["3,5 tỷ đồng"] is None  # not 2025, the year it was published in
    assert periods["10%"] == {"start": "2025-01-01", "end": "2025-12-31"}


def test_figure_organisation_is_the_unit_named_before_it():
    figures = {f["text"]: f for f in _record()["figures"]}
    assert figures["hơn 1.200 tỷ đồng"]["organisation"] == "Nhà máy Z183"
    assert figures["12 tập thể"]["organisation"] == "Nhà máy Z199"


def test_metric_carries_to_a_later_clause_with_the_same_unit_in_the_sentence():
    figures = {f["text"]: f for f in _record()["figures"]}
    assert figures["đạt 1.650 tỷ đồng"]["metric"] == "giá trị sản xuất"
    assert figures["12 tập thể"]["metric"] != "giá trị sản xuất"


def test_the_text_is_not_word_segmented():
    """Nothing reads a segmented text any more (the index finds phrases by positions):
    extraction no longer pays for the segmenter's model."""
    assert "segmented" not in _record()


def test_officers_named_only_in_a_caption_are_people_of_the_article():
    rec = new_record("c.html", "Kiểm tra sẵn sàng chiến đấu tại Lữ đoàn 147", None, None,
                     "Sáng 10/1, đoàn công tác kiểm tra công tác sẵn sàng chiến đấu tại Lữ đoàn 147.",
                     captions=["Thiếu tướng Trần Văn Lâm, Tư lệnh Vùng 1 Hải quân kiểm tra kế hoạch của đơn vị."])
    people = extract(rec)["people"]
    assert [(p["rank"], p["name"]) for p in people] == [("Thiếu tướng", "Trần Văn Lâm")]
    assert "Thiếu tướng" not in rec["text"]

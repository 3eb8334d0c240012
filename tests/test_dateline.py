"""Vietnamese datelines and machine dates."""
import pytest

from ingest.clean import dateline


@pytest.mark.parametrize("text,expected", [
    ("Thứ hai, 15/04/2024 08:30", "2024-04-15T08:30"),
    ("Thứ 6, 9/2/2024 - 22:11", "2024-02-09T22:11"),
    ("12/04/2024 10:25 GMT+7", "2024-04-12T10:25"),
    ("Cập nhật: 08:15 07/03/2025 (GMT+7)", "2025-03-07T08:15"),
    ("Chủ nhật, 3-3-2024, 07:00 (GMT+7)", "2024-03-03T07:00"),
    ("Ngày 20 tháng 12 năm 2023", "2023-12-20"),
    ("Ngày đăng: Thứ tư, 12 Tháng 7 2023 08:30", "2023-07-12T08:30"),
    ("20/12/2023", "2023-12-20"),
    ("Thứ Sáu, ngày 09/02/2024", "2024-02-09"),
    ("Cập nhật lúc: 10:25 ngày 12/04/2024", "2024-04-12T10:25"),
])
def test_datelines(text, expected):
    assert dateline.is_dateline(text)
    assert dateline.find_date(text) == expected


def test_a_machine_date_shown_as_text_is_a_dateline():
    assert dateline.is_dateline("2026-03-06T20:46:00")


def test_impossible_dates_are_refused():
    assert dateline.find_date("31/02/2024") is None


def test_a_sentence_is_not_a_dateline():
    line = "Sáng ngày 13/10/2023 tại Nhà máy Z143, Cụm thi đua đã tổ chức hội nghị."
    assert not dateline.is_dateline(line)
    assert dateline.find_date(line) == "2023-10-13"


@pytest.mark.parametrize("value,expected", [
    ("2024-04-12T10:25:00+07:00", "2024-04-12T10:25"),
    ("2024-04-12T10:25:11.000 +07:00", "2024-04-12T10:25"),
    ("2024-04-12", "2024-04-12"),
    ("2023-12-27T20:15:00+00:00", "2023-12-28T03:15"),
    ("2023-12-27T20:15:00Z", "2023-12-28T03:15"),
    ("2024-04-12T10:25:00", "2024-04-12T10:25"),
    ("không có ngày", None),
])
def test_machine_dates(value, expected):
    assert dateline.from_iso(value) == expected

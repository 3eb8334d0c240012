"""Where an article is filed in time (ingest.extract.filing), with records composed for these tests."""
from ingest.extract.filing import event_types, filing, reported_period


def record(published=None, event_date=None, dates=(), figures=(), types=None, event_type="report"):
    event = {"type": event_type, "date": event_date, "location": None}
    if types is not None:
        event["types"] = types
    return {"published": published, "event": event, "dates": list(dates), "figures": list(figures)}


def span(start, end, role=None):
    found = {"text": "...", "start": start, "end": end}
    if role:
        found["role"] = role
    return found


HALF_2021 = span("2021-01-01", "2021-06-30")


def test_the_event_date_files_first():
    assert filing(record("2021-07-20", "2021-07-15", [HALF_2021])) == ("2021-07-15", "event")


def test_a_report_without_event_date_is_filed_at_the_end_of_its_period():
    assert filing(record("2021-07-20", None, [HALF_2021])) == ("2021-06-30", "period")
    assert filing(record(None, None, [HALF_2021])) == ("2021-06-30", "period")  # no publication date either
    assert reported_period(record(None, None, [HALF_2021])) == ("2021-01-01", "2021-06-30")


def test_a_period_still_running_at_publication_does_not_file_it():
    # "6 tháng đầu năm 2021" reported on 25 June: filed when published, the period kept for ranges
    rec = record("2021-06-25", None, [HALF_2021])
    assert filing(rec) == ("2021-06-25", "published")
    assert reported_period(rec) == ("2021-01-01", "2021-06-30")


def test_a_span_that_begins_after_publication_is_a_plan_not_the_reported_period():
    rec = record("2024-12-20", None, [span("2025-01-01", "2025-12-31")])
    assert reported_period(rec) is None and filing(rec) == ("2024-12-20", "published")


def test_without_publication_a_span_beginning_after_the_event_is_no_reported_period():
    # an award in December 2023 that tells of the plan for the first quarter of 2024
    rec = record(None, "2023-12-05", [span("2024-01-01", "2024-03-31")], event_type="award")
    assert reported_period(rec) is None and filing(rec) == ("2023-12-05", "event")
    rec = record(None, "2023-12-05", [span("2023-01-01", "2023-12-31")], event_type="award")
    assert reported_period(rec) == ("2023-01-01", "2023-12-31")


def test_a_span_ended_long_before_publication_is_background_not_the_reported_period():
    # a 2026 feature that recalls figures of 2022: filed when published
    rec = record("2026-03-07", None, [span("2022-01-01", "2022-12-31")])
    assert reported_period(rec) is None and filing(rec) == ("2026-03-07", "published")
    # a year-end report out in March is still the year's report
    rec = record("2023-03-10", None, [span("2022-01-01", "2022-12-31")])
    assert filing(rec) == ("2022-12-31", "period")


def test_history_never_files_an_article():
    founding = span("1955-01-23", "1955-01-23", "history")
    # the extractor took the founding day for the event: it is still not the event's date
    rec = record("2025-01-20", "1955-01-23", [founding, span("1955-01-01", "1955-12-31", "history")])
    assert filing(rec) == ("2025-01-20", "published") and reported_period(rec) is None


def test_single_days_are_no_period_and_figures_give_one_when_dates_do_not():
    day = span("2023-03-08", "2023-03-08")
    plan = {"kind": "plan", "period": {"start": "2022-01-01", "end": "2022-12-31"}}
    result = {"period": {"start": "2022-01-01", "end": "2022-09-30"}}  # no kind: a result
    rec = record("2022-10-05", None, [day], [plan, result])
    assert reported_period(rec) == ("2022-01-01", "2022-09-30")
    assert filing(rec) == ("2022-09-30", "period")


def test_no_date_at_all():
    assert filing(record()) == (None, None)


def test_event_types_main_first_without_repeats():
    assert event_types(record(types=["conference", "handover", "conference"], event_type="conference")) == \
        ["conference", "handover"]
    assert event_types(record(event_type="award")) == ["award"]
    assert event_types({"event": None}) == ["other"]

"""Where an article stands in time: the date it is filed under, and the period it reports on.

An archivist looks an article up by when it happened, so an article is filed under:
  1. its event's date (`filed_by` "event");
  2. else the end of the period it reports on, if that period had ended when the article
     was published ("period"): a report on the first 6 months of 2021 with no event
     date stands at 2021-06-30, not at the end of the list;
  3. else its publication date ("published").
The period it reports on is the first span of its dates longer than a day that is not
history and had begun when the article was published, else by its event's date (a span
starting later is a plan: "phát động thi đua năm 2025" in December 2024) and had ended
less than a year before (an older span is background: "năm 2022" in a 2026 feature);
failing that, the period of its first result figure that has one (a figure of kind
plan or forecast is no report).
History dates (`"role": "history"`: a founding, the origin of an anniversary, a
birth) are kept in the record but never file an article, never give its period, and
never stand as its event date, whatever the extractor said.
"""


def _day(value):
    """YYYY-MM-DD from a date string, or None when it is not one."""
    if isinstance(value, str) and len(value) >= 10 and value[:4].isdigit() and value[4] == "-" and value[7] == "-":
        return value[:10]
    return None


def _history_days(record):
    return {_day(d.get("start")) for d in record.get("dates") or [] if d.get("role") == "history"} - {None}


def event_types(record):
    """Every event type of the article, its main one first (`event.types`, else [type])."""
    event = record.get("event") or {}
    main = event.get("type") or "other"
    types = [t for t in event.get("types") or [] if t]
    return [main] + [t for t in dict.fromkeys(types) if t != main]


def event_day(record):
    """The event's date, unless it is one of the article's history dates."""
    day = _day((record.get("event") or {}).get("date"))
    return None if day in _history_days(record) else day


def reported_period(record):
    """(start, end) of the period the article reports on (see the module docstring), or None.
    Without a publication date the event's date is when the article stands: a span that
    begins after the ceremony it reports ("quý I/2024" at an award in December 2023) is
    what comes next, not what was reported."""
    published = _day(record.get("published")) or event_day(record)
    stale = _years_before(published, REPORT_LAG_YEARS) if published else None
    spans = [(d.get("start"), d.get("end")) for d in record.get("dates") or [] if d.get("role") != "history"]
    spans += [((f.get("period") or {}).get("start"), (f.get("period") or {}).get("end"))
              for f in record.get("figures") or [] if (f.get("kind") or "result") == "result"]
    for start, end in spans:
        start, end = _day(start), _day(end)
        if start and end and end > start and (published is None or start <= published) \
                and (stale is None or end >= stale):
            return start, end
    return None


REPORT_LAG_YEARS = 1  # a report comes out within a year of its period's end; an older span is background


def _years_before(day, years):
    """YYYY-MM-DD that many years before day (28 February for a 29th)."""
    year, rest = int(day[:4]) - years, day[4:]
    return f"{year:04d}{'-02-28' if rest == '-02-29' else rest}"


def filing(record):
    """(date, by) the article is filed under: by is "event", "period" or "published";
    (None, None) for an article with no date at all."""
    day = event_day(record)
    if day:
        return day, "event"
    published = _day(record.get("published"))
    period = reported_period(record)
    if period and (published is None or period[1] <= published):
        return period[1], "period"
    if published:
        return published, "published"
    return None, None

"""Publication dates as pages and dumps write them, to "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM".

Machine forms come from meta tags ("2026-03-01T09:51:00+07:00"); human forms are
Vietnamese datelines, day first: "Thứ sáu, 09/02/2024 22:11", "07/03/2026 08:15 GMT+7",
"09-02-2024 - 22:11", "Ngày 9 tháng 2 năm 2024". The time is the one written (local).
"""
import datetime
import re

_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
VIETNAM = datetime.timezone(datetime.timedelta(hours=7))
_WEEKDAY = r"(?:(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn|t[2-7])\s*[,-]?\s*)?"
_TIME = r"(\d{1,2})\s*[:hg]\s*(\d{2})(?:\s*:\s*\d{2})?\s*(?:sa|ch|am|pm)?"
_DMY = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_WORDS = r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm\s+|,\s*)?(\d{4})"
_ZONE = r"(?:\s*\(?\s*(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?00)?\s*\)?)?"
_SEP = r"\s*[,|-]?\s*"
# Date then optional time, or time then date; the whole dateline for is_dateline.
_DATE_TIME = re.compile(rf"{_WEEKDAY}(?:ngày\s*)?(?:{_DMY}|{_WORDS})(?:{_SEP}(?:lúc\s*)?{_TIME})?{_ZONE}", re.I)
_TIME_DATE = re.compile(rf"{_TIME}{_SEP}(?:ngày\s*)?{_WEEKDAY}(?:ngày\s*)?{_DMY}{_ZONE}", re.I)
# "Cập nhật lúc", "Ngày đăng bài viết gốc" (a portal republishing an article), "Ngày xuất bản"
_LINE_PREFIX = re.compile(r"\s*(?:(?:ngày đăng bài(?: viết)?(?: gốc)?|ngày đăng|ngày cập nhật|cập nhật|đăng"
                          r"|thời gian(?: đăng)?|ngày xuất bản|xuất bản|published|updated)(?:\s*lúc)?)?\s*:?\s*", re.I)


def _format(year, month, day, hour=None, minute=None):
    year, month, day = int(year), int(month), int(day)
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    if not 1900 <= year <= 2100:
        return None
    if hour is not None and int(hour) < 24 and int(minute) < 60:
        return f"{year:04d}-{month:02d}-{day:02d}T{int(hour):02d}:{int(minute):02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def from_iso(value):
    """A machine date ("2026-03-07T08:52:11.000 +07:00") as Vietnam shows it, else None.
    A time given in another zone (UTC from many CMSs) is moved to UTC+7, which can
    change the day; a time without a zone is taken as written."""
    m = _ISO.match(value or "")
    if not m:
        return None
    year, month, day, hour, minute, zone = m.groups()
    if zone and hour is not None:
        offset = 0 if zone == "Z" else (int(zone[1:3]) * 60 + int(zone[-2:])) * (1 if zone[0] == "+" else -1)
        try:
            moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute),
                                       tzinfo=datetime.timezone(datetime.timedelta(minutes=offset)))
        except ValueError:
            return None
        local = moment.astimezone(VIETNAM)
        return _format(local.year, local.month, local.day, local.hour, local.minute)
    return _format(year, month, day, hour, minute)


def _from_match(m, time_first=False):
    g = m.groups()
    if time_first:
        hour, minute, day, month, year = g
        return _format(year, month, day, hour, minute)
    day, month, year = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
    return _format(year, month, day, g[6], g[7])


def find_date(text):
    """The first day/month/year date (with its time, when written next to it) in text."""
    found = []
    m = _DATE_TIME.search(text)
    if m:
        found.append((m.start(), _from_match(m)))
    m = _TIME_DATE.search(text)
    if m:
        found.append((m.start(), _from_match(m, time_first=True)))
    found = [f for f in found if f[1]]
    return min(found)[1] if found else None


def is_dateline(line):
    """A line that is only a date and time, like the one under a headline."""
    text = _LINE_PREFIX.sub("", line, count=1).strip()
    iso = _ISO.match(text)
    return bool(_DATE_TIME.fullmatch(text) or _TIME_DATE.fullmatch(text) or (iso and iso.end() == len(text)))

"""Hồ Ngọc Đức's algorithm for the Vietnamese lunar calendar (new moons and the sun's
longitude, for UTC+7), used by the tests to recompute data/date_tet.tsv independently
of the table: the first day of Tết and of tháng Chạp before it."""
import datetime as dt
import math

TZ = 7.0
_EPOCH = 2415021.076998695  # the Julian day of the new moon of 1900-01-01
_SYNODIC = 29.530588853


def _jd(day):
    return day.toordinal() + 1721425


def _civil(jd):
    return dt.date.fromordinal(jd - 1721425)


def _new_moon(k):
    """Julian day (fraction included, UT) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 += -0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr) - 0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 += -0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 += -0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta


def _new_moon_day(k):
    return int(math.floor(_new_moon(k) + 0.5 + TZ / 24))


def _sun_sector(day_number):
    """Which of the 12 thirty-degree sectors the sun's longitude is in at local midnight."""
    t = (day_number - 0.5 - TZ / 24 - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    lon -= 2 * math.pi * math.floor(lon / (2 * math.pi))
    return int(math.floor(lon / math.pi * 6))


def _month11(year):
    """The Julian day of the first day of the 11th lunar month (holding the winter solstice)."""
    k = int(math.floor((_jd(dt.date(year, 12, 31)) - 2415021) / _SYNODIC))
    day = _new_moon_day(k)
    return _new_moon_day(k - 1) if _sun_sector(day) >= 9 else day


def _leap_offset(a11):
    k = int(math.floor((a11 - _EPOCH) / _SYNODIC + 0.5))
    i, arc = 1, _sun_sector(_new_moon_day(k + 1))
    while True:
        last, i = arc, i + 1
        arc = _sun_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            return i - 1


def tet_and_chap(year):
    """(first day of Tết of year, first day of the tháng Chạp before it), or None when
    a leap month 11 or 12 falls between (the table then needs a human's look)."""
    a11, b11 = _month11(year - 1), _month11(year)
    k = int(math.floor((a11 - _EPOCH) / _SYNODIC + 0.5))
    if b11 - a11 > 365 and _leap_offset(a11) <= 2:
        return None
    return _civil(_new_moon_day(k + 2)), _civil(_new_moon_day(k + 1))

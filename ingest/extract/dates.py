"""Dates and periods in Vietnamese article text.

Vietnamese writes day/month/year ("13/10/2023", "16-1", "ngày 13 tháng 10 năm 2023")
and reports by period ("6 tháng đầu năm 2021", "Quý II/2021", "9 tháng năm 2023").
News leads usually omit the year ("Sáng 28/12"), so a day without a year takes it from
the publication date when known, otherwise from the nearest dated mention in the
article; when that cannot be decided the day is left out rather than guessed, because
a wrong day is worse than a missing one. Other evidence of the year is heard too: a
weekday written before the day ("thứ Năm (2/2)"), the Tết an article names by its
name in the sexagenary cycle ("xuân Đinh Dậu"), the date of a document it cites.
Days of the lunar calendar around Tết ("29 tháng Chạp", "mùng 6 Tết") are turned into
civil days through a table of lunar months (data/date_tet.tsv). Bare years ("năm
2023") are context, not entries: they are never listed.
"""
import calendar
import datetime as dt
import functools
import re
from collections import Counter

from ingest.language import wordlists

D = r"(?:0?[1-9]|[12]\d|3[01])"
M = r"(?:0?[1-9]|1[0-2])"
Y = r"(?:1[89]\d\d|20\d\d)"
# Not glued to a word, code or number on the left ("Z143", "số 06/2005", "10-12/3").
LB = r"(?<![\w/.,:])(?<!\d[-–])"
# Nor on the right ("6/3/2026" is not the day "6/3"; "2026/NĐ-CP" is a document number).
RB = r"(?![\w]|[/.,:-]\d|/[^\W\d_])"
DASH = r"(?:-|–|—)"
CONNECT = rf"(?:{DASH}|đến|tới)"
FLAGS = re.IGNORECASE
# A day of the lunar calendar around Tết: "mùng 5 Tết", "29 tháng Chạp", "mùng 6 tháng
# Giêng", "rằm tháng Giêng", and "30 Tết" (said of the last days of tháng Chạp).
LUNAR_DAY = (r"(?:(?:mồng|mùng)\s+(?:0?[1-9]|10)\s+Tết|(?:[12]?\d|30)\s+tháng\s+(?:Chạp|Giêng)|rằm\s+tháng\s+Giêng"
             r"|(?:2[0-9]|30)\s+Tết)")
_LUNAR_PARTS = re.compile(r"(?:(?:mồng|mùng)\s+)?(?P<d>\d+|rằm)\s+(?:tháng\s+)?(?P<month>Chạp|Giêng|Tết)", re.IGNORECASE)

# A day without a year takes it from the publication date only within this window
# (days): a day further back, or well ahead, is more often a recurring or legal date.
PAST_WINDOW = 120
FUTURE_WINDOW = 75
# Without a publication date, from the nearest year named in the same or the next
# paragraph, among the article's own years (within RECENT_YEARS of its most named
# or its latest year); a day within TET_SEASON_DAYS of the Tết an article names with
# its year takes that year instead (see _Context.tet_year).
RECENT_YEARS = 5
MAX_PARAGRAPHS_AWAY = 1
TET_SEASON_DAYS = 30
# A day within this many days after the date of a document the article cites may take
# its year, when the article names no other (see _Context._after_cited).
CITED_DAYS = 60
PARAGRAPH_COST = 2000  # characters: an anchor across a paragraph break counts as this far
TITLE_COST = 5000


@functools.cache
def _number_words():
    return {w.casefold(): int(n) for w, n in wordlists.rows("date_number_words.tsv")}


@functools.cache
def _month_words():
    return {w.casefold(): int(n) for w, n in wordlists.rows("date_month_words.tsv")}


@functools.cache
def _ten_days():
    """"thượng"/"trung"/"hạ" -> (first day, last day or 0 for the month's end)."""
    return {w.casefold(): (int(a), int(b)) for w, a, b in wordlists.rows("date_ten_days.tsv")}


@functools.cache
def _relative_years():
    return {w.casefold(): int(n) for w, n in wordlists.rows("date_relative_years.tsv")}


@functools.cache
def _patterns():
    """(kind, regex) in priority order: longer, more explicit forms claim text first."""
    month_word = wordlists.alternation("date_month_words.tsv")
    num = rf"(?:\d{{1,2}}|{wordlists.alternation('date_number_words.tsv')})"
    mon_start = r"(?:tháng\s*|(?-i:T)(?=\d))"
    # after a lunar day, no year: "12 tháng Giêng năm Đinh Tỵ" is not this year's
    no_year = rf"(?!\s*,?\s*(?:năm\s+)?(?:{Y}|(?:{wordlists.alternation('date_tet_names.txt')})(?!\w)))"
    specs = [
        ("day_range", rf"(?P<from>từ\s+(?:ngày\s+)?)?{LB}(?P<d1>{D})(?P<s1>[/-])(?P<m1>{M})(?:(?P=s1)(?P<y1>{Y}))?"
                      rf"\s*(?P<conn>{CONNECT})\s*(?:ngày\s+)?(?P<d2>{D})(?P<s2>[/-])(?P<m2>{M})(?P=s2)(?P<y2>{Y}){RB}"),
        ("days_range", rf"(?P<from>từ\s+)?(?:ngày\s+)?{LB}(?P<d1>{D})\s*{CONNECT}\s*(?P<d2>{D})(?P<s>[/-])(?P<m>{M})(?P=s)(?P<y>{Y}){RB}"),
        ("month_range", rf"(?:từ\s+)?{LB}{mon_start}(?P<m1>{M})(?:\s*[/-]\s*(?P<y1>{Y})|\s+năm\s+(?P<y1b>{Y}))?"
                        rf"\s*{CONNECT}\s*(?:tháng\s*|(?-i:T))?(?P<m2>{M})(?:\s*[/-]\s*|\s+năm\s+)(?P<y2>{Y}){RB}"),
        ("days_list", rf"(?<!\w)(?:ngày|mồng|mùng)\s+(?P<d1>{D})\s*(?:và|,)\s*(?P<d2>{D})(?P<s>[/-])(?P<m>{M})(?P=s)(?P<y>{Y}){RB}"),
        ("day", rf"{LB}(?P<d>{D})(?P<s>[/.-])(?P<m>{M})(?P=s)(?P<y>{Y}){RB}"),
        ("day", rf"{LB}(?P<d>{D})[/-](?P<m>{M})\s+năm\s+(?P<y>{Y}){RB}"),
        ("day", rf"(?:(?:ngày|mồng|mùng)\s+)?{LB}(?<!tháng\s)(?P<d>{D})\s+tháng\s+(?P<m>{M}|{month_word})\s*(?:,|năm)?\s*(?P<y>{Y}){RB}"),
        ("first_months", rf"(?<!\w)(?P<n>{num})\s+tháng\s+(?P<w>đầu|cuối)\s+năm(?:\s+(?P<y>{Y}){RB})?"),
        ("first_months", rf"(?<!\w)(?P<n>{num})\s+tháng\s+(?:của\s+)?năm\s+(?P<y>{Y}){RB}"),
        ("half", rf"(?<!\w)nửa\s+(?P<w>đầu|cuối)\s+năm(?:\s+(?P<y>{Y}){RB})?"),
        ("quarter", rf"(?<!\w)quý\s+(?P<q>{num})(?:\s*[/-]\s*(?P<y>{Y})|\s+(?:của\s+)?năm\s+(?P<y2>{Y}))?(?!\w)"),
        ("ten_days", rf"(?<!\w)(?P<part>{wordlists.alternation('date_ten_days.tsv')})\s+tuần\s+tháng\s+(?P<m>{M}|{month_word})"
                     rf"(?:\s*[/-]\s*(?P<y>{Y})|\s*,?\s+năm\s+(?P<y2>{Y}))?(?![\w/]|[.,-]\d)"),
        ("month", rf"{LB}{mon_start}(?P<m>{M})\s*[/.-]\s*(?P<y>{Y}){RB}"),
        ("month", rf"(?<!\w)tháng\s+(?P<m>{M}|{month_word})\s*,?\s+năm\s+(?P<y>{Y}){RB}"),
        ("undated_day_range", rf"(?<!\w)(?P<cue>từ|ngày)\s+(?:ngày\s+)?{LB}(?P<d1>{D})(?P<s1>[/-])(?P<m1>{M})"
                              rf"\s*(?P<conn>{CONNECT})\s*(?:ngày\s+)?(?P<d2>{D})(?P=s1)(?P<m2>{M})(?![\w]|[/.,:-]\d)"),
        ("undated_days_range", rf"(?<!\w)(?P<cue>từ|ngày)\s+(?:ngày\s+)?{LB}(?P<d1>{D})\s*{CONNECT}\s*(?:ngày\s+)?"
                               rf"(?P<d2>{D})(?P<s>[/-])(?P<m>{M})(?![\w]|[/.,:-]\d)"),
        ("undated_days_list", rf"(?<!\w)(?P<cue>{wordlists.alternation('date_cues.txt')})\s+\(?(?:(?:ngày|mồng|mùng)\s+)?{LB}"
                              rf"(?P<d1>{D})\s*(?:và|,)\s*(?P<d2>{D})(?P<s>[/-])(?P<m>{M})(?![\w]|[/.,:-]\d)"),
        ("lunar_span", rf"(?:từ\s+)?(?:ngày\s+)?(?P<a>{LUNAR_DAY})\s*{CONNECT}\s*(?:hết\s+)?(?:ngày\s+)?(?P<b>{LUNAR_DAY})"
                       rf"(?!\w){no_year}"),
        ("tet_day", r"(?<!\w)(?:mồng|mùng)\s+(?P<d>0?[1-9]|10)\s+Tết(?!\w)"),
        ("lunar_day", rf"(?<!\w)(?:(?:ngày|mồng|mùng)\s+)?(?P<a>{LUNAR_DAY})(?!\w){no_year}"),
        ("undated_day", rf"(?<!\w)(?P<cue>{wordlists.alternation('date_cues.txt')})\s+\(?(?:(?:ngày|mồng|mùng)\s+)?{LB}"
                        rf"(?P<d>{D})(?P<s>[/.-])(?P<m>{M})(?:\s*(?:và|,)\s*(?:ngày\s+)?(?P<d2>{D})(?P=s)(?P<m2>{M}))?"
                        rf"(?![\w]|[/.,:-]\d)"),
        ("undated_day", rf"(?<!\w)(?:ngày|mồng|mùng)\s+(?P<d>{D})\s+tháng\s+(?P<m>{M})(?![\w/]|[.,-]\d)"),
        ("bare_month", rf"(?<!\d\s)(?<!\w)tháng\s+(?P<m>{M})(?![\w/]|[.,]\d|\s*{CONNECT}\s*\d)"),
    ]
    return [(kind, re.compile(rx, FLAGS)) for kind, rx in specs]


@functools.cache
def _after_patterns():
    words = wordlists.alternation("date_recurring.txt")
    recurring = re.compile(rf"^[^.;\n]{{0,30}}?(?<!\w)(?:{words})(?!\w)", FLAGS)
    recurring_before = re.compile(rf"(?<!\w)(?:{words})(?!\w)[^.;\n]{{0,40}}$", FLAGS)
    relative = re.compile(rf"^\s*,?\s*(?P<rel>{wordlists.alternation('date_relative_years.tsv')})(?!\w)", FLAGS)
    units = "|".join(filter(None, (wordlists.alternation("date_range_units.txt"), wordlists.alternation("figure_scales.tsv"),
                                   wordlists.alternation("figure_units.tsv"))))
    range_unit = re.compile(rf"^\s*(?:{units})(?!\w)", FLAGS)
    follower = re.compile(rf"^(?:\s*(?:[^\w\s]|$)|\s+(?:{wordlists.alternation('date_followers.txt')})(?!\w)|\s+[^\W\d_]*[A-ZĐ])")
    lunar = re.compile(rf"^\s*\(?(?:{wordlists.alternation('date_lunar.txt')})(?!\w)", FLAGS)
    weak = re.compile(rf"(?:{wordlists.alternation('date_weak_cues.txt')})", FLAGS)
    return {"recurring": recurring, "recurring_before": recurring_before, "relative": relative,
            "range_unit": range_unit, "follower": follower, "weak_cue": weak, "lunar": lunar}


@functools.cache
def _coming():
    """Right after a month, words saying it is still to come (data/date_coming_cues.txt)."""
    return re.compile(rf"\s*(?:{wordlists.alternation('date_coming_cues.txt')})(?!\w)", FLAGS)


@functools.cache
def _horizon():
    return re.compile(rf"(?<!\w)(?:{wordlists.alternation('date_horizon_cues.txt')})\s*$", FLAGS)


_YEAR = re.compile(rf"(?<![\w.,/])({Y})(?![\w]|[.,]\d|/)")
_LISTED_YEAR = re.compile(r"\s*(?:,|và|hoặc|-|–)?\s*(?:năm\s*)?", FLAGS)


def _iso(d):
    return d.isoformat()


def _date(y, m, d):
    try:
        return dt.date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def _month_end(y, m):
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _month_number(token):
    token = token.casefold()
    return int(token) if token.isdigit() else _month_words().get(token)


def _small_number(token):
    return int(token) if token.isdigit() else _number_words().get(token.casefold())


class _Context:
    """What decides the year of a day written without one. Without a publication
    date, reference, a day the page is known to have existed, stands in for it
    (and what it dates is marked inferred): a close one (the upload day of the
    page's own images, days from its publication) always; a capture date (which
    may come years later) only when the page names no year, or only the
    reference's year or the one before."""

    def __init__(self, text, published, title, reference=None, close=False):
        self.text = text
        self.published = parse_published(published)
        self.reference = parse_published(reference)
        self.close = close
        self.anchors = []  # (offset, year, date or None)
        self.cited = []  # (offset, date) of cited documents ("Quyết định số …, ngày 25/1/2017")
        horizon = _horizon()
        last_horizon = None  # end of the last target year: "đến năm 2020 và năm 2025" names two
        for m in _YEAR.finditer(text):
            if horizon.search(text, max(0, m.start() - 30), m.start()) or (
                    last_horizon is not None and _LISTED_YEAR.fullmatch(text, last_horizon, m.start())):
                last_horizon = m.end()
                continue
            self.anchors.append((m.start(), int(m.group(1)), None))
        for m in _YEAR.finditer(title or ""):
            self.anchors.append((-1, int(m.group(1)), None))

    def add_anchor(self, offset, day):
        self.anchors.append((offset, day.year, day))

    def _recent(self):
        """Mentions of the article's own time, near its most named or its latest
        year: a historical day ("6/1/1946") is no anchor."""
        counts = Counter(y for _, y, _ in self.anchors)
        if not counts:
            return []
        common, latest = max(counts, key=lambda y: (counts[y], y)), max(counts)
        return [a for a in self.anchors if min(abs(a[1] - common), abs(a[1] - latest)) <= RECENT_YEARS]

    def _nearest(self, offset):
        """The closest anchor in the same or a neighbouring paragraph, or the title."""
        best, best_cost = None, None
        for pos, year, day in self._recent():
            lo, hi = sorted((max(pos, 0), offset))
            breaks = self.text.count("\n", lo, hi)
            if breaks > MAX_PARAGRAPHS_AWAY:
                continue
            cost = (hi - lo) + PARAGRAPH_COST * breaks + (TITLE_COST if pos < 0 else 0)
            if day is not None:
                cost -= 1  # a full date is the better anchor at equal distance
            if best_cost is None or cost < best_cost:
                best, best_cost = (year, day), cost
        return best

    @functools.cached_property
    def tet_year(self):
        """The year of the Tết the article is written around, when it names one Tết
        by its name in the sexagenary cycle and its year, the two agreeing ("Tết
        Nguyên đán Đinh Dậu – 2017", "Xuân Đinh Dậu 2017"; a bare "Tết năm 2016" is
        more often last year's, compared with), else None. A day without a year within a month of that Tết is
        then in that year, whatever bare year is named closer: a piece written at Tết
        looks back on the year before ("năm 2016 đạt …") more than it names its own.
        A day further from it is left to the nearest year (a March arrest told in a
        Tết story may be last year's).
        A Tết named by its name in the cycle alone ("xuân Đinh Dậu") is the year of that
        name (one in sixty) nearest the years the article names, within RECENT_YEARS of
        one and no later than the year after the latest: "Đinh Dậu" with "năm 2016"
        named is 2017; with no year named at all it is not decided."""
        folded = _folded(self.text)
        found = list(_tet_year_pattern().finditer(self.text)) if "tết" in folded or "xuân" in folded else []
        years = {int(m.group("y")) for m in found if m.group("y") and _named_right(m)}
        if years:
            return years.pop() if len(years) == 1 else None
        names = {_cycle_key(m) for m in found if not m.group("y")}  # a pair no year has names none
        named = {y for _, y, _ in self.anchors}
        if len(names) != 1 or not named:
            return None
        stem, branch = names.pop()
        fits = [y for y in range(min(named) - RECENT_YEARS, max(named) + 2)
                if STEMS[y % 10] == stem and BRANCHES[y % 12] == branch
                and min(abs(y - n) for n in named) <= RECENT_YEARS]
        return fits[0] if len(fits) == 1 else None

    def tet(self, offset):
        """The first day of the Tết meant at offset (data/date_tet.tsv): the one nearest
        the publication (or reference) date, else that of the Tết the article names
        with its year, else the one nearest a day named with its year close by; None
        when unknown (a bare year nearby is often the last one, looked back on)."""
        tets = _tet_days()
        ref = self.published or (self.reference if self.inferred() else None)
        if ref is None:
            if self.tet_year:
                return tets.get(self.tet_year)
            near = self._nearest(offset)
            if near is None or near[1] is None:
                return None
            ref = near[1]
        best = min((tets[y] for y in (ref.year - 1, ref.year, ref.year + 1) if y in tets),
                   key=lambda d: abs((d - ref).days), default=None)
        return best if best and abs((best - ref).days) <= PAST_WINDOW else None

    def now(self):
        """The article's own time: its publication (or reference) date, else the end of
        the latest year it names among its own (see _recent); None when unknown."""
        if self.published:
            return self.published
        if self.inferred():
            return self.reference
        years = [y for _, y, _ in self._recent()]
        return dt.date(max(years), 12, 31) if years else None

    def inferred(self):
        """Whether years come from the reference date."""
        if self.published or self.reference is None:
            return False
        years = {y for _, y, _ in self.anchors}
        return self.close or not years or years <= {self.reference.year, self.reference.year - 1}

    def base_year(self, offset):
        """The year an undated month or period most likely belongs to."""
        if self.published:
            return self.published.year
        if self.inferred():
            return self.reference.year
        near = self._nearest(offset)
        return near[0] if near else None

    def month_year(self, offset, month, end):
        """The year of a month written without one: base_year's, or the next year's for a
        month announced as coming ("tháng 2 tới" in December) before the known day."""
        year = self.base_year(offset)
        known = self.published or (self.reference if self.inferred() else None)
        if year is not None and known and month < known.month and _coming().match(self.text, end):
            return year + 1
        return year

    def day_year(self, offset, month, day, relative=None):
        """The year of "day/month" at offset, or None when it cannot be decided."""
        if relative is not None:
            base = self.base_year(offset)
            return None if base is None else base + relative
        if self.published or self.inferred():
            return _year_near(self.published or self.reference, month, day, PAST_WINDOW, FUTURE_WINDOW)
        near = self._nearest(offset)
        if near is not None and near[1] is not None:
            return _year_near(near[1], month, day, 366, 366)
        if self.tet_year and self.tet_year in _tet_days():
            when = _date(self.tet_year, month, day)
            if when and abs((when - _tet_days()[self.tet_year]).days) <= TET_SEASON_DAYS:
                return self.tet_year
        if near is None and not self.anchors:
            return self._after_cited(offset, month, day)
        return near[0] if near else None

    def _after_cited(self, offset, month, day):
        """When the article names no year but in the dates of documents it cites, the
        year putting day/month within CITED_DAYS after the nearest such date in the same
        or the next paragraph ("Chiều 6/2, … lễ trao giấy chứng nhận" after "đã được
        chấp thuận tại văn bản số …, ngày 25/1/2017"): what the article reports follows
        what it cites. A day further on, or before it, is not decided."""
        near = [(abs(pos - offset), when) for pos, when in self.cited
                if self.text.count("\n", *sorted((pos, offset))) <= MAX_PARAGRAPHS_AWAY]
        if not near:
            return None
        cited = min(near, key=lambda pair: pair[0])[1]
        return next((y for y in (cited.year, cited.year + 1)
                     if (when := _date(y, month, day)) and 0 <= (when - cited).days <= CITED_DAYS), None)


def _year_near(ref, month, day, past, future):
    """The year putting day/month closest to ref (a day ahead counts 4 times as far:
    articles report what happened more than what will), inside the window."""
    best, best_cost = None, None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        cand = _date(year, month, day)
        if cand is None:
            continue
        delta = (cand - ref).days
        if delta > future or -delta > past:
            continue
        cost = delta * 4 if delta > 0 else -delta
        if best_cost is None or cost < best_cost:
            best, best_cost = year, cost
    return best


def parse_published(published):
    """A publication date given as ISO text (maybe with a time), dd/mm/yyyy, or a date."""
    if not published:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(published))
    if m:
        return _date(*m.groups())
    m = re.match(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", str(published))
    return _date(m.group(3), m.group(2), m.group(1)) if m else None


def _entry(text, start, end, granularity, offset):
    return {"text": text, "start": _iso(start), "end": _iso(end), "granularity": granularity, "offset": offset}


def _following_year(text, end):
    """An explicit year right after a period ("Quý II và 6 tháng đầu năm 2021")."""
    m = re.match(rf"[^.;\n]{{0,40}}?(?:năm\s+|/)({Y})(?!\d)", text[end:], FLAGS)
    return int(m.group(1)) if m else None


def _handle(kind, m, ctx):
    """Entries for one match ([] to drop it silently), or None if the match is not a date."""
    g = m.groupdict()
    text, off = m.group(0), m.start()
    if kind == "day_range":
        y2 = int(g["y2"])
        end = _date(y2, g["m2"], g["d2"])
        if g["y1"]:
            start = _date(g["y1"], g["m1"], g["d1"])
        else:
            start = _date(y2, g["m1"], g["d1"])
            if start and end and start > end:
                start = _date(y2 - 1, g["m1"], g["d1"])
        if not (start and end):
            return None
        ctx.add_anchor(off, start)
        ctx.add_anchor(off, end)
        same_day_of_year = (start.month, start.day) == (end.month, end.day)
        if start > end or (g["y1"] and not g["from"] and g["conn"].casefold() not in ("đến", "tới") and same_day_of_year):
            # "(6/1/1946-6/1/2021)": an anniversary names two days, not a span; the first is its origin
            second = m.start("d2")
            first = _entry(text[:second - off].rstrip(" -–—"), start, start, "day", off)
            if start < end:
                first["role"] = "history"
            return [first, _entry(text[second - off:], end, end, "day", second)]
        return [_entry(text, start, end, "range", off)]
    if kind == "days_range":
        start, end = _date(g["y"], g["m"], g["d1"]), _date(g["y"], g["m"], g["d2"])
        if not (start and end) or start >= end:
            return None
        ctx.add_anchor(off, end)
        return [_entry(text, start, end, "range", off)]
    if kind == "days_list":
        first, second = _date(g["y"], g["m"], g["d1"]), _date(g["y"], g["m"], g["d2"])
        if not (first and second):
            return None
        ctx.add_anchor(off, second)
        return [_entry(g["d1"], first, first, "day", m.start("d1")),
                _entry(text[m.start("d2") - off:], second, second, "day", m.start("d2"))]
    if kind == "undated_days_list":
        month = int(g["m"])
        year = ctx.day_year(off, month, int(g["d2"]))
        first, second = (_date(year, month, g["d1"]), _date(year, month, g["d2"])) if year else (None, None)
        if not (first and second):
            return []
        return [_entry(g["d1"], first, first, "day", m.start("d1")),
                _entry(text[m.start("d2") - off:], second, second, "day", m.start("d2"))]
    if kind in ("undated_day_range", "undated_days_range"):
        m1 = int(g.get("m1") or g["m"])
        m2 = int(g.get("m2") or g["m"])
        rest = ctx.text[m.end():m.end() + 60]
        if _after_patterns()["range_unit"].match(rest):
            return None  # "từ 3-5 triệu đồng" is a range of numbers
        year = ctx.day_year(off, m2, int(g["d2"]))
        if year is None:
            return []
        end = _date(year, m2, g["d2"])
        start = _date(year if (m1, int(g["d1"])) <= (m2, int(g["d2"])) else year - 1, m1, g["d1"])
        if not (start and end) or start >= end:
            return None if kind == "undated_days_range" else []
        return [_entry(text, start, end, "range", off)]
    if kind == "month_range":
        y2, m1, m2 = int(g["y2"]), int(g["m1"]), int(g["m2"])
        y1 = int(g["y1"] or g["y1b"] or (y2 if m1 <= m2 else y2 - 1))
        start, end = dt.date(y1, m1, 1), _month_end(y2, m2)
        if start > end:
            return None
        return [_entry(text, start, end, "months", off)]
    if kind == "day":
        month = _month_number(g["m"])
        day = _date(g["y"], month, g["d"]) if month else None
        if not day:
            return None
        if not DOCUMENT_DATE.search(ctx.text, max(0, off - 40), off):
            ctx.add_anchor(off, day)  # a cited document's date says nothing of the article's time
        else:
            ctx.cited.append((off, day))  # … except that the article comes after it
        if _CLOCK_BEFORE.search(ctx.text, max(0, off - 12), off) or _CLOCK_AFTER.match(ctx.text, m.end()):
            return []  # "09/02/2024 22:11", "23:02 , 06/03/2026": a page's time stamp
        return [_entry(text, day, day, "day", off)]
    if kind in ("first_months", "half"):
        n = 6 if kind == "half" else _small_number(g["n"])
        if not n or not 1 <= n <= 11:
            return None
        year = int(g["y"]) if g.get("y") else ctx.base_year(off)
        if year is None:
            return []
        if g.get("w") and g["w"].casefold() == "cuối":
            start, end = dt.date(year, 13 - n, 1), dt.date(year, 12, 31)
        else:
            start, end = dt.date(year, 1, 1), _month_end(year, n)
        return [_entry(text, start, end, "half" if n == 6 else "months", off)]
    if kind == "quarter":
        q = _small_number(g["q"])
        if not q or not 1 <= q <= 4:
            return None
        year = g["y"] or g["y2"] or _following_year(ctx.text, m.end()) or ctx.base_year(off)
        if year is None:
            return []
        year = int(year)
        return [_entry(text, dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter", off)]
    if kind == "month":
        month = _month_number(g["m"])
        if not month:
            return None
        year = int(g["y"])
        return [_entry(text, dt.date(year, month, 1), _month_end(year, month), "month", off)]
    if kind == "undated_day":
        after = _after_patterns()
        rest = ctx.text[m.end():m.end() + 60]
        if (after["recurring"].match(rest) or after["recurring_before"].search(ctx.text, max(0, off - 60), off)
                or after["lunar"].match(rest)):
            return []  # "31/3 hằng năm", "hằng năm trước ngày 31/3", "10/3 âm lịch": not one civil day
        rel = after["relative"].match(rest)
        if not rel and after["range_unit"].match(rest) or _FRACTION_BEFORE.search(ctx.text, max(0, off - 12), off):
            return None  # "từ 3-5 triệu đồng", "7-10 ngày", "1/2 đến 1/3": numbers, not days
        if (not rel and g.get("cue") and after["weak_cue"].fullmatch(g["cue"])
                and not after["follower"].match(rest) and not re.match(r"\s*(?:ngày|mồng|mùng)\s", text[len(g["cue"]):])):
            return None  # "chiếm đến 1/3 trên tổng": a fraction
        shift = _relative_years()[rel.group("rel").casefold()] if rel else None
        out = []
        for d, mo in (("d", "m"), ("d2", "m2")) if g.get("d2") else (("d", "m"),):
            month, day = int(g[mo]), int(g[d])
            year = ctx.day_year(off, month, day, shift)
            if shift is None:
                year = _weekday_year(ctx, m.start(d), month, day, year)
            when = _date(year, month, day) if year else None
            if when:  # "Ngày 19.9 và 28.9": two days
                start = m.start(d)
                out.append(_entry(ctx.text[start:m.end(mo)], when, when, "day", start))
        return out
    if kind in ("lunar_span", "lunar_day"):
        if _COUNTED_TET.match(g["a"]) and not _LUNAR_CUE.search(ctx.text, max(0, m.start("a") - 16), m.start("a")):
            return None  # "đã xa nhà 25 Tết": Tết counted, not a day of tháng Chạp ("chiều 30 Tết")
        first = _lunar_date(ctx, off, g["a"])
        if kind == "lunar_day":
            after = _after_patterns()
            if first is None or _SPAN_END.search(ctx.text, max(0, off - 16), off) \
                    or after["recurring"].match(ctx.text[m.end():m.end() + 60]) \
                    or after["recurring_before"].search(ctx.text, max(0, off - 60), off):
                return []  # the end of a span ("từ ngày 27 đến hết 30 Tết"), or every year's day
            return [_entry(text, first, first, "day", off)]
        last = _lunar_date(ctx, off, g["b"])
        if not (first and last) or first >= last:
            return []
        return [_entry(text, first, last, "range", off)]
    if kind == "tet_day":
        if _SPAN_END.search(ctx.text, max(0, off - 16), off):
            return []  # "từ 29 tháng Chạp đến mùng 5 Tết": the end of a span, not a day of its own
        first = ctx.tet(off)
        if first is None:
            return []
        when = first + dt.timedelta(days=int(g["d"]) - 1)
        return [_entry(text, when, when, "day", off)]
    if kind == "ten_days":
        month = _month_number(g["m"])
        first, last = _ten_days()[g["part"].casefold()]
        year = int(g["y"] or g["y2"] or 0) or (ctx.month_year(off, month, m.end()) if month else None)
        if not month or year is None:
            return [] if month else None
        end = _month_end(year, month) if last == 0 else dt.date(year, month, last)
        return [_entry(text, dt.date(year, month, first), end, "ten_days", off)]
    if kind == "bare_month":
        month = int(g["m"])
        year = ctx.month_year(off, month, m.end())
        if year is None:
            return []
        return [_entry(text, dt.date(year, month, 1), _month_end(year, month), "month", off)]
    raise ValueError(kind)


# "30 Tết" names a day of tháng Chạp only after a word that introduces a day ("chiều 30
# Tết", "từ 28 Tết"): "25 Tết xa nhà" counts the Tết spent away.
_COUNTED_TET = re.compile(r"\d+\s+Tết", re.IGNORECASE)
_LUNAR_CUE = re.compile(r"(?<!\w)(?:ngày|sáng|chiều|tối|trưa|đêm|khuya|hôm|từ|đến|tới|hết|vào|tức|nhằm)\s*\(?\s*$",
                        re.IGNORECASE)
# Before a day, these make it the end of a span ("đến hết mùng 5 Tết").
_SPAN_END = re.compile(rf"(?:{CONNECT})\s*(?:hết\s+)?(?:ngày\s+)?$", FLAGS)


@functools.cache
def _tet_year_pattern():
    """"Tết" or "Xuân", maybe "Nguyên đán" and the year's name of the sexagenary cycle
    (data/date_tet_names.txt), then maybe its year ("Tết Nguyên đán Đinh Dậu 2017",
    "đầu xuân Đinh Dậu"). One pattern for both: it runs over the whole text."""
    names = wordlists.alternation("date_tet_names.txt")
    return re.compile(rf"(?<!\w)(?:Tết|Xuân)(?:\s+Nguyên\s+đán)?\s+(?P<stem>{names})\s+(?P<branch>{names})(?!\w)"
                      rf"(?:\s*[-–,]?\s*(?:năm\s+)?(?P<y>{Y})(?!\d))?", FLAGS)


STEMS = ("canh", "tân", "nhâm", "quý", "giáp", "ất", "bính", "đinh", "mậu", "kỷ")  # year % 10 = 0 ... 9
BRANCHES = ("thân", "dậu", "tuất", "hợi", "tý", "sửu", "dần", "mão", "thìn", "tỵ", "ngọ", "mùi")  # year % 12


def _cycle_key(m):
    """(stem, branch) of a year's name in the cycle, in the spelling of STEMS and BRANCHES."""
    branch = m.group("branch").casefold()
    return m.group("stem").casefold(), {"mẹo": "mão", "tị": "tỵ"}.get(branch, branch)


def _named_right(m):
    """Whether the year's name in the cycle is the year written ("Đinh Dậu 2017")."""
    y = int(m.group("y"))
    return _cycle_key(m) == (STEMS[y % 10], BRANCHES[y % 12])


@functools.cache
def _lunar_months():
    """Year -> (the civil date of its mùng 1 Tết, that of mùng 1 tháng Chạp, the month
    before that Tết), from one reading of date_tet.tsv."""
    return {int(row[0]): (dt.date.fromisoformat(row[1]), dt.date.fromisoformat(row[2]))
            for row in wordlists.rows("date_tet.tsv")}


@functools.cache
def _tet_days():
    """Year -> the civil date of its mùng 1 Tết."""
    return {year: tet for year, (tet, _) in _lunar_months().items()}


def _lunar_date(ctx, offset, words):
    """The civil date of a day of the lunar calendar around the Tết meant at offset
    (_Context.tet): a day of tháng Giêng ("mùng 5 Tết", "mùng 6 tháng Giêng", "rằm
    tháng Giêng") counts from its first day, a day of tháng Chạp ("29 tháng Chạp", "30
    Tết") from the first day of the month before it; None when that Tết is not known
    or the month has no such day (a 30th in a month of 29 days)."""
    parts = _LUNAR_PARTS.fullmatch(words)
    tet = ctx.tet(offset) if parts else None
    if tet is None:
        return None
    n = 15 if parts["d"].casefold() == "rằm" else int(parts["d"])
    before = parts["month"].casefold() == "chạp" or (parts["month"].casefold() == "tết" and n > 10)
    if not before:
        return tet + dt.timedelta(days=n - 1) if 1 <= n <= 29 else None
    chap = _lunar_months().get(tet.year, (None, None))[1]
    when = chap + dt.timedelta(days=n - 1) if chap and n >= 1 else None
    return when if when and when < tet else None


@functools.cache
def _weekdays():
    return {w.casefold(): int(n) for w, n in wordlists.rows("date_weekdays.tsv")}


@functools.cache
def _weekday_before():
    """A weekday right before a day ("thứ Năm (2/2)", "Chủ nhật, ngày 5/2"), itself at the
    start of a phrase or after a time-of-day word ("sáng thứ Năm"): "lần thứ 5 ngày 6/2"
    is an ordinal."""
    opener = r"(?:^|[^\w\s]\s*|(?<!\w)(?:sáng|chiều|tối|trưa|đêm|khuya|hôm|vào|ngày|từ|đến|tới|nay|qua)\s+)"
    return re.compile(rf"{opener}(?P<w>{wordlists.alternation('date_weekdays.tsv')})\s*[,(]?\s*(?:ngày\s+)?\(?\s*$",
                      FLAGS | re.MULTILINE)


def _weekday_year(ctx, at, month, day, year):
    """The year of day/month at offset `at` once a weekday written before it is heard:
    the year found otherwise if the weekday agrees, else (that year taken from the
    article's own years, not from its publication or reference date, which a weekday
    does not move) the one year agreeing within a year of it, or, none found, within a
    year of the years the article names (see _Context._recent); None when no single
    year agrees. Without a weekday, the year found otherwise."""
    m = _weekday_before().search(ctx.text, max(0, at - 20), at)
    if m is None:
        return year
    weekday = _weekdays()[re.sub(r"\s+", " ", m["w"]).casefold()]
    if year is not None and (ctx.published or ctx.inferred()):
        when = _date(year, month, day)
        return year if when and when.weekday() == weekday else None
    if year is not None:
        near = {year - 1, year, year + 1}
    else:
        near = {y + k for _, y, _ in ctx._recent() for k in (-1, 0, 1)}
    fits = {y for y in near if (when := _date(y, month, day)) and when.weekday() == weekday}
    if year in fits:
        return year
    return fits.pop() if len(fits) == 1 else None


# A clock time next to a date makes it a page's time stamp (publication, listing),
# which the cleaner reads as metadata; it is not a date the article speaks of.
_CLOCK_BEFORE = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?\s*[,|-]?\s*$", re.IGNORECASE)
_CLOCK_AFTER = re.compile(r"\s*[,|-]?\s*\d{1,2}:\d{2}(?!\d)")
# "Nghị định số 357/2025/NĐ-CP ngày 31/12/2025", "Chỉ thị số 01/CT-TTg ngày 9-1-2015".
DOCUMENT_DATE = re.compile(r"(?:\d+/(?:\d{4}/)?[^\W\d_][\w-]*|\bsố\s+\S+)\s+(?:ban hành\s+)?ngày\s*$", re.IGNORECASE)
_FRACTION_BEFORE = re.compile(r"\d/\d+\s*$")
_TRIGGER = re.compile(r"\d+|quý|nửa|tháng", re.IGNORECASE)
WINDOW = 48  # longer than any date expression around its digits or keyword
# The words (casefolded) one of which a form needs: most texts name no Tết, and these
# patterns, which may start anywhere, are then not run at all.
_LUNAR_WORDS = ("tết", "chạp", "giêng")
_KEYWORDS = {"lunar_span": _LUNAR_WORDS, "lunar_day": _LUNAR_WORDS, "tet_day": _LUNAR_WORDS, "ten_days": ("tuần",)}


@functools.lru_cache(maxsize=8)
def _folded(text):
    return text.casefold()


def _regions(text):
    """Merged windows around digits and period words: the patterns only run there,
    which keeps the scan fast on long prose with few dates."""
    regions = []
    for m in _TRIGGER.finditer(text):
        a, b = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
        if regions and a <= regions[-1][1]:
            regions[-1][1] = b
        else:
            regions.append([a, b])
    return regions


@functools.lru_cache(maxsize=8)
def _matches(text):
    """The date expressions of text, in pattern priority order, and their spans.

    Whether a match is a date does not depend on the publication date, so this is
    computed once per text (cached) and shared by extract_dates and the figure
    extractor, which must skip dates."""
    probe = _Context(text, None, None)
    taken = bytearray(len(text) + 1)
    accepted, spans = [], []
    regions = _regions(text)
    folded = _folded(text)
    absent = {kind for kind, words in _KEYWORDS.items() if not any(w in folded for w in words)}
    for kind, rx in _patterns():
        if kind in absent:
            continue
        for m in (m for a, b in regions for m in rx.finditer(text, a, b)):
            if any(taken[m.start():m.end()]) or _handle(kind, m, probe) is None:
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            accepted.append((kind, m))
            spans.append((m.start(), m.end()))
    return tuple(accepted), tuple(spans)


def date_spans(text):
    """(start, end) of all text read as a date, including days left out of the list
    (recurring ones, or of unknown year)."""
    return list(_matches(text or "")[1])


def scan_dates(text, published=None, title=None, reference=None, close=False):
    """Every date entry in reading order (the same span possibly more than once)."""
    text = text or ""
    ctx = _Context(text, published, title, reference, close)
    found, found_kinds = [], []
    for kind, m in _matches(text)[0]:
        entries = _handle(kind, m, ctx) or []
        found.extend(entries)
        found_kinds.extend([(kind, m)] * len(entries))
    if ctx.inferred():  # the years of days written without one came from the reference
        for entry, (kind, _) in zip(found, found_kinds):
            if kind.startswith("undated") or kind in _YEARLESS:
                entry["inferred"] = True
    _mark_history(text, found, ctx)
    found.sort(key=lambda e: e["offset"])
    return found


@functools.cache
def _history_cue():
    return re.compile(rf"(?<!\w)(?:{wordlists.alternation('date_history_cues.txt')})(?!\w)[^\d.;\n]{{0,25}}$", FLAGS)


def _mark_history(text, entries, ctx):
    """Give "role": "history" to the dates that are history told in the article, not its
    own time: after a founding or birth word (data/date_history_cues.txt; the date's
    year written: "kỷ niệm ngày thành lập 22/12" is this year's celebration), or ending
    more than RECENT_YEARS years before the article's time ("Ngày 23-1-1955, …" in a
    2025 piece on an institute's 70 years). Their place and span are kept."""
    now = ctx.now()
    for e in entries:
        cued = re.search(Y, e["text"]) and _history_cue().search(text, max(0, e["offset"] - 60), e["offset"])
        if cued or (now and dt.date.fromisoformat(e["end"]).year < now.year - RECENT_YEARS):
            e["role"] = "history"


# Forms that may be written without a year (and then take it from the context)
_YEARLESS = ("bare_month", "first_months", "half", "quarter", "ten_days", "tet_day", "lunar_span", "lunar_day")


def extract_dates(text, published=None, title=None, reference=None, close=False):
    """Days, ranges and periods named in text, in reading order.

    Each is {"text", "start", "end", "granularity", "offset"} with ISO dates, and
    "role": "history" when it is history told in the article (a founding, a birth, an
    anniversary's origin, a day years before the article's time: see _mark_history);
    the same span named twice is listed once (first mention). `published` (ISO string
    or date) decides the year of days written without one; `title` adds context.
    Without it `reference` may (see _Context; close: it is the upload day of the
    page's images, not a capture date), and the entries it dated carry
    "inferred": True.
    """
    seen, out = set(), []
    for e in scan_dates(text, published, title, reference, close):
        key = (e["start"], e["end"])
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out

"""The event an article reports: its type, its date and its place.

The title and the lead's first sentence say what happened ("Hội nghị tổng kết",
"phát động", "bàn giao", "trao thưởng", "kiểm tra"); trigger phrases with weights
from a data file vote, and the title counts twice. An article with no event
phrase is a report. The date is the dateline of the lead ("Sáng 28/12", "Ngày
15-1"): a day found there by the date extractor; a report's lead usually has none,
and the day it may name when its reporter interviewed someone ("vào mùng 6 Tết,
Trung tá … cho biết: “…”") is no day it reports on. Nor is the day a law's rule took
effect ("theo quy định của Luật …, từ ngày 1/1/2016").
"""
import functools
import re

from ingest.language import names, wordlists
from ingest.extract.dates import DOCUMENT_DATE, parse_published

TYPES = ("conference", "campaign_launch", "handover", "award", "report", "other")
TITLE_WEIGHT = 2
MIN_EVENT_SCORE = 2  # a lone weak phrase ("lễ", "kết quả") does not make an event
LEAD_MIN_WORDS = 6
EVENT_PAST_DAYS = 365
EVENT_FUTURE_DAYS = 1  # a reported event has happened by publication (time zones aside)
EVENT_ANNOUNCED_DAYS = 60  # unless the lead announces it ("ngày 18-1 tới")
FLAGS = re.IGNORECASE


@functools.cache
def _not_the_event():
    """Before a day in the lead, the phrases of the data file say it is not when the
    event happened (a rule's effective date, an occasion, a deadline); a cited
    document's date (dates.DOCUMENT_DATE) is not either."""
    cues = wordlists.alternation("event_date_exclusions.txt")
    return re.compile(rf"(?<!\w)(?:{cues})(?!\w)[^,.;()]{{0,12}}\s*$", FLAGS)


@functools.cache
def _under_a_provision():
    """Earlier in the day's sentence, a phrase of the data file says the sentence tells
    what a law or regulation provides: its days are when rules took effect."""
    cues = wordlists.alternation("event_date_clause_cues.txt")
    return re.compile(rf"(?<!\w)(?:{cues})(?!\w)[^.;!?\n]*$", FLAGS)


@functools.cache
def _gathering_cues():
    """(interview, witness) regexes of data/event_gathering_cues.tsv."""
    table = wordlists.rows("event_gathering_cues.tsv")
    return tuple(re.compile("|".join(f"(?:{rx})" for rx, kind in table if kind == wanted), FLAGS)
                 for wanted in ("interview", "witness"))


def _gathered(text, a, b):
    """Whether text[a:b], a report's sentence, tells of an interview its reporter held
    rather than of what the reporter saw (data/event_gathering_cues.tsv)."""
    interview, witness = _gathering_cues()
    return bool(interview.search(text, a, b)) and not witness.search(text, a, b)


@functools.cache
def _triggers():
    table = {}
    for phrase, kind, weight in wordlists.rows("event_triggers.tsv"):
        table[phrase.casefold()] = (kind, int(weight))
    alt = "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True))
    return table, re.compile(rf"(?<!\w)(?:{alt})(?!\w)", FLAGS)


@functools.cache
def _location_regexes():
    cues = wordlists.alternation("event_location_cues.txt")
    stops = wordlists.alternation("event_location_stops.txt")
    return (re.compile(rf"(?<!\w)(?:{cues})\s+", FLAGS),
            re.compile(rf"(?:{stops})(?!\w)", FLAGS),
            re.compile(r"(?<!\w)(?:tỉnh|thành phố)\s+", FLAGS))


def _capitalised(token):
    return token[:1].isupper()


def _lead_sentences(text, count=2):
    """(start, end) of the first sentence of the first `count` prose paragraphs.
    Bylines, labels and headings (short, or without a full stop) are skipped."""
    spans, pos = [], 0
    for para in (text or "").split("\n"):
        n_words = len(para.split())
        heading = para.isupper() or not (n_words >= 25 or re.search(r"[.!?…][\"”’)]*\s*$", para))
        if n_words >= LEAD_MIN_WORDS and not heading:
            end = len(para)
            for m in re.finditer(r"[.!?]\s+(\S)", para):
                if para[:m.start()].rsplit(None, 1)[-1:] in ([w] for w in _dotted()):
                    continue  # "tại TP. Pleiku": an abbreviation, not a sentence end
                if _capitalised(m.group(1)) or m.group(1) in "\"“(":
                    end = m.start() + 1
                    break
            spans.append((pos, pos + end))
            if len(spans) == count:
                break
        pos += len(para) + 1
    return spans


def lead_span(text):
    """(start, end) of the lead's first sentence: the first paragraph that is prose."""
    spans = _lead_sentences(text, 1)
    return spans[0] if spans else (0, 0)


@functools.cache
def _body_cues():
    table = {phrase.casefold(): (kind, int(weight)) for phrase, kind, weight in wordlists.rows("event_body_cues.tsv")}
    alt = "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True))
    return table, re.compile(rf"(?<!\w)(?:{alt})(?!\w)", FLAGS)


def _scores(title, lead, body=""):
    table, rx = _triggers()
    scores, first = dict.fromkeys(TYPES, 0), {}
    for source, weight in ((title or "", TITLE_WEIGHT), (lead, 1)):
        for m in rx.finditer(source):
            kind, w = table[m.group(0).casefold()]
            if kind in scores:
                scores[kind] += w * weight
                if weight == TITLE_WEIGHT:
                    first.setdefault(kind, m.start())
    cues, cue_rx = _body_cues()
    for phrase in {m.group(0).casefold() for m in cue_rx.finditer(body or "")}:
        kind, w = cues[phrase]  # each cue once: a long article repeats them
        scores[kind] += w
    return scores, first


def event_types(title, lead, body=""):
    """Every type the article is, the main one first, then the others scoring at least
    MIN_EVENT_SCORE, best first. The main one is the best-scoring type ("report" when
    nothing scores at least MIN_EVENT_SCORE); at equal scores the type named first in
    the title wins: the main event noun comes first ("Hội nghị tổng kết … và bàn giao
    …"). Phrases anywhere in the body (data/event_body_cues.tsv) add their weight once:
    a meeting someone "chủ trì" with a "kết luận hội nghị" is a conference whatever its
    title says. A conference that hands over the cluster's leadership ("Hội nghị tổng
    kết … và bàn giao chức vụ Cụm trưởng") is ["conference", "handover"]. "report" is only ever alone: it says no event scored,
    and the periods a meeting reviews ("6 tháng đầu năm") do not make it one."""
    scores, first = _scores(title, lead, body)
    ranked = sorted(TYPES, key=lambda k: (scores[k], -first.get(k, 10 ** 6), k == "report"), reverse=True)
    if scores[ranked[0]] < MIN_EVENT_SCORE or ranked[0] == "report":
        return ["report"]
    return [k for k in ranked if scores[k] >= MIN_EVENT_SCORE and k != "report"]


def event_location(lead):
    """The place after "tại …" (or a visit's object) in the lead, else its province."""
    cue_rx, stop_rx, province_rx = _location_regexes()
    for cue in cue_rx.finditer(lead):
        place = _place_at(lead, cue.end(), stop_rx, skip=6)
        if place:
            return place
    for m in province_rx.finditer(lead):
        place = _place_at(lead, m.end(), stop_rx, skip=0)
        if place:
            return place
    return None


def _place_at(text, pos, stop_rx, skip):
    """The capitalised name starting at pos, after at most `skip` lowercase words
    ("tại các cơ quan, đơn vị Bộ Tham mưu Quân khu 5" -> "Bộ Tham mưu Quân khu 5"):
    it ends at punctuation or at a word that starts a clause ("đã", "tổ chức"). An
    abbreviation's dot is no punctuation ("TP. Pleiku"), a province in brackets
    belongs to the place ("TP. Pleiku (Gia Lai)"), a name is never cut inside a
    word ("… quốc phòng"), and a document ("Quyết định số 33/QĐ-TTg") is no place."""
    tokens = re.findall(r"[^\s,.;:()“”\"]+|[,.;:()“”\"]", text[pos:pos + 300])
    while tokens and not _capitalised(tokens[0]):
        if skip <= 0 or (tokens[0] != "," and not tokens[0].isalpha()):
            return None
        skip -= tokens[0] != ","
        tokens.pop(0)
    words = []
    i = 0
    while i < len(tokens) and len(words) < MAX_PLACE_WORDS:
        tok = tokens[i]
        if tok == "." and words and words[-1] in _dotted() and i + 1 < len(tokens) and _capitalised(tokens[i + 1]):
            words[-1] += "."
            i += 1
            continue
        if tok == "(" and words and i + 2 < len(tokens) and _capitalised(tokens[i + 1]) and ")" in tokens[i + 2:i + 6]:
            close = tokens.index(")", i)
            words.append("(" + " ".join(tokens[i + 1:close]) + ")")
            break
        if not tok[:1].isalnum():
            break
        if not _capitalised(tok) and stop_rx.match(" ".join(tokens[i:i + 2])):
            break
        words.append(tok)
        i += 1
    while len(words) == MAX_PLACE_WORDS and i < len(tokens) and tokens[i][:1].isalpha() and not _capitalised(tokens[i]) \
            and (names.key(words[-1]), names.key(tokens[i])) in names.dictionary():
        words.append(tokens[i])  # "… Công nghiệp quốc" + "phòng"
        i += 1
    place = " ".join(words)
    if not place or _not_a_place().match(place):
        return None
    return place


MAX_PLACE_WORDS = 14


@functools.cache
def _dotted():
    """Abbreviations written with a dot before a name ("TP. Pleiku", "Q. 1")."""
    return frozenset(w.rstrip(".") for w in wordlists.words("event_place_abbreviations.txt"))


@functools.cache
def _not_a_place():
    """Documents and other capitalised words after "tại" that are no place."""
    return re.compile(rf"(?:{wordlists.alternation('event_not_places.txt')})(?!\w)", FLAGS)


def _near_publication(iso, pub, announced=False):
    """An event reported in the lead happened shortly before publication; a day years
    earlier is history told in the lead ("ngày 23-1-1955, …"), not the event. An
    announced one ("ngày 18-1 tới") may lie up to EVENT_ANNOUNCED_DAYS ahead."""
    if pub is None:
        return True
    days = (parse_published(iso) - pub).days
    return -EVENT_PAST_DAYS <= days <= (EVENT_ANNOUNCED_DAYS if announced else EVENT_FUTURE_DAYS)


@functools.cache
def _announced():
    """Words right after a day that say it is still to come (data/event_future_cues.txt)."""
    return re.compile(rf"\s*,?\s*(?:{wordlists.alternation('event_future_cues.txt')})(?!\w)", FLAGS)


def _day_end(text, d):
    return d["offset"] + len(d.get("text") or "")


# What the lead quotes someone saying ("cho biết: “… thăm hỏi, tặng quà …”") is not
# what happened: its words do not vote for the type.
_QUOTED = re.compile(r"“[^”]*(?:”|$)")


def _event_day(text, dates, a, b, pub, report=False):
    """The first day in text[a:b], a sentence, that can be the event's. A report's day
    is not one of a sentence telling of an interview (_gathered): the day a source
    spoke is no day the report is about."""
    if report and _gathered(text, a, b):
        return None
    return next((d for d in dates or ()
                 if d.get("granularity") == "day" and a <= d.get("offset", -1) < b and d.get("role") != "history"
                 and not _not_the_event().search(text, max(0, d["offset"] - 40), d["offset"])
                 and not DOCUMENT_DATE.search(text, max(0, d["offset"] - 40), d["offset"])
                 and not _under_a_provision().search(text, a, d["offset"])
                 and _near_publication(d["start"], pub, bool(_announced().match(text, _day_end(text, d))))), None)


DATELINE_CHARS = 80  # how far into the last paragraph's first sentence a dateline may stand
_DATELINE_CUE = re.compile(r"(?<!\w)(?:sáng|chiều|tối|trưa|đêm|ngày|hôm)\s+(?:ngày\s+)?$", re.IGNORECASE)


def _last_sentence(text):
    """(start, end) of the first sentence of the last prose paragraph: text dumps of
    news aggregators (baomoi) put the article's lead, with its dateline ("Sáng 6-2,
    tại …"), after the body. Only asked when the opening paragraphs name no day and
    the article is an event: a report's closing lines are no dateline."""
    text = text or ""
    start = text.rstrip().rfind("\n") + 1
    spans = _lead_sentences(text[start:], 1)
    return (start + spans[0][0], start + spans[0][1]) if spans else (0, 0)


def extract_event(title, text, dates, published=None):
    """{"type", "types", "date", "location"} of the article's event ("date_inferred"
    when its year came from the page's capture date); types lists every type it is,
    type the main one (see event_types). A date that is history (dates' "role") is
    never the event's. `dates` is the list from
    ingest.extract.dates.extract_dates over the same text (offsets into text);
    published may be that capture date when the page has none."""
    start, end = lead_span(text)
    lead = (text or "")[start:end]
    pub = parse_published(published)
    types = event_types(title, _QUOTED.sub(" ", lead), text)
    day = None
    for a, b in _lead_sentences(text):
        day = _event_day(text, dates, a, b, pub, report=types[0] == "report")
        if day:
            break
    if day is None and types[0] != "report":
        a, b = _last_sentence(text)
        day = _event_day(text, dates, a, min(b, a + DATELINE_CHARS), pub)
        if day and not _DATELINE_CUE.search(text, max(a, day["offset"] - 12), day["offset"]):
            day = None
    event = {"type": types[0], "types": types, "date": day and day["start"], "location": event_location(lead)}
    if day and day.get("inferred"):
        event["date_inferred"] = True
    return event

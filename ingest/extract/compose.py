"""Entity extraction over a clean record: the one place the extractors are composed.

Every extractor is a pure function of the text; this module runs them in the
order their inputs need (the event needs the dates), ties each figure to the
period and the organisation its sentence names (what `thidua stats` groups by;
none when the sentence names none).

A page far longer than any article (a whole book or a site dump saved as one
page, up to the 20 MB input limit) is read for entities in its first
EXTRACT_CHARS characters only, cut at a paragraph end, and a note says so: the
whole page would take minutes. The whole text is still stored and indexed, so
every word of it is searchable.
"""
import functools
import re
from bisect import bisect_left, bisect_right

from ingest.language import names, wordlists
from ingest.extract.dates import extract_dates
from ingest.extract.event import extract_event
from ingest.extract.figures import extract_figures, listed_unit
from ingest.extract.people import extract_people
from ingest.extract.units import extract_units

_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_FULL_STOP = re.compile(r"[.!?]\s|\n")
_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.IGNORECASE)
EXTRACT_CHARS = 200_000  # about ten times the longest real article
SENTENCE_CHARS = 2000  # a figure's sentence is looked for this far back, at most: no real sentence is longer


def warm_up():
    """Load the word lists once per process, before the first article."""
    names.warm_up()


def _sentence_starts(text):
    """Where each sentence begins (after its predecessor's end), found once per article:
    searching back from every figure would cost figures x text."""
    return [m.end() for m in _SENTENCE_END.finditer(text)]


def _sentence_start(starts, offset):
    """The start of the sentence holding offset, at most SENTENCE_CHARS before it."""
    i = bisect_right(starts, offset) - 1
    return max(starts[i] if i >= 0 else 0, offset - SENTENCE_CHARS, 0)


def _period(text, start, offset, dates):
    """The span a figure is about: the last period or day named earlier in its sentence,
    else "năm 2023" there, else None. dates is (offsets, entries), sorted by offset.
    Not the year of publication: a year-end report published in January would credit
    last year's results to the new year; a figure without a period of its own takes,
    where it is read (search.stats), the period its article reports on."""
    offsets, entries = dates
    i = bisect_left(offsets, offset) - 1
    if i >= 0 and offsets[i] >= start:
        return {"start": entries[i]["start"], "end": entries[i]["end"]}
    years = _YEAR.findall(text, start, offset)
    return {"start": f"{years[-1]}-01-01", "end": f"{years[-1]}-12-31"} if years else None


@functools.cache
def _collectives():
    """{phrase: (heads, bare)} and their regex (data/figure_collectives.tsv): "toàn Cụm",
    "cả Tổng cục"; a bare head ("Nhà máy") matches only as written."""
    rows = wordlists.rows("figure_collectives.tsv")
    table = {phrase.casefold(): (heads.split("|"), rest == ["bare"]) for phrase, heads, *rest in rows}
    alt = "|".join(re.escape(p) if not table[p.casefold()][1] else f"(?-i:{re.escape(p)})"
                   for p, *_ in sorted(rows, key=lambda r: -len(r[0])))
    return table, re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)


def _collectives_in(sentence):
    """(start, heads) of each collective phrase in sentence, in order. A bare head
    followed by a name or code ("Nhà máy Z175") is that unit's name, not a collective."""
    table, rx = _collectives()
    for m in rx.finditer(sentence):
        heads, bare = table[m.group(0).casefold()]
        following = sentence[m.end():].split(None, 1)[:1]
        if not (bare and following and (following[0][:1].isupper() or following[0][:1].isdigit())):
            yield m.start(), heads


def _collective(sentence):
    """The last collective phrase of sentence, as (start, heads), or None."""
    found = None
    for found in _collectives_in(sentence):
        pass
    return found


def _bracketed(sentence, pos):
    """Whether pos lies in brackets closed before the sentence's end: "Cụm thi đua (gồm các
    Nhà máy: Z143, Z175 …) đạt …" lists the members; none of them is the subject."""
    return sentence.rfind("(", 0, pos) > sentence.rfind(")", 0, pos) and sentence.find(")", pos) >= 0


def _last_mention(sentence, units):
    """(name, start, end) of the unit named last in sentence (outside closed brackets);
    of mentions ending at the same place the longer wins: "Thanh tra Tổng cục" holds
    "Tổng cục", and the inspectorate is meant."""
    lowered = sentence.casefold()
    best, key = None, (-1, 0)
    for unit in units:
        for mention in unit.get("mentions") or [unit["name"]]:
            folded = mention.casefold()
            pos = lowered.rfind(folded)
            while pos >= 0 and _bracketed(sentence, pos):
                pos = lowered.rfind(folded, 0, pos)
            if pos >= 0 and (pos + len(folded), len(folded)) > key:
                best, key = (unit["name"], pos, pos + len(folded)), (pos + len(folded), len(folded))
    return best


def _organisation(sentence, units, whole):
    """The organisation a figure's sentence (up to the figure) ties it to: the unit named
    last before it, or, when a collective phrase ("toàn Cụm", "các đơn vị trong Cụm")
    or a bare head ("Nhà máy đã khen thưởng …") comes after that name, the cluster,
    agency or factory the article is about (whole(heads)); None when the sentence
    names neither."""
    mention = _last_mention(sentence, units)
    collective = _collective(sentence)
    if collective and (mention is None or collective[0] >= mention[2]) and not _bracketed(sentence, collective[0]):
        return whole(collective[1])
    return mention and mention[0]


_OWNER = re.compile(r"[^;:.!?()\n]{0,60}?(?<!\w)của\s+", re.IGNORECASE)


def _owner_after(text, end, units, whole):
    """The organisation named as the owner right after a figure ("hơn 450 cán bộ, công
    nhân viên của Nhà máy", "9 tập thể và 24 cá nhân của Nhà máy"), close after it and
    before any clause break, or None."""
    m = _OWNER.match(text, end)
    if not m:
        return None
    head = text[m.end():m.end() + 200]
    folded = head.casefold()
    named = [(len(mention), unit["name"]) for unit in units for mention in unit.get("mentions") or [unit["name"]]
             if folded.startswith(mention.casefold())]
    if named:
        return max(named)[1]
    collective = next(_collectives_in(head), None)
    return whole(collective[1]) if collective and collective[0] == 0 else None


def _mentioned_in(title, unit):
    lowered = (title or "").casefold()
    return any(m.casefold() in lowered for m in unit.get("mentions") or [unit["name"]])


def _whole(title, units):
    """heads -> the name of the cluster or agency the article is about: among its units
    whose name starts with the first head that any starts with, the one its title names,
    else the first named."""
    def whole(heads):
        for head in heads:
            named = [u for u in units if u["name"].casefold().startswith(head.casefold())]
            if named:
                return next((u for u in named if _mentioned_in(title, u)), named[0])["name"]
        return None
    return whole


def _inherited_metric(text, figures, i):
    """A figure whose clause names no metric continues the last one of its sentence with
    the same unit: "đạt 3.200 tỷ đồng …; dự kiến cả năm đạt 4.450 tỷ đồng"."""
    fig = figures[i]
    for prev in reversed(figures[max(0, i - 50):i]):  # a sentence holds fewer figures
        if _FULL_STOP.search(text, prev.get("offset", 0), fig.get("offset", 0)):
            return None
        if prev.get("metric") and prev["unit"] == fig["unit"]:
            return prev["metric"]
    return None


def _title_figures(record):
    """Figures the headline states and the text does not repeat ("Tổng cục Hải quan
    triển khai 104 đề án" over a text that names no count): quoted by the title, tied
    to the unit the title names before them, marked "in_title". Only listed units:
    a headline's telegraphic grammar makes the word after a number a poor guess of
    what it counts ("hơn 700 tỷ xây cầu")."""
    title, figures = record.get("title") or "", record["figures"]
    if not any(c.isdigit() for c in title):
        return []  # most headlines state no number: not read again
    stated = {(fig["value"], fig["unit"].casefold()) for fig in figures}
    out = []
    for fig in extract_figures(title):
        if (fig["value"], fig["unit"].casefold()) in stated or not listed_unit(fig["unit"]):
            continue
        offset = fig.pop("offset")
        fig.update(in_title=True, quote=title, period=None,
                   organisation=_organisation(title[:offset], record["units"], _whole(title, record["units"])))
        out.append(fig)
    return out


def _attach_context(record, text):
    units, figures = record["units"], record["figures"]
    whole = _whole(record.get("title"), units)
    starts = _sentence_starts(text)
    full_starts = [m.end() for m in _FULL_STOP.finditer(text)]
    dated = sorted((d for d in record["dates"] if "offset" in d), key=lambda d: d["offset"])
    dates = ([d["offset"] for d in dated], dated)
    for i, fig in enumerate(figures):
        offset = fig.get("offset", 0)
        start = _sentence_start(starts, offset)
        fig["period"] = _period(text, start, offset, dates)
        # a sentence runs to its full stop here: "…toàn Cụm đạt 3.000 tỷ đồng; dự kiến cả năm đạt 4.300 tỷ đồng"
        end = offset + len(fig.get("text") or "")
        fig["organisation"] = (_owner_after(text, end, units, whole)
                               or _organisation(text[_sentence_start(full_starts, offset):offset], units, whole))
        fig["metric"] = fig.get("metric") or _inherited_metric(text, figures, i)


def _read_part(text):
    """The part of text that extraction reads: all of it, or its first EXTRACT_CHARS
    characters up to the last paragraph end (a sentence is never cut)."""
    if len(text) <= EXTRACT_CHARS:
        return text
    end = text.rfind("\n", 0, EXTRACT_CHARS)
    return text[:end if end > 0 else EXTRACT_CHARS]


def extract(record, notes=None, reference=None):
    """Fill the record's entity fields; notes (a list), when given, is told if only
    the start of a huge page was read for them. (The text is not word-segmented: the
    segmenter's compounds served only the index's ranking, which positions now serve,
    and segmenting was four fifths of extraction.)

    reference, {"date": "YYYY-MM-DD", "source": …}, is when the page is known to
    have existed (its capture, or the dated paths of its own images): it dates
    "Sáng 15-1" on a page with no publication date and no year written, never
    today's date. It is kept in the record as `date_reference`, and what it dated
    says "inferred"."""
    full, title = record["text"], record.get("title")
    text = _read_part(full)
    if len(text) < len(full) and notes is not None:
        notes.append(f"page of {len(full):,} characters: entities are read from its first "
                     f"{len(text):,} only; the whole text is stored and searchable")
    # captions are not body text, but the officers and units they name took part
    with_captions = "\n".join([text, *record.get("captions", [])])
    record["units"] = extract_units(with_captions, title)
    record["people"] = extract_people(with_captions, record.get("author"))
    ref_date = (reference or {}).get("date")
    close = (reference or {}).get("source") == "image paths"
    record["dates"] = extract_dates(text, record.get("published"), title, ref_date, close)
    record["figures"] = extract_figures(text)
    record["event"] = extract_event(title, text, record["dates"], record.get("published") or ref_date)
    if reference:
        record["date_reference"] = reference
    _attach_context(record, text)
    record["figures"] += _title_figures(record)
    return record

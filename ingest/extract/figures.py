"""Figures reported in Vietnamese article text: value, unit, qualifier, metric.

Vietnamese numbers group thousands with dots and mark decimals with commas
("3.000" = 3000, "17,6" = 17.6). A figure is a number with what it counts or
measures after it; a number without one (a code, an article of law, a military
region, an ordinal, a year, a date, a phone number) is not a figure. Money keeps
its scale word in the unit ("tỷ đồng"), as do lots markets trade ("triệu thùng");
for other measures and counted things the scale multiplies ("4 triệu tấn" ->
4000000 "tấn", "3 nghìn suất" -> 3000 "suất").
"""
import functools
import itertools
import re
from bisect import bisect_right

from ingest.language import names
from ingest.language import wordlists
from ingest.extract.dates import date_spans

# "3.000.000", "17,6", "02", English-style "1.5" (a dot not followed by 3 digits).
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+"
YEAR = re.compile(r"(?:1[89]|20)\d\d")
FLAGS = re.IGNORECASE
WORD = r"[^\W\d_]+(?:-[^\W\d_]+)?"


@functools.cache
def _units():
    return {u.casefold(): kind for u, kind in wordlists.rows("figure_units.tsv")}


@functools.cache
def _scales():
    return {s.casefold(): int(v) for s, v in wordlists.rows("figure_scales.tsv")}


@functools.cache
def _qualifiers():
    return {row[0].casefold(): row[1] for row in wordlists.rows("figure_qualifiers.tsv")}


def _qualifier_alt(after):
    words = [row[0] for row in wordlists.rows("figure_qualifiers.tsv") if (row[2:] == ("after",)) == after]
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _regexes():
    alt = wordlists.alternation
    return {
        "number": re.compile(
            rf"(?<![\w.,/])(?P<n1>{NUMBER})(?:\s*(?:/\s*(?P<of>\d+)))?"
            rf"(?:\s*(?P<dash>-|–|đến|tới)\s*(?P<n2>{NUMBER}))?(?![\d])", FLAGS),
        "scale": re.compile(rf"\s*(?P<scale>{alt('figure_scales.tsv')})(?!\w)", FLAGS),
        "unit": re.compile(rf"\s*(?P<unit>{alt('figure_units.tsv')})(?!\w)", FLAGS),
        "per": re.compile(rf"\s*/\s*(?:(?P<unit>{alt('figure_units.tsv')})(?!\w)|(?P<word>{WORD}))", FLAGS),
        "word": re.compile(rf"\s+(?P<word>{WORD})"),
        "stop": re.compile(rf"\s+(?:{alt('figure_stopwords.txt')})(?!\w)", FLAGS),
        "false_unit": re.compile(rf"\s*(?:{alt('figure_false_units.txt')})(?!\w)", FLAGS),
        "unit_before": re.compile(rf"(?<!\w)(?P<unit>{alt('figure_units_before.txt')})\s+$"),
        "year_cue": re.compile(rf"(?<!\w)(?:{alt('figure_year_cues.txt')})\s*$", FLAGS),
        "blocker": re.compile(rf"(?<!\w)(?:{alt('figure_blockers.txt')})\s*[:.]?\s*$", FLAGS),
        "qual_before": re.compile(rf"(?<!\w)(?P<q>{_qualifier_alt(after=False)})\s*$", FLAGS),
        "qual_after": re.compile(rf"\s*(?P<q>{_qualifier_alt(after=True)})(?!\w)", FLAGS),
        "metric": re.compile(rf"(?<!\w)(?:{alt('figure_metrics.txt')})(?!\w)", FLAGS),
        "compared": re.compile(r"[^.;\n]{0,12}?so với\s+(?:cùng kỳ\s+)?(?:năm\s+)?(?P<y>(?:19|20)\d\d)(?!\d)", FLAGS),
        "time": re.compile(r"\s*(?:[:hg]\d{2}|giờ|h\b)", FLAGS),
        "phone": re.compile(r"(?:\+?84|\(84\)|0)\d{1,3}(?:[ .-]?\d{2,4}){2,4}"),
    }


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
# glued to letters, or after a code: "Z175", "DT-23", "K24", "37K1 648.69"
_GLUED = re.compile(r"[^\W\d_][-–]?$|(?<!\S)(?=\S*\d)(?=\S*[A-Z])[A-Z\d-]{3,}\s$")
_NOT_DIGITS = re.compile(r"\D")
_SLASH_DIGIT = re.compile(r"[/-]\d")


def parse_number(token):
    """Vietnamese number text -> int or float ("3.000" -> 3000, "17,6" -> 17.6, "02" -> 2)."""
    if _THOUSANDS.fullmatch(token):
        token = token.replace(".", "")
    if "," in token:
        return float(token.replace(",", "."))
    if "." in token:
        return float(token)
    return int(token)


def listed_unit(unit):
    """Whether a figure's unit is one data/figure_units.tsv lists (after its scale word,
    before a "/" rate: "tỷ đồng", "triệu đồng/ngày") or "%", rather than a noun guessed
    from the word after the number."""
    words = unit.split("/")[0].split(" ", 1)
    if len(words) == 2 and words[0].casefold() in _scales():
        words = words[1:]
    return unit == "%" or " ".join(words).casefold() in _units()


def _scaled(value, factor):
    out = value * factor
    return int(out) if float(out).is_integer() else round(out, 6)


def _unit_after(text, pos, start):
    """(unit, kind, end) for the unit starting at pos, or None.

    Known units win (longest first); otherwise the next word, if it can be a noun,
    is the unit; "cấp", "cuộc" and similar heads keep the words that say which."""
    rx = _regexes()
    if rx["false_unit"].match(text, pos):
        return None
    m = rx["unit"].match(text, pos)
    if m and _plausible_case(m.group("unit")):
        unit, end = m.group("unit"), m.end()
        kind = _units()[unit.casefold()]
        if kind in ("money", "measure", "lot"):
            while (per := rx["per"].match(text, end)) and _plausible_case(per.group(0)):
                unit, end = unit + "/" + (per.group("unit") or per.group("word")), per.end()
        if unit.casefold() in _heads():
            unit, end = _complement(text, unit, end)
        return unit, kind, end
    if text.startswith("%", pos):
        return "%", "percent", pos + 1
    if rx["stop"].match(text, pos):
        return None
    w = rx["word"].match(text, pos)
    if w and w.group("word").islower() and len(w.group("word")) > 1 and not _after_a_name(text, start):
        unit, end = _whole_word(text, w)
        return unit, "count", end
    return None


def _whole_word(text, first):
    """The counted noun as a whole word: "hồ sơ", "phân xưởng", "quy trình", not their
    first syllable; the longest run of lowercase syllables the dictionary knows."""
    rx = _regexes()
    words, ends, pos = [first.group("word")], [first.end()], first.end()
    while len(words) < 3 and (w := rx["word"].match(text, pos)) and w.group("word").islower():
        words.append(w.group("word"))
        ends.append(w.end())
        pos = w.end()
    known = names.dictionary()
    for size in range(len(words), 1, -1):
        if tuple(names.key(x) for x in words[:size]) in known:
            return " ".join(words[:size]), ends[size - 1]
    return words[0], ends[0]


def _after_a_name(text, start):
    """'Cơ khí 17', 'Quân y 175': a number closing a capitalised name (the word
    before it, or the one before that when the two make one word, not opening a
    sentence) is part of the name; "anh Xuyên có 8 anh chị em" is a count."""
    tokens = text[max(0, start - 60):start].rsplit("\n", 1)[-1].split()
    for i in (-1, -2):
        if len(tokens) > -i and tokens[i].isalpha() and tokens[i][0].isupper():
            if i == -2 and (names.key(tokens[-2]), names.key(tokens[-1])) not in names.dictionary():
                continue
            if tokens[i - 1][-1] not in ".!?:\"“":
                return True
    return False


def _plausible_case(surface):
    """A lowercase unit word capitalised mid-sentence ("31 Tháng", "31 Tin") belongs to
    a heading or a calendar widget, not to a figure; all capitals (a headline) are fine."""
    word = surface.strip(" /")
    if not word[:1].isupper() or word.isupper() or word in _exact_units():
        return True
    return word.casefold() not in _lowercase_units()


@functools.cache
def _heads():
    return frozenset(w.casefold() for w in wordlists.words("figure_unit_heads.txt"))


@functools.cache
def _exact_units():
    return frozenset(u for u, _ in wordlists.rows("figure_units.tsv"))


@functools.cache
def _lowercase_units():
    return frozenset(u for u, _ in wordlists.rows("figure_units.tsv") if u == u.lower())


def _complement(text, head, end):
    """'cấp' + 'quốc gia' / 'Bộ Quốc phòng': up to 3 words if capitalised, else 2."""
    rx = _regexes()
    words = []
    pos = end
    while len(words) < 3:
        if rx["stop"].match(text, pos):
            break
        w = rx["word"].match(text, pos)
        if not w:
            break
        words.append(w.group("word"))
        pos = w.end()
    limit = 3 if words and words[0][0].isupper() else 2
    words = words[:limit]
    if not words:
        return head, end
    m = re.match(r"\s+" + r"\s+".join(map(re.escape, words)), text[end:])
    return head + " " + " ".join(words), end + m.end()


def _covering(spans):
    """A test "is pos inside one of spans?" costing log(spans): the spans are sorted once,
    with the farthest end reached so far, since a long page has thousands of dates and
    thousands of numbers to check against them."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))

    def covers(pos):
        i = bisect_right(starts, pos) - 1
        return i >= 0 and reach[i] > pos
    return covers


def _not_a_figure(text, m, skipped):
    start, end = m.start(), m.end()
    n1 = m.group("n1")
    before = text[max(0, start - 25):start]
    if _GLUED.search(before):
        return True  # glued to letters, or after a code: "Z175", "DT-23", "K24", "37K1 648.69"
    blocker = _regexes()["blocker"].search(before)
    if blocker and not _measured(text, end) and not _inside_a_word(before, blocker.start()):
        return True  # "số 5", "Điều 12"; but "tần số 450 MHz" is measured
    if YEAR.fullmatch(n1) and _regexes()["year_cue"].search(before):
        return True
    if skipped(start):
        return True
    if _regexes()["time"].match(text, end):
        return True
    if m.group("of") and m.group("of") != _NOT_DIGITS.sub("", n1):
        return True  # "1/2", "26/10": a fraction or a date
    if _SLASH_DIGIT.match(text, end):
        return True
    return False


def _inside_a_word(before, at):
    """A blocker in lower case that ends a word with the word before it blocks
    nothing ("xuất xưởng 11.500 xe" is no "Xưởng 3", "cao điểm 90 ngày đêm" no
    "điểm 9"), unless that word is already taken by the one before it ("quyết định
    số 19": "quyết định", then "số 19")."""
    word = before[at:].split()[0] if before[at:].split() else ""
    prev = [names.key(w) for w in before[:at].split()[-2:]]
    dictionary = names.dictionary()
    return word.islower() and bool(prev) and (prev[-1], names.key(word)) in dictionary \
        and not (len(prev) == 2 and tuple(prev) in dictionary)


def _measured(text, end):
    """A listed unit of measure or money follows the number (after its scale word)."""
    rx = _regexes()
    scale = rx["scale"].match(text, end)
    unit = rx["unit"].match(text, scale.end() if scale else end)
    return bool(unit) and _units()[unit.group("unit").casefold()] in ("measure", "money", "lot")


def _phone_spans(text):
    return [(m.start(), m.end()) for m in _regexes()["phone"].finditer(text)
            if len(_NOT_DIGITS.sub("", m.group(0))) >= 9]


@functools.cache
def _metric_names():
    return {w.casefold(): w for w in wordlists.words("figure_metrics.txt")}


def _metric_name(surface):
    return _metric_names().get(surface.casefold(), surface)


_SENTENCE_END = re.compile(r"[.;!?](?=\s)|\n")


def _sentence_start(text, pos):
    """Start of the sentence holding pos (a dot inside "3.000" ends nothing)."""
    start = max(0, pos - 400)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, pos)]
    return ends[-1] if ends else start


def _describe(text, number_start, end, unit, sentence):
    """(start, qualifier, metrics, compared_to) of the figure whose number starts at
    number_start (in the sentence starting at sentence) and whose unit ends at end;
    start moves back over a qualifier."""
    rx = _regexes()
    start, qualifier = number_start, None
    q = rx["qual_before"].search(text, max(0, start - 15), start)
    if q:
        qualifier, start = _qualifiers()[q.group("q").casefold()], q.start()
    qa = rx["qual_after"].match(text, end)
    if qa:
        qualifier = _qualifiers()[qa.group("q").casefold()]
    metrics = _subject_metrics(list(rx["metric"].finditer(text, sentence, number_start)),
                               text, number_start, unit)
    cmp_ = rx["compared"].match(text, end)
    return start, qualifier, metrics, int(cmp_.group("y")) if cmp_ else None


_LIST_GAP = re.compile(r"\s*(?:,|và|,\s*và|cùng)\s*", FLAGS)
_SUBJECT_GAP = re.compile(r"\s+(?:[^\W\d_]+\s+){0,4}", FLAGS)


def _subject_metrics(found, text, number_start, unit):
    """The metrics a figure reports: the last one named before it in its sentence, or,
    when that one closes a list that is the subject of the figure's verb ("Giá trị sản
    xuất, giá trị doanh thu, thu nhập bình quân tăng 10%"), every metric of the list,
    each of which the figure states. A list is the subject only when a few words
    (the verb) and no figure lie between it and the number; a metric that is the
    figure's own unit ("… sáng kiến 146 sáng kiến") names what is counted, no list."""
    if not found:
        return [None]
    last = found[-1]
    names = [_metric_name(last.group(0))]
    if not _SUBJECT_GAP.fullmatch(text, last.end(), number_start) or \
            any(_metric_name(m.group(0)).casefold() == unit.casefold() for m in found):
        return names
    for prev, nxt in zip(reversed(found[:-1]), reversed(found[1:])):
        if not _LIST_GAP.fullmatch(text, prev.end(), nxt.start()):
            break
        names.insert(0, _metric_name(prev.group(0)))
    return names


BOUNDS = frozenset({"more_than", "less_than", "at_least", "at_most"})
RATE_UNITS = frozenset({"%", "phần trăm", "lần"})
PLAN_DONE_CHARS = 30  # "hoàn thành vượt mức các chỉ tiêu": the done verb is this close to the plan word
SHORT_CLAUSE_WORDS = 4  # "Theo kế hoạch, …", "Dự kiến, …": a lead-in clause this short belongs to the next


@functools.cache
def _kind_cues():
    """{where: (table {phrase: (kind, rate_only)}, regex)} from data/figure_kinds.tsv."""
    tables = {"before": {}, "after": {}, "clause": {}}
    for phrase, kind, where, *rate in wordlists.rows("figure_kinds.tsv"):
        tables[where][phrase.casefold()] = (kind, rate == ["rate"])
    alt = {where: "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True)) for where, table in tables.items()}
    quals = _qualifier_alt(after=False)
    rule_rows = wordlists.rows("figure_rule_cues.tsv")
    return {"before": (tables["before"], re.compile(rf"(?<!\w)(?P<cue>{alt['before']})\s+(?:(?:{quals})\s+)?$", FLAGS)),
            "after": (tables["after"], re.compile(rf"\s*(?P<cue>{alt['after']})(?!\w)", FLAGS)),
            "clause": (tables["clause"], re.compile(rf"(?<!\w)(?P<cue>{alt['clause']})(?!\w)", FLAGS)),
            "rule": ({p.casefold(): v for p, v in rule_rows},
                     re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(p) for p, _ in sorted(rule_rows, key=lambda r: -len(r[0])))})(?!\w)",
                                FLAGS)),
            "done": re.compile(rf"(?<!\w)(?:{wordlists.alternation('figure_kind_done.txt')})(?!\w)", FLAGS)}


_CLAUSE_END = re.compile(r"[,;:(]\s|\)")


def _cue(where, m, rate):
    """(kind, phrase) of a matched cue, or None when it speaks only of rates and the figure is none."""
    kind, rate_only = _kind_cues()[where][0][m.group("cue").casefold()]
    return None if rate_only and not rate else kind


def _rule_sentence(text, start, end):
    """Whether the sentence text[start:end] states a rule or a criterion (data/figure_rule_cues.tsv)."""
    table, rx = _kind_cues()["rule"]
    return any(table[m.group(0).casefold()] == "rule" for m in rx.finditer(text, start, end))


def _clause_start(text, sentence_start, pos):
    """Start of the clause holding pos; a short lead-in clause without numbers ("Theo kế
    hoạch, …", "Dự kiến, …") is part of the clause it introduces."""
    ends = [m.end() for m in _CLAUSE_END.finditer(text, sentence_start, pos)]
    if not ends:
        return sentence_start
    prev = ends[-2] if len(ends) > 1 else sentence_start
    head = text[prev:ends[-1]]
    if len(head.split()) <= SHORT_CLAUSE_WORDS and not any(c.isdigit() for c in head):
        return prev
    return ends[-1]


def figure_kind(text, number_start, end, unit, qualifier, sentence):
    """What kind of number the figure whose number starts at number_start (its unit
    ending at end, its sentence starting at sentence) is (result, plan, forecast,
    threshold, growth, completion or share), from the words of data/figure_kinds.tsv
    around it.

    What the number itself is decides before what is said of it: a completion ("72%
    kế hoạch"), then the word right before it (growth "tăng 17,6%", share "chiếm 20%",
    completion "hoàn thành 100%"), a rate compared with an earlier period ("105% so
    với năm 2022"), a bound in a rule's sentence (threshold: "Trường hợp doanh thu
    trên 500 triệu đồng/năm", "từ 2 sáng kiến trở lên được xét tặng"), and last the
    nearest plan or forecast word of its clause ("dự kiến cả năm đạt 4.300 tỷ đồng");
    else a reported result. But a growth set as a target ("phấn đấu/mục tiêu … tăng
    8%") is a plan, and one foreseen ("dự kiến … tăng 17,6%", "ước tăng 4%") a
    forecast, so that neither is read as what happened (a growth shown beside the
    year it is of reads as achieved; no rate is added up, whatever its kind). A plan word just after a done verb
    ("hoàn thành vượt mức các chỉ tiêu") is no plan."""
    cues, rate = _kind_cues(), unit.casefold() in RATE_UNITS

    memo = []

    def rule():  # looked for only when a bound or a rule's amount asks, and once
        if not memo:
            stop = _SENTENCE_END.search(text, end)
            memo.append(_rule_sentence(text, sentence, stop.start() if stop else len(text)))
        return memo[0]
    after = cues["after"][1].match(text, end)
    late = after and _cue("after", after, rate)
    if late == "completion":
        return late
    clause = _clause_start(text, sentence, number_start)

    @functools.cache
    def said_of_clause():  # asked up to twice on one path: worked out once
        for m in reversed(list(cues["clause"][1].finditer(text, clause, number_start))):
            kind = _cue("clause", m, rate)
            if kind == "plan" and cues["done"].search(text, max(0, m.start() - PLAN_DONE_CHARS), m.start()):
                continue
            if kind and (kind != "threshold" or rule()):
                return kind
        return None
    before = cues["before"][1].search(text, max(0, number_start - 40), number_start)
    if before:
        kind = _cue("before", before, rate)
        if kind == "growth" and said_of_clause() in ("plan", "forecast"):
            return said_of_clause()  # a growth set as a target or foreseen ("dự kiến … tăng 17,6%") has not happened
        if kind not in (None, "result"):
            return kind
    if late:
        return said_of_clause() if late == "growth" and said_of_clause() in ("plan", "forecast") else late
    if qualifier in BOUNDS and rule():
        return "threshold"
    return said_of_clause() or "result"


def extract_figures(text):
    """Figures in text, in reading order: {"text", "value", "unit", "metric",
    "qualifier", "compared_to", "kind", "offset"} (kind: see figure_kind). A number
    stated of several metrics at once is one figure per metric, same text and offset. A range ("từ 8 đến 13 năm", "20 - 30 triệu
    đồng") is one figure with "low" and "high"; its value is the high end, the one a
    report's reader quotes ("up to 30 million"), and its qualifier "range" unless a
    word says more ("khoảng 6–12 tháng" is "about")."""
    text = text or ""
    rx = _regexes()
    skipped = _covering(date_spans(text) + _phone_spans(text))
    out = []
    for m in rx["number"].finditer(text):
        if _not_a_figure(text, m, skipped):
            continue
        pos = m.end()
        scale = rx["scale"].match(text, pos)
        if scale:
            pos = scale.end()
        unit, unit_start = _unit_after(text, pos, m.start()), None
        if unit is None and not scale:
            before = rx["unit_before"].search(text, max(0, m.start() - 12), m.start())
            unit, unit_start = ((before.group("unit"), "measure", m.end()), before.start()) if before else (None, None)
        if unit is None:
            continue
        unit, kind, end = unit
        tokens = [m.group("n1")] + ([m.group("n2")] if m.group("n2") else [])
        if m.group("dash") and not m.group("n2"):
            continue
        values = [parse_number(t) for t in tokens]
        if kind != "percent" and not any(values):
            continue  # "0 sao", "0 bình luận": widgets, not reports
        if not scale and kind not in ("money", "percent") and any(
                isinstance(v, int) and YEAR.fullmatch(t) for v, t in zip(values, tokens)):
            continue  # a year ("năm 2023", "2020 - 2025")
        if scale:
            word = scale.group("scale")
            factor = _scales()[word.casefold()]
            keeps = kind == "money" or (kind == "lot" and factor >= 10 ** 6)
            if keeps:
                unit = f"{word} {unit}"
            else:
                values = [_scaled(v, factor) for v in values]
        sentence = _sentence_start(text, m.start())
        start, qualifier, metrics, compared_to = _describe(text, m.start(), end, unit, sentence)
        start = start if unit_start is None else min(start, unit_start)  # "Mach 1,5"
        kind = figure_kind(text, m.start(), end, unit, qualifier, sentence)
        for metric in metrics:
            figure = {"text": text[start:end], "value": values[-1], "unit": unit, "metric": metric,
                      "qualifier": qualifier, "compared_to": compared_to, "kind": kind, "offset": start}
            if len(values) == 2:
                figure.update(low=min(values), high=max(values), qualifier=qualifier or "range")
            out.append(figure)
    return out

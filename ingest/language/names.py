"""Where a proper name written in running Vietnamese text ends.

Vietnamese capitalizes only the first syllable of each word in a name
("Cục Quản lý công nghệ", "Tổng cục Công nghiệp quốc phòng"), so capital
letters alone do not show where a name stops. A capitalized syllable opens a
dictionary word (underthesea's bundled Viet74K word list) that may run on in
lower case ("Hậu cần", "Tài chính"); after it, a lowercase word continues the
name only when it is one of the few words that names are made of
(data/name_words.txt), an administrative division before a place name, or
"và" between two capitalized parts. Anything else (a verb, punctuation, a
line break, the start of a person's name) ends the name. Shared by the unit
and people extractors, with the data both read (abbreviations, family names).
"""
import importlib.util
import re
from functools import cache, lru_cache
from pathlib import Path

from ingest.language.normalize import canonical_tones
from ingest.language.wordlists import lines as data_lines

TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_CODE = re.compile(r"(?:[A-Z]\d{1,4}|\d{1,4}|[IVX]{1,4})$")
_MAX_WORD = 4



@lru_cache(maxsize=1 << 16)
def key(word):
    return canonical_tones(word).casefold()


def _viet74k():
    """underthesea's bundled word list, found without importing underthesea (slow)."""
    spec = importlib.util.find_spec("underthesea")
    return Path(spec.origin).parent / "corpus" / "data" / "Viet74K.txt"


@cache
def _viet74k_keys():
    """The words of underthesea's bundled dictionary as key tuples, read once: the key of
    each line (key), worked out over the whole file at once (no tone mark moves across
    a line's end), in 0.05 s instead of 0.1 s line by line, before any helper can fork."""
    with open(_viet74k(), encoding="utf-8") as fh:
        text = canonical_tones(fh.read()).casefold()
    return tuple(tuple(words) for words in (line.split() for line in text.split("\n")) if words)


@cache
def dictionary():
    """Multi-syllable words of underthesea's bundled dictionary, as key tuples."""
    return frozenset(w for w in _viet74k_keys() if 1 < len(w) <= _MAX_WORD)


@cache
def syllables():
    """Every syllable the dictionary knows as a word of its own ("xem", "tài")."""
    return frozenset(w[0] for w in _viet74k_keys() if len(w) == 1)


def _phrases(name):
    return frozenset(tuple(key(line).split()) for line in data_lines(name))


@cache
def name_words():
    return _phrases("name_words.txt")


@cache
def admin_words():
    return _phrases("admin_words.txt")


@cache
def abbreviations():
    return {a: e for a, e in (line.split("\t") for line in data_lines("abbreviations.tsv"))}


def expand_abbreviations(text):
    """Abbreviations written out ("Bộ CHQS" -> "Bộ Chỉ huy Quân sự", "Phó BTĐU" ->
    "Phó Bí thư Đảng ủy"), for canonical names and positions."""
    table = abbreviations()
    return " ".join(table.get(w, w) for w in text.split())


@cache
def surnames():
    return frozenset(key(line.strip()) for line in data_lines("surnames.txt"))


@cache
def historical():
    return frozenset(tuple(key(w) for w in line.split()) for line in data_lines("historical_people.txt"))


@cache
def place_names():
    return frozenset(tuple(key(w) for w in line.split()) for line in data_lines("place_names.txt"))


@cache
def _place_starts():
    return frozenset(p[0] for p in place_names())


@cache
def not_present():
    """Names written like a person's that name nobody present: historical figures, places."""
    return historical() | place_names()


@cache
def rank_keys():
    return frozenset(tuple(key(w) for w in line.split("\t")[0].split()) for line in data_lines("ranks.tsv"))


@cache
def _rank_starts():
    """{first key: [rank keys]}: a name's end is tested at every token."""
    out = {}
    for keys in rank_keys():
        out.setdefault(keys[0], []).append(keys)
    return out


def starts_person(toks, i):
    """A rank, or a family name followed by two or more capitalized syllables. A
    historical figure's name is no person present here but part of the name it
    is in ("Lăng Chủ tịch Hồ Chí Minh", "Thành phố Hồ Chí Minh")."""
    if i >= len(toks.keys):
        return False
    if any(tuple(toks.keys[i:i + len(r)]) == r for r in _rank_starts().get(toks.keys[i], ())):
        return True
    if toks.keys[i] not in surnames():
        return False
    if any(tuple(toks.keys[i:i + len(h)]) == h for h in not_present()):
        return False  # "Thành phố Hồ Chí Minh" is a place ("UBND TP Nguyễn Đức Chung" is not)
    j, shouting = i + 1, toks.is_acronym(i)
    while j < len(toks) and j - i < 4 and toks.joined(j) and toks.is_cap(j) and not toks.is_code(j) \
            and (shouting or not toks.is_acronym(j)):  # "Đoàn TNCS Hồ Chí Minh" is no "Đoàn …" person
        j += 1
    return j - i >= 3


class Tokens:
    """The word and punctuation tokens of one line, with their offsets."""

    __slots__ = ("line", "words", "keys", "starts", "ends", "wordlike", "capital")

    def __init__(self, line):
        self.line = line
        matches = list(TOKEN.finditer(line))
        self.words = [m.group() for m in matches]
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        folded = canonical_tones(line).casefold()  # the whole line at once: a call per word costs more
        if len(folded) == len(line):
            self.keys = [folded[a:b] for a, b in zip(self.starts, self.ends)]
        else:  # a letter whose case folding changes its length ("ß"): word by word
            self.keys = [key(w) for w in self.words]
        self.wordlike = [w[0].isalnum() for w in self.words] + [False]  # asked of every token, often twice
        self.capital = [w[0].isupper() for w in self.words] + [False]

    def __len__(self):
        return len(self.words)

    def text(self, i, j):
        return self.line[self.starts[i]:self.ends[j - 1]]

    def joined(self, i):
        """Token i follows token i-1 on the same line with at most spaces between."""
        return 0 < i < len(self.words) and self.line[self.ends[i - 1]:self.starts[i]].strip(" ") == ""

    def is_word(self, i):
        return self.wordlike[min(i, len(self.words))]

    def is_cap(self, i):
        return self.capital[min(i, len(self.words))]

    def is_code(self, i):
        """A number, a code ("Z175", "K24") or a roman numeral ("Dự án I")."""
        return self.is_word(i) and bool(_CODE.match(self.words[i]))

    def is_acronym(self, i):
        w = self.words[i] if self.is_word(i) else ""
        return len(w) >= 2 and w.isupper()

    def phrase_at(self, i, phrases, max_len=_MAX_WORD):
        """Length of the longest phrase (key tuple) starting at token i, 0 if none."""
        for n in range(min(max_len, len(self.words) - i), 0, -1):
            cand = tuple(self.keys[i:i + n])
            if cand in phrases and all(self.joined(k) for k in range(i + 1, i + n)):
                return n
        return 0


@lru_cache(maxsize=4096)
def tokens(line):
    """The Tokens of a line, made once: the unit and people extractors read the same
    lines (never changing them)."""
    return Tokens(line)


def word_length(toks, i):
    """Syllables of the dictionary word a capitalized token opens; a proper-name
    syllable keeps its lowercase neighbour only if that neighbour does not open a
    word of its own with what follows ("Hòa Phát triển khai" stops after "Phát")."""
    n = toks.phrase_at(i, dictionary())
    if n >= 2 and not toks.is_cap(i + n - 1) and toks.is_word(i + n) and not toks.is_cap(i + n) \
            and toks.phrase_at(i + n - 1, dictionary()) >= 2 and not toks.phrase_at(i + n, name_words()):
        return 1
    return max(1, n)


def extend(toks, i, stop=None, caps_line=False, own_words=frozenset(), nested=None):
    """Index just past the name that continues at token i (i itself when none does).

    `stop(toks, i)` may refuse a token that starts something else (a rank, a
    position). On an all-capitals line only codes and numbers continue a name,
    since every word there looks like a name. `own_words` are phrases that
    continue the names of one kind of organisation only, in any case ("Đóng tàu"
    after "Nhà máy", "Phụ sản" after "Bệnh viện": data/unit_head_words.tsv), right
    after its head and one another only ("Viện Kỹ thuật PK-KQ thiết kế" is a verb
    after the name); the dictionary may not know them as words. `nested(toks, i)`
    gives (length, own words) of a head written inside the name, whose trade then
    follows it ("Ban CHQS Công ty Tuyển than Cửa Ông").
    """
    n, start = len(toks), i
    while i < n and (i == start or toks.joined(i)):
        if toks.is_code(i):
            i += 1
            own_words = frozenset()  # "Đội CSGT số 2 tuần tra": the trade is named before the number
            if date_name_end(toks, i - 1) > i:
                i += 2  # "Công ty 3/2 Hòa Bình": a company named by a day
            continue
        if caps_line:
            break
        if stop and stop(toks, i):
            break
        if toks.is_cap(i):
            n_place = toks.phrase_at(i, place_names()) if toks.keys[i] in _place_starts() else 0
            if n_place:
                i += n_place  # "Hạm đội Thái Bình Dương Mỹ": "Dương Mỹ Harry" opens no person
                own_words = frozenset()
                continue
            n_own, n_word = toks.phrase_at(i, own_words) if own_words else 0, word_length(toks, i)
            inner = nested(toks, i) if nested and n_own < n_word else None
            if inner and inner[0] >= n_word:  # a head, not the start of a longer word ("Phòng không")
                i, own_words = i + inner[0], inner[1]
                continue
            i += max(n_own, n_word)
            own_words = own_words if n_own >= n_word else frozenset()  # a trade's words follow its head only
            continue
        if toks.keys[i] == "số" and i > start and toks.joined(i + 1) and toks.is_code(i + 1):
            i += 2  # "Đội CSGT số 1", "Trường THPT số 2"
            own_words = frozenset()
            continue
        if toks.words[i] in _DASHES and i > start and _dash_joins(toks, i, stop):
            i += 1  # "Cục Xe – Máy", "Viện Hóa học – Vật liệu"
            continue
        if toks.words[i] == "." and toks.is_cap(i + 1) and toks.line[toks.ends[i - 1]:toks.starts[i]] == "" and i > start \
                and (toks.line[toks.ends[i]:toks.starts[i + 1]] == "" or _city_after(toks, i)):
            i += 1  # "TP.HCM", "UBND TP. Hạ Long": the dot of an abbreviation ends no sentence
            continue
        if i == start:
            grown = toks.phrase_at(i, admin_words(), 2)
            if grown and toks.is_cap(i + grown) and toks.joined(i + grown):
                i += grown  # "Bộ CHQS tỉnh Nghệ An"
                continue
            break
        grown = toks.phrase_at(i, own_words) if own_words else 0
        if not grown and own_words and toks.keys[i] in ("và", "&") and toks.joined(i + 1):
            after = toks.phrase_at(i + 1, own_words)  # two trades joined: "Sửa chữa và đóng tàu"
            grown = after and 1 + after
        if grown:
            i += grown  # "Tổng công ty Máy động lực và máy nông nghiệp Việt Nam"
            continue
        own_words = frozenset()
        grown = toks.phrase_at(i, name_words())
        if grown:
            i += grown
            continue
        grown = toks.phrase_at(i, admin_words(), 2)
        if grown and toks.joined(i + grown) and (toks.is_cap(i + grown) or toks.is_code(i + grown)) \
                and not (stop and stop(toks, i + grown)):
            i += grown  # "… tỉnh Điện Biên"; a division named by no place ends the name before it
            continue
        if toks.keys[i] in ("và", "&") and toks.joined(i + 1) and toks.is_cap(i + 1) \
                and not (stop and stop(toks, i + 1)):
            i += 1
            continue
        break
    return i


_DASHES = ("-", "–")


def date_name_end(toks, i):
    """End of a day written as a name at token i ("3/2", "19-5": "Công ty 3/2 Hòa
    Bình", "Xí nghiệp 19/5"), two numbers and a slash or hyphen with no space
    between; i when there is none."""
    if not (i + 2 < len(toks) and toks.words[i].isdigit() and toks.words[i + 1] in "/-" and toks.words[i + 2].isdigit()):
        return i
    tight = toks.ends[i] == toks.starts[i + 1] and toks.ends[i + 1] == toks.starts[i + 2]
    return i + 3 if tight and int(toks.words[i]) <= 31 and int(toks.words[i + 2]) <= 12 else i


def _city_after(toks, i):
    """"TP. Hạ Long", "TP. Pleiku": a city after the dot of "TP." and a space, its name
    two capitalized words or one that is no ordinary syllable ("TP. Các đơn vị…" is
    a sentence's end and the next one's start)."""
    return toks.keys[i - 1] == "tp" and toks.joined(i + 1) and (
        (toks.is_cap(i + 2) and toks.joined(i + 2)) or toks.keys[i + 1] not in syllables())


def _dash_joins(toks, i, stop):
    """A dash between spaces joins two halves of one name when one capitalized word
    follows it and ends the name there ("Cục Xe – Máy và …"); a dash before a longer
    capitalized run, a code or a person is a title's separator ("Nhà máy Z175 – Đơn
    vị dẫn đầu"), and so is one after a code; one word and a division after it
    ("TP.HCM", "tỉnh …") still end one name."""
    if toks.is_word(i - 1) and toks.joined(i) and toks.joined(i + 1) and not toks.is_cap(i + 1) \
            and toks.phrase_at(i + 1, name_words()):
        return True  # "Phòng không - không quân": a lowercase word names are made of
    if toks.is_code(i - 1) or not (toks.joined(i) and toks.joined(i + 1) and toks.is_cap(i + 1)) \
            or toks.is_code(i + 1) or (stop and stop(toks, i + 1)):
        return False
    if toks.ends[i - 1] == toks.starts[i] and toks.ends[i] == toks.starts[i + 1] and toks.is_cap(i - 1):
        return True  # no spaces: one compound ("Ủy ban liên Chính phủ Việt Nam-Lào")
    after = i + 1 + word_length(toks, i + 1)
    if after < len(toks) and toks.joined(after) and toks.phrase_at(after, admin_words(), 2):
        return True  # the city the whole name is in: "Đại học Kinh tế - Luật TP.HCM"
    return not (after < len(toks) and toks.joined(after) and toks.is_word(after)
                and (toks.is_cap(after) or toks.phrase_at(after, name_words())))


_NOT_LETTERS = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=1024)
def is_caps_line(line):
    """A headline typed in capitals: every word would look like a name (asked by the
    unit and the people extractors of the same lines)."""
    letters = _NOT_LETTERS.sub("", line)
    return len(letters) >= 12 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def warm_up():
    """Load the word lists once, before a process forks its workers or takes its
    first article (the dictionary costs a fraction of a second to read)."""
    dictionary(), syllables(), name_words(), admin_words(), abbreviations(), surnames(), historical()
    place_names(), not_present(), _rank_starts()

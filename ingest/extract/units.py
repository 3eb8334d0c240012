"""Organisations named in an article: factories, agencies, commands, companies, clusters.

Two sources meet here. The gazetteer (data/units.tsv) knows the canonical name,
code and abbreviations of the organisations this archive is about, so that
"Tổng cục CNQP", "TCCNQP" and "Tổng cục Công nghiệp quốc phòng" come out as one
unit. Head nouns (data/unit_heads.tsv) find the rest: a head followed by a name
(see ingest/names.py for where a name ends) is a unit, a head alone ("Nhà máy")
is not. Every unit comes out once, with all the surface forms seen.
"""
import re
from bisect import bisect_left
from functools import cache, lru_cache

from ingest.extract.people import position_heads
from ingest.language import names, wordlists
from ingest.language.names import Tokens, data_lines, expand_abbreviations, extend, is_caps_line, key, starts_person
from ingest.language.normalize import match_key

_Z_CODE = re.compile(r"Z\d{2,3}$")
_FACTORY_CODE = re.compile(r"[A-Z]\d{2,3}$")  # "Nhà máy Z175", "Nhà máy X55", "Nhà máy A31"
_LEGAL_FORMS = ("công ty cổ phần ", "công ty tnhh một thành viên ", "công ty tnhh mtv ",
                "công ty tnhh ", "công ty ", "ctcp ")
_SAME_UNIT = (("tên", "giao", "dịch", "của"), ("tên", "giao", "dịch"), ("tức",))
_CLUSTER = ("cụm", "thi", "đua")
_QUOTES_OPEN = "“\"«"
_QUOTES_CLOSE = "”\"»"
# lower case after "Trưởng" ("Trưởng ban chỉ đạo …"), or before an office acronym ("phòng CSGT")
_OFFICES = ("phòng", "ban", "đội")
_STREETS = ("phố", "đường", "ngõ", "ngách", "hẻm")
_YEAR_TAIL = re.compile(r"\s+năm\s+\d{4}\s*$", re.IGNORECASE)


def _token_keys(text):
    return tuple(key(w) for w in names.TOKEN.findall(text))


@cache
def gazetteer():
    """Maps a first token key to [(keys, entry, weak, acronym)], longest first.

    An agency with a parent is also named with any name of its parent after it
    ("Cục Chính trị Tổng cục Công nghiệp quốc phòng" is Cục Chính trị), so that the
    data file lists each form once."""
    rows = [[c.strip() for c in (line.split("\t") + [""] * 6)[:6]] for line in data_lines("units.tsv")]
    full_names = {code: [name] + [a for a in aliases.split("|") if a]
                  for name, code, _, _, aliases, _ in rows if code}
    index = {}
    for name, code, kind, parent, aliases, weak in rows:
        entry = {"name": name, "code": code or None, "kind": kind, "parent": parent or None}
        own = [name] + [a for a in aliases.split("|") if a]
        forms = [(a, False) for a in own] + [(w, True) for w in weak.split("|") if w]
        forms += [(f"{name} {p}", False) for p in full_names.get(parent, ())]
        for form, is_weak in dict.fromkeys(forms):
            keys = _token_keys(form)
            acronym = form.isupper() and " " not in form
            index.setdefault(keys[0], []).append((keys, entry, is_weak, acronym))
    for cands in index.values():
        cands.sort(key=lambda c: -len(c[0]))
    return index


@cache
def heads():
    index = {}
    for line in data_lines("unit_heads.tsv"):
        head, kind, needs = line.split("\t")
        keys = _token_keys(head)
        index.setdefault(keys[0], []).append((keys, head, kind, needs, False))
    for cands in index.values():
        cands.sort(key=lambda c: -len(c[0]))
    return index


@cache
def head_words():
    """{head: phrases (key tuples) that continue the names this head opens}, from
    data/unit_head_words.tsv: words of one trade ("Nhà máy Đóng tàu", "Bệnh viện
    Phụ sản", "Đội Tuần tra kiểm soát") that would end any other name."""
    out = {}
    for line in data_lines("unit_head_words.tsv"):
        head, phrases = line.split("\t")
        out[head] = frozenset(_token_keys(p) for p in phrases.split("|") if p.strip())
    return out


def _nested_trade(toks, i):
    """(length, trade words) of a head with trade words written at token i inside
    another unit's name, else None."""
    head = _head_at(toks, i, False)
    words = head and head_words().get(head[1])
    return (len(head[0]), words) if words else None


@cache
def office_acronyms():
    """Acronyms of offices that make a lowercase "phòng" or "đội" a unit ("phòng CSGT
    tỉnh Lào Cai"): data/unit_office_acronyms.txt."""
    return frozenset(key(line.strip()) for line in data_lines("unit_office_acronyms.txt"))


def _form_pattern(form):
    """A portfolio as the press writes it: "&", "-", "–" and "," with or without
    spaces around them ("GD&ĐT", "GD - ĐT"), any run of spaces between words."""
    form = re.sub(r"\s*([-–&,])\s*", r"\1", form.strip())
    parts = []
    for ch in form:
        if ch in "-–":
            parts.append(r"\s*[-–]\s*")
        elif ch in "&,":
            parts.append(r"\s*" + re.escape(ch) + r"\s*")
        elif ch == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@cache
def _portfolios():
    """(one regex of every portfolio form, longest first, {group: full portfolio})
    from data/unit_portfolios.tsv."""
    forms = []
    for line in data_lines("unit_portfolios.tsv"):
        full, abbreviations = (line + "\t").split("\t")[:2]
        forms += [(form, full.strip()) for form in [full] + abbreviations.split("|") if form.strip()]
    forms.sort(key=lambda f: -len(f[0]))
    groups = {f"p{n}": full for n, (_, full) in enumerate(forms)}
    pattern = "|".join(f"(?P<p{n}>{_form_pattern(form)})" for n, (form, _) in enumerate(forms))
    return re.compile(f"(?:{pattern})(?![\\w&])", re.IGNORECASE), groups


def _portfolio_at(toks, j):
    """(token after it, full portfolio) of a ministry's or department's portfolio
    written at token j ("GD&ĐT", "Giao thông vận tải"), else None."""
    if not (toks.joined(j) and toks.is_cap(j)):
        return None
    regex, groups = _portfolios()
    m = regex.match(toks.line, toks.starts[j])
    if not m:
        return None
    k = bisect_left(toks.starts, m.end())
    if toks.ends[k - 1] != m.end():
        return None  # the match ends inside a word
    return k, groups[m.lastgroup]


@cache
def governing_bodies():
    return frozenset(_token_keys(line) for line in data_lines("governing_bodies.txt"))


def _match(toks, i, cands, caps):
    """The first candidate (keys, ...) written at token i: first word capitalized,
    acronyms in their exact case."""
    if not (caps or toks.is_cap(i)):
        return None
    for cand in cands:
        keys = cand[0]
        if tuple(toks.keys[i:i + len(keys)]) != keys:
            continue
        if not all(toks.joined(k) for k in range(i + 1, i + len(keys))):
            continue
        if cand[-1] is True and toks.words[i] != toks.words[i].upper():
            continue
        return cand
    return None


def _gazetteer_at(toks, i, caps):
    if i >= len(toks):
        return None
    return _match(toks, i, gazetteer().get(toks.keys[i], ()), caps)


def _head_at(toks, i, caps):
    if i >= len(toks):
        return None
    return _match(toks, i, heads().get(toks.keys[i], ()), caps)


@cache
def _time_words():
    """"Sáng", "Ngày", "Chiều"…: before a day, they open the next sentence of a page
    that lost its full stop ("… Quân đoàn 34 Sáng 15/12, tại …")."""
    return frozenset(_token_keys(w) for w in wordlists.words("date_cues.txt"))


@cache
def _time_word_starts():
    return frozenset(w[0] for w in _time_words())


def _opens_a_date(toks, i):
    if toks.keys[i] not in _time_word_starts():
        return False
    n = next((len(w) for w in _time_words() if tuple(toks.keys[i:i + len(w)]) == w), 0)
    return bool(n) and i + n < len(toks) and toks.words[i + n][0].isdigit()


def _after_a_country(toks, i):
    """Two capitalized words or more after a country that ends a unit's name are
    someone named after it ("Bộ Ngoại giao Trung Quốc Lục Khảng", "Bộ Quốc phòng
    Bolivia Felipe Cáceres"); a country syllable that makes a word with the next
    one is a place ("Mỹ Đức")."""
    if not (toks.is_cap(i) and toks.is_cap(i + 1) and toks.joined(i + 1)) or (toks.keys[i - 1], toks.keys[i]) in names.dictionary():
        return False
    dictionary = names.dictionary()
    return any(tuple(toks.keys[i - n:i]) in countries() and all(toks.joined(k) for k in range(i - n + 1, i + 1))
               and not (i > n and (toks.keys[i - n - 1], toks.keys[i - n]) in dictionary)  # "Mỹ Đức Hà Nội"
               for n in (1, 2, 3) if i >= n)


def _stop(toks, i):
    """Where a unit name gives way: a person, a day ("Sáng 15/12"), or a second unit
    after "và"."""
    if starts_person(toks, i) or (toks.is_cap(i) and (_opens_a_date(toks, i) or _after_a_country(toks, i))):
        return True
    return i > 0 and toks.keys[i - 1] == "và" and bool(
        _head_at(toks, i, False) or _gazetteer_at(toks, i, False) or tuple(toks.keys[i:i + 3]) == _CLUSTER)


def _lowercase_start(toks, j, caps, own_words=frozenset()):
    """End of a name that opens with words names are made of, in lower case ("Ủy ban
    nhân dân xã Thanh Nưa", "Trường Cao đẳng kỹ thuật Vinh"): it reaches a capitalized
    word or a code, or is made of two such words at least, a dash between them allowed
    ("Trường Cao đẳng kỹ thuật ô tô", "Viện kỹ thuật phòng không - không quân"); else
    the head stands alone ("Ủy ban nhân dân", "Viện kỹ thuật")."""
    k = end = j
    own = 0  # name words read, administrative words aside
    while k < len(toks) and toks.joined(k) and not toks.is_cap(k):
        dash = toks.words[k] in ("-", "–") and own and toks.joined(k + 1)
        n = toks.phrase_at(k + dash, names.name_words()) or toks.phrase_at(k + dash, own_words)
        if n:
            k, end, own = k + dash + n, k + dash + n, own + 1
            continue
        n = 0 if dash else toks.phrase_at(k, names.admin_words(), 2)
        if not n:
            break
        k += n
    if k > j and toks.keys[k:k + 1] == ["số"] and toks.joined(k + 1) and toks.is_code(k + 1):
        k += 1  # "Trung đoàn thiết giáp số 68"
    if k > j and toks.joined(k) and (toks.is_cap(k) or toks.is_code(k)):
        return extend(toks, k, _stop, caps, own_words, _nested_trade)
    return end if own >= 2 else j


def _parent_after_dash(toks, j, caps):
    """End of "Cơ quan CSĐT - CATP Hà Nội": a head that needs a name takes the unit
    it belongs to, written after a dash, as its name; else j."""
    if not (toks.words[j:j + 1] and toks.words[j] in ("-", "–") and toks.joined(j) and toks.joined(j + 1)):
        return j
    if not (_gazetteer_at(toks, j + 1, caps) or _head_at(toks, j + 1, caps)):
        return j
    end = extend(toks, j + 1, _stop, caps)
    return end if end > j + 1 else j


@cache
def _not_units():
    """Names that hold a head word but name no organisation ("Tây Ban Nha")."""
    return tuple(_token_keys(line) for line in data_lines("unit_false_names.txt"))


def _inside_a_name(toks, i, caps):
    """A head word inside another name: a place that holds one ("Tây Ban Nha", from
    data/unit_false_names.txt, or any place after its division: "xã Tân Hội Trung",
    "xã Hội Sơn"; a street: "phố Đội Cấn"),
    a person's given name ("Nguyễn Văn Viện"), or a head that is a family name before
    one or two syllables that make no word ("Đoàn Tân", "Đoàn Bổng" signing a text;
    "Đoàn Thanh niên" is a unit)."""
    for words in _not_units():
        for at in range(max(0, i - len(words) + 1), i + 1):
            if tuple(toks.keys[at:at + len(words)]) == words and at + len(words) > i:
                return True
    if i >= 2 and toks.is_cap(i - 1) and toks.joined(i) and toks.joined(i - 1) and not toks.is_cap(i - 2) \
            and (toks.keys[i - 2],) in names.admin_words():
        return True
    if i >= 1 and not toks.is_cap(i - 1) and toks.joined(i) and (
            toks.keys[i - 1] in _STREETS or (toks.keys[i - 1],) in names.admin_words()):
        return True  # "phố Đội Cấn", "xã Hội Sơn": a street or a place named as a unit would be
    for at in range(max(0, i - 3), i + 1):
        if not caps and toks.is_cap(at) and toks.keys[at] in names.surnames() and all(toks.joined(x) and toks.is_cap(x)
                                                                   for x in range(at + 1, i + 1)) \
                and starts_person(toks, at):
            return True
    if not caps and toks.keys[i] in names.surnames():
        n = 0
        while n < 3 and toks.joined(i + 1 + n) and toks.is_cap(i + 1 + n) and not toks.is_code(i + 1 + n):
            n += 1
        if n in (1, 2) and not toks.is_word(i + 1 + n) and toks.phrase_at(i + 1, names.dictionary()) < n + (n == 1):
            return True
    return False


def _without_foreign_holder(toks, i, j, end):
    """"Giám đốc Học viện Hải quân Mỹ Walter Carter": after a position title, two or
    three capitalized words that are no Vietnamese syllables, written without
    diacritics and not after a division word, at the end of a unit's name are the
    holder of the post, not part of the name, when a name is left
    ("Giám đốc Công ty Oliver Design" is all name)."""
    if i == 0 or not any(tuple(toks.keys[max(0, i - n):i]) in position_heads() for n in (1, 2, 3)):
        return end
    common, k = names.syllables(), end
    while k > j and toks.is_cap(k - 1) and not toks.is_acronym(k - 1) and toks.keys[k - 1] not in common \
            and toks.words[k - 1].isascii():  # "tỉnh Đắk Lắk" is a place
        k -= 1
    if end - k not in (2, 3) or k == j or (toks.keys[k - 1],) in names.admin_words():
        return end
    return k


def _is_brand(toks, j, end):
    """One or two words that are no ordinary Vietnamese word: "Artex", "MB"."""
    common = names.syllables()
    return end - j <= 2 and all(toks.is_acronym(k) or toks.keys[k] not in common for k in range(j, end))


@cache
def countries():
    return frozenset(_token_keys(line) for line in data_lines("countries.txt"))


def _ends_in_country(toks, j, end):
    """The name ends with a country ("Mỹ", "Hoàng gia Anh"): a country's force."""
    return any(tuple(toks.keys[k:end]) in countries() for k in range(max(j, end - 3), end))


@lru_cache(maxsize=8192)  # asked of the same names article after article
def _base_key(name):
    """Merge key of a name without its legal form ("CTCP Tập đoàn FLC" = "Tập đoàn FLC")."""
    k = match_key(expand_abbreviations(name))
    k = re.sub(r"[\"'()]", "", k)
    k = re.sub(r"\s*[-–]\s*", " - ", k)  # "Phòng không-Không quân" = "Phòng không – Không quân"
    k = re.sub(r"\b(tp|q)\.\s*", r"\1 ", k)  # "UBND TP.Hà Nội" = "UBND TP Hà Nội"
    for form in _LEGAL_FORMS:
        if k.startswith(form) and len(k) > len(form):
            return k[len(form):]
    return k


class _Units:
    """Accumulates hits of one article and merges them into units."""

    def __init__(self):
        self.units = {}      # key -> unit dict (insertion order = first seen)
        self.links = {}      # key -> key it was merged into
        self.weak = []       # (entry, mention) seen before the entry itself may be found

    def find(self, k):
        while k in self.links:
            k = self.links[k]
        return k

    def add(self, k, name, code, kind, mention, from_gazetteer):
        k = self.find(k)
        unit = self.units.get(k)
        if unit is None:
            unit = self.units[k] = {"name": name, "code": code, "kind": kind, "mentions": [],
                                    "_gaz": from_gazetteer, "_names": []}
        if from_gazetteer and not unit["_gaz"]:
            unit["_gaz"], unit["name"] = True, name
        unit["_names"].append(name)
        if mention and mention not in unit["mentions"]:
            unit["mentions"].append(mention)
        return k

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a == b:
            return
        keep, drop = (a, b) if self.units[a]["_gaz"] or not self.units[b]["_gaz"] else (b, a)
        src, dst = self.units.pop(drop), self.units[keep]
        dst["_names"] += src["_names"]
        dst["code"] = dst["code"] or src["code"]
        for m in src["mentions"]:
            if m not in dst["mentions"]:
                dst["mentions"].append(m)
        if "members" in src:
            dst.setdefault("members", []).extend(src["members"])
        self.links[drop] = keep


def _entry_key(entry):
    return entry["code"] or "n:" + _base_key(entry["name"])


def _military_key(head, name_toks):
    nums = [w for w in name_toks if w.isdigit() or _Z_CODE.match(w)]
    return f"m:{key(head)}:{nums[0]}" if nums else None


def _scan_line(toks, caps, acc, hits):
    """Append (start, end, key) for each unit written on this line."""
    n, i, prefix = len(toks), 0, None
    folded, capital, word = toks.keys, toks.capital, toks.wordlike  # read for every token: no method calls
    while i < n:
        # "Trưởng phòng Tham mưu Công an X": the office a head of office heads
        office = folded[i] in _OFFICES and toks.joined(i + 1) and (
            (capital[i + 1] and (folded[i + 1] in office_acronyms() or (i > 0 and folded[i - 1] == "trưởng")))
            or (i > 0 and folded[i - 1] == "trưởng" and len((_head_at(toks, i, True) or ((),))[0]) > 1))
        if not (capital[i] or (caps and word[i]) or office):
            i += 1  # a unit, its head and a Z code open with a capital
            prefix = None if word[i - 1] else prefix
            continue
        # "Bộ Tư lệnh" before the unit it commands belongs to that unit's mention
        mention_start = prefix[0] if prefix is not None and prefix[1] == i else i
        prefix = None
        gaz = _gazetteer_at(toks, i, caps)
        if gaz:
            keys, entry, weak, _ = gaz
            j = i + len(keys)
            if weak and _head_at(toks, i, caps) and toks.joined(j) and (toks.is_code(j) or toks.is_cap(j)):
                gaz = None  # "Tổng cục II", "Hải quân Iran": not the unit the weak alias stands for
            elif weak:
                acc.weak.append((entry, toks.text(i, j)))
                i = j
                continue
        if gaz:  # an acronym is the whole name ("NATO Jens Stoltenberg" is NATO and a person)
            end = extend(toks, j, _stop, caps) if toks.joined(j) and not gaz[3] else j
            parent = _gazetteer_at(toks, j, caps) if end > j else None
            own = end == j or (parent and (not entry["parent"] or entry["parent"] in (
                parent[1]["code"], parent[1]["name"])))
            if end > j and tuple(toks.keys[j:end]) == ("việt", "nam"):
                own, parent = True, None
            if own:
                mend = j + len(parent[0]) if parent and entry["parent"] else j
                k = acc.add(_entry_key(entry), entry["name"], entry["code"], entry["kind"],
                            toks.text(mention_start, mend), True)
                hits.append((mention_start, mend, k))
                i = j
                continue
            name = toks.text(i, end)
            k = acc.add("n:" + _base_key(name), expand_abbreviations(name), None, entry["kind"],
                        toks.text(mention_start, end), False)
            hits.append((mention_start, end, k))
            i = j if parent or _head_at(toks, j, caps) else end
            continue
        head = _head_at(toks, i, caps or office)
        if head:
            keys, display, kind, needs, _ = head
            j = i + len(keys)
            if needs == "parent" and (_gazetteer_at(toks, j, caps) or _head_at(toks, j, caps)):
                prefix = (mention_start, j)
                i = j
                continue
            portfolio = _portfolio_at(toks, j) if needs == "portfolio" else None
            if portfolio:  # "Sở GD&ĐT Hà Nội" is Sở Giáo dục và Đào tạo Hà Nội
                k, full = portfolio
                end = extend(toks, k, _stop, caps) if toks.joined(k) and kind != "ministry" else k
                name = (display if caps or office else toks.text(i, j)) + " " + full + (" " + toks.text(k, end) if end > k else "")
                k = acc.add("n:" + _base_key(name), name, None, kind, toks.text(mention_start, end), False)
                hits.append((mention_start, end, k))
                i = end
                continue
            own_words = head_words().get(display, frozenset())
            end = extend(toks, j, _stop, caps, own_words, _nested_trade) if toks.joined(j) else j
            if end == j and (needs in ("name", "word", "portfolio", "number") or own_words) and toks.joined(j):
                end = _lowercase_start(toks, j, caps, own_words)
            if end == j and needs == "name":
                end = _parent_after_dash(toks, j, caps)
            end = _without_foreign_holder(toks, i, j, end)
            name_toks = toks.words[j:end]
            if end == j or _inside_a_name(toks, i, caps) or (needs == "number" and not any(c.isdigit() for w in name_toks for c in w)) \
                    or (needs == "brand" and not _is_brand(toks, j, end)) \
                    or (needs == "force" and (any(s < i < e for s, e, _ in hits)  # "Học viện Hải quân Mỹ"
                                              or not (_is_brand(toks, j, end) or _ends_in_country(toks, j, end)))) \
                    or (needs in ("word", "portfolio") and toks.words[j][0].isdigit()):
                i = j
                continue
            if any(tuple(toks.keys[i:i + len(b)]) == b for b in governing_bodies()):
                i = j
                continue
            head_text = display if caps or office else toks.text(i, j)
            name = head_text + " " + toks.text(j, end)
            code = name_toks[0] if kind == "factory" and _FACTORY_CODE.match(name_toks[0]) else None
            k = code or (_military_key(display, name_toks) if kind == "military_unit" else None)
            k = acc.add(k or "n:" + _base_key(name), expand_abbreviations(name), code, kind,
                        toks.text(mention_start, end), False)
            hits.append((mention_start, end, k))
            i = j
            continue
        if _Z_CODE.match(toks.words[i]):
            code = toks.words[i]
            k = acc.add(code, "Nhà máy " + code, code, "factory", code, False)
            hits.append((i, i + 1, k))
        i += 1


@cache
def brand_heads():
    """Maps a first token key to the brand heads it opens, longest first."""
    index = {}
    for line in data_lines("brand_heads.txt"):
        keys = _token_keys(line)
        index.setdefault(keys[0], []).append(keys)
    for cands in index.values():
        cands.sort(key=len, reverse=True)
    return index


@cache
def not_brands():
    return frozenset(key(line.strip()) for line in data_lines("not_brands.txt"))


_BRAND_JOINERS = ("and", "&", "of", "-")
# Words that end a descriptor: a person ("tập đoàn ông X"), a possessive or a list.
_NOT_DESCRIPTORS = frozenset(("ông", "bà", "anh", "chị", "của", "và", "các", "những", "này", "đó", "tại", "ở", "với", "cho"))


def _brand_end(toks, k):
    """End of a foreign or brand name at token k: acronyms ("NCC") and capitalized
    words that are no Vietnamese syllable ("Yeochun"), joined by "and", "&", "of"."""
    common, start, excluded = names.syllables(), k, not_brands()
    while k < len(toks) and (k == start or toks.joined(k)) and toks.keys[k] not in excluded:
        if (toks.is_acronym(k) and toks.words[k].isascii()) or (toks.is_cap(k) and toks.keys[k] not in common):
            k += 1
        elif k > start and toks.keys[k] in _BRAND_JOINERS and (toks.is_acronym(k + 1) or (
                toks.is_cap(k + 1) and toks.keys[k + 1] not in common)):
            k += 1
        else:
            break
    return k


def _scan_brands(toks, acc):
    """"công ty hóa dầu PCS (Singapore) và Chandra Asri (Indonesia)": a common noun,
    up to three lowercase words, then brand names, each a unit."""
    i, n = 0, len(toks)
    index = brand_heads()
    if index.keys().isdisjoint(toks.keys):
        return  # most lines name no company in lower case: not read token by token
    while i < n:
        cands = index.get(toks.keys[i])
        head = cands and next((h for h in cands if tuple(toks.keys[i:i + len(h)]) == h), None)
        if not head:
            i += 1
            continue
        k = i + len(head)
        while k < len(toks) and k - i - len(head) < 3 and toks.joined(k) and toks.is_word(k) \
                and not toks.is_cap(k) and not toks.words[k][0].isdigit() and toks.keys[k] not in _NOT_DESCRIPTORS:
            k += 1
        if k == i + len(head) and toks.is_cap(i):
            i = k  # "Công ty Oliver Design": the head rule has it
            continue
        mention_start = i
        dated = names.date_name_end(toks, k) if k == i + len(head) and toks.joined(k) else k
        if dated > k:  # "công ty 3/2 Hòa Bình": a company named by a day, and its place
            end = extend(toks, dated, _stop) if toks.joined(dated) and toks.is_cap(dated) else dated
            name = toks.words[i].capitalize() + " " + toks.text(i + 1, end)
            acc.add("n:" + _base_key(name), name, None, "company", toks.text(mention_start, end), False)
            i = end
            continue
        while True:
            end = _brand_end(toks, k) if toks.joined(k) else k
            if end == k:
                break
            name = toks.text(k, end)
            acc.add("n:" + _base_key(name), name, None, "company", toks.text(mention_start, end), False)
            k = end
            if k + 2 < len(toks) and toks.words[k] == "(" and toks.is_cap(k + 1):
                close = k + 1
                while close < len(toks) and toks.words[close] != ")" and close - k < 5:
                    close += 1
                k = close + 1 if close < len(toks) and toks.words[close] == ")" else k
            if k < len(toks) and toks.keys[k] == "và":
                k, mention_start = k + 1, k + 1
                continue
            break
        i = max(k, i + 1)


def _link_parentheses(toks, hits, acc):
    """"X (ABC)" makes ABC a mention of X; "X (tên giao dịch của Y)" makes X and Y one."""
    by_start = {s: k for s, _, k in hits}
    for s, e, k in hits:
        if e >= len(toks) or toks.words[e] != "(":
            continue
        if toks.is_acronym(e + 1) and e + 2 < len(toks) and toks.words[e + 2] == ")":
            unit = acc.units.get(acc.find(k))
            if unit is not None and toks.words[e + 1] not in unit["mentions"]:
                unit["mentions"].append(toks.words[e + 1])
            continue
        for phrase in _SAME_UNIT:
            if tuple(toks.keys[e + 1:e + 1 + len(phrase)]) == phrase:
                other = by_start.get(e + 1 + len(phrase))
                if other:
                    acc.union(other, k)
                break


def _cluster_at(toks, i):
    """(end, name) of an emulation cluster name at token i, or None. An unclosed quote
    ends at a parenthesis or the sentence; a trailing "năm 2024" is no part of the name.
    A cluster named by its members' kind ("Cụm thi đua các viện nghiên cứu") ends
    with the words of that kind's trade or of names."""
    if tuple(toks.keys[i:i + 3]) != _CLUSTER or not toks.is_cap(i):
        return None
    j = i + 3
    if j < len(toks) and toks.words[j] in _QUOTES_OPEN:
        k = j + 1
        while k < len(toks) and toks.words[k] not in _QUOTES_CLOSE and toks.words[k] not in "(.;":
            k += 1
        if k == j + 1:
            return None
        inner = _YEAR_TAIL.sub("", toks.text(j + 1, k))
        end = k + 1 if k < len(toks) and toks.words[k] in _QUOTES_CLOSE else k
        return end, f"Cụm thi đua “{inner}”"
    if j + 1 < len(toks) and toks.keys[j] == "số" and toks.is_code(j + 1):
        return j + 2, toks.text(i, j + 2)  # "Cụm thi đua số 4"
    head = toks.keys[j:j + 1] == ["các"] and toks.joined(j + 1) and _head_at(toks, j + 1, True)
    if head:  # "Cụm thi đua các viện nghiên cứu": the kind of its members, its trade
        k = j + 1 + len(head[0])
        own = head_words().get(head[1], frozenset())
        while k < len(toks) and toks.joined(k) and not toks.is_cap(k) and (
                n := toks.phrase_at(k, own) or toks.phrase_at(k, names.name_words())):
            k += n
        return (k, toks.text(i, k)) if k > j + 1 + len(head[0]) else None
    if j < len(toks) and toks.keys[j] == "khối":
        k = j + 1 + max(1, toks.phrase_at(j + 1, names.dictionary()))
        if k > len(toks) or not toks.is_word(k - 1):
            return None
        k = extend(toks, k, _stop) if toks.joined(k) and toks.is_cap(k) else k
        return k, _YEAR_TAIL.sub("", toks.text(i, k))
    return None


def _members(toks, end, acc):
    """Unit keys listed as "(gồm các Nhà máy: Z143, Z175)" right after a cluster name."""
    if end >= len(toks) or toks.words[end] != "(" or toks.keys[end + 1:end + 2] != ["gồm"]:
        return []
    close = end + 2
    while close < len(toks) and toks.words[close] != ")":
        close += 1
    inner = toks.line[toks.ends[end + 1]:toks.starts[close] if close < len(toks) else len(toks.line)]
    head = None
    if ":" in inner:
        head, inner = inner.split(":", 1)
        head = re.sub(r"^\s*các\s+", "", head).strip()
    keys = []
    for item in re.split(r"[,;]|\svà\s", inner):
        item = item.strip()
        if not item:
            continue
        if head and names.TOKEN.fullmatch(item):
            item = f"{head} {item}"
        item_toks = Tokens(item)
        item_hits = []
        _scan_line(item_toks, False, acc, item_hits)
        if item_hits:
            keys.append(item_hits[0][2])
    return keys


def _merge_prefixes(acc):
    """A unit found only by its head rule whose name starts another unit's name is that
    unit ("Bộ CHQS tỉnh" and "Bộ CHQS tỉnh Nghệ An", "Cảnh sát PCCC TP" and "Cảnh sát
    PCCC TP.HCM") when exactly one such unit exists."""
    keyed = [(k, match_key(u["_names"][0])) for k, u in acc.units.items()]
    for k, name in keyed:
        unit = acc.units.get(acc.find(k))
        if unit is None or unit["_gaz"] or unit["code"] or acc.find(k) != k:
            continue
        longer = {acc.find(o) for o, other in keyed if other != name and other[len(name):len(name) + 1] in (" ", ".")
                  and other.startswith(name) and acc.find(o) != k}
        if len(longer) == 1:
            acc.union(longer.pop(), k)


_TRADE_NAME = r"Công ty TNHH (?:Một thành viên|MTV) [^\W\d_][^,.;:()\n\d]{0,50}? {nn}(?!\d)"


def _join_trade_names(acc, text):
    """"Công ty TNHH MTV Hóa chất 21" is the trade name of Nhà máy Z121: the company
    whose name ends in NN joins factory Z1NN when the article names both. The
    trade name is looked up in the text itself, since its lowercase words
    ("Cơ khí chính xác 11") end an ordinary name early."""
    codes = {u["code"]: k for k, u in acc.units.items() if u["code"] and re.fullmatch(r"Z1\d\d", u["code"])}
    for code, factory in codes.items():
        factory = acc.find(factory)
        for m in re.finditer(_TRADE_NAME.replace("{nn}", code[2:]), text, re.IGNORECASE):
            mention = m.group()
            for k, unit in list(acc.units.items()):
                if unit["kind"] == "company" and k != factory and \
                        any(match_key(mention).startswith(match_key(x)) for x in unit["mentions"]):
                    acc.union(factory, k)
                    factory = acc.find(factory)
            if mention not in acc.units[factory]["mentions"]:
                acc.units[factory]["mentions"].append(mention)


def extract_units(text, title=None):
    """Units named in the title and text, each once:
    [{"name", "code", "mentions", "kind"(, "members")}] in order of first mention."""
    acc = _Units()
    clusters = []
    lines = ([title] if title else []) + (text or "").split("\n")
    for line in lines:
        toks = names.tokens(line)
        caps = is_caps_line(line)
        hits = []
        _scan_line(toks, caps, acc, hits)
        _link_parentheses(toks, hits, acc)
        if not caps:
            _scan_brands(toks, acc)
        for i in (range(len(toks)) if _CLUSTER[0] in toks.keys else ()):
            found = toks.keys[i] == _CLUSTER[0] and _cluster_at(toks, i)
            if found:
                end, name = found
                k = acc.add("c:" + _base_key(name), name, None, "cluster", toks.text(i, end), False)
                clusters.append((k, _members(toks, end, acc)))
    for k, members in clusters:
        unit = acc.units.get(acc.find(k))
        if unit is not None and members:
            unit.setdefault("members", []).extend(members)
    for entry, mention in acc.weak:
        k = acc.find(_entry_key(entry))
        if k in acc.units and mention not in acc.units[k]["mentions"]:
            acc.units[k]["mentions"].append(mention)
    _merge_prefixes(acc)
    _join_trade_names(acc, "\n".join(lines))
    out = []
    for unit in acc.units.values():
        name = _display_name(unit)
        item = {"name": name, "code": unit["code"], "mentions": unit["mentions"], "kind": unit["kind"]}
        if unit.get("members"):
            seen = []
            for m in unit["members"]:
                member = acc.units.get(acc.find(m))
                if member is not None:
                    mname = _display_name(member)
                    if mname not in seen:
                        seen.append(mname)
            item["members"] = seen
        out.append(item)
    return out


def _display_name(unit):
    """The gazetteer's name; else the name that carries the code, is written in
    normal case, and is the longest."""
    if unit["_gaz"]:
        return unit["name"]

    def rank(name):
        # written in capitals: its head is ("NHÀ MÁY Z175"; acronyms after a head are not: "Cảnh sát PCCC TP.HCM")
        first = [c for c in name.split(" ", 1)[0] if c.isalpha()]
        shouting = len(first) >= 2 and all(c.isupper() for c in first) and " " in name
        return (bool(unit["code"]) and unit["code"] in name, not shouting, len(name))
    best = max(unit["_names"], key=rank)
    # the same name in fewer capitals (a headline's "Cụm thi đua “ĐIỆN TỬ – QUANG HỌC”", its head read as a head)
    return min((n for n in unit["_names"] if n.casefold() == best.casefold()), key=lambda n: sum(map(str.isupper, n)))

"""Officers named in an article: rank, personal name and the positions that follow.

A person is listed when the text names them the way official reports do: a
military rank (data/ranks.tsv), in any case ("thượng tướng" in agency copy,
"ĐẠI TÁ" in a headline), followed by two to four capitalised syllables, or
"đồng chí" followed by a personal name that opens with a family name
(data/surnames.txt). After a rank the family name list does not gate: a rare
family name (Tào, Ma, Sùng) is still a name, but a name it does not know must
not be a position title ("Đại tá Phó Chính ủy") or end inside a word ("Đại tá
Chính ủy"). A foreign name may be written with hyphens ("đại tá Ma-ca Ác-xê-nen-cô",
"Suhail al-Hassan"). A name cut short by an ellipsis ("Nguyễn Văn...") is nobody. The positions written after the
name ("Trung tướng X, Phó BTĐU, Chủ nhiệm Tổng cục CNQP") are split on commas
and dashes and their abbreviations written out (data/abbreviations.tsv); unit
names inside a position stay as written ("Phó Chính ủy Tổng cục CNQP"). Bylines
and historical figures quoted in the text are not officers present, so they are
left out.
"""
from functools import cache

from ingest.language import names
from ingest.language.names import (data_lines, expand_abbreviations, extend, historical, is_caps_line, key,
                                   starts_person, surnames)
from ingest.language.normalize import fold, match_key

_SEPARATORS = {",", "-", "–", "—", ";"}
_MAX_NAME = 4


def _keys(text):
    return tuple(key(w) for w in text.split())


@cache
def ranks():
    """{first key: [(keys, canonical rank)]}, longest first so "Phó Đô đốc" wins over
    "Đô đốc"; indexed by first word, since every token of every line is tried."""
    out = {}
    for line in data_lines("ranks.tsv"):
        rank = line.split("\t")[0]
        out.setdefault(_keys(rank)[0], []).append((_keys(rank), rank))
    return {first: sorted(cands, key=lambda r: -len(r[0])) for first, cands in out.items()}


@cache
def _openings():
    """First words of a rank, and "đồng" of "đồng chí": where a person may be named."""
    return frozenset(ranks()) | {"đồng"}


@cache
def position_heads():
    return frozenset(_keys(line) for line in data_lines("position_heads.txt"))


def _rank_at(toks, i):
    """(length, canonical rank) of a rank written at token i, in any case."""
    cands = ranks().get(toks.keys[i]) if i < len(toks) else None
    if not cands:
        return None
    for keys, rank in cands:
        if tuple(toks.keys[i:i + len(keys)]) == keys and all(toks.joined(k) for k in range(i + 1, i + len(keys))):
            return len(keys), rank
    return None


@cache
def academic_titles():
    return frozenset(key(line.strip()) for line in data_lines("academic_titles.txt"))


def _title_at(toks, k):
    """An academic or honorary title (data/academic_titles.txt), or any other word in
    capitals right before a name in normal case ("TTND Trần Quốc Vinh")."""
    return toks.keys[k] in academic_titles() or (
        toks.is_acronym(k) and toks.is_cap(k + 1) and not toks.is_acronym(k + 1) and toks.joined(k + 1))


def _after_titles(toks, j):
    """Skip titles between a rank and the name ("Đại tá, PGS.TS Nguyễn Văn A")."""
    k = j
    while k < len(toks) and (toks.words[k] in ",." or _title_at(toks, k)):
        k += 1
    return k if any(_title_at(toks, x) for x in range(j, k)) else j


def _name_end(toks, j, caps=False, ranked=False):
    """End of a personal name at token j: a family name and one to three more
    capitalized syllables, cut before a position title or a credit label (on a
    line in capitals, where every word looks like a name, the usual three
    syllables). After a rank (ranked) the first syllable need not be a known
    family name, if what follows cannot be read as anything but a name."""
    known = toks.keys[j] in surnames()
    if not toks.is_cap(j) or not toks.joined(j) or not (known or (ranked and not caps)):
        return j
    k = j + 1
    while k < len(toks) and k - j < (3 if caps else _MAX_NAME) and toks.joined(k) and toks.is_cap(k) \
            and not toks.is_code(k) and not toks.phrase_at(k, position_heads()) and not _shouted(toks, j, k):
        k += 1
    if k - j < 2 or _cut_short(toks, k):
        return j
    if not known and (toks.phrase_at(j, position_heads()) or _runs_into_word(toks, k)):
        return j
    return k


def _tight_dash(toks, k):
    """A hyphen with no space on either side ("Ma-ca")."""
    return 0 < k < len(toks) - 1 and toks.words[k] == "-" and toks.ends[k - 1] == toks.starts[k] \
        and toks.ends[k] == toks.starts[k + 1]


def _hyphenated_end(toks, j):
    """End of a foreign name after a rank written with hyphens, two to four parts
    ("đại tá Ma-ca Ác-xê-nen-cô", "Thiếu tướng Suhail al-Hassan"): each part a
    capitalized word and the syllables hyphened to it, or a lowercase particle
    hyphened to a capitalized word; j when no part has a hyphen."""
    k, parts, hyphened = j, 0, False
    while parts < _MAX_NAME and k < len(toks) and (k == j or toks.joined(k)) and toks.is_word(k) \
            and not toks.is_code(k) and not toks.phrase_at(k, position_heads()):
        if not (toks.is_cap(k) or (_tight_dash(toks, k + 1) and toks.is_cap(k + 2))):
            break
        k += 1
        while _tight_dash(toks, k) and toks.is_word(k + 1):
            k, hyphened = k + 2, True
        parts += 1
    return k if hyphened and parts >= 2 else j


def _shouted(toks, j, k):
    """A word in capitals after a name in normal case is no part of it: a photo
    credit ("Nguyễn Văn Viện ẢNH: Tuấn Huy") or a heading glued on."""
    return toks.is_acronym(k) and not toks.is_acronym(j)


def _cut_short(toks, k):
    """A name followed by an ellipsis ("Thiếu tướng Nguyễn Văn...") was cut by the page."""
    return toks.line[toks.ends[k - 1]:toks.ends[k - 1] + 2].startswith(("..", "…"))


def _runs_into_word(toks, k):
    """The last capitalized syllable makes one word with the lowercase one after it
    ("Chính ủy", "Tư lệnh"): a title, not the end of a name."""
    return k < len(toks) and toks.joined(k) and toks.is_word(k) and not toks.is_cap(k) \
        and (toks.keys[k - 1], toks.keys[k]) in names.dictionary()


def _display(words):
    """"HỒ QUANG TUẤN" -> "Hồ Quang Tuấn"; names already in normal case are kept."""
    return " ".join(w[0] + w[1:].lower() if w.isupper() else w for w in words)


def _segment_end(toks, p):
    """End of one position title starting at token p: the title words ("Phó",
    "Chính ủy", "Phó tổng Tham mưu trưởng"), then the name of what is led."""
    titles, k = position_heads(), p
    while k < len(toks) and (k == p or toks.joined(k)):
        n = toks.phrase_at(k, titles)
        if n:
            k += n
        elif toks.keys[k] == "tổng" and k > p and toks.phrase_at(k + 1, titles):
            k += 1  # "Phó tổng Tham mưu trưởng"
        elif toks.keys[k] == "trưởng" and k > p:
            k += 1  # "Phó Đội trưởng"
        else:
            break
    return extend(toks, k, starts_person) if toks.joined(k) else k


def _positions(toks, e):
    """Positions written after a name ending at token e."""
    out = []
    while e < len(toks) and toks.words[e] in _SEPARATORS:
        p = e + 1
        if not (toks.is_word(p) and toks.phrase_at(p, position_heads())
                and (toks.is_cap(p) or toks.is_acronym(p))):
            break
        e = _segment_end(toks, p)
        out.append(expand_abbreviations(toks.text(p, e)))
    return out


def _excluded(name, author):
    if _keys(name) in historical():
        return True
    return bool(author) and fold(name) == fold(author)


def extract_people(text, author=None):
    """People named with a rank or as "đồng chí", each once:
    [{"name", "rank", "positions", "mentions"}] in order of first mention."""
    people = {}
    for line in (text or "").split("\n"):
        toks = names.tokens(line)
        caps = is_caps_line(line)
        i, n, keys, opening = 0, len(toks), toks.keys, _openings()
        while i < n:
            if keys[i] not in opening:
                i += 1  # most words open neither a rank nor "đồng chí"
                continue
            rank, j = None, i
            found = _rank_at(toks, i)
            if found:
                j, rank = _after_titles(toks, i + found[0]), found[1]
            elif toks.keys[i] == "đồng" and toks.keys[i + 1:i + 2] == ["chí"] and toks.joined(i + 1):
                j = i + 2
                found = _rank_at(toks, j)
                if found:
                    j, rank = j + found[0], found[1]
            if j == i or not toks.joined(j):
                i += 1
                continue
            e = _name_end(toks, j, caps, ranked=rank is not None)
            if e == j and rank and not caps:
                e = _hyphenated_end(toks, j)
            if e == j:
                i = j
                continue
            name = _display(toks.text(j, e).split())
            if _excluded(name, author):
                i = e
                continue
            person = people.setdefault(match_key(name), {"name": name, "rank": None, "positions": [],
                                                         "mentions": 0, "_ranks": []})
            person["mentions"] += 1
            if rank:
                person["_ranks"].append(rank)
            for pos in _positions(toks, e):
                if pos not in person["positions"]:
                    person["positions"].append(pos)
            i = e
    out = []
    for person in people.values():
        found = person.pop("_ranks")
        if found:
            person["rank"] = max(found, key=lambda r: (found.count(r), -found.index(r)))
        out.append(person)
    return out

"""Likely namesakes: where one name's articles cannot be one person's career.

One name is one person in the authority (ingest.authority.people) until the
archivist splits it. This module reads the evidence that it is two people and
says, in `thidua people`'s check column, which articles to split off:

- ranks: a career does not go down (data/rank_order.txt). The dated mentions are
  parted, oldest first, into as few rising careers as the ranks allow; a second
  career is a rank reported lower after a higher one. When the two careers' posts
  name organisations and none is shared (nor one inside the other), the name is
  likely two people; otherwise the lower rank may as well be misread.
- posts: a post one holds in one organisation at a time (data/sole_posts.txt,
  "Giám đốc", "Chính ủy") reported in the same year in two unrelated
  organisations ("Giám đốc Nhà máy Z129" and "Giám đốc Nhà máy Z121").

These are flags, not splits. On the archive of the sample corpus, the real pages
of ../shared and 3,756 baomoi articles, 35 of 151 people are named in more than one
article and none is two people, so no splitting rule could be checked against a
real namesake; a wrong automatic split would hide a person's articles from their
own timeline. The archivist decides (`thidua people split`).
"""
import functools

from ingest.authority import keys
from ingest.extract.units import extract_units
from ingest.language.normalize import match_key
from ingest.language.wordlists import lines

SHOWN_IDS = 6


@functools.cache
def seniority():
    """{match_key(rank): seniority}, 0 the highest (data/rank_order.txt)."""
    return {match_key(rank): i for i, rank in enumerate(lines("rank_order.txt"))}


@functools.cache
def sole_posts():
    return {match_key(post) for post in lines("sole_posts.txt")}


def check(db, mentions):
    """The check of one person: '' when nothing points at namesakes, else what does and
    which articles to split off. mentions: [(article id, day 'YYYY-MM-DD…' or None,
    rank or None, [positions])], oldest first."""
    return _by_rank(db, mentions, seniority()) or _by_post(db, mentions)


def _by_rank(db, mentions, order):
    """Each dated, ranked mention joins the rising career whose rank now is the closest
    at or below its own, else starts one: more than one career is a rank gone down."""
    careers = []  # [seniority now, [mentions]]: a career's rank only rises (seniority falls)
    for mention in mentions:
        held = order.get(match_key(mention[2] or ""))
        if held is None or not mention[1]:
            continue
        fits = [c for c in careers if c[0] >= held]
        if fits:
            career = min(fits, key=lambda c: c[0])
            career[0] = held
            career[1].append(mention)
        else:
            careers.append([held, [mention]])
    if len(careers) < 2:
        return ""
    first, later = careers[0][1], [m for c in careers[1:] for m in c[1]]
    high = min(first, key=lambda m: order[match_key(m[2])])
    low = later[0]
    said = f"{high[2]} ({high[1][:4]}) then {low[2]} ({low[1][:4]})"
    ours, theirs = _organisations(db, first), _organisations(db, later)
    if ours and theirs and not _related(db, ours, theirs):
        return f"rank went down, no unit shared: {said}; namesakes: split {_ids(later)}"
    return f"rank went down: {said}; a misread rank, or namesakes? (split {_ids(later)})"


def _by_post(db, mentions):
    """A sole post in the same year in an organisation unrelated to the first one named."""
    held = {}  # (post, year) -> [(organisation, mention)]
    for mention in mentions:
        if not mention[1]:
            continue
        for post, organisation in _posts(db, mention[3]):
            held.setdefault((post, mention[1][:4]), []).append((organisation, mention))
    for (post, year), rows in held.items():
        first = rows[0][0]
        apart = [(org, m) for org, m in rows if not _related(db, {first}, {org})]
        if apart:
            title = next(p for p in lines("sole_posts.txt") if match_key(p) == post)
            return (f"{title} of {first} and of {apart[0][0]} in {year}: namesakes? "
                    f"(split {_ids([m for _, m in apart])})")
    return ""


def _posts(db, positions):
    """[(sole post, organisation)] of a mention's positions that name one."""
    found, posts = [], sole_posts()
    for position in positions:
        units = _units(position)
        if not units:
            continue
        # the first unit as the position writes it ("Công ty TNHH MTV …"): the title is before it
        spots = sorted((position.find(form), i) for i, u in enumerate(units)
                       for form in {u["name"], *(u.get("mentions") or [])} if form and form in position)
        if not spots or spots[0][0] <= 0:
            continue
        start, i = spots[0]
        title = match_key(position[:start].strip(" ,-"))
        if title in posts:
            found.append((title, _canonical(db, units[i]["name"])))
    return found


def _organisations(db, mentions):
    """The canonical names of the organisations a group of mentions' posts name."""
    return {_canonical(db, u["name"]) for m in mentions for p in m[3] for u in _units(p)}


@functools.lru_cache(maxsize=4096)
def _units(position):
    """The units a position names (the same posts recur across a person's articles)."""
    return tuple(extract_units(position))


def _canonical(db, name):
    """The authority's name of a unit (merged, renamed, by code), else the name itself."""
    row = db.execute("SELECT e.name FROM unit_names n JOIN unit_entries e ON e.id = n.entry "
                     "WHERE n.term = ? AND n.origin != 'weak'", (keys.term(name),)).fetchone()
    return row[0] if row else name


def _related(db, ours, theirs):
    """Whether an organisation of one group is one of the other's, holds it or is held
    in its name ("Phòng CSGT" in "Phòng CSGT Công an tỉnh Hòa Bình"), or is its parent."""
    lineages = {}

    def lineage(name):  # each name's looked up once per call
        if name not in lineages:
            out, seen = {keys.name_key(name)}, name
            for _ in range(8):  # parents of parents, a gazetteer's depth at most
                row = db.execute("SELECT p.name FROM unit_entries e JOIN unit_entries p ON p.code = e.parent "
                                 "OR p.name = e.parent WHERE e.name = ?", (seen,)).fetchone()
                if row is None:
                    break
                seen = row[0]
                out.add(keys.name_key(seen))
            lineages[name] = out
        return lineages[name]

    for a in ours:
        for b in theirs:
            if keys.name_key(a) in lineage(b) or keys.name_key(b) in lineage(a):
                return True
            if keys.within(keys.name_key(a), keys.name_key(b)) or keys.within(keys.name_key(b), keys.name_key(a)):
                return True
    return False


def _ids(mentions):
    ids = list(dict.fromkeys(m[0][:8] for m in mentions))
    return " ".join(ids[:SHOWN_IDS]) + (" …" if len(ids) > SHOWN_IDS else "")

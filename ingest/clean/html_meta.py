"""Title, publication date and author of a parsed page, from what publishers put in it:
meta tags and JSON-LD for machines, the <h1>, byline elements and datelines for readers.

Machine metadata is preferred for the date (it is exact) and the visible <h1> for the
title (og:title is often rewritten for social media). Author meta tags often hold the
site's name, so a value is only taken when it reads as a person and is not the site.
"""
import html
import json
import re
from urllib.parse import urlsplit

from ingest.clean import byline
from ingest.clean import dateline
from ingest.language.normalize import fold, match_key
from ingest.scrape.urlnorm import canonical_url

_DATE_KEYS = ("article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
              "publish-date", "dc.date.issued", "dcterms.created", "article:published", "date", "dc.date")
# Article-level author tags; the page-level <meta name="author"> is often the CMS user
# ("Super User") or the site, so it is only a last resort (WEAK_AUTHOR_KEYS).
_AUTHOR_KEYS = ("article:author", "dable:author", "citation_author", "byl", "parsely-author")
WEAK_AUTHOR_KEYS = ("author", "dc.creator")
_TITLE_SPLIT = re.compile(r"\s+[-|–—:»]\s+")
_BYLINE_HINT = re.compile(r"author|byline|writer|tac-?gia|tacgia|nguoi-?viet", re.I)
_DATE_HINT = re.compile(r"date|time|publish|ngay-?dang|thoigian", re.I)
_WORDS = re.compile(r"\w+")


def text_of(el):
    return " ".join(el.text_content().split())


def meta_map(root):
    """meta property/name/itemprop (lower case) -> contents, in page order."""
    metas = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        value = el.get("content")
        if key and value and value.strip():
            metas.setdefault(key.strip().lower(), []).append(value.strip())
    return metas


def json_ld(root):
    """The objects of the page's JSON-LD blocks, flattened (lists and @graph opened)."""
    out = []
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            continue  # many sites ship broken JSON-LD; the other sources remain
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return out


def site_url(root, metas, source=None):
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower() and link.get("href"):
            return link.get("href")
    return (metas.get("og:url") or [source or ""])[0]


def canonical_link(root, metas, base=None):
    """The page's own address, as it names it (<link rel="canonical">, else og:url), in
    canonical form; None when it names none, or names one that cannot identify an
    article: not http(s), or a site's home page (some sites name it on every page)."""
    named = [link.get("href") for link in root.iter("link")
             if "canonical" in (link.get("rel") or "").lower() and link.get("href")]
    for href in named + metas.get("og:url", []):
        url = canonical_url(href, base if base and "://" in base else None)
        if url and urlsplit(url).path.strip("/"):
            return url
    return None


def site_names(metas, url):
    """Folded, space-free forms of the site's names: 'dantri' for 'Dân Trí' on dantri.com.vn."""
    host = (urlsplit(url).hostname or "") if "://" in (url or "") else ""
    names = {part for part in host.split(".") if len(part) > 3 and part not in ("www", "com")}
    names |= {fold(n).replace(" ", "") for n in metas.get("og:site_name", [])}
    return names


def overlap(a, b):
    wa, wb = set(_WORDS.findall(a.lower())), set(_WORDS.findall(b.lower()))
    return len(wa & wb) / max(1, len(wa | wb))


def _title_tag(root):
    """<title> without its site-name part: the first part, unless it is only a name
    repeated inside a later part ("Nhà máy Z195 - Nhà máy Z195 kỷ niệm 50 năm …")."""
    title = root.find(".//title")
    if title is None or not (title.text or "").strip():
        return None
    parts = [p for p in _TITLE_SPLIT.split(title.text.strip()) if len(p.split()) >= 3]
    keys = [match_key(p) for p in parts]
    parts = [p for p, k in zip(parts, keys) if not any(k != other and k in other for other in keys)]
    return parts[0] if parts else title.text.strip()


def find_title(root, metas, ld):
    """The visible headline: the <h1> that agrees best with og:title (or <title>, when
    there is no og:title, so that a logo in an <h1> loses), else og:title, else <title>
    without its site-name part. Returns (title, its element or None)."""
    social = (metas.get("og:title") or metas.get("twitter:title") or metas.get("headline")
              or [o["headline"] for o in ld if isinstance(o.get("headline"), str)] or [None])[0]
    tag = _title_tag(root)
    reference = social or tag
    h1s = [(text_of(h), h) for h in root.iter("h1")]
    h1s = [(t, h) for t, h in h1s if len(t.split()) >= 3]
    if h1s and reference:
        best = max(h1s, key=lambda th: overlap(th[0], reference))
        if overlap(best[0], reference) >= 0.3:
            return best
    elif h1s:
        return h1s[0]
    return (social.strip() if social else tag), None


def find_published(root, metas, ld):
    for key in _DATE_KEYS:
        for value in metas.get(key, []):
            found = dateline.from_iso(value) or dateline.find_date(value)
            if found:
                return found
    for obj in ld:
        found = dateline.from_iso(str(obj.get("datePublished") or ""))
        if found:
            return found
    for el in root.iter("time"):
        found = dateline.from_iso(el.get("datetime") or "") or dateline.find_date(text_of(el))
        if found:
            return found
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "meta", "link", "html", "body"):
            continue
        hint = (el.get("class") or "") + " " + (el.get("id") or "") + " " + (el.get("itemprop") or "")
        if _DATE_HINT.search(hint):
            text = text_of(el)
            if len(text) <= 120:
                found = dateline.find_date(text)
                if found:
                    return found
    return None


def date_near(title_el, limit=8):
    """A dateline among the few elements after the headline (its siblings, then its
    parents' siblings), for pages that give the date only to readers."""
    el, seen = title_el, 0
    while el is not None and seen < limit:
        for sib in el.itersiblings():
            if not isinstance(sib.tag, str):
                continue
            seen += 1
            if seen > limit:
                return None
            text = sib.text_content()
            if len(text) <= 200:
                found = dateline.find_date(" ".join(text.split()))
                if found:
                    return found
        el = el.getparent()
    return None


def _person_value(value, sites):
    if not value or "://" in value or "@" in value or value.startswith("/"):
        return None
    value = re.sub(r"^\s*(theo|by|bởi)\s+", "", html.unescape(value), flags=re.I)
    name = byline.person(value)
    if name and fold(name).replace(" ", "") in sites:
        return None
    return name


def _ld_author(ld, sites):
    for obj in ld:
        authors = obj.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict) and author.get("@type", "Person") == "Person":
                name = _person_value(str(author.get("name") or ""), sites)
            elif isinstance(author, str):
                name = _person_value(author, sites)
            else:
                name = None
            if name:
                return name
    return None


def find_author(root, metas, ld, sites):
    """From JSON-LD, then article author tags, then byline elements; None when only the
    site's own name is given (the body's byline lines are read by the cleaners)."""
    name = _ld_author(ld, sites)
    if name:
        return name
    name = meta_author(metas, sites, _AUTHOR_KEYS)
    if name:
        return name
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("meta", "link", "script", "img"):
            continue
        hint = (el.get("class") or "") + " " + (el.get("itemprop") or "") + " " + (el.get("rel") or "")
        if _BYLINE_HINT.search(hint):
            text = text_of(el)
            if 0 < len(text) <= 80:
                name = byline.byline_name(text) or _person_value(text, sites)
                if name:
                    return name
    return None


def meta_author(metas, sites, keys=WEAK_AUTHOR_KEYS):
    for key in keys:
        for value in metas.get(key, []):
            name = _person_value(value.split(";")[0], sites)
            if name:
                return name
    return None


def page_meta(root, source=None):
    """{title, title_el, published, author, weak_author, url, canonical} read from the whole page,
    before cleaning. weak_author (page-level author meta) is for when the body names no one."""
    metas, ld = meta_map(root), json_ld(root)
    url = site_url(root, metas, source)
    sites = site_names(metas, url)
    title, title_el = find_title(root, metas, ld)
    published = find_published(root, metas, ld)
    if published is None and title_el is not None:
        published = date_near(title_el)
    return {"title": title, "title_el": title_el, "published": published,
            "author": find_author(root, metas, ld, sites), "weak_author": meta_author(metas, sites), "url": url,
            "canonical": canonical_link(root, metas, source)}


# "/2025/01/15/" in an image's address: the day a CMS filed the upload
_UPLOAD_PATH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/")


def image_date(container):
    """The day the article's own images were uploaded, from their dated paths
    ("…/images/0/2025/01/15/…"), the latest one: a page that shows no date was made
    then or just after (an older file photo can be reused, a newer one cannot).
    Only images inside the article body count, not the site's logos and banners."""
    if container is None:
        return None
    found = []
    for img in container.iter("img", "source"):
        for attr in ("src", "data-src", "srcset", "data-original"):
            for m in _UPLOAD_PATH.finditer(img.get(attr) or ""):
                found.append(dateline._format(*m.groups()))
    found = [d for d in found if d]
    return max(found) if found else None

"""HTML page -> article fields: main-content detection that works on sites we have
never seen, with small per-site profiles only where the generic rule fails.

How the body is found (after readability and jusText):
1. page furniture is dropped: scripts, navigation, headers/footers, forms, iframes,
   and elements whose class or id names comments, related news, sharing, ads...;
2. every paragraph gives points (length, commas) to its parent and half to its
   grandparent; the container with the best score, discounted by its link density,
   is the article; its siblings that score well too join it;
3. its blocks are read in order; link lists are dropped, captions (figcaption, image
   tables, caption classes) are set apart; the lead (sapo) above it is added;
4. the lines go through the shared boilerplate / byline / dateline pass.
lxml is used directly: it parses several times faster than BeautifulSoup's tree.
"""
import json
import re
from functools import cache
from urllib.parse import urlsplit

from lxml import etree, html as lhtml

from ingest.clean import article_lines
from ingest.clean import dateline
from ingest.clean import deep_page
from ingest.clean import html_meta
from ingest.language.wordlists import DATA
from ingest.clean.decode import InputError

_DROP_TAGS = frozenset("""script style noscript nav header footer aside form iframe button select
    input textarea svg canvas object embed video audio template link meta map dialog menu""".split())
_BLOCK_TAGS = frozenset("""p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tbody thead tr td th
    blockquote section article main figure figcaption pre center address hr br""".split())
# Class/id words of page furniture: as substrings for unambiguous words, as whole
# dash/underscore-separated tokens for short ones ("ad", "nav", "tags").
_NEG_SUB = re.compile(r"relate|comment|binhluan|binh-luan|lienquan|lien-quan|breadcrumb|sidebar|"
                      r"social|advert|quangcao|banner|newsletter|subscribe|cookie|popup|readmore|"
                      r"most-?read|docnhieu|doc-nhieu|xemnhieu|xem-nhieu|box-?news|tinmoi|tin-moi|"
                      r"more-?news|other-?news|tin-?khac|same-?cat|cung-?chuyen-?muc|suggest|recommend|"
                      r"trending|hot-?news|noi-?bat|noibat|view-?more|outbrain|taboola|dable", re.I)
_NEG_TOKEN = re.compile(r"(?:^|[-_])(ads?|ad|nav|navbar|menu|footer|header|tags?|tag-list|keywords?|share|"
                        r"sharing|author|byline|print|audio|player|modal|login|widget|rating|vote|toolbar|"
                        r"hotline|topics?|follow|copyright|aside|listen|btn|button|icon|logo|avatar)(?:$|[-_])", re.I)
_HIDDEN_TOKEN = frozenset(("hidden", "d-none", "hide", "invisible"))  # whole class names only: "overflow-hidden" shows
_CAPTION_HINT = re.compile(r"caption|chuthich|chu-thich|img-?desc|image-?desc|photo-?desc|desc-?img|"
                           r"imgdesc|figure-?desc|expnoedit", re.I)
_SAPO_HINT = re.compile(r"sapo|chapeau|summary|lead|description|abstract|tom-?tat", re.I)
_SPACE = re.compile(r"\s+")
_KEEP = ("html", "body", "article", "main")


@cache
def _profiles():
    """domain -> {"content": XPath of the body, "drop": [XPath of junk inside it]}."""
    with open(DATA / "site_profiles.json", encoding="utf-8") as fh:
        return json.load(fh)["sites"]


def _profile(url):
    host = (urlsplit(url).hostname or "") if "://" in (url or "") else ""
    for domain, profile in _profiles().items():
        if host == domain or host.endswith("." + domain):
            return profile
    return None


def parse(html_text):
    """An lxml tree of any page, however broken; InputError when there is nothing."""
    return _parse(html_text)[0]


def _parse(html_text):
    """(tree, whether lxml stopped at its depth limit and so lost part of the page)."""
    parser = lhtml.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lhtml.document_fromstring(html_text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        raise InputError("no article text found in the page (empty or not HTML)") from None
    if root is None:
        raise InputError("no article text found in the page (empty or not HTML)")
    return root, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def _words(el):
    return (el.get("class") or "") + " " + (el.get("id") or "")


def _is_furniture(el):
    if el.tag in _DROP_TAGS:
        return True
    if el.tag in _KEEP:
        return False
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style and "none" in style and re.search(r"display\s*:\s*none", style):
        return True
    words = _words(el)
    if len(words) < 2 or _CAPTION_HINT.search(words):
        return False
    if _NEG_SUB.search(words) or _HIDDEN_TOKEN.intersection(words.split()):
        return True
    if any(_NEG_TOKEN.search(w) for w in words.split()):
        return not _holds_article(el)  # a short class word is a weak sign: never drop a whole article for it
    return False


def _holds_article(el):
    """Several paragraphs of prose with few links: what an article wrapper holds."""
    paragraphs = [p for p in el.iter("p") if len(p.text_content()) >= 80]
    return len(paragraphs) >= 3 and _link_density(el) < 0.2


def strip_furniture(root, keep=()):
    """Remove furniture elements (keeping their tail text), except ancestors of `keep`."""
    protected = set()
    for el in keep:
        while el is not None:
            protected.add(el)
            el = el.getparent()
    candidates = root.xpath("//*[@class or @id or @style or @hidden or @aria-hidden]")
    candidates += [el for el in root.iter(*_DROP_TAGS, etree.Comment, etree.ProcessingInstruction)]
    doomed = [el for el in candidates if not isinstance(el.tag, str)
              or (el not in protected and _is_furniture(el))]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _text_len(el):
    return len(el.text_content().strip())


def _link_density(el, length=None):
    length = length or _text_len(el)
    if not length:
        return 1.0
    return sum(_text_len(a) for a in el.iter("a")) / length


def _teaser(el):
    """A paragraph under a linked heading: the summary of another article in a list."""
    prev = el.getprevious()
    while prev is not None and not prev.text_content().strip():
        prev = prev.getprevious()  # an image between heading and summary
    return prev is not None and _link_density(prev) > 0.8


def best_container(root, title_el=None):
    """The element holding the article's paragraphs, by readability-style scoring.
    Summaries in lists of other articles do not count, and a container next to the
    headline is preferred over a sidebar of equal weight."""
    scores = {}
    for el in root.iter("p", "pre", "td", "blockquote", "div", "li"):
        if el.tag in ("div", "td", "li"):
            own = (el.text or "") + "".join(c.tail or "" for c in el)
            text = own.strip()
            if len(text) < 80:
                continue
        else:
            text = el.text_content().strip()
            if len(text) < 25 or _teaser(el):
                continue
        points = 1 + text.count(",") + min(len(text) / 100, 3)
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + points
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + points / 2
    if not scores:
        return None, []
    near = set(list(title_el.iterancestors())[:3]) if title_el is not None else set()
    ranked = {}
    for el, score in scores.items():
        score *= 1 - _link_density(el)
        if el.getparent() in near or el in near:
            score *= 1.5
        ranked[el] = score
    best = max(ranked, key=ranked.get)
    parent, threshold = best.getparent(), max(10, ranked[best] * 0.2)
    if parent is None:
        return best, [best]
    group = []
    for sib in parent:
        if sib is best or ranked.get(sib, 0) >= threshold:
            group.append(sib)
        elif sib.tag == "p" and _text_len(sib) >= 80 and _link_density(sib) < 0.25:
            group.append(sib)
    return best, group


def _image_table(el):
    """A layout table holding a photo and its caption (as qdnd.vn and many CMSs write)."""
    return el.tag == "table" and el.find(".//img") is not None and _text_len(el) < 400


def _data_row(tr):
    """A row of a data table (prices, results): two or more short cells. It is read as
    one line "cell | cell | cell"; the long cells of layout tables are read as text."""
    cells = [c for c in tr if c.tag in ("td", "th")]
    return len(cells) >= 2 and all(len(c.text_content()) < 100 and c.find(".//table") is None
                                   and c.find(".//img") is None for c in cells)


_CAPTION_MARK = "data-thidua-caption"


def _emphasized(el):
    """All of the element's text is in italics, or it is centred: how CMSs set a caption."""
    if "center" in (el.get("style") or "") or el.get("align") == "center":
        return True
    text = el.text_content().strip()
    italic = "".join(i.text_content() for i in el.iter("em", "i"))
    return bool(text) and len(italic.strip()) >= len(text) - 2


def mark_photo_captions(container):
    """A short italic or centred block right after a photo-only block is its caption."""
    for img in container.iter("img"):
        holder = img.getparent()
        while holder is not None and holder.tag not in ("p", "div", "figure", "td") and holder is not container:
            holder = holder.getparent()
        if holder is None or holder is container or holder.text_content().strip():
            continue
        nxt = holder.getnext()
        if nxt is not None and nxt.tag in ("p", "div", "em", "i", "span") and \
                0 < len(nxt.text_content().strip()) < 300 and _emphasized(nxt):
            nxt.set(_CAPTION_MARK, "1")


def _blocks(el, out, buf):
    """Walk in reading order; out gets (text, link_chars, is_caption) per block."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if (tag in ("figure", "figcaption") or _image_table(el) or el.get(_CAPTION_MARK)
            or (tag and _CAPTION_HINT.search(_words(el)))):
        _flush(out, buf)
        text = _SPACE.sub(" ", el.text_content()).strip()
        if text:
            out.append((text, 0, True))
        return
    if tag == "tr" and _data_row(el):
        _flush(out, buf)
        cells = [" ".join(c.text_content().split()) for c in el if c.tag in ("td", "th")]
        out.append((" | ".join(c for c in cells if c), 0, False))
        return
    block = tag in _BLOCK_TAGS
    if block:
        _flush(out, buf)
    if el.text:
        buf.append((el.text, tag == "a"))
    for child in el:
        if isinstance(child.tag, str):
            if child.tag == "a":
                buf.append((child.text_content(), True))
            else:
                _blocks(child, out, buf)
        if child.tail:
            buf.append((child.tail, tag == "a"))
    if block:
        _flush(out, buf)


def _flush(out, buf):
    if buf:
        text = _SPACE.sub(" ", "".join(t for t, _ in buf)).strip()
        if text:
            out.append((text, sum(len(t.strip()) for t, link in buf if link), False))
        buf.clear()


def _sapo(root, container, title_el):
    """The lead paragraph under the headline, when it sits outside the body container."""
    for el in root.iter():
        if not isinstance(el.tag, str) or not _SAPO_HINT.search(_words(el)):
            continue
        if title_el is not None and not _after(title_el, el):
            continue
        if container is not None and (el in container.iterancestors() or el in container.iterdescendants()
                                      or el is container):
            continue
        text = _SPACE.sub(" ", el.text_content()).strip()
        if len(text) >= 60 and _link_density(el, len(text)) < 0.3:
            return text
    return None


def _after(a, b):
    """True when b comes after a in document order."""
    for el in a.itersiblings():
        if el is b or b in el.iterancestors():
            return True
    parent = a.getparent()
    return parent is not None and parent.getparent() is not None and _after(parent, b)


def dateline_before(root, container):
    """The last line that is only a date ("15:20 | 20/12/2023") before the article body:
    where pages without date metadata show it. Site banners with today's date sit in
    headers, which are gone by now, and come earlier anyway."""
    found = None
    for el in root.iter():
        if el is container:
            break
        if isinstance(el.tag, str) and el.text and len(el.text) < 80 and dateline.is_dateline(el.text.strip()):
            found = dateline.find_date(el.text)
    return found


def article_blocks(root, meta):
    """([(line, is_caption)] of the article body in reading order, the body container)."""
    profile = _profile(meta["url"])
    group = []
    if profile:
        found = root.xpath(profile["content"])
        if found:
            for xp in profile.get("drop", []):
                for el in found[0].xpath(xp):
                    el.drop_tree()
            group = found[:1]
    keep = [meta["title_el"]] if meta["title_el"] is not None else []
    strip_furniture(root, keep)
    best = group[0] if group else None
    if not group:
        best, group = best_container(root, meta["title_el"])
    blocks = []
    for el in group:
        mark_photo_captions(el)
        _blocks(el, blocks, [])
    lines = []
    sapo = _sapo(root, best, meta["title_el"])
    if sapo:
        lines.append((sapo, False))
    for text, link_chars, is_caption in blocks:
        if not is_caption and link_chars > 0.5 * len(text):
            continue  # a list of links: related news, tags, menus
        lines.append((text, is_caption))
    return lines, best


def _headline_line(line, title):
    """A first body line that is the headline of a page without <h1>."""
    return (3 <= len(line.split()) <= 40 and not line.rstrip().endswith((".", ":"))
            and html_meta.overlap(line, title or "") >= 0.4)


def clean_html(html_text, source=None):
    """A page's article as {title, published, author, text, captions, url, image_date}:
    url is the canonical address the page names for itself, if any; image_date the
    upload day its body's images carry in their paths (see html_meta.image_date)."""
    root, too_deep = _parse(html_text)
    meta = html_meta.page_meta(root, source)
    if too_deep:  # the head is read whole; the body's text, from the fallback parser
        lines, container = deep_page.body_lines(html_text), None
    else:
        lines, container = article_blocks(root, meta)
    published = meta["published"]
    if published is None and container is not None:
        published = dateline_before(root, container)
    title = meta["title"]
    if meta["title_el"] is None and lines and _headline_line(lines[0][0], title):
        title = lines.pop(0)[0]  # a headline set in bold, the <title> only approximating it
    fields = article_lines.sort_lines(lines, title, trust_end=False)
    if not fields["text"].strip():
        raise InputError("no article text found in the page")
    return {"title": title, "published": published or fields["published"],
            "author": meta["author"] or fields["author"] or meta["weak_author"], "text": fields["text"],
            "captions": fields["captions"], "url": meta["canonical"],
            "image_date": html_meta.image_date(container)}

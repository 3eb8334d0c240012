"""Sitemaps (and sitemap indexes) and RSS/Atom feeds: lists of pages with their dates.

Both are XML a site publishes to say what it has; they are parsed without network
access or entity expansion, by local element names, so namespaces and RSS 1.0/2.0 or
Atom variants need no special cases.
"""
import re
import zlib
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from ingest.scrape.urlnorm import canonical_url

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
KINDS = {"urlset": "sitemap", "sitemapindex": "sitemap index", "rss": "feed", "RDF": "feed", "feed": "feed"}


def _local(tag):
    return etree.QName(tag).localname if isinstance(tag, str) else ""


_START = re.compile(rb"<\?xml|<(?:[\w-]+:)?(?:urlset|sitemapindex|rss|feed|RDF)\b")


def _root(body, max_bytes):
    """The XML root, or None. Sites often print a warning or a blank page before the XML
    (a PHP notice, a BOM, an HTML fragment): parsing starts at the XML declaration or
    the first known root element, wherever it stands."""
    if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz served as is
        try:
            body = zlib.decompressobj(wbits=31).decompress(body, max_bytes)
        except zlib.error:
            return None
    start = _START.search(body)
    if start is None:
        return None
    try:
        return etree.fromstring(body[start.start():], _PARSER)
    except etree.XMLSyntaxError:
        return None


def parse_date(text):
    """A date from a sitemap lastmod (ISO 8601), an RSS pubDate (RFC 822) or an Atom
    updated/published; None when absent or unreadable (such items are kept)."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _child_text(element, *names):
    for child in element:
        if _local(child.tag) in names and (child.text or "").strip():
            return child.text.strip()
    return None


def entries(body, base_url, max_bytes=20 * 1024 * 1024):
    """(kind, [(url, date or None)]) for a sitemap, sitemap index or feed; urls canonical."""
    root = _root(body, max_bytes)
    kind = KINDS.get(_local(root.tag)) if root is not None else None
    if kind is None:
        return None, []
    found = []
    if kind in ("sitemap", "sitemap index"):
        item_name = "url" if kind == "sitemap" else "sitemap"
        for item in root.iter():
            if _local(item.tag) == item_name:
                found.append((_child_text(item, "loc"), parse_date(_child_text(item, "lastmod"))))
    else:
        for item in root.iter():
            if _local(item.tag) in ("item", "entry"):
                found.append((_feed_link(item), parse_date(_child_text(item, "published", "pubDate", "date", "updated"))))
    urls = [(canonical_url(url, base_url), when) for url, when in found if url]
    return kind, [(url, when) for url, when in urls if url]


def _feed_link(item):
    for child in item:
        if _local(child.tag) != "link":
            continue
        if child.get("href") and child.get("rel", "alternate") == "alternate":
            return child.get("href")
        if (child.text or "").strip():
            return child.text.strip()
    return None

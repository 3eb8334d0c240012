"""Which links of a listing page to follow: articles, and the next pages of the listing.

A crawl never wanders: from a listing page it takes only links to articles and to
further pages of the same listing, on the same site. What counts as an article or a
next page is a set of URL patterns — generic ones in data/crawl_rules.json (Vietnamese
news articles end with a numeric id and .html, or have a long slug), or the ones a
--site-profile file gives for a host.
"""
import json
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from ingest.language.normalize import clean_text
from ingest.scrape.urlnorm import canonical_url, generic_rules, site_of

RULE_KEYS = ("article", "pagination", "pagination_text", "skip")


@dataclass(frozen=True)
class SiteRules:
    article: tuple
    pagination: tuple
    pagination_text: frozenset
    skip: tuple

    @staticmethod
    def _path(url):
        parts = urlsplit(url)
        return parts.path + ("?" + parts.query if parts.query else "")

    def is_article(self, url):
        path = self._path(url)
        return not any(p.search(path) for p in self.skip) and any(p.search(path) for p in self.article)

    def is_next_page(self, url, anchor_text="", rel=""):
        path = self._path(url)
        if any(p.search(path) for p in self.skip) or self.is_article(url):
            return False
        return ("next" in rel.lower().split() or clean_text(anchor_text).lower() in self.pagination_text
                or any(p.search(path) for p in self.pagination))


def _compile(spec, where):
    try:
        return SiteRules(
            article=tuple(re.compile(p, re.I) for p in spec["article"]),
            pagination=tuple(re.compile(p, re.I) for p in spec["pagination"]),
            pagination_text=frozenset(clean_text(t).lower() for t in spec["pagination_text"]),
            skip=tuple(re.compile(p, re.I) for p in spec["skip"]))
    except re.error as exc:
        raise ValueError(f"{where}: bad pattern {exc.pattern!r}: {exc}") from None


def load_profile(text, where="site profile"):
    """Parse a site profile: {"host": {"article": [...], "pagination": [...], ...}}.
    Keys a host leaves out keep the generic rules. Returns the plain dict (it is stored
    with the crawl so a resumed crawl uses the same rules); ValueError names the mistake."""
    try:
        profile = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(profile, dict) or not all(isinstance(v, dict) for v in profile.values()):
        raise ValueError(f'{where} must map each host to its rules, e.g. {{"qdnd.vn": {{"article": ["-\\\\d+\\\\.html$"]}}}}')
    for host, spec in profile.items():
        if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in spec.values()):
            raise ValueError(f"{where}: {host}: each rule must be a list of strings")
        unknown = set(spec) - set(RULE_KEYS)
        if unknown:
            raise ValueError(f"{where}: {host}: unknown key(s) {', '.join(sorted(unknown))} "
                             f"(expected {', '.join(RULE_KEYS)})")
        _compile({**generic_rules(), **spec}, f"{where}: {host}")
    return profile


def rules_for(url, profile=None):
    """The rules for the site of url: its profile entry (by host, without www.), else generic."""
    site = site_of(url)
    spec = next((s for host, s in (profile or {}).items() if host.lower().removeprefix("www.") == site), {})
    return _rules(json.dumps({**generic_rules(), **spec}, sort_keys=True))


@cache
def _rules(key):
    """Compiled rules, once per distinct rule set (key: the rules as sorted JSON)."""
    return _compile(json.loads(key), "rules")


def page_links(html_text, page_url, profile=None):
    """(article URLs, next-page URLs) linked from a page, canonical, on the page's site,
    in page order without repeats.

    Listing pages are parsed with BeautifulSoup over Python's html.parser, not lxml:
    a crawl meets few of them, and what matters there is reading every link of broken
    markup (unquoted attributes, unclosed tags, runaway nesting past lxml's 256 levels),
    not the milliseconds that lxml saves on article pages."""
    soup = BeautifulSoup(html_text, "html.parser")
    base_tag = soup.find("base", href=True)
    base = (canonical_url(base_tag["href"], page_url) if base_tag else None) or page_url
    rules, site = rules_for(page_url, profile), site_of(page_url)
    articles, pages = {}, {}
    for anchor in soup.find_all("a", href=True):
        url = canonical_url(anchor["href"], base)
        if not url or site_of(url) != site or url == page_url:
            continue
        if rules.is_article(url):
            articles.setdefault(url, None)
        elif rules.is_next_page(url, anchor.get_text(), " ".join(anchor.get_attribute_list("rel"))):
            pages.setdefault(url, None)
    return list(articles), list(pages)

"""The crawl loop: take the next queued URL, fetch it politely, keep it, queue its links.

One URL at a time (so one request at a time per host), in the order found. Each
answer is written to the WARC as it arrives; an article page is handed to `keep`
(the caller's one ingest path: clean, extract, store, index) at once; then the
frontier is committed — so an interrupted crawl loses nothing and, on --resume,
repeats at most the page that was in flight.

Seeds are sniffed: a sitemap, sitemap index or feed queues its entries (those older
than --since are skipped); a page whose URL looks like an article is ingested; any
other page is a listing whose article links and next pages are queued — and a seed
page with no such links is taken as an article after all.

A crawl stays on its seeds' sites. Links to other sites are never queued (see
links.page_links) and redirects are held to the same rule before they are followed:
a redirect to another site is skipped with its target named, so that a seed or an
article that moved elsewhere cannot carry the crawl — or a single request — off its
sites. "Same site" is the one rule links already use (urlnorm.site_of): the same host
name, a leading www. aside, whatever the scheme or port. So http→https and
qdnd.vn→www.qdnd.vn redirects, which real sites make all the time, are followed; a
different host name (cdn.qdnd.vn included, or 127.0.0.2 for 127.0.0.1) is not.
"""
from dataclasses import asdict, dataclass
from datetime import date
from urllib.parse import urlsplit

from ingest.scrape import frontier
from ingest.scrape import sitemaps
from ingest.clean.decode import InputError, decode
from ingest.scrape.fetch import REDIRECT_STATUSES, FetchError, declared_charset, request_headers
from ingest.scrape.links import page_links, rules_for
from ingest.scrape.politeness import HostClock, fetch_patiently
from ingest.scrape.robots import Robots
from ingest.scrape.settings import software
from ingest.scrape.urlnorm import canonical_url, site_of
from ingest.scrape.warc import WarcLog

MAX_REDIRECTS = 5
_XML_START = (b"<?xml", b"<rss", b"<urlset", b"<sitemapindex", b"<feed", b"<rdf:RDF", b"\x1f\x8b")


@dataclass(frozen=True)
class Outcome:
    url: str
    state: str                     # fetched | skipped | failed
    reason: str | None = None
    ingested: str | None = None    # new | updated | unchanged, for an article stored


class _Settled(Exception):
    """Ends the handling of one URL with a state and a reason."""

    def __init__(self, state, reason):
        super().__init__(reason)
        self.state, self.reason = state, reason


def start(db, seeds, settings):
    """Begin a crawl of seeds (canonicalized; ValueError names a URL we cannot crawl)."""
    urls = []
    for seed in seeds:
        url = canonical_url(seed)
        if url is None:
            raise ValueError(f"not an http(s) URL: {seed}")
        urls.append(url)
    run = frontier.start_run(db, urls, asdict(settings))
    with db:
        for url in urls:
            frontier.add(db, run, url, "seed", seed=True)
    return run


class Crawler:
    """Crawls one run; each article page goes to keep(body, url, charset), which
    returns how it was stored (new, updated, unchanged) or raises InputError."""

    def __init__(self, data_dir, db, run, settings, keep):
        self.db, self.run, self.settings, self.keep = db, run, settings, keep
        self.warc = WarcLog(data_dir, software())
        self.clock = HostClock(settings.delay)
        self.robots = Robots(self._get, settings.user_agent, self.clock)
        self.since = date.fromisoformat(settings.since) if settings.since else None
        self._queued = []
        # the sites this crawl may visit, from its stored seeds so that --resume keeps them
        self.sites = frozenset(site_of(seed) for seed in frontier.run_seeds(db, run))

    def _get(self, url, validators=None):
        headers = request_headers(url, self.settings.user_agent, validators)
        return fetch_patiently(url, urlsplit(url).netloc, headers, self.clock, self.settings.timeout,
                               self.settings.max_bytes, self.warc.write)

    def crawl(self, max_pages=None):
        """Yield an Outcome per URL handled, until the queue is empty (the crawl is then
        finished) or max_pages pages were requested (the rest stays queued)."""
        requested = 0
        try:
            while max_pages is None or requested < max_pages:
                item = frontier.next_queued(self.db, self.run)
                if item is None:
                    frontier.finish_run(self.db, self.run)
                    return
                outcome, asked = self._handle(item)
                requested += asked
                yield outcome
        finally:
            self.warc.close()

    def _handle(self, item):
        """Fetch and settle one queued URL; (Outcome, whether a page was requested)."""
        url, self._queued, asked = item["url"], [], False
        final, validators, status = url, None, None
        try:
            refusal = self.robots.refusal(url)
            if refusal:
                raise _Settled("skipped", refusal)
            asked = True
            response, final = self._follow(url)
            status = response.status
            ingested, note, role = self._use(item, response, final)
            self.warc.describe(response, role)
            validators = (response.header("ETag"), response.header("Last-Modified"))
            outcome = Outcome(url, "fetched", note, ingested)
        except _Settled as settled:
            outcome = Outcome(url, settled.state, settled.reason)
        except FetchError as exc:
            outcome = Outcome(url, "failed", str(exc))
        with self.db:
            frontier.settle(self.db, url, outcome.state, outcome.reason, status,
                            final_url=None if final == url else final, ingested=outcome.ingested)
            if final != url:
                frontier.settle_redirect_target(self.db, self.run, final, outcome.state, outcome.reason)
            if validators:
                frontier.remember_validators(self.db, final, *validators)
            for link, kind, state, reason in self._queued:
                frontier.add(self.db, self.run, link, kind, via=url, state=state, reason=reason)
        return outcome, asked

    def _follow(self, url):
        """GET url and its redirects, each hop on the crawl's sites, allowed by robots.txt
        and recorded. The site is checked first: asking another host for its robots.txt
        would already be a request that the crawl must not make."""
        hops = [url]
        while True:
            current = hops[-1]
            if current != url:
                if site_of(current) not in self.sites:
                    raise _Settled("skipped", f"redirects off the crawl's sites (to {current}; "
                                              f"crawling {', '.join(sorted(self.sites))})")
                refusal = self.robots.refusal(current)
                if refusal:
                    raise _Settled("skipped", f"redirects to {current}, {refusal}")
                if frontier.state_in_run(self.db, self.run, current) == "fetched":
                    raise _Settled("skipped", f"duplicate (redirects to {current}, already fetched)")
            response = self._get(current, frontier.validators(self.db, current))
            location = response.header("Location")
            if response.status not in REDIRECT_STATUSES or not location:
                return response, current
            target = canonical_url(location, current)
            if target is None:
                raise _Settled("failed", f"redirects to an address that cannot be fetched: {location}")
            if target in hops:
                raise _Settled("failed", "redirect loop")
            if len(hops) > MAX_REDIRECTS:
                raise _Settled("failed", f"too many redirects (more than {MAX_REDIRECTS})")
            hops.append(target)

    def _use(self, item, response, url):
        """Do what the page calls for; (ingested status or None, note or None, role:
        what the page was taken for)."""
        status = response.status
        if status == 304:
            raise _Settled("skipped", "unchanged (304 Not Modified)")
        if not 200 <= status < 300:
            raise _Settled("failed", f"HTTP {status} {response.reason}".strip())
        limit = self.settings.max_bytes
        too_large = _Settled("failed", f"too large (over {limit / 1024 / 1024:g} MB)")
        if response.truncated:
            raise too_large
        body = response.payload(limit)
        if len(body) > limit:  # once unzipped
            raise too_large
        content_type = (response.header("Content-Type") or "").lower()
        if "xml" in content_type or body.lstrip()[:16].startswith(_XML_START):
            kind, entries = sitemaps.entries(body, url, limit)
            if kind:
                self._queue_entries(kind, entries)
                return None, f"{kind}: {len(entries)} entries", kind
        if content_type and "html" not in content_type:
            raise _Settled("failed" if item["seed"] else "skipped", f"not a web page ({content_type.split(';')[0]})")
        charset = declared_charset(content_type, body)
        as_article = item["kind"] == "article" or (item["kind"] == "seed" and rules_for(url, self.settings.profile).is_article(url))
        if not as_article:
            try:
                articles, pages = page_links(decode(body, charset), url, self.settings.profile)
            except InputError as exc:
                raise _Settled("failed", str(exc)) from None
            self._queued += [(link, "article", "queued", None) for link in articles]
            self._queued += [(link, "listing", "queued", None) for link in pages]
            if articles or pages or item["kind"] != "seed":
                return None, f"listing: {len(articles)} articles, {len(pages)} more pages", "listing"
        return *self._ingest(body, url, charset), "article"

    def _queue_entries(self, kind, entries):
        link_kind = "sitemap" if kind == "sitemap index" else "article"
        for link, when in entries:
            if site_of(link) not in self.sites:  # a sitemap or feed may list other hosts: not this crawl's
                self._queued.append((link, link_kind, "skipped", "on another site than the crawl's seeds"))
            elif self.since and when and when < self.since:
                self._queued.append((link, link_kind, "skipped", f"older than --since ({when.isoformat()})"))
            else:
                self._queued.append((link, link_kind, "queued", None))

    def _ingest(self, body, url, charset):
        try:
            return self.keep(body, url, charset), None
        except InputError as exc:
            return None, f"not ingested: {exc}"

"""robots.txt, fetched once per host and obeyed, with its Crawl-delay.

As urllib.robotparser and the usual crawler practice have it: no robots.txt (404 and
other 4xx) allows everything; 401/403 forbids everything; a server error or an
unreachable host is a FetchError, so the pages of that host fail with that reason
instead of being fetched without permission.
"""
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from ingest.clean.decode import InputError, decode
from ingest.scrape.fetch import REDIRECT_STATUSES, FetchError
from ingest.scrape.urlnorm import canonical_url

MAX_HOPS = 5


class Robots:
    """The robots.txt rules of every host met in one crawl session."""

    def __init__(self, fetch, user_agent, clock):
        self._fetch = fetch  # url -> Response; raises FetchError
        self._agent = user_agent.split("/")[0].split()[0] if user_agent.strip() else "*"
        self._clock = clock
        self._hosts = {}

    def refusal(self, url):
        """None when url may be fetched, else the reason it may not; FetchError when the
        host's robots.txt cannot be had."""
        parts = urlsplit(url)
        host = parts.netloc
        if host not in self._hosts:
            self._hosts[host] = self._load(urlunsplit((parts.scheme, host, "/robots.txt", "", "")))
        rules = self._hosts[host]
        if isinstance(rules, FetchError):
            raise rules
        return None if rules.can_fetch(self._agent, url) else "disallowed by robots.txt"

    def _load(self, robots_url):
        rules = RobotFileParser(robots_url)
        url = robots_url
        try:
            for _ in range(MAX_HOPS + 1):
                response = self._fetch(url)
                location = response.header("Location")
                if response.status not in REDIRECT_STATUSES or not location:
                    break
                url = canonical_url(location, url) or url
        except FetchError as exc:
            return FetchError(f"robots.txt unavailable: {exc}")
        if response.status in (401, 403):
            rules.disallow_all = True
        elif response.status >= 500:
            return FetchError(f"robots.txt unavailable: HTTP {response.status} {response.reason}")
        elif 200 <= response.status < 300:
            try:
                rules.parse(decode(response.payload(1024 * 1024)).splitlines())
            except (InputError, FetchError):
                rules.parse([])  # an unreadable robots.txt says nothing: like an empty one
        else:
            rules.allow_all = True
        delay = rules.crawl_delay(self._agent)
        if delay:
            self._clock.slow_down(urlsplit(robots_url).netloc, float(delay))
        return rules

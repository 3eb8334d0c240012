"""One spelling per page: canonical URLs, so that a page reached by two links is fetched once.

Scheme and host are lowercased, default ports, fragments and tracking parameters
(utm_* and friends, listed in data/crawl_rules.json) dropped, the query sorted and
non-ASCII characters percent-encoded, which http.client needs on the request line.
"""
import fnmatch
import json
from functools import cache
from importlib import resources
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"


@cache
def generic_rules():
    return json.loads(resources.files("ingest").joinpath("data/crawl_rules.json").read_text("utf-8"))


def _tracking(name):
    return any(fnmatch.fnmatchcase(name.lower(), pattern) for pattern in generic_rules()["tracking_params"])


def canonical_url(url, base=None):
    """The canonical form of an http(s) URL (relative to base), or None when the link
    is not one we can fetch (mailto:, javascript:, a malformed host or port)."""
    try:
        parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
        port = parts.port
        host = parts.hostname
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k))
    return urlunsplit((scheme, netloc, path, urlencode(query, quote_via=quote), ""))


def site_of(url):
    """The site a URL belongs to: its host without a leading www."""
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host

"""Asking a host gently: one request at a time, a pause between requests, and patience.

The crawl is single-threaded, so "one at a time per host" holds by construction; the
HostClock adds the pause (--delay, or a longer Crawl-delay from robots.txt) measured
from the end of the previous answer. Timeouts, 5xx and 429 are tried again with
exponential backoff, or after the Retry-After the server asks for (capped, so a
hostile header cannot stall the crawl for days).
"""
import time

from ingest.scrape.fetch import RETRY_STATUSES, FetchError, fetch_once, retry_after

MAX_RETRIES = 3
MAX_WAIT = 120.0


class HostClock:
    """When each host may be asked again."""

    def __init__(self, delay):
        self.delay = delay
        self._ready_at = {}
        self._delays = {}

    def slow_down(self, host, seconds):
        self._delays[host] = min(max(self.delay, seconds), MAX_WAIT)

    def wait(self, host):
        pause = self._ready_at.get(host, 0.0) - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def done(self, host, extra=0.0):
        self._ready_at[host] = time.monotonic() + max(self._delays.get(host, self.delay), extra)


def backoff(clock, attempt):
    return min(max(clock.delay, 0.25) * 2 ** attempt, MAX_WAIT)


def fetch_patiently(url, host, headers, clock, timeout, max_bytes, record):
    """GET url, trying again on timeouts, 5xx and 429; every answer goes to record()
    (the WARC). Returns the last Response (maybe still a 5xx), or raises FetchError."""
    for attempt in range(MAX_RETRIES + 1):
        clock.wait(host)
        try:
            response = fetch_once(url, headers, timeout, max_bytes)
        except FetchError as exc:
            if not exc.retryable or attempt == MAX_RETRIES:
                clock.done(host)
                raise
            clock.done(host, backoff(clock, attempt))
            continue
        record(response)
        if response.status not in RETRY_STATUSES or attempt == MAX_RETRIES:
            clock.done(host)
            return response
        asked = retry_after(response.header("Retry-After"), MAX_WAIT)
        clock.done(host, asked if asked is not None else backoff(clock, attempt))

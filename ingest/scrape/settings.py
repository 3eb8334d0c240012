"""What a crawl is asked to do, apart from the crawl loop so that the command line's
help can show the defaults without loading the fetching code."""
from dataclasses import dataclass

from ingest import __version__


def software():
    return f"thidua/{__version__}"


# Pages requested by one run when --max-pages is not given: an endless chain of listing
# pages (a pagination trap) would otherwise be crawled for ever. The rest stays queued.
DEFAULT_MAX_PAGES = 10_000

DEFAULT_USER_AGENT = f"{software()} (archival crawler)"


@dataclass(frozen=True)
class Settings:
    """What a crawl is asked to do; stored with it so that --resume carries on alike."""
    delay: float = 1.0
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    user_agent: str = DEFAULT_USER_AGENT
    since: str | None = None       # ISO date
    profile: dict | None = None    # site rules, see ingest.scrape.links.load_profile

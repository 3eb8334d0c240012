"""The article record: one dict per article, the shape of ../shared/eval/README.md.

Records are plain dicts so they cross process boundaries, JSON and SQLite unchanged.
Beyond the eval format a record carries `url` (the page's canonical address, else the
address it was read from; None for a file) and `source_key` (see ingest.identity).
"""
from ingest.identity import content_hash, is_web_address

ENTITY_FIELDS = ("units", "people", "dates", "figures")


def article_id(title, text):
    """A new article's id: the hash of its content (ingest.identity.content_hash)."""
    return content_hash(title, text)


def new_record(source, title, published, author, text, captions=(), url=None, source_key=None):
    """A record with the entity fields empty, ready for extraction. url is the address
    the page names for itself; without one, a source that is a web address is used."""
    url = url or (source if is_web_address(source) else None)
    return {
        "id": article_id(title, text),
        "source": source,
        "url": url,
        "source_key": url or source_key or source,
        "title": title,
        "published": published,
        "author": author,
        "text": text,
        "captions": list(captions),
        "event": {"type": "other", "date": None, "location": None},
        **{field: [] for field in ENTITY_FIELDS},
    }

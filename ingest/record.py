"""The article record: one dict per article, the shape of ../shared/eval/README.md.

Records are plain dicts so they cross process boundaries, JSON and SQLite unchanged.
"""
import hashlib

from ingest.language.normalize import match_key

ENTITY_FIELDS = ("units", "people", "dates", "figures")


def article_id(title, text):
    """Stable id from normalized content: the same article read twice, from a page or
    a dump, with other spacing or tone placement, gets the same id."""
    key = match_key(title or "") + "\n" + match_key(text or "")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def new_record(source, title, published, author, text, captions=()):
    """A record with the entity fields empty, ready for extraction."""
    return {
        "id": article_id(title, text),
        "source": source,
        "title": title,
        "published": published,
        "author": author,
        "text": text,
        "captions": list(captions),
        "event": {"type": "other", "date": None, "location": None},
        **{field: [] for field in ENTITY_FIELDS},
    }

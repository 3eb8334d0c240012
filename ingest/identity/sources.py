"""Where an article came from, and what it says: the two halves of its identity.

An article is met again in three ways: the same page or file later (its source
key: the canonical URL the page names, else the URL it was fetched from or the
WARC target URI, else the file's absolute path), the same words from somewhere
else (its content hash), or a near copy (see ingest.identity.copies). The file's absolute
path, not its path relative to the folder given, is the key: two folders that
both hold an "index.html" must not be taken for one page.
"""
import hashlib
from urllib.parse import urlsplit

from ingest.language.normalize import match_key


def content_hash(title, text, text_lines=None):
    """Stable from normalized content: the same article read twice, from a page or a
    dump, with other spacing or tone placement, gets the same hash (the article's
    first id). text_lines: match_key_lines(text), when already worked out (the text's
    match_key is its non-empty lines joined by spaces)."""
    body = match_key(text or "") if text_lines is None else " ".join(line for line in text_lines if line)
    key = match_key(title or "") + "\n" + body
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def is_web_address(value):
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def site(url):
    """The site an address belongs to: its host, lower case, without a leading www.;
    None for anything that is not an http(s) address."""
    if not is_web_address(url):
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    return (host[4:] if host.startswith("www.") else host) or None


def source_key(record):
    """The key a record's source is known by (see the module docstring)."""
    return record.get("url") or record.get("source_key") or record.get("source")

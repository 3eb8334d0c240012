"""How an article is recognised when it comes again.

In: a record (its url or source key, title and text). Out: its source key and site
(`sources`), the hash of its content (`sources.content_hash`), and its near-copy
fingerprint and the test of two fingerprints (`copies`); all a record alone decides of
these, worked out once where the record is extracted (`fingerprint`). The store uses
these to keep one record per article; nothing here touches the database.
"""
from ingest.identity.fingerprint import Fingerprint, fingerprint  # noqa: F401
from ingest.identity.sources import content_hash, is_web_address, site, source_key  # noqa: F401

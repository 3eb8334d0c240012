"""Scrape: fetch pages politely and keep every answer in WARC files.

In: seed URLs (article pages, listings, sitemaps, feeds). Out: the HTML of article
pages, handed on as (bytes, URL, charset) to the one ingest path, and WARC files that
can be ingested again later. robots.txt, a delay per host and a resumable frontier in
SQLite keep the crawl polite and restartable; nothing here cleans or stores articles.
"""

"""Ingest: read pages and text dumps, clean them into article records, extract entities."""

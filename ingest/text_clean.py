"""Scraped text dump -> article fields. (Provisional: first line is the title.)"""
from ingest.decode import InputError


def clean_dump(text, source=None):
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        raise InputError("no article text found in the dump")
    return {"title": lines[0], "published": None, "author": None, "text": "\n".join(lines[1:]), "captions": []}

"""HTML page -> article fields. (Provisional: paragraphs of <article> or <body>.)"""
from bs4 import BeautifulSoup

from ingest.decode import InputError


def clean_html(html, source=None):
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "nav", "header", "footer", "aside", "form"]):
        tag.decompose()
    h1 = soup.find("h1")
    title = h1.get_text(" ", strip=True) if h1 else (soup.title.get_text(strip=True) if soup.title else None)
    root = soup.find("article") or soup.body or soup
    paras = [p.get_text(" ", strip=True) for p in root.find_all(["p", "div"]) if not p.find(["p", "div"])]
    text = "\n".join(p for p in paras if p)
    if not text.strip():
        raise InputError("no article text found in the page")
    return {"title": title, "published": None, "author": None, "text": text, "captions": []}

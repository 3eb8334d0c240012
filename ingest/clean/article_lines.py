"""The last pass shared by pages and dumps: from the article's lines in reading order
to body, captions, author and dateline. Boilerplate lines go, byline and dateline
lines become fields, captions are set apart, and a closing name line is the author.
"""
import re

from ingest.clean import boilerplate
from ingest.clean import byline
from ingest.clean import dateline
from ingest.language.normalize import match_key

# A caption ends with its photo credit, or is a whole line in parentheses.
_CAPTION = re.compile(r"(\(.{10,300}\)|.{10,300}\((ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ)\s*:[^)]{0,60}\)"
                      r"|.{10,300}[.!?…]\s*ảnh(\s*:|\s+(?=báo\b))[^:;]{1,40}"  # "… tiếp khách. Ảnh: NGUYỄN TÂN", "Ảnh báo PK-KQ"
                      r"|.{10,300}\(ảnh\s[^()]{5,200}\)\.?)", re.I)  # "… sinh viên (Ảnh sinh viên dự thi …)"
PARAGRAPH = 80


def sort_lines(lines, title=None, trust_end=True):
    """lines: [(text, is_caption)] in reading order. Returns {text, captions, author,
    published}. An "end" line ends the article once some body has been read, if no long
    paragraph follows it (a "Tin liên quan" or "Xem thêm" heading of an in-body box
    must not cut the article short) or, with trust_end, if it opens a comment form:
    in a dump, what follows one is readers' text however long. Pages have their
    comment sections removed by structure and do not need trust_end."""
    body, captions = [], []
    author = published = None
    title_key = match_key(title) if title else None
    after_widget = False
    last_long = max((i for i, (line, caption) in enumerate(lines) if len(line) >= 150 and not caption), default=-1)
    for position, (line, is_caption) in enumerate(lines):
        line = line.strip()
        kind = boilerplate.classify(line)
        if kind:
            if (kind[1] == "end" and (position > last_long or (trust_end and kind[0] == "comment_form"))
                    and any(len(b) >= PARAGRAPH for b in body)):
                break
            after_widget = kind[0] == "photo_widget"  # a photo viewer's leftovers: its caption follows
            continue
        name = byline.byline_name(line)
        if name or byline.is_photo_credit(line):
            author = author or name
            continue
        if len(line) < 80 and dateline.is_dateline(line):
            published = published or dateline.find_date(line)
            continue
        if title_key and len(title_key) - 3 <= len(line) <= 2 * len(title_key) + 6:
            key = match_key(line)
            if key.startswith(title_key) and len(key) <= 2 * len(title_key) + 3:
                continue  # the headline again, or an image alt repeating it
        if is_caption or after_widget or _CAPTION.fullmatch(line):
            captions.append(line)
        else:
            body.append(line)
        after_widget = False
    # The writer's name closes the article, sometimes before an editor's note.
    for i in range(len(body) - 1, max(0, len(body) - 3), -1):
        name = byline.closing_name(body[i]) if len(body[i]) < 120 else None
        if name:
            author = author or name
            del body[i]
            break
    return {"text": "\n".join(body), "captions": captions, "author": author, "published": published}

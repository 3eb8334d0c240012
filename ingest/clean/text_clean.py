"""Scraped text dump -> article fields.

A dump is the page's text, furniture included, one block a line. The headline is the
last long headline-like line before the first real paragraph: what comes before it is the
site's header (spam banners, addresses, accessibility bars, section names) and is
dropped. A short generic section label ("Tin hoạt động") is not a headline, so a dump
that starts with one has no title. The rest goes through the shared line pass.

A dump written as "title line, blank line, text" (the blank line after the first line
is its only one; page dumps have one between every block) is taken at its word: the
first line is the title and every following line is text, since nothing of a page's
furniture is there to sort out (the text's own first line often repeats the title,
and was taken for it, dropping the real headline above). A record written as "title
line, text" with no blank line at all (a news database's row) has its title first
too; its photos' captions sit between the paragraphs as lines of their own, and are
set apart (a credit "Ảnh: …" at the end, the length and open end of a caption, or a
short sentence between paragraphs with none of the words a told sentence has).
"""
import functools
import re

from ingest.clean import article_lines
from ingest.clean import boilerplate
from ingest.clean import byline
from ingest.clean import dateline
from ingest.clean.decode import InputError
from ingest.language import wordlists

MIN_TITLE_WORDS = 4
MAX_TITLE_CHARS = 300


def _shouting(line):
    """Headlines are often all capitals; paragraphs never are."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _is_paragraph(line):
    if _shouting(line):
        return False
    return len(line) >= 120 or (len(line) >= article_lines.PARAGRAPH and line.rstrip()[-1:] in ".!?…:;\"”")


def _sentence(line):
    return len(line.split()) >= 6 and line.rstrip()[-1:] in ".!?…" and not _shouting(line)


def _headline(line):
    """At least four words, three of them words of letters (not "20/12/2023 | Lượt xem:
    1234"), no " | " of a bar, and none of the known kinds of non-headline line."""
    lettered = sum(1 for w in line.split() if w.strip(",.:;!?\"“”()").isalpha())
    return (MIN_TITLE_WORDS <= len(line.split()) and lettered >= 3 and " | " not in line
            and len(line) <= MAX_TITLE_CHARS
            and not line.endswith(":") and not boilerplate.classify(line)
            and not dateline.is_dateline(line) and not byline.byline_name(line)
            and not byline.is_photo_credit(line))


def split_header(lines):
    """(header lines, title or None, lines between title and body, body lines): the
    title is the last headline-like line before the first paragraph."""
    first = next((i for i, line in enumerate(lines) if _is_paragraph(line) and not boilerplate.classify(line)), None)
    if first is None:  # a short note: its first sentence-like line is its first paragraph
        first = next((i for i, line in enumerate(lines) if _sentence(line) and not boilerplate.classify(line)), None)
    if first is None:
        return [], None, [], lines
    header = lines[:first]
    candidates = [i for i, line in enumerate(header) if _headline(line)]
    if not candidates:
        return header, None, [], lines[first:]
    # The last of the long candidates: a short label after the headline ("Chia sẻ bài
    # viết lên Facebook") or a banner before it ("Hình ảnh pháo hoa") is not the title.
    longest = max(len(header[i]) for i in candidates)
    chosen = [i for i in candidates if len(header[i]) >= 0.6 * longest][-1]
    return header, header[chosen], header[chosen + 1:], lines[first:]


def _date_line(line):
    return len(line) < 100 and dateline.find_date(line) is not None


def _published(under_title, header):
    """The date written under the headline ("12/04/2024 | Lượt xem: 1234"), else a line
    of the header that is only a date (a site banner's "today" comes before the title)."""
    for line in under_title:
        if _date_line(line):
            return dateline.find_date(line)
    return next((dateline.find_date(line) for line in header if dateline.is_dateline(line)), None)


def title_then_text(text):
    """(title, text lines) of a dump written as "title line, blank line, text", else None."""
    raw = [line.strip() for line in text.strip().split("\n")]
    if len(raw) < 3 or raw[1] or not all(raw[2:]):
        return None
    first = raw[0]
    if len(first) > MAX_TITLE_CHARS or _is_paragraph(first) or not any(c.isalpha() for c in first):
        return None
    return first, raw[2:]


def title_line_then_text(text):
    """(title, raw text lines) of a record written as its title line, then its text,
    with no blank line anywhere (a harness writing a news database's row as
    `title + "\n" + text`); else None. A page dump has a blank line between blocks."""
    raw = text.strip("\n").split("\n")
    if len(raw) < 3 or not all(line.strip() for line in raw):
        return None
    first = raw[0].strip()
    if _is_paragraph(first) or not _headline(first):
        return None
    return first, raw[1:]


# A caption whose photo stood between paragraphs of a text without markup: a line
# longer than a subheading, shorter than a paragraph, with no closing punctuation
# ("Thứ trưởng X đến thăm và làm việc với Công an tỉnh Y"). Subheadings stay under it.
CAPTION_CHARS = (66, 200)
PARAGRAPH_CHARS = 120
_CLOSERS = ".!?…:;\"”’')»"


def _bare_caption(raw_line, previous_line, next_line):
    """A line of a title-then-text record that is a photo's caption: as long as one,
    unclosed, no part of a sentence broken across lines (a line ending in a space, or
    followed by one starting with a space or in lower case)."""
    line = raw_line.strip()
    if not CAPTION_CHARS[0] <= len(line) < CAPTION_CHARS[1] or line[-1] in _CLOSERS or _shouting(line):
        return False
    if raw_line != raw_line.rstrip() or (previous_line and previous_line != previous_line.rstrip()) \
            or (next_line and (next_line[:1].isspace() or next_line.lstrip()[:1].islower())):
        return False
    return len(line.split()) >= 8


# A caption written as one sentence with its full stop ("Tiêm kích Su-30MK2 Việt Nam.",
# "Thứ trưởng X, phát biểu tại buổi làm việc với Công an tỉnh Y."): short, between two
# paragraphs, with none of the words a told sentence has (data/clause_words.txt: "đã",
# "là", "cho biết" …) and not opening as one does (data/caption_not_openers.txt:
# "Tại …,", "Đáp lại, …"), or between a subheading and a paragraph. On the 3,756 baomoi
# records about nine in ten lines so picked are captions; the rest are short sentences
# a reader loses little without.
SENTENCE_CAPTION_CHARS = (15, 130)
_INNER_STOP = re.compile(r"[.!?…]\s|[:;\"“”%]")


@functools.cache
def _told():
    return (re.compile(rf"(?<!\w)(?:{wordlists.alternation('clause_words.txt')})(?!\w)", re.IGNORECASE),
            re.compile(rf"(?:{wordlists.alternation('caption_not_openers.txt')})(?!\w)", re.IGNORECASE))


def _subheading(line):
    """A section's heading in a record without markup: a few words, no closing stop
    ("Hai “gói giải pháp” hiệu quả"). A photo often stands right under one, so its
    caption follows the heading rather than a paragraph."""
    line = line.strip()
    return 2 <= len(line.split()) <= SUBHEADING_WORDS and line[-1:] not in ".!?…:;,"


SUBHEADING_WORDS = 12


def _sentence_caption(raw_line, previous_line, next_line):
    """A line of a title-then-text record that is a caption written as a sentence."""
    line = raw_line.strip()
    if not (SENTENCE_CAPTION_CHARS[0] <= len(line) <= SENTENCE_CAPTION_CHARS[1] and line.endswith(".")
            and not line.endswith("..") and line[0].isupper()) or _INNER_STOP.search(line[:-1]):
        return False
    if not (next_line and len(next_line.strip()) >= PARAGRAPH_CHARS
            and previous_line and (len(previous_line.strip()) >= PARAGRAPH_CHARS
                                   or (_subheading(previous_line) and not re.search(r"\d", line)))):
        return False  # after a heading, a line with a time or a number is more often the section's lead
    clause, opener = _told()
    return not opener.match(line) and not clause.search(line)


def clean_dump(text, source=None):
    """A dump's article as {title, published, author, text, captions}."""
    simple = title_then_text(text)
    if simple:
        title, body = simple
        fields = article_lines.sort_lines([(line, False) for line in body], title)
        return {"title": title, "published": fields["published"], "author": fields["author"],
                "text": "\n".join(body), "captions": []}
    record = title_line_then_text(text)
    if record:
        title, raw = record
        lines = []
        for n, line in enumerate(raw):
            around = (raw[n - 1] if n else None, raw[n + 1] if n + 1 < len(raw) else None)
            lines.append((line.strip(), _bare_caption(line, *around) or _sentence_caption(line, *around)))
        fields = article_lines.sort_lines(lines, title)
        if fields["text"].strip():
            return {"title": title, "published": fields["published"], "author": fields["author"],
                    "text": fields["text"], "captions": fields["captions"]}
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    header, title, under_title, body = split_header(lines)
    # Lines between the headline and the first paragraph (audio player, a short lead) are
    # read with the body, the shared pass sorting furniture from text; a short line with
    # a date there is the page's date line ("20/12/2023 | Lượt xem: 1234").
    lead = [line for line in under_title if not _date_line(line)]
    fields = article_lines.sort_lines([(line, False) for line in lead + body], title)
    if not fields["text"].strip():
        raise InputError("no article text found in the dump")
    header_byline = next(filter(None, map(byline.byline_name, header)), None)
    return {"title": title, "published": _published(under_title, header) or fields["published"],
            "author": fields["author"] or header_byline, "text": fields["text"],
            "captions": fields["captions"]}

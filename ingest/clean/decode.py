"""Bytes to text, with the charset a page declares or the one it really has.

Every refusal is an InputError whose message is one line an archivist can act on.
What is done to keep a slightly damaged text (a stray byte that is not UTF-8
replaced by U+FFFD) is said in a note, one line, never silently.
"""
import codecs
import re
import unicodedata

MAX_BYTES = 20 * 1024 * 1024

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class InputError(Exception):
    """A user's input that cannot be read as an article; the message names the reason."""


def check_size(size):
    if size == 0:
        raise InputError("empty file")
    if size > MAX_BYTES:
        raise InputError(f"too large ({size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB)")


def _codec(name):
    try:
        return codecs.lookup(name.decode("ascii") if isinstance(name, bytes) else name).name
    except (LookupError, UnicodeDecodeError):
        return None


# A few bytes that are not UTF-8 in a text that is otherwise clearly UTF-8 (a stray
# \xff from a bad copy) are replaced, not a reason to refuse the article: at most 1%
# of the bytes, and at least 10 valid multi-byte characters for each bad byte, so that
# a legacy text (windows-1258, whose accented letters are all invalid UTF-8) is still
# detected as what it is.
BAD_UTF8_SHARE = 0.01
GOOD_PER_BAD = 10
_ESCAPED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, under surrogateescape
# UTF-16 without BOM: one byte of most pairs is NUL (ASCII and Latin-1 letters, "à",
# "ê"...), the other almost never; decoded, it must be text, not control characters.
UTF16_NUL_SHARE = 0.3
TEXT_SHARE = 0.98
_NOT_TEXT = {"Cc", "Cs", "Cn", "Co"}  # control, surrogate, unassigned, private use


def _utf16_order(data):
    """The UTF-16 codec a BOM-less text is in ("utf-16-le" or "-be"), or None."""
    sample = data[:4096 - 4096 % 2]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for name, nul, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nul >= pairs * UTF16_NUL_SHARE and other <= pairs * 0.01:
            return name
    return None


def _is_text(text):
    """Mostly printable characters: a binary file decoded as UTF-16 gives control
    characters, unpaired surrogates and unassigned code points."""
    sample = text[:2048]
    bad = sum(1 for ch in sample if unicodedata.category(ch) in _NOT_TEXT and ch not in "\t\n\r")
    return bad <= len(sample) * (1 - TEXT_SHARE)


def _utf16(data):
    """The text of a UTF-16 file without BOM (Windows tools write them), or None."""
    name = _utf16_order(data)
    if name is None:
        return None
    try:
        text = _strict(data[:len(data) - len(data) % 2], name)
    except UnicodeDecodeError:
        return None
    return text if _is_text(text) else None


def _mostly_utf8(data, notes):
    """The text of UTF-8 bytes with a few invalid ones, each replaced by U+FFFD and
    counted in a note; None when the bytes are not clearly UTF-8."""
    escaped = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED.findall(escaped))
    multibyte = len(escaped) - len(escaped.encode("ascii", "ignore")) - bad
    if bad > len(data) * BAD_UTF8_SHARE or multibyte < bad * GOOD_PER_BAD:
        return None
    if notes is not None:
        notes.append(f"{bad} byte{'s' if bad > 1 else ''} that {'are' if bad > 1 else 'is'} not valid UTF-8 "
                     "replaced by U+FFFD")
    return _ESCAPED.sub("\ufffd", escaped)


def _looks_binary(data):
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


def _strict(data, name):
    """Decode strictly, except a character cut off at the very end (a truncated
    download): the bytes before it are good text and are kept."""
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 4:
            return data[:exc.start].decode(name)
        raise


def decode(data, declared=None, notes=None):
    """Decode page or dump bytes: BOM, then UTF-16 without BOM, then the declared
    charset (HTTP header or <meta>), then strict UTF-8, then UTF-8 with a few bad
    bytes (said in notes, a list, when given), then detection (windows-1258 and
    friends)."""
    check_size(len(data))
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    utf16 = _utf16(data) if b"\x00" in data[:4096] else None
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise InputError("not a text or HTML file (binary content)")
    candidates = [declared] if declared else []
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(meta.group(1))
    for name in filter(None, map(_codec, candidates)):
        try:
            return _strict(data, name)
        except UnicodeDecodeError:
            continue  # a wrong declaration is common: trust the bytes instead
    try:
        return _strict(data, "utf-8")
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data, notes)
    if text is not None:
        return text
    from charset_normalizer import from_bytes  # imported late: only a page without a usable charset needs it

    best = from_bytes(data, cp_isolation=["utf_8", "cp1258", "cp1252", "utf_16"]).best() or from_bytes(data).best()
    if best is None:
        raise InputError("unknown character encoding")
    return str(best)

"""Bytes to text, with the charset a page declares or the one it really has.

Every refusal is an InputError whose message is one line an archivist can act on.
"""
import codecs
import re

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


def decode(data, declared=None):
    """Decode page or dump bytes: BOM, then the declared charset (HTTP header or
    <meta>), then strict UTF-8, then detection (windows-1258 and friends)."""
    check_size(len(data))
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
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
    from charset_normalizer import from_bytes  # imported late: only a page without a usable charset needs it

    best = from_bytes(data, cp_isolation=["utf_8", "cp1258", "cp1252", "utf_16"]).best() or from_bytes(data).best()
    if best is None:
        raise InputError("unknown character encoding")
    return str(best)

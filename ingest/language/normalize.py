"""Vietnamese text normalization shared by every stage.

Display text keeps the writer's tone placement; matching keys use one canonical
placement (the new style, "hóa", "Ủy", "thủy") so that old and new spellings of
the same word meet. Folding strips diacritics for accent-insensitive search.
"""
import re
import unicodedata

# Old-style tone placement (mark on the second vowel) -> new style (on the first).
_OLD_TO_NEW = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TO_NEW.update({k.upper(): v.upper() for k, v in list(_OLD_TO_NEW.items())})
_OLD_TO_NEW.update({k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in list(_OLD_TO_NEW.items()) if k.islower()})
# Only an open syllable moves its mark ("hoá" but not "hoàng"); "qu" + "y" is one
# nucleus, so "quý" is already canonical.
# Written as one character class per first letter, then the "q" test looking back:
# a pattern that opens with a class is scanned for in C, one that opens with a
# look-behind is tried at every character (3x slower on every line of every page).
_FIRSTS = {first: "".join(pair[1] for pair in _OLD_TO_NEW if pair[0] == first) for first in "oOuU"}
_TONE_RE = re.compile("(" + "|".join(f"{first}[{seconds}]" for first, seconds in _FIRSTS.items())
                      + r")(?<![qQ]..)(?![^\W\d_])")

# Replaced with a regular expression, not str.translate: translate looks up every
# character of the text in a dict (5 s on a 19 MB page), the expression only stops at
# the few characters it replaces.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_PLAIN = {"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
          "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
          "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-"}  # quotes and dashes
_FANCY = re.compile("[" + "".join(_PLAIN) + "]")


def clean_text(text):
    """NFC, invisible characters removed, exotic spaces made plain; quotes and dashes kept.

    This is the form stored for display: nothing a reader would notice is changed.
    """
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(lines)


def canonical_tones(text):
    """Move tone marks of "oa/oe/uy" syllables to the new-style position ("hoá" -> "hóa")."""
    text = unicodedata.normalize("NFC", text)
    return _TONE_RE.sub(lambda m: _OLD_TO_NEW[m.group(1)], text)


def match_key(text):
    """The comparison form: canonical tones, case folded, quotes/dashes plain, spaces single."""
    text = _FANCY.sub(lambda m: _PLAIN[m.group()], canonical_tones(clean_text(text.replace("\r", " "))).casefold())
    return re.sub(r"\s+", " ", text).strip()


def match_key_lines(text):
    """[match_key(line) for line in text.split("\n")], in one pass over the whole text:
    comparing texts line by line (ingest.identity.copies) called match_key on every
    line, a regular expression run per line, 5x slower. A carriage return is a space
    here as it is within a line's key."""
    text = canonical_tones(clean_text(text.replace("\r", " "))).casefold()
    text = _FANCY.sub(lambda m: _PLAIN[m.group()], text)
    return [" ".join(line.split()) for line in text.split("\n")]


def fold(text):
    """Strip all diacritics ("Hội nghị" -> "hoi nghi", "đ" -> "d") after match_key."""
    text = unicodedata.normalize("NFD", match_key(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.replace("đ", "d").replace("Đ", "d")

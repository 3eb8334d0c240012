import codecs
import unicodedata

import pytest

from conftest import cp1258_bytes
from ingest.clean.decode import InputError, MAX_BYTES, check_size, decode

TEXT = "Hội nghị tổng kết công tác thi đua khen thưởng năm 2023"


def test_utf8_and_bom():
    assert decode(TEXT.encode("utf-8")) == TEXT
    assert decode(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == TEXT


def test_utf16_with_bom():
    assert decode(TEXT.encode("utf-16")) == TEXT


def test_meta_charset_windows_1258():
    page = f'<html><head><meta charset="windows-1258"></head><body><p>{TEXT}</p></body></html>'
    out = decode(cp1258_bytes(page))
    assert TEXT in unicodedata.normalize("NFC", out)


def test_wrong_declared_charset_falls_back_to_the_bytes():
    assert decode(TEXT.encode("utf-8"), declared="ascii") == TEXT


def test_undeclared_legacy_bytes_are_detected():
    out = unicodedata.normalize("NFC", decode(cp1258_bytes(TEXT + ". " + TEXT)))
    assert "thi đua" in out


def test_empty_binary_and_huge_inputs_are_refused_with_a_reason():
    with pytest.raises(InputError, match="empty"):
        decode(b"")
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(InputError, match="too large"):
        check_size(MAX_BYTES + 1)

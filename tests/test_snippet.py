"""Snippets (index.snippet): the marks a folded copy of the text finds, on the text as
one line; the copy made by one array lookup is the character-by-character fold."""
import re
import unicodedata

import pytest

from hypothesis import given, strategies as st

from index.analysis import PART, exact_form, fold_table
from index.snippet import OTHER_SPACES, _overlaps, folded_copy, occurrences, one_line, snippet
from ingest.language.normalize import fold

TEXT = ("HỘI NGHỊ tổng kết: Nhà máy Z175 đón nhận Cờ thi đua; công ty Hoá chất 21 (hóa chất) và "
        "ĐOÀN thanh niên, Đoàn viên; «thi_đua» thi-đua THI ĐUA; viết về Việt Nam; hội2023; xhội; "
        "Ông Nguyễn Văn Lâm, Lâm Đồng; ĐẠI HỘI; Hòa, Hoà, hoà bình, HOÀ, khỏe, khoẻ.")


def _reference(text, targets):
    """The marks of the targets as a folded copy of the text finds them, one character
    for one: the definition the snippets must keep."""
    folded = "".join(fold(ch) if len(fold(ch)) == 1 else ch.lower() for ch in text)
    assert len(folded) == len(text)
    marks = []
    for target in sorted(set(targets), key=lambda t: (-len(t), t)):
        typed = [exact_form(p) for w in target for p in PART.findall(w)]
        pattern = r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, map(fold, typed))) + r"(?![^\W_])"
        for m in re.finditer(pattern, folded):
            if any(s < m.end() and m.start() < e for s, e, _ in marks):
                continue
            found = PART.findall(text[m.start():m.end()])
            if all(fold(t) == t or exact_form(f) == t for t, f in zip(typed, found)):
                marks.append((*m.span(), len(typed) > 1))
    joined = []
    for s, e, phrase in sorted(marks):  # single words side by side are one mark
        if joined and not phrase and not joined[-1][2] and text[joined[-1][1]:s] == " ":
            joined[-1] = (joined[-1][0], e, False)
        else:
            joined.append((s, e, phrase))
    return [(s, e) for s, e, _ in joined]


def _squeezed(text, targets):
    """The snippet of the text made one line first: what is shown is that line."""
    line = " ".join(text.split())
    return snippet(line, targets, width=60)


@pytest.mark.parametrize("target", [
    ("hội", "nghị"), ("HOI",), ("hoi",), ("thi", "đua"), ("thi", "dua"), ("THI", "ĐUA"), ("doan",), ("Đoàn",),
    ("đoàn",), ("hoá",), ("hóa",), ("hoa",), ("hoà",), ("HÒA",), ("khoẻ",), ("viet",), ("việt",), ("viết",),
    ("lâm",), ("lam",), ("z175",), ("Z175",), ("21",), ("hội2023",), ("đại", "hội"), ("nguyen", "van", "lam"),
    ("cờ", "thi", "đua"), ("xyz",),
])
def test_marks_are_those_a_folded_copy_finds(target):
    marks = _reference(TEXT, [target])
    assert marks or target == ("xyz",)
    assert occurrences(TEXT, [target])[0] == marks


@pytest.mark.parametrize("text", [
    "Hội nghị tổng kết.\nCông ty Hoá chất 21 đón nhận Cờ thi đua.\nHÓA CHẤT và hoà bình.\nHoá chất." * 3,
    "Hội nghị  tổng kết.\n\nCông ty Hoá chất 21 đón nhận Cờ thi đua.\nHÓA CHẤT và hoà bình. " * 3,
])
def test_a_stored_text_and_a_squeezed_one_give_the_snippet_of_the_text_made_one_line(text):
    for targets in ([("hóa", "chất")], [("hoa",)], [("thi", "dua"), ("cờ",)], [("đua", "hóa", "chất")], [("xyz",)]):
        found = snippet(text, targets, width=60)
        assert found == _squeezed(text, targets)
        assert found["marks"] or targets == [("xyz",)]


def test_the_folded_copy_is_each_character_folded_one_for_one():
    every = "".join(map(chr, range(0x10000)))
    table = fold_table(keep_marks=True)
    one_by_one = (ch.translate(table).lower() for ch in every)
    assert folded_copy(every) == "".join(f if len(f) == 1 else "i" for f in one_by_one)  # "İ".lower() is two
    assert folded_copy("Hội NGHỊ 𝐀 Đoàn") == "hoi nghi 𝐀 doan"  # beyond the plane: folded all the same


@given(st.text())
def test_the_folded_copy_keeps_the_text_s_length(text):
    assert len(folded_copy(text)) == len(text)


def test_capitals_and_diacritics_of_either_case_are_found():
    found = snippet(TEXT, [("hoa",), ("dai", "hoi")])
    marked = [found["text"][a:b] for a, b in found["marks"]]
    assert "Hoá" in marked and "hóa" in marked and "HOÀ" in marked and "ĐẠI HỘI" in marked
    assert "xhội" not in " ".join(marked) and "hội2023" not in marked  # whole words only
    typed = snippet(TEXT, [("hoá",)])  # old and new tone placement are one spelling; "hoà" is another
    assert [typed["text"][a:b] for a, b in typed["marks"]] == ["Hoá", "hóa"]


def test_the_snippet_text_is_the_text_on_one_line():
    text = "Một  thi đua.\n\nDòng hai\tcó tab.\n Dòng ba.\u2028Hết "
    found = snippet(text, [("thi", "đua")], width=500)
    assert found["text"] == " ".join(text.split())
    assert [found["text"][a:b] for a, b in found["marks"]] == ["thi đua"]


@pytest.mark.parametrize("text", [
    "", " ", "\n", "a", " a", "a ", "a\n", "\na", "a\n\nb", "a \nb", "a\n b", "a  b", "a\tb", "a\u2028b",
    "a\u00a0b", "a\x1cb", "một dòng\nhai dòng\n\n\nba dòng", " \n \n", "a\r\nb",
    "một dòng\nhai dòng\nba dòng", "a\n\tb", "a\t\nb",
])
def test_one_line_is_the_words_joined_by_single_spaces(text):
    assert one_line(text) == " ".join(text.split())


@given(st.text(alphabet=st.sampled_from(["a", "b", " ", "\n", "\t", "\u00a0", "ệ"])))
def test_one_line_of_any_text_is_its_words_joined_by_single_spaces(text):
    assert one_line(text) == " ".join(text.split())


def test_other_spaces_are_every_white_space_but_space_and_line_break():
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace() and chr(c) not in " \n"]
    assert [ch for ch in map(chr, range(0x110000)) if OTHER_SPACES.fullmatch(ch)] == spaces


def test_the_folding_table_is_fold_of_each_character():
    """fold_table works out every letter's fold at once; each entry is still fold(ch)."""
    table = fold_table()
    for code in range(0xC0, 0x1F00):
        ch = chr(code)
        if unicodedata.category(ch) == "Mn":
            assert table[code] is None
        elif ch.isalpha():
            folded = fold(ch)
            assert table.get(code) == (folded if len(folded) == 1 and folded != ch else None), ch
        else:
            assert code not in table


@given(st.lists(st.integers(0, 60), max_size=20, unique=True), st.integers(0, 60), st.integers(1, 8))
def test_a_place_overlaps_a_mark_as_a_test_against_each_mark_says(bounds, start, length):
    bounds = sorted(bounds)
    taken = list(zip(bounds[::2], bounds[1::2]))  # spans in order, never overlapping
    span = (start, start + length)
    assert _overlaps(taken, span) == any(s < span[1] and span[0] < e for s, e in taken)


def test_marks_of_overlapping_targets_go_to_the_longest():
    text = "thi đua thi đua quyết thắng thi"
    marks, _ = occurrences(text, [("thi",), ("thi", "đua", "quyết", "thắng"), ("đua",)])
    assert marks == [(0, 7), (8, 27), (28, 31)]

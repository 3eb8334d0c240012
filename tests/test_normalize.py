import unicodedata

from hypothesis import given, settings, strategies as st

from ingest.language.normalize import canonical_tones, clean_text, fold, match_key, match_key_lines


def test_old_and_new_tone_placement_meet():
    assert canonical_tones("Hoá chất") == "Hóa chất"
    assert canonical_tones("Uỷ ban") == "Ủy ban"
    assert canonical_tones("thuỷ lợi") == "thủy lợi"
    assert match_key("HOÁ CHẤT") == match_key("hóa chất")


def test_closed_syllables_and_qu_keep_their_mark():
    assert canonical_tones("hoàng huỳnh quý") == "hoàng huỳnh quý"


def test_decomposed_input_is_composed():
    decomposed = unicodedata.normalize("NFD", "Hội nghị")
    assert clean_text(decomposed) == "Hội nghị"


def test_invisible_characters_and_odd_spaces_go():
    assert clean_text("Nhà\u00a0máy\u200b Z175\u00ad  \r\n  tin ") == "Nhà máy Z175\ntin"


def test_match_key_folds_quotes_dashes_and_case():
    assert match_key("Cụm “Điện – Điện tử”") == match_key('cụm "điện - điện tử"')


def test_fold_strips_all_diacritics_including_d_bar():
    assert fold("Hội nghị tổng kết Đảng ủy") == "hoi nghi tong ket dang uy"
    assert fold("Uỷ") == fold("Ủy") == "uy"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(list("aoueyAOUQqđ \t\r\u00a0\u2028\u200b\u0301\u0300“”–-Z17,.")
                                         + ["oà", "uý", "Hoá", "quý", "Ủy"]), max_size=12).map("".join),
                max_size=6))
def test_match_key_lines_is_match_key_of_each_line(lines):
    """The one-pass form that comparing texts line by line uses (ingest.identity.copies)."""
    text = "\n".join(lines)
    assert match_key_lines(text) == [match_key(line) for line in text.split("\n")]


def test_the_dictionary_keys_are_each_lines_key():
    """names reads underthesea's dictionary as one text (its start is serial, before an
    ingest's helpers fork): the same keys as each line's own key(), line by line."""
    from ingest.language import names

    with open(names._viet74k(), encoding="utf-8") as fh:
        by_line = tuple(tuple(names.key(line.strip()).split()) for line in fh if line.strip())
    assert names._viet74k_keys() == by_line and len(by_line) > 10000

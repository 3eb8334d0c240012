"""A query of plain words is built without Whoosh's parser (index.query.words_only):
what it builds must be what the parsers would have made of the same text."""
import unicodedata

from hypothesis import given, settings, strategies as st

from index.query import _parsers, read, words_only
from index.schema import schema

SCHEMA = schema()
# Syllables as archivists type them: diacritics in both tone placements, capitals, digits,
# lower-case operator words, letters of other scripts, and a decomposed (NFD) form.
SYLLABLES = ["hội", "nghị", "Hoá", "hóa", "ĐUA", "thi", "đưa", "2023", "Z175", "8h30", "or", "and", "not",
             "to", "a", "Straße", "ǅ", "İstanbul", "quyết", "thắng", unicodedata.normalize("NFD", "Việt"),
             "nam", "x1", "ﬁ", "Ⅻ", "١٢", "người"]


def whoosh_parses(text):
    return [parser.parse(text) for parser in _parsers(SCHEMA, False)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=6))
def test_plain_words_are_parsed_as_whoosh_parses_them(words):
    text = " ".join(words)
    built = words_only(text, SCHEMA)
    if built is not None:  # None: left to Whoosh, which is then what runs
        assert built == whoosh_parses(text), text
        assert repr(built) == repr(whoosh_parses(text)), text


def test_every_other_query_goes_to_whoosh():
    for text in ['"thi đua"', "thi AND đua", "NOT đua", "title:đua", "(thi đua)", "6/45", "km/h", "thi_đua",
                 "đua*", "a-b"]:
        assert words_only(text, SCHEMA) is None, text


def test_a_repeated_word_is_one_term_as_in_whoosh():
    assert words_only("thi thi", SCHEMA) == whoosh_parses("thi thi")
    assert read("thi thi", SCHEMA).matching == read("thi", SCHEMA).matching

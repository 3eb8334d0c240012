"""Unit names read for the unit facet are looked up by the authority's term of each
(index.entities.terms, worked out on all the names at once)."""
from hypothesis import given, settings, strategies as st

from index.entities import terms
from ingest.authority.keys import term

NAMES = st.text(alphabet=st.sampled_from(list("Nhà máy Z175 Cục Hậu cần “Cơ khí – Vũ khí” ĐỨC đ Hoá hóa  \t\u00a0\u200b"
                                              "'\"()-_.,\u0301\u0303İß\r\n")), max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMES, max_size=8))
def test_the_terms_of_names_are_each_name_s_term(names):
    assert terms(names) == [term(name) for name in names]


def test_names_on_several_lines_are_each_one_term():
    names = ["Nhà máy Z175", "Cục Hậu cần\nTổng cục", "", "  Đoàn  Kinh tế "]
    assert terms(names) == [term(name) for name in names]

"""Arbitrary text never crashes the unit and people extractors."""
from hypothesis import given, settings, strategies as st

from ingest.extract.people import extract_people
from ingest.extract.units import extract_units

# Text made of the pieces the rules react to, so the interesting paths are reached.
PIECES = st.sampled_from([
    "Nhà máy", "Z175", "Cụm thi đua", "“", "”", "(gồm", "các Nhà máy:", ")", "(", ":", ",", "–",
    "Tổng cục", "CNQP", "Bộ Tư lệnh", "Vùng", "2", "Bộ CHQS", "tỉnh", "Nghệ An", "và", "Trung tướng",
    "Chuẩn đô đốc", "Nguyễn", "Văn", "Hùng", "đồng chí", "Phó BTĐU", "Công ty TNHH MTV", "21",
    "tên giao dịch của", "Chủ tịch Hồ Chí Minh", "\n", " ", ".", "TP.HCM", "Sở Giao dịch Chứng khoán",
])
TEXTS = st.one_of(st.text(), st.lists(PIECES, max_size=40).map(" ".join), st.lists(PIECES, max_size=40).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.one_of(st.none(), st.text(max_size=30)))
def test_units_never_crash(text, title):
    units = extract_units(text, title)
    for unit in units:
        assert unit["name"] and isinstance(unit["mentions"], list)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.one_of(st.none(), st.text(max_size=30)))
def test_people_never_crash(text, author):
    for person in extract_people(text, author):
        assert person["name"] and isinstance(person["positions"], list)

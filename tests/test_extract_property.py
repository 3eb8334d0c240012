"""Arbitrary text never crashes the date, figure and event extractors."""
from hypothesis import given, settings, strategies as st

from ingest.extract.dates import extract_dates
from ingest.extract.event import TYPES, extract_event
from ingest.extract.figures import extract_figures

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
PIECES = ["ngày ", "tháng ", "năm ", "quý ", "Quý II/", "từ ", " đến ", "Sáng ", "tại ", "hơn ",
          "triệu ", "tỷ đồng", "%", "/", "-", ".", ",", " ", "\n", "hằng năm", "so với năm ", "Z1"]
text_strategy = st.lists(
    st.one_of(st.text(alphabet=VIET + VIET.upper() + "0123456789/-.,:;()%“”\"' \n", max_size=12),
              st.sampled_from(PIECES),
              st.integers(0, 40000).map(str)),
    max_size=40).map("".join)
published = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), st.just("not a date"))


@settings(max_examples=300, deadline=None)
@given(text_strategy, published, st.one_of(st.none(), text_strategy))
def test_extractors_never_crash(text, pub, title):
    dates = extract_dates(text, pub, title)
    for d in dates:
        assert d["start"] <= d["end"]
        assert text[d["offset"]:d["offset"] + len(d["text"])] == d["text"]
    for f in extract_figures(text):
        assert isinstance(f["value"], (int, float))
        assert f["unit"]
    ev = extract_event(title, text, dates, pub)
    assert ev["type"] in TYPES


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_crashes(text):
    dates = extract_dates(text)
    extract_figures(text)
    extract_event(text[:50], text, dates)

"""Postings read a block at a time agree with Whoosh's own reading; ranking order."""
import numpy as np
import pytest
from whoosh import query as wq

from index import rank, writer
from index.finder import Finder
from fixture_records import records


@pytest.fixture
def segmented_archive(tmp_path):
    """Three segments and a replaced document (a deletion in an older segment)."""
    recs = records()
    writer.update(tmp_path, recs[:3])
    writer.update(tmp_path, recs[3:])
    writer.update(tmp_path, [dict(recs[0], title="Hội nghị tổng kết (cập nhật)")])
    return tmp_path


@pytest.mark.parametrize("field, term", [("body_f", "thi"), ("body", "đua"), ("title", "hội"),
                                         ("title_f", "hoi"), ("unit", "z175"), ("body_f", "khongco"),
                                         ("title_f", "cap"), ("title", "nhật"), ("nofield", "x")])
def test_block_postings_match_whoosh(segmented_archive, field, term):
    f = Finder(segmented_archive)
    ids, weights = rank.postings(f.searcher, f.schema, field, term)
    expected = {}
    for sub, offset in f.searcher.leaf_searchers() if field in f.schema else ():
        if (field, term) in sub.reader():
            for docnum, weight in sub.reader()._terms.matcher(
                    field, sub.reader()._text_to_bytes(field, term), f.schema[field].format).items_as("weight"):
                expected[docnum + offset] = weight
    assert dict(zip(ids.tolist(), weights.tolist())) == pytest.approx(expected)
    # deleted documents are left out of matching
    assert f.docs(wq.Term(field, term)) == frozenset(f.searcher.docs_for_query(wq.Term(field, term)))


@pytest.mark.parametrize("field", ["unit_facet", "type", "body_f"])
def test_field_postings_match_each_terms_postings(segmented_archive, field):
    """One walk of a field's terms (inlined postings and blocks alike) gives every
    term's documents, as a lookup per term does."""
    f = Finder(segmented_archive)
    walked = rank.field_postings(f.searcher, f.schema, field)
    assert len(walked) > 1
    assert {text: sorted(ids.tolist()) for text, ids in walked.items()} == \
        {text: sorted(rank.postings(f.searcher, f.schema, field, text)[0].tolist())
         for text in f.reader.field_terms(field)}


def test_top_orders_by_score_then_document():
    postings = [((np.array([0, 1, 2]), np.array([1.0, 3.0, 1.0], dtype=np.float32)), 1.0),
                ((np.array([2]), np.array([5.0], dtype=np.float32)), 0.1)]
    assert [d for d, _ in rank.top(postings, {0, 1, 2}, 10, 3)] == [1, 2, 0]
    assert [d for d, _ in rank.top(postings, {0, 2}, 10, 1)] == [2]


def test_documents_of_the_same_score_come_by_number_up_to_the_last_place():
    postings = [((np.arange(40), np.ones(40, dtype=np.float32)), 1.0), ((np.array([39]), np.ones(1, dtype=np.float32)), 1.0)]
    for hits in (frozenset(range(40)), frozenset(range(39, -1, -1)), frozenset(range(0, 40, 7)) | frozenset(range(40))):
        assert [d for d, _ in rank.top(postings, hits, 100, 5)] == [39, 0, 1, 2, 3]
    assert rank.top(postings, frozenset(range(40)), 100, 0) == []

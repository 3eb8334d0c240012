"""Derived columns kept beside the index (index.derived): read back by the next process
as they were built, never those of another commit, and a search goes on without them."""
import os
import pickle

from whoosh import query as wq

from index import derived, writer
from index.finder import Finder


def _record(article_id, copy_of=None, site_unit="Nhà máy Z111"):
    return {"id": article_id, "title": f"Hội nghị {article_id}", "text": f"Nội dung của bài {article_id}.",
            "copy_of": copy_of, "published": "2023-05-0" + article_id[-1] if article_id[-1].isdigit() else None,
            "units": [{"name": site_unit}]}


def _fresh(data):
    f = Finder(data)
    try:
        return f.copy_groups(), _plain(f.facet_sets()), f
    finally:
        f.close()


def _plain(sets):
    return {name: (values, docs.tolist(), owners.tolist()) for name, (values, docs, owners) in sets.items()}


def _files(data):
    return sorted(p.name for p in (data / "index").resolve().glob(derived.PREFIX + "*"))


def test_each_commit_gets_its_own_file_and_the_next_process_reads_it(tmp_path, monkeypatch):
    data = tmp_path / "a"
    writer.update(data, [_record("a1"), _record("a2"), _record("c3", "a1", "Viện Kỹ thuật cơ giới quân sự")])
    groups, facets, _ = _fresh(data)
    first = _files(data)
    assert len(first) == 2 and groups  # copy groups and facet columns
    built = []
    monkeypatch.setattr(Finder, "_facet_sets", lambda self: built.append(1))
    again = Finder(data)
    assert _plain(again.facet_sets()) == facets and again.copy_groups() == groups and not built
    again.close()
    monkeypatch.undo()
    # a commit that adds, and one that only deletes: new files, what a fresh build gives
    for change in ([_record("c4", "a2")], []):
        writer.update(data, change, removed=[] if change else ["c3"])
        f = Finder(data)
        expected = (f._copy_groups(), _plain(f._facet_sets()))
        assert (f.copy_groups(), _plain(f.facet_sets())) == expected
        f.close()
        assert _files(data) != first and len(_files(data)) == 2  # the old commit's files are gone
        first = _files(data)
    f = Finder(data)
    assert f.docs(wq.Term("id", "c3")) == frozenset() and "c3" not in str(f.copy_groups())
    f.close()


def test_a_damaged_file_is_built_again(tmp_path):
    data = tmp_path / "a"
    writer.update(data, [_record("a1"), _record("c2", "a1")])
    groups, facets, _ = _fresh(data)
    folder = (data / "index").resolve()
    for path in folder.glob(derived.PREFIX + "*"):
        path.write_bytes(b"not a pickle")
    assert _fresh(data)[:2] == (groups, facets)
    assert all(pickle.loads(p.read_bytes()) is not None for p in folder.glob(derived.PREFIX + "*"))


def test_an_archive_that_cannot_be_written_still_searches(tmp_path, monkeypatch):
    data = tmp_path / "a"
    writer.update(data, [_record("a1"), _record("c2", "a1")])
    f = Finder(data)
    expected = (f._copy_groups(), _plain(f._facet_sets()))
    f.close()

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(derived.tempfile, "mkstemp", read_only)
    assert _fresh(data)[:2] == expected
    assert _files(data) == []


def test_an_empty_index_searches_and_keeps_nothing(tmp_path):
    from index.finder import search

    writer.rebuild(tmp_path, lambda: [])
    f = Finder(tmp_path)
    try:
        found = search(f, "hội nghị")
        assert found["total"] == 0 and f.copy_groups() == {}
    finally:
        f.close()
    assert _files(tmp_path) == []


def test_files_of_other_authority_versions_and_leftovers_are_removed(tmp_path):
    folder = tmp_path / "ix"
    folder.mkdir()
    leftover = folder / ".derived.old.tmp"
    leftover.write_bytes(b"half")
    os.utime(leftover, (1, 1))
    fresh = folder / ".derived.new.tmp"
    fresh.write_bytes(b"being written")
    assert derived.kept(folder, "k1", "unit_groups", lambda: 1, "v1") == 1
    assert derived.kept(folder, "k1", "facet_sets", lambda: 2) == 2
    assert derived.kept(folder, "k1", "unit_groups", lambda: 3, "v2") == 3
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 3 and ".derived.new.tmp" in names  # a file being written is left alone
    assert derived.kept(folder, "k1", "unit_groups", lambda: 4, "v2") == 3  # read back, not built
    assert derived.kept(folder, "k1", "facet_sets", lambda: 5) == 2
    derived.kept(folder, "k2", "facet_sets", lambda: 6)
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".pickle") == \
        [p.name for p in folder.glob(derived.PREFIX + "k2-*")]

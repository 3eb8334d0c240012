"""Likely namesakes (issue 14): `thidua people` flags a name whose articles cannot be
one career, says which articles to split off, and never splits by itself."""
import json

import pytest
from click.testing import CliRunner

from conftest import needs_shared
from fixture_records import _record, person, records
from index import writer
from ingest import store
from ingest.authority import listing, namesakes
from search.cli.main import cli


def later(published, *people):
    """An article of our own naming people, dated a day before it was published."""
    day = f"{published[:-2]}{int(published[-2:]) - 1:02d}"
    text = " ".join(f"{p['rank']} {p['name']}, {', '.join(p['positions'])}, dự." for p in people)
    return _record(f"Hội nghị ngày {day}", published, text, {"type": "conference", "date": day, "location": None},
                   people=list(people))


@pytest.fixture
def folder(tmp_path):
    recs = records()
    db = store.connect(tmp_path)
    store.save_batch(db, recs)
    db.close()
    writer.update(tmp_path, recs)
    return tmp_path


def add(folder, *recs):
    db = store.connect(folder)
    store.save_batch(db, list(recs))
    writer.update(folder, list(recs))
    return db


def checks(db):
    return {r["name"]: r["check"] for r in listing.people(db)}


def test_a_lower_rank_in_another_unit_is_likely_a_namesake(folder):
    other = later("2024-05-02", person("Trần Quốc Bình", "Thượng tá", "Trưởng Công an huyện Vân Hồ"))
    db = add(folder, other)
    said = checks(db)["Trần Quốc Bình"]
    assert said.startswith("rank went down, no unit shared: Đại tá (2021) then Thượng tá (2024)")
    assert said.endswith(f"namesakes: split {other['id'][:8]}")


def test_a_lower_rank_in_the_same_unit_may_be_misread(folder):
    db = add(folder, later("2024-05-02", person("Lê Văn Tuấn", "Đại tá", "Phó Chủ nhiệm Tổng cục CNQP")))
    said = checks(db)["Lê Văn Tuấn"]
    assert said.startswith("rank went down: Trung tướng (2023) then Đại tá (2024); a misread rank, or namesakes?")


def test_a_rank_given_once_without_a_date_or_rising_is_no_evidence(folder):
    db = add(folder, later("2024-05-02", person("Trần Quốc Bình", "Thiếu tướng", "Cục trưởng Cục Hậu cần")))
    assert set(checks(db).values()) == {""}  # promoted and moved: one career


def test_one_post_in_two_unrelated_organisations_in_a_year(folder):
    same_year = later("2022-09-20", person("Phạm Đăng Khoa", "Đại tá", "Giám đốc Nhà máy Z121"))
    db = add(folder, same_year)
    said = checks(db)["Phạm Đăng Khoa"]
    assert said == (f"Giám đốc of Nhà máy Z131 and of Nhà máy Z121 in 2022: namesakes? "
                    f"(split {same_year['id'][:8]})")


def test_one_post_in_one_organisation_under_two_names_or_side_by_side_posts_are_one_person(folder):
    db = add(folder,
             later("2024-03-20", person("Đỗ Minh Khang", "Đại tá", "Giám đốc Công ty TNHH MTV Hóa chất 21")),
             later("2024-10-20", person("Đỗ Minh Khang", "Đại tá", "Giám đốc Nhà máy Z121",
                                        "Chủ tịch Hội đồng thi đua Cụm thi đua Điện - Điện tử - Hóa chất")),
             later("2024-11-20", person("Đỗ Minh Khang", "Đại tá", "Bí thư Đảng ủy Nhà máy Z121",
                                        "Chủ tịch Công đoàn Nhà máy Z121")))
    assert namesakes._posts(db, ["Giám đốc Công ty TNHH MTV Hóa chất 21"]) == [("giám đốc", "Nhà máy Z121")]
    assert checks(db)["Đỗ Minh Khang"] == ""


def test_the_split_the_check_proposes_settles_it(folder):
    other = later("2024-05-02", person("Trần Quốc Bình", "Thượng tá", "Trưởng Công an huyện Vân Hồ"))
    db = add(folder, other)
    ids = checks(db)["Trần Quốc Bình"].rsplit("split ", 1)[1].split()
    runner = CliRunner()
    flagged = runner.invoke(cli, ["--data-dir", str(folder), "people", "--check", "--format", "json"])
    assert flagged.exit_code == 0 and [r["name"] for r in json.loads(flagged.output)] == ["Trần Quốc Bình"]
    done = runner.invoke(cli, ["--data-dir", str(folder), "people", "split", "Trần Quốc Bình", *ids,
                               "--label", "Công an huyện Vân Hồ"])
    assert done.exit_code == 0, done.output
    assert checks(db) == {**{name: "" for name in checks(db)}}
    assert runner.invoke(cli, ["--data-dir", str(folder), "people", "--check"]).output.strip() \
        == "No person is flagged."


@needs_shared
def test_no_one_is_flagged_on_the_real_pages_and_the_sample_corpus(real_archive, sample_archive):
    """Read by hand (issue 14 follow-up): on these archives every name of several
    articles is one person (same post, same unit, ranks rising), so none is flagged."""
    for folder in (real_archive, sample_archive):
        db = store.connect_reading(folder)
        rows = listing.people(db)
        assert sum(r["articles"] > 1 for r in rows) > 0
        assert [r["name"] for r in rows if r["check"]] == []


def test_sole_posts_are_titles_the_extractor_reads():
    heads = {namesakes.match_key(h) for h in namesakes.lines("position_heads.txt")}
    assert all(post.split()[0] in {h.split()[0] for h in heads} for post in namesakes.sole_posts())

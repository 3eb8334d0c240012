"""Property: whatever order and batches articles arrive in — new, repeated, edited,
copied to another file, republished with small edits — the index holds exactly one
document per stored record, and the counts `ingest` prints are what changed.

The expected statuses come from a small model of the identity rules (a source seen
again, the same content elsewhere, else a new article); near copies are new
articles in the model (the summary counts them among the new). Extraction is
memoised by content so that Hypothesis can try many sequences: everything after it
(identity, versions, copies, the journal, the index writer) runs for real.
"""
import copy
import re
from unittest import mock

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from ingest import store
from ingest.extract import compose
from index.writer import index_path
from search.cli.main import cli
from whoosh import index as whoosh_index

BASES = [
    ("Nhà máy Z191 tổng kết thi đua năm 2024",
     ["Sáng 10/12/2024, Nhà máy Z191 tổ chức hội nghị tổng kết phong trào thi đua quyết thắng.",
      "Giá trị sản xuất đạt 950 tỷ đồng, tăng 8,5% so với năm trước; 14 tập thể được khen thưởng.",
      "Đại tá Phạm Quốc Huy, Giám đốc nhà máy, yêu cầu giữ vững an toàn và chất lượng sản phẩm.",
      "Hội nghị đề ra mục tiêu đổi mới dây chuyền đúc và nâng cao tay nghề cho công nhân trẻ."]),
    ("Công ty Cơ khí 17 phát động thi đua cao điểm",
     ["Chiều 2/9/2024, Công ty Cơ khí 17 phát động đợt thi đua cao điểm một trăm ngày đêm.",
      "Doanh thu tám tháng đạt 312 tỷ đồng, bằng 70% kế hoạch; thu nhập bình quân 11,4 triệu đồng.",
      "Các phân xưởng ký giao ước, phấn đấu giao hàng đúng hạn cho các đơn vị trong toàn quân.",
      "Ban giám đốc cam kết khen thưởng kịp thời những sáng kiến làm lợi cho công ty."]),
    ("Học viện Kỹ thuật quân sự trao thưởng sinh viên giỏi",
     ["Ngày 5/6/2024, Học viện Kỹ thuật quân sự trao thưởng cho 46 học viên đạt thành tích xuất sắc.",
      "Thiếu tướng Đỗ Văn Lâm, Phó Giám đốc Học viện, trao bằng khen và động viên các em.",
      "Năm học qua có 21 đề tài nghiên cứu khoa học của học viên được nghiệm thu loại giỏi.",
      "Nhà trường tiếp tục đầu tư phòng thí nghiệm và mở rộng hợp tác đào tạo với các viện nghiên cứu."]),
]
FURNITURE = ["Trang chủ | Tin tức", "Chuyên mục Quốc phòng", "Đăng nhập | Đăng ký"]


def variant(base, kind):
    """A version of a base article: the original, an edit of one figure (a new version
    of the same page), or a near copy (a word changed, the last paragraph dropped)."""
    title, paras = BASES[base]
    if kind == "edited":
        paras = [re.sub(r"\d+ tập thể|\d+ đề tài|\d+% kế hoạch", lambda m: "9" + m.group(0), p) for p in paras]
    elif kind == "near":
        paras = [p.replace("tổ chức", "long trọng tổ chức").replace("trao bằng khen", "trực tiếp trao bằng khen")
                 .replace("phát động", "chính thức phát động") for p in paras[:-1]]
    return title, paras


KINDS = ["original", "edited", "near"]
_EXTRACTED = {}
_real_extract = compose.extract


def _memo_extract(record, notes=None, reference=None):
    key = (record["title"], record["text"], repr(reference))
    if key not in _EXTRACTED:
        _EXTRACTED[key] = _real_extract(copy.deepcopy(record), notes, reference)
    done = copy.deepcopy(_EXTRACTED[key])
    for field in ("source", "url", "source_key"):
        done[field] = record.get(field)
    return done


class Model:
    """The identity rules, said simply: sources, contents and the articles they name."""

    def __init__(self):
        self.sources, self.content, self.own, self.order = {}, {}, {}, []

    def ingest(self, key, content):
        if key in self.sources:
            article = self.sources[key]
            if self.content[article] == content:
                return "unchanged"
            if self.own[article] == key:
                self.content[article] = content
                return "updated"
            del self.sources[key]
        same = next((a for a in self.order if self.content[a] == content), None)
        if same is not None:
            self.sources[key] = same
            return "duplicate"
        article = len(self.order)
        self.order.append(article)
        self.own[article], self.content[article], self.sources[key] = key, content, article
        return "new"


step = st.lists(st.tuples(st.integers(0, 5), st.integers(0, len(BASES) - 1), st.sampled_from(KINDS),
                          st.integers(0, len(FURNITURE) - 1)), min_size=1, max_size=3)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=4), batch_size=st.integers(1, 3))
def test_index_equals_records_and_counts_are_what_changed(tmp_path_factory, steps, batch_size):
    root = tmp_path_factory.mktemp("identity")
    data, model = root / "data", Model()
    with mock.patch.object(compose, "extract", _memo_extract):
        for files in steps:
            expected = dict.fromkeys(["new", "updated", "unchanged", "duplicate"], 0)
            paths = []
            for slot, base, kind, furniture in files:
                path = root / "in" / f"{slot}.txt"
                path.parent.mkdir(exist_ok=True)
                title, paras = variant(base, kind)
                path.write_text(f"{FURNITURE[furniture]}\n\n{title}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
                paths.append(path)
            # a file named twice in one command is one input, read once as it is now
            paths = list(dict.fromkeys(paths))
            for path in paths:
                title_body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
                expected[model.ingest(str(path), title_body)] += 1
            result = CliRunner().invoke(cli, ["ingest", "--data-dir", str(data), "--batch-size", str(batch_size),
                                              *map(str, paths)])
            assert result.exit_code == 0, result.output
            summary = re.search(r"(\d+) new.*?, (\d+) updated, (\d+) unchanged, (\d+) duplicate, 0 failed",
                                result.output)
            assert summary, result.output
            assert tuple(map(int, summary.groups())) == (expected["new"], expected["updated"],
                                                         expected["unchanged"], expected["duplicate"]), result.output
            db = store.connect(data)
            stored = sorted(r[0] for r in db.execute("SELECT id FROM articles"))
            with whoosh_index.open_dir(str(index_path(data))).searcher() as searcher:
                indexed = sorted(f["id"] for f in searcher.all_stored_fields())
            assert indexed == stored  # one document per record: none missing, none twice
            assert len(stored) == len(model.order)
            assert store.journal(db) == []
            sources = sorted(r[0] for r in db.execute("SELECT source FROM sources"))
            assert sources == sorted(set(sources)) and len(sources) == len(model.sources)
            db.close()

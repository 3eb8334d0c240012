"""Records composed for the statistics and timeline tests of issue 13: figures of several
kinds and periods, from two factories and a cluster, and an article reporting two events.

The sentences are written for these tests. Records are stored and indexed as
`thidua ingest` would (see build)."""
from fixture_records import _record, figure
from ingest import store
from index import writer

CLUSTER = "Cụm thi đua Cơ khí - Động lực"
Z111 = {"name": "Nhà máy Z111", "code": "Z111", "mentions": ["Nhà máy Z111"], "kind": "factory"}
Z112 = {"name": "Nhà máy Z112", "code": "Z112", "mentions": ["Nhà máy Z112"], "kind": "factory"}
CLUSTER_UNIT = {"name": CLUSTER, "code": None, "mentions": [CLUSTER], "kind": "cluster",
                "members": ["Nhà máy Z111", "Nhà máy Z112"]}
HALF_2024 = ("2024-01-01", "2024-06-30")
YEAR_2024 = ("2024-01-01", "2024-12-31")
NINE_2024 = ("2024-01-01", "2024-09-30")
NINE_2023 = ("2023-01-01", "2023-09-30")


def kinded(kind, *args, **kwargs):
    found = figure(*args, **kwargs)
    found["kind"] = kind
    return found


def span(text, start, end, role=None):
    found = {"text": text, "start": start, "end": end, "granularity": "day" if start == end else "month"}
    if role:
        found["role"] = role
    return found


def records():
    """The records, each figure's offset pointing at its text (as extraction sets it)."""
    recs = _records()
    for rec in recs:
        for fig in rec["figures"]:
            fig["offset"] = rec["text"].index(fig["text"])
    return recs


def _records():
    return [
        _record(
            "Nhà máy Z111 sơ kết sản xuất nửa đầu năm 2024", "2024-07-05",
            "Ngày 3/7, Nhà máy Z111 sơ kết sản xuất kinh doanh nửa đầu năm 2024.\nTrong nửa năm, giá trị sản "
            "xuất của nhà máy đạt 500 tỷ đồng, tăng 8% so với cùng kỳ.\nNhà máy dự kiến cả năm đạt 1.100 tỷ đồng.",
            {"type": "report", "date": "2024-07-03", "location": "Nhà máy Z111"},
            units=[Z111], dates=[span("3/7", "2024-07-03", "2024-07-03"),
                                 span("nửa đầu năm 2024", *HALF_2024)],
            figures=[kinded("result", "500 tỷ đồng", 500, "tỷ đồng", "giá trị sản xuất", organisation="Nhà máy Z111",
                            period=HALF_2024),
                     kinded("growth", "8%", 8, "%", "giá trị sản xuất", organisation="Nhà máy Z111", period=HALF_2024),
                     kinded("forecast", "1.100 tỷ đồng", 1100, "tỷ đồng", "giá trị sản xuất",
                            organisation="Nhà máy Z111", period=YEAR_2024)]),
        _record(
            "Nhà máy Z112 vượt tiến độ sáu tháng", "2024-07-09",
            "Sáng 8/7, Nhà máy Z112 tổng kết sáu tháng đầu năm.\nGiá trị sản xuất sáu tháng của Z112 là 300 tỷ "
            "đồng.\nNhà máy phấn đấu giá trị sản xuất năm 2024 đạt 700 tỷ đồng.",
            {"type": "report", "date": "2024-07-08", "location": "Nhà máy Z112"},
            units=[Z112], dates=[span("8/7", "2024-07-08", "2024-07-08"),
                                 span("sáu tháng đầu năm", *HALF_2024)],
            figures=[kinded("result", "300 tỷ đồng", 300, "tỷ đồng", "giá trị sản xuất", organisation="Nhà máy Z112",
                            period=HALF_2024),
                     kinded("plan", "700 tỷ đồng", 700, "tỷ đồng", "giá trị sản xuất", organisation="Nhà máy Z112",
                            period=YEAR_2024)]),
        _record(
            "Z111 về đích chín tháng", "2024-10-04",
            "Kết thúc quý III, Nhà máy Z111 báo cáo giá trị sản xuất chín tháng đạt 800 tỷ đồng.\nCán bộ, công "
            "nhân viên nhà máy thi đua hoàn thành kế hoạch năm.",
            {"type": "report", "date": None, "location": None},
            units=[Z111], dates=[span("chín tháng", *NINE_2024)],
            figures=[kinded("result", "800 tỷ đồng", 800, "tỷ đồng", "giá trị sản xuất", organisation="Nhà máy Z111",
                            period=NINE_2024)]),
        _record(
            "Hội nghị Cụm thi đua Cơ khí - Động lực và bàn giao Cụm trưởng", "2023-10-12",
            "Ngày 10/10/2023, Cụm thi đua Cơ khí - Động lực tổ chức hội nghị sơ kết và bàn giao Cụm trưởng.\n"
            "Chín tháng, giá trị sản xuất toàn Cụm đạt 3.000 tỷ đồng.\nNhà máy Z111 thành lập ngày 15/3/1965.",
            {"type": "conference", "types": ["conference", "handover"], "date": "2023-10-10", "location": None},
            units=[CLUSTER_UNIT, Z111, Z112],
            dates=[span("10/10/2023", "2023-10-10", "2023-10-10"), span("chín tháng", *NINE_2023),
                   span("15/3/1965", "1965-03-15", "1965-03-15", "history")],
            figures=[kinded("result", "3.000 tỷ đồng", 3000, "tỷ đồng", "giá trị sản xuất", organisation=CLUSTER,
                            period=NINE_2023)]),
    ]


def factories_nine_months_2023():
    """Z111's and Z112's own nine months of 2023: the period of the cluster's 3.000 tỷ đồng."""
    return [
        _record(
            "Z111 tăng tốc quý III", "2023-10-03",
            "Tổ sản xuất số 4 của Nhà máy Z111 làm ba ca liên tục để kịp giao hàng cho khách.\nHết chín tháng, "
            "nhà máy làm ra 900 tỷ đồng giá trị sản xuất.",
            {"type": "report", "date": None, "location": None}, units=[Z111],
            dates=[span("chín tháng", *NINE_2023)],
            figures=[kinded("result", "900 tỷ đồng", 900, "tỷ đồng", "giá trị sản xuất", organisation="Nhà máy Z111",
                            period=NINE_2023)]),
        _record(
            "Công nhân Z112 thi đua lao động giỏi", "2023-10-06",
            "Đoàn thanh niên Nhà máy Z112 phát động đợt sáng kiến mới trong phân xưởng cơ khí.\nLũy kế từ đầu năm "
            "đến hết tháng 9, giá trị sản xuất của Z112 đạt 650 tỷ đồng.",
            {"type": "report", "date": None, "location": None}, units=[Z112],
            dates=[span("từ đầu năm đến hết tháng 9", *NINE_2023)],
            figures=[kinded("result", "650 tỷ đồng", 650, "tỷ đồng", "giá trị sản xuất", organisation="Nhà máy Z112",
                            period=NINE_2023)]),
    ]


def second_report():
    """Z111's half year told again in another article: the same organisation twice in a group."""
    return _record(
        "Nhìn lại nửa năm ở Nhà máy Z111", "2024-07-20",
        "Phóng sự về Nhà máy Z111: người lao động kể chuyện những ca làm đêm.\nKết quả nửa năm, nhà máy làm ra "
        "giá trị sản xuất 500 tỷ đồng.",
        {"type": "other", "date": None, "location": None},
        units=[Z111], dates=[span("nửa năm", *HALF_2024)],
        figures=[kinded("result", "500 tỷ đồng", 500, "tỷ đồng", "giá trị sản xuất", organisation="Nhà máy Z111",
                        period=HALF_2024)])


def unnamed_figures():
    """A cluster's conference handing the cluster's lead to Z112, whose text names Z112
    first, and a Z111 report: figures whose sentences name no organisation, beside one
    whose sentence names Z112; and a note naming no unit at all."""
    half = ("2025-01-01", "2025-06-30")
    return [
        _record(
            f"{CLUSTER} sơ kết sáu tháng, trao cờ Cụm trưởng cho Nhà máy Z112", "2025-07-10",
            "Nhà máy Z112 đăng cai hội nghị.\nCác đơn vị có tỷ trọng hàng quốc phòng chỉ chiếm 25%.\n"
            "Sáu tháng, giá trị sản xuất của Nhà máy Z112 đạt 410 tỷ đồng.",
            {"type": "conference", "date": "2025-07-08", "location": None},
            units=[Z112, CLUSTER_UNIT], dates=[span("sáu tháng", *half)],
            figures=[kinded("share", "25%", 25, "%", "tỷ trọng"),
                     kinded("result", "410 tỷ đồng", 410, "tỷ đồng", "giá trị sản xuất", organisation="Nhà máy Z112")]),
        _record(
            "Nhà máy Z111 hoàn thành kế hoạch sáu tháng", "2025-07-12",
            "Nhà máy Z111 họp báo cáo sáu tháng đầu năm.\nGiá trị sản xuất đạt 520 tỷ đồng.",
            {"type": "report", "date": None, "location": None}, units=[Z111], dates=[span("sáu tháng", *half)],
            figures=[kinded("result", "520 tỷ đồng", 520, "tỷ đồng", "giá trị sản xuất")]),
        _record(
            "Ghi chép ở phân xưởng", "2025-07-15", "Ca đêm có 12 người đứng máy.\nAi cũng vui.",
            {"type": "other", "date": None, "location": None},
            figures=[kinded("result", "12 người", 12, "người", None)]),
    ]


def build(data_dir, recs):
    db = store.connect(data_dir)
    store.save_batch(db, recs)
    db.close()
    writer.update(data_dir, recs)
    return recs

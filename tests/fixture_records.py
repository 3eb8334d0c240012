"""Hand-written article records with their entities, as extraction will produce them.

The texts are written for these tests (not taken from any source). They cover each
event type, units with codes, an emulation cluster with members, one officer whose
rank changes between articles, figures with and without periods, old-style tone
placement ("hoá") and one record carrying its own word segmentation.
"""
from ingest import store
from ingest.record import new_record
from index import writer

CLUSTER = "Cụm thi đua Điện - Điện tử - Hóa chất"
TCCNQP = {"name": "Tổng cục Công nghiệp quốc phòng", "code": None,
          "mentions": ["Tổng cục Công nghiệp quốc phòng", "Tổng cục CNQP"], "kind": "agency"}
Z175 = {"name": "Nhà máy Z175", "code": "Z175", "mentions": ["Nhà máy Z175", "Z175"], "kind": "factory"}
Z121 = {"name": "Công ty TNHH Một thành viên Hóa chất 21", "code": "Z121",
        "mentions": ["Nhà máy Z121", "Công ty Hóa chất 21"], "kind": "factory"}
Z131 = {"name": "Nhà máy Z131", "code": "Z131", "mentions": ["Nhà máy Z131"], "kind": "factory"}
CLUSTER_UNIT = {"name": CLUSTER, "code": None, "mentions": [CLUSTER], "kind": "cluster",
                "members": ["Nhà máy Z131", "Công ty TNHH Một thành viên Hóa chất 21"]}


def person(name, rank, *positions):
    return {"name": name, "rank": rank, "positions": list(positions)}


TUAN_2021 = person("Lê Văn Tuấn", "Thiếu tướng", "Phó Chủ nhiệm Tổng cục Công nghiệp quốc phòng")
TUAN_2023 = person("Lê Văn Tuấn", "Trung tướng", "Chủ nhiệm Tổng cục Công nghiệp quốc phòng")
BINH = person("Trần Quốc Bình", "Đại tá", "Giám đốc Nhà máy Z175")
HA = person("Nguyễn Thị Hà", "Thượng tá", "Chủ tịch Công đoàn Nhà máy Z121")
KHOA = person("Phạm Đăng Khoa", "Đại tá", "Giám đốc Nhà máy Z131")


def figure(text, value, unit, metric, qualifier=None, organisation=None, period=None):
    fig = {"text": text, "value": value, "unit": unit, "metric": metric, "qualifier": qualifier,
           "compared_to": None, "offset": 0}
    if organisation:
        fig["organisation"] = organisation
    if period:
        fig["period"] = {"start": period[0], "end": period[1]}
    return fig


def _record(title, published, text, event, units=(), people=(), dates=(), figures=()):
    rec = new_record(f"fixture/{published}.txt", title, published, "Phóng viên", text)
    rec.update(event=event, units=list(units), people=list(people), dates=list(dates), figures=list(figures))
    return rec


def records():
    return [
        _record(
            "Hội nghị tổng kết phong trào Thi đua Quyết thắng năm 2023",
            "2023-12-28",
            "Sáng 27/12, Tổng cục Công nghiệp quốc phòng tổ chức Hội nghị tổng kết phong trào Thi đua "
            "Quyết thắng năm 2023 tại Hà Nội.\nTrung tướng Lê Văn Tuấn, Chủ nhiệm Tổng cục Công nghiệp "
            "quốc phòng chủ trì hội nghị.\nNăm 2023, giá trị sản xuất toàn Tổng cục đạt hơn 3.000 tỷ đồng, "
            "tăng 5,7% so với năm 2022.",
            {"type": "conference", "date": "2023-12-27", "location": "Hà Nội"},
            units=[TCCNQP], people=[TUAN_2023, BINH],
            dates=[{"text": "27/12", "start": "2023-12-27", "end": "2023-12-27", "granularity": "day"}],
            figures=[figure("hơn 3.000 tỷ đồng", 3000, "tỷ đồng", "giá trị sản xuất", "more_than",
                            organisation="Tổng cục Công nghiệp quốc phòng", period=("2023-01-01", "2023-12-31")),
                     figure("5,7%", 5.7, "%", "tăng trưởng", None)]),
        _record(
            "Nhà máy Z175 phát động thi đua cao điểm",
            "2021-03-15",
            "Ngày 12/3/2021, Nhà máy Z175 tổ chức lễ phát động thi đua cao điểm chào mừng Đại hội Đảng "
            "bộ Tổng cục.\nThiếu tướng Lê Văn Tuấn, Phó Chủ nhiệm Tổng cục Công nghiệp quốc phòng dự và "
            "phát biểu chỉ đạo.\nĐại tá Trần Quốc Bình, Giám đốc Nhà máy Z175 giao chỉ tiêu cho 12 phân xưởng.",
            {"type": "campaign_launch", "date": "2021-03-12", "location": "Nhà máy Z175"},
            units=[Z175, TCCNQP], people=[BINH, TUAN_2021],
            dates=[{"text": "12/3/2021", "start": "2021-03-12", "end": "2021-03-12", "granularity": "day"}],
            figures=[figure("12 phân xưởng", 12, "phân xưởng", "chỉ tiêu", None)]),
        _record(
            "Cụm thi đua Điện - Điện tử - Hóa chất ký kết giao ước thi đua",
            "2022-02-20",
            "Ngày 18/2/2022, tại Nhà máy Z131, Cụm thi đua Điện - Điện tử - Hóa chất tổ chức ký kết "
            "giao ước thi đua năm 2022.\nĐại tá Phạm Đăng Khoa, Giám đốc Nhà máy Z131, Cụm trưởng chủ trì.\n"
            "Các đơn vị trong cụm phấn đấu doanh thu tăng trên 10% so với năm 2021.",
            {"type": "handover", "date": "2022-02-18", "location": "Nhà máy Z131"},
            units=[CLUSTER_UNIT, Z131, Z121], people=[KHOA],
            dates=[{"text": "18/2/2022", "start": "2022-02-18", "end": "2022-02-18", "granularity": "day"}],
            figures=[figure("trên 10%", 10, "%", "doanh thu", "more_than", organisation=CLUSTER)]),
        _record(
            "Công ty Hóa chất 21 trao thưởng cho 45 cá nhân tiêu biểu",
            "2022-06-30",
            "Chiều 29/6, Công ty TNHH Một thành viên Hoá chất 21 (Nhà máy Z121) tổ chức lễ trao thưởng "
            "cho 45 cá nhân có thành tích xuất sắc trong 6 tháng đầu năm 2022.\nThượng tá Nguyễn Thị Hà, "
            "Chủ tịch Công đoàn công ty trao bằng khen.\nThu nhập bình quân của người lao động đạt 12,5 "
            "triệu đồng/người/tháng.",
            {"type": "award", "date": "2022-06-29", "location": "Phú Thọ"},
            units=[Z121], people=[HA],
            dates=[{"text": "29/6", "start": "2022-06-29", "end": "2022-06-29", "granularity": "day"},
                   {"text": "6 tháng đầu năm 2022", "start": "2022-01-01", "end": "2022-06-30",
                    "granularity": "half"}],
            figures=[figure("45 cá nhân", 45, "cá nhân", "khen thưởng", None, organisation="Nhà máy Z121"),
                     figure("12,5 triệu đồng/người/tháng", 12.5, "triệu đồng/người/tháng", "thu nhập bình quân",
                            None)]),
        _record(
            "Nhà máy Z175 sơ kết 6 tháng đầu năm 2023",
            "2023-07-10",
            "Ngày 8/7, Nhà máy Z175 sơ kết công tác thi đua 6 tháng đầu năm 2023.\nTrung tướng Lê Văn Tuấn "
            "đánh giá cao kết quả của nhà máy.\nGiá trị sản xuất đạt khoảng 850 tỷ đồng, doanh thu đạt "
            "gần 900 tỷ đồng.",
            {"type": "report", "date": "2023-07-08", "location": "Nhà máy Z175"},
            units=[Z175], people=[TUAN_2023, BINH],
            dates=[{"text": "8/7", "start": "2023-07-08", "end": "2023-07-08", "granularity": "day"},
                   {"text": "6 tháng đầu năm 2023", "start": "2023-01-01", "end": "2023-06-30",
                    "granularity": "half"}],
            figures=[figure("khoảng 850 tỷ đồng", 850, "tỷ đồng", "giá trị sản xuất", "about",
                            organisation="Nhà máy Z175"),
                     figure("gần 900 tỷ đồng", 900, "tỷ đồng", "doanh thu", "almost", organisation="Nhà máy Z175")]),
        _record(
            "Tọa đàm về văn hóa doanh nghiệp quân đội",
            "2020-10-05",
            "Ngày 2/10/2020, Nhà máy Z131 tổ chức tọa đàm về xây dựng văn hoá doanh nghiệp trong quân đội.\n"
            "Các đại biểu trao đổi kinh nghiệm thực tiễn tại đơn vị và đưa ra nhiều kiến nghị.",
            {"type": "other", "date": "2020-10-02", "location": None},
            units=[Z131], people=[],
            dates=[{"text": "2/10/2020", "start": "2020-10-02", "end": "2020-10-02", "granularity": "day"}]),
    ]


def build(data_dir):
    """Store the fixture records and index them, as `thidua ingest` would."""
    recs = records()
    db = store.connect(data_dir)
    store.save_batch(db, recs)
    db.close()  # as an ingest ends: the write-ahead log folded into the file
    writer.update(data_dir, recs)
    return recs

"""Each boilerplate family of ingest/data/boilerplate.tsv, on lines we wrote."""
import pytest

from ingest.clean import boilerplate

EXAMPLES = {
    "gambling_spam": ["Cổng game bài đổi thưởng số 1 Việt Nam", "Nhà cái uy tín - tặng 100k"],
    "contact": ["Hotline: 0912.345.678", "Liên hệ", "Chat Facebook", "Gọi điện ngay",
                "Số 12 phố Hàng Bài, Hà Nội | (84).24.3826.1111", "Địa chỉ: 25 Lý Thường Kiệt, Hoàn Kiếm"],
    "comment_form": ["Bình luận", "Ý kiến bình luận", "Họ và tên:", "Email:", "Nội dung:", "Lời bình",
                     "Xác thực", "Trả lời", "Gửi bình luận", "Bình luận (12)"],
    "audio_player": ["0:00/ 0:00", "12:05 / 15:40", "Giọng nam", "• Giọng nữ", "Nghe bài viết"],
    "photo_widget": ["leftcenterrightdel", "centerdel"],
    "widget_words": ["Sao chép liên kết", "Trở lên trên", "Lượt xem: 1.234"],
    "accessibility": ["A- A A+ | Tăng tương phản Giảm tương phản", "Cỡ chữ"],
    "more_news": ["CÓ THỂ BẠN QUAN TÂM", "Tin liên quan", "Tin cùng chuyên mục", "Đọc nhiều trong Thời sự",
                  "Xem thêm: Nhà máy Z131 phát động thi đua", "Từ khóa: thi đua, khen thưởng", "Chia sẻ"],
    "reader_invite": ["* Mời bạn đọc vào chuyên mục Quốc phòng xem các tin, bài liên quan.",
                      "Theo dõi chúng tôi trên Google News"],
    "source_line": ["Nguồn: Tổng cục CNQP.", "Theo: Báo Quân khu 3", "TTXVN", "(Tổng hợp)", "(T/h)",
                    "Theo Báo Quân khu 7", "Theo VnExpress.net",
                    "Minh Anh (Theo Quân đội nhân dân)"],
    "copyright": ["Bản quyền thuộc Báo Quốc Phòng Mẫu", "© 2024 Cổng thông tin Nhà máy Z199",
                  "Tổng biên tập: Nguyễn Văn Mẫu", "Chính sách bảo mật"],
    "navigation": ["Trang chủ", "Trang chủ › Quốc phòng", "Tìm kiếm"],
    "portal_furniture": ["Nội dung chính", "Mục lục", "https://cong-thong-tin.example.vn/tin-tuc/hoi-nghi-123",
                         "www.example.vn/bai-viet"],
    "login_teaser": ["Đừng bỏ lỡ tin tức quan trọng! Bật thông báo ngay. Đăng nhập bằng Google",
                     "Đăng nhập bằng tài khoản Facebook", "Tiếp tục với Google"],
}

BODY = [
    "Sáng 12/4, tại Hà Nội, Tổng cục Công nghiệp quốc phòng tổ chức Hội nghị sơ kết phong trào thi đua.",
    "Bình luận về kết quả này, Đại tá Nguyễn Văn Hải cho rằng các đơn vị đã có nhiều cố gắng.",
    "Năm 2023 ghi nhận nhiều dấu ấn xuất sắc trong công tác của Tổng cục",
    "Liên hệ chặt chẽ với địa phương, đơn vị đã giúp đỡ hơn 200 hộ dân khắc phục hậu quả bão.",
    "Quang cảnh hội nghị.",
    "Chỉ cá cược bóng đá quốc tế tối đa 1 triệu đồng",
    "Xung quanh vấn đề bản quyền và bảo vệ bản quyền hiện nay, phóng viên đã trao đổi với chuyên gia.",
    "Trở lại với truyền thống",
    "Theo báo cáo, năm 2023 Tổng cục hoàn thành 91/91 chủng loại sản phẩm.",
    "Nội dung chính của hội nghị là bàn các giải pháp đẩy mạnh thi đua.",
    "Chi tiết xem tại https://example.vn/ke-hoach trên cổng thông tin của đơn vị.",
    "Đừng bỏ lỡ cơ hội rèn luyện, anh nhắc các chiến sĩ trẻ.",
]


def test_every_family_has_examples():
    assert {family for family, _, _ in boilerplate.rules()} == set(EXAMPLES)


@pytest.mark.parametrize("family,line", [(f, line) for f, lines in EXAMPLES.items() for line in lines])
def test_family_lines_are_boilerplate(family, line):
    assert boilerplate.classify(line)[0] == family


@pytest.mark.parametrize("line", BODY)
def test_body_lines_are_kept(line):
    assert boilerplate.classify(line) is None


def test_end_markers_close_the_article():
    assert boilerplate.classify("CÓ THỂ BẠN QUAN TÂM")[1] == "end"
    assert boilerplate.classify("Ý kiến bình luận")[1] == "end"
    assert boilerplate.classify("Xem thêm: Nhà máy Z131 phát động thi đua")[1] == "drop"


def test_long_lines_are_never_boilerplate():
    line = "Hotline: 0912.345.678 " + "nội dung bài viết rất dài " * 30
    assert boilerplate.classify(line) is None

"""Units: gazetteer forms merged, head-noun rules, clusters and their members."""
from ingest.extract.units import extract_units


def by_name(units):
    return {u["name"]: u for u in units}


def test_abbreviations_of_the_tong_cuc_merge_into_one_unit():
    text = ("Tổng cục Công nghiệp quốc phòng tổ chức hội nghị.\n"
            "Đại diện Tổng cục CNQP phát biểu; văn bản của TCCNQP đã ban hành.\n"
            "Các cơ quan Tổng cục tham dự.")
    units = extract_units(text)
    assert [u["name"] for u in units] == ["Tổng cục Công nghiệp quốc phòng"]
    unit = units[0]
    assert unit["code"] == "TCCNQP"
    assert {"Tổng cục CNQP", "TCCNQP", "Tổng cục"} <= set(unit["mentions"])


def test_bare_tong_cuc_alone_is_not_a_unit():
    assert extract_units("Các cơ quan Tổng cục đã họp bàn.") == []


def test_head_noun_alone_is_not_a_unit():
    assert extract_units("Cán bộ Nhà máy đã tham gia phong trào; Nhà máy hoàn thành kế hoạch.") == []


def test_factory_code_and_trade_name_are_one_unit():
    text = ("Nhà máy Z195 tổ chức lễ ra quân.\n"
            "Giám đốc Công ty TNHH Một thành viên Cơ khí 95 phát biểu.")
    units = by_name(extract_units(text))
    assert list(units) == ["Nhà máy Z195"]
    assert units["Nhà máy Z195"]["code"] == "Z195"
    assert "Công ty TNHH Một thành viên Cơ khí 95" in units["Nhà máy Z195"]["mentions"]


def test_trade_name_in_parentheses_joins_the_factory():
    text = "Ông A, Chủ tịch Công ty TNHH Một thành viên Điện tử 99 (tên giao dịch của Nhà máy Z150), phát biểu."
    units = extract_units(text)
    assert len(units) == 1 and units[0]["code"] == "Z150"


def test_cluster_with_member_list():
    text = ("Cụm thi đua “Cơ khí – Chế tạo” (gồm các Nhà máy: Z111, Z113, Z117) tổ chức hội nghị "
            "tại Nhà máy Z113.")
    units = by_name(extract_units(text))
    cluster = units["Cụm thi đua “Cơ khí – Chế tạo”"]
    assert cluster["kind"] == "cluster"
    assert cluster["members"] == ["Nhà máy Z111", "Nhà máy Z113", "Nhà máy Z117"]
    for code in ("Z111", "Z113", "Z117"):
        assert units[f"Nhà máy {code}"]["code"] == code


def test_cluster_of_agencies_lists_gazetteer_names():
    text = "Cụm thi đua khối cơ quan Tổng cục (gồm Bộ Tham mưu, Cục Chính trị, Uỷ ban Kiểm tra Đảng ủy Tổng cục) họp."
    units = by_name(extract_units(text))
    cluster = next(u for u in units.values() if u["kind"] == "cluster")
    assert cluster["members"] == ["Bộ Tham mưu", "Cục Chính trị", "Ủy ban Kiểm tra Đảng ủy Tổng cục"]


def test_name_stops_at_a_verb_and_keeps_lowercase_words_of_the_name():
    units = by_name(extract_units("Cục Quản lý công nghệ triển khai kế hoạch; Cục Hậu cần bảo đảm vật chất."))
    assert set(units) == {"Cục Quản lý công nghệ", "Cục Hậu cần"}


def test_military_formations_need_a_number():
    text = ("Sáng 3-2, Trung đoàn Bộ binh 42, Sư đoàn 7 (Quân đoàn 12) huấn luyện. "
            "Trung đoàn đã chủ động chuẩn bị. Lãnh đạo Trung đoàn 42 báo cáo.")
    units = extract_units(text)
    assert [u["name"] for u in units] == ["Trung đoàn Bộ binh 42", "Sư đoàn 7", "Quân đoàn 12"]
    assert "Trung đoàn 42" in units[0]["mentions"]


def test_command_prefix_names_the_region_it_commands():
    text = "Bộ Tư lệnh Vùng 4 Hải quân tổ chức lễ. Đảng ủy, Bộ Tư lệnh Vùng 4 đã tặng quà."
    units = extract_units(text)
    assert len(units) == 1
    assert units[0]["name"] == "Vùng 4 Hải quân"
    assert "Bộ Tư lệnh Vùng 4" in units[0]["mentions"]


def test_abbreviated_provincial_command_is_written_out_and_merged():
    text = "Bộ CHQS tỉnh Hà Giang tổ chức giao ban. Bộ Chỉ huy Quân sự tỉnh Hà Giang đã hoàn thành nhiệm vụ."
    units = extract_units(text)
    assert [u["name"] for u in units] == ["Bộ Chỉ huy Quân sự tỉnh Hà Giang"]


def test_agency_of_another_command_is_a_different_unit():
    units = by_name(extract_units("Các phòng của Bộ Tham mưu Quân khu 7 tham gia hội thao."))
    assert "Bộ Tham mưu Quân khu 7" in units
    assert "Quân khu 7" in units
    assert "Bộ Tham mưu" not in units


def test_company_legal_forms_merge_and_abbreviation_in_parentheses_is_a_mention():
    text = ("CTCP Tập đoàn Hòa Phát Nam công bố. Tập đoàn Hòa Phát Nam cho biết.\n"
            "Trung tâm Lưu ký nói rằng Ngân hàng Nhà nước (NHNN) giữ lãi suất; NHNN sẽ theo dõi.")
    units = by_name(extract_units(text))
    assert "Công ty Cổ phần Tập đoàn Hòa Phát Nam" in units
    assert "Tập đoàn Hòa Phát Nam" in units["Công ty Cổ phần Tập đoàn Hòa Phát Nam"]["mentions"]
    assert "NHNN" in units["Ngân hàng Nhà nước Việt Nam"]["mentions"]


def test_generic_words_are_not_units():
    text = "Đảng, Nhà nước, Chính phủ và Quân đội luôn quan tâm; phòng ngừa vi phạm. Phòng, chống dịch bệnh."
    assert extract_units(text) == []


def test_ministry_of_another_country_is_not_ours():
    units = by_name(extract_units("Bộ Tài chính Mỹ gia hạn miễn trừ, còn Bộ Tài chính cho biết sẽ theo dõi."))
    assert set(units) == {"Bộ Tài chính Mỹ", "Bộ Tài chính"}


def test_unit_name_stops_before_a_person():
    units = extract_units("Bộ trưởng Bộ Công Thương Nguyễn Văn Bình đã ký quyết định.")
    assert [u["name"] for u in units] == ["Bộ Công Thương"]


def test_capitals_headline_yields_codes_only():
    units = extract_units("Nội dung.", title="NHÀ MÁY Z127 TỔ CHỨC HỘI THI TAY NGHỀ GIỎI")
    assert [(u["name"], u["code"]) for u in units] == [("Nhà máy Z127", "Z127")]


def test_old_tone_placement_matches_the_gazetteer():
    units = extract_units("Uỷ ban Chứng khoán Nhà nước xử phạt một cá nhân.")
    assert units[0]["name"] == "Ủy ban Chứng khoán Nhà nước"


def test_empty_text():
    assert extract_units("") == [] and extract_units(None) == []


def test_proper_name_syllable_does_not_swallow_the_verb():
    units = extract_units("Tập đoàn Hòa Phát triển khai dự án mới.")
    assert [u["name"] for u in units] == ["Tập đoàn Hòa Phát"]


def test_city_named_after_a_person_stays_in_the_unit_name():
    units = extract_units("Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh thông báo.")
    assert [u["name"] for u in units] == ["Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"]


def test_a_number_alone_does_not_make_a_ministry():
    assert extract_units("Điều 5 Bộ 31 quy định.") == []


def test_foreign_brand_after_a_descriptive_noun():
    text = ("Công ty hóa dầu Kumho Petro của Hàn Quốc giảm sản lượng; công ty lọc dầu SPC (Singapore) "
            "và Pertamina (Indonesia) cũng vậy. Hãng tin Reuters đưa tin.")
    names = [u["name"] for u in extract_units(text)]
    assert names == ["Kumho Petro", "SPC", "Pertamina", "Reuters"]


def test_no_brand_from_legal_forms_vietnamese_acronyms_or_people():
    text = ("Các công ty TNHH nộp thuế GTGT; công ty Singapore đầu tư; "
            "tập đoàn ông Trịnh mở rộng; tổ chức phong trào TĐQT sôi nổi.")
    assert extract_units(text) == []


def test_trade_name_with_lowercase_words_joins_its_factory():
    text = ("Nhà máy Z183 đón nhận Huân chương.\n"
            "Công ty TNHH MTV Cơ khí chính xác 83 đạt doanh thu cao.")
    units = extract_units(text)
    assert [u["name"] for u in units] == ["Nhà máy Z183"]
    assert "Công ty TNHH MTV Cơ khí chính xác 83" in units[0]["mentions"]


def test_factory_codes_other_than_z():
    units = extract_units("Nhà máy X52 hoàn thành sửa chữa tàu.")
    assert [(u["name"], u["code"]) for u in units] == [("Nhà máy X52", "X52")]


def test_numbered_cluster_and_a_list_joined_by_va():
    units = extract_units("Đại diện Trường Cao đẳng Công nghiệp Quốc phòng và Cụm thi đua số 4 dự hội nghị.")
    assert [u["name"] for u in units] == ["Trường Cao đẳng Công nghiệp Quốc phòng", "Cụm thi đua số 4"]


def test_military_hospital_is_a_unit_but_a_field_hospital_is_not():
    assert [u["name"] for u in extract_units("Phiên chợ diễn ra tại Bệnh viện Quân y 175.")] == ["Bệnh viện Quân y 175"]
    assert extract_units("Đơn vị dựng bệnh viện dã chiến ở địa bàn.") == []


def test_agency_followed_by_its_parents_full_name_is_the_agency():
    units = extract_units("Đại diện Cục Chính trị Tổng cục Công nghiệp quốc phòng phát biểu tại hội nghị.")
    assert [(u["name"], u["mentions"]) for u in units] == [
        ("Cục Chính trị", ["Cục Chính trị Tổng cục Công nghiệp quốc phòng"])]
    assert [u["name"] for u in extract_units("Cục Chính trị Quân khu 3 tổ chức hội nghị.")][0] == "Cục Chính trị Quân khu 3"


# Issue 14 item 5 and issue 16: false and cut units on general news.

def test_an_abbreviated_portfolio_is_one_unit_under_its_full_name():
    text = ("Sở GD&ĐT Hà Nội vừa gửi văn bản lên Bộ GD-ĐT; Bộ Giáo dục và Đào tạo đã trả lời.\n"
            "Phòng GD - ĐT huyện Ba Vì và Sở LĐ-TB&XH tỉnh Nam Định cùng tham dự.")
    names = [u["name"] for u in extract_units(text)]
    assert names == ["Sở Giáo dục và Đào tạo Hà Nội", "Bộ Giáo dục và Đào tạo",
                     "Phòng Giáo dục và Đào tạo huyện Ba Vì", "Sở Lao động - Thương binh và Xã hội tỉnh Nam Định"]
    assert not any(n in ("Sở GD", "Bộ GD", "Phòng GD", "Sở LĐ") for n in names)


def test_a_portfolio_with_commas_or_lower_case_words_is_read_whole():
    units = by_name(extract_units("Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng phối hợp với Bộ GTVT và "
                                  "Bộ Giao thông vận tải cho biết."))
    assert list(units) == ["Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng", "Bộ Giao thông vận tải"]
    assert {"Bộ GTVT", "Bộ Giao thông vận tải"} <= set(units["Bộ Giao thông vận tải"]["mentions"])


def test_a_ministry_takes_no_person_or_place_after_its_portfolio():
    assert [u["name"] for u in extract_units("Thứ trưởng Bộ TT&TT Phan Tâm phát biểu.")] == [
        "Bộ Thông tin và Truyền thông"]


def test_a_city_committee_does_not_run_into_its_chairman():
    assert [u["name"] for u in extract_units("Chủ tịch UBND TP Trần Văn Bình ký quyết định.")] == [
        "Ủy ban nhân dân TP"]
    assert extract_units("Người dân Thành phố Hồ Chí Minh đón Tết.") == []


def test_an_acronym_of_the_gazetteer_is_the_whole_name():
    units = extract_units("Tổng thư ký NATO Jens Stoltenberg và UNESCO đã lên tiếng.")
    assert [u["mentions"] for u in units] == [["NATO"], ["UNESCO"]]


def test_police_of_a_province_city_and_district():
    text = ("Giám đốc Công an tỉnh Quảng Trị, Công an TP.HCM và Công an quận 5 dự họp; "
            "Cảnh sát PCCC TP.HCM báo cáo, Cảnh sát PCCC TP xử lý 14 vụ.")
    units = by_name(extract_units(text))
    assert list(units) == ["Công an tỉnh Quảng Trị", "Công an TP.HCM", "Công an quận 5", "Cảnh sát PCCC TP.HCM"]
    assert "Cảnh sát PCCC TP" in units["Cảnh sát PCCC TP.HCM"]["mentions"]


def test_a_party_committee_of_a_unit_is_that_unit_a_central_one_is_its_own():
    units = by_name(extract_units("Bí thư Đảng ủy Nhà máy Z129 báo cáo Đảng ủy Quân sự Trung ương và "
                                  "Đảng ủy Công an Trung ương; Ban Thường vụ Đảng ủy Nhà máy Z129 dự."))
    assert list(units) == ["Nhà máy Z129", "Đảng ủy Quân sự Trung ương", "Đảng ủy Công an Trung ương"]
    assert "Đảng ủy Nhà máy Z129" in units["Nhà máy Z129"]["mentions"]
    assert extract_units("Đảng ủy, Ban Giám đốc đã họp.") == []


def test_lower_case_words_of_an_arm_of_service_before_the_number():
    text = "Trung đoàn tiêm kích 925 và Sư đoàn bộ binh 5 diễn tập; Trung đoàn đã có 300 chiến sĩ."
    assert [u["name"] for u in extract_units(text)] == ["Trung đoàn tiêm kích 925", "Sư đoàn bộ binh 5"]


def test_a_lower_case_half_after_a_dash_and_any_dash_is_one_unit():
    units = extract_units("Viện Kỹ thuật Phòng không - không quân và Viện kỹ thuật Phòng không-không quân.")
    assert len(units) == 1 and set(units[0]["mentions"]) == {
        "Viện Kỹ thuật Phòng không - không quân", "Viện kỹ thuật Phòng không-không quân"}


def test_a_naval_region_written_after_the_navy():
    units = extract_units("Đoàn công tác thăm Bộ Tư lệnh Hải quân vùng 3 và Vùng 3 Hải quân.")
    assert [u["name"] for u in units] == ["Vùng 3 Hải quân"]


def test_universities_written_in_full_or_abbreviated():
    units = by_name(extract_units("Sinh viên ĐH Bách khoa Đà Nẵng và Đại học Quốc gia TP.HCM tham gia."))
    assert list(units) == ["Đại học Bách khoa Đà Nẵng", "Đại học Quốc gia TP.HCM"]


def test_a_name_all_in_lower_case_after_its_head():
    text = ("Trường Cao đẳng kỹ thuật ô tô tuyển sinh; Viện kỹ thuật phòng không - không quân nghiệm thu; "
            "Viện kỹ thuật đã báo cáo; Ủy ban nhân dân thành phố cho biết.")
    assert [u["name"] for u in extract_units(text)] == ["Trường Cao đẳng kỹ thuật ô tô",
                                                       "Viện kỹ thuật phòng không - không quân"]


def test_the_same_name_in_lower_and_capital_case_is_one_unit():
    units = extract_units("Viện kỹ thuật phòng không - không quân và Viện Kỹ thuật Phòng không - Không quân.")
    assert len(units) == 1


def test_places_and_names_holding_a_head_word_are_no_units():
    text = "Đội tuyển Tây Ban Nha thắng; tượng đài vua Đinh Bộ Lĩnh ở Ninh Bình.\nĐINH BỘ LĨNH VÀ TÂY BAN NHA"
    assert extract_units(text) == []


def test_a_head_and_a_common_word_wait_for_a_name():
    assert extract_units("Ban Quản lý dự án cho biết; Ban Tổ chức thông báo.") == []
    assert [u["name"] for u in extract_units("Ban Quản lý Khu kinh tế Dung Quất và Ban Tổ chức Trung ương.")] == [
        "Ban Quản lý Khu kinh tế Dung Quất", "Ban Tổ chức Trung ương"]


def test_city_written_with_or_without_its_dot_is_one_unit():
    units = extract_units("UBND TP.Hà Nội họp; UBND TP Hà Nội kết luận.")
    assert len(units) == 1 and set(units[0]["mentions"]) == {"UBND TP.Hà Nội", "UBND TP Hà Nội"}


def test_standing_boards_of_party_committees_name_the_committee_or_its_unit():
    units = {u["name"]: u for u in extract_units(
        "Ủy viên Ban Thường vụ Đảng ủy Quân khu 3 báo cáo Ban Thường vụ Đảng ủy Quân sự Trung ương và "
        "Đảng ủy Khối các cơ quan Trung ương; Thường vụ Đảng ủy Tổng cục CNQP chỉ đạo.")}
    assert list(units) == ["Quân khu 3", "Đảng ủy Quân sự Trung ương", "Đảng ủy Khối các cơ quan Trung ương",
                           "Tổng cục Công nghiệp quốc phòng"]
    assert "Đảng ủy Quân khu 3" in units["Quân khu 3"]["mentions"]


def test_lower_case_words_of_police_and_public_offices_belong_to_the_name():
    text = ("Cục Quản lý xuất nhập cảnh đã cấp thị thực; Phòng Cảnh sát đường thủy, Công an tỉnh Quảng Ninh thông báo; "
            "Cục Cảnh sát giao thông đường bộ - đường sắt đăng ký xe; Viện Nghiên cứu tôn giáo công bố.")
    assert [u["name"] for u in extract_units(text)] == [
        "Cục Quản lý xuất nhập cảnh", "Phòng Cảnh sát đường thủy", "Công an tỉnh Quảng Ninh",
        "Cục Cảnh sát giao thông đường bộ - đường sắt", "Viện Nghiên cứu tôn giáo"]


def test_a_head_inside_a_commune_name_or_a_signature_is_no_unit():
    assert extract_units("Người dân xã Tân Hội Trung, huyện Cao Lãnh phản ánh.\nĐoàn Tân\nẢnh: Đoàn Bổng") == []
    assert [u["name"] for u in extract_units("Đoàn Thanh niên xã và Đoàn Kinh tế - Quốc phòng 337 ra quân.")] == [
        "Đoàn Thanh niên", "Đoàn Kinh tế - Quốc phòng 337"]


def test_a_name_seen_in_capitals_and_in_normal_case_is_written_in_normal_case():
    text = "CỤM THI ĐUA “CƠ KHÍ – ĐÓNG TÀU” SƠ KẾT NĂM 2025\nSáng 5/7, Cụm thi đua “Cơ khí – Đóng tàu” tổ chức hội nghị."
    assert [u["name"] for u in extract_units(text)] == ["Cụm thi đua “Cơ khí – Đóng tàu”"]
    # in capitals only, it stays as written: there is nothing better to show
    assert [u["name"] for u in extract_units("CỤM THI ĐUA “CƠ KHÍ – ĐÓNG TÀU” SƠ KẾT NĂM 2025")] != []

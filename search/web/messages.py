"""Every word the page says, in Vietnamese (the archivists' language) and English,
and dates and numbers written the Vietnamese way (dd/mm/yyyy; 3.000; 17,6) in both
languages: the articles beside them write them so, and one form avoids misreading
"3,000" as three.

One catalog module rather than strings in templates: a translator reads one file,
and a test checks that every key a template uses exists in both languages.
"""
import math

LANGUAGES = ("vi", "en")

CATALOG = {
    "app_name": ("Kho lưu trữ thi đua", "Emulation archive"),
    "nav_search": ("Tìm kiếm", "Search"),
    "nav_stats": ("Thống kê số liệu", "Statistics"),
    "nav_status": ("Tình trạng kho", "Archive status"),
    "switch_language": ("English", "Tiếng Việt"),
    "query_label": ("Từ khóa (có dấu hoặc không dấu)", "Words (with or without diacritics)"),
    "query_help": ('Cú pháp như dòng lệnh: "cụm từ", AND, OR, NOT, trường:giá trị (unit, person, rank, type, year)',
                   'Same syntax as the command line: "phrases", AND, OR, NOT, field:value (unit, person, rank, '
                   'type, year)'),
    "search_button": ("Tìm", "Search"),
    "date_from": ("Từ ngày", "From"),
    "date_to": ("Đến ngày", "To"),
    "date_help": ("NNNN, NNNN-TT hoặc NNNN-TT-NN", "YYYY, YYYY-MM or YYYY-MM-DD"),
    "date_placeholder": ("NNNN-TT-NN", "YYYY-MM-DD"),
    "sort_label": ("Sắp xếp", "Sort"),
    "sort_relevance": ("Phù hợp nhất", "Relevance"),
    "sort_date": ("Mới nhất", "Newest"),
    "all_copies": ("Hiện mọi bản sao", "Show every copy"),
    "include_hidden": ("Gồm bài đã ẩn", "Include hidden articles"),
    "results_count": ("{total} bài phù hợp; hiển thị {first}–{last}", "{total} articles match; showing {first}–{last}"),
    "no_results": ("Không có bài nào phù hợp.", "No article matches."),
    "did_you_mean": ("Có phải bạn muốn tìm:", "Did you mean:"),
    "page_previous": ("‹ Trang trước", "‹ Previous page"),
    "page_next": ("Trang sau ›", "Next page ›"),
    "page_of": ("Trang {page}/{pages}", "Page {page} of {pages}"),
    "export": ("Xuất toàn bộ kết quả:", "Export all results:"),
    "json_twin": ("Dữ liệu JSON của trang", "This page as JSON"),
    "filters_active": ("Đang lọc:", "Filters:"),
    "clear_filters": ("Bỏ mọi bộ lọc", "Clear all filters"),
    "remove_filter": ("bỏ", "remove"),
    "excluded": ("loại trừ", "excluded"),
    "include": ("chọn", "include"),
    "exclude": ("loại", "exclude"),
    "include_title": ("Chỉ xem các bài có {value}", "Only articles with {value}"),
    "exclude_title": ("Loại các bài có {value}", "Leave out articles with {value}"),
    "facet_year": ("Năm", "Year"),
    "facet_type": ("Loại sự kiện", "Event type"),
    "facet_unit": ("Đơn vị", "Unit"),
    "facet_person": ("Người", "Person"),
    "facet_rank": ("Cấp bậc", "Rank"),
    "facet_site": ("Trang nguồn", "Site"),
    "histogram": ("Số bài theo năm (bấm vào cột để lọc theo năm)", "Articles per year (click a bar to filter)"),
    "year_range": ("Khoảng năm", "Years"),
    "apply": ("Áp dụng", "Apply"),
    "col_date": ("Ngày", "Date"),
    "col_type": ("Loại", "Type"),
    "col_title": ("Tiêu đề", "Title"),
    "col_units": ("Đơn vị", "Units"),
    "col_people": ("Người", "People"),
    "col_site": ("Nguồn", "Source"),
    "col_location": ("Địa điểm", "Location"),
    "col_presided": ("Chủ trì", "Presided"),
    "member_event": ("đơn vị thành viên: {name}", "member: {name}"),
    "copies": ("+{n} bản sao", "+{n} copies"),
    "untitled": ("(không có tiêu đề)", "(no title)"),
    "unknown_date": ("không rõ ngày", "date unknown"),
    "type_conference": ("Hội nghị", "Conference"),
    "type_campaign_launch": ("Phát động thi đua", "Campaign launch"),
    "type_handover": ("Bàn giao", "Handover"),
    "type_award": ("Khen thưởng", "Award"),
    "type_report": ("Báo cáo", "Report"),
    "type_other": ("Khác", "Other"),
    # article page
    "article": ("Bài viết", "Article"),
    "show_marks": ("Tô màu thực thể (đơn vị, người, ngày, số liệu)", "Mark entities (units, people, dates, figures)"),
    "match_previous": ("‹ Chỗ khớp trước", "‹ Previous match"),
    "match_next": ("Chỗ khớp sau ›", "Next match ›"),
    "matches": ("{n} chỗ khớp với từ khóa", "{n} places match the query"),
    "result_previous": ("‹ Kết quả trước", "‹ Previous result"),
    "result_next": ("Kết quả sau ›", "Next result ›"),
    "back_to_results": ("Về danh sách kết quả", "Back to the results"),
    "metadata": ("Thông tin bài", "About this article"),
    "published": ("Ngày đăng", "Published"),
    "author": ("Tác giả", "Author"),
    "filed_on": ("Xếp vào ngày", "Filed on"),
    "filed_by_event": ("ngày diễn ra sự kiện", "the event's date"),
    "filed_by_period": ("ngày cuối của kỳ bài báo cáo", "the end of the period it reports on"),
    "filed_by_published": ("ngày đăng", "its publication date"),
    "history_date": ("mốc lịch sử, không phải ngày sự kiện", "history, not the event's date"),
    "event": ("Sự kiện", "Event"),
    "source": ("Nguồn", "Source"),
    "url": ("Địa chỉ", "Address"),
    "sources": ("Các nguồn", "Sources"),
    "first_seen": ("thấy lần đầu", "first seen"),
    "versions": ("Các phiên bản", "Versions"),
    "copies_list": ("Bản sao gần giống", "Near copies"),
    "copy_of": ("Là bản sao của", "A copy of"),
    "hidden_article": ("Bài này đã bị ẩn.", "This article is hidden."),
    "units": ("Đơn vị", "Units"),
    "people": ("Người", "People"),
    "dates": ("Ngày tháng", "Dates"),
    "figures": ("Số liệu", "Figures"),
    "none": ("(không có)", "(none)"),
    "not_found": ("Không tìm thấy", "Not found"),
    "no_article": ("Không có bài viết mã {id}.", "No article with id {id}."),
    "members": ("thành viên", "members"),
    # unit and person pages
    "unit_page": ("Đơn vị: {name}", "Unit: {name}"),
    "cluster_page": ("Cụm thi đua: {name}", "Cluster: {name}"),
    "person_page": ("Người: {name}", "Person: {name}"),
    "timeline": ("Dòng thời gian", "Timeline"),
    "time_axis": ("Trục thời gian các sự kiện", "Events on a time axis"),
    "no_events": ("Không có sự kiện nào.", "No event found."),
    "rank_history": ("Quá trình cấp bậc", "Rank history"),
    "rank": ("Cấp bậc", "Rank"),
    "first": ("Lần đầu", "First"),
    "last": ("Lần cuối", "Last"),
    "articles": ("Số bài", "Articles"),
    "positions": ("Chức vụ", "Positions"),
    "co_units": ("Đơn vị cùng xuất hiện", "Units named with it"),
    "co_people": ("Người cùng xuất hiện", "People named with it"),
    "unit_figures": ("Số liệu của đơn vị", "Figures reported for the unit"),
    "search_these": ("Tìm các bài này", "Search these articles"),
    # statistics
    "stats_title": ("Thống kê số liệu", "Statistics of figures"),
    "metric": ("Chỉ tiêu", "Metric"),
    "organisation": ("Đơn vị", "Organisation"),
    "group_by": ("Gộp theo", "Group by"),
    "group_none": ("Không gộp", "No grouping"),
    "group_year": ("Năm", "Year"),
    "group_unit": ("Đơn vị", "Organisation"),
    "group_metric": ("Chỉ tiêu", "Metric"),
    "group_period": ("Kỳ", "Period"),
    "group": ("Nhóm", "Group"),
    "kind": ("Loại số liệu", "Kind"),
    "kind_any": ("Mọi loại", "Any kind"),
    "organisation_from": ("Đơn vị lấy từ", "Organisation read from"),
    "from_article": ("Số liệu gán theo bài", "Credited by the article"),
    "article_unit_note": ("Đơn vị có dấu (*): câu chứa số liệu không nêu đơn vị nào, số liệu được gán cho đơn vị "
                          "mà bài viết nói về (nêu đầu tiên trong tiêu đề, nếu không thì đầu tiên trong bài); đó là "
                          "một cách đọc, không phải điều câu văn nói. Tổng không bao giờ cộng các số liệu này.",
                          "An organisation marked (*): the figure's sentence names none, so the figure is credited "
                          "to the unit the article is about (named first in its title, else first in its text); a "
                          "reading, not what the sentence says. A sum never adds such figures."),
    "quote": ("Trích dẫn", "Quote"),
    "article_date": ("Ngày bài", "Article date"),
    "latest": ("Mới nhất", "Latest"),
    "figures": ("Số liệu", "Figures"),
    "show": ("Xem", "Show"),
    "value": ("Giá trị", "Value"),
    "measure": ("Đơn vị đo", "Measure"),
    "qualifier": ("Ghi chú", "Qualifier"),
    "period": ("Kỳ", "Period"),
    "count": ("Số lượng", "Count"),
    "sum": ("Tổng", "Sum"),
    "mean": ("Trung bình", "Mean"),
    "min": ("Nhỏ nhất", "Min"),
    "max": ("Lớn nhất", "Max"),
    "no_figures": ("Không có số liệu nào.", "No figure found."),
    "chart_title": ("{metric} ({measure}) theo thời gian: mỗi đơn vị và độ dài kỳ một đường, mỗi điểm ở cuối kỳ",
                    "{metric} ({measure}) over time: a line per organisation and length of period, each point at "
                    "its period's end"),
    "chart_hint": ("Chọn một chỉ tiêu để xem biểu đồ.", "Choose a metric to see a chart."),
    "chart_other_measures": ("Biểu đồ chỉ vẽ số liệu đo bằng {measure}; {n} số liệu khác không vẽ.",
                             "The chart draws figures in {measure} only; {n} others are not drawn."),
    "rows": ("{n} dòng", "{n} rows"),
    # status
    "status_title": ("Tình trạng kho lưu trữ", "Archive status"),
    "status_articles": ("Số bài trong kho", "Articles stored"),
    "status_indexed": ("Số bài trong chỉ mục", "Articles in the index"),
    "status_unindexed": ("Bài đã lưu, chưa vào chỉ mục", "Stored, not yet indexed"),
    "status_copies": ("Bài là bản sao gần giống", "Near copies"),
    "status_hidden": ("Bài đã ẩn", "Hidden articles"),
    "status_sources": ("Số nguồn (trang, tệp)", "Sources (pages, files)"),
    "status_sites": ("Bài theo trang nguồn", "Articles per site"),
    "status_last_ingest": ("Lần nhập gần nhất", "Last ingest"),
    "status_first_ingest": ("Lần nhập đầu tiên", "First ingest"),
    "status_data_dir": ("Thư mục dữ liệu", "Data folder"),
    "status_failed": ("Tệp không đọc được", "Inputs that failed"),
    "status_failed_note": ("Kho không lưu các tệp không đọc được: lệnh `thidua ingest` in mỗi tệp lỗi trên một "
                           "dòng lúc nhập.", "The archive does not keep failed inputs: `thidua ingest` names each "
                           "on one line when it runs."),
    "status_crawl": ("Tệp WARC của trình thu thập", "Crawler WARC files"),
    "status_recent": ("Các bài nhập gần đây", "Recently ingested"),
    "read_only": ("Trang chỉ để đọc: không thay đổi kho lưu trữ.", "Read-only: this page never changes the archive."),
    "error": ("Lỗi", "Error"),
    "bad_query": ("Không hiểu truy vấn: {reason}", "The query cannot be read: {reason}"),
    "not_http": ("(không phải liên kết web)", "(not a web link)"),
}

TYPES = ("conference", "campaign_launch", "handover", "award", "report", "other")


def translator(lang):
    """t(key, **values) for a language; an unknown key is a bug, so it raises."""
    column = LANGUAGES.index(lang if lang in LANGUAGES else "vi")

    def t(key, **values):
        text = CATALOG[key][column]
        return text.format(**values) if values else text
    return t


def type_label(t, event_type):
    return t(f"type_{event_type}") if event_type in TYPES else (event_type or "")


def date_vn(iso):
    """YYYY-MM-DD (or a shorter part of it) as dd/mm/yyyy (mm/yyyy, yyyy)."""
    if not iso:
        return ""
    parts = str(iso)[:10].split("-")
    return "/".join(reversed(parts)) if all(p.isdigit() for p in parts) else str(iso)


def number_vn(value, digits=3):
    """3000 -> "3.000", 17.6 -> "17,6": dots group thousands, a comma marks decimals."""
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    negative = value < 0
    text = f"{abs(value):.{digits}f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(abs(value))
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + fraction if fraction else "")
    return ("-" if negative else "") + out

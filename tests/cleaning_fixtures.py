"""Pages and dumps written for the cleaning tests (our own text, shaped like real sites)."""

PARAGRAPHS = [
    "Sáng 12/4, tại Hà Nội, Tổng cục Công nghiệp quốc phòng tổ chức Hội nghị sơ kết phong trào thi đua "
    "quyết thắng 6 tháng đầu năm, với sự tham dự của đại diện các nhà máy, viện nghiên cứu và cơ quan trực thuộc.",
    "Báo cáo tại hội nghị cho biết, các đơn vị đã hoàn thành vượt mức kế hoạch sản xuất hàng quốc phòng, "
    "giá trị sản xuất kinh tế đạt hơn 2.500 tỷ đồng, thu nhập bình quân của người lao động tăng so với cùng kỳ.",
    "Phong trào thi đua được triển khai rộng khắp, gắn với cuộc vận động phát huy truyền thống, cống hiến tài năng, "
    "nhiều sáng kiến cải tiến kỹ thuật được áp dụng vào dây chuyền sản xuất, làm lợi hàng chục tỷ đồng.",
    "Phát biểu chỉ đạo, Thiếu tướng Trần Văn Lâm đề nghị các đơn vị tiếp tục đổi mới nội dung, hình thức thi đua, "
    "chú trọng phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến, hoàn thành toàn diện nhiệm vụ năm.",
    "Dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc trong phong trào thi đua được khen thưởng, "
    "trong đó Nhà máy Z199 được tặng Cờ thi đua của Tổng cục vì đã dẫn đầu khối sản xuất.",
]

RELATED = [
    "Nhà máy Z131 phát động đợt thi đua cao điểm chào mừng ngày truyền thống",
    "Cụm thi đua các viện nghiên cứu tổng kết công tác năm",
    "Trao tặng danh hiệu Anh hùng Lao động cho tập thể công nhân quốc phòng",
]


def news_page(title="Tổng cục Công nghiệp quốc phòng sơ kết phong trào thi đua 6 tháng đầu năm",
              byline="<p><strong>Tin, ảnh: LÊ THANH BÌNH</strong></p>", meta="", paragraphs=PARAGRAPHS):
    """A page shaped like a Vietnamese news site: menu, header, sapo, body with a photo,
    an in-body related box, byline, share bar, tags, comments, sidebar, footer."""
    related = "".join(f'<li><a href="/tin/{i}.html">{t}</a></li>' for i, t in enumerate(RELATED))
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[1:3])
    rest = "\n".join(f"<p>{p}</p>" for p in paragraphs[3:])
    comments = "".join(f'<div class="comment-item"><b>Bạn đọc {i}</b><p>Tôi rất đồng tình với bài viết, '
                       f'mong các đơn vị tiếp tục phát huy những kết quả đã đạt được trong thời gian tới, '
                       f'góp phần xây dựng ngành công nghiệp quốc phòng ngày càng vững mạnh.</p></div>'
                       for i in range(6))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{title} - Báo Quốc Phòng Mẫu</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Báo Quốc Phòng Mẫu">
<link rel="canonical" href="https://baoquocphongmau.vn/tin/so-ket-thi-dua-123.html">
{meta}
<script>var ads = "Trang đánh bài đổi thưởng";</script>
<style>.menu {{ color: red; }}</style>
</head><body>
<header class="site-header"><a href="/">Trang chủ</a><ul class="menu"><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/quoc-phong">Quốc phòng</a></li></ul></header>
<nav class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/quoc-phong">Quốc phòng</a></nav>
<div class="container"><div class="main-col">
<h1 class="detail-title">{title}</h1>
<div class="detail-time">Thứ năm, 12/04/2024 10:25 (GMT+7)</div>
<div class="share-bar"><a href="#">Chia sẻ</a> <a href="#">Facebook</a> <a href="#">Zalo</a></div>
<h2 class="detail-sapo">{paragraphs[0]}</h2>
<div class="detail-content">
{body}
<figure class="image"><img src="/a.jpg" alt=""><figcaption>Quang cảnh hội nghị sơ kết thi đua.</figcaption></figure>
<div class="box-related"><p>Tin liên quan</p><ul>{related}</ul></div>
<table class="image-table"><tr><td><img src="/b.jpg"></td></tr>
<tr><td>Thiếu tướng Trần Văn Lâm phát biểu chỉ đạo hội nghị.</td></tr></table>
{rest}
{byline}
<p><em>* Mời bạn đọc vào chuyên mục Quốc phòng xem các tin, bài liên quan.</em></p>
</div>
<div class="tags">Từ khóa: <a href="/tag/thi-dua">thi đua</a> <a href="/tag/cnqp">CNQP</a></div>
<div class="comments"><h3>Bình luận (6)</h3>{comments}
<form><label>Họ và tên:</label><input name="n"><label>Email:</label><input name="e"></form></div>
</div>
<aside class="sidebar"><h3>Đọc nhiều</h3><ul>{related}</ul></aside>
</div>
<footer><p>Bản quyền thuộc Báo Quốc Phòng Mẫu. Ghi rõ nguồn khi phát hành lại.</p>
<p>Tổng biên tập: Nguyễn Văn Mẫu</p><p>Hotline: 0912.345.678</p></footer>
</body></html>"""


DUMP = """Trang game bài đổi thưởng uy tín nhất 2024
Số 8 đường Lê Văn Lương, Hà Nội | (84).24.3555.0101
A- A A+ | Tăng tương phản Giảm tương phản

NHÀ MÁY Z199 TỔ CHỨC LỄ PHÁT ĐỘNG THI ĐUA CAO ĐIỂM CHÀO MỪNG NGÀY TRUYỀN THỐNG NGÀNH

Thứ hai, 15/04/2024 08:30
0:00/ 0:00
Giọng nam
  • Giọng nữ
{p0}

{p1}
leftcenterrightdel
Lãnh đạo Nhà máy trao cờ thi đua cho các phân xưởng (Ảnh: PV)
{p2}
(Công nhân Nhà máy thi đua lao động sản xuất)
{p3}

Bài viết: Đỗ Minh Châu - Phòng Chính trị.
Ảnh: Quang Huy
Nguồn: Tổng cục CNQP.

CÓ THỂ BẠN QUAN TÂM
Một bài viết khác rất dài về hoạt động thi đua của các đơn vị khác trong Tổng cục, không thuộc bài viết này.
Ý kiến bình luận
Họ và tên
Email
Lời bình
Xác thực
Trả lời
Liên hệ
Hotline: 0988.111.222
Chat Facebook
Gọi điện ngay
""".format(p0=PARAGRAPHS[0], p1=PARAGRAPHS[1], p2=PARAGRAPHS[2], p3=PARAGRAPHS[3])


def _links(titles, item="<li><a href=/{i}>{t}</a></li>"):
    return "".join(item.format(i=i, t=t) for i, t in enumerate(titles))


def wordpress_page(p=PARAGRAPHS):
    """A unit website on WordPress: entry-header with the date in UTC, a share bar,
    Jetpack related posts, a comment form, widgets."""
    return f"""<!DOCTYPE html><html><head><meta charset="UTF-8">
<title>Nhà máy Z199 tổng kết thi đua năm 2023 &#8211; Công ty TNHH MTV Cơ khí Z199</title>
<meta property="og:title" content="Nhà máy Z199 tổng kết thi đua năm 2023" />
<meta property="article:published_time" content="2023-12-28T03:15:00+00:00" />
<script type="application/ld+json">{{"@context":"https://schema.org","@graph":[{{"@type":"Article",
"author":{{"name":"admin"}}}}]}}</script></head>
<body class="post-template-default single single-post"><div id="page" class="site">
<header id="masthead" class="site-header"><div class="top-bar">Hotline: 0210.3855.123</div>
<nav class="main-navigation"><ul>{_links(["Trang chủ", "Giới thiệu", "Tin tức", "Sản phẩm"])}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-123" class="post-123 post type-post status-publish hentry category-tin-tuc">
<header class="entry-header"><h1 class="entry-title">Nhà máy Z199 tổng kết thi đua năm 2023</h1>
<div class="entry-meta">Đăng ngày <time class="entry-date published" datetime="2023-12-28T10:15:00+07:00">28/12/2023</time>
<span class="byline">bởi <a href="/author/admin">admin</a></span></div></header>
<div class="entry-content"><p>{p[0]}</p><p>{p[1]}</p>
<div class="wp-caption aligncenter"><img src="/x.jpg"><p class="wp-caption-text">Quang cảnh hội nghị tổng kết.</p></div>
<p>{p[2]}</p><p>{p[3]}</p><p>{p[4]}</p>
<p style="text-align: right;"><strong>Nguyễn Thị Hoa – Phòng Chính trị</strong></p>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Chia sẻ:</h3><ul><li><a href="#">Facebook</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3>Có liên quan</h3>{_links(RELATED, "<p><a href=/{i}>{t}</a></p>")}</div>
</div><footer class="entry-footer">Chuyên mục: <a href="/tin-tuc">Tin tức</a></footer></article>
<nav class="navigation post-navigation"><a href="/prev">Bài trước</a><a href="/next">Bài sau</a></nav>
<div id="comments" class="comments-area"><h3>Trả lời</h3><form><p>Email của bạn sẽ không được hiển thị công khai.</p>
<textarea></textarea></form></div></main></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2>Bài viết mới</h2><ul>{_links(RELATED)}</ul></section></aside>
</div><footer id="colophon" class="site-footer"><p>© 2023 Công ty TNHH MTV Cơ khí Z199.</p></footer></div></body></html>"""


def joomla_page(p=PARAGRAPHS):
    """An older Joomla site: no <h1>, the headline a linked <h2>, the date as a line,
    a centred italic photo caption, a byline "Tin: ... - Ảnh: ...", a CMS user as author."""
    return f"""<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8" />
<title>Cụm thi đua số 5 sơ kết 6 tháng đầu năm</title><meta name="author" content="Super User" /></head>
<body><div id="wrapper"><div id="header"><img src="/logo.png"><div class="menu"><a href="/">Trang chủ</a></div></div>
<div id="main"><div id="left"><div class="moduletable"><h3>Liên kết web</h3><ul>{_links(RELATED * 2)}</ul></div></div>
<div id="content"><div class="item-page"><h2><a href="/bai">Cụm thi đua số 5 sơ kết 6 tháng đầu năm</a></h2>
<dl class="article-info"><dd class="create">Ngày đăng: Thứ tư, 12 Tháng 7 2023 08:30</dd><dd class="hits">Lượt xem: 523</dd></dl>
<p style="text-align: justify;">{p[0]}</p><p style="text-align: justify;">{p[1]}</p>
<p style="text-align: center;"><img src="/images/a.jpg" width="500" /></p>
<p style="text-align: center;"><em>Đồng chí Đại tá Lê Văn Tám phát biểu tại hội nghị</em></p>
<p style="text-align: justify;">{p[2]}</p><p style="text-align: justify;">{p[3]}</p>
<p style="text-align: right;"><strong>Tin: Trần Đức - Ảnh: Minh Hải</strong></p></div></div>
<div id="right"><div class="moduletable"><h3>Thông báo</h3><p>Lịch công tác tuần 28 của Tổng cục.</p></div></div></div>
<div id="footer">Bản quyền © 2023 Cụm thi đua số 5. Điện thoại: 024.3756.1234</div></div></body></html>"""

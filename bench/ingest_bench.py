"""Cleaning speed on a generated batch of realistic news pages.

Each page (60-150 KB) has what real Vietnamese news pages carry around an article:
head metadata and JSON-LD, inline scripts and styles, a mega-menu, breadcrumbs, a share
bar, photos with captions, an in-body related box, tags, a comment thread, two sidebars
of link lists and a footer. Article bodies come from ../shared/corpus/baomoi_text when it
is present (read at run time, never stored), otherwise they are composed from the word
lists below.

    python bench/ingest_bench.py [--pages 1000] [--bs4-pages 300]

Prints pages/second and ms/page for clean_html (what ingest does per page), and for
comparison lxml parsing alone and BeautifulSoup(lxml) parsing alone.
"""
import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bs4 import BeautifulSoup  # noqa: E402
from lxml import html as lhtml  # noqa: E402

from ingest.clean.html_clean import clean_html  # noqa: E402

BAOMOI = REPO.parent / "shared" / "corpus" / "baomoi_text" / "baomoi_2017.jsonl.gz"

SUBJECTS = ["Tổng cục Công nghiệp quốc phòng", "Nhà máy Z199", "Cụm thi đua số 3", "Viện Vũ khí",
            "Công ty Hóa chất 21", "Quân khu 3", "Bộ Tham mưu", "Cục Chính trị", "Nhà máy Z131"]
VERBS = ["tổ chức", "phát động", "sơ kết", "tổng kết", "triển khai", "kiểm tra", "trao tặng"]
OBJECTS = ["phong trào thi đua quyết thắng", "hội nghị rút kinh nghiệm", "đợt thi đua cao điểm",
           "công tác khen thưởng", "kế hoạch sản xuất hàng quốc phòng", "nhiệm vụ huấn luyện"]
TAILS = ["với sự tham dự của đại diện các cơ quan, đơn vị", "nhằm hoàn thành xuất sắc nhiệm vụ năm",
         "góp phần xây dựng đơn vị vững mạnh toàn diện", "đạt và vượt các chỉ tiêu đề ra",
         "giá trị sản xuất tăng 12,5% so với cùng kỳ", "khen thưởng 25 tập thể và 73 cá nhân"]
MENU = ["Thời sự", "Chính trị", "Quốc phòng", "Kinh tế", "Xã hội", "Pháp luật", "Thế giới", "Văn hóa",
        "Thể thao", "Giáo dục", "Sức khỏe", "Công nghệ", "Bạn đọc", "Multimedia", "Podcast"]


def sentence(rng):
    return (f"{rng.choice(['Sáng', 'Chiều', 'Ngày'])} {rng.randint(1, 28)}/{rng.randint(1, 12)}, "
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, {rng.choice(TAILS)}.")


def composed_articles(rng, n):
    for _ in range(n):
        paras = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(6, 20))]
        yield sentence(rng).rstrip("."), paras


def baomoi_articles(n):
    with gzip.open(BAOMOI, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    docs = [d for d in docs if len(d.get("text", "")) > 1500]
    for i in range(n):
        d = docs[i % len(docs)]
        yield d["title"], [p for p in d["text"].split("\n") if p.strip()][1:]


def link_list(rng, n, cls):
    items = "".join(f'<li class="item"><a href="/tin/{rng.randint(1, 10**7)}.html" title="{sentence(rng)}">'
                    f'<img src="/thumb/{i}.jpg" alt=""></a><h3><a href="/tin/{i}.html">{sentence(rng)}</a></h3>'
                    f'<p class="sapo">{sentence(rng)}</p></li>' for i in range(n))
    return f'<div class="{cls}"><h2>{rng.choice(["Đọc nhiều", "Tin mới", "Xem nhiều"])}</h2><ul>{items}</ul></div>'


def script(rng, kb):
    body = ";".join(f"var v{i}={{id:{rng.randint(1, 10**6)},u:'https://cdn.example.vn/{i}.js'}}"
                    for i in range(kb * 20))
    return f"<script>{body}</script>"


def page(rng, title, paras):
    menu = "".join(f'<li><a href="/{i}">{m}</a><ul>' + "".join(
        f'<li><a href="/{i}/{j}">{m} {j}</a></li>' for j in range(8)) + "</ul></li>" for i, m in enumerate(MENU))
    body = []
    for i, p in enumerate(paras):
        body.append(f"<p>{p}</p>")
        if i % 5 == 2:
            body.append(f'<figure class="image"><img src="/p{i}.jpg"><figcaption>{sentence(rng)}</figcaption></figure>')
        if i == 4:
            body.append('<div class="box-related"><p>Tin liên quan</p>' + link_list(rng, 3, "rel") + "</div>")
    comments = "".join(f'<div class="comment-item"><b>Bạn đọc {i}</b><p>{sentence(rng)} {sentence(rng)}</p>'
                       f'<a href="#">Trả lời</a> <a href="#">Thích</a></div>' for i in range(rng.randint(3, 15)))
    ld = json.dumps({"@type": "NewsArticle", "headline": title, "datePublished": "2024-04-12T10:25:00+07:00",
                     "author": {"@type": "Person", "name": "Lê Minh"}}, ensure_ascii=False)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title} - Báo Mẫu</title>
<meta property="og:title" content="{title}"><script type="application/ld+json">{ld}</script>
{script(rng, rng.randint(15, 45))}<style>{'.c{color:#333;margin:0 auto}' * rng.randint(100, 500)}</style></head>
<body><header class="site-header"><div class="logo"><a href="/">Báo Mẫu</a></div><nav><ul class="menu">{menu}</ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/qp">Quốc phòng</a></div>
<div class="container"><div class="col-main"><h1 class="title-detail">{title}</h1>
<div class="date">Thứ sáu, 12/04/2024 10:25 (GMT+7)</div>
<div class="social-share"><a href="#">Facebook</a><a href="#">Zalo</a><a href="#">Copy link</a></div>
<h2 class="sapo">{sentence(rng)} {sentence(rng)}</h2>
<article class="fck_detail">{"".join(body)}<p class="author"><strong>LÊ MINH</strong></p></article>
<div class="tags">Từ khóa: <a href="/t/1">thi đua</a> <a href="/t/2">quốc phòng</a></div>
<div id="comments"><h3>Ý kiến bạn đọc</h3>{comments}<form><textarea></textarea><button>Gửi bình luận</button></form></div>
{link_list(rng, rng.randint(10, 30), "box-category")}</div>
<aside class="sidebar">{link_list(rng, rng.randint(10, 25), "most-read")}{link_list(rng, 10, "tin-moi")}</aside></div>
<footer><p>Bản quyền thuộc Báo Mẫu</p><p>Tổng biên tập: Nguyễn Văn A</p>{script(rng, 5)}</footer></body></html>"""


def make_pages(n, seed=7):
    rng = random.Random(seed)
    source = baomoi_articles(n * 2) if BAOMOI.exists() else composed_articles(rng, n * 2)
    pages = []
    for title, paras in source:
        text = page(rng, title, paras)
        size = len(text.encode("utf-8"))
        if 60 * 1024 <= size <= 150 * 1024:
            pages.append(text)
        if len(pages) == n:
            break
    return pages


def timed(label, fn, pages):
    start = time.perf_counter()
    for p in pages:
        fn(p)
    elapsed = time.perf_counter() - start
    print(f"{label:34s} {len(pages) / elapsed:8.1f} pages/s {1000 * elapsed / len(pages):8.2f} ms/page")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--bs4-pages", type=int, default=300, help="pages for the BeautifulSoup comparison")
    args = ap.parse_args()
    pages = make_pages(args.pages)
    sizes = [len(p.encode("utf-8")) for p in pages]
    print(f"{len(pages)} pages, {min(sizes) // 1024}-{max(sizes) // 1024} KB "
          f"(mean {sum(sizes) // len(sizes) // 1024} KB), bodies from "
          f"{'baomoi_text' if BAOMOI.exists() else 'composed word lists'}")
    timed("clean_html (whole cleaning)", clean_html, pages)
    timed("lxml parse alone", lambda p: lhtml.document_fromstring(p.encode("utf-8")), pages)
    timed("BeautifulSoup(lxml) parse alone", lambda p: BeautifulSoup(p, "lxml"), pages[: args.bs4_pages])


if __name__ == "__main__":
    main()

"""Ingest time of one huge page, as a text dump and as HTML, through the real CLI.

A page just under the 20 MB limit must be ingested (or refused with a clear reason)
in well under a minute: every stage of cleaning and extraction has to grow linearly
with the page. The page is composed here from varied sentences of the kind the
articles carry (units, people, dates, figures), so the extractors have real work.

    python bench/huge_page_bench.py [--sizes 0.5 1 2 4 19] [--kinds text html] [--timeout 900]

Prints, per size and kind, the seconds of `thidua --data-dir TMP ingest FILE` (a fresh
process each time, model loading included) and the seconds per MB, plus a yardstick:
the time of a fixed pure-Python loop in the same run, to compare runs on other machines.
"""
import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

UNITS = ["Nhà máy Z199", "Tổng cục Công nghiệp quốc phòng", "Công ty Hóa chất 21", "Viện Vũ khí",
         "Quân khu 3", "Sư đoàn 312", "Nhà máy Z131", "Cụm thi đua số 3", "Bộ Tham mưu"]
PEOPLE = ["Đại tá Nguyễn Văn Hùng", "Thiếu tướng Trần Quang Minh", "đồng chí Lê Thị Hoa",
          "Trung tá Phạm Đức Thắng", "Giám đốc Vũ Ngọc Lâm", "Thượng tá Đỗ Minh Tuấn"]
VERBS = ["tổ chức", "phát động", "sơ kết", "tổng kết", "triển khai", "kiểm tra", "trao tặng"]
OBJECTS = ["phong trào thi đua quyết thắng", "hội nghị rút kinh nghiệm", "đợt thi đua cao điểm",
           "công tác khen thưởng", "kế hoạch sản xuất hàng quốc phòng", "nhiệm vụ huấn luyện"]
TAILS = ["với sự tham dự của đại diện các cơ quan, đơn vị", "nhằm hoàn thành xuất sắc nhiệm vụ năm",
         "góp phần xây dựng đơn vị vững mạnh toàn diện", "đạt và vượt các chỉ tiêu đề ra",
         "giá trị sản xuất tăng {p},{q}% so với cùng kỳ", "khen thưởng {n} tập thể và {m} cá nhân",
         "doanh thu đạt {n}{q} tỷ đồng"]


def sentence(rng):
    tail = rng.choice(TAILS).format(p=rng.randint(1, 40), q=rng.randint(0, 9), n=rng.randint(2, 90),
                                    m=rng.randint(2, 200))
    return (f"{rng.choice(['Sáng', 'Chiều', 'Ngày'])} {rng.randint(1, 28)}/{rng.randint(1, 12)}/"
            f"{rng.randint(2015, 2024)}, {rng.choice(UNITS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, "
            f"{rng.choice(TAILS[:4])}. Phát biểu tại buổi lễ, {rng.choice(PEOPLE)} cho biết {tail}.")


def paragraphs(size):
    """Paragraphs of 2-6 sentences until the UTF-8 size is reached."""
    rng, total, out = random.Random(size), 0, []
    while total < size:
        para = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
        out.append(para)
        total += len(para.encode("utf-8")) + 9
    return out


def write_page(folder, mb, kind):
    """A text dump (title, blank line, paragraphs) or an HTML page with one <p> each."""
    size = int(mb * 1024 * 1024) - 4096
    title = "Tổng kết phong trào thi đua quyết thắng năm 2023"
    paras = paragraphs(size)
    if kind == "text":
        path = Path(folder) / f"page-{mb}.txt"
        path.write_text(f"{title}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    else:
        path = Path(folder) / f"page-{mb}.html"
        body = "\n".join(f"<p>{p}</p>" for p in paras)
        path.write_text(f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><article>"
                        f"<h1>{title}</h1>{body}</article></body></html>", encoding="utf-8")
    return path


def yardstick():
    """Seconds of a fixed pure-Python loop: how fast this machine is right now."""
    start, total = time.perf_counter(), 0
    for i in range(5_000_000):
        total += i % 7
    return time.perf_counter() - start


def ingest_seconds(path, data, timeout):
    """Seconds of one `thidua ingest` process, its exit status and its last stderr line."""
    start = time.perf_counter()
    try:
        run = subprocess.run([sys.executable, "-c", "from search.cli.main import cli; cli()",
                              "--data-dir", str(data), "ingest", str(path)], cwd=REPO, capture_output=True,
                             text=True, timeout=timeout, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        return None, "timeout", f"stopped after {timeout} s"
    lines = [l for l in (run.stderr + run.stdout).splitlines() if l.strip()]
    return time.perf_counter() - start, run.returncode, lines[-1][:120] if lines else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 4, 19])
    parser.add_argument("--kinds", nargs="+", default=["text", "html"], choices=["text", "html"])
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    print(f"yardstick (5M-step pure-Python loop): {yardstick():.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds:
            for mb in args.sizes:
                path = write_page(tmp, mb, kind)
                seconds, status, last = ingest_seconds(path, Path(tmp) / f"data-{kind}-{mb}", args.timeout)
                shown = f"{seconds:7.1f} s  {seconds / mb:6.1f} s/MB" if seconds is not None else "   > timeout"
                print(f"{kind:4}  {path.stat().st_size / 1024 / 1024:5.1f} MB  {shown}  exit {status}  {last}",
                      flush=True)
                path.unlink()
    print(f"yardstick again: {yardstick():.2f} s")


if __name__ == "__main__":
    main()

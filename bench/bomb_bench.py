"""A WARC gzip bomb: a few MB on disk that unpack to 4 GiB, through `thidua ingest`.

The bomb is one .warc.gz holding a small article page, then a 200 response whose
HTML payload is GiB of spaces (gzip shrinks it about a thousand times), then a second
small article. It is written streamed, never held in memory. Ingest must refuse the
huge record on one line, keep both articles and stay within bounded memory.

    python bench/bomb_bench.py [--gib 4] [--headerless] [--keep FILE]

With --headerless the bomb record has no HTTP headers: its whole block is spaces,
which warcio's header parser read as one line (5.8 GB RSS, then MemoryError).

Prints the bomb's size on disk, then the seconds and the peak RSS (MB) of the ingest
process, its exit status and its error lines.
"""
import argparse
import gzip
import io
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parent.parent


class Spaces(io.RawIOBase):
    """n bytes of spaces, produced as they are read."""

    def __init__(self, n):
        self.left = n

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.left)
        buffer[:n] = b" " * n
        self.left -= n
        return n


def article(title):
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            "<p>Sáng nay, nhà máy tổ chức hội nghị tổng kết phong trào thi đua với sự tham dự của đông đảo "
            "cán bộ, công nhân viên và người lao động trong toàn đơn vị.</p></article></body></html>").encode()


def write_headerless(fh, uri, size):
    """A response record whose block is `size` spaces, no HTTP headers, in two gzip members."""
    fh.write(gzip.compress(f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
                           "WARC-Record-ID: <urn:uuid:0d5e0c43-5c4d-4ad6-9d9a-4b3d9c4a0001>\r\n"
                           "WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
                           f"Content-Length: {size}\r\n\r\n".encode()))
    with gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=9) as member:
        spaces = Spaces(size)
        while chunk := spaces.read(1 << 20):
            member.write(chunk)
        member.write(b"\r\n\r\n")


def write_bomb(path, size, headerless=False):
    """An article, a response of `size` bytes of spaces, an article: one gzip member each."""
    html = [("Content-Type", "text/html; charset=utf-8")]
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, payload, length in (("http://bomb.vn/1.html", io.BytesIO(article("Thi đua trước quả bom")), None),
                                     ("http://bomb.vn/bomb.html", Spaces(size), size),
                                     ("http://bomb.vn/2.html", io.BytesIO(article("Thi đua sau quả bom")), None)):
            if headerless and length:
                write_headerless(fh, uri, size)
                continue
            headers = StatusAndHeaders("200 OK", html, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=payload, length=length,
                                                          http_headers=headers))


def ingest(path, data):
    """(seconds, peak RSS in MB, exit status, stderr) of one `thidua ingest` process."""
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", "from search.cli.main import cli; cli()", "--data-dir", str(data),
                          "ingest", str(path)], cwd=REPO, capture_output=True, text=True,
                         env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, run.returncode, run.stderr + run.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gib", type=float, default=4.0, help="unpacked size of the bomb record")
    parser.add_argument("--headerless", action="store_true", help="the bomb record has no HTTP headers")
    parser.add_argument("--keep", type=Path, help="write the bomb here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bomb.warc.gz"
        start = time.perf_counter()
        write_bomb(path, int(args.gib * 1024 ** 3), args.headerless)
        print(f"bomb: {path.stat().st_size / 1024 / 1024:.1f} MB on disk, {args.gib:g} GiB unpacked "
              f"(written in {time.perf_counter() - start:.1f} s)")
        seconds, peak, status, output = ingest(path, Path(tmp) / "data")
        print(f"ingest: {seconds:.1f} s, peak RSS {peak:.0f} MB, exit {status}")
        for line in output.splitlines():
            if line.startswith(("error:", "warning:")) or " new, " in line:
                print("  " + line.strip())


if __name__ == "__main__":
    main()

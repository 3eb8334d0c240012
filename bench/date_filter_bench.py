"""What --from/--to cost since they keep an article filed in the range or reporting on a
period that overlaps it (issue 13): three date columns instead of one.

An index of --size generated articles (a date in 2015-2024; half of them half-year
reports with no event date, filed at the end of their period) is built in a temporary
folder. Then 60 month ranges are evaluated as `search --from/--to` evaluates them
(index.query.date_range through Finder.docs: the filing day, or the reported period's
start and end, read as numpy columns), each range once, on a searcher opened for the
purpose. The yardstick, timed in the same run on the same index: the same ranges over
the filing day alone (what --from/--to did before). Printed for both: the first range
(the columns read from the index) and the mean of the others.

    .venv/bin/python bench/date_filter_bench.py --size 20000
"""
import argparse
import random
import tempfile
import time
from pathlib import Path

from whoosh import query as wq

from index import writer
from index.finder import Finder
from index.query import date_range, day_bound


def records(size):
    rng = random.Random(13)
    for i in range(size):
        year = rng.randint(2015, 2024)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        report = rng.random() < 0.5
        dates = [{"text": "6 tháng đầu năm", "start": f"{year}-01-01", "end": f"{year}-06-30"}] if report else []
        yield {"id": f"{i:016x}", "source": f"bench/{i}.txt", "title": f"Tin số {i}", "published": date,
               "author": None, "text": "Thi đua sản xuất kinh doanh.",
               "event": {"type": "report", "date": None if report else date, "location": None},
               "units": [], "people": [], "dates": dates, "figures": []}


def ranges():
    spans = [(2016, 2016), (2018, 2020), (2015, 2024), (2021, 2021), (2019, 2023)]
    return [(f"{a}-{m:02d}", f"{b}-{m:02d}") for a, b in spans for m in range(1, 13)]


def day_only(start, end):
    return wq.NumericRange("day", day_bound(start, False), day_bound(end, True))


def timed(folder, make):
    f = Finder(folder)
    first_start, first_end = ranges()[0]
    t = time.perf_counter()
    f.docs(make(first_start, first_end))
    first = time.perf_counter() - t
    rest, hits = ranges()[1:], 0
    t = time.perf_counter()
    for start, end in rest:
        hits += len(f.docs(make(start, end)))
    each = (time.perf_counter() - t) / len(rest)
    f.close()
    return first, each, hits


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20000)
    size = parser.parse_args().size
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        writer.rebuild(folder, lambda: records(size), procs=1)
        print(f"index of {size} articles built in {time.perf_counter() - t:.0f} s")
        for label, make in (("filing day only (yardstick)", day_only), ("day or reported period", date_range)):
            first, each, hits = timed(folder, make)
            print(f"{label:30} first range {1000 * first:6.1f} ms, then {1000 * each:5.2f} ms a range "
                  f"({hits} hits in all)")


if __name__ == "__main__":
    main()

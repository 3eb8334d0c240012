"""What the authorities' facets cost a search: the unit and person facets by entry.

Times, on an archive given (ingest one first: the sample corpus, or ../shared's pages and
baomoi texts for thousands of units), the unit facet and the person facet as the
authorities see them (index.entities), for every article and for a set of 500, against
the Finder's own facets (year, event type, unit as indexed) over the same hits: the
yardstick, measured in the same run.

    python bench/facet_bench.py DATA_DIR [--repeat 20]
"""
import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from index import entities  # noqa: E402
from index.finder import Finder  # noqa: E402


def timed(fn, repeat):
    fn()  # the first call builds what is kept per Finder
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    f = Finder(args.data_dir)
    every = f.all_docs()
    some = frozenset(sorted(every)[::max(1, len(every) // 500)][:500])
    with entities.authority(args.data_dir) as db:
        units = len(entities.unit_facet(f, every, db, 10 ** 6))
        people = len(entities.person_facet(f, every, db, 10 ** 6))
        print(f"{len(every)} articles, {units} units and {people} people in the facets")
        for hits, said in ((every, "every article"), (some, f"{len(some)} articles")):
            print(f"{said}:")
            print(f"  Finder facets (yardstick) {timed(lambda: f.facets(hits), args.repeat):7.2f} ms")
            print(f"  unit facet by entry       {timed(lambda: entities.unit_facet(f, hits, db, 15), args.repeat):7.2f} ms")
            print(f"  person facet by entry     "
                  f"{timed(lambda: entities.person_facet(f, hits, db, 15), args.repeat):7.2f} ms")


if __name__ == "__main__":
    main()

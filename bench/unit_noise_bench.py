"""Unit noise on general news: distinct units over the first N baomoi texts.

Issue 14 item 5: general news filled the unit facets with fragments ("Sở GD",
"Bộ GD", "Ban Nha", "Bộ Lĩnh"). This counts the distinct unit names the unit
extractor gives over N texts of ../shared/corpus/baomoi_text (title and text, as
the gold harness writes them) and lists the most frequent ones by the number of
texts naming them, so a change's effect on false units can be read before and after: --save keeps the
counts, --against a saved file lists the names that went and came (a fragment such as
"Sở GD" going, its full name coming), most frequent first.

    python bench/unit_noise_bench.py [--articles 3000] [--top 30] [--save F] [--against F]
"""
import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from ingest.extract.units import extract_units

TEXTS = Path(__file__).resolve().parent.parent.parent / "shared/corpus/baomoi_text/baomoi_2017.jsonl.gz"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--texts", type=Path, default=TEXTS, help="a JSON-lines file of {title, text} (gzip)")
    ap.add_argument("--save", type=Path, help="write the counts of every unit name as JSON")
    ap.add_argument("--against", type=Path, help="a --save file of an earlier run: list names gone and new")
    args = ap.parse_args()
    if not args.texts.exists():
        sys.exit(f"{args.texts}: not found (the bench reads ../shared)")
    per_name, texts = Counter(), 0
    with gzip.open(args.texts, "rt", encoding="utf-8") as fh:
        for line in fh:
            if texts >= args.articles:
                break
            row = json.loads(line)
            texts += 1
            per_name.update({u["name"] for u in extract_units(row["text"], row["title"])})
    print(f"texts {texts}  distinct units {len(per_name)}  unit mentions (per text) {sum(per_name.values())}")
    for name, count in per_name.most_common(args.top):
        print(f"{count:6d}  {name}")
    if args.save:
        args.save.write_text(json.dumps(per_name, ensure_ascii=False), encoding="utf-8")
    if args.against:
        before = Counter(json.loads(args.against.read_text(encoding="utf-8")))
        for label, names in (("gone", before.keys() - per_name.keys()), ("new", per_name.keys() - before.keys())):
            counts = before if label == "gone" else per_name
            ranked = sorted(names, key=lambda n: (-counts[n], n))
            print(f"\n{label}: {len(ranked)} names, {sum(counts[n] for n in ranked)} text mentions; most frequent:")
            print("; ".join(f"{n} {counts[n]}" for n in ranked[:args.top]))


if __name__ == "__main__":
    main()

"""Quality gate: the whole pipeline scored by ../shared/eval/score.py on the gold files.

CI fails when a score drops below the issues' thresholds (issue 2 for cleaning,
issue 3 for extraction) or, on the real pages and our own sample corpus, below
the level already reached, so a change that helps one article and hurts others
shows at once. The ../shared gates skip when it is absent; the sample corpus is
always there.
"""
import gzip
import importlib.util
import json
import os
from pathlib import Path

from conftest import SAMPLE, SHARED, needs_shared
from ingest import pipeline

SCORER = SHARED / "eval" / "score.py"

SEEDS = {"noise_removed": 0.95, "body_kept": 1.0, "title": 0.75, "author": 0.75, "published": 1.0,
         "overall": 0.90, "units.f1": 0.85, "people.f1": 0.90, "rank_correct": 1.0,
         "figures.recall": 0.85, "not_figures_avoided": 0.95, "dates.recall": 0.80,
         "day_dates_correct": 0.9, "event_type": 0.8, "event_date": 0.8}
HTML = {"noise_removed": 0.93, "body_kept": 0.97, "title": 0.93, "published": 0.95, "author": 0.7,
        "overall": 0.97, "units.f1": 0.85, "people.f1": 0.85, "rank_correct": 1.0, "figures.recall": 0.9,
        "not_figures_avoided": 0.95, "dates.recall": 0.9, "day_dates_correct": 0.9, "event_type": 0.8,
        "event_date": 0.8}
# Gold written in this project for pages the rules were not written on (tests/gold/README.md).
# qdnd: the extraction issue's bar. baomoi: the level reached so far (0.892 overall, units
# 0.951, title 1.0, noise 0.825, event type 0.7), held as a floor while the 0.97
# is not met: its days without a year need a capture date the texts lack,
# and captions written as whole sentences are still read as text.
QDND = {"overall": 0.97, "units.f1": 0.9, "people.f1": 0.95, "figures.recall": 0.95, "dates.recall": 0.9,
        "event_type": 0.9, "event_date": 0.8, "rank_correct": 1.0, "not_figures_avoided": 0.95}
BAOMOI = {"overall": 0.89, "units.f1": 0.95, "people.f1": 1.0, "figures.recall": 0.93, "dates.recall": 0.6,
          "rank_correct": 1.0, "not_figures_avoided": 0.98, "body_kept": 1.0, "title": 1.0, "noise_removed": 0.82,
          "author": 1.0, "event_type": 0.7, "day_dates_correct": 1.0}
GOLD = Path(__file__).resolve().parent / "gold"
BAOMOI_TEXTS = SHARED / "corpus" / "baomoi_text" / "baomoi_2017.jsonl.gz"
SAMPLE_GATE = {"overall": 0.97, "noise_removed": 0.95, "body_kept": 1.0, "units.f1": 0.9, "people.f1": 0.95,
               "figures.recall": 0.95, "dates.recall": 0.9, "event_type": 0.75, "event_date": 0.85}


def _scorer():
    """The scorer CI and the issues use, loaded in process: the same numbers as its command line."""
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scores(gold_path, paths):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["documents"]
    preds = {}
    for source, records, error, _ in pipeline.process(paths, jobs=1):
        assert error is None, f"{source}: {error}"
        assert len(records) == 1
        preds[os.path.basename(source)] = records[0]
    return _scorer().score(gold, preds)


def _value(scores, name):
    head, _, tail = name.partition(".")
    return scores[head][tail] if tail else scores[head]


def _check(scores, thresholds, label):
    assert not scores["missing_documents"]
    low = {name: (_value(scores, name), minimum) for name, minimum in thresholds.items()
           if _value(scores, name) < minimum}
    assert not low, f"{label}: scores below the gate (got, minimum): {low}"


@needs_shared
def test_seed_dumps():
    _check(_scores(SHARED / "eval" / "dev_gold.json", sorted((SHARED / "seeds").glob("*.txt"))), SEEDS, "seeds")


@needs_shared
def test_real_news_and_military_pages():
    corpus = SHARED / "corpus"
    paths = sorted(corpus.glob("news_html/*_article*.html")) + sorted(corpus.glob("qdnd/*.html"))
    _check(_scores(SHARED / "eval" / "dev_gold_html.json",
                   [p for p in paths if p.name in _gold_files("dev_gold_html.json")]), HTML, "real pages")


@needs_shared  # the scorer lives in ../shared; the corpus and its answers are ours
def test_sample_corpus():
    paths = sorted(p for p in SAMPLE.iterdir() if p.suffix in (".html", ".txt"))
    _check(_scores(SAMPLE / "expected.json", paths), SAMPLE_GATE, "sample corpus")


@needs_shared
def test_unseen_qdnd_pages():
    gold = json.loads((GOLD / "qdnd_gold.json").read_text(encoding="utf-8"))["documents"]
    _check(_scores(GOLD / "qdnd_gold.json", [SHARED / "corpus" / "qdnd" / d["file"] for d in gold]), QDND, "qdnd")


@needs_shared
def test_unseen_general_news(tmp_path):
    """The baomoi gold's texts written as its harness says: the title line, then the text."""
    gold = json.loads((GOLD / "baomoi_gold.json").read_text(encoding="utf-8"))["documents"]
    wanted = {d["file"] for d in gold}
    with gzip.open(BAOMOI_TEXTS, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            name = f"baomoi_{row['id']}.txt"
            if name in wanted:
                (tmp_path / name).write_text(row["title"] + "\n" + row["text"], encoding="utf-8")
    _check(_scores(GOLD / "baomoi_gold.json", sorted(tmp_path.iterdir())), BAOMOI, "baomoi")


def _gold_files(name):
    return {d["file"] for d in json.loads((SHARED / "eval" / name).read_text(encoding="utf-8"))["documents"]}


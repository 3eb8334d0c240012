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
# qdnd: the extraction issue's bar, overall and event date raised to the level reached (0.992,
# 1.0 once its reports were dated as the shared gold dates them), dates recall 1.0 once
# "trung tuần tháng 2" was read, units 1.0 once names ran on over their trade's words.
# baomoi: the 0.97 overall, met, each field held at the level reached. Its date
# misses are days whose year nothing in the text gives: two texts name no year at all and
# one only a target year (nor a publication or capture date), and one names its Tết only
# as "Đinh Dậu" (no year within 5 of it).
QDND = {"overall": 0.99, "units.f1": 0.98, "people.f1": 0.95, "figures.recall": 0.95, "dates.recall": 1.0,
        "event_type": 0.9, "event_date": 1.0, "rank_correct": 1.0, "not_figures_avoided": 0.95,
        "day_dates_correct": 1.0}
BAOMOI = {"overall": 0.98, "units.f1": 0.99, "people.f1": 1.0, "figures.recall": 1.0, "dates.recall": 0.85,
          "rank_correct": 1.0, "not_figures_avoided": 1.0, "body_kept": 1.0, "title": 1.0, "noise_removed": 1.0,
          "author": 1.0, "event_type": 1.0, "event_date": 0.9, "day_dates_correct": 1.0}
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



# What the shared scorer does not score, checked on our own sample corpus (its gold is
# corpus/sample/expected.json): each gold figure's kind and organisation (the figure is
# found by value and unit, and metric where the gold names one; a figure not found counts
# as wrong), all the event types, and which dates are history. Gates at the level reached:
# 1.0 each since issue 16 found "90 ngày đêm" (after "cao điểm") and the cluster named by
# its members' kind, "Cụm thi đua các viện nghiên cứu" (kind 0.99, organisation 0.97 before).
SAMPLE_CONTEXT_GATE = {"figure_kind": 1.0, "figure_organisation": 1.0, "event_types": 1.0, "history_dates": 1.0}


def _same_unit(gold, pred):
    gold, pred = gold.casefold(), (pred or "").casefold()
    return gold.startswith(pred) or pred.startswith(gold)


def _matched_figures(gold_figures, pred_figures):
    """(gold, predicted or None) pairs, one predicted figure at most per gold one."""
    free = list(pred_figures)
    for gold in gold_figures:
        pred = next((p for p in free if float(p["value"]) == float(gold["value"]) and _same_unit(gold["unit"], p["unit"])
                     and gold.get("metric", p.get("metric")) == p.get("metric")), None)
        if pred is not None:
            free.remove(pred)
        yield gold, pred


def _context_scores(gold_docs, records):
    right = dict.fromkeys(SAMPLE_CONTEXT_GATE, 0)
    total = dict.fromkeys(SAMPLE_CONTEXT_GATE, 0)
    misses = []
    for doc in gold_docs:
        record = records[doc["file"]]
        for gold, pred in _matched_figures(doc["figures"], record["figures"]):
            for field in ("kind", "organisation"):
                total["figure_" + field] += 1
                if pred is not None and pred.get(field) == gold[field]:
                    right["figure_" + field] += 1
                else:
                    misses.append((doc["file"], gold["value"], gold["unit"], field, gold[field], pred and pred.get(field)))
        total["event_types"] += 1
        right["event_types"] += record["event"].get("types") == doc["event"]["types"]
        gold_history = {(d["start"], d["end"]) for d in doc["dates"] if d.get("role") == "history"}
        pred_history = {(d["start"], d["end"]) for d in record["dates"] if d.get("role") == "history"}
        total["history_dates"] += 1
        right["history_dates"] += gold_history == pred_history
    return {name: right[name] / total[name] for name in total}, misses


def test_sample_corpus_figure_kinds_organisations_event_types_and_history():
    gold = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))["documents"]
    records = {}
    for source, found, error, _ in pipeline.process(sorted(SAMPLE / d["file"] for d in gold), jobs=1):
        assert error is None, f"{source}: {error}"
        records[os.path.basename(source)] = found[0]
    scores, misses = _context_scores(gold, records)
    low = {name: (round(scores[name], 3), minimum) for name, minimum in SAMPLE_CONTEXT_GATE.items()
           if scores[name] < minimum}
    assert not low, f"sample corpus: below the gate (got, minimum): {low}; misses: {misses}"

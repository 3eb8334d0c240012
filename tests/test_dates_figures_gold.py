"""Quality gate on the real articles in ../shared: dates, figures and the event,
scored by the project's scorer against the gold files (skipped when absent)."""
import importlib.util
import json
import os
from pathlib import Path

import pytest

from ingest.dates import extract_dates
from ingest.decode import InputError
from ingest.event import extract_event
from ingest.figures import extract_figures
from ingest.pipeline import records_from_path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared not available")


def _scorer():
    spec = importlib.util.spec_from_file_location("thidua_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scores(gold_name, paths):
    scorer = _scorer()
    gold = json.loads((SHARED / "eval" / gold_name).read_text(encoding="utf-8"))["documents"]
    preds = {}
    for path in paths:
        try:
            rec = records_from_path(path)[0]
        except InputError:
            continue  # a page the cleaner cannot read yet is the cleaner's concern
        rec["dates"] = extract_dates(rec["text"], rec["published"], rec["title"])
        rec["figures"] = extract_figures(rec["text"])
        rec["event"] = extract_event(rec["title"], rec["text"], rec["dates"], rec["published"])
        preds[os.path.basename(path)] = rec
    return scorer.score([g for g in gold if g["file"] in preds], preds)


def test_seeds_meet_the_issue_thresholds():
    s = _scores("dev_gold.json", sorted((SHARED / "seeds").glob("*.txt")))
    assert s["figures"]["recall"] >= 0.85
    assert s["not_figures_avoided"] >= 0.95
    assert s["dates"]["recall"] >= 0.80
    assert s["day_dates_correct"] >= 0.9
    assert s["event_type"] >= 0.8
    assert s["event_date"] >= 0.8


def test_news_and_military_pages_keep_their_level():
    corpus = SHARED / "corpus"
    paths = sorted(corpus.glob("news_html/*_article*.html")) + sorted(corpus.glob("qdnd/*.html"))
    s = _scores("dev_gold_html.json", paths)
    assert s["figures"]["recall"] >= 0.8
    assert s["not_figures_avoided"] >= 0.95
    assert s["dates"]["recall"] >= 0.75
    assert s["event_type"] >= 0.8

"""Quality gate: units and people scored on the real seeds with ../shared/eval/score.py.

Thresholds are issue 3's: units F1 >= 0.85, people F1 >= 0.90 with every matched
rank right. Skipped when ../shared is absent.
"""
import importlib.util
import json
from pathlib import Path

import pytest

from ingest.people import extract_people
from ingest.pipeline import records_from_path
from ingest.units import extract_units

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared not present")


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
        for record in records_from_path(path):
            record["units"] = extract_units(record["text"], record["title"])
            record["people"] = extract_people(record["text"], record["author"])
            preds[path.name] = record
    return scorer.score(gold, preds)


def test_seeds_units_and_people_meet_the_issue_thresholds():
    res = _scores("dev_gold.json", sorted((SHARED / "seeds").glob("*.txt")))
    assert res["units"]["f1"] >= 0.85, res["units"]
    assert res["people"]["f1"] >= 0.90, res["people"]
    assert res["rank_correct"] == 1.0


def test_military_pages_people_ranks_are_right():
    paths = sorted((SHARED / "corpus" / "qdnd").glob("*.html"))
    res = _scores("dev_gold_html.json", paths)
    assert res["rank_correct"] == 1.0
    assert res["people"]["precision"] >= 0.9, res["people"]

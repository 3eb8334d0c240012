"""Quality gate: the cleaning scores of issue 2 on both gold files (skipped without ../shared)."""
import importlib.util
import json
import os

import pytest

from cleaning_fixtures import SHARED
from ingest import pipeline

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared is absent")

SEEDS = {"noise_removed": 0.95, "body_kept": 1.0, "title": 0.75, "author": 0.75, "published": 1.0}
HTML = {"noise_removed": 0.93, "body_kept": 0.97, "title": 0.93, "published": 0.95, "author": 0.7}


def scores(gold_name, paths):
    """The shared scorer run on our records, in process."""
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(SHARED / "eval" / gold_name, encoding="utf-8") as fh:
        gold = json.load(fh)["documents"]
    preds = {}
    for source, records, error in pipeline.process(paths, jobs=1):
        assert error is None, f"{source}: {error}"
        assert len(records) == 1
        preds[os.path.basename(source)] = records[0]
    return module.score(gold, preds)


@pytest.mark.parametrize("gold,patterns,thresholds", [
    ("dev_gold.json", ["seeds/*.txt"], SEEDS),
    ("dev_gold_html.json", ["corpus/news_html/*_article*.html", "corpus/qdnd/*.html"], HTML),
])
def test_cleaning_scores(gold, patterns, thresholds):
    paths = sorted(p for pattern in patterns for p in SHARED.glob(pattern))
    got = scores(gold, paths)
    assert not got["missing_documents"]
    for name, minimum in thresholds.items():
        assert got[name] >= minimum, f"{gold}: {name} {got[name]} < {minimum}"

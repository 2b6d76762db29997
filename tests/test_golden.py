"""Golden test: the corpus article in data/ scored against the hand-made gold with the
scorer from ../shared/eval (the figures the issue asks for)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.api import build

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
GOLD = ROOT.parent / "shared" / "eval" / "gold"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not beside the project")
def test_corpus_article_scores(tmp_path):
    build([ROOT / "data"], tmp_path, html=False)
    out = subprocess.run([sys.executable, str(SCORER), str(tmp_path / "graph.ttl"), "--gold", str(GOLD),
                          "--ontology", str(ROOT / "ontology"), "--json"], capture_output=True, text=True, check=True)
    micro = json.loads(out.stdout)["micro_f1"]
    assert micro["relations"] >= 0.95 and micro["entities"] >= 0.95, micro

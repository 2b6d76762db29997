"""Shared fixtures. Every article text in these tests was written for the tests: invented
people and organisations, real region names."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import process
from kg.reader import RawArticle

ROOT = Path(__file__).resolve().parents[1]


def run(text: str, path: str = "t.txt"):
    """Extract one article given as text."""
    return process(RawArticle(path, text, text.splitlines()[0], "0" * 40))


def relations(doc) -> set[tuple[str, str, str]]:
    label = {k: e.label for k, e in doc.entities.items()} | {k: "<event>" for k in doc.events}
    return {(label[r.subj], r.pred, label[r.obj]) for r in doc.relations}


def entities(doc, type_=None) -> set[str]:
    return {e.label for e in doc.entities.values() if type_ is None or e.type == type_}


@pytest.fixture
def root() -> Path:
    return ROOT

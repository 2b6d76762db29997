"""The extraction pipeline: an ordered list of named steps, each ``Document -> Document``.

clean → sentences → mentions → entities → relations (→ resolve, across documents, in kg.resolve)
"""

from __future__ import annotations

from kg.pipeline.clean import clean
from kg.pipeline.doc import Document
from kg.pipeline.entities import build_entities
from kg.pipeline.mentions import find_mentions
from kg.pipeline.normalize import normalize
from kg.pipeline.relations import find_relations
from kg.pipeline.sentences import split_sentences
from kg.reader import RawArticle

__all__ = ["STEPS", "process", "make_document"]

STEPS = [
    ("clean", clean),
    ("sentences", split_sentences),
    ("mentions", find_mentions),
    ("entities", build_entities),
    ("relations", find_relations),
]


def make_document(raw: RawArticle) -> Document:
    return Document(path=raw.path, text=raw.text, norm=normalize(raw.text), title=raw.title, sha1=raw.sha1)


def process(raw: RawArticle, steps=STEPS) -> Document:
    doc = make_document(raw)
    for _name, step in steps:
        doc = step(doc)
    return doc

"""Step ``resolve``: one node per real-world entity across articles.

Places merge by their gazetteer code (or name, for sites); organisations by any shared name
(a full name and its short form, traditional and simplified spellings); persons by name only
when the articles tie them together (a shared organisation or place), so two people who
share a name in unrelated articles stay apart.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from kg.pipeline.doc import Document

__all__ = ["Node", "Ent", "DocEntities", "summarize", "resolve", "slug"]


@dataclass
class Node:
    iri_path: str
    type: str
    subtype: str
    label: str
    aliases: set[str] = field(default_factory=set)
    originals: set[str] = field(default_factory=set)
    code: str = ""
    docs: set[str] = field(default_factory=set)


class Ent(NamedTuple):
    """What resolution reads of one extracted entity."""

    type: str
    subtype: str
    label: str
    aliases: frozenset
    originals: frozenset
    code: str


@dataclass
class DocEntities:
    """What resolution reads of one article: its entities, the bodies each person holds a post
    at (their labels) and the regions the article names. A few hundred bytes per entity, so a
    build holds these for every article rather than the articles themselves."""

    path: str
    entities: dict[str, Ent]
    orgs: dict[str, frozenset]
    places: frozenset


_EMPTY: frozenset = frozenset()


def _names(values) -> frozenset:
    return frozenset(sys.intern(v) for v in values) if values else _EMPTY


def summarize(doc: Document | DocEntities) -> DocEntities:
    if isinstance(doc, DocEntities):
        return doc
    ents = doc.entities
    out = {sys.intern(k): Ent(sys.intern(e.type), sys.intern(e.subtype), sys.intern(e.label), _names(e.aliases),
                               _names(e.originals), sys.intern(e.code)) for k, e in ents.items()}
    orgs = {k: frozenset(ents[o].label for _, o, *_ in e.titles if o and o in ents)
            for k, e in ents.items() if e.type == "Person"}
    places = frozenset(e.code for e in ents.values() if e.type == "Place" and e.code)
    return DocEntities(sys.intern(doc.path), out, orgs, places)


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"[\s\"'“”‘’《》「」]", "", s)
    return re.sub(r"[^\w]+", "-", s).strip("-") or hashlib.sha1(text.encode()).hexdigest()[:12]


class _UnionFind:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(docs: list[Document] | list[DocEntities]) -> tuple[dict[tuple[str, str], str], dict[str, Node]]:
    """Map (document path, entity key) to a node id, and node ids to merged nodes (from the
    articles or from their :func:`summarize`)."""
    docs = [summarize(d) for d in docs]
    uf = _UnionFind()
    items = [(d.path, k) for d in docs for k in d.entities]
    by_name: dict[tuple[str, str], list] = {}
    for d in docs:
        for k, e in d.entities.items():
            uf.find((d.path, k))
            if e.type == "Person":
                continue
            if e.type == "Place" and e.code:
                by_name.setdefault(("Place", e.code), []).append((d.path, k))
                continue
            for name in {e.label} | e.aliases | e.originals:
                if len(name) >= 3 or name == e.label:
                    by_name.setdefault((e.type, name), []).append((d.path, k))
    for members in by_name.values():
        for m in members[1:]:
            uf.union(members[0], m)
    _persons(docs, uf)

    groups: dict = {}
    for it in items:
        groups.setdefault(uf.find(it), []).append(it)
    ents = {(d.path, k): e for d in docs for k, e in d.entities.items()}
    mapping: dict[tuple[str, str], str] = {}
    nodes: dict[str, Node] = {}
    used: dict[str, int] = {}
    for root in sorted(groups, key=lambda r: (ents[r].type, ents[r].label, r)):
        members = sorted(groups[root])
        es = [ents[m] for m in members]
        label = max((e.label for e in es), key=lambda s: (len(s), s))
        first = es[0]
        kind = first.type.lower()
        base = f"{kind}/{slug(first.code or label)}"
        n = used.get(base, 0)
        used[base] = n + 1
        path = base if n == 0 else f"{base}-{n + 1}"
        node = Node(path, first.type, _best_subtype(es), label, code=first.code)
        for m, e in zip(members, es):
            node.aliases |= e.aliases | {e.label}
            node.originals |= e.originals
            node.docs.add(m[0])
            mapping[m] = path
        node.aliases.discard(label)
        nodes[path] = node
    return mapping, nodes


def _best_subtype(es) -> str:
    subs = sorted({e.subtype for e in es if e.subtype and e.subtype not in ("Organization", "Person", "site")})
    return subs[0] if subs else es[0].subtype


def _persons(docs: list[DocEntities], uf: _UnionFind) -> None:
    """Same name in two articles: one person when they share an organisation or a place."""
    seen: dict[str, list] = {}
    for d in docs:
        places = d.places
        for k, e in d.entities.items():
            if e.type != "Person":
                continue
            seen.setdefault(e.label, []).append(((d.path, k), d.orgs[k], places))
    for name, entries in seen.items():
        for i, (a, orgs_a, places_a) in enumerate(entries):
            for b, orgs_b, places_b in entries[i + 1 :]:
                if a[0] == b[0]:
                    uf.union(a, b)
                elif orgs_a & orgs_b:
                    uf.union(a, b)
                elif not (orgs_a and orgs_b) and len(places_a & places_b) >= 2:
                    uf.union(a, b)

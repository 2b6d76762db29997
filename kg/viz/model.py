"""Read the drawable network out of a kg RDF graph: pure functions, plain Python data out.

:func:`network_data` is the whole step: entities become nodes, the direct relation triples
become edges, and the reified statements (``kg:Statement``) with their ``kg:Evidence`` and
``kg:Document`` become the edge tooltips. Nothing here knows about HTML.

The tooltips are built in :mod:`kg.viz.tips`, the fixed positions of big graphs in
:mod:`kg.viz.layout`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, Literal
from rdflib.term import Node

from kg.rdf.namespace import KG
from kg.viz.layout import positions
from kg.viz.tips import MAX_EVIDENCE, edge_tip, local_name, node_tip
from kg.viz.vocab import (
    CLASS_KIND,
    IN_REGION,
    KIND_STYLE,
    KINDS,
    OTHER,
    RELATION_LABELS,
    RELATIONS,
    SYMMETRIC,
)

__all__ = [
    "MAX_EVIDENCE",  # re-exported from kg.viz.tips
    "class_kinds",
    "entity_kind",
    "pick_labels",
    "relation_triples",
    "node_size",
    "region_colour",
    "network_data",
]

_RELATION_IRIS = {KG[name]: name for name in RELATIONS}
_KIND_RANK = {kind: i for i, kind in enumerate(KINDS + (OTHER,))}
_KIND_CLASSES = {KG[kind] for kind in KINDS}


def class_kinds(graph: Graph) -> dict[Node, str]:
    """Map every class to its kind: the vocabulary's table plus subclasses declared in ``graph``."""
    kinds: dict[Node, str] = dict(CLASS_KIND)
    pairs = sorted(graph.subject_objects(RDFS.subClassOf), key=lambda p: (str(p[0]), str(p[1])))
    changed = True
    while changed:
        changed = False
        for sub, sup in pairs:
            if sub not in kinds and sup in kinds:
                kinds[sub] = kinds[sup]
                changed = True
    return kinds


def entity_kind(types: Iterable[Node], kinds: Mapping[Node, str]) -> str | None:
    """The kind of a node with these ``rdf:type`` classes (first in KINDS order), or None."""
    found = {kinds[t] for t in types if t in kinds}
    return min(found, key=_KIND_RANK.__getitem__) if found else None


def pick_labels(graph: Graph, node: Node) -> tuple[str, list[str]]:
    """The display label of ``node`` and its other names, sorted.

    The label is an ``rdfs:label`` in Chinese (``@zh``, ``@zh-CN`` …), else one without a
    language, else any; ties go to the smallest string. Other ``rdfs:label`` values and every
    ``skos:altLabel`` are the alternative names. A node without a label shows its IRI's last segment.
    """
    labels = [o for o in graph.objects(node, RDFS.label) if isinstance(o, Literal)]

    def rank(lit: Literal) -> tuple[int, str]:
        lang = (lit.language or "").lower()
        return (0 if lang.split("-")[0] == "zh" else 1 if not lang else 2, str(lit))

    label = str(min(labels, key=rank)) if labels else local_name(node)
    others = {str(o) for o in labels} | {str(o) for o in graph.objects(node, SKOS.altLabel) if isinstance(o, Literal)}
    return label, sorted(others - {label})


def relation_triples(graph: Graph) -> list[tuple[Node, str, Node]]:
    """The direct relation triples as ``(subject, relation name, object)``, sorted.

    Symmetric relations (metWith, signedWith) are kept once per pair, smaller IRI first, however
    many directions the graph states them in. A literal object (malformed data) is no entity: skipped.
    """
    triples = set()
    for pred, name in _RELATION_IRIS.items():
        for s, o in graph.subject_objects(pred):
            if isinstance(o, Literal):
                continue
            if name in SYMMETRIC and str(o) < str(s):
                s, o = o, s
            triples.add((s, name, o))
    return sorted(triples, key=lambda t: (str(t[0]), t[1], str(t[2])))


def node_size(degree: int) -> float:
    """vis node size for a degree: 12 for an isolated node, growing with its square root, at most 60."""
    return round(min(60.0, 12.0 + 6.0 * math.sqrt(degree)), 1)


def region_colour(index: int) -> str:
    """A distinct, deterministic colour for the ``index``-th region (golden-angle hues)."""
    return f"hsl({round(index * 137.508) % 360}, 62%, 52%)"


def _statements_by_triple(graph: Graph) -> dict[tuple[Node, str, Node], list[Node]]:
    index: dict[tuple[Node, str, Node], list[Node]] = defaultdict(list)
    for st, s in graph.subject_objects(RDF.subject):
        name = _RELATION_IRIS.get(graph.value(st, RDF.predicate))
        o = graph.value(st, RDF.object)
        if name is None or o is None:
            continue
        if name in SYMMETRIC and str(o) < str(s):
            s, o = o, s
        index[(s, name, o)].append(st)
    for sts in index.values():
        sts.sort(key=str)
    return index


def _regions(graph: Graph, entities: list[Node]) -> tuple[dict[Node, int], list[dict]]:
    """Region index per entity (via kg:inRegion; a region is its own region) and the region list."""
    region_of = {}
    for e in entities:
        targets = sorted(graph.objects(e, IN_REGION), key=str)
        if targets:
            region_of[e] = targets[0]
    for r in set(region_of.values()):
        region_of.setdefault(r, r)
    ordered = sorted(set(region_of.values()), key=lambda r: (pick_labels(graph, r)[0], str(r)))
    index = {r: i for i, r in enumerate(ordered)}
    regions = [{"id": i, "label": pick_labels(graph, r)[0], "color": region_colour(i)} for i, r in enumerate(ordered)]
    return {e: index[r] for e, r in region_of.items()}, regions


def network_data(graph: Graph, *, title: str) -> dict:
    """The whole network as JSON-ready data: nodes, edges, legend entries, layout choice.

    Nodes are the entities (typed with a kind, or untyped ends of a relation, kind "Other"),
    sorted by IRI and numbered from 0; edges are the relation triples between them, sorted.
    """
    kinds = class_kinds(graph)
    kind_of: dict[Node, str] = {}
    for s, cls in graph.subject_objects(RDF.type):
        kind = entity_kind([cls], kinds)
        if kind is not None and _KIND_RANK[kind] < _KIND_RANK.get(kind_of.get(s, OTHER), 99):
            kind_of[s] = kind
    triples = relation_triples(graph)
    for s, _, o in triples:
        kind_of.setdefault(s, OTHER)
        kind_of.setdefault(o, OTHER)

    entities = sorted(kind_of, key=str)
    number = {e: i for i, e in enumerate(entities)}
    statements = _statements_by_triple(graph)
    region_of, regions = _regions(graph, entities)

    names = {e: pick_labels(graph, e) for e in entities}

    edges = []
    for i, (s, name, o) in enumerate(triples):
        tip = edge_tip(graph, name, names[s][0], names[o][0], statements.get((s, name, o), []))
        edges.append({"id": i, "from": number[s], "to": number[o], "rel": name, "tip": tip})

    multigraph = nx.MultiGraph()
    multigraph.add_nodes_from(range(len(entities)))
    multigraph.add_edges_from((e["from"], e["to"]) for e in edges)
    xy = positions(multigraph)

    nodes = []
    for i, e in enumerate(entities):
        label, alts = names[e]
        kind = kind_of[e]
        types = sorted((t for t in graph.objects(e, RDF.type) if kinds.get(t) == kind), key=str)
        if len(types) > 1:  # "企业 Company" says more than "机构 Organization · 企业 Company"
            types = [t for t in types if t not in _KIND_CLASSES]
        region = region_of.get(e, -1)
        region_label = regions[region]["label"] if region >= 0 else ""
        node = {
            "id": i,
            "label": label,
            "names": [label] + alts,
            "kind": kind,
            "size": node_size(multigraph.degree(i)),
            "region": region,
            "tip": node_tip(graph, e, kind, types, label, alts, region_label),
        }
        if xy is not None:
            node["x"], node["y"] = xy[i]
        nodes.append(node)

    kind_counts = defaultdict(int)
    for n in nodes:
        kind_counts[n["kind"]] += 1
    rel_counts = defaultdict(int)
    for e in edges:
        rel_counts[e["rel"]] += 1
    shown_kinds = list(KINDS) + ([OTHER] if kind_counts[OTHER] else [])
    return {
        "title": title,
        "physics": xy is None,
        "kinds": [
            {"id": k, "zh": KIND_STYLE[k][0], "en": KIND_STYLE[k][1], "color": KIND_STYLE[k][2],
             "shape": KIND_STYLE[k][3], "count": kind_counts[k]}
            for k in shown_kinds
        ],
        "relations": [
            {"id": r, "zh": RELATION_LABELS[r][0], "en": RELATION_LABELS[r][1], "directed": r not in SYMMETRIC,
             "count": rel_counts[r]}
            for r in RELATIONS if rel_counts[r]
        ],
        "regions": regions,
        "nodes": nodes,
        "edges": edges,
    }

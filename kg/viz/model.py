"""Read the drawable network out of a kg RDF graph: pure functions, plain Python data out.

:func:`network_data` is the whole step: entities become nodes, the direct relation triples
become edges, and the reified statements (``kg:Statement``) with their ``kg:Evidence`` and
``kg:Document`` become the edge tooltips. The roles of participants in events (kg:host,
kg:party …) become edges too, unless a relation already joins the same two nodes. Nothing
here knows about HTML.

For the page's region features every node carries its home region at each level, every event
its dates (as day numbers, for the timeline) and its side regions, and the flows between
regions are listed per level with the events behind them (see :mod:`kg.viz.regions`).

The tooltips are built in :mod:`kg.viz.tips`, the fixed positions of big graphs in
:mod:`kg.viz.layout`.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Graph, Literal
from rdflib.term import Node

from kg.rdf.namespace import KG
from kg.viz import regions as reg
from kg.viz.layout import positions
from kg.viz.tips import MAX_EVIDENCE, edge_tip, local_name, node_tip, role_tip
from kg.viz.vocab import (
    CLASS_KIND,
    KIND_STYLE,
    KINDS,
    OTHER,
    RELATION_LABELS,
    RELATIONS,
    ROLE_LABELS,
    ROLES,
    SYMMETRIC,
)

__all__ = [
    "MAX_EVIDENCE",  # re-exported from kg.viz.tips
    "class_kinds",
    "entity_kind",
    "pick_labels",
    "relation_triples",
    "role_triples",
    "event_days",
    "node_size",
    "region_colour",
    "network_data",
    "network_stream",
]

_RELATION_IRIS = {KG[name]: name for name in RELATIONS}
_EPOCH = datetime.date(1970, 1, 1)
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
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


def role_triples(graph: Graph, relations: Iterable[tuple[Node, str, Node]] = ()) -> list[tuple[Node, str, Node]]:
    """The event role triples as ``(event, role name, participant)``, sorted.

    A role is left out when one of ``relations`` already joins the same two nodes (kg:leader
    beside kg:ledDelegation, kg:attendee beside kg:attended): that edge carries the evidence.
    """
    joined = {frozenset((s, o)) for s, _, o in relations}
    triples = set()
    for name in ROLES:
        for s, o in graph.subject_objects(KG[name]):
            if not isinstance(o, Literal) and frozenset((s, o)) not in joined:
                triples.add((s, name, o))
    return sorted(triples, key=lambda t: (str(t[0]), ROLES.index(t[1]), str(t[2])))


def _day(text: str, last: bool) -> int | None:
    m = _DATE.match(text)
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    try:
        if not month:
            date = datetime.date(year, 12, 31) if last else datetime.date(year, 1, 1)
        elif not day:
            date = datetime.date(year, month, 1)
            if last:
                date = (date + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
        else:
            date = datetime.date(year, month, day)
    except ValueError:
        return None
    return (date - _EPOCH).days


def event_days(graph: Graph, event: Node) -> tuple[int, int] | None:
    """The days (since 1970-01-01) an event starts and ends, from kg:startDate and kg:endDate.

    A year or a month stands for all its days; no end date means a one-day event; an event
    without a readable kg:startDate is undated (None).
    """
    starts = [d for d in (_day(str(v), False) for v in graph.objects(event, KG.startDate)) if d is not None]
    if not starts:
        return None
    ends = [d for d in (_day(str(v), True) for v in graph.objects(event, KG.endDate)) if d is not None]
    start = min(starts)
    return start, max([start] + ends)


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


def _region_data(graph: Graph, entities: list[Node], events: list[Node], number: dict[Node, int]) -> dict:
    """Per level: the regions (homes of entities, sides of events), each node's home, each event's sides, the flows."""
    home = reg.home_regions(graph)
    sides = {e: reg.event_sides(graph, e) for e in events}
    out: dict = {"regions": [], "flows": [], "home": {e: [] for e in entities}, "sides": {e: [] for e in events}}
    stated = set(home.values()) | {r for o, d in sides.values() for r in o + d}
    for level in reg.LEVELS:
        up = {r: reg.rollup(graph, r, level) for r in stated}
        used = {up[home[e]] for e in entities if e in home} | {up[r] for o, d in sides.values() for r in o + d}
        ordered = sorted(used, key=lambda r: (pick_labels(graph, r)[0], str(r)))
        index = {r: i for i, r in enumerate(ordered)}
        actors: dict[int, int] = defaultdict(int)
        for e in entities:
            i = index[up[home[e]]] if e in home else -1
            out["home"][e].append(i)
            if i >= 0:
                actors[i] += 1
        for e, (o, d) in sides.items():
            out["sides"][e].append(sorted({index[up[r]] for r in o + d}))
        out["regions"].append([
            {"id": i, "label": pick_labels(graph, r)[0], "color": region_colour(i), "actors": actors[i], "iri": str(r)}
            for i, r in enumerate(ordered)
        ])
        level_flows = []
        for flow in reg.flows(graph, level):
            ids = [number[e] for e in flow.events if e in number]
            if ids:
                level_flows.append({"from": index[flow.origin], "to": index[flow.destination], "events": ids})
        out["flows"].append(sorted(level_flows, key=lambda f: (f["from"], f["to"])))
    return out


def _home_text(graph: Graph, entity: Node, home: dict[Node, Node]) -> str:
    """The home region with its city and province: "吴中区 · 苏州市 · 江苏省"."""
    if entity not in home:
        return ""
    chain = [home[entity]] + [reg.rollup(graph, home[entity], level) for level in ("city", "province")]
    return " · ".join(dict.fromkeys(pick_labels(graph, r)[0] for r in chain))


def network_data(graph: Graph, *, title: str) -> dict:
    """The whole network as JSON-ready data: nodes, edges, legend entries, layout choice, regions.

    Nodes are the entities (typed with a kind, or untyped ends of a relation or role, kind
    "Other"), sorted by IRI and numbered from 0; edges are the relation triples between them,
    sorted, then the role triples, sorted.
    """
    data = network_stream(graph, title=title)
    del data["counts"]
    data["edges"] = list(data["edges"])
    data["nodes"] = list(data["nodes"])
    return data


def network_stream(graph: Graph, *, title: str) -> dict:
    """:func:`network_data` with ``edges`` and ``nodes`` as iterators that build each item (and
    its tooltip) when it is reached, so a big network is never held whole; every other key, the
    counts included, is computed up front."""
    kinds = class_kinds(graph)
    kind_of: dict[Node, str] = {}
    for s, cls in graph.subject_objects(RDF.type):
        kind = entity_kind([cls], kinds)
        if kind is not None and _KIND_RANK[kind] < _KIND_RANK.get(kind_of.get(s, OTHER), 99):
            kind_of[s] = kind
    triples = relation_triples(graph)
    roles = role_triples(graph, triples)
    for s, _, o in triples + roles:
        kind_of.setdefault(s, OTHER)
        kind_of.setdefault(o, OTHER)

    entities = sorted(kind_of, key=str)
    number = {e: i for i, e in enumerate(entities)}
    events = [e for e in entities if kind_of[e] == "Event"]
    statements = _statements_by_triple(graph)
    regions = _region_data(graph, entities, events, number)
    home = reg.home_regions(graph)

    names = {e: pick_labels(graph, e) for e in entities}
    home_texts: dict[Node, str] = {}

    def home_text(e: Node) -> str:  # the same for every entity of one home region
        if e not in home:
            return ""
        r = home[e]
        if r not in home_texts:
            home_texts[r] = _home_text(graph, e, home)
        return home_texts[r]

    def edges():
        for i, (s, name, o) in enumerate(triples):
            tip = edge_tip(graph, name, names[s][0], names[o][0], statements.get((s, name, o), []))
            yield {"id": i, "from": number[s], "to": number[o], "rel": name, "tip": tip}
        for i, (s, name, o) in enumerate(roles, len(triples)):
            yield {"id": i, "from": number[s], "to": number[o], "rel": name, "role": True,
                   "tip": role_tip(name, names[s][0], names[o][0])}

    multigraph = nx.MultiGraph()
    multigraph.add_nodes_from(range(len(entities)))
    multigraph.add_edges_from((number[s], number[o]) for s, _, o in triples + roles)
    xy = positions(multigraph)
    degree = [multigraph.degree(i) for i in range(len(entities))]
    del multigraph

    spans = {e: event_days(graph, e) for e in events}
    days = [d for span in spans.values() if span is not None for d in span]

    def nodes():
        for i, e in enumerate(entities):
            label, alts = names[e]
            kind = kind_of[e]
            types = sorted((t for t in graph.objects(e, RDF.type) if kinds.get(t) == kind), key=str)
            if len(types) > 1:  # "企业 Company" says more than "机构 Organization · 企业 Company"
                types = [t for t in types if t not in _KIND_CLASSES]
            node = {
                "id": i,
                "label": label,
                "names": [label] + alts,
                "kind": kind,
                "size": node_size(degree[i]),
                "home": regions["home"][e],
                "tip": node_tip(graph, e, kind, types, label, alts, home_text(e)),
            }
            if kind == "Event":
                node["etype"] = node["tip"][0][0][1]
                node["sides"] = regions["sides"][e]
                span = spans[e]
                if span is not None:
                    node["days"] = list(span)
            if xy is not None:
                node["x"], node["y"] = xy[i]
            yield node

    kind_counts = defaultdict(int)
    for e in entities:
        kind_counts[kind_of[e]] += 1
    rel_counts = defaultdict(int)
    for _, name, _ in triples + roles:
        rel_counts[name] += 1
    shown_kinds = list(KINDS) + ([OTHER] if kind_counts[OTHER] else [])
    dated = sum(1 for span in spans.values() if span is not None)
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
        "roles": [
            {"id": r, "zh": ROLE_LABELS[r][0], "en": ROLE_LABELS[r][1], "count": rel_counts[r]}
            for r in ROLES if rel_counts[r]
        ],
        "timeline": {"min": min(days), "max": max(days), "dated": dated, "undated": len(events) - dated}
        if days else None,
        "levels": [{"id": lv, "zh": reg.LEVEL_LABELS[lv][0], "en": reg.LEVEL_LABELS[lv][1]} for lv in reg.LEVELS],
        "regions": regions["regions"],
        "flows": regions["flows"],
        "nodes": nodes(),
        "edges": edges(),
        "counts": {"nodes": len(entities), "edges": len(triples) + len(roles), "roles": len(roles)},
    }

"""Regions for the views: home regions of the actors and cooperation flows between regions.

Pure functions over the triples that :mod:`kg.rdf.regions` adds to a graph:

- an actor's home region is its ``kg:inRegion`` (organisations, people) or ``kg:region`` (places);
- a cooperation event flows from each ``kg:originRegion`` to each ``kg:destinationRegion``;
- both are rolled up the ``kg:partOf`` chain to a *level* (:data:`LEVELS`): "province" is the
  topmost division above a region (a province, municipality or special administrative region),
  "city" the nearest prefecture-level one, else that province (so a district of a municipality
  is the municipality). Macro-regions (``kg:level "macro"``: 长三角 …) are never an ancestor; a
  region with no division above it (a macro-region itself) stays as it is at every level.

Used by the network page (:mod:`kg.viz.model`) and the static picture (:mod:`kg.viz.static`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal
from rdflib.term import Node

from kg.rdf.namespace import KG
from kg.viz.tips import class_text

__all__ = ["LEVELS", "LEVEL_LABELS", "Flow", "rollup", "home_regions", "event_sides", "event_type", "flows"]

LEVELS = ("province", "city")
LEVEL_LABELS = {"province": ("省级", "province"), "city": ("市级", "city")}

_MACRO = "macro"
_PREFECTURE = "prefecture"


@dataclass(frozen=True)
class Flow:
    """Cooperation events from one region to another (``origin == destination``: within one region)."""

    origin: Node
    destination: Node
    events: tuple[Node, ...]

    @property
    def weight(self) -> int:
        return len(self.events)


def _level_of(graph: Graph, region: Node) -> str:
    values = sorted(str(v) for v in graph.objects(region, KG.level))
    return values[0] if values else ""


def _chain(graph: Graph, region: Node) -> list[Node]:
    """``region`` and its division ancestors, nearest first (macro-regions left out, cycles cut)."""
    chain, seen = [region], {region}
    while True:
        parents = sorted((p for p in graph.objects(chain[-1], KG.partOf)
                          if p not in seen and not isinstance(p, Literal) and _level_of(graph, p) != _MACRO), key=str)
        if not parents:
            return chain
        chain.append(parents[0])
        seen.add(parents[0])


def rollup(graph: Graph, region: Node, level: str) -> Node:
    """The region that stands for ``region`` at ``level`` ("province" or "city")."""
    if level not in LEVELS:
        raise ValueError(f"unknown region level {level!r}: use one of {', '.join(LEVELS)}")
    chain = _chain(graph, region)
    if level == "city":
        for r in chain:
            if _level_of(graph, r) == _PREFECTURE:
                return r
    return chain[-1]


def home_regions(graph: Graph) -> dict[Node, Node]:
    """Each actor's home region as stated (smallest IRI when several): kg:inRegion, else kg:region."""
    home: dict[Node, Node] = {}
    for pred in (KG.inRegion, KG.region):
        found: dict[Node, list[Node]] = defaultdict(list)
        for s, o in graph.subject_objects(pred):
            if not isinstance(o, Literal):
                found[s].append(o)
        for s, regions in found.items():
            home.setdefault(s, min(regions, key=str))
    return home


def event_sides(graph: Graph, event: Node) -> tuple[list[Node], list[Node]]:
    """The origin and destination regions of ``event`` as stated, each sorted."""
    def side(pred):
        return sorted((r for r in graph.objects(event, pred) if not isinstance(r, Literal)), key=str)

    return side(KG.originRegion), side(KG.destinationRegion)


def event_type(graph: Graph, event: Node) -> str:
    """The most specific event class as "签约 Signing" (several joined with " · ")."""
    types = sorted((t for t in graph.objects(event, RDF.type) if t != KG.Event), key=str)
    return " · ".join(class_text(t) for t in types) or class_text(KG.Event)


def flows(graph: Graph, level: str = "province") -> list[Flow]:
    """Cooperation flows between regions at ``level``, sorted by origin and destination IRI.

    An event with several regions on a side counts once for every (origin, destination) pair;
    an event with one side missing is no flow.
    """
    events: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
    cache: dict[Node, Node] = {}

    def up(region: Node) -> Node:
        if region not in cache:
            cache[region] = rollup(graph, region, level)
        return cache[region]

    for event in set(graph.subjects(KG.originRegion, None)):
        origins, destinations = event_sides(graph, event)
        for o in {up(r) for r in origins}:
            for d in {up(r) for r in destinations}:
                events[(o, d)].add(event)
    return [Flow(o, d, tuple(sorted(evs, key=str)))
            for (o, d), evs in sorted(events.items(), key=lambda item: (str(item[0][0]), str(item[0][1])))]

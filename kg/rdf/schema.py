"""Reading the ontology: where it is, and which of the four scored types a class falls under."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.rdf.namespace import KG

__all__ = ["ontology_dir", "ontology_graph", "entity_type", "ENTITY_TYPES"]

ENTITY_TYPES = ("Person", "Organization", "Place", "Event")


def ontology_dir() -> Path:
    """``ontology/`` beside the package (a source checkout or an editable install)."""
    here = Path(__file__).resolve().parents[2] / "ontology"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[1] / "ontology"


@cache
def ontology_graph() -> Graph:
    g = Graph()
    for f in sorted(ontology_dir().glob("*.ttl")):
        g.parse(f, format="turtle")
    return g


@cache
def _type_of_class(cls: URIRef) -> str | None:
    onto = ontology_graph()
    seen, todo = set(), [cls]
    while todo:
        c = todo.pop()
        if c in seen:
            continue
        seen.add(c)
        for t in ENTITY_TYPES:
            if c == getattr(KG, t):
                return t
        todo.extend(onto.objects(c, RDFS.subClassOf))
    return None


def entity_type(g: Graph, node) -> str | None:
    for c in g.objects(node, RDF.type):
        t = _type_of_class(c)
        if t:
            return t
    return None

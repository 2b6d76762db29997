"""The graph as plain Python sets of rdflib-term triples, indexed, and written by Oxigraph.

rdflib's memory store and Turtle serializer cost seconds per thousand articles; a set of
tuples costs nothing to fill, a dict index answers the few lookups the region step needs,
and pyoxigraph writes Turtle and TriG at native speed. Triples are sorted before writing,
so the same inputs give the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.rdf.namespace import ID, KG

__all__ = ["Built", "TripleIndex", "CompactIndex", "PREFIXES", "turtle_bytes", "trig_bytes", "to_ox", "ox_turtle_bytes"]

PREFIXES = {
    "kg": str(KG._NS), "id": str(ID), "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#", "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "prov": "http://www.w3.org/ns/prov#",
    **{kind: f"{ID}{kind}/" for kind in ("person", "organization", "place", "event", "region", "doc", "evidence",
                                          "statement", "post", "agreement", "graph")},
}


@dataclass
class Built:
    """One named graph (a set of triples) per article, and the region graph."""

    graphs: dict[URIRef, set] = field(default_factory=dict)

    def graph(self, name: URIRef) -> set:
        return self.graphs.setdefault(name, set())

    def union(self) -> set:
        out: set = set()
        for g in self.graphs.values():
            out |= g
        return out


class TripleIndex:
    """The lookups of rdflib's Graph that kg needs, over a set of triples."""

    def __init__(self, triples) -> None:
        self._spo: dict = defaultdict(lambda: defaultdict(set))
        self._pos: dict = defaultdict(lambda: defaultdict(set))
        self._n = 0
        for s, p, o in triples:
            self._spo[s][p].add(o)
            self._pos[p][o].add(s)
            self._n += 1

    def __len__(self) -> int:
        return self._n

    def objects(self, s=None, p=None):
        if s is not None and p is not None:
            return iter(self._spo.get(s, {}).get(p, ()))
        if p is not None:
            return iter({o for o in self._pos.get(p, {})})
        raise NotImplementedError("objects() needs a predicate")

    def subjects(self, p=None, o=None):
        if p is not None and o is not None:
            return iter(self._pos.get(p, {}).get(o, ()))
        if p is not None:
            return iter({s for subs in self._pos.get(p, {}).values() for s in subs})
        raise NotImplementedError("subjects() needs a predicate")

    def subject_objects(self, p):
        return ((s, o) for o, subs in self._pos.get(p, {}).items() for s in subs)

    def value(self, s, p):
        vals = self._spo.get(s, {}).get(p)
        return min(vals) if vals else None


class CompactIndex:
    """TripleIndex's lookups in less memory, for big graphs: one small dict per subject
    (predicate → object, or a tuple of objects), and the subjects of each predicate."""

    def __init__(self, triples) -> None:
        self._spo: dict = {}
        self._subjects: dict = defaultdict(list)
        self._n = 0
        for s, p, o in triples:
            d = self._spo.get(s)
            if d is None:
                d = self._spo[s] = {}
            v = d.get(p)
            if v is None:
                d[p] = o
                self._subjects[p].append(s)
            elif type(v) is tuple:
                if o in v:
                    continue
                d[p] = v + (o,) if len(v) < 8 else {*v, o}
            elif type(v) is set:
                if o in v:
                    continue
                v.add(o)
            elif v is o or v == o:
                continue
            else:
                d[p] = (v, o)
            self._n += 1

    def __len__(self) -> int:
        return self._n

    def _objects(self, s, p) -> tuple:
        d = self._spo.get(s)
        v = None if d is None else d.get(p)
        return () if v is None else v if type(v) in (tuple, set) else (v,)

    def objects(self, s=None, p=None):
        if p is None:
            raise NotImplementedError("objects() needs a predicate")
        if s is not None:
            return iter(self._objects(s, p))
        return iter({o for s in self._subjects.get(p, ()) for o in self._objects(s, p)})

    def subjects(self, p=None, o=None):
        if p is None:
            raise NotImplementedError("subjects() needs a predicate")
        if o is None:
            return iter(self._subjects.get(p, ()))
        return (s for s in self._subjects.get(p, ()) if o in self._objects(s, p))

    def subject_objects(self, p):
        return ((s, o) for s in self._subjects.get(p, ()) for o in self._objects(s, p))

    def value(self, s, p):
        vals = self._objects(s, p)
        return min(vals) if vals else None


def to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"kg writes no {type(term).__name__} terms")


def _key(t):
    s, p, o = t
    return (str(s), str(p), isinstance(o, Literal), str(o), getattr(o, "language", None) or "",
            str(getattr(o, "datatype", None) or ""))


def turtle_bytes(triples) -> bytes:
    return ox.serialize((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in sorted(triples, key=_key)),
                        format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def trig_bytes(graphs: dict) -> bytes:
    def quads():
        for name in sorted(graphs, key=str):
            g = ox.NamedNode(str(name))
            for s, p, o in sorted(graphs[name], key=_key):
                yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)

    return ox.serialize(quads(), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _ox_key(t):
    o = t.object
    lit = isinstance(o, ox.Literal)
    dt = o.datatype.value if lit and not o.language and o.datatype.value != _XSD_STRING else ""
    return (t.subject.value, t.predicate.value, lit, o.value, (o.language or "") if lit else "", dt)


def ox_turtle_bytes(triples) -> bytes:
    """Oxigraph triples as Turtle, in the same order and so the same bytes as ``turtle_bytes``."""
    return ox.serialize(sorted(triples, key=_ox_key), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)

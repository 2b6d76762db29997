"""Write the graph in other formats: RDF serialisations, GraphML for network tools, and a CSV
of the relations for spreadsheets. Every format comes out in the same order on every run.

    >>> from kg.export import export_graph
    >>> Path("graph.graphml").write_bytes(export_graph(graph, "graphml"))   # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, RDFS, XSD

from kg.errors import ExportError
from kg.rdf.mapping import bind_prefixes
from kg.rdf.namespace import ID, KG, RELATIONS
from kg.rdf.schema import entity_type

__all__ = ["EXPORT_FORMATS", "CSV_HEADER", "RelationRow", "export_graph", "relation_rows", "to_networkx", "plain"]

EXPORT_FORMATS = ("csv", "graphml", "jsonld", "nt", "trig", "ttl")
CSV_HEADER = ("subject", "relation", "object", "subject_type", "object_type", "confidence", "rule",
              "sentence", "source")
UNION_GRAPH = ID["graph/all"]
"""Name of the one named graph a plain Graph is put in for TriG."""


def export_graph(graph: Graph, fmt: str) -> bytes:
    """The graph (or Dataset) as ``ttl``, ``trig``, ``nt``, ``jsonld``, ``graphml`` or ``csv``.
    Only TriG keeps a Dataset's named graphs; the others export their union. The CSV has one row
    per relation (``relation_rows``) under ``CSV_HEADER``."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    fast = _oxigraph_dump(graph, fmt)
    if fast is not None:
        return fast
    if fmt == "trig":
        return _trig(graph)
    g = _union(graph)
    if fmt == "ttl":
        from kg.rdf.fast import turtle_bytes

        return turtle_bytes(g)
    if fmt == "nt":
        lines = g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return "".join(line + "\n" for line in sorted(set(lines)) if line.strip()).encode("utf-8")
    if fmt == "jsonld":
        return _jsonld(g)
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(to_networkx(g), buf, encoding="utf-8")
        return buf.getvalue()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for r in relation_rows(g):
        w.writerow([r.subject, r.relation, r.object, r.subject_type, r.object_type,
                    "" if r.confidence is None else r.confidence, r.rule, r.sentence, r.source])
    return buf.getvalue().encode("utf-8")


def _oxigraph_dump(graph: Graph, fmt: str) -> bytes | None:
    """``ttl``, ``nt`` or ``trig`` written by Oxigraph itself when ``graph`` is a Dataset over an
    Oxigraph store (what ``open_graph`` gives): the same triples as the rdflib path below, about
    ten times faster, since no triple becomes a Python object. None for anything else.
    A store whose default graph holds something keeps the union of its graphs there (as
    ``kg build`` writes it), which is then the export; otherwise the union is computed."""
    store = getattr(getattr(graph, "store", None), "_inner", None)  # oxrdflib's OxigraphStore
    if fmt not in ("ttl", "nt", "trig") or not isinstance(graph, Dataset) or store is None:
        return None
    import pyoxigraph as ox

    ns = Graph()
    bind_prefixes(ns)
    prefixes = {p: str(n) for p, n in ns.namespaces() if p in ("kg", "id", "rdf", "rdfs", "xsd", "owl", "skos",
                                                                "org", "dcterms", "prov")}
    union_kept = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    if fmt == "trig":
        named = (q for q in store if not union_kept or not isinstance(q.graph_name, ox.DefaultGraph))
        return ox.serialize(named, format=ox.RdfFormat.TRIG, prefixes=prefixes)
    if fmt == "ttl":
        from kg.store import fresh_graph_file

        source = fresh_graph_file(graph)
        if source is not None:  # the store was loaded from this file, unchanged since: its bytes
            data = source.read_bytes()
            if fresh_graph_file(graph) is not None:  # not rewritten while being read
                return data
    if union_kept:
        union = (q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    else:
        union = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    if fmt == "ttl":
        from kg.rdf.fast import ox_turtle_bytes

        return ox_turtle_bytes(union)
    lines = ox.serialize(union, format=ox.RdfFormat.N_TRIPLES).decode("utf-8").splitlines()
    return "".join(line + "\n" for line in sorted(set(lines)) if line.strip()).encode("utf-8")


def plain(term):
    """``term`` with an explicit ``^^xsd:string`` dropped (the same literal in RDF 1.1; Oxigraph
    returns it, rdflib's parsers do not), so every engine gives the same output."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _union(graph: Graph) -> Graph:
    """A copy of the graph (of every graph of a Dataset) with the kg prefixes bound."""
    g = Graph()
    bind_prefixes(g)
    triples = (q[:3] for q in graph.quads((None, None, None, None))) if isinstance(graph, Dataset) else graph
    for s, p, o in triples:
        g.add((s, p, plain(o)))
    return g


def _trig(graph: Graph) -> bytes:
    ds = Dataset()
    bind_prefixes(ds)
    if isinstance(graph, Dataset):
        parts = [(c.identifier, c) for c in graph.graphs() if len(c)]
    else:
        parts = [(UNION_GRAPH, graph)]
    for name, part in sorted(parts, key=lambda p: str(p[0])):
        target = ds.default_graph if name == DATASET_DEFAULT_GRAPH_ID else ds.graph(name)
        for s, p, o in part:
            target.add((s, p, plain(o)))
    return ds.serialize(format="trig", encoding="utf-8")


def _jsonld(g: Graph) -> bytes:
    context = {p: str(ns) for p, ns in g.namespaces() if p in ("kg", "id", "rdf", "rdfs", "xsd", "skos",
                                                                "org", "dcterms", "prov")}
    doc = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    for node in nodes:
        for k, v in node.items():
            if isinstance(v, list):
                node[k] = sorted(v, key=lambda x: json.dumps(x, ensure_ascii=False, sort_keys=True))
    out = {"@context": doc.get("@context", context),
           "@graph": sorted(nodes, key=lambda n: str(n.get("@id", "")))}
    return (json.dumps(out, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


# ---------------------------------------------------------------- relations as rows and edges

@dataclass(frozen=True)
class RelationRow:
    """One of the eight relations between two entities, with its earliest evidence (by source
    path, then offset): the `evidence` query lists them all."""

    subject_iri: str
    relation: str
    object_iri: str
    subject: str
    object: str
    subject_type: str
    object_type: str
    confidence: float | None
    rule: str
    sentence: str
    source: str


def _label(g: Graph, node) -> str:
    labels = sorted(str(x) for x in g.objects(node, RDFS.label))
    return labels[0] if labels else str(node).rsplit("/", 1)[-1]


def _class(g: Graph, node) -> str:
    """The kg class of ``node`` (Company, Signing …), '|'-joined if several."""
    ns = str(KG._NS)
    return "|".join(sorted(str(c)[len(ns):] for c in g.objects(node, RDF.type) if str(c).startswith(ns)))


def _evidence(g: Graph, s, p, o) -> tuple[float | None, str, str, str]:
    """(confidence, rule, sentence, source) of the statement of s p o; its earliest evidence."""
    found = []
    for st in g.subjects(RDF.subject, s):
        if (st, RDF.predicate, p) not in g or (st, RDF.object, o) not in g:
            continue
        conf = g.value(st, KG.confidence)
        evidence = list(g.objects(st, KG.evidence))
        if not evidence:
            found.append(("", -1, "", "", None if conf is None else float(conf)))
        for ev in evidence:
            doc = g.value(ev, KG.document)
            start = g.value(ev, KG.startChar)
            found.append((str(g.value(doc, KG.path) or "") if doc is not None else "",
                          int(start) if start is not None else -1,
                          str(g.value(ev, KG.rule) or ""), str(g.value(ev, KG.sentence) or ""),
                          None if conf is None else float(conf)))
    if not found:
        return None, "", "", ""
    source, _, rule, sentence, conf = min(found, key=lambda f: (f[0], f[1], f[2], f[3]))
    return conf, rule, sentence, source


def relation_rows(graph: Graph) -> list[RelationRow]:
    """One row per relation triple, ordered by relation (in ``RELATIONS`` order), then labels."""
    g = _union(graph) if isinstance(graph, Dataset) else graph
    rows = []
    for name in RELATIONS:
        p = getattr(KG, name)
        for s, o in g.subject_objects(p):
            conf, rule, sentence, source = _evidence(g, s, p, o)
            rows.append(RelationRow(str(s), name, str(o), _label(g, s), _label(g, o), _class(g, s),
                                    _class(g, o), conf, rule, sentence, source))
    order = {name: i for i, name in enumerate(RELATIONS)}
    return sorted(rows, key=lambda r: (order[r.relation], r.subject, r.object, r.subject_iri, r.object_iri))


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The entities (Person, Organization, Place, Event) and the eight relations between them.
    Nodes are keyed by IRI with ``label``, ``type`` and ``class``; edges are keyed by relation."""
    g = _union(graph) if isinstance(graph, Dataset) else graph
    rows = relation_rows(g)
    nodes = {s for s in set(g.subjects(RDF.type, None)) if isinstance(s, URIRef) and entity_type(g, s)}
    nodes |= {URIRef(r.subject_iri) for r in rows} | {URIRef(r.object_iri) for r in rows}
    G = nx.MultiDiGraph()
    for n in sorted(nodes, key=str):
        G.add_node(str(n), label=_label(g, n), type=entity_type(g, n) or "", **{"class": _class(g, n)})
    for r in rows:
        attrs = {"relation": r.relation, "rule": r.rule, "sentence": r.sentence, "source": r.source}
        if r.confidence is not None:
            attrs["confidence"] = r.confidence
        G.add_edge(r.subject_iri, r.object_iri, key=r.relation, **attrs)
    return G

"""Turn extracted documents into RDF: one named graph per article in a Dataset.

IRIs are derived from normalised names (entities), content hashes (documents, evidence,
statements) and never from run order, so the same inputs always give the same graph.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

from kg.pipeline.doc import Document
from kg.rdf.fast import Built, TripleIndex
from kg.rdf.namespace import ID, KG
from kg.rdf.triples import doc_triples, forget_rdflib_terms, post_since, resolved_entities, to_rdflib
from kg.resolve import resolve

__all__ = ["build_graphs", "to_dataset", "union_graph", "bind_prefixes", "doc_iri", "post_since"]


def bind_prefixes(g) -> None:
    g.bind("kg", KG._NS)
    g.bind("id", ID)
    g.bind("skos", SKOS)
    g.bind("org", ORG)
    g.bind("dcterms", DCTERMS)
    g.bind("prov", "http://www.w3.org/ns/prov#")


def doc_iri(doc: Document) -> URIRef:
    return ID[f"doc/{doc.sha1[:16]}"]


def build_graphs(docs: list[Document]) -> Built:
    """Every article's triples in its named graph, and the region graph computed over them
    (rdflib terms, in memory: for small graphs; ``kg build`` writes big ones part by part,
    :mod:`kg.rdf.build`, from the same :func:`kg.rdf.triples.doc_triples`)."""
    mapping, nodes = resolve(docs)
    built = Built()
    for doc in sorted(docs, key=lambda d: d.path):
        g = built.graph(doc_iri(doc))
        for t in doc_triples(doc, resolved_entities(doc, mapping, nodes)):
            g.add(to_rdflib(t))
    forget_rdflib_terms()
    from kg.rdf.regions import REGIONS_GRAPH, enrich_regions

    built.graphs[REGIONS_GRAPH] = enrich_regions(TripleIndex(built.union()))
    return built


def to_dataset(docs: list[Document]) -> Dataset:
    """The same as an rdflib Dataset (for small graphs and tests)."""
    ds = Dataset()
    bind_prefixes(ds)
    for name, triples in build_graphs(docs).graphs.items():
        g = ds.graph(name)
        for t in triples:
            g.add(t)
    return ds


def union_graph(ds: Dataset) -> Graph:
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g

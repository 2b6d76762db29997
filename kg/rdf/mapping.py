"""Turn extracted documents into RDF: one named graph per article in a Dataset.

IRIs are derived from normalised names (entities), content hashes (documents, evidence,
statements) and never from run order, so the same inputs always give the same graph.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS, XSD

from kg.pipeline.doc import Document
from kg.rdf.fast import Built, TripleIndex
from kg.rdf.namespace import ID, KG
from kg.resolve import Node, resolve, slug

__all__ = ["build_graphs", "to_dataset", "union_graph", "bind_prefixes", "doc_iri"]


def _h(*parts: str, n: int = 16) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def bind_prefixes(g) -> None:
    g.bind("kg", KG._NS)
    g.bind("id", ID)
    g.bind("skos", SKOS)
    g.bind("org", ORG)
    g.bind("dcterms", DCTERMS)
    g.bind("prov", "http://www.w3.org/ns/prov#")


def doc_iri(doc: Document) -> URIRef:
    return ID[f"doc/{doc.sha1[:16]}"]


def _class(node: Node) -> URIRef:
    if node.type == "Organization":
        try:
            return getattr(KG, node.subtype)
        except AttributeError:
            return KG.Organization
    return getattr(KG, node.type)


def build_graphs(docs: list[Document]) -> Built:
    """Every article's triples in its named graph, and the region graph computed over them."""
    mapping, nodes = resolve(docs)
    built = Built()
    for doc in sorted(docs, key=lambda d: d.path):
        _document(built.graph(doc_iri(doc)), doc, mapping, nodes)
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


def _document(g: Graph, doc: Document, mapping, nodes) -> None:
    d = doc_iri(doc)
    g.add((d, RDF.type, KG.Document))
    g.add((d, KG.path, Literal(doc.path)))
    g.add((d, KG.sha1, Literal(doc.sha1)))
    if doc.title:
        g.add((d, DCTERMS.title, Literal(doc.title, lang="zh")))
    if doc.date:
        g.add((d, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))

    def iri(key: str) -> URIRef:
        if key.startswith("Event:"):
            return ID[f"event/{doc.sha1[:12]}-{slug(key[6:])[:60]}"]
        return ID[mapping[(doc.path, key)]]

    for key, ent in doc.entities.items():
        node = nodes[mapping[(doc.path, key)]]
        e = ID[node.iri_path]
        g.add((e, RDF.type, _class(node)))
        g.add((e, RDFS.label, Literal(node.label, lang="zh")))
        for alias in sorted((node.aliases | node.originals) - {node.label}):
            g.add((e, SKOS.altLabel, Literal(alias, lang="zh")))
        g.add((e, KG.mentionedIn, d))
        if node.type == "Place" and node.code:
            g.add((e, KG.region, ID[f"region/{node.code}"]))

    def evidence(sent_index: int, rule: str, trigger: str, conf: float) -> URIRef:
        s = doc.sentences[sent_index]
        ev = ID[f"evidence/{doc.sha1[:12]}-{s.index}-{_h(rule, trigger, n=8)}"]
        g.add((ev, RDF.type, KG.Evidence))
        g.add((ev, KG.document, d))
        g.add((ev, KG.sentence, Literal(doc.text[s.start : s.end], lang="zh")))
        g.add((ev, KG.startChar, Literal(s.start)))
        g.add((ev, KG.endChar, Literal(s.end)))
        g.add((ev, KG.rule, Literal(rule)))
        g.add((ev, KG.trigger, Literal(trigger, lang="zh")))
        g.add((ev, KG.confidence, Literal(Decimal(str(round(conf, 2))))))
        return ev

    for key, ev in doc.events.items():
        e = iri(key)
        g.add((e, RDF.type, getattr(KG, ev.kind)))
        g.add((e, RDFS.label, Literal(ev.label, lang="zh")))
        if ev.original and ev.original != ev.label:
            g.add((e, SKOS.altLabel, Literal(ev.original, lang="zh")))
        g.add((e, KG.document, d))
        g.add((e, KG.evidence, evidence(ev.sentence, ev.rule, ev.label if ev.named else ev.kind, 0.9)))
        for other in ev.also:
            g.add((e, KG.evidence, evidence(other, ev.rule, ev.kind, 0.9)))
        for role, who in ev.roles:
            g.add((e, getattr(KG, role), iri(who)))
        first = next((who for role, who in ev.roles if role == "party"), None)
        if first:
            g.add((e, KG.firstParty, iri(first)))
        if ev.start_date:
            g.add((e, KG.startDate, Literal(ev.start_date, datatype=XSD.date)))
        if ev.end_date:
            g.add((e, KG.endDate, Literal(ev.end_date, datatype=XSD.date)))
        if ev.place:
            g.add((e, KG.destination, iri(ev.place)))
        for f in ev.fields:
            g.add((e, KG.field, Literal(f, lang="zh")))
        if ev.unveiled:
            g.add((e, KG.unveiled, iri(ev.unveiled)))
        if ev.agreement:
            a = ID[f"agreement/{doc.sha1[:12]}-{_h(key, ev.agreement, n=8)}"]
            g.add((a, RDF.type, KG.Agreement))
            g.add((a, RDFS.label, Literal(ev.agreement, lang="zh")))
            g.add((e, KG.agreement, a))

    for r in doc.relations:
        s, o, p = iri(r.subj), iri(r.obj), getattr(KG, r.pred)
        g.add((s, p, o))
        st = ID[f"statement/{_h(str(s), str(p), str(o))}"]
        g.add((st, RDF.type, KG.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, KG.confidence, Literal(Decimal(str(round(r.confidence, 2))))))
        g.add((st, KG.evidence, evidence(r.sentence, r.rule, r.trigger, r.confidence)))
        if r.event:
            g.add((st, KG.document, d))

    for key, ent in doc.entities.items():
        for title, org, acting, former, pos in ent.titles:
            s = doc.sentence_at(pos)
            if not org or s is None:
                continue
            post = ID[f"post/{_h(mapping[(doc.path, key)], mapping[(doc.path, org)], title)}"]
            g.add((post, RDF.type, KG.Post))
            g.add((post, KG.title, Literal(title.lstrip("原前"), lang="zh")))
            g.add((post, ORG.postIn, iri(org)))
            g.add((post, KG.acting, Literal(bool(acting))))
            g.add((post, KG.former, Literal(bool(former))))
            since = post_since(doc.norm[s.start : pos])
            if since:
                g.add((post, KG.since, since))
            g.add((iri(key), ORG.holds, post))
            g.add((post, KG.evidence, evidence(s.index, "post.title", title, 0.9)))


_SINCE = re.compile(r"(?:自|从|于)?(\d{4})年(?:(\d{1,2})月)?(?:起|以来)?(?:开始)?(?:担任|出任|任职|任)[^,。;]{0,20}$")


def post_since(before: str) -> Literal | None:
    """自2021年3月起担任… right before a title: when the post began (year, or year and month)."""
    m = _SINCE.search(before)
    if not m:
        return None
    if m.group(2):
        return Literal(f"{m.group(1)}-{int(m.group(2)):02d}", datatype=XSD.gYearMonth)
    return Literal(m.group(1), datatype=XSD.gYear)

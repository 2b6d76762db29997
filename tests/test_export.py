"""kg.export: every format, read back; the same bytes on every run."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.errors import ExportError
from kg.export import CSV_HEADER, EXPORT_FORMATS, UNION_GRAPH, export_graph, relation_rows, to_networkx
from kg.rdf.namespace import ID

# rdflib's own TriG and JSON-LD code calls its deprecated ConjunctiveGraph API
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

# Two sentences of an invented article; the visit is read from both, the location from none
# (a direct triple without a statement: its provenance columns stay empty).
SMALL = """
@prefix kg:   <https://w3id.org/cnkg/ont#> .
@prefix person: <https://w3id.org/cnkg/id/person/> .
@prefix organization: <https://w3id.org/cnkg/id/organization/> .
@prefix place: <https://w3id.org/cnkg/id/place/> .
@prefix doc: <https://w3id.org/cnkg/id/doc/> .
@prefix statement: <https://w3id.org/cnkg/id/statement/> .
@prefix evidence: <https://w3id.org/cnkg/id/evidence/> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org:  <http://www.w3.org/ns/org#> .

person:周晓岚 a kg:Person ; rdfs:label "周晓岚"@zh ;
    kg:visited organization:海岚科技有限公司 ;
    kg:holdsPostAt organization:海岚科技有限公司 .
organization:海岚科技有限公司 a kg:Company ; rdfs:label "海岚科技有限公司"@zh ;
    kg:locatedIn place:990200 .
place:990200 a kg:Place ; rdfs:label "岚溪市"@zh .
place:990300 a kg:Place ; rdfs:label "雾山县"@zh .

doc:t a kg:Document ; kg:path "news/lanxi.txt" .
statement:v a kg:Statement ; rdf:subject person:周晓岚 ; rdf:predicate kg:visited ;
    rdf:object organization:海岚科技有限公司 ; kg:confidence 0.85 ;
    kg:evidence evidence:t-1 , evidence:t-0 .
statement:p a kg:Statement ; rdf:subject person:周晓岚 ; rdf:predicate kg:holdsPostAt ;
    rdf:object organization:海岚科技有限公司 ; kg:confidence 0.9 ; kg:evidence evidence:t-0-post .
evidence:t-0 a kg:Evidence ; kg:document doc:t ; kg:startChar 0 ; kg:endChar 16 ;
    kg:rule "visit.go" ; kg:sentence "海岚科技有限公司董事长周晓岚到访。"@zh .
evidence:t-0-post a kg:Evidence ; kg:document doc:t ; kg:startChar 0 ; kg:endChar 16 ;
    kg:rule "post.title" ; kg:sentence "海岚科技有限公司董事长周晓岚到访。"@zh .
evidence:t-1 a kg:Evidence ; kg:document doc:t ; kg:startChar 16 ; kg:endChar 27 ;
    kg:rule "visit.again" ; kg:sentence "周晓岚再次来到海岚科技，"@zh .
"""

PERSON, FIRM = ID["person/周晓岚"], ID["organization/海岚科技有限公司"]
CITY, COUNTY = ID["place/990200"], ID["place/990300"]


@pytest.fixture
def graph() -> Graph:
    return Graph().parse(data=SMALL, format="turtle")


@pytest.fixture
def dataset(graph) -> Dataset:
    ds = Dataset()
    for t in graph:
        ds.graph(ID["doc/a" if t[0] == COUNTY else "doc/b"]).add(t)
    return ds


def test_formats():
    assert EXPORT_FORMATS == ("csv", "graphml", "jsonld", "nt", "trig", "ttl")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_format_is_deterministic_bytes(graph, fmt):
    out = export_graph(graph, fmt)
    assert isinstance(out, bytes) and out == export_graph(Graph().parse(data=SMALL, format="turtle"), fmt)


@pytest.mark.parametrize("fmt,parse_as", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_formats_read_back_isomorphic(graph, fmt, parse_as):
    assert isomorphic(Graph().parse(data=export_graph(graph, fmt), format=parse_as), graph)


def test_turtle_uses_the_kg_prefixes(graph):
    ttl = export_graph(graph, "ttl").decode()
    assert "@prefix kg: <https://w3id.org/cnkg/ont#> ." in ttl and "kg:Person" in ttl


def test_ntriples_are_sorted_lines(graph):
    lines = export_graph(graph, "nt").decode().splitlines()
    assert lines == sorted(lines) and len(lines) == len(graph)


def test_trig_keeps_the_named_graphs_of_a_dataset(dataset):
    back = Dataset()
    back.parse(data=export_graph(dataset, "trig"), format="trig")
    named = {g.identifier: len(g) for g in back.graphs() if len(g)}
    assert named == {ID["doc/a"]: 2, ID["doc/b"]: 42}


def test_trig_puts_a_plain_graph_in_one_named_graph(graph):
    back = Dataset()
    back.parse(data=export_graph(graph, "trig"), format="trig")
    assert {g.identifier for g in back.graphs() if len(g)} == {UNION_GRAPH}
    assert isomorphic(back.graph(UNION_GRAPH), graph)
    assert UNION_GRAPH == URIRef("https://w3id.org/cnkg/id/graph/all")


def test_other_formats_export_the_union_of_a_dataset(graph, dataset):
    assert export_graph(dataset, "nt") == export_graph(graph, "nt")
    assert export_graph(dataset, "csv") == export_graph(graph, "csv")


def test_csv_one_row_per_relation_with_its_earliest_evidence(graph):
    assert export_graph(graph, "csv").decode() == (
        ",".join(CSV_HEADER) + "\n"
        "周晓岚,visited,海岚科技有限公司,Person,Company,0.85,visit.go,海岚科技有限公司董事长周晓岚到访。,news/lanxi.txt\n"
        "周晓岚,holdsPostAt,海岚科技有限公司,Person,Company,0.9,post.title,海岚科技有限公司董事长周晓岚到访。,news/lanxi.txt\n"
        "海岚科技有限公司,locatedIn,岚溪市,Company,Place,,,,\n")
    assert CSV_HEADER == ("subject", "relation", "object", "subject_type", "object_type", "confidence",
                          "rule", "sentence", "source")


def test_relation_rows(graph):
    first = relation_rows(graph)[0]
    assert (first.subject_iri, first.relation, first.object_iri, first.confidence, first.rule) == (
        str(PERSON), "visited", str(FIRM), 0.85, "visit.go")


def test_graphml_reads_back_with_labels_types_and_relations(graph):
    G = nx.read_graphml(io.BytesIO(export_graph(graph, "graphml")))
    assert dict(G.nodes(data=True)) == {
        str(COUNTY): {"label": "雾山县", "type": "Place", "class": "Place"},
        str(CITY): {"label": "岚溪市", "type": "Place", "class": "Place"},
        str(FIRM): {"label": "海岚科技有限公司", "type": "Organization", "class": "Company"},
        str(PERSON): {"label": "周晓岚", "type": "Person", "class": "Person"},
    }
    assert sorted((u, v, d["relation"], d.get("confidence")) for u, v, d in G.edges(data=True)) == [
        (str(FIRM), str(CITY), "locatedIn", None),
        (str(PERSON), str(FIRM), "holdsPostAt", 0.9),
        (str(PERSON), str(FIRM), "visited", 0.85),
    ]
    assert isinstance(G, nx.MultiDiGraph)


def test_to_networkx_keys_edges_by_relation(graph):
    G = to_networkx(graph)
    assert sorted(G[str(PERSON)][str(FIRM)]) == ["holdsPostAt", "visited"]
    assert G[str(PERSON)][str(FIRM)]["visited"]["sentence"] == "海岚科技有限公司董事长周晓岚到访。"


def test_unknown_format(graph):
    with pytest.raises(ExportError) as e:
        export_graph(graph, "xlsx")
    assert str(e.value) == "unknown export format 'xlsx'; use one of csv, graphml, jsonld, nt, trig, ttl"


def test_oxigraph_store_exports_the_same(graph):
    ds = Dataset(store="Oxigraph", default_union=True)
    target = ds.graph(ID["doc/t"])
    for t in graph:
        target.add(t)
    for fmt in ("ttl", "nt", "csv", "graphml", "jsonld"):
        assert export_graph(ds, fmt) == export_graph(graph, fmt), fmt


# ---------------------------------------------------------------- a store fresh from its graph file


def _store_beside(tmp_path, graph):
    """graph.ttl (in Oxigraph's own order, not kg's sorted one) and a store loaded from it, as
    kg build writes them; the Turtle kg's sorted writer gives for the same triples."""
    import pyoxigraph as ox

    from kg.rdf.fast import to_ox
    from kg.store import write_store

    triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]
    ttl, trig = tmp_path / "graph.ttl", tmp_path / "graph.trig"
    ttl.write_bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE))
    trig.write_bytes(ox.serialize([ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(ID["doc/t"]))
                                   for t in triples], format=ox.RdfFormat.TRIG))
    write_store(trig, ttl)
    return ttl


def test_export_of_a_fresh_store_is_its_graph_file_byte_for_byte(tmp_path, graph):
    from kg.store import open_graph

    ttl = _store_beside(tmp_path, graph)
    sorted_writer = export_graph(graph, "ttl")
    assert ttl.read_bytes() != sorted_writer  # so the check below tells a copy from a re-sort
    assert export_graph(open_graph(ttl), "ttl") == ttl.read_bytes()


def test_export_after_the_graph_file_changed_is_written_from_the_graph(tmp_path, graph):
    from kg.store import open_graph

    ttl = _store_beside(tmp_path, graph)
    opened = open_graph(ttl)  # fresh when opened ...
    smaller = Graph().parse(data=SMALL, format="turtle")
    smaller.remove((COUNTY, None, None))
    ttl.write_bytes(export_graph(smaller, "ttl") + b"\n")  # ... changed before the export
    assert export_graph(opened, "ttl") == export_graph(graph, "ttl")  # the store's triples, sorted
    assert export_graph(open_graph(ttl), "ttl") == export_graph(smaller, "ttl")  # the file's, sorted
    assert export_graph(open_graph(tmp_path / "store"), "ttl") == export_graph(graph, "ttl")

"""kg.validate and ontology/shapes.ttl: a well-formed graph conforms; each kind of break is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SH

from kg.rdf.namespace import ID, KG
from kg.rdf.schema import ontology_dir
from kg.validate import shapes_graph, validate_graph

# An invented article: a person visits a company, the company signs with a city.
GOOD = """
@prefix kg:   <https://w3id.org/cnkg/ont#> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix person: <https://w3id.org/cnkg/id/person/> .
@prefix organization: <https://w3id.org/cnkg/id/organization/> .
@prefix place: <https://w3id.org/cnkg/id/place/> .
@prefix event: <https://w3id.org/cnkg/id/event/> .
@prefix doc: <https://w3id.org/cnkg/id/doc/> .
@prefix statement: <https://w3id.org/cnkg/id/statement/> .
@prefix evidence: <https://w3id.org/cnkg/id/evidence/> .

person:柯远舟 a kg:Person ; rdfs:label "柯远舟"@zh ;
    kg:visited organization:汀岸材料有限公司 ; kg:attended event:e1 .
organization:汀岸材料有限公司 a kg:Company ; rdfs:label "汀岸材料有限公司"@zh ;
    kg:signedWith place:990400 .
place:990400 a kg:Place ; rdfs:label "汀岸市"@zh .
event:e1 a kg:Signing ; rdfs:label "签约仪式"@zh ; kg:document doc:t ; kg:evidence evidence:t-1 .

doc:t a kg:Document ; kg:path "news/tingan.txt" .
statement:v a kg:Statement ; rdf:subject person:柯远舟 ; rdf:predicate kg:visited ;
    rdf:object organization:汀岸材料有限公司 ; kg:confidence 0.85 ; kg:evidence evidence:t-0 .
statement:s a kg:Statement ; rdf:subject organization:汀岸材料有限公司 ; rdf:predicate kg:signedWith ;
    rdf:object place:990400 ; kg:confidence 1 ; kg:evidence evidence:t-1 .
evidence:t-0 a kg:Evidence ; kg:document doc:t ; kg:startChar 0 ; kg:endChar 12 ;
    kg:rule "visit.go" ; kg:sentence "柯远舟到访汀岸材料有限公司。"@zh .
evidence:t-1 a kg:Evidence ; kg:document doc:t ; kg:startChar 12 ; kg:endChar 12 ;
    kg:rule "sign.pair" ; kg:sentence ""@zh .
"""

PERSON, FIRM = ID["person/柯远舟"], ID["organization/汀岸材料有限公司"]
CITY, EVENT = ID["place/990400"], ID["event/e1"]
VISIT, SIGN = ID["statement/v"], ID["statement/s"]
EV0, EV1 = ID["evidence/t-0"], ID["evidence/t-1"]


@pytest.fixture
def g() -> Graph:
    return Graph().parse(data=GOOD, format="turtle")


def test_a_well_formed_graph_conforms(g):
    assert validate_graph(g) == []


def test_statement_without_evidence(g):
    g.remove((VISIT, KG.evidence, None))
    assert validate_graph(g) == [
        "id:statement/v (柯远舟 visited 汀岸材料有限公司): kg:evidence: needs at least one kg:evidence"]


def test_statement_parts_and_confidence(g):
    g.add((SIGN, RDF.object, ID["place/990401"]))  # a second object
    g.set((VISIT, KG.confidence, Literal(1.5)))
    g.remove((SIGN, RDF.predicate, None))
    assert validate_graph(g) == [
        "id:statement/s (汀岸材料有限公司 ? 汀岸市): rdf:object: needs exactly one rdf:object",
        "id:statement/s (汀岸材料有限公司 ? 汀岸市): rdf:predicate: needs exactly one rdf:predicate",
        "id:statement/v (柯远舟 visited 汀岸材料有限公司): kg:confidence: "
        "needs exactly one kg:confidence between 0 and 1 (value: 1.5)",
    ]


def test_evidence_offsets_rule_and_document(g):
    g.set((EV0, KG.startChar, Literal(20)))
    g.remove((EV0, KG.rule, None))
    g.set((EV1, KG.endChar, Literal("12")))  # a string, not an integer
    g.remove((EV1, KG.document, None))
    assert validate_graph(g) == [
        "id:evidence/t-0: kg:rule: needs a kg:rule",
        "id:evidence/t-0: kg:startChar: kg:startChar must not be after kg:endChar (value: 20)",
        "id:evidence/t-1: kg:document: needs a kg:document that is a kg:Document",
        "id:evidence/t-1: kg:endChar: needs exactly one kg:endChar, an integer >= 0 (value: 12)",
        # a string end cannot be compared with an integer start
        "id:evidence/t-1: kg:startChar: kg:startChar must not be after kg:endChar (value: 12)",
    ]


def test_events_and_documents_carry_their_provenance(g):
    """The named queries join events to their document and evidence (not OPTIONAL): the graph
    must have them."""
    g.remove((EVENT, KG.document, None))
    g.remove((EVENT, KG.evidence, None))
    g.remove((ID["doc/t"], KG.path, None))
    assert validate_graph(g) == [
        "id:doc/t: kg:path: a document needs a kg:path",
        "签约仪式 (id:event/e1): kg:document: an event needs a kg:document that is a kg:Document",
        "签约仪式 (id:event/e1): kg:evidence: an event needs at least one kg:evidence",
    ]


def test_every_entity_type_needs_one_label_subclasses_included(g):
    g.remove((FIRM, RDFS.label, None))  # a kg:Company, reached through rdfs:subClassOf
    g.add((EVENT, RDFS.label, Literal("第二个名字", lang="zh")))  # a kg:Signing with two labels
    assert validate_graph(g) == [
        "id:organization/汀岸材料有限公司: rdfs:label: needs exactly one rdfs:label",
        "第二个名字 / 签约仪式 (id:event/e1): rdfs:label: needs exactly one rdfs:label",
    ]


def test_the_ends_of_relations(g):
    g.add((PERSON, KG.signedWith, FIRM))       # a person cannot sign
    g.add((PERSON, KG.holdsPostAt, CITY))      # a post is held in an organisation
    g.add((PERSON, KG.attended, FIRM))         # one attends an event
    g.add((PERSON, KG.ledDelegation, CITY))    # one leads a delegation trip, an event
    assert validate_graph(g) == [
        "柯远舟 (id:person/柯远舟): a party of kg:signedWith must be a kg:Organization or a kg:Place",
        "汀岸市 (id:place/990400): ^kg:ledDelegation: who kg:ledDelegation a trip and the trip's kg:leader "
        "must be the same people (value: id:person/柯远舟)",
        "汀岸市 (id:place/990400): a trip someone kg:ledDelegation, or with a kg:leader, must be a kg:DelegationTrip",
        "汀岸市 (id:place/990400): the object of kg:attended or kg:ledDelegation must be a kg:Event",
        "汀岸市 (id:place/990400): the object of kg:holdsPostAt must be a kg:Organization",
        "汀岸材料有限公司 (id:organization/汀岸材料有限公司): "
        "the object of kg:attended or kg:ledDelegation must be a kg:Event",
    ]


def test_a_led_trip_names_its_leaders(g):
    """delegations.rq reads a trip's leaders from the trip alone: whoever kg:ledDelegation a
    trip is its kg:leader, and the trip is a kg:DelegationTrip."""
    trip, other = ID["event/t1"], ID["person/林望川"]
    g.add((trip, RDF.type, KG.DelegationTrip))
    g.add((trip, RDFS.label, Literal("汀岸行", lang="zh")))
    g.add((trip, KG.document, ID["doc/t"]))
    g.add((trip, KG.evidence, EV0))
    g.add((PERSON, KG.ledDelegation, trip))
    g.add((trip, KG.leader, PERSON))
    assert validate_graph(g) == []
    g.add((trip, KG.leader, other))              # a leader who did not lead it
    g.add((PERSON, KG.ledDelegation, EVENT))     # a signing is not a trip
    assert validate_graph(g) == [
        "汀岸行 (id:event/t1): ^kg:ledDelegation: "
        "who kg:ledDelegation a trip and the trip's kg:leader must be the same people (value: id:person/林望川)",
        "签约仪式 (id:event/e1): ^kg:ledDelegation: who kg:ledDelegation a trip and the trip's kg:leader "
        "must be the same people (value: id:person/柯远舟)",
        "签约仪式 (id:event/e1): a trip someone kg:ledDelegation, or with a kg:leader, must be a kg:DelegationTrip",
    ]


def test_validation_does_not_change_the_graph(g):
    before = set(g)
    validate_graph(g)
    assert set(g) == before


def test_shapes_name_only_declared_kg_terms():
    shapes = shapes_graph()
    used = {str(t) for t in shapes.all_nodes() if str(t).startswith(str(KG._NS))}
    assert used and all(getattr(KG, t.split("#")[1]) for t in used)  # KG raises on a typo
    assert (ontology_dir() / "shapes.ttl").is_file()
    assert len(set(shapes.subjects(RDF.type, SH.NodeShape))) == 9


def test_the_views_fixture_is_in_the_builders_shape():
    """tests/fixtures/mini.ttl stands for a built graph in the view and query tests: it conforms."""
    fixture = Graph().parse(Path(__file__).parent / "fixtures" / "mini.ttl")
    assert validate_graph(fixture) == []

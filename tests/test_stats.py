"""kg.stats: counts, central actors, components and region flows of a small hand-made graph.

Every name here is invented for the test. The network (the eight relations, undirected):

    周若川 — 澄川市人民政府, 青禾科技有限公司, 蓝湾港务集团, 林晓岚, the trip
    林晓岚 — 青禾科技有限公司
    澄川市人民政府 — 青禾科技有限公司 (signed both ways), 蓝湾港务集团
    青禾科技有限公司 — 新渡口 (a place)
    何振宇 — 云岭软件协会                                  (a second component)
    three events with no relation                          (three more)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF, RDFS

from kg.errors import KGError
from kg.rdf.namespace import ID, KG
from kg.stats import Actor, RegionPair, format_stats, stats, stats_command

P1, P2, P3 = ID["person/周若川"], ID["person/林晓岚"], ID["person/何振宇"]
O1, O2 = ID["organization/澄川市人民政府"], ID["organization/青禾科技有限公司"]
O3, O4 = ID["organization/蓝湾港务集团"], ID["organization/云岭软件协会"]
PLACE = ID["place/新渡口"]
TRIP, SIGN1, SIGN2, MEET = ID["event/trip"], ID["event/sign-1"], ID["event/sign-2"], ID["event/meet"]
R1, R2, R3 = ID["region/990100"], ID["region/990201"], ID["region/990302"]

NODES = [(P1, KG.Person, "周若川"), (P2, KG.Person, "林晓岚"), (P3, KG.Person, "何振宇"),
         (O1, KG.GovernmentBody, "澄川市人民政府"), (O2, KG.Company, "青禾科技有限公司"),
         (O3, KG.Company, "蓝湾港务集团"), (O4, KG.Association, "云岭软件协会"), (PLACE, KG.Place, "新渡口"),
         (TRIP, KG.DelegationTrip, "澄川考察"), (SIGN1, KG.Signing, "澄川签约"), (SIGN2, KG.Signing, "蓝湾签约"),
         (MEET, KG.Meeting, "澄川会见"),
         (R1, KG.Region, "澄川市"), (R2, KG.Region, "云岭县"), (R3, KG.Region, "蓝湾区")]
RELATIONS = [(P1, "holdsPostAt", O1), (P1, "visited", O2), (P1, "visited", O3), (P1, "metWith", P2),
             (P2, "holdsPostAt", O2), (O1, "signedWith", O2), (O2, "signedWith", O1), (O1, "signedWith", O3),
             (P3, "holdsPostAt", O4), (P1, "ledDelegation", TRIP), (O2, "locatedIn", PLACE)]
FLOWS = [(TRIP, R1, R2), (SIGN1, R1, R2), (SIGN2, R3, R1), (MEET, R1, R2), (MEET, R1, R3)]


def build_graph() -> Graph:
    g = Graph()
    for node, cls, label in NODES:
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label, lang="zh")))
    for s, rel, o in RELATIONS:
        g.add((s, getattr(KG, rel), o))
    for event, origin, dest in FLOWS:
        g.add((event, KG.originRegion, origin))
        g.add((event, KG.destinationRegion, dest))
    return g


@pytest.fixture(scope="module")
def result():
    return stats(build_graph())


def test_counts(result):
    assert result.entities == {"Person": 3, "Organization": 4, "Place": 1, "Event": 4}
    assert result.relations == {"visited": 2, "ledDelegation": 1, "metWith": 1, "signedWith": 3,
                                "coUnveiled": 0, "attended": 0, "holdsPostAt": 3, "locatedIn": 1}


def test_actors_by_degree_with_why(result):
    assert result.by_degree == [
        Actor("周若川", "Person", 5, 0.136364, "visited 2, holds post at 1, led delegation 1"),
        Actor("青禾科技有限公司", "Organization", 4, 0.1, "located in 1, post held by 1, signed with 1"),
        Actor("澄川市人民政府", "Organization", 3, 0.018182, "signed with 2, post held by 1"),
        Actor("林晓岚", "Person", 2, 0.0, "holds post at 1, met with 1"),
        Actor("蓝湾港务集团", "Organization", 2, 0.0, "signed with 1, visited by 1"),
        Actor("云岭软件协会", "Organization", 1, 0.0, "post held by 1"),
        Actor("何振宇", "Person", 1, 0.0, "holds post at 1"),
    ]


def test_actors_by_betweenness(result):
    # 周若川 lies on 7.5 of the shortest paths between pairs, 青禾科技有限公司 on 5.5, the
    # government on 1; normalised by (12 - 1)(12 - 2) / 2 = 55 pairs.
    assert [(a.label, a.betweenness) for a in result.by_betweenness] == [
        ("周若川", round(7.5 / 55, 6)), ("青禾科技有限公司", round(5.5 / 55, 6)), ("澄川市人民政府", round(1 / 55, 6))]


def test_components(result):
    assert (result.components, result.largest_components) == (5, [7, 2, 1, 1, 1])


def test_region_pairs_and_matrix(result):
    assert result.region_pairs == [
        RegionPair("澄川市", "云岭县", 3, {"DelegationTrip": 1, "Meeting": 1, "Signing": 1}),
        RegionPair("澄川市", "蓝湾区", 1, {"Meeting": 1}),
        RegionPair("蓝湾区", "澄川市", 1, {"Signing": 1}),
    ]
    assert format_stats(result, "csv") == (
        "origin \\ destination,云岭县,澄川市,蓝湾区\n"
        "云岭县,0,0,0\n"
        "澄川市,3,0,1\n"
        "蓝湾区,0,1,0\n")


def test_table(result):
    assert format_stats(result, "table") == """\
Entities
  type          count
  ------------  -----
  Person        3
  Organization  4
  Place         1
  Event         4

Relations
  relation       count
  -------------  -----
  visited        2
  ledDelegation  1
  metWith        1
  signedWith     3
  coUnveiled     0
  attended       0
  holdsPostAt    3
  locatedIn      1

Most central actors by degree
  #  actor             type          degree  betweenness  why
  -  ----------------  ------------  ------  -----------  --------------------------------------------
  1  周若川            Person        5       0.1364       visited 2, holds post at 1, led delegation 1
  2  青禾科技有限公司  Organization  4       0.1000       located in 1, post held by 1, signed with 1
  3  澄川市人民政府    Organization  3       0.0182       signed with 2, post held by 1
  4  林晓岚            Person        2       0.0000       holds post at 1, met with 1
  5  蓝湾港务集团      Organization  2       0.0000       signed with 1, visited by 1
  6  云岭软件协会      Organization  1       0.0000       post held by 1
  7  何振宇            Person        1       0.0000       holds post at 1

Most central actors by betweenness
  #  actor             type          degree  betweenness  why
  -  ----------------  ------------  ------  -----------  --------------------------------------------
  1  周若川            Person        5       0.1364       visited 2, holds post at 1, led delegation 1
  2  青禾科技有限公司  Organization  4       0.1000       located in 1, post held by 1, signed with 1
  3  澄川市人民政府    Organization  3       0.0182       signed with 2, post held by 1

Connected components: 5 (largest: 7, 2, 1, 1, 1)

Region pairs by cooperation events (origin → destination)
  origin  destination  events  by type
  ------  -----------  ------  --------------------------------------
  澄川市  云岭县       3       DelegationTrip 1, Meeting 1, Signing 1
  澄川市  蓝湾区       1       Meeting 1
  蓝湾区  澄川市       1       Signing 1

Region matrix (rows: origin, columns: destination; . = none)
  origin \\ destination  云岭县  澄川市  蓝湾区
  --------------------  ------  ------  ------
  云岭县                .       .       .
  澄川市                3       .       1
  蓝湾区                .       1       .
"""


def test_regions_sharing_a_label_are_told_apart_by_code():
    g = Graph()
    twin_a, twin_b = ID["region/990401"], ID["region/990501"]
    for region in (twin_a, twin_b):
        g.add((region, RDFS.label, Literal("新桥区", lang="zh")))
    g.add((TRIP, RDF.type, KG.DelegationTrip))
    g.add((TRIP, KG.originRegion, twin_a))
    g.add((TRIP, KG.destinationRegion, twin_b))
    s = stats(g)
    assert s.regions == ["新桥区 (990401)", "新桥区 (990501)"]
    assert s.region_pairs == [RegionPair("新桥区 (990401)", "新桥区 (990501)", 1, {"DelegationTrip": 1})]


def test_a_triple_in_several_named_graphs_counts_once(result):
    """Oxigraph's union of named graphs repeats such a triple; the numbers must not change."""
    ds = Dataset(store="Oxigraph", default_union=True)
    for i, triple in enumerate(build_graph()):
        ds.graph(ID[f"graph/{i % 2}"]).add(triple)
        if i % 3 == 0:
            ds.graph(ID["graph/copy"]).add(triple)
    assert stats(ds) == result


def test_an_empty_graph_says_none():
    text = format_stats(stats(Graph()), "table")
    assert "Connected components: 0\n" in text
    assert text.endswith("Region matrix (rows: origin, columns: destination; . = none)\n  (none)\n")
    assert format_stats(stats(Graph()), "csv") == "origin \\ destination\n"


def test_unknown_format():
    with pytest.raises(KGError, match=r"^unknown stats format 'xml'; use one of table, csv$"):
        format_stats(stats(Graph()), "xml")


def test_command(tmp_path: Path):
    path = tmp_path / "graph.ttl"
    build_graph().serialize(path, format="turtle")
    runner = CliRunner()
    for store in ("oxigraph", "memory"):
        res = runner.invoke(stats_command, ["--graph", str(path), "--store", store, "--format", "csv"])
        assert (res.exit_code, res.output) == (0, format_stats(stats(build_graph()), "csv"))
    res = runner.invoke(stats_command, ["--graph", str(tmp_path / "none.ttl")])
    assert res.exit_code == 1
    assert res.output == (f"Error: {tmp_path / 'none.ttl'}: no such graph file; "
                          "run `kg build` first or pass --graph FILE\n")
    help_ = runner.invoke(stats_command, ["--help"]).output
    assert "Example" in help_ and "kg stats" in help_

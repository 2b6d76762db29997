"""Where an actor with no home region was active (kg:activeIn): the place of the event it takes
part in, kept apart from its home region (kg:inRegion), which is never guessed.

The article below was written for these tests (invented people and companies)."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import RDFS

from kg.api import build
from kg.rdf.namespace import KG

from conftest import ROOT

GOLD = ROOT.parent / "shared" / "eval" / "gold"

ARTICLE = """蜀山区党政代表团赴成都考察交流
11月3日至4日,合肥市蜀山区委书记王建国率党政代表团赴四川省成都市考察交流。在成都期间,王建国会见了蓝海集团董事长刘志远一行,双方就数字经济项目合作进行了深入交流。蜀山经济开发区与远景数科签署战略合作协议,与成都锦程智能装备有限公司签署框架协议。
"""


def _graph(tmp_path, text: str) -> Graph:
    src = tmp_path / "in"
    src.mkdir()
    (src / "shushan-chengdu.txt").write_text(text, encoding="utf-8")
    build([src], tmp_path / "out", html=False)
    g = Graph()
    g.parse(tmp_path / "out" / "graph.ttl")
    return g


def _node(g: Graph, label: str):
    nodes = [s for s, o in g.subject_objects(RDFS.label) if str(o) == label]
    assert len(nodes) == 1, (label, nodes)
    return nodes[0]


def _codes(g: Graph, node, prop) -> list[str]:
    return sorted(str(r).rsplit("/", 1)[1] for r in g.objects(node, prop))


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return _graph(tmp_path_factory.mktemp("active"), ARTICLE)


def test_a_signing_party_with_no_home_region_was_active_at_the_signing_place(graph):
    party = _node(graph, "远景数科")
    assert _codes(graph, party, KG.inRegion) == []  # nothing says where it is based
    assert _codes(graph, party, KG.activeIn) == ["510100"]  # the signing happened in 成都市


def test_a_body_whose_chairman_was_met_during_the_trip_was_active_there(graph):
    assert _codes(graph, _node(graph, "刘志远"), KG.activeIn) == ["510100"]
    group = _node(graph, "蓝海集团")
    assert _codes(graph, group, KG.inRegion) == []
    assert _codes(graph, group, KG.activeIn) == ["510100"]


def test_an_actor_with_a_home_region_gets_no_activity_region(graph):
    for label in ("成都锦程智能装备有限公司", "蜀山经济开发区", "王建国"):
        node = _node(graph, label)
        assert _codes(graph, node, KG.inRegion), label
        assert _codes(graph, node, KG.activeIn) == [], label


def test_the_visiting_side_gets_no_activity_region(graph):
    """Only the hosting side takes the event's place: visitors come from elsewhere."""
    assert graph.value(_node(graph, "王建国"), KG.activeIn) is None
    assert [s for s in graph.subjects(KG.activeIn, None) if (None, KG.leader, s) in graph] == []


def test_the_property_is_in_the_ontology():
    onto = Graph()
    onto.parse(ROOT / "ontology" / "kg.ttl")
    assert (KG.activeIn, RDFS.label, None) in onto


def test_every_organisation_of_the_corpus_article_has_a_region(tmp_path):
    """Issue 4 acceptance, read as: every organisation of the hand-made gold has a home region
    where the text gives one, else the region where the text places its part in an event."""
    import json

    gold = json.loads((GOLD / "xishan-zhuhai-2022.json").read_text(encoding="utf-8"))
    build([ROOT / "data"], tmp_path, html=False)
    g = Graph()
    g.parse(tmp_path / "graph.ttl")
    names = [e["name"] for e in gold["entities"] if e["type"] == "Organization"]
    assert len(names) >= 20
    home = {n: _codes(g, _node(g, n), KG.inRegion) for n in names}
    active = {n: _codes(g, _node(g, n), KG.activeIn) for n in names}
    assert [n for n in names if not home[n] and not active[n]] == []
    assert [n for n in names if home[n] and active[n]] == []  # one or the other, never both


def test_an_offshore_incubator_is_in_the_second_place_of_its_name():
    """甲乙离岸孵化器: 甲's incubator sited in 乙 (as 甲(乙)创新中心 is); a plain 甲乙 body is in neither."""
    from kg.pipeline.mentions.places import regions_in

    assert [r.code for r in regions_in("江宁苏州离岸孵化器")] == ["320500"]
    assert [r.code for r in regions_in("合肥杭州离岸创新中心")] == ["330100"]
    assert regions_in("湖州宣城产业合作园") == []


def test_a_body_named_after_another_body_is_in_that_body_s_region(tmp_path):
    g = _graph(tmp_path, "蜀山代表团赴无锡考察\n11月3日,合肥市蜀山区委书记王建国率党政代表团赴无锡考察。"
                         "代表团参观了位于无锡市的江南大学。江南大学食品学院院长李明介绍了科研成果。\n")
    assert _codes(g, _node(g, "江南大学"), KG.inRegion) == ["320200"]  # 位于无锡市
    assert _codes(g, _node(g, "江南大学食品学院"), KG.inRegion) == ["320200"]  # the university's school

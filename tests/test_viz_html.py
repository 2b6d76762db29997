"""The network page as text: what it embeds, what it escapes, what it never loads.

The graphs are tests/fixtures/mini.ttl (10 entities, 9 relations, all invented) and small ones
built here. The page's behaviour in a browser is in test_viz_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

import kg.viz.html as viz_html
import kg.viz.layout as layout
from kg.errors import ExportError
from kg.rdf.namespace import KG
from kg.viz import render_html
from kg.viz.model import MAX_EVIDENCE, network_data, node_size, pick_labels
from kg.viz.vocab import CLASS_KIND, CLASS_LABELS, IN_REGION, KINDS, RELATION_LABELS

FIXTURE = Path(__file__).parent / "fixtures" / "mini.ttl"
ONTOLOGY = Path(__file__).parents[1] / "ontology" / "kg.ttl"
ID = Namespace("https://w3id.org/cnkg/id/")
EX = Namespace("https://example.org/test#")


@pytest.fixture(scope="module")
def mini() -> Graph:
    return Graph().parse(FIXTURE)


def embedded(page: str) -> dict:
    blocks = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def node_named(data: dict, label: str) -> dict:
    (node,) = [n for n in data["nodes"] if n["label"] == label]
    return node


# ---------------------------------------------------------------- what is embedded

def test_mini_counts(mini):
    data = embedded(render_html(mini))
    assert len(data["nodes"]) == 10
    assert len(data["edges"]) == 9
    assert {k["id"]: k["count"] for k in data["kinds"]} == {"Person": 3, "Organization": 3, "Place": 2, "Event": 2}
    assert {r["id"]: r["count"] for r in data["relations"]} == {
        "visited": 1, "ledDelegation": 1, "metWith": 1, "signedWith": 1,
        "coUnveiled": 1, "attended": 1, "holdsPostAt": 1, "locatedIn": 2,
    }
    assert [r["id"] for r in data["relations"] if not r["directed"]] == ["metWith", "signedWith"]
    assert data["physics"] is True
    assert data["regions"] == []
    assert [n["id"] for n in data["nodes"]] == list(range(10))
    assert "10 个实体 entities · 9 条关系 relations" in render_html(mini)


def test_node_labels_size_and_tooltip(mini):
    data = embedded(render_html(mini))
    lin = node_named(data, "林若川")
    assert lin["kind"] == "Person"
    assert lin["names"] == ["林若川", "林市长"]
    assert lin["size"] == node_size(4) == 24.0  # holdsPostAt, ledDelegation, visited, metWith
    assert lin["tip"] == [[
        ["类型 type", "人物 Person"],
        ["名称 label", "林若川"],
        ["别名 also", "林市长"],
        ["IRI", "https://w3id.org/cnkg/id/person-lin-ruochuan"],
    ]]
    trip = node_named(data, "青岚市代表团赴云溪考察")
    assert trip["kind"] == "Event"
    assert trip["tip"][0][0] == ["类型 type", "率队出访 Delegation trip"]
    assert ["日期 date", "2023-04-12"] in trip["tip"][0]
    assert node_named(data, "青岚大学")["tip"][0][0] == ["类型 type", "高校 University"]


def test_edge_tooltip_carries_the_evidence(mini):
    data = embedded(render_html(mini))
    lin, su = node_named(data, "林若川")["id"], node_named(data, "苏映雪")["id"]
    (met,) = [e for e in data["edges"] if e["rel"] == "metWith"]
    assert {met["from"], met["to"]} == {lin, su}
    assert met["tip"] == [
        [["关系 relation", "会见 met with"], ["实体 between", "林若川 — 苏映雪"]],
        [
            ["证据 evidence", "云溪县委书记苏映雪会见了林若川一行。"],
            ["规则 rule", "meet.host"],
            ["触发 trigger", "会见"],
            ["文档 document", "data/dev/qinglan-yunxi-a.txt"],
            ["标题 title", "青岚市代表团赴云溪县考察交流"],
            ["日期 date", "2023-04-12"],
            ["位置 chars", "43–61"],
            ["置信度 confidence", "0.9"],
        ],
    ]
    # the signing was stated in both directions by two documents: one edge, two pieces of evidence
    (signed,) = [e for e in data["edges"] if e["rel"] == "signedWith"]
    assert [dict(sec).get("规则 rule") for sec in signed["tip"][1:]] == ["sign.pair", "sign.pair"]
    assert [dict(sec)["置信度 confidence"] for sec in signed["tip"][1:]] == ["0.9", "0.7"]  # most confident first


def test_symmetric_relation_stated_both_ways_is_one_edge(mini):
    graph = Graph() + mini
    graph.add((ID["person-su-yingxue"], KG.metWith, ID["person-lin-ruochuan"]))
    data = network_data(graph, title="t")
    assert len(data["edges"]) == 9
    assert [r["count"] for r in data["relations"] if r["id"] == "metWith"] == [1]


def test_directed_relation_stated_both_ways_is_two_edges(mini):
    graph = Graph() + mini
    graph.add((ID["org-qinglan-gov"], KG.holdsPostAt, ID["person-lin-ruochuan"]))
    assert len(network_data(graph, title="t")["edges"]) == 10


def test_evidence_beyond_the_limit_is_counted():
    graph = Graph()
    a, b = ID.a, ID.b
    for node in (a, b):
        graph.add((node, RDF.type, KG.Person))
    graph.add((a, KG.metWith, b))
    for i in range(MAX_EVIDENCE + 2):
        st, ev = ID[f"st{i}"], ID[f"ev{i}"]
        graph += [(st, RDF.type, KG.Statement), (st, RDF.subject, a), (st, RDF.predicate, KG.metWith),
                  (st, RDF.object, b), (st, KG.evidence, ev), (ev, KG.sentence, Literal(f"句子{i}"))]
    (edge,) = network_data(graph, title="t")["edges"]
    assert len(edge["tip"]) == 1 + MAX_EVIDENCE + 1
    assert edge["tip"][-1] == [["…", "另有 2 条证据 (2 more)"]]
    assert edge["tip"][1] == [["证据 evidence", "句子0"]]


def test_subclass_declared_in_the_graph_and_untyped_ends():
    graph = Graph()
    graph.add((EX.Ministry, RDFS.subClassOf, KG.GovernmentBody))
    graph.add((EX.SubMinistry, RDFS.subClassOf, EX.Ministry))
    graph.add((ID.m, RDF.type, EX.SubMinistry))
    graph.add((ID.p, RDF.type, KG.Person))
    graph.add((ID.p, KG.holdsPostAt, ID.m))
    graph.add((ID.p, KG.visited, ID.somewhere))  # no type: drawn, as "Other"
    graph.add((ID.p, KG.locatedIn, Literal("not an entity")))  # malformed: skipped
    data = network_data(graph, title="t")
    assert [(n["label"], n["kind"]) for n in data["nodes"]] == [("m", "Organization"), ("p", "Person"),
                                                                ("somewhere", "Other")]
    assert [k["id"] for k in data["kinds"]] == ["Person", "Organization", "Place", "Event", "Other"]
    assert len(data["edges"]) == 2


def test_statements_evidence_documents_are_not_nodes(mini):
    iris = {n["tip"][0][-1][1] for n in network_data(mini, title="t")["nodes"]}
    assert {iri.rsplit("/", 1)[1] for iri in iris} == {
        "person-lin-ruochuan", "person-su-yingxue", "person-han-qinghe", "org-qinglan-gov", "org-yunxi-tech",
        "org-qinglan-univ", "place-qinglan", "place-yunxi", "event-yunxi-trip", "event-fair",
    }


def test_pick_labels_prefers_chinese_then_no_language():
    graph = Graph()
    graph.add((ID.x, RDFS.label, Literal("Xland", lang="en")))
    graph.add((ID.x, RDFS.label, Literal("叉地")))
    assert pick_labels(graph, ID.x) == ("叉地", ["Xland"])
    graph.add((ID.x, RDFS.label, Literal("叉国", lang="zh-CN")))
    graph.add((ID.x, SKOS.altLabel, Literal("叉")))
    assert pick_labels(graph, ID.x) == ("叉国", ["Xland", "叉", "叉地"])
    assert pick_labels(graph, URIRef("https://w3id.org/cnkg/id/no-label")) == ("no-label", [])


def test_node_size_grows_with_degree():
    assert [node_size(d) for d in (0, 1, 4, 9, 64, 1000)] == [12.0, 18.0, 24.0, 30.0, 60.0, 60.0]


def test_regions_when_in_region_is_present(mini):
    graph = Graph() + mini
    graph.add((ID["org-yunxi-tech"], IN_REGION, ID["place-yunxi"]))
    graph.add((ID["org-qinglan-univ"], IN_REGION, ID["place-qinglan"]))
    data = network_data(graph, title="t")
    assert data["regions"] == [
        {"id": 0, "label": "云溪县", "color": "hsl(0, 62%, 52%)"},
        {"id": 1, "label": "青岚市", "color": "hsl(138, 62%, 52%)"},
    ]
    regions = {n["label"]: n["region"] for n in data["nodes"] if n["region"] >= 0}
    assert regions == {"云溪智造科技有限公司": 0, "云溪县": 0, "青岚大学": 1, "青岚市": 1}
    assert ["地区 region", "云溪县"] in node_named(data, "云溪智造科技有限公司")["tip"][0]


# ---------------------------------------------------------------- escaping

HOSTILE = "<script>alert(1)</script>"


def hostile_graph() -> Graph:
    graph = Graph()
    graph.add((ID.evil, RDF.type, KG.Person))
    graph.add((ID.evil, RDFS.label, Literal(HOSTILE, lang="zh")))
    graph.add((ID.evil, SKOS.altLabel, Literal("</script><!-- &amp; \u2028\u2029")))
    graph.add((ID.ok, RDF.type, KG.Place))
    graph.add((ID.ok, RDFS.label, Literal("安全地")))
    graph.add((ID.evil, KG.visited, ID.ok))
    return graph


def test_hostile_label_is_escaped_and_round_trips():
    page = render_html(hostile_graph(), title="<b>&</b>")
    assert HOSTILE not in page
    assert "alert(1)" in page  # as JSON text, escaped
    assert page.lower().count("</script") == 3  # the data block, vis-network, the page script
    assert page.replace(viz_html.vis_network_js(), "").count("<script") == 3  # core-js has a "<script>"
    assert "\u2028" not in page and "\u2029" not in page
    assert "<title>&lt;b&gt;&amp;&lt;/b&gt;</title>" in page
    assert "<h1>&lt;b&gt;&amp;&lt;/b&gt;</h1>" in page
    data = embedded(page)
    assert data["title"] == "<b>&</b>"
    assert node_named(data, HOSTILE)["names"] == [HOSTILE, "</script><!-- &amp; \u2028\u2029"]


def test_json_for_script():
    assert viz_html.json_for_script({"b": "</script>&", "a": "\u2028\u2029汉"}) == (
        '{"a":"\\u2028\\u2029汉","b":"\\u003c/script\\u003e\\u0026"}')


def test_a_script_that_would_end_its_element_is_refused():
    with pytest.raises(ExportError, match="contains '</script' or '<!--'"):
        viz_html._check_inline_script("x", "var s = '</SCRIPT>';")


# ---------------------------------------------------------------- nothing from the network

def test_no_remote_resource(mini):
    page = render_html(mini)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b|@import|@font-face|url\(\s*['\"]?(?:https?:)?//", page, re.I)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    assert csp.startswith("default-src 'none'; script-src 'sha256-")
    # the CSP allows exactly the two inline scripts and the one style block, by hash
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 2
    for text in scripts + [style]:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert scripts[0] == viz_html.vis_network_js()


def test_cjk_font_stack_and_no_web_font(mini):
    page = render_html(mini)
    assert '"Noto Sans CJK SC"' in page and '"Microsoft YaHei"' in page and '"PingFang SC"' in page
    assert "woff" not in page


def test_missing_vis_network_says_so(monkeypatch):
    monkeypatch.setattr(viz_html, "VIS_JS", "templates/lib/nowhere/vis-network.min.js")
    viz_html.vis_network_js.cache_clear()
    try:
        with pytest.raises(ExportError, match=r"vis-network is missing \(expected pyvis/templates/lib/nowhere/"):
            render_html(Graph())
    finally:
        viz_html.vis_network_js.cache_clear()


# ---------------------------------------------------------------- deterministic

def test_same_graph_same_bytes(mini):
    lines = mini.serialize(format="nt").splitlines()
    random.Random(3).shuffle(lines)
    shuffled = Graph().parse(data="\n".join(lines), format="nt")
    assert render_html(mini, title="m") == render_html(shuffled, title="m")
    assert render_html(mini) == render_html(Graph().parse(FIXTURE))
    assert not re.search(r"20\d\d-\d\d-\d\dT|Math\.random", render_html(mini).replace(viz_html.vis_network_js(), ""))


def test_empty_graph():
    data = embedded(render_html(Graph(), title="empty"))
    assert (data["nodes"], data["edges"], data["relations"]) == ([], [], [])


# ---------------------------------------------------------------- big graphs

def test_big_graph_gets_fixed_positions_from_spring_layout(mini, monkeypatch):
    monkeypatch.setattr(layout, "PHYSICS_MAX_NODES", 5)
    data = network_data(mini, title="t")
    assert data["physics"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 10
    assert network_data(mini, title="t") == data


def test_huge_graph_gets_spiral_positions(mini, monkeypatch):
    monkeypatch.setattr(layout, "PHYSICS_MAX_NODES", 5)
    monkeypatch.setattr(layout, "SPRING_MAX_NODES", 8)
    data = network_data(mini, title="t")
    assert data["physics"] is False
    xy = {n["label"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert len(set(xy.values())) == 10
    # components, largest first: 林若川 (most links) starts the spiral of the 8-node component, at its centre
    assert xy["林若川"] == (147, 147)  # radius 39.49·√8 + 35
    assert network_data(mini, title="t") == data


def test_spiral_positions_exact():
    import networkx as nx

    star = nx.Graph([(0, 1), (0, 2)])
    star.add_node(3)
    pos = layout.spiral_positions(star)
    assert pos[0] == (103, 103)  # hub at the centre of the first spiral, radius 39.49·√3 + 35
    assert pos[3] == (74, 281)  # the lone node (radius 39.49 + 35) does not fit beside it: next row
    assert len(set(pos)) == 4


# ---------------------------------------------------------------- vocabulary agrees with the ontology

def test_vocab_tables_match_the_ontology():
    onto = Graph().parse(ONTOLOGY)
    kind_of = {}
    for cls in onto.subjects(RDF.type, OWL.Class):
        for kind in KINDS:
            if (cls, RDFS.subClassOf * "*", KG[kind]) in onto:  # noqa: pointless-statement
                kind_of.setdefault(cls, kind)
    assert kind_of == CLASS_KIND

    def labels(term):
        by_lang = {lit.language: str(lit) for lit in onto.objects(term, RDFS.label)}
        return by_lang.get("zh", ""), by_lang["en"]

    assert {cls: labels(cls) for cls in CLASS_KIND} == CLASS_LABELS
    assert {name: labels(KG[name]) for name in RELATION_LABELS} == RELATION_LABELS


def test_big_graph_without_scipy_says_so(mini, monkeypatch):
    find_spec = layout.importlib.util.find_spec
    monkeypatch.setattr(layout.importlib.util, "find_spec", lambda name: None if name == "scipy" else find_spec(name))
    monkeypatch.setattr(layout, "PHYSICS_MAX_NODES", 5)
    with pytest.raises(ExportError, match=r"^drawing more than 5 nodes needs numpy and scipy for the layout "
                                          r"\(scipy missing\): pip install numpy scipy$"):
        render_html(mini)

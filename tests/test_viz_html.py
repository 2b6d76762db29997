"""The network page as text: what it embeds, what it escapes, what it never loads.

The graphs are tests/fixtures/mini.ttl (10 entities, 9 relations, all invented),
tests/fixtures/flows.ttl (invented regions, actors and cooperation events: roles, dates, flows; its
header lists what is in it) and small ones built here. The page's behaviour in a browser is in
test_viz_browser.py, the static picture in test_viz_static.py.
"""

from __future__ import annotations

import base64
import datetime
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
from kg.viz.model import MAX_EVIDENCE, event_days, network_data, node_size, pick_labels, role_triples
from kg.viz.regions import flows, home_regions, rollup
from kg.viz.vocab import CLASS_KIND, CLASS_LABELS, KINDS, RELATION_LABELS, ROLE_LABELS, ROLES

FIXTURE = Path(__file__).parent / "fixtures" / "mini.ttl"
FLOWS = Path(__file__).parent / "fixtures" / "flows.ttl"
ONTOLOGY = Path(__file__).parents[1] / "ontology" / "kg.ttl"
ID = Namespace("https://w3id.org/cnkg/id/")
EX = Namespace("https://example.org/test#")


@pytest.fixture(scope="module")
def mini() -> Graph:
    return Graph().parse(FIXTURE)


@pytest.fixture(scope="module")
def flows_graph() -> Graph:
    return Graph().parse(FLOWS)


def embedded(page: str) -> dict:
    blocks = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def node_named(data: dict, label: str) -> dict:
    (node,) = [n for n in data["nodes"] if n["label"] == label]
    return node


def day(iso: str) -> int:
    return (datetime.date.fromisoformat(iso) - datetime.date(1970, 1, 1)).days


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
    assert data["regions"] == [[], []] and data["flows"] == [[], []]
    assert data["roles"] == []
    assert data["timeline"] == {"min": day("2023-04-12"), "max": day("2023-04-13"), "dated": 2, "undated": 0}
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


def test_home_region_of_an_actor_is_shown_in_its_tooltip_with_its_city_and_province(flows_graph):
    data = network_data(flows_graph, title="t")
    assert ["地区 region", "澜州东区 · 澜州市 · 青岚省"] in node_named(data, "澜州东区科创公司")["tip"][0]
    assert ["地区 region", "北泽南区 · 北泽市"] in node_named(data, "北泽南区投资促进局")["tip"][0]  # a municipality
    assert ["地区 region", "澜州市 · 青岚省"] in node_named(data, "澜州")["tip"][0]  # a place: kg:region
    assert not any(row[0] == "地区 region" for row in node_named(data, "史明澈")["tip"][0])


# ---------------------------------------------------------------- roles of event participants

def test_role_edges_join_events_to_their_participants(flows_graph):
    data = network_data(flows_graph, title="t")
    roles = [e for e in data["edges"] if e.get("role")]
    assert {r["id"]: r["count"] for r in data["roles"]} == {"host": 1, "guest": 1, "party": 6, "unveiler": 1,
                                                             "unveiled": 1}
    assert len(roles) == 10 and len(data["edges"]) == 9 + 10
    assert [e["id"] for e in data["edges"]] == list(range(19))  # relations first, then roles
    meeting = node_named(data, "程远舟会见柯望川")["id"]
    host = [e for e in roles if e["from"] == meeting and e["rel"] == "host"]
    assert [data["nodes"][e["to"]]["label"] for e in host] == ["程远舟"]
    assert host[0]["tip"] == [[["角色 role", "东道主 host"], ["事件 event", "程远舟会见柯望川"],
                               ["参与者 participant", "程远舟"]]]
    # no event is left alone but the conference whose only attendee is joined by kg:attended already
    ends = {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]}
    assert [n["label"] for n in data["nodes"] if n["kind"] == "Event" and n["id"] not in ends] == []
    assert "17 个实体 entities · 9 条关系 relations · 10 条角色 roles" in render_html(flows_graph)


def test_a_role_beside_a_relation_between_the_same_nodes_is_not_drawn_twice(flows_graph):
    triples = role_triples(flows_graph)  # without the relations: every role, kg:firstParty left out
    assert sorted({name for _, name, _ in triples}) == ["attendee", "guest", "host", "leader", "party", "unveiled",
                                                        "unveiler"]
    assert len(triples) == 12
    from kg.viz.model import relation_triples

    kept = role_triples(flows_graph, relation_triples(flows_graph))
    assert len(kept) == 10 and not {"leader", "attendee"} & {name for _, name, _ in kept}


def test_role_edge_to_an_untyped_participant_makes_it_a_node():
    graph = Graph()
    graph.add((ID.e, RDF.type, KG.Meeting))
    graph.add((ID.e, KG.host, ID.someone))
    graph.add((ID.e, KG.guest, Literal("not an entity")))
    data = network_data(graph, title="t")
    assert [(n["label"], n["kind"]) for n in data["nodes"]] == [("e", "Event"), ("someone", "Other")]
    assert [(e["rel"], e["role"]) for e in data["edges"]] == [("host", True)]


# ---------------------------------------------------------------- timeline

def test_event_days_from_start_and_end_dates():
    from rdflib.namespace import XSD

    graph = Graph()
    graph.add((ID.a, KG.startDate, Literal("2023-05-18", datatype=XSD.date)))
    graph.add((ID.a, KG.endDate, Literal("2023-05-21", datatype=XSD.date)))
    graph.add((ID.b, KG.startDate, Literal("2023-02")))  # a month: its first to its last day
    graph.add((ID.b, KG.endDate, Literal("2023-02")))
    graph.add((ID.c, KG.startDate, Literal("2024")))
    graph.add((ID.d, KG.startDate, Literal("sometime")))
    graph.add((ID.e, KG.endDate, Literal("2023-01-01")))  # no start: undated
    assert event_days(graph, ID.a) == (day("2023-05-18"), day("2023-05-21"))
    assert event_days(graph, ID.b) == (day("2023-02-01"), day("2023-02-28"))
    assert event_days(graph, ID.c) == (day("2024-01-01"), day("2024-01-01"))
    assert event_days(graph, ID.d) is None and event_days(graph, ID.e) is None


def test_timeline_data(flows_graph):
    data = network_data(flows_graph, title="t")
    assert data["timeline"] == {"min": day("2022-12-01"), "max": day("2023-11-30"), "dated": 6, "undated": 1}
    assert node_named(data, "檀州市代表团赴澜州考察")["days"] == [day("2023-05-18"), day("2023-05-21")]
    assert ["日期 date", "2023-05-18 – 2023-05-21"] in node_named(data, "檀州市代表团赴澜州考察")["tip"][0]
    assert "days" not in node_named(data, "东湾贸易发展局澜州联络处揭牌")
    assert all("days" not in n for n in data["nodes"] if n["kind"] != "Event")
    no_dates = Graph()
    no_dates.add((ID.e, RDF.type, KG.Meeting))
    assert network_data(no_dates, title="t")["timeline"] is None


# ---------------------------------------------------------------- regions

REGION = Namespace("https://w3id.org/cnkg/id/region-")


def test_rollup_to_province_and_city(flows_graph):
    def up(code, level):
        return pick_labels(flows_graph, rollup(flows_graph, REGION[code], level))[0]

    assert [up("910102", lv) for lv in ("province", "city")] == ["青岚省", "澜州市"]  # district
    assert [up("910200", lv) for lv in ("province", "city")] == ["青岚省", "石桥市"]  # city
    assert [up("910000", lv) for lv in ("province", "city")] == ["青岚省", "青岚省"]  # macro parent skipped
    assert [up("930105", lv) for lv in ("province", "city")] == ["北泽市", "北泽市"]  # district of a municipality
    assert [up("M91", lv) for lv in ("province", "city")] == ["海岚经济区", "海岚经济区"]
    with pytest.raises(ValueError, match="unknown region level 'county'"):
        rollup(flows_graph, REGION["910000"], "county")


def test_rollup_survives_a_cycle():
    graph = Graph()
    graph.add((ID.r1, KG.partOf, ID.r2))
    graph.add((ID.r2, KG.partOf, ID.r1))
    assert rollup(graph, ID.r1, "province") == ID.r2


def test_home_regions(flows_graph):
    home = home_regions(flows_graph)
    assert home[ID["org-ld-tech"]] == REGION["910102"]
    assert home[ID["place-lanzhou"]] == REGION["910100"]
    assert ID["person-shi"] not in home and ID["event-e1"] not in home


def test_flows_at_both_levels(flows_graph):
    def named(level):
        return {(pick_labels(flows_graph, f.origin)[0], pick_labels(flows_graph, f.destination)[0]):
                sorted(str(e).rsplit("-", 1)[1] for e in f.events) for f in flows(flows_graph, level)}

    assert named("province") == {
        ("青岚省", "云岭省"): ["e1"], ("云岭省", "青岚省"): ["e2", "e3"], ("青岚省", "北泽市"): ["e4"],
        ("青岚省", "东湾特别行政区"): ["e5"], ("青岚省", "青岚省"): ["e6"],
    }
    assert named("city") == {
        ("澜州市", "檀州市"): ["e1"], ("檀州市", "澜州市"): ["e2", "e3"], ("石桥市", "北泽市"): ["e4"],
        ("澜州市", "东湾特别行政区"): ["e5"], ("澜州市", "石桥市"): ["e6"],
    }
    assert [f.weight for f in flows(flows_graph, "province")] == [1, 1, 1, 1, 2]  # sorted by origin, destination IRI


def test_region_data_in_the_page(flows_graph):
    data = embedded(render_html(flows_graph))
    assert [lv["id"] for lv in data["levels"]] == ["province", "city"]
    province, city = data["regions"]
    assert [(r["label"], r["actors"]) for r in province] == [
        ("东湾特别行政区", 1), ("云岭省", 2), ("北泽市", 1), ("青岚省", 5)]
    assert [(r["label"], r["actors"]) for r in city] == [
        ("东湾特别行政区", 1), ("北泽市", 1), ("檀州市", 2), ("澜州市", 4), ("石桥市", 1)]
    assert province[3] == {"id": 3, "label": "青岚省", "color": "hsl(53, 62%, 52%)", "actors": 5,
                           "iri": "https://w3id.org/cnkg/id/region-910000"}
    ids = {n["label"]: n["id"] for n in data["nodes"]}
    assert data["flows"][0] == [
        {"from": 1, "to": 3, "events": [ids["程远舟会见柯望川"], ids["檀州市代表团赴澜州考察"]]},
        {"from": 3, "to": 0, "events": [ids["东湾贸易发展局澜州联络处揭牌"]]},
        {"from": 3, "to": 1, "events": [ids["澜州东区科创公司与檀州市政府签约"]]},
        {"from": 3, "to": 2, "events": [ids["石桥港务集团与北泽南区投资促进局签约"]]},
        {"from": 3, "to": 3, "events": [ids["澜州市政府与石桥港务集团签约"]]},
    ]
    assert [(f["from"], f["to"], len(f["events"])) for f in data["flows"][1]] == [
        (2, 3, 2), (3, 0, 1), (3, 2, 1), (3, 4, 1), (4, 1, 1)]
    assert node_named(data, "程远舟")["home"] == [3, 3]
    assert node_named(data, "石桥港务集团")["home"] == [3, 4]
    assert node_named(data, "史明澈")["home"] == [-1, -1]
    trip = node_named(data, "石桥港务集团与北泽南区投资促进局签约")
    assert trip["sides"] == [[2, 3], [1, 4]] and trip["etype"] == "签约 Signing"
    assert node_named(data, "海岚合作论坛")["sides"] == [[], []]


def test_hostile_region_label_stays_data(flows_graph):
    graph = Graph() + flows_graph
    graph.remove((REGION["940000"], RDFS.label, None))
    graph.add((REGION["940000"], RDFS.label, Literal(HOSTILE, lang="zh")))
    page = render_html(graph)
    assert HOSTILE not in page
    assert [r["label"] for r in embedded(page)["regions"][0]][0] == HOSTILE


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


def test_same_graph_with_regions_same_bytes(flows_graph):
    lines = flows_graph.serialize(format="nt").splitlines()
    random.Random(5).shuffle(lines)
    shuffled = Graph().parse(data="\n".join(lines), format="nt")
    assert render_html(flows_graph, title="f") == render_html(shuffled, title="f")


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
    # roles: the English labels agree; so do the Chinese ones where the ontology has one
    assert set(ROLE_LABELS) == set(ROLES)
    for name, (zh, en) in ROLE_LABELS.items():
        assert labels(KG[name])[1] == en
        assert labels(KG[name])[0] in ("", zh)
        assert (KG[name], RDFS.subPropertyOf, KG.participant) in onto or name == "unveiled"


def test_big_graph_without_scipy_says_so(mini, monkeypatch):
    find_spec = layout.importlib.util.find_spec
    monkeypatch.setattr(layout.importlib.util, "find_spec", lambda name: None if name == "scipy" else find_spec(name))
    monkeypatch.setattr(layout, "PHYSICS_MAX_NODES", 5)
    with pytest.raises(ExportError, match=r"^drawing more than 5 nodes needs numpy and scipy for the layout "
                                          r"\(scipy missing\): pip install numpy scipy$"):
        render_html(mini)

"""The region queries (region-flows, between, timeline, fields) on the graph built from data/:
what the corpus article yields, the same rows on Oxigraph and on rdflib's memory store."""

from __future__ import annotations

import pytest

from rdflib.namespace import RDFS

from kg.api import build
from kg.rdf.namespace import KG
from kg.errors import QueryError
from kg.query import list_queries, run_query
from kg.store import open_graph

from conftest import ROOT

ARTICLE = str(ROOT / "data" / "xishan-zhuhai-2022.txt")  # the path the graph records
REGION_QUERIES = ["region-flows", "timeline", "fields"]
BETWEEN = [{"a": "长三角", "b": "粤港澳大湾区"}, {"a": "粤港澳大湾区", "b": "长三角"}, {"a": "锡山区", "b": "澳门"},
           {"a": "江苏省", "b": "澳门特别行政区"}, {"a": "锡山区", "b": "锡山区"}]

SIGNINGS = {  # (label, agreement, sideA, sideB) of the article's six signings
    ("锡山经济技术开发区与万物云城签约", "“城市管家”战略合作协议", "锡山区", "珠海市"),
    ("锡山经济技术开发区新材料产业园与珦盛新材料(珠海横琴)股份有限公司签约", "框架协议", "锡山区", "横琴粤澳深度合作区"),
    ("无锡锡东新城商务区与珠海澳大科技研究院签约", "战略合作协议", "无锡市", "珠海市"),
    ("锡山经济技术开发区与香港软件行业协会签约", "战略合作协议", "锡山区", "香港特别行政区"),
    ("锡山经济技术开发区与澳门国际大健康智库签约", "战略合作协议", "锡山区", "澳门特别行政区"),
    ("锡山区人民政府与香港产学研合作促进会签约", "战略合作协议", "锡山区", "香港特别行政区"),
}


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    build([ROOT / "data"], out, html=False)
    return {store: open_graph(out / "graph.ttl", store=store) for store in ("oxigraph", "memory")}


def rows(graph, name, params=None) -> list[dict]:
    res = run_query(graph, name, params)
    return [{v: (None if t is None else t.toPython() if v in ("events", "signings") else str(t))
             for v, t in zip(res.vars, row)} for row in res.rows]


def test_the_queries_are_in_the_library():
    described = dict(list_queries())
    for name in REGION_QUERIES + ["between"]:
        assert described[name], name


def test_between_the_delta_and_the_bay_area_lists_the_six_signings(graphs):
    found = rows(graphs["oxigraph"], "between", {"a": "长三角", "b": "粤港澳大湾区"})
    signings = [r for r in found if r["type"] == "Signing"]
    assert {(r["label"], r["agreement"], r["sideA"], r["sideB"]) for r in signings} == SIGNINGS
    assert len(signings) == 6
    for r in signings:  # the evidence chosen is the sentence naming the agreement
        assert r["agreement"] in r["sentence"] and r["source"] == ARTICLE
    keys = [(r["type"], r["label"], r["sideA"], r["sideB"]) for r in found]
    assert len(keys) == len(set(keys))  # each event once per pair of sides
    assert {r["type"] for r in found} == {"Signing", "DelegationTrip", "Meeting", "Unveiling"}


def test_between_is_symmetric_in_its_two_regions(graphs):
    ab = rows(graphs["oxigraph"], "between", {"a": "长三角", "b": "粤港澳大湾区"})
    ba = rows(graphs["oxigraph"], "between", {"a": "粤港澳大湾区", "b": "长三角"})
    swap = sorted((r["type"], r["label"], r["sideB"], r["sideA"]) for r in ab)
    assert sorted((r["type"], r["label"], r["sideA"], r["sideB"]) for r in ba) == swap


def test_between_a_county_and_a_short_name(graphs):
    found = rows(graphs["oxigraph"], "between", {"a": "锡山区", "b": "澳门"})
    assert [(r["type"], r["label"], r["agreement"], r["sideA"], r["sideB"]) for r in found] == [
        ("Signing", "锡山经济技术开发区与澳门国际大健康智库签约", "战略合作协议", "锡山区", "澳门特别行政区"),
        ("Unveiling", "无锡锡山(澳门)海创中心揭牌", None, "锡山区", "澳门特别行政区"),
    ]
    wider = rows(graphs["oxigraph"], "between", {"a": "长三角", "b": "粤港澳大湾区"})
    assert all(r in wider for r in found)


def test_between_an_unknown_region_finds_nothing(graphs):
    assert rows(graphs["oxigraph"], "between", {"a": "长三角", "b": "无此地区"}) == []
    with pytest.raises(QueryError, match=r"^between: needs --param b=…"):
        run_query(graphs["oxigraph"], "between", {"a": "长三角"})


def test_region_flows(graphs):
    assert [(r["origin"], r["destination"], r["type"], r["events"])
            for r in rows(graphs["oxigraph"], "region-flows")] == [
        ("锡山区", "珠海市", "Meeting", 2),  # the trip's leader is the visiting side of its meetings
        ("锡山区", "香港特别行政区", "Signing", 2),
        ("无锡市", "珠海市", "Signing", 1),
        ("澳门特别行政区", "澳门特别行政区", "Unveiling", 1),  # 某地(澳门)中心 is in 澳门
        ("锡山区", "横琴粤澳深度合作区", "DelegationTrip", 1),  # 珠海市 and 横琴 inside it count once
        ("锡山区", "横琴粤澳深度合作区", "Signing", 1),
        ("锡山区", "澳门特别行政区", "Signing", 1),
        ("锡山区", "澳门特别行政区", "Unveiling", 1),
        ("锡山区", "珠海市", "Signing", 1),
    ]


def test_timeline_puts_dated_events_first(graphs):
    found = rows(graphs["oxigraph"], "timeline")
    assert [(r["startDate"], r["endDate"], r["type"]) for r in found[:2]] == [
        ("2022-11-08", "2022-11-09", "Conference"), ("2022-11-08", "2022-11-09", "DelegationTrip")]
    assert all(r["startDate"] is None for r in found[2:])
    assert len(found) == 12 and {r["document"] for r in found} == {ARTICLE}


def test_fields(graphs):
    assert [(r["field"], r["signings"], r["partyA"], r["partyB"], r["agreement"])
            for r in rows(graphs["oxigraph"], "fields")] == [
        ("先进材料", 1, "无锡锡东新城商务区", "珠海澳大科技研究院", "战略合作协议"),
        ("医疗服务", 1, "锡山经济技术开发区", "澳门国际大健康智库", "战略合作协议"),
        ("医药产业", 1, "锡山经济技术开发区", "澳门国际大健康智库", "战略合作协议"),
        ("微电子", 1, "无锡锡东新城商务区", "珠海澳大科技研究院", "战略合作协议"),
        ("智慧城市", 1, "无锡锡东新城商务区", "珠海澳大科技研究院", "战略合作协议"),
    ]


@pytest.mark.parametrize("name, params", [(q, None) for q in REGION_QUERIES] + [("between", p) for p in BETWEEN])
def test_both_stores_give_the_same_rows(graphs, name, params):
    ox = run_query(graphs["oxigraph"], name, params)
    mem = run_query(graphs["memory"], name, params)
    assert ox.vars == mem.vars
    assert ox.rows == mem.rows
    assert ox.rows or name == "between"


def test_corpus_regions_acceptance(graphs):
    """Issue acceptance: the development zone → 锡山区 (320205) → 无锡市 → 江苏省, in 长三角;
    the Hong Kong association → 香港, in 粤港澳大湾区."""
    from kg.gazetteer import gazetteer

    g = graphs["memory"]
    q = """SELECT ?code WHERE { ?o rdfs:label ?l ; kg:inRegion/kg:adminCode ?code . FILTER(STR(?l) = "%s") }"""
    zone = [str(r[0]) for r in g.query(q % "锡山经济技术开发区", initNs={"kg": KG._NS, "rdfs": RDFS})]
    assert zone == ["320205"]
    assert [r.name for r in gazetteer().chain("320205")] == ["锡山区", "无锡市", "江苏省"]
    assert "长江三角洲地区" in [m.name for m in gazetteer().macro_of("320205")]
    hk = [str(r[0]) for r in g.query(q % "香港软件行业协会", initNs={"kg": KG._NS, "rdfs": RDFS})]
    assert hk == ["810000"] and "粤港澳大湾区" in [m.name for m in gazetteer().macro_of("810000")]

"""kg.query: the named-query library, safe parameters, refused updates, readable output.

The graph is built by hand: one invented article, every fact with its sentence and offsets."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS
import rdflib.namespace as rns

from kg.api import build
from kg.errors import QueryError
from kg.query import (display_width, example_params, format_result, list_queries, load_query, query_params,
                      run_query, sparql_string)
from kg.rdf.namespace import ID, KG
from kg.store import open_graph

PATH = "news/chengchuan.txt"
ODD = '蓝桥"创新}中心'  # a label with a quote and a brace
SENTENCES = [
    "李明远率队赴澄川市考察。",
    "代表团参观了星河材料有限公司，该公司位于澄川市。",
    "李明远会见了赵雪晴。",
    "星河材料有限公司与澄川市人民政府签订战略合作协议。",
    f"云岭软件协会与{ODD}签约。",
    f"云岭软件协会会长孙启航与李明远共同为{ODD}揭牌，赵雪晴出席。",
    "星河材料有限公司与澄川市人民政府的签约标志着合作启动。",
]
TEXT = "".join(SENTENCES)

LI, ZHAO, SUN = ID["person/李明远"], ID["person/赵雪晴"], ID["person/孙启航"]
CITY, GOV = ID["place/990100"], ID["organization/澄川市人民政府"]
FIRM, ASSOC, LAB = ID["organization/星河材料有限公司"], ID["organization/云岭软件协会"], ID["organization/蓝桥创新中心"]
TRIP, SIGN1, SIGN2 = ID["event/t-trip"], ID["event/t-sign-3"], ID["event/t-sign-4"]
UNVEIL, DOC = ID["event/t-unveil"], ID["doc/t"]


def _evidence(g: Graph, n: int, rule: str) -> object:
    ev = ID[f"evidence/t-{n}-{rule}"]
    start = TEXT.index(SENTENCES[n])
    g.add((ev, RDF.type, KG.Evidence))
    g.add((ev, KG.document, DOC))
    g.add((ev, KG.sentence, Literal(SENTENCES[n], lang="zh")))
    g.add((ev, KG.startChar, Literal(start)))
    g.add((ev, KG.endChar, Literal(start + len(SENTENCES[n]))))
    g.add((ev, KG.rule, Literal(rule)))
    return ev


def _fact(g: Graph, s, rel: str, o, n: int, rule: str, conf: str) -> None:
    p = getattr(KG, rel)
    g.add((s, p, o))
    st = ID[f"statement/{s.split('/')[-1]}-{rel}-{o.split('/')[-1]}"]
    g.add((st, RDF.type, KG.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    g.add((st, KG.confidence, Literal(Decimal(conf))))
    g.add((st, KG.evidence, _evidence(g, n, rule)))


def build_graph() -> Graph:
    g = Graph()
    g.add((DOC, RDF.type, KG.Document))
    g.add((DOC, KG.path, Literal(PATH)))
    g.add((DOC, DCTERMS.title, Literal("澄川新闻", lang="zh")))
    for node, cls, label in [(LI, KG.Person, "李明远"), (ZHAO, KG.Person, "赵雪晴"), (SUN, KG.Person, "孙启航"),
                             (CITY, KG.Place, "澄川市"), (GOV, KG.GovernmentBody, "澄川市人民政府"),
                             (FIRM, KG.Company, "星河材料有限公司"), (ASSOC, KG.Association, "云岭软件协会"),
                             (LAB, KG.ResearchInstitute, ODD), (TRIP, KG.DelegationTrip, "澄川考察"),
                             (SIGN1, KG.Signing, "星河材料有限公司与澄川市人民政府签约"),
                             (SIGN2, KG.Signing, f"云岭软件协会与{ODD}签约"), (UNVEIL, KG.Unveiling, f"{ODD}揭牌")]:
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label, lang="zh")))
    g.add((CITY, SKOS.altLabel, Literal("澄川", lang="zh")))
    # events, their provenance and their roles
    for event in (TRIP, SIGN1, SIGN2, UNVEIL):
        g.add((event, KG.document, DOC))
    g.add((TRIP, KG.evidence, _evidence(g, 0, "lead.delegation")))
    g.add((TRIP, KG.leader, LI))
    g.add((TRIP, KG.destination, CITY))
    g.add((TRIP, KG.startDate, Literal("2024-04-28", datatype=rns.XSD.date)))
    g.add((TRIP, KG.endDate, Literal("2024-04-29", datatype=rns.XSD.date)))
    g.add((SIGN1, KG.party, FIRM))
    g.add((SIGN1, KG.party, GOV))
    g.add((SIGN1, KG.agreement, ID["agreement/t-1"]))
    g.add((SIGN1, KG.evidence, _evidence(g, 3, "sign.pair")))
    g.add((SIGN1, KG.evidence, _evidence(g, 6, "sign.pair")))  # sorts first, names no agreement
    g.add((ID["agreement/t-1"], RDF.type, KG.Agreement))
    g.add((ID["agreement/t-1"], RDFS.label, Literal("战略合作协议", lang="zh")))
    g.add((SIGN2, KG.party, ASSOC))
    g.add((SIGN2, KG.party, LAB))
    g.add((SIGN2, KG.evidence, _evidence(g, 4, "sign.pair")))
    g.add((UNVEIL, KG.unveiled, LAB))
    g.add((UNVEIL, KG.unveiler, SUN))
    g.add((UNVEIL, KG.unveiler, LI))
    g.add((UNVEIL, KG.evidence, _evidence(g, 5, "unveil.together")))
    # a post
    post = ID["post/t-1"]
    g.add((SUN, ORG.holds, post))
    g.add((post, RDF.type, KG.Post))
    g.add((post, KG.title, Literal("会长", lang="zh")))
    g.add((post, ORG.postIn, ASSOC))
    g.add((post, KG.acting, Literal(False)))
    g.add((post, KG.evidence, _evidence(g, 5, "post.title")))
    # the relations, symmetric ones stated both ways
    _fact(g, LI, "visited", CITY, 0, "visit.go", "0.85")
    _fact(g, LI, "visited", FIRM, 1, "visit.go", "0.85")
    _fact(g, LI, "ledDelegation", TRIP, 0, "lead.delegation", "0.9")
    _fact(g, LI, "metWith", ZHAO, 2, "meet.host", "0.9")
    _fact(g, ZHAO, "metWith", LI, 2, "meet.host", "0.9")
    _fact(g, FIRM, "signedWith", GOV, 3, "sign.pair", "0.9")
    _fact(g, GOV, "signedWith", FIRM, 3, "sign.pair", "0.9")
    _fact(g, ASSOC, "signedWith", LAB, 4, "sign.pair", "0.9")
    _fact(g, SUN, "coUnveiled", LAB, 5, "unveil.together", "0.9")
    _fact(g, LI, "coUnveiled", LAB, 5, "unveil.together", "0.9")
    _fact(g, ZHAO, "attended", UNVEIL, 5, "attend.event", "0.85")
    _fact(g, SUN, "holdsPostAt", ASSOC, 5, "post.title", "0.9")
    _fact(g, FIRM, "locatedIn", CITY, 1, "locate.site", "0.85")
    return g


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph()


def test_the_hand_built_graph_is_in_the_builders_shape(graph):
    from kg.validate import validate_graph

    assert validate_graph(graph) == []


def rows(result) -> list[tuple]:
    return [tuple("" if t is None else str(t) for t in r) for r in result.rows]


S = SENTENCES

# ---------------------------------------------------------------- the library


def test_list_queries():
    assert [name for name, _ in list_queries()] == [
        "between", "delegations", "evidence", "fields", "meetings", "neighbours", "posts", "region-flows",
        "signings", "timeline", "unveilings", "visits"]


REGIONAL = {"between", "fields", "region-flows"}  # need regions and fields: tests/test_region_queries.py


@pytest.mark.parametrize("name,description", list_queries())
def test_every_library_query_has_a_description_and_runs(graph, name, description):
    assert description and "\n" not in description and description.endswith(".")
    params = {p: "李明远" for p in query_params(load_query(name))}
    result = run_query(graph, name, params)
    assert result.kind == "SELECT" and (len(result) > 0 or name in REGIONAL)


def test_query_params_declared():
    assert query_params(load_query("neighbours")) == {
        "name": "the entity's rdfs:label or skos:altLabel, exactly as written (Chinese or untagged)"}
    assert query_params(load_query("signings")) == {}


def test_visits(graph):
    r = run_query(graph, "visits")
    assert r.vars == ["visitor", "visited", "sentence", "source"]
    assert rows(r) == [("李明远", "星河材料有限公司", S[1], PATH), ("李明远", "澄川市", S[0], PATH)]


def test_signings_one_row_per_pair(graph):
    r = run_query(graph, "signings")
    assert r.vars == ["partyA", "partyB", "agreement", "sentence", "source"]
    # the second pair is stated both ways and appears once, in the direction whose IRI sorts
    # first; of its signing's two sentences, the one naming the agreement is shown
    assert rows(r) == [("云岭软件协会", ODD, "", S[4], PATH),
                       ("星河材料有限公司", "澄川市人民政府", "战略合作协议", S[3], PATH)]


def test_meetings_symmetric_pair_once(graph):
    assert rows(run_query(graph, "meetings")) == [("李明远", "赵雪晴", S[2], PATH)]


def test_unveilings(graph):
    assert rows(run_query(graph, "unveilings")) == [(ODD, "孙启航", S[5], PATH), (ODD, "李明远", S[5], PATH)]


def test_posts(graph):
    r = run_query(graph, "posts")
    assert r.vars == ["person", "title", "organisation", "acting", "sentence"]
    assert rows(r) == [("孙启航", "会长", "云岭软件协会", "false", S[5])]


def test_delegations(graph):
    r = run_query(graph, "delegations")
    assert r.vars == ["leader", "trip", "startDate", "endDate", "destination"]
    assert rows(r) == [("李明远", "澄川考察", "2024-04-28", "2024-04-29", "澄川市")]


def test_neighbours_by_label_and_by_alt_label(graph):
    r = run_query(graph, "neighbours", {"name": "澄川"})
    assert r.vars == ["subject", "relation", "object", "sentence", "source"]
    assert rows(r) == [("星河材料有限公司", "locatedIn", "澄川市", S[1], PATH),
                       ("李明远", "visited", "澄川市", S[0], PATH)]
    assert rows(run_query(graph, "neighbours", {"name": "澄川市"})) == rows(r)


def test_neighbours_of_a_person(graph):
    assert [r[:3] for r in rows(run_query(graph, "neighbours", {"name": "赵雪晴"}))] == [
        ("赵雪晴", "attended", f"{ODD}揭牌"), ("李明远", "metWith", "赵雪晴"), ("赵雪晴", "metWith", "李明远")]


def test_evidence(graph):
    r = run_query(graph, "evidence")
    assert r.vars == ["subject", "relation", "object", "confidence", "rule", "start", "end", "sentence", "source"]
    got = rows(r)
    assert len(got) == 13
    # ordered by source, sentence start, then relation
    assert got[:4] == [
        ("李明远", "ledDelegation", "澄川考察", "0.9", "lead.delegation", "0", "12", S[0], PATH),
        ("李明远", "visited", "澄川市", "0.85", "visit.go", "0", "12", S[0], PATH),
        ("星河材料有限公司", "locatedIn", "澄川市", "0.85", "locate.site", "12", "36", S[1], PATH),
        ("李明远", "visited", "星河材料有限公司", "0.85", "visit.go", "12", "36", S[1], PATH)]
    assert [(x[0], x[1], x[2], x[5], x[6]) for x in got[-4:]] == [
        ("赵雪晴", "attended", f"{ODD}揭牌", "89", "124"), ("孙启航", "coUnveiled", ODD, "89", "124"),
        ("李明远", "coUnveiled", ODD, "89", "124"), ("孙启航", "holdsPostAt", "云岭软件协会", "89", "124")]


# ---------------------------------------------------------------- parameters


def test_param_with_quote_and_brace_is_a_literal(graph):
    r = run_query(graph, "neighbours", {"name": ODD})
    assert [x[:3] for x in rows(r)] == [
        ("孙启航", "coUnveiled", ODD), ("李明远", "coUnveiled", ODD), ("云岭软件协会", "signedWith", ODD)]


@pytest.mark.parametrize("name", ['x" ) } UNION { ?e ?p ?o } #', 'a\\" . ?s ?p ?o', "\\", '"""', "'"])
def test_injection_attempts_match_nothing(graph, name):
    assert run_query(graph, "neighbours", {"name": name}).rows == []


def test_missing_and_unknown_params(graph):
    with pytest.raises(QueryError) as e:
        run_query(graph, "neighbours")
    assert str(e.value) == ("neighbours: needs --param name=… "
                            "(the entity's rdfs:label or skos:altLabel, exactly as written (Chinese or untagged))")
    with pytest.raises(QueryError) as e:
        run_query(graph, "neighbours", {"name": "x", "nmae": "y"})
    assert str(e.value) == "neighbours: no parameter 'nmae'; it takes --param name=…"
    with pytest.raises(QueryError) as e:
        run_query(graph, "SELECT ?s WHERE { ?s ?p ?o }", {"who": "x"})
    assert str(e.value) == "query: parameter 'who' is not a variable of the query; use ?who in the query or drop --param who"


def test_param_joins_a_variable_the_query_binds(graph):
    text = "SELECT ?e WHERE { ?e rdfs:label ?l BIND(STR(?l) AS ?who) }"
    assert rows(run_query(graph, text, {"who": "赵雪晴"})) == [(str(ZHAO),)]
    with pytest.raises(QueryError) as e:
        run_query(graph, text + ' VALUES ?who { "x" }', {"who": "赵雪晴"})
    assert str(e.value) == "query: the query already ends with VALUES; put the parameters there instead of --param"


def test_sparql_string_escapes_quotes_backslashes_and_line_breaks():
    assert sparql_string(ODD) == r'"蓝桥\"创新}中心"'
    assert sparql_string("a\\b\nc") == r'"a\\b\nc"'


@pytest.mark.parametrize("value", [ODD, "a\\b", "line\nbreak\r", 'x" ) } #', "'''", '"""', "\\"])
def test_sparql_string_round_trips(graph, value):
    text = f"SELECT ?v WHERE {{ BIND({sparql_string(value)} AS ?v) }}"
    assert rows(run_query(graph, text)) == [(value,)]


# ---------------------------------------------------------------- errors


def test_syntax_error_gives_line_and_column(graph):
    text = "PREFIX kg: <https://w3id.org/cnkg/ont#>\nSELECT ?s\nWHERE { ?s kg:visited ?o .. }"
    with pytest.raises(QueryError) as e:
        run_query(graph, text)
    assert str(e.value) == "query:3:27: SPARQL syntax error near 'WHERE { ?s kg:visited ?o .. }'; fix the query text"


def test_syntax_error_in_a_file_names_the_file(graph, tmp_path):
    f = tmp_path / "bad.rq"
    f.write_text("# broken\nSELECT ?s WHERE {\n  ?s ?p\n}\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"bad\.rq:3:3: SPARQL syntax error near '\?s \?p'"):
        run_query(graph, f)


def test_unknown_prefix(graph):
    with pytest.raises(QueryError) as e:
        run_query(graph, "SELECT ?s WHERE { ?s foo:bar ?o }")
    assert str(e.value).startswith("query: Unknown namespace prefix : foo; declare it with PREFIX or use one of ")


@pytest.mark.parametrize("text,keyword", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("PREFIX kg: <https://w3id.org/cnkg/ont#>\n# a comment\ndelete where { ?s kg:visited ?o }", "DELETE"),
    ("LOAD <http://example.org/x.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("DROP GRAPH <urn:g>", "DROP"),
    ("CREATE GRAPH <urn:g>", "CREATE"),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
])
def test_updates_are_refused(graph, text, keyword):
    before = len(graph)
    with pytest.raises(QueryError) as e:
        run_query(graph, text)
    assert str(e.value) == (f"query: {keyword} is an update; kg query only reads the graph "
                            "(use SELECT, ASK, CONSTRUCT or DESCRIBE)")
    assert len(graph) == before


def test_unknown_name_points_to_list(graph):
    with pytest.raises(QueryError) as e:
        run_query(graph, "signing")
    assert str(e.value) == "unknown query 'signing'; run `kg query --list` to see the named queries"
    with pytest.raises(QueryError, match="kg query --list"):
        load_query("../errors")


def test_missing_query_file(graph, tmp_path):
    with pytest.raises(QueryError) as e:
        run_query(graph, str(tmp_path / "nope.rq"))
    assert str(e.value) == f"{tmp_path / 'nope.rq'}: cannot read the query file (FileNotFoundError); check the path"


# ---------------------------------------------------------------- forms and sources


def test_query_from_a_file(graph, tmp_path):
    f = tmp_path / "people.rq"
    f.write_text("# people\nSELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n } ORDER BY DESC(?n)\n",
                 encoding="utf-8")
    assert rows(run_query(graph, str(f))) == [("赵雪晴",), ("李明远",), ("孙启航",)]
    assert run_query(graph, f).source == str(f)


def test_rows_without_order_by_are_sorted(graph):
    r = run_query(graph, "SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n }")
    assert rows(r) == [("孙启航",), ("李明远",), ("赵雪晴",)]


def test_ask(graph):
    r = run_query(graph, "ASK { ?p kg:metWith ?q }")
    assert (r.kind, r.answer) == ("ASK", True)
    assert format_result(r, "table") == "true\n"
    assert json.loads(format_result(r, "json")) == {"head": {}, "boolean": True}


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")  # inside rdflib's JSON-LD parser
def test_construct_as_turtle_json_ld_and_csv(graph):
    r = run_query(graph, "CONSTRUCT { ?a kg:metWith ?b } WHERE { ?a kg:metWith ?b }")
    assert r.kind == "CONSTRUCT" and len(r) == 2
    turtle = format_result(r, "table")
    assert "@prefix kg: <https://w3id.org/cnkg/ont#> ." in turtle
    back = Graph().parse(data=turtle, format="turtle")
    assert set(back) == {(LI, KG.metWith, ZHAO), (ZHAO, KG.metWith, LI)}
    assert set(Graph().parse(data=format_result(r, "json"), format="json-ld")) == set(back)
    assert format_result(r, "csv") == (
        "subject,predicate,object\n"
        f"{LI},{KG.metWith},{ZHAO}\n"
        f"{ZHAO},{KG.metWith},{LI}\n")


def test_describe(graph):
    r = run_query(graph, f"DESCRIBE <{CITY}>")
    assert r.kind == "DESCRIBE"
    assert (CITY, SKOS.altLabel, Literal("澄川", lang="zh")) in r.graph


def test_dataset_is_queried_as_the_union_of_its_graphs(graph):
    ds = Dataset()
    for i, t in enumerate(graph):
        ds.graph(ID[f"graph/{i % 2}"]).add(t)
    assert rows(run_query(ds, "signings")) == rows(run_query(graph, "signings"))


# ---------------------------------------------------------------- formatting


def test_table_aligns_chinese_by_display_width(graph):
    r = run_query(graph, "SELECT ?name ?n WHERE { VALUES (?name ?n) { (\"孙启航\" 1) (\"Li\" 22) } }")
    assert format_result(r, "table") == (
        "name    n\n"
        "------  --\n"
        "Li      22\n"
        "孙启航  1\n")
    assert display_width("澄川，A") == 7


def test_table_shortens_iris(graph):
    r = run_query(graph, "SELECT ?p ?c WHERE { ?p a ?c ; rdfs:label \"孙启航\"@zh }")
    assert format_result(r, "table") == (
        "p                 c\n"
        "----------------  ---------\n"
        "id:person/孙启航  kg:Person\n")


def test_csv_and_json(graph):
    r = run_query(graph, "delegations")
    assert format_result(r, "csv") == (
        "leader,trip,startDate,endDate,destination\n"
        "李明远,澄川考察,2024-04-28,2024-04-29,澄川市\n")
    assert json.loads(format_result(r, "json")) == {
        "head": {"vars": ["leader", "trip", "startDate", "endDate", "destination"]},
        "results": {"bindings": [{
            "leader": {"type": "literal", "value": "李明远", "xml:lang": "zh"},
            "trip": {"type": "literal", "value": "澄川考察", "xml:lang": "zh"},
            "startDate": {"type": "literal", "value": "2024-04-28", "datatype": str(rns.XSD.date)},
            "endDate": {"type": "literal", "value": "2024-04-29", "datatype": str(rns.XSD.date)},
            "destination": {"type": "literal", "value": "澄川市", "xml:lang": "zh"}}]}}


def test_json_leaves_out_unbound_cells(graph):
    r = run_query(graph, "signings")
    bindings = json.loads(format_result(r, "json"))["results"]["bindings"]
    assert "agreement" not in bindings[0] and bindings[1]["agreement"]["value"] == "战略合作协议"


def test_unknown_result_format(graph):
    with pytest.raises(QueryError) as e:
        format_result(run_query(graph, "visits"), "xml")
    assert str(e.value) == "unknown result format 'xml'; use one of table, csv, json"


# ---------------------------------------------------------------- engines


@pytest.fixture(scope="module")
def oxigraph(graph) -> Dataset:
    ds = Dataset(store="Oxigraph", default_union=True)
    target = ds.graph(ID["graph/t"])
    for t in graph:
        target.add(t)
    return ds


@pytest.mark.parametrize("name", [name for name, _ in list_queries()])
def test_oxigraph_gives_the_same_rows_as_rdflib(graph, oxigraph, name):
    params = {p: ODD for p in query_params(load_query(name))}
    assert run_query(oxigraph, name, params).rows == run_query(graph, name, params).rows


# ---------------------------------------------------------------- example parameters


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Dataset, Graph]:
    """The graph built from data/: on its Oxigraph store, and in rdflib's memory store."""
    out = tmp_path_factory.mktemp("built")
    build([Path(__file__).resolve().parents[1] / "data"], out, recursive=True, html=False)
    return open_graph(out / "graph.ttl"), open_graph(out / "graph.ttl", store="memory")


def test_the_graph_built_from_data_conforms(built):
    """Every article under data/ (the corpus and the dev sets) built into one graph: the union
    of many articles, where one fact may be stated several times, conforms to the shapes."""
    from kg.validate import validate_graph

    assert validate_graph(built[1]) == []


@pytest.mark.parametrize("name", [name for name, _ in list_queries()])
def test_example_params_give_rows_and_are_deterministic(built, name):
    """On the graph built from data/, every library query gives rows with example_params' values
    (None for a query without parameters); a second call, or rdflib's memory store holding the
    same graph, gives the same values."""
    store, memory = built
    params = example_params(store, name)
    declared = query_params(load_query(name))
    assert (params is None) if not declared else (params is not None and set(params) == set(declared))
    assert len(run_query(store, name, params).rows) >= 1, f"{name} {params}"
    assert example_params(store, name) == params
    assert example_params(memory, name) == params


# ---------------------------------------------------------------- parameters and order on Oxigraph


def test_param_matches_a_chinese_label_directly(graph, oxigraph):
    """A parameter the query does not bind itself goes first in the WHERE group, as a plain and as a
    Chinese string, so a label pattern finds the entity (an index lookup on Oxigraph)."""
    text = "SELECT ?e WHERE { ?e rdfs:label ?who }"
    for g in (graph, oxigraph):
        assert rows(run_query(g, text, {"who": "赵雪晴"})) == [(str(ZHAO),)]
        assert rows(run_query(g, text, {"who": '赵雪晴" } ?e ?p ?o {'})) == []


def test_order_by_variables_in_python_is_oxigraph_order():
    """kg orders Oxigraph's rows itself for ORDER BY ?v / DESC(?v) / (!BOUND(?v)); an expression
    it does not read, such as (?v), leaves the order to Oxigraph: both must agree."""
    ds = Dataset(store="Oxigraph", default_union=True)
    g = ds.graph(ID["graph/o"])
    values = [Literal("b"), Literal("a", lang="zh"), Literal("a"), Literal("B", lang="en"), Literal(2),
              Literal(Decimal("1.5")), Literal(10), Literal(True), Literal(False),
              Literal("2024-01-02", datatype=rns.XSD.date), Literal("2023-12-31", datatype=rns.XSD.date),
              ID["x/b"], ID["x/a"]]
    for i, v in enumerate(values):
        g.add((ID[f"n/{i}"], URIRef("urn:kg:v"), v))
    g.add((ID["n/none"], RDF.type, URIRef("urn:kg:Thing")))
    head = "SELECT DISTINCT ?n ?v WHERE { ?n ?p [] OPTIONAL { ?n <urn:kg:v> ?v } }\n"
    for mine, theirs in [("ORDER BY ?v ?n", "ORDER BY (?v) (?n)"),
                         ("ORDER BY DESC(?v) ?n", "ORDER BY DESC((?v)) (?n)"),
                         ("ORDER BY (!BOUND(?v)) ?n", "ORDER BY (!BOUND(?v) && true) (?n)")]:
        assert run_query(ds, head + mine).rows == run_query(ds, head + theirs).rows, mine


@pytest.mark.parametrize("text,message", [
    ("PREFIX kg: <https://w3id.org/cnkg/ont#>\nSELECT ?s\nWHERE { ?s kg:visited ?o .. }",
     "query:3:27: SPARQL syntax error near 'WHERE { ?s kg:visited ?o .. }'; fix the query text"),
    ("SELECT ?s WHERE { ?s foo:bar ?o }", "query: Unknown namespace prefix : foo; declare it with PREFIX"),
    ("DELETE WHERE { ?s ?p ?o }", "query: DELETE is an update; kg query only reads the graph"),
])
def test_errors_on_oxigraph_are_the_same_one_line(oxigraph, text, message):
    with pytest.raises(QueryError) as e:
        run_query(oxigraph, text)
    assert str(e.value).startswith(message)

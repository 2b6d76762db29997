"""kg build writes big graphs part by part (kg.rdf.build): the same bytes as the graph built
whole in memory, without holding the articles in the main process. Texts written for the tests."""

import gc
import pickle

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg import cache
from kg.api import build, extract
from kg.pipeline.doc import Document
from kg.rdf import regions
from kg.rdf.fast import trig_bytes, turtle_bytes
from kg.rdf.mapping import build_graphs
from kg.rdf.triples import from_rdflib, ox_triples, sort_triples
from kg.store import open_graph

TEXTS = [
    "青岛考察团赴陇南考察\n青岛市委书记赵立新率队赴陇南考察。陇南市人民政府与青岛港口发展有限公司签署合作协议。",
    "陇南客商来青\n陇南市市长孙明远一行来青岛考察。青岛海洋科技有限公司董事长何建国会见了孙明远一行。",
    "天津代表团赴甘肃\n天津市委书记周海涛率队赴兰州考察,与兰州新区签署合作框架协议。",
    "遵义市代表团赴宁波考察\n遵义市委书记杨立军率遵义市党政代表团赴宁波考察。代表团一行先后来到宁波港口发展有限公司参观。"
    "宁波港口发展有限公司董事长周海涛介绍了企业情况。双方共同为“甬遵协作中心”揭牌。",
]


def _files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, t in enumerate(TEXTS):
        (folder / f"a{i}.txt").write_text(t, encoding="utf-8")
    (folder / "copy.txt").write_text(TEXTS[0], encoding="utf-8")  # the same content twice: one named graph
    return folder


def test_outputs_are_the_graph_built_in_memory(tmp_path):
    folder = _files(tmp_path)
    build([folder], tmp_path / "out", jobs=2)
    docs, _ = extract([folder])
    built = build_graphs(docs)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == turtle_bytes(built.union())
    assert (tmp_path / "out" / "graph.trig").read_bytes() == trig_bytes(built.graphs)
    g = open_graph(tmp_path / "out" / "graph.ttl")  # the store holds the union and the named graphs
    assert len(g) == len(built.union())


def test_graph_html_is_the_page_of_the_whole_graph(tmp_path):
    from kg.rdf.fast import TripleIndex
    from kg.viz import render_html

    folder = _files(tmp_path)
    build([folder], tmp_path / "out", jobs=2, store=False)
    docs, _ = extract([folder])
    page = render_html(TripleIndex(build_graphs(docs).union()), title="kg: in")
    assert (tmp_path / "out" / "graph.html").read_text(encoding="utf-8") == page


def test_compact_index_answers_as_the_triple_index():
    from kg.rdf.fast import CompactIndex, TripleIndex

    s, t, p, q = (URIRef(f"https://x/{c}") for c in "stpq")
    triples = [(s, p, Literal(i)) for i in range(12)] + [(s, p, Literal(3)), (t, p, s), (t, q, s), (t, q, t)]
    a, b = TripleIndex(triples), CompactIndex(triples)
    assert len(b) == 15  # each triple once
    assert set(a.objects(s, p)) == set(b.objects(s, p)) and set(a.objects(None, q)) == set(b.objects(None, q))
    assert set(a.subjects(p, None)) == set(b.subjects(p, None)) and set(a.subjects(q, t)) == set(b.subjects(q, t))
    assert set(a.subject_objects(q)) == set(b.subject_objects(q))
    assert a.value(s, p) == b.value(s, p) and b.value(s, q) is None


def test_the_main_process_holds_no_articles_while_writing(tmp_path, monkeypatch):
    folder = _files(tmp_path)
    alive = []
    real = regions.enrich_regions

    def spy(union):
        gc.collect()
        alive.append(sum(1 for o in gc.get_objects() if isinstance(o, Document)))
        return real(union)

    monkeypatch.setattr(regions, "enrich_regions", spy)
    build([folder], tmp_path / "out", jobs=2, html=False, store=False)
    assert alive == [0]


def test_the_cache_keeps_no_mentions(tmp_path):
    folder = _files(tmp_path)
    build([folder], tmp_path / "out", html=False, store=False)
    docs = cache.load(tmp_path / "out")
    assert len(docs) == len(TEXTS)  # the copy has the same content: one cache file
    assert all(d.entities and d.relations and not d.mentions and not d.trace for d in docs)
    for f in cache.files(tmp_path / "out"):
        assert len(f.read_bytes()) < 40_000
        assert pickle.loads(f.read_bytes())[0] == cache.VERSION


def test_triple_strings_sort_and_write_as_turtle_bytes():
    s, p = URIRef("https://w3id.org/cnkg/id/x"), URIRef("https://w3id.org/cnkg/ont#p")
    objects = [Literal("a"), Literal("a\0b"), Literal("a", lang="zh"), Literal("a\0", lang="zh"), Literal(10),
               Literal(9), Literal("2"), Literal(True), Literal("2021", datatype=XSD.gYear), URIRef("https://a/b"),
               URIRef("https://a"), Literal("a\nb\"c\\")]
    triples = {(s, p, o) for o in objects} | {(URIRef("https://w3id.org/cnkg/id/x-"), p, Literal("z")),
                                              (URIRef("https://w3id.org/cnkg/id/"), p, Literal("z"))}
    import pyoxigraph as ox

    from kg.rdf.fast import PREFIXES

    ordered = sort_triples({from_rdflib(t) for t in triples})
    assert ox.serialize(ox_triples(ordered), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) == turtle_bytes(triples)


def test_a_store_that_cannot_be_written_is_one_error_line(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    folder = _files(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".store.tmp").write_text("in the way")  # the loader cannot make its folder
    res = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out"), "--no-html"])
    assert res.exit_code == 1
    assert "the Oxigraph store could not be written" in res.stderr and "Traceback" not in res.output
    assert (tmp_path / "out" / "graph.ttl").exists() and not (tmp_path / "out" / "store").exists()

"""Resolution across articles: one node per real-world entity. Texts written for the tests."""


from rdflib.namespace import RDF, RDFS, SKOS

from kg.api import build
from kg.rdf.namespace import KG
from kg.store import open_graph

A = ("遵义市代表团赴宁波考察\n"
     "遵义市委书记杨立军率遵义市党政代表团赴宁波考察。代表团一行先后来到宁波港口发展有限公司、宁波甬江实验室参观。"
     "宁波港口发展有限公司董事长周海涛介绍了企业情况。")
B = ("宁波企业赴遵义投资\n"
     "宁波港口发展有限公司与遵义市人民政府签订战略合作协议。港口发展公司将在遵义建设物流园。"
     "寧波港口發展有限公司董事長周海濤出席簽約儀式。")
C = ("哈尔滨考察团赴三亚对接\n"
     "哈尔滨冰城机械有限公司董事长周海涛率考察团赴三亚考察,与三亚崖州湾科技城签署合作协议。")


def _build(tmp_path, texts):
    for i, t in enumerate(texts):
        (tmp_path / f"a{i}.txt").write_text(t, encoding="utf-8")
    build([tmp_path], tmp_path / "out", html=False)
    return open_graph(tmp_path / "out" / "graph.ttl", store="memory")


def _nodes(g, label):
    return {s for s in g.subjects(RDFS.label, None) if str(g.value(s, RDFS.label)) == label}


def test_shared_entities_are_one_node(tmp_path):
    g = _build(tmp_path, [A, B])
    company = _nodes(g, "宁波港口发展有限公司")
    assert len(company) == 1
    (node,) = company
    assert "寧波港口發展有限公司" in {str(o) for o in g.objects(node, SKOS.altLabel)}  # traditional spelling
    assert len(_nodes(g, "周海涛")) == 1  # same name, same company: one person
    assert len({p for p in _nodes(g, "宁波市") if (p, RDF.type, KG.Place) in g}) == 1


def test_same_name_different_people_stay_apart(tmp_path):
    g = _build(tmp_path, [A, C])
    people = _nodes(g, "周海涛")
    assert len(people) == 2
    orgs = {str(g.value(o, RDFS.label)) for p in people for o in g.objects(p, KG.holdsPostAt)}
    assert orgs == {"宁波港口发展有限公司", "哈尔滨冰城机械有限公司"}
    assert all((p, RDF.type, KG.Person) in g for p in people)

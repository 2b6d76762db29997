"""kg build --add, kg remove and --jobs: the same graph as a full build. Texts written for the tests."""

from click.testing import CliRunner

from kg.cli import main

A = "青岛考察团赴陇南考察\n青岛市委书记赵立新率队赴陇南考察。陇南市人民政府与青岛港口发展有限公司签署合作协议。"
B = "陇南客商来青\n陇南市市长孙明远一行来青岛考察。青岛海洋科技有限公司董事长何建国会见了孙明远一行。"
C = "天津代表团赴甘肃\n天津市委书记周海涛率队赴兰州考察,与兰州新区签署合作框架协议。"


def _files(tmp_path):
    for name, text in (("a.txt", A), ("b.txt", B), ("c.txt", C)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]


def _build(*args):
    res = CliRunner().invoke(main, ["build", "--no-html", "--no-store", *args])
    assert res.exit_code == 0, res.output
    return res


def test_add_gives_the_same_graph_as_a_full_build(tmp_path):
    a, b, c = _files(tmp_path)
    _build(a, b, c, "-o", str(tmp_path / "full"))
    _build(a, "-o", str(tmp_path / "inc"))
    res = _build("--add", b, c, "-o", str(tmp_path / "inc"))
    assert "articles: 2 read" in res.output
    assert (tmp_path / "inc" / "graph.ttl").read_bytes() == (tmp_path / "full" / "graph.ttl").read_bytes()
    before = (tmp_path / "inc" / "graph.ttl").read_bytes()
    res = _build("--add", b, "-o", str(tmp_path / "inc"))  # already there: nothing changes
    assert "articles: 0 read" in res.output
    assert (tmp_path / "inc" / "graph.ttl").read_bytes() == before


def test_remove_takes_out_an_article_and_what_only_it_supported(tmp_path):
    a, b, c = _files(tmp_path)
    _build(a, b, c, "-o", str(tmp_path / "all"))
    _build(a, b, "-o", str(tmp_path / "ab"))
    res = CliRunner().invoke(main, ["remove", c, "-o", str(tmp_path / "all")])
    assert res.exit_code == 0, res.output
    ttl = (tmp_path / "all" / "graph.ttl").read_bytes()
    assert ttl == (tmp_path / "ab" / "graph.ttl").read_bytes()
    assert "周海涛".encode() not in ttl
    res = CliRunner().invoke(main, ["remove", "nope.txt", "-o", str(tmp_path / "all")])
    assert res.exit_code == 1 and "nope.txt: no such article" in res.stderr


def test_jobs_give_the_same_graph(tmp_path):
    a, b, c = _files(tmp_path)
    _build(a, b, c, "-o", str(tmp_path / "j1"))
    _build(a, b, c, "-o", str(tmp_path / "j2"), "--jobs", "2")
    assert (tmp_path / "j1" / "graph.ttl").read_bytes() == (tmp_path / "j2" / "graph.ttl").read_bytes()
    assert (tmp_path / "j1" / "graph.trig").read_bytes() == (tmp_path / "j2" / "graph.trig").read_bytes()



def test_one_statement_per_fact_and_article_with_one_confidence(tmp_path):
    """A meeting read twice in one article (会见, 0.9; the 联席会议 both sides speak at, 0.7) is
    one statement with the higher confidence and both pieces of evidence; another article
    telling it again has its own statement. The union conforms to the shapes (one
    kg:confidence per statement)."""
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF, RDFS

    from kg.rdf.namespace import KG
    from kg.validate import validate_graph

    one = ("两市召开联席会议\n5月8日至9日,浙江省台州市委书记陆明远,市委副书记、市长郑浩然率台州市党政代表团"
           "赴四川省广元市考察,召开台州·广元东西部协作第三次联席会议。\n9日上午,广元市委书记韦志刚会见了陆明远一行。"
           "\n韦志刚主持会议,陆明远、郑浩然先后讲话。")
    two = "广元会见台州客人\n5月9日,广元市委书记韦志刚会见了台州市委书记陆明远一行。"
    (tmp_path / "one.txt").write_text(one, encoding="utf-8")
    (tmp_path / "two.txt").write_text(two, encoding="utf-8")
    _build(str(tmp_path / "one.txt"), str(tmp_path / "two.txt"), "-o", str(tmp_path / "out"))
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    names = {Literal("韦志刚", lang="zh"), Literal("陆明远", lang="zh")}
    pair = [st for st in g.subjects(RDF.predicate, KG.metWith)
            if {g.value(g.value(st, RDF.subject), RDFS.label), g.value(g.value(st, RDF.object), RDFS.label)} == names]
    by_doc = {}
    for st in pair:
        docs = {g.value(ev, KG.document) for ev in g.objects(st, KG.evidence)}
        assert len(docs) == 1  # a statement is one article's
        by_doc[docs.pop()] = st
    assert len(by_doc) == 2
    confidences = sorted((len(list(g.objects(st, KG.evidence))), [float(c) for c in g.objects(st, KG.confidence)])
                         for st in by_doc.values())
    assert confidences == [(1, [0.9]), (2, [0.9])]
    assert validate_graph(g) == []


def test_a_fault_on_one_article_skips_it_with_one_line_and_builds_the_others(tmp_path, monkeypatch):
    """A bug of kg's that one article sets off is reported on one line naming the file; the
    other articles still make the graph (in this process and with --jobs 2, whose workers fork)."""
    import kg.pipeline as pipeline

    a, b, c = _files(tmp_path)
    real = pipeline.process

    def faulty(raw, *args):
        if raw.path.endswith("b.txt"):
            raise AttributeError("'NoneType' object has no attribute 'index'")
        return real(raw, *args)

    monkeypatch.setattr(pipeline, "process", faulty)
    for jobs in ("1", "2"):
        res = CliRunner().invoke(main, ["build", "--no-html", "--no-store", a, b, c, "-o", str(tmp_path / jobs),
                                        "--jobs", jobs])
        assert res.exit_code == 0, res.output
        assert "b.txt: kg failed on this article (AttributeError" in res.output
        assert "Traceback" not in res.output and "articles: 2 read, 1 skipped" in res.output
        assert "周海涛".encode() in (tmp_path / jobs / "graph.ttl").read_bytes()

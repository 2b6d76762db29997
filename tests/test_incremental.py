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

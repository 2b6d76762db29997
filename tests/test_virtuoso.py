"""Virtuoso as the remote store: ``kg push`` loads a graph built from data/, and every library
query gives there exactly the rows the embedded Oxigraph store gives (values, language tags,
datatypes and order).

A real Virtuoso (Debian's virtuoso-opensource 7, ``/usr/bin/virtuoso-t``) is started for this
module on 127.0.0.1, on free ports, with its own virtuoso.ini and database in a temporary
folder, and stopped at the end, pass or fail. Skipped, with the reason, only when the binary is
not installed; CI installs it with ``.ci/install-virtuoso.sh``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Literal

from kg import cache
from kg.api import build
from kg.cli import main as kg_cli
from kg.errors import KGError
from kg.query import example_params, list_queries, load_query, query_params, run_query
from kg.remote import order_rows, push, push_command, remote_dataset, rewrite_query, union_graph_name
from kg.store import open_graph

ROOT = Path(__file__).resolve().parents[1]
VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
needs_virtuoso = pytest.mark.skipif(not Path(VIRTUOSO).exists(), reason=(
    "Virtuoso is not installed (no virtuoso-t); run .ci/install-virtuoso.sh "
    "(Debian's virtuoso-opensource)"))

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {root}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
; 0: no refusal by estimate. On a fresh database Virtuoso estimated `between` at 78,736 s and
; refused it (the limit is 400 s in Debian's virtuoso.ini); it runs in 0.2 s.
MaxQueryCostEstimationTime = 0
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    query = urllib.parse.urlencode({"query": "ASK { }"})
    try:
        with urllib.request.urlopen(f"{url}?{query}", timeout=5) as res:
            return res.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """The SPARQL URL of a Virtuoso started for this module, stopped after it."""
    folder = tmp_path_factory.mktemp("virtuoso")
    root = Path("/var/lib/virtuoso-opensource-7/vsp")
    if not root.is_dir():
        root = folder / "vsp"
        root.mkdir()
    http = _free_port()
    (folder / "virtuoso.ini").write_text(
        INI.format(d=folder, sql=_free_port(), http=http, root=root), encoding="utf-8")
    log = open(folder / "stdout.log", "wb")
    proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                            cwd=folder, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        deadline = time.monotonic() + 120
        while not _answers(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = (folder / "stdout.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"Virtuoso did not start (exit {proc.poll()}):\n{tail}")
            time.sleep(0.25)
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)  # Virtuoso checkpoints and exits
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built")
    build([ROOT / "data"], out, recursive=True, html=False)
    return out


@pytest.fixture(scope="module")
def pushed(virtuoso, built) -> str:
    push(built / "graph.trig", virtuoso)
    return virtuoso


def _term(t):
    """A term compared strictly: kind, lexical form, language and datatype."""
    if t is None:
        return ("unbound", "", "", "")
    return (type(t).__name__, str(t), getattr(t, "language", None) or "",
            str(t.datatype) if isinstance(t, Literal) and t.datatype else "")


def _rows(result) -> list[tuple]:
    return [tuple(_term(t) for t in row) for row in result.rows]


def _example_params(graph, name: str) -> dict[str, str] | None:
    """Values for the query's ``# param:`` names that exist in the graph built from data/."""
    if not query_params(load_query(name)):
        return None
    found = example_params(graph, name)
    assert found, f"{name}: no value of its parameters in the graph built from data/"
    return found


# ---------------------------------------------------------------- against a real Virtuoso

@needs_virtuoso
def test_push_keeps_one_named_graph_per_article_and_their_union(pushed, built):
    quads = list(ox.parse(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG))
    local = {q.graph_name.value for q in quads}
    remote = remote_dataset(pushed)
    rows = run_query(remote, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                             "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/cnkg/id/')) }").rows
    assert {str(r[0]) for r in rows} == local | {union_graph_name()}
    docs = run_query(remote, "SELECT ?d ?g WHERE { GRAPH ?g { ?d a kg:Document } "
                             f"FILTER(?g != <{union_graph_name()}>) }}").rows
    assert len(docs) == len(cache.load(built)) == len(local) - 1  # and id:graph/regions
    assert all(str(g).endswith(str(d).rsplit("/", 1)[1]) for d, g in docs)  # each in its own graph
    union = run_query(remote, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows  # the default graph
    assert int(union[0][0]) == len({q.triple for q in quads})


@needs_virtuoso
@pytest.mark.parametrize("name", [n for n, _ in list_queries()])
def test_every_library_query_gives_the_same_rows(pushed, built, name):
    embedded = open_graph(built / "graph.trig")
    params = _example_params(embedded, name)
    local = run_query(embedded, name, params)
    remote = run_query(remote_dataset(pushed), name, params)
    assert remote.vars == local.vars
    assert local.rows, f"{name}{params or ''}: no rows on the graph built from data/; the check would be empty"
    assert sorted(_rows(remote)) == sorted(_rows(local))
    # the same order: the query's ORDER BY as the embedded engine evaluates it, ties broken by the row
    assert _rows(remote) == [tuple(_term(t) for t in r) for r in order_rows(load_query(name), local.vars, local.rows)]


@needs_virtuoso
def test_cli_push_then_query_matches_the_embedded_store(pushed, built):
    runner = CliRunner()
    res = runner.invoke(push_command, ["--graph", str(built / "graph.trig"), "--endpoint", pushed])
    assert res.exit_code == 0, res.output
    assert re.fullmatch(rf"pushed \d+ triples from {re.escape(str(built / 'graph.trig'))} to {re.escape(pushed)}\n",
                        res.output)
    for query in ("signings", "visits"):
        local = runner.invoke(kg_cli, ["query", query, "--graph", str(built / "graph.trig"), "--format", "csv"])
        remote = runner.invoke(kg_cli, ["query", query, "--endpoint", pushed, "--format", "csv"])
        assert local.exit_code == remote.exit_code == 0, remote.output
        assert remote.output == local.output


@needs_virtuoso
def test_wrong_password_is_one_line(virtuoso, built):
    with pytest.raises(KGError) as err:
        push(built / "graph.trig", virtuoso, password="not-the-password")
    assert str(err.value) == (f"{virtuoso}: the endpoint refused user 'dba' (HTTP 401); check --user and "
                              "--password (Virtuoso's own default is dba/dba)")


@needs_virtuoso
def test_push_again_replaces_and_drops_articles_no_longer_built(pushed, built, tmp_path):
    def graphs():
        rows = run_query(remote_dataset(pushed), "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a kg:Document } }").rows
        return {str(r[0]) for r in rows} - {union_graph_name()}

    before = graphs()
    try:
        build([ROOT / "data" / "xishan-zhuhai-2022.txt"], tmp_path, html=False, store=False)
        push(tmp_path / "graph.trig", pushed)
        after = graphs()
        assert len(after) == 1 and after < before
    finally:
        push(built / "graph.trig", pushed)  # the other tests see the full graph again
    assert graphs() == before


# ---------------------------------------------------------------- without a server

def test_unreachable_endpoint_is_one_line(built_small):
    port = _free_port()  # nothing listens there
    with pytest.raises(KGError) as err:
        push(built_small, f"http://127.0.0.1:{port}/sparql")
    assert str(err.value).startswith(f"http://127.0.0.1:{port}/sparql: cannot reach the endpoint; "
                                     "is Virtuoso running? (")
    result = CliRunner().invoke(kg_cli, ["query", "signings", "--endpoint", f"http://127.0.0.1:{port}/sparql"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: http://127.0.0.1:{port}/sparql: cannot reach the endpoint; ")


@pytest.fixture
def built_small(tmp_path) -> Path:
    build([ROOT / "data" / "xishan-zhuhai-2022.txt"], tmp_path, html=False, store=False)
    return tmp_path / "graph.trig"


def test_rewrite_moves_trailing_values_into_where_and_in_lists_to_values():
    text = ('SELECT ?x WHERE {\n  ?s ?p ?o . FILTER(?p IN (kg:a, <http://x/b>))\n'
            '  ?s rdfs:label "}{" . BIND(STR(?o) AS ?name)\n}\nORDER BY ?x\n'
            '\nVALUES (?name) { ("某某") }\n')
    assert rewrite_query(text) == (
        'SELECT ?x WHERE {\n  ?s ?p ?o . VALUES ?p { kg:a <http://x/b> }\n'
        '  ?s rdfs:label "}{" . BIND(STR(?o) AS ?name)\n\n  VALUES (?name) { ("某某") }\n}\nORDER BY ?x\n')
    # the union graph kg push wrote becomes the default graph, unless the query names its own
    assert rewrite_query("SELECT ?s WHERE { ?s ?p 'WHERE {' }", "urn:u") == \
        "SELECT ?s FROM <urn:u>\nWHERE { ?s ?p 'WHERE {' }"
    assert rewrite_query("ASK { ?s ?p ?o }", "urn:u") == "ASK FROM <urn:u>\n{ ?s ?p ?o }"
    for own in ("SELECT * FROM <urn:x> WHERE { ?s ?p ?o }", "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"):
        assert rewrite_query(own, "urn:u") == own
    # a list with a literal stays a FILTER (VALUES would join by term, IN compares values)
    assert rewrite_query("SELECT * WHERE { ?s ?p ?o FILTER(?o IN (1, kg:a)) }") == \
        "SELECT * WHERE { ?s ?p ?o FILTER(?o IN (1, kg:a)) }"


def test_order_rows_follows_order_by_then_the_whole_row():
    rows = [(Literal("data/b.md"), Literal(2)), (Literal("data/a.md"), Literal(10)),
            (Literal("data/a.md"), Literal(9)), (None, Literal(1))]
    text = "SELECT ?source ?start WHERE { ?s ?p ?o }\nORDER BY ?source DESC(?start)\n"
    assert order_rows(text, ["source", "start"], rows) == [rows[3], rows[1], rows[2], rows[0]]
    # LIMIT: the server chose the rows by its order, so they stay as they came
    assert order_rows(text + "LIMIT 2\n", ["source", "start"], rows) == rows

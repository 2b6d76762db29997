"""Measure kg against the targets of the performance issue; print a table, write JSON.

    python -m benchmarks.run            # full sizes, about 13 minutes on 2 cores
    python -m benchmarks.run --quick    # small sizes, about a minute: a smoke test

Figures (each described in benchmarks/README.md):

* extraction throughput, characters per second, as a ratio against ``jieba.lcut`` over the
  same texts in the same process;
* ``kg build --jobs 2`` end to end at 1 k and 10 k generated articles (a child process):
  seconds, and peak resident memory from ``getrusage(RUSAGE_CHILDREN).ru_maxrss``;
* each named query on a graph of about 1 M triples (the 1 k build replicated, see
  :func:`replicate`): median latency on the embedded Oxigraph store, and the ratio against
  rdflib's memory store on the same graph (run in a fork of this process, after loading);
* ``kg export --format ttl`` of that graph: seconds, with the rdflib path it had before the
  Oxigraph fast path as the reference;
* ``graph.html`` with 5,000 nodes and 20,000 edges: seconds from navigation until the page
  says it is drawn (``<body data-status="ready">``, set after the first frame) in headless
  chromium, and until it answers a click on a filter.

Results go to ``benchmarks/results/latest.json`` (``latest-quick.json`` with ``--quick``), the
generated corpora and graphs to ``benchmarks/work/`` (both ignored by git; benchmarks/README.md
keeps the last figures).
"""

from __future__ import annotations

import argparse
import datetime
import json
import multiprocessing
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
WORK = ROOT / "benchmarks" / "work"
CHROMIUM = Path("/usr/bin/chromium")

FULL = dict(sample=400, builds=(1_000, 10_000), triples=1_000_000, repeats=7, oxigraph_cap=30.0,
            rdflib_cap=15.0, export_cap=180.0, build_cap=360.0, mem_cap=8 * 2**30, nodes=5_000, edges=20_000)
QUICK = dict(sample=30, builds=(20, 60), triples=40_000, repeats=3, oxigraph_cap=8.0, rdflib_cap=3.0,
             export_cap=30.0, build_cap=120.0, mem_cap=4 * 2**30, nodes=300, edges=1_200)


@dataclass
class Figure:
    """One line of the table."""

    name: str
    measured: str
    target: str = ""
    met: bool | None = None   # None: no target, or not measurable
    value: float | None = None
    unit: str = ""
    notes: str = ""
    extra: dict = field(default_factory=dict)


def _say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- extraction vs jieba

_ROUNDS = 5


def bench_extraction(corpus: Path, n: int) -> Figure:
    import jieba

    from kg.pipeline import process
    from kg.reader import read_article

    raws = [read_article(p) for p in sorted(corpus.glob("*.txt"))[:n]]
    texts = [r.text for r in raws]
    chars = sum(len(t) for t in texts)
    jieba.setLogLevel(60)
    jieba.lcut(texts[0])          # loads jieba's dictionary: not part of the timing
    process(raws[0])              # loads kg's rules and gazetteer
    kg_runs, jieba_runs = [], []
    for _ in range(_ROUNDS):  # interleaved, the fastest of each: a busy moment slows one round, not the ratio
        t0 = time.perf_counter()
        for raw in raws:
            process(raw)
        kg_runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in texts:
            jieba.lcut(t)
        jieba_runs.append(time.perf_counter() - t0)
    kg_s, jieba_s = min(kg_runs), min(jieba_runs)
    ratio = kg_s / jieba_s
    return Figure("extraction: time vs jieba.lcut (same texts, same process)", f"{ratio:.2f}× jieba",
                  "≤ 2×", ratio <= 2, ratio, "×",
                  f"{chars / kg_s:,.0f} chars/s kg vs {chars / jieba_s:,.0f} chars/s jieba.lcut, "
                  f"{len(raws)} articles, {chars:,} chars; fastest of {_ROUNDS} interleaved rounds each",
                  {"kg_chars_per_s": chars / kg_s, "jieba_chars_per_s": chars / jieba_s, "chars": chars,
                   "articles": len(raws)})


# ---------------------------------------------------------------- kg build in a child process

_CHILD = """
import json, os, resource, signal, subprocess, sys, time
cap, mem_cap, cmd = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]

def group_rss(sid):
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            if int(stat[3]) == sid:  # session id
                total += int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
    return total

t0 = time.perf_counter()
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
peak, stopped = 0, None
while True:
    try:
        out, _ = p.communicate(timeout=0.5)
        break
    except subprocess.TimeoutExpired:
        peak = max(peak, group_rss(p.pid))
        if time.perf_counter() - t0 > cap:
            stopped = "time"
        elif peak > mem_cap:
            stopped = "memory"
        if stopped:
            os.killpg(p.pid, signal.SIGKILL)
            out, _ = p.communicate()
            break
seconds = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "maxrss_kib": rss, "group_peak_bytes": peak, "rc": p.returncode,
                  "stopped": stopped, "output": out.decode("utf-8", "replace")[-2000:]}))
"""


def run_measured(cmd: list[str], cap: float, mem_cap: float) -> dict:
    """Run ``cmd`` as the child of a fresh Python process, so that RUSAGE_CHILDREN sees only it
    and the processes it waited for; the sum of the RSS of its process group is sampled every
    0.5 s. It is killed after ``cap`` seconds or once that sum passes ``mem_cap`` bytes."""
    res = subprocess.run([sys.executable, "-c", _CHILD, str(cap), str(mem_cap), *cmd], capture_output=True,
                         text=True, cwd=ROOT)
    if res.returncode != 0:
        raise RuntimeError(f"measuring {' '.join(cmd)} failed: {res.stderr[-1000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def bench_build(corpus: Path, n: int, out: Path, cap: float, mem_cap: float, limit_s: float, limit_mb: float,
                smaller: tuple[int, float] | None) -> tuple[Figure, Figure, dict]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--jobs", "2"]
    r = run_measured(cmd, cap, mem_cap)
    shutil.rmtree(out / "cache", ignore_errors=True) if r["stopped"] else None
    mb = r["maxrss_kib"] / 1024
    group_mb = r["group_peak_bytes"] / 2**20
    label = f"{n:,}" if n < 1000 else f"{n // 1000} k"
    m = re.search(r"\((\d+) triples\)", r["output"])
    triples = int(m.group(1)) if m else None
    mem_note = f"largest single process (ru_maxrss); all its processes together peaked at {group_mb:,.0f} MB"
    if r["stopped"]:
        why = (f"did not finish within the {cap:.0f} s cap" if r["stopped"] == "time"
               else f"stopped after {r['seconds']:,.0f} s: its processes passed {mem_cap / 2**30:.0f} GB together")
        if smaller:
            why += f"; at the {smaller[0]:,}-article build's rate it needs at least {smaller[1] * n / smaller[0]:,.0f} s"
        t = Figure(f"kg build --jobs 2, {label} articles: seconds", f"> {r['seconds']:,.0f} s (stopped)",
                   f"< {limit_s:.0f} s", False if r["seconds"] >= limit_s or r["stopped"] == "memory" else None,
                   None, "s", why, {"stopped": r["stopped"]})
        mem = Figure(f"kg build --jobs 2, {label} articles: peak RSS", f"≥ {mb:,.0f} MB (when stopped)",
                     f"< {limit_mb:,.0f} MB", False if mb >= limit_mb else None, mb, "MB", mem_note + ", up to the stop",
                     {"group_peak_mb": group_mb})
        return t, mem, r
    if r["rc"] != 0:
        raise RuntimeError(f"kg build failed ({r['rc']}): {r['output']}")
    t = Figure(f"kg build --jobs 2, {label} articles: seconds", f"{r['seconds']:,.1f} s", f"< {limit_s:.0f} s",
               r["seconds"] < limit_s, r["seconds"], "s",
               f"{triples:,} triples" if triples else "", {"triples": triples})
    mem = Figure(f"kg build --jobs 2, {label} articles: peak RSS", f"{mb:,.0f} MB", f"< {limit_mb:,.0f} MB",
                 mb < limit_mb, mb, "MB", mem_note, {"group_peak_mb": group_mb})
    return t, mem, r


# ---------------------------------------------------------------- a graph of ~N triples

def replicate(trig: Path, target: int, out: Path) -> tuple[int, int]:
    """Write ``out`` (TriG) and its union beside it (``.ttl``, as ``kg build`` writes
    graph.trig and graph.ttl): copies of the built graph ``trig`` until about ``target`` triples,
    each copy with its own IRIs (``…/id/c2/person/…``) and source paths (``c2/…``), so the copies
    are as many distinct articles, people and organisations; regions are shared, as in a real
    corpus. Returns (copies, triples in the union)."""
    import pyoxigraph as ox

    from kg.rdf.namespace import ID

    ns = str(ID)
    shared = (ns + "region/", ns + "graph/regions")
    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    base = len({(q.subject, q.predicate, q.object) for q in quads})
    copies = max(1, round(target / base))
    path_p = ox.NamedNode("https://w3id.org/cnkg/ont#path")

    def rename(term, k):
        if isinstance(term, ox.NamedNode) and term.value.startswith(ns) and not term.value.startswith(shared):
            return ox.NamedNode(f"{ns}c{k}/{term.value[len(ns):]}")
        return term

    store = ox.Store()
    for k in range(copies):
        batch = []
        for q in quads:
            o = q.object
            if k and q.predicate == path_p:
                o = ox.Literal(f"c{k}/{o.value}")
            if k:
                batch.append(ox.Quad(rename(q.subject, k), q.predicate, rename(o, k), rename(q.graph_name, k)))
            else:
                batch.append(q)
        store.extend(batch)
    store.dump(str(out), format=ox.RdfFormat.TRIG)
    union = list(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True))
    ox.serialize(union, str(out.with_suffix(".ttl")), format=ox.RdfFormat.TURTLE)
    return copies, len(union)


# ---------------------------------------------------------------- named queries

def example_params(graph, name: str) -> dict[str, str] | None:
    """Values for the query's ``# param:`` names that exist in the graph (kg.query.example_params)."""
    from kg.query import example_params as find

    return find(graph, name)


def _read(result) -> int:
    """Consume a query's result as a user does: every row, every value in it (on Oxigraph the
    rows are converted to rdflib terms only when read). Returns the number of rows."""
    if result.kind != "SELECT":
        return len(result)
    n = 0
    for row in result.rows:
        for _value in row:
            pass
        n += 1
    return n


def _oxigraph_child(conn, path: Path, name: str, repeats: int, budget: float) -> None:
    """In a fork: the example parameters, a warm-up run, then up to ``repeats`` timed runs of
    ``run_query`` with every row and value of its result read (:func:`_read`), while within
    ``budget`` seconds, then the engine alone (Oxigraph's own query on the same text, every
    solution read), each sent to the parent as soon as known."""
    import pyoxigraph as ox

    from kg.query import load_query, run_query, sparql_string
    from kg.store import open_graph

    graph = open_graph(path)
    params = example_params(graph, name)
    conn.send(("params", params))
    t_start = time.perf_counter()
    rows = _read(run_query(graph, name, params))
    conn.send(("warm", time.perf_counter() - t_start, rows))
    for _ in range(repeats):
        if time.perf_counter() - t_start > budget / 2:
            break
        t0 = time.perf_counter()
        _read(run_query(graph, name, params))
        conn.send(("run", time.perf_counter() - t0, rows))
    text = load_query(name)
    if params:
        keys = sorted(params)
        text += (f"\nVALUES ({' '.join('?' + k for k in keys)}) "
                 f"{{ ({' '.join(sparql_string(params[k]) for k in keys)}) }}\n")
    store = graph.store._inner
    union = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None
    t0 = time.perf_counter()
    for _ in store.query(text, use_default_graph_as_union=union):  # as run_query reads the dataset
        pass
    conn.send(("engine", time.perf_counter() - t0, rows))


def _rdflib_child(conn, graph, name, params):
    from kg.query import run_query

    t0 = time.perf_counter()
    rows = _read(run_query(graph, name, params))  # read as on Oxigraph (rdflib's rows are already terms)
    conn.send((time.perf_counter() - t0, rows))


def _forked(target, args, cap: float):
    """Run ``target(conn, *args)`` in a fork; yield what it sends until it ends or ``cap`` seconds
    pass (then it is killed, and the last item yielded is ``("stopped",)``)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=target, args=(child, *args))
    p.start()
    child.close()
    deadline = time.perf_counter() + cap
    try:
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or not parent.poll(left):
                yield ("stopped",) if p.is_alive() or left <= 0 else ("ended",)
                return
            try:
                yield parent.recv()
            except EOFError:
                yield ("ended",)
                return
    finally:
        p.kill()
        p.join()


def bench_queries(path: Path, repeats: int, ox_cap: float, cap: float, limit_ms: float,
                  min_ratio: float) -> list[Figure]:
    from kg.api import load_graph
    from kg.query import list_queries

    plan = []
    for name, _ in list_queries():
        params, warm, runs, engine, rows, stopped = None, None, [], None, 0, False
        for msg in _forked(_oxigraph_child, (path, name, repeats, ox_cap), ox_cap):
            if msg[0] == "params":
                params = msg[1]
            elif msg[0] in ("warm", "run", "engine"):
                rows = msg[2]
                if msg[0] == "warm":
                    warm = msg[1]
                elif msg[0] == "run":
                    runs.append(msg[1])
                else:
                    engine = msg[1]
            elif msg[0] == "stopped":
                stopped = True
        median = statistics.median(runs) if runs else warm
        plan.append((name, params, median, engine, rows, stopped and median is None))
        _say(f"  oxigraph {name}: " + (f"> {ox_cap:.0f} s (stopped)" if median is None
                                        else f"{median * 1000:.0f} ms over {len(runs) or 1} runs, {rows} rows"))
    _say("  loading the same graph into rdflib's memory store …")
    t0 = time.perf_counter()
    mem = load_graph(path)
    load_s = time.perf_counter() - t0
    figures = []
    for name, params, ox_s, engine, rows, ox_stopped in plan:
        p_txt = " " + json.dumps(params, ensure_ascii=False) if params else ""
        if ox_s is None:
            figures.append(Figure(f"query {name}: median latency, and vs rdflib memory",
                                  f"> {ox_cap:,.0f} s (stopped)", f"< {limit_ms:.0f} ms; ≥ {min_ratio:.0f}×", False,
                                  ox_cap * 1000, "ms", f"Oxigraph did not answer within {ox_cap:.0f} s{p_txt}; "
                                  "rdflib not run", {"stopped": True, "params": params}))
            _say(f"  rdflib {name}: not run")
            continue
        got = next(iter(_forked(_rdflib_child, (mem, name, params), cap)))
        capped = got[0] in ("stopped", "ended")
        rdf_s, rdf_rows = (cap, None) if capped else got
        ratio = rdf_s / ox_s
        shown = f"≥ {ratio:,.0f}×" if capped else (f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:,.1f}×")
        note = (f"{rows:,} rows{p_txt}; Oxigraph alone {engine * 1000:,.0f} ms" if engine is not None
                else f"{rows:,} rows{p_txt}")
        note += "; rdflib " + (f"> {cap:.0f} s (stopped)" if capped else f"{rdf_s * 1000:,.0f} ms")
        if rdf_rows is not None and rdf_rows != rows:
            note += f" ({rdf_rows:,} rows)"
        figures.append(Figure(f"query {name}: median latency, and vs rdflib memory",
                              f"{ox_s * 1000:,.1f} ms; {shown}", f"< {limit_ms:.0f} ms; ≥ {min_ratio:.0f}×",
                              ox_s * 1000 < limit_ms and ratio >= min_ratio, ox_s * 1000, "ms", note,
                              {"median_ms": ox_s * 1000, "engine_ms": None if engine is None else engine * 1000,
                               "rdflib_ms": None if capped else rdf_s * 1000, "rdflib_capped": capped,
                               "ratio": ratio, "rows": rows, "params": params}))
        _say(f"  rdflib {name}: {'stopped' if capped else f'{rdf_s * 1000:.0f} ms'}")
    del mem
    worst = max(figures, key=lambda f: f.value)
    n_ok = sum(1 for f in figures if f.met)
    latencies = [f.value for f in figures]
    figures.insert(0, Figure("named queries: median of the medians", f"{statistics.median(latencies):,.1f} ms",
                             f"< {limit_ms:.0f} ms; ≥ {min_ratio:.0f}×", n_ok == len(figures),
                             statistics.median(latencies), "ms",
                             f"{n_ok} of {len(figures)} queries meet both targets; slowest: "
                             f"{worst.name.split()[1]} {worst.measured.split(';')[0]}; rdflib loaded the graph "
                             f"in {load_s:.0f} s", {"rdflib_load_s": load_s}))
    return figures


# ---------------------------------------------------------------- Turtle export

def _export_rdflib(conn, path):
    from kg.export import _union
    from kg.store import open_graph

    t0 = time.perf_counter()
    data = _union(open_graph(path)).serialize(format="turtle", encoding="utf-8")
    conn.send((time.perf_counter() - t0, len(data)))


def bench_export(path: Path, triples: int, cap: float, limit_s: float) -> Figure:
    out = path.with_name("export.ttl")
    cmd = [sys.executable, "-m", "kg.cli", "export", "--graph", str(path), "--format", "ttl", "-o", str(out)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)
    cli_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import kg.cli, kg.store, kg.export"], check=True, cwd=ROOT)
    startup = time.perf_counter() - t0
    import pyoxigraph as ox

    written = sum(1 for _ in ox.parse(path=str(out), format=ox.RdfFormat.TURTLE))
    from kg.store import store_dir

    t0 = time.perf_counter()
    quads = sum(1 for _ in ox.Store.read_only(str(store_dir(path))).quads_for_pattern(None, None, None, None))
    scan = time.perf_counter() - t0
    size = out.stat().st_size
    _say("  the rdflib path, for reference …")
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    p = ctx.Process(target=_export_rdflib, args=(child, path))
    p.start()
    ref = parent.recv()[0] if parent.poll(cap) else None
    p.kill()
    p.join()
    ref_txt = f"{ref:,.0f} s" if ref else f"> {cap:.0f} s (stopped)"
    return Figure(f"kg export --format ttl, {triples:,} triples: seconds", f"{cli_s:,.1f} s",
                  f"< {limit_s:.0f} s", cli_s < limit_s, cli_s, "s",
                  f"the whole command ({startup:.1f} s of it Python start-up and imports); {written:,} triples, "
                  f"{size / 1e6:,.0f} MB written; reading the {quads:,} quads of the store alone: {scan:.1f} s; "
                  f"the rdflib path (before the Oxigraph fast path): {ref_txt}",
                  {"startup_s": startup, "rdflib_path_s": ref, "triples_written": written, "bytes": size,
                   "store_scan_s": scan})


# ---------------------------------------------------------------- graph.html in chromium

def synthetic_network(nodes: int, edges: int, seed: int = 7):
    """An rdflib graph with ``nodes`` entities and ``edges`` distinct relation triples between
    them, degrees skewed as in the built graphs (a few hubs: regions, party secretaries)."""
    from rdflib import RDF, RDFS, Graph, Literal, URIRef

    from kg.rdf.namespace import ID, KG

    rng = random.Random(seed)
    kinds = [(KG.Person, "人物"), (KG.Company, "公司"), (KG.Place, "地点"), (KG.Meeting, "会议")]
    g = Graph()
    iris = []
    for i in range(nodes):
        cls, word = kinds[i % len(kinds)]
        iri = URIRef(f"{ID}bench/n{i:05d}")
        g.add((iri, RDF.type, cls))
        g.add((iri, RDFS.label, Literal(f"{word}{i}", lang="zh")))
        iris.append(iri)
    rels = [KG.visited, KG.metWith, KG.signedWith, KG.attended, KG.holdsPostAt, KG.locatedIn,
            KG.coUnveiled, KG.ledDelegation]
    weights = [1 / (1 + i) ** 0.8 for i in range(nodes)]
    seen = set()
    while len(seen) < edges:
        s, o = rng.choices(range(nodes), weights=weights, k=2)
        if s == o:
            continue
        key = (s, rng.randrange(len(rels)), o)
        if key in seen or (o, key[1], s) in seen:  # symmetric relations are drawn once per pair
            continue
        seen.add(key)
        g.add((iris[s], rels[key[1]], iris[o]))
    return g


class _Chromium:
    """Headless chromium with one page, driven over the DevTools protocol on a pipe (as in
    tests/test_viz_browser.py)."""

    def __init__(self, profile: Path):
        import fcntl
        import queue
        import threading

        to_r, self._to = os.pipe()
        self._from, from_w = os.pipe()

        def fds():
            high_r = fcntl.fcntl(to_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self._log = open(profile / "chromium.log", "wb")
        self.proc = subprocess.Popen(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
             "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1400,900",
             f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log, close_fds=False, preexec_fn=fds)
        os.close(to_r)
        os.close(from_w)
        self._replies: queue.Queue = queue.Queue()
        self._id = 0
        threading.Thread(target=self._read, daemon=True).start()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

    def _read(self):
        buf = b""
        while chunk := os.read(self._from, 1 << 16):
            buf += chunk
            *msgs, buf = buf.split(b"\0")
            for raw in msgs:
                msg = json.loads(raw)
                if "id" in msg:
                    self._replies.put(msg)

    def call(self, method, params=None, session=None, timeout=120.0):
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._replies.get(timeout=max(0.0, deadline - time.monotonic()))
            if reply["id"] == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def evaluate(self, expression: str):
        r = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session)
        return r["result"].get("value")

    def close(self):
        self.proc.kill()
        self.proc.wait(timeout=30)
        os.close(self._to)
        self._log.close()


def bench_html(nodes: int, edges: int, limit_s: float, work: Path) -> list[Figure]:
    from kg.viz import render_html

    g = synthetic_network(nodes, edges)
    t0 = time.perf_counter()
    page = render_html(g, title="kg benchmark")
    render_s = time.perf_counter() - t0
    path = work / f"network-{nodes}-{edges}.html"
    path.write_text(page, encoding="utf-8")
    label = f"{nodes:,} nodes / {edges:,} edges"
    render = Figure(f"graph.html {label}: render_html (Python)", f"{render_s:,.1f} s", "", None, render_s, "s",
                    f"{len(page) / 1e6:.1f} MB page")
    if not CHROMIUM.exists():
        return [render, Figure(f"graph.html {label}: drawn and interactive in chromium", "not measured",
                               f"< {limit_s:.0f} s", None, None, "s",
                               "chromium is not installed at /usr/bin/chromium (run .ci/install-browser.sh)")]
    with tempfile.TemporaryDirectory() as tmp:
        browser = _Chromium(Path(tmp))
        try:
            browser.evaluate("1")
            t0 = time.perf_counter()
            browser.call("Page.navigate", {"url": path.as_uri()}, browser.session)
            status = ""
            while time.perf_counter() - t0 < 120:
                status = browser.evaluate("document.body ? document.body.dataset.status || '' : ''")
                if status in ("ready", "error"):
                    break
                time.sleep(0.02)
            drawn_s = time.perf_counter() - t0
            counts = browser.evaluate("[document.body.dataset.nodeCount, document.body.dataset.edgeCount,"
                                      " document.body.dataset.drawnNodeCount, document.body.dataset.drawnEdgeCount]")
            # interactive: a filter click (hide the first entity type) is handled and redrawn
            t1 = time.perf_counter()
            browser.evaluate("document.querySelector('#kg-kinds input') && document.querySelector('#kg-kinds input').click();"
                             " window.kgNetwork && kgNetwork.redraw(); 1")
            click_s = time.perf_counter() - t1
        finally:
            browser.close()
    ok = status == "ready" and counts == [str(nodes), str(edges), str(nodes), str(edges)]
    return [render, Figure(f"graph.html {label}: drawn and interactive in chromium",
                           f"{drawn_s:,.1f} s" if ok else f"status {status!r} after {drawn_s:,.0f} s",
                           f"< {limit_s:.0f} s", ok and drawn_s + click_s < limit_s, drawn_s, "s",
                           f"from navigation to data-status=ready; then a filter click answered in "
                           f"{click_s * 1000:,.0f} ms; nodes/edges in page, drawn: {counts}",
                           {"click_ms": click_s * 1000, "counts": counts, "status": status})]


# ---------------------------------------------------------------- the run

def _versions() -> dict:
    from importlib.metadata import version

    out = {"python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine()}
    for pkg in ("rdflib", "pyoxigraph", "oxrdflib", "jieba"):
        try:
            out[pkg] = version(pkg)
        except Exception:
            out[pkg] = None
    try:
        out["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                       text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        out["commit"] += " with local changes" if dirty else ""
        out["chromium"] = subprocess.run([str(CHROMIUM), "--version"], capture_output=True,
                                         text=True).stdout.strip() if CHROMIUM.exists() else None
    except OSError:
        pass
    return out


def table(figures: list[Figure]) -> str:
    from kg.query import display_width

    rows = [("figure", "measured", "target", "met?")] + [
        (f.name, f.measured, f.target or "—", {True: "yes", False: "NO", None: "—"}[f.met]) for f in figures]
    widths = [max(display_width(r[i]) for r in rows) for i in range(4)]
    lines = []
    for j, r in enumerate(rows):
        lines.append("  ".join(c + " " * (w - display_width(c)) for c, w in zip(r, widths)).rstrip())
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


STAGES = ("corpus", "extraction", "build-small", "build-big", "query-graph", "queries", "export", "html")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure kg against the performance targets.")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test of every figure")
    parser.add_argument("--work", type=Path, default=WORK, help="folder for corpora and graphs")
    parser.add_argument("--out", type=Path, help="JSON file to write (default: benchmarks/results/latest.json, "
                                                  "latest-quick.json with --quick)")
    parser.add_argument("--build-cap", type=float, help="seconds after which a build is stopped")
    parser.add_argument("--only", action="append", choices=STAGES, metavar="STAGE",
                        help="run only this stage, reusing the work folder's corpora and graphs from an earlier "
                             "run (repeatable; one of: " + ", ".join(STAGES) + "); the JSON then goes to "
                             "results/latest-partial.json unless --out says otherwise")
    args = parser.parse_args(argv)
    size = dict(QUICK if args.quick else FULL)
    default_out = "latest-partial.json" if args.only else "latest-quick.json" if args.quick else "latest.json"
    args.out = args.out or RESULTS / default_out
    wanted = set(args.only or STAGES)
    if args.build_cap:
        size["build_cap"] = args.build_cap
    work = args.work / ("quick" if args.quick else "full")
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    environment = _versions()  # the code measured is the code at the start
    figures: list[Figure] = []
    failed: list[str] = []
    small, big = size["builds"]
    state: dict = {}

    def stage(key: str, title: str, run) -> None:
        """One stage: its figures, or one line saying how it failed (the others still run)."""
        if key not in wanted:
            return
        _say(title + " …")
        try:
            out = run()
            figures.extend(out if isinstance(out, list) else [out])
        except Exception as exc:  # a benchmark harness reports every failure and goes on
            failed.append(title)
            figures.append(Figure(title, "failed", "", False, None, "", f"{type(exc).__name__}: {exc}"[:300]))
            _say(f"  failed: {type(exc).__name__}: {exc}")

    def corpus():
        from benchmarks.generate import generate

        t0 = time.perf_counter()
        generate(small, work / f"corpus-{small}")
        generate(big, work / f"corpus-{big}")
        gen_s = time.perf_counter() - t0
        chars = sum(p.stat().st_size for p in (work / f"corpus-{big}").glob("*.txt"))
        return Figure(f"corpus: {big:,} generated articles", f"{gen_s:,.1f} s", "", None, gen_s, "s",
                      f"{chars / 1e6:,.1f} MB of UTF-8 text (benchmarks/generate.py, seeded)")

    def builds(n):
        t, mem, r = bench_build(work / f"corpus-{n}", n, work / f"build-{n}", size["build_cap"], size["mem_cap"],
                                180, 1536, state.get("smaller"))
        state.setdefault("smaller", None if r["stopped"] else (n, r["seconds"]))
        return [t, mem]

    def query_graph():
        from kg.store import write_store

        trig = work / "graph-1m.trig"
        copies, triples = replicate(work / f"build-{small}" / "graph.trig", size["triples"], trig)
        state["graph"], state["triples"] = trig.with_suffix(".ttl"), triples
        write_store(trig, state["graph"])  # as kg build does: the articles' graphs, their union as default
        return Figure(f"query graph: {triples:,} triples", "built", "", None, triples, "triples",
                      f"the {small:,}-article build replicated {copies}× with renamed IRIs "
                      "(people, organisations, events, documents; regions shared)")

    if "query-graph" not in wanted and (work / "graph-1m.ttl").exists():  # the graph of an earlier run
        from pyoxigraph import DefaultGraph, Store

        state["graph"] = work / "graph-1m.ttl"
        store = Store.read_only(str(state["graph"].parent / "store"))
        state["triples"] = sum(1 for _ in store.quads_for_pattern(None, None, None, DefaultGraph()))
    stage("corpus", f"generating {big:,} articles", corpus)
    stage("extraction", "extraction throughput vs jieba.lcut",
          lambda: bench_extraction(work / f"corpus-{big}", size["sample"]))
    for key, n in (("build-small", small), ("build-big", big)):
        stage(key, f"kg build --jobs 2 of {n:,} articles", lambda n=n: builds(n))
    stage("query-graph", f"a graph of about {size['triples']:,} triples", query_graph)
    stage("queries", "named queries: Oxigraph, then rdflib", lambda: bench_queries(
        state["graph"], size["repeats"], size["oxigraph_cap"], size["rdflib_cap"], 50, 20))
    stage("export", "Turtle export", lambda: bench_export(state["graph"], state["triples"], size["export_cap"], 3))
    stage("html", f"graph.html with {size['nodes']:,} nodes and {size['edges']:,} edges in chromium",
          lambda: bench_html(size["nodes"], size["edges"], 5, work))

    total = time.perf_counter() - started
    print(table(figures))
    print(f"\n{'quick' if args.quick else 'full'} run in {total / 60:.1f} min; "
          f"{sum(1 for f in figures if f.met)} met, {sum(1 for f in figures if f.met is False)} missed"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    result = {"when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "mode": "quick" if args.quick else "full", "seconds": total, "sizes": size,
              "environment": environment, "failed": failed, "figures": [asdict(f) for f in figures]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The Python API: everything the CLI does, callable from code.

    from kg import build, query, export, viz, validate, explain
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdflib import Graph
from rdflib.namespace import RDF

from kg.errors import GraphNotFound, InputError, KGError
from kg.io import atomic_write
from kg.pipeline import process
from kg.pipeline.doc import Document
from kg.rdf.mapping import to_dataset, union_graph
from kg.rdf.namespace import KG, RELATIONS
from kg.reader import find_articles, read_article

__all__ = ["BuildReport", "build", "extract", "load_graph", "DEFAULT_OUT", "DEFAULT_DATA"]

DEFAULT_DATA = Path("data")
DEFAULT_OUT = Path("output")


@dataclass
class BuildReport:
    out: Path
    read: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one message per article not read
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    triples: int = 0
    seconds: float = 0.0
    files: list[Path] = field(default_factory=list)


def extract(paths: list[Path], recursive: bool = False, min_confidence: float = 0.0,
            on_problem: Callable[[str], None] | None = None,
            progress: Callable[[int, int, str], None] | None = None) -> tuple[list[Document], list[str]]:
    """Read and extract the articles under ``paths``. Returns documents and problem lines."""
    files, problems = find_articles(paths, recursive=recursive)
    docs: list[Document] = []
    for i, f in enumerate(files):
        if progress:
            progress(i, len(files), str(f))
        try:
            doc = process(read_article(f))
        except InputError as exc:
            problems.append(str(exc))
            if on_problem:
                on_problem(str(exc))
            continue
        if min_confidence:
            doc.relations = [r for r in doc.relations if r.confidence >= min_confidence]
        docs.append(doc)
    if progress:
        progress(len(files), len(files), "")
    return docs, problems


def build(paths: list[Path] | None = None, out: Path = DEFAULT_OUT, *, recursive: bool = False,
          min_confidence: float = 0.0, html: bool = True, store: bool = True,
          progress: Callable[[int, int, str], None] | None = None,
          on_problem: Callable[[str], None] | None = None) -> BuildReport:
    """Extract the articles under ``paths`` (default ``data/``) and write ``graph.ttl``,
    ``graph.trig`` and ``graph.html`` into ``out``."""
    t0 = time.perf_counter()
    paths = [Path(p) for p in (paths or [DEFAULT_DATA])]
    docs, problems = extract(paths, recursive, min_confidence, on_problem, progress)
    report = BuildReport(out=Path(out), skipped=problems, read=[d.path for d in docs])
    if not docs:
        raise InputError("no article could be read" + (f" ({problems[0]})" if problems else "")
                         + "; pass .txt, .md or .html files with Chinese text")
    ds = to_dataset(docs)
    g = union_graph(ds)
    out = Path(out)
    ttl = g.serialize(format="turtle")
    trig = ds.serialize(format="trig")
    atomic_write(out / "graph.ttl", ttl)
    atomic_write(out / "graph.trig", trig)
    report.files = [out / "graph.ttl", out / "graph.trig"]
    if store:
        from kg.store import write_store

        report.files.append(write_store(out / "graph.trig", out / "graph.ttl"))
    if html:
        from kg.viz import render_html

        atomic_write(out / "graph.html", render_html(g, title="kg: " + ", ".join(p.name for p in paths)))
        report.files.append(out / "graph.html")
    _count(g, report)
    report.seconds = time.perf_counter() - t0
    return report


def _count(g: Graph, report: BuildReport) -> None:
    from kg.rdf.schema import entity_type

    for s in set(g.subjects(RDF.type, None)):
        t = entity_type(g, s)
        if t:
            report.entities[t] += 1
    for name in RELATIONS:
        n = len(set(g.subject_objects(getattr(KG, name))))
        if n:
            report.relations[name] = n
    report.triples = len(g)


def load_graph(path: Path) -> Graph:
    """Parse a graph file (Turtle, TriG, N-Triples, N-Quads, JSON-LD) into an rdflib graph."""
    from rdflib.util import guess_format

    path = Path(path)
    if not path.exists():
        raise GraphNotFound(f"{path}: no such graph file; run `kg build` first or pass --graph FILE")
    fmt = guess_format(str(path)) or "turtle"
    try:
        if fmt in ("trig", "nquads"):
            from rdflib import Dataset

            ds = Dataset()
            ds.parse(path, format=fmt)
            return union_graph(ds)
        g = Graph()
        g.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser types
        raise KGError(f"{path}: cannot parse the graph ({type(exc).__name__}: {str(exc)[:120]}); "
                      "rebuild it with `kg build`") from None
    return g

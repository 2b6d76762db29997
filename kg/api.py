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

from kg import cache
from kg.errors import GraphNotFound, InputError, KGError, internal_error
from kg.pipeline import process
from kg.pipeline.doc import Document
from kg.rdf.mapping import union_graph
from kg.reader import find_articles, read_article

__all__ = ["BuildReport", "build", "remove", "extract", "load_graph", "DEFAULT_OUT", "DEFAULT_DATA"]

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


def _extract_one(path: Path) -> Document | str:
    try:
        return process(read_article(path))
    except InputError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a fault of kg's on one article: report it, read the others
        return internal_error(path, exc)


def extract(paths: list[Path], recursive: bool = False, min_confidence: float = 0.0,
            on_problem: Callable[[str], None] | None = None,
            progress: Callable[[int, int, str], None] | None = None, jobs: int = 1,
            skip_sha1: set[str] | None = None) -> tuple[list[Document], list[str]]:
    """Read and extract the articles under ``paths`` (in ``jobs`` processes). Returns the
    documents, in path order, and one problem line per article that could not be read."""
    files, problems = find_articles(paths, recursive=recursive)
    docs: list[Document] = []
    if jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs)
        results = pool.map(_extract_one, files, chunksize=max(1, min(64, len(files) // (jobs * 8) or 1)))
    else:
        pool = None
        results = map(_extract_one, files)
    try:
        for res in kept_results(files, results, problems, on_problem, progress, skip_sha1):
            if min_confidence:
                res.relations = [r for r in res.relations if r.confidence >= min_confidence]
            docs.append(res)
    finally:
        if pool is not None:
            pool.shutdown()
    return docs, problems


def kept_results(files: list[Path], results, problems: list[str], on_problem=None, progress=None,
                 skip_sha1: set[str] | None = None):
    """The extraction results of ``files``, in order, with progress reported: an article that could
    not be read (a str) becomes a problem line, one whose sha1 is in ``skip_sha1`` is left out."""
    for i, (f, res) in enumerate(zip(files, results)):
        if progress:
            progress(i, len(files), str(f))
        if isinstance(res, str):
            problems.append(res)
            if on_problem:
                on_problem(res)
            continue
        if skip_sha1 and res.sha1 in skip_sha1:
            continue
        yield res
    if progress:
        progress(len(files), len(files), "")


def build(paths: list[Path] | None = None, out: Path = DEFAULT_OUT, *, recursive: bool = False,
          min_confidence: float = 0.0, html: bool = True, store: bool = True, jobs: int = 1,
          add: bool = False, progress: Callable[[int, int, str], None] | None = None,
          on_problem: Callable[[str], None] | None = None) -> BuildReport:
    """Extract the articles under ``paths`` (default ``data/``) and write ``graph.ttl``,
    ``graph.trig``, ``graph.html`` and the Oxigraph store into ``out``.

    With ``add``, the articles already built into ``out`` are kept (from its cache, without
    reading them again) and only new ones are read; an article already there changes nothing.
    """
    from kg.rdf import build as streamed

    t0 = time.perf_counter()
    streamed.trace("start")
    out = Path(out)
    paths = [Path(p) for p in (paths or [DEFAULT_DATA])]
    cached = cache.files(out) if add else []
    files, problems = find_articles(paths, recursive=recursive)
    with _Work(jobs if len(files) > 1 else 1) as work:
        old = streamed.spool_cached(work.tmp, cached)
        new = streamed.extract_spooled(work.tmp, files, work.pool, work.jobs, min_confidence,
                                       {d.sha1 for d in old}, problems, on_problem, progress)
        report = BuildReport(out=out, skipped=problems, read=[d.path for d in new])
        docs = old + new
        if not docs:
            raise InputError("no article could be read" + (f" ({problems[0]})" if problems else "")
                             + "; pass .txt, .md or .html files with Chinese text")
        _write(docs, out, report, html, store, ", ".join(p.name for p in paths), work)
    report.seconds = time.perf_counter() - t0
    return report


def remove(doc: str, out: Path = DEFAULT_OUT, *, html: bool = True, store: bool = True) -> BuildReport:
    """Take one article (by path or SHA-1 prefix) out of the graph in ``out``: its facts go, and
    so do the entities only it supported."""
    from kg.rdf import build as streamed

    t0 = time.perf_counter()
    out = Path(out)
    cached = cache.files(out)
    with _Work(1) as work:
        docs = streamed.spool_cached(work.tmp, cached)
        keep = [d for d in docs if not (d.path == doc or Path(d.path) == Path(doc) or d.sha1.startswith(doc))]
        if len(keep) == len(docs):
            raise InputError(f"{doc}: no such article in {out}; `kg build` lists what it read")
        if not keep:
            raise InputError(f"{doc}: it is the only article in {out}; build another graph instead")
        report = BuildReport(out=out, read=[d.path for d in docs if d not in keep])
        _write(keep, out, report, html, store, str(out), work)
    report.seconds = time.perf_counter() - t0
    return report


class _Work:
    """A build's temporary folder (spool files) and its worker processes."""

    def __init__(self, jobs: int):
        self.jobs = jobs

    def __enter__(self):
        import tempfile

        self.tmp = tempfile.mkdtemp(prefix="kg-build-")
        self.pool = None
        if self.jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=self.jobs)
        return self

    def __exit__(self, *exc):
        import shutil

        from kg.rdf.build import close_spools

        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        close_spools(self.tmp)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return False


def _write(docs, out: Path, report: BuildReport, html: bool, store: bool, title: str, work: _Work) -> None:
    from kg.rdf.build import write_outputs

    written = write_outputs(docs, out, work.tmp, work.pool, store, cache.folder(out),
                            html_title="kg: " + title if html else None)
    report.files = written.files
    report.triples = written.triples
    report.relations = Counter({k: v for k, v in sorted(written.relations.items())})
    report.entities = Counter({k: v for k, v in sorted(written.entities.items())})


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

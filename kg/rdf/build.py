"""Writing a build's outputs without holding the whole graph: article by article, then part by part.

1. Each article is extracted (in ``jobs`` processes); the worker keeps the article (without
   its mentions and trace) in a spool file and hands back only what resolution needs
   (:class:`kg.resolve.DocEntities`).
2. Resolution runs over those, in the main process.
3. Each article's named graph is written (in the workers) as compact triple strings
   (:mod:`kg.rdf.triples`): its TriG block goes to a spool file, its triples to buckets (subject
   ranges, on disk), and the few triples the region step reads come back to the main process.
4. The region graph is computed from those, in the main process.
5. Each bucket is read, deduplicated, sorted and written as Turtle (in the workers);
   ``graph.ttl`` is the buckets' Turtle in bucket order, ``graph.trig`` the blocks in graph order.
6. Meanwhile a separate process (:mod:`kg.rdf.loader`) bulk-loads the blocks and the buckets
   into a fresh Oxigraph store as they are written.

Every output is the same, byte for byte, as when the graph was built whole in memory.
"""

from __future__ import annotations

import glob
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, internal_error
from kg.io import atomic_file, replace_dir
from kg.rdf.fast import PREFIXES
from kg.rdf.loader import header, read_range
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.rdf.namespace import ID, KG, RELATIONS
from kg.rdf.triples import (
    N_BUCKETS, TYPE, LABEL, bucket, doc_iri, doc_triples, from_rdflib, ox_quads, ox_triples, predicate,
    sort_triples, split_buckets, subject, to_rdflib, forget_rdflib_terms,
)
from kg.resolve import resolve, summarize

__all__ = ["Spooled", "extract_spooled", "spool_cached", "write_outputs", "view_index", "close_spools"]

from kg.cache import VERSION as CACHE_VERSION  # noqa: E402

_T0 = [0.0]


def trace(step: str) -> None:
    """With KG_TRACE set, one line on stderr per step: seconds since the start, memory."""
    if os.environ.get("KG_TRACE"):
        import time

        now = time.perf_counter()
        if not _T0[0] or step == "start":
            _T0[0] = now
        with open("/proc/self/statm") as f:
            rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") >> 20
        print(f"kg: {now - _T0[0]:7.1f} s  {time.process_time():7.1f} s cpu  {rss:6d} MB  {step}", file=sys.stderr,
              flush=True)


# --- per-process spool files (appended without buffering, so other processes read them at once) ---

_FILES: dict[str, object] = {}


def _append(path: str, data: bytes) -> int:
    f = _FILES.get(path)
    if f is None:
        f = _FILES[path] = open(path, "ab", buffering=0)
    offset = f.tell()
    f.write(data)
    return offset


def close_spools(prefix: str) -> None:
    for path in [p for p in _FILES if p.startswith(prefix)]:
        _FILES.pop(path).close()


def _mine(tmp: str, name: str) -> str:
    return os.path.join(tmp, f"{name}-{os.getpid()}.bin")


@dataclass
class Spooled:
    """One article, kept in a spool file as its cache pickle."""

    path: str
    sha1: str
    file: str
    offset: int
    length: int
    entities: object  # kg.resolve.DocEntities

    def load(self):
        return pickle.loads(read_range(self.file, self.offset, self.length))[1]

    def data(self) -> bytes:
        return read_range(self.file, self.offset, self.length)


def _slim(doc):
    """The article as the cache keeps it: what the graph is built from, not its mentions."""
    doc.mentions = []
    doc.trace = []
    return doc


def _spool_doc(tmp: str, doc) -> Spooled:
    data = pickle.dumps((CACHE_VERSION, _slim(doc)), protocol=pickle.HIGHEST_PROTOCOL)
    file = _mine(tmp, "docs")
    return Spooled(doc.path, doc.sha1, file, _append(file, data), len(data), summarize(doc))


def _extract_task(args):
    from kg.pipeline import process
    from kg.reader import read_article

    tmp, path, min_confidence = args
    try:
        doc = process(read_article(path))
    except InputError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a fault of kg's on one article: report it, read the others
        return internal_error(path, exc)
    if min_confidence:
        doc.relations = [r for r in doc.relations if r.confidence >= min_confidence]
    return _spool_doc(tmp, doc)


def extract_spooled(tmp: str, files: list[Path], pool, jobs: int, min_confidence: float, skip_sha1: set[str],
                    problems: list[str], on_problem=None, progress=None) -> list[Spooled]:
    tasks = [(tmp, f, min_confidence) for f in files]
    if pool is not None:
        results = pool.map(_extract_task, tasks, chunksize=max(1, min(16, len(files) // (jobs * 8) or 1)))
    else:
        results = map(_extract_task, tasks)
    from kg.api import kept_results

    return list(kept_results(files, results, problems, on_problem, progress, skip_sha1))


def spool_cached(tmp: str, files: list[Path]) -> list[Spooled]:
    """Articles from a build's cache (``kg build --add``, ``kg remove``), into the spool."""
    out = []
    spool = _mine(tmp, "docs")
    for f in files:
        data = f.read_bytes()
        version, doc = pickle.loads(data)
        if version != CACHE_VERSION:
            from kg.errors import GraphNotFound

            raise GraphNotFound(f"{f}: built by another version of kg; rebuild with `kg build --out {f.parent.parent}`")
        out.append(Spooled(doc.path, doc.sha1, spool, _append(spool, data), len(data), summarize(doc)))
    return out


# --- step 3: the articles' graphs ------------------------------------------------------------------

_REGION_PREDICATES = {str(KG[p]) for p in ("region", "locatedIn", "holdsPostAt", "leader", "visited", "destination",
                                           "firstParty", "party", "guest", "host", "unveiler", "unveiled")}


_KINDS: dict[str, str | None] = {}


def _kind(cls: str) -> str | None:
    """Which of the four entity types a class falls under (kg.rdf.schema.entity_type)."""
    try:
        return _KINDS[cls]
    except KeyError:
        from rdflib import URIRef

        from kg.rdf.schema import _type_of_class

        kind = _KINDS[cls] = _type_of_class(URIRef(cls))
        return kind


def _region_part(triples: list[str]) -> list[str]:
    """The triples :func:`kg.rdf.regions.enrich_regions` reads: entity types, the labels of
    places and organisations, and the relations and roles that carry regions."""
    out, labelled = [], set()
    for t in triples:
        p = predicate(t)
        if p == TYPE:
            kind = _kind(t[t.rindex("\0") + 2 :])
            if kind:
                out.append(t)
                if kind in ("Place", "Organization"):
                    labelled.add(subject(t))
        elif p in _REGION_PREDICATES:
            out.append(t)
    out += [t for t in triples if predicate(t) == LABEL and subject(t) in labelled]
    return out


_VIEW_ANY = {TYPE, LABEL, str(RDFS.subClassOf), str(SKOS.altLabel)} | {
    str(KG[p]) for p in RELATIONS + ("leader", "host", "guest", "party", "unveiler", "attendee", "unveiled", "startDate",
                                     "endDate", "region", "inRegion", "originRegion", "destinationRegion", "level",
                                     "partOf")}
_VIEW_STATEMENT = {str(RDF.subject), str(RDF.predicate), str(RDF.object), str(KG.confidence), str(KG.evidence)}
_VIEW_EVIDENCE = {str(KG[p]) for p in ("document", "sentence", "rule", "trigger", "startChar", "endChar")}
_VIEW_DOC = {str(KG.path), str(DCTERMS.title), str(DCTERMS.date)}
_STATEMENT, _EVIDENCE, _DOC = (f"{ID}{k}/" for k in ("statement", "evidence", "doc"))
_EVIDENCE_P = str(KG.evidence)


def _view_part(triples) -> list[str]:
    """The triples graph.html reads (kg.viz): entities and events with their names, types,
    dates, relations, roles and regions; the statements of relations with their evidence and
    its article; regions. Not the evidence of events and posts, posts, mentions."""
    out, evidence, candidates = [], set(), []
    for t in triples:
        s, p = subject(t), predicate(t)
        if s.startswith(_STATEMENT):
            if p in _VIEW_STATEMENT:
                out.append(t)
                if p == _EVIDENCE_P:
                    evidence.add(t[t.rindex("\0") + 2 :])
        elif s.startswith(_EVIDENCE):
            if p in _VIEW_EVIDENCE:
                candidates.append((s, t))
        elif s.startswith(_DOC):
            if p in _VIEW_DOC:
                out.append(t)
        elif p == TYPE:
            if _kind(t[t.rindex("\0") + 2 :]) or t.endswith("\0" + "0" + str(KG.Event)):
                out.append(t)
        elif p in _VIEW_ANY:
            out.append(t)
    out += [t for s, t in candidates if s in evidence]
    return out


def _graph_task(args):
    tmp, groups = args
    trig_head = header(ox.RdfFormat.TRIG)
    buckets: dict[int, list[str]] = defaultdict(list)
    out = []
    view: list[str] = []
    trig_file = _mine(tmp, "trig")
    for name, docs in groups:
        triples: set[str] = set()
        for ref, ents in docs:
            doc = pickle.loads(read_range(*ref))[1]
            triples |= doc_triples(doc, ents)
        ordered = sort_triples(triples)
        block = ox.serialize(ox_quads(ordered, name), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        assert block.startswith(trig_head)
        block = block[len(trig_head):]
        out.append((name, trig_file, _append(trig_file, block), len(block), _region_part(ordered)))
        for b, part in split_buckets(ordered):
            buckets[b] += part
        view += _view_part(ordered)
    _append(_mine(tmp, "v"), pickle.dumps(view, protocol=pickle.HIGHEST_PROTOCOL))
    for b, ts in buckets.items():
        _append(_mine(tmp, f"b{b:03d}"), pickle.dumps(ts, protocol=pickle.HIGHEST_PROTOCOL))
    return out


# --- step 5: the union, bucket by bucket -------------------------------------------------------------


def _read_bucket(tmp: str, b: int | str) -> set[str]:
    triples: set[str] = set()
    name = f"b{b:03d}" if isinstance(b, int) else b
    for path in sorted(glob.glob(os.path.join(tmp, f"{name}-*.bin"))):
        with open(path, "rb") as f:
            while True:
                try:
                    triples.update(pickle.load(f))
                except EOFError:
                    break
    return triples


_RELATION_IRIS = {str(KG[name]): name for name in RELATIONS}


def _bucket_task(args):
    tmp, b = args
    ordered = sort_triples(_read_bucket(tmp, b))
    relations: Counter = Counter()
    entities: Counter = Counter()
    if not ordered:
        return b, None, 0, 0, 0, relations, entities
    types: dict[str, list[str]] = defaultdict(list)
    for t in ordered:
        p = predicate(t)
        if p == TYPE:
            types[subject(t)].append(t[t.rindex("\0") + 2 :])
        else:
            name = _RELATION_IRIS.get(p)
            if name:
                relations[name] += 1
    for cls in types.values():
        kind = next((k for k in map(_kind, cls) if k), None)
        if kind:
            entities[kind] += 1
    body = ox.serialize(ox_triples(ordered), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    head = header(ox.RdfFormat.TURTLE)
    assert body.startswith(head)
    body = body[len(head):]
    file = _mine(tmp, "ttl")
    return b, file, _append(file, body), len(body), len(ordered), relations, entities


def _html_task(args):
    """graph.html from the view files, into a temporary file beside it (renamed by the caller)."""
    tmp, target, title = args
    from kg.viz.html import write_html

    index = view_index(tmp)
    fd, path = tempfile.mkstemp(prefix=".graph.html.", suffix=".tmp", dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "wb") as f:
            write_html(f, index, title=title)
    except BaseException:
        os.unlink(path)
        raise
    return path


# --- the store, in its own process ---------------------------------------------------------------------


class _Loader:
    def __init__(self, final: Path):
        self.final = final
        self.tmp = final.with_name(".store.tmp")
        final.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.proc = subprocess.Popen([sys.executable, "-m", "kg.rdf.loader", str(self.tmp)], stdin=subprocess.PIPE,
                                     text=True)

    def send(self, kind: str, file: str, offset: int, length: int) -> None:
        if length and self.proc.poll() is None:  # a loader that failed says why when it is finished
            try:
                self.proc.stdin.write(f"{kind}\t{file}\t{offset}\t{length}\n")
                self.proc.stdin.flush()
            except BrokenPipeError:
                pass

    def finish(self, graph_file: Path) -> Path:
        from kg.store import _stamp

        try:
            self.proc.stdin.write("end\n")
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        if self.proc.wait() != 0:
            from kg.errors import KGError

            raise KGError(f"{self.final}: the Oxigraph store could not be written (see above); graph.ttl and "
                          "graph.trig are complete, and `kg query` reads them without it")
        (self.tmp / "kg-source.json").write_text(json.dumps(_stamp(graph_file)), encoding="utf-8")
        replace_dir(self.tmp, self.final)
        return self.final

    def abort(self) -> None:
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


# --- the whole write ---------------------------------------------------------------------------------------


@dataclass
class Written:
    triples: int = 0
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)
    buckets: list = field(default_factory=list)  # (file, offset, length) of each bucket's Turtle


def _copy_ranges(dst, ranges) -> None:
    for file, offset, length in ranges:
        dst.write(read_range(file, offset, length))


def write_outputs(docs: list[Spooled], out: Path, tmp: str, pool, store: bool, cache_dir: Path,
                  html_title: str | None = None) -> Written:
    """graph.ttl, graph.trig, the cache, (with ``store``) the Oxigraph store and (with
    ``html_title``) graph.html of ``docs``."""
    from kg.rdf.regions import REGIONS_GRAPH, enrich_regions
    from kg.rdf.fast import TripleIndex
    from kg.rdf.triples import resolved_entities

    trace("extracted")
    out.mkdir(parents=True, exist_ok=True)
    docs = sorted(docs, key=lambda d: (d.path, d.sha1))
    mapping, nodes = resolve([d.entities for d in docs])
    trace("resolved")
    loader = _Loader(out / "store") if store else None
    try:
        by_graph: dict[str, list] = defaultdict(list)
        for d in sorted(docs, key=lambda d: d.path):  # as build_graphs: one graph per content hash
            ents = resolved_entities(d.entities, mapping, nodes)
            by_graph[doc_iri(d)].append(((d.file, d.offset, d.length), ents))
        del mapping, nodes
        for d in docs:
            d.entities = None
        names = sorted(by_graph)
        size = 32
        tasks = [(tmp, [(n, by_graph[n]) for n in names[i : i + size]]) for i in range(0, len(names), size)]
        del by_graph
        results = pool.map(_graph_task, tasks) if pool is not None else map(_graph_task, tasks)
        blocks: dict[str, tuple] = {}
        region_part: set[str] = set()
        for res in results:
            for name, file, offset, length, part in res:
                blocks[name] = (file, offset, length)
                region_part.update(part)
                if loader:
                    loader.send("trig", file, offset, length)
        del tasks

        trace("articles' graphs written")
        # the region graph, from the few triples it reads
        index = TripleIndex(to_rdflib(t) for t in sorted(region_part))
        del region_part
        regions = sorted(from_rdflib(t) for t in enrich_regions(index))
        del index
        forget_rdflib_terms()
        main_trig = os.path.join(tmp, "trig-main.bin")
        if regions:
            block = ox.serialize(ox_quads(sort_triples(regions), str(REGIONS_GRAPH)), format=ox.RdfFormat.TRIG,
                                 prefixes=PREFIXES)[len(header(ox.RdfFormat.TRIG)):]
            with open(main_trig, "ab") as f:
                offset = f.tell()
                f.write(block)
            blocks[str(REGIONS_GRAPH)] = (main_trig, offset, len(block))
            if loader:
                loader.send("trig", main_trig, offset, len(block))
            by_bucket: dict[int, list[str]] = defaultdict(list)
            for t in regions:
                by_bucket[bucket(t)].append(t)
            for b, ts in by_bucket.items():
                with open(os.path.join(tmp, f"b{b:03d}-main.bin"), "ab") as f:
                    pickle.dump(ts, f, protocol=pickle.HIGHEST_PROTOCOL)
            with open(os.path.join(tmp, "v-main.bin"), "ab") as f:
                pickle.dump(_view_part(regions), f, protocol=pickle.HIGHEST_PROTOCOL)
        del regions

        trace("regions")
        # graph.html (in a worker, while the others write the union) and the union, bucket by bucket
        written = Written()
        html = None
        if html_title is not None:
            html_task = (tmp, str(out / "graph.html"), html_title)
            html = pool.submit(_html_task, html_task) if pool is not None else None
        tasks = [(tmp, b) for b in range(N_BUCKETS)]
        results = pool.map(_bucket_task, tasks) if pool is not None else map(_bucket_task, tasks)
        with atomic_file(out / "graph.ttl") as ttl:
            ttl.write(header(ox.RdfFormat.TURTLE))
            for b, file, offset, length, n, relations, entities in results:
                if not file:
                    continue
                ttl.write(read_range(file, offset, length))
                written.buckets.append((file, offset, length))
                written.triples += n
                written.relations.update(relations)
                written.entities.update(entities)
                if loader:
                    loader.send("ttl", file, offset, length)
        with atomic_file(out / "graph.trig") as trig:
            trig.write(header(ox.RdfFormat.TRIG))
            _copy_ranges(trig, (blocks[n] for n in sorted(blocks)))
        written.files = [out / "graph.ttl", out / "graph.trig"]
        trace("graph.ttl, graph.trig")
        _write_cache(docs, cache_dir)
        trace("cache")
        if html_title is not None:
            html_file = html.result() if html is not None else _html_task(html_task)
            html = None
            _publish(html_file, out / "graph.html")
            written.files.append(out / "graph.html")
            trace("graph.html")
        if loader:
            written.files.insert(2, loader.finish(out / "graph.ttl"))
            loader = None
            trace("store")
        return written
    finally:
        if loader:
            loader.abort()
        if html is not None:
            html.cancel()
            try:
                os.unlink(html.result())
            except BaseException:  # noqa: BLE001 - it failed or never ran: nothing to remove
                pass


def _publish(tmp_file: str, final: Path) -> None:
    """A complete temporary file in place of ``final``, readable as atomic_write makes it."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_file, 0o666 & ~umask)
    os.replace(tmp_file, final)


def _write_cache(docs: list[Spooled], final: Path) -> None:
    tmp = final.with_name(".cache.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for d in docs:  # sorted by (path, sha1): the last of the same content wins, as before
        (tmp / f"{d.sha1}.pickle").write_bytes(d.data())
    replace_dir(tmp, final)


def make_tmp(out: Path) -> str:
    out.mkdir(parents=True, exist_ok=True)
    return tempfile.mkdtemp(prefix=".build-", dir=out)


def view_index(tmp: str):
    """What graph.html reads of the union (:func:`_view_part`), as a :class:`CompactIndex`."""
    from kg.rdf.fast import CompactIndex

    def triples():
        for path in sorted(glob.glob(os.path.join(tmp, "v-*.bin"))):
            with open(path, "rb") as f:
                while True:
                    try:
                        part = pickle.load(f)
                    except EOFError:
                        break
                    yield from map(to_rdflib, part)

    index = CompactIndex(triples())
    forget_rdflib_terms()
    return index

"""Engines behind one façade: ``open_graph`` gives an rdflib graph whatever holds the triples.

* ``oxigraph`` (default): the persistent Oxigraph store that ``kg build`` writes beside the
  graph (``output/store/``), opened read-only; SPARQL runs inside Oxigraph (through oxrdflib).
  A graph file without a fresh store is bulk-loaded into an in-memory Oxigraph store.
* ``memory``: rdflib's own in-memory store, parsing the file.
* ``remote``: a SPARQL endpoint (``--endpoint URL``), through rdflib's SPARQLStore with the
  rewrites Virtuoso needs to answer like the others (:mod:`kg.remote`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.io import replace_dir
from kg.errors import GraphNotFound, KGError

__all__ = ["STORES", "open_graph", "write_store", "store_dir", "fresh_graph_file"]

STORES = ("oxigraph", "memory")
_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
            ".nq": ox.RdfFormat.N_QUADS}


def store_dir(graph_file: Path) -> Path:
    return Path(graph_file).parent / "store"


def _stamp(path: Path) -> dict:
    st = path.stat()
    return {"source": path.name, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def write_store(trig_file: Path, graph_file: Path) -> Path:
    """Bulk-load ``trig_file`` into a fresh persistent store beside ``graph_file``; the old store
    is replaced only once the new one is complete."""
    final = store_dir(graph_file)
    tmp = final.with_name(".store.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    store = ox.Store(str(tmp))
    store.bulk_load(path=str(trig_file), format=ox.RdfFormat.TRIG)  # one named graph per article
    store.bulk_load(path=str(graph_file), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())  # their union
    store.flush()
    store.optimize()
    del store
    (tmp / "kg-source.json").write_text(json.dumps(_stamp(Path(graph_file))), encoding="utf-8")
    replace_dir(tmp, final)
    return final


def fresh_graph_file(graph) -> Path | None:
    """The graph file ``graph`` (from open_graph) was opened for, when its store was loaded from
    that very file and the file has not changed since: its bytes are the graph's Turtle, as
    ``kg build`` wrote them (the union of the store's graphs, in kg's order)."""
    path = getattr(graph, "kg_graph_file", None)
    return path if path is not None and path.suffix.lower() == ".ttl" and _fresh(path) else None


def _fresh(graph_file: Path) -> bool:
    marker = store_dir(graph_file) / "kg-source.json"
    try:
        return json.loads(marker.read_text(encoding="utf-8")) == _stamp(graph_file)
    except (OSError, ValueError):
        return False


def _oxigraph_dataset(store: ox.Store) -> Dataset:
    """An rdflib view whose default graph is the union of the articles' graphs, each triple once
    (the store keeps that union as its default graph; GRAPH ?g still reaches each article)."""
    from oxrdflib import OxigraphStore

    return Dataset(store=OxigraphStore(store=store), default_union=False)


def open_graph(path: Path | None = None, store: str = "oxigraph", endpoint: str | None = None) -> Graph:
    """Open the graph at ``path`` (a graph file, or a store folder) with the chosen engine."""
    if endpoint:
        from kg.remote import remote_dataset

        return remote_dataset(endpoint)
    path = Path(path or "output/graph.ttl")
    if path.is_dir():
        if not (path / "kg-source.json").exists():
            raise GraphNotFound(f"{path}: not a kg store folder; pass the graph file or run `kg build`")
        return _oxigraph_dataset(ox.Store.read_only(str(path)))
    if not path.exists():
        raise GraphNotFound(f"{path}: no such graph file; run `kg build` first or pass --graph FILE")
    if store == "memory":
        from kg.api import load_graph

        return load_graph(path)
    if _fresh(path):
        try:
            ds = _oxigraph_dataset(ox.Store.read_only(str(store_dir(path))))
        except OSError:
            pass  # another process holds it: fall back to loading the file
        else:
            ds.kg_graph_file = path  # kg.export copies it while the store stays fresh from it
            return ds
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        from kg.api import load_graph

        return load_graph(path)
    mem = ox.Store()
    try:
        if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):  # the union into the default graph too
            mem.bulk_load(path=str(path), format=fmt)
            mem.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                       for q in ox.parse(path=str(path), format=fmt))
        else:
            mem.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise KGError(f"{path}: cannot parse the graph ({str(exc)[:120]}); rebuild it with `kg build`") from None
    return _oxigraph_dataset(mem)

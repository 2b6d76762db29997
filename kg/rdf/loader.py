"""Fill the Oxigraph store of a build in a process of its own, while the build goes on.

``python -m kg.rdf.loader STORE_DIR`` reads lines from stdin, each ``trig|ttl <tab> file <tab>
offset <tab> length``: a byte range of Turtle statements or TriG graph blocks (without their
prefix lines, which are the same for every part of a build). TriG goes into its named graphs,
Turtle into the default graph (the union of the articles). Ranges are loaded a few megabytes
at a time, so memory stays small whatever the size of the graph. A line ``end`` flushes and
compacts the store and exits 0; stdin closing before ``end`` leaves it unfinished (exit 1).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache

import pyoxigraph as ox

BATCH = 24 * 2**20  # bytes of TriG or Turtle per bulk load


@lru_cache(maxsize=None)
def header(fmt: ox.RdfFormat) -> bytes:
    """The prefix lines ``kg build`` writes at the top of graph.ttl and graph.trig."""
    from kg.rdf.fast import PREFIXES

    s = ox.NamedNode("https://w3id.org/cnkg/id/x")
    if fmt == ox.RdfFormat.TRIG:
        data = ox.serialize([ox.Quad(s, s, s, s)], format=fmt, prefixes=PREFIXES)
    else:
        data = ox.serialize([ox.Triple(s, s, s)], format=fmt, prefixes=PREFIXES)
    end = data.rindex(b"@prefix")
    return data[: data.index(b"\n", end) + 1]


def read_range(path: str, offset: int, length: int) -> bytes:
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.pread(fd, length, offset)
    finally:
        os.close(fd)


def main(argv: list[str]) -> int:
    store = ox.Store(argv[1])
    formats = {"trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE}
    heads = {k: header(f) for k, f in formats.items()}
    pending: dict[str, list[bytes]] = {"trig": [], "ttl": []}
    size = {"trig": 0, "ttl": 0}

    def load(kind: str) -> None:
        if not pending[kind]:
            return
        data = b"".join([heads[kind], *pending[kind]])
        pending[kind].clear()
        size[kind] = 0
        if kind == "ttl":
            store.bulk_load(data, format=formats[kind], to_graph=ox.DefaultGraph())
        else:
            store.bulk_load(data, format=formats[kind])

    for line in sys.stdin:
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "end":
            break
        kind, path, offset, length = parts[0], parts[1], int(parts[2]), int(parts[3])
        pending[kind].append(read_range(path, offset, length))
        size[kind] += length
        if size[kind] >= BATCH:
            load(kind)
    else:
        return 1
    load("trig")
    load("ttl")
    store.flush()
    store.optimize()
    del store
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

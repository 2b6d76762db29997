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

BATCH = 16 * 2**20  # bytes of TriG or Turtle per bulk load (two at a time)


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
    import queue
    import threading

    store = ox.Store(argv[1])
    formats = {"trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE}
    heads = {k: header(f) for k, f in formats.items()}
    lines: queue.Queue = queue.Queue()  # stdin is read at once, so that the build never waits on a full pipe
    batches: queue.Queue = queue.Queue(maxsize=2)
    failed: list[BaseException] = []

    def read() -> None:
        for line in sys.stdin:
            lines.put(line)
        lines.put(None)

    def load() -> None:  # two of these: one bulk load can wait on the disk while the other sorts
        while (batch := batches.get()) is not None:
            kind, data = batch
            try:
                if kind == "ttl":
                    store.bulk_load(data, format=formats[kind], to_graph=ox.DefaultGraph())
                else:
                    store.bulk_load(data, format=formats[kind])
            except BaseException as exc:  # noqa: BLE001 - reported by the main thread
                failed.append(exc)

    threading.Thread(target=read, daemon=True).start()
    loaders = [threading.Thread(target=load) for _ in range(2)]
    for t in loaders:
        t.start()
    pending: dict[str, list[bytes]] = {"trig": [], "ttl": []}
    size = {"trig": 0, "ttl": 0}

    def flush(kind: str) -> None:
        if pending[kind]:
            batches.put((kind, b"".join([heads[kind], *pending[kind]])))
            pending[kind].clear()
            size[kind] = 0

    ended = False
    while (line := lines.get()) is not None:
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "end":
            ended = True
            break
        kind, path, offset, length = parts[0], parts[1], int(parts[2]), int(parts[3])
        pending[kind].append(read_range(path, offset, length))
        size[kind] += length
        if size[kind] >= BATCH:
            flush(kind)
    if ended:
        flush("trig")
        flush("ttl")
    for _ in loaders:
        batches.put(None)
    for t in loaders:
        t.join()
    if not ended or failed:
        if failed:
            print(f"kg.rdf.loader: {failed[0]}", file=sys.stderr)
        return 1
    store.flush()
    store.optimize()
    if os.environ.get("KG_TRACE"):
        import time

        print(f"kg.rdf.loader: {time.process_time():.1f} s cpu", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""The extraction cache beside a built graph (``output/cache/``): one file per article, so that
``kg build --add`` and ``kg remove`` rebuild the graph without reading old articles again."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from kg.io import replace_dir
from kg.errors import GraphNotFound
from kg.pipeline.doc import Document

__all__ = ["load", "save", "files", "folder", "VERSION"]

VERSION = 1


def _dir(out: Path) -> Path:
    return Path(out) / "cache"


folder = _dir


def files(out: Path) -> list[Path]:
    """The cache files of the graph built in ``out``, one per article."""
    folder = _dir(out)
    if not folder.is_dir():
        raise GraphNotFound(f"{out}: no graph built here yet (no cache/); run `kg build --out {out}` first")
    return sorted(folder.glob("*.pickle"))


def load(out: Path) -> list[Document]:
    docs = []
    for f in files(out):
        with open(f, "rb") as fh:
            version, doc = pickle.load(fh)
        if version != VERSION:
            raise GraphNotFound(f"{f}: built by another version of kg; rebuild with `kg build --out {out}`")
        docs.append(doc)
    return docs


def save(out: Path, docs: list[Document]) -> None:
    final = _dir(out)
    tmp = final.with_name(".cache.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for d in docs:
        with open(tmp / f"{d.sha1}.pickle", "wb") as fh:
            pickle.dump((VERSION, d), fh, protocol=pickle.HIGHEST_PROTOCOL)
    replace_dir(tmp, final)

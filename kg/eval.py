"""``python -m kg.eval``: precision, recall and F1 per relation and per entity type on the
corpus article, the development set and its held-aside fifth.

Each article is built alone and scored against its own gold file with the project's scorer
(``../shared/eval/score.py``), then the counts are summed: scoring articles one by one keeps
short aliases that different articles use for different bodies (区委, 市政府) apart.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from kg.api import extract
from kg.rdf.fast import turtle_bytes
from kg.rdf.mapping import build_graphs
from kg.rdf.schema import ontology_dir

__all__ = ["evaluate", "main"]

SETS = {"corpus": ("data", "../shared/eval/gold"), "dev": ("data/dev/tune", "data/dev/tune/gold"),
        "holdout": ("data/dev/holdout", "data/dev/holdout/gold"), "fresh": ("data/dev/fresh", "data/dev/fresh/gold"),
        "unseen": ("data/dev/unseen", "data/dev/unseen/gold"),
        "fresh2": ("data/dev/fresh2", "data/dev/fresh2/gold"),
        "heldout2": ("data/dev/heldout2", "data/dev/heldout2/gold")}


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("kg_score", path)
    if spec is None or not path.exists():
        sys.exit(f"kg.eval: the scorer {path} is missing; pass --scorer PATH")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _gold_for(article: Path, gold_dir: Path) -> Path | None:
    for cand in sorted(gold_dir.glob("*.json")):
        d = json.loads(cand.read_text(encoding="utf-8"))
        if d.get("document") == article.name or cand.stem == article.stem:
            return cand
    return None


def evaluate(articles: Path, gold_dir: Path, scorer, show: bool = False) -> dict:
    ent, rel = Counter(), Counter()
    errors: list[str] = []
    files = sorted(f for f in articles.iterdir() if f.suffix in (".txt", ".md", ".html", ".htm"))
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            gold = _gold_for(f, gold_dir)
            if gold is None:
                continue
            docs, _ = extract([f])
            out = Path(tmp) / "g.ttl"
            out.write_bytes(turtle_bytes(build_graphs(docs).union()))
            ent_rows, rel_rows = scorer.score(out, [gold], ontology_dir())
            for name, (tp, fp, fn, missed, spurious) in list(ent_rows.items()) + list(rel_rows.items()):
                target = ent if name in ent_rows and name[0].isupper() else rel
                target[(name, "tp")] += tp
                target[(name, "fp")] += fp
                target[(name, "fn")] += fn
                errors += [f"{f.name}: missed {name} {m}" for m in missed]
                errors += [f"{f.name}: spurious {name} {s}" for s in spurious]
    return {"entities": ent, "relations": rel, "errors": errors, "articles": len(files)}


def _prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _table(res: dict) -> list[str]:
    lines = ["| | tp | fp | fn | P | R | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for kind in ("relations", "entities"):
        c = res[kind]
        names = sorted({n for n, _ in c}, key=lambda n: n)
        tot = Counter()
        for n in names:
            tp, fp, fn = c[(n, "tp")], c[(n, "fp")], c[(n, "fn")]
            tot.update(tp=tp, fp=fp, fn=fn)
            p, r, f = _prf(tp, fp, fn)
            lines.append(f"| {n} | {tp} | {fp} | {fn} | {p:.2f} | {r:.2f} | {f:.2f} |")
        p, r, f = _prf(tot["tp"], tot["fp"], tot["fn"])
        lines.append(f"| **{kind} micro** | {tot['tp']} | {tot['fp']} | {tot['fn']} | {p:.2f} | {r:.2f} | **{f:.3f}** |")
    return lines


def micro(res: dict, kind: str) -> float:
    c = res[kind]
    tp = sum(v for (n, k), v in c.items() if k == "tp")
    fp = sum(v for (n, k), v in c.items() if k == "fp")
    fn = sum(v for (n, k), v in c.items() if k == "fn")
    return _prf(tp, fp, fn)[2]


def error_kinds(res: dict, top: int = 5) -> list[tuple[str, int]]:
    """The most common kinds of error: missed or spurious, by relation or entity type."""
    kinds = Counter(" ".join(e.split(": ", 1)[1].split()[:2]) for e in res["errors"])
    return sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def markdown(scorer, sets) -> str:
    out = ["Produced by `python -m kg.eval --markdown` (each article built alone and scored with "
           "`../shared/eval/score.py` against its own gold; counts summed).", ""]
    summary = ["| set | articles | relations micro-F1 | entities micro-F1 |", "|---|---:|---:|---:|"]
    body = []
    for name in sets:
        articles, gold = SETS[name]
        res = evaluate(Path(articles), Path(gold), scorer)
        summary.append(f"| {name} (`{articles}`) | {res['articles']} | {micro(res, 'relations'):.3f} | "
                       f"{micro(res, 'entities'):.3f} |")
        body += [f"#### {name}", ""] + _table(res) + [""]
        body.append("Most common errors: " + "; ".join(f"{k} ({n})" for k, n in error_kinds(res)) + ".")
        body.append("")
    return "\n".join(out + summary + [""] + body)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scorer", type=Path, default=Path("../shared/eval/score.py"))
    ap.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS), metavar="SET",
                    help=f"the sets to score (default: all of {', '.join(SETS)})")
    ap.add_argument("--errors", type=int, default=0, help="also list this many missed/spurious items per set")
    ap.add_argument("--markdown", action="store_true", help="print the README's evaluation section")
    a = ap.parse_args(argv)
    scorer = _scorer(a.scorer)
    if a.markdown:
        print(markdown(scorer, a.sets))
        return 0
    for name in a.sets:
        articles, gold = SETS[name]
        res = evaluate(Path(articles), Path(gold), scorer)
        print(f"\n### {name}: {articles} ({res['articles']} articles)\n")
        print("\n".join(_table(res)))
        print(f"\nmicro-F1 relations={micro(res, 'relations'):.3f} entities={micro(res, 'entities'):.3f}")
        for e in res["errors"][: a.errors]:
            print("   ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

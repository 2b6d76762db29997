"""``kg explain``: why a fact is in the graph, or why it is missing."""

from __future__ import annotations

from pathlib import Path

from kg.pipeline import process
from kg.reader import read_article

__all__ = ["explain_file"]


def explain_file(path: Path) -> str:
    doc = process(read_article(Path(path)))
    lines = [f"{doc.path}: {len(doc.sentences)} sentences, {len(doc.entities)} entities, "
             f"{len(doc.relations)} relations (date {doc.date or '-'}, year {doc.year or '-'})"]
    for s, e in doc.dropped:
        lines.append(f"  dropped [{s}:{e}] {doc.text[s:e][:50]}")
    by_sentence: dict[int, list] = {}
    for r in doc.relations:
        by_sentence.setdefault(r.sentence, []).append(r)
    label = {k: e.label for k, e in doc.entities.items()} | {k: e.label for k, e in doc.events.items()}
    for s in doc.sentences:
        lines.append(f"\n[{s.index}] {s.start}-{s.end}{' (headline)' if s.headline else ''}: {doc.text[s.start:s.end]}")
        for m in doc.in_sentence(s):
            ent = label.get(m.entity, "") if m.entity else ""
            arrow = f" -> {ent}" if ent and ent != m.text else ""
            lines.append(f"    {m.type:12} {m.start}-{m.end} {m.text}{arrow}  ({m.rule}{', ' + m.subtype if m.subtype else ''})")
        for r in by_sentence.get(s.index, []):
            lines.append(f"    => {label.get(r.subj, r.subj)} {r.pred} {label.get(r.obj, r.obj)}"
                         f"  [rule {r.rule}, words '{r.trigger}', confidence {r.confidence:.2f}]")
    return "\n".join(lines)

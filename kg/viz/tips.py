"""Tooltips of the network view, as plain text: lists of sections of ``[key, value]`` rows.

The page turns each row into DOM text nodes, so no string from the graph is parsed as HTML.
Keys are bilingual ("证据 evidence"); empty values are left out.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.rdf.namespace import KG
from kg.viz.vocab import CLASS_LABELS, KIND_STYLE, RELATION_LABELS, ROLE_LABELS, SYMMETRIC

__all__ = ["MAX_EVIDENCE", "local_name", "text_value", "class_text", "evidence_sections", "node_tip", "edge_tip",
           "role_tip"]

MAX_EVIDENCE = 5  # evidence sections shown in one edge tooltip; the rest are counted

Tip = list[list[list[str]]]


def local_name(term: Node) -> str:
    """The last segment of an IRI: what a node without a label is called."""
    text = str(term)
    return text.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or text


def text_value(graph: Graph, node: Node, pred: URIRef) -> str:
    """The smallest value of ``pred`` on ``node`` as text, or "" when there is none."""
    values = sorted(str(o) for o in graph.objects(node, pred))
    return values[0] if values else ""


def class_text(cls: Node) -> str:
    """A class as "企业 Company"; a class the vocabulary does not know by its IRI's last segment."""
    zh, en = CLASS_LABELS.get(cls, ("", local_name(cls)))
    return f"{zh} {en}".strip()


def _number(text: str) -> float:
    """A confidence for sorting; one that is not a number sorts last."""
    try:
        return float(text)
    except ValueError:
        return 0.0


def evidence_sections(graph: Graph, statements: list[Node]) -> Tip:
    """One tooltip section per piece of evidence of these statements, most confident first.

    At most MAX_EVIDENCE sections; a last one counts the rest.
    """
    ranked = []
    for st in statements:
        confidence = text_value(graph, st, KG.confidence)
        evidence = sorted(graph.objects(st, KG.evidence), key=str) or [None]
        for ev in evidence:
            rows = []
            if ev is not None:
                doc = graph.value(ev, KG.document)
                span = f"{text_value(graph, ev, KG.startChar)}–{text_value(graph, ev, KG.endChar)}"
                rows += [
                    ["证据 evidence", text_value(graph, ev, KG.sentence)],
                    ["规则 rule", text_value(graph, ev, KG.rule)],
                    ["触发 trigger", text_value(graph, ev, KG.trigger)],
                ]
                if doc is not None:
                    rows += [
                        ["文档 document", text_value(graph, doc, KG.path)],
                        ["标题 title", text_value(graph, doc, DCTERMS.title)],
                        ["日期 date", text_value(graph, doc, DCTERMS.date)],
                    ]
                rows.append(["位置 chars", span if span != "–" else ""])
            rows.append(["置信度 confidence", confidence])
            section = [row for row in rows if row[1]]
            ranked.append((-_number(confidence), [r[1] for r in section], section))
    sections = [section for *_, section in sorted(ranked)]
    if len(sections) > MAX_EVIDENCE:
        more = len(sections) - MAX_EVIDENCE
        sections = sections[:MAX_EVIDENCE] + [[["…", f"另有 {more} 条证据 ({more} more)"]]]
    return sections


def node_tip(graph: Graph, node: Node, kind: str, types: list[Node], label: str, alts: list[str],
             region: str) -> Tip:
    """Type (the most specific classes), names, date of an event, region, IRI."""
    zh, en = KIND_STYLE[kind][:2]
    specific = " · ".join(class_text(t) for t in types) or f"{zh} {en}"
    rows = [["类型 type", specific], ["名称 label", label]]
    if alts:
        rows.append(["别名 also", "、".join(alts)])
    start, end = text_value(graph, node, KG.startDate), text_value(graph, node, KG.endDate)
    if start:
        rows.append(["日期 date", f"{start} – {end}" if end and end != start else start])
    if region:
        rows.append(["地区 region", region])
    rows.append(["IRI", str(node)])
    return [rows]


def edge_tip(graph: Graph, relation: str, subject_label: str, object_label: str, statements: list[Node]) -> Tip:
    """The relation, its two ends, then its evidence."""
    zh, en = RELATION_LABELS[relation]
    ends = f"{subject_label} {'—' if relation in SYMMETRIC else '→'} {object_label}"
    return [[["关系 relation", f"{zh} {en}"], ["实体 between", ends]]] + evidence_sections(graph, statements)


def role_tip(role: str, event_label: str, participant_label: str) -> Tip:
    """The role, the event and who takes part in it in that role."""
    zh, en = ROLE_LABELS[role]
    return [[["角色 role", f"{zh} {en}"], ["事件 event", event_label], ["参与者 participant", participant_label]]]

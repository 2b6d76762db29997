"""Triples as compact strings, for building big graphs without holding rdflib terms.

A triple is one ``str``: subject IRI, NUL, predicate IRI, NUL, then the object: ``"0" + IRI``,
or ``"1" + lexical form + NUL + language + NUL + datatype IRI`` for a literal. Sorting these
strings orders triples exactly as :func:`kg.rdf.fast.turtle_bytes` does (subject, predicate,
IRIs before literals, lexical form, language, datatype), and a set of them is a set of triples.

:func:`doc_triples` writes one article's named graph in this form; it is the only place that
says which triples an article gives (:func:`kg.rdf.mapping.build_graphs` goes through it too).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.pipeline.doc import Document
from kg.rdf.namespace import ID, KG
from kg.resolve import slug

__all__ = ["doc_triples", "doc_iri", "resolved_entities", "to_rdflib", "from_rdflib", "ox_triple", "ox_quad",
           "subject", "predicate", "bucket", "split_buckets", "N_BUCKETS", "sort_triples", "post_since"]

_ID = str(ID)
_KG = str(KG._NS)
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_ORG = "http://www.w3.org/ns/org#"
_DCT = "http://purl.org/dc/terms/"

TYPE = _RDF + "type"
LABEL = _RDFS + "label"
ALT = _SKOS + "altLabel"


def _p(iri: str) -> str:
    return "\0" + iri + "\0"


# "\0pred\0": what goes between a subject and an object
P_TYPE, P_LABEL, P_ALT = _p(TYPE), _p(LABEL), _p(ALT)
P_SUBJ, P_PRED, P_OBJ = _p(_RDF + "subject"), _p(_RDF + "predicate"), _p(_RDF + "object")
P_TITLE, P_DATE = _p(_DCT + "title"), _p(_DCT + "date")
P_POSTIN, P_HOLDS = _p(_ORG + "postIn"), _p(_ORG + "holds")
K = {name: _p(_KG + name) for name in (
    "path", "sha1", "mentionedIn", "region", "document", "sentence", "startChar", "endChar", "rule", "trigger",
    "confidence", "evidence", "firstParty", "startDate", "endDate", "destination", "field", "unveiled",
    "agreement", "title", "acting", "former", "since")}


def iri(value: str) -> str:
    return "0" + value


def lit(lex: str, lang: str = "", datatype: str = "") -> str:
    return "1" + lex + "\0" + lang + "\0" + datatype


def zh(text: str) -> str:
    return "1" + text + "\0zh\0"


@lru_cache(maxsize=None, typed=True)  # True and 1 are different literals
def _typed(value) -> str:
    """A Python value as rdflib writes it (lexical form and datatype), as an object."""
    term = Literal(value)
    return lit(str(term), "", str(term.datatype or ""))


@lru_cache(maxsize=4096)
def _typed_lex(lex: str, datatype: str) -> str:
    term = Literal(lex, datatype=URIRef(datatype))
    return lit(str(term), "", str(term.datatype or ""))


def _decimal(conf: float) -> str:
    return _typed_decimal(str(round(conf, 2)))


@lru_cache(maxsize=None)
def _typed_decimal(text: str) -> str:
    return _typed(Decimal(text))


def _h(*parts: str, n: int = 16) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def doc_iri(doc) -> str:
    return f"{_ID}doc/{doc.sha1[:16]}"


def _class(node) -> str:
    if node.type == "Organization":
        try:
            return str(getattr(KG, node.subtype))
        except AttributeError:
            return _KG + "Organization"
    return str(getattr(KG, node.type))


def resolved_entities(doc, mapping, nodes) -> dict[str, tuple]:
    """What :func:`doc_triples` needs of resolution for one article: per entity key, its node's
    IRI, class, label, other names (sorted) and region code."""
    out = {}
    for key in doc.entities:
        path = mapping[(doc.path, key)]
        node = nodes[path]
        out[key] = (_ID + path, _class(node), node.label,
                    tuple(sorted((node.aliases | node.originals) - {node.label})),
                    node.code if node.type == "Place" else "")
    return out


def doc_triples(doc: Document, ents: dict[str, tuple]) -> set[str]:
    """One article's named graph, given its :func:`resolved_entities`."""
    g: set[str] = set()
    add = g.add
    d = doc_iri(doc)
    od = "0" + d
    add(d + P_TYPE + iri(_KG + "Document"))
    add(d + K["path"] + lit(doc.path))
    add(d + K["sha1"] + lit(doc.sha1))
    if doc.title:
        add(d + P_TITLE + zh(doc.title))
    if doc.date:
        add(d + P_DATE + _typed_lex(doc.date, _XSD + "date"))
    short = doc.sha1[:12]
    events = {}

    def node(key: str) -> str:
        if key.startswith("Event:"):
            e = events.get(key)
            if e is None:
                e = events[key] = f"{_ID}event/{short}-{slug(key[6:])[:60]}"
            return e
        return ents[key][0]

    for key in doc.entities:
        e, cls, label, alts, code = ents[key]
        add(e + P_TYPE + "0" + cls)
        add(e + P_LABEL + zh(label))
        for alias in alts:
            add(e + P_ALT + zh(alias))
        add(e + K["mentionedIn"] + od)
        if code:
            add(e + K["region"] + "0" + _ID + "region/" + code)

    def evidence(sent_index: int, rule: str, trigger: str, conf: float) -> str:
        s = doc.sentences[sent_index]
        ev = f"{_ID}evidence/{short}-{s.index}-{_h(rule, trigger, n=8)}"
        add(ev + P_TYPE + "0" + _KG + "Evidence")
        add(ev + K["document"] + od)
        add(ev + K["sentence"] + zh(doc.text[s.start : s.end]))
        add(ev + K["startChar"] + _typed(s.start))
        add(ev + K["endChar"] + _typed(s.end))
        add(ev + K["rule"] + lit(rule))
        add(ev + K["trigger"] + zh(trigger))
        add(ev + K["confidence"] + _decimal(conf))
        return "0" + ev

    for key, ev in doc.events.items():
        e = node(key)
        add(e + P_TYPE + "0" + str(getattr(KG, ev.kind)))
        add(e + P_LABEL + zh(ev.label))
        if ev.original and ev.original != ev.label:
            add(e + P_ALT + zh(ev.original))
        add(e + K["document"] + od)
        add(e + K["evidence"] + evidence(ev.sentence, ev.rule, ev.label if ev.named else ev.kind, 0.9))
        for other in ev.also:
            add(e + K["evidence"] + evidence(other, ev.rule, ev.kind, 0.9))
        for role, who in ev.roles:
            add(e + _p(str(getattr(KG, role))) + "0" + node(who))
        first = next((who for role, who in ev.roles if role == "party"), None)
        if first:
            add(e + K["firstParty"] + "0" + node(first))
        if ev.start_date:
            add(e + K["startDate"] + _typed_lex(ev.start_date, _XSD + "date"))
        if ev.end_date:
            add(e + K["endDate"] + _typed_lex(ev.end_date, _XSD + "date"))
        if ev.place:
            add(e + K["destination"] + "0" + node(ev.place))
        for f in ev.fields:
            add(e + K["field"] + zh(f))
        if ev.unveiled:
            add(e + K["unveiled"] + "0" + node(ev.unveiled))
        if ev.agreement:
            a = f"{_ID}agreement/{short}-{_h(key, ev.agreement, n=8)}"
            add(a + P_TYPE + "0" + _KG + "Agreement")
            add(a + P_LABEL + zh(ev.agreement))
            add(e + K["agreement"] + "0" + a)

    # one statement per fact and article (its IRI names both): the article's evidence for the
    # fact, and the highest confidence among them; another article's statement has its own
    best: dict[str, float] = {}
    for r in doc.relations:
        s, o, p = node(r.subj), node(r.obj), str(getattr(KG, r.pred))
        add(s + _p(p) + "0" + o)
        st = f"{_ID}statement/{_h(s, p, o, short)}"
        add(st + P_TYPE + "0" + _KG + "Statement")
        add(st + P_SUBJ + "0" + s)
        add(st + P_PRED + "0" + p)
        add(st + P_OBJ + "0" + o)
        best[st] = max(best.get(st, 0.0), r.confidence)
        add(st + K["evidence"] + evidence(r.sentence, r.rule, r.trigger, r.confidence))
        if r.event:
            add(st + K["document"] + od)
    for st, confidence in best.items():
        add(st + K["confidence"] + _decimal(confidence))

    for key, ent in doc.entities.items():
        for title, org, acting, former, pos in ent.titles:
            s = doc.sentence_at(pos)
            if not org or s is None:
                continue
            post = f"{_ID}post/{_h(ents[key][0][len(_ID):], ents[org][0][len(_ID):], title)}"
            add(post + P_TYPE + "0" + _KG + "Post")
            add(post + K["title"] + zh(title.lstrip("原前")))
            add(post + P_POSTIN + "0" + node(org))
            add(post + K["acting"] + _typed(bool(acting)))
            add(post + K["former"] + _typed(bool(former)))
            since = post_since(doc.norm[s.start : pos])
            if since is not None:
                add(post + K["since"] + lit(str(since), "", str(since.datatype)))
            add(node(key) + P_HOLDS + "0" + post)
            add(post + K["evidence"] + evidence(s.index, "post.title", title, 0.9))
    return g


_SINCE = re.compile(r"(?:自|从|于)?(\d{4})年(?:(\d{1,2})月)?(?:起|以来)?(?:开始)?(?:担任|出任|任职|任)[^,。;]{0,20}$")


def post_since(before: str) -> Literal | None:
    """自2021年3月起担任… right before a title: when the post began (year, or year and month)."""
    from rdflib.namespace import XSD

    m = _SINCE.search(before)
    if not m:
        return None
    if m.group(2):
        return Literal(f"{m.group(1)}-{int(m.group(2)):02d}", datatype=XSD.gYearMonth)
    return Literal(m.group(1), datatype=XSD.gYear)


# --- reading triples back -------------------------------------------------------------------


def subject(t: str) -> str:
    return t[: t.index("\0")]


def predicate(t: str) -> str:
    i = t.index("\0") + 1
    return t[i : t.index("\0", i)]


def _split(t: str) -> tuple[str, str, str]:
    s, p, o = t.split("\0", 2)
    return s, p, o


def _lit_parts(o: str) -> tuple[str, str, str]:
    lex, lang, dt = o[1:].rsplit("\0", 2)
    return lex, lang, dt


_RDFLIB: dict = {}


def _rdflib_term(o: str):
    term = _RDFLIB.get(o)
    if term is None:
        if o[0] == "0":
            term = URIRef(o[1:])
        else:
            lex, lang, dt = _lit_parts(o)
            term = Literal(lex, lang=lang or None, datatype=URIRef(dt) if dt else None, normalize=False)
        _RDFLIB[o] = term
    return term


def to_rdflib(t: str) -> tuple:
    """rdflib terms (one object per distinct term, shared)."""
    s, p, o = _split(t)
    return _rdflib_term("0" + s), _rdflib_term("0" + p), _rdflib_term(o)


def forget_rdflib_terms() -> None:
    _RDFLIB.clear()


def from_rdflib(triple) -> str:
    s, p, o = triple
    if isinstance(o, Literal):
        return f"{s}\0{p}\0" + lit(str(o), o.language or "", str(o.datatype or ""))
    return f"{s}\0{p}\0" + "0" + str(o)


_XSD_STRING = _XSD + "string"


def _ox_object(o: str):
    if o[0] == "0":
        return ox.NamedNode(o[1:])
    lex, lang, dt = _lit_parts(o)
    if lang:
        return ox.Literal(lex, language=lang)
    if dt:
        return ox.Literal(lex, datatype=ox.NamedNode(dt))
    return ox.Literal(lex)


class _OxTerms:
    """Turn sorted triple strings into Oxigraph terms, reusing the subject and predicates."""

    def __init__(self) -> None:
        self.preds: dict = {}
        self.last = (None, None)

    def triple(self, t: str) -> ox.Triple:
        s, p, o = _split(t)
        if self.last[0] != s:
            self.last = (s, ox.NamedNode(s))
        pn = self.preds.get(p)
        if pn is None:
            pn = self.preds[p] = ox.NamedNode(p)
        return ox.Triple(self.last[1], pn, _ox_object(o))


def ox_triples(triples):
    conv = _OxTerms()
    return (conv.triple(t) for t in triples)


def ox_quads(triples, graph: str):
    conv = _OxTerms()
    g = ox.NamedNode(graph)
    for t in triples:
        tr = conv.triple(t)
        yield ox.Quad(tr.subject, tr.predicate, tr.object, g)


def ox_triple(t: str) -> ox.Triple:
    return _OxTerms().triple(t)


def ox_quad(t: str, graph: str) -> ox.Quad:
    return next(ox_quads([t], graph))


def _tuple_key(t: str):
    s, p, o = _split(t)
    if o[0] == "0":
        return (s, p, False, o[1:], "", "")
    lex, lang, dt = _lit_parts(o)
    return (s, p, True, lex, lang, dt)


def sort_triples(triples) -> list[str]:
    """In the order of :func:`kg.rdf.fast.turtle_bytes`. The strings sort that way by themselves
    unless a literal holds a NUL character; then each is compared part by part."""
    out = sorted(triples)
    if any(t.count("\0") > 4 for t in out):
        out.sort(key=_tuple_key)
    return out


# --- buckets: subject ranges, so that the union can be sorted one part at a time ---------------

_HEX = "0123456789abcdef"
_SPLITS = sorted(
    [f"{_ID}{kind}/{h}" for kind in ("agreement", "doc", "event", "evidence", "post", "statement") for h in _HEX[1:]]
    + [f"{_ID}{kind}/{chr(0x4E00 + i * 0x520)}" for kind in ("organization", "person", "place") for i in range(1, 16)]
    + [f"{_ID}{kind}/" for kind in ("agreement", "doc", "event", "evidence", "organization", "person", "place",
                                     "post", "region", "statement")]
)
N_BUCKETS = len(_SPLITS) + 1


def bucket(t: str) -> int:
    """Buckets partition triples by subject ranges: every triple of bucket i sorts before every
    triple of bucket j > i, and a subject's triples are all in one bucket."""
    return bisect_right(_SPLITS, subject(t))



def split_buckets(ordered: list[str]):
    """(bucket, its triples) for sorted triples: a triple string sorts against a split point as
    its subject does, so each bucket is one slice."""
    lo = 0
    while lo < len(ordered):
        b = bucket(ordered[lo])
        hi = bisect_left(ordered, _SPLITS[b], lo) if b < len(_SPLITS) else len(ordered)
        yield b, ordered[lo:hi]
        lo = hi

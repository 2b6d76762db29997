"""Check a graph against ``ontology/shapes.ttl`` (SHACL, run by pyshacl with the ontology mixed
in, so that a shape on kg:Organization also covers kg:Company …).

    >>> from kg.validate import validate_graph
    >>> validate_graph(graph)        # doctest: +SKIP
    ['id:statement/ab12 (甲 signedWith 乙): kg:evidence: needs at least one kg:evidence']
"""

from __future__ import annotations

from functools import cache

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.errors import KGError, RuleError
from kg.rdf.mapping import union_graph
from kg.rdf.namespace import ID, KG
from kg.rdf.schema import ontology_dir

__all__ = ["validate_graph", "shapes_graph", "SHAPES_FILE"]

SHAPES_FILE = "shapes.ttl"
_SHORT = ((str(ID), "id:"), (str(KG._NS), "kg:"), (str(RDF), "rdf:"), (str(RDFS), "rdfs:"))


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once."""
    path = ontology_dir() / SHAPES_FILE
    if not path.is_file():
        raise KGError(f"{path}: the SHACL shapes are missing; reinstall kg or restore the file")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib parsers raise several types
        raise RuleError(f"{path}: cannot parse the shapes ({str(exc)[:120]}); fix the Turtle") from None


@cache
def _ontology() -> Graph:
    g = Graph()
    for f in sorted(ontology_dir().glob("*.ttl")):
        if f.name != SHAPES_FILE:
            g.parse(f, format="turtle")
    return g


def validate_graph(graph: Graph) -> list[str]:
    """One readable line per SHACL violation: ``focus node: path: message``, sorted.
    An empty list means the graph conforms."""
    from pyshacl import validate

    data = union_graph(graph) if isinstance(graph, Dataset) else graph
    _, report, _ = validate(data, shacl_graph=shapes_graph(), ont_graph=_ontology(), inference="none",
                            abort_on_first=False, allow_warnings=True)
    lines = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        path = report.value(r, SH.resultPath)
        value = report.value(r, SH.value)
        message = str(report.value(r, SH.resultMessage) or report.value(r, SH.sourceConstraintComponent))
        severity = report.value(r, SH.resultSeverity)
        line = _describe(data, focus) + ": "
        if severity is not None and severity != SH.Violation:
            line = f"{str(severity).rsplit('#', 1)[-1]}: " + line
        if path is not None:
            line += _path(report, path) + ": "
        line += message
        if value is not None and value != focus:
            line += f" (value: {_short(value)})"
        lines.add(line)
    return sorted(lines)


def _path(report: Graph, path) -> str:
    """A result path as SPARQL writes it: ``kg:leader``, ``^kg:ledDelegation``; ``(path)`` for
    the other kinds of path, which kg's shapes do not use."""
    if isinstance(path, URIRef):
        return _short(path)
    inverse = report.value(path, SH.inversePath)
    return "^" + _short(inverse) if isinstance(inverse, URIRef) else "(path)"


def _short(term) -> str:
    if isinstance(term, Literal):
        return str(term)
    s = str(term)
    for ns, prefix in _SHORT:
        if s.startswith(ns):
            return prefix + s[len(ns):]
    return s if not isinstance(term, URIRef) else f"<{s}>"


def _name(g: Graph, node) -> str:
    labels = sorted(str(x) for x in g.objects(node, RDFS.label))
    return " / ".join(labels) if labels else _short(node)


def _describe(g: Graph, node) -> str:
    """The focus node as a reader knows it: its label, or what a statement says, and its IRI."""
    if (node, RDF.type, KG.Statement) in g:
        s, p, o = (min(g.objects(node, x), key=str, default=None)
                   for x in (RDF.subject, RDF.predicate, RDF.object))
        relation = "?" if p is None else str(p).rsplit("#", 1)[-1]
        said = [("?" if s is None else _name(g, s)), relation, ("?" if o is None else _name(g, o))]
        return f"{_short(node)} ({' '.join(said)})"
    labels = sorted(str(x) for x in g.objects(node, RDFS.label))
    return f"{' / '.join(labels)} ({_short(node)})" if labels else _short(node)

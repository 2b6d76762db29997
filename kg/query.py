"""SPARQL over the graph: a library of named queries, parameters bound safely, readable output.

    >>> from kg.query import run_query, format_result
    >>> print(format_result(run_query(graph, "signings"), "table"))          # doctest: +SKIP
    >>> run_query(graph, "neighbours", {"name": "某某"})                      # doctest: +SKIP

A query is given as text, as a path to a ``.rq`` file, or as the name of a library query in
``kg/queries/``. Library files start with ``# <what it answers>`` and declare parameters with
``# param: name — meaning``. Parameter values become string literals in a trailing ``VALUES``
clause, escaped here, never spliced raw: the query must bind the variable (``BIND(STR(?l) AS
?name)``) for the values to join with, the same on rdflib, Oxigraph and a remote endpoint.
Only reading queries run: an update is refused.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from kg.errors import QueryError
from kg.export import export_graph, plain
from kg.rdf.namespace import ID, KG

__all__ = ["QueryResult", "RESULT_FORMATS", "list_queries", "load_query", "query_params",
           "run_query", "format_result", "display_width", "sparql_string"]

RESULT_FORMATS = ("table", "csv", "json")

# Prefixes an ad-hoc query may use without declaring them; also used to shorten IRIs in tables.
PREFIXES = {"kg": str(KG._NS), "id": str(ID), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD),
            "owl": str(OWL), "skos": str(SKOS), "org": str(ORG), "dcterms": str(DCTERMS),
            "prov": "http://www.w3.org/ns/prov#"}

_KINDS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
          "DescribeQuery": "DESCRIBE"}
_NAME = re.compile(r"[A-Za-z][\w-]*")
_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*(?:—|--|-|:)?\s*(.*)$", re.M)
# Comments, PREFIX and BASE declarations before the query form.
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|(?i:PREFIX)\s+[\w.-]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)*")
_UPDATE = re.compile(r"(?i:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b")


@dataclass
class QueryResult:
    """What a query returned. ``kind`` says which of the other fields is filled."""

    kind: str                                         # SELECT, ASK, CONSTRUCT or DESCRIBE
    source: str = "query"                             # library name, file path or "query"
    vars: list[str] = field(default_factory=list)     # SELECT: column names
    rows: list[tuple] = field(default_factory=list)   # SELECT: rdflib terms, None when unbound
    answer: bool | None = None                        # ASK
    graph: Graph | None = None                        # CONSTRUCT, DESCRIBE

    def __len__(self) -> int:
        if self.kind == "SELECT":
            return len(self.rows)
        if self.kind == "ASK":
            return 1
        return len(self.graph)


# ---------------------------------------------------------------- the library

def _library():
    return resources.files("kg") / "queries"


def list_queries() -> list[tuple[str, str]]:
    """(name, one-line description) of every library query, sorted by name."""
    out = []
    for f in _library().iterdir():
        if f.name.endswith(".rq"):
            first = f.read_text(encoding="utf-8").lstrip().split("\n", 1)[0]
            out.append((f.name[:-3], first[1:].strip() if first.startswith("#") else ""))
    return sorted(out)


def load_query(name: str) -> str:
    """The text of the library query ``name``."""
    f = _library() / f"{name}.rq"
    if not _NAME.fullmatch(name) or not f.is_file():
        raise QueryError(f"unknown query {name!r}; run `kg query --list` to see the named queries")
    return f.read_text(encoding="utf-8")


def query_params(text: str) -> dict[str, str]:
    """The parameters a query declares with ``# param: name — meaning`` lines."""
    return {m.group(1): m.group(2).strip() for m in _PARAM.finditer(text)}


def _resolve(query: str | Path) -> tuple[str, str]:
    """(source name, text) of a ``.rq`` path, a library name, another existing file or query text."""
    if isinstance(query, str) and _NAME.fullmatch(query.strip()):
        return query.strip(), load_query(query.strip())
    if isinstance(query, Path) or (query.endswith(".rq") and "\n" not in query) or _is_file(query):
        path = Path(query)
        try:
            return str(path), path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read the query file ({exc.__class__.__name__}); "
                             "check the path") from None
    return "query", query


def _is_file(text: str) -> bool:
    try:
        return "\n" not in text and "{" not in text and Path(text).is_file()
    except OSError:  # a long query is not a file name
        return False


# ---------------------------------------------------------------- running

def _parse(source: str, text: str):
    m = _UPDATE.match(text, _PROLOGUE.match(text).end())
    if m:
        raise QueryError(f"{source}: {m.group(0).upper()} is an update; kg query only reads the graph "
                         "(use SELECT, ASK, CONSTRUCT or DESCRIBE)")
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        near = exc.line.strip()[:40]
        raise QueryError(f"{source}:{exc.lineno}:{exc.col}: SPARQL syntax error near {near!r}; "
                         "fix the query text") from None
    try:
        translateQuery(parsed, initNs=PREFIXES)
    except Exception as exc:  # rdflib raises a bare Exception for an unknown prefix, among others
        hint = (f"declare it with PREFIX or use one of {', '.join(sorted(PREFIXES))}"
                if "prefix" in str(exc) else "fix the query text")
        raise QueryError(f"{source}: {exc}; {hint}") from None
    return parsed


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal: quotes, backslashes and line breaks escaped."""
    for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r")):
        value = value.replace(raw, escaped)
    return f'"{value}"'


def _values(source: str, text: str, parsed, params: dict[str, str] | None) -> str:
    """The trailing VALUES clause that gives the query its parameters."""
    params = dict(params or {})
    declared = query_params(text)
    for name in params:
        if declared and name not in declared:
            raise QueryError(f"{source}: no parameter {name!r}; it takes "
                             f"{', '.join(f'--param {d}=…' for d in declared)}")
        if not re.fullmatch(r"\w+", name) or not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise QueryError(f"{source}: parameter {name!r} is not a variable of the query; "
                             f"use ?{name} in the query or drop --param {name}")
    missing = [d for d in declared if d not in params]
    if missing:
        raise QueryError(f"{source}: needs {', '.join(f'--param {d}=…' for d in missing)} "
                         f"({declared[missing[0]]})")
    if not params:
        return ""
    if "valuesClause" in parsed[1]:
        raise QueryError(f"{source}: the query already ends with VALUES; put the parameters there "
                         "instead of --param")
    names = sorted(params)
    return (f"\nVALUES ({' '.join('?' + n for n in names)}) "
            f"{{ ({' '.join(sparql_string(str(params[n])) for n in names)}) }}\n")


def _key(row: tuple) -> tuple:
    return tuple((0, "") if t is None else (1, str(t)) for t in row)


def run_query(graph: Graph, query: str | Path, params: dict[str, str] | None = None) -> QueryResult:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query given as text, a ``.rq`` path or a
    library name. ``params`` join the query's variables with string literals (trailing VALUES)."""
    source, text = _resolve(query)
    parsed = _parse(source, text)
    kind = _KINDS[parsed[1].name]
    text += _values(source, text, parsed, params)
    if isinstance(graph, Dataset) and not graph.default_union and _empty_default(graph):
        graph = Dataset(store=graph.store, default_union=True)  # named graphs only: query their union
    try:
        with warnings.catch_warnings():  # rdflib's own union lookups warn about its own API
            warnings.filterwarnings("ignore", "Dataset.default_context is deprecated", DeprecationWarning)
            result = _collect(graph.query(text, initNs=PREFIXES), kind, source)
    except Exception as exc:  # evaluation errors come in many rdflib types
        raise QueryError(f"{source}: the query failed while running "
                         f"({exc.__class__.__name__}: {str(exc)[:120]})") from None
    if kind == "SELECT" and "orderby" not in parsed[1]:
        result.rows.sort(key=_key)
    return result


def _empty_default(ds: Dataset) -> bool:
    """A dataset whose default graph holds nothing (kg's store keeps the union there)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return next(iter(ds.default_graph.triples((None, None, None))), None) is None


def _collect(res, kind: str, source: str) -> QueryResult:
    """Read a lazy rdflib result to the end."""
    if kind == "ASK":
        return QueryResult(kind, source, answer=bool(res.askAnswer))
    if kind == "SELECT":
        return QueryResult(kind, source, vars=[str(v) for v in res.vars],
                           rows=[tuple(plain(t) for t in r) for r in res])
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    for s, p, o in res.graph or ():
        out.add((s, p, plain(o)))
    return QueryResult(kind, source, graph=out)


# ---------------------------------------------------------------- formatting

def format_result(result: QueryResult, fmt: str = "table") -> str:
    """``table`` (aligned text), ``csv`` or ``json`` (SPARQL 1.1 JSON results). A CONSTRUCT or
    DESCRIBE result is Turtle as a table, JSON-LD as json and subject,predicate,object as csv."""
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        if fmt == "csv":
            triples = sorted(result.graph, key=_key)
            return _csv(["subject", "predicate", "object"], triples)
        return export_graph(result.graph, "ttl" if fmt == "table" else "jsonld").decode()
    if result.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.answer}) + "\n"
        return ("true" if result.answer else "false") + "\n"
    if fmt == "csv":
        return _csv(result.vars, result.rows)
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(result.vars, row) if t is not None}
                    for row in result.rows]
        return json.dumps({"head": {"vars": result.vars}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=2) + "\n"
    return _table(result.vars, [[_short(t) for t in row] for row in result.rows])


def _csv(header: list[str], rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows([["" if t is None else str(t) for t in row] for row in rows])
    return buf.getvalue()


def _json_term(t) -> dict:
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    out = {"type": "literal", "value": str(t)}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype:
        out["datatype"] = str(t.datatype)
    return out


def _short(t) -> str:
    if t is None:
        return ""
    if isinstance(t, URIRef):
        for prefix, ns in PREFIXES.items():
            if t.startswith(ns) and len(t) > len(ns):
                return f"{prefix}:{t[len(ns):]}"
        return f"<{t}>"
    if isinstance(t, BNode):
        return f"_:{t}"
    return " ".join(str(t).split())


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(cells) -> str:
        padded = [c + " " * (w - display_width(c)) for c, w in zip(cells, widths)]
        return "  ".join(padded).rstrip()

    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]
    return "\n".join(out) + "\n"


def example_params(graph: Graph, name: str) -> dict[str, str] | None:
    """Values for a library query's ``# param:`` names that exist in ``graph``: the query run with
    its parameters projected; of the first five combinations, the one giving the most rows.
    None when the query takes no parameter or the graph holds no value for them."""
    text = load_query(name)
    names = sorted(query_params(text))
    if not names:
        return None
    probe = re.sub(r"(?m)^#\s*param:.*$", "", text)
    head = re.search(r"\bSELECT\b.*?\bWHERE\b", probe, re.S | re.I)
    probe = probe[:head.start()] + "SELECT DISTINCT " + " ".join("?" + n for n in names) + " WHERE" + probe[head.end():]
    probe = probe[: probe.rstrip().rfind("}") + 1] + "\nORDER BY " + " ".join("?" + n for n in names) + " LIMIT 5\n"
    found = [dict(zip(names, map(str, row))) for row in run_query(graph, probe).rows if None not in row]
    return max(found, key=lambda p: len(run_query(graph, name, p).rows)) if found else None

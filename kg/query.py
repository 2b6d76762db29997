"""SPARQL over the graph: a library of named queries, parameters bound safely, readable output.

    >>> from kg.query import run_query, format_result
    >>> print(format_result(run_query(graph, "signings"), "table"))          # doctest: +SKIP
    >>> run_query(graph, "neighbours", {"name": "某某"})                      # doctest: +SKIP

A query is given as text, as a path to a ``.rq`` file, or as the name of a library query in
``kg/queries/``. Library files start with ``# <what it answers>`` and declare parameters with
``# param: name — meaning``. Parameter values become string literals in a ``VALUES`` clause,
escaped here, never spliced raw: first in the WHERE group, each as a plain and as a Chinese
string (``"…"``, ``"…"@zh``), so that ``?e rdfs:label ?name`` finds kg's labels through an index;
after the WHERE clause, plain only, when the query binds the variable itself (``BIND(STR(?l) AS
?name)``). The same on rdflib, Oxigraph and a remote endpoint. On an Oxigraph store the text goes
straight to Oxigraph (rdflib's parser only words a syntax error). Only reading queries run: an
update is refused.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from kg.errors import KGError, QueryError
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
    rows: Sequence[tuple] = field(default_factory=list)  # SELECT: rdflib terms, None when unbound
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

def _refuse_update(source: str, text: str) -> None:
    m = _UPDATE.match(text, _PROLOGUE.match(text).end())
    if m:
        raise QueryError(f"{source}: {m.group(0).upper()} is an update; kg query only reads the graph "
                         "(use SELECT, ASK, CONSTRUCT or DESCRIBE)")


@lru_cache(maxsize=64)
def _parse(source: str, text: str):
    """rdflib's parse of ``text`` (checked: syntax, prefixes), or a one-line QueryError."""
    _refuse_update(source, text)
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


# Comments, strings and IRIs, blanked out before looking for keywords and braces.
_LEXICAL = re.compile(r'#[^\n]*|"""(?:[^\\]|\\.)*?"""|' + r"'''(?:[^\\]|\\.)*?'''"
                      + r'|"(?:[^"\\\n]|\\.)*"|' + r"'(?:[^'\\\n]|\\.)*'|<[^\s<>\"{}|^`]*>")


def _code(text: str) -> str:
    """``text`` with comments, strings and IRIs blanked (same length), for keyword searches."""
    return _LEXICAL.sub(lambda m: " " * len(m.group(0)), text)


def _top_level(code: str):
    """(index, character) of each brace opening or closing a top-level group, and of the first
    letter of each word outside all groups and parentheses."""
    depth = paren = 0
    for m in re.finditer(r"[{}()]|\b[A-Za-z]", code):
        c = m.group(0)
        if c == "{":
            if depth == 0 and paren == 0:
                yield m.start(), c
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0 and paren == 0:
                yield m.start(), c
        elif c == "(":
            paren += depth == 0
        elif c == ")":
            paren -= depth == 0 and paren > 0
        elif depth == 0 and paren == 0:
            yield m.start(), c


def _where_group(code: str) -> int | None:
    """Index of the brace opening the query's WHERE group, or None (CONSTRUCT WHERE { … })."""
    form = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", code, re.I)
    if not form:
        return None
    braces = [i for i, c in _top_level(code) if c == "{" and i > form.end()]
    if not braces:
        return None
    if form.group(1).upper() == "CONSTRUCT":
        if re.match(r"\s*WHERE\s*$", code[form.end():braces[0]], re.I):
            return None  # CONSTRUCT WHERE { … }: the group is the template too
        return braces[1] if len(braces) > 1 else None
    return braces[0]


def _after_where(code: str) -> int:
    """Index just past the brace closing the WHERE group, where the solution modifiers start."""
    start = _where_group(code)
    if start is None:
        return len(code)
    depth = 0
    for i in range(start, len(code)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(code)


def _values(source: str, text: str, params: dict[str, str] | None) -> str:
    """``text`` with the VALUES clause that gives the query its parameters.

    At the start of the WHERE group, each value both as a plain and as a Chinese string
    (``"…"`` and ``"…"@zh``, the form of kg's labels), so that ``?e rdfs:label ?name`` finds the
    entity through an index; after the WHERE clause, as a plain string only, when the query binds
    the variable itself (``BIND(STR(?l) AS ?name)``) and the VALUES joins with what it bound."""
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
        return text
    code = _code(text)
    if any(code[i:i + 6].upper() == "VALUES" for i, c in _top_level(code) if c not in "{}"):
        raise QueryError(f"{source}: the query already ends with VALUES; put the parameters there "
                         "instead of --param")
    names = sorted(params)
    head = f"VALUES ({' '.join('?' + n for n in names)})"
    bound = any(re.search(rf"(?i)\bAS\s+[?$]{n}\b", code) for n in names)
    start = None if bound else _where_group(code)
    if start is None:
        row = " ".join(sparql_string(str(params[n])) for n in names)
        return text + f"\n{head} {{ ({row}) }}\n"
    rows = [()]
    for n in names:
        plain_form = sparql_string(str(params[n]))
        rows = [r + (form,) for r in rows for form in (plain_form, plain_form + "@zh")]
    table = " ".join(f"({' '.join(r)})" for r in rows)
    return text[:start + 1] + f" {head} {{ {table} }}" + text[start + 1:]


def _key(row: tuple) -> tuple:
    return tuple((0, "") if t is None else (1, str(t)) for t in row)


def _oxigraph(graph) -> ox.Store | None:
    """The pyoxigraph store under ``graph`` when it is a Dataset over one (what open_graph gives)."""
    store = getattr(getattr(graph, "store", None), "_inner", None)
    return store if isinstance(graph, Dataset) and isinstance(store, ox.Store) else None


def run_query(graph: Graph, query: str | Path, params: dict[str, str] | None = None) -> QueryResult:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query given as text, a ``.rq`` path or a
    library name. ``params`` give the query's variables string values (see :func:`_values`)."""
    source, text = _resolve(query)
    _refuse_update(source, text)
    store = _oxigraph(graph)
    if store is not None:
        return _run_oxigraph(graph, store, source, text, params)
    parsed = _parse(source, text)
    kind = _KINDS[parsed[1].name]
    full = _values(source, text, params)
    if isinstance(graph, Dataset) and not graph.default_union and _empty_default(graph):
        graph = Dataset(store=graph.store, default_union=True)  # named graphs only: query their union
    try:
        with warnings.catch_warnings():  # rdflib's own union lookups warn about its own API
            warnings.filterwarnings("ignore", "Dataset.default_context is deprecated", DeprecationWarning)
            result = _collect(graph.query(full, initNs=PREFIXES), kind, source)
    except KGError:
        raise
    except Exception as exc:  # evaluation errors come in many rdflib types
        raise QueryError(f"{source}: the query failed while running "
                         f"({exc.__class__.__name__}: {str(exc)[:120]})") from None
    if kind == "SELECT" and "orderby" not in parsed[1]:
        result.rows.sort(key=_key)
    return result


def _run_oxigraph(graph: Dataset, store: ox.Store, source: str, text: str, params) -> QueryResult:
    """The query handed to Oxigraph as text (rdflib parses it only to word a syntax error); the
    rows kept as Oxigraph terms until read (:class:`Rows`). A top-level ORDER BY of variables
    is applied here, in Python, in Oxigraph's order of terms (:func:`order_key`): Oxigraph's
    own sort reads the strings out of the store again at each comparison."""
    full = _values(source, text, params)
    code = _code(full)
    order = _python_order(code)
    sent = full if order is None else full[:order[0]] + " " * (order[1] - order[0]) + full[order[1]:]
    union = graph.default_union or next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
                                        None) is None
    try:
        res = store.query(sent, prefixes=PREFIXES, use_default_graph_as_union=union)
        if isinstance(res, ox.QueryBoolean):
            return QueryResult("ASK", source, answer=bool(res))
        if isinstance(res, ox.QueryTriples):
            kind = "DESCRIBE" if re.search(r"(?i)\bDESCRIBE\b", code) else "CONSTRUCT"
            out = Graph()
            for prefix, ns in PREFIXES.items():
                out.bind(prefix, ns)
            for t in res:
                out.add((_term(t.subject), _term(t.predicate), _term(t.object)))
            return QueryResult(kind, source, graph=out)
        names = [v.value for v in res.variables]
        if order is not None and not all(var in names for _, var, _ in order[2]):
            order, res = None, store.query(full, prefixes=PREFIXES, use_default_graph_as_union=union)
        raw = [tuple(s) for s in res]
    except SyntaxError as exc:
        _parse(source, text)  # rdflib words it, with the line and column in the text as given
        raise QueryError(f"{source}: {str(exc).splitlines()[0][:160]}; fix the query text") from None
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        raise QueryError(f"{source}: the query failed while running "
                         f"({exc.__class__.__name__}: {str(exc)[:120]})") from None
    if order is not None:
        for how, var, desc in reversed(order[2]):  # stable sorts, the last key first
            i = names.index(var)
            if how == "bound":
                raw.sort(key=lambda row: (row[i] is None) != desc)
            else:
                raw.sort(key=lambda row: order_key(row[i]), reverse=desc)
    elif not re.search(r"(?i)\bORDER\s+BY\b", code[_after_where(code):]):
        raw.sort(key=lambda row: tuple((0, "") if t is None else (1, t.value) for t in row))
    return QueryResult("SELECT", source, vars=names, rows=Rows(raw))


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.I)
_ORDER_CONDITION = re.compile(r"\s*(?:(ASC|DESC)\s*\(\s*[?$](\w+)\s*\)|[?$](\w+)"
                              r"|\(\s*(!?)\s*BOUND\s*\(\s*[?$](\w+)\s*\)\s*\))", re.I)


def _python_order(code: str):
    """(start, end, keys) of a top-level ``ORDER BY`` made of variables, ``ASC(?v)``,
    ``DESC(?v)``, ``(BOUND(?v))`` and ``(!BOUND(?v))`` only, with nothing after it; else None.
    keys: (kind, variable, descending), kind "term" or "bound"."""
    m = _ORDER_BY.search(code, _after_where(code))
    if not m:
        return None
    keys, at = [], m.end()
    while c := _ORDER_CONDITION.match(code, at):
        if c.group(2):
            keys.append(("term", c.group(2), c.group(1).upper() == "DESC"))
        elif c.group(3):
            keys.append(("term", c.group(3), False))
        else:  # BOUND is false (unbound) first; !BOUND puts the bound ones first
            keys.append(("bound", c.group(5), c.group(4) != "!"))
        at = c.end()
    if not keys or code[at:].strip():
        return None  # an expression, LIMIT, OFFSET or VALUES: Oxigraph orders
    return m.start(), at, keys


_XSD = str(XSD)
_STRING, _LANG_STRING = _XSD + "string", str(RDF.langString)
_TIMES = {_XSD + "date", _XSD + "dateTime"}
_FLOATS = {_XSD + "double", _XSD + "float"}
_NUMERIC = _FLOATS | {_XSD + t for t in (
    "integer", "decimal", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def order_key(t) -> tuple:
    """A sort key putting terms (pyoxigraph's or rdflib's) in the order Oxigraph's ORDER BY gives:
    unbound, blank nodes, IRIs, then literals: numbers by value, dates and times by value
    (their text, in one format), then the others by their text, datatype and language (so
    ``"a"@zh`` before ``"a"``, booleans false first). Numbers and dates mixed in one column with
    other literals, which no kg query does, may come in another order than Oxigraph's."""
    if t is None:
        return (0,)
    if isinstance(t, (ox.BlankNode, BNode)):
        return (1,)
    if isinstance(t, ox.NamedNode):
        return (2, t.value)
    if isinstance(t, URIRef):
        return (2, str(t))
    if isinstance(t, ox.Literal):
        value, lang, dt = t.value, t.language or "", t.datatype.value
    else:
        value, lang, dt = str(t), t.language or "", str(t.datatype or (_LANG_STRING if t.language else _STRING))
    if dt in _NUMERIC:
        try:
            return (3, 0, float(value) if dt in _FLOATS else Decimal(value))
        except ArithmeticError:
            pass
    elif dt in _TIMES:
        return (3, 1, dt, value)
    return (3, 2, value, dt, lang)


class Rows(Sequence):
    """The rows of a SELECT answered by Oxigraph: kept as Oxigraph terms, each made the rdflib
    term the rdflib path gives (no ``^^xsd:string``, as ``kg.export.plain``) when first read."""

    def __init__(self, raw: list[tuple]):
        self._raw = raw
        self._memo: dict = {}

    def __len__(self) -> int:
        return len(self._raw)

    def _row(self, row: tuple) -> tuple:
        memo = self._memo
        out = []
        for t in row:
            if t is None:
                out.append(None)
            else:
                got = memo.get(t)
                if got is None:
                    got = memo[t] = _term(t)
                out.append(got)
        return tuple(out)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._row(r) for r in self._raw[i]]
        return self._row(self._raw[i])

    def __iter__(self):
        return map(self._row, self._raw)

    def __eq__(self, other) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"Rows({list(self)!r})"

    def sort(self, key=None) -> None:
        rows = list(self)
        order = sorted(range(len(rows)), key=lambda i: key(rows[i]) if key else rows[i])
        self._raw = [self._raw[i] for i in order]


def _term(t):
    """An Oxigraph term as the rdflib term the rdflib path gives."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return Literal(t.value) if dt == _STRING else Literal(t.value, datatype=URIRef(dt))
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    raise QueryError(f"kg query cannot show a {type(t).__name__} term (RDF-star); select its parts instead")


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
    """Values for a library query's ``# param:`` names for which the query gives rows in ``graph``;
    the same values for the same graph. None when the query takes no parameter or the graph holds
    no value for them.

    ``neighbours`` and ``between`` get a small probe each (under 0.1 s on 1 M triples): one
    relation (event type) of the query's ``VALUES`` list at a time, in its order, until one gives
    a value. ``neighbours``: the smallest label of an entity with that relation to a labelled
    entity; ``between``: the smallest label of an origin region of such an event, then the
    smallest destination region of that region's events. ``MIN`` rather than ``ORDER BY … LIMIT``:
    one pass with no sort, and the same answer on every engine (rdflib's row order varies from
    one process to the next). Any other query is run with its parameters projected, slow on a
    large graph (it may have to evaluate the whole query)."""
    text = load_query(name)
    names = sorted(query_params(text))
    if not names:
        return None
    if name == "neighbours":
        for p in _listed(text, "p"):
            found = _smallest(graph, "name", f"?e {p} ?o . ?e rdfs:label ?name . ?o rdfs:label ?other")
            if found is not None:
                return {"name": found}
        return None
    if name == "between":
        event = ("?event a {c} ; rdfs:label ?label ; kg:originRegion ?sa ; kg:destinationRegion ?sb . "
                 "?sa rdfs:label ?a . ?sb rdfs:label ?b")
        for c in _listed(text, "class"):
            a = _smallest(graph, "a", event.format(c=c))
            if a is not None:  # then b given a: a's regions by their label, their events of that type
                return {"a": a, "b": _smallest(graph, "b", event.format(c=c), {"a": a})}
        return None
    return _projected_params(graph, text, names, name)


_PROBE_PREFIXES = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("kg", "rdfs", "skos"))


def _listed(text: str, var: str) -> list[str]:
    """The terms of the query's ``VALUES ?var { … }`` (prefixed names or IRIs), in their order."""
    m = re.search(rf"\bVALUES\s+[?$]{var}\s*\{{([^}}]*)\}}", _code(text))
    return re.findall(r"<[^>]*>|[\w-]*:[\w-]+", text[m.start(1):m.end(1)]) if m else []


def _smallest(graph: Graph, var: str, where: str, params: dict[str, str] | None = None) -> str | None:
    """The smallest value (as a string) of ``?var`` over the solutions of ``where``, or None."""
    query = f"{_PROBE_PREFIXES}SELECT (MIN(STR(?{var})) AS ?value) WHERE {{ {where} }}"
    rows = run_query(graph, query, params).rows
    return str(rows[0][0]) if len(rows) and rows[0][0] is not None else None


def _projected_params(graph: Graph, text: str, names: list[str], name: str) -> dict[str, str] | None:
    """The query run with its parameters projected; of the first five combinations, the one
    giving the most rows."""
    probe = re.sub(r"(?m)^#\s*param:.*$", "", text)
    head = re.search(r"\bSELECT\b.*?\bWHERE\b", probe, re.S | re.I)
    probe = probe[:head.start()] + "SELECT DISTINCT " + " ".join("?" + n for n in names) + " WHERE" + probe[head.end():]
    probe = probe[: probe.rstrip().rfind("}") + 1] + "\nORDER BY " + " ".join("?" + n for n in names) + " LIMIT 5\n"
    found = [dict(zip(names, map(str, row))) for row in run_query(graph, probe).rows if None not in row]
    return max(found, key=lambda p: len(run_query(graph, name, p).rows)) if found else None

"""A remote store: push a built graph into Virtuoso, and run kg's queries there.

    from kg.remote import push
    push(Path("output"), "http://127.0.0.1:8890/sparql")        # one named graph per article
    kg query --endpoint http://127.0.0.1:8890/sparql signings    # the same answers as embedded

**Loading: the SPARQL 1.1 Graph Store HTTP protocol**, ``PUT`` of each named graph (as
N-Triples, which is Turtle; a big graph in pieces of 50,000 triples, ``POST`` after the first)
to Virtuoso's ``/sparql-graph-crud-auth`` with digest authentication. Why not ``isql`` bulk
loading (``ld_dir`` + ``rdf_loader_run``): it reads files from the *server's* disk, inside its
``DirsAllowed``, over the SQL port (1111), with Virtuoso's own client on the pushing machine;
an HTTP URL is all ``kg push`` is given, and the Graph Store protocol needs nothing else
(Debian's virtuoso-opensource 7 serves it out of the box, for the ``dba`` account). ``PUT``
replaces a graph, so pushing twice changes nothing; graphs under the same prefix that the
pushed build no longer has (articles removed since) are deleted, so the server holds exactly
the pushed build. Beside the articles' graphs (and ``id:graph/regions``), push writes their
union, each triple once, as ``id:graph/union``: the default graph of the remote queries, as
kg's own store keeps that union as its default graph.

**Querying: Virtuoso's dialect.** Named queries are sent as written, but for the rewrites below;
each answers a difference measured on Debian's Virtuoso 7.2.5 against the answers of the
embedded Oxigraph store (tests/test_virtuoso.py checks every library query, row for row):

* ``FROM <…/graph/union>`` is added (when the server has that graph, and the query names no
  dataset of its own and uses no GRAPH): Virtuoso's own default graph is every graph it has,
  its system graphs included, and a triple stated in two articles' graphs matches twice there
  (``evidence`` gave 2,239 rows for 1,096); no FROM per article (it would not scale), and no
  ``define input:default-graph-uri`` (Virtuoso-only, the same effect);
* ``FILTER(?v IN (iri, …))`` becomes ``VALUES ?v { iri … }``: Virtuoso drops the filter when
  ``?v`` is also used in an OPTIONAL (``neighbours`` gave rows of every predicate). Equivalent
  where ``?v`` is bound by a triple pattern of the same group, as in kg's queries; a list with
  a literal is left alone (IN compares values, VALUES terms);
* a trailing ``VALUES`` block (how kg passes ``--param``) goes inside the WHERE group, where
  every engine reads it the same: Virtuoso answers the trailing form with "SQ200: No column
  name";
* ORDER BY is evaluated again on the client, by Oxigraph over the returned rows (ties broken by
  the whole row): Virtuoso orders long strings by a prefix and then by an internal id, not by
  their text (``…/dev16.md`` came before ``…/dev14.md``). Not done when LIMIT or OFFSET cut
  the rows, or the keys use what the rows do not have;
* literals come back in kg's canonical form (``kg.export.plain``): ``xsd:string`` dropped, and
  Virtuoso's booleans (``"1"^^xsd:boolean``) spelled ``true``/``false``.

Property paths (``/``, ``|``, ``*``), ``STR``, ``STRAFTER``, ``COALESCE``, aggregates and
language tags needed no change. Virtuoso may refuse a query on its own cost estimate, far off
on a fresh database (``between``: estimated 78,736 s, run in 0.2 s): the error says to raise
``MaxQueryCostEstimationTime`` in its virtuoso.ini. Virtuoso stops a result at its
``ResultSetMaxRows`` (10,000 in Debian's virtuoso.ini) and says so only in a response header
(``X-SPARQL-MaxRows``): :class:`RemoteStore` turns that into an error rather than return a
silently cut answer.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
from collections import defaultdict
from io import BytesIO
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit, urlunsplit
from urllib.request import (HTTPDigestAuthHandler, HTTPPasswordMgrWithDefaultRealm, Request,
                            build_opener)

import click
import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal
from rdflib.namespace import XSD
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result

from kg.errors import GraphNotFound, KGError
from kg.rdf.namespace import ID

__all__ = ["push", "push_command", "remote_dataset", "union_graph_name", "RemoteStore", "endpoint_urls",
           "rewrite_query", "order_rows"]

TIMEOUT = 120  # seconds for one HTTP request
CHUNK = 50_000  # triples in one request of kg push
_TRAILING_VALUES = re.compile(r"\n(VALUES\s*\([^)]*\)\s*\{.*\})\s*$", re.S)
_IRI = re.compile(r"<[^\s<>\"{}|^`]*>|[A-Za-z][\w.-]*:[\w.-]*|:[\w.-]*")
_FILTER_IN = re.compile(r"FILTER\s*\(\s*(\?\w+)\s+IN\s*\(([^()]*)\)\s*\)", re.I)
_ORDER_BY = re.compile(r"\bORDER\s+BY\b(.*)", re.I | re.S)
_LIMIT = re.compile(r"\b(?:LIMIT|OFFSET)\b", re.I)
_OWN_DATASET = re.compile(r"(?i)\bFROM\b|\bGRAPH\b")
_LEXICAL = re.compile(r"#[^\n]*|\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|<[^\s<>\"{}|^`]*>")
_AGGREGATE = re.compile(r"\b(?:COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\(", re.I)


# ---------------------------------------------------------------- endpoints and HTTP

def endpoint_urls(endpoint: str) -> tuple[str, str]:
    """(SPARQL query URL, Graph Store URL) of a Virtuoso given as its SPARQL URL
    (``http://host:8890/sparql``) or its base URL (``http://host:8890``)."""
    parts = urlsplit(endpoint.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise KGError(f"{endpoint}: not an http(s) URL; give the SPARQL endpoint, "
                      "e.g. http://127.0.0.1:8890/sparql")
    path = parts.path.rstrip("/")
    query = urlunsplit((parts.scheme, parts.netloc, path or "/sparql", parts.query, ""))
    base = path.rsplit("/", 1)[0] if re.search(r"/sparql[\w-]*$", path) else path
    crud = urlunsplit((parts.scheme, parts.netloc, base + "/sparql-graph-crud-auth", "", ""))
    return query, crud


def _first_line(body: bytes) -> str:
    """The first line of an error page that says something (tags and blank lines skipped)."""
    text = re.sub(r"<(script|style|head)\b.*?</\1>|<[^>]+>", "\n", body.decode("utf-8", "replace"), flags=re.S | re.I)
    return next((ln.strip() for ln in text.splitlines() if re.search(r"\w", ln)), "")[:200]


def _opener(url: str, user: str | None, password: str | None):
    if user is None:
        return build_opener()
    manager = HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, url, user, password or "")
    return build_opener(HTTPDigestAuthHandler(manager))


class _Digest:
    """HTTP digest authentication (RFC 7616, MD5, qop=auth) sent with every request once a
    bodiless HEAD has fetched the server's challenge. urllib's own handler sends each request
    first without it and again after the 401; Virtuoso answers that 401 before reading a large
    body and closes the connection, so a big PUT would fail with a broken pipe."""

    def __init__(self, user: str, password: str, endpoint: str):
        self.user, self.password, self.endpoint = user, password, endpoint
        self.challenge: dict[str, str] = {}
        self.count = 0

    def prime(self, url: str) -> None:
        try:
            build_opener().open(Request(url, method="HEAD"), timeout=TIMEOUT).close()
            raise KGError(f"{self.endpoint}: {url} asks for no password; is it Virtuoso's "
                          "/sparql-graph-crud-auth?")
        except HTTPError as exc:
            header = exc.headers.get("WWW-Authenticate", "")
            if exc.code != 401 or not header.lower().startswith("digest"):
                raise KGError(f"{self.endpoint}: the graph store at {url} answered HTTP {exc.code} "
                              "without a digest challenge; is it Virtuoso?") from None
            self.challenge = dict(re.findall(r'(\w+)="?([^",]*)"?', header[6:]))
            self.count = 0
        except (URLError, socket.timeout, ConnectionError) as exc:
            raise _failure(exc, self.endpoint, self.user) from None

    def header(self, method: str, url: str) -> str:
        c = self.challenge
        parts = urlsplit(url)
        uri = parts.path + (f"?{parts.query}" if parts.query else "")
        self.count += 1
        nc, cnonce = f"{self.count:08x}", os.urandom(8).hex()
        h1 = hashlib.md5(f"{self.user}:{c.get('realm', '')}:{self.password}".encode()).hexdigest()
        h2 = hashlib.md5(f"{method}:{uri}".encode()).hexdigest()
        response = hashlib.md5(f"{h1}:{c.get('nonce', '')}:{nc}:{cnonce}:auth:{h2}".encode()).hexdigest()
        fields = {"username": self.user, "realm": c.get("realm", ""), "nonce": c.get("nonce", ""), "uri": uri,
                  "response": response, "opaque": c.get("opaque", ""), "algorithm": "MD5"}
        quoted = ", ".join(f'{k}="{v}"' for k, v in fields.items())
        return f"Digest {quoted}, qop=auth, nc={nc}, cnonce=\"{cnonce}\""

    def send(self, method: str, url: str, body: bytes | None = None) -> None:
        """``method`` on ``url``, authenticated; once more with a new challenge if the server
        refused the nonce (or closed the connection on it)."""
        for attempt in (1, 2):
            if not self.challenge:
                self.prime(url)
            headers = {"Authorization": self.header(method, url)}
            if body is not None:
                headers["Content-Type"] = "text/turtle; charset=utf-8"
            try:
                build_opener().open(Request(url, data=body, method=method, headers=headers), timeout=TIMEOUT).close()
                return
            except (URLError, socket.timeout, ConnectionError) as exc:
                retry = (isinstance(exc, HTTPError) and exc.code == 401) or isinstance(
                    getattr(exc, "reason", exc), (BrokenPipeError, ConnectionResetError))
                if attempt == 2 or not retry:
                    raise _failure(exc, self.endpoint, self.user) from None
                self.challenge = {}


def _request(opener, req: Request, endpoint: str, user: str | None = None):
    """Send ``req``; return (body, headers). Every failure becomes one KGError line."""
    try:
        with opener.open(req, timeout=TIMEOUT) as res:
            return res.read(), res.headers
    except (URLError, socket.timeout, ConnectionError) as exc:
        raise _failure(exc, endpoint, user) from None


def _failure(exc: Exception, endpoint: str, user: str | None) -> KGError:
    """The one-line error for a failed request."""
    if isinstance(exc, HTTPError):
        first = _first_line(exc.read()) or exc.reason
        if exc.code == 401:
            return KGError(f"{endpoint}: the endpoint refused user {user!r} (HTTP 401); check --user and "
                           "--password (Virtuoso's own default is dba/dba)")
        hint = "; is it Virtuoso's /sparql URL?" if exc.code == 404 else ""
        if "estimated execution time" in first:
            hint = ("; Virtuoso refused the query on its own estimate: raise MaxQueryCostEstimationTime "
                    "in the [SPARQL] section of its virtuoso.ini (0 turns the check off)")
        return KGError(f"{endpoint}: the endpoint answered HTTP {exc.code}: {first}{hint}")
    reason = getattr(exc, "reason", exc)
    return KGError(f"{endpoint}: cannot reach the endpoint; is Virtuoso running? ({reason}); "
                   "start it or check --endpoint")


# ---------------------------------------------------------------- querying

def rewrite_query(text: str, default_graph: str | None = None) -> str:
    """The query as Virtuoso 7 answers it like SPARQL 1.1 (see the module's docstring):
    ``FROM <default_graph>`` added (unless the query has its own FROM or uses GRAPH),
    ``FILTER(?v IN (iri, …))`` made ``VALUES ?v { iri … }``, and a trailing VALUES block (kg's
    ``--param``) moved inside the WHERE group."""
    text = _FILTER_IN.sub(_filter_to_values, text)
    m = _TRAILING_VALUES.search(text)
    if m:
        body = text[: m.start()]
        close = _where_end(body)
        if close is not None:
            text = body[:close] + f"\n  {m.group(1)}\n" + body[close:]
    if default_graph and not _OWN_DATASET.search(_code(text)):
        at = _where_start(text)
        if at is not None:
            text = text[:at] + f"FROM <{default_graph}>\n" + text[at:]
    return text


def _code(text: str) -> str:
    """``text`` with comments, strings and IRIs blanked out (same length), for keyword searches."""
    return _LEXICAL.sub(lambda m: " " * len(m.group(0)), text)


def _where_start(text: str) -> int | None:
    """Where a FROM clause goes: before the WHERE keyword, or before the group that stands for it."""
    code = _code(text)
    m = re.search(r"(?i)\bWHERE\s*\{", code)
    if m:
        return m.start()
    brace = code.find("{")
    return None if brace < 0 or re.match(r"(?is)\s*(?:PREFIX|BASE|\w+\s)*?CONSTRUCT\s*$", code[:brace]) else brace


def _filter_to_values(m: re.Match) -> str:
    items = [i.strip() for i in m.group(2).split(",")]
    if not all(_IRI.fullmatch(i) for i in items):
        return m.group(0)
    return f"VALUES {m.group(1)} {{ {' '.join(items)} }}"


def order_rows(text: str, names: list[str], rows: list[tuple], prefixes: dict[str, str] | None = None) -> list[tuple]:
    """``rows`` (terms, None when unbound, one column per name) in the order of the query's
    ORDER BY, evaluated by Oxigraph, ties broken by the whole row: the order the embedded
    engine gives. Rows are returned as they are when the query has no ORDER BY, cuts them with
    LIMIT or OFFSET (the server's order chose them), or orders by what is not in the rows."""
    m = _TRAILING_VALUES.search(text)
    body = text[: m.start()] if m else text
    close = _where_end(body)
    tail = body[close + 1:] if close is not None else ""
    order = _ORDER_BY.search(tail)
    if not order or _LIMIT.search(tail) or not rows:
        return rows
    keys = order.group(1).strip()
    if not set(re.findall(r"[?$](\w+)", keys)) <= set(names) or _AGGREGATE.search(keys):
        return rows
    if any(isinstance(t, BNode) for row in rows for t in row):
        return rows
    declared = dict(re.findall(r"(?i:PREFIX)\s+([\w.-]*):\s*<([^>]*)>", body))
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in {**(prefixes or {}), **declared}.items())
    cols = ["?__row"] + [f"?{n}" for n in names]
    table = "\n".join(f"({i} {' '.join('UNDEF' if t is None else t.n3() for t in row)})"
                      for i, row in enumerate(rows))
    query = (f"{head}SELECT ?__row WHERE {{ VALUES ({' '.join(cols)}) {{\n{table}\n}} }}\n"
             f"ORDER BY {keys} {' '.join(cols[1:])} ?__row")
    try:
        order_of = [int(s["__row"].value) for s in ox.Store().query(query)]
    except (SyntaxError, ValueError, OSError):
        return rows  # an ORDER BY that cannot be evaluated apart from its query: keep the server's
    return [rows[i] for i in order_of]


def _where_end(text: str) -> int | None:
    """Index of the brace closing the outermost group (the WHERE clause), skipping strings,
    IRIs and comments."""
    depth, last, i, n = 0, None, 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            i = text.find("\n", i)
            i = n if i < 0 else i
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c == "<" and re.match(r"<[^\s<>\"{}|^`]*>", text[i:]):
            i = text.index(">", i) + 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                last = i
        i += 1
    return last


def _canonical(term):
    """A literal in the canonical form the embedded engines give (see kg.export.plain)."""
    if not isinstance(term, Literal) or term.datatype is None:
        return term
    if term.datatype == XSD.string:
        return Literal(str(term))
    if term.datatype == XSD.boolean and str(term) in ("0", "1"):
        return Literal(str(term) == "1")
    return term


class RemoteStore(SPARQLStore):
    """rdflib's SPARQLStore, speaking to Virtuoso: queries rewritten (:func:`rewrite_query`),
    sent by POST, failures turned into one-line :class:`KGError` messages, literals normalised,
    rows ordered as the embedded engine orders them (:func:`order_rows`). ``default_graph``
    is the union graph ``kg push`` wrote, or None for the endpoint's own default graph."""

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None,
                 default_graph: str | None = None):
        self.query_url, _ = endpoint_urls(endpoint)
        super().__init__(self.query_url, returnFormat="json")
        self._endpoint, self._user = endpoint, user
        self._open = _opener(self.query_url, user, password)
        self.default_graph = default_graph

    def query(self, query, initNs=None, initBindings=None, queryGraph=None, DEBUG=False):  # noqa: N803
        if not isinstance(query, str):
            raise KGError("a remote endpoint takes query text, not a prepared query")
        if initNs:
            query = self._inject_prefixes(query, initNs)
        if initBindings:
            raise KGError("a remote endpoint takes parameters as VALUES, not initBindings")
        data = urlencode({"query": rewrite_query(query, self.default_graph)}).encode("utf-8")
        req = Request(self.query_url, data=data, headers={
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
            "Content-Type": "application/x-www-form-urlencoded"})
        body, headers = _request(self._open, req, self._endpoint, self._user)
        if headers.get("X-SQL-State") or headers.get("X-SPARQL-MaxRows"):
            raise KGError(f"{self._endpoint}: the endpoint cut the answer at its row limit "
                          f"({headers.get('X-SPARQL-MaxRows') or headers.get('X-SQL-Message', '').strip()}); "
                          "raise ResultSetMaxRows in its virtuoso.ini")
        ctype = (headers.get("Content-Type") or "application/sparql-results+json").split(";")[0].strip()
        result = Result.parse(BytesIO(body), content_type=ctype)
        if result.type == "SELECT":
            names = [str(v) for v in result.vars]
            rows = [tuple(_canonical(b.get(v)) for v in result.vars) for b in result.bindings]
            rows = order_rows(query, names, rows)
            result.bindings = [{v: t for v, t in zip(result.vars, row) if t is not None} for row in rows]
        return result


def remote_dataset(endpoint: str, user: str | None = None, password: str | None = None,
                   graph_prefix: str | None = None) -> Dataset:
    """A read-only Dataset over the endpoint. Its default graph is the union graph that
    ``kg push`` wrote there (``<prefix>graph/union``), or, on an endpoint kg did not fill, the
    endpoint's own default graph. Checks that the endpoint answers, so a wrong URL fails here."""
    union = union_graph_name(graph_prefix)
    store = RemoteStore(endpoint, user, password)
    if store.query(f"ASK {{ GRAPH <{union}> {{ ?s ?p ?o }} }}").askAnswer:
        store.default_graph = union
    return Dataset(store=store, default_union=True)


def union_graph_name(graph_prefix: str | None = None) -> str:
    """The graph ``kg push`` writes the union of the articles' graphs into."""
    return (graph_prefix or str(ID)) + "graph/union"


# ---------------------------------------------------------------- pushing

def _source(path: Path):
    """Quads of a build folder (its graph.trig), a store folder, or a TriG / N-Quads file."""
    path = Path(path)
    if path.is_dir():
        if (path / "kg-source.json").exists():  # a kg store: its default graph is their union
            store = ox.Store.read_only(str(path))
            return (q for q in store if not isinstance(q.graph_name, ox.DefaultGraph))
        path = path / "graph.trig"
    if not path.exists():
        raise GraphNotFound(f"{path}: no such graph; run `kg build` first or pass --graph FILE")
    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}.get(path.suffix.lower())
    if fmt is None:
        raise KGError(f"{path}: kg push needs the named graphs of a .trig or .nq file (or a build "
                      "folder); pass output/graph.trig")
    try:
        return list(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        raise KGError(f"{path}: cannot parse the graph ({str(exc)[:120]}); rebuild it with `kg build`") from None


def _graphs(path: Path, prefix: str) -> dict[str, list]:
    """Named graph IRI (renamed under ``prefix``) -> its triples."""
    ns = str(ID)
    out: dict[str, list] = defaultdict(list)
    for q in _source(path):
        g = q.graph_name
        name = ns + "graph/default" if isinstance(g, ox.DefaultGraph) else g.value
        if name.startswith(ns):
            name = prefix + name[len(ns):]
        out[name].append(ox.Triple(q.subject, q.predicate, q.object))
    return out


def _remote_graphs(opener, query_url: str, endpoint: str, prefix: str) -> set[str]:
    q = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
         f"FILTER(STRSTARTS(STR(?g), {json.dumps(prefix, ensure_ascii=False)})) }}")
    req = Request(query_url, data=urlencode({"query": q}).encode("utf-8"),
                  headers={"Accept": "application/sparql-results+json"})
    body, _ = _request(opener, req, endpoint)
    rows = json.loads(body.decode("utf-8"))["results"]["bindings"]
    return {r["g"]["value"] for r in rows}


def push(graph_dir_or_trig: Path, endpoint: str, *, user: str = "dba", password: str = "dba",
         graph_prefix: str | None = None, progress=None) -> int:
    """Load a built graph into Virtuoso, one named graph per article (and one for the regions),
    plus their union, each triple once (``<prefix>graph/union``, the default graph of
    ``kg query --endpoint``), replacing what an earlier push put there. ``graph_prefix`` renames
    the graphs (kg's own ``https://w3id.org/cnkg/id/`` by default), so that two builds can share
    a server. Returns the number of triples in the articles' graphs."""
    prefix = graph_prefix or str(ID)
    query_url, crud_url = endpoint_urls(endpoint)
    graphs = _graphs(Path(graph_dir_or_trig), prefix)
    if not graphs:
        raise KGError(f"{graph_dir_or_trig}: the graph is empty; nothing to push")
    sent = sum(len(t) for t in graphs.values())
    graphs[union_graph_name(graph_prefix)] = list(dict.fromkeys(t for ts in graphs.values() for t in ts))
    stale = _remote_graphs(build_opener(), query_url, endpoint, prefix) - set(graphs)
    auth = _Digest(user, password, endpoint)
    for i, (name, triples) in enumerate(sorted(graphs.items())):
        url = f"{crud_url}?{urlencode({'graph-uri': name})}"
        for start in range(0, len(triples), CHUNK):  # PUT replaces the graph, POST adds to it
            body = ox.serialize(triples[start:start + CHUNK], format=ox.RdfFormat.N_TRIPLES)
            auth.send("POST" if start else "PUT", url, body)
        if progress:
            progress(i + 1, len(graphs))
    for name in sorted(stale):
        auth.send("DELETE", f"{crud_url}?{urlencode({'graph-uri': name})}")
    return sent


@click.command("push")
@click.option("--graph", "-g", type=click.Path(path_type=Path), default=Path("output/graph.trig"),
              show_default=True, help="The built graph: graph.trig, a build folder or a store folder.")
@click.option("--endpoint", required=True, metavar="URL",
              help="Virtuoso's SPARQL endpoint, e.g. http://127.0.0.1:8890/sparql.")
@click.option("--user", default="dba", show_default=True, help="Account allowed to write graphs.")
@click.option("--password", default="dba", show_default=True, help="Its password.")
@click.option("--graph-prefix", metavar="IRI", help="Name the article graphs under this IRI instead of kg's.")
def push_command(graph, endpoint, user, password, graph_prefix):
    """Load a built graph into Virtuoso, one named graph per article; then
    `kg query --endpoint URL` runs the named queries there.

    \b
    Examples:
      kg push --endpoint http://127.0.0.1:8890/sparql
      kg push --graph /tmp/kg/graph.trig --endpoint http://db:8890/sparql --password secret
    """
    try:
        n = push(graph, endpoint, user=user, password=password, graph_prefix=graph_prefix)
    except KGError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"pushed {n} triples from {graph} to {endpoint}")

"""Numbers about a graph: what it holds, who is central, and where cooperation flows.

    >>> from kg.stats import stats, format_stats
    >>> print(format_stats(stats(graph), "table"))                  # doctest: +SKIP

* counts of entities by type (Person, Organization, Place, Event) and of each of the eight
  relations (triples, as ``kg build`` reports them);
* the relation network: every entity is a node, the eight relations are undirected edges (a
  pair linked by several relations is one edge). Its actors (people and organisations) are
  ranked by degree (distinct neighbours) and by betweenness (exact, normalised), each with its
  commonest relations as the reason ("signed with 4, visited by 3"); its connected components
  are counted, isolated entities included;
* region flows: each cooperation event counts once for every pair of its stored origin and
  destination regions (``kg:originRegion`` → ``kg:destinationRegion``, at the level stored, not
  rolled up), giving the top pairs by event type and an origin × destination matrix.

Pure functions of an rdflib graph (any store): the same graph gives the same output, and a
triple held in several named graphs counts once.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import click
import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.errors import KGError
from kg.query import display_width
from kg.rdf.namespace import KG, RELATIONS, SYMMETRIC
from kg.rdf.schema import ENTITY_TYPES, entity_type, ontology_graph

__all__ = ["Actor", "RegionPair", "Stats", "STATS_FORMATS", "TOP", "stats", "format_stats", "stats_command"]

STATS_FORMATS = ("table", "csv")
TOP = 10               # actors and region pairs listed
LARGEST = 5            # component sizes listed
MATRIX_TABLE = 20      # a table shows the region matrix up to this many regions (csv: always)
ACTOR_TYPES = ("Person", "Organization")

# How a relation reads from its object's side (the subject's side is the ontology's English label).
_INVERSE = {"visited": "visited by", "ledDelegation": "led by", "coUnveiled": "co-unveiled by",
            "attended": "attended by", "holdsPostAt": "post held by", "locatedIn": "location of"}


@dataclass(frozen=True)
class Actor:
    """A person or organisation with its place in the relation network."""

    label: str
    type: str            # Person or Organization
    degree: int          # distinct neighbours
    betweenness: float   # normalised, rounded to 6 places
    why: str             # its commonest relations, e.g. "signed with 4, visited by 3"


@dataclass(frozen=True)
class RegionPair:
    """Cooperation events from one region to another, in all and by event type."""

    origin: str
    destination: str
    events: int
    by_type: dict[str, int]


@dataclass
class Stats:
    entities: dict[str, int] = field(default_factory=dict)       # ENTITY_TYPES order
    relations: dict[str, int] = field(default_factory=dict)      # RELATIONS order
    by_degree: list[Actor] = field(default_factory=list)         # top TOP, degree > 0
    by_betweenness: list[Actor] = field(default_factory=list)    # top TOP, betweenness > 0
    components: int = 0
    largest_components: list[int] = field(default_factory=list)  # sizes, largest first
    region_pairs: list[RegionPair] = field(default_factory=list)  # top TOP by events
    regions: list[str] = field(default_factory=list)             # matrix rows and columns, by label
    matrix: list[list[int]] = field(default_factory=list)        # [origin][destination] events


# ---------------------------------------------------------------- computing

def _label(g: Graph, node) -> str:
    labels = sorted(str(o) for o in g.objects(node, RDFS.label))
    return labels[0] if labels else str(node).rsplit("/", 1)[-1]


def _relation_phrases() -> dict[str, str]:
    onto = ontology_graph()
    out = {}
    for name in RELATIONS:
        en = [str(o) for o in onto.objects(getattr(KG, name), RDFS.label) if o.language == "en"]
        out[name] = min(en)
    return out


def _typed(g: Graph) -> dict:
    """Every node typed as one of the four entity types, with that type."""
    nodes = sorted({s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)})
    out = {}
    for n in nodes:
        t = entity_type(g, n)
        if t:
            out[n] = t
    return out


def _edges(g: Graph) -> dict[str, set[tuple]]:
    """The distinct triples of each relation."""
    return {name: {(s, o) for s, o in g.subject_objects(getattr(KG, name))} for name in RELATIONS}


def _why(node, edges: dict[str, set[tuple]], phrases: dict[str, str]) -> str:
    counts: Counter = Counter()
    for name, pairs in edges.items():
        if name in SYMMETRIC:
            partners = {o for s, o in pairs if s == node} | {s for s, o in pairs if o == node}
            counts[phrases[name]] += len(partners - {node})
        else:
            counts[phrases[name]] += sum(1 for s, _ in pairs if s == node)
            counts[_INVERSE[name]] += sum(1 for _, o in pairs if o == node)
    parts = sorted(((n, p) for p, n in counts.items() if n), key=lambda x: (-x[0], x[1]))
    return ", ".join(f"{p} {n}" for n, p in parts[:3])


def _network(g: Graph, typed: dict, edges: dict[str, set[tuple]]) -> nx.Graph:
    net = nx.Graph()
    net.add_nodes_from(sorted(typed))
    for name in RELATIONS:
        for s, o in sorted(edges[name]):
            if s != o:
                net.add_edge(s, o)
    return net


def _actors(g: Graph, typed: dict, net: nx.Graph, edges) -> tuple[list[Actor], list[Actor]]:
    between = nx.betweenness_centrality(net) if len(net) > 2 else {n: 0.0 for n in net}
    phrases = _relation_phrases()
    actors = []
    for node in sorted(n for n, t in typed.items() if t in ACTOR_TYPES and n in net):
        actors.append((node, Actor(_label(g, node), typed[node], net.degree(node),
                                   round(between[node], 6), _why(node, edges, phrases))))
    by_degree = sorted((a for a in actors if a[1].degree), key=lambda a: (-a[1].degree, a[1].label, str(a[0])))
    by_between = sorted((a for a in actors if a[1].betweenness),
                        key=lambda a: (-a[1].betweenness, -a[1].degree, a[1].label, str(a[0])))
    return [a for _, a in by_degree[:TOP]], [a for _, a in by_between[:TOP]]


def _event_type(g: Graph, event) -> str:
    names = sorted({str(c).rsplit("#", 1)[-1] for c in g.objects(event, RDF.type)} - {"Event"})
    return "+".join(names) or "Event"


def _region_names(g: Graph, regions: set) -> dict:
    """A display name per region: its label, with its code when two regions share a label."""
    labels = {r: _label(g, r) for r in regions}
    clash = {lab for lab, n in Counter(labels.values()).items() if n > 1}
    return {r: f"{lab} ({str(r).rsplit('/', 1)[-1]})" if lab in clash else lab for r, lab in labels.items()}


def _flows(g: Graph, typed: dict) -> tuple[list[RegionPair], list[str], list[list[int]]]:
    pairs: dict[tuple, Counter] = defaultdict(Counter)
    regions = set()
    for event in sorted(n for n, t in typed.items() if t == "Event"):
        origins = set(g.objects(event, KG.originRegion))
        dests = set(g.objects(event, KG.destinationRegion))
        kind = _event_type(g, event)
        for o in origins:
            for d in dests:
                pairs[(o, d)][kind] += 1
                regions |= {o, d}
    names = _region_names(g, regions)
    top = sorted((RegionPair(names[o], names[d], sum(c.values()), dict(sorted(c.items())))
                  for (o, d), c in pairs.items()),
                 key=lambda p: (-p.events, p.origin, p.destination))[:TOP]
    order = sorted(regions, key=lambda r: (names[r], str(r)))
    matrix = [[sum(pairs[(o, d)].values()) if (o, d) in pairs else 0 for d in order] for o in order]
    return top, [names[r] for r in order], matrix


def stats(graph: Graph) -> Stats:
    """Counts, central actors, components and region flows of ``graph``."""
    with warnings.catch_warnings():  # rdflib's own union lookups warn about its own API
        warnings.filterwarnings("ignore", "Dataset.default_context is deprecated", DeprecationWarning)
        return _stats(graph)


def _stats(graph: Graph) -> Stats:
    typed = _typed(graph)
    edges = _edges(graph)
    net = _network(graph, typed, edges)
    by_degree, by_between = _actors(graph, typed, net, edges)
    sizes = sorted((len(c) for c in nx.connected_components(net)), reverse=True)
    pairs, regions, matrix = _flows(graph, typed)
    counts = Counter(typed.values())
    return Stats(entities={t: counts[t] for t in ENTITY_TYPES},
                 relations={name: len(edges[name]) for name in RELATIONS},
                 by_degree=by_degree, by_betweenness=by_between,
                 components=len(sizes), largest_components=sizes[:LARGEST],
                 region_pairs=pairs, regions=regions, matrix=matrix)


# ---------------------------------------------------------------- formatting

def _table(header: list[str], rows: list[list], indent: str = "  ") -> list[str]:
    cells = [[str(c) for c in r] for r in [header] + rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(header))]

    def line(r):
        return (indent + "  ".join(c + " " * (w - display_width(c)) for c, w in zip(r, widths))).rstrip()

    return [line(cells[0]), line(["-" * w for w in widths])] + [line(r) for r in cells[1:]]


def _actor_rows(actors: list[Actor]) -> list[list]:
    return [[i, a.label, a.type, a.degree, f"{a.betweenness:.4f}", a.why] for i, a in enumerate(actors, 1)]


def _matrix_csv(s: Stats) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["origin \\ destination"] + s.regions)
    for name, row in zip(s.regions, s.matrix):
        w.writerow([name] + row)
    return buf.getvalue()


def format_stats(s: Stats, fmt: str = "table") -> str:
    """``table``: plain-text sections; ``csv``: the origin × destination region matrix
    (rows and columns sorted by region label)."""
    if fmt not in STATS_FORMATS:
        raise KGError(f"unknown stats format {fmt!r}; use one of {', '.join(STATS_FORMATS)}")
    if fmt == "csv":
        return _matrix_csv(s)
    out = ["Entities"] + _table(["type", "count"], [[t, n] for t, n in s.entities.items()])
    out += ["", "Relations"] + _table(["relation", "count"], [[r, n] for r, n in s.relations.items()])
    head = ["#", "actor", "type", "degree", "betweenness", "why"]
    for title, actors in (("degree", s.by_degree), ("betweenness", s.by_betweenness)):
        out += ["", f"Most central actors by {title}"]
        out += _table(head, _actor_rows(actors)) if actors else ["  (none)"]
    largest = ", ".join(str(n) for n in s.largest_components)
    out += ["", f"Connected components: {s.components}" + (f" (largest: {largest})" if largest else "")]
    out += ["", "Region pairs by cooperation events (origin → destination)"]
    rows = [[p.origin, p.destination, p.events, ", ".join(f"{k} {v}" for k, v in p.by_type.items())]
            for p in s.region_pairs]
    out += _table(["origin", "destination", "events", "by type"], rows) if rows else ["  (none)"]
    out += ["", "Region matrix (rows: origin, columns: destination; . = none)"]
    if not s.regions:
        out += ["  (none)"]
    elif len(s.regions) > MATRIX_TABLE:
        out += [f"  {len(s.regions)} regions, too many to show here: use --format csv"]
    else:
        out += _table(["origin \\ destination"] + s.regions,
                      [[name] + [n or "." for n in row] for name, row in zip(s.regions, s.matrix)])
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- command

@click.command("stats")
@click.option("--graph", "-g", type=click.Path(path_type=Path), default=Path("output/graph.ttl"),
              show_default=True, help="Graph file (or store folder) to read.")
@click.option("--store", type=click.Choice(["oxigraph", "memory"]), default="oxigraph", show_default=True,
              help="Engine: the embedded Oxigraph store (fast) or rdflib's memory store.")
@click.option("--format", "-f", "fmt", type=click.Choice(list(STATS_FORMATS)), default="table",
              show_default=True, help="table: every section as text; csv: the region × region matrix.")
def stats_command(graph, store, fmt):
    """Count what the graph holds, rank the central actors and show where cooperation flows
    between regions.

    \b
    Examples:
      kg stats
      kg stats --graph /tmp/kgdev/graph.ttl --format csv > regions.csv
    """
    from kg.store import open_graph

    try:
        click.echo(format_stats(stats(open_graph(graph, store=store)), fmt), nl=False)
    except KGError as exc:
        raise click.ClickException(str(exc)) from None

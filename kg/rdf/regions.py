"""Where cooperation flows: give every actor its home region and every cooperation event the
regions on each side, as triples in the named graph ``id:graph/regions``.

* a Place is its gazetteer region (``kg:region``);
* an Organization's region comes from its name (珠海某某有限公司 → 珠海市), else from where the
  text locates it (``kg:locatedIn``), else from the body its name starts with (某大学某学院);
  a Person's from the body they hold a post at;
* nothing is guessed: an actor with none of these has no ``kg:inRegion``; when its side of an
  event takes the event's place (below), it is ``kg:activeIn`` that place instead: where it
  acted, not where it is based;
* an event's sides: visitors → destination (trips), guest → host (meetings), first party →
  second party (signings), unveilers → the thing unveiled; a side with no region of its own is
  the event's place (a signing during a trip happens at the trip's destination).
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.gazetteer import gazetteer
from kg.pipeline.mentions.places import regions_in
from kg.rdf.namespace import ID, KG
from kg.rdf.schema import entity_type

__all__ = ["enrich_regions", "region_iri", "REGIONS_GRAPH"]

REGIONS_GRAPH = ID["graph/regions"]


def region_iri(code: str) -> URIRef:
    return ID[f"region/{code}"]


def _add_region(out: Graph, code: str, done: set[str]) -> None:
    g = gazetteer()
    todo = [code]
    while todo:
        c = todo.pop()
        if c in done:
            continue
        done.add(c)
        r = g.by_code(c)
        iri = region_iri(c)
        out.add((iri, RDF.type, KG.Region))
        out.add((iri, RDFS.label, Literal(r.name, lang="zh")))
        if r.short and r.short != r.name:
            out.add((iri, SKOS.altLabel, Literal(r.short, lang="zh")))
        out.add((iri, KG.level, Literal(r.level)))
        if c[:1].isdigit():
            out.add((iri, KG.adminCode, Literal(c)))
        parents = [r.parent] if r.parent else []
        parents += [m.code for m in _direct_macros(c)]
        for p in parents:
            out.add((iri, KG.partOf, region_iri(p)))
            todo.append(p)


def _direct_macros(code: str):
    g = gazetteer()
    return [m for m in g.macro_of(code) if code in g.members(m.code)]


def _sorted(terms) -> list:
    """sorted(terms), faster: IRIs compare as their strings (rdflib's order for IRIs), so a
    list of IRIs is sorted by its strings in C; anything else goes through rdflib's order."""
    terms = list(terms)
    if all(type(t) is URIRef for t in terms):
        return sorted(terms, key=str)
    return sorted(terms)


def _sorted_pairs(pairs) -> list:
    pairs = list(pairs)
    if all(type(a) is URIRef and type(b) in (URIRef, str) for a, b in pairs):
        return sorted(pairs, key=lambda ab: (str(ab[0]), type(ab[1]) is URIRef, str(ab[1])))
    return sorted(pairs)


def _code(iri) -> str | None:
    s = str(iri)
    return s.rsplit("/", 1)[1] if s.startswith(str(ID["region/"])) else None


def enrich_regions(union) -> set:
    """The region graph's triples, computed from the ``union`` of the articles' graphs (anything
    with rdflib Graph's lookups: a TripleIndex or a Graph)."""
    out: set = set()
    done: set[str] = set()
    home: dict = {}
    for place, reg in _sorted_pairs(union.subject_objects(KG.region)):
        home[place] = _code(reg)
    kind = {node: entity_type(union, node) for node in _sorted(set(union.subjects(RDF.type, None)))}
    for node, t in kind.items():
        if t == "Place" and node not in home:
            found = regions_in(str(union.value(node, RDFS.label) or ""))
            if found:
                home[node] = found[0].code
        if t == "Organization":
            found = regions_in(str(union.value(node, RDFS.label) or ""))
            if found:
                home[node] = found[0].code
    for node, t in kind.items():  # orgs located somewhere the text says
        if t == "Organization" and node not in home:
            for where in _sorted(union.objects(node, KG.locatedIn)):
                if where in home:
                    home[node] = home[where]
                    break
    _named_after_bodies(union, kind, home)
    for person in _sorted(set(union.subjects(KG.holdsPostAt, None))):
        for org in _sorted(union.objects(person, KG.holdsPostAt)):
            if org in home:
                home[person] = home[org]
                break
    for node, code in _sorted_pairs(home.items()):
        _add_region(out, code, done)
        prop = KG.region if kind.get(node) == "Place" else KG.inRegion
        out.add((node, prop, region_iri(code)))
    active = _event_sides(union, kind, out, home, done)
    _active_regions(union, kind, out, home, active, done)
    return out


def _named_after_bodies(union, kind: dict, home: dict) -> None:
    """A body whose name starts with another body's name or short name of four characters or more
    (某某大学食品学院) is part of it: it takes that body's region when nothing else gives it one.
    Shorter names are left out: two characters start too many unrelated names."""
    orgs = [n for n, t in kind.items() if t == "Organization"]
    named: dict[str, str] = {}  # a homed body's name or short name → its region (first body in IRI order)
    for org in orgs:
        if org in home:
            for p in (RDFS.label, SKOS.altLabel):
                for label in _sorted(union.objects(org, p)):
                    if len(str(label)) >= 4:
                        named.setdefault(str(label), home[org])
    for node in orgs:
        if node in home:
            continue
        label = str(union.value(node, RDFS.label) or "")
        for k in range(len(label) - 1, 3, -1):  # the longest name it starts with
            if label[:k] in named:
                home[node] = named[label[:k]]
                break


def _side(union: Graph, nodes, home, fallback, active: dict | None = None):
    """The regions of one side of an event: its actors' home regions, else ``fallback`` (the
    event's place), which the actors with no home region are then recorded as active in."""
    nodes = list(nodes)
    codes = sorted({home[n] for n in nodes if n in home})
    if codes or not fallback:
        return _deepest(codes)
    if active is not None:
        for n in nodes:
            active.setdefault(n, set()).update(fallback)
    return fallback


def _deepest(codes: list[str]) -> list[str]:
    """珠海市 and 横琴 (inside it) on one side count once, as the deeper one."""
    g = gazetteer()
    out = []
    for c in codes:
        if not any(o != c and c in {r.code for r in g.chain(o)[1:]} for o in codes):
            out.append(c)
    return out


def _event_sides(union: Graph, kind: dict, out: Graph, home: dict, done: set[str]) -> dict:
    """Adds each event's origin and destination regions to ``out``; returns the actors with no
    home region whose side of an event took the event's place: node → set of region codes."""
    active: dict = {}
    travellers = set(union.objects(None, KG.leader))  # who led a trip: the visiting side of its meetings
    for ev in [n for n, t in kind.items() if t == "Event"]:
        place = [home[p] for p in _sorted(union.objects(ev, KG.destination)) if p in home]
        place += [home[p] for p in _sorted(union.objects(ev, KG.locatedIn)) if p in home]
        kinds = set(union.objects(ev, RDF.type))
        if KG.Signing in kinds:
            first = _sorted(union.objects(ev, KG.firstParty))
            others = _sorted(set(union.objects(ev, KG.party)) - set(first))
            if not first or not others:
                continue
            origin = _side(union, first, home, place[:1], active)
            dest = _side(union, others, home, place[:1], active)
        elif KG.Meeting in kinds:
            people = set(union.objects(ev, KG.guest)) | set(union.objects(ev, KG.host))
            visitors = {p for p in people if p in travellers} or set(union.objects(ev, KG.guest))
            origin = _side(union, _sorted(visitors), home, [])
            dest = _side(union, _sorted(people - visitors), home, place[:1], active)
        elif KG.Unveiling in kinds:
            origin = _side(union, union.objects(ev, KG.unveiler), home, [])
            dest = _side(union, union.objects(ev, KG.unveiled), home, place[:1], active)
        else:
            origin = _side(union, union.objects(ev, KG.leader), home, [])
            visited = [o for p in union.objects(ev, KG.leader) for o in union.objects(p, KG.visited)]
            dest = _deepest(sorted(set(place) | set(_side(union, visited, home, []))))
        for code in origin:
            _add_region(out, code, done)
            out.add((ev, KG.originRegion, region_iri(code)))
            out.add((ev, KG.sideRegion, region_iri(code)))
        for code in dest:
            _add_region(out, code, done)
            out.add((ev, KG.destinationRegion, region_iri(code)))
            out.add((ev, KG.sideRegion, region_iri(code)))
    return active


def _active_regions(union, kind: dict, out: Graph, home: dict, active: dict, done: set[str]) -> None:
    """kg:activeIn for actors with no home region: the places of the events their side took part
    in; a body also takes its people's (蓝海集团董事长 met in 成都), and a person their body's."""
    posts = [(person, _sorted(union.objects(person, KG.holdsPostAt)))
             for person in _sorted(set(union.subjects(KG.holdsPostAt, None)))]
    for person, orgs in posts:
        for org in orgs:
            if org not in home and person in active:
                active.setdefault(org, set()).update(active[person])
    for person, orgs in posts:
        if person in home or person in active:
            continue
        for org in orgs:
            if org in active:
                active[person] = set(active[org])
                break
    for node in _sorted(active):
        if node in home or kind.get(node) == "Place":
            continue
        for code in _deepest(sorted(active[node])):
            _add_region(out, code, done)
            out.add((node, KG.activeIn, region_iri(code)))

"""Step ``mentions``: persons and titles, places, organisations and events, each a small finder."""

from __future__ import annotations

from kg.pipeline.doc import Document
from kg.pipeline.mentions.events import find_events
from kg.pipeline.mentions.orgs import find_orgs
from kg.pipeline.mentions.persons import (find_by_action, find_by_parenthesis, find_titles_and_persons,
                                          rescan_names)
from kg.pipeline.mentions.places import find_places, local_places, town_places

__all__ = ["find_mentions"]


def find_mentions(doc: Document) -> Document:
    doc.mentions = find_titles_and_persons(doc)
    doc.mentions += find_by_action(doc, [(m.start, m.end) for m in doc.mentions])
    doc.mentions += find_by_parenthesis(doc, [(m.start, m.end) for m in doc.mentions])
    places = find_places(doc)
    places += town_places(doc, places)
    doc.mentions.extend(places)
    orgs = find_orgs(doc, places)
    doc.mentions.extend(orgs)
    local = local_places(doc, orgs, places)
    doc.mentions.extend(local)
    places += local
    taken = [(m.start, m.end) for m in doc.mentions if m.type in ("Person", "Title")]
    names = {m.text for m in doc.mentions if m.type == "Person"}
    known = rescan_names(doc, names, taken + [(m.start, m.end) for m in orgs])
    doc.mentions.extend(known)
    persons = [(m.start, m.end) for m in known]
    doc.mentions = [m for m in doc.mentions if not (m.type == "Place" and any(
        a <= m.start and m.end <= b for a, b in persons))]  # 庆阳 inside a name found again (孟庆阳)
    solid = [(m.start, m.end) for m in doc.mentions if m.type in ("Person", "Title", "Organization")]
    doc.mentions.extend(find_events(doc, places, solid))
    doc.mentions.sort(key=lambda m: (m.start, -m.end, m.type))
    return doc

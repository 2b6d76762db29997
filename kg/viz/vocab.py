"""What the network view needs to know about the kg vocabulary.

The tables mirror ``ontology/kg.ttl`` (``tests/test_viz_html.py`` checks they agree), so the
view works on a graph file that does not carry the ontology. Subclasses declared *in* the graph
being drawn (``rdfs:subClassOf``) are honoured too, see :func:`kg.viz.model.class_kinds`.
"""

from __future__ import annotations

from rdflib import URIRef

from kg.rdf.namespace import KG, RELATIONS, SYMMETRIC

__all__ = [
    "KINDS",
    "OTHER",
    "KIND_STYLE",
    "CLASS_KIND",
    "CLASS_LABELS",
    "RELATION_LABELS",
    "SYMMETRIC",
    "RELATIONS",
    "ROLES",
    "ROLE_LABELS",
    "IN_REGION",
]

# The four kinds of entity drawn, in legend order. A node whose classes map to several kinds
# takes the first one in this order. OTHER is the kind of a relation end that has no known type.
KINDS = ("Person", "Organization", "Place", "Event")
OTHER = "Other"

# kind -> (zh label, en label, fill colour, vis shape). Shapes differ too, for colour-blind readers.
KIND_STYLE = {
    "Person": ("人物", "Person", "#e15759", "dot"),
    "Organization": ("机构", "Organization", "#4e79a7", "square"),
    "Place": ("地点", "Place", "#59a14f", "triangle"),
    "Event": ("事件", "Event", "#f28e2b", "diamond"),
    OTHER: ("其他", "Other", "#9d9d9d", "dot"),
}

# every class of ontology/kg.ttl that is (a subclass of) one of the four kinds
CLASS_KIND = {
    KG.Person: "Person",
    KG.Organization: "Organization",
    KG.GovernmentBody: "Organization",
    KG.PartyCommittee: "Organization",
    KG.Company: "Organization",
    KG.University: "Organization",
    KG.ResearchInstitute: "Organization",
    KG.Association: "Organization",
    KG.DevelopmentZone: "Organization",
    KG.Platform: "Organization",
    KG.MediaOutlet: "Organization",
    KG.Place: "Place",
    KG.Event: "Event",
    KG.Visit: "Event",
    KG.DelegationTrip: "Event",
    KG.Meeting: "Event",
    KG.Signing: "Event",
    KG.Unveiling: "Event",
    KG.Conference: "Event",
}

# class -> (zh, en) rdfs:label, as in ontology/kg.ttl
CLASS_LABELS = {
    KG.Person: ("人物", "Person"),
    KG.Organization: ("机构", "Organization"),
    KG.GovernmentBody: ("政府机构", "Government body"),
    KG.PartyCommittee: ("党委", "Party committee"),
    KG.Company: ("企业", "Company"),
    KG.University: ("高校", "University"),
    KG.ResearchInstitute: ("研究机构", "Research institute"),
    KG.Association: ("社会团体", "Association"),
    KG.DevelopmentZone: ("开发区/园区", "Development zone or park"),
    KG.Platform: ("平台", "Platform or centre"),
    KG.MediaOutlet: ("媒体", "Media outlet"),
    KG.Place: ("地点", "Place"),
    KG.Event: ("事件", "Event"),
    KG.Visit: ("考察访问", "Visit"),
    KG.DelegationTrip: ("率队出访", "Delegation trip"),
    KG.Meeting: ("会见会谈", "Meeting"),
    KG.Signing: ("签约", "Signing"),
    KG.Unveiling: ("揭牌", "Unveiling"),
    KG.Conference: ("会议活动", "Conference or activity"),
}

# relation local name -> (zh, en) rdfs:label, as in ontology/kg.ttl
RELATION_LABELS = {
    "visited": ("考察/访问", "visited"),
    "ledDelegation": ("带队", "led delegation"),
    "metWith": ("会见", "met with"),
    "signedWith": ("签约", "signed with"),
    "coUnveiled": ("共同揭牌", "co-unveiled"),
    "attended": ("出席", "attended"),
    "holdsPostAt": ("任职于", "holds post at"),
    "locatedIn": ("位于", "located in"),
}

# the roles of participants in events, drawn as dashed edges from the event (kg:firstParty is a
# kg:party too, so it is not drawn twice; kg:agreement points to an Agreement, which is no node)
ROLES = ("leader", "host", "guest", "party", "unveiler", "attendee", "unveiled")

# role local name -> (zh, en) rdfs:label, as in ontology/kg.ttl; the ontology has no zh label for
# kg:unveiled yet, the page says 揭牌对象
ROLE_LABELS = {
    "leader": ("带队者", "leader"),
    "host": ("东道主", "host"),
    "guest": ("客人", "guest"),
    "party": ("签约方", "signing party"),
    "unveiler": ("揭牌人", "unveiler"),
    "attendee": ("出席者", "attendee"),
    "unveiled": ("揭牌对象", "thing unveiled"),
}

# organisation or person -> its home kg:Region (places have kg:region); see kg.viz.regions
IN_REGION: URIRef = KG.inRegion

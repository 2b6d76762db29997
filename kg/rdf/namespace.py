"""The kg vocabulary, mirrored from ``ontology/kg.ttl`` (a test checks the two agree).

``KG.Typo`` raises at once (``_fail = True``), as with rdflib's own namespaces.
"""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace, URIRef

__all__ = ["KG", "ID", "ONTOLOGY_IRI", "RELATIONS", "SYMMETRIC"]

ONTOLOGY_IRI = "https://w3id.org/cnkg/ont"
ID = Namespace("https://w3id.org/cnkg/id/")


class KG(DefinedNamespace):
    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Agent: URIRef
    Person: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    PartyCommittee: URIRef
    Company: URIRef
    University: URIRef
    ResearchInstitute: URIRef
    Association: URIRef
    DevelopmentZone: URIRef
    Platform: URIRef
    MediaOutlet: URIRef
    Place: URIRef
    Event: URIRef
    Visit: URIRef
    DelegationTrip: URIRef
    Meeting: URIRef
    Signing: URIRef
    Unveiling: URIRef
    Conference: URIRef
    Agreement: URIRef
    Post: URIRef
    Document: URIRef
    Evidence: URIRef
    Statement: URIRef
    # the eight relations
    visited: URIRef
    ledDelegation: URIRef
    metWith: URIRef
    signedWith: URIRef
    coUnveiled: URIRef
    attended: URIRef
    holdsPostAt: URIRef
    locatedIn: URIRef
    # events
    participant: URIRef
    leader: URIRef
    host: URIRef
    guest: URIRef
    party: URIRef
    firstParty: URIRef
    unveiler: URIRef
    attendee: URIRef
    destination: URIRef
    agreement: URIRef
    unveiled: URIRef
    startDate: URIRef
    endDate: URIRef
    cameoCode: URIRef
    agreementType: URIRef
    field: URIRef
    # posts
    title: URIRef
    acting: URIRef
    former: URIRef
    since: URIRef
    # provenance
    evidence: URIRef
    document: URIRef
    sentence: URIRef
    startChar: URIRef
    endChar: URIRef
    rule: URIRef
    trigger: URIRef
    confidence: URIRef
    mentionedIn: URIRef
    path: URIRef
    sha1: URIRef
    # regions
    Region: URIRef
    adminCode: URIRef
    level: URIRef
    partOf: URIRef
    region: URIRef
    inRegion: URIRef
    activeIn: URIRef
    sideRegion: URIRef
    originRegion: URIRef
    destinationRegion: URIRef


RELATIONS = ("visited", "ledDelegation", "metWith", "signedWith", "coUnveiled", "attended", "holdsPostAt", "locatedIn")
SYMMETRIC = ("metWith", "signedWith")

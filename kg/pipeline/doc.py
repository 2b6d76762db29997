"""The data a document carries through the pipeline: spans over its text, never copies of it.

Every offset is a character offset into ``Document.text``, the article's decoded text
(for HTML, the text after the markup is stripped). ``Document.norm`` has the same length
and is what the rules read: traditional characters mapped to simplified ones and
full-width forms folded, one character for one, so offsets never drift.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

__all__ = ["Sentence", "Mention", "Relation", "EventFrame", "Entity", "Document"]

_START = attrgetter("start")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    headline: bool = False


@dataclass
class Mention:
    """A typed span: a person, organisation, place, event, title or agreement."""

    start: int
    end: int
    text: str  # surface form in ``Document.norm``
    type: str  # Person | Organization | Place | Event | Title | Agreement
    subtype: str = ""  # ontology class local name (Company, Visit, …) or title body kind
    rule: str = ""
    code: str = ""  # region code for places
    entity: str | None = None  # key of the entity it refers to, set by ``entities``
    data: dict = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class Relation:
    """A binary fact with its evidence. ``subj``/``obj`` are entity keys."""

    subj: str
    pred: str
    obj: str
    sentence: int
    rule: str
    trigger: str
    confidence: float
    event: str | None = None  # key of the event frame it belongs to


@dataclass
class EventFrame:
    """An event node: a trip, meeting, signing, unveiling or conference."""

    key: str
    kind: str  # DelegationTrip | Meeting | Signing | Unveiling | Conference | Visit
    label: str
    sentence: int
    rule: str
    roles: list[tuple[str, str]] = field(default_factory=list)  # (role, entity key)
    start_date: str | None = None
    end_date: str | None = None
    agreement: str | None = None  # agreement label
    unveiled: str | None = None  # entity key
    place: str | None = None  # entity key
    named: bool = False  # label read from the text rather than made up
    fields: list[str] = field(default_factory=list)  # cooperation fields (微电子, 智慧城市 …)
    original: str = ""  # the label as the article writes it (traditional script)
    also: list[int] = field(default_factory=list)  # other sentences that tell of the same event


@dataclass
class Entity:
    key: str
    type: str
    subtype: str
    label: str
    aliases: set[str] = field(default_factory=set)
    originals: set[str] = field(default_factory=set)  # surfaces as written (traditional script)
    code: str = ""
    titles: list[tuple[str, str | None, bool]] = field(default_factory=list)  # (title, org key, acting)
    first: tuple[int, int] | None = None


@dataclass
class Document:
    path: str
    text: str
    norm: str
    title: str = ""
    date: str | None = None  # xsd:date of the article, when given
    year: int | None = None
    sha1: str = ""
    dropped: list[tuple[int, int]] = field(default_factory=list)  # boilerplate spans
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    events: dict[str, EventFrame] = field(default_factory=dict)
    trace: list[str] = field(default_factory=list)  # step notes for ``kg explain``

    def sentence_index(self, pos: int) -> int:
        """The index of the last sentence starting at or before ``pos`` (-1 before the first)."""
        return bisect_right(self.sentences, pos, key=_START) - 1

    def sentence_at(self, pos: int) -> Sentence | None:
        k = self.sentence_index(pos)
        return self.sentences[k] if k >= 0 and pos < self.sentences[k].end else None

    def sent_text(self, s: Sentence) -> str:
        return self.norm[s.start : s.end]

    def last_org(self, before: int, keep, after: int = -1) -> Mention | None:
        """The organisation mention ending latest in (after, before] whose entity ``keep`` accepts."""
        best = None
        for m in self.mentions:
            if m.type == "Organization" and m.entity and after < m.end <= before and keep(self.entities[m.entity]) \
                    and (best is None or m.end > best.end):
                best = m
        return best

    def in_sentence(self, s: Sentence, type_: str | None = None) -> list[Mention]:
        return sorted(
            (m for m in self.mentions if m.start >= s.start and m.end <= s.end and (type_ is None or m.type == type_)),
            key=lambda m: (m.start, -m.end),
        )

"""What the relation frames share: the mentions of a sentence, the entity at a position,
reading an unlisted name (a signing partner, a visited site) and the article's events."""

from __future__ import annotations

import re
from functools import cache

import jieba

from kg.pipeline.doc import Document, EventFrame, Mention, Sentence
from kg.pipeline.entities import add_entity
from kg.pipeline.mentions.orgs import company_kinds, has_signal, org_class
from kg.pipeline.mentions.places import TOWN_SUFFIXES
from kg.pipeline.text import is_common_phrase, is_han, starts_with_any, words_pattern
from kg.rulebook import rulebook

__all__ = ["SentenceView", "read_chunk", "site_entity", "party_entity", "main_event", "event_near", "parse_dates"]

SEPARATORS = "、,和及与"
_CLAUSE_END = re.compile("[,;:。!?]")
_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:(?:至|到|-|—)(?:(\d{1,2})月)?(\d{1,2})日)?")


class SentenceView:
    """The entity mentions of one sentence, in order."""

    def __init__(self, doc: Document, s: Sentence, in_sentence: list[Mention] | None = None):
        self.doc, self.s = doc, s
        self.text = doc.norm
        ms = [m for m in (doc.in_sentence(s) if in_sentence is None else in_sentence) if m.entity]
        self.mentions = []  # those no longer mention contains (ms is in (start, -end) order)
        far, first = -1, -1  # the furthest end so far, and the earliest start reaching it
        for m in ms:
            if not (far > m.end or far == m.end and first < m.start):
                self.mentions.append(m)
            if m.end > far:
                far, first = m.end, m.start

    def persons(self, lo: int, hi: int) -> list[Mention]:
        """The persons named in [lo, hi), reporters of the byline left out."""
        return [m for m in self.mentions if m.type == "Person" and lo <= m.start and m.end <= hi
                and not _reporter(self.doc, m.entity)]

    def things(self, lo: int, hi: int) -> list[Mention]:
        return [m for m in self.mentions if m.type in ("Organization", "Place") and lo <= m.start and m.end <= hi]

    def at(self, pos: int, types=("Organization", "Place")) -> Mention | None:
        best = None
        for m in self.mentions:
            if m.start == pos and m.type in types and (best is None or m.end > best.end):
                best = m
        return best

    def clause_start(self, pos: int) -> int:
        """Right after the last , ; or : before ``pos`` in the sentence (its start if none)."""
        if pos <= self.s.start:
            return pos
        return max(self.s.start, *(self.text.rfind(c, self.s.start, pos) + 1 for c in ",;:"))

    def clause_end(self, pos: int) -> int:
        """The first , ; : 。 ! or ? from ``pos`` in the sentence (its end if none)."""
        if pos >= self.s.end:
            return pos
        m = _CLAUSE_END.search(self.text, pos, self.s.end)
        return m.start() if m else self.s.end

    def triggers(self, words) -> list[tuple[int, int, str]]:
        """Where the trigger words occur in the sentence, longest first, without overlaps."""
        pattern = _alternation(tuple(words))
        return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(self.text, self.s.start, self.s.end)]

    def _next_item(self, i: int, end: int, stops) -> int:
        """Where the list item at ``i`` ends: a separator, a verb that closes the list, or 和/及/与
        right before the next named entity."""
        j = _next_sep(self.text, i, end, stops)
        for k in range(i + 1, j):
            if self.text[k] in "和及与" and self.at(k + 1) is not None:
                return k
        return j

    def _split_sites(self, i: int, chunk: str) -> Mention | None:
        """The first of two sites joined by 和/及/与 in one chunk, when both read as sites."""
        for k, ch in enumerate(chunk):
            if ch in "和及与" and 3 <= k <= len(chunk) - 4:
                right = chunk[k + 1 :]
                if not any(right.endswith(x) for x in rulebook().site_suffixes + rulebook().venue_suffixes):
                    continue
                left = site_entity(self.doc, i, i + k)
                if left is not None:
                    return left
        return None

    def items_after(self, pos: int, types=("Organization", "Place"), read_sites: bool = True,
                    stops: tuple[str, ...] = (), whole: bool = False) -> list[Mention]:
        """Entities listed from ``pos``: A、B和C等地. Unknown names become sites when asked; with
        ``whole``, an entity that only starts an item (某地援建的项目) is not taken for it."""
        out: list[Mention] = []
        i = pos
        end = self.clause_end(pos)
        while i < end:
            m = self.at(i, types)
            if m is None and (kind := starts_with_any(self.text, i, company_kinds())) and self.at(i + len(kind), types):
                i += len(kind)  # 来到台资企业某某有限公司: the company's kind, then the company
                continue
            nxt = self._next_item(i, end, stops)
            if m is not None and (m.end >= nxt or self.text[m.end : m.end + 1] in SEPARATORS + "等"):
                out.append(m)
                i = m.end
            elif read_sites:
                chunk = read_chunk(self.text, i, nxt)
                left = self._split_sites(i, chunk) if chunk else None
                if left:  # 某镇某村和某监测站: two sites joined by 和
                    out.append(left)
                    i = left.end + 1
                    continue
                site = site_entity(self.doc, i, i + len(chunk)) if chunk else None
                if site is None:
                    if m is not None and not whole:
                        out.append(m)  # 粤港澳大湾区地理几何中心: the place, not a made-up site
                        break
                    if not chunk or nxt >= end or self.text[nxt] not in "、和及与":
                        break
                    i = nxt  # an unknown item inside a list: skip it, read the next
                else:
                    out.append(site)
                    i += len(chunk)
            else:
                break
            if i < end and self.text.startswith("等", i):
                break
            if i < end and self.text[i] in SEPARATORS:
                i += 1
                continue
            break
        return out


_ITEM_END = ("等", "参观", "考察", "调研", "开展", "进行", "看望", "慰问", "洽谈", "交流", "学习", "对接", "座谈", "商谈",
             "招商", "推介", "参加", "出席", "访问", "走访", "出访", "指导", "会商", "共商", "了解", "时,")


@cache
def _alternation(words: tuple[str, ...]) -> re.Pattern:
    return words_pattern(words)


def _reporter(doc: Document, key: str) -> bool:
    titles = doc.entities[key].titles
    return bool(titles) and all(t[0].lstrip("原前代") in ("记者", "通讯员", "实习生") for t in titles)


def _next_sep(text: str, i: int, end: int, stops: tuple[str, ...] = ()) -> int:
    m = _item_end_re(stops).search(text, i, end)
    return m.start() if m else end


@cache
def _item_end_re(stops: tuple[str, ...]) -> re.Pattern:
    words = sorted(set(_ITEM_END + stops), key=len, reverse=True)
    return re.compile("[、,;]|" + "|".join(map(re.escape, words)))


def read_chunk(text: str, start: int, end: int) -> str:
    chunk = text[start:end].strip("“”\" ")
    return chunk if 2 <= len(chunk) <= 20 and all(is_han(c) or c.isalnum() or c in "()·-“”" for c in chunk) else ""


def _known(doc: Document, name: str, types) -> str | None:
    for ent in doc.entities.values():
        if ent.type in types and (name == ent.label or name in ent.aliases):
            return ent.key
    return None


def site_entity(doc: Document, start: int, end: int) -> Mention | None:
    """A visited site that names no organisation (a hotel, a new housing estate): a Place."""
    name = doc.norm[start:end].strip("“”\"")
    key = _known(doc, name, ("Place", "Organization"))
    if key is None:
        places = [m for m in doc.mentions if m.type == "Place"]
        if name in rulebook().generic_names or org_class(name) or len(name) < 3:
            return None
        suffix = next((x for x in rulebook().site_suffixes + rulebook().venue_suffixes if name.endswith(x)), None)
        if suffix is None or len(name) - len(suffix) < 2:
            return None
        if not has_signal(name, start, places) and not _local_prefix(doc, name, places) \
                and not _TOWN_PREFIX.match(name):
            return None
        ent = add_entity(doc, "Place", "site", name)
        _towns_inside(doc, name, start, places)
        for short in site_short_forms(doc, name, start):
            ent.aliases.add(short)
        key = ent.key
    m = Mention(start, end, name, doc.entities[key].type, doc.entities[key].subtype, rule="site", entity=key)
    doc.entities[key].aliases.add(name)
    doc.mentions.append(m)
    return m


_TOWN_PREFIX = re.compile(r"[\u4e00-\u9fff]{2,3}?(" + "|".join(TOWN_SUFFIXES) + r")[\u4e00-\u9fff]{2,}")  # 某镇某帮扶馆


def _local_prefix(doc: Document, name: str, places: list[Mention]) -> bool:
    """光明科学城 in an article about 深圳: the name starts with a district of a place it names."""
    from kg.gazetteer import gazetteer

    context = tuple(sorted({p.code for p in places if p.code}))
    return any(gazetteer().resolve(name[:k], context) is not None for k in (2, 3))


def _towns_inside(doc: Document, name: str, start: int, places: list[Mention]) -> None:
    """某县某镇某村: the town on the way is a place too."""
    ends = [p.end - start for p in places if start <= p.start and p.end <= start + len(name)]
    lo = max(ends, default=0)
    for mt in re.finditer(r"[\u4e00-\u9fff]{1,4}?(镇|乡|街道)", name[lo:]):
        town = mt.group(0)
        if len(town) >= 2 and town != name:
            add_entity(doc, "Place", "town", town)
            break


def site_short_forms(doc: Document, name: str, start: int) -> set[str]:
    places = [m for m in doc.mentions if m.type == "Place" and start <= m.start and m.end <= start + len(name)]
    cuts = {p.end - start for p in places if p.end - start < len(name)}
    k = 0
    for tok in jieba.lcut(name, HMM=False):
        k += len(tok)
        cuts.add(k)
    return {name[c:] for c in cuts if 0 < c and len(name) - c >= 3}


def party_entity(doc: Document, start: int, end: int) -> Mention | None:
    """A signing party or an unveiled platform the suffix grammar did not find: an organisation.
    A quoted name is taken as it is; an unquoted one must not be a common phrase."""
    quoted = doc.norm[start : start + 1] == "“" and doc.norm[end - 1 : end] == "”"
    name = doc.norm[start:end].strip("“”\" ")
    if not name:
        return None
    key = _known(doc, name, ("Organization", "Place"))
    if key is None:
        if len(name) < 2 or len(name) > 20 or name in rulebook().generic_names or (
                not quoted and is_common_phrase(name)):
            return None
        if re.search(r"\d+个|项目|企业$|双方|各方|两地", name):
            return None
        cls = org_class(name)
        key = add_entity(doc, "Organization", cls[0] if cls else "Organization", name).key
    m = Mention(start, end, name, doc.entities[key].type, doc.entities[key].subtype, rule="party", entity=key)
    doc.entities[key].aliases.add(name)
    doc.mentions.append(m)
    return m


def parse_dates(text: str, year: int | None) -> tuple[str | None, str | None]:
    m = _DATE.search(text)
    if not m:
        return None, None
    y = int(m.group(1)) if m.group(1) else year
    if y is None:
        return None, None
    mo, d = int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None, None
    start = f"{y:04d}-{mo:02d}-{d:02d}"
    end = None
    if m.group(5):
        mo2 = int(m.group(4)) if m.group(4) else mo
        d2 = int(m.group(5))
        if 1 <= mo2 <= 12 and 1 <= d2 <= 31:
            end = f"{y:04d}-{mo2:02d}-{d2:02d}"
    return start, end


_TRIP = re.compile(r"赴|访问|访港|访澳|访台|来[\u4e00-\u9fff]{1,4}(考察|调研|交流|访问)|考察|调研|率团|率队|带队")


def _trip_part(doc: Document, head: Sentence) -> tuple[int, int] | None:
    """The part of a headline that tells of the trip (headlines join two items with spaces)."""
    pos = head.start
    for part in re.split(r"(\s+)", doc.norm[head.start : head.end]):
        if part.strip() and _TRIP.search(part):
            return pos, pos + len(part)
        pos += len(part)
    return None


_TRIP_PHRASE = re.compile(r"[\u4e00-\u9fff]{2,14}?(?:代表团|考察团|参访团|访问团|调研组|交流团)(?:一行)?"
                          r"(?:赴|来|到|前往)[^,。;]{1,16}?(?:学习考察|考察交流|考察对接|考察|调研|交流|访问)")


def _trip_phrase(doc: Document) -> tuple[int, int] | None:
    """某市党政代表团赴某地考察, in the first sentences: the trip, when the headline does not say."""
    for s in doc.sentences[:4]:
        m = _TRIP_PHRASE.search(doc.norm, s.start, s.end)
        if m:
            start = m.start()
            for w in ("率领", "带领", "率"):  # 率领某代表团: the name starts after the verb
                k = doc.norm.rfind(w, start, m.end())
                if k >= 0:
                    start = k + len(w)
                    break
            return start, m.end()
    return None


def main_event(doc: Document) -> EventFrame:
    """The trip or activity the article reports: named by a headline that tells of a trip
    (某市代表团赴某地考察), else by the article's first named event, else by its first line."""
    if "Event:main" in doc.events:
        return doc.events["Event:main"]
    head = doc.sentences[0] if doc.sentences and doc.sentences[0].headline else None
    named = [m for m in doc.mentions if m.type == "Event" and m.data.get("named")]
    part = _trip_part(doc, head) if head is not None else None
    if part is None:
        part = _trip_phrase(doc)
    if part is not None:
        a, b = part
        told = doc.sentence_at(a)  # the headline, or the first sentences when there is none
        ev = EventFrame("Event:main", "DelegationTrip", doc.norm[a:b], told.index if told else 0, "event.main.headline",
                        named=True, original=doc.text[a:b])
    elif named:
        m = named[0]
        s = doc.sentence_at(m.start)
        ev = EventFrame("Event:main", "DelegationTrip", m.text, s.index if s else 0, "event.main.named", named=True,
                        original=doc.text[m.start : m.end])
        m.entity = ev.key
    else:
        s = doc.sentences[0] if doc.sentences else None
        label = (doc.norm[s.start : s.end] if s else doc.title)[:40].rstrip("。,")
        ev = EventFrame("Event:main", "DelegationTrip", label, s.index if s else 0, "event.main.headline")
    first_dated = next((parse_dates(doc.sent_text(x), doc.year) for x in doc.sentences
                        if parse_dates(doc.sent_text(x), doc.year)[0]), (None, None))
    ev.start_date, ev.end_date = first_dated
    doc.events[ev.key] = ev
    return ev


def event_near(doc: Document, pos: int, after: int | None = None) -> EventFrame:
    """The event a bare reference (活动, 会上, 出席会议) at ``pos`` means: a named event right after
    the trigger, else the last event mentioned before it, else the main event."""
    events = [m for m in doc.mentions if m.type == "Event"]
    if after is not None:
        for m in events:
            if after <= m.start <= after + 2 and m.data.get("named"):
                return event_frame(doc, m)
        if doc.norm.startswith("活动", after):
            return main_event(doc)
    before = [m for m in events if m.end <= pos and m.data.get("named")]
    if before:
        return event_frame(doc, before[-1])
    return main_event(doc)


def event_frame(doc: Document, m: Mention) -> EventFrame:
    main = main_event(doc)
    if m.entity == main.key or m.text == main.label:
        return main
    key = f"Event:{m.text}"
    if key not in doc.events:
        s = doc.sentence_at(m.start)
        ev = EventFrame(key, m.subtype or "Conference", m.text, s.index if s else 0, "event.named", named=True,
                        original=doc.text[m.start : m.end])
        ev.start_date, ev.end_date = parse_dates(doc.sent_text(s), doc.year) if s else (None, None)
        doc.events[key] = ev
    m.entity = key
    return doc.events[key]

"""Step ``entities``: group a document's mentions into entities, find the short forms the
text uses for them (alias mentions), and read posts (person, title, organisation)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kg.gazetteer import gazetteer
from kg.pipeline.doc import Document, Entity, Mention
from kg.pipeline.mentions.orgs import org_class, org_suffix
from kg.pipeline.mentions.places import strip_upper_region
from kg.pipeline.text import coverage, find_all, is_common_phrase, is_han, starts_with_any
from kg.rulebook import rulebook

__all__ = ["record_originals", "extend_with_places", "build_entities", "entity_key", "add_entity", "short_forms", "home_body"]

_LEGAL = ("集团股份有限公司", "股份有限公司", "集团有限公司", "有限责任公司", "有限公司")
_TRADE = ("科技", "实业", "股份", "控股", "集团", "发展", "技术")  # words a company's short name drops
_ABBREV = (("经济技术开发区", "经开区"), ("经济技术开发区", "开发区"), ("高新技术产业开发区", "高新区"),
           ("高新技术产业开发区", "开发区"), ("人民政府", "政府"))
ANAPHORS = {"企业": "Company", "该企业": "Company", "公司": "Company", "该公司": "Company", "集团": "Company",
            "学校": "University", "该校": "University", "高校": "University", "该院": "ResearchInstitute",
            "研究院": "ResearchInstitute", "协会": "Association", "该协会": "Association", "商会": "Association",
            "管委会": "DevelopmentZone", "开发区管委会": "DevelopmentZone", "高新区管委会": "DevelopmentZone",
            "园区管委会": "DevelopmentZone", "园区": "DevelopmentZone", "该园区": "DevelopmentZone",
            "党工委": "DevelopmentZone"}


def entity_key(type_: str, name: str) -> str:
    return f"{type_}:{name}"


def add_entity(doc: Document, type_: str, subtype: str, label: str, code: str = "", m: Mention | None = None) -> Entity:
    key = entity_key(type_, code or label)
    ent = doc.entities.get(key)
    if ent is None:
        ent = doc.entities[key] = Entity(key, type_, subtype, label, code=code)
    if m is not None:
        m.entity = key
        if m.rule != "place.ours":  # 我市 points at the city; it is not one of its names
            ent.aliases.add(m.text)
        orig = doc.text[m.start : m.end]
        if orig != m.text:
            ent.originals.add(orig)
        if ent.first is None or m.start < ent.first[0]:
            ent.first = (m.start, m.end)
    return ent


def short_forms(name: str, places_in_name: list[str]) -> tuple[str, ...]:
    """Shorter names a text may use for an organisation: without its leading places, its legal
    form, its bracketed part, or with a standard abbreviation (sorted)."""
    return _short_forms(name, tuple(places_in_name))


@lru_cache(maxsize=65536)
def _short_forms(name: str, places_in_name: tuple[str, ...]) -> tuple[str, ...]:
    forms = {name}
    for _ in range(3):
        new = set()
        for f in forms:
            for p in places_in_name:
                if f.startswith(p) and len(f) - len(p) >= 3:
                    new.add(f[len(p) :])
            for legal in _LEGAL:
                if f.endswith(legal) and len(f) - len(legal) >= 2:
                    new.add(f[: -len(legal)])
                    trade = f[: -len(legal)]
                    for word in _TRADE:  # 某某锂能科技有限公司 → 某某锂能 (a short name of four or more)
                        if trade.endswith(word) and len(trade) - len(word) >= 4:
                            new.add(trade[: -len(word)])
            if "(" in f:
                new.add(re.sub(r"\([^)]*\)", "", f))
            for long, short in _ABBREV:
                if f.endswith(long) and len(f) > len(long):
                    new.add(f[: -len(long)] + short)
        forms |= new
    forms.discard(name)
    return tuple(sorted(f for f in forms if len(f) >= 3 and f not in rulebook().generic_names))


def home_body(doc: Document, body: str, pos: int | None = None) -> str | None:
    """The body a party title names in this article (区委 → <district>区委): the district named
    last before the title in its sentence or the one before, else the most mentioned one."""
    g = gazetteer()
    want = body[0]  # 区 / 市 / 县 / 省 / 州
    counts: Counter = Counter()
    near = None
    sent = doc.sentence_at(pos) if pos is not None else None
    lo = doc.sentences[max(0, sent.index - 1)].start if sent else None
    for m in doc.mentions:
        if m.type == "Place" and m.code and m.code[0].isdigit():
            r = g.by_code(m.code)
            if want == "省" and r.level == "province" or r.name.endswith(want) and (
                    want != "市" or r.level in ("prefecture", "county")):
                counts[r.code] += 1
                if lo is not None and lo <= m.start < pos:
                    near = r.code
    if near is not None:
        return _body_label(g.by_code(near), body)
    if not counts:
        return None
    code = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return _body_label(g.by_code(code), body)


def build_entities(doc: Document) -> Document:
    for m in doc.mentions:
        if m.type == "Person":
            add_entity(doc, "Person", "Person", m.text, m=m)
        elif m.type == "Place" and m.code:
            add_entity(doc, "Place", m.subtype, gazetteer().by_code(m.code).name, code=m.code, m=m)
        elif m.type == "Place":
            add_entity(doc, "Place", m.subtype, m.text, m=m)
    _org_entities(doc)
    _posts(doc)
    return doc


def _org_entities(doc: Document) -> None:
    orgs = [m for m in doc.mentions if m.type == "Organization"]
    places = [m for m in doc.mentions if m.type == "Place"]
    # the fullest name first, so shorter ones become its aliases
    names = sorted({m.text for m in orgs}, key=lambda n: (-len(n), n))
    canon: dict[str, str] = {m.text: m.data["label"] for m in orgs if "label" in m.data}  # zone bodies
    for zone in set(canon.values()):
        canon[zone] = zone
    for name in names:
        if name in canon:
            continue
        canon[name] = name
        first = min(m.start for m in orgs if m.text == name)
        inside = [p.text for p in places if p.start >= first and p.end <= first + len(name)]
        for short in short_forms(name, inside):
            canon.setdefault(short, name)
        for other in names:
            if other != name and other not in canon and name.endswith(other):
                prefix = name[: -len(other)]
                if all(c in "()" for c in _strip_places(prefix, inside)):
                    canon[other] = name
    for name in names:  # a government or party body goes by its own region's name
        full = canon[name]
        cls = org_class(full)
        if cls and cls[0] in ("PartyCommittee", "GovernmentBody") and canon.get(full) == full:
            short = strip_upper_region(full)
            if short != full:
                for k, v in list(canon.items()):
                    if v == full:
                        canon[k] = short
                canon[short] = short
    for m in orgs:
        full = canon[m.text]
        cls = org_class(full)
        add_entity(doc, "Organization", m.subtype or (cls[0] if cls else "Organization"), full, m=m)
    # alias mentions: short forms used elsewhere in the text
    taken = coverage(len(doc.norm), ((m.start, m.end) for m in doc.mentions))  # the characters a mention covers
    new: list[Mention] = []
    for short, full in sorted(canon.items(), key=lambda kv: -len(kv[0])):
        if short == full:
            continue
        for s in find_all(doc.norm, short):
            e = s + len(short)
            if any(taken[s:e]) or any(a <= s < b for a, b in doc.dropped):
                continue
            if e < len(doc.norm) and is_han(doc.norm[e]) and doc.norm[e] in "所":
                continue
            mm = Mention(s, e, short, "Organization", doc.entities[entity_key("Organization", full)].subtype,
                         rule="org.alias")
            add_entity(doc, "Organization", mm.subtype, full, m=mm)
            new.append(mm)
            taken[s:e] = b"\x01" * (e - s)
    doc.mentions.extend(new)
    doc.mentions.sort(key=lambda m: (m.start, -m.end, m.type))


def _strip_places(text: str, places: list[str]) -> str:
    for p in sorted(places, key=len, reverse=True):
        text = text.replace(p, "")
    return text


def _posts(doc: Document) -> None:
    """Attach each anchored person's titles to the organisation they name."""
    titles = {m.start: m for m in doc.mentions if m.type == "Title"}
    rb = rulebook()
    last_region = None  # 遵义市委书记甲，市委副书记乙: the second body is in the same region
    last_org = None  # 某协会理事长甲、荣誉理事长乙: the second post is at the first one's body
    for m in [m for m in doc.mentions if m.type == "Person" and m.data.get("titles")]:
        person = doc.entities[m.entity]
        body = None  # the party committee of this person's last body title, and where that title ends
        for tstart in m.data["titles"]:
            t = titles[tstart]
            spec = rb.titles[t.data["word"]]
            org_key = None
            if spec.names == "body":
                region = _place_before(doc, t)
                sent = doc.sentence_at(t.start)
                if region is None and last_region and sent and last_region[0] == sent.index:
                    region = last_region[1]
                if region is not None and sent:
                    last_region = (sent.index, region)
                label = _body_label(region, spec.body) if region else home_body(doc, spec.body, t.start)
                if label:
                    org_key = add_entity(doc, "Organization", spec.cls, label).key
                body = (t.end, label) if label and spec.cls == "PartyCommittee" else None
            elif spec.names == "org":
                org_key = _org_before(doc, t, m, spec.cls)
                if org_key is None and body:
                    org_key = _department(doc, body, t)
                if org_key is None and last_org and (last_org[0] == t.start or _same_body(doc, last_org, t)):
                    org_key = last_org[1]  # 常务副会长甲、乙: one title, one body for both
                last_org = (t.start, org_key, m.end) if org_key else None
            former = t.data["former"] or _former_segment(doc, t)
            entry = (t.text, org_key, t.data["acting"], former, t.start)
            person.titles.append(entry)


def _department(doc: Document, body: tuple, t: Mention) -> str | None:
    """某市委常委、统战部部长: the department is the committee's named just before (某市委统战部)."""
    dept = doc.norm[body[0] : t.start]
    if dept[:1] != "、" or org_class(dept[1:]) != ("PartyCommittee", "strong") or not dept.endswith("部"):
        return None
    ent = add_entity(doc, "Organization", "PartyCommittee", body[1] + dept[1:])
    at = doc.norm.rfind(body[1], 0, body[0])  # the text's own spelling (廈門市委統戰部), offsets being shared
    orig = (doc.text[at : at + len(body[1])] if at >= 0 else body[1]) + doc.text[body[0] + 1 : t.start]
    if orig != ent.label:
        ent.originals.add(orig)
    return ent.key


def _same_body(doc: Document, last: tuple, t: Mention) -> bool:
    """The title follows the previous post's holder after 、 or a comma with only a rank word
    between (某商会会长甲,常务副会长乙)."""
    gap = doc.norm[last[2] : t.start]
    return gap[:1] in ("、", ",") and gap[1:] in ("", "荣誉", "名誉", "常务", "执行", "副", "首席")


def _former_segment(doc: Document, t: Mention) -> bool:
    """原某某公司董事长: 原 before the organisation marks the post as former too."""
    text = doc.norm
    i = t.start
    while i > 0 and text[i - 1] not in ",、;:。!?()“” \n":
        i -= 1
    if text.startswith(("原", "前任"), i):
        return True
    body = [m for m in doc.mentions if m.type in ("Organization", "Place") and m.start >= i and m.end <= t.start + 1]
    return bool(body) and text[min(m.start for m in body) - 1] == "原"  # 会见了原某市某会副主任


def _place_before(doc: Document, t: Mention):
    """无锡市委书记: the place right before the title names the body's region."""
    best = None
    for m in doc.mentions:
        if m.type == "Place" and m.end in (t.start, t.start + 1) and m.code[:1].isdigit():
            if best is None or m.end - m.start > best.end - best.start:
                best = m
    return gazetteer().by_code(best.code) if best else None


def _body_label(r, body: str) -> str:
    if r.short and r.name.endswith(("自治州", "自治县", "自治旗")):
        return r.short + body  # 阿坝藏族羌族自治州 → 阿坝州委, as the texts write it
    if r.name.endswith(body[0]) and not r.name.endswith("新区") and len(r.name) > 2:
        return r.name + body[1:]  # 海淀区 + 区委 → 海淀区委 (but 某县 + 县委 → 某县县委)
    return (r.name if r.name.endswith("新区") else r.short or r.name) + body


def _zone_before(doc: Document, floor: int, pos: int) -> str | None:
    """The zone of the body named last in [floor, pos): a zone, or a zone's 党工委."""
    for m in sorted((m for m in doc.mentions if m.type == "Organization" and floor <= m.start and m.end <= pos),
                    key=lambda m: -m.start):
        ent = doc.entities.get(m.entity) if m.entity else None
        if ent is None:
            continue
        if ent.subtype == "DevelopmentZone":
            return ent.key
        zone = ent.label.removesuffix("党工委")
        if zone != ent.label and len(zone) >= 4 and zone[-1] in "区园城港":
            return add_entity(doc, "Organization", "DevelopmentZone", zone).key
    return None


def _org_before(doc: Document, t: Mention, person: Mention, cls: str = "") -> str | None:
    text = doc.norm
    sent = doc.sentence_at(t.start)
    floor = sent.start if sent else 0
    # the segment before the title: back to punctuation, a person, another title or a boundary word
    seg_start = t.start
    while seg_start > floor and text[seg_start - 1] not in ",、;:。!?()“”\" ":
        seg_start -= 1
    for m in doc.mentions:
        if m.type in ("Person", "Title") and seg_start <= m.end <= t.start and m.end > seg_start:
            seg_start = m.end
    orgs = [m for m in doc.mentions if m.type == "Organization" and seg_start <= m.start and m.end <= t.start]
    if orgs:
        return orgs[0].entity
    chunk = text[seg_start : t.start]
    cut = 0
    for i in range(len(chunk)):
        w = starts_with_any(chunk, i, rulebook().boundary_words)
        if w and i + len(w) < len(chunk):
            cut = max(cut, i + len(w))
    seg_start += cut
    chunk = text[seg_start : t.start]
    if not chunk.strip("与和同及跟、 "):  # 甲与院长乙座谈: the institute named before in the sentence
        return _antecedent(doc, t.start, cls, sent.start) if cls and sent else None
    if chunk in ("管委会", "管理委员会") and sent and (zone := _zone_before(doc, sent.start, seg_start)):
        return zone  # 某开发区党工委书记、管委会主任: the zone of the 党工委 just named
    if chunk in ANAPHORS:
        return _antecedent(doc, seg_start, ANAPHORS[chunk])
    if chunk in _HOME_GOVERNMENTS:  # 市政府秘书长: the government of the article's city
        label = home_body(doc, chunk[0] + "人民政府", t.start)
        return add_entity(doc, "Organization", "GovernmentBody", label).key if label else None
    if not (2 <= len(chunk) <= 14) or chunk in rulebook().generic_names:
        return None
    if any(m.type == "Place" and m.start == seg_start and m.end == t.start for m in doc.mentions):
        return None
    if not all(is_han(c) or c.isalnum() or c in "()·" for c in chunk):
        return None
    cls = org_class(chunk)
    if is_common_phrase(chunk) and not (cls and len(chunk) - len(org_suffix(chunk)) >= 2):
        return None  # 蓝海集团董事长: a suffix right before a post names a body, even in common words
    mm = Mention(seg_start, t.start, chunk, "Organization", cls[0] if cls else "Organization", rule="org.before-title")
    doc.mentions.append(mm)
    return add_entity(doc, "Organization", mm.subtype, chunk, m=mm).key


_HOME_GOVERNMENTS = ("市政府", "区政府", "县政府", "州政府", "省政府")


def _antecedent(doc: Document, pos: int, cls: str, after: int | None = None) -> str | None:
    """The last body of class ``cls`` named before ``pos`` (within 400 characters, or after ``after``)."""
    m = doc.last_org(pos, lambda e: e.subtype == cls or cls == "Company" and e.subtype == "Organization",
                     pos - 400 if after is None else after)
    return m.entity if m else None


def extend_with_places(doc: Document) -> None:
    """An organisation first met by a short name (合伙小镇) and written elsewhere with its place
    in front (某地合伙小镇) takes the longer name; the short one becomes an alias."""
    places = {m.end: m for m in doc.mentions if m.type == "Place"}
    for ent in doc.entities.values():
        if ent.type != "Organization" or any(ent.label.startswith(p.text) for p in places.values()):
            continue
        for start in find_all(doc.norm, ent.label):
            p = places.get(start)
            if p is not None and not any(a <= p.start < b for a, b in doc.dropped):
                ent.aliases.add(ent.label)
                ent.label = p.text + ent.label
                ent.aliases.add(ent.label)
                break


def record_originals(doc: Document) -> None:
    """Every name as the article writes it (traditional script), for names the rules made up
    too (某市委 from 市委书记)."""
    if doc.norm == doc.text:
        return
    for ent in doc.entities.values():
        for name in {ent.label} | ent.aliases:
            k = doc.norm.find(name)
            if k >= 0 and doc.text[k : k + len(name)] != name:
                ent.originals.add(doc.text[k : k + len(name)])

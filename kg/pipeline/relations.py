"""Step ``relations``: read the eight relations from the structures these texts use.

Each frame is one function over a sentence; the rules (trigger words, confidence) come from
``kg/rules/relations.json``. A frame records the rule and the words that fired it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from kg.pipeline.doc import Document, EventFrame, Relation
from kg.pipeline.entities import extend_with_places, record_originals
from kg.pipeline.frames import (SentenceView, event_frame, event_near, main_event, parse_dates, party_entity,
                                site_entity)
from kg.pipeline.text import starts_with_any, words_pattern
from kg.rulebook import Rule, rulebook

__all__ = ["find_relations"]


def _add(doc: Document, view: SentenceView, rule: Rule, subj: str, obj: str, trigger: str,
         event: EventFrame | None = None) -> None:
    if subj == obj:
        return
    doc.relations.append(Relation(subj, rule.relation, obj, view.s.index, rule.name, trigger, rule.confidence,
                                  event.key if event else None))


_GROUP_NOUNS = ("代表团", "考察团", "调研组", "访问团", "一行", "客商团", "工作组", "参访团", "交流团", "考察组",
                "观摩团", "调研团", "参观团")


def _subjects(view: SentenceView, pos: int, doc: Document | None = None) -> list:
    """The persons acting at ``pos``: those of the clause before it (X、Y率队; X一行), else the
    nearest before it in the sentence, else the first after it; a delegation named without its
    leader (代表团一行来到…) is its leaders'."""
    lo = view.clause_start(pos)
    before = view.persons(view.s.start, pos)
    if before and doc is not None and _leaders(doc, view) and any(
            g in view.text[before[-1].end : pos] for g in _GROUP_NOUNS):
        return _leaders(doc, view)  # 甲欢迎代表团来访: the delegation moves, not 甲
    if before and not view.persons(lo, pos) and doc is not None and _leaders(doc, view):
        return _leaders(doc, view)  # 甲会见了乙,代表团一行随后来到…: the delegation, not the last person named
    if before:
        # a group joined by 、/和 right before the trigger: 甲、乙率队
        return _group(view, before)
    if doc is not None and any(g in view.text[view.s.start : pos] for g in _GROUP_NOUNS):
        return _leaders(doc, view)  # 代表团一行深入甲县,先后到乙公司…: the group acts in every clause
    return view.persons(pos, view.s.end)[:1]


class _Ref:
    """An entity reference that is not a mention of this sentence (a trip's leader)."""

    def __init__(self, entity: str):
        self.entity = entity


def _leaders(doc: Document, view: SentenceView) -> list:
    main = doc.events.get("Event:main")
    if main is None:
        return []
    return [_Ref(who) for role, who in main.roles if role == "leader"]


def _group(view: SentenceView, persons: list) -> list:
    out = [persons[-1]]
    for m in reversed(persons[:-1]):
        gap = view.text[m.end : out[0].start]
        if len(gap) <= 1 and gap in ("、", "和", "与", ""):
            out.insert(0, m)
        elif gap[:1] in ("、", "和", "与", ",") and _only_titles(gap[1:]):
            out.insert(0, m)
        elif re.fullmatch(r"\([^()]{1,30}\)[、和,]?", gap):  # 甲(某市委书记)、乙
            out.insert(0, m)
        else:
            break
    return out


def _only_titles(gap: str) -> bool:
    """市委副书记、代市长: nothing but titles (and the bodies they name) between two names."""
    titles = rulebook().titles
    rest = gap
    while rest:
        for t in sorted(titles, key=len, reverse=True):
            for pre in ("荣誉", "名誉", "常务", "执行", "代", ""):
                if rest.endswith(pre + t):
                    rest = rest[: -len(pre + t)].rstrip("、")
                    break
            else:
                continue
            break
        else:
            return False
    return True


def frame_lead(doc, view, rule):
    for a, b, w in view.triggers(rule.triggers):
        if view.text[b : b + 1] == "、" or any(m.type == "Title" and m.start <= a and b <= m.end for m in view.doc.mentions
                                               if view.s.start <= m.start < view.s.end):
            continue  # 某工作队领队、某县委副书记甲: a post, not the trip's leading
        need = dict(rule.requires_after).get(w)
        if need and not any(x in view.text[b : view.clause_end(b) + 1] for x in need):
            continue
        leaders = _subjects(view, a)
        if not leaders:
            continue
        ev = main_event(doc)
        for p in leaders:
            _add(doc, view, rule, p.entity, ev.key, w, ev)
            if ("leader", p.entity) not in ev.roles:
                ev.roles.append(("leader", p.entity))


def frame_visit(doc, view, rule):
    for a, b, w in view.triggers(rule.triggers):
        if rule.blockers and (view.text.endswith(rule.blockers, view.s.start, a)
                              or view.text.startswith(_other_blockers(rule.blockers, w), a)):
            continue
        if view.text[max(view.s.start, a - 1) : b] in rule.blockers:
            continue
        if rule.clause_blockers and _invited_or_planned(view.text[view.clause_start(a) : a], rule.clause_blockers):
            continue  # 邀请企业到某地考察, 商会将组织会员赴某地: no one went yet
        if rule.not_followed_by and starts_with_any(view.text, b, rule.not_followed_by):
            continue
        need = dict(rule.requires_after).get(w)
        if need and not any(x in view.text[b : view.clause_end(b) + 1] for x in need):
            continue  # 先后在甲、乙考察: 在 moves no one without a visit verb after the places
        pos = b
        if view.text.startswith("了", pos):
            pos += 1
        moving = view.text[max(view.s.start, a - 3) : a].endswith(_SEQUENCE + _GROUP_NOUNS) or any(
            m.type == "Person" and m.end == a for m in view.mentions)
        if len(w) == 1 and w in "来到" and not moving:
            continue  # 布局到某地, 带到: no one goes anywhere
        single = len(w) == 1 and not view.text[max(view.s.start, a - 2) : a].endswith(("先后", "分别"))
        targets = view.items_after(pos, read_sites=not single, whole=rule.whole_items)
        if not targets or rule.followed_by and not starts_with_any(view.text, targets[-1].end, rule.followed_by):
            continue  # 在某公司考察时: 在 visits only right before a verb of visiting
        visitors = _subjects(view, a, doc)
        ev = main_event(doc)
        for p in visitors:
            for t in targets:
                _add(doc, view, rule, p.entity, t.entity, w, ev)
                if t.type == "Place" and w in rule.destination_triggers and doc.entities[t.entity].code \
                        and ("destination", t.entity) not in ev.roles:
                    ev.roles.append(("destination", t.entity))


@cache
def _other_blockers(blockers: tuple[str, ...], trigger: str) -> tuple[str, ...]:
    """The blockers that are not the trigger itself (a blocker starting where a trigger does)."""
    return tuple(x for x in blockers if x != trigger)


_SEQUENCE = ("先后", "分别", "一行", "专程", "还", "又", "再", "随后", "率队", "带队", "团")
_ACCEPTED = re.compile(r"[应受][^,;:]{0,20}邀")  # 应某市邀请, 受邀: the invitation was taken up


def _invited_or_planned(before: str, words: tuple[str, ...]) -> bool:
    """A clause telling an invitation, a wish or a plan before its verb of going."""
    return any(w in before for w in words) and not _ACCEPTED.search(before)


def frame_accompany(doc, view, rule):
    """Hosts who accompany or welcome the visitors (甲、乙陪同考察; 甲对代表团一行表示欢迎) meet them."""
    for a, b, w in view.triggers(rule.triggers):
        hosts = view.persons(view.clause_start(a), a)
        guests = view.persons(b, view.clause_end(b)) or _leaders(doc, view)
        hosts = [h for h in hosts if h.entity not in {g.entity for g in guests}]
        if hosts and guests:
            _meeting(doc, view, rule, hosts, guests, w)


def frame_join_meeting(doc, view, rule):
    """甲参加会见: 甲 joins the hosts of the meeting just told, and meets its guests."""
    for a, b, w in view.triggers(rule.triggers):
        before = view.persons(view.s.start, a)
        joining = _group(view, before) if before else []  # 甲,市委常委、秘书长乙参加会见: both
        last = [ev for ev in doc.events.values() if ev.kind == "Meeting" and view.s.index - 1 <= ev.sentence <= view.s.index]
        if not joining or not last:
            continue
        guests = [_Ref(who) for role, who in last[-1].roles if role == "guest"]
        joining = [p for p in joining if p.entity not in {g.entity for g in guests}]
        if guests and joining:
            _meeting(doc, view, rule, joining, guests, w)


def _meeting(doc, view, rule, hosts, guests, trigger):
    key = f"Event:meeting:{view.s.index}:{hosts[0].entity}"
    ev = doc.events.setdefault(key, EventFrame(key, "Meeting", view.text[view.s.start : view.s.end][:40],
                                               view.s.index, rule.name))
    ev.start_date, ev.end_date = parse_dates(doc.sent_text(view.s), doc.year)
    for h in hosts:
        ev.roles.append(("host", h.entity))
        for g in guests:
            if h.entity != g.entity:
                ev.roles.append(("guest", g.entity)) if ("guest", g.entity) not in ev.roles else None
                _add(doc, view, rule, h.entity, g.entity, trigger, ev)


def frame_meet_after(doc, view, rule):
    for a, b, w in view.triggers(rule.triggers):
        hosts = _subjects(view, a) if view.persons(view.s.start, a) else []
        guests = view.persons(b, view.clause_end(b))
        if not guests and any(g in view.text[b : view.clause_end(b)] for g in _GROUP_NOUNS):
            guests = _leaders(doc, view)
        if hosts and guests:
            _meeting(doc, view, rule, hosts, guests, w)


def frame_meet_with(doc, view, rule):
    for a, b, w in view.triggers(rule.triggers):
        lo = view.s.start
        conn = max((i for i in range(lo, a) if view.text[i] in "与同和"), default=None)
        if conn is None:
            continue
        guests = view.persons(conn, a)
        hosts = view.persons(lo, conn)
        if hosts and guests:
            _meeting(doc, view, rule, _group(view, hosts), guests, w)


_BRIEF_GAP = ("", "还", "也", "分别", "详细", "一一")
_BRIEF_GUESTS = ("", "一行", "等", "等人", "一行详细", "详细", "一行分别")


def frame_brief(doc, view, rule):
    """董事长甲向乙一行介绍了企业情况: a host briefing the visitors meets them."""
    for a, b, w in view.triggers(rule.triggers):
        lo = view.clause_start(a)
        to = view.text.rfind("向", lo, a)
        if to < 0:
            continue
        hosts = [p for p in view.persons(lo, to) if view.text[p.end : to] in _BRIEF_GAP]
        guests = view.persons(to + 1, a)
        if hosts and guests and view.text[guests[-1].end : a] in _BRIEF_GUESTS and guests[0].start == to + 1:
            _meeting(doc, view, rule, hosts[-1:], _group(view, guests), w)


_ADVERBS = ("正式", "共同", "现场", "分别", "成功", "顺利", "集中", "还", "也", "并")


def frame_pair(doc, view, rule):
    """A与B签订…; A分别与B、C签约; A与B、C与D分别签订…"""
    rb = rulebook()
    for a, b, w in view.triggers(rule.triggers):
        lo = view.clause_start(a)
        end = a - 1 if view.text[a - 1] == "的" else a
        changed = True
        while changed:
            changed = False
            for word in _ADVERBS:
                if view.text[lo:end].endswith(word):
                    end -= len(word)
                    changed = True
        signers, pairs = _on_behalf(view, lo, end)
        pairs = pairs or _pairs(view, view.things(lo, end), end) or _one_pair(doc, view, lo, end)
        if not pairs:
            continue
        if signers:
            _signers_attend(doc, view, signers, a)
        agreement = None
        tail = view.text[b : view.clause_end(b)]
        for word in rb.agreement_words:
            k = tail.find(word)
            if k >= 0:
                agreement = tail[: k + len(word)].lstrip("了")
                break
        fields = cooperation_fields(view.text[b : view.s.end])
        for left, right in pairs:
            key = f"Event:signing:{view.s.index}:{left[0].start}"
            ev = doc.events.setdefault(key, EventFrame(key, "Signing", f"{left[0].text}与{right[0].text}签约",
                                                       view.s.index, rule.name, agreement=agreement))
            ev.start_date, ev.end_date = parse_dates(doc.sent_text(view.s), doc.year)
            ev.fields = ev.fields or fields
            for lm in left:
                for rm in right:
                    for role in (("party", lm.entity), ("party", rm.entity)):
                        if role not in ev.roles:
                            ev.roles.append(role)
                    _add(doc, view, rule, lm.entity, rm.entity, w, ev)


def _on_behalf(view, lo, end):
    """甲和乙分别代表A、B签署: the bodies sign (one pair), the people who sign for them are signers."""
    k = view.text.rfind("代表", lo, end)
    signers = view.persons(lo, k) if k > lo else []
    if not signers:
        return [], []
    items = view.things(k + 2, end)
    if len(items) == 2 and view.text[items[0].end : items[1].start] in ("、", "和", "与", "及") \
            and not view.text[items[1].end : end].strip(" 的双方"):
        return signers, [([items[0]], [items[1]])]
    return signers, []


def _signers_attend(doc, view, signers, pos):
    """People who sign at a named signing ceremony attend it (the guidelines' rule)."""
    ev = event_near(doc, pos)
    signing = tuple(w for w, kind in rulebook().event_suffixes.items() if kind == "Signing")
    if not ev.named or not (ev.kind == "Signing" or ev.label.endswith(signing)):
        return
    rule = next(r for r in rulebook().rules if r.frame == "attend")
    for p in signers:
        if ("attendee", p.entity) not in ev.roles:
            ev.roles.append(("attendee", p.entity))
        _add(doc, view, rule, p.entity, ev.key, "签署", ev)


def _gap_kind(gap: str) -> str:
    g = gap.strip()
    for word in _ADVERBS:
        g = g.replace(word, "")
    if g in ("与", "和", "同", "跟"):
        return "with"
    if g in ("、", ",", "及", "以及"):
        return "list"
    return "other"


def _pairs(view, items, end):
    """Group the parties listed before a signing verb into (left, right) pairs."""
    if len(items) < 2:
        return []
    gaps = [view.text[items[k - 1].end : items[k].start] for k in range(1, len(items))]
    kinds = [_gap_kind(g) for g in gaps]
    if "with" not in kinds or view.text[items[-1].end : end].strip(" 的"):
        return []
    pairs, left, right, side = [], [items[0]], [], "left"
    for k, item in enumerate(items[1:]):
        kind = kinds[k]
        nxt = kinds[k + 1] if k + 1 < len(kinds) else None
        if kind == "with":
            side = "right"
            right.append(item)
        elif kind == "list" and side == "left":
            left.append(item)
        elif kind == "list" and nxt == "with":
            if left and right:
                pairs.append((left, right))
            left, right, side = [item], [], "left"
        elif kind == "list":
            right.append(item)
        else:
            if left and right:
                pairs.append((left, right))
            left, right, side = [item], [], "left"
    if left and right:
        pairs.append((left, right))
    return pairs


def _one_pair(doc, view, lo, end):
    """A与B签约 where a party is no known entity (a brand name): read it from the text."""
    conn = None
    for i in range(end - 1, lo - 1, -1):
        if view.text[i] in "与同和" and not _inside_entity(view, i):
            conn = i
            break
    if conn is None:
        return []
    right = [m for m in view.things(conn + 1, end) if m.start == conn + 1] or _party(doc, view, conn + 1, end)
    left = [m for m in view.things(lo, conn) if m.end == conn][-1:] or _party(doc, view, lo, conn)
    return [(left, right)] if left and right else []


_FIELDS = [re.compile(r"(?:围绕|聚焦|在|就|涵盖|涉及)([^,。;]{2,60}?)等?" + end) for end in ("领域", "方面", "板块")]


def cooperation_fields(text: str) -> list[str]:
    """围绕微电子、智慧城市、先进材料等领域 → [微电子, 智慧城市, 先进材料]."""
    m = next((m for p in _FIELDS if (m := p.search(text))), None)
    if not m:
        return []
    parts = re.split(r"[、和及与]", m.group(1))
    return [p for p in (x.strip() for x in parts) if 2 <= len(p) <= 12]


def _inside_entity(view, i):
    return any(m.start <= i < m.end for m in view.mentions)


def _party(doc, view, lo, hi):
    while lo < hi and view.text[lo] == " ":
        lo += 1
    for w in ("此次", "本次", "会上", "现场", "其中"):
        if view.text.startswith(w, lo):
            lo += len(w)
    if any(m.start < hi and lo < m.end for m in view.mentions if m.type in ("Person", "Organization")):
        return []
    m = party_entity(doc, lo, hi)
    if m:
        view.mentions.append(m)
        return [m]
    return []


def frame_unveil(doc, view, rule):
    for a, b, w in view.triggers(rule.triggers):
        end = view.clause_end(b)
        close = min((view.text.find(c, b, end) for c in rule.closing if view.text.find(c, b, end) >= 0), default=-1)
        if close < 0:
            continue
        persons = view.persons(view.clause_start(a), a) or view.persons(view.s.start, a)
        lo = b + 1 if view.text[b] in _OPEN else b
        hi = close - 1 if view.text[close - 1] in _CLOSE else close
        target = [m for m in view.things(lo, hi) if m.start == lo and m.end == hi] or _named_before(doc, view, lo, hi)
        if not target:
            target = _party(doc, view, b, close)
            if target and target[0].type == "Organization":
                doc.entities[target[0].entity].subtype = "Platform"
        if not persons or not target:
            continue
        t = target[0]
        key = f"Event:unveiling:{t.entity}"
        ev = doc.events.setdefault(key, EventFrame(key, "Unveiling", f"{doc.entities[t.entity].label}揭牌", view.s.index, rule.name,
                                                   unveiled=t.entity))
        ev.start_date, ev.end_date = parse_dates(doc.sent_text(view.s), doc.year)
        for p in persons:
            ev.roles.append(("unveiler", p.entity))
            _add(doc, view, rule, p.entity, t.entity, w + view.text[close : close + 2], ev)


_OPEN, _CLOSE = "“「『《\"", "”」』》\""


def _named_before(doc, view, lo, hi):
    """共同为中心揭牌 after 「某某服务中心」揭牌成立: the short name is the organisation just named."""
    short = view.text[lo:hi]
    if not 2 <= len(short) <= 6:
        return []
    m = doc.last_org(lo, lambda e: e.label.endswith(short))
    return [_Ref(m.entity)] if m else []


def frame_founded(doc, view, rule):
    """「某某中心」揭牌成立 / 某某中心正式揭牌: the platform exists, even with no unveilers named."""
    for a, b, w in view.triggers(rule.triggers):
        hi = a - 1 if view.text[a - 1] in _CLOSE else a
        if hi <= view.s.start:
            continue
        if view.text[hi - 1 : hi] and any(m.end == hi and m.type == "Organization" for m in view.mentions):
            continue
        lo = view.text.rfind(_OPEN[_CLOSE.index(view.text[hi])], view.s.start, hi) + 1 if view.text[hi] in _CLOSE else 0
        if lo > 0:
            m = _party(doc, view, lo - 1, hi + 1)
            if m and m[0].type == "Organization":
                doc.entities[m[0].entity].subtype = "Platform"


def frame_attend(doc, view, rule):
    for a, b, w in view.triggers(rule.triggers):
        persons = view.persons(view.s.start, a)
        if not persons:
            continue
        ev = event_near(doc, a, after=b)
        for p in persons:
            if ("attendee", p.entity) not in ev.roles:
                ev.roles.append(("attendee", p.entity))
            _add(doc, view, rule, p.entity, ev.key, w, ev)


def frame_speak(doc, view, rule):
    """甲出席并讲话,乙介绍了…: who speaks in a sentence where people attend an event attends it too
    (the guidelines' rule); a speech with no attendance named beside it says nothing."""
    attend = next(r for r in rulebook().rules if r.frame == "attend")
    present = [(a, b) for a, b, _w in view.triggers(attend.triggers) if view.persons(view.s.start, a)]
    opened = _opening_event(doc, view)
    if not present and opened is None:
        return
    ev = opened or event_near(doc, present[0][0], after=present[0][1])
    for a, _b, w in view.triggers(rule.triggers):
        speakers = view.persons(view.clause_start(a), a)
        for p in _group(view, speakers) if speakers else []:
            if ("attendee", p.entity) not in ev.roles:
                ev.roles.append(("attendee", p.entity))
            _add(doc, view, rule, p.entity, ev.key, w, ev)


def _opening_event(doc, view):
    """座谈会上,甲、乙分别介绍了…: the named event a sentence opens with (某会上, 在某会上)."""
    end = view.clause_end(view.s.start)
    head = view.text[view.s.start : end].removeprefix("在")
    if not head.endswith("上") or end >= view.s.end:
        return None
    events = [m for m in view.mentions if m.type == "Event" and m.end == end - 1 and m.data.get("named")]
    return event_frame(doc, events[-1]) if events else None


def frame_visit_at(doc, view, rule):
    """在某大学,代表团参观了…: the place a sentence opens with is visited by the group touring there."""
    end = view.clause_end(view.s.start)
    if not view.text.startswith("在", view.s.start) or end >= view.s.end:
        return
    where = view.at(view.s.start + 1)
    if where is None or where.end != end:
        return
    for a, _b, w in view.triggers(rule.triggers):
        if a <= end:
            continue
        lo = view.clause_start(a)
        who = view.persons(lo, a)
        if who and view.text[who[-1].end : a].strip("一行了 "):
            continue
        if not who and not any(g in view.text[lo:a] for g in _GROUP_NOUNS):
            continue
        visitors = _group(view, who) if who else _leaders(doc, view)
        ev = main_event(doc)
        for p in visitors:
            _add(doc, view, rule, p.entity, where.entity, w, ev)
        return


def frame_with_group(doc, view, rule):
    """甲、乙等随团考察: members of the delegation take part in the trip."""
    for a, _b, w in view.triggers(rule.triggers):
        members = view.persons(view.clause_start(a), a) or view.persons(view.s.start, a)
        ev = main_event(doc)
        for p in members:
            if ("attendee", p.entity) not in ev.roles:
                ev.roles.append(("attendee", p.entity))
            _add(doc, view, rule, p.entity, ev.key, w, ev)


def frame_locate(doc, view, rule):
    for a, b, w in view.triggers(rule.triggers):
        places = view.items_after(b, types=("Place",), read_sites=True, stops=("的",))[:1]
        if not places:
            continue
        where = places[0]
        if view.text.startswith("的", where.end):
            subj = view.at(where.end + 1, ("Organization", "Place"))
        else:
            before = view.things(view.clause_start(a), a)
            subj = before[-1] if before else _anaphor(doc, view, a)
        if subj is not None:
            _add(doc, view, rule, subj.entity, where.entity, w)


def _anaphor(doc, view, pos):
    """该中心位于…: the last organisation named with that suffix."""
    from kg.pipeline.mentions.orgs import org_class

    lo = view.clause_start(pos)
    m = re.match(r"(该|这个|此)?([\u4e00-\u9fff]{2,4}?)(将|已|已经|正式|目前|现)?$", view.text[lo:pos])
    if not m:
        return None
    noun = m.group(2)
    cls = org_class(noun)
    if not m.group(1) and (cls is None or noun not in rulebook().org_suffixes):
        return None  # 工作站位于…: a bare noun only when it is a body's suffix word
    same = doc.last_org(lo, lambda e: e.label.endswith(noun))
    if same or cls is None:
        return same
    return doc.last_org(lo, lambda e: e.subtype == cls[0])  # 该产业园 after 某协作园: the last body of that kind


def frame_held(doc, view, rule):
    for a, b, w in view.triggers(rule.triggers):
        lo = view.clause_start(a)
        zai = view.text.rfind("在", lo, a)
        if zai < 0 or any(x in view.text[lo:a] for x in rule.blockers):
            continue  # 下次会议将于明年在某地举行: not this event
        places = [m for m in view.things(zai, a) if m.type == "Place"]
        venue = view.text[zai + 1 : a]
        if venue.endswith(rulebook().venue_suffixes) and not any(p.start == zai + 1 and p.end == a for p in places):
            site = site_entity(doc, zai + 1, a)  # 在某地某某酒店举行: the hotel, not the city it names
            places = [site] if site is not None else places
        if not places:
            continue
        events = [m for m in view.mentions if m.type == "Event" and lo <= m.start < zai]
        if events:
            ev = event_near(doc, events[-1].end, after=events[-1].start)
        elif "活动" in view.text[lo:zai]:
            ev = main_event(doc)
        else:
            continue
        where = places[-1]
        ev.place = where.entity
        s, e = parse_dates(doc.sent_text(view.s), doc.year)
        if s and not ev.start_date:
            ev.start_date, ev.end_date = s, e
        _add(doc, view, rule, ev.key, where.entity, w, ev)


FRAMES = {"visit_at": frame_visit_at, "speak": frame_speak, "with_group": frame_with_group, "lead": frame_lead, "visit": frame_visit, "meet_after": frame_meet_after, "meet_with": frame_meet_with, "brief": frame_brief,
          "accompany": frame_accompany, "join_meeting": frame_join_meeting, "founded": frame_founded,
          "pair": frame_pair, "unveil": frame_unveil, "attend": frame_attend, "locate": frame_locate,
          "held": frame_held}


_NOT_TRIGGER_LED = {"speak", "visit_at"}  # frames that read the sentence before any trigger of theirs


@cache
def _trigger_starts(rules: tuple[Rule, ...]):
    """A pattern matching, at every position where a trigger word starts, the longest one there;
    and per such word the indices of the rules with a trigger that is a prefix of it (and so
    occurs there too). A rule none of whose triggers occurs in a sentence reads nothing in it."""
    words = sorted({w for r in rules for w in r.triggers}, key=len, reverse=True)
    pattern = words_pattern(words, ahead=True)
    owners = {w: {i for i, r in enumerate(rules) for t in r.triggers if w.startswith(t)} for w in words}
    return pattern, owners


def find_relations(doc: Document) -> Document:
    # event mentions that are the main event's own name point at it
    rules = rulebook().rules
    for m in doc.mentions:
        if m.type == "Event" and m.data.get("named"):
            event_frame(doc, m)
    buckets: dict[int, list] = defaultdict(list)  # the mentions of each sentence, read once
    for m in doc.mentions:
        i = doc.sentence_index(m.start)
        if i >= 0 and m.end <= doc.sentences[i].end:
            buckets[i].append(m)
    known = len(doc.mentions)
    at, owners = _trigger_starts(rules)
    always = {i for i, rule in enumerate(rules) if rule.frame in _NOT_TRIGGER_LED}
    for s in doc.sentences:
        present = always.union(*(owners[w] for w in {m.group(1) for m in at.finditer(doc.norm, s.start, s.end)}))
        ms = buckets[s.index]
        if len(doc.mentions) > known:  # sites read by the frames of the sentences before
            ms = ms + [m for m in doc.mentions[known:] if m.start >= s.start and m.end <= s.end]
        ms.sort(key=lambda m: (m.start, -m.end))  # as Document.in_sentence
        view = SentenceView(doc, s, ms)
        view.mentions += [m for m in ms if m.type == "Event"]
        view.mentions.sort(key=lambda m: (m.start, -m.end))
        for i in sorted(present):  # the rules in their order
            FRAMES[rules[i].frame](doc, view, rules[i])
    _posts(doc)
    _bilateral_meetings(doc)
    _sites_that_do_not_act(doc)
    _merge_signings(doc)
    _event_places(doc)
    extend_with_places(doc)
    record_originals(doc)
    _dedupe(doc)
    return doc


_ZONE_WORDS = ("新区", "园区", "实验区", "保税区", "开发区", "合作区", "高新区", "示范区", "试验区", "产业园")


_BILATERAL = ("座谈会", "联席会议", "签约仪式", "推进会", "会谈", "对接会", "工作会议")


def _home(doc: Document, person: str) -> str | None:
    """The city (or province) of the bodies a person holds posts at, when their names say."""
    from kg.gazetteer import gazetteer
    from kg.pipeline.mentions.places import regions_in

    for _title, org, _acting, former, _pos in doc.entities[person].titles:
        if org and not former:
            found = regions_in(doc.entities[org].label)
            if found:
                chain = gazetteer().chain(found[0].code)
                city = next((r for r in chain if r.level in ("prefecture", "province")), chain[-1])
                return city.code
    return None


def _bilateral_meetings(doc: Document) -> None:
    """Both sides' leaders taking part in one 座谈会, 联席会议 or signing ceremony meet each other
    (the guidelines' rule): the visitors are the trip's leaders and the people of their region."""
    main = doc.events.get("Event:main")
    leaders = {who for role, who in main.roles if role == "leader"} if main else set()
    trip_origin = {h for h in (_home(doc, p) for p in leaders) if h}
    for key, ev in sorted(doc.events.items()):
        if not ev.label.endswith(_BILATERAL):  # the main event too, when the trip is to a ceremony
            continue
        present = sorted({(r.subj, r.sentence) for r in doc.relations if r.pred == "attended" and r.obj == key})
        origin = trip_origin
        if not origin:  # no trip (两县联席会议): the two regions of those present are the two sides
            homes = sorted({h for p, _s in present if (h := _home(doc, p))})
            origin = set(homes[:1]) if len(homes) == 2 else set()
        if not origin:
            continue
        guests = [(p, s) for p, s in present if p in leaders or _home(doc, p) in origin]
        hosts = [(p, s) for p, s in present if p not in leaders and (h := _home(doc, p)) and h not in origin]
        for g, sg in guests:
            for h, sh in hosts:
                doc.relations.append(Relation(h, "metWith", g, max(sg, sh), "meet.bilateral", ev.label, 0.7, key))


def _sites_that_do_not_act(doc: Document) -> None:
    """A park or zone that only gets visited is a place; one that signs, has officials or gets
    unveiled is an organisation (the guidelines' rule)."""
    acting = set()
    for r in doc.relations:
        if r.pred == "signedWith":
            acting |= {r.subj, r.obj}
        elif r.pred in ("holdsPostAt", "coUnveiled"):
            acting.add(r.obj)
    for ev in doc.events.values():
        acting |= {who for role, who in ev.roles if role in ("party", "host", "guest")}
    for key, ent in doc.entities.items():
        if ent.type == "Organization" and ent.subtype == "DevelopmentZone" and key not in acting:
            ent.type, ent.subtype = "Place", "site"
        elif ent.type == "Place" and key in acting and ent.label.endswith(_ZONE_WORDS):
            ent.type, ent.subtype = "Organization", "DevelopmentZone"


def _merge_signings(doc: Document) -> None:
    """One signing per set of parties in an article (此次A与B的签约 … A与B签订协议)."""
    first: dict[frozenset, EventFrame] = {}
    gone: dict[str, str] = {}
    for key, ev in list(doc.events.items()):
        if ev.kind != "Signing":
            continue
        parties = frozenset(who for role, who in ev.roles if role == "party")
        keep = first.setdefault(parties, ev)
        if keep is not ev:
            keep.agreement = keep.agreement or ev.agreement
            keep.fields = keep.fields or ev.fields
            keep.also.append(ev.sentence)
            gone[key] = keep.key
            del doc.events[key]
    for r in doc.relations:
        if r.event in gone:
            r.event = gone[r.event]


def _event_places(doc: Document) -> None:
    """Signings, meetings and unveilings of a trip happen where the trip went, unless the
    text places them elsewhere."""
    main = doc.events.get("Event:main")
    if main is None:
        return
    dests = [who for role, who in main.roles if role == "destination"]
    if main.place is None and dests:
        main.place = dests[0]
        s = next((r.sentence for r in doc.relations if r.pred == "visited" and r.obj == dests[0]), main.sentence)
        for d in _outermost_places(doc, dests):  # a trip is located in its destination
            doc.relations.append(Relation(main.key, "locatedIn", d, s, "locate.trip", "赴", 0.7, main.key))
    for ev in doc.events.values():
        if ev is not main and ev.place is None and ev.kind in ("Signing", "Meeting", "Unveiling"):
            ev.place = main.place


def _outermost_places(doc: Document, keys: list[str]) -> list[str]:
    """The destinations not inside another one (赴某市, then 到其某区某县: the city)."""
    from kg.gazetteer import gazetteer

    g = gazetteer()
    codes = {k: doc.entities[k].code for k in keys}
    out = []
    for k in keys:
        chain = {r.code for r in g.chain(codes[k])[1:]} if codes[k] else set()
        if not any(codes[o] in chain for o in keys if o != k and codes[o]):
            out.append(k)
    return out


def _posts(doc: Document) -> None:
    """holdsPostAt from the titles read in ``entities`` (not for former posts: 原…)."""
    for ent in doc.entities.values():
        for title, org, acting, former, pos in ent.titles:
            s = doc.sentence_at(pos)
            if org and not former and s is not None:
                doc.relations.append(Relation(ent.key, "holdsPostAt", org, s.index, "post.title", title,
                                              0.8 if acting else 0.9))


def _dedupe(doc: Document) -> None:
    seen: dict[tuple, Relation] = {}
    out = []
    for r in doc.relations:
        k = ((r.subj, r.pred, r.obj) if r.pred not in ("metWith", "signedWith") else (
            *sorted((r.subj, r.obj)), r.pred)) + (r.sentence,)  # one fact, one evidence per sentence
        if k in seen:
            continue
        seen[k] = r
        out.append(r)
    doc.relations = out

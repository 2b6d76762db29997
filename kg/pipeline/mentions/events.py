"""Event mentions: a name ending in an event word (…交流活动, …合作会议, …论坛). A named event
carries a year, a place or quotes; a bare one (活动, 会上) refers back to a named one."""

from __future__ import annotations

import re
from functools import cache

from kg.pipeline.doc import Document, Mention
from kg.pipeline.mentions.orgs import PAIR_WORDS
from kg.pipeline.text import left_boundary, words_pattern
from kg.rulebook import rulebook

__all__ = ["find_events"]

# words that end an organisation's name on their left but belong inside an event's name
_INSIDE_EVENT_NAMES = ("考察", "调研", "交流", "签约", "合作", "招商", "参观", "学习", "对接", "座谈", "联合", "共同",
                       "推动", "促进", "建设", "发展")


@cache
def _suffix_re() -> re.Pattern:
    return words_pattern(rulebook().event_suffixes)


def find_events(doc: Document, places: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    text = doc.norm
    out: list[Mention] = []
    stops = tuple(e for _, e in taken)
    inside = [(m.start, m.end) for m in doc.mentions
              if m.type == "Organization" or m.type == "Place" and m.subtype in ("venue", "site")]
    protect = tuple((p.start, p.end) for p in places)
    for s in doc.sentences:
        for m in _suffix_re().finditer(text, s.start, s.end):
            if any(a <= m.start() and m.end() <= b for a, b in inside):
                continue  # 会议 of 会议展览中心
            cls = rulebook().event_suffixes[m.group(0)]
            start = left_boundary(text, m.start(), s.start, max_len=40, hard_stops=stops,
                                  protect=protect, ignore=_INSIDE_EVENT_NAMES)
            start = _skip_date(text, start, m.start())
            start = _pair_word(text, start, doc.mentions)
            start = _joint_start(text, start, places, doc.mentions)
            while start < m.start() and text[start] in "”\"'":
                start += 1
            name = text[start : m.end()]
            signal = bool(re.search(r"(19|20)\d{2}|[“\"《]", name)) or any(
                p.start >= start and p.end <= m.start() for p in places) or len(
                re.findall(r"[\u4e00-\u9fff]", name)) - len(m.group(0)) >= 6
            label = _tidy(name)
            out.append(Mention(start, m.end(), label, "Event", cls, rule="event.suffix",
                               data={"named": signal and len(label) > len(m.group(0)) + 1}))
    return out


def _pair_word(text: str, start: int, mentions: list[Mention]) -> int:
    """甲市—乙大学校地合作签约仪式: a word naming the two sides (校地, 政企 …) right after a body
    or place belongs to the event's name, and so do the sides before it."""
    for w in PAIR_WORDS:
        at = start - len(w)
        if at > 0 and text[at:start] == w and any(m.type in ("Organization", "Place") and m.end == at for m in mentions):
            return at
    return start


def _joint_start(text: str, start: int, places: list[Mention], mentions: list[Mention]) -> int:
    """甲市与乙市缔结友好城市签约仪式, 甲区—乙高新区合作交流座谈会: a name that starts with two
    places (or a place and a body) joined by 与/和/— starts with the first place."""
    if start >= 1 and text[start - 1] in "与和" and any(p.start == start for p in places):
        before = [p for p in places if p.end == start - 1]
        return min(p.start for p in before) if before else start
    right = [m for m in mentions if m.type in ("Organization", "Place") and m.end == start]
    for r in right:
        joint = text[r.start - 1 : r.start] if r.start else ""
        if joint in ("—", "-", "·"):
            left = [p for p in places if p.end == r.start - 1]
            if left:
                return min(p.start for p in left)
        if "—" in r.text and any(p.start == r.start for p in places):
            return r.start  # 甲区—乙高新区 read as one body: the event starts with it
    return start


def _skip_date(text: str, start: int, end: int) -> int:
    m = re.match(r"(\d{1,2}月\d{1,2}日(至\d{1,2}日)?|\d{1,2}日(上午|下午|晚)?|(上午|下午|晚上))", text[start:end])
    return start + m.end() if m else start


def _tidy(name: str) -> str:
    """Drop unbalanced quotes: “主题”2022某某大会” → “主题”2022某某大会."""
    if name.count("“") < name.count("”"):
        name = name.replace("”", "", name.count("”") - name.count("“"))
    return name.strip("”\"' ")

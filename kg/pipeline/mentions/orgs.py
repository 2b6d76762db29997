"""Organisation mentions by suffix grammar (…有限公司, …研究院, …促进会, …开发区 …).

The name runs left from its suffix to the last punctuation or boundary word before it. A weak
suffix (…中心, …平台) also needs a proper-name signal in the rest of the name: a place, a quote
or bracket, Latin letters or digits, or a word that is not in the common dictionary.
"""

from __future__ import annotations

import re
from functools import cache

from kg.pipeline.doc import Document, Mention
from kg.pipeline.text import SOFT_WORDS, is_common_phrase, left_boundary, words_pattern
from kg.rulebook import rulebook

__all__ = ["find_orgs", "org_class", "org_suffix", "has_signal", "company_kinds", "PAIR_WORDS"]

PAIR_WORDS = ("校地", "校企", "政企", "政校", "银政", "银企", "两地", "双方")  # words naming two sides
_LEADING_JUNK = ("该", "本", "我", "其", "各", "首个", "一个", "这个", "多个", "两个", "现任", "原任", "曾任", "时任")


@cache
def _suffix_re() -> re.Pattern:
    return words_pattern(rulebook().org_suffixes)


@cache
def _suffix_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(x) for x in rulebook().org_suffixes}, reverse=True))


def org_suffix(name: str) -> str | None:
    """The longest org suffix ``name`` ends with, or None."""
    suffixes = rulebook().org_suffixes
    for n in _suffix_lengths():
        if n <= len(name) and name[-n:] in suffixes:
            return name[-n:]
    return None


def org_class(name: str) -> tuple[str, str] | None:
    """(class, strength) of the longest org suffix ``name`` ends with, or None."""
    suffix = org_suffix(name)
    return rulebook().org_suffixes[suffix] if suffix else None


def has_signal(core: str, start: int, places: list[Mention]) -> bool:
    if any(p.start >= start and p.end <= start + len(core) and p.end - p.start < len(core) for p in places):
        return True
    if re.search(r"[A-Za-z0-9()“”\"《》]", core):
        return True
    return not is_common_phrase(re.sub(r"[^\u4e00-\u9fff]", "", core))


def find_orgs(doc: Document, places: list[Mention]) -> list[Mention]:
    rb = rulebook()
    text = doc.norm
    found: list[Mention] = []
    # what each sentence holds (no mention crosses a sentence's end): the places, the titles and
    # the ends of persons and titles
    by_sentence: list[tuple[list, list, list]] = [([], [], []) for _ in doc.sentences]
    for m in places + [m for m in doc.mentions if m.type in ("Person", "Title")]:
        k = doc.sentence_index(m.start)
        if k >= 0:
            if m.type == "Place":
                by_sentence[k][0].append(m)
            else:
                by_sentence[k][2].append(m.end)
                if m.type == "Title":
                    by_sentence[k][1].append((m.start, m.end))
    for s in doc.sentences:
        places, titles, persons_end = by_sentence[s.index]
        protect = tuple((p.start, p.end) for p in places)
        for m in _suffix_re().finditer(text, s.start, s.end):
            suffix = m.group(0)
            if any(a < m.end() and m.start() < b for a, b in titles):
                continue  # 局 of 副局长
            cls, strength = rb.org_suffixes[suffix]
            if suffix in ("局", "会", "司") and text[max(s.start, m.start() - 2) : m.start()] in ("董事", "监事"):
                continue  # 董事局, 董事会: the board of the company named before
            if suffix == "司" and text[m.start() - 1 : m.start()] in "公上":
                continue
            start = left_boundary(text, m.start(), s.start, hard_stops=tuple(persons_end), protect=protect,
                                  ignore=_INSIDE_ORG_NAMES)
            for p in places:  # 积极推进某地某协会: an ignored verb right before a place still ends the name
                if start < p.start < m.start() and text[start : p.start].endswith(_INSIDE_ORG_NAMES):
                    start = p.start
            start = _cross_soft(text, start, m.start(), s.start, places)
            if text.startswith(_LEADING_JUNK, start):
                for junk in _LEADING_JUNK:
                    if text.startswith(junk, start) and m.start() - start > len(junk):
                        start += len(junk)
                        break
            dash = max(text.rfind("—", start, m.start()), text.rfind("–", start, m.start()))
            if dash > start and any(p.start == start and p.end == dash for p in places) \
                    and text.startswith(PAIR_WORDS, m.end()):
                start = dash + 1  # 某市—某大学校地合作座谈会: the two sides of an event, not one body
            kind = text.startswith(company_kinds(), start) and next(g for g in company_kinds() if text.startswith(g, start))
            if kind and len(re.findall(r"[\u4e00-\u9fff]", text[start + len(kind) : m.start()])) >= 2:
                start += len(kind)  # 台资企业某某有限公司: the company's kind, then its name
            if text.startswith("原", start) and any(p.start == start + 1 for p in places):
                start += 1  # 原某市某协会: a former post's body
            name = text[start : m.end()]
            core = text[start : m.start()]
            if core.startswith(_PLANNED) and "“" not in name:
                continue  # 共建现代产业学院, 深化商会合作: a plan, not a name
            if not _plausible(name, core, text[max(s.start, start - 2) : start], suffix):
                continue
            if "(" in name and ")" not in name[name.index("(") :]:
                continue
            if strength == "weak" and not has_signal(core, start, places) and not (
                    cls == "DevelopmentZone" and any(p.start == start and p.end == m.start() and p.code for p in places)):
                continue  # (a park named after its district, 南山科技园, is a name)
            if strength == "weak" and text[max(s.start, start - 2) : start] in ("地处", "位于", "处于", "地处于"):
                continue  # 地处某某地理中心: a location, not a body
            # a name that is exactly a gazetteer place (横琴新区) stays a place
            if any(p.start == start and p.end == m.end() for p in places):
                continue
            if name.endswith(rb.venue_suffixes):
                found.append(Mention(start, m.end(), name, "Place", "venue", rule=f"place.venue:{suffix}"))
                continue
            zone = _zone_of_body(name, suffix)
            if zone:  # 某开发区管委会主任 holds a post at the zone
                found.append(Mention(start, m.end(), name, "Organization", "DevelopmentZone",
                                     rule=f"org.zone-body:{suffix}", data={"label": zone}))
                continue
            found.append(Mention(start, m.end(), name, "Organization", cls, rule=f"org.suffix:{suffix}"))
    return _outermost(found)


_PLANNED = ("共建", "共同建设", "建设", "打造", "设立", "筹建", "组建", "推动", "深化", "加强", "引进", "推进", "联合建设")
_QUANTITY = re.compile(r"^(一|两|首|这|那|该|多|几|各|每|本)[所家个座批类位]|\d+[所家个项类位]")
_BODY_OF_ZONE = ("管委会", "管理委员会")
# words that end a name on their left elsewhere but belong inside these bodies' names (投资促进局)
_INSIDE_ORG_NAMES = ("促进", "推进", "发展", "建设", "合作", "联合", "服务", "研究", "交流")


@cache
def company_kinds() -> tuple[str, ...]:
    """Generic names that say what kind of company follows (民营企业, 上市公司), longest first."""
    kinds = [g for g in rulebook().generic_names if len(g) >= 4 and g.endswith(("企业", "公司"))]
    return tuple(sorted(kinds, key=lambda g: (-len(g), g)))


def _zone_of_body(name: str, suffix: str) -> str | None:
    if suffix not in _BODY_OF_ZONE:
        return None
    zone = name[: -len(suffix)]
    return zone if len(zone) >= 4 and zone[-1] in "区园城港" else None


def _plausible(name: str, core: str, before: str, suffix: str) -> bool:
    rb = rulebook()
    if len(re.findall(r"[\u4e00-\u9fff]", core)) < 2 and not re.search(r"[A-Za-z0-9]", core):
        return False
    if name in rb.generic_names or len(suffix) == 1 and name[-2:] in rb.generic_names:
        return False
    if _QUANTITY.search(core):
        return False  # a description: 一所综合性大学, 3所重点实验室
    if before.endswith(("是", "为", "作为", "成为")) and not before.endswith(("同为", "起为")):
        return False  # a predicate: X是国内领先的…企业 (but 共同为某园揭牌 names it)
    return True


def _cross_soft(text: str, start: int, end: int, floor: int, places: list[Mention]) -> int:
    """Cross a soft word (与 和 及 同) to the left when the name reads as one body:
    某市经济及信息化局, but not 甲区人民政府与乙市促进会."""
    if start - 1 <= floor or text[start - 1] not in SOFT_WORDS:
        return start
    if any(p.start == start for p in places):
        return start  # the part after the soft word starts with a place: a second name
    left = left_boundary(text, start - 1, floor)
    before = text[left : start - 1]
    if org_class(before) or len(before) >= 4 and before.endswith(rulebook().site_suffixes + rulebook().venue_suffixes):
        return start  # 某某集团与区政府, 某科学园及某公司: the part before the soft word is a name of its own
    if left < start - 1 and any(p.start == left for p in places) and start - 1 - left <= 12:
        return left
    return start


def _outermost(found: list[Mention]) -> list[Mention]:
    found.sort(key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    for m in found:
        if out and m.start >= out[-1].start and m.end <= out[-1].end:
            continue
        if out and m.start < out[-1].end:  # overlap: keep the longer
            if m.end - m.start > out[-1].end - out[-1].start:
                out[-1] = m
            continue
        out.append(m)
    # nested chains (开发区新材料产业园): a later suffix whose name starts inside an earlier one
    return out

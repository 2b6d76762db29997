"""Place mentions: longest gazetteer match at each position, then runs of nested divisions
(广东省广州市, 苏州吴中) composed into the deepest one."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from kg.errors import RuleError
from kg.gazetteer import gazetteer
from kg.pipeline.doc import Document, Mention
from kg.pipeline.text import coverage


__all__ = ["find_places", "local_places", "town_places", "regions_in", "strip_upper_region", "TOWN_SUFFIXES"]


@cache
def _surfaces() -> tuple[dict[str, list[str]], dict[str, tuple[int, ...]], re.Pattern]:
    """The surface table; per first two characters, the lengths of the surfaces starting with
    them, longest first; and a pattern finding the characters that start one."""
    s = gazetteer().surfaces()
    lengths: dict[str, set[int]] = {}
    for k in s:
        if len(k) >= 2:
            lengths.setdefault(k[:2], set()).add(len(k))
    firsts = "".join(sorted({k[0] for k in lengths}))
    return s, {c: tuple(sorted(v, reverse=True)) for c, v in lengths.items()}, re.compile(f"[{re.escape(firsts)}]")


def _scan(text: str, blocked: frozenset[int] | set[int] = frozenset()) -> list[tuple[int, int, str]]:
    """The longest surface at each position, left to right, not overlapping, none starting at a
    position in ``blocked``."""
    surfaces, lengths, first = _surfaces()
    out = []
    i, n = 0, len(text)
    for m in first.finditer(text):
        k = m.start()
        if k < i or k in blocked:
            continue  # inside the last surface found, or where no place may start
        for length in lengths.get(text[k : k + 2], ()):
            if k + length <= n and text[k : k + length] in surfaces:
                out.append((k, k + length, text[k : k + length]))
                i = k + length
                break
    return out


_MOVE = "来赴抵到在离返回访"
_MOVES = re.compile(f"[{_MOVE}]")
_AFTER = ("考察", "调研", "交流", "期间", "访问", "开展", "对接", "参加", "出席", "投资", "洽谈", "学习", "参观",
          "推介", "招商", "举办", "发展", "创业", "就业", "当日", "后", "时", "兴业", "落户", ",", "。", ";")


@cache
def _abbreviations() -> dict[str, str]:
    g = gazetteer()
    by_name = {}
    for surface, codes in g.surfaces().items():
        for c in codes:
            if g.by_code(c).name == surface:
                by_name[surface] = c
    out = {}
    path = Path(__file__).resolve().parents[2] / "data" / "city_abbreviations.tsv"
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        abbr, _, name = line.partition("\t")
        if len(abbr) != 1 or name not in by_name:
            raise RuleError(f"{path.name}:{no}: {line!r}: want one character, a tab and a division of regions.tsv")
        out[abbr] = by_name[name]
    return out


def _abbreviated(doc: Document, taken, named: dict[str, str] | None = None) -> list[Mention]:
    """来津考察, 赴沪, 抵港, 在甬期间: a city by its one-character abbreviation after a verb of
    movement; besides the usual ones, a character of the short name of the one city the article
    names with it (来锦调研 in an article naming 锦州, 在明期间 in one naming 三明)."""
    out = []
    abbr = dict(named or {})
    abbr.update(_abbreviations())
    text = doc.norm
    for m in _MOVES.finditer(text, 0, len(text) - 2):  # the character after each verb of movement
        i = m.end()
        ch = text[i]
        if ch in abbr and text.startswith(_AFTER, i + 1) and not taken(i):
            out.append(Mention(i, i + 1, ch, "Place", gazetteer().by_code(abbr[ch]).level,
                               rule="place.abbreviation", code=abbr[ch]))
    return out


def find_places(doc: Document) -> list[Mention]:
    g = gazetteer()
    taken = [(m.start, m.end) for m in doc.mentions if m.type == "Person"] + doc.dropped
    titles = [(m.start, m.end) for m in doc.mentions if m.type == "Title"]
    no_start = {k for s, e in taken + titles for k in range(s, e)}

    def blocked(i: int) -> bool:  # a place may end inside a title (遵义市委书记) but not start in one
        return i in no_start

    covered = coverage(len(doc.norm), taken)
    hits = [h for h in _scan(doc.norm, no_start) if not any(covered[h[0] : h[1]])]
    # context: codes of unambiguous mentions, for resolving shared short forms (鼓楼 …)
    context = set()
    for _, _, w in hits:
        codes = g.surfaces()[w]
        if len(codes) == 1:
            context.add(codes[0])
    ctx = tuple(sorted(context))
    resolved: dict[str, object] = {}

    def resolve(surface: str):  # the same context for the whole article: each surface once
        if surface not in resolved:
            resolved[surface] = g.resolve(surface, ctx)
        return resolved[surface]

    mentions: list[Mention] = []
    i = 0
    while i < len(hits):
        # greedy composition of adjacent hits: 广东省 珠海市 → 珠海市
        j = i
        region = resolve(hits[i][2])
        best = (i, region)
        while j + 1 < len(hits) and hits[j + 1][0] == hits[j][1]:
            composed = g.compose([h[2] for h in hits[i : j + 2]])
            if composed is None:
                break
            j += 1
            best = (j, composed)
        j, region = best
        if region is not None:
            s, e = hits[i][0], hits[j][1]
            for k in range(i, j):  # the parents named on the way (广东省 in 广东省珠海市) are places too
                parent = resolve(hits[k][2])
                if parent is not None:
                    mentions.append(Mention(hits[k][0], hits[k][1], hits[k][2], "Place",
                                            parent.kind if parent.kind != "division" else parent.level,
                                            rule="place.gazetteer", code=parent.code))
            mentions.append(Mention(s, e, doc.norm[s:e], "Place", region.kind if region.kind != "division" else region.level,
                                    rule="place.gazetteer", code=region.code))
        i = j + 1
    covered = [(m.start, m.end) for m in mentions]
    covered_at = {k for a, b in covered for k in range(a, b)}
    named = {m.code for m in mentions} | {r.code for m in mentions for r in g.chain(m.code)[1:2]}
    # 来昌 is 南昌 only in an article that names 南昌 too (not in one about 昌平)
    own: dict[str, set[str]] = {}
    for m in mentions:
        r = g.by_code(m.code)
        if m.code[:1].isdigit() and r.level in ("prefecture", "county") and r.short and len(r.short) == 2:
            for ch in r.short:
                own.setdefault(ch, set()).add(r.code)
    local = {ch: next(iter(codes)) for ch, codes in own.items() if len(codes) == 1}
    mentions += [m for m in _abbreviated(doc, lambda k: blocked(k) or k in covered_at, local) if m.code in named]
    mentions = _supported(mentions, doc.norm)
    return mentions + _ours(doc, mentions)


_OURS = re.compile(r"(?<=[来到赴抵临])(?:我|本)([省市区县州])")
_OURS_ANYWHERE = re.compile(r"(?:我|本)([省市区县州])")


def _ours(doc: Document, places: list[Mention]) -> list[Mention]:
    """来我市考察 in the host's paper: 我市 is the one city (区, 县, 州, 省) of that kind the
    article names besides those its sentence named before it (the visitors' own); with none,
    or several named as often, nothing is guessed. Once a visit tells which one it is, every
    other 我市 of the article is that city too (与我县签约, 我县县委书记); in the visitors'
    paper (我市代表团赴…) nothing says, and nothing is guessed. The mention names the place but
    is not one of its names (rule place.ours: no alias)."""
    g = gazetteer()
    host: dict[str, str] = {}
    for m in _OURS.finditer(doc.norm):
        kind = m.group(1)
        sentence = doc.sentence_at(m.start())
        if sentence is None or kind in host:
            continue
        visitors = {p.code for p in places if sentence.start <= p.start < m.start()}
        counts: dict[str, int] = {}
        for p in places:
            r = g.by_code(p.code) if p.code[:1].isdigit() else None
            if r is None or p.code in visitors or not r.name.endswith(kind) or (r.level == "province") != (kind == "省"):
                continue
            counts[p.code] = counts.get(p.code, 0) + 1
        top = sorted(counts.items(), key=lambda kv: -kv[1])
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            host[kind] = top[0][0]
    taken = {(p.start, p.end) for p in places}
    out = []
    for m in _OURS_ANYWHERE.finditer(doc.norm):
        code = host.get(m.group(1))
        if code and (m.start(), m.end()) not in taken:
            out.append(Mention(m.start(), m.end(), m.group(0), "Place", g.by_code(code).level, rule="place.ours",
                               code=code))
    return out


_ZONE_SUFFIXES = ("经济技术开发区", "高新技术产业开发区", "经济开发区", "综合保税区", "保税港区", "开发区", "高新区", "保税区")


def local_places(doc: Document, orgs: list[Mention], places: list[Mention]) -> list[Mention]:
    """A zone named after a place no gazetteer has (某某经济开发区): its head word is a place
    when the text also uses it alone (来某某考察, 某某国际码头)."""
    from kg.pipeline.text import find_all, is_common_phrase, is_han, is_place_word

    g = gazetteer()
    heads = set()
    for m in orgs:
        name = m.data.get("label", m.text) if m.subtype == "DevelopmentZone" else ""
        suffix = next((x for x in _ZONE_SUFFIXES if name.endswith(x)), None)
        if suffix is None:
            continue
        head = name[: -len(suffix)]
        inside = [p for p in places if m.start <= p.start and p.end < m.start + len(head)]
        if inside:  # 海南某某经济开发区: the head after the named places
            head = head[max(p.end for p in inside) - m.start :]
        if 2 <= len(head) <= 4 and all(is_han(c) for c in head) and head not in g.surfaces() \
                and (is_place_word(head) or not is_common_phrase(head)) and head not in g.stopwords:
            heads.add(head)
    taken = [(m.start, m.end) for m in doc.mentions + orgs + places
             if m.type in ("Person", "Title", "Organization", "Place")]
    out = []
    for head in sorted(heads):
        alone = [i for i in find_all(doc.norm, head) if not any(a <= i < b for a, b in taken)]
        if alone:
            out += [Mention(i, i + len(head), head, "Place", "local", rule="place.zone-head") for i in alone]
    return out


TOWN_SUFFIXES = ("街道", "镇", "乡")  # a town, a township, a street office
_NOT_TOWN = set("各全该本每其")  # 各镇, 全乡, 每个乡: no town's name


def town_places(doc: Document, places: list[Mention]) -> list[Mention]:
    """Towns (镇, 乡, 街道), which no gazetteer here lists: a name of two or three characters
    right after a county or city the gazetteer knows (某市某某镇), and the same name used alone
    elsewhere in the text."""
    from kg.pipeline.text import find_all, is_han

    g = gazetteer()
    text = doc.norm
    names: set[str] = set()
    for p in places:
        if not p.code[:1].isdigit() or g.by_code(p.code).level not in ("prefecture", "county"):
            continue
        for k in (2, 3):
            head = text[p.end : p.end + k]
            suffix = next((x for x in TOWN_SUFFIXES if text.startswith(x, p.end + k)), None)
            if suffix and len(head) == k and all(is_han(c) for c in head) and head[0] not in _NOT_TOWN \
                    and head not in g.surfaces():
                names.add(head + suffix)
                break
    taken = [(m.start, m.end) for m in doc.mentions + places if m.type in ("Person", "Title", "Place")]
    out = []
    for name in sorted(names):
        for i in find_all(text, name):
            if not any(a < i + len(name) and i < b for a, b in taken):
                out.append(Mention(i, i + len(name), name, "Place", "town", rule="place.town"))
    return out


def _supported(mentions: list[Mention], text: str) -> list[Mention]:
    """A county's bare short form (云城, 金凤) counts only when the article also names its city or
    province, or the county by its full name: alone it is more often part of another word."""
    g = gazetteer()
    named = set()
    for m in mentions:
        if m.code[:1].isdigit():
            named.add(m.code)
    out = []
    for m in mentions:
        r = g.by_code(m.code)
        if m.code[:1].isdigit() and r.level == "county" and m.text == r.short:
            if r.name not in text and r.parent not in named:
                continue
        out.append(m)
    return out


_DEPTH = {"macro": 0, "province": 1, "prefecture": 2, "zone": 3, "county": 4}


def regions_in(name: str):
    """The regions a name carries (珠海某某科技有限公司 → 珠海市), deepest first; a place in
    brackets says where the body is (某地(深圳)创新中心 → 深圳市) and comes first."""
    g = gazetteer()
    hits = _scan(name)
    inside = [h for h in hits if name[: h[0]].count("(") > name[: h[0]].count(")")]
    if inside:
        found = [g.resolve(h[2]) for h in inside]
        found = [r for r in found if r is not None]
        if found:
            return sorted(found, key=lambda r: -_DEPTH[r.level])
    out, spans, i = [], [], 0
    while i < len(hits):
        j, region = i, g.resolve(hits[i][2])
        while j + 1 < len(hits) and hits[j + 1][0] == hits[j][1]:
            composed = g.compose([h[2] for h in hits[i : j + 2]])
            if composed is None:
                break
            j, region = j + 1, composed
        bare_county = (region is not None and j == i and region.level == "county" and hits[i][2] == region.short
                       and hits[i][0] > 0 and name[hits[i][0] - 1] not in "(—-–·‧与和、")
        if region is not None and not bare_county:  # 云城 alone inside a brand name is no county
            out.append(region)
            spans.append((hits[i][0], hits[j][1]))
        i = j + 1
    if len(out) >= 2 and name.startswith(_OFFSHORE, spans[-1][1]):
        return [out[-1]]  # 甲乙离岸孵化器: 甲's incubator sited in 乙, as 甲(乙)创新中心 is
    if _joint(name, out, spans):
        return []  # 甲—乙产业园, 甲乙协作驿站: a body of two places belongs to neither by its name
    return sorted(out, key=lambda r: -_DEPTH[r.level])


_OFFSHORE = ("离岸", "飞地")  # a body one region runs inside another: the place just before is its site


def _joint(name: str, regions, spans) -> bool:
    g = gazetteer()
    for k in range(len(regions) - 1):
        a, b = regions[k], regions[k + 1]
        related = a.code in {r.code for r in g.chain(b.code)} or b.code in {r.code for r in g.chain(a.code)}
        gap = name[spans[k][1] : spans[k + 1][0]]
        local = a.level in ("prefecture", "county") and b.level in ("prefecture", "county")
        if not related and (gap in ("—", "-", "–", "·", "‧", "与", "和", "、") or gap == "" and local):
            return True
    return False


def strip_upper_region(name: str) -> str:
    """浙江省宁波市委 → 宁波市委: a body is named by its own region, not its province's too."""
    hits = _scan(name)
    if len(hits) >= 2 and hits[0][0] == 0 and hits[1][0] == hits[0][1]:
        first = gazetteer().resolve(hits[0][2])
        if first is not None and first.level == "province" and gazetteer().compose([h[2] for h in hits[:2]]):
            return name[hits[0][1]:]
    return name

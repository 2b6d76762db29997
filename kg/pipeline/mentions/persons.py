"""Person mentions anchored by titles and posts (董事长X, 区委书记X, 市委副书记、市长X) and by
listing patterns (区领导甲、乙、丙和丁); then every later use of a found name."""

from __future__ import annotations

import re
from functools import cache

from kg.pipeline.doc import Document, Mention
from kg.pipeline.text import coverage, is_common_phrase, is_han, is_word, starts_with_any, words_pattern
from kg.rulebook import rulebook

__all__ = ["find_titles_and_persons", "find_by_action", "find_by_parenthesis", "read_name", "rescan_names"]

_TRANSLITERATED = ("阿不都", "阿布都")  # Abdu-, a name's start whose last character is also a name stop
_DOTTED = re.compile(r"[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6}")


@cache
def _title_re() -> re.Pattern:
    return words_pattern(rulebook().titles, prefix="原前代")


def read_name(text: str, pos: int, end: int) -> str | None:
    """The person name starting at ``pos``: a family name, then one or two characters; the
    name has one given character when the next one starts a name-stop word (一行, 带队 …)."""
    rb = rulebook()
    end = min(end, len(text))
    m = _DOTTED.match(text, pos, end)
    if m:  # 艾克拜尔·努尔兰: names of minority nationalities, no family name
        name = m.group(0)
        dot = name.index("·")
        for k in range(dot + 3, len(name)):
            if name[k - 2 : k + 1] in _TRANSLITERATED:
                continue  # 阿不都热合曼: 都 is part of the name here
            if starts_with_any(text, pos + k, rb.name_stops):
                return name[:k]
        return name
    if text[pos : pos + 2] in rb.name_syllables and text[pos + 2 : pos + 4] in rb.name_syllables:
        return text[pos : pos + 4]  # 扎西才让: a Tibetan name, no family name
    if text[pos : pos + 2] in rb.surnames:
        given = pos + 2
    elif pos < end and text[pos] in rb.surnames:
        given = pos + 1
    else:
        return None
    if given >= end or not is_han(text[given]) or starts_with_any(text, given, rb.name_stops_long):
        return None
    second = given + 1
    if second < end and text[second] == "和" and _ends_name(text, second + 1, end):
        return text[pos : second + 1]  # 孙景和, / 孙景和出席: a conjunction needs a name after it
    if second >= end or not is_han(text[second]) or starts_with_any(text, second, rb.name_stops):
        return text[pos:second]
    return text[pos : second + 1]


def _ends_name(text: str, pos: int, end: int) -> bool:
    """Whether what starts at ``pos`` ends a name: punctuation, the end, or a name-stop word of
    two or more characters (一行, 出席, 表示)."""
    return pos >= end or text[pos] in ",、;:。!?)" or starts_with_any(text, pos, rulebook().name_stops_long)


_AFTER_NAME = ("率", "一行", "带队", "率队", "率团", "率领", "表示", "介绍", "会见", "陪同", "出席", "主持", "致辞",
               "讲话", "说", "指出", "强调", "等")


def _unsurnamed_name(text: str, pos: int, end: int) -> str | None:
    """A name of three to five characters right after a title, with no family name
    (州长扎西次仁率团, 书记巴特尔表示): Tibetan, Mongolian and other names written without one.
    It must end at punctuation or a verb that follows names, and be no word or place itself."""
    for k in (3, 4, 5):
        stop = pos + k
        if stop > end or not all(is_han(c) for c in text[pos:stop]):
            return None
        if stop < end and text[stop] not in ",、;:。(" and not starts_with_any(text, stop, _AFTER_NAME):
            continue
        name = text[pos:stop]
        if is_word(name) or is_common_phrase(name) or _place_like(text, pos) or _title_re().search(name) \
                or any(c in name for c in "的在了与及是为对将就") or "和" in name[2:]:  # 孟和巴雅尔, not 王刚和李明
            return None
        return name
    return None


def _runs_on(text: str, pos: int) -> bool:
    """Whether a name read up to ``pos`` runs on: the next character is no stop, no caption word
    (摄, 报道) and starts no word (座谈, 全程)."""
    rb = rulebook()
    return is_han(text[pos]) and not starts_with_any(text, pos, rb.name_stops) and text[pos] not in "摄说称讲图文" \
        and not is_word(text[pos : pos + 2])


def _title_mention(start: int, end: int, word: str) -> Mention | None:
    """A Title mention of ``word`` (原/前 mark a former post, 代 an acting one), if it is a title."""
    former = word.startswith(("原", "前"))
    acting = word.startswith("代")
    bare = word.lstrip("原前代") if (former or acting) else word
    if bare not in rulebook().titles:
        return None
    return Mention(start, end, word, "Title", rulebook().titles[bare].names, rule="title",
                   data={"word": bare, "former": former, "acting": acting})


def find_titles_and_persons(doc: Document) -> list[Mention]:
    """Title mentions (type Title, data: word, former, acting) and the persons they anchor."""
    rb = rulebook()
    text = doc.norm
    out: list[Mention] = []
    for s in doc.sentences:
        pending: list[Mention] = []  # titles waiting for their name (市委副书记、市长X)
        for m in _title_re().finditer(text, s.start, s.end):
            word = m.group(0)
            if word[0] in "原前代" and _ends_place(text, m.start()):
                word = word[1:]  # 固原市领导: 原 ends the place, it is no "former"
                m = _Shifted(m.start() + 1, m.end(), word)
            title = _title_mention(m.start(), m.end(), word)
            if title is None:
                continue
            pending.append(title)  # kept only if a name follows (省长 inside 吉林省长春市 is no title)
            pos = m.end()
            while pos < s.end and text[pos] == " ":
                pos += 1
            if text.startswith("的", pos) and read_name(text, pos + 1, s.end):
                pos += 1  # 自某年起担任某公司总经理的某某
            if pos < s.end and text[pos] in "、兼":
                continue  # another title follows for the same person (、 or 兼)
            name = read_name(text, pos, s.end)
            longer = _unsurnamed_name(text, pos, s.end)
            if longer and (name is None or len(longer) > len(name) and _runs_on(text, pos + len(name))):
                name = longer  # 扎西次仁率团: 扎 reads as a family name, but the name runs on to 率
            if name is None or starts_with_any(text, pos, rb.titles):
                pending = []
                continue
            person = Mention(pos, pos + len(name), name, "Person", rule="person.title",
                             data={"titles": [t.start for t in pending]})
            out.extend(pending)
            out.append(person)
            pending = []
            out.extend(_listed(text, person.end, s.end, title))
    return out


def _listed(text: str, pos: int, end: int, title: Mention) -> list[Mention]:
    """Names listed after a first anchored name: 区领导甲、乙、丙和丁."""
    out = []
    while pos < end and text[pos] in "、和 " and pos + 1 < end:
        name = read_name(text, pos + 1, end)
        if not name or starts_with_any(text, pos + 1, rulebook().titles) or _place_like(text, pos + 1):
            break
        t = _title_re().search(text, pos + 1, min(end, pos + 8))
        if t and t.start() < pos + 1 + len(name) + 1:
            break  # 、荣誉理事长乙: a title, not a name
        after = pos + 1 + len(name)
        if after < end and is_han(text[after]) and text[after] not in "、和及与" and not starts_with_any(
                text, after, rulebook().name_stops):
            break  # 、原某某协会会长: not a name of the list
        out.append(Mention(pos + 1, pos + 1 + len(name), name, "Person", rule="person.list",
                           data={"titles": [title.start], "listed": True}))
        pos = pos + 1 + len(name)
    return out


_ACTION = re.compile(r"(?:一行|率队|带队|率团|率领|率(?=[^,。;]{1,14}?(?:团|一行)))")


def find_by_action(doc: Document, taken: list[tuple[int, int]]) -> list[Mention]:
    """A name right before 一行 / 率队 / 带队 at the start of a clause, with no title anywhere
    (张某率队赴某地): the acting person of the genre's commonest sentence."""
    out = []
    text = doc.norm
    for s in doc.sentences:
        for m in _ACTION.finditer(text, s.start, s.end):
            for length in (3, 2, 4):
                start = m.start() - length
                if start < s.start or any(a < m.start() and start < b for a, b in taken):
                    continue
                if start > s.start and text[start - 1] not in ",;:、 (”\"":
                    continue
                name = text[start : m.start()]
                if read_name(text, start, m.start() + 2) == name and not _place_like(text, start) \
                        and not is_word(name) and not _title_re().search(name):
                    out.append(Mention(start, m.start(), text[start : m.start()], "Person", rule="person.action"))
                    break
    return out


def find_by_parenthesis(doc: Document, taken: list[tuple[int, int]]) -> list[Mention]:
    """某某(某市委书记): a name followed by its title in brackets."""
    out = []
    text = doc.norm
    for s in doc.sentences:
        for m in re.finditer(r"\(([^()]{2,30}?)\)", text[s.start : s.end]):
            inner_start = s.start + m.start(1)
            found = list(_title_re().finditer(text, inner_start, s.start + m.end(1)))
            if not found or found[-1].end() != s.start + m.end(1):
                continue
            for length in (3, 2, 4):
                start = s.start + m.start() - length
                if start < s.start or any(a < s.start + m.start() and start < b for a, b in taken):
                    continue
                name = text[start : s.start + m.start()]
                if read_name(text, start, s.start + m.start()) == name and not is_word(name):
                    # 甲(某市委副书记、市长): every title in the brackets that ends at 、 or at the bracket
                    titles = [t for t in (_title_mention(t.start(), t.end(), t.group(0)) for t in found
                                          if text[t.end() : t.end() + 1] in ("、", ")")) if t is not None]
                    out += titles
                    out.append(Mention(start, start + len(name), name, "Person", rule="person.bracket",
                                       data={"titles": [t.start for t in titles]}))
                    break
    return out


class _Shifted:
    """A title match moved one character on (its first character belongs to a place)."""

    def __init__(self, start: int, end: int, word: str):
        self._start, self._end, self._word = start, end, word

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 0) -> str:
        return self._word


def _ends_place(text: str, pos: int) -> bool:
    """Whether the character at ``pos`` ends a place name (固原, 太原, 前郭)."""
    from kg.gazetteer import gazetteer

    surfaces = gazetteer().surfaces()
    return any(text[max(0, pos - k) : pos + 1] in surfaces for k in (1, 2, 3))


def _place_like(text: str, pos: int) -> bool:
    """宁波市委… after 和: a place, not the next name of a list."""
    from kg.gazetteer import gazetteer

    surfaces = gazetteer().surfaces()
    return any(text[pos : pos + k] in surfaces for k in (2, 3, 4))


def rescan_names(doc: Document, names: set[str], taken: list[tuple[int, int]]) -> list[Mention]:
    """Every other occurrence of an already found person name."""
    if not names:
        return []
    text = doc.norm
    found = []  # every occurrence inside one sentence (str.find: no pattern compiled per article)
    for name in names:
        i = text.find(name)
        while i >= 0:
            k = doc.sentence_index(i)
            if k >= 0 and i + len(name) <= doc.sentences[k].end:
                found.append((i, -len(name), name))
            i = text.find(name, i + 1)
    covered = coverage(len(text), taken)
    out, free = [], 0
    for i, minus, name in sorted(found):  # leftmost, then longest, not overlapping the one taken before
        if i < free:
            continue
        free = i - minus
        if any(covered[i:free]):
            continue
        if text[i : free + 1] in names and len(name) == 2:
            continue  # 王强 inside another known name 王强军
        out.append(Mention(i, free, name, "Person", rule="person.known"))
    return out

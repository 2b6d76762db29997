"""Small text helpers shared by the mention finders: character classes, name boundaries,
and the common-word test that tells a proper name from a generic phrase."""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache

import jieba

from kg.rulebook import rulebook

__all__ = ["is_word", "is_han", "is_name_char", "left_boundary", "is_common_phrase", "starts_with_any", "SOFT_WORDS",
           "words_pattern", "coverage"]

jieba.setLogLevel(logging.WARNING)

SOFT_WORDS = ("与", "和", "及", "同")
_NAME_PUNCT = set("()·‧・-—–&“”\"'《》")


# a run of name characters (is_name_char) reaching the end of the searched span
_NAME_RUN = re.compile("[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9" + "".join(re.escape(c) for c in sorted(_NAME_PUNCT)) + "]*\\Z")


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def is_name_char(ch: str) -> bool:
    return is_han(ch) or ch.isascii() and ch.isalnum() or ch in _NAME_PUNCT


def starts_with_any(text: str, pos: int, words) -> str | None:
    """The longest of ``words`` that starts at ``pos`` in ``text``, or None."""
    m = _alternation(tuple(words) if not isinstance(words, tuple) else words).match(text, pos)
    return m.group(0) if m else None


def coverage(size: int, spans) -> bytearray:
    """A byte per character of a text of ``size``, 1 where one of ``spans`` (start, end) covers
    it: ``any(covered[a:b])`` tells whether [a, b) overlaps one of them."""
    covered = bytearray(size + 1)
    for a, b in spans:
        if b > a:
            covered[a:b] = b"\x01" * (b - a)
    return covered


def words_pattern(words, *, ahead: bool = False, prefix: str = "") -> re.Pattern:
    """A pattern matching any of ``words``, the longest first (``ahead``: at every position
    where one starts, as a zero-width lookahead capturing it; ``prefix``: an optional group
    of characters before it, such as 原 of 原董事长). It opens with a class of the characters a
    match can start with, which lets the engine skip the other positions fast (an
    alternation of many words is otherwise tried at each character)."""
    alternation = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    if not alternation:
        return re.compile("(?!)")
    firsts = {w[0] for w in words if w} | set(prefix)
    guard = "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])"
    optional = "(?:" + "|".join(map(re.escape, prefix)) + ")?" if prefix else ""
    body = optional + "(?:" + alternation + ")"
    return re.compile(guard + ("(?=(" + body + "))" if ahead else body))


@cache
def _starts(words: tuple[str, ...]):
    """Every position where one of ``words`` starts, with the longest one there (a lookahead)."""
    return words_pattern(words, ahead=True)


@cache
def _alternation(words: tuple[str, ...]):
    return words_pattern(words)


def left_boundary(text: str, end: int, floor: int, max_len: int = 30, hard_stops: tuple[int, ...] = (),
                  protect: tuple[tuple[int, int], ...] = (), ignore: tuple[str, ...] = ()) -> int:
    """Where a name ending at ``end`` starts: after the last punctuation, boundary word or
    hard stop (the end of another mention) in ``text[floor:end]``."""
    start = _NAME_RUN.search(text, max(floor, end - max_len), end).start()  # the name characters up to end
    # balanced brackets only: a name does not start inside "(…" left open
    best = start
    for m in _starts(rulebook().boundary_words).finditer(text, start):
        i = m.start()
        if i >= end:
            break
        w = m.group(1)  # the longest boundary word starting at i, as starts_with_any reads it
        glued = len(w) == 1 and _glued(text, i) and not any(a == i + 1 for a, _b in protect) if w else False
        if w and w not in ignore and i + len(w) <= end and not glued \
                and not any(a <= i < b and i + len(w) <= b and (a, b) != (i, i + len(w)) for a, b in protect):
            best = max(best, i + len(w))
    for h in hard_stops:
        if start <= h <= end:
            best = max(best, h)
    while best < end and text[best] in "-·)”\"'》":
        best += 1
    if best < end and text[best] == "“" and "”" not in text[best:end]:
        best += 1
    return best


def _glued(text: str, i: int) -> bool:
    """A one-character boundary word that is the first half of a dictionary word (对 in 对话)."""
    pair = text[i : i + 2]
    return len(pair) == 2 and bool(_freq().get(pair))


@cache
def _freq() -> dict:
    jieba.dt.check_initialized()
    return jieba.dt.FREQ


def is_word(text: str) -> bool:
    """True when ``text`` is itself a word of the common dictionary (代表团, 考察团)."""
    return bool(_freq().get(text))


@lru_cache(maxsize=1 << 16)
def is_common_phrase(text: str) -> bool:
    """True when ``text`` segments entirely into dictionary words (a generic phrase such as
    高层对话 or 先进材料研发), False when some part is not a common word (a proper name)."""
    if not text:
        return True
    freq = _freq()
    for tok in jieba.lcut(text, HMM=False):
        if not all(is_han(c) for c in tok):
            return False
        if len(tok) >= 2 and not freq.get(tok):
            return False
        if len(tok) == 1 and len(text) <= 2:
            return False
    # single characters glued together by jieba (no dictionary word) signal a name too
    singles = sum(1 for t in jieba.lcut(text, HMM=False) if len(t) == 1)
    return singles < 2


@cache
def _tags() -> dict:
    import jieba.posseg

    jieba.posseg.dt.initialize()
    return jieba.posseg.dt.word_tag_tab


def is_place_word(text: str) -> bool:
    """True when jieba's dictionary tags ``text`` as a place name (ns)."""
    return _tags().get(text) == "ns"


def find_all(text: str, word: str) -> list[int]:
    """Every start of ``word`` in ``text``, left to right, without overlaps (no regex to compile)."""
    out, i = [], text.find(word)
    while i >= 0 and word:
        out.append(i)
        i = text.find(word, i + len(word))
    return out


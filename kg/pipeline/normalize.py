"""Same-length normalisation: traditional → simplified, full-width → half-width.

The rules read ``norm``; offsets into it are offsets into the original text, because every
character is replaced by exactly one character (a conversion that would change the length,
such as "…" → "...", is skipped).
"""

from __future__ import annotations

import unicodedata
from functools import cache

import opencc

__all__ = ["normalize", "to_simplified"]

_KEEP = set("、。“”‘’《》「」『』【】…—·")
_MIDDLE_DOTS = set("‧・･∙")  # the other middle dots of names (台州‧广元, 阿依·买买提) are ·


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _converter().convert(text)


@cache
def _fold(ch: str) -> str:
    if ch in _KEEP:
        return ch
    if ch in _MIDDLE_DOTS:
        return "·"
    if ch in "\u3000\xa0\t":
        return " "
    out = unicodedata.normalize("NFKC", ch)
    return out if len(out) == 1 else ch


_FOLDS: dict[int, str] = {}  # the characters _fold changes, for str.translate
_SEEN: set[str] = set()  # the characters already looked at


def normalize(text: str) -> str:
    """Return ``text`` in simplified script with folded punctuation, same length as ``text``."""
    simp = to_simplified(text)
    if len(simp) != len(text):  # a phrase conversion changed the length: go character by character
        simp = "".join(c2 if len(c2 := to_simplified(c)) == 1 else c for c in text)
    for c in set(simp) - _SEEN:  # each new character folded once; then one C-level pass
        _SEEN.add(c)
        if (f := _fold(c)) != c:
            _FOLDS[ord(c)] = f
    return simp.translate(_FOLDS)

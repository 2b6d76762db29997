"""Step ``sentences``: split the kept text into sentences at 。！？；and line ends."""

from __future__ import annotations

import re

from kg.pipeline.doc import Document, Sentence
from kg.pipeline.text import is_han

__all__ = ["split_sentences"]

_END = re.compile(r"[^。!?;\n]*(?:[。!?;]+[”’\"')]*|\n|$)")


_LINE_START = re.compile(r"[\s【\[(#*>\-+|·•0-9一二三四五六七八九十]")
_WRAP_MIN = 15  # a line wrapped inside a sentence is a long one


def _wrapped(text: str, nl: int) -> bool:
    """Whether the line ending at ``text[nl] == "\n"`` is hard-wrapped inside a sentence: long,
    ending in a character or a comma (not 。!?;: nor a closing quote), and followed at once by an
    unindented line that starts no heading or list item (a WeChat paste, a Markdown paragraph)."""
    start = text.rfind("\n", 0, nl) + 1
    line = text[start:nl].rstrip()
    if start == 0 or len(line) < _WRAP_MIN or not (is_han(line[-1]) or line[-1] in ",、"):
        return False
    nxt = text[nl + 1 : nl + 2]
    return bool(nxt) and nxt != "\n" and not _LINE_START.match(nxt)


def split_sentences(doc: Document) -> Document:
    dropped = doc.dropped
    out: list[Sentence] = []
    first_line = True
    joined = None  # where a sentence wrapped over lines started
    for m in _END.finditer(doc.norm):
        s, e = m.start(), m.end()
        if s == e:
            continue
        if joined is not None:
            s, joined = joined, None
        if doc.norm[e - 1 : e] == "\n" and not first_line and _wrapped(doc.norm, e - 1) \
                and not any(ds <= s < de for ds, de in dropped):
            joined = s
            continue
        text = doc.norm[s:e]
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        s, e = s + lead, e - trail
        if s >= e or any(ds <= s < de for ds, de in dropped):
            continue
        is_headline = first_line and not re.search(r"[。!?;]", doc.norm[s:e]) and e - s <= 60
        out.append(Sentence(len(out), s, e, headline=is_headline))
        if doc.norm[m.end() - 1 : m.end()] == "\n" or m.end() == len(doc.norm):
            first_line = False
        elif first_line:
            first_line = False
    doc.sentences = out
    return doc

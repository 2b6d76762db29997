"""Step ``sentences``: split the kept text into sentences at 。！？；and line ends."""

from __future__ import annotations

import re

from kg.pipeline.doc import Document, Sentence

__all__ = ["split_sentences"]

_END = re.compile(r"[^。!?;\n]*(?:[。!?;]+[”’\"')]*|\n|$)")


def split_sentences(doc: Document) -> Document:
    dropped = doc.dropped
    out: list[Sentence] = []
    first_line = True
    for m in _END.finditer(doc.norm):
        s, e = m.start(), m.end()
        if s == e:
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

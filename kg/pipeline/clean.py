"""Step ``clean``: mark boilerplate lines (site chrome, copyright, contacts) as dropped,
and read the article's date and year."""

from __future__ import annotations

import re

from kg.pipeline.doc import Document
from kg.rulebook import rulebook

__all__ = ["clean", "find_date"]

_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*年|(?=[\u4e00-\u9fff]))")


def find_date(text: str) -> tuple[str | None, int | None]:
    """The article's date (first full date in it) and year (from that date or the first year named)."""
    m = _FULL_DATE.search(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}", y
    m = _YEAR.search(text)
    return None, (int(m.group(1)) if m else None)


_LINKS = re.compile(r"^\s*(相关阅读|相关新闻|相关链接|推荐阅读|热点推荐|延伸阅读|更多阅读|猜你喜欢)")


def clean(doc: Document) -> Document:
    patterns = rulebook().boilerplate
    pos = 0
    links = False  # after 相关阅读: the short lines that follow are links to other articles
    for line in doc.norm.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        links = links and len(stripped) <= 50 and "。" not in stripped
        if links or any(p.match(stripped) for p in patterns):
            links = links or bool(_LINKS.match(stripped))
            doc.dropped.append((start, end))
            doc.trace.append(f"clean: dropped line {start}-{end}: {stripped[:40]}")
    kept = "\n".join(doc.norm[s:e] for s, e in _kept_spans(doc))
    doc.date, doc.year = find_date(kept)
    return doc


def _kept_spans(doc: Document):
    pos = 0
    for s, e in doc.dropped:
        if s > pos:
            yield pos, s
        pos = e
    if pos < len(doc.norm):
        yield pos, len(doc.norm)

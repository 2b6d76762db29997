"""Read articles from disk: find them, decode them, strip markup.

Encodings: UTF-8 (with or without BOM), GB18030 (a superset of GBK/GB2312) and Big5 are
recognised; anything else that does not decode cleanly is refused with a clear message.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError

__all__ = ["ARTICLE_SUFFIXES", "RawArticle", "find_articles", "read_article", "decode"]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_NOT_ARTICLES = ("README", "NOTES", "LICENSE", "CHANGELOG")  # a folder's own documentation


@dataclass(frozen=True)
class RawArticle:
    path: str
    text: str
    title: str
    sha1: str


def find_articles(paths: list[Path], recursive: bool = False) -> tuple[list[Path], list[str]]:
    """Return the article files under ``paths`` (sorted) and one problem line per bad path."""
    found: list[Path] = []
    problems: list[str] = []
    for p in paths:
        if p.is_dir():
            pattern = "**/*" if recursive else "*"
            files = sorted(f for f in p.glob(pattern) if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES
                           and not f.name.upper().startswith(_NOT_ARTICLES))
            if not files:
                problems.append(f"{p}: no articles (.txt, .md, .html) in this folder; pass files or another folder")
            found.extend(files)
        elif p.is_file():
            found.append(p)
        else:
            problems.append(f"{p}: no such file or folder")
    unique = sorted(dict.fromkeys(found), key=lambda f: str(f))
    return unique, problems


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: the file is empty; remove it or add the article text")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: looks like a binary file, not an article; pass .txt, .md or .html text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _mostly_text(text):
            return text
    raise InputError(f"{name}: cannot decode the file as UTF-8, GB18030/GBK or Big5; convert it to UTF-8")


def _mostly_text(text: str) -> bool:
    if not text:
        return False
    good = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return good / len(text) > 0.97 and han / len(text) > 0.2


class _TextExtractor(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
             "footer", "nav", "ul", "ol", "table", "title", "td", "dd", "dt", "blockquote", "figcaption"}
    SKIP = {"script", "style", "noscript", "template", "svg", "iframe"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._skip:
            return
        if self._in_title:
            self.title.append(data)
            return
        self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [ln.strip() for ln in text.splitlines()]
    text = "\n".join(ln for ln in lines if ln)
    return text, "".join(parser.title).strip()


def main_text(html: str) -> tuple[str, str]:
    """The article of a web page without its chrome (menus, related links, footers), by
    trafilatura; the page's own text when trafilatura finds nothing."""
    text, title = html_to_text(html)
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(html, favor_recall=True, include_comments=False, include_tables=True,
                                          with_metadata=True)
    except Exception:  # noqa: BLE001 - a page trafilatura cannot parse is read as plain markup
        doc = None
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or len(re.findall(r"[\u4e00-\u9fff]", body)) < 20:
        return text, title
    head = (getattr(doc, "title", None) or title or "").strip()
    if head and not body.lstrip().startswith(head):
        body = head + "\n" + body
    return body.strip(), head or title


_SENTENCE_END = "。！？!?；;：:”’」』)）】》…"


def _unwrap(text: str) -> str:
    """Join a paragraph hard-wrapped over several lines (copied pages, WeChat pastes, wrapped
    .md): a long line (not the first) that stops without a sentence end runs on into the next
    when that one follows right away with Chinese text, and either the line has punctuation
    inside (a sentence under way) or it ends in a character or a comma and the next line is
    not indented (a paragraph's next line, not a new paragraph)."""
    lines = text.split("\n")
    out = [lines[0]]
    for prev, line in zip(lines[1:], lines[2:] + [""]):
        out.append(prev)
        body = prev.rstrip()
        if not body.strip() or not line.strip() or len(body.strip()) < 15 or body[-1] in _SENTENCE_END:
            continue
        inside = re.search(r"[，,、。；]", body[:-1]) and re.match(r"[\u4e00-\u9fff“「]", line.lstrip())
        running = re.match(r"[\u4e00-\u9fff，,、]", body[-1]) and re.match(r"[\u4e00-\u9fff]", line)
        if inside or running:
            out[-1] = body + "\0"
    return "\n".join(out).replace("\0\n", "")


def read_article(path: Path) -> RawArticle:
    """Read one article. Raises :class:`InputError` with a one-line message when it cannot."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror}); check the path and permissions") from None
    text = decode(data, str(path))
    title = ""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm") or re.match(r"\s*(<!doctype|<html)", text, re.I):
        text, title = main_text(text)
    else:
        text = _COMMENT.sub("", text)
        if suffix == ".md":
            text = re.sub(r"(?m)^#{1,6}\s+", "", text)
        text = text.replace("&nbsp;", " ").replace("\r\n", "\n").replace("\r", "\n")
        if re.search(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", text):
            text = html.unescape(text)  # &amp; &ldquo; &#8220; left in copied page text
        text = _unwrap(text.strip("\n"))
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise InputError(f"{path}: no Chinese text found; kg reads Chinese news articles")
    if not title:
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return RawArticle(str(path), text, title[:200], hashlib.sha1(data).hexdigest())

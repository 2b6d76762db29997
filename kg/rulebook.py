"""Load the rule and word-list files shipped in ``kg/rules/``, validating them on load.

A malformed file raises :class:`kg.errors.RuleError` naming the file and line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

from kg.errors import RuleError
from kg.rdf.namespace import KG, RELATIONS

__all__ = ["Title", "Rule", "Rulebook", "rulebook", "load_rulebook", "FRAMES"]

FRAMES = ("lead", "visit", "meet_after", "meet_with", "brief", "accompany", "join_meeting", "founded", "pair", "unveil", "attend", "speak", "with_group", "visit_at", "locate", "held")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class Title:
    word: str
    names: str  # org | body | none
    body: str
    cls: str


@dataclass(frozen=True)
class Rule:
    name: str
    relation: str
    frame: str
    confidence: float
    triggers: tuple[str, ...]
    blockers: tuple[str, ...] = ()
    adjacent: bool = False
    closing: tuple[str, ...] = ()
    followed_by: tuple[str, ...] = ()  # the objects must be followed right away by one of these words
    whole_items: bool = False  # a visit's objects must be whole list items (察看了某地援建的项目: no place)
    requires_after: tuple[tuple[str, tuple[str, ...]], ...] = ()
    not_followed_by: tuple[str, ...] = ()
    destination_triggers: tuple[str, ...] = ()
    clause_blockers: tuple[str, ...] = ()  # anywhere before the trigger in its clause (邀请企业到某地考察)


@dataclass(frozen=True)
class Rulebook:
    titles: dict[str, Title]
    org_suffixes: dict[str, tuple[str, str]]  # suffix -> (class, strength)
    event_suffixes: dict[str, str]
    surnames: frozenset[str]
    name_syllables: frozenset[str]  # two-character elements of Tibetan names
    name_stops: tuple[str, ...]
    boundary_words: tuple[str, ...]
    generic_names: frozenset[str]
    venue_suffixes: tuple[str, ...]
    site_suffixes: tuple[str, ...]
    boilerplate: tuple[re.Pattern, ...]
    rules: tuple[Rule, ...]
    agreement_words: tuple[str, ...]

    @cached_property
    def name_stops_long(self) -> tuple[str, ...]:
        """The name stops of two characters or more (read on every name: computed once)."""
        return tuple(w for w in self.name_stops if len(w) > 1)


def _lines(path: Path) -> list[tuple[int, str]]:
    out = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((no, line.rstrip("\n")))
    return out


def _words(path: Path, han_only: bool = True) -> list[str]:
    words: list[str] = []
    for no, line in _lines(path):
        for w in line.split():
            if han_only and not _HAN.match(w):
                raise RuleError(f"{path.name}:{no}: {w!r} is not a word of Chinese characters")
            if w in words:
                raise RuleError(f"{path.name}:{no}: {w!r} is listed twice")
            words.append(w)
    return words


def _syllables(path: Path) -> list[str]:
    words = _words(path)
    for w in words:
        if len(w) != 2:
            raise RuleError(f"{path.name}: {w!r}: an element of a name has two characters")
    return words


def _table(path: Path, ncols: int) -> list[tuple[int, list[str]]]:
    rows = []
    for no, line in _lines(path):
        cols = line.split("\t")
        cols += [""] * (ncols - len(cols))
        if len(cols) != ncols or not cols[0]:
            raise RuleError(f"{path.name}:{no}: expected {ncols} tab-separated columns, got {line!r}")
        rows.append((no, [c.strip() for c in cols]))
    return rows


def _check_class(path: Path, no: int, cls: str) -> None:
    try:
        getattr(KG, cls)
    except AttributeError:
        raise RuleError(f"{path.name}:{no}: {cls!r} is not a class of the ontology") from None


def load_rulebook(folder: Path) -> Rulebook:
    titles: dict[str, Title] = {}
    p = folder / "titles.tsv"
    for no, (word, names, body, cls) in _table(p, 4):
        if names not in ("org", "body", "none"):
            raise RuleError(f"{p.name}:{no}: names must be org, body or none, not {names!r}")
        if names == "body":
            if not body:
                raise RuleError(f"{p.name}:{no}: a title that names a body needs the body")
            _check_class(p, no, cls)
        elif cls:
            _check_class(p, no, cls)
        if word in titles:
            raise RuleError(f"{p.name}:{no}: {word!r} is listed twice")
        titles[word] = Title(word, names, body, cls)

    org_suffixes: dict[str, tuple[str, str]] = {}
    p = folder / "org_suffixes.tsv"
    for no, (suffix, cls, strength) in _table(p, 3):
        _check_class(p, no, cls)
        if strength not in ("strong", "weak"):
            raise RuleError(f"{p.name}:{no}: strength must be strong or weak, not {strength!r}")
        org_suffixes[suffix] = (cls, strength)

    event_suffixes: dict[str, str] = {}
    p = folder / "event_suffixes.txt"
    for no, (suffix, cls) in _table(p, 2):
        _check_class(p, no, cls)
        event_suffixes[suffix] = cls

    boilerplate = []
    p = folder / "boilerplate.txt"
    for no, line in _lines(p):
        try:
            boilerplate.append(re.compile(line.strip()))
        except re.error as exc:
            raise RuleError(f"{p.name}:{no}: bad regular expression ({exc})") from None

    p = folder / "relations.json"
    try:
        spec = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RuleError(f"{p.name}: not valid JSON ({exc})") from None
    rules = []
    for i, r in enumerate(spec.get("rules", [])):
        where = f"{p.name}: rule {i} ({r.get('name', '?')})"
        if r.get("relation") not in RELATIONS:
            raise RuleError(f"{where}: unknown relation {r.get('relation')!r}")
        if r.get("frame") not in FRAMES:
            raise RuleError(f"{where}: unknown frame {r.get('frame')!r}; known: {', '.join(FRAMES)}")
        conf = r.get("confidence")
        if not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
            raise RuleError(f"{where}: confidence must be a number between 0 and 1")
        if not r.get("triggers"):
            raise RuleError(f"{where}: no trigger words")
        rules.append(Rule(
            name=r["name"], relation=r["relation"], frame=r["frame"], confidence=float(conf),
            triggers=tuple(sorted(r["triggers"], key=len, reverse=True)),
            blockers=tuple(r.get("blockers", ())), adjacent=bool(r.get("adjacent", False)),
            closing=tuple(r.get("closing", ())), whole_items=bool(r.get("whole_items", False)),
            followed_by=tuple(r.get("followed_by", ())),
            requires_after=tuple((k, tuple(v)) for k, v in sorted(r.get("requires_after", {}).items())),
            not_followed_by=tuple(r.get("not_followed_by", ())),
            destination_triggers=tuple(r.get("destination_triggers", ())),
            clause_blockers=tuple(r.get("clause_blockers", ())),
        ))
    return Rulebook(
        titles=titles,
        org_suffixes=org_suffixes,
        event_suffixes=event_suffixes,
        surnames=frozenset(_words(folder / "surnames.txt")),
        name_syllables=frozenset(_syllables(folder / "name_syllables.txt")),
        name_stops=tuple(sorted(_words(folder / "name_stops.txt"), key=len, reverse=True)),
        boundary_words=tuple(sorted(_words(folder / "boundary_words.txt"), key=len, reverse=True)),
        generic_names=frozenset(_words(folder / "generic_names.txt")),
        venue_suffixes=tuple(sorted(_words(folder / "venue_suffixes.txt"), key=len, reverse=True)),
        site_suffixes=tuple(sorted(_words(folder / "site_suffixes.txt"), key=len, reverse=True)),
        boilerplate=tuple(boilerplate),
        rules=tuple(rules),
        agreement_words=tuple(sorted(spec.get("agreement_words", []), key=len, reverse=True)),
    )


@cache
def rulebook() -> Rulebook:
    """The rulebook shipped with the package (loaded once)."""
    return load_rulebook(Path(str(resources.files("kg") / "rules")))

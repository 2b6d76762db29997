"""Refresh the README's figures: the evaluation section from `python -m kg.eval --markdown`
and the performance section from benchmarks/results/latest.json (when it exists)."""

from __future__ import annotations

import io
import json
import re
import sys
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def replace(text: str, marker: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {marker} -->\n).*?(\n<!-- /{marker} -->)", re.S)
    return pattern.sub(lambda m: m.group(1) + body.strip() + m.group(2), text)


def perf_markdown(d: dict) -> str:
    env = d.get("environment", {})
    lines = [f"Measured by `python -m benchmarks.run` ({d.get('mode')} run of {d.get('when', '')[:10]}, "
             f"{env.get('cpus')} cores, Python {env.get('python')}, pyoxigraph {env.get('pyoxigraph')}); "
             "see `benchmarks/README.md`." + (f" ({d['note']})" if d.get("note") else ""), "",
             "| figure | measured | target | met |", "|---|---|---|---|"]
    for f in d.get("figures", []):
        met = {True: "yes", False: "**no**", None: ""}[f.get("met")]
        lines.append(f"| {f['name']} | {f['measured']} | {f.get('target', '')} | {met} |")
    return "\n".join(lines)


def main() -> int:
    from kg.eval import main as evaluate

    buf = io.StringIO()
    with redirect_stdout(buf):
        evaluate(["--markdown"])
    readme = ROOT / "README.md"
    text = replace(readme.read_text(encoding="utf-8"), "eval", buf.getvalue())
    results = ROOT / "benchmarks" / "results" / "latest.json"
    if results.exists():
        text = replace(text, "perf", perf_markdown(json.loads(results.read_text(encoding="utf-8"))))
    readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

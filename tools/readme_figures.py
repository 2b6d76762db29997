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


def main() -> int:
    from kg.eval import main as evaluate

    buf = io.StringIO()
    with redirect_stdout(buf):
        evaluate(["--markdown"])
    readme = ROOT / "README.md"
    text = replace(readme.read_text(encoding="utf-8"), "eval", buf.getvalue())
    results = ROOT / "benchmarks" / "results" / "latest.json"
    if results.exists():
        from benchmarks import run

        if hasattr(run, "markdown_table"):
            text = replace(text, "perf", run.markdown_table(json.loads(results.read_text(encoding="utf-8"))))
    readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

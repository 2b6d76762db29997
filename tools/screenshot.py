"""Take a PNG screenshot of a kg network page (the output of ``kg.viz.render_html``) with headless chromium.

Usage: python tools/screenshot.py GRAPH_HTML OUT_PNG [--width 1400] [--height 900] [--wait-ms 5000]

Chromium runs with a throw-away profile, no network (dead proxy, a resolver that finds no host)
and ``--virtual-time-budget`` so the layout has settled when the picture is taken. Used for
the README's picture. Needs /usr/bin/chromium (``.ci/install-browser.sh``) or $CHROMIUM.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--hide-scrollbars", "--mute-audio",
    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
]


def screenshot(page: Path, out: Path, *, width: int = 1400, height: int = 900, wait_ms: int = 5000) -> Path:
    """Write a ``width``×``height`` PNG of ``page`` to ``out``; raise RuntimeError if chromium fails."""
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    if not chromium.exists():
        raise RuntimeError(f"chromium not found at {chromium}: run .ci/install-browser.sh or set $CHROMIUM")
    if not page.is_file():
        raise RuntimeError(f"no such page: {page}")
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-shot-") as profile:
        run = subprocess.run(
            [str(chromium), *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
             f"--virtual-time-budget={wait_ms}", f"--screenshot={out}", page.resolve().as_uri()],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300,
        )
    if not out.is_file():
        raise RuntimeError(f"chromium wrote no screenshot (exit {run.returncode}):\n{run.stderr[-2000:]}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path, help="the HTML page to draw")
    parser.add_argument("out", type=Path, help="the PNG file to write")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--wait-ms", type=int, default=5000, help="virtual time the page gets to settle")
    args = parser.parse_args(argv)
    try:
        out = screenshot(args.page, args.out, width=args.width, height=args.height, wait_ms=args.wait_ms)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A static picture of the cooperation flows between regions, for reports: PNG or SVG bytes.

:func:`render_flows` draws the region-level view of the network page (:mod:`kg.viz.regions`)
with matplotlib: the regions that take part in a flow sit on a circle, ordered by their
administrative code (so neighbouring provinces sit near each other); an arrow goes from the
origin region to the destination region of cooperation events, as wide as it has events and
labelled with their number; a node grows with the events on its sides, and events within one
region are counted under its name.

The output is a pure function of the graph: the same graph gives the same bytes (no date in
the metadata, a fixed SVG hash salt). Chinese needs a CJK font: the first of :data:`CJK_FONTS`
that matplotlib finds (Debian's fonts-noto-cjk gives "Noto Sans CJK SC"); without one the
picture is still drawn, with a warning, and Chinese shows as empty boxes.
"""

from __future__ import annotations

import colorsys
import functools
import io
import math
import warnings
from collections import defaultdict

from rdflib import Graph
from rdflib.term import Node

from kg.errors import ExportError
from kg.rdf.namespace import KG
from kg.viz.model import pick_labels
from kg.viz.regions import LEVEL_LABELS, LEVELS, flows
from kg.viz.tips import text_value

__all__ = ["FORMATS", "CJK_FONTS", "cjk_font", "render_flows"]

FORMATS = ("png", "svg")
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "Source Han Sans CN",
             "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback")
_FALLBACK_FONT = "DejaVu Sans"
_DPI = 150
_GOLDEN_DEGREES = 137.508
_RADIAL_LABELS = 36  # above this many regions, names are written along the radius


def _matplotlib():
    try:
        import matplotlib
        from matplotlib.figure import Figure
        from matplotlib.patches import FancyArrowPatch
    except ModuleNotFoundError as exc:
        raise ExportError("drawing a picture of the flows needs matplotlib: pip install matplotlib") from exc
    return matplotlib, Figure, FancyArrowPatch


@functools.cache
def cjk_font() -> str | None:
    """The name of the first font of CJK_FONTS that matplotlib knows, or None."""
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in known), None)


def _colour(index: int) -> tuple[float, float, float]:
    """The ``index``-th region colour, as on the page: golden-angle hue, 62 % saturation, 52 % lightness."""
    hue = (round(index * _GOLDEN_DEGREES) % 360) / 360
    return colorsys.hls_to_rgb(hue, 0.52, 0.62)


def _order_key(graph: Graph, region: Node) -> tuple[int, str, str, str]:
    code = text_value(graph, region, KG.adminCode)
    label = pick_labels(graph, region)[0]
    return (0, code, label, str(region)) if code else (1, "", label, str(region))


def render_flows(graph: Graph, fmt: str = "png", level: str = "province") -> bytes:
    """The cooperation flows between regions at ``level`` ("province" or "city") as a PNG or SVG picture."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown picture format {fmt!r}: use one of {', '.join(FORMATS)}")
    if level not in LEVELS:
        raise ExportError(f"unknown region level {level!r}: use one of {', '.join(LEVELS)}")
    matplotlib, Figure, FancyArrowPatch = _matplotlib()
    font = cjk_font()
    if font is None:
        warnings.warn(f"no CJK font found (looked for {', '.join(CJK_FONTS)}): Chinese labels will show as "
                      "empty boxes; install one, e.g. apt-get install fonts-noto-cjk", stacklevel=2)

    level_flows = flows(graph, level)
    between = [f for f in level_flows if f.origin != f.destination]
    within: dict[Node, int] = defaultdict(int)
    total: dict[Node, int] = defaultdict(int)
    for f in level_flows:
        if f.origin == f.destination:
            within[f.origin] += f.weight
            total[f.origin] += f.weight
        else:
            total[f.origin] += f.weight
            total[f.destination] += f.weight
    regions = sorted(total, key=lambda r: _order_key(graph, r))
    n = len(regions)
    angle = {r: math.pi / 2 - 2 * math.pi * i / max(n, 1) for i, r in enumerate(regions)}
    xy = {r: (math.cos(a), math.sin(a)) for r, a in angle.items()}
    by_label = sorted(regions, key=lambda r: (pick_labels(graph, r)[0], str(r)))
    colour = {r: _colour(i) for i, r in enumerate(by_label)}

    zh, en = LEVEL_LABELS[level]
    radial = n > _RADIAL_LABELS
    label_size = max(6.0, min(11.0, 400 / max(n, 1)))
    events = {e for f in level_flows for e in f.events}
    rc = {"svg.hashsalt": "kg", "svg.fonttype": "path", "font.family": [font or _FALLBACK_FONT],
          "axes.unicode_minus": False}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(10, 10), dpi=_DPI)
        ax = fig.add_axes((0.02, 0.04, 0.96, 0.88))
        ax.set_xlim(-1.45, 1.45)
        ax.set_ylim(-1.45, 1.45)
        ax.set_aspect("equal")
        ax.axis("off")
        fig.suptitle(f"跨地区合作流向 cooperation flows · {zh} {en}", fontsize=15, y=0.97)
        fig.text(0.5, 0.935, f"{len(events)} 个合作事件 events · {len(between)} 条流向 flows between regions · "
                 "箭头宽度 = 事件数 arrow width = events", ha="center", fontsize=9, color="#555555")
        if not regions:
            ax.text(0, 0, "没有跨地区合作事件 no cooperation flows between regions", ha="center", va="center",
                    fontsize=13, color="#777777")
        for f in between:
            (x1, y1), (x2, y2) = xy[f.origin], xy[f.destination]
            width = min(9.0, 0.6 + 1.4 * math.sqrt(f.weight))  # 1 → 2, 4 → 3.4, 16 → 6.2
            ax.add_patch(FancyArrowPatch(
                (x1, y1), (x2, y2), connectionstyle="arc3,rad=0.18", arrowstyle="-|>",
                mutation_scale=8 + 2.5 * width, linewidth=width, color=colour[f.origin], alpha=0.62,
                shrinkA=9, shrinkB=11, zorder=1))
            if f.weight > 1 or len(between) <= 30:  # the number at the middle of the arc
                mx, my = (x1 + x2) / 2 + 0.09 * (y2 - y1), (y1 + y2) / 2 - 0.09 * (x2 - x1)
                ax.text(mx, my, str(f.weight), ha="center", va="center", fontsize=8, color="#333333", zorder=3,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
        for r in regions:
            x, y = xy[r]
            ax.scatter([x], [y], s=60 + 50 * math.sqrt(total[r]), color=colour[r], edgecolors="white",
                       linewidths=1.2, zorder=2)
            text = pick_labels(graph, r)[0] + (f"\n区内 within {within[r]}" if within[r] else "")
            a = angle[r]
            if radial:  # many regions: names along the radius, so neighbours do not overlap
                right = math.cos(a) >= 0
                ax.text(1.07 * math.cos(a), 1.07 * math.sin(a), text.replace("\n", " "), fontsize=label_size,
                        zorder=3, rotation=math.degrees(a) if right else math.degrees(a) + 180,
                        rotation_mode="anchor", ha="left" if right else "right", va="center")
            else:
                ax.text(1.1 * math.cos(a), 1.1 * math.sin(a), text, fontsize=label_size, zorder=3,
                        ha="left" if math.cos(a) > 0.2 else "right" if math.cos(a) < -0.2 else "center",
                        va="bottom" if math.sin(a) > 0.2 else "top" if math.sin(a) < -0.2 else "center")
        out = io.BytesIO()
        with warnings.catch_warnings():
            if font is None:  # said once above, not once per missing glyph
                warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
            if fmt == "svg":
                fig.savefig(out, format="svg", metadata={"Date": None})
            else:
                fig.savefig(out, format="png", dpi=_DPI, metadata={"Software": None})
    return out.getvalue()
